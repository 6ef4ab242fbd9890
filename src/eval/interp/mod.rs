//! The interpreter: one function every plan node goes through, with three-valued logic.
//!
//! `and` is false as soon as one side is false, even if the other is unknown; `or` is true as
//! soon as one side is true. An unknown reaches a rule only where data it needs is missing.
//! Tracing is a type parameter: bulk evaluation uses [`NoTrace`], which compiles away.

mod arith;
mod calls;
mod fold;
mod nodes;
mod quantifiers;

pub use arith::arith;
use fold::Fold;

use std::cmp::Ordering;

use super::elements::{Kept, PositionElements};
use super::plan::{Node, NodeKind, PatternPlan, Plan, QuantifierNode, Slot};
use super::stamped::Stamped;
use super::value::Value;
use crate::ast::{CompareOp, InputKind, Unit};
use crate::check::checked::{Builtin, Test};
use crate::data::Datum;
use crate::date::Date;
use crate::symbols::{Sym, Symbols};

/// Symbols with this bit set name text computed during evaluation (`digits`, `slice`), kept
/// in the context's scratch list instead of the shared interner.
const SCRATCH: u32 = 1 << 31;

/// Receives each node's value (explanations); [`NoTrace`] ignores them at no cost.
pub trait Tracer<'a> {
    const ON: bool;
    fn enter(&mut self) {}
    fn exit(&mut self, _node: &'a Node, _value: Value<'a>) {}
    /// One element of a quantifier: its value and what the filter and body gave for it.
    fn element(&mut self, _item: Value<'a>, _key: Option<Value<'a>>, _result: Value<'a>) {}
}

/// No tracing: every call compiles to nothing.
pub struct NoTrace;

impl Tracer<'_> for NoTrace {
    const ON: bool = false;
}

/// The state of one evaluation: what is being evaluated, hoisted values, locals.
pub struct Cx<'a> {
    pub as_of: Date,
    pub assessment_year: i64,
    pub employee: Option<&'a [Datum]>,
    pub position: Option<&'a [Datum]>,
    /// This employee's hoisted values, in slot order (filled slot by slot).
    pub employee_slots: Vec<Value<'a>>,
    /// This position's hoisted values.
    pub position_slots: &'a [Value<'a>],
    /// Position values while they are being computed.
    pub building_position: Vec<Value<'a>>,
    /// Every record by key, for `formasi[key]` (none while folding constants).
    pub tables: Option<&'a Tables<'a>>,
    /// While true, every `==` and `!=` with a position field on one side records the other
    /// side's value in `compared` (see `memo::Carried`).
    pub comparing: bool,
    pub compared: Vec<Value<'a>>,
    /// Pair-level definitions (first) and rules, evaluated at most once per pair; stamped,
    /// since they are forgotten for every pair.
    cache: Stamped<Value<'a>>,
    definitions: usize,
    locals: Vec<Value<'a>>,
    base: usize,
    scratch: Vec<Box<str>>,
    /// The current position's numbered elements (see `eval::elements`).
    position_elements: PositionElements<'a>,
    /// Filter and body values of separable quantifiers (`QuantifierNode::separable`), kept
    /// for the current employee.
    kept: Kept<'a>,
    /// Whether separable quantifiers keep values at all: set by a `Session`, whose records
    /// are borrowed for its whole life, so that an address names one employee throughout.
    pub keeps_elements: bool,
}

impl<'a> Cx<'a> {
    pub fn new(plan: &Plan) -> Cx<'a> {
        Cx {
            as_of: plan.as_of,
            assessment_year: plan.assessment_year,
            employee: None,
            position: None,
            employee_slots: Vec::with_capacity(plan.employee_slots.len()),
            position_slots: &[],
            building_position: Vec::new(),
            tables: None,
            comparing: false,
            compared: Vec::new(),
            cache: Stamped::with_slots(plan.definitions.len() + plan.rules.len()),
            definitions: plan.definitions.len(),
            locals: Vec::with_capacity(64),
            base: 0,
            scratch: Vec::new(),
            position_elements: PositionElements::default(),
            kept: Kept::default(),
            keeps_elements: false,
        }
    }

    /// A context without records, for folding constants.
    pub fn constant(as_of: Date, assessment_year: i64) -> Cx<'a> {
        Cx {
            as_of,
            assessment_year,
            employee: None,
            position: None,
            employee_slots: Vec::new(),
            position_slots: &[],
            building_position: Vec::new(),
            tables: None,
            comparing: false,
            compared: Vec::new(),
            cache: Stamped::default(),
            definitions: 0,
            locals: Vec::new(),
            base: 0,
            scratch: Vec::new(),
            position_elements: PositionElements::default(),
            kept: Kept::default(),
            keeps_elements: false,
        }
    }

    /// Forgets the pair-level values of the previous pair.
    pub fn new_pair(&mut self) {
        self.forget_cached();
        self.scratch.clear();
    }

    /// Forgets cached definitions and rules (before evaluating at another date).
    pub fn forget_cached(&mut self) {
        self.cache.forget();
    }

    fn cached(&self, at: usize) -> Option<Value<'a>> {
        self.cache.get(at).copied()
    }

    fn remember(&mut self, at: usize, value: Value<'a>) {
        self.cache.set(at, value);
    }

    pub fn scratch_is_empty(&self) -> bool {
        self.scratch.is_empty()
    }

    /// Runs `f` in a fresh frame of `size` locals.
    pub fn frame<R>(&mut self, size: u16, f: impl FnOnce(&mut Cx<'a>) -> R) -> R {
        let saved = self.base;
        self.base = self.locals.len();
        self.locals
            .resize(self.base + usize::from(size), Value::Unknown);
        let result = f(self);
        self.locals.truncate(self.base);
        self.base = saved;
        result
    }

    /// The current employee's or position's record.
    fn input(&self, kind: InputKind) -> Value<'a> {
        let record = match kind {
            InputKind::Employee => self.employee,
            InputKind::Position => self.position,
        };
        record.map_or(Value::Unknown, Value::Record)
    }

    fn local(&self, index: u16) -> Value<'a> {
        self.locals
            .get(self.base + usize::from(index))
            .copied()
            .unwrap_or(Value::Unknown)
    }

    pub fn set_local(&mut self, index: u16, value: Value<'a>) {
        let at = self.base + usize::from(index);
        if at >= self.locals.len() {
            self.locals.resize(at + 1, Value::Unknown);
        }
        if let Some(slot) = self.locals.get_mut(at) {
            *slot = value;
        }
    }

    /// Forgets the values kept per element of separable quantifiers (when the employee's
    /// values or the tables they may read change).
    pub fn forget_elements(&mut self) {
        self.kept.forget();
    }

    /// Empties the kept values of separable quantifiers if they were another employee's.
    fn elements_for_employee(&mut self) {
        let employee = self.employee.map_or(0, |fields| fields.as_ptr() as usize);
        self.kept.for_employee(employee);
    }

    /// Makes `elements` the current position's numbered elements.
    pub fn set_position_elements(&mut self, elements: PositionElements<'a>) {
        self.kept.lay_out(elements);
        self.position_elements = elements;
    }

    fn intern_scratch(&mut self, text: String) -> Sym {
        self.scratch.push(text.into_boxed_str());
        Sym(SCRATCH | u32::try_from(self.scratch.len() - 1).unwrap_or(0))
    }
}

/// Every record of each input by its key, for `formasi[key]`. Each input is indexed at its
/// first look-up: most policies look up one input or none, and indexing 100,000 employees took
/// 16 ms before any pair could be decided.
#[derive(Debug, Default)]
pub struct Tables<'a> {
    employees: KeyIndex<'a>,
    positions: KeyIndex<'a>,
}

/// The records of one input, and their index by key once built.
#[derive(Debug, Default)]
struct KeyIndex<'a> {
    records: &'a [crate::data::Record],
    /// The key field (`usize::MAX` when the input has none: nothing is found).
    key: usize,
    /// Each key's record, by index (an index, not a reference, keeps `Tables` covariant).
    by_key: std::sync::OnceLock<std::collections::HashMap<Sym, usize>>,
}

impl<'a> KeyIndex<'a> {
    fn get(&self, key: Sym) -> Option<&'a [Datum]> {
        let by_key = self.by_key.get_or_init(|| {
            self.records
                .iter()
                .enumerate()
                .filter_map(|(at, r)| match r.fields.get(self.key) {
                    Some(Datum::Text(sym)) => Some((*sym, at)),
                    _ => None,
                })
                .collect()
        });
        Some(&self.records.get(*by_key.get(&key)?)?.fields)
    }
}

impl<'a> Tables<'a> {
    /// The records of both inputs, to be indexed by their key fields when first looked up.
    pub fn new(
        schema: &crate::schema::Schema,
        employees: &'a [crate::data::Record],
        positions: &'a [crate::data::Record],
    ) -> Tables<'a> {
        let index = |kind: InputKind, records: &'a [crate::data::Record]| KeyIndex {
            records,
            key: schema.input(kind).map_or(usize::MAX, |i| i.key),
            by_key: std::sync::OnceLock::new(),
        };
        Tables {
            employees: index(InputKind::Employee, employees),
            positions: index(InputKind::Position, positions),
        }
    }
}

/// Evaluates plan nodes.
pub struct Evaluator<'a> {
    pub plan: &'a Plan,
    pub symbols: &'a Symbols,
}

impl<'a> Evaluator<'a> {
    pub fn new(plan: &'a Plan, symbols: &'a Symbols) -> Evaluator<'a> {
        Evaluator { plan, symbols }
    }

    fn lookup(&self, kind: InputKind, key: Sym, cx: &Cx<'a>) -> Value<'a> {
        let Some(tables) = cx.tables else {
            return Value::Unknown;
        };
        let key = if key.0 & SCRATCH != 0 {
            match self.symbols.get(self.text(cx, key)) {
                Some(sym) => sym,
                None => return Value::Unknown,
            }
        } else {
            key
        };
        let table = match kind {
            InputKind::Employee => &tables.employees,
            InputKind::Position => &tables.positions,
        };
        table.get(key).map_or(Value::Unknown, Value::Record)
    }

    /// The text of a symbol, computed or interned.
    pub fn text<'c>(&'c self, cx: &'c Cx<'_>, sym: Sym) -> &'c str {
        if sym.0 & SCRATCH != 0 {
            cx.scratch
                .get((sym.0 & !SCRATCH) as usize)
                .map_or("", |s| s)
        } else {
            self.symbols.resolve(sym)
        }
    }

    fn same_text(&self, cx: &Cx<'_>, a: Sym, b: Sym) -> bool {
        if (a.0 | b.0) & SCRATCH == 0 {
            a == b
        } else {
            self.text(cx, a) == self.text(cx, b)
        }
    }

    /// Equality of two known values (text compared by content when computed).
    pub fn equal(&self, cx: &Cx<'_>, a: Value<'_>, b: Value<'_>) -> Option<bool> {
        match (a, b) {
            (Value::Text(a), Value::Text(b)) => Some(self.same_text(cx, a, b)),
            _ => a.same(b),
        }
    }

    /// The value of `node`. Every node goes through here, so a tracer sees every value.
    #[inline]
    pub fn eval<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        if T::ON {
            tracer.enter();
        }
        let value = self.eval_kind(node, cx, tracer);
        if T::ON {
            tracer.exit(node, value);
        }
        value
    }

    /// One node. Every node's evaluation enters this function, so it is a dispatch and
    /// nothing more: the leaves (constants, locals, inputs, slots, a field of a local or an
    /// input, a definition already computed for the pair) are answered here, and every other
    /// kind is handed to a function of its own (`nodes.rs`) taking the same arguments, which
    /// the compiler makes a jump. Such a function saves and restores only the registers its
    /// own kind needs, and a leaf none at all: when the whole match was this function, every
    /// node, a constant as much as a quantifier, saved six registers, reserved 376 bytes of
    /// stack and dispatched twice, about 30 instructions before its own work (cachegrind:
    /// 13% of `eval`'s instructions on workload b, 14 million nodes a run, 57% of them
    /// leaves). The functions taking more than the dispatch's own registers (a seventh
    /// argument goes on the stack) would be called, not jumped to.
    #[inline(never)]
    fn eval_kind<T: Tracer<'a>>(
        &self,
        node: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        match &node.kind {
            NodeKind::Constant(value) => *value,
            NodeKind::ConstantList(items) => Value::List(items),
            NodeKind::EvaluationDate => Value::Date(cx.as_of),
            NodeKind::AssessmentYear => Value::Int(cx.assessment_year),
            NodeKind::Input(kind) => cx.input(*kind),
            NodeKind::Local(index) => cx.local(*index),
            NodeKind::Slot(slot) => self.slot_value(*slot, cx),
            // Traced, the base is evaluated as a node of its own, so explanations see it.
            NodeKind::Field(base, index) if !T::ON => match &base.kind {
                NodeKind::Local(at) => record_field(cx.local(*at), *index),
                NodeKind::Input(kind) => record_field(cx.input(*kind), *index),
                _ => self.read_field(node, cx, tracer),
            },
            NodeKind::Field(..) => self.read_field(node, cx, tracer),
            NodeKind::Definition(index) => match cx.cached(*index as usize) {
                Some(value) => value,
                None => self.definition(*index, cx, tracer),
            },
            NodeKind::Rule(index) => self.rule(*index, cx, tracer),
            NodeKind::Parameter(_, value) => self.eval(value, cx, tracer),
            NodeKind::Call(call) => self.call(call, cx, tracer),
            NodeKind::Quantifier(q) => self.quantifier(q, cx, tracer),
            NodeKind::Builtin(..) => self.builtin(node, cx, tracer),
            NodeKind::Table(..) => self.table(node, cx, tracer),
            NodeKind::ListIndex(list, index) => self.list_index(list, index, cx, tracer),
            NodeKind::MapGet(map, key) => self.map_get(map, key, cx, tracer),
            NodeKind::If(..) => self.branch(node, cx, tracer),
            NodeKind::Compare(..) => self.compare(node, cx, tracer),
            NodeKind::Arith(..) => self.arithmetic(node, cx, tracer),
            NodeKind::And(..) => self.conjoin(node, cx, tracer),
            NodeKind::InList { .. } => self.test_membership(node, cx, tracer),
            NodeKind::Unit(..)
            | NodeKind::Cast(..)
            | NodeKind::Negate(_)
            | NodeKind::Not(_)
            | NodeKind::Or(..)
            | NodeKind::InMap { .. }
            | NodeKind::InEnum { .. }
            | NodeKind::Is { .. }
            | NodeKind::Otherwise(..)
            | NodeKind::Lookup(..) => self.eval_rarer(node, cx, tracer),
        }
    }

    #[inline(never)] // kept out of `eval_kind`: see there
    fn list_index<T: Tracer<'a>>(
        &self,
        list: &'a Node,
        index: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let list = self.eval(list, cx, tracer);
        let index = self.eval(index, cx, tracer);
        match (list, index) {
            (Value::List(items), Value::Int(i)) => usize::try_from(i)
                .ok()
                .and_then(|i| items.get(i))
                .map_or(Value::Unknown, Value::from_datum),
            _ => Value::Unknown,
        }
    }

    #[inline(never)] // kept out of `eval_kind`: see there
    fn map_get<T: Tracer<'a>>(
        &self,
        map: &'a Node,
        key: &'a Node,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let map = self.eval(map, cx, tracer);
        let key = self.eval(key, cx, tracer);
        match (map, key) {
            (Value::Map(entries), Value::Text(key)) => entries
                .iter()
                .find(|(k, _)| self.same_text(cx, *k, key))
                .map_or(Value::Unknown, |(_, v)| Value::from_datum(v)),
            _ => Value::Unknown,
        }
    }

    #[inline]
    pub fn slot_value(&self, slot: Slot, cx: &Cx<'a>) -> Value<'a> {
        match slot {
            Slot::Employee(i) => cx
                .employee_slots
                .get(i as usize)
                .copied()
                .unwrap_or(Value::Unknown),
            Slot::Position(i) => cx
                .position_slots
                .get(i as usize)
                .or_else(|| cx.building_position.get(i as usize))
                .copied()
                .unwrap_or(Value::Unknown),
        }
    }

    #[inline(never)] // the dispatch answers a definition already computed; see `eval_kind`
    fn definition<T: Tracer<'a>>(&self, index: u32, cx: &mut Cx<'a>, tracer: &mut T) -> Value<'a> {
        let at = index as usize;
        if let Some(value) = cx.cached(at) {
            return value;
        }
        let Some(definition) = self.plan.definitions.get(at) else {
            return Value::Unknown;
        };
        let value = cx.frame(definition.locals, |cx| {
            self.eval(&definition.body, cx, tracer)
        });
        cx.remember(at, value);
        value
    }

    #[inline(never)] // kept out of `eval_kind`: see there
    fn rule<T: Tracer<'a>>(&self, index: u32, cx: &mut Cx<'a>, tracer: &mut T) -> Value<'a> {
        let at = cx.definitions + index as usize;
        if let Some(value) = cx.cached(at) {
            return value;
        }
        let value = self.rule_outcome(index, cx, tracer);
        cx.remember(at, value);
        value
    }

    /// A rule's outcome: true where it does not apply; unknown where an `unknown when` holds;
    /// else what `requires` gives.
    pub fn rule_outcome<T: Tracer<'a>>(
        &self,
        index: u32,
        cx: &mut Cx<'a>,
        tracer: &mut T,
    ) -> Value<'a> {
        let Some(rule) = self.plan.rules.get(index as usize) else {
            return Value::Unknown;
        };
        cx.frame(rule.locals, |cx| {
            if let Some(applies) = &rule.applies {
                match self.eval(applies, cx, tracer) {
                    Value::Bool(true) => {}
                    Value::Bool(false) => return Value::Bool(true),
                    _ => return Value::Unknown,
                }
            }
            for condition in &rule.unknown_when {
                match self.eval(condition, cx, tracer) {
                    Value::Bool(false) => {}
                    _ => return Value::Unknown,
                }
            }
            truth(self.eval(&rule.requires, cx, tracer))
        })
    }

    pub fn compare_values(
        &self,
        op: CompareOp,
        a: Value<'_>,
        b: Value<'_>,
        cx: &Cx<'_>,
    ) -> Value<'a> {
        if !a.is_known() || !b.is_known() {
            return Value::Unknown;
        }
        match op {
            CompareOp::Eq => self.equal(cx, a, b).map_or(Value::Unknown, Value::Bool),
            CompareOp::Ne => self
                .equal(cx, a, b)
                .map_or(Value::Unknown, |e| Value::Bool(!e)),
            _ => match a.compare(b) {
                Some(ordering) => Value::Bool(match op {
                    CompareOp::Lt => ordering.is_lt(),
                    CompareOp::Le => ordering.is_le(),
                    CompareOp::Gt => ordering.is_gt(),
                    _ => ordering.is_ge(),
                }),
                None => Value::Unknown,
            },
        }
    }

    fn in_list(&self, element: Value<'_>, list: Value<'_>, cx: &Cx<'_>) -> Value<'a> {
        let Value::List(items) = list else {
            return Value::Unknown;
        };
        if !element.is_known() {
            return Value::Unknown;
        }
        if let Value::Text(sym) = element
            && sym.0 & SCRATCH == 0
        {
            // A text of the records or the rules against texts of the records: the same text
            // is the same symbol, so the items are compared as they are stored. (The education
            // part's `p.jurusan in formasi.jurusan_sesuai`, in every cell of its table.)
            return Value::Bool(
                items
                    .iter()
                    .any(|item| matches!(item, Datum::Text(other) if *other == sym)),
            );
        }
        let found = items
            .iter()
            .any(|item| self.equal(cx, element, Value::from_datum(item)) == Some(true));
        Value::Bool(found)
    }
}

/// Field `index` of `record`, a record value (a local's or an input's).
#[inline(always)]
fn record_field(record: Value<'_>, index: u16) -> Value<'_> {
    match record {
        Value::Record(fields) => fields
            .get(usize::from(index))
            .map_or(Value::Unknown, Value::from_datum),
        _ => Value::Unknown,
    }
}

/// A field of the position, or a position slot: what `Cx::comparing` watches.
fn is_position_field(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Slot(Slot::Position(_)) | NodeKind::Input(InputKind::Position) => true,
        NodeKind::Field(base, _) => is_position_field(base),
        _ => false,
    }
}

/// Whether a text was computed during the pair (and so means nothing after it).
pub fn is_computed_text(value: Value<'_>) -> bool {
    matches!(value, Value::Text(sym) if sym.0 & SCRATCH != 0)
}

/// `a and b` in three-valued logic, `b` evaluated only where `a` is not false.
fn and<'v>(a: Value<'v>, b: impl FnOnce() -> Value<'v>) -> Value<'v> {
    match a {
        Value::Bool(false) => Value::Bool(false),
        Value::Bool(true) => truth(b()),
        _ => match b() {
            Value::Bool(false) => Value::Bool(false),
            _ => Value::Unknown,
        },
    }
}

fn truth(value: Value<'_>) -> Value<'_> {
    match value {
        Value::Bool(b) => Value::Bool(b),
        _ => Value::Unknown,
    }
}

fn negate_if(negated: bool, value: Value<'_>) -> Value<'_> {
    match (negated, value) {
        (true, Value::Bool(b)) => Value::Bool(!b),
        _ => value,
    }
}

/// A few values on the stack (table arguments).
mod smallvec_like {
    use super::Value;

    pub struct Values<'a> {
        inline: [Value<'a>; 4],
        len: usize,
        spill: Vec<Value<'a>>,
    }

    impl<'a> Values<'a> {
        pub fn new() -> Values<'a> {
            Values {
                inline: [Value::Unknown; 4],
                len: 0,
                spill: Vec::new(),
            }
        }

        pub fn push(&mut self, value: Value<'a>) {
            if let Some(slot) = self.inline.get_mut(self.len) {
                *slot = value;
            } else {
                self.spill.push(value);
            }
            self.len += 1;
        }

        pub fn iter(&self) -> impl Iterator<Item = &Value<'a>> {
            self.inline
                .iter()
                .take(self.len.min(4))
                .chain(self.spill.iter())
        }
    }
}
