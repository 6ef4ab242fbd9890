//! The yardstick: POLICY.md sections 2 to 5 written by hand in plain Rust, to measure the rule
//! engine against (and to check it: `tests/yardstick.rs` compares every pair).
//!
//! Records are read with serde into plain structs (enums, days as integers, texts as ids), and
//! evaluation is split the way a careful programmer would split it for speed: per evaluation
//! the derived dates, per position what follows from it alone (`model`), per employee every
//! fact that does not depend on the position (`facts`, and `timeline` for `eligible_from`), so
//! that a pair is a handful of comparisons and table lookups, with no allocation.
//!
//! ```ignore
//! let data = yardstick::Dataset::read(employees, positions)?;
//! let settings = yardstick::Settings { as_of, assessment_year, eligible_from: true };
//! yardstick::evaluate_all(&data, settings, |employee, position, outcome| { ... });
//! ```
//!
//! NIPs and the other checks of section 1 are not repeated: the data is assumed valid.

pub mod calendar;
mod dense;
pub mod facts;
pub mod model;
pub mod outcome;
pub mod records;
mod rules;
mod score;
mod timeline;
mod truth;
pub mod vocabulary;

use std::path::Path;

pub use calendar::Day;
pub use model::{Employee, Position};
pub use outcome::{Decision, Outcome};
pub use records::ReadError;

use facts::{Dates, Facts};
use timeline::Timeline;
use vocabulary::Vocabulary;

/// The employees and positions of one evaluation, with the vocabulary their ids refer to.
#[derive(Debug)]
pub struct Dataset {
    pub vocabulary: Vocabulary,
    pub employees: Vec<Employee>,
    pub positions: Vec<Position>,
}

impl Dataset {
    /// Reads both files (YAML, or JSON Lines when the name ends in `.jsonl`).
    pub fn read(employees: &Path, positions: &Path) -> Result<Dataset, ReadError> {
        let employee_records = records::read::<records::Pegawai>(employees)?;
        let position_records = records::read::<records::Formasi>(positions)?;
        let mut vocabulary = Vocabulary::new();
        let positions = position_records
            .into_iter()
            .map(|record| Position::from_record(record, &mut vocabulary))
            .collect();
        let employees = employee_records
            .into_iter()
            .map(|record| Employee::from_record(record, &mut vocabulary))
            .collect();
        Ok(Dataset {
            vocabulary,
            employees,
            positions,
        })
    }

    /// The text of a training code in an [`Outcome`].
    pub fn training_code(&self, code: vocabulary::Id) -> &str {
        self.vocabulary.trainings.text(code)
    }
}

/// What to evaluate as of when.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// D.
    pub as_of: Day,
    /// Y.
    pub assessment_year: i32,
    /// Whether to compute `eligible_from` (off only to measure what it costs).
    pub eligible_from: bool,
}

/// Decides pairs for one employee at a time, reusing its tables.
pub struct Evaluator<'a> {
    settings: Settings,
    dates: Dates,
    facts: Facts,
    timeline: Timeline,
    employee: Option<&'a Employee>,
    /// The timeline is filled on the first not_eligible pair of an employee: most employees
    /// qualify somewhere or fail a rule that never changes, and never need it.
    timeline_ready: bool,
}

impl<'a> Evaluator<'a> {
    pub fn new(data: &Dataset, settings: Settings) -> Evaluator<'a> {
        Evaluator {
            settings,
            dates: Dates::new(settings.as_of, settings.assessment_year),
            facts: Facts::new(&data.vocabulary),
            timeline: Timeline::default(),
            employee: None,
            timeline_ready: false,
        }
    }

    /// Makes `employee` the one the next pairs are decided for.
    pub fn employee(&mut self, employee: &'a Employee) {
        self.facts.fill(employee, &self.dates);
        self.employee = Some(employee);
        self.timeline_ready = false;
    }

    /// Decides the current employee for `position`.
    #[inline]
    pub fn decide(&mut self, position: &Position, out: &mut Outcome) {
        rules::decide(&self.facts, position, out);
        if out.decision != Decision::NotEligible || !self.settings.eligible_from {
            return;
        }
        let Some(employee) = self.employee else {
            return;
        };
        if !self.timeline_ready {
            self.timeline.fill(employee, &self.dates);
            self.timeline_ready = true;
        }
        out.eligible_from = self.timeline.eligible_from(employee, position, out);
    }
}

/// Decides every pair, employees in input order and positions in input order within each.
pub fn evaluate_all(
    data: &Dataset,
    settings: Settings,
    mut visit: impl FnMut(&Employee, &Position, &Outcome),
) {
    let mut evaluator = Evaluator::new(data, settings);
    let mut outcome = Outcome::new();
    for employee in &data.employees {
        evaluator.employee(employee);
        for position in &data.positions {
            evaluator.decide(position, &mut outcome);
            visit(employee, position, &outcome);
        }
    }
}
