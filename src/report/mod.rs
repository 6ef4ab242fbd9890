//! Stage 5: outcomes -> what people and scripts read: JSON Lines, CSV, tables, explanations.

pub mod diff;
pub mod eval_csv;
pub mod eval_jsonl;
pub mod eval_table;
pub mod json;
pub mod monitor;
pub mod needs;
pub mod recommend;
pub mod show;
pub mod test_run;
pub mod why;

use crate::check::CheckedRules;
use crate::data::{Datum, Record};
use crate::eval::Outcome;
use crate::symbols::Symbols;

/// A format that writes one (employee, position) pair a line.
pub trait PairWriter: Sync {
    fn header(&self) -> Vec<u8> {
        Vec::new()
    }
    fn line(
        &self,
        out: &mut Vec<u8>,
        employee: &Record,
        position: &Record,
        outcome: &Outcome,
        symbols: &Symbols,
    );
    fn footer(&self) -> Vec<u8> {
        Vec::new()
    }
}

/// Where the key and the display name of each input are.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keys {
    pub employee_key: usize,
    pub employee_name: Option<usize>,
    pub position_key: usize,
    pub position_name: Option<usize>,
}

impl Keys {
    pub fn of(rules: &CheckedRules) -> Keys {
        let schema = &rules.schema;
        let name_of = |input: Option<&crate::schema::Input>| {
            input
                .and_then(|i| schema.record(i.record))
                .and_then(|r| r.field_index("nama").or_else(|| r.field_index("name")))
        };
        Keys {
            employee_key: schema.employee.as_ref().map_or(0, |i| i.key),
            employee_name: name_of(schema.employee.as_ref()),
            position_key: schema.position.as_ref().map_or(0, |i| i.key),
            position_name: name_of(schema.position.as_ref()),
        }
    }
}

/// The key and name of each record of a run, by index: the NIP and name of employee 7, the id
/// and name of position 3 ("" where the index or the field is missing).
#[derive(Clone, Copy)]
pub struct Names<'a> {
    records: &'a [Record],
    key: usize,
    name: Option<usize>,
    symbols: &'a Symbols,
}

impl<'a> Names<'a> {
    pub fn employees(records: &'a [Record], keys: &Keys, symbols: &'a Symbols) -> Names<'a> {
        Names {
            records,
            key: keys.employee_key,
            name: keys.employee_name,
            symbols,
        }
    }

    pub fn positions(records: &'a [Record], keys: &Keys, symbols: &'a Symbols) -> Names<'a> {
        Names {
            records,
            key: keys.position_key,
            name: keys.position_name,
            symbols,
        }
    }

    pub fn key(&self, index: usize) -> &'a str {
        self.records
            .get(index)
            .map_or("", |r| text_field(r, Some(self.key), self.symbols))
    }

    pub fn name(&self, index: usize) -> &'a str {
        self.records
            .get(index)
            .map_or("", |r| text_field(r, self.name, self.symbols))
    }
}

/// The text of a record's text field (its key, its name); "" when absent.
pub fn text_field<'s>(record: &Record, field: Option<usize>, symbols: &'s Symbols) -> &'s str {
    match field.and_then(|i| record.fields.get(i)) {
        Some(Datum::Text(sym)) => symbols.resolve(*sym),
        _ => "",
    }
}
