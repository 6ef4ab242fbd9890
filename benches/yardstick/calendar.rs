//! Calendar days as integers: the yardstick compares and subtracts days, and turns them back into
//! dates only to add years (POLICY.md 1.4 `add_years`) and to print them.

use chrono::{Datelike, NaiveDate};

/// A calendar day, counted from 1970-01-01 (day 0).
pub type Day = i32;

/// A day later than any real one: "never", for a condition that cannot hold in the window.
pub const NEVER: Day = Day::MAX;

/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

/// A `YYYY-MM-DD` day; `None` for anything else (including impossible days like 2023-02-29).
pub fn parse(text: &str) -> Option<Day> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let number = |from: usize, to: usize| text.get(from..to)?.parse::<u32>().ok();
    let year = i32::try_from(number(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?).map(from_date)
}

/// The day as `YYYY-MM-DD`.
pub fn format(day: Day) -> String {
    let date = to_date(day);
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// The calendar year of the day.
pub fn year(day: Day) -> i32 {
    to_date(day).year()
}

/// POLICY.md 1.4: same month and day `years` later (or earlier); 29 February becomes
/// 28 February in a non-leap year.
pub fn add_years(day: Day, years: i32) -> Day {
    let date = to_date(day);
    let year = date.year() + years;
    date.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .map_or(day, from_date)
}

fn from_date(date: NaiveDate) -> Day {
    date.num_days_from_ce() - UNIX_EPOCH_FROM_CE
}

fn to_date(day: Day) -> NaiveDate {
    // INVARIANT: days come from `parse` and `add_years`, so they are inside chrono's range.
    NaiveDate::from_num_days_from_ce_opt(day.saturating_add(UNIX_EPOCH_FROM_CE))
        .unwrap_or(NaiveDate::MIN)
}
