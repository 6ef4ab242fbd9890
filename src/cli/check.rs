//! `mutasi check`: parse and check the rules, report every problem, read no records.

use clap::Args;

use super::load;
use super::output::print_problems;
use super::{Failure, RulesArgs};
use crate::lang::Lang;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub rules: RulesArgs,
}

pub fn run(args: &CheckArgs, lang: Lang) -> Result<(), Failure> {
    let loaded = load::rules(&args.rules.rules, lang)?;
    let rules = &loaded.checked.rules;
    if !loaded.checked.warnings.is_empty() {
        print_problems(&loaded.checked.warnings, &loaded.sources, lang);
    }
    let files = loaded.sources.iter().count();
    let (rule_count, decisions) = (rules.rules.len(), rules.decisions.len());
    let summary = match lang {
        Lang::Id => format!(
            "aturan sah: {files} berkas, {rule_count} aturan, {} prasyarat, {} skor, {decisions} keputusan, {} daftar calon, {} klasifikasi, {} validasi data",
            rules.prerequisites.len(),
            rules.scores.len(),
            rules.shortlists.len(),
            rules.classifications.len(),
            rules.validations.len()
        ),
        Lang::En => format!(
            "rules check: {files} files, {rule_count} rules, {} prerequisites, {} scores, {decisions} decisions, {} shortlists, {} classifications, {} data validations",
            rules.prerequisites.len(),
            rules.scores.len(),
            rules.shortlists.len(),
            rules.classifications.len(),
            rules.validations.len()
        ),
    };
    println!("{summary}");
    Ok(())
}
