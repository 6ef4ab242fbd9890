//! The yardstick (`benches/yardstick/`, POLICY.md sections 2-5 written by hand) and the engine
//! running the reference policy (`rules/`) decide every pair alike: the same decision, failed
//! and unknown rules, training, eligible_from and score parts. Otherwise the benchmark would
//! time the engine against a program that does something else.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

#[path = "../benches/yardstick/mod.rs"]
#[allow(dead_code)] // the benchmark uses the rest
mod yardstick;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use mutasi::date::Date;
use mutasi::generate::{Format, Options, write_employees, write_positions};
use serde::{Deserialize, Serialize};

/// One line of `mutasi eval --format jsonl` (POLICY.md section 8).
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    nip: String,
    position: String,
    decision: String,
    failed: Vec<String>,
    unknown: Vec<String>,
    training: Vec<String>,
    eligible_from: Option<String>,
    score: u32,
    score_parts: BTreeMap<String, u32>,
}

/// A city drawn by `mutasi generate`, evaluated on a given day.
struct City {
    seed: u64,
    employees: usize,
    positions: usize,
    /// The date the generated records describe.
    drawn_on: &'static str,
    as_of: &'static str,
    assessment_year: i32,
}

#[test]
fn agrees_on_a_city_evaluated_on_its_own_date() {
    agrees_on_city(&City {
        seed: 1,
        employees: 600,
        positions: 80,
        drawn_on: "2026-11-27",
        as_of: "2026-11-27",
        assessment_year: 2025,
    });
}

#[test]
fn agrees_on_a_city_evaluated_on_a_leap_day() {
    agrees_on_city(&City {
        seed: 2,
        employees: 600,
        positions: 80,
        drawn_on: "2028-02-29",
        as_of: "2028-02-29",
        assessment_year: 2027,
    });
}

#[test]
fn agrees_on_an_older_city_with_an_earlier_assessment_year() {
    // Seven months after the data was drawn, more TMTs, punishments and certificates sit near
    // their boundaries; Y = year(D) - 2 makes kinerja read other SKP years.
    agrees_on_city(&City {
        seed: 3,
        employees: 600,
        positions: 80,
        drawn_on: "2026-11-27",
        as_of: "2027-06-30",
        assessment_year: 2025,
    });
}

/// The oracle's generator puts records exactly on (and one day off) every boundary of the
/// policy. It needs Python 3 with PyYAML; without them the test says so and passes.
#[test]
fn agrees_on_boundary_seeking_data_of_the_oracle_generator() {
    let days = ["2028-02-29", "2027-02-28", "2026-12-31", "2026-01-01"];
    for (seed, as_of) in (1..).zip(days) {
        if !agrees_on_oracle_data("boundary", seed, as_of, 150, 30) {
            return;
        }
    }
}

/// More of the same, as `tests/oracle/differential.py` picks seeds and dates:
/// `cargo test --test yardstick -- --ignored` (about a minute).
#[test]
#[ignore = "slow: 200 data sets"]
fn agrees_on_many_data_sets_of_the_oracle_generator() {
    let days = [
        "2028-02-29",
        "2027-02-28",
        "2026-12-31",
        "2026-01-01",
        "2028-03-01",
        "2024-02-29",
        "2026-02-28",
        "2025-03-01",
        "2029-02-28",
        "2024-12-31",
    ];
    for seed in 1..=200 {
        let as_of = days[seed % days.len()];
        if !agrees_on_oracle_data("many", seed as u64, as_of, 60, 20) {
            return;
        }
    }
}

/// Compares on one data set of `tests/oracle/generate.py`; false when Python could not run it.
fn agrees_on_oracle_data(
    label: &str,
    seed: u64,
    as_of: &str,
    employees: usize,
    positions: usize,
) -> bool {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = scratch(&format!("oracle-{label}-{seed}"));
    let generated = Command::new("python3")
        .arg(root.join("tests/oracle/generate.py"))
        .args(["--seed", &seed.to_string(), "--as-of", as_of])
        .args(["--employees", &employees.to_string()])
        .args(["--positions", &positions.to_string(), "--out"])
        .arg(&dir)
        .output();
    match generated {
        Ok(output) if output.status.success() => {}
        other => {
            eprintln!("skipped: tests/oracle/generate.py did not run ({other:?})");
            return false;
        }
    }
    // As differential.py does: every seventh data set reads the SKP of year(D) - 2.
    let lag = if seed % 7 == 0 { 2 } else { 1 };
    let year = as_of[..4].parse::<i32>().unwrap() - lag;
    compare(&dir, as_of, year);
    std::fs::remove_dir_all(&dir).unwrap();
    true
}

fn agrees_on_city(city: &City) {
    let dir = scratch(&format!("city-{}", city.seed));
    let options = Options {
        employees: city.employees,
        positions: city.positions,
        seed: city.seed,
        as_of: Date::parse(city.drawn_on).unwrap(),
    };
    let mut employees = Vec::new();
    write_employees(&options, Format::Yaml, &mut employees).unwrap();
    std::fs::write(dir.join("pegawai.yaml"), employees).unwrap();
    let mut positions = Vec::new();
    write_positions(&options, Format::Yaml, &mut positions).unwrap();
    std::fs::write(dir.join("formasi.yaml"), positions).unwrap();
    compare(&dir, city.as_of, city.assessment_year);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Evaluates `dir/pegawai.yaml` x `dir/formasi.yaml` with both and asserts every pair agrees.
fn compare(dir: &Path, as_of: &str, assessment_year: i32) {
    let employees = dir.join("pegawai.yaml");
    let positions = dir.join("formasi.yaml");
    let engine = engine_pairs(&employees, &positions, as_of, assessment_year);
    let yardstick = yardstick_pairs(&employees, &positions, as_of, assessment_year);
    assert_eq!(engine.len(), yardstick.len(), "number of pairs");
    let differing: Vec<(&Pair, &Pair)> = engine
        .iter()
        .zip(&yardstick)
        .filter(|(engine, yardstick)| engine != yardstick)
        .collect();
    if differing.is_empty() {
        return;
    }
    let mut report = format!(
        "{} of {} pairs differ ({}, as of {as_of}, Y {assessment_year}); the first ones:\n",
        differing.len(),
        engine.len(),
        dir.display()
    );
    for (engine, yardstick) in differing.iter().take(5) {
        report += &format!(
            "  engine:    {}\n  yardstick: {}\n\n",
            serde_json::to_string(engine).unwrap(),
            serde_json::to_string(yardstick).unwrap()
        );
    }
    panic!("{report}");
}

fn engine_pairs(employees: &Path, positions: &Path, as_of: &str, year: i32) -> Vec<Pair> {
    let output = Command::new(env!("CARGO_BIN_EXE_mutasi"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["eval", "--rules", "rules", "--format", "jsonl"])
        .args(["--as-of", as_of, "--assessment-year", &year.to_string()])
        .arg("--employees")
        .arg(employees)
        .arg("--positions")
        .arg(positions)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "mutasi eval failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

fn yardstick_pairs(employees: &Path, positions: &Path, as_of: &str, year: i32) -> Vec<Pair> {
    let data = yardstick::Dataset::read(employees, positions).unwrap();
    let settings = yardstick::Settings {
        as_of: yardstick::calendar::parse(as_of).unwrap(),
        assessment_year: year,
        eligible_from: true,
    };
    let mut pairs = Vec::new();
    yardstick::evaluate_all(&data, settings, |employee, position, outcome| {
        pairs.push(Pair {
            nip: employee.nip.clone(),
            position: position.id.clone(),
            decision: outcome.decision.code().to_owned(),
            failed: outcome.failed.ids().map(str::to_owned).collect(),
            unknown: outcome.unknown.ids().map(str::to_owned).collect(),
            training: outcome
                .training
                .iter()
                .map(|&code| data.training_code(code).to_owned())
                .collect(),
            eligible_from: outcome.eligible_from.map(yardstick::calendar::format),
            score: outcome.score(),
            score_parts: yardstick::outcome::PART_NAMES
                .iter()
                .zip(outcome.parts)
                .map(|(name, points)| ((*name).to_owned(), u32::from(points)))
                .collect(),
        });
    });
    pairs
}

/// A fresh directory under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mutasi-yardstick-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
