//! The shipped example city (`examples/cakranegara/`) through the commands a newcomer runs
//! first: what the README and docs show of it must be what the tool prints.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use std::collections::BTreeMap;
use std::process::{Command, Output};

/// The date the example data is drawn on (its README says to evaluate on it).
const AS_OF: &str = "2026-11-27";

fn mutasi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mutasi"))
        .args(args)
        .args(["--as-of", AS_OF])
        .current_dir(common::root())
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The README's first command, and the excerpt of its output the README shows.
#[test]
fn the_readme_shows_what_recommend_prints() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    assert!(
        readme.contains("cargo run --release -- recommend --as-of 2026-11-27"),
        "the README's first command changed; update this test"
    );
    let excerpt = readme
        .split("The first command prints")
        .nth(1)
        .and_then(|rest| rest.split("```\n").nth(1))
        .unwrap();
    let printed = stdout(&mutasi(&["recommend"]));
    for line in excerpt.lines() {
        assert!(
            printed.lines().any(|l| l == line),
            "README line not printed by `mutasi recommend`: {line:?}"
        );
    }
}

#[test]
fn one_shortlist_of_the_example_city() {
    let printed = stdout(&mutasi(&[
        "recommend",
        "--position",
        "SETWAN-PENGELOLA-KEU",
    ]));
    insta::assert_snapshot!(printed);
}

#[test]
fn needs_of_the_example_city() {
    insta::assert_snapshot!(stdout(&mutasi(&["needs"])));
}

#[test]
fn why_on_the_example_city() {
    let printed = stdout(&mutasi(&[
        "why",
        "197904242003112001",
        "SETWAN-PENGELOLA-KEU",
    ]));
    insta::assert_snapshot!(printed);
}

/// The decisions docs/performance.md reports for workload (a), which is this city.
#[test]
fn eval_decides_every_pair_of_the_example_city_as_the_docs_count() {
    let printed = stdout(&mutasi(&["eval", "--format", "jsonl"]));
    let mut decisions: BTreeMap<String, usize> = BTreeMap::new();
    let mut dated = 0;
    for line in printed.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        *decisions
            .entry(value["decision"].as_str().unwrap().to_string())
            .or_default() += 1;
        dated += usize::from(value["eligible_from"].is_string());
    }
    let expected: BTreeMap<String, usize> = [
        ("eligible", 24_935),
        ("eligible_after_training", 9_943),
        ("needs_review", 13_113),
        ("not_eligible", 192_009),
    ]
    .into_iter()
    .map(|(d, n)| (d.to_string(), n))
    .collect();
    assert_eq!(decisions, expected);
    assert_eq!(dated, 17_358);
}
