//! What a unit of the decision (a requirement, a prerequisite, a score part) reads from one side
//! of the pair: the field paths under `formasi` (or under `pegawai`). Two positions that agree on
//! those fields give the unit the same value for a given employee, so bulk evaluation computes it
//! once per employee and group of such positions instead of once per pair (see `eval::memo`);
//! likewise employees that agree on what a unit reads from them share one row of its values
//! (see `eval::grid`).

use super::{Node, NodeKind, OwesPlan, Plan, Slot};
use crate::ast::{CompareOp, InputKind};

/// The fields a unit reads from one side of the pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reads {
    /// Field paths from the record (field indices, outermost first).
    Paths(Vec<Vec<u16>>),
    /// The record as a whole (passed as a record, say): every record is its own group.
    Whole,
}

impl Reads {
    pub fn none() -> Reads {
        Reads::Paths(Vec::new())
    }

    /// What both read.
    pub fn union(self, other: Reads) -> Reads {
        match (self, other) {
            (Reads::Paths(mut a), Reads::Paths(b)) => {
                for path in b {
                    if !a.contains(&path) {
                        a.push(path);
                    }
                }
                Reads::Paths(a)
            }
            _ => Reads::Whole,
        }
    }
}

/// Collects what a set of nodes of `plan` read from one side, following definitions, rules and
/// that side's slots they use.
pub struct ReadsOf<'p> {
    plan: &'p Plan,
    side: InputKind,
    paths: Vec<Vec<u16>>,
    whole: bool,
    /// Whether a path is read other than as an operand of `==` or `!=` (see `compared_only`).
    read_otherwise: bool,
    seen_definitions: Vec<u32>,
    seen_rules: Vec<u32>,
    seen_slots: Vec<u32>,
    /// This side's slots the nodes use, however they use them (see `slots`).
    slots: Vec<u32>,
}

impl<'p> ReadsOf<'p> {
    pub fn new(plan: &'p Plan, side: InputKind) -> ReadsOf<'p> {
        ReadsOf {
            plan,
            side,
            paths: Vec::new(),
            whole: false,
            read_otherwise: false,
            seen_definitions: Vec::new(),
            seen_rules: Vec::new(),
            seen_slots: Vec::new(),
            slots: Vec::new(),
        }
    }

    pub fn plan(&self) -> &'p Plan {
        self.plan
    }

    /// Whether the nodes read exactly one path, and only to test it for equality with something
    /// else (`j.bidang == formasi.bidang`). Then two records whose values there equal none of
    /// the values they were compared with lead the evaluation down the same path, to the same
    /// result (see `memo`).
    pub fn compared_only(&self) -> bool {
        !self.whole && !self.read_otherwise && self.paths.len() == 1
    }

    /// This side's slots the nodes use, directly or through definitions, rules and other
    /// slots, in ascending order: all of an employee's slots a unit needs filled.
    pub fn slots(mut self) -> Vec<u32> {
        self.slots.sort_unstable();
        self.slots
    }

    pub fn finish(self) -> Reads {
        if self.whole {
            Reads::Whole
        } else {
            Reads::Paths(self.paths)
        }
    }

    pub fn rule(&mut self, index: u32) {
        if self.seen_rules.contains(&index) {
            return;
        }
        self.seen_rules.push(index);
        let plan = self.plan;
        if let Some(rule) = plan.rules.get(index as usize) {
            if let Some(slot) = rule.slot {
                self.slot_used(slot);
            }
            for node in rule
                .applies
                .iter()
                .chain(&rule.unknown_when)
                .chain(std::iter::once(&rule.requires))
            {
                self.node(node);
            }
        }
    }

    pub fn node(&mut self, node: &Node) {
        if let Some(path) = input_path(node, self.side) {
            self.read_otherwise = true;
            self.path(path);
            return;
        }
        let plan = self.plan;
        match &node.kind {
            NodeKind::Compare(CompareOp::Eq | CompareOp::Ne, a, b) => {
                for operand in [a, b] {
                    if !self.compared(operand) {
                        self.node(operand);
                    }
                }
            }
            // A slot holds what one side alone computes: only that side's slots read it.
            NodeKind::Slot(slot) => {
                self.slot_used(*slot);
                let (slots, index) = match (self.side, slot) {
                    (InputKind::Position, Slot::Position(index)) => (&plan.position_slots, index),
                    (InputKind::Employee, Slot::Employee(index)) => (&plan.employee_slots, index),
                    _ => return,
                };
                self.read_otherwise = true;
                if !self.seen_slots.contains(index) {
                    self.seen_slots.push(*index);
                    if let Some(slot) = slots.get(*index as usize) {
                        self.node(&slot.node);
                    }
                }
            }
            NodeKind::Definition(index) => {
                if !self.seen_definitions.contains(index) {
                    self.seen_definitions.push(*index);
                    if let Some(definition) = plan.definitions.get(*index as usize) {
                        self.node(&definition.body);
                    }
                }
            }
            NodeKind::Rule(index) => self.rule(*index),
            _ => {
                for child in node.children() {
                    self.node(child);
                }
            }
        }
    }
}

impl ReadsOf<'_> {
    fn slot_used(&mut self, slot: Slot) {
        let index = match (self.side, slot) {
            (InputKind::Position, Slot::Position(index))
            | (InputKind::Employee, Slot::Employee(index)) => index,
            _ => return,
        };
        if !self.slots.contains(&index) {
            self.slots.push(index);
        }
    }

    fn path(&mut self, path: Vec<u16>) {
        if path.is_empty() {
            self.whole = true;
        } else if !self.paths.contains(&path) {
            self.paths.push(path);
        }
    }

    /// Records `operand` of an equality test if it is a field path of this side (or this side's
    /// slot holding exactly one); false if it is something else, to be walked as usual.
    fn compared(&mut self, operand: &Node) -> bool {
        if let NodeKind::Slot(slot) = operand.kind {
            self.slot_used(slot);
        }
        let slot_node = match (&operand.kind, self.side) {
            (NodeKind::Slot(Slot::Position(index)), InputKind::Position) => self
                .plan
                .position_slots
                .get(*index as usize)
                .map(|s| &s.node),
            (NodeKind::Slot(Slot::Employee(index)), InputKind::Employee) => self
                .plan
                .employee_slots
                .get(*index as usize)
                .map(|s| &s.node),
            _ => None,
        };
        match input_path(slot_node.unwrap_or(operand), self.side) {
            Some(path) if !path.is_empty() => {
                self.path(path);
                true
            }
            _ => false,
        }
    }
}

/// `formasi.a.b` as `[a, b]`; `formasi` itself as `[]`; anything else `None` (for the position
/// side; likewise `pegawai` for the employee side).
fn input_path(node: &Node, side: InputKind) -> Option<Vec<u16>> {
    match &node.kind {
        NodeKind::Input(kind) if *kind == side => Some(Vec::new()),
        NodeKind::Field(base, index) => {
            let mut path = input_path(base, side)?;
            path.push(*index);
            Some(path)
        }
        _ => None,
    }
}

/// A unit that reads the employee only as `m[k]`, in quantifiers keyed by the employee slot `m`
/// (`QuantifierNode::keyed_by`) over position slots: its value for an employee and a position
/// depends on the position and on the employee's entries of `m` for the keys of those
/// collections alone, so `grid` fills its table by looking each cell up by those entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyed {
    /// The employee slot of `m`.
    pub map: u32,
    /// The position slots of the collections whose elements are the keys.
    pub collections: Vec<u32>,
}

/// Each unit of `plan` (requirements, prerequisites, score parts) that is [`Keyed`].
pub fn keyed_units(plan: &Plan) -> Vec<Option<Keyed>> {
    let requirements = plan.requirements.iter().map(|&rule| {
        let rule = plan.rules.get(rule as usize)?;
        if rule.slot.is_some() {
            return None;
        }
        let nodes = rule.applies.iter().chain(&rule.unknown_when);
        keyed(nodes.chain(std::iter::once(&rule.requires)))
    });
    let prerequisites = plan.prerequisites.iter().map(|prerequisite| {
        let owes = match &prerequisite.owes {
            OwesPlan::One(code) => code,
            OwesPlan::Each { list, .. } => list,
        };
        keyed(
            prerequisite
                .applies
                .iter()
                .chain([owes, &prerequisite.unless]),
        )
    });
    let parts = plan
        .parts
        .iter()
        .map(|part| keyed(std::iter::once(&part.value)));
    requirements.chain(prerequisites).chain(parts).collect()
}

/// Whether `nodes` read the employee only through quantifiers keyed by one map, and at least
/// once.
fn keyed<'n>(nodes: impl IntoIterator<Item = &'n Node>) -> Option<Keyed> {
    let mut found: Option<Keyed> = None;
    let only_keyed = reads_employee_only_through(nodes, &mut |node| {
        let NodeKind::Quantifier(q) = &node.kind else {
            return None;
        };
        let map = q.keyed_by?;
        // Its filter and body read the employee only as `m[k]` (see `keyed_by`).
        let NodeKind::Slot(Slot::Position(collection)) = q.collection.kind else {
            return Some(false);
        };
        let keyed = found.get_or_insert_with(|| Keyed {
            map,
            collections: Vec::new(),
        });
        if !keyed.collections.contains(&collection) {
            keyed.collections.push(collection);
        }
        Some(keyed.map == map)
    });
    found.filter(|_| only_keyed)
}

/// Whether `nodes` read the employee only inside the nodes `through` takes: it answers
/// `Some(true)` for a node it takes (and has looked into itself), `Some(false)` for one it
/// refuses, `None` for any other node, which is walked as usual. Definitions, rules and input
/// look-ups are not looked into: they are taken to read the employee.
pub(super) fn reads_employee_only_through<'n>(
    nodes: impl IntoIterator<Item = &'n Node>,
    through: &mut impl FnMut(&Node) -> Option<bool>,
) -> bool {
    fn visit(node: &Node, through: &mut impl FnMut(&Node) -> Option<bool>) -> bool {
        if let Some(taken) = through(node) {
            return taken;
        }
        match &node.kind {
            NodeKind::Slot(Slot::Employee(_))
            | NodeKind::Input(InputKind::Employee)
            | NodeKind::Definition(_)
            | NodeKind::Rule(_)
            | NodeKind::Lookup(..) => false,
            _ => node
                .children()
                .into_iter()
                .all(|child| visit(child, through)),
        }
    }
    nodes.into_iter().all(|node| visit(node, through))
}
