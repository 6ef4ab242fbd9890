//! Employees and positions as the yardstick decides them: texts replaced by vocabulary ids,
//! dates by [`Day`]s, and on each position what follows from it alone (structural or not, the
//! leadership level, BUP, the experience rule, the training list without repeats).

use super::calendar::Day;
use super::records::{
    AsnKind, EducationLevel, Formasi, FunctionalGrade, Pegawai, PostKind, PunishmentLevel, Rank,
    Rating, Status,
};
use super::vocabulary::{Id, Vocabulary};

#[derive(Debug, Clone)]
pub struct Employee {
    pub nip: String,
    pub civil_servant: bool,
    pub active: bool,
    pub birth: Day,
    pub rank: Option<Rank>,
    pub education: Vec<Education>,
    pub post: Post,
    pub past_posts: Vec<Post>,
    pub trainings: Vec<Training>,
    pub competencies: Vec<(Id, u8)>,
    pub ratings: Vec<(i32, Rating)>,
    pub punishments: Vec<Punishment>,
    /// `proses_disiplin`: under disciplinary examination now; `None` = not known.
    pub under_examination: Option<bool>,
    /// `minat`: preferred units, most preferred first.
    pub interests: Vec<Id>,
}

#[derive(Debug, Clone, Copy)]
pub struct Education {
    pub level: EducationLevel,
    pub major: Id,
    pub family: Id,
}

/// The current position (`jabatan`, ending "now") or an earlier one (`riwayat_jabatan`).
#[derive(Debug, Clone, Copy)]
pub struct Post {
    /// `jabatan.formasi`, in the position-id vocabulary (earlier posts: none).
    pub position: Option<Id>,
    pub kind: PostKind,
    pub grade: Option<FunctionalGrade>,
    pub field: Id,
    pub start: Day,
    /// `None` for the current position.
    pub end: Option<Day>,
}

#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub code: Id,
    pub completed: Day,
    pub valid_until: Option<Day>,
}

impl Training {
    /// POLICY.md 1.4 `held`, for this entry.
    #[inline]
    pub fn held_on(&self, day: Day) -> bool {
        self.completed <= day && self.valid_until.is_none_or(|until| until >= day)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Punishment {
    pub level: PunishmentLevel,
    pub start: Day,
    pub end: Day,
}

/// Which `days_in` predicate and threshold `pengalaman_jabatan` uses (POLICY.md section 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Experience {
    /// For pengawas: 4 * 365 days as pelaksana or fungsional.
    Supervisor,
    /// For administrator: 3 * 365 days as pengawas or administrator.
    Administrator,
    /// For jpt_pratama: 2 * 365 days as administrator, jpt_pratama, or fungsional ahli madya/utama.
    SeniorExecutive,
}

impl Experience {
    pub const ALL: [Experience; 3] = [
        Experience::Supervisor,
        Experience::Administrator,
        Experience::SeniorExecutive,
    ];

    fn of(kind: PostKind) -> Option<Experience> {
        match kind {
            PostKind::Pengawas => Some(Experience::Supervisor),
            PostKind::Administrator => Some(Experience::Administrator),
            PostKind::JptPratama => Some(Experience::SeniorExecutive),
            PostKind::Pelaksana | PostKind::Fungsional => None,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn days_required(self) -> i64 {
        match self {
            Experience::Supervisor => 4 * 365,
            Experience::Administrator => 3 * 365,
            Experience::SeniorExecutive => 2 * 365,
        }
    }

    /// Whether time in `post` counts.
    pub fn counts(self, post: &Post) -> bool {
        match self {
            Experience::Supervisor => {
                matches!(post.kind, PostKind::Pelaksana | PostKind::Fungsional)
            }
            Experience::Administrator => {
                matches!(post.kind, PostKind::Pengawas | PostKind::Administrator)
            }
            Experience::SeniorExecutive => match post.kind {
                PostKind::Administrator | PostKind::JptPratama => true,
                PostKind::Fungsional => matches!(
                    post.grade,
                    Some(FunctionalGrade::AhliMadya | FunctionalGrade::AhliUtama)
                ),
                PostKind::Pelaksana | PostKind::Pengawas => false,
            },
        }
    }
}

/// BUP, the retirement age of a position (PP 11/2017 Pasal 239).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetirementAge {
    At58,
    At60,
    At65,
}

impl RetirementAge {
    pub const ALL: [RetirementAge; 3] = [
        RetirementAge::At58,
        RetirementAge::At60,
        RetirementAge::At65,
    ];

    fn of(kind: PostKind, grade: Option<FunctionalGrade>) -> RetirementAge {
        match (kind, grade) {
            (PostKind::JptPratama, _) => RetirementAge::At60,
            (PostKind::Fungsional, Some(FunctionalGrade::AhliUtama)) => RetirementAge::At65,
            (PostKind::Fungsional, Some(FunctionalGrade::AhliMadya)) => RetirementAge::At60,
            _ => RetirementAge::At58,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn years(self) -> i32 {
        match self {
            RetirementAge::At58 => 58,
            RetirementAge::At60 => 60,
            RetirementAge::At65 => 65,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Position {
    pub id: String,
    pub key: Id,
    pub kind: PostKind,
    /// pengawas, administrator or jpt_pratama (POLICY.md 1.4 `structural`).
    pub structural: bool,
    /// The leadership training level the position needs (0 = PKP, 1 = PKA, 2 = PKN_II).
    pub leadership: Option<u8>,
    pub retirement_age: RetirementAge,
    pub experience: Option<Experience>,
    pub min_rank: Option<Rank>,
    pub min_education: EducationLevel,
    pub majors: Vec<Id>,
    pub families: Vec<Id>,
    pub competencies: Vec<(Id, u8)>,
    /// The sum of the required competency levels (0 when none are required).
    pub competency_total: u32,
    /// `pelatihan_wajib`, each code once, at its first place.
    pub trainings: Vec<Id>,
    pub certificates: Vec<Id>,
    pub field: Id,
    pub unit: Id,
}

impl Employee {
    pub fn from_record(record: Pegawai, vocabulary: &mut Vocabulary) -> Employee {
        let jabatan = record.jabatan;
        let post = Post {
            position: jabatan.formasi.map(|id| vocabulary.positions.intern(&id)),
            kind: jabatan.jenis,
            grade: jabatan.jenjang,
            field: vocabulary.fields.intern(&jabatan.bidang),
            start: jabatan.tmt.0,
            end: None,
        };
        Employee {
            nip: record.nip,
            civil_servant: record.jenis_asn == AsnKind::Pns,
            active: record.status == Status::Aktif,
            birth: record.tanggal_lahir.0,
            rank: record.golongan,
            education: record
                .pendidikan
                .iter()
                .map(|entry| Education {
                    level: entry.jenjang,
                    major: vocabulary.majors.intern(&entry.jurusan),
                    family: vocabulary.families.intern(&entry.rumpun),
                })
                .collect(),
            post,
            past_posts: record
                .riwayat_jabatan
                .iter()
                .map(|entry| Post {
                    position: None,
                    kind: entry.jenis,
                    grade: entry.jenjang,
                    field: vocabulary.fields.intern(&entry.bidang),
                    start: entry.mulai.0,
                    end: Some(entry.selesai.0),
                })
                .collect(),
            trainings: record
                .pelatihan
                .iter()
                .map(|entry| Training {
                    code: vocabulary.trainings.intern(&entry.kode),
                    completed: entry.selesai.0,
                    valid_until: entry.berlaku_sampai.map(|date| date.0),
                })
                .collect(),
            competencies: record
                .kompetensi
                .iter()
                .map(|(name, &level)| (vocabulary.competencies.intern(name), level))
                .collect(),
            ratings: record
                .skp
                .iter()
                .map(|entry| (entry.tahun, entry.predikat))
                .collect(),
            punishments: record
                .hukuman_disiplin
                .iter()
                .map(|entry| Punishment {
                    level: entry.tingkat,
                    start: entry.mulai.0,
                    end: entry.selesai.0,
                })
                .collect(),
            under_examination: record.proses_disiplin,
            interests: record
                .minat
                .iter()
                .map(|unit| vocabulary.units.intern(unit))
                .collect(),
        }
    }
}

impl Position {
    pub fn from_record(record: Formasi, vocabulary: &mut Vocabulary) -> Position {
        let competencies: Vec<(Id, u8)> = record
            .kompetensi
            .iter()
            .map(|(name, &level)| (vocabulary.competencies.intern(name), level))
            .collect();
        let mut trainings: Vec<Id> = Vec::new();
        for code in &record.pelatihan_wajib {
            let code = vocabulary.trainings.intern(code);
            if !trainings.contains(&code) {
                trainings.push(code);
            }
        }
        let intern_all = |interner: &mut super::vocabulary::Interner, texts: &[String]| {
            texts.iter().map(|text| interner.intern(text)).collect()
        };
        Position {
            key: vocabulary.positions.intern(&record.id),
            id: record.id,
            kind: record.jenis,
            structural: matches!(
                record.jenis,
                PostKind::Pengawas | PostKind::Administrator | PostKind::JptPratama
            ),
            leadership: match record.jenis {
                PostKind::Pengawas => Some(0),
                PostKind::Administrator => Some(1),
                PostKind::JptPratama => Some(2),
                PostKind::Pelaksana | PostKind::Fungsional => None,
            },
            retirement_age: RetirementAge::of(record.jenis, record.jenjang),
            experience: Experience::of(record.jenis),
            min_rank: record.golongan_minimal,
            min_education: record.pendidikan_minimal,
            majors: intern_all(&mut vocabulary.majors, &record.jurusan_sesuai),
            families: intern_all(&mut vocabulary.families, &record.rumpun_pendidikan),
            competency_total: competencies
                .iter()
                .map(|&(_, level)| u32::from(level))
                .sum(),
            competencies,
            trainings,
            certificates: intern_all(&mut vocabulary.trainings, &record.sertifikat_wajib),
            field: vocabulary.fields.intern(&record.bidang),
            unit: vocabulary.units.intern(&record.unit_kerja),
        }
    }
}
