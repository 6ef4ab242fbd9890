//! The organisation of a data set: the positions (formasi) the seed chooses among the city's
//! posts, and how employees are placed in them.
//!
//! Positions depend only on the seed and their count, never on the employees, so a data set's
//! formasi file is the same however many employees are generated.

use std::collections::{HashMap, HashSet};

use super::city::{Field, UNITS, Unit, field_named};
use super::rng::Rng;
use super::vocabulary::Kind;

pub use super::posts::{Post, Role, catalogue};
pub use super::requirements::Position;
use super::requirements::describe;

/// The positions of a data set and the posts careers are made of.
#[derive(Debug)]
pub struct Organisation {
    pub positions: Vec<Position>,
    /// Every post of the city, for employees' earlier positions.
    pub posts: Vec<Post>,
    /// Posts by kind (in [`Kind::ALL`] order), as indexes into `posts`.
    posts_by_kind: [Vec<usize>; 5],
    /// Running sums of `terisi` of non-structural positions: employees are placed in
    /// proportion to it.
    placement: Vec<u64>,
    /// Filled structural positions, in a seeded order: each has exactly one holder.
    leaders: Vec<usize>,
}

/// Every this many employees, one holds the next filled structural position.
const LEADER_STRIDE: usize = 20;

/// Stream of the organisation in [`Rng::stream`].
const STREAM: u64 = 1;

/// The share of each kind among positions, per mille, in [`Kind::ALL`] order.
const SHARES: [i64; 5] = [40, 100, 150, 300, 410];

impl Organisation {
    /// The organisation of `count` positions under `seed`.
    pub fn new(seed: u64, count: usize) -> Organisation {
        let mut rng = Rng::stream(seed, STREAM, 0);
        let posts = catalogue();
        let mut chosen = choose(&posts, count, &mut rng);
        chosen.sort_by_key(|(order, post)| (post.unit_index, post.kind, *order));
        let ids = assign_ids(chosen.iter().map(|(_, post)| post));
        let positions: Vec<Position> = chosen
            .into_iter()
            .zip(ids)
            .map(|((_, post), id)| describe(post, id, &mut rng))
            .collect();
        let mut posts_by_kind: [Vec<usize>; 5] = Default::default();
        for (index, post) in posts.iter().enumerate() {
            if let Some(list) = posts_by_kind.get_mut(kind_index(post.kind)) {
                list.push(index);
            }
        }
        let mut total = 0;
        let placement = positions
            .iter()
            .map(|p| {
                if !p.post.kind.structural() {
                    total += u64::from(p.filled);
                }
                total
            })
            .collect();
        let mut leaders: Vec<usize> = (0..positions.len())
            .filter(|&i| {
                positions
                    .get(i)
                    .is_some_and(|p| p.post.kind.structural() && p.filled > 0)
            })
            .collect();
        rng.shuffle(&mut leaders);
        Organisation {
            positions,
            posts,
            posts_by_kind,
            placement,
            leaders,
        }
    }

    /// The structural position employee `index` holds, if any: every [`LEADER_STRIDE`]th
    /// employee fills the next one, so that each filled post has one holder.
    pub fn leader(&self, index: usize) -> Option<&Position> {
        if index % LEADER_STRIDE != 0 {
            return None;
        }
        let slot = self.leaders.get(index / LEADER_STRIDE)?;
        self.positions.get(*slot)
    }

    /// Any post of the city, for an employee whose record names no formasi.
    pub fn any_post(&self, rng: &mut Rng) -> Option<&Post> {
        let weights = [(0, 1), (1, 5), (2, 9), (3, 35), (4, 50)];
        let kind = *rng.weighted(&weights)?;
        let list = self.posts_by_kind.get(kind)?;
        rng.pick(list).and_then(|&i| self.posts.get(i))
    }

    /// A non-structural position for an employee, in proportion to how many people each
    /// holds (`terisi`); `None` when none is filled.
    pub fn place(&self, rng: &mut Rng) -> Option<&Position> {
        let total = self.placement.last().copied().unwrap_or(0);
        if total == 0 {
            return None;
        }
        let ticket = rng.below(total);
        let at = self.placement.partition_point(|&sum| sum <= ticket);
        self.positions.get(at)
    }

    /// A post of the city of this kind, preferably in `unit` or `field` (for career histories).
    pub fn earlier_post(
        &self,
        kind: Kind,
        unit: &Unit,
        field: &Field,
        rng: &mut Rng,
    ) -> Option<&Post> {
        let list = self.posts_by_kind.get(kind_index(kind))?;
        let prefer_unit = rng.chance(500);
        let prefer_field = rng.chance(450);
        let fits = |post: &&Post| {
            (!prefer_unit || post.unit.name == unit.name)
                && (!prefer_field || post.field.name == field.name)
        };
        // Up to a few draws for a post that fits the preference, else any of the kind.
        let mut any = None;
        for _ in 0..12 {
            let post = rng.pick(list).and_then(|&i| self.posts.get(i))?;
            if fits(&post) {
                return Some(post);
            }
            any.get_or_insert(post);
        }
        any
    }
}

fn kind_index(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

// ---------------------------------------------------------------- choosing positions

/// `count` posts, the kinds mixed in the shares of [`SHARES`] and the units taken in turn;
/// each with its order of choice. Fungsional and pelaksana posts repeat (with a varied bidang
/// or jenjang) once the city has no more.
fn choose(posts: &[Post], count: usize, rng: &mut Rng) -> Vec<(usize, Post)> {
    let queues: Vec<Vec<usize>> = Kind::ALL
        .iter()
        .map(|&kind| queue(posts, kind, rng))
        .collect();
    let mut cursors = [0usize; 5];
    let mut counts = [0i64; 5];
    let mut chosen = Vec::with_capacity(count);
    for order in 0..count {
        let wanted = (order as i64 + 1) * 1000;
        let mut best: Option<(usize, i64)> = None;
        for (k, kind) in Kind::ALL.iter().enumerate() {
            let length = queues.get(k).map_or(0, Vec::len);
            let repeats = matches!(kind, Kind::Fungsional | Kind::Pelaksana);
            let cursor = cursors.get(k).copied().unwrap_or(0);
            if length == 0 || (!repeats && cursor >= length) {
                continue;
            }
            let share = SHARES.get(k).copied().unwrap_or(0);
            let deficit = share * wanted / 1000 - counts.get(k).copied().unwrap_or(0) * 1000;
            if best.is_none_or(|(_, d)| deficit > d) {
                best = Some((k, deficit));
            }
        }
        let Some((k, _)) = best else { break };
        let (Some(queue), Some(cursor), Some(done)) =
            (queues.get(k), cursors.get_mut(k), counts.get_mut(k))
        else {
            break;
        };
        let round = *cursor / queue.len().max(1);
        let post = queue
            .get(*cursor % queue.len().max(1))
            .and_then(|&i| posts.get(i));
        *cursor += 1;
        *done += 1;
        if let Some(post) = post {
            let post = if round == 0 {
                post.clone()
            } else {
                vary(post, rng)
            };
            chosen.push((order, post));
        }
    }
    chosen
}

/// The posts of one kind in the order they will be chosen: the units in a seeded order, each
/// unit's posts shuffled, one post of each unit in turn.
fn queue(posts: &[Post], kind: Kind, rng: &mut Rng) -> Vec<usize> {
    let mut units: Vec<usize> = (0..UNITS.len()).collect();
    rng.shuffle(&mut units);
    let mut per_unit: Vec<Vec<usize>> = units
        .iter()
        .map(|&u| {
            let mut list: Vec<usize> = posts
                .iter()
                .enumerate()
                .filter(|(_, p)| p.unit_index == u && p.kind == kind)
                .map(|(i, _)| i)
                .collect();
            rng.shuffle(&mut list);
            list.reverse();
            list
        })
        .collect();
    let mut order = Vec::new();
    loop {
        let before = order.len();
        for list in &mut per_unit {
            if let Some(i) = list.pop() {
                order.push(i);
            }
        }
        if order.len() == before {
            return order;
        }
    }
}

/// A repeat of a post: another bidang of the unit (pelaksana) or another jenjang (fungsional).
fn vary(post: &Post, rng: &mut Rng) -> Post {
    let mut post = post.clone();
    match post.role {
        Role::Functional(functional) => {
            if let Some(&level) = rng.pick(functional.levels) {
                post.level = Some(level);
                post.name = format!("{} {}", functional.name, level.title());
            }
        }
        Role::Job(job) if job.field.is_none() => {
            if let Some(field) = rng.pick(post.unit.fields).and_then(|f| field_named(f)) {
                post.field = field;
                post.code = format!("{}-{}", job.code, field.code);
            }
        }
        _ => {}
    }
    post
}

/// Ids: `UNIT-CODE` (a repeat gets `-02`, `-03`, ...); fungsional posts are numbered within their
/// unit (`DIKES-PERAWAT-01`).
fn assign_ids<'a>(posts: impl Iterator<Item = &'a Post>) -> Vec<String> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut ids = Vec::new();
    for post in posts {
        let base = format!("{}-{}", post.unit.code, post.code);
        let number = seen.entry(base.clone()).or_insert(0);
        *number += 1;
        let numbered = matches!(post.role, Role::Functional(_));
        let mut id = if numbered {
            format!("{base}-{:02}", *number)
        } else if *number == 1 {
            base.clone()
        } else {
            format!("{base}-{:02}", *number)
        };
        // INVARIANT: ids are unique; a clash with an unnumbered id is numbered further.
        while taken.contains(&id) {
            *number += 1;
            id = format!("{base}-{:02}", *number);
        }
        taken.insert(id.clone());
        ids.push(id);
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_requested_number_of_positions_with_unique_ids() {
        for count in [0, 1, 7, 160, 1200] {
            let organisation = Organisation::new(5, count);
            assert_eq!(organisation.positions.len(), count);
            let ids: HashSet<&str> = organisation
                .positions
                .iter()
                .map(|p| p.id.as_str())
                .collect();
            assert_eq!(ids.len(), count);
        }
    }

    #[test]
    fn every_kind_appears_in_a_small_organisation() {
        let organisation = Organisation::new(2026, 30);
        for kind in Kind::ALL {
            assert!(
                organisation.positions.iter().any(|p| p.post.kind == kind),
                "{kind:?}"
            );
        }
    }
}
