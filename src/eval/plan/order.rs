//! The order in which definitions and rules are compiled and their slots filled: each after
//! the definitions and rules it reads.

use std::collections::HashMap;

use super::UnitRef;
use crate::check::checked::{self, CheckedRules, ExprKind};

/// Definitions and rules in an order where each comes after those it reads.
pub(super) fn order(rules: &CheckedRules) -> Vec<UnitRef> {
    let mut state: HashMap<UnitKey, u8> = HashMap::new();
    let mut out = Vec::new();
    for index in 0..rules.definitions.len() {
        visit(
            rules,
            UnitRef::Definition(u32::try_from(index).unwrap_or(u32::MAX)),
            &mut state,
            &mut out,
        );
    }
    for index in 0..rules.rules.len() {
        visit(
            rules,
            UnitRef::Rule(u32::try_from(index).unwrap_or(u32::MAX)),
            &mut state,
            &mut out,
        );
    }
    out
}

type UnitKey = (bool, u32);

fn visit(
    rules: &CheckedRules,
    unit: UnitRef,
    state: &mut HashMap<UnitKey, u8>,
    out: &mut Vec<UnitRef>,
) {
    let key = match unit {
        UnitRef::Definition(i) => (false, i),
        UnitRef::Rule(i) => (true, i),
    };
    if state.contains_key(&key) {
        return;
    }
    state.insert(key, 1);
    let mut uses = Vec::new();
    let mut collect = |expr: &checked::Expr| {
        crate::check::walk::visit(expr, &mut |e| match &e.kind {
            ExprKind::Definition(id) => uses.push(UnitRef::Definition(id.0)),
            ExprKind::Rule(id) => uses.push(UnitRef::Rule(id.0)),
            _ => {}
        });
    };
    match unit {
        UnitRef::Definition(i) => {
            if let Some(d) = rules.definitions.get(i as usize) {
                collect(&d.body);
            }
        }
        UnitRef::Rule(i) => {
            if let Some(r) = rules.rules.get(i as usize) {
                r.applies
                    .iter()
                    .chain(&r.unknown_when)
                    .for_each(&mut collect);
                collect(&r.requires);
            }
        }
    }
    for used in uses {
        visit(rules, used, state, out);
    }
    out.push(unit);
}
