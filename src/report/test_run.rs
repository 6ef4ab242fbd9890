//! `mutasi test`: results of policy test cases (text, JUnit XML) and their coverage.

use crate::cases::coverage::{Coverage, Gap};
use crate::cases::{Case, CaseResult};
use crate::check::CheckedRules;
use crate::lang::{Lang, pick};
use crate::source::SourceSet;

/// Renders test results.
pub struct TestReport<'a> {
    pub rules: &'a CheckedRules,
    pub sources: &'a SourceSet,
    pub lang: Lang,
}

/// `N lulus, M gagal` / `N passed, M failed`.
pub fn summary(lang: Lang, passed: usize, failed: usize) -> String {
    match lang {
        Lang::Id => format!("{passed} lulus, {failed} gagal"),
        Lang::En => format!("{passed} passed, {failed} failed"),
    }
}

impl TestReport<'_> {
    /// One case's header line.
    pub fn case_line(&self, case: &Case, result: &CaseResult) -> String {
        if result.passed() {
            format!("  ✓ {}\n", case.name)
        } else {
            format!(
                "  ✗ {}  ({})\n",
                case.name,
                self.sources.location(case.span)
            )
        }
    }

    /// Expected and actual values side by side.
    pub fn mismatches(&self, result: &CaseResult) -> String {
        let (field, expected, actual) = (
            pick(self.lang, "bagian", "field"),
            pick(self.lang, "harapan", "expected"),
            pick(self.lang, "hasil", "actual"),
        );
        let rows: Vec<(&str, &str, &str)> = result
            .mismatches
            .iter()
            .map(|m| (m.field.as_str(), m.expected.as_str(), m.actual.as_str()))
            .collect();
        let w_field = rows
            .iter()
            .map(|r| r.0.chars().count())
            .chain([field.chars().count()])
            .max()
            .unwrap_or(0);
        let w_expected = rows
            .iter()
            .map(|r| r.1.chars().count())
            .chain([expected.chars().count()])
            .max()
            .unwrap_or(0);
        let mut out = format!("      {field:<w_field$}  {expected:<w_expected$}  {actual}\n");
        for (f, e, a) in rows {
            out.push_str(&format!("      {f:<w_field$}  {e:<w_expected$}  {a}\n"));
        }
        out
    }

    /// Results as JUnit XML, a test suite per case file.
    pub fn junit(&self, cases: &[Case], results: &[CaseResult]) -> String {
        let failures = results.iter().filter(|r| !r.passed()).count();
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"mutasi\" tests=\"{}\" failures=\"{failures}\">\n",
            cases.len()
        );
        for (file, indices) in crate::cases::coverage::by_file(cases) {
            let name = self.sources.get(file).map_or("", |f| f.name.as_str());
            let suite_failures = indices
                .iter()
                .filter(|i| results.get(**i).is_some_and(|r| !r.passed()))
                .count();
            out.push_str(&format!(
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{suite_failures}\">\n",
                xml(name),
                indices.len()
            ));
            for index in indices {
                let (Some(case), Some(result)) = (cases.get(index), results.get(index)) else {
                    continue;
                };
                out.push_str(&format!(
                    "    <testcase name=\"{}\" classname=\"{}\"",
                    xml(&case.name),
                    xml(name)
                ));
                if result.passed() {
                    out.push_str("/>\n");
                } else {
                    let message: Vec<String> = result
                        .mismatches
                        .iter()
                        .map(|m| match self.lang {
                            Lang::Id => {
                                format!("{}: harapan {}, hasil {}", m.field, m.expected, m.actual)
                            }
                            Lang::En => {
                                format!("{}: expected {}, got {}", m.field, m.expected, m.actual)
                            }
                        })
                        .collect();
                    out.push_str(&format!(
                        ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                        xml(&message.join("; ")),
                        xml(&format!(
                            "{}\n{}",
                            self.sources.location(case.span),
                            message.join("\n")
                        ))
                    ));
                }
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
        out
    }

    /// Which sides of the policy the cases exercise, and the gaps.
    pub fn coverage(&self, coverage: &Coverage) -> String {
        let lang = self.lang;
        let mut out = String::from(pick(
            lang,
            "\nCakupan kasus uji\n",
            "\nTest case coverage\n",
        ));
        let width = coverage
            .rules
            .iter()
            .filter_map(|(r, _)| {
                self.rules
                    .rules
                    .get(*r as usize)
                    .map(|r| r.id.chars().count())
            })
            .chain(coverage.parts.iter().map(|p| p.0.chars().count()))
            .chain(coverage.prerequisites.iter().map(|p| p.0.chars().count()))
            .chain(coverage.statuses.iter().map(|s| s.0.chars().count()))
            .max()
            .unwrap_or(0);
        out.push_str(&format!(
            "  {:<width$}  {:>6}  {:>6}  {:>10}  {:>14}\n",
            pick(lang, "syarat", "requirement"),
            pick(lang, "benar", "true"),
            pick(lang, "salah", "false"),
            pick(lang, "tak diket.", "unknown"),
            pick(lang, "tidak berlaku", "not applicable"),
        ));
        for (rule, sides) in &coverage.rules {
            let id = self
                .rules
                .rules
                .get(*rule as usize)
                .map_or("", |r| r.id.as_str());
            out.push_str(&format!(
                "  {id:<width$}  {:>6}  {:>6}  {:>10}  {:>14}\n",
                sides.seen_true, sides.seen_false, sides.seen_unknown, sides.seen_not_applicable
            ));
        }
        out.push_str(&format!(
            "  {:<width$}  {:>6}  {:>6}\n",
            pick(lang, "bagian skor", "score part"),
            "0",
            "maks"
        ));
        for (name, _, zero, full) in &coverage.parts {
            out.push_str(&format!("  {name:<width$}  {zero:>6}  {full:>6}\n"));
        }
        out.push_str(&format!(
            "  {:<width$}  {:>6}  {:>6}\n",
            pick(lang, "prasyarat", "prerequisite"),
            pick(lang, "utang", "owes"),
            pick(lang, "lunas", "none"),
        ));
        for (name, owing, none) in &coverage.prerequisites {
            out.push_str(&format!("  {name:<width$}  {owing:>6}  {none:>6}\n"));
        }
        if !coverage.statuses.is_empty() {
            out.push_str(&format!(
                "  {:<width$}  {:>6}\n",
                pick(lang, "status", "status"),
                pick(lang, "kasus", "cases")
            ));
            for (name, count) in &coverage.statuses {
                out.push_str(&format!("  {name:<width$}  {count:>6}\n"));
            }
            out.push_str(&format!(
                "  {:<width$}  {:>6}\n",
                pick(lang, "(tidak dipantau)", "(not classified)"),
                coverage.not_classified
            ));
        }
        let gaps = coverage.gaps(self.rules);
        if gaps.is_empty() {
            out.push_str(pick(
                lang,
                "Tidak ada celah: setiap sisi teruji.\n",
                "No gap: every side is exercised.\n",
            ));
        } else {
            out.push_str(&match lang {
                Lang::Id => format!("{} celah:\n", gaps.len()),
                Lang::En => format!("{} gaps:\n", gaps.len()),
            });
            for gap in gaps {
                out.push_str(&format!("  - {}\n", self.gap(&gap)));
            }
        }
        out
    }

    fn gap(&self, gap: &Gap) -> String {
        let lang = self.lang;
        match (gap, lang) {
            (Gap::RuleNeverTrue(id), Lang::Id) => format!("tidak ada kasus dengan `{id}` benar"),
            (Gap::RuleNeverTrue(id), Lang::En) => format!("no case has `{id}` true"),
            (Gap::RuleNeverFalse(id), Lang::Id) => format!("tidak ada kasus dengan `{id}` salah"),
            (Gap::RuleNeverFalse(id), Lang::En) => format!("no case has `{id}` false"),
            (Gap::PartNeverZero(name), Lang::Id) => {
                format!("tidak ada kasus dengan bagian skor `{name}` bernilai 0")
            }
            (Gap::PartNeverZero(name), Lang::En) => format!("no case has score part `{name}` at 0"),
            (Gap::PartNeverMax(name), Lang::Id) => {
                format!("tidak ada kasus dengan bagian skor `{name}` maksimum")
            }
            (Gap::PartNeverMax(name), Lang::En) => {
                format!("no case has score part `{name}` at its maximum")
            }
            (Gap::PrerequisiteNeverOwed(name), Lang::Id) => {
                format!("tidak ada kasus yang terutang `{name}`")
            }
            (Gap::PrerequisiteNeverOwed(name), Lang::En) => format!("no case owes `{name}`"),
            (Gap::PrerequisiteAlwaysOwed(name), Lang::Id) => {
                format!("setiap kasus terutang `{name}`")
            }
            (Gap::PrerequisiteAlwaysOwed(name), Lang::En) => format!("every case owes `{name}`"),
            (Gap::StatusNeverReached(name), Lang::Id) => {
                format!("tidak ada kasus dengan status `{name}`")
            }
            (Gap::StatusNeverReached(name), Lang::En) => format!("no case reaches status `{name}`"),
        }
    }
}

/// Text escaped for XML.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
