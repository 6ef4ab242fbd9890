//! Syntax errors: pest's "expected one of these rules" in words a policy writer knows.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::Rule;
use crate::bi;
use crate::diagnostic::Problem;
use crate::lang::Text;
use crate::source::{FileId, Span};

/// The problem for a pest error in the piece `offset..end` of `text`.
pub fn syntax_problem(
    error: &Error<Rule>,
    file: FileId,
    offset: usize,
    end: usize,
    text: &str,
) -> Problem {
    let position = offset
        + match error.location {
            InputLocation::Pos(at) => at,
            InputLocation::Span((start, _)) => start,
        };
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => expected_list(positives),
        ErrorVariant::CustomError { message } => vec![Text::same(message.clone())],
    };
    let rest = text.get(position..end).unwrap_or("");
    if only_trivia(rest) {
        if let Some(open) = unclosed_bracket(text.get(offset..end).unwrap_or("")) {
            return unclosed(file, offset + open, text);
        }
        return incomplete(file, text, position, &expected);
    }
    let found = token_at(text, position);
    let found_text = match found {
        Some(token) => Text::new(format!("`{token}`"), format!("`{token}`")),
        None => Text::new("akhir berkas", "the end of the file"),
    };
    let expected_id = join(expected.iter().map(|t| t.id.as_str()), "atau");
    let expected_en = join(expected.iter().map(|t| t.en.as_str()), "or");
    let width = found.map_or(0, str::len);
    let span = Span::new(file, position, position + width);
    let (found_id, found_en) = (&found_text.id, &found_text.en);
    let message = bi!(
        "sintaks tidak dikenali: {found_id} tidak diharapkan di sini",
        "syntax not understood: {found_en} is not expected here"
    );
    let label = if expected.is_empty() {
        bi!("tidak diharapkan", "not expected")
    } else {
        bi!(
            "di sini diharapkan {expected_id}",
            "expected {expected_en} here"
        )
    };
    Problem::error("syntax::unexpected", message)
        .at(span, label)
        .help_if(slip_help(found))
}

/// The offset of the last bracket a piece of text opens and never closes.
fn unclosed_bracket(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut in_string = false;
    let mut in_comment = false;
    for (at, c) in text.char_indices() {
        match (in_comment, in_string, c) {
            (true, _, '\n') => in_comment = false,
            (true, _, _) => {}
            (_, true, '"' | '\n') => in_string = false,
            (_, true, _) => {}
            (_, _, '#') => in_comment = true,
            (_, _, '"') => in_string = true,
            (_, _, '(' | '[' | '{') => open.push(at),
            (_, _, ')' | ']' | '}') => {
                open.pop();
            }
            _ => {}
        }
    }
    open.last().copied()
}

fn unclosed(file: FileId, at: usize, text: &str) -> Problem {
    let bracket = text.get(at..at + 1).unwrap_or("(");
    let closing = match bracket {
        "[" => "]",
        "{" => "}",
        _ => ")",
    };
    Problem::error(
        "syntax::unclosed",
        bi!(
            "`{bracket}` dibuka tetapi tidak ditutup",
            "`{bracket}` is opened but never closed"
        ),
    )
    .at(
        Span::new(file, at, at + 1),
        bi!("dibuka di sini", "opened here"),
    )
    .help(bi!(
        "tambahkan `{closing}` di akhir ungkapan",
        "add `{closing}` where the expression ends"
    ))
}

/// Whether the text is only white space and comments.
fn only_trivia(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    })
}

/// An item that stops before it is complete: point just after its last word.
fn incomplete(file: FileId, text: &str, position: usize, expected: &[Text]) -> Problem {
    let before = text.get(..position).unwrap_or("");
    let last = before.trim_end().len();
    let start = before
        .get(..last)
        .and_then(|b| b.char_indices().last())
        .map_or(0, |(i, _)| i);
    let expected_id = join(expected.iter().map(|t| t.id.as_str()), "atau");
    let expected_en = join(expected.iter().map(|t| t.en.as_str()), "or");
    Problem::error(
        "syntax::incomplete",
        bi!(
            "sintaks belum selesai: setelah ini diharapkan {expected_id}",
            "incomplete syntax: {expected_en} expected after this"
        ),
    )
    .at(
        Span::new(file, start, last.max(start + 1)),
        bi!(
            "diharapkan {expected_id} setelah ini",
            "{expected_en} expected after this"
        ),
    )
}

/// Help for the slips writers from other languages make.
fn slip_help(found: Option<&str>) -> Option<Text> {
    match found? {
        "'" => Some(bi!(
            "teks ditulis dalam tanda petik ganda: \"Baik\"",
            "text is written in double quotes: \"Baik\""
        )),
        ";" => Some(bi!(
            "aturan tidak diakhiri titik koma; hapus `;`",
            "rules do not end with a semicolon; remove the `;`"
        )),
        "{" | "}" => Some(bi!(
            "kurung kurawal hanya untuk himpunan ({{\"a\", \"b\"}}), record dan tabel",
            "braces are only for sets ({{\"a\", \"b\"}}), records and tables"
        )),
        _ => None,
    }
}

/// The token at `position`: a word, a quoted text, or one character.
fn token_at(text: &str, position: usize) -> Option<&str> {
    let rest = text.get(position..)?;
    let first = rest.chars().next()?;
    let end = if first.is_alphanumeric() || first == '_' {
        rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len())
    } else if first == '"' {
        rest.get(1..)
            .and_then(|r| r.find(['"', '\n']))
            .map_or(rest.len(), |i| i + 2)
    } else {
        first.len_utf8()
    };
    rest.get(..end).map(|token| token.trim_end_matches('\n'))
}

fn join<'a>(parts: impl Iterator<Item = &'a str>, or: &str) -> String {
    let parts: Vec<&str> = parts.collect();
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, init)) => format!("{} {or} {last}", init.join(", ")),
    }
}

/// What the parser was looking for, described once each (the first few).
fn expected_list(rules: &[Rule]) -> Vec<Text> {
    const SHOWN: usize = 4;
    let mut out: Vec<Text> = Vec::new();
    for rule in rules {
        let text = describe(*rule);
        if !out.contains(&text) {
            out.push(text);
        }
    }
    if out.len() > SHOWN {
        out.truncate(SHOWN);
        out.push(Text::new("lainnya", "others"));
    }
    out
}

fn describe(rule: Rule) -> Text {
    let (id, en) = match rule {
        Rule::EOI => ("akhir berkas", "the end of the file"),
        Rule::enum_decl
        | Rule::record_decl
        | Rule::input_decl
        | Rule::validate_decl
        | Rule::parameter_decl
        | Rule::define_decl
        | Rule::table_decl
        | Rule::rule_decl
        | Rule::prerequisite_decl
        | Rule::score_decl
        | Rule::decision_decl => (
            "awal butir baru (`rule`, `define`, `parameter`, ...)",
            "the start of an item (`rule`, `define`, `parameter`, ...)",
        ),
        Rule::name | Rule::word | Rule::binding => ("nama", "a name"),
        Rule::string | Rule::title => ("teks dalam tanda petik", "a quoted text"),
        Rule::integer => ("bilangan bulat", "a whole number"),
        Rule::date => ("tanggal (YYYY-MM-DD)", "a date (YYYY-MM-DD)"),
        Rule::enum_value => ("nilai enum", "an enum value"),
        Rule::ordered_tail | Rule::unordered_tail => ("`<` atau `|`", "`<` or `|`"),
        Rule::field_decl => ("deklarasi field (`nama: tipe`)", "a field (`name: type`)"),
        Rule::unique_by => ("`unique`", "`unique`"),
        Rule::type_expr
        | Rule::optional_type
        | Rule::list_type
        | Rule::map_type
        | Rule::named_type => ("tipe", "a type"),
        Rule::int_range => ("rentang (`1..5`)", "a range (`1..5`)"),
        Rule::input_kind => ("`employee` atau `position`", "`employee` or `position`"),
        Rule::field_path => (
            "jalur field (`pegawai.nip`)",
            "a field path (`pegawai.nip`)",
        ),
        Rule::param_list | Rule::param => ("parameter", "a parameter"),
        Rule::table_row | Rule::pattern | Rule::wildcard => {
            ("baris tabel (`\"a\" -> 1`)", "a table row (`\"a\" -> 1`)")
        }
        Rule::none_value => ("`none`", "`none`"),
        Rule::basis => ("`basis \"...\"`", "`basis \"...\"`"),
        Rule::applies => ("`applies when ...`", "`applies when ...`"),
        Rule::unknown_when => ("`unknown when ...`", "`unknown when ...`"),
        Rule::requires => ("`requires ...`", "`requires ...`"),
        Rule::owes | Rule::owes_each => ("`owes ... unless ...`", "`owes ... unless ...`"),
        Rule::score_part => ("`part nama max N = ...`", "`part name max N = ...`"),
        Rule::subjects => ("`for pegawai, formasi`", "`for pegawai, formasi`"),
        Rule::requirements => ("`requirements`", "`requirements`"),
        Rule::prerequisites => ("`prerequisites`", "`prerequisites`"),
        Rule::scored_by => ("`scored by`", "`scored by`"),
        Rule::eligible_from => ("`eligible_from within ...`", "`eligible_from within ...`"),
        Rule::name_list => ("daftar nama", "a list of names"),
        Rule::or_op | Rule::and_op => ("`and` atau `or`", "`and` or `or`"),
        Rule::not_op | Rule::not_in | Rule::is_not => ("`not`", "`not`"),
        Rule::compare | Rule::compare_op | Rule::single_eq => {
            ("operator pembanding", "a comparison operator")
        }
        Rule::membership => ("`in`", "`in`"),
        Rule::is_test | Rule::is_what => (
            "`is absent`, `is present` atau `is empty`",
            "`is absent`, `is present` or `is empty`",
        ),
        Rule::add_op | Rule::mul_op | Rule::negate => ("operator hitung", "an arithmetic operator"),
        Rule::field_access => ("`.field`", "`.field`"),
        Rule::index => ("`[...]`", "`[...]`"),
        Rule::unit => (
            "satuan (`tahun`, `bulan`, `hari`)",
            "a unit (`tahun`, `bulan`, `hari`)",
        ),
        Rule::cast => ("`as`", "`as`"),
        Rule::filter => ("`where ...`", "`where ...`"),
        Rule::body => ("`: ...`", "`: ...`"),
        Rule::quantifier_kind => (
            "kuantor (`any`, `all`, `sum`, ...)",
            "a quantifier (`any`, `all`, `sum`, ...)",
        ),
        _ => ("ekspresi", "an expression"),
    };
    Text::new(id, en)
}

/// Brackets nested deeper than the parser accepts.
pub fn too_deep(file: FileId, at: usize, limit: usize) -> Problem {
    Problem::error(
        "syntax::too_deep",
        bi!(
            "kurung bersarang terlalu dalam (lebih dari {limit} tingkat)",
            "brackets nested too deeply (more than {limit} levels)"
        ),
    )
    .at(
        Span::new(file, at, at + 1),
        bi!("tingkat ke-{}", "level {}", limit + 1),
    )
    .help(bi!(
        "pecah ungkapan ini menjadi beberapa `define` yang diberi nama",
        "split the expression into several named `define`s"
    ))
}
