//! Checked expressions -> plan nodes: folding constants, hoisting one-sided sub-expressions
//! into slots (hoisted plan), and marking what depends on the evaluation date.

use super::compile::*;
use super::*;
use crate::check::checked::{self, Const, ExprKind};
use crate::eval::interp::{Cx, Evaluator, NoTrace};
use crate::schema::Type;

impl Compiler<'_, '_> {
    /// Compiles an expression; with `hoist`, sub-expressions that read one side only become
    /// slots (hoisted plan only).
    pub(super) fn node(&mut self, expr: &checked::Expr, hoist: bool) -> Node {
        let deps = expr.deps;
        // Constants (also date-only values in the hoisted plan, whose date is fixed) fold now.
        let foldable = !deps.tables
            && !deps.employee
            && !deps.position
            && !deps.has_free_locals()
            && (!deps.date || self.hoisted);
        if foldable && !matches!(expr.kind, ExprKind::Const(_)) {
            let flat = self.compile_kind(expr, false);
            let value_node = self.fold(&flat);
            if let Some(folded) = value_node {
                return match &expr.kind {
                    ExprKind::Parameter(id) => Node {
                        kind: NodeKind::Parameter(id.0, Box::new(folded)),
                        span: expr.span,
                        ty: expr.ty.clone(),
                        dated: false,
                    },
                    _ => folded,
                };
            }
            return flat;
        }
        if hoist && self.hoisted && !deps.has_free_locals() && worth_hoisting(expr) {
            let level = level_of(deps);
            if matches!(level, Level::Employee | Level::Position) {
                let key = fingerprint(expr);
                if let Some(slot) = self.anonymous.get(&key) {
                    return Node {
                        kind: NodeKind::Slot(*slot),
                        span: expr.span,
                        ty: expr.ty.clone(),
                        dated: false,
                    };
                }
                let inner = self.compile_kind(expr, false);
                if let Some(slot) = self.new_slot(level, inner, max_local(expr)) {
                    self.anonymous.insert(key, slot);
                    return Node {
                        kind: NodeKind::Slot(slot),
                        span: expr.span,
                        ty: expr.ty.clone(),
                        dated: false,
                    };
                }
            }
        }
        self.compile_kind(expr, hoist)
    }

    /// Whether a quantifier over a collection of the position has a filter and body that read
    /// only the employee and the element (see `QuantifierNode::separable`). A body that reads
    /// the date qualifies only in the hoisted plan, whose date is fixed.
    fn separable(&self, q: &checked::Quantifier) -> bool {
        let bound = [Some(q.item), q.value];
        if bound.iter().flatten().any(|local| local.0 >= 63) {
            // Locals past 62 share a bit of `free_locals`: which is bound cannot be told.
            return false;
        }
        let bound_bits = bound
            .iter()
            .flatten()
            .fold(0, |bits, &local| bits | checked::Deps::local_bit(local));
        q.collection.deps.position
            && q.filter.iter().chain(q.body.iter()).all(|expr| {
                let deps = expr.deps;
                !deps.position
                    && deps.free_locals & !bound_bits == 0
                    && (!deps.date || self.hoisted)
            })
    }

    /// Evaluates a node without records; `None` if it reads something it cannot.
    pub(super) fn fold(&mut self, node: &Node) -> Option<Node> {
        let value = {
            let evaluator = Evaluator::new(&self.plan, self.symbols);
            let mut cx = Cx::constant(self.plan.as_of, self.plan.assessment_year);
            let value = evaluator.eval(node, &mut cx, &mut NoTrace);
            if !cx.scratch_is_empty() {
                return None;
            }
            match value {
                Value::List(items) => {
                    return Some(Node {
                        kind: NodeKind::ConstantList(items.into()),
                        span: node.span,
                        ty: node.ty.clone(),
                        dated: false,
                    });
                }
                Value::Record(_) | Value::Map(_) => return None,
                scalar => static_value(scalar),
            }
        };
        Some(constant_node_typed(value, node.span, node.ty.clone()))
    }

    /// The value of a parameter as a node: a scalar from the table of parameter values, a set
    /// (`parameter bidang = {"Keuangan", "Anggaran"}`) as its constant list, which a
    /// `Value<'static>` cannot hold.
    fn parameter_node(&mut self, index: usize, span: Span, ty: Type) -> Node {
        let value = self.parameter_value(index);
        if matches!(value, Value::Unknown)
            && let Some(parameter) = self.rules.parameters.get(index)
        {
            let node = self.node(&parameter.value, false);
            if let Some(
                list @ Node {
                    kind: NodeKind::ConstantList(_),
                    ..
                },
            ) = self.fold(&node)
            {
                return Node { span, ty, ..list };
            }
        }
        constant_node_typed(value, span, ty)
    }

    pub(super) fn constant_value(&mut self, node: &Node) -> Value<'static> {
        match self.fold(node) {
            Some(Node {
                kind: NodeKind::Constant(value),
                ..
            }) => value,
            Some(Node {
                kind: NodeKind::Parameter(_, inner),
                ..
            }) => match inner.kind {
                NodeKind::Constant(value) => value,
                _ => Value::Unknown,
            },
            _ => Value::Unknown,
        }
    }

    pub(super) fn constant(&mut self, value: &Const) -> Value<'static> {
        match value {
            Const::Absent => Value::Unknown,
            Const::Bool(b) => Value::Bool(*b),
            Const::Int(n) => Value::Int(*n),
            Const::Text(t) => Value::Text(self.symbols.intern(t)),
            Const::Date(d) => Value::Date(*d),
            Const::Days(n) => Value::Days(*n),
            Const::Months(n) => Value::Months(*n),
            Const::Enum(_, index) => Value::Enum(*index),
        }
    }

    pub(super) fn boxed(&mut self, expr: &checked::Expr, hoist: bool) -> Box<Node> {
        Box::new(self.node(expr, hoist))
    }

    pub(super) fn compile_kind(&mut self, expr: &checked::Expr, hoist: bool) -> Node {
        let kind = match &expr.kind {
            ExprKind::Const(value) => NodeKind::Constant(self.constant(value)),
            ExprKind::Parameter(id) => NodeKind::Parameter(
                id.0,
                Box::new(self.parameter_node(id.index(), expr.span, expr.ty.clone())),
            ),
            ExprKind::EvaluationDate => NodeKind::EvaluationDate,
            ExprKind::AssessmentYear => NodeKind::AssessmentYear,
            ExprKind::Input(kind) => NodeKind::Input(*kind),
            ExprKind::Local(local) => {
                match self.arguments.iter().rev().find(|(l, _)| *l == local.0) {
                    Some((_, argument)) => {
                        inline_argument(argument).unwrap_or(NodeKind::Local(local.0))
                    }
                    None => NodeKind::Local(local.0),
                }
            }
            ExprKind::Field(base, index) => NodeKind::Field(
                self.boxed(base, hoist),
                u16::try_from(*index).unwrap_or(u16::MAX),
            ),
            ExprKind::ListIndex(list, index) => {
                NodeKind::ListIndex(self.boxed(list, hoist), self.boxed(index, hoist))
            }
            ExprKind::MapGet(map, key) => {
                NodeKind::MapGet(self.boxed(map, hoist), self.boxed(key, hoist))
            }
            ExprKind::Definition(id) => {
                let slot = self.plan.definitions.get(id.index()).and_then(|d| d.slot);
                match slot {
                    Some(slot) if self.hoisted => NodeKind::Slot(slot),
                    _ => NodeKind::Definition(id.0),
                }
            }
            ExprKind::Rule(id) => {
                let slot = self.plan.rules.get(id.index()).and_then(|r| r.slot);
                match slot {
                    Some(slot) if self.hoisted => NodeKind::Slot(slot),
                    _ => NodeKind::Rule(id.0),
                }
            }
            ExprKind::Call(call) => {
                let args: Vec<(u16, Node)> = call
                    .args
                    .iter()
                    .map(|(local, arg)| (local.0, self.node(arg, hoist)))
                    .collect();
                let saved: Vec<(u16, bool)> = args
                    .iter()
                    .map(|(local, arg)| (*local, self.mark_local(*local, arg.dated)))
                    .collect();
                // In the hoisted plan, a call whose arguments are all read in place (a local, an
                // input, a field of either, a slot, a constant) is compiled as its body, each
                // parameter read as its argument: no frame of locals to fill, no call node.
                // Explanations read the flat plan, where the call stays.
                let inlined =
                    self.hoisted && args.iter().all(|(_, arg)| inline_argument(arg).is_some());
                let depth = self.arguments.len();
                let args = if inlined {
                    self.arguments.extend(args);
                    Vec::new()
                } else {
                    args
                };
                let body = self.node(&call.body, hoist);
                self.arguments.truncate(depth);
                for (local, was) in saved {
                    self.mark_local(local, was);
                }
                if inlined {
                    return body;
                }
                NodeKind::Call(Box::new(CallNode {
                    name: call.name.clone(),
                    written_args: call.written_args,
                    args,
                    body,
                }))
            }
            ExprKind::Table(id, args) => {
                NodeKind::Table(id.0, args.iter().map(|a| self.node(a, hoist)).collect())
            }
            ExprKind::Builtin(builtin, args) => NodeKind::Builtin(
                builtin.clone(),
                args.iter().map(|a| self.node(a, hoist)).collect(),
            ),
            ExprKind::Unit(operand, unit) => NodeKind::Unit(self.boxed(operand, hoist), *unit),
            ExprKind::Cast(operand, enum_id) => {
                NodeKind::Cast(self.boxed(operand, hoist), *enum_id)
            }
            ExprKind::Negate(operand) => NodeKind::Negate(self.boxed(operand, hoist)),
            ExprKind::Not(operand) => NodeKind::Not(self.boxed(operand, hoist)),
            ExprKind::And(a, b) => NodeKind::And(self.boxed(a, hoist), self.boxed(b, hoist)),
            ExprKind::Or(a, b) => NodeKind::Or(self.boxed(a, hoist), self.boxed(b, hoist)),
            ExprKind::Arith(op, a, b) => {
                NodeKind::Arith(*op, self.boxed(a, hoist), self.boxed(b, hoist))
            }
            ExprKind::Compare(op, a, b) => {
                NodeKind::Compare(*op, self.boxed(a, hoist), self.boxed(b, hoist))
            }
            ExprKind::InList {
                negated,
                element,
                list,
            } => NodeKind::InList {
                negated: *negated,
                element: self.boxed(element, hoist),
                list: self.boxed(list, hoist),
            },
            ExprKind::InMap { negated, key, map } => NodeKind::InMap {
                negated: *negated,
                key: self.boxed(key, hoist),
                map: self.boxed(map, hoist),
            },
            ExprKind::InEnum {
                negated,
                element,
                enum_id,
            } => NodeKind::InEnum {
                negated: *negated,
                element: self.boxed(element, hoist),
                enum_id: *enum_id,
            },
            ExprKind::Is {
                test,
                negated,
                operand,
            } => NodeKind::Is {
                test: *test,
                negated: *negated,
                operand: self.boxed(operand, hoist),
            },
            ExprKind::Otherwise(a, b) => {
                NodeKind::Otherwise(self.boxed(a, hoist), self.boxed(b, hoist))
            }
            ExprKind::If(c, a, b) => NodeKind::If(
                self.boxed(c, hoist),
                self.boxed(a, hoist),
                self.boxed(b, hoist),
            ),
            ExprKind::Quantifier(q) => {
                let zero = match q.body.as_ref().map(|b| &b.ty) {
                    Some(Type::Days) => Value::Days(0),
                    Some(Type::Months) => Value::Months(0),
                    _ => Value::Int(0),
                };
                let separable = self.separable(q);
                let collection = self.node(&q.collection, hoist);
                let numbered = match collection.kind {
                    NodeKind::Slot(Slot::Position(slot)) if separable => {
                        let number = self.plan.numbered_collections.len();
                        self.plan.numbered_collections.push(slot);
                        u32::try_from(number).ok()
                    }
                    _ => None,
                };
                let bound: Vec<u16> = std::iter::once(q.item.0)
                    .chain(q.value.map(|v| v.0))
                    .collect();
                let saved: Vec<(u16, bool)> = bound
                    .iter()
                    .map(|&l| (l, self.mark_local(l, collection.dated)))
                    .collect();
                let filter = q.filter.as_ref().map(|f| self.node(f, hoist));
                let body = q.body.as_ref().map(|b| self.node(b, hoist));
                for (local, was) in saved {
                    self.mark_local(local, was);
                }
                let keyed_by = numbered
                    .and_then(|_| keyed_employee_map(q.item.0, filter.iter().chain(body.iter())));
                let by_field = by_field(q);
                let filter_by_field = filter_by_field(q);
                NodeKind::Quantifier(Box::new(QuantifierNode {
                    kind: q.kind,
                    item: q.item.0,
                    value: q.value.map(|v| v.0),
                    collection,
                    filter,
                    body,
                    zero,
                    separable,
                    numbered,
                    keyed_by,
                    by_field,
                    filter_by_field,
                }))
            }
            ExprKind::Set(items) => {
                let mut data = Vec::new();
                for item in items {
                    let node = self.node(item, false);
                    let value = self.constant_value(&node);
                    if let Some(datum) = value.to_datum() {
                        data.push(datum);
                    }
                }
                NodeKind::ConstantList(data.into_boxed_slice())
            }
            ExprKind::Lookup(kind, key) => NodeKind::Lookup(*kind, self.boxed(key, hoist)),
        };
        let dated = self.is_dated(&kind);
        Node {
            kind,
            span: expr.span,
            ty: expr.ty.clone(),
            dated,
        }
    }

    /// Marks a local as bound to a dated value (or not); returns the previous mark.
    pub(super) fn mark_local(&mut self, local: u16, dated: bool) -> bool {
        let index = usize::from(local);
        if self.dated_locals.len() <= index {
            self.dated_locals.resize(index + 1, false);
        }
        self.dated_locals
            .get_mut(index)
            .is_some_and(|mark| std::mem::replace(mark, dated))
    }

    /// Whether a node's value may change with the evaluation date.
    pub(super) fn is_dated(&self, kind: &NodeKind) -> bool {
        match kind {
            NodeKind::EvaluationDate => true,
            NodeKind::Local(local) => self
                .dated_locals
                .get(usize::from(*local))
                .copied()
                .unwrap_or(false),
            NodeKind::Definition(index) => self
                .plan
                .definitions
                .get(*index as usize)
                .is_some_and(|d| d.body.dated),
            NodeKind::Rule(index) => self.plan.rules.get(*index as usize).is_some_and(|r| {
                r.requires.dated
                    || r.applies.as_ref().is_some_and(|a| a.dated)
                    || r.unknown_when.iter().any(|u| u.dated)
            }),
            NodeKind::Slot(_) => false,
            other => kind_children(other).iter().any(|child| child.dated),
        }
    }
}

/// A node a call's parameter can be read as in place of its argument's value: one read again
/// at each use at the cost of a local's read (the dispatch answers each of these without a
/// call, see `Evaluator::eval_kind`), and reading nothing a call's body can change (locals
/// are numbered apart within a frame, so the body binds none of its argument's). `None` for
/// any other node.
pub(super) fn inline_argument(argument: &Node) -> Option<NodeKind> {
    Some(match &argument.kind {
        NodeKind::Constant(value) => NodeKind::Constant(*value),
        NodeKind::EvaluationDate => NodeKind::EvaluationDate,
        NodeKind::AssessmentYear => NodeKind::AssessmentYear,
        NodeKind::Input(kind) => NodeKind::Input(*kind),
        NodeKind::Local(local) => NodeKind::Local(*local),
        NodeKind::Slot(slot) => NodeKind::Slot(*slot),
        NodeKind::Field(base, index) => {
            let base = match base.kind {
                NodeKind::Local(_) | NodeKind::Input(_) => Node {
                    kind: inline_argument(base)?,
                    span: base.span,
                    ty: base.ty.clone(),
                    dated: base.dated,
                },
                _ => return None,
            };
            NodeKind::Field(Box::new(base), *index)
        }
        _ => return None,
    })
}

/// Field reads of the record itself, locals and constants are as cheap as a slot.
pub(super) fn worth_hoisting(expr: &checked::Expr) -> bool {
    !matches!(
        expr.kind,
        ExprKind::Const(_) | ExprKind::Input(_) | ExprKind::Local(_) | ExprKind::Parameter(_)
    )
}

/// The number of locals an expression binds (the frame a hoisted slot needs).
pub(super) fn max_local(expr: &checked::Expr) -> u16 {
    let mut max = 0u16;
    crate::check::walk::visit(expr, &mut |e| match &e.kind {
        ExprKind::Quantifier(q) => {
            max = max.max(q.item.0 + 1);
            if let Some(v) = q.value {
                max = max.max(v.0 + 1);
            }
        }
        ExprKind::Call(call) => {
            for (local, _) in &call.args {
                max = max.max(local.0 + 1);
            }
        }
        _ => {}
    });
    max
}

/// A text that identifies an expression's structure, without spans.
pub(super) fn fingerprint(expr: &checked::Expr) -> String {
    let mut out = String::new();
    write_fingerprint(expr, &mut out);
    out
}

pub(super) fn write_fingerprint(expr: &checked::Expr, out: &mut String) {
    use std::fmt::Write;
    let _ = match &expr.kind {
        ExprKind::Const(c) => write!(out, "c{c:?}"),
        ExprKind::Parameter(p) => write!(out, "p{}", p.0),
        ExprKind::EvaluationDate => write!(out, "D"),
        ExprKind::AssessmentYear => write!(out, "Y"),
        ExprKind::Input(k) => write!(out, "i{k:?}"),
        ExprKind::Local(l) => write!(out, "l{}", l.0),
        ExprKind::Field(_, i) => write!(out, "f{i}"),
        ExprKind::Definition(d) => write!(out, "d{}", d.0),
        ExprKind::Rule(r) => write!(out, "r{}", r.0),
        ExprKind::Call(c) => write!(out, "call{}", c.name),
        ExprKind::Table(t, _) => write!(out, "t{}", t.0),
        ExprKind::Builtin(b, _) => write!(out, "b{}", b.name()),
        ExprKind::Unit(_, u) => write!(out, "u{u:?}"),
        ExprKind::Cast(_, e) => write!(out, "as{}", e.0),
        ExprKind::Arith(op, ..) => write!(out, "{op:?}"),
        ExprKind::Compare(op, ..) => write!(out, "{op:?}"),
        ExprKind::Is { test, negated, .. } => write!(out, "is{test:?}{negated}"),
        ExprKind::InList { negated, .. } => write!(out, "inl{negated}"),
        ExprKind::InMap { negated, .. } => write!(out, "inm{negated}"),
        ExprKind::InEnum {
            negated, enum_id, ..
        } => write!(out, "ine{negated}{}", enum_id.0),
        ExprKind::Quantifier(q) => {
            write!(out, "q{:?}{}{:?}", q.kind, q.item.0, q.value.map(|v| v.0))
        }
        ExprKind::ListIndex(..) => write!(out, "idx"),
        ExprKind::MapGet(..) => write!(out, "get"),
        ExprKind::Negate(_) => write!(out, "neg"),
        ExprKind::Not(_) => write!(out, "not"),
        ExprKind::And(..) => write!(out, "and"),
        ExprKind::Or(..) => write!(out, "or"),
        ExprKind::Otherwise(..) => write!(out, "otherwise"),
        ExprKind::If(..) => write!(out, "if"),
        ExprKind::Lookup(kind, _) => write!(out, "lookup{kind:?}"),
        ExprKind::Set(_) => write!(out, "set"),
    };
    out.push('(');
    if let ExprKind::Call(call) = &expr.kind {
        for (local, _) in &call.args {
            let _ = write!(out, "a{}", local.0);
        }
    }
    for child in crate::check::walk::children(expr) {
        write_fingerprint(child, out);
        out.push(',');
    }
    out.push(')');
}

/// A scalar value without borrowed data.
pub(super) fn static_value(value: Value<'_>) -> Value<'static> {
    match value {
        Value::Unknown | Value::List(_) | Value::Record(_) | Value::Map(_) => Value::Unknown,
        Value::Bool(b) => Value::Bool(b),
        Value::Int(n) => Value::Int(n),
        Value::Text(s) => Value::Text(s),
        Value::Date(d) => Value::Date(d),
        Value::Days(n) => Value::Days(n),
        Value::Months(n) => Value::Months(n),
        Value::Enum(e) => Value::Enum(e),
    }
}

pub(super) fn constant_node(value: Value<'static>, span: Span) -> Node {
    Node {
        kind: NodeKind::Constant(value),
        span,
        ty: Type::Error,
        dated: false,
    }
}

pub(super) fn constant_node_typed(value: Value<'static>, span: Span, ty: Type) -> Node {
    Node {
        kind: NodeKind::Constant(value),
        span,
        ty,
        dated: false,
    }
}

/// The employee slot `m` when every read of the employee in `nodes` is `m[k]`, with `k` the
/// local `item` (see `QuantifierNode::keyed_by`); `None` when there is none, or any other read.
fn keyed_employee_map<'n>(item: u16, nodes: impl IntoIterator<Item = &'n Node>) -> Option<u32> {
    let mut map = None;
    let only_keyed = super::reads::reads_employee_only_through(nodes, &mut |node| {
        let NodeKind::MapGet(m, k) = &node.kind else {
            return None;
        };
        match (&m.kind, &k.kind) {
            (NodeKind::Slot(Slot::Employee(slot)), NodeKind::Local(local))
                if *local == item && map.is_none_or(|m| m == *slot) =>
            {
                map = Some(*slot);
                Some(true)
            }
            _ => None,
        }
    });
    map.filter(|_| only_keyed)
}

/// The shape of a quantifier's body that tests a field of the element against a value that
/// does not read the element, if it has one (see `QuantifierNode::by_field`; no filter, no map
/// binding). Whether the value reads the element is in its dependencies, as for `separable`:
/// the bit of a local past 62 is shared, so such a value reads none of them where it is clear.
fn by_field(q: &checked::Quantifier) -> Option<ByField> {
    if q.filter.is_some() || q.value.is_some() {
        return None;
    }
    let body = q.body.as_ref()?;
    match &body.kind {
        ExprKind::And(compared, _) if q.kind == QuantifierKind::Any => {
            match field_test(compared, q.item, &[q.item])? {
                ByField::Equal(field) => Some(ByField::EqualAnd(field)),
                _ => None,
            }
        }
        ExprKind::InList { .. } => field_test(body, q.item, &[q.item]),
        _ => None,
    }
}

/// The shape of a quantifier's filter that tests one field of the element against a value that
/// does not read it (see `QuantifierNode::filter_by_field`; no map binding): in place, or as
/// the body of a definition called with the element alone (`where cocok(r)`), whose parameter
/// then stands for the element.
fn filter_by_field(q: &checked::Quantifier) -> Option<ByField> {
    if q.value.is_some() {
        return None;
    }
    let filter = q.filter.as_ref()?;
    match &filter.kind {
        ExprKind::Call(call) => match call.args.as_slice() {
            [(parameter, argument)] if matches!(argument.kind, ExprKind::Local(l) if l == q.item) => {
                field_test(&call.body, *parameter, &[q.item, *parameter])
            }
            _ => None,
        },
        _ => field_test(filter, q.item, &[q.item]),
    }
}

/// `x.f == k` (`ByField::Equal`) or `x.f in list`, `x.f not in list` (`ByField::InList`), `x`
/// being the local `element` and `k` or `list` reading none of the locals `bound`. Whether it
/// reads them is in its dependencies, as for `separable`: the bit of a local past 62 is
/// shared, so a value reads none of them where it is clear.
fn field_test(
    test: &checked::Expr,
    element: checked::LocalId,
    bound: &[checked::LocalId],
) -> Option<ByField> {
    let independent = |expr: &checked::Expr| {
        bound
            .iter()
            .all(|&local| expr.deps.free_locals & checked::Deps::local_bit(local) == 0)
    };
    // The field `x.f` of the element `x`.
    let field_of = |expr: &checked::Expr| match &expr.kind {
        ExprKind::Field(base, field) if matches!(base.kind, ExprKind::Local(l) if l == element) => {
            u16::try_from(*field).ok()
        }
        _ => None,
    };
    match &test.kind {
        ExprKind::Compare(CompareOp::Eq, field, key) if independent(key) => {
            field_of(field).map(ByField::Equal)
        }
        ExprKind::InList { element, list, .. } if independent(list) => {
            field_of(element).map(ByField::InList)
        }
        _ => None,
    }
}
