//! Shortlists for open positions, the needs analysis, and employees due for rotation.
//!
//! One pass over the employees decides each of them against the positions with open slots
//! only. Each position keeps its best `top` candidates (memory stays bounded however many
//! employees there are) and counts, for the needs analysis, every outcome and every rule that
//! blocks a candidate.

use std::cmp::Ordering;
use std::sync::{Mutex, PoisonError};

use crossbeam_utils::CachePadded;
use rayon::prelude::*;

use super::decide::Decision;
use super::interp::{Cx, Evaluator, NoTrace};
use super::outcome::Outcome;
use super::plan::{RankByPlan, ShortlistPlan};
use super::value::Value;
use super::{Engine, Positions, Session};
use crate::data::Record;
use crate::date::Date;
use crate::symbols::{Sym, Symbols};

/// A value a candidate is ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankValue {
    /// Unknown values rank after every known one, whichever the direction.
    Unknown,
    Number(i64),
    Text(Sym),
}

/// A candidate for a position.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index of the employee in the input.
    pub employee: usize,
    pub outcome: Outcome,
    pub keys: Vec<RankValue>,
}

/// What the needs analysis counts for one open position.
#[derive(Debug, Clone, Default)]
pub struct Needs {
    /// Candidates by outcome, in the order of `Decision::ALL`.
    pub by_decision: [usize; 4],
    /// For each requirement of the decision (by position in its list): how many fail it.
    pub failing: Vec<usize>,
    /// How many fail only that requirement (and have nothing unknown).
    pub only_failing: Vec<usize>,
    /// Not eligible now but eligible within the horizon; and the earliest such day.
    pub later: usize,
    pub earliest: Option<Date>,
}

impl Needs {
    fn new(requirements: usize) -> Needs {
        Needs {
            failing: vec![0; requirements],
            only_failing: vec![0; requirements],
            ..Needs::default()
        }
    }

    fn add(&mut self, outcome: &Outcome, requirements: &[u32]) {
        if let Some(slot) = Decision::ALL
            .iter()
            .position(|d| *d == outcome.decision)
            .and_then(|i| self.by_decision.get_mut(i))
        {
            *slot += 1;
        }
        for rule in outcome.failed() {
            if let Some(index) = requirements.iter().position(|r| *r == rule) {
                if let Some(count) = self.failing.get_mut(index) {
                    *count += 1;
                }
                if outcome.failed().len() == 1 && outcome.unknown().is_empty() {
                    if let Some(count) = self.only_failing.get_mut(index) {
                        *count += 1;
                    }
                }
            }
        }
        if let Some(date) = outcome.eligible_from {
            self.later += 1;
            self.earliest = Some(self.earliest.map_or(date, |e| e.min(date)));
        }
    }

    fn merge(&mut self, other: &Needs) {
        for (a, b) in self.by_decision.iter_mut().zip(other.by_decision) {
            *a += b;
        }
        for (a, b) in self.failing.iter_mut().zip(&other.failing) {
            *a += b;
        }
        for (a, b) in self.only_failing.iter_mut().zip(&other.only_failing) {
            *a += b;
        }
        self.later += other.later;
        self.earliest = match (self.earliest, other.earliest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

/// One position with open slots: its shortlist and its needs.
#[derive(Debug, Clone)]
pub struct PositionShortlist {
    /// Index of the position in the input.
    pub position: usize,
    pub open: i64,
    /// The group (unit) the position belongs to, if the shortlist groups.
    pub group: Option<Sym>,
    /// Best first, at most `top`.
    pub candidates: Vec<Candidate>,
    pub needs: Needs,
}

/// An employee due for rotation, with the open positions they qualify for.
#[derive(Debug, Clone)]
pub struct DueForRotation {
    pub employee: usize,
    pub options: Vec<usize>,
}

/// Everything `recommend` and `needs` report.
#[derive(Debug, Clone)]
pub struct Recommendation {
    pub shortlists: Vec<PositionShortlist>,
    pub rotation: Vec<DueForRotation>,
}

/// Employees per parallel task: small, since a task costs no run of its own (see
/// `recommend`), and the example city's 1,500 employees must still split evenly.
const CHUNK: usize = 16;

/// Runs shortlist `index` of the rules over every employee and the positions with open slots
/// (only `only` when given); `top` overrides the shortlist's size.
#[allow(clippy::too_many_arguments)]
pub fn recommend<'a>(
    engine: &'a Engine,
    symbols: &'a Symbols,
    index: usize,
    employees: &'a [Record],
    positions: &'a [Record],
    top: Option<usize>,
    only: Option<usize>,
    tables: Option<&'a super::interp::Tables<'a>>,
) -> Recommendation {
    let Some(plan) = engine.hoisted.shortlists.get(index) else {
        return Recommendation {
            shortlists: Vec::new(),
            rotation: Vec::new(),
        };
    };
    let top = top.unwrap_or(plan.top);
    let slots = engine.position_slots(symbols, positions);
    let open = open_positions(engine, symbols, plan, positions, &slots, only);
    // Only the open positions are decided: they alone are grouped and tabulated (59 of 200 on
    // the benchmark's workload b), so the grid has columns for them only. The `n`th of them is
    // position `n` of `grouped`.
    let open_records: Vec<Record> = open
        .iter()
        .filter_map(|(index, _, _)| positions.get(*index).cloned())
        .collect();
    let mut grouped = Positions::new(engine, symbols, &open_records);
    grouped.tabulate(engine, symbols, employees, tables);
    let grouped = &grouped;
    let requirements = engine.hoisted.requirements.len();
    let empty = || PartialRun {
        candidates: vec![Vec::new(); open.len()],
        needs: vec![Needs::new(requirements); open.len()],
        rotation: Vec::new(),
    };
    let ranker = Ranker { plan, symbols };
    // A worker per thread, each with its session and its run for the whole of the work; the
    // runs are merged at the end. (Folded instead, a run and a session were made for every
    // job rayon split off: on the example city, 10 runs on 2 threads and 19 merges of 59
    // shortlists, 0.6 ms of a 12 ms run.) A shortlist is the same whatever order its
    // candidates arrive in (`Ranker::compare` breaks ties by employee), the needs are sums,
    // and the employees due for rotation are put back in employee order below. A thread
    // locks only its own worker, so the locks are never contended; each worker has cache
    // lines of its own, or the threads' writes to their sessions would contend for them.
    let workers: Vec<CachePadded<Mutex<Worker<'_>>>> = (0..rayon::current_num_threads().max(1))
        .map(|_| {
            let mut session = Session::new(engine, symbols);
            if let Some(tables) = tables {
                session.set_tables(tables);
            }
            CachePadded::new(Mutex::new(Worker {
                session,
                outcome: Outcome::empty(),
                run: empty(),
            }))
        })
        .collect();
    employees
        .par_chunks(CHUNK)
        .enumerate()
        .for_each(|(chunk_index, chunk)| {
            let thread = rayon::current_thread_index().unwrap_or(0);
            let Some(worker) = workers.get(thread % workers.len()) else {
                return;
            };
            // A poisoned lock means a panic in this run, which `for_each` passes on: no run
            // is returned then.
            let mut worker = worker.lock().unwrap_or_else(PoisonError::into_inner);
            let Worker {
                session,
                outcome,
                run,
            } = &mut *worker;
            for (offset, employee) in chunk.iter().enumerate() {
                crate::data::prefetch::records_ahead(chunk, offset);
                let employee_index = chunk_index * CHUNK + offset;
                session.employee(employee);
                let mut options = Vec::new();
                for (slot, (position_index, _, _)) in open.iter().enumerate() {
                    session.decide_in(grouped, slot, outcome);
                    if let Some(needs) = run.needs.get_mut(slot) {
                        needs.add(outcome, &engine.hoisted.requirements);
                    }
                    if !plan.include.contains(&outcome.decision) {
                        continue;
                    }
                    options.push(*position_index);
                    let keys = ranker.keys(session, outcome);
                    if let Some(list) = run.candidates.get_mut(slot) {
                        // The outcome is copied only for a candidate that enters the
                        // shortlist: most pairs are decided into the one buffer.
                        let mut candidate = Candidate {
                            employee: employee_index,
                            outcome: Outcome::empty(),
                            keys,
                        };
                        if ranker.admits(list, &candidate, top) {
                            candidate.outcome = outcome.clone();
                            ranker.insert(list, candidate, top);
                        }
                    }
                }
                if let Some(rotation) = &plan.rotation {
                    if session.employee_value(rotation) == Value::Bool(true) {
                        run.rotation.push(DueForRotation {
                            employee: employee_index,
                            options,
                        });
                    }
                }
            }
        });
    let mut merged = empty();
    for worker in workers {
        let worker = CachePadded::into_inner(worker)
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        merged.merge(worker.run, &ranker, top);
    }
    merged.rotation.sort_by_key(|due| due.employee);
    let shortlists = open
        .iter()
        .zip(merged.candidates)
        .zip(merged.needs)
        .map(
            |(((position, open, group), candidates), needs)| PositionShortlist {
                position: *position,
                open: *open,
                group: *group,
                candidates,
                needs,
            },
        )
        .collect();
    Recommendation {
        shortlists,
        rotation: merged.rotation,
    }
}

/// One thread's session, outcome buffer and run.
struct Worker<'a> {
    session: Session<'a>,
    outcome: Outcome,
    run: PartialRun,
}

/// What one worker found.
struct PartialRun {
    candidates: Vec<Vec<Candidate>>,
    needs: Vec<Needs>,
    rotation: Vec<DueForRotation>,
}

impl PartialRun {
    /// Adds what a worker found for the employees after this run's.
    fn merge(&mut self, later: PartialRun, ranker: &Ranker<'_>, top: usize) {
        for (list, candidates) in self.candidates.iter_mut().zip(later.candidates) {
            for candidate in candidates {
                ranker.insert(list, candidate, top);
            }
        }
        for (total, needs) in self.needs.iter_mut().zip(&later.needs) {
            total.merge(needs);
        }
        self.rotation.extend(later.rotation);
    }
}

/// (position index, open slots, group) of every position with open slots, in input order.
fn open_positions(
    engine: &Engine,
    symbols: &Symbols,
    plan: &ShortlistPlan,
    positions: &[Record],
    slots: &[Vec<Value<'_>>],
    only: Option<usize>,
) -> Vec<(usize, i64, Option<Sym>)> {
    let evaluator = Evaluator::new(&engine.hoisted, symbols);
    let mut out = Vec::new();
    for (index, (position, position_slots)) in positions.iter().zip(slots).enumerate() {
        if only.is_some_and(|o| o != index) {
            continue;
        }
        let mut cx = Cx::new(&engine.hoisted);
        cx.position = Some(&position.fields);
        cx.position_slots = position_slots;
        let open = match evaluator.eval(&plan.open, &mut cx, &mut NoTrace) {
            Value::Int(n) => n,
            _ => 0,
        };
        if open <= 0 {
            continue;
        }
        let group = match plan
            .group
            .as_ref()
            .map(|g| evaluator.eval(g, &mut cx, &mut NoTrace))
        {
            Some(Value::Text(sym)) => Some(sym),
            _ => None,
        };
        out.push((index, open, group));
    }
    out
}

/// Orders candidates by the shortlist's `rank by`.
struct Ranker<'a> {
    plan: &'a ShortlistPlan,
    symbols: &'a Symbols,
}

impl<'a> Ranker<'a> {
    fn keys(&self, session: &mut Session<'a>, outcome: &Outcome) -> Vec<RankValue> {
        self.plan
            .rank
            .iter()
            .map(|key| match &key.by {
                RankByPlan::Decision => {
                    let rank = self
                        .plan
                        .include
                        .iter()
                        .position(|d| *d == outcome.decision)
                        .unwrap_or(usize::MAX);
                    RankValue::Number(i64::try_from(rank).unwrap_or(i64::MAX))
                }
                RankByPlan::Score => RankValue::Number(outcome.score),
                RankByPlan::Expr { node, locals } => match session.pair_value(node, *locals) {
                    Value::Int(n) | Value::Days(n) | Value::Months(n) => RankValue::Number(n),
                    Value::Date(d) => RankValue::Number(i64::from(d.0)),
                    Value::Enum(e) => RankValue::Number(i64::from(e)),
                    Value::Text(sym) => RankValue::Text(sym),
                    _ => RankValue::Unknown,
                },
            })
            .collect()
    }

    fn compare(&self, a: &Candidate, b: &Candidate) -> Ordering {
        for ((key, x), y) in self.plan.rank.iter().zip(&a.keys).zip(&b.keys) {
            let ordering = match (x, y) {
                (RankValue::Unknown, RankValue::Unknown) => Ordering::Equal,
                (RankValue::Unknown, _) => return Ordering::Greater,
                (_, RankValue::Unknown) => return Ordering::Less,
                (RankValue::Number(x), RankValue::Number(y)) => x.cmp(y),
                (RankValue::Text(x), RankValue::Text(y)) => {
                    self.symbols.resolve(*x).cmp(self.symbols.resolve(*y))
                }
                (RankValue::Number(_), RankValue::Text(_)) => Ordering::Less,
                (RankValue::Text(_), RankValue::Number(_)) => Ordering::Greater,
            };
            let ordering = if key.descending {
                ordering.reverse()
            } else {
                ordering
            };
            if ordering != Ordering::Equal {
                return ordering;
            }
        }
        // Input order breaks the ties the rules leave, so the result is the same every run.
        a.employee.cmp(&b.employee)
    }

    /// Whether `candidate` would enter `list` (sorted, at most `top` long), by its keys and
    /// employee.
    fn admits(&self, list: &[Candidate], candidate: &Candidate, top: usize) -> bool {
        top > 0
            && (list.len() < top
                || list
                    .last()
                    .is_none_or(|last| self.compare(candidate, last) == Ordering::Less))
    }

    /// Inserts a candidate into a list kept sorted and at most `top` long.
    fn insert(&self, list: &mut Vec<Candidate>, candidate: Candidate, top: usize) {
        if !self.admits(list, &candidate, top) {
            return;
        }
        let at =
            list.partition_point(|existing| self.compare(existing, &candidate) == Ordering::Less);
        list.insert(at, candidate);
        list.truncate(top);
    }
}
