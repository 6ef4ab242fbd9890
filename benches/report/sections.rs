//! The report: one table per question, filled workload by workload (`runs.rs`, `commands.rs`)
//! and printed at the end, each under a heading and a paragraph that says what was measured.

use std::path::{Path, PathBuf};

use mutasi::check::Checked;
use rayon::ThreadPool;

use super::machine::{CpuSample, Machine};
use super::table::Table;
use super::workload::{self, AS_OF, ASSESSMENT_YEAR, Files};
use super::{engine, policy};

/// The section under which engine and yardstick are compared.
const EVALUATION: &str = "Bulk evaluation";

pub struct Report {
    machine: Machine,
    /// CPU counters when the run started.
    cpu_at_start: Option<CpuSample>,
    pub(super) root: PathBuf,
    pub(super) scratch: PathBuf,
    pub(super) policy: Checked,
    /// The reference policy with `eligible_from` switched off.
    pub(super) policy_without_dates: Checked,
    pub(super) one_thread: ThreadPool,
    pub(super) all_threads: ThreadPool,
    pub(super) tables: Tables,
    /// Workloads on which engine and yardstick tallies differ (none expected).
    pub(super) disagreements: Vec<String>,
    /// The example city and one of its pairs with an `eligible_from` date, for `why`.
    pub(super) example: Option<(Files, String, String)>,
}

pub struct Tables {
    pub workloads: Table,
    pub evaluation: Table,
    pub eligible_from: Table,
    pub recommend: Table,
    pub loading: Table,
    pub output: Table,
    pub processes: Table,
    pub check: Table,
    pub why: Table,
}

impl Report {
    pub fn new(machine: Machine, root: &Path, scratch: &Path) -> Result<Report, String> {
        let rules = root.join("rules");
        let without_dates = scratch.join("rules-without-eligible-from");
        policy::without_eligible_from(&rules, &without_dates)?;
        Ok(Report {
            cpu_at_start: CpuSample::now(),
            root: root.to_owned(),
            scratch: scratch.to_owned(),
            policy: engine::policy(&rules)?,
            policy_without_dates: engine::policy(&without_dates)?,
            one_thread: engine::pool(1)?,
            all_threads: engine::pool(machine.cores)?,
            tables: Tables::new(machine.cores),
            disagreements: Vec::new(),
            example: None,
            machine,
        })
    }

    pub fn threads(&self) -> usize {
        self.machine.cores
    }

    /// The whole report as Markdown.
    pub fn render(&self, full: bool) -> String {
        let mut text = self.header(full);
        for (title, explanation, table) in self.sections() {
            text += &format!("\n## {title}\n\n{explanation}\n\n{}", table.render());
            if title == EVALUATION {
                text += &self.agreement();
            }
        }
        text
    }

    fn header(&self, full: bool) -> String {
        let machine = &self.machine;
        let command = if full {
            "MUTASI_BENCH_FULL=1 cargo bench --bench report"
        } else {
            "cargo bench --bench report"
        };
        let mut text = format!(
            "# mutasi benchmark report\n\n\
             - machine: {} ({} cores available), {} memory\n\
             - compiler: {}; release profile ({}); allocator: mimalloc in the benchmark, {} in \
             the binary\n\
             - revision: {}\n\
             - command: `{command}`{}\n",
            machine.cpu,
            machine.cores,
            machine.memory,
            machine.rustc,
            release_profile(),
            binary_allocator(),
            machine.revision,
            if std::env::var_os(crate::FRESH_COPY).is_some() {
                ", run from a fresh copy of the report's executable (its code in newly chosen \
                 pages)"
            } else {
                ""
            },
        );
        text += &self.disturbance();
        let runs: Vec<String> = workload::workloads(true)
            .iter()
            .map(|w| format!("{} {}", w.runs, w.name.split(':').next().unwrap_or("")))
            .collect();
        text += &format!(
            "- every workload: `mutasi generate` seed 2026, as of {AS_OF}, assessment year \
             {ASSESSMENT_YEAR}, the reference policy `rules/`; in-process times are the median of \
             several runs ({})\n",
            runs.join(", ")
        );
        text
    }

    /// (title, what was measured, table), in reading order.
    fn sections(&self) -> Vec<(&'static str, String, &Table)> {
        let threads = self.threads();
        let tables = &self.tables;
        vec![
            (
                "Workloads",
                "The size of each workload and the decisions the reference policy makes on it."
                    .to_owned(),
                &tables.workloads,
            ),
            (
                EVALUATION,
                format!(
                    "Every pair decided in memory, nothing written: the engine through \
                     `eval::bulk::Pairs::decide_all`, the function `mutasi eval` calls (the grid of \
                     tabulated units built first, then sessions on a rayon pool of 1 or {threads} \
                     threads, chunks of 32 employees), the yardstick on one thread. Scaling is the \
                     1-thread time over the {threads}-thread time; engine ÷ yardstick compares one \
                     thread each. The five runs of this table and the next (engine on 1 and \
                     {threads} threads, without `eligible_from`, yardstick with and without) take \
                     turns, round after round, so that a slow spell of the machine falls on both \
                     sides of each ratio; each {threads}-thread run follows one unmeasured, since \
                     a pool left idle is slow to start on this VM (`measure::interleaved`)."
                ),
                &tables.evaluation,
            ),
            (
                "eligible_from",
                "The engine computes `eligible_from` whenever the decision declares it, so \
                 \"without\" runs a copy of `rules/` with the `eligible_from within` line removed \
                 (same records, same engine). Cost is the difference on one thread, also divided by \
                 the number of not-eligible pairs (the only pairs that get a date). The yardstick \
                 switches it off with a flag."
                    .to_owned(),
                &tables.eligible_from,
            ),
            (
                "recommend",
                format!(
                    "The rules' shortlist over every employee and the positions with open slots, \
                     through `eval::shortlist::recommend`, the function `mutasi recommend` calls \
                     (the grid built first, the needs analysis counted, bounded shortlists merged), \
                     on a rayon pool of 1 and of {threads} threads (taking turns, as above), nothing \
                     written. The two runs must give the same shortlists."
                ),
                &tables.recommend,
            ),
            (
                "Loading records",
                format!(
                    "Both files (pegawai and formasi), read from disk, parsed and validated against \
                     the schema and the `validate` items, as `mutasi eval` does before deciding; the \
                     engine parses records in parallel, here on a pool of 1 and of {threads} threads \
                     (employees/s on {threads}). The yardstick reads the same files into plain serde \
                     structs on one thread (no validation, no source locations), for comparison."
                ),
                &tables.loading,
            ),
            (
                "Output formats",
                "The report writers of `mutasi eval --format jsonl|csv`, timed alone on one thread: \
                 each employee's pairs are decided first, then formatted into a buffer that is \
                 dropped."
                    .to_owned(),
                &tables.output,
            ),
            (
                "`mutasi eval` and `mutasi recommend` as processes",
                format!(
                    "The release binary on all {threads} cores, stdout to /dev/null; wall time \
                     includes loading; peak RSS is the child's high-water mark (`getrusage`). \
                     Arguments: `--rules rules --as-of {AS_OF} --employees F --positions F` and the \
                     formats shown."
                ),
                &tables.processes,
            ),
            (
                "`mutasi check`",
                "The reference policy, and synthetic policies: its schema, parameters, definitions, \
                 training and score, with N rules cycling through the 13 kinds of \
                 `rules/04-syarat.mutasi`, all required by one decision \
                 (`benches/report/policy.rs`). Wall time of the process; the per-rule figure uses the \
                 fastest run (the least disturbed by other work) less the start-up time every run \
                 pays."
                    .to_owned(),
                &tables.check,
            ),
            (
                "`mutasi why` on the example city",
                format!(
                    "The release binary with `--rules rules --as-of {AS_OF} --employees pegawai.yaml \
                     --positions formasi.yaml` of workload (a), which is `examples/cakranegara/`; the \
                     pair is the first one not eligible with an `eligible_from` date."
                ),
                &tables.why,
            ),
        ]
    }

    /// How much of the machine other processes used while this one measured.
    fn disturbance(&self) -> String {
        let (Some(start), Some(end)) = (self.cpu_at_start, CpuSample::now()) else {
            return String::new();
        };
        let others = end.others_since(start);
        let mut text = format!(
            "- other processes kept {:.0}% of the cores busy during the run\n",
            others * 100.0
        );
        if others > 0.1 {
            text += "- **the machine was not idle**: the times below are slower than an idle \
                     machine gives, the multi-thread figures and the scaling most\n";
        }
        text
    }

    fn agreement(&self) -> String {
        if self.disagreements.is_empty() {
            return "\nEngine and yardstick agree on every workload (decision counts, score sum, \
                    number and sum of `eligible_from` dates), with and without `eligible_from`; \
                    `cargo test --test yardstick` compares them pair by pair.\n"
                .to_owned();
        }
        let mut text = "\n**Disagreements:**\n\n".to_owned();
        for line in &self.disagreements {
            text += &format!("- {line}\n");
        }
        text
    }
}

impl Tables {
    fn new(threads: usize) -> Tables {
        Tables {
            workloads: Table::new(&[
                "workload",
                "employees × positions",
                "pairs",
                "YAML",
                "JSON Lines",
                "eligible",
                "after training",
                "needs review",
                "not eligible",
                "with eligible_from",
            ]),
            evaluation: Table::new(&[
                "workload",
                "engine, 1 thread",
                &format!("engine, {threads} threads"),
                "scaling",
                "pairs/s, 1 thread",
                &format!("pairs/s, {threads} threads"),
                "per pair, 1 thread",
                "yardstick, 1 thread",
                "yardstick pairs/s",
                "engine ÷ yardstick",
            ]),
            eligible_from: Table::new(&[
                "workload",
                "not eligible",
                "engine with",
                "engine without",
                "cost",
                "per not-eligible pair",
                "yardstick with",
                "yardstick without",
                "cost",
                "per not-eligible pair",
            ]),
            recommend: Table::new(&[
                "workload",
                "open positions",
                "shortlisted",
                "due for rotation",
                "1 thread",
                &format!("{threads} threads"),
                "scaling",
            ]),
            loading: Table::new(&[
                "workload",
                "input",
                "size",
                "engine, 1 thread",
                "MB/s",
                &format!("engine, {threads} threads"),
                "MB/s",
                "employees/s",
                "yardstick (serde, 1 thread)",
                "MB/s",
            ])
            .text_columns(2),
            output: Table::new(&[
                "workload",
                "format",
                "lines",
                "size",
                "formatting, 1 thread",
                "lines/s",
                "MB/s",
            ])
            .text_columns(2),
            processes: Table::new(&["workload", "command", "wall", "peak RSS"]).text_columns(2),
            check: Table::new(&[
                "policy",
                "rules",
                "lines",
                "median of 9",
                "min of 9",
                "per rule (min − start-up)",
            ]),
            why: Table::new(&["command", "runs", "median", "min", "max"]),
        }
    }
}

/// The `lto` and `codegen-units` settings of `[profile.release]` in the crate's `Cargo.toml`
/// (which `cargo bench` inherits), in the manifest's order: `codegen-units = 1, lto = "fat"`.
fn release_profile() -> String {
    let manifest = include_str!("../../Cargo.toml");
    let mut in_release = false;
    let mut settings = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_release = line == "[profile.release]";
        } else if in_release && (line.starts_with("lto") || line.starts_with("codegen-units")) {
            settings.push(line);
        }
    }
    if settings.is_empty() {
        "defaults".to_owned()
    } else {
        settings.join(", ")
    }
}

/// The allocator `src/main.rs` gives the `mutasi` binary: the benchmark's own is set in its
/// `main.rs` to match, and the header says whether it still does.
fn binary_allocator() -> &'static str {
    if include_str!("../../src/main.rs").contains("mimalloc::MiMalloc") {
        "mimalloc"
    } else {
        "the system's"
    }
}
