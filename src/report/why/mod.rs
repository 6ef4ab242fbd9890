//! `mutasi why`: an explanation an HR officer can read and cite.
//!
//! For each rule: its outcome, title, legal basis and place in the rules, then the facts that
//! decided it: each comparison with the values compared, and each value read from the records
//! with the file and line it came from. Only the facts that decided the outcome are shown: for
//! a failed `and`, the failed side; for a passed `or`, the side that passed.

mod facts;

use facts::Facts;

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

/// The parts of an explanation worth showing beside a failing policy test case: the
/// requirements that fail or are unknown, plus what the case's expectations name. `None` where a
/// focus is taken shows everything.
#[derive(Debug, Clone, Default)]
pub struct Focus {
    /// Requirement ids shown although they hold or do not apply.
    pub rules: Vec<String>,
    /// Show the training owed.
    pub training: bool,
    /// Score parts shown, by name.
    pub parts: Vec<String>,
    /// Show every score part.
    pub all_parts: bool,
}

impl Focus {
    fn shows_requirement(&self, id: &str, status: Status) -> bool {
        matches!(status, Status::Fails | Status::Unknown) || self.rules.iter().any(|r| r == id)
    }

    fn shows_part(&self, name: &str) -> bool {
        self.all_parts || self.parts.iter().any(|p| p == name)
    }
}

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
        self.pair_focused(explanation, None)
    }

    /// The explanation of one pair, only the parts `focus` names (all with `None`).
    pub fn pair_focused(&self, explanation: &PairExplanation<'_>, focus: Option<&Focus>) -> String {
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
        self.requirements(&mut out, explanation, focus);
        if focus.is_none_or(|f| f.training) {
            self.training(&mut out, explanation);
        }
        if focus.is_none_or(|f| f.all_parts || !f.parts.is_empty()) {
            self.score(&mut out, explanation, focus);
        }
        out
    }

    fn decision_line(&self, outcome: &Outcome, eligible: &EligibleReason) -> String {
        let mut line = outcome.decision.label(self.lang()).to_string();
        match eligible {
            EligibleReason::From { date, rules } => {
                let ids = self.rule_ids(rules.iter().copied());
                let verb = if rules.len() == 1 { "is" } else { "are" };
                line.push_str(&match self.lang() {
                    Lang::Id => format!("; memenuhi syarat mulai {date} (saat {ids} terpenuhi)"),
                    Lang::En => format!("; eligible from {date} (when {ids} {verb} met)"),
                });
            }
            EligibleReason::Never { rules } => {
                let ids = self.rule_ids(rules.iter().copied());
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
            let ids = self.rule_ids(outcome.unknown());
            line.push_str(&match self.lang() {
                Lang::Id => format!("; data kurang untuk {ids}"),
                Lang::En => format!("; data missing for {ids}"),
            });
        }
        line
    }

    fn rule_ids(&self, rules: impl IntoIterator<Item = u32>) -> String {
        rules
            .into_iter()
            .filter_map(|r| self.rules.rules.get(r as usize).map(|r| r.id.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn requirements(
        &self,
        out: &mut String,
        explanation: &PairExplanation<'_>,
        focus: Option<&Focus>,
    ) {
        let shown: Vec<_> = explanation
            .requirements
            .iter()
            .filter_map(|r| self.rules.rules.get(r.rule as usize).map(|rule| (r, rule)))
            .filter(|(r, rule)| focus.is_none_or(|f| f.shows_requirement(&rule.id, r.status)))
            .collect();
        let total = explanation.requirements.len();
        match (focus, self.lang()) {
            (None, _) => out.push_str(&format!(
                "{} ({total}):\n",
                self.word("Syarat", "Requirements")
            )),
            (Some(_), Lang::Id) => out.push_str(&format!(
                "Syarat ({} dari {total}: yang gagal, tidak diketahui, atau disebut harapan):\n",
                shown.len()
            )),
            (Some(_), Lang::En) => out.push_str(&format!(
                "Requirements ({} of {total}: failing, unknown or named by the expectations):\n",
                shown.len()
            )),
        }
        let width = shown
            .iter()
            .map(|(_, rule)| rule.id.chars().count())
            .max()
            .unwrap_or(0);
        for (requirement, rule) in shown {
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

    fn score(&self, out: &mut String, explanation: &PairExplanation<'_>, focus: Option<&Focus>) {
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
            if focus.is_some_and(|f| !f.shows_part(&part.name)) {
                continue;
            }
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
                            .then(a.failed().len().cmp(&b.failed().len()))
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
        if !outcome.failed().is_empty() {
            parts.push(format!(
                "{}: {}",
                self.word("tidak terpenuhi", "not met"),
                self.rule_ids(outcome.failed())
            ));
        }
        if !outcome.unknown().is_empty() {
            parts.push(format!(
                "{}: {}",
                self.word("data kurang", "data missing"),
                self.rule_ids(outcome.unknown())
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
