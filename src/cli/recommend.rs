//! `mutasi recommend` (shortlists per open position) and `mutasi needs` (the needs analysis):
//! one evaluation pass, two views.

use clap::Args;

use super::eval::{Prepared, prepare};
use super::output::Stdout;
use super::{DataArgs, Failure, exit};
use crate::eval::interp::Tables;
use crate::eval::shortlist::{Recommendation, recommend};
use crate::lang::{Lang, pick};
use crate::report::needs::NeedsReport;
use crate::report::recommend::Recommend;
use crate::report::{Keys, text_field};

#[derive(Debug, Args)]
pub struct RecommendArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Hanya formasi ini.
    #[arg(long, value_name = "ID")]
    pub position: Option<String>,

    /// Jumlah calon per formasi paling banyak (bawaan: `top` daftar calon di aturan).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Bentuk keluaran.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct NeedsArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Bentuk keluaran.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Tabel untuk dibaca.
    Table,
    /// JSON (bentuk POLICY.md bagian 8 untuk recommend).
    Json,
    /// CSV dengan baris judul.
    Csv,
}

/// Runs the rules' shortlist over every employee.
fn run_shortlist(
    prepared: &Prepared,
    position: Option<&str>,
    top: Option<usize>,
    lang: Lang,
) -> Result<Recommendation, Failure> {
    if prepared.rules.checked.rules.shortlists.is_empty() {
        return Err(Failure::message(
            pick(
                lang,
                "aturan tidak mendeklarasikan `shortlist`",
                "the rules declare no `shortlist`",
            )
            .to_string(),
            exit::INVALID_RULES,
        ));
    }
    let keys = Keys::of(&prepared.rules.checked.rules);
    let positions = &prepared.data.positions.records;
    let only = match position {
        Some(id) => match positions
            .iter()
            .position(|p| text_field(p, Some(keys.position_key), &prepared.symbols) == id)
        {
            Some(index) => Some(index),
            None => {
                let message = match lang {
                    Lang::Id => format!("formasi `{id}` tidak ada di `{}`", prepared.data_paths.1),
                    Lang::En => format!("position `{id}` is not in `{}`", prepared.data_paths.1),
                };
                return Err(Failure::message(message, exit::USAGE));
            }
        },
        None => None,
    };
    let employees = &prepared.data.employees.records;
    let tables = Tables::new(&prepared.rules.checked.rules.schema, employees, positions);
    Ok(recommend(
        &prepared.engine,
        &prepared.symbols,
        0,
        employees,
        positions,
        top,
        only,
        Some(&tables),
    ))
}

pub fn run(args: &RecommendArgs, lang: Lang) -> Result<(), Failure> {
    let prepared = prepare(&args.data, lang)?;
    let recommendation = run_shortlist(&prepared, args.position.as_deref(), args.top, lang)?;
    let report = Recommend {
        rules: &prepared.rules.checked.rules,
        symbols: &prepared.symbols,
        employees: &prepared.data.employees.records,
        positions: &prepared.data.positions.records,
        keys: Keys::of(&prepared.rules.checked.rules),
        lang,
    };
    let bytes = match args.format {
        ReportFormat::Json => report.json(&recommendation),
        ReportFormat::Csv => report.csv(&recommendation),
        ReportFormat::Table => report
            .table(&recommendation, prepared.engine.as_of)
            .into_bytes(),
    };
    Stdout::print(lang, &bytes)
}

pub fn run_needs(args: &NeedsArgs, lang: Lang) -> Result<(), Failure> {
    let prepared = prepare(&args.data, lang)?;
    let recommendation = run_shortlist(&prepared, None, Some(0), lang)?;
    let report = NeedsReport {
        rules: &prepared.rules.checked.rules,
        symbols: &prepared.symbols,
        positions: &prepared.data.positions.records,
        keys: Keys::of(&prepared.rules.checked.rules),
        lang,
    };
    let bytes = match args.format {
        ReportFormat::Json => report.json(&recommendation),
        ReportFormat::Csv => report.csv(&recommendation),
        ReportFormat::Table => report
            .table(&recommendation, prepared.engine.as_of)
            .into_bytes(),
    };
    Stdout::print(lang, &bytes)
}
