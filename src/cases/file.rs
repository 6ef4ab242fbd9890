//! Reading case files: named base records and cases, as YAML a policy officer writes.
//!
//! ```yaml
//! bases:
//!   pegawai:
//!     analis: { nip: "198503122010011002", ... }
//!   formasi:
//!     kasubag_keuangan: { id: BKAD-KASUBAG-KEU, ... }
//! cases:
//!   - name: masa jabatan kurang satu hari
//!     as_of: 2026-11-27
//!     pegawai:
//!       base: analis
//!       set:
//!         jabatan.tmt: 2024-11-28
//!     formasi: kasubag_keuangan
//!     expect:
//!       decision: not_eligible
//!       failed: [masa_jabatan]
//!       eligible_from: 2026-11-28
//! ```

use serde_yaml::{Mapping, Value};

use super::{CaseProblem, Expect, RawCase, RecordRef};
use crate::bi;
use crate::data::PathSeg;
use crate::date::Date;
use crate::eval::Decision;
use crate::lang::Text;
use crate::source::FileId;

/// What one case file declares.
#[derive(Debug, Default)]
pub struct Parsed {
    /// (input name, base name, record, path of the record in the file)
    pub bases: Vec<(String, String, Value, Vec<PathSeg>)>,
    pub cases: Vec<RawCase>,
}

/// Reads a case file's structure; every problem has the path where it is.
pub fn parse(
    file: FileId,
    text: &str,
    inputs: &[String],
    problems: &mut Vec<CaseProblem>,
) -> Parsed {
    let mut parsed = Parsed::default();
    let top: Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            let message = error.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            problems.push(CaseProblem::new(
                file,
                Vec::new(),
                bi!(
                    "berkas kasus tidak dapat dibaca: {message}",
                    "the case file cannot be read: {message}"
                ),
            ));
            return parsed;
        }
    };
    let Value::Mapping(top) = top else {
        if !top.is_null() {
            problems.push(CaseProblem::new(
                file,
                Vec::new(),
                bi!(
                    "berkas kasus berisi `bases:` dan/atau `cases:`",
                    "a case file holds `bases:` and/or `cases:`"
                ),
            ));
        }
        return parsed;
    };
    for (key, value) in &top {
        match key.as_str() {
            Some("bases") => bases(file, value, inputs, &mut parsed, problems),
            Some("cases") => cases(file, value, inputs, &mut parsed, problems),
            other => {
                let key = other.unwrap_or("?");
                problems.push(CaseProblem::new(
                    file,
                    vec![PathSeg::Field(key.to_string())],
                    bi!(
                        "kunci `{key}` tidak dikenal; yang ada: `bases`, `cases`",
                        "unknown key `{key}`; the keys are `bases` and `cases`"
                    ),
                ));
            }
        }
    }
    parsed
}

fn bases(
    file: FileId,
    value: &Value,
    inputs: &[String],
    parsed: &mut Parsed,
    problems: &mut Vec<CaseProblem>,
) {
    let Value::Mapping(by_input) = value else {
        problems.push(CaseProblem::new(
            file,
            vec![PathSeg::Field("bases".into())],
            bi!(
                "`bases` berisi satu map per masukan (mis. `pegawai:`)",
                "`bases` holds one map per input (e.g. `pegawai:`)"
            ),
        ));
        return;
    };
    for (input, records) in by_input {
        let input = input.as_str().unwrap_or("").to_string();
        let at = vec![
            PathSeg::Field("bases".into()),
            PathSeg::Field(input.clone()),
        ];
        if !inputs.contains(&input) {
            let list = inputs.join("`, `");
            problems.push(CaseProblem::new(
                file,
                at,
                bi!(
                    "`{input}` bukan masukan aturan; yang ada: `{list}`",
                    "`{input}` is not an input of the rules; the inputs are `{list}`"
                ),
            ));
            continue;
        }
        let Value::Mapping(records) = records else {
            problems.push(CaseProblem::new(
                file,
                at,
                bi!(
                    "berikan record dasar dengan nama: `nama: {{...}}`",
                    "give base records by name: `name: {{...}}`"
                ),
            ));
            continue;
        };
        for (name, record) in records {
            let name = name.as_str().unwrap_or("").to_string();
            let mut path = at.clone();
            path.push(PathSeg::Field(name.clone()));
            parsed
                .bases
                .push((input.clone(), name, record.clone(), path));
        }
    }
}

fn cases(
    file: FileId,
    value: &Value,
    inputs: &[String],
    parsed: &mut Parsed,
    problems: &mut Vec<CaseProblem>,
) {
    let Value::Sequence(list) = value else {
        problems.push(CaseProblem::new(
            file,
            vec![PathSeg::Field("cases".into())],
            bi!(
                "`cases` berisi daftar kasus (`- name: ...`)",
                "`cases` holds a list of cases (`- name: ...`)"
            ),
        ));
        return;
    };
    for (index, case) in list.iter().enumerate() {
        let path = vec![PathSeg::Field("cases".into()), PathSeg::Index(index)];
        if let Some(case) = one_case(file, case, &path, inputs, problems) {
            parsed.cases.push(case);
        }
    }
}

fn one_case(
    file: FileId,
    value: &Value,
    path: &[PathSeg],
    inputs: &[String],
    problems: &mut Vec<CaseProblem>,
) -> Option<RawCase> {
    let Value::Mapping(map) = value else {
        problems.push(CaseProblem::new(
            file,
            path.to_vec(),
            bi!(
                "setiap kasus adalah map (`name:`, `as_of:`, ...)",
                "each case is a map (`name:`, `as_of:`, ...)"
            ),
        ));
        return None;
    };
    let at = |key: &str| {
        let mut p = path.to_vec();
        p.push(PathSeg::Field(key.to_string()));
        p
    };
    let before = problems.len();
    let mut known = vec!["name", "as_of", "assessment_year", "expect"];
    known.extend(inputs.iter().map(String::as_str));
    for key in map.keys() {
        let key = key.as_str().unwrap_or("?");
        if !known.contains(&key) {
            let list = known.join("`, `");
            problems.push(CaseProblem::new(
                file,
                at(key),
                bi!(
                    "kunci `{key}` tidak dikenal; yang ada: `{list}`",
                    "unknown key `{key}`; the keys are `{list}`"
                ),
            ));
        }
    }
    let name = match map.get("name").and_then(Value::as_str) {
        Some(name) => name.to_string(),
        None => {
            problems.push(CaseProblem::new(
                file,
                path.to_vec(),
                bi!("kasus memerlukan `name:`", "a case needs a `name:`"),
            ));
            String::new()
        }
    };
    let as_of = match map.get("as_of") {
        Some(value) => date(file, value, at("as_of"), problems),
        None => {
            problems.push(CaseProblem::new(
                file,
                path.to_vec(),
                bi!(
                    "kasus memerlukan `as_of:` (tanggal evaluasi)",
                    "a case needs `as_of:` (the evaluation date)"
                ),
            ));
            None
        }
    };
    let assessment_year = match map.get("assessment_year") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(_) => {
            problems.push(CaseProblem::new(
                file,
                at("assessment_year"),
                bi!(
                    "`assessment_year` adalah tahun, mis. 2025",
                    "`assessment_year` is a year, e.g. 2025"
                ),
            ));
            None
        }
        None => None,
    };
    let mut records = Vec::new();
    for input in inputs {
        match map.get(input.as_str()) {
            Some(value) => {
                if let Some(reference) = record_ref(file, value, at(input), problems) {
                    records.push((input.clone(), reference));
                }
            }
            None => problems.push(CaseProblem::new(
                file,
                path.to_vec(),
                bi!("kasus memerlukan `{input}:`", "a case needs `{input}:`"),
            )),
        }
    }
    let expect = match map.get("expect") {
        Some(value) => expect(file, value, at("expect"), problems),
        None => Expect::default(),
    };
    if problems.len() > before {
        return None;
    }
    Some(RawCase {
        name,
        path: path.to_vec(),
        file,
        as_of: as_of?,
        assessment_year,
        records,
        expect,
    })
}

fn date(
    file: FileId,
    value: &Value,
    path: Vec<PathSeg>,
    problems: &mut Vec<CaseProblem>,
) -> Option<Date> {
    let parsed = value.as_str().and_then(Date::parse);
    if parsed.is_none() {
        problems.push(CaseProblem::new(
            file,
            path,
            bi!(
                "diharapkan tanggal YYYY-MM-DD yang ada",
                "expected a real YYYY-MM-DD date"
            ),
        ));
    }
    parsed
}

fn record_ref(
    file: FileId,
    value: &Value,
    path: Vec<PathSeg>,
    problems: &mut Vec<CaseProblem>,
) -> Option<RecordRef> {
    match value {
        Value::String(base) => Some(RecordRef {
            base: base.clone(),
            set: Vec::new(),
            path,
        }),
        Value::Mapping(map) => {
            let Some(base) = map.get("base").and_then(Value::as_str) else {
                problems.push(CaseProblem::new(
                    file,
                    path,
                    bi!(
                        "tulis `base: <nama record dasar>` dan `set:`",
                        "write `base: <base record name>` and `set:`"
                    ),
                ));
                return None;
            };
            let mut set = Vec::new();
            match map.get("set") {
                None | Some(Value::Null) => {}
                Some(Value::Mapping(changes)) => {
                    for (key, value) in changes {
                        let key = key.as_str().unwrap_or("").to_string();
                        set.push((key, value.clone()));
                    }
                }
                Some(_) => {
                    let mut at = path.clone();
                    at.push(PathSeg::Field("set".into()));
                    problems.push(CaseProblem::new(
                        file,
                        at,
                        bi!(
                            "`set` berisi `field.path: nilai`",
                            "`set` holds `field.path: value` pairs"
                        ),
                    ));
                }
            }
            Some(RecordRef {
                base: base.to_string(),
                set,
                path,
            })
        }
        _ => {
            problems.push(CaseProblem::new(
                file,
                path,
                bi!(
                    "tulis nama record dasar, atau `base:` dan `set:`",
                    "write a base record name, or `base:` and `set:`"
                ),
            ));
            None
        }
    }
}

fn expect(
    file: FileId,
    value: &Value,
    path: Vec<PathSeg>,
    problems: &mut Vec<CaseProblem>,
) -> Expect {
    let mut expect = Expect::default();
    let Value::Mapping(map) = value else {
        problems.push(CaseProblem::new(
            file,
            path,
            bi!(
                "`expect` adalah map (`decision:`, `failed:`, ...)",
                "`expect` is a map (`decision:`, `failed:`, ...)"
            ),
        ));
        return expect;
    };
    let at = |key: &str| {
        let mut p = path.clone();
        p.push(PathSeg::Field(key.to_string()));
        p
    };
    for (key, value) in map {
        let key = key.as_str().unwrap_or("?");
        match key {
            "decision" => {
                let decision = value.as_str().and_then(|d| {
                    [Decision::Eligible, Decision::EligibleAfterTraining, Decision::NeedsReview, Decision::NotEligible]
                        .into_iter()
                        .find(|x| x.code() == d)
                });
                if decision.is_none() {
                    problems.push(CaseProblem::new(file, at(key), bi!(
                        "keputusan adalah `eligible`, `eligible_after_training`, `needs_review` atau `not_eligible`",
                        "a decision is `eligible`, `eligible_after_training`, `needs_review` or `not_eligible`"
                    )));
                }
                expect.decision = decision;
            }
            "failed" | "unknown" | "training" => {
                let list = names(value);
                if list.is_none() {
                    problems.push(CaseProblem::new(file, at(key), bi!("diharapkan daftar nama, mis. `[masa_jabatan]`", "expected a list of names, e.g. `[masa_jabatan]`")));
                }
                match key {
                    "failed" => expect.failed = list,
                    "unknown" => expect.unknown = list,
                    _ => expect.training = list,
                }
            }
            "eligible_from" => {
                expect.eligible_from = match value {
                    Value::Null => Some(None),
                    other => date(file, other, at(key), problems).map(Some),
                };
            }
            "score" => match value.as_i64() {
                Some(score) => expect.score = Some(score),
                None => problems.push(CaseProblem::new(file, at(key), bi!("skor adalah bilangan bulat", "a score is a whole number"))),
            },
            "status" => match value {
                Value::Null => expect.status = Some(None),
                Value::String(status) => expect.status = Some(Some(status.clone())),
                _ => problems.push(CaseProblem::new(
                    file,
                    at(key),
                    bi!("status adalah nama status klasifikasi, atau null", "a status is the name of a classification status, or null"),
                )),
            },
            "listing" => {
                let list = names(value);
                if list.is_none() {
                    problems.push(CaseProblem::new(file, at(key), bi!("diharapkan daftar nama", "expected a list of names")));
                }
                expect.listing = list;
            }
            "score_parts" => match value {
                Value::Mapping(parts) => {
                    let mut out = Vec::new();
                    for (name, points) in parts {
                        match (name.as_str(), points.as_i64()) {
                            (Some(name), Some(points)) => out.push((name.to_string(), points)),
                            _ => problems.push(CaseProblem::new(file, at(key), bi!("tulis `bagian: poin`", "write `part: points`"))),
                        }
                    }
                    expect.score_parts = Some(out);
                }
                _ => problems.push(CaseProblem::new(file, at(key), bi!("tulis `bagian: poin`", "write `part: points`"))),
            },
            other => problems.push(CaseProblem::new(file, at(other), bi!(
                "harapan `{other}` tidak dikenal; yang ada: decision, failed, unknown, training, eligible_from, score, score_parts, status, listing",
                "unknown expectation `{other}`; they are decision, failed, unknown, training, eligible_from, score, score_parts, status, listing"
            ))),
        }
    }
    expect
}

fn names(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Sequence(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect(),
        Value::Null => Some(Vec::new()),
        _ => None,
    }
}

/// Applies `field.path: value` changes to a record; a null value removes the field.
pub fn apply(record: &mut Value, path: &str, value: &Value) -> Result<(), Text> {
    let segments = split_path(path)?;
    let mut current = record;
    let Some((last, init)) = segments.split_last() else {
        return Err(bi!("jalur kosong", "empty path"));
    };
    for segment in init {
        current = step(current, segment)?;
    }
    let last = &as_index(last, current);
    match (last, current) {
        (Segment::Key(key), Value::Mapping(map)) => {
            if value.is_null() {
                map.remove(key.as_str());
            } else {
                map.insert(Value::String(key.clone()), value.clone());
            }
            Ok(())
        }
        (Segment::Index(index), Value::Sequence(items)) => match items.get_mut(*index) {
            Some(slot) => {
                *slot = value.clone();
                Ok(())
            }
            None => Err(past_the_end(*index, items.len())),
        },
        (Segment::Key(key), _) => Err(not_in_record(key)),
        (Segment::Index(index), _) => Err(not_in_list(*index)),
    }
}

fn past_the_end(index: usize, len: usize) -> Text {
    bi!(
        "[{index}] melewati akhir daftar ({len} entri; indeks mulai dari 0)",
        "[{index}] is past the end of the list ({len} entries; indices start at 0)"
    )
}

fn not_in_record(key: &str) -> Text {
    bi!(
        "`{key}` tidak berada di dalam record",
        "`{key}` is not inside a record"
    )
}

fn not_in_list(index: usize) -> Text {
    bi!(
        "[{index}] tidak berada di dalam daftar",
        "[{index}] is not inside a list"
    )
}

enum Segment {
    Key(String),
    Index(usize),
}

/// `skp.1.predikat`: a number after a dot indexes a list (and `[1]` does the same).
fn as_index(segment: &Segment, value: &Value) -> Segment {
    match (segment, value) {
        (Segment::Key(key), Value::Sequence(_)) => match key.parse::<usize>() {
            Ok(index) => Segment::Index(index),
            Err(_) => Segment::Key(key.clone()),
        },
        (Segment::Key(key), _) => Segment::Key(key.clone()),
        (Segment::Index(index), _) => Segment::Index(*index),
    }
}

fn step<'v>(value: &'v mut Value, segment: &Segment) -> Result<&'v mut Value, Text> {
    let segment = &as_index(segment, value);
    match (segment, value) {
        (Segment::Key(key), Value::Mapping(map)) => {
            if !map.contains_key(key.as_str()) {
                map.insert(Value::String(key.clone()), Value::Mapping(Mapping::new()));
            }
            map.get_mut(key.as_str())
                .ok_or_else(|| bi!("tidak ada `{key}`", "no `{key}`"))
        }
        (Segment::Index(index), Value::Sequence(items)) => {
            let len = items.len();
            items
                .get_mut(*index)
                .ok_or_else(|| past_the_end(*index, len))
        }
        (Segment::Key(key), _) => Err(not_in_record(key)),
        (Segment::Index(index), _) => Err(not_in_list(*index)),
    }
}

/// `jabatan.tmt`, `skp.1.predikat` (or `skp[1].predikat`), `kompetensi.Analisis Data`.
fn split_path(path: &str) -> Result<Vec<Segment>, Text> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = match part.find('[') {
            Some(at) => (part.get(..at).unwrap_or(""), part.get(at..).unwrap_or("")),
            None => (part, ""),
        };
        if !name.is_empty() {
            out.push(Segment::Key(name.to_string()));
        }
        while let Some(open) = rest.strip_prefix('[') {
            let close = open
                .find(']')
                .ok_or_else(|| bi!("`{part}`: `[` tanpa `]`", "`{part}`: `[` without `]`"))?;
            let index = open
                .get(..close)
                .unwrap_or("")
                .trim()
                .parse::<usize>()
                .map_err(|_| {
                    bi!(
                        "`{part}`: indeks harus berupa angka",
                        "`{part}`: the index must be a number"
                    )
                })?;
            out.push(Segment::Index(index));
            rest = open.get(close + 1..).unwrap_or("");
        }
        if !rest.is_empty() {
            return Err(bi!(
                "`{part}`: `{rest}` tidak diharapkan",
                "`{part}`: unexpected `{rest}`"
            ));
        }
    }
    if out.is_empty() {
        return Err(bi!("jalur kosong", "empty path"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_reach_nested_fields_and_list_elements() {
        let mut record: Value = serde_yaml::from_str(
            "jabatan: {tmt: 2020-01-01}\nskp: [{tahun: 2024, predikat: Baik}]\ngolongan: III/a",
        )
        .unwrap();
        apply(
            &mut record,
            "jabatan.tmt",
            &Value::String("2024-11-28".into()),
        )
        .unwrap();
        apply(
            &mut record,
            "skp.0.predikat",
            &Value::String("Kurang".into()),
        )
        .unwrap();
        apply(&mut record, "skp[0].tahun", &Value::Number(2023.into())).unwrap();
        apply(&mut record, "golongan", &Value::Null).unwrap();
        let text = serde_yaml::to_string(&record).unwrap();
        assert!(text.contains("tmt: 2024-11-28"));
        assert!(text.contains("predikat: Kurang"));
        assert!(text.contains("tahun: 2023"));
        assert!(!text.contains("golongan"));
        assert!(apply(&mut record, "skp[3].predikat", &Value::Null).is_err());
        assert!(apply(&mut record, "skp[x]", &Value::Null).is_err());
    }
}
