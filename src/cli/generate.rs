//! `mutasi generate`: writes a synthetic data set (pegawai and formasi of the fictional Kota
//! Cakranegara) into a directory, deterministic per seed.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{Failure, exit};
use crate::date::Date;
use crate::generate::{self, Format, Options};
use crate::lang::Lang;

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Jumlah pegawai.
    #[arg(long, value_name = "N", default_value_t = 1500)]
    pub employees: usize,

    /// Jumlah formasi.
    #[arg(long, value_name = "M", default_value_t = 160)]
    pub positions: usize,

    /// Benih acak: benih dan pilihan yang sama menghasilkan berkas yang sama persis.
    #[arg(long, value_name = "S", default_value_t = 2026)]
    pub seed: u64,

    /// Direktori tujuan (dibuat bila belum ada); berisi pegawai.yaml dan formasi.yaml
    /// (atau .jsonl).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Tanggal acuan data (usia, TMT, tahun SKP, masa berlaku sertifikat); bawaan tetap
    /// 2026-11-27, bukan hari ini, agar data contoh dapat dibuat ulang. Pakai tanggal yang
    /// sama untuk --as-of saat menilai.
    #[arg(
        long,
        value_name = "YYYY-MM-DD",
        value_parser = super::parse_date,
        default_value = "2026-11-27"
    )]
    pub as_of: Date,

    /// Bentuk berkas.
    #[arg(long, value_enum, default_value_t = GenerateFormat::Yaml)]
    pub format: GenerateFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GenerateFormat {
    /// Daftar YAML.
    Yaml,
    /// Satu objek JSON per baris.
    Jsonl,
}

pub fn run(args: &GenerateArgs, lang: Lang) -> Result<(), Failure> {
    let options = Options {
        employees: args.employees,
        positions: args.positions,
        seed: args.seed,
        as_of: args.as_of,
    };
    let format = match args.format {
        GenerateFormat::Yaml => Format::Yaml,
        GenerateFormat::Jsonl => Format::JsonLines,
    };
    std::fs::create_dir_all(&args.out).map_err(|error| io_failure(lang, &args.out, &error))?;
    let extension = format.extension();
    let employees = args.out.join(format!("pegawai.{extension}"));
    let positions = args.out.join(format!("formasi.{extension}"));
    write_file(&positions, lang, |out| {
        generate::write_positions(&options, format, out)
    })?;
    write_file(&employees, lang, |out| {
        generate::write_employees(&options, format, out)
    })?;
    let summary = match lang {
        Lang::Id => format!(
            "ditulis: {} ({} pegawai), {} ({} formasi); benih {}, tanggal acuan {}",
            employees.display(),
            options.employees,
            positions.display(),
            options.positions,
            options.seed,
            options.as_of
        ),
        Lang::En => format!(
            "written: {} ({} employees), {} ({} positions); seed {}, as of {}",
            employees.display(),
            options.employees,
            positions.display(),
            options.positions,
            options.seed,
            options.as_of
        ),
    };
    println!("{summary}");
    Ok(())
}

/// Creates `path` and lets `write` fill it through a buffer.
fn write_file(
    path: &Path,
    lang: Lang,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let file = File::create(path).map_err(|error| io_failure(lang, path, &error))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    write(&mut out).map_err(|error| io_failure(lang, path, &error))
}

fn io_failure(lang: Lang, path: &Path, error: &std::io::Error) -> Failure {
    let shown = path.display();
    let message = match lang {
        Lang::Id => format!("tidak dapat menulis `{shown}`: {error}"),
        Lang::En => format!("cannot write `{shown}`: {error}"),
    };
    Failure::message(message, exit::IO)
}
