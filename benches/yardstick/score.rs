//! The competency-fit score of a pair (POLICY.md section 5), part by part.

use super::facts::Facts;
use super::model::Position;

/// Points of each part: pendidikan, kompetensi, pengalaman_bidang, kinerja, minat.
#[inline]
pub fn parts(facts: &Facts, position: &Position, fits_major: bool) -> [u8; 5] {
    [
        education(facts, position, fits_major),
        competency(facts, position),
        field_experience(facts, position),
        facts.rating_points,
        facts.interest_points.get(position.unit),
    ]
}

/// 30 for a fitting jurusan, else 15 for a fitting rumpun, else 0.
fn education(facts: &Facts, position: &Position, fits_major: bool) -> u8 {
    if fits_major {
        30
    } else if position
        .families
        .iter()
        .any(|&family| facts.families.get(family))
    {
        15
    } else {
        0
    }
}

/// `floor(30 * sum min(have, need) / sum need)`, 30 when nothing is required.
fn competency(facts: &Facts, position: &Position) -> u8 {
    if position.competency_total == 0 {
        return 30;
    }
    let have: u32 = position
        .competencies
        .iter()
        .map(|&(name, need)| u32::from(facts.competency.get(name).min(need)))
        .sum();
    u8::try_from(30 * have / position.competency_total).unwrap_or(30)
}

/// `min(15, 3 * floor(days_in(bidang == f.bidang) / 365))`.
fn field_experience(facts: &Facts, position: &Position) -> u8 {
    let years = facts.field_days.get(position.field) / 365;
    u8::try_from((3 * years).min(15)).unwrap_or(15)
}
