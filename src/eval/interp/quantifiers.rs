//! Quantifiers: each element bound, filtered and folded (see `fold`).

use super::*;
use crate::ast::QuantifierKind;
use crate::eval::elements::{KeptAt, UNNUMBERED, element_bits};
use crate::eval::plan::ByField;

impl<'a> Evaluator<'a> {
    #[inline(never)] // kept out of `eval_kind`: see there
    pub(super) fn quantifier<T: Tracer<'a>>(
        &self,
        q: &'a QuantifierNode,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let collection = self.eval(&q.collection, cx, tracer);
        let keeps = keeps_elements(q, cx, tracer);
        // Watching comparisons (`Cx::comparing`) or tracing, every node is evaluated.
        if let (Some(by_field), Value::List(items), false, false) =
            (q.by_field, collection, T::ON || keeps, cx.comparing)
        {
            if let Some(value) = self.each_by_field(q, by_field, items, cx, tracer) {
                return value;
            }
        }
        if let (Some(test), Value::List(items), false, false) =
            (q.filter_by_field, collection, T::ON || keeps, cx.comparing)
        {
            if let Some(value) = self.each_filtered_by_field(q, test, items, cx, tracer) {
                return value;
            }
        }
        let mut state = Fold::new(q);
        if keeps {
            cx.elements_for_employee();
        }
        // The elements' numbers where the run numbered them (see `eval::elements`): they
        // describe the current position's collection, element for element.
        let length = match collection {
            Value::List(items) => items.len(),
            Value::Map(entries) => entries.len(),
            _ => 0,
        };
        let numbers = match (keeps, q.numbered) {
            (true, Some(quantifier)) => cx
                .position_elements
                .numbers(quantifier)
                .filter(|numbers| numbers.len() == length),
            _ => None,
        };
        // Every element kept (each position after the employee's first): fold the kept values
        // straight from their numbers, without binding or looking at the elements.
        if let Some(numbers) = numbers {
            if cx
                .kept
                .fold_numbered(numbers, |selected, body| state.add(selected, body))
            {
                return state.finish();
            }
            // One was not kept: start over, evaluating the elements.
            state = Fold::new(q);
        }
        let kept_at = |index: usize, item: Value<'a>, key: Option<Value<'a>>| {
            if !keeps {
                return KeptAt::Nowhere;
            }
            match numbers {
                Some(numbers) => match numbers.get(index) {
                    Some(&number) if number != UNNUMBERED => KeptAt::Number(number),
                    _ => KeptAt::Nowhere,
                },
                None => element_bits(item, key).map_or(KeptAt::Nowhere, |bits| {
                    KeptAt::Key((q as *const QuantifierNode as usize, bits))
                }),
            }
        };
        match collection {
            Value::List(items) => {
                for (index, item) in items.iter().enumerate() {
                    let item = Value::from_datum(item);
                    let at = kept_at(index, item, None);
                    if !self.element(q, item, None, at, cx, tracer, &mut state) {
                        break;
                    }
                }
            }
            Value::Map(entries) => {
                for (index, (key, value)) in entries.iter().enumerate() {
                    let key = Value::Text(*key);
                    let value = Value::from_datum(value);
                    let at = kept_at(index, value, Some(key));
                    if !self.element(q, value, Some(key), at, cx, tracer, &mut state) {
                        break;
                    }
                }
            }
            _ => return Value::Unknown,
        }
        state.finish()
    }

    /// A quantifier whose filter tests one field of each element
    /// (`QuantifierNode::filter_by_field`, the field being `f`), binding the element only where
    /// the filter may hold: the same value as evaluating the filter and then the body for each
    /// element, as `element` does. The filter is `t.f == k` (`ByField::Equal`, `k` evaluated
    /// once and each element's `f` compared with it as the comparison node would) or `t.f in
    /// list`, `t.f not in list` (`ByField::InList`, `list` evaluated once), in place or as the
    /// body of a definition called with the element alone, which is then not called. `None`
    /// if the filter is not of the form given.
    fn each_filtered_by_field<T: Tracer<'a>>(
        &self,
        q: &'a QuantifierNode,
        test: ByField,
        items: &'a [Datum],
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Option<Value<'a>> {
        let filter = q.filter.as_ref()?;
        let tested = match &filter.kind {
            NodeKind::Call(call) => &call.body,
            _ => filter,
        };
        let mut state = Fold::new(q);
        // The element's value where the filter does not rule it out, as `element` finds it.
        let mut add = |selected: Value<'a>, item: &'a Datum, cx: &mut Cx<'a>| {
            let body = match (selected, &q.body) {
                (Value::Bool(false), _) => Value::Unknown,
                (_, Some(body)) => {
                    cx.set_local(q.item, Value::from_datum(item));
                    self.eval(body, cx, tracer)
                }
                (_, None) => Value::Bool(true),
            };
            state.add(selected, body)
        };
        match (test, &tested.kind) {
            (ByField::Equal(field), NodeKind::Compare(CompareOp::Eq, _, key)) => {
                let key = self.eval(key, cx, &mut NoTrace);
                for item in items {
                    let selected =
                        self.compare_values(CompareOp::Eq, field_of(item, field), key, cx);
                    if !add(selected, item, cx) {
                        break;
                    }
                }
            }
            (ByField::InList(field), NodeKind::InList { negated, list, .. }) => {
                let list = self.eval(list, cx, &mut NoTrace);
                for item in items {
                    let selected =
                        negate_if(*negated, self.in_list(field_of(item, field), list, cx));
                    if !add(selected, item, cx) {
                        break;
                    }
                }
            }
            _ => return None,
        }
        Some(state.finish())
    }

    /// A quantifier that tests one field of each element (`QuantifierNode::by_field`, the
    /// field being `f`), without binding the element where it need not: the same value as
    /// evaluating the body for each element. `None` if the body is not of the form given.
    ///
    /// - `any t in items: t.f == k and rest` (`ByField::EqualAnd`): `k` evaluated once, each
    ///   element's `f` compared with it as the comparison node would, and `rest` evaluated
    ///   with the element bound only where they may be equal (`and`, as the `and` node).
    /// - `t.f in list` or `t.f not in list` (`ByField::InList`): `list` evaluated once, and
    ///   each element's `f` tested against it as the `in` node would.
    fn each_by_field<T: Tracer<'a>>(
        &self,
        q: &'a QuantifierNode,
        by_field: ByField,
        items: &'a [Datum],
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Option<Value<'a>> {
        let mut state = Fold::new(q);
        match (by_field, &q.body.as_ref()?.kind) {
            (ByField::EqualAnd(field), NodeKind::And(compared, rest)) => {
                let NodeKind::Compare(CompareOp::Eq, _, key) = &compared.kind else {
                    return None;
                };
                let key = self.eval(key, cx, tracer);
                // An element whose field is a stored text other than a stored `key` is false,
                // which changes nothing in an `any` (the only kind `by_field` takes this form
                // for): it is passed over with one comparison of symbols, not compared as
                // values and folded (`memiliki(kode)` on an employee's trainings).
                let passed_over = match (q.kind, key) {
                    (QuantifierKind::Any, Value::Text(key)) if key.0 & SCRATCH == 0 => Some(key),
                    _ => None,
                };
                for item in items {
                    if let (Some(key), Datum::Record(fields)) = (passed_over, item) {
                        if matches!(fields.get(usize::from(field)), Some(&Datum::Text(text)) if text != key)
                        {
                            continue;
                        }
                    }
                    let equal = self.compare_values(CompareOp::Eq, field_of(item, field), key, cx);
                    let body = and(equal, || {
                        cx.set_local(q.item, Value::from_datum(item));
                        self.eval(rest, cx, tracer)
                    });
                    if !state.add(Value::Bool(true), body) {
                        break;
                    }
                }
            }
            (ByField::InList(field), NodeKind::InList { negated, list, .. }) => {
                let list = self.eval(list, cx, tracer);
                for item in items {
                    let body = negate_if(*negated, self.in_list(field_of(item, field), list, cx));
                    if !state.add(Value::Bool(true), body) {
                        break;
                    }
                }
            }
            _ => return None,
        }
        Some(state.finish())
    }

    /// One element of a quantifier (`item`, or a map entry's `key` and value `item`); false
    /// when the result is decided and the rest can be skipped. Where `keeps_elements`, the
    /// filter and body values are kept for the employee by element, and taken from there when
    /// kept before.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn element<T: Tracer<'a>>(
        &self,
        q: &'a QuantifierNode,
        item: Value<'a>,
        key: Option<Value<'a>>,
        kept_at: KeptAt,
        cx: &mut Cx<'a>,
        tracer: &mut T,
        state: &mut Fold<'a>,
    ) -> bool {
        // The kept values go to the fold by reference: an `Option` of the pair copied out,
        // then taken apart, stalled on store forwarding (seen with `perf`).
        if let Some((selected, body)) = cx.kept.get(kept_at) {
            return state.add(*selected, *body);
        }
        // An element whose entry in the employee's keyed map is unknown (there is none) has the
        // values it has for any such employee (see `QuantifierNode::keyed_by`).
        let shared = match (kept_at, q.keyed_by) {
            (KeptAt::Number(number), Some(slot)) if !entry_known(cx, slot, key.unwrap_or(item)) => {
                Some(number)
            }
            _ => None,
        };
        if let Some((selected, body)) = shared.and_then(|number| cx.kept.shared(number)) {
            cx.kept.keep(kept_at, selected, body);
            return state.add(selected, body);
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
        // A computed text lives only until the next pair: such a value is not kept.
        if !is_computed_text(selected) && !is_computed_text(body) {
            cx.kept.keep(kept_at, selected, body);
            if let Some(number) = shared {
                cx.kept.share(number, selected, body);
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

/// Whether `m[key]` is known, `m` the employee's map in slot `slot` (an unknown map has no
/// entries; a key that is not a text finds none).
fn entry_known(cx: &Cx<'_>, slot: u32, key: Value<'_>) -> bool {
    match (cx.employee_slots.get(slot as usize), key) {
        (Some(Value::Map(entries)), Value::Text(key)) => Value::entry(entries, key).is_known(),
        _ => false,
    }
}

/// Whether `q` keeps its elements' values here: a separable quantifier evaluated for a session,
/// untraced (a trace shows every element evaluated).
fn keeps_elements<'a, T: Tracer<'a>>(q: &QuantifierNode, cx: &Cx<'a>, _: &T) -> bool {
    q.separable && cx.keeps_elements && !T::ON
}

/// Field `field` of an element `t` (`t.f`), as the field node reads it from a local.
fn field_of<'a>(item: &'a Datum, field: u16) -> Value<'a> {
    match item {
        Datum::Record(fields) => fields
            .get(usize::from(field))
            .map_or(Value::Unknown, Value::from_datum),
        _ => Value::Unknown,
    }
}
