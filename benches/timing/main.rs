//! `cargo bench --bench timing -- WORK WORKLOAD [--runs N] [--threads N] [--yaml] [--data DIR]`:
//! one piece of the engine's work timed several times in one process, the best and every time
//! printed. docs/performance.md's figures "in alternating runs" compare two builds of this
//! program run in turn (`benches/alternate.sh`), since this shared machine drifts by 5% or more
//! from one minute to the next and only runs taken in turn can be compared.
//!
//! - WORK: `eval` (every pair decided, as `mutasi eval` does, the outcomes tallied), `recommend`
//!   (the shortlists), `grid` (the positions grouped and the grid built: the per-run work
//!   before the first pair), `load` (both files read and validated) or `yardstick` (every
//!   pair decided by the hand-written yardstick, `benches/yardstick/`, on one thread whatever
//!   `--threads` says, its records read into its own structs first, not timed).
//! - WORKLOAD: `a`, `b` or `c`, the report's workloads (`benches/report/workload.rs`), written
//!   into `DIR/<workload>/` unless already there (`DIR` is `target/tmp/mutasi-timing` unless
//!   `--data` names another; delete it after changing the generator); or a directory holding
//!   `pegawai.jsonl` and `formasi.jsonl` (`.yaml` with `--yaml`).
//! - `--runs` (default 7), `--threads` (default 1), `--yaml`: read the YAML files instead of
//!   the JSON Lines ones (records read from YAML evaluate a few percent slower).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // benchmarks may panic

/// The allocator of the `mutasi` binary, as in the report.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../report/engine.rs"]
#[allow(dead_code)] // the report uses the rest
mod engine;
#[path = "../report/measure.rs"]
#[allow(dead_code)]
mod measure;
#[path = "../report/reference.rs"]
mod reference;
#[path = "../report/tally.rs"]
#[allow(dead_code)]
mod tally;
#[path = "../report/workload.rs"]
#[allow(dead_code)]
mod workload;
#[path = "../yardstick/mod.rs"]
#[allow(dead_code)]
mod yardstick;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mutasi::eval::bulk::Pairs;

use workload::Files;

/// What to time, and on what.
struct Options {
    work: String,
    workload: String,
    runs: usize,
    threads: usize,
    yaml: bool,
    data: PathBuf,
}

fn main() {
    // `cargo test --all-targets` runs benchmarks without `--bench`: nothing to time then.
    if !std::env::args().any(|arg| arg == "--bench") {
        eprintln!("benches/timing: run with `cargo bench --bench timing -- WORK WORKLOAD`");
        return;
    }
    let options = match options(std::env::args().skip(1).filter(|arg| arg != "--bench")) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("benches/timing: {message}");
            std::process::exit(2);
        }
    };
    if let Err(message) = run(&options) {
        eprintln!("benches/timing: {message}");
        std::process::exit(1);
    }
}

fn options(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut positional = Vec::new();
    let mut options = Options {
        work: String::new(),
        workload: String::new(),
        runs: 7,
        threads: 1,
        yaml: false,
        data: PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mutasi-timing"),
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--runs" => options.runs = number(&value("--runs")?)?,
            "--threads" => options.threads = number(&value("--threads")?)?,
            "--data" => options.data = PathBuf::from(value("--data")?),
            "--yaml" => options.yaml = true,
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => positional.push(arg),
        }
    }
    let [work, workload] = <[String; 2]>::try_from(positional).map_err(|_| {
        "expected WORK (eval, recommend, grid, load, yardstick) and WORKLOAD".to_owned()
    })?;
    if !matches!(
        work.as_str(),
        "eval" | "recommend" | "grid" | "load" | "yardstick"
    ) {
        return Err(format!(
            "unknown work {work}: eval, recommend, grid, load or yardstick"
        ));
    }
    options.work = work;
    options.workload = workload;
    Ok(options)
}

fn number(text: &str) -> Result<usize, String> {
    text.parse()
        .ok()
        .filter(|&n| n > 0)
        .ok_or(format!("{text} is not a positive number"))
}

/// The files of `options.workload`, written first if it names one of the report's workloads
/// and they are not there yet.
fn files(options: &Options) -> Result<Files, String> {
    let extension = if options.yaml { "yaml" } else { "jsonl" };
    let named = workload::workloads(true)
        .into_iter()
        .find(|w| w.name.split(':').next() == Some(options.workload.as_str()));
    let dir = match named {
        Some(workload) => {
            let dir = options.data.join(&options.workload);
            if !dir.join(format!("pegawai.{extension}")).exists() {
                eprintln!(
                    "[timing] writing workload {} into {}",
                    workload.name,
                    dir.display()
                );
                workload::write(&workload, &dir).map_err(|error| error.to_string())?;
            }
            dir
        }
        None => PathBuf::from(&options.workload),
    };
    let file = |name: &str| dir.join(format!("{name}.{extension}"));
    let files = Files {
        employees: file("pegawai"),
        positions: file("formasi"),
    };
    for path in [&files.employees, &files.positions] {
        if !path.exists() {
            return Err(format!("{} does not exist", path.display()));
        }
    }
    Ok(files)
}

fn run(options: &Options) -> Result<(), String> {
    let files = files(options)?;
    if options.work == "yardstick" {
        return run_yardstick(options, &files);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let policy = engine::policy(&root.join("rules"))?;
    let pool = engine::pool(options.threads)?;
    let mut loaded = pool.install(|| engine::load(&policy, &files))?;
    let engine = engine::compile(&policy, &mut loaded);
    let mut times = Vec::with_capacity(options.runs);
    for _ in 0..options.runs {
        let start = Instant::now();
        match options.work.as_str() {
            "eval" => {
                std::hint::black_box(engine::evaluate(&engine, &loaded, &pool));
            }
            "recommend" => {
                std::hint::black_box(engine::recommend(&engine, &loaded, &pool).candidates());
            }
            "grid" => {
                let pairs = Pairs {
                    rules: &loaded.rules,
                    engine: &engine,
                    symbols: &loaded.symbols,
                    employees: &loaded.employees.records,
                    positions: &loaded.positions.records,
                };
                let tables = pairs.tables();
                let grouped = pool.install(|| pairs.grouped(&tables));
                std::hint::black_box(grouped.grid.tabulated().count());
            }
            _ => {
                std::hint::black_box(pool.install(|| engine::load(&policy, &files))?);
            }
        }
        times.push(start.elapsed());
    }
    print_times(options, options.threads, &times);
    Ok(())
}

/// Times the yardstick deciding every pair (with `eligible_from`) on this thread, as the
/// report's ratio does, its records read first.
fn run_yardstick(options: &Options, files: &Files) -> Result<(), String> {
    let data = reference::load(files)?;
    let times: Vec<Duration> = (0..options.runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(reference::evaluate(&data, true));
            start.elapsed()
        })
        .collect();
    print_times(options, 1, &times);
    Ok(())
}

/// Prints the best and every time of `times`, measured on `threads` threads.
fn print_times(options: &Options, threads: usize, times: &[Duration]) {
    let best = times.iter().min().copied().unwrap_or_default();
    let all: Vec<String> = times.iter().map(|&time| milliseconds(time)).collect();
    println!(
        "{} {} ({} thread{}): best {} ms; all {}",
        options.work,
        options.workload,
        threads,
        if threads == 1 { "" } else { "s" },
        milliseconds(best),
        all.join(" ")
    );
}

fn milliseconds(time: Duration) -> String {
    format!("{:.1}", time.as_secs_f64() * 1000.0)
}
