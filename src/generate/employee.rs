//! One employee (pegawai), drawn from its own random stream: it depends only on the seed, the
//! organisation, the date and its index (and, for its NIP's sequence number, on the NIPs given
//! before it).

use std::collections::HashSet;

use super::career::{self, Degree, Earlier};
use super::conduct::{self, Sanction};
use super::names;
use super::organisation::{Organisation, Position, Post, Role};
use super::rng::Rng;
use super::training::{self, Held, Holder};
use super::vocabulary::{Education, Kind, Rank};
use crate::date::Date;

/// A generated employee: POLICY.md 1.2.
#[derive(Debug, Clone)]
pub struct Employee<'o> {
    pub nip: String,
    pub name: String,
    pub pppk: bool,
    pub status: &'static str,
    pub birth: Date,
    pub rank: Option<Rank>,
    pub education: Vec<Degree>,
    /// The current post; `position` is set when the record names its formasi.
    pub post: &'o Post,
    pub position: Option<&'o Position>,
    pub since: Date,
    pub history: Vec<Earlier>,
    pub trainings: Vec<Held>,
    pub competencies: Vec<(&'static str, u8)>,
    pub ratings: Vec<(i64, &'static str)>,
    pub sanctions: Vec<Sanction>,
    pub under_examination: Option<bool>,
    pub wishes: Vec<&'static str>,
}

/// Stream of employees in [`Rng::stream`] (the organisation is stream 1).
const STREAM: u64 = 2;

/// The NIPs given so far: a new one that clashes takes the next sequence number.
#[derive(Debug, Default)]
pub struct Registry {
    taken: HashSet<u64>,
}

/// Employee `index` of the data set; `None` only when the organisation has no posts at all.
pub fn employee<'o>(
    organisation: &'o Organisation,
    seed: u64,
    as_of: Date,
    index: usize,
    registry: &mut Registry,
) -> Option<Employee<'o>> {
    let mut rng = Rng::stream(seed, STREAM, index as u64);
    let rng = &mut rng;
    let (post, position) = placement(organisation, index, rng)?;
    let female = rng.chance(women(post));
    let pppk = !post.kind.structural() && rng.chance(pppk_share(post));
    let education = career::education(rng, post, position);
    let highest = education.last().map_or(Education::Sma, |d| d.level);
    let age = career::age(rng, career::age_range(post, pppk), highest);
    let birth = career::birth_date(rng, as_of, age);
    let (entry, at_entry) = career::entry(rng, birth, &education, pppk, as_of);
    let rank = if pppk {
        rng.chance(50).then(|| highest.entry_rank())
    } else {
        career::rank(rng, post, position, at_entry, highest, entry, as_of)
    };
    let since = career::since(rng, entry, as_of);
    let history = career::history(rng, organisation, post, since, entry);
    let status = conduct::status(rng, pppk);
    let holder = Holder {
        post,
        position,
        pppk,
        rank,
        entry,
        as_of,
    };
    let trainings = training::trainings(rng, organisation, &holder);
    let competencies = conduct::competencies(rng, position, &competency_pools(post));
    let performance = conduct::performance(rng);
    let ratings = conduct::ratings(rng, performance, entry, status, as_of);
    let sanctions = conduct::sanctions(rng, performance, entry, as_of);
    let under_examination = conduct::under_examination(rng, status);
    let wishes = conduct::wishes(rng, post.unit);
    let degrees: Vec<(Education, &str)> = education.iter().map(|d| (d.level, d.major)).collect();
    let name = names::name(rng, female, age, &degrees);
    let nip = registry.nip(rng, birth, entry, pppk, female);
    Some(Employee {
        nip,
        name,
        pppk,
        status,
        birth,
        rank,
        education,
        post,
        position,
        since,
        history,
        trainings,
        competencies,
        ratings,
        sanctions,
        under_examination,
        wishes,
    })
}

/// The current post, and its position when the record names its formasi: every
/// [`Organisation::leader`] slot is held once, a few records name no formasi (their post may be
/// any of the city's), the others are placed in proportion to `terisi`.
fn placement<'o>(
    organisation: &'o Organisation,
    index: usize,
    rng: &mut Rng,
) -> Option<(&'o Post, Option<&'o Position>)> {
    let unlinked = rng.chance(70);
    let placed = match organisation.leader(index) {
        Some(leader) => Some(leader),
        None if unlinked => None,
        None => organisation.place(rng),
    };
    match placed {
        Some(position) => Some((&position.post, Some(position))),
        None => Some((organisation.any_post(rng)?, None)),
    }
}

/// The competencies someone in a post picks up besides those the position asks for.
fn competency_pools(post: &Post) -> Vec<&'static [&'static str]> {
    let mut pools = vec![post.field.competencies];
    if let Role::Functional(functional) = post.role {
        pools.push(functional.competencies);
    }
    pools
}

/// Share of women among a post's holders, per mille.
fn women(post: &Post) -> u32 {
    match (post.kind, post.role) {
        (_, Role::Functional(functional)) => functional.women,
        (Kind::JptPratama, _) => 220,
        (Kind::Administrator | Kind::Pengawas, _) => 380,
        _ => 480,
    }
}

/// Share of PPPK among a post's holders, per mille: teachers and health workers most.
fn pppk_share(post: &Post) -> u32 {
    match post.role {
        Role::Functional(f) if matches!(f.code, "GURU" | "PERAWAT" | "BIDAN") => 280,
        Role::Functional(_) => 140,
        _ => 120,
    }
}

impl Registry {
    /// A unique NIP: birth date, TMT (year and month; PPPK: year and "21"), gender digit and
    /// a small sequence number, raised past any NIP already given.
    fn nip(&mut self, rng: &mut Rng, birth: Date, entry: Date, pppk: bool, female: bool) -> String {
        let (year, month, day) = birth.ymd();
        let (entry_year, entry_month, _) = entry.ymd();
        let born = (year.max(0) as u64 * 100 + u64::from(month)) * 100 + u64::from(day);
        let tmt_month = if pppk { 21 } else { u64::from(entry_month) };
        let tmt = entry_year.max(0) as u64 * 100 + tmt_month;
        let gender = if female { 2 } else { 1 };
        let prefix = born * 10_000_000_000 + tmt * 10_000 + gender * 1000;
        let first = rng.between(1, 30).min(rng.between(1, 30)) as u64;
        let mut sequence = first;
        // INVARIANT: terminates; 999 people sharing birth date, TMT month and gender would
        // be needed to exhaust the sequence numbers (the last one is then reused).
        for _ in 0..999 {
            if self.taken.insert(prefix + sequence) {
                break;
            }
            sequence = sequence % 999 + 1;
        }
        format!("{:018}", prefix + sequence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nips_are_unique_and_open_with_the_birth_date() {
        let organisation = Organisation::new(11, 60);
        let as_of = Date::from_ymd(2026, 11, 27).unwrap();
        let mut registry = Registry::default();
        let mut seen = HashSet::new();
        for index in 0..3000 {
            let e = employee(&organisation, 11, as_of, index, &mut registry).unwrap();
            assert_eq!(e.nip.len(), 18);
            assert!(e.nip.starts_with(&e.birth.digits()));
            let tmt = &e.nip[12..14];
            if e.pppk {
                assert_eq!(tmt, "21");
            } else {
                assert!(("01".."13").contains(&tmt) && tmt != "00", "{}", e.nip);
            }
            assert!(seen.insert(e.nip.clone()));
        }
    }

    #[test]
    fn an_employee_does_not_depend_on_the_others() {
        let organisation = Organisation::new(3, 40);
        let as_of = Date::from_ymd(2026, 11, 27).unwrap();
        let alone = employee(&organisation, 3, as_of, 17, &mut Registry::default()).unwrap();
        let mut registry = Registry::default();
        for index in 0..17 {
            employee(&organisation, 3, as_of, index, &mut registry);
        }
        let after = employee(&organisation, 3, as_of, 17, &mut registry).unwrap();
        assert_eq!(alone.name, after.name);
        assert_eq!(alone.birth, after.birth);
    }
}
