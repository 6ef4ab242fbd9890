//! Stage 1: rule text -> [`ast::RuleSet`]. The only module that knows pest.
//!
//! Each file is read one item at a time; after a syntax error the parser skips to the next
//! line that starts an item, so one run reports the syntax errors of every item.

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
    let mut at = 0;
    while at < text.len() {
        let rest = text.get(at..).unwrap_or("");
        if MutasiParser::parse(Rule::only_trivia, rest).is_ok() {
            break;
        }
        match MutasiParser::parse(Rule::single_item, rest) {
            Ok(mut pairs) => {
                let Some(single) = pairs.next() else { break };
                let end = single.as_span().end();
                let mut lowerer = lower::Lowerer::new(file, at);
                if let Some(pair) = single.into_inner().next() {
                    if let Some(item) = lowerer.item(pair) {
                        items.push(item);
                    }
                }
                problems.extend(lowerer.into_problems());
                if end == 0 {
                    break;
                }
                at += end;
            }
            Err(error) => {
                let (problem, error_at) = error::syntax_problem(&error, file, at, text);
                problems.push(problem);
                match next_item_start(text, error_at.max(at + 1)) {
                    Some(next) => at = next,
                    None => break,
                }
            }
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

/// The byte offset of the next line, at or after `from`, whose first word opens an item.
fn next_item_start(text: &str, from: usize) -> Option<usize> {
    let mut line_start = text.get(..from)?.rfind('\n').map_or(0, |i| i + 1);
    loop {
        line_start = line_start + text.get(line_start..)?.find('\n')? + 1;
        let line = text.get(line_start..)?;
        let trimmed = line.trim_start();
        let word: String = trimmed
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if ITEM_KEYWORDS.contains(&word.as_str()) {
            return Some(line_start);
        }
    }
}
