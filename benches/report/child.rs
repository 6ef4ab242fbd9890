//! The release binary run as a child process: wall time and peak memory.
//!
//! The peak resident set (RSS high-water mark) of a child is what `getrusage(RUSAGE_CHILDREN)`
//! reports after waiting for it; `unsafe_code` is forbidden here, so a few lines of Python make
//! that call. Without `python3` only the wall time is measured.

use std::ffi::OsString;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::measure::Spread;

/// The `mutasi` binary cargo built for this benchmark (the release profile).
pub const MUTASI: &str = env!("CARGO_BIN_EXE_mutasi");

const PEAK_MEMORY: &str = "\
import resource, subprocess, sys, time
start = time.perf_counter()
child = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
sys.stderr.write(child.stderr.decode(errors='replace')[-2000:] if child.returncode else '')
print(child.returncode, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
";

/// One run of a command.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub wall: Duration,
    /// Kilobytes; `None` when it could not be measured.
    pub peak_rss_kb: Option<u64>,
}

/// Runs `mutasi ARGS` with stdout discarded, from the repository root.
pub fn mutasi(args: &[OsString]) -> Result<Run, String> {
    match with_peak_memory(args) {
        Some(run) => run,
        None => wall_only(args),
    }
}

/// Runs `mutasi ARGS` `runs` times; the spread of their wall times.
pub fn mutasi_times(args: &[OsString], runs: usize) -> Result<Spread, String> {
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        times.push(wall_only(args)?.wall);
    }
    Ok(Spread::of(times))
}

fn with_peak_memory(args: &[OsString]) -> Option<Result<Run, String>> {
    let output = Command::new("python3")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("-c")
        .arg(PEAK_MEMORY)
        .arg(MUTASI)
        .args(args)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let fields: Vec<&str> = stdout.split_whitespace().collect();
    let [code, wall, rss] = fields.as_slice() else {
        return None;
    };
    if *code != "0" {
        return Some(Err(failure(args, &output.stderr)));
    }
    Some(Ok(Run {
        wall: Duration::from_secs_f64(wall.parse().ok()?),
        peak_rss_kb: rss.parse().ok(),
    }))
}

fn wall_only(args: &[OsString]) -> Result<Run, String> {
    let start = Instant::now();
    let output = Command::new(MUTASI)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| format!("{MUTASI}: {error}"))?;
    let wall = start.elapsed();
    if !output.status.success() {
        return Err(failure(args, &output.stderr));
    }
    Ok(Run {
        wall,
        peak_rss_kb: None,
    })
}

fn failure(args: &[OsString], stderr: &[u8]) -> String {
    format!(
        "`mutasi {}` failed:\n{}",
        shown(args),
        String::from_utf8_lossy(stderr)
    )
}

/// The arguments as a command line, paths relative to the repository.
pub fn shown(args: &[OsString]) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
    args.iter()
        .map(|arg| arg.to_string_lossy().replace(root, ""))
        .collect::<Vec<_>>()
        .join(" ")
}
