//! The `enum`, `record`, `employee` and `position` items -> [`Schema`].

use super::error;
use crate::ast::{self, InputKind, Item, RuleSet, TypeExpr};
use crate::bi;
use crate::diagnostic::{Problem, Problems};
use crate::schema::{EnumType, Field, Input, RecordId, RecordType, Schema, Type};

/// Builds the schema, reporting unknown types, bad keys and ranges, and missing inputs.
pub fn build(rules: &RuleSet, problems: &mut Problems) -> Schema {
    let mut schema = Schema::default();
    for item in &rules.items {
        if let Item::Enum(decl) = item {
            schema.enums.push(enum_type(decl, problems));
        }
    }
    // Record names first, so fields may refer to records declared later.
    for item in &rules.items {
        if let Item::Record(decl) = item {
            schema.records.push(RecordType {
                name: decl.name.text.clone(),
                fields: Vec::new(),
                span: decl.name.span,
            });
        }
    }
    let mut record_index = 0;
    for item in &rules.items {
        if let Item::Record(decl) = item {
            let fields = record_fields(&schema, decl, problems);
            if let Some(record) = schema.records.get_mut(record_index) {
                record.fields = fields;
            }
            record_index += 1;
        }
    }
    report_recursive_records(&schema, problems);
    for item in &rules.items {
        if let Item::Input(decl) = item {
            add_input(&mut schema, decl, problems);
        }
    }
    schema
}

fn enum_type(decl: &ast::EnumDecl, problems: &mut Problems) -> EnumType {
    let mut values: Vec<String> = Vec::new();
    for value in &decl.values {
        if values.contains(&value.text) {
            problems.push(
                Problem::error(
                    "check::duplicate_enum_value",
                    bi!(
                        "nilai `{}` muncul dua kali dalam `{}`",
                        "`{}` appears twice in `{}`",
                        value.text,
                        decl.name.text
                    ),
                )
                .at(value.span, bi!("nilai berulang", "repeated value")),
            );
        } else {
            values.push(value.text.clone());
        }
    }
    EnumType {
        name: decl.name.text.clone(),
        ordered: decl.ordered,
        values,
        span: decl.name.span,
    }
}

fn record_fields(schema: &Schema, decl: &ast::RecordDecl, problems: &mut Problems) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::new();
    for field in &decl.fields {
        if let Some(first) = fields.iter().find(|f| f.name == field.name.text) {
            problems.push(error::duplicate_name(
                &field.name.text,
                field.name.span,
                first.span,
            ));
            continue;
        }
        let optional = matches!(field.ty, TypeExpr::Optional(..));
        let ty = resolve_type(schema, &field.ty, problems);
        let range = integer_range(&field.ty, &ty, problems);
        let unique_by = field
            .unique_by
            .as_ref()
            .and_then(|name| unique_field(schema, &ty, name, problems));
        fields.push(Field {
            name: field.name.text.clone(),
            ty,
            optional,
            range,
            unique_by,
            span: field.name.span,
        });
    }
    fields
}

/// The type a type expression names. `optional` is a property of the field, not of the type.
pub fn resolve_type(schema: &Schema, ty: &TypeExpr, problems: &mut Problems) -> Type {
    match ty {
        TypeExpr::Optional(inner, _) => resolve_type(schema, inner, problems),
        TypeExpr::List(inner, _) => Type::List(Box::new(resolve_type(schema, inner, problems))),
        TypeExpr::Map(inner, _) => Type::Map(Box::new(resolve_type(schema, inner, problems))),
        TypeExpr::Named { name, .. } => match name.text.as_str() {
            "text" => Type::Text,
            "integer" => Type::Int,
            "boolean" => Type::Bool,
            "date" => Type::Date,
            "days" => Type::Days,
            "months" => Type::Months,
            other => {
                if let Some(id) = schema.enum_named(other) {
                    Type::Enum(id)
                } else if let Some(id) = schema.record_named(other) {
                    Type::Record(id)
                } else {
                    let mut names: Vec<&str> = super::names::BASIC_TYPES.to_vec();
                    names.extend(schema.enums.iter().map(|e| e.name.as_str()));
                    names.extend(schema.records.iter().map(|r| r.name.as_str()));
                    problems.push(error::unknown_type(other, name.span, &names));
                    Type::Error
                }
            }
        },
    }
}

/// The range of `integer 1..5` (also inside `map of` and `list of`).
fn integer_range(
    ty: &TypeExpr,
    resolved: &Type,
    problems: &mut Problems,
) -> Option<(i64, Option<i64>)> {
    match ty {
        TypeExpr::Optional(inner, _) | TypeExpr::List(inner, _) | TypeExpr::Map(inner, _) => {
            let inner_ty = match resolved {
                Type::List(t) | Type::Map(t) => t.as_ref(),
                other => other,
            };
            integer_range(inner, inner_ty, problems)
        }
        TypeExpr::Named {
            range: Some(range),
            name,
        } => {
            if *resolved != Type::Int {
                problems.push(
                    Problem::error(
                        "check::invalid_range",
                        bi!(
                            "rentang hanya untuk integer, bukan `{}`",
                            "a range is only for integers, not `{}`",
                            name.text
                        ),
                    )
                    .at(range.span, bi!("rentang", "range")),
                );
                return None;
            }
            if range.max.is_some_and(|max| max < range.min) {
                problems.push(
                    Problem::error("check::invalid_range", bi!("rentang kosong", "empty range"))
                        .at(
                            range.span,
                            bi!(
                                "batas atas lebih kecil dari batas bawah",
                                "upper bound below lower bound"
                            ),
                        ),
                );
                return None;
            }
            Some((range.min, range.max))
        }
        TypeExpr::Named { range: None, .. } => None,
    }
}

fn unique_field(
    schema: &Schema,
    ty: &Type,
    name: &ast::Name,
    problems: &mut Problems,
) -> Option<usize> {
    let Type::List(element) = ty else {
        problems.push(
            Problem::error(
                "check::invalid_unique",
                bi!(
                    "`unique` hanya untuk daftar record",
                    "`unique` is only for lists of records"
                ),
            )
            .at(
                name.span,
                bi!(
                    "field ini bukan daftar record",
                    "this field is not a list of records"
                ),
            ),
        );
        return None;
    };
    let Type::Record(record_id) = element.as_ref() else {
        return None;
    };
    let record = schema.record(*record_id)?;
    match record.field_index(&name.text) {
        Some(index) => Some(index),
        None => {
            let names: Vec<&str> = record.fields.iter().map(|f| f.name.as_str()).collect();
            problems.push(error::unknown_field(
                &name.text,
                &record.name,
                name.span,
                &names,
            ));
            None
        }
    }
}

/// A record that contains itself (directly or through others) cannot be written down in data.
fn report_recursive_records(schema: &Schema, problems: &mut Problems) {
    for (index, record) in schema.records.iter().enumerate() {
        let start = RecordId(u32::try_from(index).unwrap_or(u32::MAX));
        let mut stack = vec![start];
        let mut seen = vec![false; schema.records.len()];
        while let Some(current) = stack.pop() {
            let Some(current_record) = schema.record(current) else {
                continue;
            };
            for field in &current_record.fields {
                for inner in record_types_in(&field.ty) {
                    if inner == start
                        && !field.optional
                        && !matches!(field.ty, Type::List(_) | Type::Map(_))
                    {
                        problems.push(
                            Problem::error(
                                "check::recursive_record",
                                bi!(
                                    "record `{}` memuat dirinya sendiri",
                                    "record `{}` contains itself",
                                    record.name
                                ),
                            )
                            .at(
                                field.span,
                                bi!(
                                    "field ini mengarah kembali ke `{}`",
                                    "this field leads back to `{}`",
                                    record.name
                                ),
                            )
                            .help(bi!(
                                "jadikan field ini `optional` atau `list of`",
                                "make this field `optional` or a `list of`"
                            )),
                        );
                        return;
                    }
                    if let Some(flag) = seen.get_mut(inner.0 as usize) {
                        if !*flag {
                            *flag = true;
                            stack.push(inner);
                        }
                    }
                }
            }
        }
    }
}

fn record_types_in(ty: &Type) -> Vec<RecordId> {
    match ty {
        Type::Record(id) => vec![*id],
        Type::List(inner) | Type::Map(inner) => record_types_in(inner),
        _ => Vec::new(),
    }
}

fn add_input(schema: &mut Schema, decl: &ast::InputDecl, problems: &mut Problems) {
    let existing = match decl.kind {
        InputKind::Employee => &schema.employee,
        InputKind::Position => &schema.position,
    };
    if let Some(first) = existing {
        problems.push(error::duplicate_name(
            &decl.name.text,
            decl.name.span,
            first.span,
        ));
        return;
    }
    let Some(record_id) = schema.record_named(&decl.record.text) else {
        let names: Vec<&str> = schema.records.iter().map(|r| r.name.as_str()).collect();
        problems.push(error::unknown_type(
            &decl.record.text,
            decl.record.span,
            &names,
        ));
        return;
    };
    let Some(record) = schema.record(record_id) else {
        return;
    };
    let key = match record.field_index(&decl.key.text) {
        Some(key) => key,
        None => {
            let names: Vec<&str> = record.fields.iter().map(|f| f.name.as_str()).collect();
            problems.push(error::unknown_field(
                &decl.key.text,
                &record.name,
                decl.key.span,
                &names,
            ));
            return;
        }
    };
    if let Some(field) = record.field(key) {
        if field.ty != Type::Text || field.optional {
            problems.push(
                Problem::error(
                    "check::invalid_key",
                    bi!(
                        "kunci `{}` harus field teks yang wajib diisi",
                        "key `{}` must be a required text field",
                        decl.key.text
                    ),
                )
                .at(
                    decl.key.span,
                    bi!("bukan teks wajib", "not a required text"),
                ),
            );
            return;
        }
    }
    let input = Input {
        name: decl.name.text.clone(),
        record: record_id,
        key,
        span: decl.name.span,
    };
    match decl.kind {
        InputKind::Employee => schema.employee = Some(input),
        InputKind::Position => schema.position = Some(input),
    }
}
