//! `eval` (default format): an aligned table for reading, in the user's language.

use super::{Keys, PairWriter, text_field};
use crate::check::CheckedRules;
use crate::data::Record;
use crate::eval::{Decision, Outcome, RuleList};
use crate::lang::{Lang, pick};
use crate::symbols::Symbols;

pub struct EvalTable {
    rule_ids: Vec<String>,
    keys: Keys,
    lang: Lang,
    /// Column widths: NIP, name, position, decision.
    widths: [usize; 4],
}

const NAME_WIDTH: usize = 24;

impl EvalTable {
    pub fn new(
        rules: &CheckedRules,
        employees: &[Record],
        positions: &[Record],
        symbols: &Symbols,
        lang: Lang,
    ) -> EvalTable {
        let keys = Keys::of(rules);
        let widest = |records: &[Record], field: Option<usize>| {
            records
                .iter()
                .map(|r| text_field(r, field, symbols).chars().count())
                .max()
                .unwrap_or(0)
        };
        let decision_width = [
            Decision::Eligible,
            Decision::EligibleAfterTraining,
            Decision::NeedsReview,
            Decision::NotEligible,
        ]
        .iter()
        .map(|d| d.label(lang).chars().count())
        .max()
        .unwrap_or(0);
        let widths = [
            widest(employees, Some(keys.employee_key)).max(3),
            widest(employees, keys.employee_name).clamp(4, NAME_WIDTH),
            widest(positions, Some(keys.position_key)).max(7),
            decision_width,
        ];
        EvalTable {
            rule_ids: rules.rules.iter().map(|r| r.id.clone()).collect(),
            keys,
            lang,
            widths,
        }
    }

    fn note(&self, outcome: &Outcome, symbols: &Symbols) -> String {
        let ids = |rules: RuleList<'_>| -> String {
            rules
                .iter()
                .filter_map(|r| self.rule_ids.get(r as usize).map(String::as_str))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut parts = Vec::new();
        if !outcome.failed().is_empty() {
            parts.push(ids(outcome.failed()));
        }
        if !outcome.unknown().is_empty() {
            parts.push(format!(
                "{}: {}",
                pick(self.lang, "tidak diketahui", "unknown"),
                ids(outcome.unknown())
            ));
        }
        if !outcome.training.is_empty() {
            let codes: Vec<&str> = outcome
                .training
                .iter()
                .map(|s| symbols.resolve(*s))
                .collect();
            parts.push(format!(
                "{}: {}",
                pick(self.lang, "pelatihan", "training"),
                codes.join(", ")
            ));
        }
        if let Some(date) = outcome.eligible_from {
            parts.push(format!(
                "{} {date}",
                pick(self.lang, "memenuhi syarat mulai", "eligible from")
            ));
        }
        parts.join("; ")
    }
}

/// `text` cut to `width` characters (with an ellipsis) and padded.
fn cell(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count > width {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        format!("{text}{}", " ".repeat(width - count))
    }
}

impl PairWriter for EvalTable {
    fn header(&self) -> Vec<u8> {
        let [nip, name, position, decision] = self.widths;
        let line = format!(
            "{}  {}  {}  {}  {:>4}  {}\n",
            cell("NIP", nip),
            cell(pick(self.lang, "NAMA", "NAME"), name),
            cell(pick(self.lang, "FORMASI", "POSITION"), position),
            cell(pick(self.lang, "KEPUTUSAN", "DECISION"), decision),
            pick(self.lang, "SKOR", "SCORE"),
            pick(self.lang, "KETERANGAN", "NOTES"),
        );
        line.into_bytes()
    }

    fn line(
        &self,
        out: &mut Vec<u8>,
        employee: &Record,
        position: &Record,
        outcome: &Outcome,
        symbols: &Symbols,
    ) {
        let [nip, name, position_width, decision] = self.widths;
        let line = format!(
            "{}  {}  {}  {}  {:>4}  {}",
            cell(
                text_field(employee, Some(self.keys.employee_key), symbols),
                nip
            ),
            cell(text_field(employee, self.keys.employee_name, symbols), name),
            cell(
                text_field(position, Some(self.keys.position_key), symbols),
                position_width
            ),
            cell(outcome.decision.label(self.lang), decision),
            outcome.score,
            self.note(outcome, symbols),
        );
        out.extend_from_slice(line.trim_end().as_bytes());
        out.push(b'\n');
    }
}
