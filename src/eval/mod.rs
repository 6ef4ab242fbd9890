//! Stage 3: checked rules + records -> decisions.
//!
//! [`Engine`] compiles the checked rules twice (see `plan`): a hoisted plan for bulk evaluation
//! and a flat plan for explanations and for `eligible_from`. Per employee it fills the slots
//! that depend on the employee alone (those it needs), then takes each unit of the decision
//! across all positions at once (`verdicts`): looked up where it was tabulated for the run
//! (`grid`), or computed once per group of positions that read alike (`memo`). A pair then only
//! copies its verdicts, training and points into its `outcome`. `bulk` decides every pair in
//! parallel.

pub mod bulk;
pub mod classify;
pub mod decide;
pub mod diff;
pub mod elements;
pub mod eligible;
pub mod grid;
pub mod interp;
pub mod memo;
pub mod outcome;
pub mod plan;
mod session;
pub mod shortlist;
pub mod small_list;
mod stamped;
pub mod validate;
pub mod value;
mod verdicts;

pub use decide::Decision;
pub use memo::Positions;
pub use outcome::{Outcome, RuleList};
pub use session::Session;
pub use value::Value;

use crate::ast::InputKind;
use crate::check::CheckedRules;
use crate::data::Record;
use crate::date::Date;
use crate::symbols::Symbols;
use interp::{Cx, Evaluator, NoTrace};
use plan::Plan;
use plan::reads::{Keyed, Reads, ReadsOf};

/// A unit of the pair decision: what bulk evaluation computes, groups and tabulates one at a
/// time. Units are numbered requirements first, then prerequisites, then score parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A requirement, by rule index.
    Requirement(u32),
    /// A prerequisite, by its index in the plan.
    Prerequisite(usize),
    /// A score part, by its index in the plan.
    Part(usize),
}

/// The compiled rules for one evaluation date and assessment year.
#[derive(Debug)]
pub struct Engine {
    pub hoisted: Plan,
    pub flat: Plan,
    pub as_of: Date,
    pub assessment_year: i64,
    /// What each unit of the pair decision reads from the position: the requirements, then
    /// the prerequisites, then the score parts (see `memo`).
    pub position_reads: Vec<Reads>,
    /// Whether each unit reads a single position field, only to compare it for equality (see
    /// `memo`).
    pub compared_only: Vec<bool>,
    /// What each unit reads from the employee, in the same order (see `grid`).
    pub employee_reads: Vec<Reads>,
    /// The employee slots each unit uses, in the same order (see `Session::employee_for`).
    pub employee_slots: Vec<Vec<u32>>,
    /// Whether each requirement's value may change with the date.
    pub dated: Vec<bool>,
    /// Whether each requirement, once it holds, holds on every later day (see
    /// `eligible::stays_true`).
    pub stays_true: Vec<bool>,
    /// Each unit that reads the employee only as `m[k]` for the keys of position collections
    /// (see `grid`).
    pub keyed: Vec<Option<Keyed>>,
}

impl Engine {
    /// Compiles the rules; interns their texts into `symbols` (the records' interner).
    pub fn new(
        rules: &CheckedRules,
        symbols: &mut Symbols,
        as_of: Date,
        assessment_year: i64,
    ) -> Engine {
        let hoisted = plan::compile(rules, symbols, as_of, assessment_year, true);
        let flat = plan::compile(rules, symbols, as_of, assessment_year, false);
        let position_reads = unit_reads(&hoisted, &flat, InputKind::Position);
        let compared_only = unit_compared_only(&hoisted, &position_reads);
        let employee_reads = unit_reads(&hoisted, &flat, InputKind::Employee);
        let employee_slots = each_unit(&hoisted, InputKind::Employee, |walk| walk.slots());
        let keyed = plan::reads::keyed_units(&hoisted);
        let dated = flat
            .requirements
            .iter()
            .map(|&rule| eligible::rule_is_dated(&flat, rule))
            .collect();
        let stays_true = flat
            .requirements
            .iter()
            .map(|&rule| eligible::stays_true(&flat, rule))
            .collect();
        Engine {
            hoisted,
            flat,
            as_of,
            assessment_year,
            position_reads,
            compared_only,
            employee_reads,
            employee_slots,
            dated,
            stays_true,
            keyed,
        }
    }

    /// Which part of the decision `unit` (an index into `position_reads`) is, and its index
    /// among those of its kind.
    pub fn unit(&self, unit: usize) -> Unit {
        let plan = &self.hoisted;
        if let Some(&rule) = plan.requirements.get(unit) {
            return Unit::Requirement(rule);
        }
        let index = unit - plan.requirements.len();
        if index < plan.prerequisites.len() {
            Unit::Prerequisite(index)
        } else {
            Unit::Part(index - plan.prerequisites.len())
        }
    }

    /// The last day `eligible_from` may be.
    pub fn horizon(&self) -> Option<Date> {
        match self.flat.eligible_within? {
            Value::Months(months) => self.as_of.add_months(months),
            Value::Days(days) => self.as_of.add_days(days),
            _ => None,
        }
    }

    /// The hoisted values of every position, computed once.
    pub fn position_slots<'a>(
        &'a self,
        symbols: &'a Symbols,
        positions: &'a [Record],
    ) -> Vec<Vec<Value<'a>>> {
        let evaluator = Evaluator::new(&self.hoisted, symbols);
        let mut cx = Cx::new(&self.hoisted);
        positions
            .iter()
            .map(|position| {
                cx.position = Some(&position.fields);
                cx.building_position.clear();
                cx.new_pair();
                for slot in &self.hoisted.position_slots {
                    let value = cx.frame(slot.locals, |cx| {
                        evaluator.eval(&slot.node, cx, &mut NoTrace)
                    });
                    cx.building_position.push(value);
                }
                std::mem::take(&mut cx.building_position)
            })
            .collect()
    }
}

/// What each unit reads from one side, in both plans (bulk evaluation uses the hoisted one,
/// `eligible_from` the flat one).
fn unit_reads(hoisted: &Plan, flat: &Plan, side: InputKind) -> Vec<Reads> {
    let in_hoisted = each_unit(hoisted, side, |walk| walk.finish());
    let in_flat = each_unit(flat, side, |walk| walk.finish());
    in_hoisted
        .into_iter()
        .zip(in_flat)
        .map(|(a, b)| a.union(b))
        .collect()
}

/// Whether each unit, as bulk evaluation runs it, reads one position field and only compares it
/// for equality (see `ReadsOf::compared_only`).
fn unit_compared_only(hoisted: &Plan, reads: &[Reads]) -> Vec<bool> {
    each_unit(hoisted, InputKind::Position, |walk| walk.compared_only())
        .into_iter()
        .zip(reads)
        .map(|(compared, reads)| {
            compared && matches!(reads, Reads::Paths(paths) if paths.len() == 1)
        })
        .collect()
}

/// Walks the nodes of each unit of `plan` (requirements, prerequisites, score parts) for what
/// they read from `side`, and gives each walk to `finish`.
fn each_unit<T>(plan: &Plan, side: InputKind, finish: impl Fn(ReadsOf<'_>) -> T) -> Vec<T> {
    let mut out = Vec::new();
    for &rule in plan.requirements.iter() {
        let mut reads = ReadsOf::new(plan, side);
        reads.rule(rule);
        out.push(finish(reads));
    }
    for prerequisite in &plan.prerequisites {
        let mut reads = ReadsOf::new(plan, side);
        let owes = match &prerequisite.owes {
            plan::OwesPlan::One(code) => code,
            plan::OwesPlan::Each { list, .. } => list,
        };
        for node in prerequisite
            .applies
            .iter()
            .chain([owes, &prerequisite.unless])
        {
            reads.node(node);
        }
        out.push(finish(reads));
    }
    for part in &plan.parts {
        let mut reads = ReadsOf::new(plan, side);
        reads.node(&part.value);
        out.push(finish(reads));
    }
    out
}
