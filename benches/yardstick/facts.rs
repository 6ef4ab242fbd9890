//! Everything about one employee that does not depend on the position, computed once per
//! employee for the evaluation date D and assessment year Y: the yardstick's equivalent of the
//! engine's hoisted plan. A pair then needs only table lookups and comparisons.

use super::calendar::{self, Day};
use super::dense::DenseTable;
use super::model::{Employee, Experience, Post, RetirementAge};
use super::records::{EducationLevel, PunishmentLevel, Rank, Rating};
use super::truth::Truth;
use super::vocabulary::{Vocabulary, leadership_level};

/// The dates an evaluation needs, derived from D once.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    /// D, the evaluation date.
    pub as_of: Day,
    /// Y, the assessment year.
    pub assessment_year: i32,
    /// `add_years(D, 2)`, for `sisa_masa_kerja`.
    pub two_years_on: Day,
    /// `add_years(D, -4)`, for `riwayat_hukuman`.
    pub four_years_back: Day,
    /// `add_years(D, 3)`, the last day `eligible_from` may be.
    pub horizon: Day,
}

impl Dates {
    pub fn new(as_of: Day, assessment_year: i32) -> Dates {
        Dates {
            as_of,
            assessment_year,
            two_years_on: calendar::add_years(as_of, 2),
            four_years_back: calendar::add_years(as_of, -4),
            horizon: calendar::add_years(as_of, 3),
        }
    }
}

/// One employee's side of every pair.
#[derive(Debug)]
pub struct Facts {
    pub active: bool,
    pub civil_servant: bool,
    pub current_position: Option<super::vocabulary::Id>,
    /// `masa_jabatan`.
    pub served_minimum: bool,
    /// `kinerja`.
    pub performance: Truth,
    /// `bebas_hukuman_disiplin`.
    pub free_of_discipline: Truth,
    /// A sedang or berat punishment ending after `add_years(D, -4)` (`riwayat_hukuman`).
    pub serious_record: bool,
    /// `sisa_masa_kerja`, by [`RetirementAge`].
    pub before_retirement: [bool; 3],
    pub highest_education: Option<EducationLevel>,
    pub rank: Option<Rank>,
    /// `pengalaman_jabatan`, by [`Experience`].
    pub experienced: [bool; 3],
    /// The highest leadership level held on D.
    pub leadership: Option<u8>,
    /// The kinerja part of the score (SKP of year Y).
    pub rating_points: u8,
    /// Training codes held on D.
    pub held: DenseTable<bool>,
    /// Competency levels (0 when not listed).
    pub competency: DenseTable<u8>,
    /// `days_in(bidang == b)` for each bidang b.
    pub field_days: DenseTable<i64>,
    pub majors: DenseTable<bool>,
    pub families: DenseTable<bool>,
    /// The minat part of the score, by unit.
    pub interest_points: DenseTable<u8>,
}

impl Facts {
    /// Empty facts with tables sized for every id of the vocabulary.
    pub fn new(vocabulary: &Vocabulary) -> Facts {
        Facts {
            active: false,
            civil_servant: false,
            current_position: None,
            served_minimum: false,
            performance: Truth::Unknown,
            free_of_discipline: Truth::Unknown,
            serious_record: false,
            before_retirement: [false; 3],
            highest_education: None,
            rank: None,
            experienced: [false; 3],
            leadership: None,
            rating_points: 0,
            held: DenseTable::new(vocabulary.trainings.len()),
            competency: DenseTable::new(vocabulary.competencies.len()),
            field_days: DenseTable::new(vocabulary.fields.len()),
            majors: DenseTable::new(vocabulary.majors.len()),
            families: DenseTable::new(vocabulary.families.len()),
            interest_points: DenseTable::new(vocabulary.units.len()),
        }
    }

    /// Replaces the facts by those of `employee` on `dates`.
    pub fn fill(&mut self, employee: &Employee, dates: &Dates) {
        let as_of = dates.as_of;
        self.active = employee.active;
        self.civil_servant = employee.civil_servant;
        self.current_position = employee.post.position;
        self.served_minimum = as_of >= calendar::add_years(employee.post.start, 2);
        self.performance = performance(employee, dates.assessment_year);
        self.free_of_discipline = free_of_discipline(employee, as_of);
        self.serious_record = employee.punishments.iter().any(|punishment| {
            punishment.level >= PunishmentLevel::Sedang && punishment.end > dates.four_years_back
        });
        for age in RetirementAge::ALL {
            let retires = calendar::add_years(employee.birth, age.years());
            self.before_retirement[age.index()] = dates.two_years_on <= retires;
        }
        self.highest_education = employee.education.iter().map(|entry| entry.level).max();
        self.rank = employee.rank;
        for experience in Experience::ALL {
            let days = days_in(employee, as_of, |post| experience.counts(post));
            self.experienced[experience.index()] = days >= experience.days_required();
        }
        self.rating_points = rating(employee, dates.assessment_year).map_or(0, rating_points);
        self.fill_tables(employee, as_of);
    }

    fn fill_tables(&mut self, employee: &Employee, as_of: Day) {
        self.held.reset();
        self.leadership = None;
        for training in employee.trainings.iter().filter(|t| t.held_on(as_of)) {
            self.held.set(training.code, true);
            if let Some(level) = leadership_level(training.code) {
                self.leadership = self.leadership.max(Some(level));
            }
        }
        self.competency.reset();
        for &(name, level) in &employee.competencies {
            self.competency.set(name, level);
        }
        self.field_days.reset();
        for post in employee.past_posts.iter().chain([&employee.post]) {
            let days = days_served(post, as_of);
            self.field_days.update(post.field, |total| total + days);
        }
        self.majors.reset();
        self.families.reset();
        for entry in &employee.education {
            self.majors.set(entry.major, true);
            self.families.set(entry.family, true);
        }
        self.interest_points.reset();
        for (place, &unit) in employee.interests.iter().enumerate() {
            let points = if place == 0 { 10 } else { 5 };
            self.interest_points.update(unit, |best| best.max(points));
        }
    }
}

/// POLICY.md 1.4 `days_in(p, counts, day)`: entries summed as written, clipped at `day`.
pub fn days_in(employee: &Employee, day: Day, counts: impl Fn(&Post) -> bool) -> i64 {
    employee
        .past_posts
        .iter()
        .chain([&employee.post])
        .filter(|post| counts(post))
        .map(|post| days_served(post, day))
        .sum()
}

/// `max(0, min(selesai, day) - mulai)`; the current position runs until `day`.
#[inline]
fn days_served(post: &Post, day: Day) -> i64 {
    let end = post.end.map_or(day, |end| end.min(day));
    i64::from(end.saturating_sub(post.start).max(0))
}

/// The SKP predikat of a year, if there is an entry for it.
pub fn rating(employee: &Employee, year: i32) -> Option<Rating> {
    employee
        .ratings
        .iter()
        .find(|&&(of, _)| of == year)
        .map(|&(_, rating)| rating)
}

fn rating_points(rating: Rating) -> u8 {
    match rating {
        Rating::SangatBaik => 15,
        Rating::Baik => 10,
        Rating::ButuhPerbaikan => 3,
        Rating::Kurang | Rating::SangatKurang => 0,
    }
}

/// `kinerja`: SKP of Y and Y-1 both at least Baik; a present entry below Baik makes it false
/// even when the other is missing (false beats unknown).
fn performance(employee: &Employee, year: i32) -> Truth {
    let at_least_good = |year| match rating(employee, year) {
        Some(rating) => Truth::from(rating >= Rating::Baik),
        None => Truth::Unknown,
    };
    at_least_good(year).and(at_least_good(year - 1))
}

/// `bebas_hukuman_disiplin`: no punishment running on D (both ends inclusive), and not under
/// examination; a running punishment decides even when `proses_disiplin` is not known.
fn free_of_discipline(employee: &Employee, as_of: Day) -> Truth {
    let punished = employee
        .punishments
        .iter()
        .any(|punishment| punishment.start <= as_of && as_of <= punishment.end);
    let examined = employee
        .under_examination
        .map_or(Truth::Unknown, Truth::from);
    Truth::from(!punished).and(!examined)
}
