//! `mutasi why`: an explanation an HR officer can read and cite.
//!
//! For each rule: its outcome, title, legal basis and place in the rules, then the facts that
//! decided it: each comparison with the values compared, and each value read from the records
//! with the file and line it came from. Only the facts that decided the outcome are shown: for
//! a failed `and`, the failed side; for a passed `or`, the side that passed.

use super::show::Shower;
use super::{Keys, text_field};
use crate::ast::{InputKind, QuantifierKind};
use crate::check::CheckedRules;
use crate::data::{Datum, Record};
use crate::eval::plan::{Node, NodeKind};
use crate::eval::{Decision, Outcome, Value};
use crate::explain::{EligibleReason, PairExplanation, Status, Step, StepKind};
use crate::lang::{Lang, pick};
use crate::schema::Type;

/// Most fact lines shown under one rule.
const MAX_LINES: usize = 14;
/// Most elements of a list shown one by one.
const MAX_ELEMENTS: usize = 6;

/// Renders explanations.
pub struct Why<'a> {
    pub rules: &'a CheckedRules,
    pub show: Shower<'a>,
    pub keys: Keys,
    pub as_of: crate::date::Date,
    pub assessment_year: i64,
}

impl Why<'_> {
    fn lang(&self) -> Lang {
        self.show.lang
    }

    fn word(&self, id: &'static str, en: &'static str) -> &'static str {
        pick(self.lang(), id, en)
    }

    /// `198503122010011002 Budi Santoso`
    pub fn employee_title(&self, employee: &Record) -> String {
        let key = text_field(employee, Some(self.keys.employee_key), self.show.symbols);
        let name = text_field(employee, self.keys.employee_name, self.show.symbols);
        format!("{key} {name}").trim_end().to_string()
    }

    /// `BKAD-KASUBAG-KEU (Kepala Subbagian Keuangan)`
    pub fn position_title(&self, position: &Record) -> String {
        let key = text_field(position, Some(self.keys.position_key), self.show.symbols);
        let name = text_field(position, self.keys.position_name, self.show.symbols);
        if name.is_empty() {
            key.to_string()
        } else {
            format!("{key} ({name})")
        }
    }

    /// The full explanation of one pair.
    pub fn pair(&self, explanation: &PairExplanation<'_>) -> String {
        let mut out = String::new();
        let outcome = &explanation.outcome;
        out.push_str(&format!(
            "{} -> {}\n",
            self.employee_title(explanation.employee),
            self.position_title(explanation.position)
        ));
        out.push_str(&format!(
            "{}: {}\n",
            self.word("Keputusan", "Decision"),
            self.decision_line(outcome, &explanation.eligible)
        ));
        out.push_str(&format!(
            "{} {}, {} {}\n",
            self.word("Tanggal evaluasi", "Evaluation date"),
            self.as_of,
            self.word("tahun penilaian SKP", "SKP assessment year"),
            self.assessment_year
        ));
        out.push('\n');
        self.requirements(&mut out, explanation);
        self.training(&mut out, explanation);
        self.score(&mut out, explanation);
        out
    }

    fn decision_line(&self, outcome: &Outcome, eligible: &EligibleReason) -> String {
        let mut line = outcome.decision.label(self.lang()).to_string();
        match eligible {
            EligibleReason::From { date, rules } => {
                let ids = self.rule_ids(rules);
                let verb = if rules.len() == 1 { "is" } else { "are" };
                line.push_str(&match self.lang() {
                    Lang::Id => format!("; memenuhi syarat mulai {date} (saat {ids} terpenuhi)"),
                    Lang::En => format!("; eligible from {date} (when {ids} {verb} met)"),
                });
            }
            EligibleReason::Never { rules } => {
                let ids = self.rule_ids(rules);
                line.push_str(&match self.lang() {
                    Lang::Id => format!("; tidak akan memenuhi syarat tanpa perubahan data ({ids} tidak bergantung pada tanggal)"),
                    Lang::En => format!("; will not qualify unless the records change ({ids} does not depend on the date)"),
                });
            }
            EligibleReason::NotWithin { horizon } => {
                line.push_str(&match self.lang() {
                    Lang::Id => format!("; belum memenuhi syarat sampai {horizon}"),
                    Lang::En => format!("; does not qualify before {horizon}"),
                });
            }
            EligibleReason::NotNeeded | EligibleReason::NotAsked => {}
        }
        if outcome.decision == Decision::NeedsReview {
            let ids = self.rule_ids(&outcome.unknown);
            line.push_str(&match self.lang() {
                Lang::Id => format!("; data kurang untuk {ids}"),
                Lang::En => format!("; data missing for {ids}"),
            });
        }
        line
    }

    fn rule_ids(&self, rules: &[u32]) -> String {
        rules
            .iter()
            .filter_map(|r| self.rules.rules.get(*r as usize).map(|r| r.id.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn requirements(&self, out: &mut String, explanation: &PairExplanation<'_>) {
        out.push_str(&format!(
            "{} ({}):\n",
            self.word("Syarat", "Requirements"),
            explanation.requirements.len()
        ));
        let width = explanation
            .requirements
            .iter()
            .filter_map(|r| self.rules.rules.get(r.rule as usize))
            .map(|r| r.id.chars().count())
            .max()
            .unwrap_or(0);
        for requirement in &explanation.requirements {
            let Some(rule) = self.rules.rules.get(requirement.rule as usize) else {
                continue;
            };
            let mark = match requirement.status {
                Status::Holds => "✓",
                Status::NotApplicable => "–",
                Status::Fails => "✗",
                Status::Unknown => "?",
            };
            out.push_str(&format!("  {mark} {:<width$}  {}\n", rule.id, rule.title));
            out.push_str(&format!(
                "      {}: {} · {}\n",
                self.word("dasar", "basis"),
                rule.basis,
                self.show.sources.location(rule.span)
            ));
            let mut lines = Vec::new();
            self.rule_facts(
                requirement.status,
                &requirement.steps,
                explanation,
                &mut lines,
            );
            self.push_lines(out, &lines, 6);
            if let Some(met_from) = requirement.met_from {
                out.push_str(&format!(
                    "      {}\n",
                    self.met_from(met_from, &explanation.eligible)
                ));
            }
        }
    }

    /// When a failed requirement that depends on the date would hold.
    fn met_from(&self, date: Option<crate::date::Date>, eligible: &EligibleReason) -> String {
        let horizon = match eligible {
            EligibleReason::NotWithin { horizon } => Some(*horizon),
            _ => None,
        };
        match (self.lang(), date, horizon) {
            (Lang::Id, Some(date), _) => format!("terpenuhi mulai {date}"),
            (Lang::En, Some(date), _) => format!("met from {date}"),
            (Lang::Id, None, Some(h)) => format!("belum terpenuhi sampai {h}"),
            (Lang::En, None, Some(h)) => format!("not met before {h}"),
            (Lang::Id, None, None) => String::from("tidak terpenuhi dalam cakrawala pencarian"),
            (Lang::En, None, None) => String::from("not met within the search horizon"),
        }
    }

    fn push_lines(&self, out: &mut String, lines: &[(usize, String)], base: usize) {
        for (index, (indent, line)) in lines.iter().enumerate() {
            if index == MAX_LINES {
                out.push_str(&format!("{}…\n", " ".repeat(base)));
                break;
            }
            out.push_str(&format!("{}{line}\n", " ".repeat(base + 2 * indent)));
        }
    }

    fn rule_facts(
        &self,
        status: Status,
        steps: &[Step<'_>],
        explanation: &PairExplanation<'_>,
        lines: &mut Vec<(usize, String)>,
    ) {
        let facts = Facts {
            why: self,
            explanation,
        };
        match status {
            Status::NotApplicable => {
                if let Some(applies) = steps.first() {
                    lines.push((
                        0,
                        format!(
                            "{}: {}",
                            self.word("tidak berlaku", "does not apply"),
                            facts.headline(applies)
                        ),
                    ));
                    facts.operands(applies, 1, lines);
                }
            }
            _ => {
                // The last step decided: `requires`, or the `unknown when` that held.
                if let Some(last) = steps.last() {
                    let unknown_clause = status == Status::Unknown
                        && steps.len() >= 2
                        && last.value == Value::Bool(true)
                        && last.node().is_some_and(|n| n.ty == Type::Bool);
                    if unknown_clause {
                        lines.push((
                            0,
                            format!(
                                "{}: {}",
                                self.word("data tidak lengkap", "data missing"),
                                facts.headline(last)
                            ),
                        ));
                        facts.operands(last, 1, lines);
                    } else {
                        facts.decisive(last, 0, lines);
                    }
                }
            }
        }
    }

    fn training(&self, out: &mut String, explanation: &PairExplanation<'_>) {
        if explanation.prerequisites.is_empty() {
            return;
        }
        out.push('\n');
        let owed: Vec<&str> = explanation
            .outcome
            .training
            .iter()
            .map(|s| self.show.symbols.resolve(*s))
            .collect();
        let summary = if owed.is_empty() {
            self.word("tidak ada", "none").to_string()
        } else {
            owed.join(", ")
        };
        out.push_str(&format!(
            "{}: {summary}\n",
            self.word("Pelatihan terutang", "Training owed")
        ));
        for trace in &explanation.prerequisites {
            let Some(prerequisite) = self.rules.prerequisites.get(trace.index) else {
                continue;
            };
            let codes: Vec<&str> = trace
                .owed
                .iter()
                .map(|s| self.show.symbols.resolve(*s))
                .collect();
            let mark = if codes.is_empty() { "✓" } else { "!" };
            let what = if codes.is_empty() {
                self.word("tidak ada yang terutang", "nothing owed")
                    .to_string()
            } else {
                format!("{}: {}", self.word("terutang", "owed"), codes.join(", "))
            };
            out.push_str(&format!(
                "  {mark} {}  {} — {what}\n",
                prerequisite.id, prerequisite.title
            ));
            out.push_str(&format!(
                "      {}: {} · {}\n",
                self.word("dasar", "basis"),
                prerequisite.basis,
                self.show.sources.location(prerequisite.span)
            ));
            let facts = Facts {
                why: self,
                explanation,
            };
            let mut lines = Vec::new();
            for step in &trace.steps {
                if step.value == Value::Bool(false) && trace.steps.len() == 1 {
                    lines.push((
                        0,
                        format!(
                            "{}: {}",
                            self.word("tidak berlaku", "does not apply"),
                            facts.headline(step)
                        ),
                    ));
                } else if step.node().is_some_and(|n| n.ty == Type::Bool) {
                    facts.decisive(step, 0, &mut lines);
                }
            }
            self.push_lines(out, &lines, 6);
        }
    }

    fn score(&self, out: &mut String, explanation: &PairExplanation<'_>) {
        let Some(score) = self
            .rules
            .pair_decision()
            .and_then(|(_, d)| d.score)
            .and_then(|s| self.rules.score(s))
        else {
            return;
        };
        let total: i64 = score.parts.iter().map(|p| p.max).sum();
        out.push('\n');
        out.push_str(&format!(
            "{}: {}/{total}\n",
            score.title, explanation.outcome.score
        ));
        let width = score
            .parts
            .iter()
            .map(|p| p.name.chars().count())
            .max()
            .unwrap_or(0);
        for (trace, part) in explanation.parts.iter().zip(&score.parts) {
            let title = part.title.as_deref().unwrap_or("");
            out.push_str(&format!(
                "  {:<width$} {:>3}/{:<3} {title}\n",
                part.name, trace.points, part.max
            ));
            let facts = Facts {
                why: self,
                explanation,
            };
            let mut lines = Vec::new();
            if let Some(last) = trace.steps.last() {
                facts.decisive(last, 0, &mut lines);
            }
            if !trace.raw.is_known() {
                lines.push((
                    0,
                    self.word(
                        "tidak dapat dihitung: dihitung 0",
                        "cannot be computed: counts 0",
                    )
                    .to_string(),
                ));
            } else if matches!(trace.raw, Value::Int(n) if n > part.max) {
                lines.push((
                    0,
                    format!(
                        "{} {}",
                        self.word("dibatasi maksimum", "capped at the maximum"),
                        part.max
                    ),
                ));
            }
            self.push_lines(out, &lines, 6);
        }
    }

    /// `why NIP`: every position, those the employee qualifies for first.
    pub fn employee(&self, employee: &Record, rows: &[(&Record, Outcome)]) -> String {
        let mut out = format!("{}\n", self.employee_title(employee));
        out.push_str(&format!(
            "{} {}, {} {}\n\n",
            self.word("Tanggal evaluasi", "Evaluation date"),
            self.as_of,
            self.word("tahun penilaian SKP", "SKP assessment year"),
            self.assessment_year
        ));
        let mut order: Vec<&(&Record, Outcome)> = rows.iter().collect();
        order.sort_by(|(pa, a), (pb, b)| {
            let rank = |o: &Outcome| match o.decision {
                Decision::Eligible => 0,
                Decision::EligibleAfterTraining => 1,
                Decision::NeedsReview => 2,
                Decision::NotEligible => 3,
            };
            let key = |p: &Record| {
                text_field(p, Some(self.keys.position_key), self.show.symbols).to_string()
            };
            rank(a)
                .cmp(&rank(b))
                .then(match (a.decision, b.decision) {
                    (Decision::NotEligible, Decision::NotEligible) => {
                        let soon = |o: &Outcome| o.eligible_from.map_or(i32::MAX, |d| d.0);
                        soon(a)
                            .cmp(&soon(b))
                            .then(a.failed.len().cmp(&b.failed.len()))
                    }
                    _ => std::cmp::Ordering::Equal,
                })
                .then(b.score.cmp(&a.score))
                .then(key(pa).cmp(&key(pb)))
        });
        let width = rows
            .iter()
            .map(|(p, _)| {
                text_field(p, Some(self.keys.position_key), self.show.symbols)
                    .chars()
                    .count()
            })
            .max()
            .unwrap_or(0);
        let mut last_group = None;
        for (position, outcome) in order {
            let group = outcome.decision;
            if last_group != Some(group) {
                out.push_str(&format!("{}:\n", capitalise(group.label(self.lang()))));
                last_group = Some(group);
            }
            let id = text_field(position, Some(self.keys.position_key), self.show.symbols);
            let name = text_field(position, self.keys.position_name, self.show.symbols);
            out.push_str(&format!("  {id:<width$}  {:>3}  {name}\n", outcome.score));
            let gap = self.gap(outcome);
            if !gap.is_empty() {
                out.push_str(&format!("  {:width$}       {gap}\n", ""));
            }
        }
        out
    }

    /// What stands between the employee and the position, in one line.
    fn gap(&self, outcome: &Outcome) -> String {
        let mut parts = Vec::new();
        if !outcome.failed.is_empty() {
            parts.push(format!(
                "{}: {}",
                self.word("tidak terpenuhi", "not met"),
                self.rule_ids(&outcome.failed)
            ));
        }
        if !outcome.unknown.is_empty() {
            parts.push(format!(
                "{}: {}",
                self.word("data kurang", "data missing"),
                self.rule_ids(&outcome.unknown)
            ));
        }
        if !outcome.training.is_empty() {
            let codes: Vec<&str> = outcome
                .training
                .iter()
                .map(|s| self.show.symbols.resolve(*s))
                .collect();
            parts.push(format!(
                "{}: {}",
                self.word("pelatihan", "training"),
                codes.join(", ")
            ));
        }
        if let Some(date) = outcome.eligible_from {
            parts.push(format!(
                "{} {date}",
                self.word("memenuhi syarat mulai", "eligible from")
            ));
        }
        parts.join("; ")
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Walks a rule's steps for the facts that decided it.
struct Facts<'w, 'e, 'a> {
    why: &'w Why<'w>,
    explanation: &'e PairExplanation<'a>,
}

impl<'a> Facts<'_, '_, 'a> {
    fn lang(&self) -> Lang {
        self.why.lang()
    }

    /// The author's text of a node, on one line.
    fn source(&self, node: &Node) -> String {
        let text = self.why.show.sources.slice(node.span);
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.chars().count() > 90 {
            let cut: String = one_line.chars().take(89).collect();
            format!("{cut}…")
        } else {
            one_line
        }
    }

    fn value(&self, step: &Step<'_>) -> String {
        let ty = step.node().map_or(&Type::Error, |n| &n.ty);
        self.why.show.value(step.value, ty)
    }

    /// `source → value`, with the compared values for a comparison.
    fn headline(&self, step: &Step<'_>) -> String {
        let Some(node) = step.node() else {
            return self.value(step);
        };
        let source = self.source(node);
        let value = self.value(step);
        match (&node.kind, step.children.as_slice()) {
            (NodeKind::Compare(op, ..), [left, right]) => {
                format!(
                    "{source}: {} {} {} → {value}",
                    self.value(left),
                    op.symbol(),
                    self.value(right)
                )
            }
            (
                NodeKind::InList { negated, .. } | NodeKind::InMap { negated, .. },
                [element, list],
            ) => {
                let word = if *negated { "not in" } else { "in" };
                format!(
                    "{source}: {} {word} {} → {value}",
                    self.value(element),
                    self.value(list)
                )
            }
            (NodeKind::Is { .. }, _) => format!("{source} → {value}"),
            _ => format!("{source} → {value}"),
        }
    }

    /// The facts that decided a boolean step.
    fn decisive(&self, step: &Step<'a>, indent: usize, lines: &mut Vec<(usize, String)>) {
        let Some(node) = step.node() else { return };
        match &node.kind {
            NodeKind::And(..) | NodeKind::Or(..) => {
                let is_and = matches!(node.kind, NodeKind::And(..));
                let deciding = match (is_and, step.value) {
                    (true, Value::Bool(true)) | (false, Value::Bool(false)) => None,
                    (true, Value::Bool(false)) => Some(Value::Bool(false)),
                    (false, Value::Bool(true)) => Some(Value::Bool(true)),
                    _ => Some(Value::Unknown),
                };
                for child in &step.children {
                    if deciding.is_none_or(|d| child.value == d) {
                        self.decisive(child, indent, lines);
                    }
                }
            }
            NodeKind::Not(_) => {
                for child in &step.children {
                    self.decisive(child, indent, lines);
                }
            }
            NodeKind::If(..) => {
                // Children: the condition, then the branch taken.
                let mut children = step.children.iter();
                if let Some(condition) = children.next() {
                    self.decisive(condition, indent, lines);
                }
                for branch in children {
                    self.decisive(branch, indent, lines);
                }
            }
            NodeKind::Quantifier(q) => self.quantifier(step, q.kind, indent, lines),
            NodeKind::Call(call) => {
                // Values when every argument is a value; else the text as written (a definition
                // passed by name).
                let head = if call.args.len() == call.written_args {
                    let args: Vec<String> = step
                        .children
                        .iter()
                        .take(call.args.len())
                        .map(|a| self.value(a))
                        .collect();
                    format!("{}({})", call.name, args.join(", "))
                } else {
                    self.source(node)
                };
                lines.push((indent, format!("{head} = {}", self.value(step))));
                if let Some(body) = step.children.last() {
                    if body.node().is_some_and(|n| n.ty == Type::Bool) {
                        self.decisive(body, indent + 1, lines);
                    } else {
                        self.leaf(body, indent + 1, lines);
                    }
                }
            }
            NodeKind::Definition(index) => {
                let name = self
                    .why
                    .rules
                    .definitions
                    .get(*index as usize)
                    .map_or("", |d| d.name.as_str());
                lines.push((indent, format!("{name} = {}", self.value(step))));
                for child in &step.children {
                    self.decisive(child, indent + 1, lines);
                }
            }
            NodeKind::Rule(index) => {
                let name = self
                    .why
                    .rules
                    .rules
                    .get(*index as usize)
                    .map_or("", |r| r.id.as_str());
                lines.push((indent, format!("{name} = {}", self.value(step))));
            }
            NodeKind::Parameter(..) | NodeKind::Constant(_) => {}
            NodeKind::Field(..) | NodeKind::MapGet(..) | NodeKind::ListIndex(..) => {
                self.leaf(step, indent, lines)
            }
            _ => {
                lines.push((indent, self.headline(step)));
                self.operands(step, indent + 1, lines);
            }
        }
    }

    /// What a quantifier went through, with the elements that decided it.
    fn quantifier(
        &self,
        step: &Step<'a>,
        kind: QuantifierKind,
        indent: usize,
        lines: &mut Vec<(usize, String)>,
    ) {
        let elements: Vec<&Step<'a>> = step
            .children
            .iter()
            .filter(|c| matches!(c.kind, StepKind::Element { .. }))
            .collect();
        let collection = step.children.first();
        let total = match collection.map(|c| c.value) {
            Some(Value::List(items)) => items.len(),
            Some(Value::Map(entries)) => entries.len(),
            _ => elements.len(),
        };
        let matching = elements
            .iter()
            .filter(|e| e.value == Value::Bool(true))
            .count();
        let count = match (self.lang(), kind) {
            _ if total == 0 => self.why.word("daftar kosong", "empty list").to_string(),
            (
                _,
                QuantifierKind::Sum
                | QuantifierKind::Max
                | QuantifierKind::Min
                | QuantifierKind::First
                | QuantifierKind::Count,
            ) => {
                format!("{total} {}", self.why.word("entri", "entries"))
            }
            (Lang::Id, _) => format!("{matching} dari {total} entri memenuhi"),
            (Lang::En, _) => format!("{matching} of {total} entries match"),
        };
        lines.push((indent, format!("{} ({count})", self.headline(step))));
        let element_ty = collection
            .and_then(|c| c.node())
            .map(|n| match &n.ty {
                Type::List(inner) => (**inner).clone(),
                Type::Map(inner) => (**inner).clone(),
                _ => Type::Error,
            })
            .unwrap_or(Type::Error);
        // Which elements to show: the witnesses of a true `any`, the counterexamples of a
        // false `all`, every element of a sum or of a search that found nothing.
        let shown: Vec<&&Step<'a>> = match (kind, step.value) {
            (QuantifierKind::Any, Value::Bool(true)) | (QuantifierKind::No, Value::Bool(false)) => {
                elements
                    .iter()
                    .filter(|e| e.value == Value::Bool(true))
                    .collect()
            }
            (QuantifierKind::All, Value::Bool(false)) => elements
                .iter()
                .filter(|e| e.value == Value::Bool(false))
                .collect(),
            (QuantifierKind::Any | QuantifierKind::No | QuantifierKind::All, Value::Unknown) => {
                elements.iter().filter(|e| !e.value.is_known()).collect()
            }
            (QuantifierKind::Sum | QuantifierKind::Max | QuantifierKind::Min, _) => elements
                .iter()
                .filter(|e| e.value.is_known() && e.value != Value::Bool(false))
                .collect(),
            (QuantifierKind::First, _) => elements
                .iter()
                .filter(|e| e.value != Value::Bool(false))
                .collect(),
            _ if elements.len() <= 3 => elements.iter().collect(),
            _ => Vec::new(),
        };
        for element in shown.iter().take(MAX_ELEMENTS) {
            let StepKind::Element { item, key } = element.kind else {
                continue;
            };
            let label = match key {
                Some(key) => format!(
                    "{} = {}",
                    self.why.show.value(key, &Type::Text),
                    self.why.show.value(item, &element_ty)
                ),
                None => self.why.show.value(item, &element_ty),
            };
            let origin = match item {
                Value::Record(fields) => fields.first().and_then(|first| self.origin(first)),
                _ => None,
            };
            let origin = origin.map(|o| format!(" ({o})")).unwrap_or_default();
            let result = match kind {
                QuantifierKind::Sum
                | QuantifierKind::Max
                | QuantifierKind::Min
                | QuantifierKind::First => {
                    let body_ty = element
                        .children
                        .last()
                        .and_then(|c| c.node())
                        .map_or(Type::Error, |n| n.ty.clone());
                    format!(": {}", self.why.show.value(element.value, &body_ty))
                }
                _ => format!(" → {}", self.why.show.value(element.value, &Type::Bool)),
            };
            lines.push((indent + 1, format!("• {label}{origin}{result}")));
            if !matches!(
                kind,
                QuantifierKind::Sum | QuantifierKind::Max | QuantifierKind::Min
            ) {
                for child in element.children.iter() {
                    if child.node().is_some_and(|n| n.ty == Type::Bool)
                        && child.value == element.value
                    {
                        self.decisive(child, indent + 2, lines);
                    }
                }
            }
        }
        if shown.len() > MAX_ELEMENTS {
            lines.push((
                indent + 1,
                format!(
                    "• … ({} {})",
                    shown.len() - MAX_ELEMENTS,
                    self.why.word("lainnya", "more")
                ),
            ));
        }
    }

    /// The values an expression read: record fields (with file and line), parameters,
    /// definitions and tables.
    fn operands(&self, step: &Step<'a>, indent: usize, lines: &mut Vec<(usize, String)>) {
        for child in &step.children {
            self.leaf(child, indent, lines);
        }
    }

    fn leaf(&self, step: &Step<'a>, indent: usize, lines: &mut Vec<(usize, String)>) {
        let Some(node) = step.node() else { return };
        let line = match &node.kind {
            NodeKind::Field(..) => {
                let base = step.children.first();
                let target = match (base.map(|b| b.value), &node.kind) {
                    (Some(Value::Record(fields)), NodeKind::Field(_, index)) => {
                        fields.get(usize::from(*index))
                    }
                    _ => None,
                };
                let origin = target
                    .and_then(|t| self.origin(t))
                    .map(|o| format!(" ({o})"))
                    .unwrap_or_default();
                if step.value.is_known() {
                    Some(format!(
                        "{} = {}{origin}",
                        self.source(node),
                        self.value(step)
                    ))
                } else {
                    Some(format!(
                        "{} {}{origin}",
                        self.source(node),
                        self.why.word("tidak diisi", "is not given")
                    ))
                }
            }
            NodeKind::Parameter(..) => {
                Some(format!("{} = {}", self.source(node), self.value(step)))
            }
            NodeKind::Definition(_) | NodeKind::Table(..) | NodeKind::Rule(_) => {
                Some(format!("{} = {}", self.source(node), self.value(step)))
            }
            NodeKind::Quantifier(q) => {
                self.quantifier(step, q.kind, indent, lines);
                return;
            }
            NodeKind::Call(_) => {
                self.decisive(step, indent, lines);
                return;
            }
            NodeKind::MapGet(..) | NodeKind::ListIndex(..) => Some(if step.value.is_known() {
                format!("{} = {}", self.source(node), self.value(step))
            } else {
                format!(
                    "{} {}",
                    self.source(node),
                    self.why.word("tidak ada", "is not there")
                )
            }),
            NodeKind::EvaluationDate
            | NodeKind::AssessmentYear
            | NodeKind::Constant(_)
            | NodeKind::ConstantList(_) => None,
            NodeKind::Input(_) | NodeKind::Local(_) => None,
            _ => {
                self.operands(step, indent, lines);
                return;
            }
        };
        if let Some(line) = line {
            if !lines.iter().any(|(_, l)| *l == line) {
                lines.push((indent, line));
            }
        }
    }

    /// Where a datum of the employee's or the position's record was read.
    fn origin(&self, target: &Datum) -> Option<String> {
        let schema = self.why.show.schema;
        let records = [
            (
                self.explanation.employee,
                schema.input(InputKind::Employee).map(|i| i.record),
            ),
            (
                self.explanation.position,
                schema.input(InputKind::Position).map(|i| i.record),
            ),
        ];
        records
            .into_iter()
            .find_map(|(record, ty)| self.why.show.origin(record, ty?, target))
    }
}
