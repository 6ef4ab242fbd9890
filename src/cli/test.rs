//! `mutasi test [PATH]`: runs the policy test cases beside the rules, shows each failing case
//! with expected and actual values and the explanation of the actual decision; `--coverage`
//! reports which sides of the policy the cases exercise.

use std::path::{Path, PathBuf};

use clap::Args;

use super::load;
use super::output::Stdout;
use super::{Failure, RulesArgs, exit};
use crate::cases::{self, Case, CaseResult};
use crate::eval::Engine;
use crate::eval::interp::Tables;
use crate::explain::explain_pair;
use crate::lang::Lang;
use crate::report::Keys;
use crate::report::show::Shower;
use crate::report::test_run::{TestReport, summary};
use crate::report::why::{Focus, Why};
use crate::source::{FileId, SourceFile};
use crate::symbols::Symbols;

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Berkas atau direktori kasus uji (bawaan: `tests/` di direktori aturan).
    pub path: Option<PathBuf>,

    #[command(flatten)]
    pub rules: RulesArgs,

    /// Bentuk keluaran.
    #[arg(long, value_enum, default_value_t = TestFormat::Text)]
    pub format: TestFormat,

    /// Laporkan cakupan: setiap syarat benar/salah/tidak diketahui, setiap bagian skor 0/maksimum.
    #[arg(long)]
    pub coverage: bool,

    /// Dengan --coverage: keluar dengan kode 5 bila ada celah cakupan.
    #[arg(long, requires = "coverage")]
    pub fail_on_gap: bool,

    /// Tampilkan juga kasus yang lulus, dan penjelasan lengkap kasus yang gagal.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TestFormat {
    /// Teks untuk dibaca.
    Text,
    /// JUnit XML untuk sistem CI.
    Junit,
}

pub fn run(args: &TestArgs, lang: Lang) -> Result<(), Failure> {
    let mut rules = load::rules(&args.rules.rules, lang)?;
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| args.rules.rules.join("tests"));
    let (files, run_only) = case_files(&mut rules, &path, lang)?;
    let mut symbols = Symbols::new();
    let checked = &rules.checked.rules;
    let all_cases = match cases::load(&files, &rules.sources, checked, &mut symbols) {
        Ok(cases) => cases,
        Err(problems) => {
            return Err(Failure::Problems {
                problems,
                sources: rules.sources.clone(),
                code: exit::INVALID_DATA,
            });
        }
    };
    let chosen: Vec<Case> = all_cases
        .into_iter()
        .filter(|c| run_only.is_none_or(|f| c.file == f))
        .collect();
    if chosen.is_empty() {
        return Err(no_cases(lang, &path));
    }
    let results = cases::run(&chosen, checked, &mut symbols);
    let report = TestReport {
        rules: checked,
        sources: &rules.sources,
        lang,
    };
    let failed = results.iter().filter(|r| !r.passed()).count();
    let passed = results.len() - failed;
    let mut text = String::new();
    match args.format {
        TestFormat::Junit => text.push_str(&report.junit(&chosen, &results)),
        TestFormat::Text => {
            text.push_str(&details(
                &report,
                &rules,
                &chosen,
                &results,
                &mut symbols,
                args.verbose,
                lang,
            ));
            text.push_str(&format!("\n{}\n", summary(lang, passed, failed)));
        }
    }
    let coverage = cases::coverage::coverage(checked, &results);
    let gaps = coverage.gaps(checked).len();
    if args.coverage && args.format == TestFormat::Text {
        text.push_str(&report.coverage(&coverage));
    }
    Stdout::print(lang, text.as_bytes())?;
    if failed > 0 {
        return Err(Failure::Message {
            message: String::new(),
            code: exit::TESTS_FAILED,
        });
    }
    if args.fail_on_gap && gaps > 0 {
        return Err(Failure::Message {
            message: String::new(),
            code: exit::TESTS_FAILED,
        });
    }
    Ok(())
}

/// The case files to read (every `*.yaml` of the directory, for the bases) and, when `path` is
/// one file, that file alone to run.
fn case_files(
    rules: &mut load::LoadedRules,
    path: &Path,
    lang: Lang,
) -> Result<(Vec<FileId>, Option<FileId>), Failure> {
    let (dir, only) = if path.is_dir() {
        (path.to_path_buf(), None)
    } else {
        (
            path.parent().map(Path::to_path_buf).unwrap_or_default(),
            Some(path.to_path_buf()),
        )
    };
    let entries = std::fs::read_dir(&dir).map_err(|error| io_error(lang, &dir, &error))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut run_only = None;
    for file in paths {
        let text = std::fs::read_to_string(&file).map_err(|error| io_error(lang, &file, &error))?;
        let id = rules
            .sources
            .add(SourceFile::new(file.display().to_string(), text));
        if only.as_ref().is_some_and(|o| same_file(o, &file)) {
            run_only = Some(id);
        }
        files.push(id);
    }
    if only.is_some() && run_only.is_none() {
        return Err(io_error(
            lang,
            path,
            &std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    Ok((files, run_only))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Each file's results; failing cases with expected and actual values and the explanation.
fn details(
    report: &TestReport<'_>,
    rules: &load::LoadedRules,
    cases: &[Case],
    results: &[CaseResult],
    symbols: &mut Symbols,
    verbose: bool,
    lang: Lang,
) -> String {
    let checked = &rules.checked.rules;
    // Explanations need engines for the failing cases' dates; compile them first.
    let mut engines: Vec<((crate::date::Date, i64), Engine)> = Vec::new();
    for (case, result) in cases.iter().zip(results) {
        let key = (case.as_of, case.assessment_year);
        if !result.passed() && !engines.iter().any(|(k, _)| *k == key) {
            engines.push((
                key,
                Engine::new(checked, symbols, case.as_of, case.assessment_year),
            ));
        }
    }
    let symbols: &Symbols = symbols;
    let mut out = String::new();
    for (file, indices) in cases::coverage::by_file(cases) {
        let name = rules.sources.get(file).map_or("", |f| f.name.as_str());
        let failed = indices
            .iter()
            .filter(|i| results.get(**i).is_some_and(|r| !r.passed()))
            .count();
        out.push_str(&format!(
            "{name}: {}\n",
            summary(lang, indices.len() - failed, failed)
        ));
        for index in indices {
            let (Some(case), Some(result)) = (cases.get(index), results.get(index)) else {
                continue;
            };
            if result.passed() && !verbose {
                continue;
            }
            out.push_str(&report.case_line(case, result));
            if result.passed() {
                continue;
            }
            out.push_str(&report.mismatches(result));
            // A case that only misjudged the monitoring status has no decision to explain.
            let about_the_pair = result
                .mismatches
                .iter()
                .any(|m| !matches!(m.field.as_str(), "status" | "listing"));
            if !about_the_pair {
                continue;
            }
            let focus = (!verbose).then(|| focus(case, result));
            if let Some((_, engine)) = engines
                .iter()
                .find(|(k, _)| *k == (case.as_of, case.assessment_year))
            {
                out.push_str(&format!(
                    "      {}:\n",
                    crate::lang::pick(
                        lang,
                        "penjelasan hasil",
                        "explanation of the actual decision"
                    )
                ));
                let text = explanation(engine, checked, rules, symbols, case, focus.as_ref(), lang);
                for line in text.lines() {
                    out.push_str(&format!("        {line}\n"));
                }
            }
        }
    }
    out
}

fn explanation(
    engine: &Engine,
    checked: &crate::check::CheckedRules,
    rules: &load::LoadedRules,
    symbols: &Symbols,
    case: &Case,
    focus: Option<&Focus>,
    lang: Lang,
) -> String {
    let positions = std::slice::from_ref(&case.position);
    let slots = engine.position_slots(symbols, positions);
    let tables = Tables::new(
        &checked.schema,
        std::slice::from_ref(&case.employee),
        positions,
    );
    let Some(slots) = slots.first() else {
        return String::new();
    };
    let pair = explain_pair(
        engine,
        symbols,
        &case.employee,
        &case.position,
        slots,
        Some(&tables),
    );
    let why = Why {
        rules: checked,
        show: Shower {
            schema: &checked.schema,
            symbols,
            sources: &rules.sources,
            lang,
        },
        keys: Keys::of(checked),
        as_of: engine.as_of,
        assessment_year: engine.assessment_year,
    };
    why.pair_focused(&pair, focus)
}

/// What the explanation of a failing case shows: the requirements that fail or are unknown and
/// those the case expected to fail or be unknown, the training if it was expected, the score
/// parts that differ (every part when the total does).
fn focus(case: &Case, result: &CaseResult) -> Focus {
    let expect = &case.expect;
    let mut rules: Vec<String> = Vec::new();
    for list in [&expect.failed, &expect.unknown].into_iter().flatten() {
        rules.extend(list.iter().cloned());
    }
    let field = |name: &str| result.mismatches.iter().any(|m| m.field == name);
    Focus {
        rules,
        training: field("training"),
        parts: result
            .mismatches
            .iter()
            .filter_map(|m| m.field.strip_prefix("score_parts."))
            .map(str::to_string)
            .collect(),
        all_parts: field("score"),
    }
}

/// A run of no cases proves nothing; refusing it catches a mistyped path (or a rules directory
/// given where the cases were expected) before it passes silently.
fn no_cases(lang: Lang, path: &Path) -> Failure {
    let shown = path.display();
    let holds_rules = std::fs::read_dir(path).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "mutasi"))
    });
    let mut message = match lang {
        Lang::Id => format!("tidak ada kasus uji di `{shown}` (berkas *.yaml berisi `cases:`)"),
        Lang::En => format!("no test cases in `{shown}` (*.yaml files holding `cases:`)"),
    };
    if holds_rules {
        message.push_str(&match lang {
            Lang::Id => format!(
                "\n  bantuan: `{shown}` berisi aturan; untuk menguji aturan itu, tulis `mutasi test --rules {shown}`"
            ),
            Lang::En => format!(
                "\n  help: `{shown}` holds rules; to test those rules, write `mutasi test --rules {shown}`"
            ),
        });
    }
    Failure::message(message, exit::TESTS_FAILED)
}

fn io_error(lang: Lang, path: &Path, error: &std::io::Error) -> Failure {
    let shown = path.display();
    let message = match lang {
        Lang::Id => format!("tidak dapat membaca `{shown}`: {error}"),
        Lang::En => format!("cannot read `{shown}`: {error}"),
    };
    Failure::message(message, exit::IO)
}
