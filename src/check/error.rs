//! The checker's diagnostics, one constructor each, in both languages.
//!
//! Codes are stable (`check::unknown_field`) and documented in docs/diagnostics.md.

use crate::bi;
use crate::diagnostic::Problem;
use crate::lang::Lang;
use crate::lang::{Text, name_list};
use crate::source::Span;
use crate::suggest::did_you_mean;

/// "did you mean `x`?" or, failing that, the valid names.
pub fn suggestion(name: &str, candidates: &[&str], kind: &Text) -> Option<Text> {
    if candidates.is_empty() {
        return None;
    }
    if let Some(close) = did_you_mean(name, candidates) {
        return Some(bi!("maksud Anda `{close}`?", "did you mean `{close}`?"));
    }
    let mut sorted: Vec<String> = candidates.iter().map(|c| c.to_string()).collect();
    sorted.sort();
    let (kind_id, kind_en) = (&kind.id, &kind.en);
    let list_id = name_list(Lang::Id, &sorted);
    let list_en = name_list(Lang::En, &sorted);
    Some(bi!(
        "{kind_id} yang ada: {list_id}",
        "the {kind_en} are: {list_en}"
    ))
}

pub fn duplicate_name(name: &str, span: Span, first: Span) -> Problem {
    Problem::error(
        "check::duplicate_name",
        bi!(
            "nama `{name}` dideklarasikan dua kali",
            "`{name}` is declared twice"
        ),
    )
    .at(span, bi!("deklarasi kedua", "second declaration"))
    .note(
        first,
        bi!("deklarasi pertama di sini", "first declared here"),
    )
    .help(bi!(
        "beri salah satunya nama lain; id aturan harus unik di seluruh direktori aturan",
        "rename one of them; ids must be unique across the rules directory"
    ))
}

pub fn unknown_name(name: &str, span: Span, candidates: &[&str]) -> Problem {
    Problem::error(
        "check::unknown_name",
        bi!("nama `{name}` tidak dikenal", "unknown name `{name}`"),
    )
    .at(
        span,
        bi!("tidak dideklarasikan di mana pun", "not declared anywhere"),
    )
    .help_if(suggestion(name, candidates, &Text::new("nama", "names")))
}

pub fn unknown_field(field: &str, record: &str, span: Span, candidates: &[&str]) -> Problem {
    Problem::error(
        "check::unknown_field",
        bi!(
            "field `{field}` tidak ada pada `{record}`",
            "unknown field `{field}` on `{record}`"
        ),
    )
    .at(
        span,
        bi!(
            "`{record}` tidak memiliki field dengan nama ini",
            "`{record}` has no field with this name"
        ),
    )
    .help_if(suggestion(field, candidates, &Text::new("field", "fields")))
}

pub fn unknown_type(name: &str, span: Span, candidates: &[&str]) -> Problem {
    let help = match did_you_mean(name, candidates) {
        Some(close) => bi!("maksud Anda `{close}`?", "did you mean `{close}`?"),
        None => bi!(
            "tipe dasar: `text`, `integer`, `boolean`, `date`, `days`, `months`; selain itu nama enum atau record yang dideklarasikan",
            "the basic types are `text`, `integer`, `boolean`, `date`, `days`, `months`; otherwise the name of a declared enum or record"
        ),
    };
    Problem::error(
        "check::unknown_type",
        bi!("tipe `{name}` tidak dikenal", "unknown type `{name}`"),
    )
    .at(
        span,
        bi!(
            "bukan tipe dasar, enum, atau record",
            "not a basic type, enum or record"
        ),
    )
    .help(help)
}
pub fn unknown_enum_value(value: &str, enum_name: &str, span: Span, values: &[&str]) -> Problem {
    // An enum has few values: show them all, unless one is clearly meant.
    let help = match did_you_mean(value, values) {
        Some(close) => bi!("maksud Anda `{close}`?", "did you mean `{close}`?"),
        None => {
            let all = values
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ");
            bi!(
                "nilai `{enum_name}`: {all}",
                "the values of `{enum_name}`: {all}"
            )
        }
    };
    Problem::error(
        "check::unknown_enum_value",
        bi!(
            "`{value}` bukan nilai `{enum_name}`",
            "`{value}` is not a value of `{enum_name}`"
        ),
    )
    .at(span, bi!("nilai tidak dikenal", "unknown value"))
    .help(help)
}
/// Two sides of an operator that do not go together, with both shown.
pub fn operands_mismatch(
    operator: &str,
    left: (&str, Span),
    right: (&str, Span),
    help: Option<Text>,
) -> Problem {
    let (left_type, left_span) = left;
    let (right_type, right_span) = right;
    Problem::error(
        "check::type_mismatch",
        bi!(
            "`{operator}` tidak dapat dipakai pada {left_type} dan {right_type}",
            "`{operator}` cannot combine {left_type} and {right_type}"
        ),
    )
    .at(left_span, bi!("ini {left_type}", "this is {left_type}"))
    .note(right_span, bi!("ini {right_type}", "this is {right_type}"))
    .help_if(help)
}

pub fn wrong_arity(
    name: &str,
    expected: usize,
    found: usize,
    span: Span,
    declared: Option<Span>,
) -> Problem {
    let problem = Problem::error(
        "check::wrong_arity",
        bi!(
            "`{name}` memerlukan {expected} argumen, diberi {found}",
            "`{name}` takes {expected} argument(s), {found} given"
        ),
    )
    .at(span, bi!("{found} argumen", "{found} argument(s)"));
    match declared {
        Some(at) => problem.note(at, bi!("dideklarasikan di sini", "declared here")),
        None => problem,
    }
}

pub fn cycle(names: &[String], span: Span, links: &[(Span, String)]) -> Problem {
    let path = names.join(" -> ");
    let mut problem = Problem::error(
        "check::cycle",
        bi!(
            "definisi saling bergantung melingkar: {path}",
            "definitions depend on each other in a cycle: {path}"
        ),
    )
    .at(span, bi!("awal lingkaran", "the cycle starts here"));
    for (at, target) in links {
        problem = problem.note(*at, bi!("memakai `{target}`", "uses `{target}`"));
    }
    problem.help(bi!(
        "sebuah nilai tidak dapat dihitung dari dirinya sendiri; putuskan salah satu ketergantungan",
        "a value cannot be computed from itself; break one of these uses"
    ))
}

pub fn unused(kind: &Text, name: &str, span: Span) -> Problem {
    let (kind_id, kind_en) = (&kind.id, &kind.en);
    Problem::warning(
        "check::unused",
        bi!(
            "{kind_id} `{name}` tidak dipakai",
            "{kind_en} `{name}` is never used"
        ),
    )
    .at(
        span,
        bi!(
            "tidak dipakai oleh keputusan atau validasi mana pun",
            "no decision or validation uses it"
        ),
    )
    .help(bi!(
        "hapus bila memang tidak diperlukan, atau pakai dalam keputusan",
        "remove it if it is not needed, or use it in a decision"
    ))
}

pub fn not_constant(name: &str, span: Span) -> Problem {
    Problem::error(
        "check::not_constant",
        bi!("nilai `{name}` harus konstan", "the value of `{name}` must be a constant"),
    )
    .at(span, bi!("bergantung pada data pegawai/formasi atau tanggal evaluasi", "depends on records or the evaluation date"))
    .help(bi!(
        "parameter dan isi tabel hanya boleh berisi literal, parameter lain, dan hitungan atasnya; gunakan `define` untuk nilai yang dihitung dari data",
        "parameters and table cells may only hold literals, other parameters and arithmetic on them; use `define` for values computed from records"
    ))
}

pub fn needs_call(name: &str, span: Span, params: usize) -> Problem {
    Problem::error(
        "check::needs_arguments",
        bi!(
            "`{name}` memerlukan {params} argumen",
            "`{name}` takes {params} argument(s)"
        ),
    )
    .at(span, bi!("dipakai tanpa argumen", "used without arguments"))
    .help(bi!(
        "panggil dengan argumen: `{name}(...)`",
        "call it with arguments: `{name}(...)`"
    ))
}

pub fn list_field_access(field: &str, list_path: &str, span: Span) -> Problem {
    Problem::error(
        "check::field_of_list",
        bi!(
            "`{list_path}` adalah daftar; field `{field}` ada pada setiap unsurnya",
            "`{list_path}` is a list; `{field}` is a field of each element"
        ),
    )
    .at(span, bi!("daftar, bukan record", "a list, not a record"))
    .help(bi!(
        "pakai kuantor, mis. `any x in {list_path}: x.{field} == ...`",
        "use a quantifier, e.g. `any x in {list_path}: x.{field} == ...`"
    ))
}

pub fn not_ordered(enum_name: &str, span: Span) -> Problem {
    Problem::error(
        "check::unordered_enum",
        bi!("nilai `{enum_name}` tidak berurutan", "the values of `{enum_name}` have no order"),
    )
    .at(span, bi!("dibandingkan dengan <, >, <= atau >=", "compared with <, >, <= or >="))
    .help(bi!(
        "bandingkan dengan `==`/`in`, atau deklarasikan enum berurutan dengan `<`: `enum {enum_name} = a < b < c`",
        "compare with `==`/`in`, or declare the enum ordered with `<`: `enum {enum_name} = a < b < c`"
    ))
}

pub fn invalid_regex(pattern: &str, span: Span, reason: &str) -> Problem {
    Problem::error(
        "check::invalid_pattern",
        bi!("pola `{pattern}` tidak sah", "invalid pattern `{pattern}`"),
    )
    .at(span, bi!("{reason}", "{reason}"))
}

pub fn wrong_subject(
    kind: &Text,
    name: &str,
    subject: &str,
    span: Span,
    decision: &str,
) -> Problem {
    let (kind_id, kind_en) = (&kind.id, &kind.en);
    Problem::error(
        "check::wrong_subject",
        bi!(
            "{kind_id} `{name}` membaca `{subject}`, padahal keputusan `{decision}` tidak menilai `{subject}`",
            "{kind_en} `{name}` reads `{subject}`, which decision `{decision}` does not decide over"
        ),
    )
    .at(span, bi!("dipakai di sini", "used here"))
    .help(bi!(
        "tambahkan `{subject}` ke `for` keputusan, atau pakai aturan yang tidak membaca `{subject}`",
        "add `{subject}` to the decision's `for`, or use a rule that does not read `{subject}`"
    ))
}
