//! `eligible_from` (POLICY.md section 4): the first day d with D < d <= add_years(D, 3) on
//! which every hard rule, evaluated as of d, is true.
//!
//! Only six rules read the date, and each is a simple set of days: masa_jabatan, riwayat_hukuman
//! and pengalaman_jabatan hold from some day on (their sides only grow with d), sisa_masa_kerja
//! holds until some day, bebas_hukuman_disiplin holds outside the punishment intervals and
//! sertifikat_wajib inside the validity intervals of each certificate. Those thresholds and
//! intervals depend on the employee alone, so they are found once per employee (by binary search
//! where a threshold is not plain arithmetic); a pair then advances a candidate day past every
//! constraint it breaks until none moves it, which gives the earliest day that meets them all.
//! Training owed does not matter: eligible_after_training qualifies.

use super::calendar::{self, Day, NEVER};
use super::facts::{Dates, days_in};
use super::model::{Employee, Experience, Position, RetirementAge};
use super::outcome::{Outcome, Rule, Rules};
use super::records::PunishmentLevel;
use super::vocabulary::Id;

/// Rules whose value does not change with the date: if one of them is false or unknown on D it
/// is so on every day. Unknown `bebas_hukuman_disiplin` (no `proses_disiplin`) stays unknown.
const FIXED: Rules = Rules::of(&[
    Rule::StatusAktif,
    Rule::JenisAsn,
    Rule::PosisiBerbeda,
    Rule::Kinerja,
    Rule::PendidikanMinimal,
    Rule::GolonganMinimal,
    Rule::KualifikasiJurusan,
]);

/// The days on which each date-dependent rule holds, for one employee.
#[derive(Debug, Default)]
pub struct Timeline {
    /// `proses_disiplin` is false: outside punishments, `bebas_hukuman_disiplin` can hold.
    examination_clear: bool,
    /// The first day after D on which `masa_jabatan` holds.
    first_day: Day,
    /// The first day `riwayat_hukuman` holds for a structural position.
    record_clear_from: Day,
    /// The first day `pengalaman_jabatan` holds, by [`Experience`].
    experienced_from: [Day; 3],
    /// The last day `sisa_masa_kerja` holds (at most the horizon), by [`RetirementAge`].
    retirement_allows_until: [Day; 3],
    /// Punishment intervals (both ends inclusive), by start.
    punishments: Vec<(Day, Day)>,
}

impl Timeline {
    pub fn fill(&mut self, employee: &Employee, dates: &Dates) {
        let window = (dates.as_of + 1, dates.horizon);
        self.examination_clear = employee.under_examination == Some(false);
        self.first_day = window.0.max(calendar::add_years(employee.post.start, 2));
        self.record_clear_from = record_clear_from(employee, window);
        for experience in Experience::ALL {
            let required = experience.days_required();
            self.experienced_from[experience.index()] = first_day(window, |day| {
                days_in(employee, day, |post| experience.counts(post)) >= required
            })
            .unwrap_or(NEVER);
        }
        for age in RetirementAge::ALL {
            let retires = calendar::add_years(employee.birth, age.years());
            let too_late = first_day(window, |day| calendar::add_years(day, 2) > retires);
            self.retirement_allows_until[age.index()] = too_late.map_or(window.1, |day| day - 1);
        }
        self.punishments.clear();
        self.punishments
            .extend(employee.punishments.iter().map(|p| (p.start, p.end)));
        self.punishments.sort_unstable();
    }

    /// The pair's `eligible_from`, given its outcome on D (which must be not_eligible).
    pub fn eligible_from(
        &self,
        employee: &Employee,
        position: &Position,
        on_as_of: &Outcome,
    ) -> Option<Day> {
        if on_as_of.failed.intersects(FIXED) || !on_as_of.unknown.is_empty() {
            return None;
        }
        if !self.examination_clear {
            return None;
        }
        let mut day = self.first_day;
        if position.structural {
            day = day.max(self.record_clear_from);
        }
        if let Some(experience) = position.experience {
            day = day.max(self.experienced_from[experience.index()]);
        }
        let last = self.retirement_allows_until[position.retirement_age.index()];
        loop {
            if day > last {
                return None;
            }
            let mut next = self.after_punishments(day);
            for &code in &position.certificates {
                next = next_held(employee, code, next)?;
            }
            if next == day {
                return Some(day);
            }
            day = next;
        }
    }

    /// The first day from `day` on with no punishment running.
    fn after_punishments(&self, mut day: Day) -> Day {
        // Sorted by start: once `day` has moved past an interval, no earlier one can hold it.
        for &(start, end) in &self.punishments {
            if start <= day && day <= end {
                day = end + 1;
            }
        }
        day
    }
}

/// The first day from `day` on on which `code` is held, if any.
fn next_held(employee: &Employee, code: Id, day: Day) -> Option<Day> {
    employee
        .trainings
        .iter()
        .filter(|training| training.code == code)
        // An entry is held from its completion to its expiry: the first such day from `day` on.
        .map(|training| (training, training.completed.max(day)))
        .filter(|(training, candidate)| training.held_on(*candidate))
        .map(|(_, candidate)| candidate)
        .min()
}

/// `riwayat_hukuman` holds on d when no sedang/berat punishment ends after `add_years(d, -4)`.
fn record_clear_from(employee: &Employee, window: (Day, Day)) -> Day {
    let last_end = employee
        .punishments
        .iter()
        .filter(|punishment| punishment.level >= PunishmentLevel::Sedang)
        .map(|punishment| punishment.end)
        .max();
    match last_end {
        None => Day::MIN,
        Some(end) => first_day(window, |day| calendar::add_years(day, -4) >= end).unwrap_or(NEVER),
    }
}

/// The first day of `window` (both ends inclusive) on which `holds`, for a `holds` that never
/// turns false again once true.
fn first_day(window: (Day, Day), holds: impl Fn(Day) -> bool) -> Option<Day> {
    let (mut low, mut high) = window;
    if low > high || !holds(high) {
        return None;
    }
    while low < high {
        let middle = low + (high - low) / 2;
        if holds(middle) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    Some(low)
}
