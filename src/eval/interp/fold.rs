//! The running result of a quantifier over its elements, with three-valued logic: `any` is the
//! `or` of its elements, `all` their `and`; `count`, `sum`, `max`, `min` and `first` are unknown
//! as soon as an element's filter or value is unknown.

use std::cmp::Ordering;

use super::super::plan::QuantifierNode;
use super::super::value::Value;
use crate::ast::QuantifierKind;

/// The running result of a quantifier.
pub(super) struct Fold<'a> {
    kind: QuantifierKind,
    /// `any`: a true element; `all`: a counterexample.
    any: bool,
    count: i64,
    sum: Option<Value<'a>>,
    best: Option<Value<'a>>,
    first: Option<Value<'a>>,
    unknown: bool,
}

impl<'a> Fold<'a> {
    pub(super) fn new(q: &QuantifierNode) -> Fold<'a> {
        Fold {
            kind: q.kind,
            any: false,
            count: 0,
            sum: Some(q.zero),
            best: None,
            first: None,
            unknown: false,
        }
    }

    /// Adds one element (its filter and body values); false when the result is decided.
    pub(super) fn add(&mut self, selected: Value<'a>, body: Value<'a>) -> bool {
        match self.kind {
            QuantifierKind::Any | QuantifierKind::No => match (selected, body) {
                (Value::Bool(false), _) => true,
                (Value::Bool(true), Value::Bool(true)) => {
                    self.any = true;
                    false
                }
                (_, Value::Bool(false)) => true,
                _ => {
                    self.unknown = true;
                    true
                }
            },
            QuantifierKind::All => match (selected, body) {
                (Value::Bool(false), _) | (_, Value::Bool(true)) => true,
                (Value::Bool(true), Value::Bool(false)) => {
                    self.any = true;
                    false
                }
                _ => {
                    self.unknown = true;
                    true
                }
            },
            QuantifierKind::Count => match selected {
                Value::Bool(true) => {
                    self.count += 1;
                    true
                }
                Value::Bool(false) => true,
                _ => {
                    self.unknown = true;
                    true
                }
            },
            QuantifierKind::Sum => {
                match selected {
                    Value::Bool(false) => {}
                    Value::Bool(true) => {
                        self.sum = match (self.sum, body) {
                            (Some(total), value) if value.is_known() => sum(total, value),
                            _ => None,
                        };
                    }
                    _ => self.unknown = true,
                }
                true
            }
            QuantifierKind::Max | QuantifierKind::Min => {
                match selected {
                    Value::Bool(false) => {}
                    Value::Bool(true) if body.is_known() => {
                        self.best = Some(match self.best {
                            None => body,
                            Some(current) => {
                                let ordering = body.compare(current).unwrap_or(Ordering::Equal);
                                let better = if self.kind == QuantifierKind::Max {
                                    ordering.is_gt()
                                } else {
                                    ordering.is_lt()
                                };
                                if better { body } else { current }
                            }
                        });
                    }
                    _ => self.unknown = true,
                }
                true
            }
            // `each` builds a list; it is evaluated by `listing`, never folded.
            QuantifierKind::Each => false,
            QuantifierKind::First => match selected {
                Value::Bool(false) => true,
                Value::Bool(true) => {
                    self.first = Some(body);
                    false
                }
                _ => {
                    // Whether this element is the one cannot be known.
                    self.unknown = true;
                    false
                }
            },
        }
    }

    pub(super) fn finish(self) -> Value<'a> {
        match self.kind {
            QuantifierKind::Any => {
                if self.any {
                    Value::Bool(true)
                } else if self.unknown {
                    Value::Unknown
                } else {
                    Value::Bool(false)
                }
            }
            // `no`: a true element was found; `all`: a counterexample was.
            QuantifierKind::No | QuantifierKind::All => {
                if self.any {
                    Value::Bool(false)
                } else if self.unknown {
                    Value::Unknown
                } else {
                    Value::Bool(true)
                }
            }
            QuantifierKind::Count => {
                if self.unknown {
                    Value::Unknown
                } else {
                    Value::Int(self.count)
                }
            }
            QuantifierKind::Sum => {
                if self.unknown {
                    Value::Unknown
                } else {
                    self.sum.unwrap_or(Value::Unknown)
                }
            }
            QuantifierKind::Max | QuantifierKind::Min => {
                if self.unknown {
                    Value::Unknown
                } else {
                    self.best.unwrap_or(Value::Unknown)
                }
            }
            QuantifierKind::Each => Value::Unknown,
            QuantifierKind::First => {
                if self.unknown {
                    Value::Unknown
                } else {
                    self.first.unwrap_or(Value::Unknown)
                }
            }
        }
    }
}

fn sum<'a>(total: Value<'a>, value: Value<'a>) -> Option<Value<'a>> {
    match (total, value) {
        (Value::Int(a), Value::Int(b)) => a.checked_add(b).map(Value::Int),
        (Value::Days(a), Value::Days(b)) => a.checked_add(b).map(Value::Days),
        (Value::Months(a), Value::Months(b)) => a.checked_add(b).map(Value::Months),
        _ => None,
    }
}
