//! The tools for changing a policy safely, end to end: `mutasi test` (passing, failing, JUnit,
//! coverage) and `mutasi diff` (every format, the CI gate, a git revision as the base), and the
//! 2027 example change shipped in `examples/perubahan-2027/`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn mutasi(args: &[&str]) -> Output {
    mutasi_in(common::root(), args)
}

fn mutasi_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mutasi"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

// ------------------------------------------------------------------------------- mutasi test

#[test]
fn the_reference_policy_passes_its_cases_with_no_coverage_gap() {
    let output = mutasi(&["test", "--coverage", "--fail-on-gap"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn failing_cases_show_expected_and_actual_and_the_decisive_explanation() {
    let output = mutasi(&["test", "tests/data/kasus_uji/kasus.yaml"]);
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    assert!(text.ends_with("\n1 lulus, 2 gagal\n"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn failing_cases_in_english() {
    let output = mutasi(&["test", "tests/data/kasus_uji/kasus.yaml", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.ends_with("\n1 passed, 2 failed\n"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn verbose_lists_passing_cases_and_explains_failures_in_full() {
    let output = mutasi(&["test", "tests/data/kasus_uji/kasus.yaml", "-v"]);
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("  ✓ budi memenuhi syarat analis keuangan\n"),
        "{text}"
    );
    // The full explanation names every requirement, not only the failing one.
    assert!(text.contains("Syarat (13):"), "{text}");
    assert!(text.contains("✓ status_aktif"), "{text}");
}

#[test]
fn junit_for_ci_systems() {
    let output = mutasi(&[
        "test",
        "tests/data/kasus_uji/kasus.yaml",
        "--format",
        "junit",
    ]);
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn coverage_lists_the_sides_no_case_exercises() {
    let output = mutasi(&["test", "tests/data/kasus_uji/lulus.yaml", "--coverage"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn a_coverage_gap_fails_the_run_when_asked() {
    let output = mutasi(&[
        "test",
        "tests/data/kasus_uji/lulus.yaml",
        "--coverage",
        "--fail-on-gap",
    ]);
    assert_eq!(output.status.code(), Some(5), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("26 celah:"), "{text}");
    // The case's position is not fungsional: kualifikasi_jurusan does not apply, so it was
    // never seen true, though it did not fail.
    assert!(
        text.contains("tidak ada kasus dengan `kualifikasi_jurusan` benar"),
        "{text}"
    );
}

#[test]
fn a_directory_without_cases_is_refused_not_passed() {
    let output = mutasi(&["test", "rules"]);
    assert_eq!(output.status.code(), Some(5));
    assert_eq!(stdout(&output), "");
    insta::assert_snapshot!(stderr(&output));
}

#[test]
fn every_mistake_in_a_case_file_is_located_and_nothing_runs() {
    let output = mutasi(&["test", "tests/data/kasus_tidak_sah/kasus.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let text = stderr(&output);
    assert!(text.ends_with("8 kesalahan, 0 peringatan\n"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn a_case_file_that_does_not_exist_is_an_io_error() {
    let output = mutasi(&["test", "rules/tests/tidak_ada.yaml"]);
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("rules/tests/tidak_ada.yaml"),
        "{}",
        stderr(&output)
    );
}

// ------------------------------------------------------------------------------- mutasi diff

const SMALL: [&str; 6] = [
    "--employees",
    "tests/data/kota_kecil/pegawai.yaml",
    "--positions",
    "tests/data/kota_kecil/formasi.yaml",
    "--as-of",
    "2026-11-27",
];

fn diff_2027(extra: &[&'static str]) -> Output {
    let mut args = vec![
        "diff",
        "--base",
        "rules",
        "--rules",
        "examples/perubahan-2027/rules",
    ];
    args.extend(SMALL);
    args.extend(extra);
    mutasi(&args)
}

#[test]
fn diff_table() {
    let output = diff_2027(&[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn diff_table_en() {
    let output = diff_2027(&["--lang", "en", "--list", "5"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn diff_markdown() {
    let output = diff_2027(&["--format", "markdown"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn diff_json_lists_every_changed_pair() {
    let output = diff_2027(&["--format", "json", "--list", "1"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    // `--list` limits the readable forms only; scripts get every pair.
    assert_eq!(
        value["pairs_changed"].as_array().unwrap().len() as u64,
        value["changed"].as_u64().unwrap()
    );
    let transitions = value["transitions"].as_object().unwrap();
    let total: u64 = transitions.values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(total, value["pairs"].as_u64().unwrap());
    insta::assert_snapshot!(text);
}

#[test]
fn diff_gate_fails_on_a_change_and_passes_without_one() {
    let changed = diff_2027(&["--fail-on-change"]);
    assert_eq!(changed.status.code(), Some(5), "{}", stderr(&changed));
    let mut args = vec!["diff", "--base", "rules", "--fail-on-change"];
    args.extend(SMALL);
    let same = mutasi(&args);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    let text = stdout(&same);
    assert!(text.contains("; 0 berubah"), "{text}");
    assert!(
        text.contains("Pasangan yang berubah\n  (tidak ada)\n"),
        "{text}"
    );
}

/// Makes `repo` a git repository whose one commit holds its `rules/`.
fn commit_rules(repo: &Path, message: &str) {
    for args in [
        &["init", "-q"][..],
        &["add", "rules"],
        &["commit", "-q", "-m", message],
    ] {
        let output = Command::new("git")
            .args([
                "-c",
                "user.name=uji",
                "-c",
                "user.email=uji@example.invalid",
            ])
            .args(args)
            .current_dir(repo)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
}

/// `mutasi diff --base HEAD` in `repo` (its `rules/` against the last commit's) on the small
/// city, with `extra` arguments.
fn diff_against_head(repo: &Path, extra: &[&str]) -> Output {
    let employees = common::root().join("tests/data/kota_kecil/pegawai.yaml");
    let positions = common::root().join("tests/data/kota_kecil/formasi.yaml");
    let mut args = vec![
        "diff",
        "--base",
        "HEAD",
        "--employees",
        employees.to_str().unwrap(),
        "--positions",
        positions.to_str().unwrap(),
        "--as-of",
        "2026-11-27",
    ];
    args.extend(extra);
    mutasi_in(repo, &args)
}

#[test]
fn diff_from_a_git_revision_shows_an_uncommitted_edit() {
    let repo = common::scratch("diff-git");
    common::copy_dir(&common::root().join("rules"), &repo.join("rules"));
    commit_rules(&repo, "kebijakan 2026");
    let parameters = repo.join("rules/02-parameter.mutasi");
    let text = std::fs::read_to_string(&parameters).unwrap();
    let edited = text.replace(
        "parameter masa_jabatan_minimal = 2 tahun",
        "parameter masa_jabatan_minimal = 3 tahun",
    );
    assert_ne!(text, edited);
    std::fs::write(&parameters, edited).unwrap();
    let output = diff_against_head(&repo, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["rules"][0]["rule"], "masa_jabatan");
    assert_eq!(value["rules"][0]["newly_failing"], 30);
    assert_eq!(value["transitions"]["eligible->not_eligible"], 1);
    // The same edit, read from the example directory, says the same.
    let example = diff_2027(&["--format", "json"]);
    let example: serde_json::Value = serde_json::from_str(&stdout(&example)).unwrap();
    assert_eq!(value["transitions"], example["transitions"]);
}

#[test]
fn diff_with_an_unknown_base_is_a_usage_error() {
    let mut args = vec!["diff", "--base", "bukan-revisi-atau-direktori"];
    args.extend(SMALL);
    let output = mutasi(&args);
    assert_eq!(output.status.code(), Some(64));
    assert!(
        stderr(&output).contains("bukan direktori maupun revisi git"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn diff_with_broken_base_rules_reports_them_and_decides_nothing() {
    let dir = common::scratch("diff-broken-base");
    common::copy_dir(&common::root().join("rules"), &dir.join("rules"));
    let file = dir.join("rules/02-parameter.mutasi");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("= 2 tahun", "= 2 tahun tahun")).unwrap();
    let base = dir.join("rules");
    let mut args = vec!["diff", "--base", base.to_str().unwrap()];
    args.extend(SMALL);
    let output = mutasi(&args);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains("02-parameter.mutasi"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn broken_rules_of_a_git_revision_are_named_by_revision_and_path() {
    let repo = common::scratch("diff-git-broken");
    common::copy_dir(&common::root().join("rules"), &repo.join("rules"));
    let parameters = repo.join("rules/02-parameter.mutasi");
    let good = std::fs::read_to_string(&parameters).unwrap();
    std::fs::write(&parameters, good.replace("= 2 tahun", "= 2 tahun tahun")).unwrap();
    commit_rules(&repo, "kebijakan rusak");
    std::fs::write(&parameters, good).unwrap();
    let output = diff_against_head(&repo, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    // The diagnostic names the file as the revision holds it, not the temporary copy.
    let errors = stderr(&output);
    assert!(
        errors.contains("HEAD:rules/02-parameter.mutasi"),
        "{errors}"
    );
    assert!(!errors.contains("mutasi-base-"), "{errors}");
}

// ------------------------------------------------------------------ the 2027 example change

#[test]
fn the_2027_example_passes_its_updated_cases_with_no_gap() {
    let output = mutasi(&[
        "test",
        "--rules",
        "examples/perubahan-2027/rules",
        "--coverage",
        "--fail-on-gap",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("\n112 lulus, 0 gagal\n"));
}

#[test]
fn the_2026_cases_on_the_2027_rules_fail_where_the_policy_moved() {
    let output = mutasi(&[
        "test",
        "--rules",
        "examples/perubahan-2027/rules",
        "rules/tests/syarat.yaml",
    ]);
    assert_eq!(output.status.code(), Some(5));
    let text = stdout(&output);
    let failing: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  ✗ "))
        .map(|l| l.split("  (").next().unwrap())
        .collect();
    // The 2026 bases lack the 2027 course, so the finance cases fail `sertifikat_keuangan`;
    // the boundaries of `masa_jabatan` fail because the boundary moved a year.
    assert!(
        failing.contains(&"masa_jabatan - tepat 2 tahun pada hari evaluasi"),
        "{failing:?}"
    );
    insta::assert_snapshot!(failing.join("\n"));
}

/// The example is the reference policy with three files edited and its cases updated; any other
/// difference means the reference moved on and the example must follow.
#[test]
fn the_2027_example_differs_from_the_reference_only_where_the_change_is() {
    let reference = common::root().join("rules");
    let example = common::root().join("examples/perubahan-2027/rules");
    let changed = [
        "02-parameter.mutasi",
        "04-syarat.mutasi",
        "07-keputusan.mutasi",
        "tests/dasar.yaml",
        "tests/syarat.yaml",
    ];
    let mut names = Vec::new();
    for dir in ["", "tests"] {
        for entry in std::fs::read_dir(reference.join(dir)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                let name = Path::new(dir).join(entry.file_name());
                names.push(name.to_str().unwrap().to_string());
            }
        }
    }
    names.sort();
    for name in &names {
        let a = std::fs::read_to_string(reference.join(name)).unwrap();
        let b = std::fs::read_to_string(example.join(name))
            .unwrap_or_else(|_| panic!("examples/perubahan-2027/rules/{name} is missing"));
        if changed.contains(&name.as_str()) {
            assert_ne!(a, b, "{name} is listed as changed but is the same");
        } else {
            assert_eq!(a, b, "{name} differs from rules/{name}");
        }
    }
}
