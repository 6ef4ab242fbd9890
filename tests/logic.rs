//! Three-valued logic and date arithmetic of the rule language, on tiny rule sets.
//!
//! Each test declares a small schema, defines `probe` as the expression under test and
//! evaluates it for records written in YAML.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use mutasi::ast::InputKind;
use mutasi::date::Date;
use mutasi::eval::Value;
use mutasi::eval::interp::{Cx, Evaluator, NoTrace};
use mutasi::eval::plan;
use mutasi::source::{SourceFile, SourceSet};
use mutasi::symbols::Symbols;

const SCHEMA: &str = r#"
enum Tingkat = rendah < sedang < tinggi
record Catatan { nilai: optional integer  tanggal: optional date  tingkat: optional Tingkat  ok: optional boolean }
record Orang {
  id: text
  a: optional boolean
  b: optional boolean
  n: optional integer
  d: optional date
  catatan: list of Catatan
}
record Pos { id: text }
employee orang: Orang key id
position pos: Pos key id
parameter kode_dikenal = {"a", "b"}
parameter batas = 3
"#;

/// What `expr` gives for the record written in `yaml`, evaluated on `as_of`.
fn probe(expr: &str, yaml: &str, as_of: &str) -> String {
    let rules = format!(
        "{SCHEMA}\ndefine probe = {expr}\nrule r \"r\" basis \"b\" requires probe is present or true\ndecision k \"k\" for orang, pos requirements r\n"
    );
    let mut sources = SourceSet::new();
    sources.add(SourceFile::new("probe.mutasi", rules));
    let (ast, problems) = mutasi::syntax::parse(&sources);
    assert!(!problems.has_errors(), "{problems:?}");
    let checked = mutasi::check::check(&ast, &sources).unwrap_or_else(|p| panic!("{p:?}"));
    let mut symbols = Symbols::new();
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
    let fields = mutasi::data::record_from_value(
        value,
        InputKind::Employee,
        &checked.rules.schema,
        &mut symbols,
    )
    .unwrap();
    let as_of = Date::parse(as_of).unwrap();
    let plan = plan::compile(&checked.rules, &mut symbols, as_of, 2025, false);
    let evaluator = Evaluator::new(&plan, &symbols);
    let mut cx = Cx::new(&plan);
    cx.employee = Some(&fields);
    let definition = plan.definitions.iter().find(|d| d.name == "probe").unwrap();
    let value = cx.frame(definition.locals, |cx| {
        evaluator.eval(&definition.body, cx, &mut NoTrace)
    });
    show(value)
}

fn show(value: Value<'_>) -> String {
    match value {
        Value::Unknown => "unknown".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Date(d) => d.to_string(),
        Value::Days(n) => format!("{n} hari"),
        Value::Months(n) => format!("{n} bulan"),
        Value::Enum(i) => format!("enum {i}"),
        other => format!("{other:?}"),
    }
}

const D: &str = "2026-11-27";

/// The record with `a` and `b` set as given ("true", "false" or absent).
fn ab(a: &str, b: &str) -> String {
    let field = |name: &str, value: &str| {
        if value == "unknown" {
            String::new()
        } else {
            format!("{name}: {value}\n")
        }
    };
    format!("id: x\n{}{}", field("a", a), field("b", b))
}

const VALUES: [&str; 3] = ["true", "false", "unknown"];

#[test]
fn and_is_false_as_soon_as_one_side_is_false() {
    for a in VALUES {
        for b in VALUES {
            let expected = match (a, b) {
                ("false", _) | (_, "false") => "false",
                ("true", "true") => "true",
                _ => "unknown",
            };
            assert_eq!(
                probe("orang.a and orang.b", &ab(a, b), D),
                expected,
                "{a} and {b}"
            );
        }
    }
}

#[test]
fn or_is_true_as_soon_as_one_side_is_true() {
    for a in VALUES {
        for b in VALUES {
            let expected = match (a, b) {
                ("true", _) | (_, "true") => "true",
                ("false", "false") => "false",
                _ => "unknown",
            };
            assert_eq!(
                probe("orang.a or orang.b", &ab(a, b), D),
                expected,
                "{a} or {b}"
            );
        }
    }
}

#[test]
fn not_keeps_unknown_unknown() {
    assert_eq!(probe("not orang.a", &ab("true", "true"), D), "false");
    assert_eq!(probe("not orang.a", &ab("false", "true"), D), "true");
    assert_eq!(probe("not orang.a", &ab("unknown", "true"), D), "unknown");
}

#[test]
fn comparisons_with_a_missing_value_are_unknown_and_is_absent_says_so() {
    let record = "id: x\n";
    assert_eq!(probe("orang.n > 3", record, D), "unknown");
    assert_eq!(probe("orang.n == 3", record, D), "unknown");
    assert_eq!(probe("orang.n is absent", record, D), "true");
    assert_eq!(probe("orang.n is present", "id: x\nn: 1\n", D), "true");
    assert_eq!(probe("orang.n otherwise 7", record, D), "7");
    assert_eq!(probe("orang.n otherwise 7", "id: x\nn: 1\n", D), "1");
    assert_eq!(probe("orang.n is absent or orang.n > 3", record, D), "true");
}

#[test]
fn quantifiers_follow_the_same_logic() {
    let record = "id: x\ncatatan:\n  - {nilai: 1}\n  - {}\n  - {nilai: 5}\n";
    assert_eq!(
        probe("any c in orang.catatan: c.nilai > 4", record, D),
        "true"
    );
    assert_eq!(
        probe("any c in orang.catatan: c.nilai > 9", record, D),
        "unknown"
    );
    assert_eq!(
        probe("all c in orang.catatan: c.nilai > 0", record, D),
        "unknown"
    );
    assert_eq!(
        probe("all c in orang.catatan: c.nilai > 3", record, D),
        "false"
    );
    assert_eq!(
        probe("no c in orang.catatan: c.nilai > 4", record, D),
        "false"
    );
    assert_eq!(
        probe(
            "sum c in orang.catatan where c.nilai is present: c.nilai",
            record,
            D
        ),
        "6"
    );
    assert_eq!(
        probe("sum c in orang.catatan: c.nilai", record, D),
        "unknown"
    );
    assert_eq!(
        probe("count c in orang.catatan where c.nilai > 0", record, D),
        "unknown"
    );
    assert_eq!(
        probe(
            "count c in orang.catatan where c.nilai is present",
            record,
            D
        ),
        "2"
    );
    assert_eq!(
        probe(
            "max c in orang.catatan where c.nilai is present: c.nilai",
            record,
            D
        ),
        "5"
    );
    assert_eq!(
        probe(
            "first c in orang.catatan where c.nilai is present: c.nilai",
            record,
            D
        ),
        "1"
    );
    assert_eq!(
        probe(
            "first c in orang.catatan where c.nilai > 3: c.nilai",
            record,
            D
        ),
        "unknown"
    );
}

#[test]
fn quantifiers_over_an_empty_list() {
    let record = "id: x\n";
    assert_eq!(
        probe("any c in orang.catatan: c.nilai > 0", record, D),
        "false"
    );
    assert_eq!(
        probe("all c in orang.catatan: c.nilai > 0", record, D),
        "true"
    );
    assert_eq!(
        probe("no c in orang.catatan: c.nilai > 0", record, D),
        "true"
    );
    assert_eq!(probe("sum c in orang.catatan: c.nilai", record, D), "0");
    assert_eq!(probe("count c in orang.catatan", record, D), "0");
    assert_eq!(
        probe("max c in orang.catatan: c.nilai", record, D),
        "unknown"
    );
}

#[test]
fn if_with_an_unknown_condition_is_unknown() {
    assert_eq!(
        probe("if orang.a then 1 else 2", &ab("true", "true"), D),
        "1"
    );
    assert_eq!(
        probe("if orang.a then 1 else 2", &ab("false", "true"), D),
        "2"
    );
    assert_eq!(
        probe("if orang.a then 1 else 2", &ab("unknown", "true"), D),
        "unknown"
    );
}

#[test]
fn integer_division_rounds_down() {
    assert_eq!(probe("7 / 2", "id: x\n", D), "3");
    assert_eq!(probe("-7 / 2", "id: x\n", D), "-4");
    assert_eq!(probe("30 * 5 / 6", "id: x\n", D), "25");
    assert_eq!(probe("30 * 4 / 6", "id: x\n", D), "20");
    assert_eq!(probe("1 / (orang.n otherwise 0)", "id: x\n", D), "unknown");
}

#[test]
fn years_keep_the_day_and_29_february_becomes_28() {
    assert_eq!(
        probe("orang.d + 1 tahun", "id: x\nd: 2024-02-29\n", D),
        "2025-02-28"
    );
    assert_eq!(
        probe("orang.d + 4 tahun", "id: x\nd: 2024-02-29\n", D),
        "2028-02-29"
    );
    assert_eq!(
        probe("orang.d - 1 tahun", "id: x\nd: 2024-02-29\n", D),
        "2023-02-28"
    );
    assert_eq!(
        probe("orang.d + 1 bulan", "id: x\nd: 2026-01-31\n", D),
        "2026-02-28"
    );
    assert_eq!(
        probe("orang.d + 2 tahun", "id: x\nd: 2024-11-27\n", D),
        "2026-11-27"
    );
}

#[test]
fn comparisons_on_the_exact_day() {
    let record = "id: x\nd: 2024-11-27\n";
    assert_eq!(
        probe("evaluation_date >= orang.d + 2 tahun", record, "2026-11-27"),
        "true"
    );
    assert_eq!(
        probe("evaluation_date >= orang.d + 2 tahun", record, "2026-11-26"),
        "false"
    );
    assert_eq!(
        probe("evaluation_date - orang.d", record, "2026-11-27"),
        "730 hari"
    );
    assert_eq!(
        probe(
            "(evaluation_date - orang.d) / 365 hari",
            record,
            "2026-11-26"
        ),
        "1"
    );
}

#[test]
fn ordered_enums_compare_by_rank() {
    assert_eq!(
        probe(
            "(first c in orang.catatan: c.tingkat) >= \"sedang\"",
            "id: x\ncatatan: [{tingkat: tinggi}]\n",
            D
        ),
        "true"
    );
    assert_eq!(
        probe(
            "(first c in orang.catatan: c.tingkat) >= \"sedang\"",
            "id: x\ncatatan: [{tingkat: rendah}]\n",
            D
        ),
        "false"
    );
    assert_eq!(
        probe(
            "max c in orang.catatan: c.tingkat",
            "id: x\ncatatan: [{tingkat: tinggi}, {tingkat: rendah}]\n",
            D
        ),
        "enum 2"
    );
}

#[test]
fn chained_comparisons_compare_neighbours() {
    let record = "id: x\nd: 2026-11-27\n";
    assert_eq!(
        probe("2026-01-01 <= orang.d <= 2026-12-31", record, D),
        "true"
    );
    assert_eq!(
        probe("2026-01-01 <= orang.d <= 2026-11-26", record, D),
        "false"
    );
}

/// A set held by a parameter is a set (it once compiled to unknown: a scalar slot cannot hold a
/// list, and the checker accepted it).
#[test]
fn a_set_parameter_holds_its_members() {
    let d = "2026-11-27";
    assert_eq!(
        probe("orang.id in kode_dikenal", "id: a\ncatatan: []", d),
        "true"
    );
    assert_eq!(
        probe("orang.id in kode_dikenal", "id: z\ncatatan: []", d),
        "false"
    );
    assert_eq!(
        probe("orang.n < batas", "id: a\nn: 2\ncatatan: []", d),
        "true"
    );
}
