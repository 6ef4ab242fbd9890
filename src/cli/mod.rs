//! The command line (clap): parse arguments, run a subcommand, map the result to an exit code.
//! The only module that does I/O.

mod check;
mod diff;
mod eval;
mod generate;
mod load;
mod monitor;
mod output;
mod recommend;
mod test;
mod why;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::date::Date;
use crate::diagnostic::Problems;
use crate::lang::Lang;
use crate::source::SourceSet;

/// Exit codes, documented in the README.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    /// The rules do not parse or check.
    pub const INVALID_RULES: u8 = 1;
    /// A data file breaks the schema or a validation.
    pub const INVALID_DATA: u8 = 2;
    /// A file could not be read or written.
    pub const IO: u8 = 3;
    /// Policy test cases failed (`mutasi test`), or a change was found (`mutasi diff --fail-on-change`).
    pub const TESTS_FAILED: u8 = 5;
    /// The command line itself is wrong (unknown flag, bad date, unknown NIP).
    pub const USAGE: u8 = 64;
}

#[derive(Debug, Parser)]
#[command(
    name = "mutasi",
    version,
    about = "Pendukung keputusan mutasi ASN berbasis aturan: kelayakan, skor kecocokan, pelatihan terutang — dengan penjelasan.",
    long_about = None
)]
pub struct Cli {
    /// Bahasa pesan dan penjelasan (id: Indonesia, en: English).
    #[arg(long, global = true, value_enum, default_value_t = Lang::Id)]
    pub lang: Lang,

    /// Jumlah thread untuk penilaian (bawaan: semua inti).
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Memeriksa aturan (sintaks, nama, tipe, ketergantungan) tanpa membaca data.
    Check(check::CheckArgs),
    /// Menilai setiap pasangan pegawai x formasi.
    Eval(eval::EvalArgs),
    /// Menjelaskan keputusan untuk satu pegawai (dan satu formasi).
    Why(why::WhyArgs),
    /// Daftar calon per formasi yang memiliki lowongan, dan pegawai yang jatuh tempo rotasi.
    Recommend(recommend::RecommendArgs),
    /// Analisis kebutuhan: lowongan per unit dan formasi, calon, dan penghambat utamanya.
    Needs(recommend::NeedsArgs),
    /// Pemantauan pasca mutasi (monev) pegawai yang dimutasi dalam 2 tahun terakhir.
    Monitor(monitor::MonitorArgs),
    /// Menjalankan kasus uji kebijakan di samping aturan (dan cakupannya).
    Test(test::TestArgs),
    /// Dampak perubahan aturan pada seluruh pegawai dan formasi, sebelum diberlakukan.
    Diff(diff::DiffArgs),
    /// Membuat data contoh sintetis (pegawai dan formasi Kota Cakranegara), tetap untuk setiap benih.
    Generate(generate::GenerateArgs),
}

/// Where the rules are.
#[derive(Debug, Clone, Args)]
pub struct RulesArgs {
    /// Direktori aturan (berkas *.mutasi).
    #[arg(long, value_name = "DIR", default_value = "rules")]
    pub rules: PathBuf,
}

/// The records and the evaluation's date and assessment year.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    #[command(flatten)]
    pub rules: RulesArgs,

    /// Berkas pegawai (YAML, atau JSON Lines bila berakhiran .jsonl).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "examples/cakranegara/pegawai.yaml"
    )]
    pub employees: PathBuf,

    /// Berkas formasi (YAML, atau JSON Lines bila berakhiran .jsonl).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "examples/cakranegara/formasi.yaml"
    )]
    pub positions: PathBuf,

    /// Tanggal evaluasi D (YYYY-MM-DD); bawaan: hari ini.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,

    /// Tahun penilaian SKP Y; bawaan: tahun D dikurangi 1.
    #[arg(long, value_name = "YYYY")]
    pub assessment_year: Option<i64>,
}

impl DataArgs {
    pub fn as_of(&self) -> Date {
        self.as_of.unwrap_or_else(Date::today)
    }

    pub fn assessment_year(&self) -> i64 {
        self.assessment_year
            .unwrap_or_else(|| i64::from(self.as_of().year()) - 1)
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| {
        format!("`{text}` bukan tanggal YYYY-MM-DD yang sah / not a valid YYYY-MM-DD date")
    })
}

/// Why a command stopped: what to print and the exit code.
#[derive(Debug)]
pub enum Failure {
    /// Diagnostics (rules or data), with the sources they point into.
    Problems {
        problems: Problems,
        sources: SourceSet,
        code: u8,
    },
    /// A plain message (I/O, usage), already in the user's language.
    Message { message: String, code: u8 },
}

impl Failure {
    pub fn message(message: String, code: u8) -> Failure {
        Failure::Message { message, code }
    }
}

/// Stack for the main work: rule sets may chain thousands of definitions.
const STACK: usize = 256 << 20;
/// Stack of each evaluation thread.
const WORKER_STACK: usize = 64 << 20;

/// Runs the command line; returns the process exit code.
pub fn run() -> ExitCode {
    install_panic_hook();
    let worker = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(run_command);
    match worker.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        // The panic hook has already said what happened.
        _ => ExitCode::from(101),
    }
}

fn run_command() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                exit::USAGE
            } else {
                exit::SUCCESS
            };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let lang = cli.lang;
    // The pool is built once, before any parallel work, with the size asked for.
    let mut pool = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK);
    if let Some(threads) = cli.threads {
        pool = pool.num_threads(threads.max(1));
    }
    let _ = pool.build_global();
    let result = match cli.command {
        Command::Check(args) => check::run(&args, lang),
        Command::Eval(args) => eval::run(&args, lang),
        Command::Why(args) => why::run(&args, lang),
        Command::Recommend(args) => recommend::run(&args, lang),
        Command::Needs(args) => recommend::run_needs(&args, lang),
        Command::Monitor(args) => monitor::run(&args, lang),
        Command::Test(args) => test::run(&args, lang),
        Command::Diff(args) => diff::run(&args, lang),
        Command::Generate(args) => generate::run(&args, lang),
    };
    match result {
        Ok(()) => ExitCode::from(exit::SUCCESS),
        Err(failure) => report_failure(failure, lang),
    }
}

fn report_failure(failure: Failure, lang: Lang) -> ExitCode {
    match failure {
        Failure::Problems {
            problems,
            sources,
            code,
        } => {
            output::print_problems(&problems, &sources, lang);
            ExitCode::from(code)
        }
        Failure::Message { message, code } => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::from(code)
        }
    }
}

/// A panic is an engine bug: say so, and ask for what reproduces it.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "mutasi: kesalahan internal (bug pada mesin aturan), mohon laporkan beserta direktori aturan dan berkas data yang dipakai.\n\
             mutasi: internal error (an engine bug); please report it with the rules directory and data files used.\n{info}"
        );
    }));
}
