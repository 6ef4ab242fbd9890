//! The kinds of node that are not leaves, a function for each common kind and one for the
//! rarer ones, entered from the dispatch in `Evaluator::eval_kind`.
//!
//! Each takes the node itself, as the dispatch does, so that entering it is a jump (see
//! `eval_kind`); a node of another kind, which the dispatch never sends, is unknown.

use super::*;

impl<'a> Evaluator<'a> {
    /// `base.field` where `base` is neither a local nor an input (the dispatch reads those in
    /// place), or where tracing: the base is then evaluated as a node of its own, so that
    /// explanations see it.
    #[inline(never)]
    pub(super) fn read_field<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let NodeKind::Field(base, index) = &node.kind else {
            return Value::Unknown;
        };
        let record = self.eval(base, cx, tracer);
        record_field(record, *index)
    }

    /// A call of a definition with parameters: the arguments bound to its locals, then its
    /// body.
    #[inline(never)]
    pub(super) fn call<T: Tracer<'a>>(
        &self,
        call: &'a crate::eval::plan::CallNode,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        for (local, arg) in &call.args {
            let value = self.eval(arg, cx, tracer);
            cx.set_local(*local, value);
        }
        self.eval(&call.body, cx, tracer)
    }

    /// `if condition then a else b`.
    #[inline(never)]
    pub(super) fn branch<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let NodeKind::If(condition, then, otherwise) = &node.kind else {
            return Value::Unknown;
        };
        match self.eval(condition, cx, tracer) {
            Value::Bool(true) => self.eval(then, cx, tracer),
            Value::Bool(false) => self.eval(otherwise, cx, tracer),
            _ => Value::Unknown,
        }
    }

    /// `a == b`, `a < b` and the other comparisons. While a unit's comparisons are watched
    /// (`Cx::comparing`), the values a position field is compared with are noted.
    #[inline(never)]
    pub(super) fn compare<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let NodeKind::Compare(op, a_node, b_node) = &node.kind else {
            return Value::Unknown;
        };
        let a = self.eval(a_node, cx, tracer);
        let b = self.eval(b_node, cx, tracer);
        if cx.comparing && matches!(op, CompareOp::Eq | CompareOp::Ne) {
            if is_position_field(a_node) {
                cx.compared.push(b);
            }
            if is_position_field(b_node) {
                cx.compared.push(a);
            }
        }
        self.compare_values(*op, a, b, cx)
    }

    /// `a + b` and the other arithmetic.
    #[inline(never)]
    pub(super) fn arithmetic<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let NodeKind::Arith(op, a, b) = &node.kind else {
            return Value::Unknown;
        };
        let a = self.eval(a, cx, tracer);
        let b = self.eval(b, cx, tracer);
        arith(*op, a, b)
    }

    /// `a and b`: false as soon as `a` is, whatever `b` would be.
    #[inline(never)]
    pub(super) fn conjoin<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let NodeKind::And(a, b) = &node.kind else {
            return Value::Unknown;
        };
        let a = self.eval(a, cx, tracer);
        and(a, || self.eval(b, cx, tracer))
    }

    /// `x in list` and `x not in list`.
    #[inline(never)]
    pub(super) fn test_membership<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let NodeKind::InList {
            negated,
            element,
            list,
        } = &node.kind
        else {
            return Value::Unknown;
        };
        let element = self.eval(element, cx, tracer);
        let list = self.eval(list, cx, tracer);
        negate_if(*negated, self.in_list(element, list, cx))
    }

    /// The kinds evaluated least often (on workload b, under 3% of the nodes between them):
    /// units, casts, negation, `not`, `or`, `in` a map or an enumeration, `is`, `otherwise`
    /// and look-ups by key.
    #[inline(never)]
    pub(super) fn eval_rarer<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        match &node.kind {
            NodeKind::Unit(operand, unit) => match self.eval(operand, cx, tracer) {
                Value::Int(n) => match unit {
                    Unit::Days => Value::Days(n),
                    Unit::Months => Value::Months(n),
                    Unit::Years => n.checked_mul(12).map_or(Value::Unknown, Value::Months),
                },
                _ => Value::Unknown,
            },
            NodeKind::Cast(operand, enum_id) => match self.eval(operand, cx, tracer) {
                Value::Text(sym) => self.cast(*enum_id, sym, cx),
                _ => Value::Unknown,
            },
            NodeKind::Negate(operand) => match self.eval(operand, cx, tracer) {
                Value::Int(n) => n.checked_neg().map_or(Value::Unknown, Value::Int),
                Value::Days(n) => n.checked_neg().map_or(Value::Unknown, Value::Days),
                Value::Months(n) => n.checked_neg().map_or(Value::Unknown, Value::Months),
                _ => Value::Unknown,
            },
            NodeKind::Not(operand) => match self.eval(operand, cx, tracer) {
                Value::Bool(b) => Value::Bool(!b),
                _ => Value::Unknown,
            },
            NodeKind::Or(a, b) => match self.eval(a, cx, tracer) {
                Value::Bool(true) => Value::Bool(true),
                Value::Bool(false) => truth(self.eval(b, cx, tracer)),
                _ => match self.eval(b, cx, tracer) {
                    Value::Bool(true) => Value::Bool(true),
                    _ => Value::Unknown,
                },
            },
            NodeKind::InMap { negated, key, map } => {
                let key = self.eval(key, cx, tracer);
                let map = self.eval(map, cx, tracer);
                let found = match (key, map) {
                    (Value::Text(key), Value::Map(entries)) => {
                        Value::Bool(entries.iter().any(|(k, _)| self.same_text(cx, *k, key)))
                    }
                    _ => Value::Unknown,
                };
                negate_if(*negated, found)
            }
            NodeKind::InEnum {
                negated,
                element,
                enum_id,
            } => {
                let found = match self.eval(element, cx, tracer) {
                    Value::Text(sym) => Value::Bool(self.cast(*enum_id, sym, cx).is_known()),
                    _ => Value::Unknown,
                };
                negate_if(*negated, found)
            }
            NodeKind::Is {
                test,
                negated,
                operand,
            } => {
                let operand = self.eval(operand, cx, tracer);
                let result = match test {
                    Test::Absent => Value::Bool(!operand.is_known()),
                    Test::Empty => match operand {
                        Value::List(items) => Value::Bool(items.is_empty()),
                        Value::Map(entries) => Value::Bool(entries.is_empty()),
                        Value::Text(sym) => Value::Bool(self.text(cx, sym).is_empty()),
                        _ => Value::Unknown,
                    },
                };
                negate_if(*negated, result)
            }
            NodeKind::Otherwise(value, fallback) => match self.eval(value, cx, tracer) {
                Value::Unknown => self.eval(fallback, cx, tracer),
                known => known,
            },
            NodeKind::Lookup(kind, key) => match self.eval(key, cx, tracer) {
                Value::Text(sym) => self.lookup(*kind, sym, cx),
                _ => Value::Unknown,
            },
            // The dispatch answers every other kind itself.
            _ => Value::Unknown,
        }
    }
}
