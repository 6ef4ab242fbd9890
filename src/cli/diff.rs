//! `mutasi diff --base OLD --rules NEW`: whom a change of policy affects, before it is adopted.
//! `--base` is a rules directory or a git revision of the rules directory (`HEAD`, `main~1`,
//! `v2026:rules`), so "what does my uncommitted edit change?" is `mutasi diff --base HEAD`.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;

use super::eval::{Prepared, prepare_with};
use super::output::Stdout;
use super::{DataArgs, Failure, exit};
use crate::eval::diff::{Side, diff, shortlist_changes};
use crate::eval::interp::Tables;
use crate::eval::shortlist::{Recommendation, recommend};
use crate::lang::Lang;
use crate::report::Keys;
use crate::report::diff::DiffReport;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Versi aturan pembanding: direktori, atau revisi git dari direktori aturan (mis. HEAD).
    #[arg(long, value_name = "DIR|REV")]
    pub base: String,

    #[command(flatten)]
    pub data: DataArgs,

    /// Bentuk keluaran.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,

    /// Keluar dengan kode 5 bila ada yang berubah (gerbang CI).
    #[arg(long)]
    pub fail_on_change: bool,

    /// Jumlah pasangan berubah yang dicantumkan (tabel dan Markdown).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub list: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Tabel untuk dibaca.
    Table,
    /// JSON untuk skrip.
    Json,
    /// Markdown untuk ditempel ke permintaan perubahan.
    Markdown,
}

pub fn run(args: &DiffArgs, lang: Lang) -> Result<(), Failure> {
    let base = BaseRules::resolve(&args.base, &args.data.rules.rules, lang)?;
    let before = prepare_with(base.dir(), base.shown_as(), &args.data, lang)?;
    let after = prepare_with(&args.data.rules.rules, None, &args.data, lang)?;
    let tables_before = tables(&before);
    let tables_after = tables(&after);
    let keep = if args.format == DiffFormat::Json {
        usize::MAX
    } else {
        args.list
    };
    let result = diff(&side(&before), &side(&after), keep);
    let shortlists = match (
        shortlist(&before, &tables_before),
        shortlist(&after, &tables_after),
    ) {
        (Some(old), Some(new)) => shortlist_changes(&old, &new),
        _ => Vec::new(),
    };
    let after_name = args.data.rules.rules.display().to_string();
    let report = DiffReport {
        diff: &result,
        shortlists: &shortlists,
        employees: &after.data.employees.records,
        positions: &after.data.positions.records,
        symbols: &after.symbols,
        keys: Keys::of(&after.rules.checked.rules),
        lang,
        before: &args.base,
        after: &after_name,
        listed: args.list,
    };
    let bytes = match args.format {
        DiffFormat::Table => report.table().into_bytes(),
        DiffFormat::Markdown => report.markdown().into_bytes(),
        DiffFormat::Json => report.json(),
    };
    Stdout::print(lang, &bytes)?;
    drop(base);
    if args.fail_on_change && (!result.is_empty() || !shortlists.is_empty()) {
        return Err(Failure::Message {
            message: String::new(),
            code: exit::TESTS_FAILED,
        });
    }
    Ok(())
}

fn tables(prepared: &Prepared) -> Tables<'_> {
    Tables::new(
        &prepared.rules.checked.rules.schema,
        &prepared.data.employees.records,
        &prepared.data.positions.records,
    )
}

fn side(prepared: &Prepared) -> Side<'_> {
    Side {
        rules: &prepared.rules.checked.rules,
        engine: &prepared.engine,
        symbols: &prepared.symbols,
        employees: &prepared.data.employees.records,
        positions: &prepared.data.positions.records,
    }
}

fn shortlist<'a>(prepared: &'a Prepared, tables: &'a Tables<'a>) -> Option<Recommendation> {
    if prepared.engine.hoisted.shortlists.is_empty() {
        return None;
    }
    Some(recommend(
        &prepared.engine,
        &prepared.symbols,
        0,
        &prepared.data.employees.records,
        &prepared.data.positions.records,
        None,
        None,
        Some(tables),
    ))
}

/// The base rules: a directory as given, or one written from a git revision (removed after).
enum BaseRules {
    Directory(PathBuf),
    /// A temporary copy of the revision's rule files, and how to name them (`HEAD:rules/`).
    FromGit(PathBuf, String),
}

impl BaseRules {
    fn dir(&self) -> &Path {
        match self {
            BaseRules::Directory(path) | BaseRules::FromGit(path, _) => path,
        }
    }

    /// How diagnostics name the files: as the revision's objects, not the temporary copy.
    fn shown_as(&self) -> Option<&str> {
        match self {
            BaseRules::Directory(_) => None,
            BaseRules::FromGit(_, shown_as) => Some(shown_as),
        }
    }

    fn resolve(base: &str, rules: &Path, lang: Lang) -> Result<BaseRules, Failure> {
        let as_path = Path::new(base);
        if as_path.is_dir() {
            return Ok(BaseRules::Directory(as_path.to_path_buf()));
        }
        let git = |args: &[&str], dir: &Path| -> Result<String, String> {
            let output = Command::new("git")
                .arg("-C")
                .arg(dir)
                .args(args)
                .output()
                .map_err(|e| e.to_string())?;
            if output.status.success() {
                Ok(String::from_utf8_lossy(&output.stdout)
                    .trim_end_matches('\n')
                    .to_string())
            } else {
                Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
            }
        };
        let failure = |reason: String| {
            let message = match lang {
                Lang::Id => format!(
                    "`--base {base}` bukan direktori maupun revisi git dari aturan: {reason}"
                ),
                Lang::En => format!(
                    "`--base {base}` is neither a directory nor a git revision of the rules: {reason}"
                ),
            };
            Failure::message(message, exit::USAGE)
        };
        let top = git(&["rev-parse", "--show-toplevel"], rules).map_err(failure)?;
        let prefix = git(&["rev-parse", "--show-prefix"], rules).map_err(failure)?;
        let tree = if base.contains(':') {
            base.to_string()
        } else {
            format!("{base}:{prefix}")
        };
        let listing = git(&["ls-tree", "--name-only", &tree], Path::new(&top)).map_err(failure)?;
        let dir = std::env::temp_dir().join(format!("mutasi-base-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| failure(e.to_string()))?;
        // `HEAD:rules/`: each file's object name, and how diagnostics name the file.
        let folder = format!("{}/", tree.trim_end_matches('/')).replacen(":/", ":", 1);
        let written = BaseRules::FromGit(dir.clone(), folder.clone());
        for name in listing.lines().filter(|n| n.ends_with(".mutasi")) {
            let object = format!("{folder}{name}");
            let text = git(&["show", &object], Path::new(&top)).map_err(failure)?;
            std::fs::write(dir.join(name), text + "\n").map_err(|e| failure(e.to_string()))?;
        }
        Ok(written)
    }
}

impl Drop for BaseRules {
    fn drop(&mut self) {
        if let BaseRules::FromGit(dir, _) = self {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
