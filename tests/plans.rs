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
use mutasi::eval::grid::Row;
use mutasi::eval::interp::{Cx, Evaluator, NoTrace};
use mutasi::eval::plan::{ByField, Node, NodeKind, QuantifierNode};
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

/// A small policy of its own (`rules`), compiled for 2026-11-27 and assessment year 2025, with
/// the employees and positions of two YAML texts (`orang.yaml`, `pos.yaml`), all of which must
/// be valid, interned into the symbols returned.
fn small_policy(
    rules: &str,
    employees: String,
    positions: String,
) -> (Engine, Symbols, Vec<data::Table>) {
    let mut sources = mutasi::source::SourceSet::new();
    sources.add(SourceFile::new("kecil.mutasi", rules.to_string()));
    let (ast, problems) = mutasi::syntax::parse(&sources);
    assert!(!problems.has_errors(), "{problems:?}");
    let checked = mutasi::check::check(&ast, &sources).unwrap_or_else(|p| panic!("{p:?}"));
    let mut symbols = Symbols::new();
    let tables = read_tables(
        &mut sources,
        &checked.rules,
        &mut symbols,
        [
            ("orang.yaml".into(), employees),
            ("pos.yaml".into(), positions),
        ],
    );
    let engine = compiled(&checked.rules, &mut symbols);
    (engine, symbols, tables)
}

/// The engine of `rules` for 2026-11-27 and assessment year 2025.
fn compiled(rules: &mutasi::check::CheckedRules, symbols: &mut Symbols) -> Engine {
    Engine::new(rules, symbols, Date::parse("2026-11-27").unwrap(), 2025)
}

/// The codes whose place `c` among `codes` passes `keep`, as a YAML list's items.
fn codes_where(codes: &[&str], keep: impl Fn(usize) -> bool) -> String {
    let kept: Vec<&str> = codes
        .iter()
        .enumerate()
        .filter(|(c, _)| keep(*c))
        .map(|(_, code)| *code)
        .collect();
    kept.join(", ")
}

/// The reference policy, and the employees and positions of `dir`'s `pegawai.yaml` and
/// `formasi.yaml` (which must be valid), interned into the symbols returned.
fn reference_with(dir: &str) -> (mutasi::check::Checked, Symbols, Vec<data::Table>) {
    let (mut sources, checked) = common::reference_rules();
    let mut symbols = Symbols::new();
    let text = |name: &str| {
        let path = common::root().join(format!("{dir}/{name}.yaml"));
        (
            common::relative(&path),
            std::fs::read_to_string(&path).unwrap(),
        )
    };
    let tables = read_tables(
        &mut sources,
        &checked.rules,
        &mut symbols,
        [text("pegawai"), text("formasi")],
    );
    (checked, symbols, tables)
}

/// The reference policy, and a city drawn by `mutasi generate` (seed 11, as of 2026-11-27),
/// interned into the symbols returned.
fn generated_city(
    employees: usize,
    positions: usize,
) -> (mutasi::check::Checked, Symbols, Vec<data::Table>) {
    let (mut sources, checked) = common::reference_rules();
    let options = mutasi::generate::Options {
        employees,
        positions,
        seed: 11,
        as_of: Date::parse("2026-11-27").unwrap(),
    };
    let (mut employees_text, mut positions_text) = (Vec::new(), Vec::new());
    let yaml = mutasi::generate::Format::Yaml;
    mutasi::generate::write_employees(&options, yaml, &mut employees_text).unwrap();
    mutasi::generate::write_positions(&options, yaml, &mut positions_text).unwrap();
    let mut symbols = Symbols::new();
    let tables = read_tables(
        &mut sources,
        &checked.rules,
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
    (checked, symbols, tables)
}

/// The units the engine tabulates by the employee's entries (`plan::reads::Keyed`).
fn keyed_units(engine: &Engine) -> Vec<usize> {
    (0..engine.keyed.len())
        .filter(|&unit| engine.keyed[unit].is_some())
        .collect()
}

#[test]
fn hoisted_and_flat_plans_decide_alike() {
    let (checked, mut symbols, tables) = reference_with("tests/data/kota_kecil");
    let rules = &checked.rules;
    for as_of in ["2026-11-27", "2028-02-29", "2025-03-01"] {
        let as_of = Date::parse(as_of).unwrap();
        let engine = Engine::new(rules, &mut symbols, as_of, i64::from(as_of.year()) - 1);
        let (employees, positions) = (&tables[0].records, &tables[1].records);
        decide_every_pair_three_ways(&engine, &symbols, employees, positions, |e, p, ways| {
            let at = format!(
                "{as_of}: employee {} position {}",
                e.origin.index, p.origin.index
            );
            assert_eq!(ways[0], ways[1], "{at}");
            assert_eq!(ways[0], ways[2], "{at}");
        });
    }
}

/// Decides every pair three ways and hands them to `check` with the pair: in bulk
/// (`Session::decide`, the hoisted plan), and by the flat plan without a tracer and with one
/// that is on (`EveryNode`: every node evaluated, no shortcut). `eligible_from` is the bulk
/// one in all three: the flat plan's decision leaves it out.
fn decide_every_pair_three_ways(
    engine: &Engine,
    symbols: &Symbols,
    employees: &[data::Record],
    positions: &[data::Record],
    mut check: impl FnMut(&data::Record, &data::Record, &[Outcome; 3]),
) {
    let slots = engine.position_slots(symbols, positions);
    let mut session = Session::new(engine, symbols);
    let flat = Evaluator::new(&engine.flat, symbols);
    let mut cx = Cx::new(&engine.flat);
    let requirements = &engine.flat.requirements;
    for employee in employees {
        session.employee(employee);
        cx.employee = Some(&employee.fields);
        for (position, slots) in positions.iter().zip(&slots) {
            let mut ways = [Outcome::empty(), Outcome::empty(), Outcome::empty()];
            session.decide(position, slots, &mut ways[0]);
            cx.position = Some(&position.fields);
            cx.new_pair();
            decide::decide(&flat, requirements, &mut cx, &mut NoTrace, &mut ways[1]);
            cx.new_pair();
            decide::decide(&flat, requirements, &mut cx, &mut EveryNode, &mut ways[2]);
            let eligible_from = ways[0].eligible_from;
            for outcome in &mut ways[1..] {
                outcome.eligible_from = eligible_from;
            }
            check(employee, position, &ways);
        }
    }
}

/// Bulk evaluation computes each unit once per employee and group of positions that agree on
/// what it reads, and `eligible_from` from per-group timelines; it must give, pair by pair,
/// what deciding every pair from scratch gives.
#[test]
fn grouped_decisions_equal_pair_by_pair_decisions() {
    let (checked, mut symbols, tables) = generated_city(1000, 60);
    let rules = &checked.rules;
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
        // Pair by pair, and with every quantifier element evaluated for every pair.
        let mut fresh = Session::new(&engine, &symbols).keeping_elements(false);
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

/// The competency part reads the employee only as `pegawai.kompetensi[nama]`, so its table is
/// filled by the entries each employee has for each column's keys (`plan::reads::Keyed`): each
/// cell's value is found once per set of entries. Every cell must be the part as computed for
/// the pair alone. The table is kept even where no two employees share their entries (here
/// more than the 1,024 employees the grid samples first; before 2026-11-29 a keyed unit needed
/// at most three kinds for every four employees, and the example city's competency part went
/// to the memo, evaluated pair by pair).
#[test]
fn a_keyed_table_holds_the_part_computed_pair_by_pair() {
    let (checked, mut symbols, mut tables) = generated_city(1100, 40);
    make_competencies_unique(&mut tables[0].records, &checked.rules.schema);
    let (employees, positions) = (&tables[0].records, &tables[1].records);
    let as_of = Date::parse("2026-11-27").unwrap();
    let engine = Engine::new(&checked.rules, &mut symbols, as_of, 2025);
    let plan = &engine.hoisted;
    let competency = plan.requirements.len() + plan.prerequisites.len() + 1;
    assert_eq!(
        keyed_units(&engine),
        [competency],
        "only the competency part is keyed"
    );
    let mut grouped = Positions::new(&engine, &symbols, positions);
    grouped.tabulate(&engine, &symbols, employees, None);
    let tabulated: Vec<usize> = grouped.grid.tabulated().collect();
    assert!(tabulated.contains(&competency), "{tabulated:?}");
    let mut fresh = Session::new(&engine, &symbols).keeping_elements(false);
    let mut points_seen = std::collections::BTreeSet::new();
    let mut rows = std::collections::BTreeSet::new();
    for (index, employee) in employees.iter().enumerate() {
        let Some(Row::Points(row)) = grouped.grid.row(competency, index) else {
            panic!("employee {index} has no row");
        };
        rows.insert(row.as_ptr());
        fresh.employee(employee);
        for (at, position) in positions.iter().enumerate() {
            let mut outcome = Outcome::empty();
            fresh.decide(position, &grouped.slots[at], &mut outcome);
            let column = grouped.groups_of(at)[competency] as usize;
            assert_eq!(
                i64::from(row[column]),
                outcome.parts[1],
                "employee {index} position {at}"
            );
            points_seen.insert(row[column]);
        }
    }
    // Employees with none of a position's competencies (0 points), some and all (30).
    assert!(points_seen.len() > 10, "{points_seen:?}");
    assert_eq!(rows.len(), employees.len());
}

/// Gives each employee a `kompetensi` map no other has: entries for five of the competencies
/// the employees name, valued by the digits of the employee's index in base 5 (1 to 5).
fn make_competencies_unique(employees: &mut [data::Record], schema: &mutasi::schema::Schema) {
    let input = schema.input(InputKind::Employee).unwrap();
    let record = schema.record(input.record).unwrap();
    let field = record.field_index("kompetensi").unwrap();
    let mut names = Vec::new();
    for employee in employees.iter() {
        if let data::Datum::Map(entries) = &employee.fields[field] {
            for (name, _) in entries.iter() {
                if !names.contains(name) {
                    names.push(*name);
                }
            }
        }
    }
    assert!(names.len() >= 5, "{names:?}");
    assert!(employees.len() <= 5usize.pow(5));
    for (index, employee) in employees.iter_mut().enumerate() {
        let entries = names[..5]
            .iter()
            .enumerate()
            .map(|(digit, name)| {
                let level = index / 5usize.pow(digit as u32) % 5 + 1;
                (*name, data::Datum::Int(level as i64))
            })
            .collect();
        employee.fields[field] = data::Datum::Map(entries);
    }
}

/// The units whose value carries from one group of positions to another (`memo::Carried`) are
/// those that read a single position field and only test it for equality: in the reference
/// policy `posisi_berbeda` (`formasi.id`) and the `pengalaman_bidang` part (`formasi.bidang`).
/// A unit that reads its field any other way (`formasi.sertifikat_wajib`, iterated) is not.
#[test]
fn units_that_only_compare_a_position_field_are_recognised() {
    let (_, checked, engine) = reference_engine();
    let rules = &checked.rules;
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

/// A value carried to the groups whose field was not compared (`memo::Carried`) skips the
/// groups it was: found by text where the field holds stored texts (`Positions::groups_named`),
/// by comparing each group's field otherwise (here an integer), and never set in a group whose
/// field is absent (its comparisons are unknown). Every pair must come out as decided alone.
#[test]
fn carried_values_skip_the_groups_compared_whatever_the_field_holds() {
    let rules = r#"
record Jab { kelas: integer  unit: text }
record Orang { id: text  riwayat: list of Jab }
record Pos { id: text  kelas: optional integer  unit: optional text }
employee orang: Orang key id
position pos: Pos key id

rule pernah "pernah di unit" basis "b"
  requires any j in orang.riwayat: j.unit == pos.unit
score s "s"
  part unit "unit" max 9 = count j in orang.riwayat where j.unit == pos.unit
  part kelas "kelas" max 9 = 2 * (count j in orang.riwayat where j.kelas == pos.kelas)
decision k "k" for orang, pos
  requirements pernah
  scored by s
"#;
    let units = ["u0", "u1", "u2", "u3"];
    let mut employees = String::new();
    for id in 0..24usize {
        let posts: Vec<String> = (0..id % 4)
            .map(|n| {
                let (unit, kelas) = (units[(id + n) % 4], (id * 3 + n) % 5);
                format!("{{kelas: {kelas}, unit: {unit}}}")
            })
            .collect();
        employees.push_str(&format!("- id: e{id}\n  riwayat: [{}]\n", posts.join(", ")));
    }
    let mut positions = String::new();
    for j in 0..12usize {
        // Every fifth position has no unit and every fourth no class: their groups' fields
        // are absent.
        let unit = if j % 5 == 2 {
            String::new()
        } else {
            format!("\n  unit: {}", units[j % 4])
        };
        let kelas = if j % 4 == 1 {
            String::new()
        } else {
            format!("\n  kelas: {}", j % 5)
        };
        positions.push_str(&format!("- id: p{j}{unit}{kelas}\n"));
    }
    let (engine, symbols, tables) = small_policy(rules, employees, positions);
    let (employees, positions) = (&tables[0].records, &tables[1].records);
    assert_eq!(engine.compared_only, [true, true, true]);
    let grouped = Positions::new(&engine, &symbols, positions);
    let decisions =
        bulk_agrees_with_every_element(&engine, &symbols, &grouped, &grouped, employees);
    assert_eq!(
        decisions.into_iter().collect::<Vec<_>>(),
        ["Eligible", "NeedsReview", "NotEligible"]
    );
}

/// A quantifier is separable when its collection reads the position and its filter and body
/// read nothing of the position but the element: in the reference policy, the competency sums
/// over `formasi.kompetensi` and `sertifikat_wajib`'s `all c in formasi.sertifikat_wajib:
/// memiliki(c)`. The education part's `any p in pegawai.pendidikan: p.jurusan in
/// formasi.jurusan_sesuai` iterates the employee's list and reads the position in its body:
/// it must not be.
#[test]
fn quantifiers_that_read_the_position_only_through_their_element_are_separable() {
    let (sources, _, engine) = reference_engine();
    let roots = plan_roots(&engine.hoisted);
    let mut found = Vec::new();
    for root in roots {
        quantifiers_where(root, &|q| q.separable, &mut found);
    }
    insta::assert_debug_snapshot!(texts_of(&sources, &found));
}

/// `any t in c: t.f == k and rest` and `t.f in list` test one field of the element against a
/// value that does not depend on it: without a tracer, the value is computed once and each
/// element's field tested against it directly (`QuantifierNode::by_field`). In the reference
/// policy, `memiliki(kode)` and the quantifiers over the employee's education.
#[test]
fn quantifiers_that_test_one_field_of_the_element_are_recognised() {
    let (sources, _, engine) = reference_engine();
    for plan in [&engine.hoisted, &engine.flat] {
        let shape = |wanted: fn(ByField) -> bool| {
            quantifier_texts(&sources, plan, &|q| q.by_field.is_some_and(wanted))
        };
        assert_eq!(
            shape(|by| matches!(by, ByField::EqualAnd(_))),
            ["any t in pegawai.pelatihan: t.kode == kode and berlaku(t)"]
        );
        assert_eq!(
            shape(|by| matches!(by, ByField::InList(_))),
            [
                "any p in pegawai.pendidikan: p.jurusan in formasi.jurusan_sesuai",
                "any p in pegawai.pendidikan: p.rumpun in formasi.rumpun_pendidikan",
            ]
        );
    }
}

/// A filter that tests one field of the element against a value that does not depend on it,
/// in place or as the body of a definition called with the element alone, is recognised
/// (`QuantifierNode::filter_by_field`): without a tracer, the value is computed once, each
/// element's field tested against it directly, and the element bound only where the filter
/// may hold. In the reference policy, `predikat_skp`'s year and `hari_menjabat`'s `cocok`
/// where it is `bidang_formasi` (`j.bidang == formasi.bidang`) or one of the `in` tests; not
/// `pimpinan_atau_fungsional_tinggi`, an `or`, nor `memiliki_kepemimpinan`'s `in` an enum.
#[test]
fn filters_that_test_one_field_of_the_element_are_recognised() {
    let (sources, _, engine) = reference_engine();
    for plan in [&engine.hoisted, &engine.flat] {
        let shape = |wanted: fn(ByField) -> bool| {
            quantifier_texts(&sources, plan, &|q| q.filter_by_field.is_some_and(wanted))
        };
        assert_eq!(
            shape(|by| matches!(by, ByField::Equal(_))),
            [
                "(sum r in pegawai.riwayat_jabatan where cocok(r): lama(r.mulai, r.selesai))",
                "first s in pegawai.skp where s.tahun == tahun_skp: s.predikat",
                "first s in pegawai.skp where s.tahun == tahun_skp_terakhir: s.predikat",
            ]
        );
        assert_eq!(
            shape(|by| matches!(by, ByField::InList(_))),
            ["(sum r in pegawai.riwayat_jabatan where cocok(r): lama(r.mulai, r.selesai))"]
        );
    }
}

/// A filter tested by field (`QuantifierNode::filter_by_field`) gives what evaluating the
/// filter, and the body where it may hold, for every element gives, in every case of
/// three-valued logic: the field absent, the compared value absent, `in` and `not in`, in
/// place and through a definition called with the element, in `sum`, `count`, `all`, `any`,
/// `first` and `max`. Decided without a tracer (the shortcut) and with one that is on (every
/// node), by the flat plan, and in bulk by the hoisted plan, every pair alike.
#[test]
fn filtering_by_one_field_decides_as_evaluating_every_node() {
    let rules = r#"
record Jabatan { jenis: optional text  bidang: optional text  jumlah: integer }
record Nilai { tahun: optional integer  predikat: integer }
record Orang { id: text  riwayat: list of Jabatan  nilai: list of Nilai }
record Pos { id: text  bidang: optional text  tahun: optional integer  daftar: list of text }
employee orang: Orang key id
position pos: Pos key id

define sebidang(j) = j.bidang == pos.bidang
define terdaftar(j) = j.jenis in pos.daftar
define tak_terdaftar(j) = j.jenis not in pos.daftar
define pokok(j) = j.jenis in {"a", "b"}
define total(cocok) = sum r in orang.riwayat where cocok(r): r.jumlah
define nilai_tahun(t: integer) = first n in orang.nilai where n.tahun == t: n.predikat

rule bidang "bidang" basis "b" requires total(sebidang) >= 10
rule terdaftar_ada "terdaftar ada" basis "b"
  requires (count r in orang.riwayat where terdaftar(r)) >= 1
rule luar "luar" basis "b" requires all r in orang.riwayat where tak_terdaftar(r): r.jumlah < 20
rule nilai "nilai" basis "b" requires nilai_tahun(pos.tahun) >= 3
rule langsung "langsung" basis "b"
  requires any r in orang.riwayat where r.bidang == pos.bidang: r.jenis == "a"
score s "s"
  part pokok "pokok" max 100 = total(pokok)
  part terbanyak "terbanyak" max 100 =
    (max r in orang.riwayat where r.jenis not in pos.daftar: r.jumlah) otherwise 0
decision k "k" for orang, pos
  requirements bidang, terdaftar_ada, luar, nilai, langsung
  scored by s
"#;
    // Each employee's posts (a kind or none, a bidang or none, some days) and scores (a year
    // or none).
    let kinds = ["\n    jenis: a", "\n    jenis: b", "\n    jenis: c", ""];
    let fields = ["", "\n    bidang: x", "\n    bidang: y"];
    let mut employees = String::new();
    for id in 0..54usize {
        employees.push_str(&format!("- id: e{id}"));
        push_list(&mut employees, "riwayat", id % 4, |t| {
            let (kind, field) = (kinds[(id / 4 + t) % 4], fields[(id / 3 + t) % 3]);
            let days = [5, 12, 25][(id / 9 + t) % 3];
            format!("jumlah: {days}{kind}{field}")
        });
        push_list(&mut employees, "nilai", id % 3, |s| {
            let year = ["", "\n    tahun: 2024", "\n    tahun: 2025"][(id / 2 + s) % 3];
            let points = [2, 4][(id / 6 + s) % 2];
            format!("predikat: {points}{year}")
        });
        employees.push('\n');
    }
    let mut positions = String::new();
    for j in 0..6usize {
        let field = ["", "\n  bidang: x", "\n  bidang: y"][j % 3];
        let year = ["\n  tahun: 2024", "", "\n  tahun: 2025"][j / 2];
        let list = ["[a]", "[b, c]", "[]"][j % 3];
        positions.push_str(&format!("- id: p{j}{field}{year}\n  daftar: {list}\n"));
    }
    let (engine, symbols, tables) = small_policy(rules, employees, positions);
    let (employees, positions) = (&tables[0].records, &tables[1].records);
    // The policy's filters are all tested by field, in both plans.
    for plan in [&engine.hoisted, &engine.flat] {
        let mut filtered = Vec::new();
        for root in plan_roots(plan) {
            quantifiers_where(root, &|q| q.filter.is_some(), &mut filtered);
        }
        let mut by_field = Vec::new();
        for root in plan_roots(plan) {
            quantifiers_where(root, &|q| q.filter_by_field.is_some(), &mut by_field);
        }
        assert!(filtered.len() >= 6);
        assert_eq!(filtered.len(), by_field.len());
    }
    let (truths, parts) = decide_alike_covering(&engine, &symbols, employees, positions);
    // The data make every rule true, false and unknown somewhere, and sum more than one post.
    assert_eq!(truths, vec![[true; 3]; 5]);
    assert!(
        parts
            .iter()
            .any(|points| !matches!(points.first(), Some(0 | 5 | 12 | 25))),
        "{parts:?}"
    );
}

/// In the hoisted plan a call whose arguments can be read in place (a local, an input, a field
/// of either, a slot, a constant) is compiled as its body, each parameter read as its
/// argument; the flat plan keeps the call. Both must decide alike wherever an argument is
/// absent, a parameter is read twice or not at all, is passed on to another call or read in a
/// quantifier of the body; a call with an argument computed from both sides stays a call.
#[test]
fn calls_read_in_place_decide_as_calls() {
    let rules = r#"
record Jabatan { jenis: optional text  mulai: date  selesai: optional date  jumlah: integer }
record Orang { id: text  batas: optional integer  riwayat: list of Jabatan }
record Pos { id: text  jenis: optional text  minimal: optional integer  daftar: list of text }
employee orang: Orang key id
position pos: Pos key id

define lama(mulai: date, selesai: date) = max(0 hari, min(selesai, evaluation_date) - mulai)
define selisih(n: integer, batas: integer) = if n >= batas then n - batas else batas - n
define lapis(x: integer) = selisih(x, 3)
define ada(jenis: text) = any r in orang.riwayat: r.jenis == jenis and r.jumlah >= 1
define terdaftar(jenis: text) = jenis in pos.daftar
define sejenis(j, jenis: text) = j.jenis == jenis

rule masa "masa" basis "b" requires (sum r in orang.riwayat: lama(r.mulai, r.selesai)) >= 100 hari
rule jenis "jenis" basis "b" requires ada(pos.jenis)
rule daftar "daftar" basis "b" requires all r in orang.riwayat: terdaftar(r.jenis)
rule batas "batas" basis "b" requires selisih(orang.batas, pos.minimal) < 5
score s "s"
  part lapis "lapis" max 100 = lapis(orang.batas) otherwise 0
  part sejenis "sejenis" max 100 = count r in orang.riwayat where sejenis(r, "a")
  part jumlah "jumlah" max 100 = selisih(orang.batas + pos.minimal, 2) otherwise 0
decision k "k" for orang, pos
  requirements masa, jenis, daftar, batas
  scored by s
"#;
    let kinds = ["\n    jenis: a", "\n    jenis: b", ""];
    let ends = ["\n    selesai: 2026-06-30", ""];
    let mut employees = String::new();
    for id in 0..36usize {
        let limit = ["", "\n  batas: 2", "\n  batas: 9"][id % 3];
        employees.push_str(&format!("- id: e{id}{limit}"));
        push_list(&mut employees, "riwayat", id % 4, |t| {
            let (kind, end) = (kinds[(id / 4 + t) % 3], ends[(id / 12 + t) % 2]);
            let start = ["2026-01-01", "2026-08-01"][(id / 2 + t) % 2];
            format!("mulai: {start}\n    jumlah: {}{kind}{end}", (id + t) % 2)
        });
        employees.push('\n');
    }
    let mut positions = String::new();
    for j in 0..6usize {
        let kind = ["", "\n  jenis: a", "\n  jenis: b"][j % 3];
        let minimal = ["\n  minimal: 4", ""][j / 3];
        let list = ["[a]", "[a, b]", "[]"][j % 3];
        positions.push_str(&format!("- id: p{j}{kind}{minimal}\n  daftar: {list}\n"));
    }
    let (engine, symbols, tables) = small_policy(rules, employees, positions);
    let (employees, positions) = (&tables[0].records, &tables[1].records);
    let calls = |plan| {
        let mut calls = 0;
        for root in plan_roots(plan) {
            count_calls(root, &mut calls);
        }
        calls
    };
    assert_eq!(
        calls(&engine.hoisted),
        1,
        "only `selisih(orang.batas + pos.minimal, 2)`"
    );
    assert!(calls(&engine.flat) >= 7, "{}", calls(&engine.flat));
    let (truths, parts) = decide_alike_covering(&engine, &symbols, employees, positions);
    // Every requirement true, false and unknown somewhere; the parts vary.
    assert_eq!(truths, vec![[true; 3]; 4]);
    assert!(parts.len() > 4, "{parts:?}");
}

/// Decides every pair three ways (`decide_every_pair_three_ways`) and fails where they differ;
/// returns, per requirement (by its place), whether it was seen true, false and unknown, and
/// the rows of points seen, so that a test can tell its data covered them.
fn decide_alike_covering(
    engine: &Engine,
    symbols: &Symbols,
    employees: &[data::Record],
    positions: &[data::Record],
) -> (Vec<[bool; 3]>, std::collections::BTreeSet<Vec<i64>>) {
    let mut truths = vec![[false; 3]; engine.flat.requirements.len()];
    let mut parts = std::collections::BTreeSet::new();
    decide_every_pair_three_ways(engine, symbols, employees, positions, |e, p, ways| {
        let at = format!("employee {} position {}", e.origin.index, p.origin.index);
        assert_eq!(ways[1], ways[2], "{at}");
        assert_eq!(ways[0], ways[2], "{at}");
        mark_truths(&engine.flat.requirements, &ways[0], &mut truths);
        parts.insert(ways[0].parts.as_slice().to_vec());
    });
    (truths, parts)
}

/// Adds the call nodes under `node` (itself included) to `calls`.
fn count_calls(node: &Node, calls: &mut usize) {
    if matches!(node.kind, NodeKind::Call(_)) {
        *calls += 1;
    }
    for child in node.children() {
        count_calls(child, calls);
    }
}

/// Appends a record's list field `field` in YAML: `count` items, item `i` written by `item`
/// (its first line after the `- `), or `[]`.
fn push_list(out: &mut String, field: &str, count: usize, item: impl Fn(usize) -> String) {
    out.push_str(&format!("\n  {field}:"));
    if count == 0 {
        out.push_str(" []");
    }
    for i in 0..count {
        out.push_str(&format!("\n  - {}", item(i)));
    }
}

/// Marks, for each requirement (by its place in `requirements`), whether `outcome` has it
/// true, false or unknown (`seen[0]`, `[1]`, `[2]`).
fn mark_truths(requirements: &[u32], outcome: &Outcome, seen: &mut [[bool; 3]]) {
    for (&rule, seen) in requirements.iter().zip(seen) {
        let truth = match (
            outcome.failed().contains(rule),
            outcome.unknown().contains(rule),
        ) {
            (true, _) => 1,
            (false, true) => 2,
            (false, false) => 0,
        };
        seen[truth] = true;
    }
}

/// The source text of each quantifier of `plan` that `pick` picks, sorted, each once.
fn quantifier_texts(
    sources: &mutasi::source::SourceSet,
    plan: &mutasi::eval::plan::Plan,
    pick: &dyn Fn(&QuantifierNode) -> bool,
) -> Vec<String> {
    let mut found = Vec::new();
    for root in plan_roots(plan) {
        quantifiers_where(root, pick, &mut found);
    }
    let mut texts = texts_of(sources, &found);
    texts.sort();
    texts.dedup();
    texts
}

/// The reference policy (`rules/`) with its engine, compiled for 2026-11-27 and assessment
/// year 2025.
fn reference_engine() -> (mutasi::source::SourceSet, mutasi::check::Checked, Engine) {
    let (sources, checked) = common::reference_rules();
    let mut symbols = Symbols::new();
    let engine = compiled(&checked.rules, &mut symbols);
    (sources, checked, engine)
}

/// Every expression of a plan that evaluation starts from.
fn plan_roots(plan: &mutasi::eval::plan::Plan) -> Vec<&Node> {
    let mut roots: Vec<&Node> = Vec::new();
    roots.extend(plan.definitions.iter().map(|d| &d.body));
    for rule in &plan.rules {
        roots.extend(rule.applies.iter().chain(&rule.unknown_when));
        roots.push(&rule.requires);
    }
    for prerequisite in &plan.prerequisites {
        roots.extend(prerequisite.applies.iter().chain([&prerequisite.unless]));
    }
    roots.extend(plan.parts.iter().map(|p| &p.value));
    roots.extend(
        plan.employee_slots
            .iter()
            .chain(&plan.position_slots)
            .map(|s| &s.node),
    );
    roots
}

/// The source text of each node, on one line, repeats next to each other left out.
fn texts_of(sources: &mutasi::source::SourceSet, nodes: &[&Node]) -> Vec<String> {
    let mut texts: Vec<String> = nodes
        .iter()
        .map(|node| {
            sources
                .slice(node.span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    texts.dedup();
    texts
}

/// A tracer that traces nothing but is on, so that evaluation takes no shortcut a tracer would
/// miss: every node is evaluated.
struct EveryNode;

impl mutasi::eval::interp::Tracer<'_> for EveryNode {
    const ON: bool = true;
}

/// Testing one field of each element (`QuantifierNode::by_field`) gives what evaluating the
/// body for every element gives, in every case of three-valued logic: the field absent, the
/// key absent, the rest unknown or false where the field matches or is unknown, `in` and
/// `not in` in `any` and `all`. Decided
/// without a tracer (the shortcut) and with one that is on (every node), by the flat plan,
/// and in bulk by the hoisted plan, every pair alike.
#[test]
fn looking_a_record_up_by_one_field_decides_as_evaluating_every_node() {
    let rules = r#"
record Latihan { kode: optional text  sampai: optional date }
record Orang { id: text  latihan: list of Latihan }
record Pos { id: text  kode: text  kode_lain: optional text  daftar: list of text }
employee orang: Orang key id
position pos: Pos key id

define punya(k: text) = any t in orang.latihan: t.kode == k and t.sampai >= evaluation_date
rule utama "utama" basis "b" requires punya(pos.kode)
rule lain "lain" basis "b" requires not punya(pos.kode_lain)
rule tercantum "tercantum" basis "b" requires any t in orang.latihan: t.kode in pos.daftar
rule tidak_tercantum "tidak tercantum" basis "b"
  requires all t in orang.latihan: t.kode not in pos.daftar
prerequisite daftar "daftar" basis "b"
  owes each k in pos.daftar
  unless punya(k)
score s "s"
  part p "p" max 5 = if punya(pos.kode) then 5 else if punya("c") then 2 else 0
decision k "k" for orang, pos
  requirements utama, lain, tercantum, tidak_tercantum
  prerequisites daftar
  scored by s
"#;
    // Each employee's trainings: a code (a, b, c or none) and an end (past, future or none).
    let codes = ["", "\n    kode: a", "\n    kode: b", "\n    kode: c"];
    let ends = ["", "\n    sampai: 2020-01-01", "\n    sampai: 2030-01-01"];
    let mut employees = String::new();
    for id in 0..48usize {
        employees.push_str(&format!("- id: e{id}"));
        push_list(&mut employees, "latihan", id % 4, |t| {
            let (code, end) = (codes[(id + t) % 4], ends[(id / 4 + t) % 3]);
            format!("x: 0{code}{end}")
        });
        employees.push('\n');
    }
    let employees = employees
        .replace("- x: 0\n    ", "- ")
        .replace("- x: 0", "- {}");
    let mut positions = String::new();
    for (j, code) in ["a", "a", "c", "d"].iter().enumerate() {
        let other = if j % 2 == 0 {
            String::new()
        } else {
            format!("\n  kode_lain: {}", ["c", "b"][j / 2])
        };
        positions.push_str(&format!(
            "- id: p{j}\n  kode: {code}{other}\n  daftar: [{}]\n",
            ["a, b", "c", "d, a", ""][j]
        ));
    }
    let (engine, symbols, tables) = small_policy(rules, employees, positions);
    let (employees, positions) = (&tables[0].records, &tables[1].records);
    // Per requirement (by its place), whether it was seen true, false and unknown; and the
    // training owed and scores seen.
    let mut truths = vec![[false; 3]; engine.flat.requirements.len()];
    let (mut owed, mut scores) = ([false; 2], std::collections::BTreeSet::new());
    decide_every_pair_three_ways(&engine, &symbols, employees, positions, |e, p, ways| {
        let at = format!("employee {} position {}", e.origin.index, p.origin.index);
        assert_eq!(ways[1], ways[2], "{at}");
        assert_eq!(ways[0], ways[2], "{at}");
        let bulk = &ways[0];
        mark_truths(&engine.flat.requirements, bulk, &mut truths);
        owed[usize::from(bulk.training.is_empty())] = true;
        scores.insert(bulk.score);
    });
    // The data make every rule true, false and unknown somewhere, owe training and not, and
    // reach every score.
    assert_eq!(truths, vec![[true; 3]; 4]);
    assert_eq!(owed, [true; 2]);
    assert_eq!(scores.into_iter().collect::<Vec<_>>(), [0, 2, 5]);
}

/// Separable quantifiers of every shape (lists and maps, filters, unknown values, every fold)
/// decide each pair as when every element is evaluated for every pair: with values kept by
/// hashing the element (`Session::decide`) and by the run's element numbers
/// (`Session::decide_in`, see `eval::elements`), and from the grid, where the tables of keyed
/// units are filled by the employees' entries for each column's keys (`grid::Column::fill`;
/// fewer than 256 rows are one job, so every row after the first can look a value up). The
/// employees are decided against every position twice, so that the second pass takes kept
/// values only.
#[test]
fn kept_element_values_decide_like_evaluating_every_element() {
    let rules = r#"
record Orang { id: text  kode: list of text  nilai: map of integer  batas: optional integer }
record Pos { id: text  kode: list of text  bobot: map of integer }
employee orang: Orang key id
position pos: Pos key id

define punya(k: text) = k in orang.kode
rule semua "semua kode" basis "b" requires all k in pos.kode: punya(k)
rule ada "ada bobot terpenuhi" basis "b"
  requires any (k, v) in pos.bobot where v > 1: orang.nilai[k] >= v
rule tak_ada "tak ada yang melampaui batas" basis "b"
  requires no (k, v) in pos.bobot: v > orang.batas
score s "s"
  part jumlah "jumlah" max 100 = sum (k, v) in pos.bobot: min(orang.nilai[k] otherwise 0, v)
  part hitung "hitung" max 10 = count k in pos.kode where punya(k)
  part terbesar "terbesar" max 10 = (max (k, v) in pos.bobot where v <= orang.batas: v) otherwise 0
  part pertama "pertama" max 10 = (first (k, v) in pos.bobot where orang.nilai[k] > 2: v) otherwise 0
  part campur "campur" max 10 =
    count (k, v) in pos.bobot where (orang.nilai[k] otherwise 2) >= (orang.batas otherwise 2)
decision k "k" for orang, pos
  requirements semua, ada, tak_ada
  scored by s
"#;
    let codes = ["a", "b", "c", "d"];
    let mut employees = String::new();
    // Employees 24 to 47 repeat the records of 0 to 23, so that the grid tabulates units.
    for (id, i) in (0..48usize).map(|id| (id, id % 24)) {
        let held = codes_where(&codes, |c| (i >> c) & 1 == 1);
        let values: Vec<String> = codes
            .iter()
            .enumerate()
            .filter(|(c, _)| (i + c) % 3 != 0)
            // Every sixth employee's value for `d` is too large to pack into a byte (see
            // `grid::packed_entries`): cells whose keys include `d` are looked up by the values
            // themselves, the others' small values among them.
            .map(|(c, code)| {
                let large = if i % 6 == 4 && *code == "d" { 300 } else { 0 };
                format!("{code}: {}", (i * 7 + c) % 5 + large)
            })
            .collect();
        let limit = if i % 5 == 0 {
            String::new()
        } else {
            format!("\n  batas: {}", i % 4 + 1)
        };
        employees.push_str(&format!(
            "- id: e{id}\n  kode: [{held}]\n  nilai: {{{}}}{limit}\n",
            values.join(", ")
        ));
    }
    let mut positions = String::new();
    for j in 0..12usize {
        let wanted = codes_where(&codes, |c| (j >> c) & 1 == 1 || j % 4 == c);
        let weights: Vec<String> = codes
            .iter()
            .enumerate()
            .filter(|(c, _)| (j + c) % 2 == 0)
            .map(|(c, code)| format!("{code}: {}", (j + c) % 4 + 1))
            .collect();
        positions.push_str(&format!(
            "- id: p{j}\n  kode: [{wanted}]\n  bobot: {{{}}}\n",
            weights.join(", ")
        ));
    }
    let (engine, symbols, tables) = small_policy(rules, employees, positions);
    let (employees, positions) = (&tables[0].records, &tables[1].records);
    let separable = [
        engine
            .hoisted
            .rules
            .iter()
            .map(|r| &r.requires)
            .collect::<Vec<_>>(),
        engine.hoisted.parts.iter().map(|p| &p.value).collect(),
    ]
    .concat()
    .into_iter()
    .map(|node| {
        let mut found = Vec::new();
        quantifiers_where(node, &|q| q.separable, &mut found);
        found
    })
    .filter(|found| !found.is_empty())
    .collect::<Vec<_>>();
    assert_eq!(
        separable.len(),
        8,
        "every rule and part has a separable quantifier"
    );
    let numbered = separable
        .iter()
        .flatten()
        .filter(|node| matches!(&node.kind, NodeKind::Quantifier(q) if q.numbered.is_some()))
        .count();
    assert_eq!(numbered, 8, "each ranges over a hoisted position field");
    // `ada`, `jumlah` and `pertama` read the employee only as `orang.nilai[k]`: an element's
    // values are shared by the employees without an entry for `k` (half of the employees lack
    // some code, and they alternate with employees that have it). `campur` reads `orang.batas`
    // as well, so its values differ between employees without the entry.
    let keyed = separable
        .iter()
        .flatten()
        .filter(|node| matches!(&node.kind, NodeKind::Quantifier(q) if q.keyed_by.is_some()))
        .count();
    assert_eq!(
        keyed, 3,
        "each reads orang.nilai[k] and nothing else of the employee"
    );
    // Units 1, 3 and 6, whose tables keep a cell's value by the employee's entries for the
    // column's keys (`plan::reads::Keyed`).
    let keyed_units = keyed_units(&engine);
    assert_eq!(keyed_units, [1, 3, 6], "ada, jumlah and pertama");
    let grouped = Positions::new(&engine, &symbols, positions);
    let mut tabulated = Positions::new(&engine, &symbols, positions);
    tabulated.tabulate(&engine, &symbols, employees, None);
    let in_grid: Vec<usize> = tabulated.grid.tabulated().collect();
    assert!(
        keyed_units.iter().all(|unit| in_grid.contains(unit)),
        "tabulated: {in_grid:?}"
    );
    let decisions =
        bulk_agrees_with_every_element(&engine, &symbols, &grouped, &tabulated, employees);
    // The data reaches every decision but training (there are no prerequisites).
    assert_eq!(decisions.len(), 3, "{decisions:?}");
}

/// Decides every pair of `employees` and the positions of `grouped` and `tabulated` (the same
/// records, the latter with its grid) four ways, twice over (the second pass finds the
/// sessions' kept values): pair by pair keeping separable quantifiers' element values, by
/// group of positions, from the grid, and pair by pair evaluating every element. The first
/// three must equal the last. Returns the decisions reached.
fn bulk_agrees_with_every_element(
    engine: &Engine,
    symbols: &Symbols,
    grouped: &Positions<'_>,
    tabulated: &Positions<'_>,
    employees: &[data::Record],
) -> std::collections::BTreeSet<String> {
    let positions = grouped.records;
    let slots = engine.position_slots(symbols, positions);
    let mut keeping = Session::new(engine, symbols);
    let mut by_group = Session::new(engine, symbols);
    let mut from_grid = Session::new(engine, symbols);
    let mut plain = Session::new(engine, symbols).keeping_elements(false);
    let mut decisions = std::collections::BTreeSet::new();
    for employee in employees {
        keeping.employee(employee);
        by_group.employee(employee);
        from_grid.employee(employee);
        plain.employee(employee);
        for pass in 0..2 {
            for (index, position) in positions.iter().enumerate() {
                let mut kept = Outcome::empty();
                keeping.decide(position, &slots[index], &mut kept);
                let mut grouped_outcome = Outcome::empty();
                by_group.decide_in(grouped, index, &mut grouped_outcome);
                let mut tabulated_outcome = Outcome::empty();
                from_grid.decide_in(tabulated, index, &mut tabulated_outcome);
                let mut every = Outcome::empty();
                plain.decide(position, &slots[index], &mut every);
                let pair = format!(
                    "pass {pass}: employee {} position {}",
                    employee.origin.index, position.origin.index
                );
                assert_eq!(kept, every, "{pair}");
                assert_eq!(grouped_outcome, every, "{pair}");
                assert_eq!(tabulated_outcome, every, "{pair}");
                decisions.insert(format!("{:?}", every.decision));
            }
        }
    }
    decisions
}

/// The separable quantifiers in and under `node`.
/// The quantifiers under `node` that pass `keep`.
fn quantifiers_where<'n>(
    node: &'n Node,
    keep: &dyn Fn(&mutasi::eval::plan::QuantifierNode) -> bool,
    found: &mut Vec<&'n Node>,
) {
    if let NodeKind::Quantifier(q) = &node.kind {
        if keep(q) {
            found.push(node);
        }
    }
    for child in node.children() {
        quantifiers_where(child, keep, found);
    }
}

/// `Pairs::decide_all` decides a batch while `finish` takes the one before: the accumulators
/// still arrive in employee order, every pair once, however many batches and threads; and
/// `finish`'s first error stops the run.
#[test]
fn decide_all_finishes_in_employee_order_and_stops_at_the_first_error() {
    let (checked, mut symbols, tables) = reference_with("examples/cakranegara");
    let rules = &checked.rules;
    let (employees, positions) = (&tables[0].records, &tables[1].records);
    let engine = compiled(rules, &mut symbols);
    let pairs = mutasi::eval::bulk::Pairs {
        rules,
        engine: &engine,
        symbols: &symbols,
        employees,
        positions,
    };
    let every_pair: Vec<(u32, usize)> = employees
        .iter()
        .flat_map(|employee| (0..positions.len()).map(|p| (employee.origin.index, p)))
        .collect();
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut seen = Vec::new();
        let mut batches = 0;
        let done: Result<(), ()> = pool.install(|| {
            pairs.decide_all(
                Vec::with_capacity,
                |found: &mut Vec<(u32, usize)>, employee, position, _| {
                    found.push((employee.origin.index, position));
                },
                |found| {
                    batches += 1;
                    seen.extend(found);
                    Ok(())
                },
            )
        });
        assert!(done.is_ok());
        assert!(batches > 2, "{batches} accumulators on {threads} threads");
        assert!(seen == every_pair, "on {threads} threads");

        let mut calls = 0;
        let stopped = pool.install(|| {
            pairs.decide_all(
                |_| (),
                |_, _, _, _| {},
                |()| {
                    calls += 1;
                    if calls == 3 { Err(calls) } else { Ok(()) }
                },
            )
        });
        assert_eq!(stopped, Err(3));
        assert_eq!(calls, 3, "finish was called after its error");
    }
}

/// Grouping stops once it has found more groups than asked for, and otherwise groups as
/// `group` does: the grid groups employees only as far as a table could still be worth it.
#[test]
fn grouping_at_most_n_groups_gives_up_past_n() {
    let (checked, mut symbols, tables) = reference_with("examples/cakranegara");
    let employees = &tables[0].records;
    let engine = compiled(&checked.rules, &mut symbols);
    let mut compared = 0;
    for reads in &engine.employee_reads {
        let all = mutasi::eval::memo::group(reads, employees);
        let count = all.iter().max().map_or(0, |last| *last as usize + 1);
        if count < 2 {
            continue;
        }
        compared += 1;
        assert_eq!(
            mutasi::eval::memo::group_at_most(reads, employees, count).as_ref(),
            Some(&all)
        );
        assert_eq!(
            mutasi::eval::memo::group_at_most(reads, employees, count - 1),
            None
        );
    }
    assert!(compared >= 5, "only {compared} units grouped employees");
}

/// A session moved on to another set of positions for the same employee decides as a fresh
/// one: nothing kept for the first set (values, timelines, first eligible days) is read back.
#[test]
fn a_session_moved_to_other_positions_forgets_the_first() {
    let (checked, mut symbols, tables) = reference_with("examples/cakranegara");
    let rules = &checked.rules;
    let (employees, positions) = (&tables[0].records, &tables[1].records);
    let engine = compiled(rules, &mut symbols);
    let first = Positions::new(&engine, &symbols, &positions[..80]);
    let second = Positions::new(&engine, &symbols, positions);
    let mut moved = Session::new(&engine, &symbols);
    let mut fresh = Session::new(&engine, &symbols);
    let (mut outcome, mut expected) = (Outcome::empty(), Outcome::empty());
    let mut dated = 0;
    for employee in employees.iter().take(300) {
        moved.employee(employee);
        for index in 0..first.len() {
            moved.decide_in(&first, index, &mut outcome);
        }
        fresh.employee(employee);
        for index in 0..second.len() {
            moved.decide_in(&second, index, &mut outcome);
            fresh.decide_in(&second, index, &mut expected);
            assert_eq!(outcome, expected, "employee {}", employee.origin.index);
            dated += usize::from(expected.eligible_from.is_some());
        }
    }
    assert!(dated > 0, "no pair had an eligible_from date to compare");
}

/// Bulk evaluation takes each requirement, prerequisite and part across all the positions at
/// once (`eval::verdicts`), from whichever source it has: a slot of the position or of the
/// employee (a rule that reads one side only), a grid row, or the memo. Every pair must come out
/// as decided alone, with and without the grid, for every kind of decision.
#[test]
fn one_sided_rules_prerequisites_and_parts_decide_alike_across_positions() {
    let rules = r#"
record Orang { id: text  aktif: boolean  kelas: optional integer  kode: list of text  pos: text }
record Pos { id: text  terbuka: boolean  kelas_min: integer  latihan: list of text }
employee orang: Orang key id
position pos: Pos key id

rule buka "formasi terbuka" basis "b" requires pos.terbuka
rule aktif "pegawai aktif" basis "b" requires orang.aktif
rule kelas "kelas cukup" basis "b"
  unknown when orang.kelas is absent
  requires orang.kelas >= pos.kelas_min
rule lain "posisi lain" basis "b" requires orang.pos != pos.id
prerequisite latihan "latihan" basis "b"
  owes each k in pos.latihan
  unless k in orang.kode
score s "s"
  part kode "kode" max 10 = count k in pos.latihan where k in orang.kode
  part kelas "kelas" max 9 = (orang.kelas otherwise 0) - pos.kelas_min + 4
decision k "k" for orang, pos
  requirements buka, aktif, kelas, lain
  prerequisites latihan
  scored by s
"#;
    let codes = ["a", "b", "c"];
    let mut employees = String::new();
    // Employees 20 to 39 repeat 0 to 19, so that the grid tabulates the units it can.
    for (id, i) in (0..40usize).map(|id| (id, id % 20)) {
        let held = codes_where(&codes, |c| (i >> c) & 1 == 1);
        let class = if i % 7 == 3 {
            String::new()
        } else {
            format!("\n  kelas: {}", i % 5)
        };
        employees.push_str(&format!(
            "- id: e{id}\n  aktif: {}\n  kode: [{held}]\n  pos: p{}{class}\n",
            i % 9 != 4,
            i % 6
        ));
    }
    let mut positions = String::new();
    for j in 0..10usize {
        let wanted = codes_where(&codes, |c| (j + c) % 3 == 0);
        positions.push_str(&format!(
            "- id: p{j}\n  terbuka: {}\n  kelas_min: {}\n  latihan: [{wanted}]\n",
            j % 4 != 1,
            j % 3
        ));
    }
    let (engine, symbols, tables) = small_policy(rules, employees, positions);
    let (employees, positions) = (&tables[0].records, &tables[1].records);
    // `buka` reads the position alone and `aktif` the employee alone: each is a slot.
    let slot_of = |unit: usize| {
        let rule = engine.hoisted.requirements[unit] as usize;
        engine.hoisted.rules[rule].slot
    };
    assert!(matches!(
        slot_of(0),
        Some(mutasi::eval::plan::Slot::Position(_))
    ));
    assert!(matches!(
        slot_of(1),
        Some(mutasi::eval::plan::Slot::Employee(_))
    ));
    let grouped = Positions::new(&engine, &symbols, positions);
    let mut tabulated = Positions::new(&engine, &symbols, positions);
    tabulated.tabulate(&engine, &symbols, employees, None);
    assert!(tabulated.grid.tabulated().count() >= 2);
    let decisions =
        bulk_agrees_with_every_element(&engine, &symbols, &grouped, &tabulated, employees);
    assert_eq!(decisions.len(), 4, "{decisions:?}");
}

/// `eligible_from` is the first day within the window on which every requirement holds. The
/// engine finds it from where each date comparison flips (`eligible::Finder`, which guesses the
/// day from the two sides' difference): it must be the day that deciding the pair on every
/// day of the window finds, for comparisons that rise and fall, of dates, days, months and
/// integers, through a sum of days whose rate changes, by `>=`, `>`, `<=` and `<`; and where
/// the finder leaves out what a part that does not read the date decides (a branch not taken,
/// an `and` already false, an `or` already true, a rule that does not apply or is unknown on
/// every day) and where it does not check again, on the day found, a requirement that held
/// today and cannot stop holding (`Engine::stays_true`; `belum` can, through a `not`).
#[test]
fn eligible_from_is_the_first_day_deciding_every_day_finds() {
    let rules = r#"
record Masa { mulai: date  selesai: date }
record Hukuman { berat: boolean  selesai: date }
record Orang { id: text  mulai: date  lahir: date  batas: date  sejak: integer
               riwayat: list of Masa  aktif: boolean  bebas: boolean  catatan: optional text
               hukuman: list of Hukuman }
record Pos { id: text  jumlah_hari: integer  jumlah_bulan: integer  jenis: text }
employee orang: Orang key id
position pos: Pos key id

define lama(m) = max(0 hari, min(m.selesai, evaluation_date) - m.mulai)

rule masuk "masuk" basis "b" requires evaluation_date >= orang.mulai + 2 tahun
rule usia "usia" basis "b" requires evaluation_date + 1 tahun <= orang.lahir + 58 tahun
rule lewat_hari "hari" basis "b" requires evaluation_date - orang.mulai > pos.jumlah_hari hari
rule batas "batas" basis "b" requires orang.batas - evaluation_date >= 30 hari
rule riwayat "riwayat" basis "b" requires (sum m in orang.riwayat: lama(m)) >= pos.jumlah_hari hari
rule kurang "kurang" basis "b" requires pos.jumlah_hari hari < evaluation_date - orang.mulai
rule lewat_bulan "bulan" basis "b" requires evaluation_date >= orang.mulai + pos.jumlah_bulan bulan
rule tahun_ke "tahun" basis "b" requires year(evaluation_date) >= orang.sejak
rule cabang "cabang" basis "b"
  requires if pos.jenis == "a" then evaluation_date >= orang.mulai + 1 tahun
           else if pos.jenis == "b" then evaluation_date >= orang.mulai + 3 tahun
           else true
rule dan "dan" basis "b" requires orang.aktif and evaluation_date >= orang.mulai + 18 bulan
rule atau "atau" basis "b" requires orang.bebas or evaluation_date >= orang.mulai + 30 bulan
rule berlaku "berlaku" basis "b"
  applies when pos.jenis == "a"
  unknown when orang.catatan is present and orang.catatan == "tunda"
  requires evaluation_date >= orang.mulai + 26 bulan
rule hukuman "hukuman" basis "b"
  requires no h in orang.hukuman: h.berat and h.selesai > evaluation_date - 1 tahun
rule belum "belum" basis "b" requires not (evaluation_date > orang.lahir + 678 bulan)
decision k "k" for orang, pos
  requirements masuk, usia, lewat_hari, batas, riwayat, kurang, lewat_bulan, tahun_ke,
    cabang, dan, atau, berlaku, hukuman, belum
  eligible_from within 3 tahun
"#;
    let date = |days: i64| {
        let day = Date::parse("2022-01-31").unwrap().add_days(days).unwrap();
        day.to_string()
    };
    let mut employees = String::new();
    for id in 0..48i64 {
        employees.push_str(&format!(
            "- id: e{id}\n  mulai: {}\n  lahir: {}\n  batas: {}\n  sejak: {}",
            date(id * 37 % 1_800),
            date(id * 53 % 1_400 - 19_000),
            date(1_800 + id * 61 % 1_500),
            2026 + id % 4,
        ));
        employees.push_str(&format!(
            "\n  aktif: {}\n  bebas: {}{}",
            id % 7 != 3,
            id % 3 == 0,
            ["", "\n  catatan: tunda", "\n  catatan: lain"][(id % 11 % 3) as usize],
        ));
        push_list(&mut employees, "hukuman", (id % 3) as usize, |h| {
            let selesai = date(1_500 + id * 43 % 800 + h as i64 * 90);
            format!(
                "berat: {}\n    selesai: {selesai}",
                (id as usize + h) % 2 == 0
            )
        });
        // Up to three spells, some still open on the evaluation date and overlapping, so that
        // the sum grows by 0 to 3 days a day.
        push_list(&mut employees, "riwayat", (id % 4) as usize, |m| {
            let from = id * 29 % 900 + m as i64 * 200;
            let to = from + [300, 2_500, 4_000][(id as usize + m) % 3];
            format!("mulai: {}\n    selesai: {}", date(from), date(to))
        });
        employees.push('\n');
    }
    // One who qualifies for p3 the day after the evaluation date, on which only `masuk` flips.
    employees.push_str(
        "- id: besok\n  mulai: 2024-11-28\n  lahir: 1980-01-01\n  batas: 2035-01-01\n  \
         sejak: 2026\n  riwayat:\n  - mulai: 2020-01-01\n    selesai: 2030-01-01\n  \
         aktif: true\n  bebas: true\n  hukuman: []\n",
    );
    let positions = "- id: p0\n  jumlah_hari: 700\n  jumlah_bulan: 18\n  jenis: a\n\
                     - id: p1\n  jumlah_hari: 1000\n  jumlah_bulan: 30\n  jenis: b\n\
                     - id: p2\n  jumlah_hari: 1500\n  jumlah_bulan: 40\n  jenis: c\n\
                     - id: p3\n  jumlah_hari: 700\n  jumlah_bulan: 18\n  jenis: c\n"
        .to_string();
    let (engine, symbols, tables) = small_policy(rules, employees, positions);
    let (employees, positions) = (&tables[0].records, &tables[1].records);
    let horizon = engine.horizon().unwrap();
    let mut grouped = Positions::new(&engine, &symbols, positions);
    grouped.tabulate(&engine, &symbols, employees, None);
    let mut session = Session::new(&engine, &symbols);
    let flat = Evaluator::new(&engine.flat, &symbols);
    let mut cx = Cx::new(&engine.flat);
    let (mut dated, mut never, mut next_day) = (0, 0, 0);
    for employee in employees {
        session.employee(employee);
        cx.employee = Some(&employee.fields);
        for (index, position) in positions.iter().enumerate() {
            let mut outcome = Outcome::empty();
            session.decide_in(&grouped, index, &mut outcome);
            if outcome.failed().is_empty() {
                continue;
            }
            cx.position = Some(&position.fields);
            let mut day = engine.as_of.add_days(1).unwrap();
            let mut expected = None;
            while day <= horizon {
                cx.as_of = day;
                cx.new_pair();
                let mut on_day = Outcome::empty();
                decide::decide(
                    &flat,
                    &engine.flat.requirements,
                    &mut cx,
                    &mut NoTrace,
                    &mut on_day,
                );
                if on_day.failed().is_empty() && on_day.unknown().is_empty() {
                    expected = Some(day);
                    break;
                }
                day = day.add_days(1).unwrap();
            }
            let at = format!("employee {} position {}", employee.origin.index, index);
            assert_eq!(outcome.eligible_from, expected, "{at}");
            dated += usize::from(expected.is_some());
            next_day += usize::from(expected == engine.as_of.add_days(1));
            never += usize::from(expected.is_none());
        }
    }
    // Both kinds of answer were compared, many times.
    assert!(dated >= 20 && never >= 10, "dated {dated}, never {never}");
    assert!(
        next_day >= 1,
        "no pair qualified the day after the evaluation date"
    );
}

/// `eligible_from` checks the requirements that hold today again on the day it finds, except
/// those that, once they hold, hold on every later day (`Engine::stays_true`). In the reference
/// policy those are the time served in the post, the experience served and the punishments
/// that age out; the remaining service before retirement runs out, and a punishment may begin.
#[test]
fn requirements_that_stay_true_once_they_hold_are_recognised() {
    let (_, checked, engine) = reference_engine();
    let staying: Vec<&str> = engine
        .flat
        .requirements
        .iter()
        .zip(&engine.stays_true)
        .filter(|(_, stays)| **stays)
        .map(|(&rule, _)| checked.rules.rules[rule as usize].id.as_str())
        .collect();
    assert_eq!(
        staying,
        ["masa_jabatan", "riwayat_hukuman", "pengalaman_jabatan"]
    );
}
