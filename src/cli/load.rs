//! Reading the rules directory and the data files, with every problem reported.

use std::path::Path;

use super::{Failure, exit};
use crate::ast::InputKind;
use crate::check::{self, Checked};
use crate::data::{self, Format, Table};
use crate::diagnostic::Problems;
use crate::eval::plan::Plan;
use crate::lang::{Lang, pick};
use crate::source::{SourceFile, SourceSet};
use crate::symbols::Symbols;

/// Rules that checked, with the files they came from.
pub struct LoadedRules {
    pub sources: SourceSet,
    pub checked: Checked,
}

/// Parses and checks every `*.mutasi` file of `dir` (in name order).
pub fn rules(dir: &Path, lang: Lang) -> Result<LoadedRules, Failure> {
    rules_shown_as(dir, None, lang)
}

/// [`rules`], with each file named in diagnostics as `shown_as` followed by its file name when
/// `dir` only holds a copy (of a git revision, say) that the user never sees.
pub fn rules_shown_as(
    dir: &Path,
    shown_as: Option<&str>,
    lang: Lang,
) -> Result<LoadedRules, Failure> {
    let mut sources = SourceSet::new();
    let entries = std::fs::read_dir(dir).map_err(|error| io_failure(lang, dir, &error, true))?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "mutasi"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        let shown = shown_as.map_or_else(|| dir.display().to_string(), str::to_owned);
        return Err(Failure::message(
            match lang {
                Lang::Id => format!("tidak ada berkas aturan (*.mutasi) di `{shown}`"),
                Lang::En => format!("no rule files (*.mutasi) in `{shown}`"),
            },
            exit::INVALID_RULES,
        ));
    }
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|error| io_failure(lang, &path, &error, false))?;
        let name = match (shown_as, path.file_name()) {
            (Some(prefix), Some(file)) => format!("{prefix}{}", file.to_string_lossy()),
            _ => path.display().to_string(),
        };
        sources.add(SourceFile::new(name, text));
    }
    let (ast, mut problems) = crate::syntax::parse(&sources);
    if problems.has_errors() {
        return Err(Failure::Problems {
            problems: problems.sorted(),
            sources,
            code: exit::INVALID_RULES,
        });
    }
    match check::check(&ast, &sources) {
        Ok(checked) => Ok(LoadedRules { sources, checked }),
        Err(check_problems) => {
            problems.extend(check_problems);
            Err(Failure::Problems {
                problems: problems.sorted(),
                sources,
                code: exit::INVALID_RULES,
            })
        }
    }
}

/// The two input tables, validated.
pub struct LoadedData {
    pub employees: Table,
    pub positions: Table,
}

/// Reads and validates both data files; all problems of both are reported together.
pub fn data(
    rules: &mut LoadedRules,
    employees: &Path,
    positions: &Path,
    symbols: &mut Symbols,
    validation_plan: &Plan,
    lang: Lang,
) -> Result<LoadedData, Failure> {
    let schema = &rules.checked.rules.schema;
    let mut problems = Problems::new();
    let mut tables = Vec::new();
    for (path, kind) in [
        (employees, InputKind::Employee),
        (positions, InputKind::Position),
    ] {
        if schema.input(kind).is_none() {
            continue;
        }
        let text =
            std::fs::read_to_string(path).map_err(|error| io_failure(lang, path, &error, false))?;
        let name = path.display().to_string();
        let format = Format::of_path(&name);
        let file = rules.sources.add(SourceFile::new(name, text));
        let (table, found) = data::read(&rules.sources, file, format, kind, schema, symbols);
        problems.extend(found);
        tables.push(table);
    }
    for table in &tables {
        for problem in crate::eval::validate::validate(validation_plan, symbols, table) {
            problems.push(data::locate(
                &problem,
                &rules.sources,
                table,
                schema,
                symbols,
            ));
        }
    }
    // INVARIANT: nothing is evaluated from a file with a problem.
    if !problems.is_empty() {
        return Err(Failure::Problems {
            problems: problems.sorted(),
            sources: rules.sources.clone(),
            code: exit::INVALID_DATA,
        });
    }
    let mut tables = tables.into_iter();
    let (Some(employees), Some(positions)) = (tables.next(), tables.next()) else {
        return Err(Failure::message(
            pick(
                lang,
                "aturan tidak mendeklarasikan masukan pegawai dan formasi",
                "the rules declare no employee and position inputs",
            )
            .to_string(),
            exit::INVALID_RULES,
        ));
    };
    Ok(LoadedData {
        employees,
        positions,
    })
}

fn io_failure(lang: Lang, path: &Path, error: &std::io::Error, directory: bool) -> Failure {
    let shown = path.display();
    let hint = match (lang, directory) {
        (Lang::Id, true) => "; berikan direktori aturan dengan --rules DIR",
        (Lang::En, true) => "; give the rules directory with --rules DIR",
        _ => "",
    };
    let message = match lang {
        Lang::Id => format!("tidak dapat membaca `{shown}`: {error}{hint}"),
        Lang::En => format!("cannot read `{shown}`: {error}{hint}"),
    };
    Failure::message(message, exit::IO)
}
