//! Checked rules -> an evaluation plan over typed values.
//!
//! Two plans come from the same checked rules. The *hoisted* plan serves bulk evaluation at the
//! evaluation date: every sub-expression that reads only the employee (or only the position) is
//! computed once per employee (per position) into a slot, so the pair loop does only the work
//! that really depends on both; constants, parameters and tables are folded; text is interned.
//! The *flat* plan keeps every node where the author wrote it: it serves explanations (each
//! node's value is recorded) and evaluation at other dates (`eligible_from`).

use std::collections::HashMap;

use super::interp::{Cx, Evaluator, NoTrace};
use super::value::Value;
use crate::ast::{CompareOp, InputKind, QuantifierKind, Unit};
use crate::check::checked::{self, Arith, Builtin, CheckedRules, Const, ExprKind, Pattern, Test};
use crate::data::Datum;
use crate::date::Date;
use crate::schema::{EnumId, Type};
use crate::source::Span;
use crate::symbols::{Sym, Symbols};

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
    /// For each enum: the symbol of each value's name, and back.
    pub enum_symbols: Vec<Vec<Sym>>,
    enum_lookup: Vec<HashMap<Sym, u16>>,
    /// Definitions and rules in an order where each comes after what it uses.
    pub order: Vec<Unit2>,
    /// The pair decision's requirements (rule indices), in its order.
    pub requirements: Vec<u32>,
    /// How far after the evaluation date `eligible_from` looks (months or days), if at all.
    pub eligible_within: Option<Value<'static>>,
    /// The data validations (flat plan only).
    pub validations: Vec<ValidationPlan>,
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
pub enum Unit2 {
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

/// Builds a plan. `hoisted` selects bulk evaluation at `as_of`; otherwise every node stays in
/// place (explanations, other dates).
pub fn compile(
    rules: &CheckedRules,
    symbols: &mut Symbols,
    as_of: Date,
    assessment_year: i64,
    hoisted: bool,
) -> Plan {
    let mut compiler = Compiler {
        rules,
        symbols,
        hoisted,
        plan: Plan {
            hoisted,
            as_of,
            assessment_year,
            definitions: Vec::new(),
            rules: Vec::new(),
            prerequisites: Vec::new(),
            parts: Vec::new(),
            tables: Vec::new(),
            parameters: Vec::new(),
            employee_slots: Vec::new(),
            position_slots: Vec::new(),
            enum_symbols: Vec::new(),
            enum_lookup: Vec::new(),
            order: Vec::new(),
            requirements: Vec::new(),
            eligible_within: None,
            validations: Vec::new(),
        },
        anonymous: HashMap::new(),
        dated_locals: Vec::new(),
    };
    compiler.enums();
    compiler.parameters();
    compiler.tables();
    compiler.plan.order = order(rules);
    compiler.definitions_and_rules();
    compiler.decision_units();
    if !hoisted {
        compiler.validations();
    }
    compiler.plan
}

struct Compiler<'r, 's> {
    rules: &'r CheckedRules,
    symbols: &'s mut Symbols,
    hoisted: bool,
    plan: Plan,
    /// Hoisted anonymous sub-expressions by fingerprint, so each is computed once.
    anonymous: HashMap<String, Slot>,
    /// Locals bound (by a call) to a value that moves with the evaluation date.
    dated_locals: Vec<bool>,
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

impl Compiler<'_, '_> {
    fn enums(&mut self) {
        for enum_type in &self.rules.schema.enums {
            let syms: Vec<Sym> = enum_type
                .values
                .iter()
                .map(|v| self.symbols.intern(v))
                .collect();
            let lookup = syms
                .iter()
                .enumerate()
                .filter_map(|(i, s)| u16::try_from(i).ok().map(|i| (*s, i)))
                .collect();
            self.plan.enum_symbols.push(syms);
            self.plan.enum_lookup.push(lookup);
        }
    }

    fn parameters(&mut self) {
        for index in 0..self.rules.parameters.len() {
            let value = self.parameter_value(index);
            self.plan.parameters.push(value);
        }
    }

    /// A parameter's value; one declared later is computed when first used (the checker has
    /// ruled out cycles).
    fn parameter_value(&mut self, index: usize) -> Value<'static> {
        if let Some(value) = self.plan.parameters.get(index) {
            return *value;
        }
        let Some(parameter) = self.rules.parameters.get(index) else {
            return Value::Unknown;
        };
        let node = self.node(&parameter.value, false);
        self.constant_value(&node)
    }

    fn tables(&mut self) {
        for table in &self.rules.tables {
            let mut rows = Vec::new();
            for row in &table.rows {
                let patterns = row
                    .patterns
                    .iter()
                    .map(|p| match p {
                        Pattern::Any => PatternPlan::Any,
                        Pattern::Missing => PatternPlan::Missing,
                        Pattern::Value(c) => PatternPlan::Value(self.constant(c)),
                    })
                    .collect();
                let value = match &row.value {
                    Some(expr) => {
                        let node = self.node(expr, false);
                        self.constant_value(&node)
                    }
                    None => Value::Unknown,
                };
                rows.push((patterns, value));
            }
            self.plan.tables.push(TablePlan { rows });
        }
    }

    fn definitions_and_rules(&mut self) {
        // Placeholders first: bodies refer to each other by index.
        for definition in &self.rules.definitions {
            self.plan.definitions.push(DefinitionPlan {
                name: definition.name.clone(),
                body: constant_node(Value::Unknown, definition.span),
                locals: definition.locals,
                level: level_of(definition.body.deps),
                slot: None,
            });
        }
        for rule in &self.rules.rules {
            self.plan.rules.push(RulePlan {
                applies: None,
                unknown_when: Vec::new(),
                requires: constant_node(Value::Unknown, rule.span),
                locals: rule.locals,
                level: level_of(rule.deps),
                slot: None,
            });
        }
        let order = self.plan.order.clone();
        for unit in order {
            match unit {
                Unit2::Definition(index) => self.definition(index as usize),
                Unit2::Rule(index) => self.rule(index as usize),
            }
        }
    }

    fn definition(&mut self, index: usize) {
        let Some(definition) = self.rules.definitions.get(index) else {
            return;
        };
        let level = level_of(definition.body.deps);
        let body = self.node(&definition.body, level == Level::Pair);
        if let Some(plan) = self.plan.definitions.get_mut(index) {
            plan.body = body;
        }
        let unit = NodeKind::Definition(u32::try_from(index).unwrap_or(u32::MAX));
        let slot = self.unit_slot(level, unit, definition.span, definition.body.ty.clone());
        if let Some(plan) = self.plan.definitions.get_mut(index) {
            plan.slot = slot;
        }
    }

    fn rule(&mut self, index: usize) {
        let Some(rule) = self.rules.rules.get(index) else {
            return;
        };
        let level = level_of(rule.deps);
        let hoist_inside = level == Level::Pair;
        let applies = rule.applies.as_ref().map(|a| self.node(a, hoist_inside));
        let unknown_when = rule
            .unknown_when
            .iter()
            .map(|u| self.node(u, hoist_inside))
            .collect();
        let requires = self.node(&rule.requires, hoist_inside);
        if let Some(plan) = self.plan.rules.get_mut(index) {
            plan.applies = applies;
            plan.unknown_when = unknown_when;
            plan.requires = requires;
        }
        let unit = NodeKind::Rule(u32::try_from(index).unwrap_or(u32::MAX));
        let slot = self.unit_slot(level, unit, rule.span, Type::Bool);
        if let Some(plan) = self.plan.rules.get_mut(index) {
            plan.slot = slot;
        }
    }

    /// In the hoisted plan, a definition or rule that reads one side only is computed once per
    /// employee (or position) into a slot, and every use reads the slot.
    fn unit_slot(&mut self, level: Level, unit: NodeKind, span: Span, ty: Type) -> Option<Slot> {
        if !self.hoisted || !matches!(level, Level::Employee | Level::Position) {
            return None;
        }
        self.new_slot(
            level,
            Node {
                kind: unit,
                span,
                ty,
                dated: false,
            },
            0,
        )
    }

    fn new_slot(&mut self, level: Level, node: Node, locals: u16) -> Option<Slot> {
        let plan = SlotPlan { node, locals };
        match level {
            Level::Employee => {
                self.plan.employee_slots.push(plan);
                Some(Slot::Employee(
                    u32::try_from(self.plan.employee_slots.len() - 1).unwrap_or(u32::MAX),
                ))
            }
            Level::Position => {
                self.plan.position_slots.push(plan);
                Some(Slot::Position(
                    u32::try_from(self.plan.position_slots.len() - 1).unwrap_or(u32::MAX),
                ))
            }
            _ => None,
        }
    }

    fn decision_units(&mut self) {
        let Some((_, decision)) = self.rules.pair_decision() else {
            return;
        };
        self.plan.requirements = decision.requirements.iter().map(|r| r.0).collect();
        if let Some(within) = &decision.eligible_within {
            let node = self.node(within, false);
            let value = self.constant_value(&node);
            self.plan.eligible_within = value.is_known().then_some(value);
        }
        for prerequisite in &self.rules.prerequisites {
            let level = level_of(prerequisite.deps);
            let hoist = true;
            let applies = prerequisite.applies.as_ref().map(|a| self.node(a, hoist));
            let owes = match &prerequisite.owes {
                checked::Owes::One(code) => OwesPlan::One(self.node(code, hoist)),
                checked::Owes::Each { var, list } => OwesPlan::Each {
                    var: var.0,
                    list: self.node(list, hoist),
                },
            };
            let unless = self.node(&prerequisite.unless, hoist);
            self.plan.prerequisites.push(PrerequisitePlan {
                applies,
                owes,
                unless,
                locals: prerequisite.locals,
                level,
            });
        }
        if let Some(score) = decision.score.and_then(|id| self.rules.score(id)) {
            for part in &score.parts {
                let level = level_of(part.value.deps);
                let value = self.node(&part.value, true);
                self.plan.parts.push(PartPlan {
                    max: part.max,
                    value,
                    locals: part.locals,
                    level,
                });
            }
        }
    }

    fn validations(&mut self) {
        for validation in &self.rules.validations {
            let field_path = field_names(self.rules, validation);
            let applies = validation.applies.as_ref().map(|a| self.node(a, false));
            let requires = self.node(&validation.requires, false);
            self.plan.validations.push(ValidationPlan {
                id: validation.id.clone(),
                input: validation.input,
                field_path,
                message: validation.message.clone(),
                applies,
                requires,
                locals: validation.locals,
            });
        }
    }

    // ------------------------------------------------------------------ expressions

    /// Compiles an expression; with `hoist`, sub-expressions that read one side only become
    /// slots (hoisted plan only).
    fn node(&mut self, expr: &checked::Expr, hoist: bool) -> Node {
        let deps = expr.deps;
        // Constants (also date-only values in the hoisted plan, whose date is fixed) fold now.
        let foldable = !deps.employee
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

    /// Evaluates a node without records; `None` if it reads something it cannot.
    fn fold(&mut self, node: &Node) -> Option<Node> {
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

    fn constant_value(&mut self, node: &Node) -> Value<'static> {
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

    fn constant(&mut self, value: &Const) -> Value<'static> {
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

    fn boxed(&mut self, expr: &checked::Expr, hoist: bool) -> Box<Node> {
        Box::new(self.node(expr, hoist))
    }

    fn compile_kind(&mut self, expr: &checked::Expr, hoist: bool) -> Node {
        let kind = match &expr.kind {
            ExprKind::Const(value) => NodeKind::Constant(self.constant(value)),
            ExprKind::Parameter(id) => {
                let value = self.parameter_value(id.index());
                NodeKind::Parameter(
                    id.0,
                    Box::new(constant_node_typed(value, expr.span, expr.ty.clone())),
                )
            }
            ExprKind::EvaluationDate => NodeKind::EvaluationDate,
            ExprKind::AssessmentYear => NodeKind::AssessmentYear,
            ExprKind::Input(kind) => NodeKind::Input(*kind),
            ExprKind::Local(local) => NodeKind::Local(local.0),
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
                let body = self.node(&call.body, hoist);
                for (local, was) in saved {
                    self.mark_local(local, was);
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
                let collection = self.node(&q.collection, hoist);
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
                NodeKind::Quantifier(Box::new(QuantifierNode {
                    kind: q.kind,
                    item: q.item.0,
                    value: q.value.map(|v| v.0),
                    collection,
                    filter,
                    body,
                    zero,
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
    fn mark_local(&mut self, local: u16, dated: bool) -> bool {
        let index = usize::from(local);
        if self.dated_locals.len() <= index {
            self.dated_locals.resize(index + 1, false);
        }
        self.dated_locals
            .get_mut(index)
            .is_some_and(|mark| std::mem::replace(mark, dated))
    }

    /// Whether a node's value may change with the evaluation date.
    fn is_dated(&self, kind: &NodeKind) -> bool {
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
        | NodeKind::Not(inner) => vec![inner],
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

/// The names of the fields a validation reports at.
fn field_names(rules: &CheckedRules, validation: &checked::Validation) -> Vec<String> {
    let schema = &rules.schema;
    let mut record = schema.input(validation.input).map(|i| i.record);
    let mut names = Vec::new();
    for &index in &validation.field_path {
        let Some(field) = record.and_then(|r| schema.field(r, index)) else {
            break;
        };
        names.push(field.name.clone());
        record = match &field.ty {
            Type::Record(inner) => Some(*inner),
            _ => None,
        };
    }
    names
}

/// Definitions and rules in an order where each comes after those it reads.
fn order(rules: &CheckedRules) -> Vec<Unit2> {
    let mut state: HashMap<Unit2Key, u8> = HashMap::new();
    let mut out = Vec::new();
    for index in 0..rules.definitions.len() {
        visit(
            rules,
            Unit2::Definition(u32::try_from(index).unwrap_or(u32::MAX)),
            &mut state,
            &mut out,
        );
    }
    for index in 0..rules.rules.len() {
        visit(
            rules,
            Unit2::Rule(u32::try_from(index).unwrap_or(u32::MAX)),
            &mut state,
            &mut out,
        );
    }
    out
}

type Unit2Key = (bool, u32);

fn visit(
    rules: &CheckedRules,
    unit: Unit2,
    state: &mut HashMap<Unit2Key, u8>,
    out: &mut Vec<Unit2>,
) {
    let key = match unit {
        Unit2::Definition(i) => (false, i),
        Unit2::Rule(i) => (true, i),
    };
    if state.contains_key(&key) {
        return;
    }
    state.insert(key, 1);
    let mut uses = Vec::new();
    let mut collect = |expr: &checked::Expr| {
        crate::check::walk::visit(expr, &mut |e| match &e.kind {
            ExprKind::Definition(id) => uses.push(Unit2::Definition(id.0)),
            ExprKind::Rule(id) => uses.push(Unit2::Rule(id.0)),
            _ => {}
        });
    };
    match unit {
        Unit2::Definition(i) => {
            if let Some(d) = rules.definitions.get(i as usize) {
                collect(&d.body);
            }
        }
        Unit2::Rule(i) => {
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

/// Field reads of the record itself, locals and constants are as cheap as a slot.
fn worth_hoisting(expr: &checked::Expr) -> bool {
    !matches!(
        expr.kind,
        ExprKind::Const(_) | ExprKind::Input(_) | ExprKind::Local(_) | ExprKind::Parameter(_)
    )
}

/// The number of locals an expression binds (the frame a hoisted slot needs).
fn max_local(expr: &checked::Expr) -> u16 {
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
fn fingerprint(expr: &checked::Expr) -> String {
    let mut out = String::new();
    write_fingerprint(expr, &mut out);
    out
}

fn write_fingerprint(expr: &checked::Expr, out: &mut String) {
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

fn constant_node(value: Value<'static>, span: Span) -> Node {
    Node {
        kind: NodeKind::Constant(value),
        span,
        ty: Type::Error,
        dated: false,
    }
}

fn constant_node_typed(value: Value<'static>, span: Span, ty: Type) -> Node {
    Node {
        kind: NodeKind::Constant(value),
        span,
        ty,
        dated: false,
    }
}

/// A scalar value without borrowed data.
fn static_value(value: Value<'_>) -> Value<'static> {
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
