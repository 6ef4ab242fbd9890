//! The reference policy's own test cases (`rules/tests/*.yaml`): every rule of POLICY.md
//! section 2 on both sides of its boundary, the training prerequisites and each score part.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests may panic

mod common;

use mutasi::cases;
use mutasi::symbols::Symbols;

#[test]
fn every_case_of_the_reference_policy_passes() {
    let (mut sources, checked) = common::reference_rules();
    let files = common::add_yaml_files(&mut sources, &common::root().join("rules/tests"));
    let mut symbols = Symbols::new();
    let loaded = cases::load(&files, &sources, &checked.rules, &mut symbols);
    let cases = match loaded {
        Ok(cases) => cases,
        Err(problems) => panic!("{}", common::render(&problems, &sources)),
    };
    assert!(cases.len() > 80, "only {} cases", cases.len());
    let results = cases::run(&cases, &checked.rules, &mut symbols);
    let failures: Vec<String> = cases
        .iter()
        .zip(&results)
        .filter(|(_, result)| !result.passed())
        .map(|(case, result)| {
            let lines: Vec<String> = result
                .mismatches
                .iter()
                .map(|m| format!("    {}: expected {}, got {}", m.field, m.expected, m.actual))
                .collect();
            format!(
                "{} ({})\n{}",
                case.name,
                sources.location(case.span),
                lines.join("\n")
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
