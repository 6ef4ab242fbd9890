//! The city's posts: every post each unit could have (its head and secretary, heads of
//! division and section, each jenjang of its jabatan fungsional, its jabatan pelaksana).
//!
//! A fixed list: positions are chosen among these posts, and so are employees' earlier posts.

use super::city::{
    FIELDS, Field, Functional, JOBS, Job, UNITS, Unit, UnitKind, field_named, functional_coded,
};
use super::vocabulary::{Education, Kind, Level};

/// What a post is within its unit; decides its title and requirements.
#[derive(Debug, Clone, Copy)]
pub enum Role {
    Head,
    Secretary,
    /// Kepala bidang, kepala bagian, inspektur pembantu.
    Division,
    /// Kepala seksi, kepala subbagian.
    Section,
    Functional(&'static Functional),
    Job(&'static Job),
}

/// A post the city could have: what positions are chosen from, and what employees held before.
#[derive(Debug, Clone)]
pub struct Post {
    pub unit: &'static Unit,
    /// The unit's index in [`UNITS`], for ordering.
    pub unit_index: usize,
    pub kind: Kind,
    pub role: Role,
    pub level: Option<Level>,
    pub name: String,
    /// The id after the unit's code (`KASUBAG-KEU`).
    pub code: String,
    pub field: &'static Field,
}

impl Post {
    /// The education the post usually asks for.
    pub fn education(&self) -> Education {
        match (self.role, self.level) {
            (Role::Job(job), _) => job.education,
            (_, Some(level)) => level.education(),
            _ => Education::S1,
        }
    }
}

/// Every post of every unit, in a fixed order.
pub fn catalogue() -> Vec<Post> {
    let mut posts = Vec::new();
    for (unit_index, unit) in UNITS.iter().enumerate() {
        let mut add = |kind, role, level, name: String, code: String, field| {
            posts.push(Post {
                unit,
                unit_index,
                kind,
                role,
                level,
                name,
                code,
                field,
            });
        };
        leadership_posts(unit, &mut add);
        for functional in unit.functionals.iter().filter_map(|c| functional_coded(c)) {
            let field = functional_field(functional, unit);
            for &level in functional.levels {
                let name = format!("{} {}", functional.name, level.title());
                let role = Role::Functional(functional);
                add(
                    Kind::Fungsional,
                    role,
                    Some(level),
                    name,
                    functional.code.to_string(),
                    field,
                );
            }
        }
        for job in JOBS {
            job_posts(job, unit, &mut add);
        }
    }
    posts
}

type AddPost<'a> = dyn FnMut(Kind, Role, Option<Level>, String, String, &'static Field) + 'a;

fn leadership_posts(unit: &'static Unit, add: &mut AddPost<'_>) {
    let first_field = unit
        .fields
        .first()
        .and_then(|f| field_named(f))
        .unwrap_or(&UMUM);
    for (name, code, field) in heads(unit) {
        let kind = match unit.kind {
            UnitKind::District => Kind::Administrator,
            UnitKind::Village => Kind::Pengawas,
            _ => Kind::JptPratama,
        };
        let field = field.and_then(field_named).unwrap_or(first_field);
        add(
            kind,
            Role::Head,
            None,
            name.to_string(),
            code.to_string(),
            field,
        );
    }
    if let Some((name, code, kind)) = secretary(unit) {
        add(
            kind,
            Role::Secretary,
            None,
            name.to_string(),
            code.to_string(),
            umum(),
        );
    }
    for field in unit.fields.iter().filter_map(|f| field_named(f)) {
        division_posts(unit, field, add);
    }
    let subsections: &[(&str, &str, &str)] = match unit.kind {
        UnitKind::Agency | UnitKind::Inspectorate | UnitKind::Hospital => &[
            ("Umum dan Kepegawaian", "UMPEG", "Kepegawaian"),
            ("Keuangan", "KEU", "Keuangan"),
            ("Perencanaan", "REN", "Perencanaan"),
        ],
        UnitKind::District => &[
            ("Umum dan Kepegawaian", "UMPEG", "Kepegawaian"),
            ("Keuangan", "KEU", "Keuangan"),
        ],
        UnitKind::Secretariat | UnitKind::Village => &[],
    };
    for (title, code, field) in subsections {
        let field = field_named(field).unwrap_or(&UMUM);
        let name = format!("Kepala Subbagian {title}");
        add(
            Kind::Pengawas,
            Role::Section,
            None,
            name,
            format!("KASUBAG-{code}"),
            field,
        );
    }
}

/// The JPT (or camat, lurah) posts of a unit: (title, id code, bidang when not the unit's
/// first line field).
fn heads(unit: &Unit) -> Vec<(&'static str, &'static str, Option<&'static str>)> {
    let code = match unit.kind {
        UnitKind::Secretariat => {
            return vec![
                (
                    "Asisten Pemerintahan dan Kesejahteraan Rakyat",
                    "ASISTEN-1",
                    Some("Pemerintahan"),
                ),
                (
                    "Asisten Perekonomian dan Pembangunan",
                    "ASISTEN-2",
                    Some("Perekonomian"),
                ),
                ("Asisten Administrasi Umum", "ASISTEN-3", Some("Umum")),
            ];
        }
        UnitKind::Agency if unit.name.starts_with("Dinas") => "KADIS",
        UnitKind::Agency if unit.name.starts_with("Badan") => "KABAN",
        UnitKind::Agency if unit.name.starts_with("Sekretariat") => "SEKWAN",
        UnitKind::Agency => "KASAT",
        UnitKind::Inspectorate => "INSPEKTUR",
        UnitKind::Hospital => "DIREKTUR",
        UnitKind::District => "CAMAT",
        UnitKind::Village => "LURAH",
    };
    vec![(unit.head, code, None)]
}

/// The secretary of a unit: (title, id code, kind), when it has one.
fn secretary(unit: &Unit) -> Option<(&'static str, &'static str, Kind)> {
    let admin = Kind::Administrator;
    match unit.kind {
        UnitKind::Agency if unit.name.starts_with("Dinas") => {
            Some(("Sekretaris Dinas", "SEKDIS", admin))
        }
        UnitKind::Agency if unit.name.starts_with("Badan") => {
            Some(("Sekretaris Badan", "SEKBAN", admin))
        }
        UnitKind::Agency if unit.name.starts_with("Satuan") => {
            Some(("Sekretaris Satuan Polisi Pamong Praja", "SEKRETARIS", admin))
        }
        UnitKind::Agency | UnitKind::Secretariat => None,
        UnitKind::Inspectorate => Some(("Sekretaris Inspektorat", "SEKRETARIS", admin)),
        UnitKind::Hospital => Some(("Kepala Bagian Tata Usaha", "KABAG-TU", admin)),
        UnitKind::District => Some(("Sekretaris Camat", "SEKCAM", admin)),
        UnitKind::Village => Some(("Sekretaris Kelurahan", "SEKLUR", Kind::Pengawas)),
    }
}

/// The posts of one line field: its head and, below, its section.
fn division_posts(unit: &'static Unit, field: &'static Field, add: &mut AddPost<'_>) {
    let code = field.code;
    let name = field.name;
    match unit.kind {
        UnitKind::Inspectorate => {
            for (number, roman) in ["I", "II", "III", "IV"].iter().enumerate() {
                let title = format!("Inspektur Pembantu Wilayah {roman}");
                let id = format!("IRBAN-{}", number + 1);
                add(Kind::Administrator, Role::Division, None, title, id, field);
            }
        }
        UnitKind::Secretariat => {
            let title = format!("Kepala Bagian {name}");
            add(
                Kind::Administrator,
                Role::Division,
                None,
                title,
                format!("KABAG-{code}"),
                field,
            );
            let title = format!("Kepala Subbagian {name}");
            add(
                Kind::Pengawas,
                Role::Section,
                None,
                title,
                format!("KASUBAG-{code}"),
                field,
            );
        }
        UnitKind::Agency | UnitKind::Hospital => {
            let (division, prefix) = if unit.name.starts_with("Sekretariat") {
                ("Bagian", "KABAG")
            } else {
                ("Bidang", "KABID")
            };
            let title = format!("Kepala {division} {name}");
            add(
                Kind::Administrator,
                Role::Division,
                None,
                title,
                format!("{prefix}-{code}"),
                field,
            );
            let title = format!("Kepala Seksi {name}");
            add(
                Kind::Pengawas,
                Role::Section,
                None,
                title,
                format!("KASI-{code}"),
                field,
            );
        }
        UnitKind::District | UnitKind::Village => {
            let title = format!("Kepala Seksi {name}");
            add(
                Kind::Pengawas,
                Role::Section,
                None,
                title,
                format!("KASI-{code}"),
                field,
            );
        }
    }
}

fn job_posts(job: &'static Job, unit: &'static Unit, add: &mut AddPost<'_>) {
    if job.only_with.is_some_and(|f| !unit.fields.contains(&f)) {
        return;
    }
    match job.field.and_then(field_named) {
        Some(field) => {
            add(
                Kind::Pelaksana,
                Role::Job(job),
                None,
                job.name.to_string(),
                job.code.to_string(),
                field,
            );
        }
        None => {
            for field in unit.fields.iter().filter_map(|f| field_named(f)) {
                let code = format!("{}-{}", job.code, field.code);
                add(
                    Kind::Pelaksana,
                    Role::Job(job),
                    None,
                    job.name.to_string(),
                    code,
                    field,
                );
            }
        }
    }
}

/// The bidang of a functional's posts in a unit.
fn functional_field(functional: &Functional, unit: &Unit) -> &'static Field {
    let in_unit = functional.fields.iter().find(|f| unit.fields.contains(f));
    in_unit
        .or(functional.fields.first())
        .and_then(|f| field_named(f))
        .unwrap_or(&UMUM)
}

/// The fallback field; [`FIELDS`] starts with "Umum" (a unit test checks it).
static UMUM: Field = Field {
    name: "Umum",
    code: "UMUM",
    majors: &[],
    competencies: &[],
    training: None,
};

fn umum() -> &'static Field {
    FIELDS.first().unwrap_or(&UMUM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umum_is_the_first_field() {
        assert_eq!(umum().name, "Umum");
    }

    #[test]
    fn every_unit_has_posts_of_several_kinds() {
        let posts = catalogue();
        for unit in UNITS {
            let kinds: std::collections::HashSet<Kind> = posts
                .iter()
                .filter(|p| p.unit.name == unit.name)
                .map(|p| p.kind)
                .collect();
            assert!(kinds.len() >= 2, "{}", unit.name);
        }
    }
}
