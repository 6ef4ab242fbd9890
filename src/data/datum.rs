//! Records as the engine stores them: a tree of [`Datum`]s shaped by the schema.

use crate::date::Date;
use crate::symbols::Sym;

/// One stored value. A record's fields are in the schema's field order.
#[derive(Debug, Clone, PartialEq)]
pub enum Datum {
    /// An optional field left out (or `null`).
    Absent,
    Bool(bool),
    Int(i64),
    Text(Sym),
    Date(Date),
    /// A `days` field.
    Days(i64),
    /// A `months` field.
    Months(i64),
    /// The index of the value in its enum.
    Enum(u16),
    List(Box<[Datum]>),
    Record(Box<[Datum]>),
    /// Text keys to values, in the order written.
    Map(Box<[(Sym, Datum)]>),
}

impl Datum {
    pub fn field(&self, index: usize) -> Option<&Datum> {
        match self {
            Datum::Record(fields) => fields.get(index),
            _ => None,
        }
    }
}

/// One input record (an employee or a position) and where it was read.
#[derive(Debug, Clone)]
pub struct Record {
    pub fields: Box<[Datum]>,
    pub origin: Origin,
}

/// Where a record was read: file, first line (0 for a record built in memory), and the byte
/// range of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    pub file: crate::source::FileId,
    pub line: u32,
    pub start: u32,
    pub end: u32,
    /// The record's position in its file (0-based).
    pub index: u32,
}
