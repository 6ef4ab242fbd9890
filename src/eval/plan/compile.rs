//! Checked rules -> [`Plan`]: constants folded, text interned, and (in the hoisted plan) the
//! work that reads one side only moved into per-employee and per-position slots.

use std::collections::HashMap;

use super::expr::constant_node;
use super::*;
use crate::check::checked::{self, CheckedRules, Pattern};
use crate::schema::Type;
use crate::source::Span;
use crate::symbols::{Sym, Symbols};

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
            numbered_collections: Vec::new(),
            enum_symbols: Vec::new(),
            enum_lookup: Vec::new(),
            order: Vec::new(),
            requirements: Arc::default(),
            eligible_within: None,
            validations: Vec::new(),
            shortlists: Vec::new(),
            classifications: Vec::new(),
        },
        anonymous: HashMap::new(),
        dated_locals: Vec::new(),
        arguments: Vec::new(),
    };
    compiler.enums();
    compiler.parameters();
    compiler.tables();
    compiler.plan.order = super::order::order(rules);
    compiler.definitions_and_rules();
    compiler.decision_units();
    if !hoisted {
        compiler.validations();
    }
    compiler.shortlists();
    if !hoisted {
        // Classifications run once per employee, on the flat plan.
        compiler.classifications();
    }
    compiler.plan
}

pub(super) struct Compiler<'r, 's> {
    pub(super) rules: &'r CheckedRules,
    pub(super) symbols: &'s mut Symbols,
    pub(super) hoisted: bool,
    pub(super) plan: Plan,
    /// Hoisted anonymous sub-expressions by fingerprint, so each is computed once.
    pub(super) anonymous: HashMap<String, Slot>,
    /// Locals bound (by a call) to a value that moves with the evaluation date.
    pub(super) dated_locals: Vec<bool>,
    /// The parameters of the calls being compiled into their bodies (hoisted plan only), each
    /// with the argument its reads are compiled as (see `expr::inline_argument`).
    pub(super) arguments: Vec<(u16, Node)>,
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
    pub(super) fn parameter_value(&mut self, index: usize) -> Value<'static> {
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
                UnitRef::Definition(index) => self.definition(index as usize),
                UnitRef::Rule(index) => self.rule(index as usize),
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

    pub(super) fn new_slot(&mut self, level: Level, node: Node, locals: u16) -> Option<Slot> {
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

    fn shortlists(&mut self) {
        for shortlist in &self.rules.shortlists {
            let open = self.node(&shortlist.open, true);
            let group = shortlist.group.as_ref().map(|g| self.node(g, true));
            let rank = shortlist
                .rank
                .iter()
                .map(|key| RankPlan {
                    by: match &key.by {
                        checked::RankBy::Decision => RankByPlan::Decision,
                        checked::RankBy::Score => RankByPlan::Score,
                        checked::RankBy::Expr(expr, locals) => RankByPlan::Expr {
                            node: self.node(expr, true),
                            locals: *locals,
                        },
                    },
                    descending: key.descending,
                })
                .collect();
            let rotation = shortlist.rotation.as_ref().map(|r| self.node(r, true));
            self.plan.shortlists.push(ShortlistPlan {
                name: shortlist.name.clone(),
                open,
                group,
                include: shortlist.include.clone(),
                rank,
                top: shortlist.top,
                rotation,
            });
        }
    }

    fn classifications(&mut self) {
        for classification in &self.rules.classifications {
            let applies = classification.applies.as_ref().map(|a| self.node(a, true));
            let position = classification.position.as_ref().map(|p| self.node(p, true));
            let statuses = classification
                .statuses
                .iter()
                .map(|status| StatusPlan {
                    name: status.name.clone(),
                    when: status.when.as_ref().map(|w| self.node(w, true)),
                    listing: status.listing.as_ref().map(|l| self.node(l, true)),
                })
                .collect();
            self.plan.classifications.push(ClassificationPlan {
                name: classification.name.clone(),
                applies,
                position,
                statuses,
                locals: classification.locals,
            });
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
