//! The engine driven through the library, as `mutasi eval` drives it: rules parsed and checked,
//! records read and validated, the plan compiled, then every pair decided by
//! `eval::bulk::Pairs::decide_all` (the function `mutasi eval` calls) on a rayon pool of a
//! chosen size; or the shortlists computed by `eval::shortlist::recommend` (the function
//! `mutasi recommend` calls).
//!
//! INVARIANT: loading repeats `cli::load` and `cli::eval::prepare` step by step (they are
//! private to the binary); when those change, change this file with them, or the benchmark
//! measures something `mutasi eval` no longer does.

use std::convert::Infallible;
use std::path::Path;
use std::time::{Duration, Instant};

use mutasi::ast::InputKind;
use mutasi::check::{Checked, CheckedRules};
use mutasi::data::{self, Format, Table};
use mutasi::date::Date;
use mutasi::diagnostic::to_plain_text;
use mutasi::eval::bulk::Pairs;
use mutasi::eval::interp::Tables;
use mutasi::eval::{Decision, Engine, Outcome, Positions, Session};
use mutasi::lang::Lang;
use mutasi::report::{Keys, PairWriter, text_field};
use mutasi::source::{SourceFile, SourceSet};
use mutasi::symbols::Symbols;
use rayon::ThreadPool;

use super::tally::Tally;
use super::workload::{ASSESSMENT_YEAR, Files, as_of};

/// Stack of each evaluation thread, as in `mutasi eval`.
const WORKER_STACK: usize = 64 << 20;

/// Parses and checks every `*.mutasi` file of `dir`, in name order.
pub fn policy(dir: &Path) -> Result<Checked, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|error| format!("{}: {error}", dir.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "mutasi"))
        .collect();
    paths.sort();
    let mut sources = SourceSet::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        sources.add(SourceFile::new(path.display().to_string(), text));
    }
    let (ast, problems) = mutasi::syntax::parse(&sources);
    if problems.has_errors() {
        return Err(to_plain_text(&problems.render(Lang::En, &sources)));
    }
    mutasi::check::check(&ast, &sources)
        .map_err(|problems| to_plain_text(&problems.render(Lang::En, &sources)))
}

/// Records read and validated, with the symbols their texts are interned in.
pub struct Loaded {
    pub rules: CheckedRules,
    pub symbols: Symbols,
    pub employees: Table,
    pub positions: Table,
}

/// Reads and validates both files as `mutasi eval` does before deciding anything.
pub fn load(policy: &Checked, files: &Files) -> Result<Loaded, String> {
    let rules = &policy.rules;
    let mut symbols = Symbols::new();
    let year = i64::from(ASSESSMENT_YEAR);
    let validations = mutasi::eval::plan::compile(rules, &mut symbols, as_of(), year, false);
    let mut sources = SourceSet::new();
    let mut tables = Vec::new();
    for (path, kind) in [
        (&files.employees, InputKind::Employee),
        (&files.positions, InputKind::Position),
    ] {
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        let name = path.display().to_string();
        let format = Format::of_path(&name);
        let file = sources.add(SourceFile::new(name, text));
        let (table, problems) =
            data::read(&sources, file, format, kind, &rules.schema, &mut symbols);
        let invalid = mutasi::eval::validate::validate(&validations, &symbols, &table);
        if !problems.is_empty() || !invalid.is_empty() {
            return Err(format!(
                "{}: {} problems, {} failed validations",
                path.display(),
                problems.len(),
                invalid.len()
            ));
        }
        tables.push(table);
    }
    let mut tables = tables.into_iter();
    match (tables.next(), tables.next()) {
        (Some(employees), Some(positions)) => Ok(Loaded {
            rules: rules.clone(),
            symbols,
            employees,
            positions,
        }),
        _ => Err("the rules declare no employee and position inputs".to_owned()),
    }
}

/// Compiles the policy for the workloads' date; interns the rules' texts into `loaded.symbols`.
pub fn compile(policy: &Checked, loaded: &mut Loaded) -> Engine {
    Engine::new(
        &policy.rules,
        &mut loaded.symbols,
        as_of(),
        i64::from(ASSESSMENT_YEAR),
    )
}

/// A pool of `threads` evaluation threads.
pub fn pool(threads: usize) -> Result<ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|error| error.to_string())
}

/// Decides every pair on `pool` with [`Pairs::decide_all`], as `mutasi eval` does, and tallies
/// the outcomes instead of formatting them.
pub fn evaluate(engine: &Engine, loaded: &Loaded, pool: &ThreadPool) -> Tally {
    let pairs = Pairs {
        rules: &loaded.rules,
        engine,
        symbols: &loaded.symbols,
        employees: &loaded.employees.records,
        positions: &loaded.positions.records,
    };
    let mut total = Tally::default();
    let done: Result<(), Infallible> = pool.install(|| {
        pairs.decide_all(
            |_| Tally::default(),
            |tally, _, _, outcome| {
                tally.add(
                    decision_index(outcome.decision),
                    outcome.score,
                    day(outcome),
                );
            },
            |tally| {
                total = total.merge(tally);
                Ok(())
            },
        )
    });
    match done {
        Ok(()) => total,
        Err(never) => match never {},
    }
}

/// What `mutasi recommend` computes, in short: the open positions, and each one's shortlist
/// as employee indices, best first (to compare runs on different pools).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortlists {
    pub lists: Vec<(usize, Vec<usize>)>,
    pub due_for_rotation: usize,
}

impl Shortlists {
    pub fn candidates(&self) -> u64 {
        self.lists.iter().map(|(_, list)| list.len() as u64).sum()
    }
}

/// Runs the rules' first shortlist on `pool` as `mutasi recommend` does (positions with open
/// slots, the grid built first, the needs analysis counted), through the library function the
/// command calls.
pub fn recommend(engine: &Engine, loaded: &Loaded, pool: &ThreadPool) -> Shortlists {
    let (employees, positions) = (&loaded.employees.records, &loaded.positions.records);
    let recommendation = pool.install(|| {
        let tables = Tables::new(&loaded.rules.schema, employees, positions);
        mutasi::eval::shortlist::recommend(
            engine,
            &loaded.symbols,
            0,
            employees,
            positions,
            None,
            None,
            Some(&tables),
        )
    });
    Shortlists {
        lists: recommendation
            .shortlists
            .iter()
            .map(|shortlist| {
                let list = shortlist.candidates.iter().map(|c| c.employee).collect();
                (shortlist.position, list)
            })
            .collect(),
        due_for_rotation: recommendation.rotation.len(),
    }
}

/// What formatting the pairs costs, measured apart from deciding them.
pub struct Formatted {
    pub time: Duration,
    pub lines: u64,
    pub bytes: u64,
}

/// Decides every pair on the current thread; times only `writer`, one employee's lines at a
/// time, into a buffer that is then dropped (as if written to /dev/null).
pub fn format(engine: &Engine, loaded: &Loaded, writer: &dyn PairWriter) -> Formatted {
    let symbols = &loaded.symbols;
    let positions = Positions::new(engine, symbols, &loaded.positions.records);
    let mut session = Session::new(engine, symbols);
    let mut outcomes: Vec<Outcome> = positions.records.iter().map(|_| Outcome::empty()).collect();
    let mut buffer = writer.header();
    let mut formatted = Formatted {
        time: Duration::ZERO,
        lines: 0,
        bytes: 0,
    };
    for employee in &loaded.employees.records {
        session.employee(employee);
        for (index, outcome) in outcomes.iter_mut().enumerate() {
            session.decide_in(&positions, index, outcome);
        }
        let start = Instant::now();
        for (position, outcome) in positions.records.iter().zip(&outcomes) {
            writer.line(&mut buffer, employee, position, outcome, symbols);
        }
        formatted.time += start.elapsed();
        formatted.lines += outcomes.len() as u64;
        formatted.bytes += buffer.len() as u64;
        buffer.clear();
    }
    formatted
}

/// The first pair the engine finds not eligible with an `eligible_from` date (for `why`): the
/// employee's and the position's keys.
pub fn dated_pair(policy: &Checked, engine: &Engine, loaded: &Loaded) -> Option<(String, String)> {
    let keys = Keys::of(&policy.rules);
    let symbols = &loaded.symbols;
    let positions = Positions::new(engine, symbols, &loaded.positions.records);
    let mut session = Session::new(engine, symbols);
    let mut outcome = Outcome::empty();
    for employee in &loaded.employees.records {
        session.employee(employee);
        for (index, position) in positions.records.iter().enumerate() {
            session.decide_in(&positions, index, &mut outcome);
            if outcome.eligible_from.is_some() {
                let key = |record, field| text_field(record, Some(field), symbols).to_owned();
                return Some((
                    key(employee, keys.employee_key),
                    key(position, keys.position_key),
                ));
            }
        }
    }
    None
}

fn decision_index(decision: Decision) -> usize {
    match decision {
        Decision::Eligible => 0,
        Decision::EligibleAfterTraining => 1,
        Decision::NeedsReview => 2,
        Decision::NotEligible => 3,
    }
}

fn day(outcome: &Outcome) -> Option<i32> {
    outcome.eligible_from.map(|date: Date| date.0)
}
