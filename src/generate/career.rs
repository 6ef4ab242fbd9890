//! An employee's working life: age, education, entry into the service (TMT CPNS or PPPK),
//! golongan, the current position's TMT and the earlier positions that led to it.
//!
//! Everything is drawn to fit the position held: a kepala bidang is older, has served as
//! pengawas, and usually meets the golongan the post asks for.

use super::organisation::{Organisation, Position, Post, Role};
use super::rng::Rng;
use super::vocabulary::{Education, Kind, Level, MAJORS, Rank, SCHOOL_MAJORS, family, majors_of};
use crate::date::Date;

/// A pendidikan entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Degree {
    pub level: Education,
    pub major: &'static str,
    pub family: &'static str,
}

/// A riwayat_jabatan entry.
#[derive(Debug, Clone)]
pub struct Earlier {
    pub name: String,
    pub kind: Kind,
    pub level: Option<Level>,
    pub unit: &'static str,
    pub field: &'static str,
    pub start: Date,
    pub end: Date,
}

/// `date` moved by `days` (unchanged past the calendar's range).
pub fn days(date: Date, days: i64) -> Date {
    date.add_days(days).unwrap_or(date)
}

/// `date` moved by `years` (29 February becomes 28 February).
pub fn years(date: Date, years: i64) -> Date {
    date.add_years(years).unwrap_or(date)
}

/// A date in `low..=high` (`low` when the range is empty).
pub fn date_between(rng: &mut Rng, low: Date, high: Date) -> Date {
    days(low, rng.between(0, high.days_since(low).max(0)))
}

/// Ages the holders of a post have, (youngest, oldest), as of the data set's date.
pub fn age_range(post: &Post, pppk: bool) -> (i64, i64) {
    if pppk {
        return (25, 54);
    }
    match (post.kind, post.level) {
        (Kind::JptPratama, _) => (46, 60),
        (Kind::Administrator, _) => (39, 57),
        (Kind::Pengawas, _) => (32, 57),
        (Kind::Fungsional, Some(Level::AhliMadya)) => (42, 60),
        (Kind::Fungsional, Some(Level::AhliMuda)) => (33, 57),
        (Kind::Fungsional, Some(Level::Penyelia)) => (36, 57),
        (Kind::Fungsional, Some(Level::Mahir)) => (28, 56),
        (Kind::Fungsional, _) => (25, 52),
        (Kind::Pelaksana, _) => (25, 57),
    }
}

/// An age in the range, more often near its middle; at least old enough for the education.
pub fn age(rng: &mut Rng, (low, high): (i64, i64), education: Education) -> i64 {
    let low = low.max(education.graduation_age() + 3).min(high);
    (rng.between(low, high) + rng.between(low, high) + 1) / 2
}

/// A birth date for someone `age` years old on `as_of`, born no earlier than 1 January sixty
/// years before `as_of`'s year (1966 for 2026); a few are born on 29 February.
pub fn birth_date(rng: &mut Rng, as_of: Date, age: i64) -> Date {
    let earliest = Date::from_ymd(as_of.year() - 60, 1, 1).unwrap_or(as_of);
    let latest = days(years(as_of, -age), -1);
    let birth = date_between(rng, days(latest, -364).max(earliest), latest);
    if rng.chance(6) {
        let mut year = birth.year() - birth.year().rem_euclid(4);
        if year < earliest.year() {
            year += 4;
        }
        // Years divisible by 4 in 1901..2099 are leap years.
        if let Some(leap_day) = Date::from_ymd(year, 2, 29) {
            return leap_day;
        }
    }
    birth
}

/// 1-3 pendidikan entries, lowest first, fitting the position: usually its education and a
/// major it names, sometimes less.
pub fn education(rng: &mut Rng, post: &Post, position: Option<&Position>) -> Vec<Degree> {
    let minimum = position.map_or_else(|| post.education(), |p| p.min_education);
    let highest = highest_level(rng, post, minimum);
    let major = major_for(rng, post, position, highest);
    let top = degree(highest, major);
    let mut degrees = Vec::with_capacity(3);
    if highest >= Education::S1 && rng.chance(450) {
        degrees.push(school(rng));
    }
    match highest {
        Education::S3 => {
            degrees.push(degree(Education::S1, top.major));
            degrees.push(degree(Education::S2, top.major));
        }
        Education::S2 => {
            let first = if rng.chance(500) {
                top.major
            } else {
                rng.pick(post.field.majors).copied().unwrap_or(top.major)
            };
            degrees.push(degree(Education::S1, first));
        }
        Education::D3 | Education::D4 if rng.chance(450) => degrees.push(school(rng)),
        _ => {}
    }
    degrees.push(top);
    degrees.truncate(3);
    degrees
}

fn highest_level(rng: &mut Rng, post: &Post, minimum: Education) -> Education {
    if minimum > Education::Sma && rng.chance(90) {
        return minimum.lower();
    }
    if post.kind == Kind::Pelaksana && minimum <= Education::D3 {
        let weights: &[(Education, u32)] = if minimum == Education::Sma {
            &[
                (Education::Sma, 40),
                (Education::D3, 22),
                (Education::S1, 35),
                (Education::S2, 3),
            ]
        } else {
            &[(Education::D3, 45), (Education::S1, 50), (Education::S2, 5)]
        };
        return rng
            .weighted(weights)
            .copied()
            .unwrap_or(minimum)
            .max(minimum);
    }
    let roll = rng.below(1000);
    match minimum {
        Education::S1 | Education::D4 if roll < 190 => Education::S2,
        Education::S1 | Education::D4 if roll < 200 => Education::S3,
        Education::S2 if roll < 60 => Education::S3,
        Education::D3 if roll < 250 => Education::S1,
        Education::Sma => Education::D3,
        level => level,
    }
}

/// The major of the highest degree: a fitting one for most, a related or unrelated one for
/// some.
fn major_for(
    rng: &mut Rng,
    post: &Post,
    position: Option<&Position>,
    level: Education,
) -> &'static str {
    if level == Education::Sma {
        return school(rng).major;
    }
    let fitting: &[&'static str] = match (post.role, position) {
        (Role::Functional(f), _) => f.majors,
        (_, Some(p)) if !p.majors.is_empty() && rng.chance(400) => &p.majors,
        _ => post.field.majors,
    };
    let roll = rng.below(1000);
    let major = if roll < 760 {
        rng.pick(fitting).copied()
    } else if roll < 880 {
        let fam = rng.pick(fitting).map_or("Administrasi", |m| family(m));
        let related: Vec<&'static str> = majors_of(fam).filter(|m| !fitting.contains(m)).collect();
        rng.pick(&related).copied()
    } else {
        rng.pick(MAJORS).map(|(m, _)| *m)
    };
    let major = major.unwrap_or("Administrasi Publik");
    // No diploma in medicine: a doctor's post held with less is a nurse's education.
    if major == "Kedokteran" && level < Education::S1 {
        "Keperawatan"
    } else {
        major
    }
}

fn degree(level: Education, major: &'static str) -> Degree {
    Degree {
        level,
        major,
        family: family(major),
    }
}

fn school(rng: &mut Rng) -> Degree {
    let (major, fam) = rng.pick(SCHOOL_MAJORS).copied().unwrap_or(("IPA", "Umum"));
    Degree {
        level: Education::Sma,
        major,
        family: fam,
    }
}

/// Entry into the service: TMT CPNS (or the PPPK contract) on the first of a month, and the
/// education held then.
pub fn entry(
    rng: &mut Rng,
    birth: Date,
    degrees: &[Degree],
    pppk: bool,
    as_of: Date,
) -> (Date, Education) {
    let highest = degrees.last().map_or(Education::Sma, |d| d.level);
    let latest = as_of.year() - 1;
    let month = u32::try_from(rng.between(1, 12)).unwrap_or(1);
    if pppk {
        let earliest = (birth.year() + 21).max(2019).min(latest);
        let year = rng.between(i64::from(earliest), i64::from(latest));
        let year = i32::try_from(year).unwrap_or(latest);
        let date = Date::from_ymd(year, month, 1).unwrap_or(as_of);
        return (date.min(years(as_of, -1)), highest);
    }
    let mut at_entry = highest;
    if highest >= Education::S2 && rng.chance(600) {
        at_entry = Education::S1;
    } else if highest == Education::S1 && rng.chance(120) {
        at_entry = Education::D3;
    }
    let wait = rng.between(1, 5).min(rng.between(1, 9));
    let age = at_entry.graduation_age() + wait;
    let year = (birth.year() + i32::try_from(age).unwrap_or(24))
        .clamp(birth.year() + 19, latest.max(birth.year() + 19));
    let date = Date::from_ymd(year, month, 1).unwrap_or(as_of);
    (date.min(years(as_of, -1)), at_entry)
}

/// Golongan of a PNS: promoted every four or five years from the entry rank, capped by
/// education and post, and usually at least what the position asks for.
pub fn rank(
    rng: &mut Rng,
    post: &Post,
    position: Option<&Position>,
    at_entry: Education,
    highest: Education,
    entry: Date,
    as_of: Date,
) -> Option<Rank> {
    if rng.chance(4) {
        return None;
    }
    let mut start = at_entry.entry_rank();
    if degrees_in_medicine(post) && at_entry >= Education::S1 {
        start = Rank::III_B;
    }
    let served = as_of.days_since(entry) / 365;
    let mut steps = served / rng.between(4, 6) - rng.between(0, 1);
    if highest > at_entry {
        steps += 1;
    }
    let ceiling = match post.kind {
        Kind::JptPratama => Rank::IV_D.min(highest.rank_ceiling().step(2)),
        Kind::Administrator => Rank::IV_B.min(highest.rank_ceiling().step(1)),
        Kind::Pengawas => Rank::IV_A.min(highest.rank_ceiling().step(1)),
        Kind::Fungsional => post.level.map_or(Rank::III_D, |l| l.ranks().1),
        Kind::Pelaksana => Rank::III_D.min(highest.rank_ceiling()),
    };
    let mut rank = start.step(steps).min(ceiling.max(start));
    if let Some(minimum) = position.and_then(|p| p.min_rank) {
        if rank < minimum && rng.chance(820) {
            rank = minimum;
        }
    }
    Some(rank)
}

fn degrees_in_medicine(post: &Post) -> bool {
    matches!(post.role, Role::Functional(f) if f.code == "DOKTER")
}

/// TMT of the current position: a third within the last two years (monitoring), a fifth more
/// than five years ago (due for rotation), a few exactly on the policy's boundaries.
pub fn since(rng: &mut Rng, entry: Date, as_of: Date) -> Date {
    let roll = rng.below(1000);
    let date = if roll < 15 {
        let boundaries = [
            years(as_of, -2),
            days(years(as_of, -2), 1),
            years(as_of, -5),
            days(years(as_of, -5), -1),
        ];
        rng.pick(&boundaries).copied().unwrap_or(as_of)
    } else if roll < 345 {
        days(as_of, -rng.between(0, 730))
    } else if roll < 545 {
        days(as_of, -rng.between(1828, 3650))
    } else {
        days(as_of, -rng.between(731, 1827))
    };
    if date < entry {
        let room = as_of.days_since(entry).clamp(0, 90);
        return days(entry, rng.between(0, room));
    }
    date
}

/// A step back in a career: a kind of post, or a lower jenjang of the same jabatan fungsional.
#[derive(Debug, Clone, Copy)]
enum Step {
    Kind(Kind),
    Lower(Level),
}

/// Earlier positions, oldest first, ending before `since` and starting no earlier than `entry`.
pub fn history(
    rng: &mut Rng,
    organisation: &Organisation,
    post: &Post,
    since: Date,
    entry: Date,
) -> Vec<Earlier> {
    let ladder = ladder(rng, post);
    let required = ladder
        .iter()
        .take_while(|s| matches!(s, Step::Kind(k) if k.structural()))
        .count();
    let wanted = *rng
        .weighted(&[(0, 8), (1, 22), (2, 30), (3, 22), (4, 18)])
        .unwrap_or(&2);
    let wanted = wanted.max(required);
    let mut earlier = Vec::new();
    let mut cursor = since;
    for step in ladder.into_iter().take(wanted) {
        let gap = if rng.chance(100) {
            rng.between(2, 120)
        } else {
            1
        };
        let end = days(cursor, -gap);
        let length = match step {
            Step::Kind(Kind::Pengawas) => rng.between(3 * 365, 6 * 365),
            Step::Kind(Kind::Pelaksana) => rng.between(2 * 365, 7 * 365),
            _ => rng.between(2 * 365, 5 * 365),
        };
        let start = days(end, -length).max(entry);
        if end.days_since(start) < 180 {
            break;
        }
        if let Some(mut entry) = earlier_post(rng, organisation, post, step) {
            entry.start = start;
            entry.end = end;
            earlier.push(entry);
        }
        cursor = start;
    }
    earlier.reverse();
    earlier
}

/// The career that typically leads to a post, latest step first.
fn ladder(rng: &mut Rng, post: &Post) -> Vec<Step> {
    let mut steps = Vec::with_capacity(4);
    match post.kind {
        Kind::Pelaksana => {}
        Kind::Fungsional => {
            if !rng.chance(250) {
                let mut level = post.level;
                while let Some(lower) = level.and_then(Level::lower) {
                    steps.push(Step::Lower(lower));
                    level = Some(lower);
                }
            }
        }
        Kind::Pengawas => {
            if rng.chance(300) {
                steps.push(Step::Kind(Kind::Pengawas));
            }
        }
        Kind::Administrator => {
            if rng.chance(300) {
                steps.push(Step::Kind(Kind::Administrator));
            }
            steps.push(Step::Kind(Kind::Pengawas));
            if rng.chance(400) {
                steps.push(Step::Kind(Kind::Pengawas));
            }
        }
        Kind::JptPratama => {
            steps.push(Step::Kind(Kind::Administrator));
            if rng.chance(500) {
                steps.push(Step::Kind(Kind::Administrator));
            }
            steps.push(Step::Kind(Kind::Pengawas));
        }
    }
    while steps.len() < 4 {
        let kind = if post.kind == Kind::Pengawas && rng.chance(250) {
            Kind::Fungsional
        } else {
            Kind::Pelaksana
        };
        steps.push(Step::Kind(kind));
    }
    steps
}

fn earlier_post(
    rng: &mut Rng,
    organisation: &Organisation,
    post: &Post,
    step: Step,
) -> Option<Earlier> {
    let placeholder = Date(0);
    match (step, post.role) {
        (Step::Lower(level), Role::Functional(functional)) => Some(Earlier {
            name: format!("{} {}", functional.name, level.title()),
            kind: Kind::Fungsional,
            level: Some(level),
            unit: post.unit.name,
            field: post.field.name,
            start: placeholder,
            end: placeholder,
        }),
        (Step::Kind(kind), _) => {
            let earlier = organisation.earlier_post(kind, post.unit, post.field, rng)?;
            Some(Earlier {
                name: earlier.name.clone(),
                kind,
                level: earlier.level,
                unit: earlier.unit.name,
                field: earlier.field.name,
                start: placeholder,
                end: placeholder,
            })
        }
        (Step::Lower(_), _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_day_births_happen_and_are_real_dates() {
        let as_of = Date::from_ymd(2026, 11, 27).unwrap();
        let mut rng = Rng::stream(9, 0, 0);
        let leap_days = (0..20_000)
            .map(|_| birth_date(&mut rng, as_of, 40))
            .filter(|d| d.ymd().1 == 2 && d.ymd().2 == 29)
            .count();
        assert!(leap_days > 50, "{leap_days}");
    }

    #[test]
    fn history_ends_before_the_current_post_without_overlap() {
        let organisation = Organisation::new(4, 200);
        let as_of = Date::from_ymd(2026, 11, 27).unwrap();
        let entry = Date::from_ymd(1995, 3, 1).unwrap();
        let mut rng = Rng::stream(4, 9, 0);
        for position in &organisation.positions {
            let since = since(&mut rng, entry, as_of);
            let earlier = history(&mut rng, &organisation, &position.post, since, entry);
            let mut last_end = entry;
            for (i, e) in earlier.iter().enumerate() {
                assert!(e.start < e.end && e.end < since);
                assert!(i == 0 || e.start > last_end);
                assert!(e.start >= entry);
                last_end = e.end;
            }
        }
    }
}
