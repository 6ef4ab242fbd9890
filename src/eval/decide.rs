//! One decision over a pair (or one employee): hard requirements, training owed, score.
//!
//! The outcome follows from the language's semantics, not from knowledge of the policy:
//! any requirement false -> not eligible; else any unknown -> needs review; else any training
//! owed -> eligible after training; else eligible.

use std::sync::Arc;

use super::interp::{Cx, Evaluator, Tracer};
use super::outcome::{Codes, Outcome, Parts};
use super::plan::{Level, OwesPlan, Plan};
use super::value::Value;
pub use crate::check::checked::Decision;
use crate::schema::Type;

/// The value of requirement `rule` for the pair in `cx`: from its slot when hoisted.
pub fn requirement<'a, T: Tracer<'a>>(
    evaluator: &Evaluator<'a>,
    rule: u32,
    cx: &mut Cx<'a>,
    tracer: &mut T,
) -> Value<'a> {
    let plan = evaluator.plan;
    match plan.rules.get(rule as usize).and_then(|r| r.slot) {
        // INVARIANT: slots are filled before the pair is decided.
        Some(slot) => evaluator.slot_value(slot, cx),
        None => evaluator.rule_outcome(rule, cx, tracer),
    }
}

/// Decides the pair in `cx` (slots filled) into `out`, without `eligible_from`.
pub fn decide<'a, T: Tracer<'a>>(
    evaluator: &Evaluator<'a>,
    requirements: &Arc<[u32]>,
    cx: &mut Cx<'a>,
    tracer: &mut T,
    out: &mut Outcome,
) {
    out.clear();
    out.start_requirements(requirements);
    for (index, &rule) in requirements.iter().enumerate() {
        out.set_requirement(
            index,
            match requirement(evaluator, rule, cx, tracer) {
                Value::Bool(truth) => Some(truth),
                _ => None,
            },
        );
    }
    owed_training(evaluator, cx, tracer, &mut out.training);
    score(evaluator, cx, tracer, &mut out.parts);
    out.score = out.parts.iter().sum();
    out.decision = decision_of(out);
}

/// The decision that failed and unknown requirements and training owed make.
pub fn decision_of(out: &Outcome) -> Decision {
    if !out.failed().is_empty() {
        Decision::NotEligible
    } else if !out.unknown().is_empty() {
        Decision::NeedsReview
    } else if !out.training.is_empty() {
        Decision::EligibleAfterTraining
    } else {
        Decision::Eligible
    }
}

/// Every training code owed, in prerequisite order, each once.
pub fn owed_training<'a, T: Tracer<'a>>(
    evaluator: &Evaluator<'a>,
    cx: &mut Cx<'a>,
    tracer: &mut T,
    out: &mut Codes,
) {
    for index in 0..evaluator.plan.prerequisites.len() {
        prerequisite(evaluator, index, cx, tracer, out);
    }
}

/// The codes one prerequisite owes, appended to `out` (codes already there are not repeated).
pub fn prerequisite<'a, T: Tracer<'a>>(
    evaluator: &Evaluator<'a>,
    index: usize,
    cx: &mut Cx<'a>,
    tracer: &mut T,
    out: &mut Codes,
) {
    let plan: &'a Plan = evaluator.plan;
    let Some(prerequisite) = plan.prerequisites.get(index) else {
        return;
    };
    cx.frame(prerequisite.locals, |cx| {
        if let Some(applies) = &prerequisite.applies {
            // Where it is unknown whether the prerequisite applies, the training is owed.
            if evaluator.eval(applies, cx, tracer) == Value::Bool(false) {
                return;
            }
        }
        match &prerequisite.owes {
            OwesPlan::One(code) => {
                let code_value = evaluator.eval(code, cx, tracer);
                if !code_value.is_known() {
                    return;
                }
                if evaluator.eval(&prerequisite.unless, cx, tracer) != Value::Bool(true) {
                    push_code(evaluator, &code.ty, code_value, out);
                }
            }
            OwesPlan::Each { var, list } => {
                let Value::List(items) = evaluator.eval(list, cx, tracer) else {
                    return;
                };
                let element_ty = match &list.ty {
                    Type::List(inner) => &**inner,
                    _ => &Type::Text,
                };
                for item in items.iter() {
                    let value = Value::from_datum(item);
                    cx.set_local(*var, value);
                    if evaluator.eval(&prerequisite.unless, cx, tracer) != Value::Bool(true) {
                        push_code(evaluator, element_ty, value, out);
                    }
                }
            }
        }
    });
}

fn push_code(evaluator: &Evaluator<'_>, ty: &Type, value: Value<'_>, out: &mut Codes) {
    let sym = match (value, ty) {
        (Value::Text(sym), _) => Some(sym),
        (Value::Enum(index), Type::Enum(enum_id)) => evaluator.plan.enum_symbol(*enum_id, index),
        _ => None,
    };
    if let Some(sym) = sym {
        if !out.contains(&sym) {
            out.push(sym);
        }
    }
}

/// Each score part's points.
pub fn score<'a, T: Tracer<'a>>(
    evaluator: &Evaluator<'a>,
    cx: &mut Cx<'a>,
    tracer: &mut T,
    out: &mut Parts,
) {
    for index in 0..evaluator.plan.parts.len() {
        out.push(part(evaluator, index, cx, tracer));
    }
}

/// One score part: its value capped to 0..=max; unknown counts 0.
pub fn part<'a, T: Tracer<'a>>(
    evaluator: &Evaluator<'a>,
    index: usize,
    cx: &mut Cx<'a>,
    tracer: &mut T,
) -> i64 {
    let plan: &'a Plan = evaluator.plan;
    let Some(part) = plan.parts.get(index) else {
        return 0;
    };
    let value = cx.frame(part.locals, |cx| evaluator.eval(&part.value, cx, tracer));
    match value {
        Value::Int(points) => points.clamp(0, part.max),
        _ => 0,
    }
}

/// Whether a level needs the position (pair-level work).
pub fn is_pair(level: Level) -> bool {
    level == Level::Pair
}
