//! What is decided about one pair: the decision, the requirements that are false or unknown,
//! the training owed, `eligible_from`, and the score with its parts.
//!
//! The requirements are kept as bits over the plan's list of them, and read back as rule
//! indices ([`RuleList`]): the bulk session copies a pair's verdicts in as two words, where
//! pushing each failed rule onto a list had cost about 5 ns a pair.

use std::sync::Arc;

use super::decide::Decision;
use super::small_list::SmallList;
use crate::date::Date;
use crate::symbols::Sym;

/// Training codes kept inline in an outcome: a pair rarely owes more.
pub const CODES_INLINE: usize = 4;
/// Score parts kept inline in an outcome.
pub const PARTS_INLINE: usize = 8;
/// An outcome's training codes.
pub type Codes = SmallList<Sym, CODES_INLINE>;
/// An outcome's points, part by part.
pub type Parts = SmallList<i64, PARTS_INLINE>;

/// Everything decided about one pair.
#[derive(Clone, PartialEq, Eq)]
pub struct Outcome {
    pub decision: Decision,
    /// Requirements that are false, as bits by requirement; read with [`Outcome::failed`].
    failed: RequirementBits,
    /// Requirements that are unknown, likewise; read with [`Outcome::unknown`].
    unknown: RequirementBits,
    /// Each requirement's rule, in the decision's order (`Plan::requirements`), shared by
    /// every outcome of one plan.
    requirements: Arc<[u32]>,
    /// Training codes owed, in prerequisite order, each once.
    pub training: Codes,
    pub eligible_from: Option<Date>,
    /// Each score part's points, in order (unknown counts 0; capped at the part's maximum).
    pub parts: Parts,
    pub score: i64,
}

impl Outcome {
    pub fn empty() -> Outcome {
        Outcome {
            decision: Decision::Eligible,
            failed: RequirementBits::default(),
            unknown: RequirementBits::default(),
            requirements: Arc::default(),
            training: Codes::new(),
            eligible_from: None,
            parts: Parts::new(),
            score: 0,
        }
    }

    pub fn clear(&mut self) {
        self.decision = Decision::Eligible;
        self.failed.clear();
        self.unknown.clear();
        self.training.clear();
        self.eligible_from = None;
        self.parts.clear();
        self.score = 0;
    }

    /// The requirements (by rule index) that are false, in the decision's order.
    pub fn failed(&self) -> RuleList<'_> {
        RuleList {
            bits: &self.failed,
            requirements: &self.requirements,
        }
    }

    /// The requirements (by rule index) that are unknown, in the decision's order.
    pub fn unknown(&self) -> RuleList<'_> {
        RuleList {
            bits: &self.unknown,
            requirements: &self.requirements,
        }
    }

    /// Decides against `requirements` (`Plan::requirements`), none of them false or unknown
    /// yet.
    pub(crate) fn start_requirements(&mut self, requirements: &Arc<[u32]>) {
        self.share_requirements(requirements);
        let words = requirements.len().div_ceil(64);
        self.failed.size(words);
        self.unknown.size(words);
    }

    /// Sets requirement `index`'s truth: false or unknown (`None`) is kept; true is not.
    pub(crate) fn set_requirement(&mut self, index: usize, truth: Option<bool>) {
        match truth {
            Some(true) => {}
            Some(false) => self.failed.insert(index),
            None => self.unknown.insert(index),
        }
    }

    /// Sets every requirement's truth at once from bits as `start_requirements` sizes them
    /// (a word per 64 requirements): the bulk session keeps its verdicts so.
    pub(crate) fn set_requirement_bits(
        &mut self,
        requirements: &Arc<[u32]>,
        failed: &[u64],
        unknown: &[u64],
    ) {
        self.share_requirements(requirements);
        self.failed.copy_from(failed);
        self.unknown.copy_from(unknown);
    }

    /// `set_requirement_bits` where there is one word of each.
    #[inline]
    pub(crate) fn set_requirement_word(
        &mut self,
        requirements: &Arc<[u32]>,
        failed: u64,
        unknown: u64,
    ) {
        self.share_requirements(requirements);
        self.failed.set_word(failed);
        self.unknown.set_word(unknown);
    }

    /// Reads the bits against `requirements`; the plan's list is shared, not copied, and
    /// only compared by address once shared (a pair at a time in bulk evaluation).
    #[inline]
    fn share_requirements(&mut self, requirements: &Arc<[u32]>) {
        if !Arc::ptr_eq(&self.requirements, requirements) {
            self.requirements = Arc::clone(requirements);
        }
    }
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outcome")
            .field("decision", &self.decision)
            .field("failed", &self.failed().iter().collect::<Vec<_>>())
            .field("unknown", &self.unknown().iter().collect::<Vec<_>>())
            .field("training", &self.training)
            .field("eligible_from", &self.eligible_from)
            .field("parts", &self.parts)
            .field("score", &self.score)
            .finish()
    }
}

/// A set of requirements as bits, bit `r % 64` of word `r / 64` for requirement `r`. The
/// first word is kept inline: a policy has rarely more than 64 requirements, and copying a
/// pair's verdicts is then a store, where pushing each failed rule onto a list cost about 5 ns
/// a pair (6% of `eval` on workload b).
#[derive(Clone, Default, PartialEq, Eq)]
struct RequirementBits {
    first: u64,
    rest: Vec<u64>,
}

impl RequirementBits {
    /// Room for `words` words, all clear.
    fn size(&mut self, words: usize) {
        self.first = 0;
        self.rest.clear();
        self.rest.resize(words.saturating_sub(1), 0);
    }

    fn clear(&mut self) {
        self.first = 0;
        // Not `fill` on an empty `rest`: that still calls `memset` (with a length of 0), twice
        // a pair, and the whole evaluation ran 3.4 times slower for it on this machine; why
        // those calls cost so much was not pinned down.
        if !self.rest.is_empty() {
            self.rest.fill(0);
        }
    }

    fn insert(&mut self, index: usize) {
        let bit = 1 << (index % 64);
        match index / 64 {
            0 => self.first |= bit,
            word => {
                if self.rest.len() < word {
                    self.rest.resize(word, 0);
                }
                if let Some(at) = self.rest.get_mut(word - 1) {
                    *at |= bit;
                }
            }
        }
    }

    /// Makes the bits the one word `word`.
    #[inline]
    fn set_word(&mut self, word: u64) {
        self.first = word;
        if !self.rest.is_empty() {
            self.rest.clear();
        }
    }

    fn copy_from(&mut self, words: &[u64]) {
        let (first, rest) = words.split_first().unwrap_or((&0, &[]));
        self.first = *first;
        if !rest.is_empty() || !self.rest.is_empty() {
            self.rest.clear();
            self.rest.extend_from_slice(rest);
        }
    }

    fn is_empty(&self) -> bool {
        self.first == 0 && self.rest.iter().all(|word| *word == 0)
    }

    fn contains(&self, index: usize) -> bool {
        self.word(index / 64) & (1 << (index % 64)) != 0
    }

    /// Word `word` of the set (0 past its end).
    fn word(&self, word: usize) -> u64 {
        match word {
            0 => self.first,
            word => self.rest.get(word - 1).copied().unwrap_or(0),
        }
    }
}

/// Some requirements of an outcome (its failed or its unknown ones), read as rule indices in
/// the decision's order.
#[derive(Clone, Copy)]
pub struct RuleList<'o> {
    bits: &'o RequirementBits,
    requirements: &'o [u32],
}

impl<'o> RuleList<'o> {
    /// The rule of each requirement, in order.
    pub fn iter(self) -> RuleIter<'o> {
        RuleIter {
            word: 0,
            bits: self.bits.first,
            rules: self,
        }
    }

    pub fn is_empty(self) -> bool {
        self.bits.is_empty()
    }

    pub fn len(self) -> usize {
        let rest: u32 = self.bits.rest.iter().map(|word| word.count_ones()).sum();
        (self.bits.first.count_ones() + rest) as usize
    }

    /// Whether `rule` is among them.
    pub fn contains(self, rule: u32) -> bool {
        self.requirements
            .iter()
            .enumerate()
            .any(|(index, &r)| r == rule && self.bits.contains(index))
    }

    /// The rules, as a list.
    pub fn to_vec(self) -> Vec<u32> {
        self.iter().collect()
    }
}

impl<'o> IntoIterator for RuleList<'o> {
    type Item = u32;
    type IntoIter = RuleIter<'o>;

    fn into_iter(self) -> RuleIter<'o> {
        self.iter()
    }
}

/// The rules of [`RuleList`], in order.
pub struct RuleIter<'o> {
    rules: RuleList<'o>,
    /// The word being read, and its bits not yet read.
    word: usize,
    bits: u64,
}

impl Iterator for RuleIter<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let words = self.rules.bits.rest.len() + 1;
        loop {
            if self.bits != 0 {
                let index = self.word * 64 + self.bits.trailing_zeros() as usize;
                self.bits &= self.bits - 1;
                match self.rules.requirements.get(index) {
                    Some(&rule) => return Some(rule),
                    None => continue,
                }
            }
            self.word += 1;
            if self.word >= words {
                return None;
            }
            self.bits = self.rules.bits.word(self.word);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::Outcome;
    use crate::eval::decide::{Decision, decision_of};

    #[test]
    fn an_outcome_reads_its_requirements_bits_as_rules_in_order() {
        // 70 requirements, so that a second word is needed; requirement r is rule 100 + r.
        let requirements: Arc<[u32]> = (100..170).collect();
        let mut one_by_one = Outcome::empty();
        one_by_one.start_requirements(&requirements);
        for (index, truth) in [
            (69, Some(false)),
            (3, Some(false)),
            (65, None),
            (4, Some(true)),
        ] {
            one_by_one.set_requirement(index, truth);
        }
        assert_eq!(one_by_one.failed().to_vec(), [103, 169]);
        assert_eq!(one_by_one.unknown().to_vec(), [165]);
        assert_eq!(
            (one_by_one.failed().len(), one_by_one.unknown().len()),
            (2, 1)
        );
        assert!(one_by_one.failed().contains(169) && !one_by_one.failed().contains(104));
        assert!(one_by_one.unknown().contains(165) && !one_by_one.unknown().contains(169));
        assert_eq!(decision_of(&one_by_one), Decision::NotEligible);

        // The same verdicts set at once, as the bulk session does, make an equal outcome.
        let mut at_once = Outcome::empty();
        let failed = [1 << 3, 1 << 5];
        let unknown = [0, 1 << 1];
        at_once.set_requirement_bits(&requirements, &failed, &unknown);
        assert_eq!(at_once, one_by_one);

        // Cleared, nothing is left, and an unknown requirement alone calls for review.
        at_once.clear();
        assert!(at_once.failed().is_empty() && at_once.unknown().is_empty());
        at_once.set_requirement(64, None);
        assert_eq!(at_once.unknown().to_vec(), [164]);
        assert_eq!(decision_of(&at_once), Decision::NeedsReview);
    }
}
