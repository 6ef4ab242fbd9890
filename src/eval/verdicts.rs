//! Each position's failed and unknown requirements, points and training owed for one
//! employee, found one unit at a time for all the positions at once.
//!
//! The pair loop used to take the requirements one pair at a time: per pair and requirement,
//! find where its value comes from, read it, branch on it. A requirement's value for an
//! employee is one per group of positions (see `memo`), so the bulk session now takes each
//! requirement across every position at once, setting a bit for each position of the groups
//! where it fails or is unknown, and a pair copies its two words of bits into its outcome.
//! Points are spread the same way, and the training owed is merged once per training group.

use std::sync::Arc;

use super::grid::Failing;
use super::memo::Members;
use super::outcome::{CODES_INLINE, Codes, Outcome, PARTS_INLINE, Parts};
use crate::symbols::Sym;

/// Bit `unit` of a position's words: set where requirement `unit` fails (or is unknown).
#[derive(Default)]
pub struct Verdicts {
    /// Words per position: one for every 64 requirements.
    words: usize,
    /// `failed[position * words + unit / 64]`, bit `unit % 64`.
    failed: Vec<u64>,
    unknown: Vec<u64>,
    /// Where there is one word per position: the requirements that fail (or are unknown) in
    /// every position, since they have one group of positions (those that read the employee
    /// alone, seven of the reference policy's thirteen). A pair's words are its own ORed with
    /// these, so that such a requirement sets one bit instead of one for every position. Kept
    /// for one word only: as a word per 64 requirements, ORed word by word into each pair's
    /// outcome, `eval` on b took 256.5-259.3 ms against 248.3-254.3.
    failed_everywhere: u64,
    unknown_everywhere: u64,
    /// The requirements whose value never changes with the date, as bits (see
    /// `Verdicts::never`).
    undated: Vec<u64>,
}

impl Verdicts {
    /// Bits for `dated.len()` requirements (`Engine::dated`).
    pub fn new(dated: &[bool]) -> Verdicts {
        let words = dated.len().div_ceil(64);
        let mut undated = vec![0; words];
        for (unit, _) in dated.iter().enumerate().filter(|(_, dated)| !**dated) {
            if let Some(word) = undated.get_mut(unit / 64) {
                *word |= 1 << (unit % 64);
            }
        }
        Verdicts {
            words,
            failed: Vec::new(),
            unknown: Vec::new(),
            failed_everywhere: 0,
            unknown_everywhere: 0,
            undated,
        }
    }

    /// Forgets the previous employee's verdicts, for `positions` positions: every requirement
    /// holds until `mark`ed.
    pub fn start(&mut self, positions: usize) {
        let cells = positions * self.words;
        self.failed.clear();
        self.failed.resize(cells, 0);
        self.unknown.clear();
        self.unknown.resize(cells, 0);
        self.failed_everywhere = 0;
        self.unknown_everywhere = 0;
    }

    /// Marks requirement `unit` for every position, by its truth in each of the unit's
    /// groups (`truths`; a group with no truth is unknown), visiting only the members of the
    /// groups where it fails or is unknown (`members`). Most requirements hold against every
    /// group for most employees, and where one fails it fails in a few groups: on workload b,
    /// 30% of the positions of the requirements that fail somewhere. A requirement with one
    /// group (it reads the employee alone) that fails sets one bit for all the positions
    /// (`failed_everywhere`), where a position's bits fit in a word: on workload b that spared
    /// 3.4 of the 8.3 million positions visited, about 1% of `eval`.
    pub fn mark(&mut self, unit: usize, members: &Members, truths: &[Option<bool>]) {
        let (word, bit) = (unit / 64, 1u64 << (unit % 64));
        let words = self.words.max(1);
        if self.words == 1 && members.columns() == 1 {
            match truths.first().copied().flatten() {
                Some(true) => {}
                Some(false) => self.failed_everywhere |= bit,
                None => self.unknown_everywhere |= bit,
            }
            return;
        }
        for column in 0..members.columns() {
            match truths.get(column).copied().flatten() {
                Some(true) => {}
                Some(false) => mark_group(&mut self.failed, words, word, bit, members.of(column)),
                None => mark_group(&mut self.unknown, words, word, bit, members.of(column)),
            }
        }
    }

    /// `mark`, from the groups where requirement `unit` does not hold (`failing`, from the
    /// grid); it holds in every other group.
    pub fn mark_not_holding(&mut self, unit: usize, members: &Members, failing: &[Failing]) {
        let (word, bit) = (unit / 64, 1u64 << (unit % 64));
        let words = self.words.max(1);
        for group in failing {
            let marked = if group.unknown {
                &mut self.unknown
            } else {
                &mut self.failed
            };
            mark_group(marked, words, word, bit, members.of(group.column as usize));
        }
    }

    /// Sets position `position`'s failed and unknown requirements in `out` (`requirements`
    /// maps a requirement to its rule); true when one of them keeps its value on every day
    /// (no date can make the pair eligible). The outcome keeps them as bits too, so this is a
    /// copy of two words for most policies.
    #[inline]
    pub fn add_to(&self, position: usize, requirements: &Arc<[u32]>, out: &mut Outcome) -> bool {
        // A word a position (up to 64 requirements), as in bulk evaluation of the reference
        // policy: kept apart from the general case and inlined into the pair loop, it is two
        // loads and two stores. As one function for any number of words it was called for
        // every pair and took 55 instructions (callgrind), 7% of `eval` on workload b.
        if self.words == 1 {
            if let (Some(&failed), Some(&unknown)) =
                (self.failed.get(position), self.unknown.get(position))
            {
                let failed = failed | self.failed_everywhere;
                let unknown = unknown | self.unknown_everywhere;
                out.set_requirement_word(requirements, failed, unknown);
                let undated = self.undated.first().copied().unwrap_or(0);
                return (failed | unknown) & undated != 0;
            }
        }
        self.add_words_to(position, requirements, out)
    }

    /// `add_to` for more than one word a position, or a position not laid out.
    #[inline(never)]
    fn add_words_to(&self, position: usize, requirements: &Arc<[u32]>, out: &mut Outcome) -> bool {
        let range = position * self.words..(position + 1) * self.words;
        let (Some(failed), Some(unknown)) =
            (self.failed.get(range.clone()), self.unknown.get(range))
        else {
            // Not laid out for this position: nothing failed, rather than the last pair's bits.
            out.set_requirement_bits(requirements, &[], &[]);
            return false;
        };
        // One word a position is `add_to`'s own case, and only then are requirements failing
        // everywhere kept apart (`failed_everywhere`): here the words are the whole verdicts.
        out.set_requirement_bits(requirements, failed, unknown);
        failed
            .iter()
            .zip(unknown)
            .zip(&self.undated)
            .any(|((&failed, &unknown), &undated)| (failed | unknown) & undated != 0)
    }

    /// Requirement `unit`'s truth for position `position`.
    pub fn truth(&self, position: usize, unit: usize) -> Option<bool> {
        let at = position * self.words + unit / 64;
        let bit = 1 << (unit % 64);
        let (failed_everywhere, unknown_everywhere) = match self.words {
            1 => (self.failed_everywhere, self.unknown_everywhere),
            _ => (0, 0),
        };
        let failed = (self.failed.get(at).copied().unwrap_or(0) | failed_everywhere) & bit != 0;
        let unknown =
            (self.unknown.get(at).copied().unwrap_or(bit) | unknown_everywhere) & bit != 0;
        match (failed, unknown) {
            (true, _) => Some(false),
            (false, true) => None,
            (false, false) => Some(true),
        }
    }
}

/// Each position's points per score part for one employee, found one part at a time for all
/// the positions at once, as `Verdicts` are.
#[derive(Default)]
pub struct Points {
    parts: usize,
    /// `points[position * stride + part]` (see `Points::stride`).
    points: Vec<i64>,
    /// Each position's score, the sum of its points: summed as they are set, since summing
    /// the pair's points just copied into its outcome stalled on store forwarding (13% of the
    /// pair's own time, seen with `perf annotate`).
    scores: Vec<i64>,
}

impl Points {
    /// Forgets the previous employee's points, for `positions` positions of `parts` parts.
    /// Every part is then `set` for every position: the rows are zeroed only when their shape
    /// changes, for their padding (zeroing 200 rows of 8 parts for each employee was 7% of
    /// the instructions of `eval` on workload b, counted by cachegrind).
    pub fn start(&mut self, positions: usize, parts: usize) {
        let cells = positions * stride_for(parts);
        if self.parts != parts || self.points.len() != cells {
            self.parts = parts;
            self.points.clear();
            self.points.resize(cells, 0);
        }
        self.scores.clear();
        self.scores.resize(positions, 0);
    }

    /// Sets `part`'s points for every position, by the position's group for it (`groups`)
    /// and the points in each group (`points`; a group with none, or a position without a
    /// group, scores 0).
    pub fn set(&mut self, part: usize, groups: &[u32], points: &[i64]) {
        // By rows, not `skip(part).step_by(parts)`: that did not compile to a plain loop.
        let stride = self.stride();
        let rows = self.points.chunks_exact_mut(stride);
        for ((row, score), &group) in rows.zip(&mut self.scores).zip(groups) {
            let points = points.get(group as usize).copied().unwrap_or(0);
            if let Some(at) = row.get_mut(part) {
                *at = points;
            }
            *score += points;
        }
        // Positions past the end of `groups`, if any (a zip of slices visits none of them).
        for row in self.points.chunks_exact_mut(stride).skip(groups.len()) {
            if let Some(at) = row.get_mut(part) {
                *at = 0;
            }
        }
    }

    /// Position `position`'s score.
    pub fn score(&self, position: usize) -> i64 {
        self.scores.get(position).copied().unwrap_or(0)
    }

    /// The length of each position's row of points: padded to `PARTS_INLINE` parts where they
    /// fit, so that a pair copies its row into its outcome as a fixed-size move.
    fn stride(&self) -> usize {
        stride_for(self.parts)
    }

    /// Position `position`'s points, part by part.
    pub fn of(&self, position: usize) -> &[i64] {
        let start = position * self.stride();
        self.points
            .get(start..start + self.parts)
            .unwrap_or_default()
    }

    /// Sets `out` to position `position`'s points.
    pub fn copy_to(&self, position: usize, out: &mut Parts) {
        let start = position * self.stride();
        let padded = self.points.get(start..start + PARTS_INLINE);
        match padded.and_then(|row| <&[i64; PARTS_INLINE]>::try_from(row).ok()) {
            Some(row) if self.parts <= PARTS_INLINE => out.set_padded(row, self.parts),
            _ => {
                out.clear();
                out.extend_from_slice(self.of(position));
            }
        }
    }
}

/// Sets `bit` of word `word` of each of `positions` in `marked` (`words` words a position).
fn mark_group(marked: &mut [u64], words: usize, word: usize, bit: u64, positions: &[u32]) {
    for &position in positions {
        if let Some(word) = marked.get_mut(position as usize * words + word) {
            *word |= bit;
        }
    }
}

/// The length of a row of points for `parts` parts (see `Points::stride`).
fn stride_for(parts: usize) -> usize {
    parts.max(PARTS_INLINE)
}

/// The training owed by each training group of positions (`Positions::training_group`) for
/// one employee, found once per employee: a pair then copies its group's codes, where it had
/// looked up each prerequisite's codes and merged them.
#[derive(Default)]
pub struct Owed {
    /// Each group's codes, one group after the other, and `CODES_INLINE` more once finished,
    /// so that a pair copies the `CODES_INLINE` codes from its group's start into its outcome
    /// as a fixed-size move.
    codes: Vec<Sym>,
    /// `ranges[group]`: that group's codes, as a range of `codes`.
    ranges: Vec<(usize, usize)>,
    /// Where the group being added starts in `codes`: where the last one ended. (Found
    /// from `ranges` for each code added, it was 1% of `eval`'s instructions on workload b.)
    group_start: usize,
}

impl Owed {
    /// Forgets the previous employee's groups.
    pub fn start(&mut self) {
        self.codes.clear();
        self.ranges.clear();
        self.group_start = 0;
    }

    /// Adds `codes` to the group being added, each once, in order.
    pub fn add(&mut self, codes: &[Sym]) {
        for &code in codes {
            let group = self.codes.get(self.group_start..).unwrap_or_default();
            if !group.contains(&code) {
                self.codes.push(code);
            }
        }
    }

    /// Ends the group being added: it is the next group, and the next codes start another.
    pub fn end_group(&mut self) {
        let end = self.codes.len();
        self.ranges.push((self.group_start, end));
        self.group_start = end;
    }

    /// Ends the last group: pads the codes so that every group's first `CODES_INLINE` are
    /// there to copy at once (see `copy_to`). No group is added after.
    pub fn finish(&mut self) {
        self.codes.extend([Sym::default(); CODES_INLINE]);
    }

    /// Sets `out` to the codes group `group` owes: a fixed-size copy of the codes from the
    /// group's start, of which the group's own count, where they fit and are there to copy.
    pub fn copy_to(&self, group: u32, out: &mut Codes) {
        let Some(&(start, end)) = self.ranges.get(group as usize) else {
            out.clear();
            return;
        };
        let window = self.codes.get(start..start + CODES_INLINE);
        match window.and_then(|codes| <&[Sym; CODES_INLINE]>::try_from(codes).ok()) {
            Some(codes) if end - start <= CODES_INLINE => out.set_padded(codes, end - start),
            _ => {
                out.clear();
                out.extend_from_slice(self.of(group));
            }
        }
    }

    /// The codes group `group` owes, in prerequisite order.
    pub fn of(&self, group: u32) -> &[Sym] {
        self.ranges
            .get(group as usize)
            .and_then(|&(start, end)| self.codes.get(start..end))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{Owed, Points, Verdicts};
    use crate::eval::Outcome;
    use crate::eval::memo::Members;
    use crate::eval::outcome::{Codes, Parts};
    use crate::symbols::Sym;

    #[test]
    fn a_training_group_owes_each_code_once_in_order() {
        let [a, b, c] = [Sym(1), Sym(2), Sym(3)];
        let mut owed = Owed::default();
        owed.start();
        // Group 0: two prerequisites owing an overlapping code; group 1: none; group 2 owes
        // a code group 0 owes too (kept per group, not across groups).
        owed.add(&[b, a]);
        owed.add(&[a, c]);
        owed.end_group();
        owed.end_group();
        owed.add(&[a]);
        owed.end_group();
        // Group 3: more codes than an outcome keeps inline.
        let many: Vec<Sym> = (10..16).map(Sym).collect();
        owed.add(&many);
        owed.end_group();
        let copied = |owed: &Owed, group| {
            let mut out = Codes::new();
            out.push(Sym(99));
            owed.copy_to(group, &mut out);
            out.to_vec()
        };
        for finished in [false, true] {
            if finished {
                owed.finish();
            }
            assert_eq!(owed.of(0), [b, a, c]);
            assert!(owed.of(1).is_empty());
            assert_eq!(owed.of(2), [a]);
            assert_eq!(owed.of(3), many);
            assert!(owed.of(4).is_empty());
            assert_eq!(copied(&owed, 0), [b, a, c]);
            assert!(copied(&owed, 1).is_empty());
            assert_eq!(copied(&owed, 2), [a]);
            assert_eq!(copied(&owed, 3), many);
            assert!(copied(&owed, 4).is_empty());
        }
        // The next employee starts from nothing.
        owed.start();
        owed.add(&[c]);
        owed.end_group();
        assert_eq!(owed.of(0), [c]);
        assert!(owed.of(2).is_empty());
    }

    #[test]
    fn a_requirement_with_one_group_fails_in_every_position_with_one_bit() {
        // 5 requirements, one word a position; 4 is the only undated one.
        let mut verdicts = Verdicts::new(&[true, true, true, true, false]);
        verdicts.start(3);
        let everywhere = Members::of_groups(&[0, 0, 0], 1);
        let two = Members::of_groups(&[0, 1, 0], 2);
        verdicts.mark(0, &everywhere, &[Some(false)]);
        verdicts.mark(1, &everywhere, &[None]);
        verdicts.mark(2, &everywhere, &[Some(true)]);
        verdicts.mark(3, &two, &[Some(true), Some(false)]);
        let rules: Arc<[u32]> = (100..105).collect();
        for position in 0..3 {
            let mut out = Outcome::empty();
            assert!(!verdicts.add_to(position, &rules, &mut out));
            let failed = if position == 1 {
                vec![100, 103]
            } else {
                vec![100]
            };
            assert_eq!(
                (out.failed().to_vec(), out.unknown().to_vec()),
                (failed, vec![101])
            );
            assert_eq!(verdicts.truth(position, 0), Some(false));
            assert_eq!(verdicts.truth(position, 1), None);
            assert_eq!(verdicts.truth(position, 2), Some(true));
        }
        // The undated requirement, failing everywhere: no date can help any position.
        verdicts.mark(4, &everywhere, &[Some(false)]);
        let mut out = Outcome::empty();
        assert!(verdicts.add_to(2, &rules, &mut out));
        // The next employee starts from nothing.
        verdicts.start(3);
        let mut out = Outcome::empty();
        assert!(!verdicts.add_to(0, &rules, &mut out));
        assert!(out.failed().is_empty() && out.unknown().is_empty());
        assert_eq!(verdicts.truth(0, 0), Some(true));
    }

    #[test]
    fn a_position_lists_its_failed_and_unknown_requirements_in_order() {
        // 70 requirements, so that the second word is used; 65 is the only undated one.
        let mut dated = vec![true; 70];
        dated[65] = false;
        let mut verdicts = Verdicts::new(&dated);
        verdicts.start(3);
        // Two groups: positions 0 and 2 in group 0, position 1 in group 1.
        let groups = Members::of_groups(&[0, 1, 0], 2);
        assert_eq!(
            (groups.of(0), groups.of(1), groups.of(2)),
            (&[0, 2][..], &[1][..], &[][..])
        );
        verdicts.mark(3, &groups, &[Some(false), Some(true)]);
        verdicts.mark(1, &groups, &[Some(true), None]);
        verdicts.mark(65, &groups, &[Some(true), Some(false)]);
        verdicts.mark(2, &groups, &[Some(false)]);
        // From the grid: the groups where it does not hold, the others holding.
        let unknown_in_0 = super::Failing {
            column: 0,
            unknown: true,
        };
        verdicts.mark_not_holding(66, &groups, &[unknown_in_0]);
        verdicts.mark_not_holding(67, &groups, &[]);
        // True in every group: nothing marked. True in the one group it has a truth for, of
        // two: the other is unknown.
        verdicts.mark(5, &groups, &[Some(true), Some(true)]);
        verdicts.mark(4, &groups, &[Some(true)]);
        let rules: Arc<[u32]> = (100..170).collect();
        let mut out = Outcome::empty();
        assert!(!verdicts.add_to(0, &rules, &mut out));
        assert_eq!(
            (out.failed().to_vec(), out.unknown().to_vec()),
            (vec![102, 103], vec![166])
        );
        let mut out = Outcome::empty();
        // Group 1 has no truth for requirements 2 and 4: unknown.
        assert!(verdicts.add_to(1, &rules, &mut out));
        assert_eq!(
            (out.failed().to_vec(), out.unknown().to_vec()),
            (vec![165], vec![101, 102, 104])
        );
        assert_eq!(verdicts.truth(1, 65), Some(false));
        assert_eq!(verdicts.truth(1, 1), None);
        assert_eq!(verdicts.truth(2, 0), Some(true));
        assert_eq!(verdicts.truth(2, 66), None);
        assert_eq!(verdicts.truth(1, 66), Some(true));
        // Marking a requirement again for the next employee starts from nothing.
        verdicts.start(3);
        let mut out = Outcome::empty();
        assert!(!verdicts.add_to(1, &rules, &mut out));
        assert!(out.failed().is_empty() && out.unknown().is_empty());
    }

    /// The rows are not zeroed between employees of the same positions (`Points::start`):
    /// every part is set again, a position past the end of a part's groups to 0, and the
    /// scores start over.
    #[test]
    fn an_employee_s_points_replace_the_previous_employee_s() {
        let mut points = Points::default();
        let mut row = Parts::new();
        points.start(3, 2);
        points.set(0, &[0, 1, 1], &[5, 7]);
        points.set(1, &[0, 0, 1], &[1, 2]);
        points.copy_to(2, &mut row);
        assert_eq!((row.as_slice(), points.score(2)), (&[7, 2][..], 9));
        // The next employee: part 0 with one group for two of the three positions, part 1 in
        // a group it has no points for.
        points.start(3, 2);
        points.set(0, &[1, 1], &[3, 4]);
        points.set(1, &[5, 5, 5], &[1]);
        let rows: Vec<(Vec<i64>, i64)> = (0..3)
            .map(|position| {
                points.copy_to(position, &mut row);
                (row.to_vec(), points.score(position))
            })
            .collect();
        assert_eq!(rows, [(vec![4, 0], 4), (vec![4, 0], 4), (vec![0, 0], 0)]);
    }
}
