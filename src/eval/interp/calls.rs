//! Tables and built-in functions.

use super::*;

impl<'a> Evaluator<'a> {
    /// A table's row for its arguments. Takes the node, as the dispatch does (see `nodes.rs`).
    #[inline(never)]
    pub(super) fn table<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let NodeKind::Table(table, args) = &node.kind else {
            return Value::Unknown;
        };
        let mut values: smallvec_like::Values<'a> = smallvec_like::Values::new();
        for arg in args {
            values.push(self.eval(arg, cx, tracer));
        }
        let Some(table) = self.plan.tables.get(*table as usize) else {
            return Value::Unknown;
        };
        for (patterns, value) in &table.rows {
            let matches = patterns
                .iter()
                .zip(values.iter())
                .all(|(pattern, arg)| match pattern {
                    PatternPlan::Any => true,
                    PatternPlan::Missing => !arg.is_known(),
                    PatternPlan::Value(expected) => {
                        arg.is_known() && self.equal(cx, *expected, *arg) == Some(true)
                    }
                });
            if matches {
                return *value;
            }
        }
        Value::Unknown
    }

    /// A built-in function's value. Takes the node, as the dispatch does (see `nodes.rs`).
    #[inline(never)]
    pub(super) fn builtin<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let NodeKind::Builtin(builtin, args) = &node.kind else {
            return Value::Unknown;
        };
        match builtin {
            Builtin::Min | Builtin::Max => {
                let mut best: Option<Value<'a>> = None;
                let mut unknown = false;
                for arg in args {
                    let value = self.eval(arg, cx, tracer);
                    if !value.is_known() {
                        unknown = true;
                        continue;
                    }
                    best = Some(match best {
                        None => value,
                        Some(current) => {
                            let ordering = value.compare(current).unwrap_or(Ordering::Equal);
                            let better = if matches!(builtin, Builtin::Min) {
                                ordering.is_lt()
                            } else {
                                ordering.is_gt()
                            };
                            if better { value } else { current }
                        }
                    });
                }
                if unknown {
                    Value::Unknown
                } else {
                    best.unwrap_or(Value::Unknown)
                }
            }
            Builtin::Year => match args.first().map(|a| self.eval(a, cx, tracer)) {
                Some(Value::Date(date)) => Value::Int(i64::from(date.year())),
                _ => Value::Unknown,
            },
            Builtin::Digits => match args.first().map(|a| self.eval(a, cx, tracer)) {
                Some(Value::Date(date)) => Value::Text(cx.intern_scratch(date.digits())),
                _ => Value::Unknown,
            },
            Builtin::Length => match args.first().map(|a| self.eval(a, cx, tracer)) {
                Some(Value::List(items)) => {
                    Value::Int(i64::try_from(items.len()).unwrap_or(i64::MAX))
                }
                Some(Value::Map(entries)) => {
                    Value::Int(i64::try_from(entries.len()).unwrap_or(i64::MAX))
                }
                Some(Value::Text(sym)) => Value::Int(
                    i64::try_from(self.text(cx, sym).chars().count()).unwrap_or(i64::MAX),
                ),
                _ => Value::Unknown,
            },
            Builtin::Slice => {
                let mut values = args
                    .iter()
                    .map(|a| self.eval(a, cx, tracer))
                    .collect::<Vec<_>>()
                    .into_iter();
                match (values.next(), values.next(), values.next()) {
                    (Some(Value::Text(sym)), Some(Value::Int(from)), Some(Value::Int(to))) => {
                        let from = usize::try_from(from.max(0)).unwrap_or(0);
                        let to = usize::try_from(to.max(0)).unwrap_or(0);
                        let piece: String = self
                            .text(cx, sym)
                            .chars()
                            .skip(from)
                            .take(to.saturating_sub(from))
                            .collect();
                        Value::Text(cx.intern_scratch(piece))
                    }
                    _ => Value::Unknown,
                }
            }
            Builtin::Matches(regex) => match args.first().map(|a| self.eval(a, cx, tracer)) {
                Some(Value::Text(sym)) => Value::Bool(regex.is_match(self.text(cx, sym))),
                _ => Value::Unknown,
            },
        }
    }

    pub(super) fn cast(&self, enum_id: crate::schema::EnumId, sym: Sym, cx: &Cx<'_>) -> Value<'a> {
        let sym = if sym.0 & SCRATCH != 0 {
            match self.symbols.get(self.text(cx, sym)) {
                Some(sym) => sym,
                None => return Value::Unknown,
            }
        } else {
            sym
        };
        self.plan
            .enum_index(enum_id, sym)
            .map_or(Value::Unknown, Value::Enum)
    }
}
