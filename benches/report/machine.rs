//! What the numbers were measured on: cores, CPU, memory, compiler and revision.

use std::process::Command;

pub struct Machine {
    pub cores: usize,
    pub cpu: String,
    pub memory: String,
    pub rustc: String,
    pub revision: String,
}

impl Machine {
    pub fn describe() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory = field(&meminfo, "MemTotal")
            .and_then(|text| text.trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or_else(
                || "unknown".to_owned(),
                |kilobytes| format!("{:.1} GB", kilobytes as f64 / 1e6),
            );
        Machine {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu: field(&cpuinfo, "model name").unwrap_or_else(|| "unknown".to_owned()),
            memory,
            rustc: output("rustc", &["--version"]).unwrap_or_else(|| "unknown".to_owned()),
            revision: revision(),
        }
    }
}

/// CPU time counters, to tell how much of the machine other processes used during the run: on
/// a shared machine their work slows the measured one, multi-threaded runs most.
#[derive(Debug, Clone, Copy)]
pub struct CpuSample {
    /// Busy and total time of all cores, in clock ticks (`/proc/stat`).
    busy: u64,
    total: u64,
    /// This process's CPU time and that of its waited-for children (`/proc/self/stat`).
    own: u64,
}

impl CpuSample {
    pub fn now() -> Option<CpuSample> {
        let stat = std::fs::read_to_string("/proc/stat").ok()?;
        let times: Vec<u64> = stat
            .lines()
            .next()?
            .split_whitespace()
            .skip(1)
            .filter_map(|field| field.parse().ok())
            .collect();
        // user nice system idle iowait irq softirq steal
        let idle = times.get(3)? + times.get(4)?;
        let total: u64 = times.iter().take(8).sum();
        let own_stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        // After the command name in parentheses: state is field 0, utime field 11, then stime,
        // cutime and cstime.
        let after_name = own_stat.rsplit_once(')')?.1;
        let own = after_name
            .split_whitespace()
            .skip(11)
            .take(4)
            .filter_map(|field| field.parse::<u64>().ok())
            .sum();
        Some(CpuSample {
            busy: total - idle,
            total,
            own,
        })
    }

    /// The share of all cores' time since `self` that other processes kept busy.
    pub fn others_since(self, start: CpuSample) -> f64 {
        let total = self.total.saturating_sub(start.total).max(1);
        let busy = self.busy.saturating_sub(start.busy);
        let own = self.own.saturating_sub(start.own);
        busy.saturating_sub(own) as f64 / total as f64
    }
}

/// The value of the first `name : value` line.
fn field(text: &str, name: &str) -> Option<String> {
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(key, _)| key.trim() == name)
        .map(|(_, value)| value.trim().to_owned())
}

/// The commit, and whether the working tree differs from it.
fn revision() -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let Some(commit) = output("git", &["-C", root, "rev-parse", "--short", "HEAD"]) else {
        return "unknown".to_owned();
    };
    let changed = output(
        "git",
        &["-C", root, "status", "--porcelain", "--untracked-files=no"],
    )
    .is_some_and(|status| !status.is_empty());
    if changed {
        format!("{commit} with uncommitted changes")
    } else {
        commit
    }
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}
