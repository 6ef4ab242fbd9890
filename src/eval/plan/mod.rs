//! Checked rules -> an evaluation plan over typed values.
//!
//! Two plans come from the same checked rules. The *hoisted* plan serves bulk evaluation at the
//! evaluation date: every sub-expression that reads only the employee (or only the position) is
//! computed once per employee (per position) into a slot, so the pair loop does only the work
//! that really depends on both; constants, parameters and tables are folded; text is interned.
//! The *flat* plan keeps every node where the author wrote it: it serves explanations (each
//! node's value is recorded) and evaluation at other dates (`eligible_from`).

mod compile;
mod expr;
mod order;
pub mod reads;

pub use compile::compile;

use std::collections::HashMap;
use std::sync::Arc;

use super::value::Value;
use crate::ast::{CompareOp, InputKind, QuantifierKind, Unit};
use crate::check::checked::{self, Arith, Builtin, Test};
use crate::data::Datum;
use crate::date::Date;
use crate::schema::{EnumId, Type};
use crate::source::Span;
use crate::symbols::Sym;

/// Where a hoisted value lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Employee(u32),
    Position(u32),
}

/// What a value depends on, which decides where it is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Constant,
    Employee,
    Position,
    Pair,
}

#[derive(Debug)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
    pub ty: Type,
    /// Whether the value may change with the evaluation date (`eligible_from` looks here).
    pub dated: bool,
}

#[derive(Debug)]
pub enum NodeKind {
    /// A scalar constant (`Value` without borrowed data).
    Constant(Value<'static>),
    /// A constant list (a set literal or a list parameter).
    ConstantList(Box<[Datum]>),
    EvaluationDate,
    AssessmentYear,
    Input(InputKind),
    Local(u16),
    Field(Box<Node>, u16),
    ListIndex(Box<Node>, Box<Node>),
    MapGet(Box<Node>, Box<Node>),
    /// A hoisted value (hoisted plan only).
    Slot(Slot),
    /// A definition without parameters, evaluated in its own frame and cached per pair.
    Definition(u32),
    /// A rule's outcome, cached per pair.
    Rule(u32),
    /// The parameter it was folded from, kept for explanations.
    Parameter(u32, Box<Node>),
    Call(Box<CallNode>),
    Table(u32, Box<[Node]>),
    Builtin(Builtin, Box<[Node]>),
    Unit(Box<Node>, Unit),
    Cast(Box<Node>, EnumId),
    Negate(Box<Node>),
    Not(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Arith(Arith, Box<Node>, Box<Node>),
    Compare(CompareOp, Box<Node>, Box<Node>),
    InList {
        negated: bool,
        element: Box<Node>,
        list: Box<Node>,
    },
    InMap {
        negated: bool,
        key: Box<Node>,
        map: Box<Node>,
    },
    InEnum {
        negated: bool,
        element: Box<Node>,
        enum_id: EnumId,
    },
    Is {
        test: Test,
        negated: bool,
        operand: Box<Node>,
    },
    Otherwise(Box<Node>, Box<Node>),
    If(Box<Node>, Box<Node>, Box<Node>),
    Quantifier(Box<QuantifierNode>),
    /// The record of an input with this key, if any.
    Lookup(InputKind, Box<Node>),
}

#[derive(Debug)]
pub struct CallNode {
    pub name: String,
    /// How many arguments were written; fewer values are bound when a definition is passed.
    pub written_args: usize,
    pub args: Vec<(u16, Node)>,
    pub body: Node,
}

#[derive(Debug)]
pub struct QuantifierNode {
    pub kind: QuantifierKind,
    pub item: u16,
    pub value: Option<u16>,
    pub collection: Node,
    pub filter: Option<Node>,
    pub body: Option<Node>,
    /// The empty sum's value, of the body's type.
    pub zero: Value<'static>,
    /// Whether the filter and body read neither the position nor any local but the element:
    /// their values then depend on the employee and the element alone, and bulk evaluation
    /// keeps them per employee, element by element, across positions (`elements::Kept`). Only
    /// set where the collection reads the position, so that it varies across them.
    pub separable: bool,
    /// For a separable quantifier over a hoisted position value: its number among such
    /// quantifiers (see `Plan::numbered_collections`). Bulk evaluation numbers the elements of
    /// these collections once per run (`elements::Elements`), so that a value kept per element is
    /// found by index instead of by hashing the element for every position.
    pub numbered: Option<u32>,
    /// For a numbered quantifier whose filter and body read the employee only as `m[k]`, `m`
    /// one hoisted employee value and `k` the element bound to `item` (a map's key): the
    /// employee slot of `m`. For every employee whose `m[k]` is unknown (no entry `k`), the
    /// element's values are then the same, so bulk evaluation keeps them once per run (`elements::Kept::shared`)
    /// instead of evaluating them again for each employee. In the reference policy this is the
    /// competency part's `pegawai.kompetensi[nama]`: an employee names about 3 of the 34
    /// competencies the positions ask for.
    pub keyed_by: Option<u32>,
    /// Where the body tests one field of the element against a value that does not depend on
    /// the element (no filter, no map binding): evaluated without a tracer, that value is
    /// computed once and each element's field tested against it directly (see `ByField`).
    pub by_field: Option<ByField>,
    /// Where the filter tests one field of the element against a value that does not depend
    /// on the element, written in place or as the body of a definition called with the
    /// element alone (`where cocok(r)`, `cocok(j) = j.jenis in {...}`): evaluated without a
    /// tracer, that value is computed once and each element's field tested against it
    /// directly, and the element bound only where the filter may hold (see `ByField`, whose
    /// `EqualAnd` is the `Equal` test here).
    pub filter_by_field: Option<ByField>,
}

/// The shapes of quantifier body that `QuantifierNode::by_field` recognises, with the field of
/// the element `t` they read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByField {
    /// `any t in c: t.f == k and rest`: `rest` is evaluated only where `t.f` may equal `k`.
    /// The reference policy's `memiliki(kode)`: a training looked up by code, for every code
    /// a position asks for.
    EqualAnd(u16),
    /// `t.f in list` or `t.f not in list`, in a quantifier of any kind: the education part's
    /// and `kualifikasi_jurusan`'s `p.jurusan in formasi.jurusan_sesuai`, in every cell of
    /// their tables.
    InList(u16),
    /// `t.f == k`, as a quantifier's filter (`QuantifierNode::filter_by_field`): the reference
    /// policy's `predikat_skp`, `first s in pegawai.skp where s.tahun == tahun_skp`, and
    /// `bidang_formasi(j) = j.bidang == formasi.bidang` in `hari_menjabat`'s sum.
    Equal(u16),
}

/// A definition without parameters.
#[derive(Debug)]
pub struct DefinitionPlan {
    pub name: String,
    pub body: Node,
    pub locals: u16,
    pub level: Level,
    /// Its slot, when hoisted.
    pub slot: Option<Slot>,
}

#[derive(Debug)]
pub struct RulePlan {
    pub applies: Option<Node>,
    pub unknown_when: Vec<Node>,
    pub requires: Node,
    pub locals: u16,
    pub level: Level,
    pub slot: Option<Slot>,
}

#[derive(Debug)]
pub struct PrerequisitePlan {
    pub applies: Option<Node>,
    pub owes: OwesPlan,
    pub unless: Node,
    pub locals: u16,
    pub level: Level,
}

#[derive(Debug)]
pub enum OwesPlan {
    One(Node),
    Each { var: u16, list: Node },
}

#[derive(Debug)]
pub struct PartPlan {
    pub max: i64,
    pub value: Node,
    pub locals: u16,
    pub level: Level,
}

#[derive(Debug)]
pub struct TablePlan {
    pub rows: Vec<(Vec<PatternPlan>, Value<'static>)>,
}

#[derive(Debug)]
pub enum PatternPlan {
    Any,
    Missing,
    Value(Value<'static>),
}

/// A hoisted value and the expression that computes it.
#[derive(Debug)]
pub struct SlotPlan {
    pub node: Node,
    pub locals: u16,
}

/// An executable form of the checked rules for one evaluation date and assessment year.
#[derive(Debug)]
pub struct Plan {
    pub hoisted: bool,
    pub as_of: Date,
    pub assessment_year: i64,
    pub definitions: Vec<DefinitionPlan>,
    pub rules: Vec<RulePlan>,
    pub prerequisites: Vec<PrerequisitePlan>,
    /// Score parts of the pair decision's score, in order.
    pub parts: Vec<PartPlan>,
    pub tables: Vec<TablePlan>,
    /// Parameter values (for explanations).
    pub parameters: Vec<Value<'static>>,
    pub employee_slots: Vec<SlotPlan>,
    pub position_slots: Vec<SlotPlan>,
    /// The position slot each numbered quantifier ranges over (`QuantifierNode::numbered`).
    pub numbered_collections: Vec<u32>,
    /// For each enum: the symbol of each value's name, and back.
    pub enum_symbols: Vec<Vec<Sym>>,
    /// Looked up on every cast of a text to an enum (`t.kode as PelatihanKepemimpinan`, once
    /// per training record per group): hashed with foldhash, as SipHash showed in profiles.
    enum_lookup: Vec<HashMap<Sym, u16, foldhash::fast::FixedState>>,
    /// Definitions and rules in an order where each comes after what it uses.
    pub order: Vec<UnitRef>,
    /// The pair decision's requirements (rule indices), in its order; shared with every
    /// outcome, which keeps its failed and unknown requirements as bits over them.
    pub requirements: Arc<[u32]>,
    /// How far after the evaluation date `eligible_from` looks (months or days), if at all.
    pub eligible_within: Option<Value<'static>>,
    /// The data validations (flat plan only).
    pub validations: Vec<ValidationPlan>,
    pub shortlists: Vec<ShortlistPlan>,
    pub classifications: Vec<ClassificationPlan>,
}

/// A shortlist: which positions get one, who is a candidate, in which order.
#[derive(Debug)]
pub struct ShortlistPlan {
    pub name: String,
    pub open: Node,
    pub group: Option<Node>,
    pub include: Vec<crate::check::checked::Decision>,
    pub rank: Vec<RankPlan>,
    pub top: usize,
    pub rotation: Option<Node>,
}

#[derive(Debug)]
pub struct RankPlan {
    pub by: RankByPlan,
    pub descending: bool,
}

#[derive(Debug)]
pub enum RankByPlan {
    Decision,
    Score,
    Expr { node: Node, locals: u16 },
}

/// A classification: who is classified, the position reported, the statuses in order.
#[derive(Debug)]
pub struct ClassificationPlan {
    pub name: String,
    pub applies: Option<Node>,
    pub position: Option<Node>,
    pub statuses: Vec<StatusPlan>,
    pub locals: u16,
}

#[derive(Debug)]
pub struct StatusPlan {
    pub name: String,
    pub when: Option<Node>,
    pub listing: Option<Node>,
}

/// `validate id on input.field "message" [applies when A] requires R`
#[derive(Debug)]
pub struct ValidationPlan {
    pub id: String,
    pub input: InputKind,
    pub field_path: Vec<String>,
    pub message: String,
    pub applies: Option<Node>,
    pub requires: Node,
    pub locals: u16,
}

/// A definition or rule, for ordering their slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitRef {
    Definition(u32),
    Rule(u32),
}

impl Plan {
    /// The enum value a text names, if any.
    pub fn enum_index(&self, enum_id: EnumId, text: Sym) -> Option<u16> {
        self.enum_lookup
            .get(enum_id.0 as usize)?
            .get(&text)
            .copied()
    }

    pub fn enum_symbol(&self, enum_id: EnumId, index: u16) -> Option<Sym> {
        self.enum_symbols
            .get(enum_id.0 as usize)?
            .get(index as usize)
            .copied()
    }
}

/// The level of a checked expression.
pub fn level_of(deps: checked::Deps) -> Level {
    match (deps.employee, deps.position) {
        (false, false) => Level::Constant,
        (true, false) => Level::Employee,
        (false, true) => Level::Position,
        (true, true) => Level::Pair,
    }
}

impl Node {
    /// The direct sub-nodes, in evaluation order.
    pub fn children(&self) -> Vec<&Node> {
        kind_children(&self.kind)
    }
}

/// The direct sub-nodes of a node kind, in evaluation order.
pub fn kind_children(kind: &NodeKind) -> Vec<&Node> {
    match kind {
        NodeKind::Constant(_)
        | NodeKind::ConstantList(_)
        | NodeKind::EvaluationDate
        | NodeKind::AssessmentYear
        | NodeKind::Input(_)
        | NodeKind::Local(_)
        | NodeKind::Slot(_)
        | NodeKind::Definition(_)
        | NodeKind::Rule(_) => Vec::new(),
        NodeKind::Parameter(_, inner)
        | NodeKind::Field(inner, _)
        | NodeKind::Unit(inner, _)
        | NodeKind::Cast(inner, _)
        | NodeKind::Negate(inner)
        | NodeKind::Not(inner)
        | NodeKind::Lookup(_, inner) => vec![inner],
        NodeKind::ListIndex(a, b)
        | NodeKind::MapGet(a, b)
        | NodeKind::And(a, b)
        | NodeKind::Or(a, b)
        | NodeKind::Arith(_, a, b)
        | NodeKind::Compare(_, a, b)
        | NodeKind::Otherwise(a, b) => vec![a, b],
        NodeKind::InList { element, list, .. } => vec![element, list],
        NodeKind::InMap { key, map, .. } => vec![key, map],
        NodeKind::InEnum { element, .. } => vec![element],
        NodeKind::Is { operand, .. } => vec![operand],
        NodeKind::If(c, a, b) => vec![c, a, b],
        NodeKind::Table(_, args) | NodeKind::Builtin(_, args) => args.iter().collect(),
        NodeKind::Call(call) => call
            .args
            .iter()
            .map(|(_, arg)| arg)
            .chain(std::iter::once(&call.body))
            .collect(),
        NodeKind::Quantifier(q) => std::iter::once(&q.collection)
            .chain(q.filter.iter())
            .chain(q.body.iter())
            .collect(),
    }
}
