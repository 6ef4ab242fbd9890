//! One snapshot per broken rule file in `tests/data/invalid/`: the file, then every diagnostic
//! the checker gives for it (added to the reference policy, so the schema is the real one).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use mutasi::diagnostic::to_plain_text;
use mutasi::lang::Lang;
use mutasi::source::SourceFile;

/// The diagnostics for the reference rules plus `file`, in one language.
fn diagnose(file: &std::path::Path, lang: Lang) -> (String, bool) {
    let (mut sources, _) = common::reference_rules();
    let text = std::fs::read_to_string(file).unwrap();
    sources.add(SourceFile::new(common::relative(file), text));
    let (ast, mut problems) = mutasi::syntax::parse(&sources);
    if !problems.has_errors() {
        match mutasi::check::check(&ast, &sources) {
            Ok(checked) => problems.extend(checked.warnings),
            Err(found) => problems.extend(found),
        }
    }
    let has_errors = problems.has_errors();
    let problems = problems.sorted();
    (to_plain_text(&problems.render(lang, &sources)), has_errors)
}

#[test]
fn every_broken_rule_file_gets_located_diagnostics() {
    let dir = common::root().join("tests/data/invalid");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 25);
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        let source = std::fs::read_to_string(&file).unwrap();
        let (rendered, has_errors) = diagnose(&file, Lang::Id);
        if name.starts_with("warning_") {
            assert!(!has_errors, "{name} should only warn:\n{rendered}");
        } else {
            assert!(has_errors, "{name} should not check:\n{rendered}");
        }
        assert!(
            rendered.contains(&common::relative(&file)),
            "{name}: no diagnostic points into the file:\n{rendered}"
        );
        insta::assert_snapshot!(
            name,
            format!("--- source\n{source}\n--- diagnostics\n{rendered}")
        );
    }
}

#[test]
fn diagnostics_are_english_on_request() {
    let file = common::root().join("tests/data/invalid/unknown_field.mutasi");
    let (rendered, _) = diagnose(&file, Lang::En);
    insta::assert_snapshot!("unknown_field_en", rendered);
}

#[test]
fn the_reference_policy_checks_without_warnings() {
    let (_, checked) = common::reference_rules();
    assert!(checked.warnings.is_empty(), "{:?}", checked.warnings);
    assert_eq!(checked.rules.rules.len(), 13);
}
