//! Quantifiers: each element bound, filtered and folded (see `fold`).

use super::*;

impl<'a> Evaluator<'a> {
    pub(super) fn quantifier<T: Tracer<'a>>(
        &self,
        q: &'a QuantifierNode,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let collection = self.eval(&q.collection, cx, tracer);
        let mut state = Fold::new(q);
        match collection {
            Value::List(items) => {
                for item in items.iter() {
                    let item = Value::from_datum(item);
                    cx.set_local(q.item, item);
                    if !self.element(q, item, None, cx, tracer, &mut state) {
                        break;
                    }
                }
            }
            Value::Map(entries) => {
                for (key, value) in entries.iter() {
                    let key = Value::Text(*key);
                    let value = Value::from_datum(value);
                    cx.set_local(q.item, key);
                    if let Some(local) = q.value {
                        cx.set_local(local, value);
                    }
                    if !self.element(q, value, Some(key), cx, tracer, &mut state) {
                        break;
                    }
                }
            }
            _ => return Value::Unknown,
        }
        state.finish()
    }

    /// One element of a quantifier; false when the result is decided and the rest can be skipped.
    pub(super) fn element<T: Tracer<'a>>(
        &self,
        q: &'a QuantifierNode,
        item: Value<'a>,
        key: Option<Value<'a>>,
        cx: &mut Cx<'a>,
        tracer: &mut T,
        state: &mut Fold<'a>,
    ) -> bool {
        if T::ON {
            tracer.enter();
        }
        let selected = match &q.filter {
            Some(filter) => self.eval(filter, cx, tracer),
            None => Value::Bool(true),
        };
        let body = match (selected, &q.body) {
            (Value::Bool(false), _) => Value::Unknown,
            (_, Some(body)) => self.eval(body, cx, tracer),
            (_, None) => Value::Bool(true),
        };
        let go_on = state.add(selected, body);
        if T::ON {
            let shown = if selected == Value::Bool(false) {
                Value::Bool(false)
            } else {
                body
            };
            tracer.element(item, key, shown);
        }
        go_on
    }

    /// The values an `each` quantifier collects (known values only), for a `listing`.
    pub fn each<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Vec<Value<'a>> {
        let NodeKind::Quantifier(q) = &node.kind else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut visit = |this: &Self,
                         item: Value<'a>,
                         key: Option<Value<'a>>,
                         cx: &mut Cx<'a>,
                         tracer: &mut T| {
            let selected = match &q.filter {
                Some(filter) => this.eval(filter, cx, tracer),
                None => Value::Bool(true),
            };
            if selected == Value::Bool(true) {
                let value = q
                    .body
                    .as_ref()
                    .map_or(item, |body| this.eval(body, cx, tracer));
                if value.is_known() {
                    out.push(value);
                }
            }
            let _ = key;
        };
        match self.eval(&q.collection, cx, tracer) {
            Value::List(items) => {
                for item in items.iter() {
                    let item = Value::from_datum(item);
                    cx.set_local(q.item, item);
                    visit(self, item, None, cx, tracer);
                }
            }
            Value::Map(entries) => {
                for (key, value) in entries.iter() {
                    let key = Value::Text(*key);
                    let value = Value::from_datum(value);
                    cx.set_local(q.item, key);
                    if let Some(local) = q.value {
                        cx.set_local(local, value);
                    }
                    visit(self, value, Some(key), cx, tracer);
                }
            }
            _ => {}
        }
        out
    }
}
