//! The yardstick (`benches/yardstick/`) run over a workload, tallied like the engine.

use std::path::Path;

use super::tally::Tally;
use super::workload::{AS_OF, ASSESSMENT_YEAR, Files};
use super::yardstick::{self, Dataset, Decision, Settings};

pub fn load(files: &Files) -> Result<Dataset, String> {
    Dataset::read(Path::new(&files.employees), Path::new(&files.positions))
        .map_err(|error| error.to_string())
}

/// Decides every pair on the current thread; `eligible_from: false` skips that date.
pub fn evaluate(data: &Dataset, eligible_from: bool) -> Tally {
    let settings = Settings {
        as_of: yardstick::calendar::parse(AS_OF).unwrap_or(0),
        assessment_year: ASSESSMENT_YEAR,
        eligible_from,
    };
    let mut tally = Tally::default();
    yardstick::evaluate_all(data, settings, |_, _, outcome| {
        let decision = match outcome.decision {
            Decision::Eligible => 0,
            Decision::EligibleAfterTraining => 1,
            Decision::NeedsReview => 2,
            Decision::NotEligible => 3,
        };
        tally.add(decision, i64::from(outcome.score()), outcome.eligible_from);
    });
    tally
}
