//! What a position asks for (golongan, education, fields of study, competencies, trainings)
//! and how it is staffed (kebutuhan, terisi), drawn for each post chosen as a position.

use super::city::UnitKind;
use super::posts::{Post, Role};
use super::rng::Rng;
use super::vocabulary::{Education, Kind, Level, Rank, family};

/// A position (formasi) of the data set: POLICY.md 1.3.
#[derive(Debug, Clone)]
pub struct Position {
    pub id: String,
    pub post: Post,
    pub min_rank: Option<Rank>,
    pub min_education: Education,
    pub majors: Vec<&'static str>,
    pub families: Vec<&'static str>,
    /// Required competencies, sorted by name.
    pub competencies: Vec<(&'static str, u8)>,
    pub trainings: Vec<&'static str>,
    pub certificates: Vec<&'static str>,
    pub needed: u32,
    pub filled: u32,
}

/// The position of a chosen post, with its id.
pub fn describe(post: Post, id: String, rng: &mut Rng) -> Position {
    let min_education = education(&post, rng);
    let majors = majors(&post, rng);
    let families = families(&post, &majors, rng);
    let competencies = competencies(&post, rng);
    let (trainings, certificates) = trainings(&post, rng);
    let (needed, filled) = staffing(&post, rng);
    Position {
        id,
        min_rank: min_rank(&post, rng),
        min_education,
        majors,
        families,
        competencies,
        trainings,
        certificates,
        needed,
        filled,
        post,
    }
}

fn min_rank(post: &Post, rng: &mut Rng) -> Option<Rank> {
    match (post.kind, post.role) {
        (Kind::JptPratama, _) => Some(Rank::IV_C),
        (Kind::Administrator, Role::Secretary) if post.unit.kind != UnitKind::District => {
            Some(Rank::IV_A)
        }
        (Kind::Administrator, Role::Division) if rng.chance(500) => Some(Rank::IV_A),
        (Kind::Administrator, _) => Some(Rank::III_D),
        (Kind::Pengawas, _)
            if post.unit.kind == UnitKind::Village && !matches!(post.role, Role::Head) =>
        {
            Some(Rank::III_B)
        }
        (Kind::Pengawas, _) => Some(Rank::III_C),
        (Kind::Fungsional, _) => post.level.filter(|_| rng.chance(850)).map(|l| l.ranks().0),
        (Kind::Pelaksana, Role::Job(job)) if rng.chance(350) => Some(job.education.entry_rank()),
        (Kind::Pelaksana, _) => None,
    }
}

fn education(post: &Post, rng: &mut Rng) -> Education {
    match (post.kind, post.role) {
        (Kind::JptPratama, _) => {
            if rng.chance(450) {
                Education::S2
            } else {
                Education::S1
            }
        }
        (Kind::Administrator, _) => {
            if rng.chance(150) {
                Education::S2
            } else {
                Education::S1
            }
        }
        (Kind::Pengawas, _) => *rng
            .weighted(&[
                (Education::S1, 70),
                (Education::D4, 15),
                (Education::D3, 15),
            ])
            .unwrap_or(&Education::S1),
        (_, Role::Job(job)) if job.education == Education::Sma && rng.chance(250) => Education::D3,
        (_, Role::Job(job)) => job.education,
        _ => post.level.map_or(Education::S1, Level::education),
    }
}

/// jurusan_sesuai: all of a functional's majors; some of the field's for other posts, often none.
fn majors(post: &Post, rng: &mut Rng) -> Vec<&'static str> {
    if let Role::Functional(functional) = post.role {
        return functional.majors.to_vec();
    }
    let wanted = match post.kind {
        Kind::Pelaksana if rng.chance(600) => 0,
        Kind::Pelaksana => 1 + rng.index(2),
        _ if rng.chance(650) => 0,
        _ => 1 + rng.index(3),
    };
    some_of(post.field.majors, wanted, rng)
}

/// rumpun_pendidikan: the families of the majors that fit, or of the field's majors.
fn families(post: &Post, majors: &[&'static str], rng: &mut Rng) -> Vec<&'static str> {
    let source = if majors.is_empty() {
        post.field.majors
    } else {
        majors
    };
    let mut families: Vec<&'static str> = Vec::new();
    for major in source {
        let f = family(major);
        if !families.contains(&f) {
            families.push(f);
        }
    }
    if post.kind != Kind::Fungsional && !families.contains(&"Administrasi") && rng.chance(450) {
        families.push("Administrasi");
    }
    families
}

fn competencies(post: &Post, rng: &mut Rng) -> Vec<(&'static str, u8)> {
    let mut pool: Vec<&'static str> = match post.role {
        Role::Functional(functional) => functional.competencies.to_vec(),
        _ => post.field.competencies.to_vec(),
    };
    let extra: &[&'static str] = match post.kind {
        Kind::JptPratama | Kind::Administrator => &["Manajemen Kinerja", "Analisis Kebijakan"],
        Kind::Pengawas => &["Manajemen Kinerja", "Pelayanan Publik"],
        Kind::Fungsional => post.field.competencies,
        Kind::Pelaksana => &["Pelayanan Publik", "Pengelolaan Arsip", "Analisis Data"],
    };
    for name in extra {
        if pool.len() < 4 && !pool.contains(name) && rng.chance(500) {
            pool.push(name);
        }
    }
    let count = 2 + rng.index(3);
    let base: i64 = match (post.kind, post.level) {
        (Kind::JptPratama, _) => 4,
        (Kind::Administrator, _) | (_, Some(Level::AhliMadya)) => 4,
        (Kind::Pengawas, _) | (_, Some(Level::AhliMuda | Level::Penyelia)) => 3,
        (Kind::Fungsional, _) => 2,
        (Kind::Pelaksana, _) => 2,
    };
    let mut chosen: Vec<(&'static str, u8)> = some_of(&pool, count, rng)
        .into_iter()
        .map(|name| {
            let level = (base + rng.between(-1, 1)).clamp(1, 5);
            (name, u8::try_from(level).unwrap_or(3))
        })
        .collect();
    chosen.sort_unstable();
    chosen
}

/// pelatihan_wajib and sertifikat_wajib.
fn trainings(post: &Post, rng: &mut Rng) -> (Vec<&'static str>, Vec<&'static str>) {
    let mut trainings: Vec<&'static str> = Vec::new();
    let mut certificates: Vec<&'static str> = Vec::new();
    match post.role {
        Role::Functional(functional) => {
            for code in functional.trainings {
                if rng.chance(800) {
                    trainings.push(code);
                }
            }
            certificates.extend(functional.certificates);
        }
        Role::Job(job) => {
            if let Some(code) = post.field.training.filter(|_| rng.chance(300)) {
                trainings.push(code);
            }
            certificates.extend(job.certificate);
        }
        _ => {
            if let Some(code) = post.field.training.filter(|_| rng.chance(500)) {
                trainings.push(code);
            }
            let planning = matches!(post.kind, Kind::JptPratama | Kind::Administrator);
            if planning && !trainings.contains(&"DIKLAT_SAKIP") && rng.chance(550) {
                trainings.push("DIKLAT_SAKIP");
            }
        }
    }
    if post.field.name == "Pengadaan Barang/Jasa" && !certificates.contains(&"SERT_PBJ") {
        certificates.push("SERT_PBJ");
    }
    (trainings, certificates)
}

/// (kebutuhan, terisi): about a third of positions have open slots, some are over-filled.
fn staffing(post: &Post, rng: &mut Rng) -> (u32, u32) {
    if post.kind.structural() {
        return if rng.chance(270) { (1, 0) } else { (1, 1) };
    }
    let needed = match post.role {
        Role::Functional(f) if matches!(f.code, "GURU" | "PERAWAT" | "BIDAN") => {
            rng.between(15, 60)
        }
        Role::Functional(f) if matches!(f.code, "DOKTER" | "POL-PP") => rng.between(5, 20),
        Role::Functional(_) => rng.between(2, 8),
        Role::Job(job) if job.code == "ADM" || job.code == "OLO" => rng.between(3, 15),
        _ => rng.between(2, 10),
    };
    let needed = u32::try_from(needed).unwrap_or(1);
    let roll = rng.below(1000);
    let filled = if roll < 360 {
        let short = rng.between(1, i64::from(needed / 3).max(1));
        needed.saturating_sub(u32::try_from(short).unwrap_or(1))
    } else if roll < 480 {
        let over = rng.between(1, i64::from(needed / 4).max(1));
        needed + u32::try_from(over).unwrap_or(1)
    } else {
        needed
    };
    (needed, filled)
}

/// `count` distinct items of `items` (all of them when there are fewer), in their order.
fn some_of<T: Copy>(items: &[T], count: usize, rng: &mut Rng) -> Vec<T> {
    let mut indexes: Vec<usize> = (0..items.len()).collect();
    rng.shuffle(&mut indexes);
    indexes.truncate(count);
    indexes.sort_unstable();
    indexes
        .iter()
        .filter_map(|&i| items.get(i).copied())
        .collect()
}
