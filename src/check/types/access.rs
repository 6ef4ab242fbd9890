//! Names and access: locals, globals and built-in inputs; fields, list indices and map keys.

use super::*;

impl Typer<'_> {
    pub(super) fn name(&mut self, name: &ast::Name, frame: &mut Frame) -> CExpr {
        let span = name.span;
        match frame.lookup(&name.text) {
            Some(Local::Value(id, ty)) => {
                return Typer::make(ExprKind::Local(*id), ty.clone(), span);
            }
            Some(Local::Function(item)) => {
                let params = self.function_arity(*item);
                let problem = error::needs_call(&name.text, span, params);
                self.report(frame, problem);
                return Typer::error_expr(span);
            }
            None => {}
        }
        match name.text.as_str() {
            "evaluation_date" => return Typer::make(ExprKind::EvaluationDate, Type::Date, span),
            "assessment_year" => return Typer::make(ExprKind::AssessmentYear, Type::Int, span),
            _ => {}
        }
        match self.globals.get(&name.text).cloned() {
            Some(Global::Parameter(id, ty)) => Typer::make(ExprKind::Parameter(id), ty, span),
            Some(Global::Definition(id, ty, deps)) => {
                let mut expr = Typer::make(ExprKind::Definition(id), ty, span);
                expr.deps = deps;
                expr
            }
            Some(Global::Rule(id, deps)) => {
                let mut expr = Typer::make(ExprKind::Rule(id), Type::Bool, span);
                expr.deps = deps;
                expr
            }
            Some(Global::Input(kind)) => {
                let record = self.schema.input(kind).map(|i| i.record);
                match record {
                    Some(record) => Typer::make(ExprKind::Input(kind), Type::Record(record), span),
                    None => Typer::error_expr(span),
                }
            }
            Some(Global::Function(item)) => {
                let params = self.function_arity(item);
                let problem = error::needs_call(&name.text, span, params);
                self.report(frame, problem);
                Typer::error_expr(span)
            }
            Some(Global::Table(_, params, _, _)) => {
                let problem = error::needs_call(&name.text, span, params.len());
                self.report(frame, problem);
                Typer::error_expr(span)
            }
            Some(Global::Enum(_)) => {
                let problem = Problem::error(
                    "check::type_as_value",
                    bi!(
                        "`{}` adalah enum, bukan nilai",
                        "`{}` is an enum, not a value",
                        name.text
                    ),
                )
                .at(span, bi!("nama tipe", "a type name"))
                .help(bi!(
                    "tulis nilainya sebagai teks (`\"Baik\"`), atau uji keanggotaan: `x in {}`",
                    "write the value as text (`\"Baik\"`), or test membership: `x in {}`",
                    name.text
                ));
                self.report(frame, problem);
                Typer::error_expr(span)
            }
            Some(Global::Other) => Typer::error_expr(span),
            None => {
                let mut candidates: Vec<&str> =
                    frame.scopes.iter().map(|(n, _)| n.as_str()).collect();
                candidates.extend(
                    self.globals
                        .iter()
                        .filter(|(_, g)| is_value(g))
                        .map(|(n, _)| n.as_str()),
                );
                candidates.extend(BUILTIN_VALUES);
                let problem = error::unknown_name(&name.text, span, &candidates);
                self.report(frame, problem);
                Typer::error_expr(span)
            }
        }
    }

    pub(super) fn function_arity(&self, item: usize) -> usize {
        match self.rules.items.get(item) {
            Some(ast::Item::Define(d)) => d.params.as_ref().map_or(0, Vec::len),
            _ => 0,
        }
    }

    pub(super) fn field(
        &mut self,
        base: &ast::Expr,
        field: &ast::Name,
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        let base = self.expr(base, frame, None);
        match &base.ty {
            Type::Record(record_id) => {
                let Some(record) = self.schema.record(*record_id) else {
                    return Typer::error_expr(span);
                };
                match record.field_index(&field.text) {
                    Some(index) => {
                        let ty = record
                            .fields
                            .get(index)
                            .map_or(Type::Error, |f| f.ty.clone());
                        Typer::make(ExprKind::Field(Box::new(base), index), ty, span)
                    }
                    None => {
                        let names: Vec<&str> =
                            record.fields.iter().map(|f| f.name.as_str()).collect();
                        let problem =
                            error::unknown_field(&field.text, &record.name, field.span, &names);
                        self.report(frame, problem);
                        Typer::error_expr(span)
                    }
                }
            }
            Type::List(_) => {
                let path = self.source_text(base.span);
                let problem = error::list_field_access(&field.text, &path, base.span);
                self.report(frame, problem);
                Typer::error_expr(span)
            }
            Type::Error => Typer::error_expr(span),
            other => {
                let found = self.describe(other);
                let found_en = other.describe(self.schema, Lang::En);
                let problem = Problem::error(
                    "check::field_of_non_record",
                    bi!(
                        "nilai bertipe {found} tidak memiliki field",
                        "a value of type {found_en} has no fields"
                    ),
                )
                .at(
                    field.span,
                    bi!(
                        "field `{}` dibaca di sini",
                        "field `{}` read here",
                        field.text
                    ),
                );
                self.report(frame, problem);
                Typer::error_expr(span)
            }
        }
    }

    /// The source text of a span (for messages that quote the writer's expression).
    pub(super) fn source_text(&self, span: Span) -> String {
        self.sources
            .slice(span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub(super) fn index(
        &mut self,
        base: &ast::Expr,
        index: &ast::Expr,
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        if let Some(kind) = self.input_table(base, frame) {
            return self.lookup(kind, index, frame, span);
        }
        let base = self.expr(base, frame, None);
        match base.ty.clone() {
            Type::List(item) => {
                let index = self.expr(index, frame, Some(&Type::Int));
                self.expect(
                    frame,
                    &index,
                    &Type::Int,
                    bi!("indeks daftar", "list index"),
                );
                Typer::make(
                    ExprKind::ListIndex(Box::new(base), Box::new(index)),
                    *item,
                    span,
                )
            }
            Type::Map(value) => {
                let key = self.expr(index, frame, Some(&Type::Text));
                self.expect(frame, &key, &Type::Text, bi!("kunci map", "map key"));
                Typer::make(
                    ExprKind::MapGet(Box::new(base), Box::new(key)),
                    *value,
                    span,
                )
            }
            Type::Error => Typer::error_expr(span),
            other => {
                let (found_id, found_en) = self.describe_both(&other);
                let problem = Problem::error(
                    "check::not_indexable",
                    bi!(
                        "nilai bertipe {found_id} tidak dapat diindeks",
                        "a value of type {found_en} cannot be indexed"
                    ),
                )
                .at(base.span, bi!("bukan daftar atau map", "not a list or map"));
                self.report(frame, problem);
                Typer::error_expr(span)
            }
        }
    }

    /// `formasi[...]`: an input's name indexed looks a record up by its key.
    fn input_table(&self, base: &ast::Expr, frame: &Frame) -> Option<InputKind> {
        let ast::ExprKind::Name(name) = &base.kind else {
            return None;
        };
        if frame.lookup(&name.text).is_some() {
            return None;
        }
        match self.globals.get(&name.text) {
            Some(Global::Input(kind)) => Some(*kind),
            _ => None,
        }
    }

    fn lookup(&mut self, kind: InputKind, key: &ast::Expr, frame: &mut Frame, span: Span) -> CExpr {
        let key = self.expr(key, frame, Some(&Type::Text));
        self.expect(
            frame,
            &key,
            &Type::Text,
            bi!("kunci pencarian record", "key of a record lookup"),
        );
        let Some(record) = self.schema.input(kind).map(|i| i.record) else {
            return Typer::error_expr(span);
        };
        Typer::make(
            ExprKind::Lookup(kind, Box::new(key)),
            Type::Record(record),
            span,
        )
    }
}
