//! A summary of every pair's outcome that both the engine and the yardstick produce: it keeps
//! the measured work from being optimised away, and shows the two decided the same.

/// Decision counts (eligible, eligible after training, needs review, not eligible), and sums.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub decisions: [u64; 4],
    pub score_sum: u64,
    pub dated: u64,
    pub day_sum: i64,
}

impl Tally {
    #[inline]
    pub fn add(&mut self, decision: usize, score: i64, eligible_from: Option<i32>) {
        if let Some(count) = self.decisions.get_mut(decision) {
            *count += 1;
        }
        self.score_sum += score.unsigned_abs();
        if let Some(day) = eligible_from {
            self.dated += 1;
            self.day_sum += i64::from(day);
        }
    }

    pub fn merge(self, other: Tally) -> Tally {
        let mut decisions = self.decisions;
        for (count, more) in decisions.iter_mut().zip(other.decisions) {
            *count += more;
        }
        Tally {
            decisions,
            score_sum: self.score_sum + other.score_sum,
            dated: self.dated + other.dated,
            day_sum: self.day_sum + other.day_sum,
        }
    }

    pub fn not_eligible(&self) -> u64 {
        self.decisions[3]
    }
}
