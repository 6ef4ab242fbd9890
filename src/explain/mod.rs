//! Stage 4: the explanation of one decision: every rule with the values that decided it.
//!
//! Bulk evaluation records nothing. To explain a pair, the flat plan is evaluated again with a
//! [`Recorder`], so each rule, prerequisite and score part comes with the tree of steps that
//! produced it; `report::why` turns those into text an HR officer can read and cite.

pub mod trace;

use crate::data::Record;
use crate::date::Date;
use crate::eval::decide;
use crate::eval::eligible;
use crate::eval::interp::{Cx, Evaluator, NoTrace};
use crate::eval::outcome::{Codes, Outcome};
use crate::eval::{Engine, Session, Value};
use crate::symbols::{Sym, Symbols};
pub use trace::{Recorder, Step, StepKind};

/// How a requirement came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Holds,
    /// `applies when` was false: the rule holds without looking further.
    NotApplicable,
    Fails,
    Unknown,
}

/// One requirement with its steps.
#[derive(Debug, Clone)]
pub struct RequirementTrace<'a> {
    pub rule: u32,
    pub status: Status,
    pub steps: Vec<Step<'a>>,
    /// For a failed requirement that depends on the date: the first day it would hold within
    /// the horizon (`Some(None)`: not within it).
    pub met_from: Option<Option<Date>>,
}

/// One prerequisite: what it owes, with its steps.
#[derive(Debug, Clone)]
pub struct PrerequisiteTrace<'a> {
    pub index: usize,
    pub owed: Vec<Sym>,
    pub steps: Vec<Step<'a>>,
}

/// One score part: its points, with its steps.
#[derive(Debug, Clone)]
pub struct PartTrace<'a> {
    pub index: usize,
    pub points: i64,
    /// What the expression gave before capping (unknown counts 0).
    pub raw: Value<'a>,
    pub steps: Vec<Step<'a>>,
}

/// Where `eligible_from` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EligibleReason {
    /// The decision is not "not eligible": no date is needed.
    NotNeeded,
    /// The decision has no `eligible_from` clause.
    NotAsked,
    /// On `date` these requirements, false on the evaluation date, hold.
    From { date: Date, rules: Vec<u32> },
    /// Requirements that do not depend on the date are false or unknown: no date helps.
    Never { rules: Vec<u32> },
    /// Every requirement could change with time, but not within the horizon.
    NotWithin { horizon: Date },
}

/// Everything about one pair.
#[derive(Debug, Clone)]
pub struct PairExplanation<'a> {
    pub employee: &'a Record,
    pub position: &'a Record,
    pub outcome: Outcome,
    pub requirements: Vec<RequirementTrace<'a>>,
    pub prerequisites: Vec<PrerequisiteTrace<'a>>,
    pub parts: Vec<PartTrace<'a>>,
    pub eligible: EligibleReason,
}

/// Decides one pair as bulk evaluation does, and records why.
pub fn explain_pair<'a>(
    engine: &'a Engine,
    symbols: &'a Symbols,
    employee: &'a Record,
    position: &'a Record,
    position_slots: &'a [Value<'a>],
    tables: Option<&'a crate::eval::interp::Tables<'a>>,
) -> PairExplanation<'a> {
    let mut session = Session::new(engine, symbols);
    if let Some(tables) = tables {
        session.set_tables(tables);
    }
    session.employee(employee);
    let mut outcome = Outcome::empty();
    session.decide(position, position_slots, &mut outcome);

    let evaluator = Evaluator::new(&engine.flat, symbols);
    let mut cx = Cx::new(&engine.flat);
    cx.employee = Some(&employee.fields);
    cx.position = Some(&position.fields);
    cx.tables = tables;
    let mut recorder = Recorder::new();

    let requirements = engine
        .flat
        .requirements
        .iter()
        .map(|&rule| {
            cx.new_pair();
            let value = evaluator.rule_outcome(rule, &mut cx, &mut recorder);
            let steps = recorder.take();
            let not_applicable = engine
                .flat
                .rules
                .get(rule as usize)
                .is_some_and(|r| r.applies.is_some())
                && steps.first().is_some_and(|s| s.value == Value::Bool(false));
            let status = match value {
                Value::Bool(true) if not_applicable => Status::NotApplicable,
                Value::Bool(true) => Status::Holds,
                Value::Bool(false) => Status::Fails,
                _ => Status::Unknown,
            };
            RequirementTrace {
                rule,
                status,
                steps,
                met_from: None,
            }
        })
        .collect::<Vec<_>>();
    let requirements = met_from_dates(engine, &evaluator, requirements, &mut cx);

    let prerequisites = (0..engine.flat.prerequisites.len())
        .map(|index| {
            cx.new_pair();
            let mut owed = Codes::new();
            decide::prerequisite(&evaluator, index, &mut cx, &mut recorder, &mut owed);
            PrerequisiteTrace {
                index,
                owed: owed.to_vec(),
                steps: recorder.take(),
            }
        })
        .collect();

    let parts = (0..engine.flat.parts.len())
        .map(|index| {
            cx.new_pair();
            let points = decide::part(&evaluator, index, &mut cx, &mut recorder);
            let steps = recorder.take();
            let raw = steps.last().map_or(Value::Unknown, |s| s.value);
            PartTrace {
                index,
                points,
                raw,
                steps,
            }
        })
        .collect();

    let eligible = eligible_reason(engine, &evaluator, &outcome, &mut cx);
    PairExplanation {
        employee,
        position,
        outcome,
        requirements,
        prerequisites,
        parts,
        eligible,
    }
}

/// The first day each failed, date-dependent requirement would hold on its own.
fn met_from_dates<'a>(
    engine: &'a Engine,
    evaluator: &Evaluator<'a>,
    mut requirements: Vec<RequirementTrace<'a>>,
    cx: &mut Cx<'a>,
) -> Vec<RequirementTrace<'a>> {
    let Some(horizon) = engine.horizon() else {
        return requirements;
    };
    let window = eligible::Window {
        start: engine.as_of,
        end: horizon,
    };
    for requirement in &mut requirements {
        if requirement.status == Status::Fails
            && eligible::rule_is_dated(&engine.flat, requirement.rule)
        {
            cx.as_of = engine.as_of;
            cx.new_pair();
            let date = eligible::eligible_from(
                evaluator,
                &[requirement.rule],
                &[Value::Bool(false)],
                window,
                cx,
            );
            requirement.met_from = Some(date);
        }
    }
    cx.as_of = engine.as_of;
    cx.new_pair();
    requirements
}

fn eligible_reason<'a>(
    engine: &'a Engine,
    evaluator: &Evaluator<'a>,
    outcome: &Outcome,
    cx: &mut Cx<'a>,
) -> EligibleReason {
    if outcome.decision != crate::eval::Decision::NotEligible {
        return EligibleReason::NotNeeded;
    }
    let Some(horizon) = engine.horizon() else {
        return EligibleReason::NotAsked;
    };
    let requirements = &engine.flat.requirements;
    cx.as_of = engine.as_of;
    cx.new_pair();
    let at_start: Vec<Value<'a>> = requirements
        .iter()
        .map(|&rule| evaluator.rule_outcome(rule, cx, &mut NoTrace))
        .collect();
    let fixed: Vec<u32> = requirements
        .iter()
        .zip(&at_start)
        .filter(|(rule, value)| {
            **value != Value::Bool(true) && !eligible::rule_is_dated(&engine.flat, **rule)
        })
        .map(|(rule, _)| *rule)
        .collect();
    if !fixed.is_empty() {
        return EligibleReason::Never { rules: fixed };
    }
    match outcome.eligible_from {
        Some(date) => {
            cx.as_of = date;
            cx.new_pair();
            let rules = requirements
                .iter()
                .zip(&at_start)
                .filter(|(_, value)| **value != Value::Bool(true))
                .filter(|(rule, _)| {
                    evaluator.rule_outcome(**rule, cx, &mut NoTrace) == Value::Bool(true)
                })
                .map(|(rule, _)| *rule)
                .collect();
            cx.as_of = engine.as_of;
            cx.new_pair();
            EligibleReason::From { date, rules }
        }
        None => EligibleReason::NotWithin { horizon },
    }
}
