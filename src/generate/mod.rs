//! Synthetic but realistic data sets (employees and positions of a city), deterministic per
//! seed: the example city, benchmarks, and anyone trying the tool at scale.
//!
//! Input: [`Options`] (counts, seed, date). Output: the pegawai and formasi records of the
//! fictional Kota Cakranegara, as YAML or JSON Lines, streamed record by record. The
//! organisation (units, positions) is drawn first from the seed alone; each employee is then
//! drawn from its own stream and placed in it, so the positions are the same whatever the
//! number of employees, and the output is a pure function of the options (the generator has
//! its own PRNG, so a seed means the same data set under any crate versions).
//!
//! ```
//! use mutasi::generate::{Format, Options, write_positions};
//! let options = Options {
//!     employees: 10,
//!     positions: 5,
//!     seed: 2026,
//!     as_of: mutasi::date::Date::from_ymd(2026, 11, 27).unwrap(),
//! };
//! let mut out = Vec::new();
//! write_positions(&options, Format::Yaml, &mut out).unwrap();
//! assert!(out.starts_with(b"- id: "));
//! ```

mod career;
mod city;
mod conduct;
mod employee;
mod names;
mod organisation;
mod posts;
mod records;
mod requirements;
mod rng;
mod training;
mod vocabulary;
mod write;

use std::io::Write;

use crate::date::Date;
use employee::Registry;
use organisation::Organisation;
use write::Value;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Number of employee records.
    pub employees: usize,
    /// Number of position records.
    pub positions: usize,
    /// The seed: the same options give byte-identical output.
    pub seed: u64,
    /// The date the data describes: ages, TMTs, SKP years and certificate validity are
    /// relative to it (use the same date as `--as-of` when evaluating).
    pub as_of: Date,
}

/// The text form of the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A YAML block list, one `- ` item per record.
    Yaml,
    /// One JSON object a line.
    JsonLines,
}

impl Format {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::JsonLines => "jsonl",
        }
    }
}

/// Writes the employee (pegawai) records, one at a time; `out` should be buffered.
pub fn write_employees(
    options: &Options,
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let organisation = Organisation::new(options.seed, options.positions);
    let mut registry = Registry::default();
    let mut buffer = Vec::with_capacity(8 * 1024);
    for index in 0..options.employees {
        let employee = employee::employee(
            &organisation,
            options.seed,
            options.as_of,
            index,
            &mut registry,
        );
        if let Some(employee) = employee {
            buffer.clear();
            render(&records::employee(&employee), format, &mut buffer);
            out.write_all(&buffer)?;
        }
    }
    finish(options.employees, format, out)
}

/// Writes the position (formasi) records; `out` should be buffered.
pub fn write_positions(
    options: &Options,
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let organisation = Organisation::new(options.seed, options.positions);
    let mut buffer = Vec::with_capacity(4 * 1024);
    for position in &organisation.positions {
        buffer.clear();
        render(&records::position(position), format, &mut buffer);
        out.write_all(&buffer)?;
    }
    finish(options.positions, format, out)
}

fn render(record: &Value<'_>, format: Format, buffer: &mut Vec<u8>) {
    match format {
        Format::Yaml => write::yaml_item(record, buffer),
        Format::JsonLines => write::json_line(record, buffer),
    }
}

/// An empty YAML list is `[]`, not an empty file (which is no list at all).
fn finish(count: usize, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    if count == 0 && format == Format::Yaml {
        out.write_all(b"[]\n")?;
    }
    out.flush()
}
