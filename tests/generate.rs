//! The data set generator: deterministic, the requested counts, consistent records, and files
//! the engine accepts.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use mutasi::date::Date;
use mutasi::generate::{Format, Options, write_employees, write_positions};
use serde_json::Value;

fn options(employees: usize, positions: usize, seed: u64) -> Options {
    Options {
        employees,
        positions,
        seed,
        as_of: Date::from_ymd(2026, 11, 27).unwrap(),
    }
}

fn employees_text(options: &Options, format: Format) -> String {
    let mut out = Vec::new();
    write_employees(options, format, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn positions_text(options: &Options, format: Format) -> String {
    let mut out = Vec::new();
    write_positions(options, format, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn records(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn text<'a>(record: &'a Value, field: &str) -> &'a str {
    record[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {record}"))
}

/// A fresh directory under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mutasi-generate-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_same_options_give_the_same_bytes() {
    let o = options(200, 40, 7);
    for format in [Format::Yaml, Format::JsonLines] {
        assert_eq!(employees_text(&o, format), employees_text(&o, format));
        assert_eq!(positions_text(&o, format), positions_text(&o, format));
    }
}

#[test]
fn another_seed_gives_another_data_set() {
    let a = options(50, 30, 7);
    let b = options(50, 30, 8);
    assert_ne!(
        employees_text(&a, Format::Yaml),
        employees_text(&b, Format::Yaml)
    );
    assert_ne!(
        positions_text(&a, Format::Yaml),
        positions_text(&b, Format::Yaml)
    );
}

#[test]
fn positions_do_not_depend_on_the_employees() {
    let none = options(0, 60, 3);
    let many = options(700, 60, 3);
    assert_eq!(
        positions_text(&none, Format::Yaml),
        positions_text(&many, Format::Yaml)
    );
}

#[test]
fn the_requested_counts() {
    for (employees, positions) in [(0, 0), (1, 1), (37, 5), (250, 160), (10, 400)] {
        let o = options(employees, positions, 2026);
        let yaml = employees_text(&o, Format::Yaml);
        let items = yaml.lines().filter(|l| l.starts_with("- ")).count();
        assert_eq!(items, employees);
        assert_eq!(
            records(&employees_text(&o, Format::JsonLines)).len(),
            employees
        );
        let yaml = positions_text(&o, Format::Yaml);
        assert_eq!(
            yaml.lines().filter(|l| l.starts_with("- ")).count(),
            positions
        );
        assert_eq!(
            records(&positions_text(&o, Format::JsonLines)).len(),
            positions
        );
    }
    // An empty file would be no list at all.
    assert_eq!(employees_text(&options(0, 3, 1), Format::Yaml), "[]\n");
}

#[test]
fn nips_and_ids_are_unique_and_nips_open_with_the_birth_date() {
    let o = options(3000, 120, 11);
    let employees = records(&employees_text(&o, Format::JsonLines));
    let mut nips = HashSet::new();
    let mut leap_days = 0;
    for e in &employees {
        let nip = text(e, "nip");
        assert_eq!(nip.len(), 18, "{nip}");
        assert!(nip.bytes().all(|b| b.is_ascii_digit()), "{nip}");
        let born = text(e, "tanggal_lahir");
        assert_eq!(&nip[..8], born.replace('-', ""), "{nip}");
        assert!(["1", "2"].contains(&&nip[14..15]), "{nip}");
        let month = &nip[12..14];
        if text(e, "jenis_asn") == "PPPK" {
            assert_eq!(month, "21", "{nip}");
        } else {
            assert!(("01"..="12").contains(&month), "{nip}");
        }
        assert!(nips.insert(nip.to_string()), "duplicate {nip}");
        leap_days += usize::from(born.ends_with("-02-29"));
    }
    assert!(leap_days > 0);
    let positions = records(&positions_text(&o, Format::JsonLines));
    let ids: HashSet<&str> = positions.iter().map(|p| text(p, "id")).collect();
    assert_eq!(ids.len(), positions.len());
}

#[test]
fn every_current_position_names_a_generated_formasi() {
    let o = options(800, 90, 5);
    let positions = records(&positions_text(&o, Format::JsonLines));
    let by_id: std::collections::HashMap<&str, &Value> =
        positions.iter().map(|p| (text(p, "id"), p)).collect();
    let employees = records(&employees_text(&o, Format::JsonLines));
    let mut linked = 0;
    for e in &employees {
        let jabatan = &e["jabatan"];
        let Some(id) = jabatan["formasi"].as_str() else {
            continue;
        };
        linked += 1;
        let position = by_id
            .get(id)
            .unwrap_or_else(|| panic!("unknown formasi {id}"));
        for field in ["nama", "jenis", "unit_kerja", "bidang"] {
            assert_eq!(jabatan[field], position[field], "{id} {field}");
        }
        assert_eq!(jabatan["jenjang"], position["jenjang"], "{id}");
        let structural =
            ["pengawas", "administrator", "jpt_pratama"].contains(&text(jabatan, "jenis"));
        assert!(!structural || text(e, "jenis_asn") == "PNS", "{id}");
    }
    assert!(linked > employees.len() * 8 / 10, "{linked}");
}

#[test]
fn earlier_positions_end_before_the_current_one_without_overlap() {
    let o = options(500, 80, 9);
    for e in records(&employees_text(&o, Format::JsonLines)) {
        let tmt = text(&e["jabatan"], "tmt");
        let mut last_end = "";
        for entry in e["riwayat_jabatan"].as_array().unwrap() {
            let (start, end) = (text(entry, "mulai"), text(entry, "selesai"));
            assert!(last_end < start && start < end && end < tmt, "{}", e["nip"]);
            last_end = end;
        }
    }
}

#[test]
fn yaml_is_laid_out_as_serde_yaml_writes_it_and_says_what_json_lines_say() {
    let o = options(150, 50, 2026);
    for (yaml, jsonl) in [
        (
            employees_text(&o, Format::Yaml),
            employees_text(&o, Format::JsonLines),
        ),
        (
            positions_text(&o, Format::Yaml),
            positions_text(&o, Format::JsonLines),
        ),
    ] {
        let parsed: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(serde_yaml::to_string(&parsed).unwrap(), yaml);
        let as_json = serde_json::to_value(&parsed).unwrap();
        assert_eq!(as_json, Value::Array(records(&jsonl)));
    }
}

/// Runs the binary; returns (exit code, stderr).
fn run(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_mutasi"))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap_or(-1), stderr)
}

fn evaluate(dir: &Path, extension: &str) -> (i32, String) {
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    let employees = dir.join(format!("pegawai.{extension}"));
    let positions = dir.join(format!("formasi.{extension}"));
    run(&[
        "eval",
        "--rules",
        rules,
        "--employees",
        employees.to_str().unwrap(),
        "--positions",
        positions.to_str().unwrap(),
        "--as-of",
        "2026-11-27",
        "--format",
        "jsonl",
    ])
}

#[test]
fn the_engine_accepts_a_generated_data_set() {
    let dir = scratch("library");
    let o = options(300, 40, 2026);
    for (format, extension) in [(Format::Yaml, "yaml"), (Format::JsonLines, "jsonl")] {
        std::fs::write(
            dir.join(format!("pegawai.{extension}")),
            employees_text(&o, format),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("formasi.{extension}")),
            positions_text(&o, format),
        )
        .unwrap();
        let (code, stderr) = evaluate(&dir, extension);
        assert_eq!(code, 0, "{stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generate_writes_both_files_into_a_new_directory() {
    let dir = scratch("cli").join("data");
    let out = dir.to_str().unwrap();
    let (code, stderr) = run(&[
        "generate",
        "--employees",
        "120",
        "--positions",
        "30",
        "--seed",
        "4",
        "--out",
        out,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(dir.join("pegawai.yaml")).unwrap();
    assert_eq!(written, employees_text(&options(120, 30, 4), Format::Yaml));
    let (code, stderr) = evaluate(&dir, "yaml");
    assert_eq!(code, 0, "{stderr}");
    let (code, _) = run(&[
        "generate",
        "--format",
        "jsonl",
        "--employees",
        "5",
        "--out",
        out,
    ]);
    assert_eq!(code, 0);
    assert!(dir.join("pegawai.jsonl").exists() && dir.join("formasi.jsonl").exists());
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

/// The example city is what `generate` writes with its defaults: it can always be rebuilt, and
/// a change of the generator that would alter it shows up here first.
#[test]
fn the_shipped_example_city_is_the_default_generation() {
    let options = options(1500, 160, 2026);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cakranegara");
    let shipped = |name: &str| std::fs::read_to_string(root.join(name)).unwrap();
    assert!(
        shipped("pegawai.yaml") == employees_text(&options, Format::Yaml),
        "examples/cakranegara/pegawai.yaml differs from `mutasi generate --out examples/cakranegara`"
    );
    assert!(
        shipped("formasi.yaml") == positions_text(&options, Format::Yaml),
        "examples/cakranegara/formasi.yaml differs from `mutasi generate --out examples/cakranegara`"
    );
}
