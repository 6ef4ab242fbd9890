//! One workload measured: its files written, loaded both ways, every pair decided by the engine
//! (1 and all threads, with and without `eligible_from`) and by the yardstick, the shortlists
//! (1 and all threads), the output formats, and `mutasi eval` / `mutasi recommend` as
//! processes.

use std::ffi::OsString;
use std::time::Duration;

use mutasi::eval::Engine;
use mutasi::report::eval_csv::EvalCsv;
use mutasi::report::eval_jsonl::EvalJsonLines;

use super::engine::{self, Loaded};
use super::measure::{self, Warm, interleaved, median};
use super::sections::Report;
use super::tally::Tally;
use super::workload::{self, AS_OF, DataSet, Files, Workload};
use super::yardstick::Dataset;
use super::{child, reference};

/// Median times of one workload's bulk evaluations.
struct Timings {
    engine_one: Duration,
    engine_all: Duration,
    engine_one_without_dates: Duration,
    yardstick: Duration,
    yardstick_without_dates: Duration,
    /// The engine's outcomes (the yardstick's are the same, or a disagreement is reported).
    tally: Tally,
}

impl Report {
    pub fn measure_workload(&mut self, workload: &Workload) -> Result<(), String> {
        let slug = workload.name.split(':').next().unwrap_or("w").to_owned();
        let data = workload::write(workload, &self.scratch.join(&slug))
            .map_err(|error| format!("writing {}: {error}", workload.name))?;
        let mut loaded = self.measure_loading(workload, &data)?;
        let yardstick_data = reference::load(&data.yaml)?;
        let engine = engine::compile(&self.policy, &mut loaded);
        let engine_without_dates = engine::compile(&self.policy_without_dates, &mut loaded);
        eprintln!("[bench]   bulk evaluation");
        let engines = (&engine, &engine_without_dates);
        let timings = self.measure_evaluation(workload, engines, &loaded, &yardstick_data);
        self.add_evaluation_rows(workload, &data, &timings);
        self.measure_recommend(workload, &engine, &loaded);
        eprintln!("[bench]   output formats");
        self.measure_output(workload, &engine, &loaded);
        if self.example.is_none() {
            if let Some((nip, position)) = engine::dated_pair(&self.policy, &engine, &loaded) {
                self.example = Some((data.yaml.clone(), nip, position));
            }
        }
        // The processes below should not compete with this one for memory.
        drop((engine, engine_without_dates, loaded, yardstick_data));
        eprintln!("[bench]   mutasi eval and recommend as processes");
        self.measure_processes(workload, &data)
    }

    /// Both input formats, through the engine's reader (which parses records in parallel) on
    /// one and on all threads, and through plain serde; gives the records loaded from YAML.
    fn measure_loading(&mut self, workload: &Workload, data: &DataSet) -> Result<Loaded, String> {
        eprintln!("[bench]   loading");
        let mut kept = None;
        for (name, files) in [("YAML", &data.yaml), ("JSON Lines", &data.jsonl)] {
            let load_on = |pool: &rayon::ThreadPool| {
                median(workload.runs, || {
                    pool.install(|| engine::load(&self.policy, files))
                })
            };
            let (one, _) = load_on(&self.one_thread);
            let (all, loaded) = load_on(&self.all_threads);
            let loaded = loaded?;
            let (serde_time, plain) = median(workload.runs, || reference::load(files));
            plain?;
            let bytes = files.bytes();
            self.tables.loading.row(vec![
                workload.name.to_owned(),
                name.to_owned(),
                measure::megabytes(bytes),
                measure::time(one),
                measure::megabytes_per_second(bytes, one),
                measure::time(all),
                measure::megabytes_per_second(bytes, all),
                measure::rate(workload.employees as u64, all),
                measure::time(serde_time),
                measure::megabytes_per_second(bytes, serde_time),
            ]);
            kept.get_or_insert(loaded);
        }
        kept.ok_or_else(|| "nothing loaded".to_owned())
    }

    fn measure_evaluation(
        &mut self,
        workload: &Workload,
        (engine, engine_without_dates): (&Engine, &Engine),
        loaded: &Loaded,
        yardstick_data: &Dataset,
    ) -> Timings {
        let runs = workload.runs;
        let (one_thread, all_threads) = (&self.one_thread, &self.all_threads);
        // Interleaved, so that the ratios between them hold on a shared machine.
        let (mut tally, mut tally_all, mut tally_without) = (None, None, None);
        let (mut yardstick_tally, mut yardstick_tally_without) = (None, None);
        let times = interleaved(
            runs,
            &mut [
                (Warm::No, &mut || {
                    tally = Some(engine::evaluate(engine, loaded, one_thread))
                }),
                (Warm::First, &mut || {
                    tally_all = Some(engine::evaluate(engine, loaded, all_threads))
                }),
                (Warm::No, &mut || {
                    tally_without = Some(engine::evaluate(engine_without_dates, loaded, one_thread))
                }),
                (Warm::No, &mut || {
                    yardstick_tally = Some(reference::evaluate(yardstick_data, true))
                }),
                (Warm::No, &mut || {
                    yardstick_tally_without = Some(reference::evaluate(yardstick_data, false))
                }),
            ],
        );
        let [
            engine_one,
            engine_all,
            engine_one_without_dates,
            yardstick,
            yardstick_without_dates,
        ] = times[..]
        else {
            unreachable!("one time for each of five works")
        };
        let (tally, tally_all, tally_without) =
            (tally.unwrap(), tally_all.unwrap(), tally_without.unwrap());
        let (yardstick_tally, yardstick_tally_without) =
            (yardstick_tally.unwrap(), yardstick_tally_without.unwrap());
        self.agree(workload, "engine on 1 and all threads", tally, tally_all);
        self.agree(workload, "engine and yardstick", tally, yardstick_tally);
        self.agree(
            workload,
            "engine and yardstick without eligible_from",
            tally_without,
            yardstick_tally_without,
        );
        Timings {
            engine_one,
            engine_all,
            engine_one_without_dates,
            yardstick,
            yardstick_without_dates,
            tally,
        }
    }

    fn add_evaluation_rows(&mut self, workload: &Workload, data: &DataSet, timings: &Timings) {
        let Timings { tally, .. } = timings;
        let name = workload.name.to_owned();
        self.tables.workloads.row(vec![
            name.clone(),
            workload.size(),
            measure::count(workload.pairs()),
            measure::megabytes(data.yaml.bytes()),
            measure::megabytes(data.jsonl.bytes()),
            measure::count(tally.decisions[0]),
            measure::count(tally.decisions[1]),
            measure::count(tally.decisions[2]),
            measure::count(tally.decisions[3]),
            measure::count(tally.dated),
        ]);
        let pairs = workload.pairs();
        let (one, all, yardstick) = (timings.engine_one, timings.engine_all, timings.yardstick);
        self.tables.evaluation.row(vec![
            name.clone(),
            measure::time(one),
            measure::time(all),
            measure::ratio(one, all),
            measure::rate(pairs, one),
            measure::rate(pairs, all),
            measure::per_item(one, pairs),
            measure::time(yardstick),
            measure::rate(pairs, yardstick),
            measure::ratio(one, yardstick),
        ]);
        let not_eligible = tally.not_eligible();
        let engine_cost = one.saturating_sub(timings.engine_one_without_dates);
        let yardstick_cost = yardstick.saturating_sub(timings.yardstick_without_dates);
        self.tables.eligible_from.row(vec![
            name,
            measure::count(not_eligible),
            measure::time(one),
            measure::time(timings.engine_one_without_dates),
            measure::time(engine_cost),
            measure::per_item(engine_cost, not_eligible),
            measure::time(yardstick),
            measure::time(timings.yardstick_without_dates),
            measure::time(yardstick_cost),
            measure::per_item(yardstick_cost, not_eligible),
        ]);
    }

    /// The shortlists on one and on all threads, which must be the same.
    fn measure_recommend(&mut self, workload: &Workload, engine: &Engine, loaded: &Loaded) {
        let runs = workload.runs;
        let (one_thread, all_threads) = (&self.one_thread, &self.all_threads);
        let (mut on_one, mut on_all) = (None, None);
        let times = interleaved(
            runs,
            &mut [
                (Warm::No, &mut || {
                    on_one = Some(engine::recommend(engine, loaded, one_thread))
                }),
                (Warm::First, &mut || {
                    on_all = Some(engine::recommend(engine, loaded, all_threads))
                }),
            ],
        );
        let [one, all] = times[..] else {
            unreachable!("one time for each of two works")
        };
        let (on_one, on_all) = (on_one.unwrap(), on_all.unwrap());
        if on_one != on_all {
            self.disagreements.push(format!(
                "{}: recommend on 1 and all threads disagree",
                workload.name
            ));
        }
        self.tables.recommend.row(vec![
            workload.name.to_owned(),
            measure::count(on_one.lists.len() as u64),
            measure::count(on_one.candidates()),
            measure::count(on_one.due_for_rotation as u64),
            measure::time(one),
            measure::time(all),
            measure::ratio(one, all),
        ]);
    }

    fn measure_output(&mut self, workload: &Workload, engine: &Engine, loaded: &Loaded) {
        let rules = &self.policy.rules;
        let jsonl = engine::format(engine, loaded, &EvalJsonLines::new(rules));
        let csv = engine::format(engine, loaded, &EvalCsv::new(rules));
        for (name, formatted) in [("JSON Lines", jsonl), ("CSV", csv)] {
            self.tables.output.row(vec![
                workload.name.to_owned(),
                name.to_owned(),
                measure::count(formatted.lines),
                measure::megabytes(formatted.bytes),
                measure::time(formatted.time),
                measure::rate(formatted.lines, formatted.time),
                measure::megabytes_per_second(formatted.bytes, formatted.time),
            ]);
        }
    }

    fn measure_processes(&mut self, workload: &Workload, data: &DataSet) -> Result<(), String> {
        let commands: [(&str, &Files, &str); 4] = [
            ("eval", &data.yaml, "jsonl"),
            ("eval", &data.yaml, "csv"),
            ("eval", &data.jsonl, "jsonl"),
            ("recommend", &data.yaml, "json"),
        ];
        for (command, files, format) in commands {
            let mut args: Vec<OsString> = vec![command.into()];
            args.extend(["--rules", "rules", "--as-of", AS_OF].map(OsString::from));
            args.extend(["--format", format].map(OsString::from));
            args.extend([
                OsString::from("--employees"),
                files.employees.clone().into(),
                OsString::from("--positions"),
                files.positions.clone().into(),
            ]);
            let run = child::mutasi(&args)?;
            let input = if files.employees.extension().is_some_and(|e| e == "jsonl") {
                "JSON Lines"
            } else {
                "YAML"
            };
            let peak = run.peak_rss_kb.map_or_else(
                || "-".to_owned(),
                |kb| format!("{:.0} MB", kb as f64 / 1024.0),
            );
            self.tables.processes.row(vec![
                workload.name.to_owned(),
                format!("`mutasi {command} --format {format}`, {input} in"),
                measure::time(run.wall),
                peak,
            ]);
        }
        Ok(())
    }

    fn agree(&mut self, workload: &Workload, what: &str, left: Tally, right: Tally) {
        if left != right {
            self.disagreements.push(format!(
                "{}: {what} disagree: {left:?} vs {right:?}",
                workload.name
            ));
        }
    }
}
