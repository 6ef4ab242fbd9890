//! Records from YAML (serde_yaml) or JSON Lines (serde_json), validated against the schema,
//! with every problem located at its file, line, record and field.
//!
//! A file with any problem yields no records at all: nothing is evaluated from invalid input.

mod datum;
pub mod locate;
pub mod prefetch;
mod problem;
mod seed;

pub use datum::{Datum, Origin, Record};
pub use problem::{Context, DataIssue, DataProblem, PathSeg, show_path};

use std::collections::HashMap;

use crate::ast::InputKind;
use crate::diagnostic::{Problem, Problems};
use crate::schema::{Schema, Type};
use crate::source::{FileId, SourceSet, Span};
use crate::symbols::{Sym, Symbols};
use rayon::prelude::*;
use seed::{Builder, RecordsSeed};

/// The format of a data file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    JsonLines,
}

impl Format {
    pub fn of_path(path: &str) -> Format {
        if path.ends_with(".jsonl") || path.ends_with(".ndjson") {
            Format::JsonLines
        } else {
            Format::Yaml
        }
    }
}

/// The records of one input file.
#[derive(Debug, Clone)]
pub struct Table {
    pub kind: InputKind,
    pub file: FileId,
    pub format: Format,
    pub records: Vec<Record>,
}

/// Reads the records of `file` (already in `sources`) as `kind`'s record type. The table comes
/// back even when there are problems (a broken field left absent), so later checks can still
/// report the problems of every record; a caller must not evaluate a table with problems.
pub fn read(
    sources: &SourceSet,
    file: FileId,
    format: Format,
    kind: InputKind,
    schema: &Schema,
    symbols: &mut Symbols,
) -> (Table, Problems) {
    let empty = |problems| {
        let table = Table {
            kind,
            file,
            format,
            records: Vec::new(),
        };
        (table, problems)
    };
    let Some(source) = sources.get(file) else {
        return empty(Problems::new());
    };
    let Some(input) = schema.input(kind) else {
        return empty(Problems::new());
    };
    let text = source.text.clone();
    let pieces = match format {
        Format::Yaml => split_yaml(&text),
        Format::JsonLines => split_lines(&text),
    };
    let mut records = Vec::new();
    // Each problem, with its exact offset when the parser gave one.
    let mut located: Vec<(DataProblem, Option<usize>)> = Vec::new();
    match pieces {
        Some(pieces) => {
            // Records are parsed in parallel, each chunk interning into its own table; the
            // tables are then merged in order, so symbols are numbered as a sequential read
            // would number them.
            let chunk = (pieces.len() / (rayon::current_num_threads() * 8)).max(64);
            let chunks: Vec<Parsed> = pieces
                .par_chunks(chunk)
                .enumerate()
                .map(|(number, pieces)| {
                    let mut local = Symbols::new();
                    let mut builder = Builder::new(schema, &mut local);
                    let mut results = Vec::with_capacity(pieces.len());
                    for (offset, piece) in pieces.iter().enumerate() {
                        let index = number * chunk + offset;
                        let result =
                            parse_piece(&text, piece, format, input.record, index, &mut builder);
                        results.push((result, std::mem::take(&mut builder.problems)));
                    }
                    drop(builder);
                    Parsed {
                        results,
                        symbols: local,
                    }
                })
                .collect();
            // Interning is in order (it numbers the symbols); moving each chunk's records to
            // the merged numbers is not, and runs in parallel: serially it had been about a
            // fifth of loading 100,000 employees on two threads.
            let mut first = 0;
            let merging: Vec<_> = chunks
                .into_iter()
                .zip(pieces.chunks(chunk))
                .map(|(parsed, pieces)| {
                    let global = symbols.absorb(&parsed.symbols);
                    let at = first;
                    first += parsed.results.iter().map(records_of).sum::<usize>();
                    (parsed.results, pieces, global, at)
                })
                .collect();
            let merged: Vec<Merged> = merging
                .into_par_iter()
                .map(|(results, pieces, global, first)| {
                    merge_chunk(results, pieces, &global, file, first)
                })
                .collect();
            records.reserve(first);
            for chunk in merged {
                records.extend(chunk.records);
                located.extend(chunk.located);
            }
        }
        None => {
            let mut builder = Builder::new(schema, symbols);
            // Not a plain block list (anchors, flow style, ...): read the file whole.
            let whole = Piece {
                start: 0,
                end: text.len(),
                line: 1,
            };
            match parse_piece(&text, &whole, format, input.record, 0, &mut builder) {
                Ok(datums) => {
                    for datum in datums {
                        records.push(make_record(
                            datum,
                            file,
                            // The record's own text is not known; lines are found in the whole file.
                            &Piece {
                                start: 0,
                                end: 0,
                                line: 1,
                            },
                            records.len(),
                        ));
                    }
                }
                Err((problem, at)) => located.push((problem, Some(at))),
            }
            located.extend(builder.problems.drain(..).map(|p| (p, None)));
        }
    }
    let symbols = &*symbols;
    duplicate_keys(&records, input.key, &mut located, symbols);
    let problems = located
        .into_iter()
        .map(|(problem, at)| {
            locate_problem(
                &problem, at, sources, file, format, &records, kind, schema, symbols,
            )
        })
        .collect::<Problems>();
    let table = Table {
        kind,
        file,
        format,
        records,
    };
    (table, problems.sorted())
}

/// One record of `kind` from a YAML value already in memory (test cases build records from a
/// base and a few changes); the problems have paths from the record's top.
pub fn record_from_value(
    value: serde_yaml::Value,
    kind: InputKind,
    schema: &Schema,
    symbols: &mut Symbols,
) -> Result<Box<[Datum]>, Vec<DataProblem>> {
    let Some(input) = schema.input(kind) else {
        return Err(Vec::new());
    };
    let ty = Type::Record(input.record);
    let mut builder = Builder::new(schema, symbols);
    let seed = seed::ValueSeed {
        builder: &mut builder,
        ty: &ty,
        range: None,
    };
    let parsed = serde::de::DeserializeSeed::deserialize(seed, value);
    match parsed {
        Ok(Datum::Record(fields)) if builder.problems.is_empty() => Ok(fields),
        Ok(_) if !builder.problems.is_empty() => Err(builder.problems),
        Ok(_) => Err(vec![DataProblem {
            path: Vec::new(),
            issue: DataIssue::NotAList,
        }]),
        Err(error) => Err(vec![DataProblem {
            path: Vec::new(),
            issue: DataIssue::Syntax {
                message: error.to_string(),
            },
        }]),
    }
}

/// A part of a file holding whole records: one YAML list item, or one JSON line.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    /// 1-based line of `start`.
    line: usize,
}

/// Splits a YAML block list written at column 0 into its items; `None` when the file is not
/// such a list or uses anchors (which may reach across items).
fn split_yaml(text: &str) -> Option<Vec<Piece>> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut offset = 0;
    let mut seen_content = false;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let item_start = content == "-" || content.starts_with("- ");
        if item_start {
            if let Some(last) = pieces.last_mut() {
                last.end = line_start;
            }
            pieces.push(Piece {
                start: line_start,
                end: text.len(),
                line: index + 1,
            });
            seen_content = true;
            continue;
        }
        let trivia = content.trim().is_empty()
            || content.starts_with('#')
            || content == "---"
            || content == "...";
        if content.starts_with(['&', '*'])
            || content.contains(" &")
            || content.contains(" *")
            || content.contains("<<")
        {
            return None;
        }
        if !trivia && !content.starts_with([' ', '\t']) {
            // Content at column 0 that does not start an item: not a plain block list.
            return None;
        }
        if !trivia && !seen_content {
            return None;
        }
    }
    if pieces.is_empty() {
        return None;
    }
    Some(pieces)
}

/// Every non-empty line of a JSON Lines file.
fn split_lines(text: &str) -> Option<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        if !line.trim().is_empty() {
            pieces.push(Piece {
                start,
                end: offset,
                line: index + 1,
            });
        }
    }
    Some(pieces)
}

fn parse_piece(
    text: &str,
    piece: &Piece,
    format: Format,
    record: crate::schema::RecordId,
    first_index: usize,
    builder: &mut Builder<'_>,
) -> Result<Vec<Datum>, (DataProblem, usize)> {
    let slice = text.get(piece.start..piece.end).unwrap_or("");
    match format {
        Format::Yaml => {
            let seed = RecordsSeed {
                builder: &mut *builder,
                record,
                first_index,
            };
            serde::de::DeserializeSeed::deserialize(seed, serde_yaml::Deserializer::from_str(slice))
                .map_err(|error| {
                    let at = error
                        .location()
                        .map_or(piece.start, |l| piece.start + l.index());
                    (
                        syntax_problem(
                            &error.to_string(),
                            first_index,
                            piece.start == 0 && first_index == 0,
                        ),
                        at,
                    )
                })
        }
        Format::JsonLines => {
            builder.path.push(PathSeg::Index(first_index));
            let seed = seed::ValueSeed {
                builder: &mut *builder,
                ty: &Type::Record(record),
                range: None,
            };
            let mut deserializer = serde_json::Deserializer::from_str(slice);
            let result = serde::de::DeserializeSeed::deserialize(seed, &mut deserializer).and_then(
                |datum| {
                    deserializer.end()?;
                    Ok(datum)
                },
            );
            builder.path.pop();
            match result {
                Ok(Datum::Record(fields)) => Ok(vec![Datum::Record(fields)]),
                Ok(_) => Err((
                    DataProblem {
                        path: vec![PathSeg::Index(first_index)],
                        issue: DataIssue::NotAList,
                    },
                    piece.start,
                )),
                Err(error) => {
                    let column = error.column().saturating_sub(1);
                    Err((
                        syntax_problem(&error.to_string(), first_index, false),
                        piece.start + column,
                    ))
                }
            }
        }
    }
}

fn syntax_problem(message: &str, index: usize, whole_file: bool) -> DataProblem {
    let issue = if message.contains(seed::TOP_NOT_A_LIST) {
        DataIssue::NotAList
    } else {
        // serde's message ends with its own "at line N column M", which the diagnostic shows.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(message)
            .to_string();
        DataIssue::Syntax { message }
    };
    let path = if whole_file {
        Vec::new()
    } else {
        vec![PathSeg::Index(index)]
    };
    DataProblem { path, issue }
}

/// One chunk of records parsed on its own: each piece's records (or syntax problem) and
/// other problems, and the symbols it interned.
struct Parsed {
    results: Vec<PieceResult>,
    symbols: Symbols,
}

type PieceResult = (Result<Vec<Datum>, (DataProblem, usize)>, Vec<DataProblem>);

/// How many records a piece becomes: its records, or one placeholder for a broken one.
fn records_of((result, _): &PieceResult) -> usize {
    result.as_ref().map_or(1, Vec::len)
}

/// One chunk's records under the merged symbols, and its problems.
struct Merged {
    records: Vec<Record>,
    located: Vec<(DataProblem, Option<usize>)>,
}

/// Turns one chunk's results into records numbered from `first`, with `global` mapping the
/// chunk's symbols to the merged table's.
fn merge_chunk(
    results: Vec<PieceResult>,
    pieces: &[Piece],
    global: &[Sym],
    file: FileId,
    first: usize,
) -> Merged {
    let mut merged = Merged {
        records: Vec::with_capacity(results.len()),
        located: Vec::new(),
    };
    for ((result, problems), piece) in results.into_iter().zip(pieces) {
        let (datums, problem) = match result {
            Ok(datums) => (datums, None),
            // A placeholder keeps the numbering of the records after it.
            Err(problem) => (vec![Datum::Absent], Some(problem)),
        };
        for mut datum in datums {
            renumber(&mut datum, global);
            let index = first + merged.records.len();
            merged.records.push(make_record(datum, file, piece, index));
        }
        if let Some((problem, at)) = problem {
            merged.located.push((problem, Some(at)));
        }
        merged
            .located
            .extend(problems.into_iter().map(|p| (p, None)));
    }
    merged
}

/// Moves a datum's symbols from a chunk's table to the merged one (`global[local]`).
fn renumber(datum: &mut Datum, global: &[Sym]) {
    let map = |sym: &mut Sym| {
        if let Some(to) = global.get(sym.0 as usize) {
            *sym = *to;
        }
    };
    match datum {
        Datum::Text(sym) => map(sym),
        Datum::List(items) | Datum::Record(items) => {
            for item in items.iter_mut() {
                renumber(item, global);
            }
        }
        Datum::Map(entries) => {
            for (key, value) in entries.iter_mut() {
                map(key);
                renumber(value, global);
            }
        }
        Datum::Absent
        | Datum::Bool(_)
        | Datum::Int(_)
        | Datum::Date(_)
        | Datum::Days(_)
        | Datum::Months(_)
        | Datum::Enum(_) => {}
    }
}

fn make_record(datum: Datum, file: FileId, piece: &Piece, index: usize) -> Record {
    let fields = match datum {
        Datum::Record(fields) => fields,
        _ => Box::new([]),
    };
    Record {
        fields,
        origin: Origin {
            file,
            line: u32::try_from(piece.line).unwrap_or(0),
            start: u32::try_from(piece.start).unwrap_or(0),
            end: u32::try_from(piece.end).unwrap_or(0),
            index: u32::try_from(index).unwrap_or(0),
        },
    }
}

/// Two records with the same key (NIP, position id): the second is reported.
fn duplicate_keys(
    records: &[Record],
    key: usize,
    out: &mut Vec<(DataProblem, Option<usize>)>,
    symbols: &Symbols,
) {
    let mut first: HashMap<crate::symbols::Sym, &Record> = HashMap::new();
    for record in records {
        let Some(Datum::Text(sym)) = record.fields.get(key) else {
            continue;
        };
        match first.get(sym) {
            Some(earlier) => out.push((
                DataProblem {
                    path: vec![
                        PathSeg::Index(record.origin.index as usize),
                        PathSeg::Field(String::new()),
                    ],
                    issue: DataIssue::DuplicateKey {
                        key: symbols.resolve(*sym).to_string(),
                        first_line: earlier.origin.line as usize,
                    },
                },
                None,
            )),
            None => {
                first.insert(*sym, record);
            }
        }
    }
}

/// The located diagnostic for a problem found in a table after loading (a failed validation).
pub fn locate(
    problem: &DataProblem,
    sources: &SourceSet,
    table: &Table,
    schema: &Schema,
    symbols: &Symbols,
) -> Problem {
    locate_problem(
        problem,
        None,
        sources,
        table.file,
        table.format,
        &table.records,
        table.kind,
        schema,
        symbols,
    )
}

/// Turns a problem's path into a span in its file.
#[allow(clippy::too_many_arguments)]
fn locate_problem(
    problem: &DataProblem,
    at: Option<usize>,
    sources: &SourceSet,
    file: FileId,
    format: Format,
    records: &[Record],
    kind: InputKind,
    schema: &Schema,
    symbols: &Symbols,
) -> Problem {
    let input = schema.input(kind);
    let key_field = input
        .and_then(|i| schema.field(i.record, i.key))
        .map(|f| f.name.clone());
    let mut problem = problem.clone();
    // A duplicate key is reported at the key field, whose name is known only here.
    if let (DataIssue::DuplicateKey { .. }, Some(PathSeg::Field(name)), Some(key)) =
        (&problem.issue, problem.path.get(1), &key_field)
    {
        if name.is_empty() {
            if let Some(seg) = problem.path.get_mut(1) {
                *seg = PathSeg::Field(key.clone());
            }
        }
    }
    let index = match problem.path.first() {
        Some(PathSeg::Index(i)) => Some(*i),
        _ => None,
    };
    let record = index.and_then(|i| records.get(i));
    let span = match (at, sources.get(file)) {
        (Some(at), Some(source)) => Span::new(file, at, line_end(&source.text, at)),
        _ => locate_span(&problem, sources, file, format, record),
    };
    let key = record
        .and_then(|r| input.and_then(|i| r.fields.get(i.key)))
        .and_then(|d| match d {
            Datum::Text(sym) => Some(symbols.resolve(*sym).to_string()),
            _ => None,
        });
    let context = problem::Context {
        schema,
        input: input.map_or("", |i| i.name.as_str()),
        key,
    };
    problem.to_problem(&context, span)
}

fn locate_span(
    problem: &DataProblem,
    sources: &SourceSet,
    file: FileId,
    format: Format,
    record: Option<&Record>,
) -> Span {
    let Some(source) = sources.get(file) else {
        return Span::default();
    };
    let text: &str = &source.text;
    // Within a record's own text when it is known, else within the whole file.
    let (base, slice, local_path): (usize, &str, Vec<PathSeg>) = match record {
        Some(record) if record.origin.end > record.origin.start => {
            let start = record.origin.start as usize;
            let slice = text.get(start..record.origin.end as usize).unwrap_or("");
            let mut path = problem.path.clone();
            match format {
                Format::Yaml => {
                    if let Some(first) = path.first_mut() {
                        *first = PathSeg::Index(0);
                    }
                }
                Format::JsonLines => {
                    path.remove(0);
                }
            }
            (start, slice, path)
        }
        _ => (0, text, problem.path.clone()),
    };
    if let DataIssue::Syntax { .. } | DataIssue::NotAList = problem.issue {
        if record.is_none() {
            return Span::new(file, 0, line_end(text, 0));
        }
    }
    let found = match format {
        Format::Yaml => locate::in_yaml(slice, &local_path),
        Format::JsonLines => locate::in_json(slice, &local_path),
    };
    let offset = match found {
        Some((line, column)) => {
            let local = crate::source::SourceFile::new("", slice);
            base + local.offset_of(line, column)
        }
        None => base,
    };
    let end = match format {
        Format::Yaml => None,
        Format::JsonLines => locate::json_value_end(text, offset),
    };
    Span::new(file, offset, end.unwrap_or_else(|| line_end(text, offset)))
}

/// The end of the value starting at `offset`: the rest of its line, trailing space trimmed.
fn line_end(text: &str, offset: usize) -> usize {
    let rest = text.get(offset..).unwrap_or("");
    let line = rest.split('\n').next().unwrap_or("");
    offset + line.trim_end().len()
}
