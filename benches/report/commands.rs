//! The commands people run by hand, timed as processes: `mutasi check` on policies of growing
//! size, and `mutasi why` on the example city.

use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

use super::sections::Report;
use super::workload::AS_OF;
use super::{child, measure, policy};

/// Sizes of the synthetic policies.
const POLICY_SIZES: [usize; 3] = [1_000, 2_000, 5_000];
const CHECK_RUNS: usize = 9;
const WHY_RUNS: usize = 7;

impl Report {
    pub fn measure_check(&mut self) -> Result<(), String> {
        // What every run costs before reading a rule: the per-rule figure leaves it out.
        let start_up = child::mutasi_times(&["--version".into()], CHECK_RUNS)?;
        self.tables.check.row(vec![
            "start-up only (`mutasi --version`)".to_owned(),
            "-".to_owned(),
            "-".to_owned(),
            measure::time(start_up.median),
            measure::time(start_up.min),
            "-".to_owned(),
        ]);
        let start_up = start_up.min;
        let reference = self.root.join("rules");
        let size = count_rules(&reference);
        self.check_row("reference (`rules/`)", &reference, size, start_up)?;
        for rules in POLICY_SIZES {
            let dir = self.scratch.join(format!("policy-{rules}"));
            let written = policy::write(&reference, rules, &dir)?;
            let name = format!("synthetic, {} rules", measure::count(rules as u64));
            self.check_row(&name, &dir, (written.rules, written.lines), start_up)?;
        }
        Ok(())
    }

    /// A row for `mutasi check --rules DIR`, with `(rules, lines)` of the policy.
    fn check_row(
        &mut self,
        name: &str,
        dir: &Path,
        (rules, lines): (usize, usize),
        start_up: Duration,
    ) -> Result<(), String> {
        let args: Vec<OsString> = vec!["check".into(), "--rules".into(), dir.into()];
        let spread = child::mutasi_times(&args, CHECK_RUNS)?;
        self.tables.check.row(vec![
            name.to_owned(),
            measure::count(rules as u64),
            measure::count(lines as u64),
            measure::time(spread.median),
            measure::time(spread.min),
            measure::per_item(spread.min.saturating_sub(start_up), rules as u64),
        ]);
        Ok(())
    }

    pub fn measure_why(&mut self) -> Result<(), String> {
        let Some((files, nip, position)) = self.example.clone() else {
            return Err("no pair of the example city has an eligible_from date".to_owned());
        };
        for pair in [vec![nip.clone(), position], vec![nip]] {
            let mut args: Vec<OsString> = vec!["why".into()];
            args.extend(pair.iter().map(OsString::from));
            args.extend(["--rules", "rules", "--as-of", AS_OF].map(OsString::from));
            args.extend([
                OsString::from("--employees"),
                files.employees.clone().into(),
                OsString::from("--positions"),
                files.positions.clone().into(),
            ]);
            let spread = child::mutasi_times(&args, WHY_RUNS)?;
            self.tables.why.row(vec![
                format!("`mutasi why {}`", pair.join(" ")),
                WHY_RUNS.to_string(),
                measure::time(spread.median),
                measure::time(spread.min),
                measure::time(spread.max),
            ]);
        }
        Ok(())
    }
}

/// Rules and lines of the `*.mutasi` files in `dir`.
fn count_rules(dir: &Path) -> (usize, usize) {
    let texts: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "mutasi"))
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect();
    let lines = texts.iter().map(|text| text.lines().count()).sum();
    let rules = texts
        .iter()
        .flat_map(|text| text.lines())
        .filter(|line| line.starts_with("rule "))
        .count();
    (rules, lines)
}
