//! The rule dependency graph (petgraph): which item uses which, the order to check and
//! evaluate them in, cycles, and items nothing uses.
//!
//! Built from the AST before types are known, so a cycle is reported once, at its names,
//! instead of as an endless expansion.

use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Dfs, EdgeRef};

use super::error;
use super::names::Globals;
use crate::ast::{self, Binding, Expr, ExprKind, Item, Owes, RuleSet};
use crate::diagnostic::Problems;
use crate::lang::Text;
use crate::source::Span;

/// Items (by index in the rule set) and their uses of each other.
pub struct DependencyGraph {
    graph: DiGraph<usize, Span>,
}

impl DependencyGraph {
    pub fn build(rules: &RuleSet, globals: &Globals) -> DependencyGraph {
        let mut graph = DiGraph::new();
        let nodes: Vec<NodeIndex> = (0..rules.items.len()).map(|i| graph.add_node(i)).collect();
        for (index, item) in rules.items.iter().enumerate() {
            let mut uses = Vec::new();
            item_uses(item, &mut uses);
            for (name, span) in uses {
                if let (Some(target), Some(&from)) = (globals.get(&name), nodes.get(index)) {
                    if let Some(&to) = nodes.get(target) {
                        graph.add_edge(from, to, span);
                    }
                }
            }
        }
        DependencyGraph { graph }
    }

    /// Reports every cycle; returns the items on one, which the checker then skips.
    pub fn cycles(&self, rules: &RuleSet, problems: &mut Problems) -> Vec<bool> {
        let mut on_cycle = vec![false; rules.items.len()];
        for component in tarjan_scc(&self.graph) {
            let self_loop = component.len() == 1
                && component
                    .first()
                    .is_some_and(|&n| self.graph.find_edge(n, n).is_some());
            if component.len() < 2 && !self_loop {
                continue;
            }
            for node in &component {
                if let Some(flag) = self
                    .graph
                    .node_weight(*node)
                    .and_then(|&i| on_cycle.get_mut(i))
                {
                    *flag = true;
                }
            }
            // Start at the component's earliest item, so the report is stable.
            let Some(&start) = component.iter().min_by_key(|n| self.graph.node_weight(**n)) else {
                continue;
            };
            let path = self.cycle_path(start, &component);
            let name_of = |node: NodeIndex| {
                self.graph
                    .node_weight(node)
                    .and_then(|&i| rules.items.get(i))
                    .map(|item| item.name().clone())
            };
            let mut names: Vec<String> = path
                .iter()
                .filter_map(|(n, _)| name_of(*n))
                .map(|n| n.text)
                .collect();
            if let Some(first) = names.first().cloned() {
                names.push(first);
            }
            let links: Vec<(Span, String)> = path
                .iter()
                .enumerate()
                .filter_map(|(i, (_, span))| {
                    let target = path.get((i + 1) % path.len()).map(|(n, _)| *n)?;
                    Some((*span, name_of(target)?.text))
                })
                .collect();
            let span = name_of(start).map(|n| n.span).unwrap_or_default();
            problems.push(error::cycle(&names, span, &links));
        }
        on_cycle
    }

    /// A path around the cycle through `start`: each node with the span of its use of the next.
    fn cycle_path(&self, start: NodeIndex, component: &[NodeIndex]) -> Vec<(NodeIndex, Span)> {
        let mut path = vec![];
        let mut current = start;
        let mut visited = vec![];
        loop {
            let next = self
                .graph
                .edges_directed(current, Direction::Outgoing)
                .filter(|edge| component.contains(&edge.target()))
                .min_by_key(|edge| {
                    (
                        edge.target() != start,
                        self.graph.node_weight(edge.target()),
                    )
                });
            let Some(edge) = next else { break };
            path.push((current, *edge.weight()));
            visited.push(current);
            current = edge.target();
            if current == start || visited.contains(&current) || path.len() > component.len() {
                break;
            }
        }
        path
    }

    /// Item indices such that every item comes after the items it uses (cycles excluded).
    pub fn order(&self, skip: &[bool]) -> Vec<usize> {
        let mut order = Vec::new();
        let mut state = vec![0u8; self.graph.node_count()];
        for node in self.graph.node_indices() {
            self.post_order(node, skip, &mut state, &mut order);
        }
        order
    }

    fn post_order(&self, node: NodeIndex, skip: &[bool], state: &mut [u8], out: &mut Vec<usize>) {
        let index = node.index();
        if state.get(index).copied().unwrap_or(1) != 0 || skip.get(index).copied().unwrap_or(true) {
            return;
        }
        if let Some(s) = state.get_mut(index) {
            *s = 1;
        }
        let mut targets: Vec<NodeIndex> = self.graph.neighbors(node).collect();
        targets.sort();
        for target in targets {
            self.post_order(target, skip, state, out);
        }
        out.push(index);
    }

    /// Items reachable from the roots (decisions and validations).
    pub fn reachable(&self, roots: impl Iterator<Item = usize>) -> Vec<bool> {
        let mut seen = vec![false; self.graph.node_count()];
        for root in roots {
            let mut dfs = Dfs::new(&self.graph, NodeIndex::new(root));
            while let Some(node) = dfs.next(&self.graph) {
                if let Some(flag) = seen.get_mut(node.index()) {
                    *flag = true;
                }
            }
        }
        seen
    }
}

/// Warnings for parameters, definitions, tables, rules, prerequisites and scores no decision or
/// validation reaches.
pub fn report_unused(rules: &RuleSet, reachable: &[bool], problems: &mut Problems) {
    for (index, item) in rules.items.iter().enumerate() {
        if reachable.get(index).copied().unwrap_or(true) {
            continue;
        }
        let kind = match item {
            Item::Parameter(_) => Text::new("parameter", "parameter"),
            Item::Define(_) => Text::new("definisi", "definition"),
            Item::Table(_) => Text::new("tabel", "table"),
            Item::Rule(_) => Text::new("aturan", "rule"),
            Item::Prerequisite(_) => Text::new("prasyarat", "prerequisite"),
            Item::Score(_) => Text::new("skor", "score"),
            _ => continue,
        };
        let name = item.name();
        problems.push(error::unused(&kind, &name.text, name.span));
    }
}

// ---------------------------------------------------------------------- uses

/// The global names an item mentions, with where.
fn item_uses(item: &Item, out: &mut Vec<(String, Span)>) {
    let mut bound: Vec<String> = Vec::new();
    match item {
        Item::Validate(v) => {
            expr_uses_opt(v.applies.as_ref(), &mut bound, out);
            expr_uses(&v.requires, &mut bound, out);
        }
        Item::Parameter(p) => expr_uses(&p.value, &mut bound, out),
        Item::Define(d) => {
            bound.extend(d.params.iter().flatten().map(|p| p.name.text.clone()));
            expr_uses(&d.body, &mut bound, out);
        }
        Item::Table(t) => {
            for row in &t.rows {
                expr_uses_opt(row.value.as_ref(), &mut bound, out);
            }
        }
        Item::Rule(r) => {
            expr_uses_opt(r.applies.as_ref(), &mut bound, out);
            for u in &r.unknown_when {
                expr_uses(u, &mut bound, out);
            }
            expr_uses(&r.requires, &mut bound, out);
        }
        Item::Prerequisite(p) => {
            expr_uses_opt(p.applies.as_ref(), &mut bound, out);
            match &p.owes {
                Owes::One(e) => expr_uses(e, &mut bound, out),
                Owes::Each { var, list } => {
                    expr_uses(list, &mut bound, out);
                    bound.push(var.text.clone());
                }
            }
            expr_uses(&p.unless, &mut bound, out);
        }
        Item::Score(s) => {
            for part in &s.parts {
                expr_uses(&part.value, &mut bound, out);
            }
        }
        Item::Decision(d) => {
            for name in d
                .requirements
                .iter()
                .chain(&d.prerequisites)
                .chain(&d.score)
            {
                out.push((name.text.clone(), name.span));
            }
            expr_uses_opt(d.eligible_from.as_ref(), &mut bound, out);
        }
        Item::Shortlist(sl) => {
            out.push((sl.decision.text.clone(), sl.decision.span));
            expr_uses(&sl.open, &mut bound, out);
            expr_uses_opt(sl.group.as_ref(), &mut bound, out);
            for key in &sl.rank {
                if let ast::RankBy::Expr(e) = &key.by {
                    expr_uses(e, &mut bound, out);
                }
            }
            expr_uses_opt(sl.rotation.as_ref(), &mut bound, out);
        }
        Item::Classification(c) => {
            expr_uses_opt(c.applies.as_ref(), &mut bound, out);
            expr_uses_opt(c.position.as_ref(), &mut bound, out);
            for status in &c.statuses {
                expr_uses_opt(status.when.as_ref(), &mut bound, out);
                expr_uses_opt(status.listing.as_ref(), &mut bound, out);
            }
        }
        Item::Enum(_) | Item::Record(_) | Item::Input(_) => {}
    }
}

fn expr_uses_opt(expr: Option<&Expr>, bound: &mut Vec<String>, out: &mut Vec<(String, Span)>) {
    if let Some(expr) = expr {
        expr_uses(expr, bound, out);
    }
}

fn expr_uses(expr: &Expr, bound: &mut Vec<String>, out: &mut Vec<(String, Span)>) {
    match &expr.kind {
        ExprKind::Literal(_) => {}
        ExprKind::Name(name) => {
            if !bound.contains(&name.text) {
                out.push((name.text.clone(), name.span));
            }
        }
        ExprKind::Call(name, args) => {
            if !bound.contains(&name.text) {
                out.push((name.text.clone(), name.span));
            }
            for arg in args {
                expr_uses(arg, bound, out);
            }
        }
        ExprKind::Field(base, _)
        | ExprKind::Unit(base, _)
        | ExprKind::Cast(base, _)
        | ExprKind::Negate(base)
        | ExprKind::Not(base) => expr_uses(base, bound, out),
        ExprKind::Index(a, b)
        | ExprKind::Logic(_, a, b)
        | ExprKind::Arith(_, a, b)
        | ExprKind::Otherwise(a, b) => {
            expr_uses(a, bound, out);
            expr_uses(b, bound, out);
        }
        ExprKind::Compare(first, rest) => {
            expr_uses(first, bound, out);
            for (_, _, e) in rest {
                expr_uses(e, bound, out);
            }
        }
        ExprKind::In {
            element,
            collection,
            ..
        } => {
            expr_uses(element, bound, out);
            expr_uses(collection, bound, out);
        }
        ExprKind::Is { operand, .. } => expr_uses(operand, bound, out),
        ExprKind::Set(items) => {
            for item in items {
                expr_uses(item, bound, out);
            }
        }
        ExprKind::If(c, a, b) => {
            expr_uses(c, bound, out);
            expr_uses(a, bound, out);
            expr_uses(b, bound, out);
        }
        ExprKind::Quantifier(q) => quantifier_uses(q, bound, out),
    }
}

fn quantifier_uses(q: &ast::Quantifier, bound: &mut Vec<String>, out: &mut Vec<(String, Span)>) {
    expr_uses(&q.collection, bound, out);
    let depth = bound.len();
    match &q.binding {
        Binding::One(name) => bound.push(name.text.clone()),
        Binding::Pair(key, value) => {
            bound.push(key.text.clone());
            bound.push(value.text.clone());
        }
    }
    expr_uses_opt(q.filter.as_ref(), bound, out);
    expr_uses_opt(q.body.as_ref(), bound, out);
    bound.truncate(depth);
}
