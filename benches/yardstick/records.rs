//! The record files of POLICY.md sections 1.2 and 1.3 (YAML sequences or JSON Lines) as serde
//! structs, with the value sets of section 1.1 as ordered enums.
//!
//! Only the fields the policy reads are declared (serde skips the rest), and the data is assumed
//! valid: the engine validates input, the yardstick only decides. An absent or `null` list or
//! map is empty, an absent or `null` optional field is `None`, as in the engine.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

use super::calendar::{self, Day};

/// golongan, `I/a` (lowest) to `IV/e`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum Rank {
    #[serde(rename = "I/a")]
    Ia,
    #[serde(rename = "I/b")]
    Ib,
    #[serde(rename = "I/c")]
    Ic,
    #[serde(rename = "I/d")]
    Id,
    #[serde(rename = "II/a")]
    IIa,
    #[serde(rename = "II/b")]
    IIb,
    #[serde(rename = "II/c")]
    IIc,
    #[serde(rename = "II/d")]
    IId,
    #[serde(rename = "III/a")]
    IIIa,
    #[serde(rename = "III/b")]
    IIIb,
    #[serde(rename = "III/c")]
    IIIc,
    #[serde(rename = "III/d")]
    IIId,
    #[serde(rename = "IV/a")]
    IVa,
    #[serde(rename = "IV/b")]
    IVb,
    #[serde(rename = "IV/c")]
    IVc,
    #[serde(rename = "IV/d")]
    IVd,
    #[serde(rename = "IV/e")]
    IVe,
}

/// jenjang pendidikan, `SD` (lowest) to `S3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EducationLevel {
    Sd,
    Smp,
    Sma,
    D1,
    D2,
    D3,
    D4,
    S1,
    S2,
    S3,
}

/// predikat SKP, `Sangat Kurang` (lowest) to `Sangat Baik`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum Rating {
    #[serde(rename = "Sangat Kurang")]
    SangatKurang,
    #[serde(rename = "Kurang")]
    Kurang,
    #[serde(rename = "Butuh Perbaikan")]
    ButuhPerbaikan,
    #[serde(rename = "Baik")]
    Baik,
    #[serde(rename = "Sangat Baik")]
    SangatBaik,
}

/// jenis jabatan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    Pelaksana,
    Fungsional,
    Pengawas,
    Administrator,
    JptPratama,
}

/// jenjang fungsional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionalGrade {
    Terampil,
    Mahir,
    Penyelia,
    AhliPertama,
    AhliMuda,
    AhliMadya,
    AhliUtama,
}

/// tingkat hukuman disiplin, `ringan` (lowest) to `berat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PunishmentLevel {
    Ringan,
    Sedang,
    Berat,
}

/// status pegawai.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Aktif,
    TugasBelajar,
    Cltn,
    DiberhentikanSementara,
}

/// jenis ASN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum AsnKind {
    #[serde(rename = "PNS")]
    Pns,
    #[serde(rename = "PPPK")]
    Pppk,
}

/// A `YYYY-MM-DD` field, read straight into a [`Day`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub Day);

/// An employee record (POLICY.md 1.2).
#[derive(Debug, Deserialize)]
pub struct Pegawai {
    pub nip: String,
    pub jenis_asn: AsnKind,
    pub status: Status,
    pub tanggal_lahir: Date,
    #[serde(default)]
    pub golongan: Option<Rank>,
    #[serde(default, deserialize_with = "nullable")]
    pub pendidikan: Vec<Pendidikan>,
    pub jabatan: Jabatan,
    #[serde(default, deserialize_with = "nullable")]
    pub riwayat_jabatan: Vec<RiwayatJabatan>,
    #[serde(default, deserialize_with = "nullable")]
    pub pelatihan: Vec<Pelatihan>,
    #[serde(default, deserialize_with = "nullable")]
    pub kompetensi: BTreeMap<String, u8>,
    #[serde(default, deserialize_with = "nullable")]
    pub skp: Vec<Skp>,
    #[serde(default, deserialize_with = "nullable")]
    pub hukuman_disiplin: Vec<HukumanDisiplin>,
    #[serde(default)]
    pub proses_disiplin: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    pub minat: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Pendidikan {
    pub jenjang: EducationLevel,
    pub jurusan: String,
    pub rumpun: String,
}

#[derive(Debug, Deserialize)]
pub struct Jabatan {
    #[serde(default)]
    pub formasi: Option<String>,
    pub jenis: PostKind,
    #[serde(default)]
    pub jenjang: Option<FunctionalGrade>,
    pub unit_kerja: String,
    pub bidang: String,
    pub tmt: Date,
}

#[derive(Debug, Deserialize)]
pub struct RiwayatJabatan {
    pub jenis: PostKind,
    #[serde(default)]
    pub jenjang: Option<FunctionalGrade>,
    pub bidang: String,
    pub mulai: Date,
    pub selesai: Date,
}

#[derive(Debug, Deserialize)]
pub struct Pelatihan {
    pub kode: String,
    pub selesai: Date,
    #[serde(default)]
    pub berlaku_sampai: Option<Date>,
}

#[derive(Debug, Deserialize)]
pub struct Skp {
    pub tahun: i32,
    pub predikat: Rating,
}

#[derive(Debug, Deserialize)]
pub struct HukumanDisiplin {
    pub tingkat: PunishmentLevel,
    pub mulai: Date,
    pub selesai: Date,
}

/// A position record (POLICY.md 1.3).
#[derive(Debug, Deserialize)]
pub struct Formasi {
    pub id: String,
    pub unit_kerja: String,
    pub bidang: String,
    pub jenis: PostKind,
    #[serde(default)]
    pub jenjang: Option<FunctionalGrade>,
    #[serde(default)]
    pub golongan_minimal: Option<Rank>,
    pub pendidikan_minimal: EducationLevel,
    #[serde(default, deserialize_with = "nullable")]
    pub jurusan_sesuai: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub rumpun_pendidikan: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub kompetensi: BTreeMap<String, u8>,
    #[serde(default, deserialize_with = "nullable")]
    pub pelatihan_wajib: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub sertifikat_wajib: Vec<String>,
}

/// A file that could not be read as records.
#[derive(Debug)]
pub struct ReadError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ReadError {}

/// The records of a file: JSON Lines when its name ends in `.jsonl`, a YAML sequence otherwise.
pub fn read<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, ReadError> {
    let failed = |message: String| ReadError {
        path: path.to_owned(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|error| failed(error.to_string()))?;
    if path
        .extension()
        .is_some_and(|extension| extension == "jsonl")
    {
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(index, line)| {
                serde_json::from_str(line)
                    .map_err(|error| failed(format!("line {}: {error}", index + 1)))
            })
            .collect()
    } else {
        serde_yaml::from_str(&text).map_err(|error| failed(error.to_string()))
    }
}

/// A list or map field written as `null` means empty, like an absent one.
fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        deserializer.deserialize_str(DateVisitor)
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
        calendar::parse(text)
            .map(Date)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
    }
}
