//! Classifications over one employee (post-transfer monitoring): who is classified, the first
//! status whose condition holds, and the names listed with it.

use super::interp::{Cx, Evaluator, Tracer};
use super::plan::ClassificationPlan;
use super::value::Value;
use crate::schema::Type;
use crate::symbols::Sym;

/// The status given to one employee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    /// Index of the status in the classification.
    pub status: usize,
    /// The position reported (text), if any.
    pub position: Option<Sym>,
    /// The names a `listing` gave, sorted and each once.
    pub listing: Vec<Sym>,
}

/// Classifies the employee in `cx` (flat plan); `None` when the classification does not apply.
/// A status whose condition is unknown is passed over, as one whose condition is false.
pub fn classify<'a, T: Tracer<'a>>(
    evaluator: &Evaluator<'a>,
    classification: &'a ClassificationPlan,
    cx: &mut Cx<'a>,
    tracer: &mut T,
) -> Option<Classified> {
    cx.new_pair();
    cx.frame(classification.locals, |cx| {
        if let Some(applies) = &classification.applies {
            if evaluator.eval(applies, cx, tracer) != Value::Bool(true) {
                return None;
            }
        }
        let position = match classification
            .position
            .as_ref()
            .map(|p| evaluator.eval(p, cx, tracer))
        {
            Some(Value::Text(sym)) => Some(sym),
            _ => None,
        };
        let last = classification.statuses.len().saturating_sub(1);
        for (index, status) in classification.statuses.iter().enumerate() {
            let holds = match &status.when {
                Some(when) => evaluator.eval(when, cx, tracer) == Value::Bool(true),
                None => true,
            };
            if holds || index == last {
                let listing = match &status.listing {
                    Some(node) => names(evaluator, node, cx, tracer),
                    None => Vec::new(),
                };
                return Some(Classified {
                    status: index,
                    position,
                    listing,
                });
            }
        }
        None
    })
}

fn names<'a, T: Tracer<'a>>(
    evaluator: &Evaluator<'a>,
    node: &'a super::plan::Node,
    cx: &mut Cx<'a>,
    tracer: &mut T,
) -> Vec<Sym> {
    let element_ty = match &node.ty {
        Type::List(inner) => (**inner).clone(),
        _ => Type::Text,
    };
    let mut names: Vec<Sym> = evaluator
        .each(node, cx, tracer)
        .into_iter()
        .filter_map(|value| match (value, &element_ty) {
            (Value::Text(sym), _) => Some(sym),
            (Value::Enum(index), Type::Enum(id)) => evaluator.plan.enum_symbol(*id, index),
            _ => None,
        })
        .collect();
    names.sort_by(|a, b| {
        evaluator
            .symbols
            .resolve(*a)
            .cmp(evaluator.symbols.resolve(*b))
    });
    names.dedup();
    names
}
