//! The population diff between two versions of a policy: the same records decided by both,
//! pair by pair, and what changed.

use rayon::prelude::*;

use super::Session;
use super::decide::Decision;
use super::outcome::{Outcome, RuleList};
use super::shortlist::Recommendation;

/// One side of the comparison: a version of the rules with its engine and records.
pub use super::bulk::Pairs as Side;

/// A pair whose result changed.
#[derive(Debug, Clone)]
pub struct Changed {
    pub employee: usize,
    pub position: usize,
    pub before: Outcome,
    pub after: Outcome,
    /// Requirement ids that fail after and not before.
    pub newly_failing: Vec<String>,
    /// Requirement ids that fail before and not after.
    pub newly_passing: Vec<String>,
    /// Requirement ids that fail both before and after.
    pub still_failing: Vec<String>,
    /// Training owed before and after, as codes (each version interns its own symbols).
    pub training_before: Vec<String>,
    pub training_after: Vec<String>,
}

impl Changed {
    pub fn decision_changed(&self) -> bool {
        self.before.decision != self.after.decision
    }
}

/// What changed across the population.
#[derive(Debug, Clone, Default)]
pub struct Diff {
    pub pairs: usize,
    /// `transitions[before][after]`, in the order of `Decision::ALL`.
    pub transitions: [[usize; 4]; 4],
    /// Per requirement id (of either version): pairs newly failing it, newly passing it.
    pub rules: Vec<(String, usize, usize)>,
    /// Pairs whose score changed, and the sum, smallest and largest change.
    pub score_changed: usize,
    pub score_shift_total: i64,
    pub score_shift_min: i64,
    pub score_shift_max: i64,
    /// Pairs whose owed training changed.
    pub training_changed: usize,
    /// Pairs whose decision, failed or unknown rules, training or eligible_from changed.
    pub changed: Vec<Changed>,
    pub changed_count: usize,
    /// Employees with at least one pair whose decision changed.
    pub employees_affected: usize,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changed_count == 0 && self.score_changed == 0
    }

    fn merge(&mut self, other: Diff) {
        self.pairs += other.pairs;
        for (row, other_row) in self.transitions.iter_mut().zip(other.transitions) {
            for (cell, other_cell) in row.iter_mut().zip(other_row) {
                *cell += other_cell;
            }
        }
        for (id, fails, passes) in other.rules {
            match self.rules.iter_mut().find(|(i, _, _)| *i == id) {
                Some((_, f, p)) => {
                    *f += fails;
                    *p += passes;
                }
                None => self.rules.push((id, fails, passes)),
            }
        }
        if other.score_changed > 0 {
            self.score_shift_min = if self.score_changed == 0 {
                other.score_shift_min
            } else {
                self.score_shift_min.min(other.score_shift_min)
            };
            self.score_shift_max = if self.score_changed == 0 {
                other.score_shift_max
            } else {
                self.score_shift_max.max(other.score_shift_max)
            };
        }
        self.score_changed += other.score_changed;
        self.score_shift_total += other.score_shift_total;
        self.training_changed += other.training_changed;
        self.changed.extend(other.changed);
        self.changed_count += other.changed_count;
        self.employees_affected += other.employees_affected;
    }
}

/// Employees per parallel task.
const CHUNK: usize = 32;

/// Decides every pair with both versions. At most `keep` changed pairs are kept in full, those
/// whose decision changed first. `input[key]` lookups find each version's records.
pub fn diff(before: &Side<'_>, after: &Side<'_>, keep: usize) -> Diff {
    let (before_tables, after_tables) = (before.tables(), after.tables());
    let before_positions = before.grouped(&before_tables);
    let after_positions = after.grouped(&after_tables);
    let (before_positions, after_positions) = (&before_positions, &after_positions);
    let (before_tables, after_tables) = (&before_tables, &after_tables);
    let mut ids: Vec<String> = Vec::new();
    for side in [before, after] {
        for rule in side
            .engine
            .hoisted
            .requirements
            .iter()
            .filter_map(|r| side.rules.rules.get(*r as usize))
        {
            if !ids.contains(&rule.id) {
                ids.push(rule.id.clone());
            }
        }
    }
    let count = before.employees.len().min(after.employees.len());
    let parts: Vec<Diff> = (0..count)
        .collect::<Vec<_>>()
        .par_chunks(CHUNK)
        .map_init(
            || {
                let mut old = Session::new(before.engine, before.symbols);
                old.set_tables(before_tables);
                let mut new = Session::new(after.engine, after.symbols);
                new.set_tables(after_tables);
                (old, new, Outcome::empty(), Outcome::empty())
            },
            |(old, new, a, b), chunk| {
                let mut part = Diff {
                    rules: ids.iter().map(|id| (id.clone(), 0, 0)).collect(),
                    ..Diff::default()
                };
                for &employee in chunk {
                    let (Some(e_before), Some(e_after)) = (
                        before.employees.get(employee),
                        after.employees.get(employee),
                    ) else {
                        continue;
                    };
                    old.employee(e_before);
                    new.employee(e_after);
                    let transitions_before = part.transitions;
                    for position in 0..before.positions.len().min(after.positions.len()) {
                        old.decide_in(before_positions, position, a);
                        new.decide_in(after_positions, position, b);
                        compare(before, after, employee, position, a, b, &mut part, keep);
                    }
                    if moved_off_diagonal(&transitions_before, &part.transitions) {
                        part.employees_affected += 1;
                    }
                }
                part
            },
        )
        .collect();
    let mut total = Diff {
        rules: ids.iter().map(|id| (id.clone(), 0, 0)).collect(),
        ..Diff::default()
    };
    for part in parts {
        total.merge(part);
    }
    total
        .changed
        .sort_by_key(|c| (!c.decision_changed(), c.employee, c.position));
    total.changed.truncate(keep);
    total
}

/// Whether a pair moved from one decision to another between two states of the matrix.
fn moved_off_diagonal(before: &[[usize; 4]; 4], after: &[[usize; 4]; 4]) -> bool {
    before.iter().zip(after).enumerate().any(|(i, (old, new))| {
        old.iter()
            .zip(new)
            .enumerate()
            .any(|(j, (o, n))| i != j && o != n)
    })
}

#[allow(clippy::too_many_arguments)]
fn compare(
    before: &Side<'_>,
    after: &Side<'_>,
    employee: usize,
    position: usize,
    a: &Outcome,
    b: &Outcome,
    diff: &mut Diff,
    keep: usize,
) {
    diff.pairs += 1;
    let index = |d: Decision| Decision::ALL.iter().position(|x| *x == d).unwrap_or(0);
    if let Some(cell) = diff
        .transitions
        .get_mut(index(a.decision))
        .and_then(|row| row.get_mut(index(b.decision)))
    {
        *cell += 1;
    }
    // Every pair passes through here: compare without allocating, and build the lists of
    // names only for the pairs that are kept. The two versions number rules and intern texts
    // differently, so they are compared by id and by text.
    let id = rule_id;
    let same_rules = |x: RuleList<'_>, y: RuleList<'_>| {
        x.len() == y.len() && x.iter().zip(y).all(|(p, q)| id(before, p) == id(after, q))
    };
    let code = code_text;
    let failed_changed = !same_rules(a.failed(), b.failed());
    let newly_failing = || {
        b.failed()
            .iter()
            .map(|r| id(after, r))
            .filter(|rid| !a.failed().iter().any(|q| id(before, q) == *rid))
    };
    let newly_passing = || {
        a.failed()
            .iter()
            .map(|r| id(before, r))
            .filter(|rid| !b.failed().iter().any(|q| id(after, q) == *rid))
    };
    if failed_changed {
        for (rid, fails, passes) in &mut diff.rules {
            *fails += usize::from(newly_failing().any(|f| f == rid.as_str()));
            *passes += usize::from(newly_passing().any(|p| p == rid.as_str()));
        }
    }
    if a.score != b.score {
        let shift = b.score - a.score;
        diff.score_shift_min = if diff.score_changed == 0 {
            shift
        } else {
            diff.score_shift_min.min(shift)
        };
        diff.score_shift_max = if diff.score_changed == 0 {
            shift
        } else {
            diff.score_shift_max.max(shift)
        };
        diff.score_changed += 1;
        diff.score_shift_total += shift;
    }
    let training_changed = a.training.len() != b.training.len()
        || a.training
            .iter()
            .zip(&b.training)
            .any(|(x, y)| code(before, *x) != code(after, *y));
    if training_changed {
        diff.training_changed += 1;
    }
    let changed = a.decision != b.decision
        || failed_changed
        || !same_rules(a.unknown(), b.unknown())
        || training_changed
        || a.eligible_from != b.eligible_from;
    if !changed {
        return;
    }
    diff.changed_count += 1;
    // Keep the first `keep` decision changes and the first `keep` other changes of this chunk:
    // the merge lists decision changes first, so neither kind may crowd out the other.
    let decided_otherwise = a.decision != b.decision;
    let kept = if keep == usize::MAX {
        0
    } else {
        diff.changed
            .iter()
            .filter(|c| c.decision_changed() == decided_otherwise)
            .count()
    };
    if kept >= keep {
        return;
    }
    let names = |list: &mut dyn Iterator<Item = &str>| list.map(str::to_string).collect();
    let codes = |side: &Side<'_>, outcome: &Outcome| -> Vec<String> {
        outcome
            .training
            .iter()
            .map(|s| code(side, *s).to_string())
            .collect()
    };
    let changed = Changed {
        employee,
        position,
        newly_failing: names(&mut newly_failing()),
        newly_passing: names(&mut newly_passing()),
        still_failing: names(
            &mut b
                .failed()
                .iter()
                .map(|r| id(after, r))
                .filter(|rid| a.failed().iter().any(|q| id(before, q) == *rid)),
        ),
        training_before: codes(before, a),
        training_after: codes(after, b),
        // Only the pairs kept are copied out of the buffers every pair is decided into.
        before: a.clone(),
        after: b.clone(),
    };
    diff.changed.push(changed);
}

fn rule_id<'s>(side: &Side<'s>, rule: u32) -> &'s str {
    side.rules
        .rules
        .get(rule as usize)
        .map_or("", |r| r.id.as_str())
}

fn code_text<'s>(side: &Side<'s>, sym: crate::symbols::Sym) -> &'s str {
    side.symbols.resolve(sym)
}

/// How one open position's shortlist changed: (position index, removed, added), by employee
/// index, in rank order.
pub fn shortlist_changes(
    before: &Recommendation,
    after: &Recommendation,
) -> Vec<(usize, Vec<usize>, Vec<usize>)> {
    let mut positions: Vec<usize> = before.shortlists.iter().map(|s| s.position).collect();
    for s in &after.shortlists {
        if !positions.contains(&s.position) {
            positions.push(s.position);
        }
    }
    positions.sort_unstable();
    let list = |r: &Recommendation, position: usize| -> Vec<usize> {
        r.shortlists
            .iter()
            .find(|s| s.position == position)
            .map(|s| s.candidates.iter().map(|c| c.employee).collect())
            .unwrap_or_default()
    };
    positions
        .into_iter()
        .filter_map(|position| {
            let (old, new) = (list(before, position), list(after, position));
            let removed: Vec<usize> = old.iter().filter(|e| !new.contains(e)).copied().collect();
            let added: Vec<usize> = new.iter().filter(|e| !old.contains(e)).copied().collect();
            (!removed.is_empty() || !added.is_empty()).then_some((position, removed, added))
        })
        .collect()
}
