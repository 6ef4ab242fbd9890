//! Visiting checked expressions.

use super::checked::{Expr, ExprKind};

/// The direct sub-expressions of an expression, in evaluation order.
pub fn children(expr: &Expr) -> Vec<&Expr> {
    match &expr.kind {
        ExprKind::Const(_)
        | ExprKind::Parameter(_)
        | ExprKind::EvaluationDate
        | ExprKind::AssessmentYear
        | ExprKind::Input(_)
        | ExprKind::Local(_)
        | ExprKind::Definition(_)
        | ExprKind::Rule(_) => Vec::new(),
        ExprKind::Field(e, _)
        | ExprKind::Unit(e, _)
        | ExprKind::Cast(e, _)
        | ExprKind::Negate(e)
        | ExprKind::Not(e) => vec![e],
        ExprKind::ListIndex(a, b)
        | ExprKind::MapGet(a, b)
        | ExprKind::And(a, b)
        | ExprKind::Or(a, b)
        | ExprKind::Arith(_, a, b)
        | ExprKind::Compare(_, a, b)
        | ExprKind::Otherwise(a, b) => vec![a, b],
        ExprKind::InList { element, list, .. } => vec![element, list],
        ExprKind::InMap { key, map, .. } => vec![key, map],
        ExprKind::InEnum { element, .. } => vec![element],
        ExprKind::Lookup(_, key) => vec![key],
        ExprKind::Is { operand, .. } => vec![operand],
        ExprKind::If(c, a, b) => vec![c, a, b],
        ExprKind::Table(_, args) | ExprKind::Builtin(_, args) | ExprKind::Set(args) => {
            args.iter().collect()
        }
        ExprKind::Call(call) => call
            .args
            .iter()
            .map(|(_, arg)| arg)
            .chain(std::iter::once(&call.body))
            .collect(),
        ExprKind::Quantifier(q) => std::iter::once(&q.collection)
            .chain(q.filter.iter())
            .chain(q.body.iter())
            .collect(),
    }
}

/// Calls `f` on `expr` and every expression inside it, parents first.
pub fn visit<'e>(expr: &'e Expr, f: &mut impl FnMut(&'e Expr)) {
    f(expr);
    for child in children(expr) {
        visit(child, f);
    }
}
