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
        if keeps_elements(q, cx, tracer) {
            cx.elements_for_employee();
        }
        match collection {
            Value::List(items) => {
                for item in items.iter() {
                    let item = Value::from_datum(item);
                    if !self.element(q, item, None, cx, tracer, &mut state) {
                        break;
                    }
                }
            }
            Value::Map(entries) => {
                for (key, value) in entries.iter() {
                    let key = Value::Text(*key);
                    let value = Value::from_datum(value);
                    if !self.element(q, value, Some(key), cx, tracer, &mut state) {
                        break;
                    }
                }
            }
            _ => return Value::Unknown,
        }
        state.finish()
    }

    /// One element of a quantifier (`item`, or a map entry's `key` and value `item`); false
    /// when the result is decided and the rest can be skipped. Where `keeps_elements`, the
    /// filter and body values are kept for the employee by element, and taken from there when
    /// kept before.
    pub(super) fn element<T: Tracer<'a>>(
        &self,
        q: &'a QuantifierNode,
        item: Value<'a>,
        key: Option<Value<'a>>,
        cx: &mut Cx<'a>,
        tracer: &mut T,
        state: &mut Fold<'a>,
    ) -> bool {
        let kept_at = if keeps_elements(q, cx, tracer) {
            element_key(q, item, key)
        } else {
            None
        };
        if let Some(at) = kept_at {
            if let Some(&(selected, body)) = cx.elements.get(&at) {
                return state.add(selected, body);
            }
        }
        match key {
            Some(key) => {
                cx.set_local(q.item, key);
                if let Some(local) = q.value {
                    cx.set_local(local, item);
                }
            }
            None => cx.set_local(q.item, item),
        }
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
        if let Some(at) = kept_at {
            // A computed text lives only until the next pair: such a value is not kept.
            if !is_computed_text(selected) && !is_computed_text(body) {
                cx.elements.insert(at, (selected, body));
            }
        }
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

/// Whether `q` keeps its elements' values here: a separable quantifier evaluated for a session,
/// untraced (a trace shows every element evaluated).
fn keeps_elements<'a, T: Tracer<'a>>(q: &QuantifierNode, cx: &Cx<'a>, _: &T) -> bool {
    q.separable && cx.keeps_elements && !T::ON
}

/// Where an element's values are kept: the quantifier's address, the kinds of the element's
/// scalars and their bits (a list's item; a map entry's key and value). None for an element
/// that is a list, record or map, or a text computed for the pair.
fn element_key(q: &QuantifierNode, item: Value<'_>, key: Option<Value<'_>>) -> Option<ElementKey> {
    if is_computed_text(item) || key.is_some_and(is_computed_text) {
        return None;
    }
    let (item_kind, item_bits) = item.scalar_key()?;
    let (key_kind, key_bits) = match key {
        Some(key) => key.scalar_key()?,
        None => (u8::MAX, 0),
    };
    let kinds = u16::from(item_kind) | u16::from(key_kind) << 8;
    Some((
        q as *const QuantifierNode as usize,
        kinds,
        key_bits,
        item_bits,
    ))
}
