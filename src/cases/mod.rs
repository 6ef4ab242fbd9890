//! Policy test cases: an evaluation date, an employee and a position (a named base record with
//! a few fields changed), and the expected decision. Each expectation is checked when given.
//!
//! Case files live beside the rules (`rules/tests/*.yaml`); bases are shared by every file of
//! a directory. `mutasi test` runs them; so do the project's own tests of the reference policy.

pub mod coverage;
mod file;

use std::collections::HashMap;

use crate::ast::InputKind;
use crate::check::CheckedRules;
use crate::data::{self, Datum, Origin, PathSeg, Record};
use crate::date::Date;
use crate::diagnostic::{Problem, Problems};
use crate::eval::classify::{Classified, classify};
use crate::eval::interp::{Cx, Evaluator, NoTrace, Tables};
use crate::eval::{Decision, Engine, Outcome, RuleList, Session, Value};
use crate::lang::Text;
use crate::source::{FileId, SourceSet, Span};
use crate::symbols::Symbols;

/// What a case expects; `None` is not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expect {
    pub decision: Option<Decision>,
    pub failed: Option<Vec<String>>,
    pub unknown: Option<Vec<String>>,
    pub training: Option<Vec<String>>,
    /// `Some(None)`: expects null.
    pub eligible_from: Option<Option<Date>>,
    pub score: Option<i64>,
    pub score_parts: Option<Vec<(String, i64)>>,
    /// The classification's status (`Some(None)`: the employee is not classified).
    pub status: Option<Option<String>>,
    /// The names listed with the status.
    pub listing: Option<Vec<String>>,
}

/// A record of a case: a base and changes.
#[derive(Debug, Clone)]
pub struct RecordRef {
    pub base: String,
    pub set: Vec<(String, serde_yaml::Value)>,
    /// Where the reference is written.
    pub path: Vec<PathSeg>,
}

/// A case as written, before its records are built.
#[derive(Debug, Clone)]
pub struct RawCase {
    pub name: String,
    pub file: FileId,
    pub path: Vec<PathSeg>,
    pub as_of: Date,
    pub assessment_year: Option<i64>,
    /// (input name, record)
    pub records: Vec<(String, RecordRef)>,
    pub expect: Expect,
}

/// A case ready to run.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    /// The file it is written in.
    pub file: FileId,
    /// Where it is written (for reports).
    pub span: Span,
    pub as_of: Date,
    pub assessment_year: i64,
    pub employee: Record,
    pub position: Record,
    pub expect: Expect,
}

/// A problem in a case file, before it is located.
#[derive(Debug, Clone)]
pub struct CaseProblem {
    pub file: FileId,
    pub path: Vec<PathSeg>,
    pub message: Text,
}

impl CaseProblem {
    pub fn new(file: FileId, path: Vec<PathSeg>, message: Text) -> CaseProblem {
        CaseProblem {
            file,
            path,
            message,
        }
    }

    fn locate(&self, sources: &SourceSet) -> Problem {
        let span = locate(sources, self.file, &self.path);
        Problem::error("case::invalid", self.message.clone())
            .at(span, crate::bi!("di sini", "here"))
    }
}

fn locate(sources: &SourceSet, file: FileId, path: &[PathSeg]) -> Span {
    let Some(source) = sources.get(file) else {
        return Span::default();
    };
    let offset = data::locate::in_yaml(&source.text, path)
        .map_or(0, |(line, column)| source.offset_of(line, column));
    let end = source
        .text
        .get(offset..)
        .and_then(|rest| rest.find('\n'))
        .map_or(source.text.len(), |n| offset + n);
    Span::new(file, offset, end)
}

/// Reads the case files (already in `sources`) and builds every case's records.
pub fn load(
    files: &[FileId],
    sources: &SourceSet,
    rules: &CheckedRules,
    symbols: &mut Symbols,
) -> Result<Vec<Case>, Problems> {
    let schema = &rules.schema;
    let inputs: Vec<String> = [InputKind::Employee, InputKind::Position]
        .iter()
        .filter_map(|k| schema.input(*k).map(|i| i.name.clone()))
        .collect();
    let mut problems = Vec::new();
    let mut bases: HashMap<(String, String), (serde_yaml::Value, FileId, Vec<PathSeg>)> =
        HashMap::new();
    let mut raw = Vec::new();
    for &file in files {
        let Some(source) = sources.get(file) else {
            continue;
        };
        let parsed = file::parse(file, &source.text, &inputs, &mut problems);
        for (input, name, record, path) in parsed.bases {
            match bases.entry((input.clone(), name.clone())) {
                std::collections::hash_map::Entry::Occupied(_) => problems.push(CaseProblem::new(
                    file,
                    path,
                    crate::bi!(
                        "record dasar `{name}` sudah ada",
                        "base record `{name}` is defined twice"
                    ),
                )),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert((record, file, path));
                }
            }
        }
        raw.extend(parsed.cases);
    }
    let mut cases = Vec::new();
    let mut located = Problems::new();
    // The data validations (`validate` items) cannot read the evaluation date, so one plan
    // serves every case.
    let validations = crate::eval::plan::compile(rules, symbols, Date(0), 0, false);
    for case in raw {
        located.extend(unknown_names(&case, sources, rules));
        match build(&case, &bases, sources, rules, &validations, symbols) {
            Ok(built) => cases.push(built),
            Err(found) => located.extend(found),
        }
    }
    for problem in problems {
        located.push(problem.locate(sources));
    }
    if located.is_empty() {
        Ok(cases)
    } else {
        Err(located.sorted())
    }
}

type Bases = HashMap<(String, String), (serde_yaml::Value, FileId, Vec<PathSeg>)>;

/// Expectations that name a requirement, score part or status the rules do not have: such a
/// case could never pass (or, expecting a name in an empty list, would pass for the wrong
/// reason), so it is refused with the nearest name.
fn unknown_names(case: &RawCase, sources: &SourceSet, rules: &CheckedRules) -> Problems {
    let decision = rules.pair_decision().map(|(_, d)| d);
    let requirements: Vec<String> = decision
        .map(|d| {
            d.requirements
                .iter()
                .filter_map(|r| rules.rules.get(r.index()).map(|r| r.id.clone()))
                .collect()
        })
        .unwrap_or_default();
    let parts: Vec<String> = decision
        .and_then(|d| d.score)
        .and_then(|s| rules.score(s))
        .map(|s| s.parts.iter().map(|p| p.name.clone()).collect())
        .unwrap_or_default();
    let statuses: Vec<String> = rules
        .classifications
        .first()
        .map(|c| c.statuses.iter().map(|s| s.name.clone()).collect())
        .unwrap_or_default();
    let expect = &case.expect;
    let mut named: Vec<(&str, &String, &[String], Text)> = Vec::new();
    let what_rule = crate::bi!("syarat", "requirement");
    for (field, list) in [("failed", &expect.failed), ("unknown", &expect.unknown)] {
        for id in list.iter().flatten() {
            named.push((field, id, &requirements, what_rule.clone()));
        }
    }
    for (name, _) in expect.score_parts.iter().flatten() {
        named.push((
            "score_parts",
            name,
            &parts,
            crate::bi!("bagian skor", "score part"),
        ));
    }
    if let Some(Some(status)) = &expect.status {
        named.push((
            "status",
            status,
            &statuses,
            crate::bi!("status pemantauan", "monitoring status"),
        ));
    }
    let mut problems = Problems::new();
    for (field, name, known, what) in named {
        if known.contains(name) {
            continue;
        }
        let mut path = case.path.clone();
        path.push(PathSeg::Field("expect".into()));
        path.push(PathSeg::Field(field.into()));
        let help = crate::check::suggestion_text(name, known);
        problems.push(
            Problem::error(
                "case::unknown_name",
                Text::new(
                    format!("{} `{name}` tidak ada di aturan", what.id),
                    format!("there is no {} `{name}` in the rules", what.en),
                ),
            )
            .at(
                locate(sources, case.file, &path),
                crate::bi!("tidak dikenal", "unknown"),
            )
            .help_if(help),
        );
    }
    problems
}

fn build(
    case: &RawCase,
    bases: &Bases,
    sources: &SourceSet,
    rules: &CheckedRules,
    validations: &crate::eval::plan::Plan,
    symbols: &mut Symbols,
) -> Result<Case, Problems> {
    let schema = &rules.schema;
    let mut problems = Problems::new();
    let mut built: HashMap<String, Box<[Datum]>> = HashMap::new();
    for (input, reference) in &case.records {
        let Some((base, _, _)) = bases.get(&(input.clone(), reference.base.clone())) else {
            let known: Vec<String> = bases
                .keys()
                .filter(|(i, _)| i == input)
                .map(|(_, n)| n.clone())
                .collect();
            let name = &reference.base;
            let help = crate::check::suggestion_text(name, &known);
            problems.push(
                Problem::error(
                    "case::unknown_base",
                    crate::bi!(
                        "tidak ada record dasar {input} bernama `{name}`",
                        "there is no {input} base record named `{name}`"
                    ),
                )
                .at(
                    locate(sources, case.file, &reference.path),
                    crate::bi!("tidak dikenal", "unknown"),
                )
                .help_if(help),
            );
            continue;
        };
        let mut record = base.clone();
        for (path, value) in &reference.set {
            if let Err(reason) = file::apply(&mut record, path, value) {
                let mut at = reference.path.clone();
                at.push(PathSeg::Field("set".into()));
                at.push(PathSeg::Field(path.clone()));
                problems.push(
                    Problem::error(
                        "case::invalid_change",
                        crate::lang::Text::new(
                            format!("perubahan `{path}` tidak dapat diterapkan: {}", reason.id),
                            format!("the change `{path}` cannot be applied: {}", reason.en),
                        ),
                    )
                    .at(
                        locate(sources, case.file, &at),
                        crate::bi!("di sini", "here"),
                    ),
                );
            }
        }
        let kind = if schema.employee.as_ref().is_some_and(|e| &e.name == input) {
            InputKind::Employee
        } else {
            InputKind::Position
        };
        let context = data::Context {
            schema,
            input,
            key: Some(case.name.clone()),
        };
        match data::record_from_value(record, kind, schema, symbols) {
            Ok(fields) => {
                // A case record is held to the same validations as a data file (NIP against
                // birth date, ...): a case must describe a situation real data can reach.
                let table = data::Table {
                    kind,
                    file: case.file,
                    format: data::Format::Yaml,
                    records: vec![Record {
                        fields,
                        origin: Origin::default(),
                    }],
                };
                for mut problem in crate::eval::validate::validate(validations, symbols, &table) {
                    // The record has no index in a file; the span shows which case it is.
                    problem
                        .path
                        .retain(|segment| !matches!(segment, PathSeg::Index(_)));
                    let field = data::show_path(&problem.path);
                    let changed = reference.set.iter().any(|(p, _)| *p == field);
                    let mut at = reference.path.clone();
                    if changed {
                        at.push(PathSeg::Field("set".into()));
                        at.push(PathSeg::Field(field));
                    }
                    problems.push(problem.to_problem(&context, locate(sources, case.file, &at)));
                }
                if let Some(record) = table.records.into_iter().next() {
                    built.insert(input.clone(), record.fields);
                }
            }
            Err(found) => {
                for problem in found {
                    let field = data::show_path(&problem.path);
                    let mut at = reference.path.clone();
                    at.push(PathSeg::Field("set".into()));
                    at.push(PathSeg::Field(field.clone()));
                    let changed = reference.set.iter().any(|(p, _)| *p == field);
                    let span = if changed {
                        locate(sources, case.file, &at)
                    } else {
                        locate(sources, case.file, &reference.path)
                    };
                    problems.push(problem.to_problem(&context, span));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let employee_name = schema
        .employee
        .as_ref()
        .map(|i| i.name.clone())
        .unwrap_or_default();
    let position_name = schema
        .position
        .as_ref()
        .map(|i| i.name.clone())
        .unwrap_or_default();
    let in_memory = Origin {
        file: case.file,
        line: 0,
        start: 0,
        end: 0,
        index: 0,
    };
    let record = |name: &str, built: &mut HashMap<String, Box<[Datum]>>| Record {
        fields: built.remove(name).unwrap_or_default(),
        origin: in_memory,
    };
    Ok(Case {
        name: case.name.clone(),
        file: case.file,
        span: locate(sources, case.file, &case.path),
        as_of: case.as_of,
        assessment_year: case
            .assessment_year
            .unwrap_or_else(|| i64::from(case.as_of.year()) - 1),
        employee: record(&employee_name, &mut built),
        position: record(&position_name, &mut built),
        expect: case.expect.clone(),
    })
}

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// `decision`, `failed`, `score_parts.minat`, ...
    pub field: String,
    pub expected: String,
    pub actual: String,
}

/// The result of one case.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub outcome: Outcome,
    /// The classification of the employee (`None`: not classified, or the rules have none).
    pub classified: Option<Classified>,
    /// For each prerequisite: whether it owed something.
    pub owed: Vec<bool>,
    /// For each requirement of the decision: whether it applies (its `applies when` is not
    /// false). A requirement that does not apply counts as met without having been tested.
    pub applies: Vec<bool>,
    pub mismatches: Vec<Mismatch>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

/// Runs every case: an engine per evaluation date and assessment year.
pub fn run(cases: &[Case], rules: &CheckedRules, symbols: &mut Symbols) -> Vec<CaseResult> {
    let mut engines: HashMap<(Date, i64), Engine> = HashMap::new();
    for case in cases {
        engines
            .entry((case.as_of, case.assessment_year))
            .or_insert_with(|| Engine::new(rules, symbols, case.as_of, case.assessment_year));
    }
    let symbols: &Symbols = symbols;
    cases
        .iter()
        .map(|case| {
            let Some(engine) = engines.get(&(case.as_of, case.assessment_year)) else {
                return CaseResult {
                    outcome: Outcome::empty(),
                    classified: None,
                    owed: Vec::new(),
                    applies: Vec::new(),
                    mismatches: Vec::new(),
                };
            };
            let outcome = decide(engine, rules, symbols, case);
            let mut mismatches = compare(&case.expect, &outcome, rules, symbols);
            let classified = classify_case(engine, rules, symbols, case);
            if case.expect.status.is_some() || case.expect.listing.is_some() {
                mismatches.extend(compare_status(
                    &case.expect,
                    classified.as_ref(),
                    rules,
                    symbols,
                ));
            }
            let (owed, applies) = owed_and_applies(engine, rules, symbols, case);
            CaseResult {
                outcome,
                classified,
                owed,
                applies,
                mismatches,
            }
        })
        .collect()
}

/// Decides a case's pair as bulk evaluation would.
pub fn decide(engine: &Engine, rules: &CheckedRules, symbols: &Symbols, case: &Case) -> Outcome {
    let positions = std::slice::from_ref(&case.position);
    let slots = engine.position_slots(symbols, positions);
    let tables = case_tables(rules, case);
    let mut session = Session::new(engine, symbols);
    session.set_tables(&tables);
    session.employee(&case.employee);
    let mut outcome = Outcome::empty();
    if let Some(slots) = slots.first() {
        session.decide(&case.position, slots, &mut outcome);
    }
    outcome
}

/// For the case's pair: whether each prerequisite owes something, and whether each requirement
/// of the decision applies (its `applies when` is not false).
fn owed_and_applies(
    engine: &Engine,
    rules: &CheckedRules,
    symbols: &Symbols,
    case: &Case,
) -> (Vec<bool>, Vec<bool>) {
    let tables = case_tables(rules, case);
    let evaluator = Evaluator::new(&engine.flat, symbols);
    let mut cx = case_cx(engine, case, &tables);
    let owed = (0..engine.flat.prerequisites.len())
        .map(|index| {
            cx.new_pair();
            let mut owed = crate::eval::outcome::Codes::new();
            crate::eval::decide::prerequisite(&evaluator, index, &mut cx, &mut NoTrace, &mut owed);
            !owed.is_empty()
        })
        .collect();
    let applies = engine
        .flat
        .requirements
        .iter()
        .map(|&rule| {
            let Some((node, locals)) = engine
                .flat
                .rules
                .get(rule as usize)
                .and_then(|rule| rule.applies.as_ref().map(|node| (node, rule.locals)))
            else {
                return true;
            };
            cx.new_pair();
            cx.frame(locals, |cx| evaluator.eval(node, cx, &mut NoTrace)) != Value::Bool(false)
        })
        .collect();
    (owed, applies)
}

/// The case's records as the only records of their inputs, for `input[key]` lookups.
fn case_tables<'c>(rules: &CheckedRules, case: &'c Case) -> Tables<'c> {
    Tables::new(
        &rules.schema,
        std::slice::from_ref(&case.employee),
        std::slice::from_ref(&case.position),
    )
}

/// An evaluation context for the case's pair on the engine's date.
fn case_cx<'c>(engine: &'c Engine, case: &'c Case, tables: &'c Tables<'c>) -> Cx<'c> {
    let mut cx = Cx::new(&engine.flat);
    cx.tables = Some(tables);
    cx.employee = Some(&case.employee.fields);
    cx.position = Some(&case.position.fields);
    cx
}

/// The first classification of the rules for the case's employee, with the case's position as
/// the only record of the position table.
fn classify_case(
    engine: &Engine,
    rules: &CheckedRules,
    symbols: &Symbols,
    case: &Case,
) -> Option<Classified> {
    let plan = engine.flat.classifications.first()?;
    let tables = case_tables(rules, case);
    let evaluator = Evaluator::new(&engine.flat, symbols);
    let mut cx = Cx::new(&engine.flat);
    cx.tables = Some(&tables);
    cx.employee = Some(&case.employee.fields);
    classify(&evaluator, plan, &mut cx, &mut NoTrace)
}

fn compare_status(
    expect: &Expect,
    classified: Option<&Classified>,
    rules: &CheckedRules,
    symbols: &Symbols,
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let status = classified
        .and_then(|c| rules.classifications.first()?.statuses.get(c.status))
        .map(|s| s.name.clone());
    if let Some(expected) = &expect.status {
        let show = |s: &Option<String>| s.clone().unwrap_or_else(|| String::from("null"));
        if *expected != status {
            out.push(Mismatch {
                field: "status".into(),
                expected: show(expected),
                actual: show(&status),
            });
        }
    }
    if let Some(expected) = &expect.listing {
        let actual: Vec<String> = classified
            .map(|c| {
                c.listing
                    .iter()
                    .map(|s| symbols.resolve(*s).to_string())
                    .collect()
            })
            .unwrap_or_default();
        if *expected != actual {
            out.push(Mismatch {
                field: "listing".into(),
                expected: list(expected),
                actual: list(&actual),
            });
        }
    }
    out
}

fn compare(
    expect: &Expect,
    outcome: &Outcome,
    rules: &CheckedRules,
    symbols: &Symbols,
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let mut check = |field: &str, expected: String, actual: String| {
        if expected != actual {
            out.push(Mismatch {
                field: field.to_string(),
                expected,
                actual,
            });
        }
    };
    let ids = |rule_indices: RuleList<'_>| -> Vec<String> {
        rule_indices
            .iter()
            .filter_map(|r| rules.rules.get(r as usize).map(|r| r.id.clone()))
            .collect()
    };
    if let Some(decision) = expect.decision {
        check(
            "decision",
            decision.code().to_string(),
            outcome.decision.code().to_string(),
        );
    }
    if let Some(failed) = &expect.failed {
        check("failed", list(failed), list(&ids(outcome.failed())));
    }
    if let Some(unknown) = &expect.unknown {
        check("unknown", list(unknown), list(&ids(outcome.unknown())));
    }
    if let Some(training) = &expect.training {
        let actual: Vec<String> = outcome
            .training
            .iter()
            .map(|s| symbols.resolve(*s).to_string())
            .collect();
        check("training", list(training), list(&actual));
    }
    if let Some(eligible_from) = &expect.eligible_from {
        let show = |d: &Option<Date>| d.map_or_else(|| String::from("null"), |d| d.to_string());
        check(
            "eligible_from",
            show(eligible_from),
            show(&outcome.eligible_from),
        );
    }
    if let Some(score) = expect.score {
        check("score", score.to_string(), outcome.score.to_string());
    }
    if let Some(parts) = &expect.score_parts {
        let names: Vec<String> = rules
            .pair_decision()
            .and_then(|(_, d)| d.score)
            .and_then(|s| rules.score(s))
            .map(|s| s.parts.iter().map(|p| p.name.clone()).collect())
            .unwrap_or_default();
        for (name, points) in parts {
            let actual = names
                .iter()
                .position(|n| n == name)
                .and_then(|i| outcome.parts.get(i));
            check(
                &format!("score_parts.{name}"),
                points.to_string(),
                actual.map_or_else(|| String::from("(no such part)"), |p| p.to_string()),
            );
        }
    }
    out
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}
