//! The shared words of the generated city: ranks, education levels, position kinds, fields of
//! study and their families, competencies and training codes.
//!
//! The ordered sets are indexed (`Rank(8)` is III/a) so that comparing and promoting is integer
//! work; the names are exactly those of rules/01-skema.mutasi.

/// Pangkat/golongan, in order.
const RANKS: [&str; 17] = [
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
];

/// A golongan, as its index in [`RANKS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank(pub u8);

impl Rank {
    pub const II_A: Rank = Rank(4);
    pub const II_C: Rank = Rank(6);
    pub const III_A: Rank = Rank(8);
    pub const III_B: Rank = Rank(9);
    pub const III_C: Rank = Rank(10);
    pub const III_D: Rank = Rank(11);
    pub const IV_A: Rank = Rank(12);
    pub const IV_B: Rank = Rank(13);
    pub const IV_C: Rank = Rank(14);
    pub const IV_D: Rank = Rank(15);

    pub fn name(self) -> &'static str {
        RANKS.get(usize::from(self.0)).copied().unwrap_or("IV/e")
    }

    /// `steps` ranks higher (or lower), within I/a..IV/e.
    pub fn step(self, steps: i64) -> Rank {
        let index = (i64::from(self.0) + steps).clamp(0, 16);
        Rank(u8::try_from(index).unwrap_or(16))
    }
}

/// Jenjang pendidikan, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Education {
    Sma,
    D3,
    D4,
    S1,
    S2,
    S3,
}

impl Education {
    pub fn name(self) -> &'static str {
        match self {
            Education::Sma => "SMA",
            Education::D3 => "D3",
            Education::D4 => "D4",
            Education::S1 => "S1",
            Education::S2 => "S2",
            Education::S3 => "S3",
        }
    }

    /// One level lower (SMA stays SMA); D4 counts as S1's peer, so below it is D3.
    pub fn lower(self) -> Education {
        match self {
            Education::Sma | Education::D3 => Education::Sma,
            Education::D4 | Education::S1 => Education::D3,
            Education::S2 => Education::S1,
            Education::S3 => Education::S2,
        }
    }

    /// The golongan a new PNS with this education starts at.
    pub fn entry_rank(self) -> Rank {
        match self {
            Education::Sma => Rank::II_A,
            Education::D3 => Rank::II_C,
            Education::D4 | Education::S1 => Rank::III_A,
            Education::S2 => Rank::III_B,
            Education::S3 => Rank::III_C,
        }
    }

    /// The highest golongan this education usually reaches outside leadership posts.
    pub fn rank_ceiling(self) -> Rank {
        match self {
            Education::Sma => Rank::III_B,
            Education::D3 => Rank::III_D,
            Education::D4 | Education::S1 => Rank::IV_A,
            Education::S2 | Education::S3 => Rank::IV_B,
        }
    }

    /// Typical age at graduation.
    pub fn graduation_age(self) -> i64 {
        match self {
            Education::Sma => 18,
            Education::D3 => 21,
            Education::D4 | Education::S1 => 22,
            Education::S2 => 26,
            Education::S3 => 32,
        }
    }
}

/// Jenis jabatan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    JptPratama,
    Administrator,
    Pengawas,
    Fungsional,
    Pelaksana,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::JptPratama,
        Kind::Administrator,
        Kind::Pengawas,
        Kind::Fungsional,
        Kind::Pelaksana,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::JptPratama => "jpt_pratama",
            Kind::Administrator => "administrator",
            Kind::Pengawas => "pengawas",
            Kind::Fungsional => "fungsional",
            Kind::Pelaksana => "pelaksana",
        }
    }

    pub fn structural(self) -> bool {
        matches!(
            self,
            Kind::JptPratama | Kind::Administrator | Kind::Pengawas
        )
    }
}

/// Jenjang jabatan fungsional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Terampil,
    Mahir,
    Penyelia,
    AhliPertama,
    AhliMuda,
    AhliMadya,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Terampil => "terampil",
            Level::Mahir => "mahir",
            Level::Penyelia => "penyelia",
            Level::AhliPertama => "ahli_pertama",
            Level::AhliMuda => "ahli_muda",
            Level::AhliMadya => "ahli_madya",
        }
    }

    /// As it appears in a position's name ("Perawat Ahli Pertama").
    pub fn title(self) -> &'static str {
        match self {
            Level::Terampil => "Terampil",
            Level::Mahir => "Mahir",
            Level::Penyelia => "Penyelia",
            Level::AhliPertama => "Ahli Pertama",
            Level::AhliMuda => "Ahli Muda",
            Level::AhliMadya => "Ahli Madya",
        }
    }

    /// The lowest and highest golongan of the jenjang.
    pub fn ranks(self) -> (Rank, Rank) {
        match self {
            Level::Terampil => (Rank::II_C, Rank(7)),
            Level::Mahir | Level::AhliPertama => (Rank::III_A, Rank::III_B),
            Level::Penyelia | Level::AhliMuda => (Rank::III_C, Rank::III_D),
            Level::AhliMadya => (Rank::IV_A, Rank::IV_C),
        }
    }

    /// The education the jenjang requires.
    pub fn education(self) -> Education {
        match self {
            Level::Terampil | Level::Mahir | Level::Penyelia => Education::D3,
            Level::AhliPertama | Level::AhliMuda | Level::AhliMadya => Education::S1,
        }
    }

    /// The jenjang below, on the same ladder (skill or expert).
    pub fn lower(self) -> Option<Level> {
        match self {
            Level::Terampil | Level::AhliPertama => None,
            Level::Mahir => Some(Level::Terampil),
            Level::Penyelia => Some(Level::Mahir),
            Level::AhliMuda => Some(Level::AhliPertama),
            Level::AhliMadya => Some(Level::AhliMuda),
        }
    }
}

/// Fields of study (jurusan) and the family (rumpun) each belongs to.
pub static MAJORS: &[(&str, &str)] = &[
    ("Akuntansi", "Ekonomi"),
    ("Manajemen", "Ekonomi"),
    ("Ilmu Ekonomi", "Ekonomi"),
    ("Ekonomi Pembangunan", "Ekonomi"),
    ("Ilmu Hukum", "Hukum"),
    ("Kedokteran", "Kesehatan"),
    ("Keperawatan", "Kesehatan"),
    ("Kebidanan", "Kesehatan"),
    ("Farmasi", "Kesehatan"),
    ("Kesehatan Masyarakat", "Kesehatan"),
    ("Gizi", "Kesehatan"),
    ("Kesehatan Lingkungan", "Kesehatan"),
    ("Teknologi Laboratorium Medis", "Kesehatan"),
    ("Radiologi", "Kesehatan"),
    ("Teknik Sipil", "Teknik"),
    ("Teknik Lingkungan", "Teknik"),
    ("Teknik Mesin", "Teknik"),
    ("Arsitektur", "Teknik"),
    ("Perencanaan Wilayah dan Kota", "Teknik"),
    ("Manajemen Transportasi", "Teknik"),
    ("Teknik Informatika", "Ilmu Komputer"),
    ("Sistem Informasi", "Ilmu Komputer"),
    ("Ilmu Komputer", "Ilmu Komputer"),
    ("Administrasi Publik", "Administrasi"),
    ("Administrasi Perkantoran", "Administrasi"),
    ("Kearsipan", "Administrasi"),
    ("Ilmu Perpustakaan", "Administrasi"),
    ("Ilmu Pemerintahan", "Sosial dan Politik"),
    ("Ilmu Komunikasi", "Sosial dan Politik"),
    ("Sosiologi", "Sosial dan Politik"),
    ("Kesejahteraan Sosial", "Sosial dan Politik"),
    ("Psikologi", "Psikologi"),
    ("Statistika", "Matematika dan IPA"),
    ("Matematika", "Matematika dan IPA"),
    ("Kimia", "Matematika dan IPA"),
    ("Pendidikan Guru Sekolah Dasar", "Pendidikan"),
    ("Pendidikan Matematika", "Pendidikan"),
    ("Pendidikan Bahasa Indonesia", "Pendidikan"),
    ("Pendidikan Bahasa Inggris", "Pendidikan"),
    ("Pendidikan Anak Usia Dini", "Pendidikan"),
    ("Pendidikan Jasmani", "Pendidikan"),
    ("Manajemen Pendidikan", "Pendidikan"),
];

/// Majors of secondary school (SMA, SMK), with their families.
pub static SCHOOL_MAJORS: &[(&str, &str)] = &[
    ("IPA", "Umum"),
    ("IPS", "Umum"),
    ("IPA", "Umum"),
    ("IPS", "Umum"),
    ("Bahasa", "Umum"),
    ("Akuntansi", "Ekonomi"),
    ("Administrasi Perkantoran", "Administrasi"),
    ("Teknik Komputer dan Jaringan", "Ilmu Komputer"),
    ("Teknik Bangunan", "Teknik"),
];

/// The family of a major ("Umum" for one not listed).
pub fn family(major: &str) -> &'static str {
    MAJORS
        .iter()
        .chain(SCHOOL_MAJORS)
        .find(|(name, _)| *name == major)
        .map_or("Umum", |(_, family)| family)
}

/// Majors of a family.
pub fn majors_of(family_name: &str) -> impl Iterator<Item = &'static str> + '_ {
    MAJORS
        .iter()
        .filter(move |(_, family)| *family == family_name)
        .map(|(major, _)| *major)
}

/// The technical competencies positions ask for and employees hold (levels 1-5).
pub static COMPETENCIES: &[&str] = &[
    "Administrasi Kependudukan",
    "Akuntansi Pemerintahan",
    "Analisis Data",
    "Analisis Kebijakan",
    "Audit Internal",
    "Kebidanan",
    "Kefarmasian",
    "Keamanan Informasi",
    "Keperawatan",
    "Kesehatan Masyarakat",
    "Ketertiban Umum",
    "Komunikasi Publik",
    "Manajemen Kepegawaian",
    "Manajemen Kinerja",
    "Manajemen Lalu Lintas",
    "Manajemen Proyek Konstruksi",
    "Pelayanan Medis",
    "Pelayanan Publik",
    "Pembelajaran",
    "Pemberdayaan Masyarakat",
    "Penanggulangan Bencana",
    "Penataan Ruang",
    "Pengadaan Barang/Jasa",
    "Pengelolaan Arsip",
    "Pengelolaan Aset",
    "Pengelolaan Lingkungan",
    "Pengelolaan Pendapatan",
    "Pengembangan Kurikulum",
    "Penyusunan Anggaran",
    "Penyusunan Peraturan",
    "Perencanaan Pembangunan",
    "Perizinan",
    "Rehabilitasi Sosial",
    "Surveilans Epidemiologi",
    "Teknologi Informasi",
];

/// A training or certificate: its code, name, and how many years it stays valid (`None`:
/// for good).
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub code: &'static str,
    pub name: &'static str,
    pub valid_years: Option<i64>,
}

const fn training(code: &'static str, name: &'static str, valid_years: Option<i64>) -> Training {
    Training {
        code,
        name,
        valid_years,
    }
}

pub static TRAININGS: &[Training] = &[
    training("LATSAR_CPNS", "Pelatihan Dasar CPNS", None),
    training("PKP", "Pelatihan Kepemimpinan Pengawas", None),
    training("PKA", "Pelatihan Kepemimpinan Administrator", None),
    training("PKN_II", "Pelatihan Kepemimpinan Nasional Tingkat II", None),
    training(
        "DIKLAT_SAKIP",
        "Pelatihan Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        None,
    ),
    training(
        "DIKLAT_PBJ_DASAR",
        "Pelatihan Pengadaan Barang/Jasa Tingkat Dasar",
        None,
    ),
    training("DIKLAT_KEARSIPAN", "Pelatihan Teknis Kearsipan", None),
    training(
        "DIKLAT_TIK",
        "Pelatihan Teknis Teknologi Informasi dan Komunikasi",
        None,
    ),
    training("DIKLAT_PERENCANA", "Pelatihan Fungsional Perencana", None),
    training(
        "DIKLAT_ANJAK",
        "Pelatihan Fungsional Analis Kebijakan",
        None,
    ),
    training(
        "DIKLAT_KEUANGAN_DAERAH",
        "Pelatihan Pengelolaan Keuangan Daerah",
        None,
    ),
    training(
        "DIKLAT_ASET",
        "Pelatihan Pengelolaan Barang Milik Daerah",
        None,
    ),
    training(
        "DIKLAT_LEGAL_DRAFTING",
        "Pelatihan Perancangan Peraturan Perundang-undangan",
        None,
    ),
    training("DIKLAT_MANAJEMEN_ASN", "Pelatihan Manajemen ASN", None),
    training(
        "DIKLAT_SIAK",
        "Pelatihan Sistem Informasi Administrasi Kependudukan",
        None,
    ),
    training("DIKLAT_PELAYANAN_PRIMA", "Pelatihan Pelayanan Prima", None),
    training(
        "DIKLAT_KEBENCANAAN",
        "Pelatihan Manajemen Penanggulangan Bencana",
        None,
    ),
    training(
        "DIKLAT_AMDAL",
        "Pelatihan Penilaian Dokumen Lingkungan",
        None,
    ),
    training("DIKLAT_POL_PP", "Pelatihan Dasar Polisi Pamong Praja", None),
    training("DIKLAT_KONSTRUKSI", "Pelatihan Manajemen Konstruksi", None),
    training(
        "DIKLAT_KURIKULUM",
        "Pelatihan Implementasi Kurikulum Merdeka",
        None,
    ),
    training("DIKLAT_P2UPD", "Pelatihan Fungsional P2UPD", None),
    training("DIKLAT_BTCLS", "Basic Trauma Cardiac Life Support", Some(5)),
    training("DIKLAT_ACLS", "Advanced Cardiac Life Support", Some(5)),
    training(
        "SERT_PBJ",
        "Sertifikat Kompetensi Pengadaan Barang/Jasa",
        Some(3),
    ),
    training("SERT_BENDAHARA", "Sertifikat Bendahara Pemerintah", Some(3)),
    training("SERT_AUDITOR", "Sertifikat Auditor Ahli", Some(5)),
    training("STR", "Surat Tanda Registrasi Tenaga Kesehatan", Some(5)),
    training("SERT_PENDIDIK", "Sertifikat Pendidik", None),
    training(
        "SERT_SKK_KONSTRUKSI",
        "Sertifikat Kompetensi Kerja Konstruksi",
        Some(5),
    ),
    training(
        "SERT_PENGUJI_KENDARAAN",
        "Sertifikat Penguji Kendaraan Bermotor",
        Some(4),
    ),
];

/// A training by its code.
pub fn training_named(code: &str) -> Option<&'static Training> {
    TRAININGS.iter().find(|t| t.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_major_has_one_family() {
        for (major, fam) in MAJORS {
            assert_eq!(family(major), *fam, "{major}");
        }
    }

    #[test]
    fn ranks_step_within_bounds() {
        assert_eq!(Rank::III_A.name(), "III/a");
        assert_eq!(Rank(16).step(3), Rank(16));
        assert_eq!(Rank(0).step(-1), Rank(0));
        assert_eq!(Rank::III_A.step(4), Rank::IV_A);
    }
}
