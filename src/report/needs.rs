//! `needs` (analisis kebutuhan): per unit and open position, how many candidates qualify, and
//! where none does, the rule that blocks most of them and whether training or time would help.

use super::eval_csv::field;
use super::{Keys, Names, json};
use crate::check::CheckedRules;
use crate::data::Record;
use crate::eval::Decision;
use crate::eval::shortlist::{PositionShortlist, Recommendation};
use crate::lang::{Lang, pick};
use crate::symbols::Symbols;

pub struct NeedsReport<'a> {
    pub rules: &'a CheckedRules,
    pub symbols: &'a Symbols,
    pub positions: &'a [Record],
    pub keys: Keys,
    pub lang: Lang,
}

/// The rule that blocks most candidates of a position: (rule id, candidates failing it,
/// candidates failing it alone).
fn main_blocker<'r>(
    rules: &'r CheckedRules,
    shortlist: &PositionShortlist,
) -> Option<(&'r str, usize, usize)> {
    let requirements = rules
        .pair_decision()
        .map(|(_, d)| d.requirements.clone())
        .unwrap_or_default();
    let (index, count) = shortlist
        .needs
        .failing
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .max_by(|(ia, a), (ib, b)| a.cmp(b).then(ib.cmp(ia)))?;
    let rule = requirements.get(index).and_then(|r| rules.rule(*r))?;
    let alone = shortlist
        .needs
        .only_failing
        .get(index)
        .copied()
        .unwrap_or(0);
    Some((rule.id.as_str(), *count, alone))
}

fn count(shortlist: &PositionShortlist, decision: Decision) -> usize {
    Decision::ALL
        .iter()
        .position(|d| *d == decision)
        .and_then(|i| shortlist.needs.by_decision.get(i))
        .copied()
        .unwrap_or(0)
}

impl<'a> NeedsReport<'a> {
    fn posts(&self) -> Names<'a> {
        Names::positions(self.positions, &self.keys, self.symbols)
    }

    fn unit<'s>(&'s self, shortlist: &PositionShortlist) -> &'s str {
        shortlist
            .group
            .map(|g| self.symbols.resolve(g))
            .unwrap_or("")
    }

    /// Positions grouped by unit (in the order units first appear), input order within each.
    fn grouped<'r>(
        &self,
        recommendation: &'r Recommendation,
    ) -> Vec<(String, Vec<&'r PositionShortlist>)> {
        let mut groups: Vec<(String, Vec<&PositionShortlist>)> = Vec::new();
        for shortlist in &recommendation.shortlists {
            let unit = self.unit(shortlist).to_string();
            match groups.iter_mut().find(|(u, _)| *u == unit) {
                Some((_, list)) => list.push(shortlist),
                None => groups.push((unit, vec![shortlist])),
            }
        }
        groups
    }

    pub fn table(&self, recommendation: &Recommendation, as_of: crate::date::Date) -> String {
        let lang = self.lang;
        let mut out = match lang {
            Lang::Id => format!("Analisis kebutuhan — tanggal evaluasi {as_of}\n"),
            Lang::En => format!("Needs analysis — evaluation date {as_of}\n"),
        };
        let open: i64 = recommendation.shortlists.iter().map(|s| s.open).sum();
        let without: Vec<&PositionShortlist> = recommendation
            .shortlists
            .iter()
            .filter(|s| {
                count(s, Decision::Eligible) + count(s, Decision::EligibleAfterTraining) == 0
            })
            .collect();
        out.push_str(&match lang {
            Lang::Id => format!(
                "{open} lowongan pada {} formasi; {} formasi tanpa calon yang memenuhi syarat\n\n",
                recommendation.shortlists.len(),
                without.len()
            ),
            Lang::En => format!(
                "{open} open slots in {} positions; {} positions without a qualifying candidate\n\n",
                recommendation.shortlists.len(),
                without.len()
            ),
        });
        let header = match lang {
            Lang::Id => "LOWONGAN  MEMENUHI  SETELAH PELATIHAN  DITINJAU  TIDAK",
            Lang::En => "OPEN      ELIGIBLE  AFTER TRAINING     REVIEW    NOT",
        };
        out.push_str(&format!(
            "{:<48}{header}\n",
            pick(lang, "UNIT / FORMASI", "UNIT / POSITION")
        ));
        for (unit, shortlists) in self.grouped(recommendation) {
            let unit = if unit.is_empty() {
                pick(lang, "(tanpa unit)", "(no unit)").to_string()
            } else {
                unit
            };
            out.push_str(&format!("{unit}\n"));
            for shortlist in shortlists {
                let label = format!(
                    "  {} {}",
                    self.posts().key(shortlist.position),
                    self.posts().name(shortlist.position)
                );
                let label: String = if label.chars().count() > 46 {
                    label.chars().take(45).chain(std::iter::once('…')).collect()
                } else {
                    label
                };
                out.push_str(&format!(
                    "{label:<48}{:>8}  {:>8}  {:>17}  {:>8}  {:>5}\n",
                    shortlist.open,
                    count(shortlist, Decision::Eligible),
                    count(shortlist, Decision::EligibleAfterTraining),
                    count(shortlist, Decision::NeedsReview),
                    count(shortlist, Decision::NotEligible),
                ));
            }
        }
        if !without.is_empty() {
            out.push('\n');
            out.push_str(pick(
                lang,
                "Formasi tanpa calon yang memenuhi syarat, dan apa yang paling membantu:\n",
                "Positions without a qualifying candidate, and what would help most:\n",
            ));
            for shortlist in without {
                out.push_str(&format!(
                    "  {} {}\n",
                    self.posts().key(shortlist.position),
                    self.posts().name(shortlist.position)
                ));
                out.push_str(&format!("      {}\n", self.help_line(shortlist)));
            }
        }
        out
    }

    /// "masa_jabatan menghambat 80 calon (12 hanya terhambat ini); 5 memenuhi syarat dalam 3
    /// tahun, paling cepat 2027-03-01"
    fn help_line(&self, shortlist: &PositionShortlist) -> String {
        let lang = self.lang;
        let mut parts = Vec::new();
        match main_blocker(self.rules, shortlist) {
            Some((rule, failing, alone)) => parts.push(match lang {
                Lang::Id => format!(
                    "{rule} menghambat {failing} calon ({alone} hanya terhambat syarat ini)"
                ),
                Lang::En => {
                    format!("{rule} blocks {failing} candidates ({alone} blocked by it alone)")
                }
            }),
            None => parts.push(
                pick(lang, "tidak ada syarat yang gagal", "no requirement fails").to_string(),
            ),
        }
        let review = count(shortlist, Decision::NeedsReview);
        if review > 0 {
            parts.push(match lang {
                Lang::Id => format!("{review} perlu ditinjau karena data kurang"),
                Lang::En => format!("{review} need review for missing data"),
            });
        }
        if shortlist.needs.later > 0 {
            let earliest = shortlist
                .needs
                .earliest
                .map(|d| d.to_string())
                .unwrap_or_default();
            parts.push(match lang {
                Lang::Id => format!(
                    "{} akan memenuhi syarat seiring waktu, paling cepat {earliest}",
                    shortlist.needs.later
                ),
                Lang::En => format!(
                    "{} will qualify with time, the first on {earliest}",
                    shortlist.needs.later
                ),
            });
        }
        parts.join("; ")
    }

    pub fn json(&self, recommendation: &Recommendation) -> Vec<u8> {
        let requirements = self
            .rules
            .pair_decision()
            .map(|(_, d)| d.requirements.clone())
            .unwrap_or_default();
        let mut out = b"[".to_vec();
        for (index, shortlist) in recommendation.shortlists.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"position\":");
            json::string(&mut out, self.posts().key(shortlist.position));
            out.extend_from_slice(b",\"unit\":");
            json::string(&mut out, self.unit(shortlist));
            out.extend_from_slice(b",\"open\":");
            json::integer(&mut out, shortlist.open);
            for decision in Decision::ALL {
                out.extend_from_slice(format!(",\"{}\":", decision.code()).as_bytes());
                json::integer(
                    &mut out,
                    i64::try_from(count(shortlist, decision)).unwrap_or(i64::MAX),
                );
            }
            out.extend_from_slice(b",\"blocking\":[");
            let mut first = true;
            for (i, failing) in shortlist.needs.failing.iter().enumerate() {
                let Some(rule) = requirements.get(i).and_then(|r| self.rules.rule(*r)) else {
                    continue;
                };
                if *failing == 0 {
                    continue;
                }
                if !first {
                    out.push(b',');
                }
                first = false;
                out.extend_from_slice(b"{\"rule\":");
                json::string(&mut out, &rule.id);
                out.extend_from_slice(b",\"candidates\":");
                json::integer(&mut out, i64::try_from(*failing).unwrap_or(i64::MAX));
                out.extend_from_slice(b",\"only_blocker\":");
                json::integer(
                    &mut out,
                    i64::try_from(shortlist.needs.only_failing.get(i).copied().unwrap_or(0))
                        .unwrap_or(i64::MAX),
                );
                out.push(b'}');
            }
            out.extend_from_slice(b"],\"qualify_later\":");
            json::integer(
                &mut out,
                i64::try_from(shortlist.needs.later).unwrap_or(i64::MAX),
            );
            out.extend_from_slice(b",\"earliest\":");
            match shortlist.needs.earliest {
                Some(date) => {
                    out.push(b'"');
                    date.write_iso(&mut out);
                    out.push(b'"');
                }
                None => out.extend_from_slice(b"null"),
            }
            out.push(b'}');
        }
        out.extend_from_slice(b"]\n");
        out
    }

    pub fn csv(&self, recommendation: &Recommendation) -> Vec<u8> {
        let mut out = b"unit,position,name,open,eligible,eligible_after_training,needs_review,not_eligible,main_blocker,blocked,blocked_alone,qualify_later,earliest\n".to_vec();
        for shortlist in &recommendation.shortlists {
            let blocker = main_blocker(self.rules, shortlist);
            let row = [
                self.unit(shortlist).to_string(),
                self.posts().key(shortlist.position).to_string(),
                self.posts().name(shortlist.position).to_string(),
                shortlist.open.to_string(),
                count(shortlist, Decision::Eligible).to_string(),
                count(shortlist, Decision::EligibleAfterTraining).to_string(),
                count(shortlist, Decision::NeedsReview).to_string(),
                count(shortlist, Decision::NotEligible).to_string(),
                blocker.map(|b| b.0.to_string()).unwrap_or_default(),
                blocker.map(|b| b.1.to_string()).unwrap_or_default(),
                blocker.map(|b| b.2.to_string()).unwrap_or_default(),
                shortlist.needs.later.to_string(),
                shortlist
                    .needs
                    .earliest
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ];
            for (i, value) in row.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                field(&mut out, value);
            }
            out.push(b'\n');
        }
        out
    }
}
