//! How an employee works and behaves: status, competencies, yearly SKP ratings, disciplinary
//! sanctions and examinations, and the units they would like to move to.

use super::career::days;
use super::city::{UNITS, Unit};
use super::organisation::Position;
use super::rng::Rng;
use super::vocabulary::COMPETENCIES;
use crate::date::Date;

/// A hukuman_disiplin entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sanction {
    pub level: &'static str,
    pub kind: Option<&'static str>,
    pub start: Date,
    pub end: Date,
}

/// How well someone works, year after year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Performance {
    Excellent,
    Good,
    Weak,
    Poor,
}

pub fn performance(rng: &mut Rng) -> Performance {
    *rng.weighted(&[
        (Performance::Excellent, 25),
        (Performance::Good, 63),
        (Performance::Weak, 9),
        (Performance::Poor, 3),
    ])
    .unwrap_or(&Performance::Good)
}

/// Mostly aktif; PPPK have neither study leave nor unpaid leave.
pub fn status(rng: &mut Rng, pppk: bool) -> &'static str {
    let status = *rng
        .weighted(&[
            ("aktif", 965),
            ("tugas_belajar", 20),
            ("cltn", 8),
            ("diberhentikan_sementara", 7),
        ])
        .unwrap_or(&"aktif");
    if pppk && status != "diberhentikan_sementara" {
        "aktif"
    } else {
        status
    }
}

/// Competency levels: near what the position asks for, plus a few others; sorted by name.
pub fn competencies(
    rng: &mut Rng,
    position: Option<&Position>,
    fields: &[&[&'static str]],
) -> Vec<(&'static str, u8)> {
    if rng.chance(30) {
        return Vec::new();
    }
    let mut levels: Vec<(&'static str, u8)> = Vec::new();
    for &(name, required) in position.map_or(&[][..], |p| &p.competencies) {
        if rng.chance(900) {
            let delta = *rng
                .weighted(&[(-2, 6), (-1, 26), (0, 40), (1, 22), (2, 6)])
                .unwrap_or(&0);
            levels.push((name, level(i64::from(required) + delta)));
        }
    }
    let extra = 1 + rng.index(3);
    for _ in 0..extra {
        let pool = rng.pick(fields).copied().unwrap_or(COMPETENCIES);
        let pool = if rng.chance(200) { COMPETENCIES } else { pool };
        if let Some(&name) = rng.pick(pool) {
            if !levels.iter().any(|(n, _)| *n == name) {
                levels.push((name, level(rng.between(1, 4))));
            }
        }
    }
    levels.sort_unstable();
    levels
}

fn level(value: i64) -> u8 {
    u8::try_from(value.clamp(1, 5)).unwrap_or(3)
}

/// SKP of the last two to four years before `as_of`'s year, none before entry; some years are
/// missing, most ratings Baik or Sangat Baik.
pub fn ratings(
    rng: &mut Rng,
    performance: Performance,
    entry: Date,
    status: &str,
    as_of: Date,
) -> Vec<(i64, &'static str)> {
    let last = i64::from(as_of.year()) - 1;
    let count = *rng.weighted(&[(2, 30), (3, 35), (4, 35)]).unwrap_or(&3);
    let away = status == "tugas_belajar" || status == "cltn";
    let mut ratings = Vec::new();
    for year in (last - count + 1)..=last {
        let missing = if away && year == last { 700 } else { 60 };
        if year < i64::from(entry.year()) || rng.chance(missing) {
            continue;
        }
        ratings.push((year, rating(rng, performance)));
    }
    ratings
}

fn rating(rng: &mut Rng, performance: Performance) -> &'static str {
    let weights: &[(&'static str, u32)] = match performance {
        Performance::Excellent => &[("Sangat Baik", 70), ("Baik", 30)],
        Performance::Good => &[("Sangat Baik", 15), ("Baik", 80), ("Butuh Perbaikan", 5)],
        Performance::Weak => &[("Baik", 35), ("Butuh Perbaikan", 50), ("Kurang", 15)],
        Performance::Poor => &[
            ("Butuh Perbaikan", 30),
            ("Kurang", 50),
            ("Sangat Kurang", 20),
        ],
    };
    rng.weighted(weights).copied().unwrap_or("Baik")
}

/// Sanctions under PP 94/2021 for a few: light, moderate or heavy; some still running on
/// `as_of`, some long past.
pub fn sanctions(
    rng: &mut Rng,
    performance: Performance,
    entry: Date,
    as_of: Date,
) -> Vec<Sanction> {
    let scale = if performance == Performance::Poor {
        4
    } else {
        1
    };
    let roll = rng.below(1000);
    let count = if roll < 5 * scale {
        2
    } else if roll < 45 * scale {
        1
    } else {
        0
    };
    let mut sanctions: Vec<Sanction> = (0..count).map(|_| sanction(rng, entry, as_of)).collect();
    sanctions.sort_by_key(|s| s.start);
    sanctions
}

fn sanction(rng: &mut Rng, entry: Date, as_of: Date) -> Sanction {
    let (level, kinds, months): (&str, &[&str], &[i64]) = *rng
        .weighted(&[
            (
                (
                    "ringan",
                    &[
                        "teguran lisan",
                        "teguran tertulis",
                        "pernyataan tidak puas secara tertulis",
                    ][..],
                    &[6][..],
                ),
                55,
            ),
            (
                (
                    "sedang",
                    &["pemotongan tunjangan kinerja sebesar 25 persen"][..],
                    &[6, 9, 12][..],
                ),
                30,
            ),
            (
                (
                    "berat",
                    &[
                        "penurunan jabatan setingkat lebih rendah",
                        "pembebasan dari jabatan menjadi jabatan pelaksana",
                    ][..],
                    &[12][..],
                ),
                15,
            ),
        ])
        .unwrap_or(&("ringan", &[], &[6]));
    let back = if rng.chance(350) {
        rng.between(0, 365)
    } else {
        rng.between(366, 8 * 365)
    };
    let start = days(as_of, -back).max(entry);
    let months = rng.pick(months).copied().unwrap_or(6);
    let end = start.add_months(months).unwrap_or(start);
    Sanction {
        level,
        kind: rng.pick(kinds).copied().filter(|_| rng.chance(850)),
        start,
        end,
    }
}

/// Under disciplinary examination now: mostly no, a few yes, some not recorded.
pub fn under_examination(rng: &mut Rng, status: &str) -> Option<bool> {
    if status == "diberhentikan_sementara" {
        return Some(true);
    }
    let roll = rng.below(1000);
    if roll < 25 {
        Some(true)
    } else if roll < 160 {
        None
    } else {
        Some(false)
    }
}

/// Up to three preferred units, most preferred first; now and then the own unit comes first.
pub fn wishes(rng: &mut Rng, own: &Unit) -> Vec<&'static str> {
    let count = *rng
        .weighted(&[(0, 40), (1, 30), (2, 20), (3, 10)])
        .unwrap_or(&0);
    let mut wishes: Vec<&'static str> = Vec::with_capacity(count);
    if count > 0 && rng.chance(250) {
        wishes.push(own.name);
    }
    let mut attempts = 0;
    while wishes.len() < count && attempts < 20 {
        attempts += 1;
        if let Some(unit) = rng.pick(UNITS) {
            if !wishes.contains(&unit.name) {
                wishes.push(unit.name);
            }
        }
    }
    wishes
}
