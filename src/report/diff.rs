//! `diff`: what a change of policy does to the population, as a table, JSON or Markdown (to
//! paste into a change request).

use super::{Keys, Names, json};
use crate::data::Record;
use crate::eval::Decision;
use crate::eval::diff::{Changed, Diff};
use crate::lang::{Lang, pick};
use crate::symbols::Symbols;

/// Everything the formats need.
pub struct DiffReport<'a> {
    pub diff: &'a Diff,
    /// (position, removed, added) per open position whose shortlist changed.
    pub shortlists: &'a [(usize, Vec<usize>, Vec<usize>)],
    pub employees: &'a [Record],
    pub positions: &'a [Record],
    pub symbols: &'a Symbols,
    pub keys: Keys,
    pub lang: Lang,
    /// What the two versions are called (paths or revisions).
    pub before: &'a str,
    pub after: &'a str,
    /// How many changed pairs the table and Markdown list.
    pub listed: usize,
}

impl<'a> DiffReport<'a> {
    fn staff(&self) -> Names<'a> {
        Names::employees(self.employees, &self.keys, self.symbols)
    }

    fn posts(&self) -> Names<'a> {
        Names::positions(self.positions, &self.keys, self.symbols)
    }

    fn label(&self, decision: Decision) -> &'static str {
        decision.label(self.lang)
    }

    /// The rules that changed a pair's outcome, in words.
    fn because(&self, changed: &Changed) -> String {
        let mut parts = Vec::new();
        if !changed.newly_failing.is_empty() {
            parts.push(format!(
                "{} {}",
                pick(self.lang, "kini gagal:", "now fails:"),
                changed.newly_failing.join(", ")
            ));
        }
        if !changed.newly_passing.is_empty() {
            parts.push(format!(
                "{} {}",
                pick(self.lang, "kini lolos:", "now passes:"),
                changed.newly_passing.join(", ")
            ));
        }
        if changed.training_before != changed.training_after {
            parts.push(format!(
                "{} [{}] → [{}]",
                pick(self.lang, "pelatihan", "training"),
                changed.training_before.join(", "),
                changed.training_after.join(", ")
            ));
        }
        if changed.before.eligible_from != changed.after.eligible_from {
            let show = |d: Option<crate::date::Date>| {
                d.map_or_else(|| String::from("-"), |d| d.to_string())
            };
            parts.push(format!(
                "{} {} → {}",
                pick(self.lang, "memenuhi syarat mulai", "eligible from"),
                show(changed.before.eligible_from),
                show(changed.after.eligible_from)
            ));
            // The date moved without a requirement changing sides: name the ones still failing,
            // the date is theirs.
            if changed.newly_failing.is_empty() && !changed.still_failing.is_empty() {
                parts.push(format!(
                    "{} {}",
                    pick(self.lang, "masih gagal:", "still fails:"),
                    changed.still_failing.join(", ")
                ));
            }
        }
        if parts.is_empty() {
            parts.push(
                pick(
                    self.lang,
                    "syarat yang tidak diketahui berubah",
                    "unknown requirements changed",
                )
                .to_string(),
            );
        }
        parts.join("; ")
    }

    fn mean_shift(&self) -> f64 {
        if self.diff.score_changed == 0 {
            0.0
        } else {
            self.diff.score_shift_total as f64 / self.diff.score_changed as f64
        }
    }

    pub fn table(&self) -> String {
        self.text(false)
    }

    pub fn markdown(&self) -> String {
        self.text(true)
    }

    /// The readable forms; Markdown uses headings and tables.
    fn text(&self, markdown: bool) -> String {
        let lang = self.lang;
        let diff = self.diff;
        let mut out = String::new();
        let heading = |out: &mut String, text: &str| {
            if markdown {
                out.push_str(&format!("\n### {text}\n\n"));
            } else {
                out.push_str(&format!("\n{text}\n"));
            }
        };
        if markdown {
            out.push_str(&format!(
                "## {}: `{}` → `{}`\n\n",
                pick(
                    lang,
                    "Dampak perubahan kebijakan",
                    "Impact of the policy change"
                ),
                self.before,
                self.after
            ));
        } else {
            out.push_str(&format!(
                "{}: {} → {}\n",
                pick(
                    lang,
                    "Dampak perubahan kebijakan",
                    "Impact of the policy change"
                ),
                self.before,
                self.after
            ));
        }
        out.push_str(&match lang {
            Lang::Id => format!(
                "{} pasangan dinilai; {} berubah (keputusan, syarat, pelatihan atau tanggal); skor berubah pada {} pasangan\n\
                 {} pegawai berubah keputusannya pada sedikitnya satu formasi\n",
                diff.pairs, diff.changed_count, diff.score_changed, diff.employees_affected
            ),
            Lang::En => format!(
                "{} pairs decided; {} changed (decision, requirements, training or date); score changed for {} pairs\n\
                 {} employees have a different decision for at least one position\n",
                diff.pairs, diff.changed_count, diff.score_changed, diff.employees_affected
            ),
        });
        heading(
            &mut out,
            pick(
                lang,
                "Perpindahan keputusan (baris: sebelum, kolom: sesudah)",
                "Decision transitions (rows: before, columns: after)",
            ),
        );
        let codes: Vec<&str> = Decision::ALL.iter().map(|d| d.code()).collect();
        if markdown {
            out.push_str(&format!(
                "| | {} |\n|---|{}\n",
                codes.join(" | "),
                "---:|".repeat(codes.len())
            ));
        } else {
            out.push_str(&format!("  {:<25}", ""));
            for code in &codes {
                out.push_str(&format!("{code:>25}"));
            }
            out.push('\n');
        }
        for (row, from) in diff.transitions.iter().zip(Decision::ALL) {
            if markdown {
                let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
                out.push_str(&format!("| {} | {} |\n", from.code(), cells.join(" | ")));
            } else {
                out.push_str(&format!("  {:<25}", from.code()));
                for cell in row {
                    out.push_str(&format!("{cell:>25}"));
                }
                out.push('\n');
            }
        }
        heading(&mut out, pick(lang, "Per syarat", "Per requirement"));
        let moving: Vec<&(String, usize, usize)> = diff
            .rules
            .iter()
            .filter(|(_, f, p)| *f > 0 || *p > 0)
            .collect();
        if moving.is_empty() {
            out.push_str(pick(
                lang,
                "  (tidak ada syarat yang berubah hasilnya)\n",
                "  (no requirement changes any outcome)\n",
            ));
        } else if markdown {
            out.push_str(&format!(
                "| {} | {} | {} |\n|---|---:|---:|\n",
                pick(lang, "syarat", "requirement"),
                pick(lang, "kini gagal", "newly failing"),
                pick(lang, "kini lolos", "newly passing")
            ));
            for (id, fails, passes) in moving {
                out.push_str(&format!("| `{id}` | {fails} | {passes} |\n"));
            }
        } else {
            for (id, fails, passes) in moving {
                out.push_str(&match lang {
                    Lang::Id => {
                        format!("  {id:<25} {fails:>7} kini gagal {passes:>7} kini lolos\n")
                    }
                    Lang::En => {
                        format!("  {id:<25} {fails:>7} newly failing {passes:>7} newly passing\n")
                    }
                });
            }
        }
        heading(&mut out, pick(lang, "Skor", "Scores"));
        out.push_str(&match lang {
            Lang::Id if diff.score_changed == 0 => String::from("  tidak ada skor yang berubah\n"),
            Lang::En if diff.score_changed == 0 => String::from("  no score changed\n"),
            Lang::Id => format!(
                "  {} pasangan berubah; rata-rata {:+.1}, terkecil {:+}, terbesar {:+}\n",
                diff.score_changed,
                self.mean_shift(),
                diff.score_shift_min,
                diff.score_shift_max
            ),
            Lang::En => format!(
                "  {} pairs changed; mean {:+.1}, smallest {:+}, largest {:+}\n",
                diff.score_changed,
                self.mean_shift(),
                diff.score_shift_min,
                diff.score_shift_max
            ),
        });
        heading(
            &mut out,
            pick(
                lang,
                "Daftar calon formasi terbuka",
                "Shortlists of open positions",
            ),
        );
        if self.shortlists.is_empty() {
            out.push_str(pick(
                lang,
                "  tidak ada daftar calon yang berubah\n",
                "  no shortlist changed\n",
            ));
        }
        for (position, removed, added) in self.shortlists {
            let names = |list: &[usize]| {
                list.iter()
                    .map(|e| self.staff().key(*e))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let bullet = if markdown { "- " } else { "  " };
            out.push_str(&format!("{bullet}{}", self.posts().key(*position)));
            if !removed.is_empty() {
                out.push_str(&format!(
                    "; {} {}",
                    pick(lang, "keluar:", "out:"),
                    names(removed)
                ));
            }
            if !added.is_empty() {
                out.push_str(&format!(
                    "; {} {}",
                    pick(lang, "masuk:", "in:"),
                    names(added)
                ));
            }
            out.push('\n');
        }
        heading(
            &mut out,
            pick(lang, "Pasangan yang berubah", "Pairs that changed"),
        );
        if diff.changed.is_empty() {
            out.push_str(pick(lang, "  (tidak ada)\n", "  (none)\n"));
        }
        if markdown && !diff.changed.is_empty() {
            out.push_str(&format!(
                "| NIP | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
                pick(lang, "formasi", "position"),
                pick(lang, "sebelum", "before"),
                pick(lang, "sesudah", "after"),
                pick(lang, "karena", "because")
            ));
        }
        for changed in diff.changed.iter().take(self.listed) {
            let (nip, position) = (
                self.staff().key(changed.employee),
                self.posts().key(changed.position),
            );
            if markdown {
                out.push_str(&format!(
                    "| {nip} | {position} | {} | {} | {} |\n",
                    self.label(changed.before.decision),
                    self.label(changed.after.decision),
                    self.because(changed)
                ));
            } else {
                out.push_str(&format!(
                    "  {nip} {} -> {position}: {} → {}; {}\n",
                    self.staff().name(changed.employee),
                    self.label(changed.before.decision),
                    self.label(changed.after.decision),
                    self.because(changed)
                ));
            }
        }
        if diff.changed_count > self.listed.min(diff.changed.len()) {
            let rest = diff.changed_count - self.listed.min(diff.changed.len());
            out.push_str(&match lang {
                Lang::Id => format!("  … dan {rest} pasangan lain (`--format json` atau `--list N` untuk semuanya)\n"),
                Lang::En => format!("  … and {rest} more pairs (`--format json` or `--list N` for all)\n"),
            });
        }
        out
    }

    pub fn json(&self) -> Vec<u8> {
        let diff = self.diff;
        let mut out = b"{\"pairs\":".to_vec();
        json::integer(&mut out, count(diff.pairs));
        out.extend_from_slice(b",\"changed\":");
        json::integer(&mut out, count(diff.changed_count));
        out.extend_from_slice(b",\"employees_affected\":");
        json::integer(&mut out, count(diff.employees_affected));
        out.extend_from_slice(b",\"transitions\":{");
        let mut first = true;
        for (row, from) in diff.transitions.iter().zip(Decision::ALL) {
            for (cell, to) in row.iter().zip(Decision::ALL) {
                if *cell == 0 {
                    continue;
                }
                if !first {
                    out.push(b',');
                }
                first = false;
                json::string(&mut out, &format!("{}->{}", from.code(), to.code()));
                out.push(b':');
                json::integer(&mut out, count(*cell));
            }
        }
        out.extend_from_slice(b"},\"rules\":[");
        let moving: Vec<&(String, usize, usize)> = diff
            .rules
            .iter()
            .filter(|(_, f, p)| *f > 0 || *p > 0)
            .collect();
        for (i, (id, fails, passes)) in moving.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"rule\":");
            json::string(&mut out, id);
            out.extend_from_slice(b",\"newly_failing\":");
            json::integer(&mut out, count(*fails));
            out.extend_from_slice(b",\"newly_passing\":");
            json::integer(&mut out, count(*passes));
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"scores\":{\"changed\":");
        json::integer(&mut out, count(diff.score_changed));
        out.extend_from_slice(b",\"total_shift\":");
        json::integer(&mut out, diff.score_shift_total);
        out.extend_from_slice(b",\"min_shift\":");
        json::integer(&mut out, diff.score_shift_min);
        out.extend_from_slice(b",\"max_shift\":");
        json::integer(&mut out, diff.score_shift_max);
        out.extend_from_slice(b"},\"shortlists\":[");
        for (i, (position, removed, added)) in self.shortlists.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"position\":");
            json::string(&mut out, self.posts().key(*position));
            for (key, list) in [("removed", removed), ("added", added)] {
                out.extend_from_slice(format!(",\"{key}\":[").as_bytes());
                for (j, e) in list.iter().enumerate() {
                    if j > 0 {
                        out.push(b',');
                    }
                    json::string(&mut out, self.staff().key(*e));
                }
                out.push(b']');
            }
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"pairs_changed\":[");
        for (i, changed) in diff.changed.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"nip\":");
            json::string(&mut out, self.staff().key(changed.employee));
            out.extend_from_slice(b",\"position\":");
            json::string(&mut out, self.posts().key(changed.position));
            out.extend_from_slice(b",\"before\":\"");
            out.extend_from_slice(changed.before.decision.code().as_bytes());
            out.extend_from_slice(b"\",\"after\":\"");
            out.extend_from_slice(changed.after.decision.code().as_bytes());
            out.extend_from_slice(b"\",\"newly_failing\":[");
            names(&mut out, &changed.newly_failing);
            out.extend_from_slice(b"],\"newly_passing\":[");
            names(&mut out, &changed.newly_passing);
            out.extend_from_slice(b"],\"still_failing\":[");
            names(&mut out, &changed.still_failing);
            out.push(b']');
            for (key, outcome, training) in [
                ("before", &changed.before, &changed.training_before),
                ("after", &changed.after, &changed.training_after),
            ] {
                out.extend_from_slice(format!(",\"training_{key}\":[").as_bytes());
                names(&mut out, training);
                out.extend_from_slice(format!("],\"eligible_from_{key}\":").as_bytes());
                match outcome.eligible_from {
                    Some(date) => json::string(&mut out, &date.to_string()),
                    None => out.extend_from_slice(b"null"),
                }
            }
            out.push(b'}');
        }
        out.extend_from_slice(b"]}\n");
        out
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn names(out: &mut Vec<u8>, list: &[String]) {
    for (i, name) in list.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json::string(out, name);
    }
}
