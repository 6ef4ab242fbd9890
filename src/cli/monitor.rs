//! `mutasi monitor`: post-transfer monitoring, the rules' classification over every employee.

use clap::Args;

use super::eval::prepare;
use super::output::Stdout;
use super::{DataArgs, Failure, exit};
use crate::eval::classify::classify;
use crate::eval::interp::{Cx, Evaluator, NoTrace, Tables};
use crate::lang::{Lang, pick};
use crate::report::Keys;
use crate::report::monitor::MonitorReport;

#[derive(Debug, Args)]
pub struct MonitorArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Bentuk keluaran.
    #[arg(long, value_enum, default_value_t = MonitorFormat::Table)]
    pub format: MonitorFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MonitorFormat {
    /// Tabel untuk dibaca.
    Table,
    /// Satu objek JSON per baris (POLICY.md bagian 8).
    Jsonl,
    /// CSV dengan baris judul.
    Csv,
}

pub fn run(args: &MonitorArgs, lang: Lang) -> Result<(), Failure> {
    let prepared = prepare(&args.data, lang)?;
    let rules = &prepared.rules.checked.rules;
    let (Some(classification), Some(plan)) = (
        rules.classifications.first(),
        prepared.engine.flat.classifications.first(),
    ) else {
        return Err(Failure::message(
            pick(
                lang,
                "aturan tidak mendeklarasikan `classification`",
                "the rules declare no `classification`",
            )
            .to_string(),
            exit::INVALID_RULES,
        ));
    };
    let employees = &prepared.data.employees.records;
    let tables = Tables::new(&rules.schema, employees, &prepared.data.positions.records);
    let evaluator = Evaluator::new(&prepared.engine.flat, &prepared.symbols);
    let mut cx = Cx::new(&prepared.engine.flat);
    cx.tables = Some(&tables);
    let report = MonitorReport {
        classification,
        symbols: &prepared.symbols,
        keys: Keys::of(rules),
        lang,
    };
    let mut rows = Vec::new();
    for employee in employees {
        cx.employee = Some(&employee.fields);
        if let Some(classified) = classify(&evaluator, plan, &mut cx, &mut NoTrace) {
            rows.push((employee, classified));
        }
    }
    let mut bytes = Vec::new();
    match args.format {
        MonitorFormat::Jsonl => rows
            .iter()
            .for_each(|(e, c)| report.jsonl(&mut bytes, e, c)),
        MonitorFormat::Csv => {
            bytes = report.csv_header();
            rows.iter().for_each(|(e, c)| report.csv(&mut bytes, e, c));
        }
        MonitorFormat::Table => {
            let mut text = report.table_header(prepared.engine.as_of, rows.len());
            rows.iter().for_each(|(e, c)| report.table(&mut text, e, c));
            bytes = text.into_bytes();
        }
    }
    Stdout::print(lang, &bytes)
}
