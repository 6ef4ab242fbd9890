//! `eval --format csv`: one row per pair, with a header; lists joined with `;`.

use super::{Keys, PairWriter, text_field};
use crate::check::CheckedRules;
use crate::data::Record;
use crate::eval::{Outcome, RuleList};
use crate::symbols::Symbols;

pub struct EvalCsv {
    rule_ids: Vec<String>,
    part_names: Vec<String>,
    keys: Keys,
}

impl EvalCsv {
    pub fn new(rules: &CheckedRules) -> EvalCsv {
        let part_names = rules
            .pair_decision()
            .and_then(|(_, d)| d.score)
            .and_then(|s| rules.score(s))
            .map(|s| s.parts.iter().map(|p| p.name.clone()).collect())
            .unwrap_or_default();
        EvalCsv {
            rule_ids: rules.rules.iter().map(|r| r.id.clone()).collect(),
            part_names,
            keys: Keys::of(rules),
        }
    }

    fn rules(&self, out: &mut Vec<u8>, rules: RuleList<'_>) {
        let joined: Vec<&str> = rules
            .iter()
            .filter_map(|r| self.rule_ids.get(r as usize).map(String::as_str))
            .collect();
        field(out, &joined.join(";"));
    }
}

/// Appends a CSV field, quoted when it must be.
pub fn field(out: &mut Vec<u8>, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(text.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

impl PairWriter for EvalCsv {
    fn header(&self) -> Vec<u8> {
        let mut out = b"nip,position,decision,failed,unknown,training,eligible_from,score".to_vec();
        for name in &self.part_names {
            out.push(b',');
            field(&mut out, name);
        }
        out.push(b'\n');
        out
    }

    fn line(
        &self,
        out: &mut Vec<u8>,
        employee: &Record,
        position: &Record,
        outcome: &Outcome,
        symbols: &Symbols,
    ) {
        field(
            out,
            text_field(employee, Some(self.keys.employee_key), symbols),
        );
        out.push(b',');
        field(
            out,
            text_field(position, Some(self.keys.position_key), symbols),
        );
        out.push(b',');
        out.extend_from_slice(outcome.decision.code().as_bytes());
        out.push(b',');
        self.rules(out, outcome.failed());
        out.push(b',');
        self.rules(out, outcome.unknown());
        out.push(b',');
        let training: Vec<&str> = outcome
            .training
            .iter()
            .map(|s| symbols.resolve(*s))
            .collect();
        field(out, &training.join(";"));
        out.push(b',');
        if let Some(date) = outcome.eligible_from {
            date.write_iso(out);
        }
        out.push(b',');
        super::json::integer(out, outcome.score);
        for points in &outcome.parts {
            out.push(b',');
            super::json::integer(out, *points);
        }
        out.push(b'\n');
    }
}
