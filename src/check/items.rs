//! Checking each kind of item: parameters, definitions, tables, rules, prerequisites, scores,
//! decisions and data validations.

use super::checked::{self, Const, Deps, ExprKind, Owes, Pattern, ScorePart, TableRow};
use super::error;
use super::schema_builder::resolve_type;
use super::types::{Frame, Typer};
use crate::ast::{self, InputKind, Literal};
use crate::bi;
use crate::date::Date;
use crate::diagnostic::Problem;
use crate::lang::Text;
use crate::schema::Type;

pub fn parameter(typer: &mut Typer<'_>, decl: &ast::ParameterDecl) -> checked::Parameter {
    let mut frame = Frame::new();
    let declared = decl
        .ty
        .as_ref()
        .map(|ty| resolve_type(typer.schema, ty, &mut typer.problems));
    let value = typer.expr(&decl.value, &mut frame, declared.as_ref());
    if let Some(declared) = &declared {
        typer.expect(
            &frame,
            &value,
            declared,
            bi!(
                "nilai parameter `{}`",
                "value of parameter `{}`",
                decl.name.text
            ),
        );
    }
    if !value.ty.is_error() && !Typer::is_constant(&value) {
        typer
            .problems
            .push(error::not_constant(&decl.name.text, value.span));
    }
    checked::Parameter {
        name: decl.name.text.clone(),
        ty: declared.unwrap_or_else(|| value.ty.clone()),
        value,
        span: decl.name.span,
    }
}

pub fn definition(typer: &mut Typer<'_>, decl: &ast::DefineDecl) -> checked::Definition {
    let mut frame = Frame::new();
    let body = typer.expr(&decl.body, &mut frame, None);
    checked::Definition {
        name: decl.name.text.clone(),
        body,
        locals: frame.locals,
        span: decl.name.span,
    }
}

/// A definition whose parameters all have types is checked once where it is declared, so its
/// mistakes are reported even when nothing uses it yet. (Untyped parameters make a template,
/// checked at each use.)
pub fn function_body(typer: &mut Typer<'_>, decl: &ast::DefineDecl) {
    let params = decl.params.as_deref().unwrap_or_default();
    if params.iter().any(|p| p.ty.is_none()) {
        return;
    }
    let mut frame = Frame::new();
    for param in params {
        if let Some(ty) = &param.ty {
            let ty = resolve_type(typer.schema, ty, &mut typer.problems);
            frame.bind(&param.name.text, ty);
        }
    }
    let _ = typer.expr(&decl.body, &mut frame, None);
}

pub fn table(typer: &mut Typer<'_>, decl: &ast::TableDecl) -> (checked::Table, Vec<Type>) {
    let params: Vec<Type> = decl
        .params
        .iter()
        .map(|p| match &p.ty {
            Some(ty) => resolve_type(typer.schema, ty, &mut typer.problems),
            None => Type::Error,
        })
        .collect();
    let result = resolve_type(typer.schema, &decl.result, &mut typer.problems);
    let mut rows = Vec::new();
    let mut catch_all: Option<&ast::TableRow> = None;
    for row in &decl.rows {
        if let Some(earlier) = catch_all {
            typer.problems.push(
                Problem::warning(
                    "check::unreachable_row",
                    bi!(
                        "baris tabel ini tidak pernah dipakai",
                        "this table row is never used"
                    ),
                )
                .at(row.span, bi!("tidak terjangkau", "unreachable"))
                .note(
                    earlier.span,
                    bi!(
                        "baris `_` sebelumnya cocok untuk semua nilai",
                        "the earlier `_` row matches every value"
                    ),
                ),
            );
        }
        if row.patterns.len() != params.len() {
            let (expected, found) = (params.len(), row.patterns.len());
            typer.problems.push(
                Problem::error(
                    "check::wrong_arity",
                    bi!(
                        "baris tabel memiliki {found} pola, tabel memiliki {expected} parameter",
                        "the row has {found} pattern(s), the table has {expected} parameter(s)"
                    ),
                )
                .at(row.span, bi!("{found} pola", "{found} pattern(s)")),
            );
            continue;
        }
        let patterns = row
            .patterns
            .iter()
            .zip(&params)
            .map(|(pattern, ty)| table_pattern(typer, pattern, ty))
            .collect::<Vec<_>>();
        if row
            .patterns
            .iter()
            .all(|p| matches!(p, ast::Pattern::Any(_)))
            && catch_all.is_none()
        {
            catch_all = Some(row);
        }
        let value = row.value.as_ref().map(|value| {
            let mut frame = Frame::new();
            let checked = typer.expr(value, &mut frame, Some(&result));
            typer.expect(
                &frame,
                &checked,
                &result,
                bi!("nilai tabel `{}`", "value of table `{}`", decl.name.text),
            );
            if !checked.ty.is_error() && !Typer::is_constant(&checked) {
                typer
                    .problems
                    .push(error::not_constant(&decl.name.text, checked.span));
            }
            checked
        });
        rows.push(TableRow {
            patterns,
            value,
            span: row.span,
        });
    }
    if catch_all.is_none() {
        let underscores = vec!["_"; params.len()].join(", ");
        typer.problems.push(
            Problem::error(
                "check::table_not_exhaustive",
                bi!("tabel `{}` tidak memiliki baris untuk nilai lain", "table `{}` has no row for other values", decl.name.text),
            )
            .at(decl.name.span, bi!("bisa tidak menemukan baris", "may find no row"))
            .help(bi!(
                "tambahkan baris terakhir `{underscores} -> ...` (atau `-> none`) untuk semua nilai lain, termasuk yang tidak diisi",
                "add a last row `{underscores} -> ...` (or `-> none`) for every other value, a missing one too"
            )),
        );
    }
    let table = checked::Table {
        name: decl.name.text.clone(),
        result,
        rows,
        span: decl.name.span,
    };
    (table, params)
}

fn table_pattern(typer: &mut Typer<'_>, pattern: &ast::Pattern, ty: &Type) -> Pattern {
    match pattern {
        ast::Pattern::Any(_) => Pattern::Any,
        ast::Pattern::Missing(_) => Pattern::Missing,
        ast::Pattern::Literal(literal, span) => {
            let value = match (literal, ty) {
                (Literal::Text(text), Type::Enum(id)) => {
                    match typer.enum_value(*id, text, *span, &Frame::new()) {
                        Some(index) => Const::Enum(*id, index),
                        None => return Pattern::Any,
                    }
                }
                (Literal::Text(text), Type::Text) => Const::Text(text.clone()),
                (Literal::Integer(n), Type::Int) => Const::Int(*n),
                (Literal::Bool(b), Type::Bool) => Const::Bool(*b),
                (Literal::Date(d), Type::Date) => Const::Date(Date(*d)),
                (_, Type::Error) => return Pattern::Any,
                _ => {
                    let expected = ty.describe(typer.schema, crate::lang::Lang::Id);
                    let expected_en = ty.describe(typer.schema, crate::lang::Lang::En);
                    typer.problems.push(
                        Problem::error(
                            "check::type_mismatch",
                            bi!(
                                "pola tabel: diharapkan {expected}",
                                "table pattern: expected {expected_en}"
                            ),
                        )
                        .at(*span, bi!("pola bertipe lain", "a pattern of another type")),
                    );
                    return Pattern::Any;
                }
            };
            Pattern::Value(value)
        }
    }
}

pub fn rule(typer: &mut Typer<'_>, decl: &ast::RuleDecl) -> checked::Rule {
    let mut frame = Frame::new();
    let applies = decl
        .applies
        .as_ref()
        .map(|a| typer.boolean(a, &mut frame, bi!("`applies when`", "`applies when`")));
    let unknown_when: Vec<checked::Expr> = decl
        .unknown_when
        .iter()
        .map(|u| typer.boolean(u, &mut frame, bi!("`unknown when`", "`unknown when`")))
        .collect();
    let requires = typer.boolean(&decl.requires, &mut frame, bi!("`requires`", "`requires`"));
    let mut deps = requires.deps;
    for e in applies.iter().chain(&unknown_when) {
        deps = deps.union(e.deps);
    }
    checked::Rule {
        id: decl.name.text.clone(),
        title: decl.title.text.clone(),
        basis: decl.basis.text.clone(),
        applies,
        unknown_when,
        requires,
        locals: frame.locals,
        span: decl.name.span,
        deps,
    }
}

pub fn prerequisite(typer: &mut Typer<'_>, decl: &ast::PrerequisiteDecl) -> checked::Prerequisite {
    let mut frame = Frame::new();
    let applies = decl
        .applies
        .as_ref()
        .map(|a| typer.boolean(a, &mut frame, bi!("`applies when`", "`applies when`")));
    let (owes, unless) = match &decl.owes {
        ast::Owes::One(code) => {
            let code = typer.expr(code, &mut frame, None);
            expect_code(typer, &code, &code.ty);
            let unless = typer.boolean(&decl.unless, &mut frame, bi!("`unless`", "`unless`"));
            (Owes::One(code), unless)
        }
        ast::Owes::Each { var, list } => {
            let list = typer.expr(list, &mut frame, None);
            let element = match &list.ty {
                Type::List(element) => (**element).clone(),
                Type::Error => Type::Error,
                _ => {
                    typer.expect(
                        &frame,
                        &list,
                        &Type::List(Box::new(Type::Text)),
                        bi!("`owes each`", "`owes each`"),
                    );
                    Type::Error
                }
            };
            expect_code(typer, &list, &element);
            let var = frame.bind(&var.text, element);
            let unless = typer.boolean(&decl.unless, &mut frame, bi!("`unless`", "`unless`"));
            (Owes::Each { var, list }, unless)
        }
    };
    let mut deps = unless.deps;
    if let Some(a) = &applies {
        deps = deps.union(a.deps);
    }
    match &owes {
        Owes::One(code) => deps = deps.union(code.deps),
        Owes::Each { var, list } => deps = deps.binding(*var).union(list.deps),
    }
    checked::Prerequisite {
        id: decl.name.text.clone(),
        title: decl.title.text.clone(),
        basis: decl.basis.text.clone(),
        applies,
        owes,
        unless,
        locals: frame.locals,
        span: decl.name.span,
        deps,
    }
}

/// What is owed is a training code: text or an enum value.
fn expect_code(typer: &mut Typer<'_>, expr: &checked::Expr, ty: &Type) {
    if matches!(ty, Type::Text | Type::Enum(_) | Type::Error) {
        return;
    }
    let found = ty.describe(typer.schema, crate::lang::Lang::Id);
    let found_en = ty.describe(typer.schema, crate::lang::Lang::En);
    typer.problems.push(
        Problem::error(
            "check::type_mismatch",
            bi!(
                "yang terutang harus kode pelatihan (teks atau enum), bukan {found}",
                "what is owed must be a training code (text or enum), not {found_en}"
            ),
        )
        .at(expr.span, bi!("bertipe {found}", "this is {found_en}")),
    );
}

pub fn score(typer: &mut Typer<'_>, decl: &ast::ScoreDecl) -> checked::Score {
    let mut parts: Vec<ScorePart> = Vec::new();
    for part in &decl.parts {
        if let Some(first) = decl
            .parts
            .iter()
            .find(|p| p.name.text == part.name.text && p.name.span != part.name.span)
        {
            if first.name.span < part.name.span {
                typer.problems.push(error::duplicate_name(
                    &part.name.text,
                    part.name.span,
                    first.name.span,
                ));
                continue;
            }
        }
        if part.max <= 0 {
            typer.problems.push(
                Problem::error(
                    "check::score_max",
                    bi!(
                        "nilai maksimum bagian skor harus lebih dari 0",
                        "a score part's maximum must be above 0"
                    ),
                )
                .at(part.max_span, bi!("maksimum {}", "maximum {}", part.max)),
            );
        }
        let mut frame = Frame::new();
        let value = typer.expr(&part.value, &mut frame, Some(&Type::Int));
        typer.expect(
            &frame,
            &value,
            &Type::Int,
            bi!("bagian skor `{}`", "score part `{}`", part.name.text),
        );
        parts.push(ScorePart {
            name: part.name.text.clone(),
            title: part.title.as_ref().map(|t| t.text.clone()),
            max: part.max,
            value,
            locals: frame.locals,
            span: part.name.span,
        });
    }
    checked::Score {
        name: decl.name.text.clone(),
        title: decl.title.text.clone(),
        parts,
        span: decl.name.span,
    }
}

/// Where the problem with a use of a decision's member is.
pub struct Member<'m> {
    pub kind: Text,
    pub name: &'m ast::Name,
    pub deps: Deps,
}

/// Reports a member of a one-subject decision that reads the position.
pub fn member_subject(
    typer: &mut Typer<'_>,
    member: &Member<'_>,
    decision: &ast::DecisionDecl,
    pair: bool,
) {
    if pair || !member.deps.position {
        return;
    }
    let position = typer
        .schema
        .position
        .as_ref()
        .map_or_else(|| String::from("formasi"), |p| p.name.clone());
    typer.problems.push(error::wrong_subject(
        &member.kind,
        &member.name.text,
        &position,
        member.name.span,
        &decision.name.text,
    ));
}

/// The subjects of a decision: whether it is over pairs, after checking the names.
pub fn decision_subjects(typer: &mut Typer<'_>, decl: &ast::DecisionDecl) -> bool {
    let employee = typer.schema.employee.as_ref().map(|i| i.name.clone());
    let position = typer.schema.position.as_ref().map(|i| i.name.clone());
    let mut names = decl.subjects.iter();
    let first = names.next();
    let second = names.next();
    let mut ok = true;
    if first.map(|n| &n.text) != employee.as_ref() {
        if let Some(first) = first {
            let expected = employee.clone().unwrap_or_default();
            typer.problems.push(
                Problem::error(
                    "check::decision_subject",
                    bi!(
                        "keputusan dimulai dengan masukan pegawai `{expected}`",
                        "a decision starts with the employee input `{expected}`"
                    ),
                )
                .at(
                    first.span,
                    bi!("bukan masukan pegawai", "not the employee input"),
                )
                .help(bi!(
                    "tulis `for {expected}` atau `for {expected}, <formasi>`",
                    "write `for {expected}` or `for {expected}, <position>`"
                )),
            );
        }
        ok = false;
    }
    if let Some(second) = second {
        if Some(&second.text) != position.as_ref() {
            let expected = position.unwrap_or_default();
            typer.problems.push(
                Problem::error(
                    "check::decision_subject",
                    bi!(
                        "subjek kedua keputusan adalah masukan formasi `{expected}`",
                        "the second subject of a decision is the position input `{expected}`"
                    ),
                )
                .at(
                    second.span,
                    bi!("bukan masukan formasi", "not the position input"),
                ),
            );
        }
    }
    ok && second.is_some()
}

/// `eligible_from within D`: a constant duration.
pub fn eligible_within(typer: &mut Typer<'_>, expr: &ast::Expr) -> checked::Expr {
    let mut frame = Frame::new();
    let checked = typer.expr(expr, &mut frame, Some(&Type::Months));
    if !matches!(checked.ty, Type::Months | Type::Days | Type::Error) {
        typer.expect(
            &frame,
            &checked,
            &Type::Months,
            bi!("`eligible_from within`", "`eligible_from within`"),
        );
    } else if !checked.ty.is_error() && !Typer::is_constant(&checked) {
        typer
            .problems
            .push(error::not_constant("eligible_from", checked.span));
    }
    checked
}

pub fn validation(typer: &mut Typer<'_>, decl: &ast::ValidateDecl) -> Option<checked::Validation> {
    let mut path = decl.path.iter();
    let input_name = path.next()?;
    let (kind, input) = match (&typer.schema.employee, &typer.schema.position) {
        (Some(e), _) if e.name == input_name.text => (InputKind::Employee, e.clone()),
        (_, Some(p)) if p.name == input_name.text => (InputKind::Position, p.clone()),
        _ => {
            let names: Vec<&str> = [&typer.schema.employee, &typer.schema.position]
                .into_iter()
                .flatten()
                .map(|i| i.name.as_str())
                .collect();
            typer.problems.push(error::unknown_name(
                &input_name.text,
                input_name.span,
                &names,
            ));
            return None;
        }
    };
    let mut record = input.record;
    let mut field_path = Vec::new();
    for field in path {
        let record_type = typer.schema.record(record)?;
        let Some(index) = record_type.field_index(&field.text) else {
            let names: Vec<&str> = record_type.fields.iter().map(|f| f.name.as_str()).collect();
            typer.problems.push(error::unknown_field(
                &field.text,
                &record_type.name,
                field.span,
                &names,
            ));
            return None;
        };
        field_path.push(index);
        if let Some(Type::Record(inner)) = record_type.field(index).map(|f| &f.ty) {
            record = *inner;
        }
    }
    let mut frame = Frame::new();
    let applies = decl
        .applies
        .as_ref()
        .map(|a| typer.boolean(a, &mut frame, bi!("`applies when`", "`applies when`")));
    let requires = typer.boolean(&decl.requires, &mut frame, bi!("`requires`", "`requires`"));
    for expr in applies.iter().chain(std::iter::once(&requires)) {
        let other_input = match kind {
            InputKind::Employee => expr.deps.position,
            InputKind::Position => expr.deps.employee,
        };
        if other_input || expr.deps.date || reads_rule_or_definition(expr) {
            typer.problems.push(
                Problem::error(
                    "check::validation_scope",
                    bi!(
                        "validasi data hanya membaca record `{}` itu sendiri",
                        "a data validation reads only its own `{}` record",
                        input.name
                    ),
                )
                .at(
                    expr.span,
                    bi!(
                        "membaca data lain, tanggal evaluasi, aturan atau definisi",
                        "reads other records, the evaluation date, a rule or a definition"
                    ),
                )
                .help(bi!(
                    "validasi dijalankan saat data dimuat, sebelum evaluasi",
                    "validations run when the data is loaded, before any evaluation"
                )),
            );
        }
    }
    Some(checked::Validation {
        id: decl.name.text.clone(),
        input: kind,
        field_path,
        message: decl.message.text.clone(),
        applies,
        requires,
        locals: frame.locals,
        span: decl.name.span,
    })
}

fn reads_rule_or_definition(expr: &checked::Expr) -> bool {
    let mut found = false;
    super::walk::visit(expr, &mut |e| {
        if matches!(e.kind, ExprKind::Rule(_) | ExprKind::Definition(_)) {
            found = true;
        }
    });
    found
}

/// `shortlist ...`: the decision must decide pairs; open slots read the position only; the
/// rotation condition reads the employee only; rank keys are ordered values.
pub(super) fn shortlist(
    typer: &mut Typer<'_>,
    ids: &super::Ids,
    slots: &super::Slots,
    decl: &ast::ShortlistDecl,
) -> Option<checked::Shortlist> {
    let decision_index = typer
        .rules
        .items
        .iter()
        .enumerate()
        .find(
            |(_, item)| matches!(item, ast::Item::Decision(d) if d.name.text == decl.decision.text),
        )
        .map(|(index, _)| index);
    let Some(decision_index) = decision_index else {
        let names: Vec<&str> = typer
            .rules
            .items
            .iter()
            .filter_map(|item| match item {
                ast::Item::Decision(d) => Some(d.name.text.as_str()),
                _ => None,
            })
            .collect();
        typer.problems.push(error::unknown_name(
            &decl.decision.text,
            decl.decision.span,
            &names,
        ));
        return None;
    };
    let decision = checked::DecisionId::from_index(ids.of(decision_index));
    if let Some(Some(def)) = slots.decisions.get(decision.index()) {
        if !def.pair {
            typer.problems.push(
                Problem::error(
                    "check::decision_subject",
                    bi!(
                        "daftar calon memerlukan keputusan atas pegawai dan formasi",
                        "a shortlist needs a decision over employees and positions"
                    ),
                )
                .at(
                    decl.decision.span,
                    bi!(
                        "keputusan atas pegawai saja",
                        "a decision over employees only"
                    ),
                ),
            );
        }
    }
    let mut frame = Frame::new();
    let open = typer.expr(&decl.open, &mut frame, Some(&Type::Int));
    typer.expect(
        &frame,
        &open,
        &Type::Int,
        bi!("`open slots`", "`open slots`"),
    );
    if open.deps.employee {
        typer.problems.push(one_side_only(open.span, true));
    }
    let group = decl.group.as_ref().map(|g| {
        let mut frame = Frame::new();
        let checked = typer.expr(g, &mut frame, Some(&Type::Text));
        typer.expect(
            &frame,
            &checked,
            &Type::Text,
            bi!("`grouped by`", "`grouped by`"),
        );
        if checked.deps.employee {
            typer.problems.push(one_side_only(checked.span, true));
        }
        checked
    });
    let mut include = Vec::new();
    for name in &decl.include {
        match checked::Decision::from_code(&name.text) {
            Some(outcome) if !include.contains(&outcome) => include.push(outcome),
            Some(_) => {
                let text = &name.text;
                typer.problems.push(
                    Problem::error(
                        "check::repeated_member",
                        bi!("`{text}` disebut dua kali", "`{text}` is listed twice"),
                    )
                    .at(name.span, bi!("sebutan kedua", "second mention")),
                );
            }
            None => {
                let codes: Vec<&str> = checked::Decision::ALL.iter().map(|d| d.code()).collect();
                let text = &name.text;
                typer.problems.push(
                    Problem::error(
                        "check::unknown_outcome",
                        bi!(
                            "`{text}` bukan hasil keputusan",
                            "`{text}` is not a decision outcome"
                        ),
                    )
                    .at(name.span, bi!("tidak dikenal", "unknown"))
                    .help_if(error::suggestion(
                        text,
                        &codes,
                        &Text::new("hasil", "outcomes"),
                    )),
                );
            }
        }
    }
    let rank = decl
        .rank
        .iter()
        .filter_map(|key| rank_key(typer, key))
        .collect();
    let top = match decl.top {
        Some((n, span)) if n <= 0 => {
            typer.problems.push(
                Problem::error(
                    "check::score_max",
                    bi!("`top` harus lebih dari 0", "`top` must be above 0"),
                )
                .at(span, bi!("{n}", "{n}")),
            );
            10
        }
        Some((n, _)) => usize::try_from(n).unwrap_or(usize::MAX),
        None => 10,
    };
    let rotation = decl.rotation.as_ref().map(|r| {
        let mut frame = Frame::new();
        let checked = typer.boolean(r, &mut frame, bi!("`rotation when`", "`rotation when`"));
        if checked.deps.position {
            typer.problems.push(one_side_only(checked.span, false));
        }
        checked
    });
    Some(checked::Shortlist {
        name: decl.name.text.clone(),
        title: decl.title.text.clone(),
        decision,
        open,
        group,
        include,
        rank,
        top,
        rotation,
        span: decl.name.span,
    })
}

fn rank_key(typer: &mut Typer<'_>, key: &ast::RankKey) -> Option<checked::RankKey> {
    let by = match &key.by {
        ast::RankBy::Decision => checked::RankBy::Decision,
        ast::RankBy::Score => checked::RankBy::Score,
        ast::RankBy::Expr(expr) => {
            let mut frame = Frame::new();
            let checked = typer.expr(expr, &mut frame, None);
            let ordered = match &checked.ty {
                Type::Int | Type::Text | Type::Date | Type::Days | Type::Months | Type::Error => {
                    true
                }
                Type::Enum(id) => typer.schema.enum_type(*id).is_some_and(|e| e.ordered),
                _ => false,
            };
            if !ordered {
                let found = checked.ty.describe(typer.schema, crate::lang::Lang::Id);
                let found_en = checked.ty.describe(typer.schema, crate::lang::Lang::En);
                typer.problems.push(
                    Problem::error(
                        "check::not_ordered",
                        bi!(
                            "kunci peringkat harus berurutan, bukan {found}",
                            "a rank key must be ordered, not {found_en}"
                        ),
                    )
                    .at(checked.span, bi!("bertipe {found}", "this is {found_en}")),
                );
                return None;
            }
            checked::RankBy::Expr(checked, frame.locals)
        }
    };
    Some(checked::RankKey {
        by,
        descending: key.descending,
    })
}

/// An expression that must read one side of the pair only.
fn one_side_only(span: crate::source::Span, position: bool) -> Problem {
    let (id, en) = if position {
        ("hanya boleh membaca formasi", "may read the position only")
    } else {
        ("hanya boleh membaca pegawai", "may read the employee only")
    };
    Problem::error(
        "check::wrong_subject",
        bi!("ungkapan ini {id}", "this expression {en}"),
    )
    .at(span, bi!("membaca sisi lain", "reads the other side"))
}

/// `classification ...` over the employee alone; the last status is the one without `when`.
pub(super) fn classification(
    typer: &mut Typer<'_>,
    decl: &ast::ClassificationDecl,
) -> Option<checked::Classification> {
    let pair = decision_subjects(
        typer,
        &ast::DecisionDecl {
            name: decl.name.clone(),
            title: decl.title.clone(),
            subjects: decl.subjects.clone(),
            requirements: Vec::new(),
            prerequisites: Vec::new(),
            score: None,
            eligible_from: None,
            span: decl.name.span,
        },
    );
    if pair {
        typer.problems.push(
            Problem::error(
                "check::decision_subject",
                bi!(
                    "klasifikasi menilai pegawai saja",
                    "a classification is over employees alone"
                ),
            )
            .at(
                decl.name.span,
                bi!("hapus subjek kedua", "remove the second subject"),
            ),
        );
    }
    let mut frame = Frame::new();
    let mut read_position: Vec<crate::source::Span> = Vec::new();
    let note = |expr: &checked::Expr, spans: &mut Vec<crate::source::Span>| {
        if expr.deps.position {
            spans.push(expr.span);
        }
    };
    let applies = decl
        .applies
        .as_ref()
        .map(|a| typer.boolean(a, &mut frame, bi!("`applies when`", "`applies when`")));
    let position = decl.position.as_ref().map(|p| {
        let checked = typer.expr(p, &mut frame, Some(&Type::Text));
        typer.expect(
            &frame,
            &checked,
            &Type::Text,
            bi!("`position`", "`position`"),
        );
        checked
    });
    let mut statuses = Vec::new();
    for status in &decl.statuses {
        let when = status
            .when
            .as_ref()
            .map(|w| typer.boolean(w, &mut frame, bi!("`when`", "`when`")));
        let listing = status.listing.as_ref().map(|l| {
            typer.listing = true;
            let checked = typer.expr(l, &mut frame, None);
            typer.listing = false;
            if !matches!(checked.ty, Type::List(_) | Type::Error)
                || !matches!(checked.kind, ExprKind::Quantifier(_))
            {
                typer.problems.push(
                    Problem::error(
                        "check::listing",
                        bi!(
                            "`listing` diikuti `each x in daftar: nilai`",
                            "`listing` is followed by `each x in list: value`"
                        ),
                    )
                    .at(checked.span, bi!("bukan `each`", "not an `each`")),
                );
            }
            checked
        });
        statuses.push(checked::Status {
            name: status.name.text.clone(),
            title: status.title.text.clone(),
            when,
            listing,
        });
    }
    for expr in applies.iter().chain(&position).chain(
        statuses
            .iter()
            .flat_map(|s| s.when.iter().chain(&s.listing)),
    ) {
        note(expr, &mut read_position);
    }
    let position_name = typer
        .schema
        .position
        .as_ref()
        .map_or_else(|| String::from("formasi"), |p| p.name.clone());
    for span in read_position {
        typer.problems.push(
            Problem::error(
                "check::wrong_subject",
                bi!(
                    "klasifikasi atas pegawai tidak memiliki `{position_name}` yang sedang dinilai",
                    "a classification over employees has no current `{position_name}`"
                ),
            )
            .at(
                span,
                bi!(
                    "membaca formasi yang sedang dinilai",
                    "reads the current position"
                ),
            )
            .help(bi!(
                "cari formasinya dengan kuncinya: `{position_name}[pegawai.jabatan.formasi]`",
                "look the position up by its key: `{position_name}[pegawai.jabatan.formasi]`"
            )),
        );
    }
    Some(checked::Classification {
        name: decl.name.text.clone(),
        title: decl.title.text.clone(),
        applies,
        position,
        statuses,
        locals: frame.locals,
        span: decl.name.span,
    })
}
