//! The hoisted plan (bulk evaluation) and the flat plan (explanations, other dates) must decide
//! every pair alike, or an explanation could contradict the decision it explains.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use mutasi::ast::InputKind;
use mutasi::data::{self, Format};
use mutasi::date::Date;
use mutasi::eval::interp::{Cx, Evaluator, NoTrace};
use mutasi::eval::{Engine, Outcome, Positions, Session, decide};
use mutasi::source::SourceFile;
use mutasi::symbols::Symbols;

/// The employees and positions of two YAML texts (name, text), which must be valid.
fn read_tables(
    sources: &mut mutasi::source::SourceSet,
    rules: &mutasi::check::CheckedRules,
    symbols: &mut Symbols,
    [employees, positions]: [(String, String); 2],
) -> Vec<data::Table> {
    [
        (employees, InputKind::Employee),
        (positions, InputKind::Position),
    ]
    .into_iter()
    .map(|((name, text), kind)| {
        let file = sources.add(SourceFile::new(name, text));
        let (table, problems) =
            data::read(sources, file, Format::Yaml, kind, &rules.schema, symbols);
        assert!(problems.is_empty());
        table
    })
    .collect()
}

#[test]
fn hoisted_and_flat_plans_decide_alike() {
    let (mut sources, checked) = common::reference_rules();
    let rules = &checked.rules;
    let mut symbols = Symbols::new();
    let text = |name: &str| {
        let path = common::root().join(format!("tests/data/kota_kecil/{name}.yaml"));
        (
            common::relative(&path),
            std::fs::read_to_string(&path).unwrap(),
        )
    };
    let tables = read_tables(
        &mut sources,
        rules,
        &mut symbols,
        [text("pegawai"), text("formasi")],
    );
    for as_of in ["2026-11-27", "2028-02-29", "2025-03-01"] {
        let as_of = Date::parse(as_of).unwrap();
        let engine = Engine::new(rules, &mut symbols, as_of, i64::from(as_of.year()) - 1);
        let (employees, positions) = (&tables[0].records, &tables[1].records);
        let slots = engine.position_slots(&symbols, positions);
        let mut session = Session::new(&engine, &symbols);
        let flat = Evaluator::new(&engine.flat, &symbols);
        let mut cx = Cx::new(&engine.flat);
        for employee in employees {
            session.employee(employee);
            cx.employee = Some(&employee.fields);
            for (position, slots) in positions.iter().zip(&slots) {
                let mut bulk = Outcome::empty();
                session.decide(position, slots, &mut bulk);
                cx.position = Some(&position.fields);
                cx.new_pair();
                let mut plain = Outcome::empty();
                decide::decide(
                    &flat,
                    &engine.flat.requirements,
                    &mut cx,
                    &mut NoTrace,
                    &mut plain,
                );
                plain.eligible_from = bulk.eligible_from;
                assert_eq!(
                    bulk, plain,
                    "{as_of}: employee {} position {}",
                    employee.origin.index, position.origin.index
                );
            }
        }
    }
}

/// Bulk evaluation computes each unit once per employee and group of positions that agree on
/// what it reads, and `eligible_from` from per-group timelines; it must give, pair by pair,
/// what deciding every pair from scratch gives.
#[test]
fn grouped_decisions_equal_pair_by_pair_decisions() {
    let (mut sources, checked) = common::reference_rules();
    let rules = &checked.rules;
    let options = mutasi::generate::Options {
        employees: 1000,
        positions: 60,
        seed: 11,
        as_of: Date::parse("2026-11-27").unwrap(),
    };
    let mut employees_text = Vec::new();
    mutasi::generate::write_employees(
        &options,
        mutasi::generate::Format::Yaml,
        &mut employees_text,
    )
    .unwrap();
    let mut positions_text = Vec::new();
    mutasi::generate::write_positions(
        &options,
        mutasi::generate::Format::Yaml,
        &mut positions_text,
    )
    .unwrap();
    let mut symbols = Symbols::new();
    let tables = read_tables(
        &mut sources,
        rules,
        &mut symbols,
        [
            (
                "pegawai.yaml".into(),
                String::from_utf8(employees_text).unwrap(),
            ),
            (
                "formasi.yaml".into(),
                String::from_utf8(positions_text).unwrap(),
            ),
        ],
    );
    let (employees, positions) = (&tables[0].records, &tables[1].records);
    // On the data's date, half a year on, and on a 29 February; the data's last SKP year.
    for as_of in ["2026-11-27", "2027-06-30", "2028-02-29"] {
        let as_of = Date::parse(as_of).unwrap();
        let engine = Engine::new(rules, &mut symbols, as_of, 2025);
        let mut grouped = Positions::new(&engine, &symbols, positions);
        grouped.tabulate(&engine, &symbols, employees, None);
        // Units read from the grid as well as from the memo: those that read a few fields of
        // the employee (current position, education, rank, interests) are tabulated.
        let tabulated: Vec<usize> = grouped.grid.tabulated().collect();
        assert!(tabulated.len() >= 5, "{as_of}: tabulated {tabulated:?}");
        let mut memoised = Session::new(&engine, &symbols);
        let mut fresh = Session::new(&engine, &symbols);
        let mut checked_eligible_from = 0;
        for employee in employees {
            memoised.employee(employee);
            fresh.employee(employee);
            for (index, position) in positions.iter().enumerate() {
                let mut a = Outcome::empty();
                memoised.decide_in(&grouped, index, &mut a);
                let mut b = Outcome::empty();
                fresh.decide(position, &grouped.slots[index], &mut b);
                assert_eq!(
                    a, b,
                    "{as_of}: employee {} position {}",
                    employee.origin.index, position.origin.index
                );
                checked_eligible_from += usize::from(a.eligible_from.is_some());
            }
        }
        // The comparison covered dates found, not only their absence.
        assert!(
            checked_eligible_from > 500,
            "{as_of}: {checked_eligible_from}"
        );
    }
}

/// The units whose value carries from one group of positions to another (`memo::Carried`) are
/// those that read a single position field and only test it for equality: in the reference
/// policy `posisi_berbeda` (`formasi.id`) and the `pengalaman_bidang` part (`formasi.bidang`).
/// A unit that reads its field any other way (`formasi.sertifikat_wajib`, iterated) is not.
#[test]
fn units_that_only_compare_a_position_field_are_recognised() {
    let (_, checked) = common::reference_rules();
    let rules = &checked.rules;
    let mut symbols = Symbols::new();
    let engine = Engine::new(
        rules,
        &mut symbols,
        Date::parse("2026-11-27").unwrap(),
        2025,
    );
    let requirement_names = engine
        .hoisted
        .requirements
        .iter()
        .map(|&rule| rules.rules[rule as usize].id.clone());
    let prerequisite_names = rules.prerequisites.iter().map(|p| p.id.clone());
    let (_, decision) = rules.pair_decision().unwrap();
    let score = rules.score(decision.score.unwrap()).unwrap();
    let part_names = score.parts.iter().map(|p| p.name.clone());
    let names: Vec<String> = requirement_names
        .chain(prerequisite_names)
        .chain(part_names)
        .collect();
    assert_eq!(names.len(), engine.compared_only.len());
    let compared: Vec<&str> = names
        .iter()
        .zip(&engine.compared_only)
        .filter(|(_, compared)| **compared)
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(compared, ["posisi_berbeda", "pengalaman_bidang"]);
}
