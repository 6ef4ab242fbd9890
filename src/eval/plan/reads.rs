//! What a unit of the decision (a requirement, a prerequisite, a score part) reads from the
//! position: the field paths under `formasi`. Two positions that agree on those fields give the
//! unit the same value for a given employee, so bulk evaluation computes it once per employee
//! and group of such positions instead of once per pair (see `eval::memo`).

use super::{Node, NodeKind, Plan, Slot};
use crate::ast::InputKind;

/// The position fields a unit reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reads {
    /// Field paths from the position record (field indices, outermost first).
    Paths(Vec<Vec<u16>>),
    /// The position as a whole (passed as a record, say): every position is its own group.
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

/// Collects what a set of nodes of `plan` read from the position, following definitions,
/// rules and position slots they use.
pub struct ReadsOf<'p> {
    plan: &'p Plan,
    paths: Vec<Vec<u16>>,
    whole: bool,
    seen_definitions: Vec<u32>,
    seen_rules: Vec<u32>,
    seen_slots: Vec<u32>,
}

impl<'p> ReadsOf<'p> {
    pub fn new(plan: &'p Plan) -> ReadsOf<'p> {
        ReadsOf {
            plan,
            paths: Vec::new(),
            whole: false,
            seen_definitions: Vec::new(),
            seen_rules: Vec::new(),
            seen_slots: Vec::new(),
        }
    }

    pub fn plan(&self) -> &'p Plan {
        self.plan
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
        if let Some(path) = position_path(node) {
            if path.is_empty() {
                self.whole = true;
            } else if !self.paths.contains(&path) {
                self.paths.push(path);
            }
            return;
        }
        let plan = self.plan;
        match &node.kind {
            NodeKind::Slot(Slot::Position(slot)) => {
                if !self.seen_slots.contains(slot) {
                    self.seen_slots.push(*slot);
                    if let Some(slot) = plan.position_slots.get(*slot as usize) {
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

/// `formasi.a.b` as `[a, b]`; `formasi` itself as `[]`; anything else `None`.
fn position_path(node: &Node) -> Option<Vec<u16>> {
    match &node.kind {
        NodeKind::Input(InputKind::Position) => Some(Vec::new()),
        NodeKind::Field(base, index) => {
            let mut path = position_path(base)?;
            path.push(*index);
            Some(path)
        }
        _ => None,
    }
}
