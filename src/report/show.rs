//! Values and record fields as people read them, with where each fact was read.

use crate::data::{Datum, PathSeg, Record, locate};
use crate::eval::Value;
use crate::lang::{Lang, pick};
use crate::schema::{Schema, Type};
use crate::source::SourceSet;
use crate::symbols::Symbols;

/// What showing values needs.
pub struct Shower<'a> {
    pub schema: &'a Schema,
    pub symbols: &'a Symbols,
    pub sources: &'a SourceSet,
    pub lang: Lang,
}

impl Shower<'_> {
    /// A value of type `ty`, e.g. `2027-06-01`, `2 tahun`, `"Keuangan"`, `benar`.
    pub fn value(&self, value: Value<'_>, ty: &Type) -> String {
        let lang = self.lang;
        match value {
            Value::Unknown => pick(lang, "tidak diketahui", "unknown").to_string(),
            Value::Bool(b) => if b {
                pick(lang, "benar", "true")
            } else {
                pick(lang, "salah", "false")
            }
            .to_string(),
            Value::Int(n) => n.to_string(),
            Value::Text(sym) => format!("\"{}\"", self.symbols.resolve(sym)),
            Value::Date(date) => date.to_string(),
            Value::Days(n) => format!(
                "{n} {}",
                pick(lang, "hari", if n == 1 { "day" } else { "days" })
            ),
            Value::Months(n) if n % 12 == 0 => {
                let years = n / 12;
                format!(
                    "{years} {}",
                    pick(lang, "tahun", if years == 1 { "year" } else { "years" })
                )
            }
            Value::Months(n) => format!(
                "{n} {}",
                pick(lang, "bulan", if n == 1 { "month" } else { "months" })
            ),
            Value::Enum(index) => match ty {
                Type::Enum(id) => self
                    .schema
                    .enum_type(*id)
                    .map_or("?", |e| e.value(index))
                    .to_string(),
                _ => index.to_string(),
            },
            Value::List(items) => self.list(items, ty),
            Value::Record(fields) => match ty {
                Type::Record(id) => self.record_label(fields, *id),
                _ => String::from("{…}"),
            },
            Value::Map(entries) => {
                let value_ty = match ty {
                    Type::Map(inner) => inner.as_ref(),
                    _ => &Type::Error,
                };
                let shown: Vec<String> = entries
                    .iter()
                    .take(6)
                    .map(|(k, v)| {
                        format!(
                            "{}: {}",
                            self.symbols.resolve(*k),
                            self.value(Value::from_datum(v), value_ty)
                        )
                    })
                    .collect();
                let more = if entries.len() > 6 { ", …" } else { "" };
                format!("{{{}{more}}}", shown.join(", "))
            }
        }
    }

    fn list(&self, items: &[Datum], ty: &Type) -> String {
        let element = match ty {
            Type::List(inner) => inner.as_ref(),
            _ => &Type::Error,
        };
        if matches!(element, Type::Record(_)) {
            return match self.lang {
                Lang::Id => format!("({} entri)", items.len()),
                Lang::En => format!("({} entries)", items.len()),
            };
        }
        let shown: Vec<String> = items
            .iter()
            .take(6)
            .map(|d| self.value(Value::from_datum(d), element))
            .collect();
        let more = if items.len() > 6 {
            format!(", … ({})", items.len())
        } else {
            String::new()
        };
        format!("[{}{more}]", shown.join(", "))
    }

    /// A record in a few words: its first text fields and its dates, e.g.
    /// `Analis Keuangan, 2019-01-02 – 2022-12-31`.
    pub fn record_label(&self, fields: &[Datum], record: crate::schema::RecordId) -> String {
        let Some(record_type) = self.schema.record(record) else {
            return String::new();
        };
        let mut words = Vec::new();
        let mut dates = Vec::new();
        for (field, datum) in record_type.fields.iter().zip(fields) {
            match (datum, &field.ty) {
                (Datum::Text(sym), Type::Text) if words.len() < 2 => {
                    words.push(self.symbols.resolve(*sym).to_string())
                }
                (Datum::Enum(index), Type::Enum(id)) if words.len() < 2 => {
                    if let Some(e) = self.schema.enum_type(*id) {
                        words.push(e.value(*index).to_string());
                    }
                }
                (Datum::Int(n), Type::Int) if words.len() < 2 => words.push(n.to_string()),
                (Datum::Date(date), _) => dates.push(date.to_string()),
                _ => {}
            }
        }
        let mut label = words.join(" ");
        if !dates.is_empty() {
            if !label.is_empty() {
                label.push_str(", ");
            }
            label.push_str(&dates.join(" – "));
        }
        label
    }

    /// `file:line` of the datum `target` inside `record` (of type `record_type`), found by
    /// address, if it is there.
    pub fn origin(
        &self,
        record: &Record,
        record_type: crate::schema::RecordId,
        target: *const Datum,
    ) -> Option<String> {
        let mut path = Vec::new();
        if !self.find(
            &record.fields,
            &Type::Record(record_type),
            target,
            &mut path,
        ) {
            return None;
        }
        if record.origin.line == 0 {
            // Built in memory (a test case): no line to cite.
            return None;
        }
        let file = self.sources.get(record.origin.file)?;
        let json = file.name.ends_with(".jsonl") || file.name.ends_with(".ndjson");
        let line = if record.origin.end > record.origin.start {
            let text = file
                .text
                .get(record.origin.start as usize..record.origin.end as usize)?;
            let (line, _) = if json {
                locate::in_json(text, &path)?
            } else {
                let mut local = vec![PathSeg::Index(0)];
                local.extend(path);
                locate::in_yaml(text, &local)?
            };
            record.origin.line as usize + line - 1
        } else {
            let mut global = vec![PathSeg::Index(record.origin.index as usize)];
            global.extend(path);
            locate::in_yaml(&file.text, &global)?.0
        };
        Some(format!("{}:{line}", file.name))
    }

    /// The path (field names, list indices, map keys) from `fields` of type `ty` down to the
    /// datum at `target`.
    fn find(
        &self,
        fields: &[Datum],
        ty: &Type,
        target: *const Datum,
        path: &mut Vec<PathSeg>,
    ) -> bool {
        for (index, datum) in fields.iter().enumerate() {
            let (seg, inner) = match ty {
                Type::Record(id) => match self.schema.field(*id, index) {
                    Some(field) => (PathSeg::Field(field.name.clone()), field.ty.clone()),
                    None => continue,
                },
                Type::List(inner) => (PathSeg::Index(index), (**inner).clone()),
                _ => continue,
            };
            path.push(seg);
            if std::ptr::eq(datum, target) || self.find_in(datum, &inner, target, path) {
                return true;
            }
            path.pop();
        }
        false
    }

    fn find_in(
        &self,
        datum: &Datum,
        ty: &Type,
        target: *const Datum,
        path: &mut Vec<PathSeg>,
    ) -> bool {
        match (datum, ty) {
            (Datum::Record(fields), _) | (Datum::List(fields), _) => {
                self.find(fields, ty, target, path)
            }
            (Datum::Map(entries), Type::Map(inner)) => {
                for (key, value) in entries.iter() {
                    path.push(PathSeg::Key(self.symbols.resolve(*key).to_string()));
                    if std::ptr::eq(value, target) || self.find_in(value, inner, target, path) {
                        return true;
                    }
                    path.pop();
                }
                false
            }
            _ => false,
        }
    }
}
