//! The trainings and certificates an employee holds: the basic CPNS training, leadership
//! training for (future) leaders, many of the current position's requirements, and some
//! towards other positions; certificates carry a validity, some expired or about to.

use super::career::{date_between, days, years};
use super::organisation::{Organisation, Position, Post};
use super::rng::Rng;
use super::vocabulary::{Kind, Rank, training_named};
use crate::date::Date;

/// A pelatihan entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub code: &'static str,
    pub name: Option<&'static str>,
    pub done: Date,
    pub valid_until: Option<Date>,
}

/// What the trainings of one employee depend on.
pub struct Holder<'a> {
    pub post: &'a Post,
    pub position: Option<&'a Position>,
    pub pppk: bool,
    pub rank: Option<Rank>,
    pub entry: Date,
    pub as_of: Date,
}

/// The employee's pelatihan, by completion date.
pub fn trainings(rng: &mut Rng, organisation: &Organisation, holder: &Holder<'_>) -> Vec<Held> {
    let mut held: Vec<Held> = Vec::new();
    foundations(rng, holder, &mut held);
    for_current_position(rng, holder, &mut held);
    towards_other_positions(rng, organisation, holder, &mut held);
    held.sort_by_key(|h| (h.done, h.code));
    held
}

/// The basic CPNS training, and leadership training taken in order: PKP before PKA before
/// PKN_II.
fn foundations(rng: &mut Rng, holder: &Holder<'_>, held: &mut Vec<Held>) {
    let (start, as_of) = (holder.entry, holder.as_of);
    if !holder.pppk && rng.chance(920) {
        let done = days(start, rng.between(120, 400)).min(as_of);
        add(rng, held, "LATSAR_CPNS", done, as_of);
    }
    let codes = leadership(rng, holder);
    let earliest = years(start, 2).max(years(as_of, -12)).min(as_of);
    let mut dates: Vec<Date> = codes
        .iter()
        .map(|_| date_between(rng, earliest, as_of))
        .collect();
    dates.sort_unstable();
    for (code, done) in codes.into_iter().zip(dates) {
        add(rng, held, code, done, as_of);
    }
}

/// Many of the current position's trainings and certificates, and of its field's training.
fn for_current_position(rng: &mut Rng, holder: &Holder<'_>, held: &mut Vec<Held>) {
    let (start, as_of) = (holder.entry, holder.as_of);
    if let Some(position) = holder.position {
        for code in &position.trainings {
            if rng.chance(620) {
                let done = date_between(rng, start, as_of);
                add(rng, held, code, done, as_of);
            }
        }
        for code in &position.certificates {
            if rng.chance(800) {
                let done = date_between(rng, start, as_of);
                add(rng, held, code, done, as_of);
            }
        }
    }
    if let Some(code) = holder.post.field.training.filter(|_| rng.chance(250)) {
        let done = date_between(rng, start, as_of);
        add(rng, held, code, done, as_of);
    }
}

/// Up to two trainings that other positions ask for.
fn towards_other_positions(
    rng: &mut Rng,
    organisation: &Organisation,
    holder: &Holder<'_>,
    held: &mut Vec<Held>,
) {
    let count = *rng.weighted(&[(0, 45), (1, 35), (2, 20)]).unwrap_or(&0);
    for _ in 0..count {
        let Some(other) = rng.pick(&organisation.positions) else {
            return;
        };
        let codes: Vec<&'static str> = other
            .trainings
            .iter()
            .chain(&other.certificates)
            .copied()
            .collect();
        if let Some(code) = rng.pick(&codes) {
            let done = date_between(rng, holder.entry, holder.as_of);
            add(rng, held, code, done, holder.as_of);
        }
    }
}

/// Leadership trainings: what the post calls for (usually held), and sometimes the next one
/// up for those aiming higher.
fn leadership(rng: &mut Rng, holder: &Holder<'_>) -> Vec<&'static str> {
    let mut codes = Vec::new();
    match holder.post.kind {
        Kind::JptPratama => {
            push_if(rng, &mut codes, "PKP", 950);
            push_if(rng, &mut codes, "PKA", 950);
            push_if(rng, &mut codes, "PKN_II", 880);
        }
        Kind::Administrator => {
            push_if(rng, &mut codes, "PKP", 900);
            push_if(rng, &mut codes, "PKA", 850);
            push_if(rng, &mut codes, "PKN_II", 60);
        }
        Kind::Pengawas => {
            push_if(rng, &mut codes, "PKP", 840);
            push_if(rng, &mut codes, "PKA", 100);
        }
        Kind::Fungsional | Kind::Pelaksana => {
            let senior = holder.rank.is_some_and(|r| r >= Rank::III_C);
            if senior && !holder.pppk {
                push_if(rng, &mut codes, "PKP", 150);
            }
        }
    }
    codes
}

fn push_if(rng: &mut Rng, codes: &mut Vec<&'static str>, code: &'static str, per_mille: u32) {
    if rng.chance(per_mille) {
        codes.push(code);
    }
}

/// Adds a training unless already held; a certificate gets a validity: most still valid,
/// some expiring within six months, some expired, a few renewed (the old entry kept).
fn add(rng: &mut Rng, held: &mut Vec<Held>, code: &'static str, done: Date, as_of: Date) {
    if held.iter().any(|h| h.code == code) {
        return;
    }
    let training = training_named(code);
    let name = training.map(|t| t.name).filter(|_| rng.chance(900));
    let Some(valid) = training.and_then(|t| t.valid_years) else {
        held.push(Held {
            code,
            name,
            done,
            valid_until: None,
        });
        return;
    };
    let roll = rng.below(1000);
    let until = if roll < 750 {
        days(as_of, rng.between(183, valid * 365 - 1))
    } else if roll < 870 {
        days(as_of, rng.between(0, 182))
    } else {
        days(as_of, -rng.between(1, 730))
    };
    let done = years(until, -valid).min(as_of);
    if roll < 870 && rng.chance(120) {
        held.push(Held {
            code,
            name,
            done: years(done, -valid),
            valid_until: Some(done),
        });
    }
    held.push(Held {
        code,
        name,
        done,
        valid_until: Some(until),
    });
}
