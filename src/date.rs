//! Calendar dates as day numbers, with the calendar arithmetic the policy needs.
//!
//! A [`Date`] is the number of days since 1970-01-01, so comparing and subtracting dates is
//! integer work; chrono does the calendar conversions. Adding years or months keeps the day of
//! the month and clamps it to the month's end: 29 February plus one year is 28 February.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A calendar date (proleptic Gregorian), as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i32);

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

impl Date {
    /// The date of a year, month and day, if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date::from_naive)
    }

    fn from_naive(date: NaiveDate) -> Date {
        Date(date.num_days_from_ce() - UNIX_EPOCH_FROM_CE)
    }

    fn naive(self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.0.checked_add(UNIX_EPOCH_FROM_CE)?)
    }

    /// Today's date on this machine's clock (local time).
    pub fn today() -> Date {
        Date::from_naive(chrono::Local::now().date_naive())
    }

    /// Parses exactly `YYYY-MM-DD`; `None` for any other form or a day that does not exist.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = i32::try_from(number(0..4)?).ok()?;
        Date::from_ymd(year, number(5..7)?, number(8..10)?)
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i32, u32, u32) {
        match self.naive() {
            Some(date) => (date.year(), date.month(), date.day()),
            None => (0, 1, 1),
        }
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// `add_years` of the policy generalised to months: same day of the month `months` later
    /// (or earlier), clamped to the last day of the target month. `None` past the calendar's
    /// range.
    pub fn add_months(self, months: i64) -> Option<Date> {
        let (year, month, day) = self.ymd();
        let index = i64::from(year) * 12 + i64::from(month) - 1 + months;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u32::try_from(index.rem_euclid(12) + 1).ok()?;
        let last = days_in_month(year, month)?;
        Date::from_ymd(year, month, day.min(last))
    }

    pub fn add_years(self, years: i64) -> Option<Date> {
        self.add_months(years.checked_mul(12)?)
    }

    pub fn add_days(self, days: i64) -> Option<Date> {
        let days = i32::try_from(days).ok()?;
        let moved = Date(self.0.checked_add(days)?);
        moved.naive().map(|_| moved)
    }

    /// `self - earlier` in days.
    pub fn days_since(self, earlier: Date) -> i64 {
        i64::from(self.0) - i64::from(earlier.0)
    }

    /// The eight digits `YYYYMMDD`, as they open an NIP.
    pub fn digits(self) -> String {
        let (year, month, day) = self.ymd();
        format!("{year:04}{month:02}{day:02}")
    }

    /// Writes `YYYY-MM-DD` into a byte buffer (the JSON Lines writer's fast path).
    pub fn write_iso(self, out: &mut Vec<u8>) {
        let (year, month, day) = self.ymd();
        let year = u32::try_from(year).unwrap_or(0);
        for digit in [year / 1000 % 10, year / 100 % 10, year / 10 % 10, year % 10] {
            out.push(b'0' + digit as u8);
        }
        out.push(b'-');
        out.push(b'0' + (month / 10) as u8);
        out.push(b'0' + (month % 10) as u8);
        out.push(b'-');
        out.push(b'0' + (day / 10) as u8);
        out.push(b'0' + (day % 10) as u8);
    }
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let (next_year, next_month) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    let first_of_next = NaiveDate::from_ymd_opt(next_year, next_month, 1)?;
    first_of_next.pred_opt().map(|last| last.day())
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn parses_only_real_days_in_iso_form() {
        assert_eq!(date("1970-01-01"), Date(0));
        assert_eq!(date("2024-02-29").to_string(), "2024-02-29");
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2023-2-28"), None);
        assert_eq!(Date::parse("2023-13-01"), None);
        assert_eq!(Date::parse("2023-01-01x"), None);
        assert_eq!(Date::parse("+023-01-01"), None);
    }

    #[test]
    fn leap_day_plus_a_year_is_28_february() {
        assert_eq!(date("2024-02-29").add_years(1), Some(date("2025-02-28")));
        assert_eq!(date("2024-02-29").add_years(4), Some(date("2028-02-29")));
        assert_eq!(date("2024-02-29").add_years(-4), Some(date("2020-02-29")));
        assert_eq!(date("2024-02-29").add_years(-1), Some(date("2023-02-28")));
        assert_eq!(date("2023-03-01").add_years(1), Some(date("2024-03-01")));
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(date("2026-01-31").add_months(1), Some(date("2026-02-28")));
        assert_eq!(date("2026-03-31").add_months(-1), Some(date("2026-02-28")));
        assert_eq!(date("2026-12-15").add_months(1), Some(date("2027-01-15")));
    }

    #[test]
    fn day_arithmetic_is_exact() {
        assert_eq!(date("2024-03-01").days_since(date("2024-02-28")), 2);
        assert_eq!(date("2023-03-01").days_since(date("2023-02-28")), 1);
        assert_eq!(date("2024-02-28").add_days(1), Some(date("2024-02-29")));
    }

    #[test]
    fn writes_iso_digits() {
        let mut out = Vec::new();
        date("0987-03-04").write_iso(&mut out);
        assert_eq!(out, b"0987-03-04");
        assert_eq!(date("1985-03-12").digits(), "19850312");
    }
}
