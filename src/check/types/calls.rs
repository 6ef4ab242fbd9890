//! Calls: definitions with parameters (inlined at each use), tables and built-in functions.

use super::*;

impl Typer<'_> {
    pub(super) fn call(
        &mut self,
        name: &ast::Name,
        args: &[ast::Expr],
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        if let Some(local) = frame.lookup(&name.text).cloned() {
            return match local {
                Local::Function(item) => self.inline(item, name, args, frame, span),
                Local::Value(..) => {
                    let problem = Problem::error(
                        "check::not_a_function",
                        bi!(
                            "`{}` adalah nilai, bukan definisi berparameter",
                            "`{}` is a value, not a definition with parameters",
                            name.text
                        ),
                    )
                    .at(name.span, bi!("dipanggil di sini", "called here"));
                    self.report(frame, problem);
                    Typer::error_expr(span)
                }
            };
        }
        match self.globals.get(&name.text).cloned() {
            Some(Global::Function(item)) => self.inline(item, name, args, frame, span),
            Some(Global::Table(id, params, result, declared)) => {
                self.table_call(id, &params, result, declared, name, args, frame, span)
            }
            Some(Global::Definition(..) | Global::Parameter(..) | Global::Rule(..)) => {
                let problem = error::wrong_arity(&name.text, 0, args.len(), name.span, None);
                self.report(frame, problem);
                Typer::error_expr(span)
            }
            Some(_) => Typer::error_expr(span),
            None if BUILTIN_FUNCTIONS.contains(&name.text.as_str()) => {
                self.builtin(name, args, frame, span)
            }
            None => {
                let mut candidates: Vec<&str> = self
                    .globals
                    .iter()
                    .filter(|(_, g)| matches!(g, Global::Function(_) | Global::Table(..)))
                    .map(|(n, _)| n.as_str())
                    .collect();
                candidates.extend(BUILTIN_FUNCTIONS);
                let problem = error::unknown_name(&name.text, name.span, &candidates);
                self.report(frame, problem);
                Typer::error_expr(span)
            }
        }
    }

    /// Checks the body of definition `item` with its parameters bound to `args`, here.
    pub(super) fn inline(
        &mut self,
        item: usize,
        name: &ast::Name,
        args: &[ast::Expr],
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        let Some(ast::Item::Define(define)) = self.rules.items.get(item) else {
            return Typer::error_expr(span);
        };
        let params = define.params.clone().unwrap_or_default();
        if params.len() != args.len() {
            let problem = error::wrong_arity(
                &name.text,
                params.len(),
                args.len(),
                span,
                Some(define.name.span),
            );
            self.report(frame, problem);
            return Typer::error_expr(span);
        }
        if frame.calls.len() >= MAX_EXPANSION_DEPTH {
            let problem = Problem::error(
                "check::expansion_too_deep",
                bi!("definisi `{}` dipakai terlalu dalam (lebih dari {MAX_EXPANSION_DEPTH} tingkat)", "definition `{}` is nested too deeply (more than {MAX_EXPANSION_DEPTH} levels)", name.text),
            )
            .at(span, bi!("dipakai di sini", "used here"));
            self.report(frame, problem);
            return Typer::error_expr(span);
        }
        // Arguments are checked in the caller's scope; the body sees only its parameters.
        let mut bindings: Vec<(String, Local, Option<CExpr>)> = Vec::new();
        for (param, arg) in params.iter().zip(args) {
            match &param.ty {
                Some(ty_expr) => {
                    let ty = crate::check::schema_builder::resolve_type(
                        self.schema,
                        ty_expr,
                        &mut self.problems,
                    );
                    let checked = self.expr(arg, frame, Some(&ty));
                    self.expect(
                        frame,
                        &checked,
                        &ty,
                        bi!("argumen `{}`", "argument `{}`", param.name.text),
                    );
                    bindings.push((
                        param.name.text.clone(),
                        Local::Value(LocalId(0), ty),
                        Some(checked),
                    ));
                }
                None => match self.function_argument(arg, frame) {
                    Some(function) => {
                        bindings.push((param.name.text.clone(), Local::Function(function), None))
                    }
                    None => {
                        let checked = self.expr(arg, frame, None);
                        bindings.push((
                            param.name.text.clone(),
                            Local::Value(LocalId(0), checked.ty.clone()),
                            Some(checked),
                        ));
                    }
                },
            }
        }
        let outer = std::mem::take(&mut frame.scopes);
        frame.calls.push((name.text.clone(), span));
        let mut args_checked = Vec::new();
        for (param_name, local, checked) in bindings {
            match (local, checked) {
                (Local::Value(_, ty), Some(arg)) => {
                    let id = frame.bind(&param_name, ty);
                    args_checked.push((id, arg));
                }
                (Local::Function(f), _) => frame.bind_function(&param_name, f),
                (Local::Value(..), None) => {}
            }
        }
        let body = self.expr(&define.body, frame, None);
        frame.calls.pop();
        frame.scopes = outer;
        let ty = body.ty.clone();
        let call = Call {
            name: define.name.text.clone(),
            name_span: name.span,
            written_args: args.len(),
            args: args_checked,
            body,
        };
        Typer::make(ExprKind::Call(Box::new(call)), ty, span)
    }

    /// An argument that names a definition with parameters (passed to a template, e.g.
    /// `hari_menjabat(pelaksana_atau_fungsional)`).
    pub(super) fn function_argument(&self, arg: &ast::Expr, frame: &Frame) -> Option<usize> {
        let ast::ExprKind::Name(name) = &arg.kind else {
            return None;
        };
        match frame.lookup(&name.text) {
            Some(Local::Function(item)) => Some(*item),
            Some(Local::Value(..)) => None,
            None => match self.globals.get(&name.text) {
                Some(Global::Function(item)) => Some(*item),
                _ => None,
            },
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn table_call(
        &mut self,
        id: TableId,
        params: &[Type],
        result: Type,
        declared: Span,
        name: &ast::Name,
        args: &[ast::Expr],
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        if params.len() != args.len() {
            let problem =
                error::wrong_arity(&name.text, params.len(), args.len(), span, Some(declared));
            self.report(frame, problem);
            return Typer::error_expr(span);
        }
        let mut checked_args = Vec::new();
        for (index, (param, arg)) in params.iter().zip(args).enumerate() {
            let checked = self.expr(arg, frame, Some(param));
            let position = index + 1;
            self.expect(
                frame,
                &checked,
                param,
                bi!(
                    "argumen ke-{position} tabel `{}`",
                    "argument {position} of table `{}`",
                    name.text
                ),
            );
            checked_args.push(checked);
        }
        Typer::make(ExprKind::Table(id, checked_args), result, span)
    }

    pub(super) fn builtin(
        &mut self,
        name: &ast::Name,
        args: &[ast::Expr],
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        let arity = |n: usize| -> bool { args.len() == n };
        match name.text.as_str() {
            "min" | "max" => {
                if args.len() < 2 {
                    let problem = error::wrong_arity(&name.text, 2, args.len(), span, None);
                    self.report(frame, problem);
                    return Typer::error_expr(span);
                }
                let checked = self.all_same(args, frame, None);
                let ty = checked
                    .iter()
                    .map(|c| c.ty.clone())
                    .find(|t| !t.is_error())
                    .unwrap_or(Type::Error);
                for arg in &checked {
                    if !arg.ty.fits(&ty) {
                        if let Some(first) = checked.first() {
                            let problem = self.operands_problem(&name.text, first, arg, None);
                            self.report(frame, problem);
                        }
                        return Typer::error_expr(span);
                    }
                }
                let ordered = match &ty {
                    Type::Int | Type::Days | Type::Months | Type::Date | Type::Error => true,
                    Type::Enum(id) => self.schema.enum_type(*id).is_some_and(|e| e.ordered),
                    _ => false,
                };
                if !ordered {
                    let (ty_id, ty_en) = self.describe_both(&ty);
                    let problem = Problem::error(
                        "check::not_ordered",
                        bi!(
                            "`{}` memerlukan nilai berurutan, bukan {ty_id}",
                            "`{}` needs ordered values, not {ty_en}",
                            name.text
                        ),
                    )
                    .at(span, bi!("dipakai di sini", "used here"));
                    self.report(frame, problem);
                    return Typer::error_expr(span);
                }
                let builtin = if name.text == "min" {
                    Builtin::Min
                } else {
                    Builtin::Max
                };
                Typer::make(ExprKind::Builtin(builtin, checked), ty, span)
            }
            "year" | "digits" if arity(1) => {
                let arg = self.one_arg(args, frame, &Type::Date, &name.text);
                let (builtin, ty) = if name.text == "year" {
                    (Builtin::Year, Type::Int)
                } else {
                    (Builtin::Digits, Type::Text)
                };
                Typer::make(ExprKind::Builtin(builtin, vec![arg]), ty, span)
            }
            "length" if arity(1) => {
                let arg = args
                    .first()
                    .map(|a| self.expr(a, frame, None))
                    .unwrap_or_else(|| Typer::error_expr(span));
                if !matches!(
                    arg.ty,
                    Type::List(_) | Type::Map(_) | Type::Text | Type::Error
                ) {
                    self.expect(
                        frame,
                        &arg,
                        &Type::Text,
                        bi!("argumen `length`", "argument of `length`"),
                    );
                }
                Typer::make(
                    ExprKind::Builtin(Builtin::Length, vec![arg]),
                    Type::Int,
                    span,
                )
            }
            "slice" if arity(3) => {
                let mut checked = Vec::new();
                for (arg, ty) in args.iter().zip([Type::Text, Type::Int, Type::Int]) {
                    let c = self.expr(arg, frame, Some(&ty));
                    self.expect(
                        frame,
                        &c,
                        &ty,
                        bi!("argumen `slice`", "argument of `slice`"),
                    );
                    checked.push(c);
                }
                Typer::make(ExprKind::Builtin(Builtin::Slice, checked), Type::Text, span)
            }
            "matches" if arity(2) => {
                let text = self.one_arg(args, frame, &Type::Text, "matches");
                let Some(pattern) = args.get(1) else {
                    return Typer::error_expr(span);
                };
                let ast::ExprKind::Literal(Literal::Text(source)) = &pattern.kind else {
                    let problem = Problem::error(
                        "check::pattern_not_literal",
                        bi!(
                            "pola `matches` harus teks literal",
                            "the pattern of `matches` must be a literal text"
                        ),
                    )
                    .at(
                        pattern.span,
                        bi!("bukan teks literal", "not a literal text"),
                    );
                    self.report(frame, problem);
                    return Typer::error_expr(span);
                };
                match regex::Regex::new(&format!("^(?:{source})$")) {
                    Ok(regex) => Typer::make(
                        ExprKind::Builtin(Builtin::Matches(Box::new(regex)), vec![text]),
                        Type::Bool,
                        span,
                    ),
                    Err(err) => {
                        let reason = err
                            .to_string()
                            .lines()
                            .last()
                            .unwrap_or("")
                            .trim()
                            .trim_start_matches("error: ")
                            .to_string();
                        let problem = error::invalid_regex(source, pattern.span, &reason);
                        self.report(frame, problem);
                        Typer::error_expr(span)
                    }
                }
            }
            other => {
                let expected = match other {
                    "slice" => 3,
                    "matches" => 2,
                    _ => 1,
                };
                let problem = error::wrong_arity(other, expected, args.len(), span, None);
                self.report(frame, problem);
                Typer::error_expr(span)
            }
        }
    }

    pub(super) fn one_arg(
        &mut self,
        args: &[ast::Expr],
        frame: &mut Frame,
        ty: &Type,
        function: &str,
    ) -> CExpr {
        let Some(arg) = args.first() else {
            return Typer::error_expr(Span::default());
        };
        let checked = self.expr(arg, frame, Some(ty));
        self.expect(
            frame,
            &checked,
            ty,
            bi!("argumen `{function}`", "argument of `{function}`"),
        );
        checked
    }
}
