//! What can be wrong with a record, and the located diagnostic for it.

use crate::bi;
use crate::diagnostic::Problem;
use crate::lang::{Lang, Text, name_list};
use crate::schema::{EnumId, RecordId, Schema, Type};
use crate::source::Span;
use crate::suggest::did_you_mean;

/// One step from a file's top down to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    /// The n-th element of a list (0-based).
    Index(usize),
    Field(String),
    /// A key of a map.
    Key(String),
}

/// A path as readers see it: `jabatan.tmt`, `skp[1].predikat` (the record index left out).
pub fn show_path(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Index(i) => out.push_str(&format!("[{i}]")),
            PathSeg::Field(name) | PathSeg::Key(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
        }
    }
    out
}

/// What kind of value was found where another was expected.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Bool(bool),
    Number(String),
    Text(String),
    List,
    Map,
}

/// A problem with a record, before it is located in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct DataProblem {
    /// From the top of the file: the record's index first.
    pub path: Vec<PathSeg>,
    pub issue: DataIssue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DataIssue {
    /// The file is not YAML/JSON at all (with the parser's own message).
    Syntax {
        message: String,
    },
    /// The file is not a list of records.
    NotAList,
    WrongType {
        expected: Type,
        found: Found,
    },
    UnknownEnumValue {
        enum_id: EnumId,
        value: String,
    },
    InvalidDate {
        text: String,
    },
    OutOfRange {
        value: i64,
        min: i64,
        max: Option<i64>,
    },
    UnknownField {
        record: RecordId,
        field: String,
    },
    MissingField {
        record: RecordId,
        field: String,
    },
    DuplicateField {
        field: String,
    },
    /// `unique` broken within a list: the element repeats the value of element `first`.
    RepeatedInList {
        field: String,
        first: usize,
    },
    /// Two records of a file with the same key.
    DuplicateKey {
        key: String,
        first_line: usize,
    },
    /// A `validate` of the rules failed.
    Validation {
        id: String,
        message: String,
    },
}

/// Which file and record a problem is about, for its message.
pub struct Context<'a> {
    pub schema: &'a Schema,
    /// `pegawai`, `formasi`.
    pub input: &'a str,
    /// The key of the record (its NIP or id), when known.
    pub key: Option<String>,
}

impl DataProblem {
    /// The diagnostic, pointing at `span` in the data file.
    pub fn to_problem(&self, context: &Context<'_>, span: Span) -> Problem {
        let record_index = match self.path.first() {
            Some(PathSeg::Index(i)) => Some(*i),
            _ => None,
        };
        let input = context.input;
        let who = match (&context.key, record_index) {
            (Some(key), Some(i)) => bi!("{input} ke-{} ({key})", "{input} #{} ({key})", i + 1),
            (None, Some(i)) => bi!("{input} ke-{}", "{input} #{}", i + 1),
            _ => Text::same(input.to_string()),
        };
        // The path starts with the record's index when the record came from a file.
        let within = if record_index.is_some() {
            self.path.get(1..).unwrap_or_default()
        } else {
            &self.path
        };
        let field = show_path(within);
        let (code, what, label, help) = self.describe(context.schema, &field);
        let (who_id, who_en) = (&who.id, &who.en);
        let (what_id, what_en) = (&what.id, &what.en);
        let message = if field.is_empty() {
            bi!("{who_id}: {what_id}", "{who_en}: {what_en}")
        } else {
            bi!(
                "{who_id}, field `{field}`: {what_id}",
                "{who_en}, field `{field}`: {what_en}"
            )
        };
        Problem::error(code, message).at(span, label).help_if(help)
    }

    fn describe(&self, schema: &Schema, field: &str) -> (&'static str, Text, Text, Option<Text>) {
        match &self.issue {
            DataIssue::Syntax { message } => (
                "data::syntax",
                bi!(
                    "berkas tidak dapat dibaca: {message}",
                    "the file cannot be read: {message}"
                ),
                bi!("di sini", "here"),
                None,
            ),
            DataIssue::NotAList => (
                "data::not_a_list",
                bi!(
                    "berkas harus berupa daftar record",
                    "the file must be a list of records"
                ),
                bi!("bukan daftar", "not a list"),
                Some(bi!(
                    "setiap record diawali `- ` di awal baris, mis. `- nip: \"1985...\"`",
                    "each record starts with `- ` at the start of a line, e.g. `- nip: \"1985...\"`"
                )),
            ),
            DataIssue::WrongType { expected, found } => wrong_type(schema, expected, found),
            DataIssue::UnknownEnumValue { enum_id, value } => {
                let enum_type = schema.enum_type(*enum_id);
                let name = enum_type.map_or("", |e| e.name.as_str());
                let values: Vec<&str> = enum_type
                    .map(|e| e.values.iter().map(String::as_str).collect())
                    .unwrap_or_default();
                (
                    "data::unknown_enum_value",
                    bi!(
                        "`{value}` bukan nilai {name}",
                        "`{value}` is not a value of {name}"
                    ),
                    bi!("nilai tidak dikenal", "unknown value"),
                    Some(values_help(value, &values)),
                )
            }
            DataIssue::InvalidDate { text } => (
                "data::invalid_date",
                bi!(
                    "`{text}` bukan tanggal yang sah",
                    "`{text}` is not a valid date"
                ),
                bi!("bukan tanggal", "not a date"),
                Some(bi!(
                    "tulis tanggal sebagai YYYY-MM-DD, dengan hari yang ada pada bulan itu (29 Februari hanya pada tahun kabisat)",
                    "write dates as YYYY-MM-DD, with a day the month has (29 February only in leap years)"
                )),
            ),
            DataIssue::OutOfRange { value, min, max } => {
                let range = match max {
                    Some(max) => format!("{min}..{max}"),
                    None => format!("{min}.."),
                };
                (
                    "data::out_of_range",
                    bi!(
                        "nilai {value} di luar rentang {range}",
                        "{value} is outside the range {range}"
                    ),
                    bi!("di luar rentang", "out of range"),
                    None,
                )
            }
            DataIssue::UnknownField {
                record,
                field: name,
            } => {
                let record_type = schema.record(*record);
                let record_name = record_type.map_or("", |r| r.name.as_str());
                let names: Vec<&str> = record_type
                    .map(|r| r.fields.iter().map(|f| f.name.as_str()).collect())
                    .unwrap_or_default();
                (
                    "data::unknown_field",
                    bi!(
                        "{record_name} tidak memiliki field `{name}`",
                        "{record_name} has no field `{name}`"
                    ),
                    bi!("field tidak dikenal", "unknown field"),
                    Some(values_help(name, &names)),
                )
            }
            DataIssue::MissingField {
                record,
                field: name,
            } => {
                let record_name = schema.record(*record).map_or("", |r| r.name.as_str());
                (
                    "data::missing_field",
                    bi!(
                        "field wajib `{name}` tidak diisi",
                        "required field `{name}` is missing"
                    ),
                    bi!(
                        "{record_name} ini tidak memiliki `{name}`",
                        "this {record_name} has no `{name}`"
                    ),
                    Some(bi!("tambahkan `{name}: ...`", "add `{name}: ...`")),
                )
            }
            DataIssue::DuplicateField { field: name } => (
                "data::duplicate_field",
                bi!("`{name}` ditulis dua kali", "`{name}` is written twice"),
                bi!("penulisan kedua", "second time"),
                None,
            ),
            DataIssue::RepeatedInList { field: name, first } => (
                "data::repeated_in_list",
                bi!(
                    "nilai `{name}` ini sudah ada pada unsur ke-{} daftar ini",
                    "this `{name}` repeats element #{} of the list",
                    first + 1
                ),
                bi!("berulang", "repeated"),
                Some(bi!(
                    "setiap `{name}` hanya boleh muncul sekali",
                    "each `{name}` may appear only once"
                )),
            ),
            DataIssue::DuplicateKey { key, first_line } => (
                "data::duplicate_key",
                bi!(
                    "`{key}` sudah dipakai oleh record pada baris {first_line}",
                    "`{key}` is already used by the record at line {first_line}"
                ),
                bi!("kunci berulang", "repeated key"),
                Some(bi!(
                    "setiap record harus memiliki `{field}` yang berbeda",
                    "every record needs a different `{field}`"
                )),
            ),
            DataIssue::Validation { id, message } => (
                "data::validation",
                Text::same(message.clone()),
                bi!("tidak memenuhi validasi `{id}`", "fails validation `{id}`"),
                None,
            ),
        }
    }
}

fn wrong_type(
    schema: &Schema,
    expected: &Type,
    found: &Found,
) -> (&'static str, Text, Text, Option<Text>) {
    let expected_id = expected.plain(schema, Lang::Id);
    let expected_en = expected.plain(schema, Lang::En);
    let found_text = match found {
        Found::Bool(b) => bi!("`{b}`", "`{b}`"),
        Found::Number(n) => bi!("bilangan `{n}`", "the number `{n}`"),
        Found::Text(t) => bi!("teks `{t}`", "the text `{t}`"),
        Found::List => bi!("daftar", "a list"),
        Found::Map => bi!("map/record", "a map"),
    };
    let (found_id, found_en) = (&found_text.id, &found_text.en);
    let help = match (expected, found) {
        (Type::Text, Found::Number(n)) => Some(bi!(
            "tulis dalam tanda petik agar dibaca sebagai teks: \"{n}\"",
            "quote it so it is read as text: \"{n}\""
        )),
        (Type::Int, Found::Text(t)) if t.trim().parse::<i64>().is_ok() => Some(bi!(
            "hapus tanda petik agar dibaca sebagai bilangan",
            "remove the quotes so it is read as a number"
        )),
        (Type::List(_), _) => Some(bi!(
            "tulis sebagai daftar: setiap unsur diawali `- ` pada baris sendiri, atau `[]` bila kosong",
            "write a list: each element on its own line starting with `- `, or `[]` when empty"
        )),
        _ => None,
    };
    (
        "data::wrong_type",
        bi!(
            "diharapkan {expected_id}, ditemukan {found_id}",
            "expected {expected_en}, found {found_en}"
        ),
        bi!("bukan {expected_id}", "not {expected_en}"),
        help,
    )
}

fn values_help(value: &str, values: &[&str]) -> Text {
    if let Some(close) = did_you_mean(value, values) {
        return bi!("maksud Anda `{close}`?", "did you mean `{close}`?");
    }
    let all: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    let list_id = name_list_all(Lang::Id, &all);
    let list_en = name_list_all(Lang::En, &all);
    bi!("yang sah: {list_id}", "valid: {list_en}")
}

/// Every value (an enum has few): data writers need the whole list to pick from.
fn name_list_all(lang: Lang, values: &[String]) -> String {
    if values.len() <= 20 {
        values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        name_list(lang, values)
    }
}
