//! Which sides of the policy the cases exercise: each requirement true, false and unknown;
//! each score part at 0 and at its maximum; each prerequisite owing and not; each status.

use super::{Case, CaseResult};
use crate::check::CheckedRules;

/// How often the cases saw something. A requirement that does not apply to a case counts as
/// neither true nor false there: it was not tested.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sides {
    pub seen_true: usize,
    pub seen_false: usize,
    pub seen_unknown: usize,
    pub seen_not_applicable: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Per requirement of the pair decision (rule index, sides).
    pub rules: Vec<(u32, Sides)>,
    /// Per score part: (at 0, at its maximum).
    pub parts: Vec<(String, i64, usize, usize)>,
    /// Per prerequisite: (owing, owing nothing).
    pub prerequisites: Vec<(String, usize, usize)>,
    /// Per status of the first classification: how many cases reached it.
    pub statuses: Vec<(String, usize)>,
    /// Cases whose employee the classification does not apply to.
    pub not_classified: usize,
}

/// What no case exercises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    RuleNeverTrue(String),
    RuleNeverFalse(String),
    PartNeverZero(String),
    PartNeverMax(String),
    PrerequisiteNeverOwed(String),
    PrerequisiteAlwaysOwed(String),
    StatusNeverReached(String),
}

pub fn coverage(rules: &CheckedRules, results: &[CaseResult]) -> Coverage {
    let requirements = rules
        .pair_decision()
        .map(|(_, d)| d.requirements.clone())
        .unwrap_or_default();
    let mut out = Coverage {
        rules: requirements
            .iter()
            .map(|r| (r.0, Sides::default()))
            .collect(),
        ..Coverage::default()
    };
    let parts = rules
        .pair_decision()
        .and_then(|(_, d)| d.score)
        .and_then(|s| rules.score(s))
        .map(|s| s.parts.clone())
        .unwrap_or_default();
    out.parts = parts
        .iter()
        .map(|p| (p.name.clone(), p.max, 0, 0))
        .collect();
    out.prerequisites = rules
        .prerequisites
        .iter()
        .map(|p| (p.id.clone(), 0, 0))
        .collect();
    out.statuses = rules
        .classifications
        .first()
        .map(|c| c.statuses.iter().map(|s| (s.name.clone(), 0)).collect())
        .unwrap_or_default();
    for result in results {
        let outcome = &result.outcome;
        for ((rule, sides), applies) in out.rules.iter_mut().zip(&result.applies) {
            if !applies {
                sides.seen_not_applicable += 1;
            } else if outcome.failed().contains(*rule) {
                sides.seen_false += 1;
            } else if outcome.unknown().contains(*rule) {
                sides.seen_unknown += 1;
            } else {
                sides.seen_true += 1;
            }
        }
        for ((_, max, zero, full), points) in out.parts.iter_mut().zip(&outcome.parts) {
            if *points == 0 {
                *zero += 1;
            }
            if points == max {
                *full += 1;
            }
        }
        for ((_, owing, none), owed) in out.prerequisites.iter_mut().zip(&result.owed) {
            if *owed {
                *owing += 1;
            } else {
                *none += 1;
            }
        }
        match &result.classified {
            Some(classified) => {
                if let Some((_, count)) = out.statuses.get_mut(classified.status) {
                    *count += 1;
                }
            }
            None => out.not_classified += 1,
        }
    }
    out
}

impl Coverage {
    /// Everything a case should still exercise, in policy order.
    pub fn gaps(&self, rules: &CheckedRules) -> Vec<Gap> {
        let mut gaps = Vec::new();
        for (rule, sides) in &self.rules {
            let id = rules
                .rule(crate::check::checked::RuleId(*rule))
                .map(|r| r.id.clone())
                .unwrap_or_default();
            if sides.seen_true == 0 {
                gaps.push(Gap::RuleNeverTrue(id.clone()));
            }
            if sides.seen_false == 0 {
                gaps.push(Gap::RuleNeverFalse(id));
            }
        }
        for (name, _, zero, full) in &self.parts {
            if *zero == 0 {
                gaps.push(Gap::PartNeverZero(name.clone()));
            }
            if *full == 0 {
                gaps.push(Gap::PartNeverMax(name.clone()));
            }
        }
        for (name, owing, none) in &self.prerequisites {
            if *owing == 0 {
                gaps.push(Gap::PrerequisiteNeverOwed(name.clone()));
            }
            if *none == 0 {
                gaps.push(Gap::PrerequisiteAlwaysOwed(name.clone()));
            }
        }
        for (name, count) in &self.statuses {
            if *count == 0 {
                gaps.push(Gap::StatusNeverReached(name.clone()));
            }
        }
        gaps
    }
}

/// Cases by file, in the order the files were read.
pub fn by_file(cases: &[Case]) -> Vec<(crate::source::FileId, Vec<usize>)> {
    let mut out: Vec<(crate::source::FileId, Vec<usize>)> = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        match out.iter_mut().find(|(f, _)| *f == case.file) {
            Some((_, list)) => list.push(index),
            None => out.push((case.file, vec![index])),
        }
    }
    out
}
