//! What the yardstick decides about a pair: the same fields as a line of `mutasi eval
//! --format jsonl` (POLICY.md section 8), with rules as bits and codes as ids.

use super::calendar::Day;
use super::vocabulary::Id;

/// The hard rules of POLICY.md section 2, in policy order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    StatusAktif,
    JenisAsn,
    PosisiBerbeda,
    MasaJabatan,
    Kinerja,
    BebasHukumanDisiplin,
    RiwayatHukuman,
    SisaMasaKerja,
    PendidikanMinimal,
    GolonganMinimal,
    KualifikasiJurusan,
    PengalamanJabatan,
    SertifikatWajib,
}

/// The rule ids, in policy order (`Rule as usize` indexes it).
pub const RULE_IDS: [&str; 13] = [
    "status_aktif",
    "jenis_asn",
    "posisi_berbeda",
    "masa_jabatan",
    "kinerja",
    "bebas_hukuman_disiplin",
    "riwayat_hukuman",
    "sisa_masa_kerja",
    "pendidikan_minimal",
    "golongan_minimal",
    "kualifikasi_jurusan",
    "pengalaman_jabatan",
    "sertifikat_wajib",
];

/// A set of rules, one bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rules(u16);

impl Rules {
    pub const fn of(rules: &[Rule]) -> Rules {
        let mut bits = 0;
        let mut index = 0;
        while index < rules.len() {
            bits |= 1 << rules[index] as u16;
            index += 1;
        }
        Rules(bits)
    }

    #[inline]
    pub fn insert(&mut self, rule: Rule) {
        self.0 |= 1 << rule as u16;
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    #[inline]
    pub fn intersects(self, other: Rules) -> bool {
        self.0 & other.0 != 0
    }

    /// The ids of the rules in the set, in policy order.
    pub fn ids(self) -> impl Iterator<Item = &'static str> {
        RULE_IDS
            .iter()
            .enumerate()
            .filter(move |(index, _)| self.0 & (1 << index) != 0)
            .map(|(_, id)| *id)
    }
}

/// POLICY.md section 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Eligible,
    EligibleAfterTraining,
    NeedsReview,
    NotEligible,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Eligible => "eligible",
            Decision::EligibleAfterTraining => "eligible_after_training",
            Decision::NeedsReview => "needs_review",
            Decision::NotEligible => "not_eligible",
        }
    }
}

/// The score part names, in the order of POLICY.md section 5.
pub const PART_NAMES: [&str; 5] = [
    "pendidikan",
    "kompetensi",
    "pengalaman_bidang",
    "kinerja",
    "minat",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub decision: Decision,
    pub failed: Rules,
    pub unknown: Rules,
    /// Training codes owed, leadership first, each once.
    pub training: Vec<Id>,
    pub eligible_from: Option<Day>,
    /// Points of each part, in [`PART_NAMES`] order.
    pub parts: [u8; 5],
}

impl Outcome {
    pub fn new() -> Outcome {
        Outcome {
            decision: Decision::Eligible,
            failed: Rules::default(),
            unknown: Rules::default(),
            training: Vec::new(),
            eligible_from: None,
            parts: [0; 5],
        }
    }

    pub fn score(&self) -> u32 {
        self.parts.iter().map(|&points| u32::from(points)).sum()
    }
}
