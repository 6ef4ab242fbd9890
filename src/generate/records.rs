//! Generated employees and positions as records with the field names of
//! rules/01-skema.mutasi, in the order POLICY.md 1.2 and 1.3 list them; an absent optional
//! field is left out, an empty list or map written empty.

use super::employee::Employee;
use super::organisation::Position;
use super::write::Value;

/// A pegawai record.
pub fn employee<'a>(e: &'a Employee<'_>) -> Value<'a> {
    let mut fields: Vec<(&'a str, Value<'a>)> = vec![
        ("nip", Value::Text(&e.nip)),
        ("nama", Value::Text(&e.name)),
        (
            "jenis_asn",
            Value::Text(if e.pppk { "PPPK" } else { "PNS" }),
        ),
        ("status", Value::Text(e.status)),
        ("tanggal_lahir", Value::Date(e.birth)),
    ];
    if let Some(rank) = e.rank {
        fields.push(("golongan", Value::Text(rank.name())));
    }
    fields.push((
        "pendidikan",
        list(&e.education, |d| {
            Value::Map(vec![
                ("jenjang", Value::Text(d.level.name())),
                ("jurusan", Value::Text(d.major)),
                ("rumpun", Value::Text(d.family)),
            ])
        }),
    ));
    fields.push(("jabatan", current_position(e)));
    fields.push((
        "riwayat_jabatan",
        list(&e.history, |h| {
            let mut entry = vec![
                ("nama", Value::Text(&h.name)),
                ("jenis", Value::Text(h.kind.name())),
            ];
            if let Some(level) = h.level {
                entry.push(("jenjang", Value::Text(level.name())));
            }
            entry.extend([
                ("unit_kerja", Value::Text(h.unit)),
                ("bidang", Value::Text(h.field)),
                ("mulai", Value::Date(h.start)),
                ("selesai", Value::Date(h.end)),
            ]);
            Value::Map(entry)
        }),
    ));
    fields.push((
        "pelatihan",
        list(&e.trainings, |t| {
            let mut entry = vec![("kode", Value::Text(t.code))];
            if let Some(name) = t.name {
                entry.push(("nama", Value::Text(name)));
            }
            entry.push(("selesai", Value::Date(t.done)));
            if let Some(until) = t.valid_until {
                entry.push(("berlaku_sampai", Value::Date(until)));
            }
            Value::Map(entry)
        }),
    ));
    fields.push(("kompetensi", levels(&e.competencies)));
    fields.push((
        "skp",
        list(&e.ratings, |&(year, rating)| {
            Value::Map(vec![
                ("tahun", Value::Integer(year)),
                ("predikat", Value::Text(rating)),
            ])
        }),
    ));
    fields.push((
        "hukuman_disiplin",
        list(&e.sanctions, |s| {
            let mut entry = vec![("tingkat", Value::Text(s.level))];
            if let Some(kind) = s.kind {
                entry.push(("jenis", Value::Text(kind)));
            }
            entry.push(("mulai", Value::Date(s.start)));
            entry.push(("selesai", Value::Date(s.end)));
            Value::Map(entry)
        }),
    ));
    if let Some(examined) = e.under_examination {
        fields.push(("proses_disiplin", Value::Bool(examined)));
    }
    fields.push(("minat", texts(&e.wishes)));
    Value::Map(fields)
}

fn current_position<'a>(e: &'a Employee<'_>) -> Value<'a> {
    let post = e.post;
    let mut fields = Vec::with_capacity(7);
    if let Some(position) = e.position {
        fields.push(("formasi", Value::Text(position.id.as_str())));
    }
    fields.push(("nama", Value::Text(post.name.as_str())));
    fields.push(("jenis", Value::Text(post.kind.name())));
    if let Some(level) = post.level {
        fields.push(("jenjang", Value::Text(level.name())));
    }
    fields.extend([
        ("unit_kerja", Value::Text(post.unit.name)),
        ("bidang", Value::Text(post.field.name)),
        ("tmt", Value::Date(e.since)),
    ]);
    Value::Map(fields)
}

/// A formasi record.
pub fn position(p: &Position) -> Value<'_> {
    let post = &p.post;
    let mut fields: Vec<(&str, Value<'_>)> = vec![
        ("id", Value::Text(&p.id)),
        ("nama", Value::Text(&post.name)),
        ("unit_kerja", Value::Text(post.unit.name)),
        ("bidang", Value::Text(post.field.name)),
        ("jenis", Value::Text(post.kind.name())),
    ];
    if let Some(level) = post.level {
        fields.push(("jenjang", Value::Text(level.name())));
    }
    if let Some(rank) = p.min_rank {
        fields.push(("golongan_minimal", Value::Text(rank.name())));
    }
    fields.extend([
        ("pendidikan_minimal", Value::Text(p.min_education.name())),
        ("jurusan_sesuai", texts(&p.majors)),
        ("rumpun_pendidikan", texts(&p.families)),
        ("kompetensi", levels(&p.competencies)),
        ("pelatihan_wajib", texts(&p.trainings)),
        ("sertifikat_wajib", texts(&p.certificates)),
        ("kebutuhan", Value::Integer(i64::from(p.needed))),
        ("terisi", Value::Integer(i64::from(p.filled))),
    ]);
    Value::Map(fields)
}

fn list<'a, T>(items: &'a [T], each: impl Fn(&'a T) -> Value<'a>) -> Value<'a> {
    Value::List(items.iter().map(each).collect())
}

fn texts<'a>(items: &[&'a str]) -> Value<'a> {
    Value::List(items.iter().map(|t| Value::Text(t)).collect())
}

fn levels<'a>(items: &[(&'a str, u8)]) -> Value<'a> {
    Value::Map(
        items
            .iter()
            .map(|&(name, level)| (name, Value::Integer(i64::from(level))))
            .collect(),
    )
}
