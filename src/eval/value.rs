//! Values during evaluation: scalars copied, records and lists borrowed from the data.

use crate::data::Datum;
use crate::date::Date;
use crate::symbols::Sym;

/// A scalar value as a kind tag and its bits (see `Value::scalar_key`).
pub type ScalarKey = (u8, u64);

/// A value of the rule language at run time. `Unknown` is the third truth value and also
/// "no value": an optional field left out, a lookup that found nothing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Value<'a> {
    #[default]
    Unknown,
    Bool(bool),
    Int(i64),
    Text(Sym),
    Date(Date),
    Days(i64),
    Months(i64),
    Enum(u16),
    List(&'a [Datum]),
    Record(&'a [Datum]),
    Map(&'a [(Sym, Datum)]),
}

impl<'a> Value<'a> {
    /// `m[key]` for the entries of a map `m`: unknown where it has no entry for `key` (as the
    /// rule language's `m[key]`, for a key that is not a computed text).
    pub fn entry(map: &'a [(Sym, Datum)], key: Sym) -> Value<'a> {
        map.iter()
            .find(|(k, _)| *k == key)
            .map_or(Value::Unknown, |(_, datum)| Value::from_datum(datum))
    }

    pub fn from_datum(datum: &'a Datum) -> Value<'a> {
        match datum {
            Datum::Absent => Value::Unknown,
            Datum::Bool(b) => Value::Bool(*b),
            Datum::Int(n) => Value::Int(*n),
            Datum::Text(s) => Value::Text(*s),
            Datum::Date(d) => Value::Date(*d),
            Datum::Days(n) => Value::Days(*n),
            Datum::Months(n) => Value::Months(*n),
            Datum::Enum(e) => Value::Enum(*e),
            Datum::List(items) => Value::List(items),
            Datum::Record(fields) => Value::Record(fields),
            Datum::Map(entries) => Value::Map(entries),
        }
    }

    pub fn is_known(self) -> bool {
        !matches!(self, Value::Unknown)
    }

    /// The truth value: `Some(true)`, `Some(false)` or `None` for unknown.
    pub fn truth(self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The scalar as a stored datum (for constants and keys).
    pub fn to_datum(self) -> Option<Datum> {
        Some(match self {
            Value::Unknown => Datum::Absent,
            Value::Bool(b) => Datum::Bool(b),
            Value::Int(n) => Datum::Int(n),
            Value::Text(s) => Datum::Text(s),
            Value::Date(d) => Datum::Date(d),
            Value::Days(n) => Datum::Days(n),
            Value::Months(n) => Datum::Months(n),
            Value::Enum(e) => Datum::Enum(e),
            Value::List(items) => Datum::List(items.into()),
            Value::Record(fields) => Datum::Record(fields.into()),
            Value::Map(entries) => Datum::Map(entries.into()),
        })
    }

    /// The value as a hashable key, if it is a scalar (not a list, record or map).
    pub fn scalar_key(self) -> Option<ScalarKey> {
        Some(match self {
            Value::Unknown => (0, 0),
            Value::Bool(b) => (1, u64::from(b)),
            Value::Int(n) => (2, n as u64),
            Value::Text(s) => (3, u64::from(s.0)),
            Value::Date(d) => (4, d.0 as u64),
            Value::Days(n) => (5, n as u64),
            Value::Months(n) => (6, n as u64),
            Value::Enum(e) => (7, u64::from(e)),
            Value::List(_) | Value::Record(_) | Value::Map(_) => return None,
        })
    }

    /// The ordering of two known values of the same kind (texts only equal or not).
    pub fn compare(self, other: Value<'_>) -> Option<std::cmp::Ordering> {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) | (Days(a), Days(b)) | (Months(a), Months(b)) => Some(a.cmp(&b)),
            (Date(a), Date(b)) => Some(a.cmp(&b)),
            (Enum(a), Enum(b)) => Some(a.cmp(&b)),
            (Bool(a), Bool(b)) => Some(a.cmp(&b)),
            (Text(a), Text(b)) => Some(if a == b {
                std::cmp::Ordering::Equal
            } else {
                a.0.cmp(&b.0)
            }),
            _ => None,
        }
    }

    /// Equality of known values; lists, records and maps compare by content.
    pub fn same(self, other: Value<'_>) -> Option<bool> {
        use Value::*;
        match (self, other) {
            (Unknown, _) | (_, Unknown) => None,
            (List(a), List(b)) => Some(a == b),
            (Record(a), Record(b)) => Some(a == b),
            (Map(a), Map(b)) => Some(a == b),
            _ => self.compare(other).map(|o| o.is_eq()),
        }
    }
}
