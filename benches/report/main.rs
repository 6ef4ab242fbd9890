//! `cargo bench --bench report`: the engine's speed on synthetic cities, next to the yardstick
//! (POLICY.md written by hand in plain Rust, `benches/yardstick/`), printed as Markdown tables
//! for docs/performance.md. Progress goes to stderr, the report to stdout.
//!
//! Workloads (`workload.rs`): (a) the example city, 1,500 × 160; (b) 20,000 × 200; with
//! `MUTASI_BENCH_FULL=1` also (c) 100,000 × 200. Each is generated with a fixed seed into
//! `target/tmp/mutasi-bench/`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // benchmarks may panic

/// The allocator of the `mutasi` binary, so that the engine is measured as it runs there; the
/// yardstick runs in the same process, with the same allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../yardstick/mod.rs"]
#[allow(dead_code)] // the agreement test uses the rest
mod yardstick;

mod child;
mod commands;
mod engine;
mod machine;
mod measure;
mod policy;
mod reference;
mod runs;
mod sections;
mod table;
mod tally;
mod workload;

use std::path::{Path, PathBuf};

use machine::Machine;
use sections::Report;

fn main() {
    // `cargo test --all-targets` runs benchmarks without `--bench`: nothing to measure then.
    if !std::env::args().any(|arg| arg == "--bench") {
        eprintln!("benches/report: run with `cargo bench --bench report`");
        return;
    }
    if std::env::var_os(FRESH_COPY).is_none() {
        match run_fresh_copy() {
            Ok(code) => std::process::exit(code),
            Err(error) => eprintln!("[bench] measuring without a fresh copy: {error}"),
        }
    }
    let full = std::env::var("MUTASI_BENCH_FULL").is_ok_and(|value| value == "1");
    if let Err(error) = run(full) {
        eprintln!("benchmark failed: {error}");
        std::process::exit(1);
    }
}

/// Set in the environment of the copy `run_fresh_copy` starts, which then measures.
const FRESH_COPY: &str = "MUTASI_BENCH_FRESH_COPY";

/// Runs the report from a fresh copy of this executable and returns its exit code.
///
/// Where an executable's code lies in memory moved the engine's speed by up to 25% on this
/// machine (docs/performance.md, "The full report"), and a file keeps the pages it was first
/// read into for as long as it stays in the page cache: reports run one after another from
/// the same file would all draw the same placement. Written anew, the copy's code lies in
/// newly chosen pages, so each report is a draw of its own.
fn run_fresh_copy() -> Result<i32, String> {
    let executable = std::env::current_exe().map_err(|e| format!("this executable: {e}"))?;
    let directory = scratch_directory();
    std::fs::create_dir_all(&directory).map_err(|e| format!("{}: {e}", directory.display()))?;
    let copy = directory.join(format!("report-copy-{}", std::process::id()));
    std::fs::copy(&executable, &copy).map_err(|e| format!("{}: {e}", copy.display()))?;
    let status = std::process::Command::new(&copy)
        .args(std::env::args_os().skip(1))
        .env(FRESH_COPY, "1")
        .status();
    // The copy is only for this run.
    let _ = std::fs::remove_file(&copy);
    let status = status.map_err(|e| format!("{}: {e}", copy.display()))?;
    Ok(status.code().unwrap_or(1))
}

/// Where the workloads, the policies generated for `check` and the fresh copy are written.
fn scratch_directory() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mutasi-bench")
}

fn run(full: bool) -> Result<(), String> {
    let machine = Machine::describe();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = scratch_directory();
    let mut report = Report::new(machine, root, &scratch)?;
    for workload in workload::workloads(full) {
        eprintln!("[bench] {} ({})", workload.name, workload.size());
        report.measure_workload(&workload)?;
    }
    eprintln!("[bench] mutasi check");
    report.measure_check()?;
    eprintln!("[bench] mutasi why");
    report.measure_why()?;
    print!("{}", report.render(full));
    Ok(())
}
