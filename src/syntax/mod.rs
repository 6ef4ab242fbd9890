//! Stage 1: rule text -> [`ast::RuleSet`]. The only module that knows pest.
//!
//! Each file is cut before every line that opens an item, and each piece is parsed on its own,
//! so one run reports the syntax errors of every item.

mod error;
mod grammar;
mod lower;

use pest::Parser;

use crate::ast::{Item, RuleSet};
use crate::diagnostic::Problems;
use crate::source::{FileId, SourceSet};

use grammar::MutasiParser;
pub use grammar::Rule;

/// Keywords that open an item; after a syntax error, parsing resumes at a line starting with one.
const ITEM_KEYWORDS: &[&str] = &[
    "enum",
    "record",
    "employee",
    "position",
    "validate",
    "parameter",
    "define",
    "table",
    "rule",
    "prerequisite",
    "score",
    "decision",
    "shortlist",
    "classification",
];

/// Parses every file of `sources` (in order) into one rule set, with every syntax problem.
pub fn parse(sources: &SourceSet) -> (RuleSet, Problems) {
    let mut rules = RuleSet::default();
    let mut problems = Problems::new();
    for (file, source) in sources.iter() {
        let (items, file_problems) = parse_file(file, &source.text);
        rules.items.extend(items);
        problems.extend(file_problems);
    }
    (rules, problems)
}

/// Deepest nesting of brackets the parser accepts; deeper text is refused before parsing, so
/// no input can exhaust the stack.
const MAX_NESTING: usize = 128;

/// Parses one file's text.
pub fn parse_file(file: FileId, text: &str) -> (Vec<Item>, Problems) {
    let mut items = Vec::new();
    let mut problems = Problems::new();
    if let Some(at) = too_deep(text) {
        problems.push(error::too_deep(file, at, MAX_NESTING));
        return (items, problems);
    }
    for (start, end) in chunks(text) {
        let piece = text.get(start..end).unwrap_or("");
        match MutasiParser::parse(Rule::file, piece) {
            Ok(mut pairs) => {
                let Some(file_pair) = pairs.next() else {
                    continue;
                };
                let mut lowerer = lower::Lowerer::new(file, start);
                for pair in file_pair.into_inner() {
                    if let Some(item) = lowerer.item(pair) {
                        items.push(item);
                    }
                }
                problems.extend(lowerer.into_problems());
            }
            Err(error) => problems.push(error::syntax_problem(&error, file, start, end, text)),
        }
    }
    (items, problems)
}

/// The offset of the first bracket nested deeper than [`MAX_NESTING`], outside texts and
/// comments.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        if in_comment {
            in_comment = c != '\n';
            continue;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"' | '\n') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '#' => in_comment = true,
            '"' => in_string = true,
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(at);
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The file cut before every line that opens an item at its first column: each piece is
/// parsed on its own, so a syntax error is reported precisely and the items after it are still
/// read.
fn chunks(text: &str) -> Vec<(usize, usize)> {
    let mut starts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let word: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if offset > 0 && ITEM_KEYWORDS.contains(&word.as_str()) {
            starts.push(offset);
        }
        offset += line.len();
    }
    let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
    ends.push(text.len());
    starts.into_iter().zip(ends).collect()
}
