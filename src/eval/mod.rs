//! Stage 3: checked rules + records -> decisions.
//!
//! [`Engine`] compiles the checked rules twice (see `plan`): a hoisted plan for bulk evaluation
//! and a flat plan for explanations and for `eligible_from`. Per employee it fills the slots
//! that depend on the employee alone, then decides each position with only the pair's own work.

pub mod classify;
pub mod decide;
pub mod diff;
pub mod eligible;
pub mod interp;
pub mod plan;
pub mod shortlist;
pub mod validate;
pub mod value;

pub use decide::{Decision, Outcome};
pub use value::Value;

use crate::check::CheckedRules;
use crate::data::Record;
use crate::date::Date;
use crate::symbols::Symbols;
use interp::{Cx, Evaluator, NoTrace};
use plan::Plan;

/// The compiled rules for one evaluation date and assessment year.
#[derive(Debug)]
pub struct Engine {
    pub hoisted: Plan,
    pub flat: Plan,
    pub as_of: Date,
    pub assessment_year: i64,
}

impl Engine {
    /// Compiles the rules; interns their texts into `symbols` (the records' interner).
    pub fn new(
        rules: &CheckedRules,
        symbols: &mut Symbols,
        as_of: Date,
        assessment_year: i64,
    ) -> Engine {
        Engine {
            hoisted: plan::compile(rules, symbols, as_of, assessment_year, true),
            flat: plan::compile(rules, symbols, as_of, assessment_year, false),
            as_of,
            assessment_year,
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

/// Decides one employee against positions, reusing its buffers across calls.
pub struct Session<'a> {
    engine: &'a Engine,
    hoisted: Evaluator<'a>,
    flat: Evaluator<'a>,
    cx: Cx<'a>,
    flat_cx: Cx<'a>,
    at_start: Vec<Value<'a>>,
    horizon: Option<Date>,
}

impl<'a> Session<'a> {
    pub fn new(engine: &'a Engine, symbols: &'a Symbols) -> Session<'a> {
        Session {
            engine,
            hoisted: Evaluator::new(&engine.hoisted, symbols),
            flat: Evaluator::new(&engine.flat, symbols),
            cx: Cx::new(&engine.hoisted),
            flat_cx: Cx::new(&engine.flat),
            at_start: Vec::new(),
            horizon: engine.horizon(),
        }
    }

    /// Makes `input[key]` lookups find the records of `tables`.
    pub fn set_tables(&mut self, tables: &'a interp::Tables<'a>) {
        self.cx.tables = Some(tables);
        self.flat_cx.tables = Some(tables);
    }

    /// Sets the employee and computes its hoisted values.
    pub fn employee(&mut self, employee: &'a Record) {
        let cx = &mut self.cx;
        cx.employee = Some(&employee.fields);
        cx.position = None;
        cx.position_slots = &[];
        cx.employee_slots.clear();
        cx.new_pair();
        for slot in &self.engine.hoisted.employee_slots {
            let value = cx.frame(slot.locals, |cx| {
                self.hoisted.eval(&slot.node, cx, &mut NoTrace)
            });
            cx.employee_slots.push(value);
        }
        self.flat_cx.employee = Some(&employee.fields);
    }

    /// Decides the current employee for one position (with `position_slots` from
    /// [`Engine::position_slots`]).
    pub fn decide(
        &mut self,
        position: &'a Record,
        position_slots: &'a [Value<'a>],
        out: &mut Outcome,
    ) {
        let cx = &mut self.cx;
        cx.position = Some(&position.fields);
        cx.position_slots = position_slots;
        cx.new_pair();
        let requirements = &self.engine.hoisted.requirements;
        decide::decide(&self.hoisted, requirements, cx, &mut NoTrace, out);
        if out.decision == Decision::NotEligible {
            out.eligible_from = self.eligible_from(position, out);
        }
    }

    /// The value of `node` for the pair last decided (a rank key), in a frame of `locals`.
    pub fn pair_value(&mut self, node: &'a plan::Node, locals: u16) -> Value<'a> {
        let evaluator = &self.hoisted;
        self.cx
            .frame(locals, |cx| evaluator.eval(node, cx, &mut NoTrace))
    }

    /// The value of `node` for the current employee alone.
    pub fn employee_value(&mut self, node: &'a plan::Node) -> Value<'a> {
        let evaluator = &self.hoisted;
        self.cx
            .frame(0, |cx| evaluator.eval(node, cx, &mut NoTrace))
    }

    fn eligible_from(&mut self, position: &'a Record, _out: &Outcome) -> Option<Date> {
        let horizon = self.horizon?;
        let requirements = &self.engine.hoisted.requirements;
        self.at_start.clear();
        for &rule in requirements {
            let value = decide::requirement(&self.hoisted, rule, &mut self.cx, &mut NoTrace);
            self.at_start.push(value);
        }
        let cx = &mut self.flat_cx;
        cx.position = Some(&position.fields);
        cx.new_pair();
        let window = eligible::Window {
            start: self.engine.as_of,
            end: horizon,
        };
        eligible::eligible_from(&self.flat, requirements, &self.at_start, window, cx)
    }
}
