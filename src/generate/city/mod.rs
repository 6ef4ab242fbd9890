//! Kota Cakranegara as the generator sees it: its perangkat daerah (units), their fields
//! (bidang), and the kinds of jabatan fungsional and pelaksana found in them.
//!
//! Fixed tables; the seed only chooses among them (organisation.rs). All of it is fictional.

mod fields;
mod functionals;

pub use fields::{FIELDS, Field, field_named};
pub use functionals::{Functional, functional_coded};

use super::vocabulary::Education;

/// What kind of perangkat daerah a unit is: it decides the leadership posts it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// Dinas and badan: kepala (JPT), sekretaris, kepala bidang, kepala seksi, subbagian.
    Agency,
    /// Sekretariat Daerah: asisten (JPT), kepala bagian, kepala subbagian.
    Secretariat,
    /// Inspektorat: inspektur (JPT), sekretaris, inspektur pembantu.
    Inspectorate,
    /// RSUD: direktur (JPT), kepala bidang, kepala seksi.
    Hospital,
    /// Kecamatan: camat (administrator), sekretaris camat, kepala seksi.
    District,
    /// Kelurahan: lurah (pengawas), sekretaris kelurahan, kepala seksi.
    Village,
}

/// A perangkat daerah (or kelurahan): the `unit_kerja` of positions.
#[derive(Debug)]
pub struct Unit {
    pub name: &'static str,
    /// Prefix of position ids.
    pub code: &'static str,
    pub kind: UnitKind,
    /// The head's title ("Kepala Dinas Kesehatan", "Camat Ampenan").
    pub head: &'static str,
    /// The unit's line fields (bidang, bagian, seksi), by name.
    pub fields: &'static [&'static str],
    /// The jabatan fungsional found in the unit, by code (see [`FUNCTIONALS`]).
    pub functionals: &'static [&'static str],
}

const fn unit(
    name: &'static str,
    code: &'static str,
    kind: UnitKind,
    head: &'static str,
    fields: &'static [&'static str],
    functionals: &'static [&'static str],
) -> Unit {
    Unit {
        name,
        code,
        kind,
        head,
        fields,
        functionals,
    }
}

pub static UNITS: &[Unit] = &[
    unit(
        "Sekretariat Daerah",
        "SETDA",
        UnitKind::Secretariat,
        "Asisten Administrasi Umum",
        &[
            "Hukum",
            "Organisasi",
            "Umum",
            "Pengadaan Barang/Jasa",
            "Pemerintahan",
            "Perekonomian",
        ],
        &["ANJAK", "PERANCANG", "PPBJ", "ARSIPARIS"],
    ),
    unit(
        "Sekretariat DPRD",
        "SETWAN",
        UnitKind::Agency,
        "Sekretaris DPRD",
        &["Persidangan dan Perundang-undangan", "Umum"],
        &["PERANCANG", "ARSIPARIS", "PRANATA-HUMAS"],
    ),
    unit(
        "Inspektorat",
        "ITDA",
        UnitKind::Inspectorate,
        "Inspektur",
        &["Pengawasan"],
        &["AUDITOR", "P2UPD"],
    ),
    unit(
        "Dinas Pendidikan",
        "DISDIK",
        UnitKind::Agency,
        "Kepala Dinas Pendidikan",
        &[
            "Pendidikan Dasar",
            "Pendidikan Anak Usia Dini",
            "Guru dan Tenaga Kependidikan",
        ],
        &[
            "GURU",
            "PENGAWAS-SEKOLAH",
            "PENILIK",
            "PERENCANA",
            "PRANATA-KOMPUTER",
        ],
    ),
    unit(
        "Dinas Kesehatan",
        "DIKES",
        UnitKind::Agency,
        "Kepala Dinas Kesehatan",
        &[
            "Pelayanan Kesehatan",
            "Kesehatan Masyarakat",
            "Pencegahan dan Pengendalian Penyakit",
        ],
        &[
            "DOKTER",
            "PERAWAT",
            "BIDAN",
            "EPIDEMIOLOG",
            "NUTRISIONIS",
            "SANITARIAN",
            "APOTEKER",
        ],
    ),
    unit(
        "RSUD Cakranegara",
        "RSUD",
        UnitKind::Hospital,
        "Direktur RSUD Cakranegara",
        &["Pelayanan Medik", "Keperawatan", "Penunjang Medik"],
        &[
            "DOKTER",
            "PERAWAT",
            "BIDAN",
            "APOTEKER",
            "PRANATA-LAB",
            "RADIOGRAFER",
        ],
    ),
    unit(
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "PUPR",
        UnitKind::Agency,
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        &["Infrastruktur", "Sumber Daya Air", "Penataan Ruang"],
        &["TEKNIK-JALAN", "PENATA-RUANG", "PPBJ"],
    ),
    unit(
        "Dinas Perhubungan",
        "DISHUB",
        UnitKind::Agency,
        "Kepala Dinas Perhubungan",
        &["Lalu Lintas", "Angkutan"],
        &["PENGUJI-KENDARAAN", "PERENCANA"],
    ),
    unit(
        "Dinas Sosial",
        "DINSOS",
        UnitKind::Agency,
        "Kepala Dinas Sosial",
        &["Rehabilitasi Sosial", "Perlindungan dan Jaminan Sosial"],
        &["PEKSOS", "PENYULUH-SOSIAL"],
    ),
    unit(
        "Dinas Kependudukan dan Pencatatan Sipil",
        "DUKCAPIL",
        UnitKind::Agency,
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        &["Pendaftaran Penduduk", "Pencatatan Sipil"],
        &["ADMINDUK", "PRANATA-KOMPUTER", "ARSIPARIS"],
    ),
    unit(
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        UnitKind::Agency,
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        &["Perizinan", "Penanaman Modal"],
        &["PENATA-PM", "ANJAK"],
    ),
    unit(
        "Dinas Komunikasi dan Informatika",
        "DISKOMINFO",
        UnitKind::Agency,
        "Kepala Dinas Komunikasi dan Informatika",
        &[
            "Teknologi Informasi",
            "Komunikasi Publik",
            "Statistik dan Persandian",
        ],
        &[
            "PRANATA-KOMPUTER",
            "PRANATA-HUMAS",
            "STATISTISI",
            "SANDIMAN",
        ],
    ),
    unit(
        "Dinas Lingkungan Hidup",
        "DLH",
        UnitKind::Agency,
        "Kepala Dinas Lingkungan Hidup",
        &["Pengendalian Pencemaran", "Pengelolaan Sampah"],
        &["PEDAL", "PENGAWAS-LH"],
    ),
    unit(
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        UnitKind::Agency,
        "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        &["Mutasi dan Promosi", "Pengembangan Sumber Daya Manusia"],
        &["ASN-ANALIS", "ASESOR-SDM", "ARSIPARIS", "PRANATA-KOMPUTER"],
    ),
    unit(
        "Badan Keuangan dan Aset Daerah",
        "BKAD",
        UnitKind::Agency,
        "Kepala Badan Keuangan dan Aset Daerah",
        &["Anggaran", "Akuntansi", "Aset", "Perbendaharaan"],
        &["ANALIS-KEUANGAN", "PRANATA-KOMPUTER"],
    ),
    unit(
        "Badan Pendapatan Daerah",
        "BAPENDA",
        UnitKind::Agency,
        "Kepala Badan Pendapatan Daerah",
        &["Pendapatan"],
        &["ANALIS-KEUANGAN", "PRANATA-KOMPUTER"],
    ),
    unit(
        "Badan Perencanaan Pembangunan Daerah",
        "BAPPEDA",
        UnitKind::Agency,
        "Kepala Badan Perencanaan Pembangunan Daerah",
        &[
            "Perencanaan",
            "Perencanaan Infrastruktur dan Kewilayahan",
            "Penelitian dan Pengembangan",
        ],
        &["PERENCANA", "ANJAK", "STATISTISI"],
    ),
    unit(
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        UnitKind::Agency,
        "Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
        &[
            "Kedaruratan dan Logistik",
            "Pencegahan dan Kesiapsiagaan",
            "Rehabilitasi dan Rekonstruksi",
        ],
        &["ANALIS-BENCANA"],
    ),
    unit(
        "Satuan Polisi Pamong Praja",
        "SATPOLPP",
        UnitKind::Agency,
        "Kepala Satuan Polisi Pamong Praja",
        &["Penegakan Peraturan Daerah", "Ketenteraman dan Ketertiban"],
        &["POL-PP"],
    ),
    unit(
        "Kecamatan Cakranegara",
        "KEC-CAKRA",
        UnitKind::District,
        "Camat Cakranegara",
        &[
            "Pemerintahan",
            "Ketenteraman dan Ketertiban",
            "Kesejahteraan Sosial",
            "Pemberdayaan Masyarakat",
        ],
        &["ANJAK"],
    ),
    unit(
        "Kecamatan Sandubaya",
        "KEC-SANDU",
        UnitKind::District,
        "Camat Sandubaya",
        &[
            "Pemerintahan",
            "Ketenteraman dan Ketertiban",
            "Kesejahteraan Sosial",
            "Pemberdayaan Masyarakat",
        ],
        &[],
    ),
    unit(
        "Kecamatan Ampenan",
        "KEC-AMPEN",
        UnitKind::District,
        "Camat Ampenan",
        &[
            "Pemerintahan",
            "Ketenteraman dan Ketertiban",
            "Kesejahteraan Sosial",
            "Pemberdayaan Masyarakat",
        ],
        &[],
    ),
    unit(
        "Kecamatan Mataram",
        "KEC-MTR",
        UnitKind::District,
        "Camat Mataram",
        &[
            "Pemerintahan",
            "Ketenteraman dan Ketertiban",
            "Kesejahteraan Sosial",
            "Pemberdayaan Masyarakat",
        ],
        &["ARSIPARIS"],
    ),
    unit(
        "Kecamatan Sekarbela",
        "KEC-SKB",
        UnitKind::District,
        "Camat Sekarbela",
        &[
            "Pemerintahan",
            "Ketenteraman dan Ketertiban",
            "Kesejahteraan Sosial",
            "Pemberdayaan Masyarakat",
        ],
        &[],
    ),
    unit(
        "Kecamatan Selaparang",
        "KEC-SLP",
        UnitKind::District,
        "Camat Selaparang",
        &[
            "Pemerintahan",
            "Ketenteraman dan Ketertiban",
            "Kesejahteraan Sosial",
            "Pemberdayaan Masyarakat",
        ],
        &[],
    ),
    unit(
        "Kelurahan Cakranegara Barat",
        "KEL-CKB",
        UnitKind::Village,
        "Lurah Cakranegara Barat",
        &["Pemerintahan", "Pemberdayaan Masyarakat"],
        &[],
    ),
    unit(
        "Kelurahan Cilinaya",
        "KEL-CLN",
        UnitKind::Village,
        "Lurah Cilinaya",
        &["Pemerintahan", "Pemberdayaan Masyarakat"],
        &[],
    ),
    unit(
        "Kelurahan Ampenan Tengah",
        "KEL-AMT",
        UnitKind::Village,
        "Lurah Ampenan Tengah",
        &["Pemerintahan", "Ketenteraman dan Ketertiban"],
        &[],
    ),
    unit(
        "Kelurahan Sayang-Sayang",
        "KEL-SYS",
        UnitKind::Village,
        "Lurah Sayang-Sayang",
        &["Pemerintahan", "Pemberdayaan Masyarakat"],
        &[],
    ),
];

/// A jabatan pelaksana.
#[derive(Debug)]
pub struct Job {
    pub name: &'static str,
    pub code: &'static str,
    /// A fixed bidang, or `None` for "any line field of the unit".
    pub field: Option<&'static str>,
    pub education: Education,
    pub certificate: Option<&'static str>,
    /// Found only in units with this line field (`None`: in every unit).
    pub only_with: Option<&'static str>,
}

const fn job(
    name: &'static str,
    code: &'static str,
    field: Option<&'static str>,
    education: Education,
    certificate: Option<&'static str>,
    only_with: Option<&'static str>,
) -> Job {
    Job {
        name,
        code,
        field,
        education,
        certificate,
        only_with,
    }
}

pub static JOBS: &[Job] = &[
    job(
        "Pengadministrasi Perkantoran",
        "ADM",
        Some("Umum"),
        Education::Sma,
        None,
        None,
    ),
    job(
        "Pengelola Keuangan",
        "PENGELOLA-KEU",
        Some("Keuangan"),
        Education::D3,
        None,
        None,
    ),
    job(
        "Bendahara Pengeluaran",
        "BENDAHARA",
        Some("Keuangan"),
        Education::D3,
        Some("SERT_BENDAHARA"),
        None,
    ),
    job(
        "Pengelola Layanan Kepegawaian",
        "PENGELOLA-PEG",
        Some("Kepegawaian"),
        Education::D3,
        None,
        None,
    ),
    job(
        "Penata Layanan Operasional",
        "PLO",
        None,
        Education::S1,
        None,
        None,
    ),
    job(
        "Pengolah Data dan Informasi",
        "PDI",
        None,
        Education::D3,
        None,
        None,
    ),
    job(
        "Operator Layanan Operasional",
        "OLO",
        None,
        Education::Sma,
        None,
        None,
    ),
    job(
        "Pengelola Barang Milik Daerah",
        "PENGELOLA-BMD",
        Some("Aset"),
        Education::D3,
        None,
        Some("Aset"),
    ),
    job(
        "Pengelola Pengadaan Barang/Jasa",
        "PENGELOLA-PBJ",
        Some("Pengadaan Barang/Jasa"),
        Education::S1,
        Some("SERT_PBJ"),
        Some("Pengadaan Barang/Jasa"),
    ),
    job(
        "Penata Kelola Sistem dan Teknologi Informasi",
        "PENATA-TI",
        Some("Teknologi Informasi"),
        Education::S1,
        None,
        Some("Teknologi Informasi"),
    ),
];

#[cfg(test)]
mod tests {
    use super::functionals::FUNCTIONALS;
    use super::*;
    use crate::generate::vocabulary::{COMPETENCIES, MAJORS, training_named};

    fn known_major(name: &str) -> bool {
        MAJORS.iter().any(|(m, _)| *m == name)
    }

    #[test]
    fn every_name_in_the_tables_is_defined() {
        for f in FIELDS {
            assert!(f.majors.iter().all(|m| known_major(m)), "{}", f.name);
            assert!(
                f.competencies.iter().all(|c| COMPETENCIES.contains(c)),
                "{}",
                f.name
            );
            assert!(
                f.training.is_none_or(|t| training_named(t).is_some()),
                "{}",
                f.name
            );
        }
        for u in UNITS {
            assert!(
                u.fields.iter().all(|f| field_named(f).is_some()),
                "{}",
                u.name
            );
            assert!(
                u.functionals.iter().all(|f| functional_coded(f).is_some()),
                "{}",
                u.name
            );
        }
        for f in FUNCTIONALS {
            assert!(
                f.fields.iter().all(|b| field_named(b).is_some()),
                "{}",
                f.name
            );
            assert!(f.majors.iter().all(|m| known_major(m)), "{}", f.name);
            assert!(
                f.competencies.iter().all(|c| COMPETENCIES.contains(c)),
                "{}",
                f.name
            );
            let codes = f.trainings.iter().chain(f.certificates);
            assert!(
                codes.clone().all(|t| training_named(t).is_some()),
                "{}",
                f.name
            );
        }
        for j in JOBS {
            assert!(
                j.field.is_none_or(|b| field_named(b).is_some()),
                "{}",
                j.name
            );
            assert!(
                j.certificate.is_none_or(|t| training_named(t).is_some()),
                "{}",
                j.name
            );
        }
    }

    #[test]
    fn codes_are_unique() {
        let mut units: Vec<_> = UNITS.iter().map(|u| u.code).collect();
        units.sort_unstable();
        units.dedup();
        assert_eq!(units.len(), UNITS.len());
        let mut fields: Vec<_> = FIELDS.iter().map(|f| f.code).collect();
        fields.sort_unstable();
        fields.dedup();
        assert_eq!(fields.len(), FIELDS.len());
    }
}
