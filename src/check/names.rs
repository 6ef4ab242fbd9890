//! The global names of a rule set: which item each name declares, and duplicates.

use std::collections::HashMap;

use super::error;
use crate::ast::{Item, RuleSet};
use crate::diagnostic::Problems;

/// Names the language gives meaning to; rules may not declare them.
pub const BUILTIN_VALUES: &[&str] = &["evaluation_date", "assessment_year"];
pub const BUILTIN_FUNCTIONS: &[&str] =
    &["min", "max", "year", "digits", "length", "slice", "matches"];
pub const BASIC_TYPES: &[&str] = &["text", "integer", "boolean", "date", "days", "months"];

/// Every global name, pointing at the item (by index in `RuleSet::items`) that declares it.
#[derive(Debug, Default)]
pub struct Globals {
    by_name: HashMap<String, usize>,
}

impl Globals {
    /// Collects the names; a second declaration of a name is reported and ignored.
    pub fn collect(rules: &RuleSet, problems: &mut Problems) -> Globals {
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (index, item) in rules.items.iter().enumerate() {
            let name = item.name();
            if name.text.is_empty() {
                continue;
            }
            let reserved = BUILTIN_VALUES.contains(&name.text.as_str())
                || BASIC_TYPES.contains(&name.text.as_str())
                || (BUILTIN_FUNCTIONS.contains(&name.text.as_str())
                    && !matches!(item, Item::Rule(_)));
            if reserved {
                problems.push(builtin_shadowed(&name.text, name.span));
                continue;
            }
            match by_name.get(&name.text) {
                Some(&first) => {
                    let first_span = rules
                        .items
                        .get(first)
                        .map(|i| i.name().span)
                        .unwrap_or_default();
                    problems.push(error::duplicate_name(&name.text, name.span, first_span));
                }
                None => {
                    by_name.insert(name.text.clone(), index);
                }
            }
        }
        Globals { by_name }
    }

    pub fn get(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }
}

fn builtin_shadowed(name: &str, span: crate::source::Span) -> crate::diagnostic::Problem {
    use crate::bi;
    crate::diagnostic::Problem::error(
        "check::reserved_name",
        bi!(
            "`{name}` adalah nama bawaan bahasa aturan",
            "`{name}` is a built-in name of the rule language"
        ),
    )
    .at(
        span,
        bi!(
            "tidak dapat dideklarasikan ulang",
            "cannot be declared again"
        ),
    )
    .help(bi!("pilih nama lain", "choose another name"))
}
