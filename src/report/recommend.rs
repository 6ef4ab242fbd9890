//! `recommend`: shortlists per open position (table, the JSON of POLICY.md section 8, CSV),
//! and the employees due for rotation.

use super::eval_csv::field;
use super::{Keys, Names, json, text_field};
use crate::check::CheckedRules;
use crate::data::Record;
use crate::eval::Outcome;
use crate::eval::shortlist::{Candidate, Recommendation};
use crate::lang::{Lang, pick};
use crate::symbols::Symbols;

/// What every format needs.
pub struct Recommend<'a> {
    pub rules: &'a CheckedRules,
    pub symbols: &'a Symbols,
    pub employees: &'a [Record],
    pub positions: &'a [Record],
    pub keys: Keys,
    pub lang: Lang,
}

impl<'a> Recommend<'a> {
    fn staff(&self) -> Names<'a> {
        Names::employees(self.employees, &self.keys, self.symbols)
    }

    fn posts(&self) -> Names<'a> {
        Names::positions(self.positions, &self.keys, self.symbols)
    }

    fn training(&self, outcome: &Outcome) -> Vec<&str> {
        outcome
            .training
            .iter()
            .map(|s| self.symbols.resolve(*s))
            .collect()
    }

    /// The score's parts with their maxima: `pendidikan 15/30, kompetensi 30/30, ...`.
    fn breakdown(&self, outcome: &Outcome) -> String {
        let parts = self
            .rules
            .pair_decision()
            .and_then(|(_, d)| d.score)
            .and_then(|s| self.rules.score(s))
            .map(|s| s.parts.as_slice())
            .unwrap_or_default();
        parts
            .iter()
            .zip(&outcome.parts)
            .map(|(part, points)| format!("{} {points}/{}", part.name, part.max))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// One line saying why the candidate is on the list and where they rank.
    pub fn reason(&self, outcome: &Outcome) -> String {
        let training = self.training(outcome);
        let decision = outcome.decision.label(self.lang);
        let head = if training.is_empty() {
            decision.to_string()
        } else {
            format!("{decision} ({})", training.join(", "))
        };
        let score = pick(self.lang, "skor", "score");
        format!(
            "{head}; {score} {} — {}",
            outcome.score,
            self.breakdown(outcome)
        )
    }

    /// The section 8 JSON: `[{"position", "open", "candidates": [{"nip", "decision", "score", "training"}]}]`.
    pub fn json(&self, recommendation: &Recommendation) -> Vec<u8> {
        let mut out = Vec::new();
        out.push(b'[');
        for (index, shortlist) in recommendation.shortlists.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"position\":");
            json::string(&mut out, self.posts().key(shortlist.position));
            out.extend_from_slice(b",\"open\":");
            json::integer(&mut out, shortlist.open);
            out.extend_from_slice(b",\"candidates\":[");
            for (i, candidate) in shortlist.candidates.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                self.candidate_json(&mut out, candidate);
            }
            out.extend_from_slice(b"]}");
        }
        out.extend_from_slice(b"]\n");
        out
    }

    fn candidate_json(&self, out: &mut Vec<u8>, candidate: &Candidate) {
        out.extend_from_slice(b"{\"nip\":");
        json::string(out, self.staff().key(candidate.employee));
        out.extend_from_slice(b",\"decision\":\"");
        out.extend_from_slice(candidate.outcome.decision.code().as_bytes());
        out.extend_from_slice(b"\",\"score\":");
        json::integer(out, candidate.outcome.score);
        out.extend_from_slice(b",\"training\":[");
        for (i, code) in self.training(&candidate.outcome).iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json::string(out, code);
        }
        out.extend_from_slice(b"]}");
    }

    /// One row per candidate, with the breakdown and the reason.
    pub fn csv(&self, recommendation: &Recommendation) -> Vec<u8> {
        let mut out = b"position,open,rank,nip,name,decision,score,training,reason\n".to_vec();
        for shortlist in &recommendation.shortlists {
            for (rank, candidate) in shortlist.candidates.iter().enumerate() {
                let row = [
                    self.posts().key(shortlist.position).to_string(),
                    shortlist.open.to_string(),
                    (rank + 1).to_string(),
                    self.staff().key(candidate.employee).to_string(),
                    self.staff().name(candidate.employee).to_string(),
                    candidate.outcome.decision.code().to_string(),
                    candidate.outcome.score.to_string(),
                    self.training(&candidate.outcome).join(";"),
                    self.reason(&candidate.outcome),
                ];
                for (i, value) in row.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    field(&mut out, value);
                }
                out.push(b'\n');
            }
        }
        out
    }

    /// The readable report: each open position with its candidates, then who is due for
    /// rotation.
    pub fn table(&self, recommendation: &Recommendation, as_of: crate::date::Date) -> String {
        let lang = self.lang;
        let mut out = match lang {
            Lang::Id => format!("Rekomendasi mutasi — tanggal evaluasi {as_of}\n"),
            Lang::En => format!("Transfer recommendations — evaluation date {as_of}\n"),
        };
        let empty = recommendation
            .shortlists
            .iter()
            .filter(|s| s.candidates.is_empty())
            .count();
        out.push_str(&match lang {
            Lang::Id => format!(
                "{} formasi dengan lowongan; {empty} tanpa calon yang memenuhi syarat (lihat `mutasi needs`)\n",
                recommendation.shortlists.len()
            ),
            Lang::En => format!(
                "{} positions with open slots; {empty} without a qualifying candidate (see `mutasi needs`)\n",
                recommendation.shortlists.len()
            ),
        });
        let nip_width = self
            .employees
            .iter()
            .map(|e| {
                text_field(e, Some(self.keys.employee_key), self.symbols)
                    .chars()
                    .count()
            })
            .max()
            .unwrap_or(18);
        for shortlist in &recommendation.shortlists {
            out.push('\n');
            let id = self.posts().key(shortlist.position);
            let name = self.posts().name(shortlist.position);
            let unit = shortlist
                .group
                .map(|g| self.symbols.resolve(g))
                .unwrap_or("");
            let where_ = if unit.is_empty() {
                String::new()
            } else {
                format!(", {unit}")
            };
            out.push_str(&match lang {
                Lang::Id => format!(
                    "{id}  {name}{where_} — {} lowongan, {} calon\n",
                    shortlist.open,
                    shortlist.candidates.len()
                ),
                Lang::En => format!(
                    "{id}  {name}{where_} — {} open, {} candidates\n",
                    shortlist.open,
                    shortlist.candidates.len()
                ),
            });
            if shortlist.candidates.is_empty() {
                out.push_str(&format!(
                    "    {}\n",
                    pick(lang, "(tidak ada calon)", "(no candidate)")
                ));
            }
            for (rank, candidate) in shortlist.candidates.iter().enumerate() {
                let nip = self.staff().key(candidate.employee);
                let name = self.staff().name(candidate.employee);
                out.push_str(&format!("  {:>2}. {nip:<nip_width$}  {name}\n", rank + 1));
                out.push_str(&format!("      {}\n", self.reason(&candidate.outcome)));
            }
        }
        self.rotation(&mut out, recommendation);
        out
    }

    fn rotation(&self, out: &mut String, recommendation: &Recommendation) {
        if recommendation.rotation.is_empty() {
            return;
        }
        out.push('\n');
        out.push_str(&match self.lang {
            Lang::Id => format!(
                "Jatuh tempo rotasi ({} pegawai), dengan formasi terbuka yang memenuhi syarat:\n",
                recommendation.rotation.len()
            ),
            Lang::En => format!(
                "Due for rotation ({} employees), with the open positions they qualify for:\n",
                recommendation.rotation.len()
            ),
        });
        // Those with an option first, one a line; the others as a list of NIPs, which `why NIP`
        // explains one by one.
        let mut without = Vec::new();
        for due in &recommendation.rotation {
            if due.options.is_empty() {
                without.push(self.staff().key(due.employee));
                continue;
            }
            let options: Vec<&str> = due.options.iter().map(|p| self.posts().key(*p)).collect();
            out.push_str(&format!(
                "  {} {} — {}: {}\n",
                self.staff().key(due.employee),
                self.staff().name(due.employee),
                pick(self.lang, "pilihan", "options"),
                options.join(", ")
            ));
        }
        if without.is_empty() {
            return;
        }
        out.push_str(&match self.lang {
            Lang::Id => format!(
                "  Tanpa formasi terbuka yang memenuhi syarat ({}; `mutasi why NIP` menjelaskan):\n",
                without.len()
            ),
            Lang::En => format!(
                "  No open position qualifies ({}; `mutasi why NIP` explains):\n",
                without.len()
            ),
        });
        for line in without.chunks(5) {
            out.push_str(&format!("    {}\n", line.join(", ")));
        }
    }
}
