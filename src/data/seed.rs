//! A schema-driven serde visitor: builds [`Datum`]s straight from YAML or JSON and, instead of
//! stopping at the first mistake, notes every problem with its path and goes on.
//!
//! serde only attaches a file position to the error that stops deserialisation; the problems
//! found here carry a path, and `locate` turns a path back into a line.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::datum::Datum;
use super::problem::{DataIssue, DataProblem, Found, PathSeg};
use crate::date::Date;
use crate::schema::{RecordId, Schema, Type};
use crate::symbols::{Sym, Symbols};

/// Shared state of one load: the schema, the interner, the problems and the current path.
pub struct Builder<'s> {
    pub schema: &'s Schema,
    pub symbols: &'s mut Symbols,
    pub problems: Vec<DataProblem>,
    pub path: Vec<PathSeg>,
    /// Buffers for gathering a list's items, a record's fields and a map's entries.
    items: Spares<Datum>,
    fields: Spares<Option<Datum>>,
    had_problem: Spares<bool>,
    entries: Spares<(Sym, Datum)>,
}

impl<'s> Builder<'s> {
    pub fn new(schema: &'s Schema, symbols: &'s mut Symbols) -> Builder<'s> {
        Builder {
            schema,
            symbols,
            problems: Vec::new(),
            path: Vec::new(),
            items: Spares::default(),
            fields: Spares::default(),
            had_problem: Spares::default(),
            entries: Spares::default(),
        }
    }

    fn problem(&mut self, issue: DataIssue) {
        self.problems.push(DataProblem {
            path: self.path.clone(),
            issue,
        });
    }
}

/// Buffers kept from one value to the next (one per level of nesting in use), so that the only
/// blocks parsing leaves behind are the values' own, each allocated once at its exact size.
///
/// Gathering into fresh vectors left a record's lists wherever the blocks freed by growing
/// vectors happened to be, among other records' lists, and every pass of the evaluator over
/// the employees (the grid's groupings, the employee slots) paid for it in cache misses. With
/// the buffers kept, eval on workload b took 239-242 ms on one thread instead of 254-261, and
/// loading 100,000 employees 381-383 ms on two instead of 401-405 (peak memory unchanged),
/// from JSON Lines; from YAML, whose parser allocates as it reads, eval took 266-268 ms
/// instead of 273-275 (docs/performance.md).
struct Spares<T>(Vec<Vec<T>>);

impl<T> Default for Spares<T> {
    fn default() -> Spares<T> {
        Spares(Vec::new())
    }
}

impl<T> Spares<T> {
    /// An empty buffer.
    fn take(&mut self) -> Vec<T> {
        self.0.pop().unwrap_or_default()
    }

    /// `buffer`'s items in a box of their exact size; the emptied buffer is kept.
    fn boxed(&mut self, mut buffer: Vec<T>) -> Box<[T]> {
        let boxed = buffer.drain(..).collect();
        self.0.push(buffer);
        boxed
    }

    /// Keeps `buffer`, emptied, for another value.
    fn give_back(&mut self, mut buffer: Vec<T>) {
        buffer.clear();
        self.0.push(buffer);
    }
}

/// Deserialises one value of type `ty`.
pub struct ValueSeed<'b, 's> {
    pub builder: &'b mut Builder<'s>,
    pub ty: &'b Type,
    pub range: Option<(i64, Option<i64>)>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = Datum;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Datum, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl ValueSeed<'_, '_> {
    fn wrong(self, found: Found) -> Datum {
        let expected = self.ty.clone();
        self.builder
            .problem(DataIssue::WrongType { expected, found });
        Datum::Absent
    }

    fn integer(self, value: i64) -> Datum {
        match self.ty {
            Type::Int => {}
            Type::Days => return Datum::Days(value),
            Type::Months => return Datum::Months(value),
            _ => return self.wrong(Found::Number(value.to_string())),
        }
        if let Some((min, max)) = self.range {
            if value < min || max.is_some_and(|max| value > max) {
                self.builder
                    .problem(DataIssue::OutOfRange { value, min, max });
            }
        }
        Datum::Int(value)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = Datum;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value of the schema")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Datum, E> {
        if *self.ty == Type::Bool {
            Ok(Datum::Bool(value))
        } else {
            Ok(self.wrong(Found::Bool(value)))
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Datum, E> {
        Ok(self.integer(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Datum, E> {
        match i64::try_from(value) {
            Ok(value) => Ok(self.integer(value)),
            Err(_) => Ok(self.wrong(Found::Number(value.to_string()))),
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Datum, E> {
        Ok(self.wrong(Found::Number(value.to_string())))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Datum, E> {
        let datum = match self.ty {
            Type::Text => Datum::Text(self.builder.symbols.intern(value)),
            Type::Date => match Date::parse(value) {
                Some(date) => Datum::Date(date),
                None => {
                    self.builder.problem(DataIssue::InvalidDate {
                        text: value.to_string(),
                    });
                    Datum::Absent
                }
            },
            Type::Enum(id) => {
                let index = self
                    .builder
                    .schema
                    .enum_type(*id)
                    .and_then(|e| e.index_of(value));
                match index {
                    Some(index) => Datum::Enum(index),
                    None => {
                        self.builder.problem(DataIssue::UnknownEnumValue {
                            enum_id: *id,
                            value: value.to_string(),
                        });
                        Datum::Absent
                    }
                }
            }
            _ => return Ok(self.wrong(Found::Text(value.to_string()))),
        };
        Ok(datum)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Datum, E> {
        Ok(Datum::Absent)
    }

    fn visit_none<E: de::Error>(self) -> Result<Datum, E> {
        Ok(Datum::Absent)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Datum, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Datum, A::Error> {
        let Type::List(element) = self.ty else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(self.wrong(Found::List));
        };
        let mut items = self.builder.items.take();
        loop {
            self.builder.path.push(PathSeg::Index(items.len()));
            let seed = ValueSeed {
                builder: &mut *self.builder,
                ty: element,
                range: self.range,
            };
            let item = seq.next_element_seed(seed)?;
            self.builder.path.pop();
            match item {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Datum::List(self.builder.items.boxed(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Datum, A::Error> {
        match self.ty {
            Type::Record(record) => record_from_map(self.builder, *record, map),
            Type::Map(value_ty) => map_from_map(self.builder, value_ty, self.range, map),
            _ => {
                let mut map = map;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(self.wrong(Found::Map))
            }
        }
    }
}

/// A record: every key a field of the record type, every required field present.
pub fn record_from_map<'de, A: MapAccess<'de>>(
    builder: &mut Builder<'_>,
    record: RecordId,
    mut map: A,
) -> Result<Datum, A::Error> {
    let schema = builder.schema;
    let Some(record_type) = schema.record(record) else {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        return Ok(Datum::Absent);
    };
    let mut fields = builder.fields.take();
    fields.resize_with(record_type.fields.len(), || None);
    // A field whose value had a problem is not also reported missing.
    let mut had_problem = builder.had_problem.take();
    had_problem.resize(record_type.fields.len(), false);
    while let Some(key) = map.next_key::<KeyText>()? {
        let name = key.0;
        let index = record_type.field_index(&name);
        let slot = index.and_then(|i| fields.get(i).map(Option::is_some));
        builder.path.push(PathSeg::Field(name.clone()));
        match (index, slot) {
            (Some(index), Some(false)) => {
                let field = record_type.field(index);
                let ty = field.map_or(&Type::Error, |f| &f.ty);
                let range = field.and_then(|f| f.range);
                let before = builder.problems.len();
                let value = map.next_value_seed(ValueSeed {
                    builder: &mut *builder,
                    ty,
                    range,
                })?;
                if let Some(flag) = had_problem.get_mut(index) {
                    *flag = builder.problems.len() > before;
                }
                if let Some(field) = field {
                    check_unique(builder, field, &value);
                }
                if let Some(slot) = fields.get_mut(index) {
                    *slot = Some(value);
                }
            }
            (Some(_), _) => {
                map.next_value::<IgnoredAny>()?;
                builder.problem(DataIssue::DuplicateField { field: name });
            }
            (None, _) => {
                map.next_value::<IgnoredAny>()?;
                builder.problem(DataIssue::UnknownField {
                    record,
                    field: name,
                });
            }
        }
        builder.path.pop();
    }
    let mut out = builder.items.take();
    for ((field, value), &had_problem) in record_type
        .fields
        .iter()
        .zip(fields.drain(..))
        .zip(&had_problem)
    {
        let value = match value {
            Some(Datum::Absent) if had_problem => Datum::Absent,
            Some(Datum::Absent) | None => empty_or_missing(builder, record, field),
            Some(value) => value,
        };
        out.push(value);
    }
    builder.fields.give_back(fields);
    builder.had_problem.give_back(had_problem);
    Ok(Datum::Record(builder.items.boxed(out)))
}

/// An absent field: lists and maps are empty, optional fields absent, others a problem.
fn empty_or_missing(
    builder: &mut Builder<'_>,
    record: RecordId,
    field: &crate::schema::Field,
) -> Datum {
    match field.ty {
        Type::List(_) => Datum::List(Box::new([])),
        Type::Map(_) => Datum::Map(Box::new([])),
        _ if field.optional => Datum::Absent,
        Type::Error => Datum::Absent,
        _ => {
            builder.problem(DataIssue::MissingField {
                record,
                field: field.name.clone(),
            });
            Datum::Absent
        }
    }
}

/// `list of Skp unique tahun`: reports the second of two elements with the same value.
fn check_unique(builder: &mut Builder<'_>, field: &crate::schema::Field, value: &Datum) {
    let (Some(unique), Datum::List(items)) = (field.unique_by, value) else {
        return;
    };
    let unique_name = match &field.ty {
        Type::List(inner) => match inner.as_ref() {
            Type::Record(r) => builder
                .schema
                .field(*r, unique)
                .map(|f| f.name.clone())
                .unwrap_or_default(),
            _ => return,
        },
        _ => return,
    };
    for (index, item) in items.iter().enumerate() {
        let Some(key) = item.field(unique) else {
            continue;
        };
        if *key == Datum::Absent {
            continue;
        }
        let first = items
            .iter()
            .take(index)
            .position(|earlier| earlier.field(unique) == Some(key));
        if let Some(first) = first {
            builder.path.push(PathSeg::Index(index));
            builder.path.push(PathSeg::Field(unique_name.clone()));
            builder.problem(DataIssue::RepeatedInList {
                field: unique_name.clone(),
                first,
            });
            builder.path.pop();
            builder.path.pop();
        }
    }
}

fn map_from_map<'de, A: MapAccess<'de>>(
    builder: &mut Builder<'_>,
    value_ty: &Type,
    range: Option<(i64, Option<i64>)>,
    mut map: A,
) -> Result<Datum, A::Error> {
    let mut entries = builder.entries.take();
    while let Some(key) = map.next_key::<KeyText>()? {
        let name = key.0;
        builder.path.push(PathSeg::Key(name.clone()));
        let sym = builder.symbols.intern(&name);
        if entries.iter().any(|(k, _)| *k == sym) {
            map.next_value::<IgnoredAny>()?;
            builder.problem(DataIssue::DuplicateField { field: name });
        } else {
            let value = map.next_value_seed(ValueSeed {
                builder: &mut *builder,
                ty: value_ty,
                range,
            })?;
            entries.push((sym, value));
        }
        builder.path.pop();
    }
    Ok(Datum::Map(builder.entries.boxed(entries)))
}

/// A map key as text; numbers and booleans used as keys are taken as written.
pub struct KeyText(pub String);

impl<'de> de::Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<KeyText, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::from("null")))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

/// The top of a file: a sequence of records.
pub struct RecordsSeed<'b, 's> {
    pub builder: &'b mut Builder<'s>,
    pub record: RecordId,
    /// Index of the first record (when a file is read in pieces).
    pub first_index: usize,
}

impl<'de> DeserializeSeed<'de> for RecordsSeed<'_, '_> {
    type Value = Vec<Datum>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<Datum>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed<'_, '_> {
    type Value = Vec<Datum>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<Datum>, E> {
        Ok(Vec::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Datum>, A::Error> {
        let mut records = Vec::new();
        let ty = Type::Record(self.record);
        loop {
            self.builder
                .path
                .push(PathSeg::Index(self.first_index + records.len()));
            let seed = ValueSeed {
                builder: &mut *self.builder,
                ty: &ty,
                range: None,
            };
            let record = seq.next_element_seed(seed)?;
            self.builder.path.pop();
            match record {
                Some(record) => records.push(record),
                None => break,
            }
        }
        Ok(records)
    }

    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<Vec<Datum>, A::Error> {
        Err(de::Error::custom(TOP_NOT_A_LIST))
    }

    fn visit_str<E: de::Error>(self, _v: &str) -> Result<Vec<Datum>, E> {
        Err(de::Error::custom(TOP_NOT_A_LIST))
    }
}

/// The marker of the error raised when a file is not a list of records.
pub const TOP_NOT_A_LIST: &str = "mutasi:not-a-list";
