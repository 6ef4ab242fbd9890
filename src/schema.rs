//! The record schema a rules directory declares: enumerations, record types, the two inputs.
//!
//! Built by `check` from the `enum`, `record`, `employee` and `position` items; read by the data
//! loader (to validate records) and by the evaluator (to resolve fields to slots).

use std::fmt;

use crate::lang::Lang;
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnumId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(pub u32);

/// The type of a value in the rule language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    Bool,
    Int,
    Text,
    Date,
    /// A number of days: `4 * 365 hari`, `tanggal - tanggal`.
    Days,
    /// A calendar period in months: `2 tahun` is 24 months; added to a date it keeps the day of
    /// the month (29 February becomes 28 February).
    Months,
    Enum(EnumId),
    Record(RecordId),
    List(Box<Type>),
    /// Text keys to values.
    Map(Box<Type>),
    /// The type of an expression that already has an error; matches anything, so one mistake
    /// gives one message.
    Error,
}

impl Type {
    pub fn is_error(&self) -> bool {
        matches!(self, Type::Error)
    }

    /// Whether values of this type are the same kind as `other` (errors match everything).
    pub fn fits(&self, other: &Type) -> bool {
        match (self, other) {
            (Type::Error, _) | (_, Type::Error) => true,
            (Type::List(a), Type::List(b)) | (Type::Map(a), Type::Map(b)) => a.fits(b),
            _ => self == other,
        }
    }

    /// The type in plain words, for messages about data (HR officers do not read the rule
    /// language's type names).
    pub fn plain(&self, schema: &Schema, lang: Lang) -> String {
        let (id, en) = match self {
            Type::Bool => ("true/false", "true/false"),
            Type::Int => ("bilangan bulat", "a whole number"),
            Type::Text => ("teks", "text"),
            Type::Date => ("tanggal (YYYY-MM-DD)", "a date (YYYY-MM-DD)"),
            Type::Days => ("jumlah hari", "a number of days"),
            Type::Months => ("jumlah bulan", "a number of months"),
            Type::Enum(id) => {
                let name = schema.enum_type(*id).map_or("", |e| e.name.as_str());
                return match lang {
                    Lang::Id => format!("nilai {name}"),
                    Lang::En => format!("a {name} value"),
                };
            }
            Type::Record(id) => {
                let name = schema.record(*id).map_or("", |r| r.name.as_str());
                return match lang {
                    Lang::Id => format!("record {name} (field: nilai)"),
                    Lang::En => format!("a {name} record (field: value)"),
                };
            }
            Type::List(_) => ("daftar", "a list"),
            Type::Map(_) => ("map (nama: nilai)", "a map (name: value)"),
            Type::Error => ("?", "?"),
        };
        match lang {
            Lang::Id => id.to_string(),
            Lang::En => en.to_string(),
        }
    }

    /// The name of the type in a message.
    pub fn describe(&self, schema: &Schema, lang: Lang) -> String {
        let word = |id: &str, en: &str| -> String {
            match lang {
                Lang::Id => id.to_string(),
                Lang::En => en.to_string(),
            }
        };
        match self {
            Type::Bool => word("boolean", "boolean"),
            Type::Int => word("integer", "integer"),
            Type::Text => word("text", "text"),
            Type::Date => word("date", "date"),
            Type::Days => word("durasi dalam hari", "duration in days"),
            Type::Months => word("durasi dalam tahun/bulan", "duration in years/months"),
            Type::Enum(id) => schema
                .enum_type(*id)
                .map_or_else(String::new, |e| e.name.clone()),
            Type::Record(id) => schema
                .record(*id)
                .map_or_else(String::new, |r| r.name.clone()),
            Type::List(item) => match lang {
                Lang::Id => format!("list of {}", item.describe(schema, lang)),
                Lang::En => format!("list of {}", item.describe(schema, lang)),
            },
            Type::Map(item) => format!("map of {}", item.describe(schema, lang)),
            Type::Error => String::from("?"),
        }
    }
}

/// `enum Golongan = "I/a" < "I/b" ...`
#[derive(Debug, Clone)]
pub struct EnumType {
    pub name: String,
    pub ordered: bool,
    /// In declaration order; a value's index is its rank in an ordered enum.
    pub values: Vec<String>,
    pub span: Span,
}

impl EnumType {
    pub fn index_of(&self, value: &str) -> Option<u16> {
        self.values
            .iter()
            .position(|v| v == value)
            .and_then(|i| u16::try_from(i).ok())
    }

    pub fn value(&self, index: u16) -> &str {
        self.values.get(index as usize).map_or("?", String::as_str)
    }
}

/// `record Skp { ... }`
#[derive(Debug, Clone)]
pub struct RecordType {
    pub name: String,
    pub fields: Vec<Field>,
    pub span: Span,
}

impl RecordType {
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    pub fn field(&self, index: usize) -> Option<&Field> {
        self.fields.get(index)
    }
}

/// One field of a record type.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: Type,
    /// `optional T`: the field may be left out. Lists and maps may always be left out (empty).
    pub optional: bool,
    /// `integer 1..5`: the inclusive range a value (or a map's every value) must lie in.
    pub range: Option<(i64, Option<i64>)>,
    /// `list of Skp unique tahun`: the element field that must not repeat.
    pub unique_by: Option<usize>,
    pub span: Span,
}

/// `employee pegawai: Pegawai key nip`
#[derive(Debug, Clone)]
pub struct Input {
    /// The name rules use for the record under evaluation (`pegawai`).
    pub name: String,
    pub record: RecordId,
    /// The field that identifies a record, unique within a file.
    pub key: usize,
    pub span: Span,
}

/// Everything the rules declare about the records.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub enums: Vec<EnumType>,
    pub records: Vec<RecordType>,
    pub employee: Option<Input>,
    pub position: Option<Input>,
}

impl Schema {
    pub fn enum_type(&self, id: EnumId) -> Option<&EnumType> {
        self.enums.get(id.0 as usize)
    }

    pub fn record(&self, id: RecordId) -> Option<&RecordType> {
        self.records.get(id.0 as usize)
    }

    pub fn enum_named(&self, name: &str) -> Option<EnumId> {
        self.enums
            .iter()
            .position(|e| e.name == name)
            .map(|i| EnumId(u32::try_from(i).unwrap_or(u32::MAX)))
    }

    pub fn record_named(&self, name: &str) -> Option<RecordId> {
        self.records
            .iter()
            .position(|r| r.name == name)
            .map(|i| RecordId(u32::try_from(i).unwrap_or(u32::MAX)))
    }

    pub fn input(&self, kind: crate::ast::InputKind) -> Option<&Input> {
        match kind {
            crate::ast::InputKind::Employee => self.employee.as_ref(),
            crate::ast::InputKind::Position => self.position.as_ref(),
        }
    }

    /// The field of a record, by record id and field index.
    pub fn field(&self, record: RecordId, field: usize) -> Option<&Field> {
        self.record(record).and_then(|r| r.field(field))
    }
}

impl fmt::Display for EnumId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "enum#{}", self.0)
    }
}
