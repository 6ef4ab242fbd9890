//! `eval --format jsonl`: one JSON object a line per (employee, position), as POLICY.md
//! section 8 fixes it.

use super::{Keys, PairWriter, json, text_field};
use crate::data::Record;
use crate::eval::{Outcome, RuleList};
use crate::symbols::Symbols;

/// The names written on every line, escaped once.
pub struct EvalJsonLines {
    rule_ids: Vec<Vec<u8>>,
    part_names: Vec<Vec<u8>>,
    keys: Keys,
}

impl EvalJsonLines {
    pub fn new(rules: &crate::check::CheckedRules) -> EvalJsonLines {
        let rule_ids = rules.rules.iter().map(|r| json::quoted(&r.id)).collect();
        let part_names = rules
            .pair_decision()
            .and_then(|(_, d)| d.score)
            .and_then(|s| rules.score(s))
            .map(|s| s.parts.iter().map(|p| json::quoted(&p.name)).collect())
            .unwrap_or_default();
        EvalJsonLines {
            rule_ids,
            part_names,
            keys: Keys::of(rules),
        }
    }

    fn rule_list(&self, out: &mut Vec<u8>, rules: RuleList<'_>) {
        for (index, rule) in rules.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            if let Some(id) = self.rule_ids.get(rule as usize) {
                out.extend_from_slice(id);
            }
        }
    }
}

impl PairWriter for EvalJsonLines {
    fn line(
        &self,
        out: &mut Vec<u8>,
        employee: &Record,
        position: &Record,
        outcome: &Outcome,
        symbols: &Symbols,
    ) {
        out.reserve(256);
        out.extend_from_slice(b"{\"nip\":");
        json::string(
            out,
            text_field(employee, Some(self.keys.employee_key), symbols),
        );
        out.extend_from_slice(b",\"position\":");
        json::string(
            out,
            text_field(position, Some(self.keys.position_key), symbols),
        );
        out.extend_from_slice(b",\"decision\":\"");
        out.extend_from_slice(outcome.decision.code().as_bytes());
        out.extend_from_slice(b"\",\"failed\":[");
        self.rule_list(out, outcome.failed());
        out.extend_from_slice(b"],\"unknown\":[");
        self.rule_list(out, outcome.unknown());
        out.extend_from_slice(b"],\"training\":[");
        for (index, code) in outcome.training.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            json::string(out, symbols.resolve(*code));
        }
        out.extend_from_slice(b"],\"eligible_from\":");
        match outcome.eligible_from {
            Some(date) => {
                out.push(b'"');
                date.write_iso(out);
                out.push(b'"');
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"score\":");
        json::integer(out, outcome.score);
        out.extend_from_slice(b",\"score_parts\":{");
        for (index, (name, points)) in self.part_names.iter().zip(&outcome.parts).enumerate() {
            if index > 0 {
                out.push(b',');
            }
            out.extend_from_slice(name);
            out.push(b':');
            json::integer(out, *points);
        }
        out.extend_from_slice(b"}}\n");
    }
}
