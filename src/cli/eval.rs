//! `mutasi eval`: every (employee, position) pair, as a table, JSON Lines or CSV.

use clap::Args;

use super::load::{self, LoadedData};
use super::output::Stdout;
use super::{DataArgs, Failure};
use crate::data::Record;
use crate::eval::bulk::Pairs;
use crate::eval::{Engine, Outcome};
use crate::lang::Lang;
use crate::report::PairWriter;
use crate::report::{eval_csv::EvalCsv, eval_jsonl::EvalJsonLines, eval_table::EvalTable};
use crate::symbols::Symbols;

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Bentuk keluaran.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalFormat {
    /// Tabel untuk dibaca.
    Table,
    /// Satu objek JSON per baris (POLICY.md bagian 8).
    Jsonl,
    /// CSV dengan baris judul.
    Csv,
}

/// Everything an evaluation needs, loaded and compiled.
pub struct Prepared {
    pub rules: load::LoadedRules,
    pub data: LoadedData,
    pub symbols: Symbols,
    pub engine: Engine,
    /// The employee and position files, as given.
    pub data_paths: (String, String),
}

/// Loads rules and data and compiles the engine for the run's date.
pub fn prepare(args: &DataArgs, lang: Lang) -> Result<Prepared, Failure> {
    prepare_with(&args.rules.rules, None, args, lang)
}

/// [`prepare`] with the rules from `rules_dir` (the other version of a diff), their files named
/// as `load::rules_shown_as` does.
pub fn prepare_with(
    rules_dir: &std::path::Path,
    shown_as: Option<&str>,
    args: &DataArgs,
    lang: Lang,
) -> Result<Prepared, Failure> {
    let mut rules = load::rules_shown_as(rules_dir, shown_as, lang)?;
    let mut symbols = Symbols::new();
    let as_of = args.as_of();
    let year = args.assessment_year();
    // Validations are compiled before the data is read: they run on every record as it loads.
    let validation_plan =
        crate::eval::plan::compile(&rules.checked.rules, &mut symbols, as_of, year, false);
    let data = load::data(
        &mut rules,
        &args.employees,
        &args.positions,
        &mut symbols,
        &validation_plan,
        lang,
    )?;
    let engine = Engine::new(&rules.checked.rules, &mut symbols, as_of, year);
    let data_paths = (
        args.employees.display().to_string(),
        args.positions.display().to_string(),
    );
    Ok(Prepared {
        rules,
        data,
        symbols,
        engine,
        data_paths,
    })
}

pub fn run(args: &EvalArgs, lang: Lang) -> Result<(), Failure> {
    let prepared = prepare(&args.data, lang)?;
    let rules = &prepared.rules.checked.rules;
    let writer: Box<dyn PairWriter> = match args.format {
        EvalFormat::Jsonl => Box::new(EvalJsonLines::new(rules)),
        EvalFormat::Csv => Box::new(EvalCsv::new(rules)),
        EvalFormat::Table => Box::new(EvalTable::new(
            rules,
            &prepared.data.employees.records,
            &prepared.data.positions.records,
            &prepared.symbols,
            lang,
        )),
    };
    let mut out = Stdout::new(lang);
    out.write(&writer.header())?;
    evaluate_all(
        &prepared,
        |employee, position, outcome, buffer| {
            writer.line(buffer, employee, position, outcome, &prepared.symbols);
        },
        |bytes| out.write(bytes),
    )?;
    out.write(&writer.footer())?;
    out.finish()
}

/// Bytes of output per pair to reserve (a JSON line is about 250).
const BYTES_PER_PAIR: usize = 256;

/// Decides every pair, employees in input order and positions in input order within each,
/// in parallel; `line` formats a pair into a task's buffer and `write` receives the buffers in
/// order.
pub fn evaluate_all<F, W>(prepared: &Prepared, line: F, mut write: W) -> Result<(), Failure>
where
    F: Fn(&Record, &Record, &Outcome, &mut Vec<u8>) + Sync,
    W: FnMut(&[u8]) -> Result<(), Failure>,
{
    let positions = &prepared.data.positions.records;
    let pairs = Pairs {
        rules: &prepared.rules.checked.rules,
        engine: &prepared.engine,
        symbols: &prepared.symbols,
        employees: &prepared.data.employees.records,
        positions,
    };
    pairs.decide_all(
        |pairs| Vec::with_capacity(pairs * BYTES_PER_PAIR),
        |buffer, employee, index, outcome| {
            if let Some(position) = positions.get(index) {
                line(employee, position, outcome, buffer);
            }
        },
        |buffer| write(&buffer),
    )
}
