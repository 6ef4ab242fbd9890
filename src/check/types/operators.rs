//! Operators: logic, arithmetic by operand types, comparison chains, membership, tests and
//! sets. Text literals on either side take the other side's type.

use super::*;

impl Typer<'_> {
    pub(super) fn logic(
        &mut self,
        op: LogicOp,
        left: &ast::Expr,
        right: &ast::Expr,
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        let word = if op == LogicOp::And { "and" } else { "or" };
        let left = self.boolean(left, frame, bi!("operand `{word}`", "operand of `{word}`"));
        let right = self.boolean(right, frame, bi!("operand `{word}`", "operand of `{word}`"));
        let kind = match op {
            LogicOp::And => ExprKind::And(Box::new(left), Box::new(right)),
            LogicOp::Or => ExprKind::Or(Box::new(left), Box::new(right)),
        };
        Typer::make(kind, Type::Bool, span)
    }

    /// Checks two expressions that must share a type; a text literal on either side takes the
    /// other side's type.
    pub(super) fn same_type(
        &mut self,
        left: &ast::Expr,
        right: &ast::Expr,
        frame: &mut Frame,
        expected: Option<&Type>,
    ) -> (CExpr, CExpr) {
        if is_untyped_literal(left) && !is_untyped_literal(right) {
            let right = self.expr(right, frame, expected);
            let hint = if right.ty.is_error() {
                expected.cloned()
            } else {
                Some(right.ty.clone())
            };
            let left = self.expr(left, frame, hint.as_ref());
            (left, right)
        } else {
            let left = self.expr(left, frame, expected);
            let hint = if left.ty.is_error() {
                expected.cloned()
            } else {
                Some(left.ty.clone())
            };
            let right = self.expr(right, frame, hint.as_ref());
            (left, right)
        }
    }

    pub(super) fn check_same(
        &mut self,
        operator: &str,
        left: &CExpr,
        right: &CExpr,
        frame: &Frame,
    ) {
        if left.ty.fits(&right.ty) {
            return;
        }
        let problem = self.operands_problem(operator, left, right, None);
        self.report(frame, problem);
    }

    pub(super) fn operands_problem(
        &self,
        operator: &str,
        left: &CExpr,
        right: &CExpr,
        help: Option<Text>,
    ) -> Problem {
        let (left_id, left_en) = self.describe_both(&left.ty);
        let (right_id, right_en) = self.describe_both(&right.ty);
        let mut problem = error::operands_mismatch(
            operator,
            (&left_id, left.span),
            (&right_id, right.span),
            help,
        );
        problem.message = bi!(
            "`{operator}` tidak dapat dipakai pada {left_id} dan {right_id}",
            "`{operator}` cannot combine {left_en} and {right_en}"
        );
        problem.label = Some(bi!("ini {left_id}", "this is {left_en}"));
        if let Some((_, note)) = problem.notes.last_mut() {
            *note = bi!("ini {right_id}", "this is {right_en}");
        }
        problem
    }

    pub(super) fn arith(
        &mut self,
        op: ArithOp,
        left: &ast::Expr,
        right: &ast::Expr,
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        let left = self.expr(left, frame, None);
        let right = self.expr(right, frame, None);
        if left.ty.is_error() || right.ty.is_error() {
            return Typer::error_expr(span);
        }
        use Type::{Date as D, Days, Int, Months};
        let (arith, ty, swap) = match (op, &left.ty, &right.ty) {
            (ArithOp::Add, Int, Int) => (Arith::IntAdd, Int, false),
            (ArithOp::Sub, Int, Int) => (Arith::IntSub, Int, false),
            (ArithOp::Mul, Int, Int) => (Arith::IntMul, Int, false),
            (ArithOp::Div, Int, Int) => (Arith::IntDiv, Int, false),
            (ArithOp::Add, Days, Days) => (Arith::DaysAdd, Days, false),
            (ArithOp::Sub, Days, Days) => (Arith::DaysSub, Days, false),
            (ArithOp::Mul, Days, Int) => (Arith::DaysMul, Days, false),
            (ArithOp::Mul, Int, Days) => (Arith::DaysMul, Days, true),
            (ArithOp::Div, Days, Days) => (Arith::DaysDivDays, Int, false),
            (ArithOp::Div, Days, Int) => (Arith::DaysDivInt, Days, false),
            (ArithOp::Add, Months, Months) => (Arith::MonthsAdd, Months, false),
            (ArithOp::Sub, Months, Months) => (Arith::MonthsSub, Months, false),
            (ArithOp::Mul, Months, Int) => (Arith::MonthsMul, Months, false),
            (ArithOp::Mul, Int, Months) => (Arith::MonthsMul, Months, true),
            (ArithOp::Add, D, Days) => (Arith::DateAddDays, D, false),
            (ArithOp::Add, Days, D) => (Arith::DateAddDays, D, true),
            (ArithOp::Sub, D, Days) => (Arith::DateSubDays, D, false),
            (ArithOp::Add, D, Months) => (Arith::DateAddMonths, D, false),
            (ArithOp::Add, Months, D) => (Arith::DateAddMonths, D, true),
            (ArithOp::Sub, D, Months) => (Arith::DateSubMonths, D, false),
            (ArithOp::Sub, D, D) => (Arith::DateDiff, Days, false),
            _ => {
                let symbol = match op {
                    ArithOp::Add => "+",
                    ArithOp::Sub => "-",
                    ArithOp::Mul => "*",
                    ArithOp::Div => "/",
                };
                let help = arith_help(op, &left.ty, &right.ty);
                let problem = self.operands_problem(symbol, &left, &right, help);
                self.report(frame, problem);
                return Typer::error_expr(span);
            }
        };
        let (left, right) = if swap { (right, left) } else { (left, right) };
        Typer::make(
            ExprKind::Arith(arith, Box::new(left), Box::new(right)),
            ty,
            span,
        )
    }

    pub(super) fn compare_chain(
        &mut self,
        first: &ast::Expr,
        chain: &[(CompareOp, Span, ast::Expr)],
        frame: &mut Frame,
    ) -> CExpr {
        let mut previous = first;
        let mut previous_checked: Option<CExpr> = None;
        let mut result: Option<CExpr> = None;
        for (op, op_span, next) in chain {
            let (left, right) = match previous_checked.take() {
                Some(left) => {
                    let hint = if left.ty.is_error() {
                        None
                    } else {
                        Some(left.ty.clone())
                    };
                    let right = self.expr(next, frame, hint.as_ref());
                    (left, right)
                }
                None => self.same_type(previous, next, frame, None),
            };
            let comparison = self.compare(*op, *op_span, left, right.clone(), frame);
            result = Some(match result {
                None => comparison,
                Some(so_far) => {
                    let span = so_far.span.to(comparison.span);
                    Typer::make(
                        ExprKind::And(Box::new(so_far), Box::new(comparison)),
                        Type::Bool,
                        span,
                    )
                }
            });
            previous = next;
            previous_checked = Some(right);
        }
        result.unwrap_or_else(|| Typer::error_expr(first.span))
    }

    pub(super) fn compare(
        &mut self,
        op: CompareOp,
        op_span: Span,
        left: CExpr,
        right: CExpr,
        frame: &Frame,
    ) -> CExpr {
        let span = left.span.to(right.span);
        if left.ty.is_error() || right.ty.is_error() {
            return Typer::make(
                ExprKind::Compare(op, Box::new(left), Box::new(right)),
                Type::Bool,
                span,
            );
        }
        let ordering = !matches!(op, CompareOp::Eq | CompareOp::Ne);
        if !left.ty.fits(&right.ty) {
            let help = compare_help(&left.ty, &right.ty);
            let problem = self.operands_problem(op.symbol(), &left, &right, help);
            self.report(frame, problem);
        } else if ordering {
            match &left.ty {
                Type::Int | Type::Date | Type::Days | Type::Months => {}
                Type::Enum(id) => {
                    if let Some(e) = self.schema.enum_type(*id) {
                        if !e.ordered {
                            let problem = error::not_ordered(&e.name, op_span);
                            self.report(frame, problem);
                        }
                    }
                }
                other => {
                    let (ty_id, ty_en) = self.describe_both(other);
                    let symbol = op.symbol();
                    let problem = Problem::error(
                        "check::not_ordered",
                        bi!(
                            "nilai bertipe {ty_id} tidak berurutan",
                            "values of type {ty_en} have no order"
                        ),
                    )
                    .at(
                        op_span,
                        bi!(
                            "`{symbol}` memerlukan bilangan, tanggal, durasi atau enum berurutan",
                            "`{symbol}` needs numbers, dates, durations or an ordered enum"
                        ),
                    )
                    .help(bi!(
                        "bandingkan dengan `==` atau `!=`",
                        "compare with `==` or `!=`"
                    ));
                    self.report(frame, problem);
                }
            }
        } else if matches!(left.ty, Type::List(_) | Type::Map(_) | Type::Record(_)) {
            let (ty_id, ty_en) = self.describe_both(&left.ty);
            let problem = Problem::error(
                "check::not_comparable",
                bi!(
                    "nilai bertipe {ty_id} tidak dapat dibandingkan",
                    "values of type {ty_en} cannot be compared"
                ),
            )
            .at(op_span, bi!("dibandingkan di sini", "compared here"))
            .help(bi!(
                "bandingkan field-nya, atau pakai kuantor (`any`, `all`)",
                "compare their fields, or use a quantifier (`any`, `all`)"
            ));
            self.report(frame, problem);
        }
        Typer::make(
            ExprKind::Compare(op, Box::new(left), Box::new(right)),
            Type::Bool,
            span,
        )
    }

    pub(super) fn membership(
        &mut self,
        negated: bool,
        element: &ast::Expr,
        collection: &ast::Expr,
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        // `x in EnumName`: whether a text is one of the enum's values.
        if let ast::ExprKind::Name(name) = &collection.kind {
            if frame.lookup(&name.text).is_none() {
                if let Some(Global::Enum(enum_id)) = self.globals.get(&name.text).cloned() {
                    let element = self.expr(element, frame, Some(&Type::Text));
                    self.expect(
                        frame,
                        &element,
                        &Type::Text,
                        bi!(
                            "nilai yang diuji dengan `in` enum",
                            "value tested with `in` an enum"
                        ),
                    );
                    return Typer::make(
                        ExprKind::InEnum {
                            negated,
                            element: Box::new(element),
                            enum_id,
                        },
                        Type::Bool,
                        span,
                    );
                }
            }
        }
        let element_is_literal = is_untyped_literal(element);
        let (element, collection) = if element_is_literal {
            let collection = self.expr(collection, frame, None);
            let hint = match &collection.ty {
                Type::List(item) => Some((**item).clone()),
                Type::Map(_) => Some(Type::Text),
                _ => None,
            };
            let element = self.expr(element, frame, hint.as_ref());
            (element, collection)
        } else {
            let element = self.expr(element, frame, None);
            let hint = if element.ty.is_error() {
                None
            } else {
                Some(Type::List(Box::new(element.ty.clone())))
            };
            let collection = self.expr(collection, frame, hint.as_ref());
            (element, collection)
        };
        match collection.ty.clone() {
            Type::List(item) => {
                if !element.ty.fits(&item) {
                    let problem = self.operands_problem("in", &element, &collection, None);
                    self.report(frame, problem);
                }
                Typer::make(
                    ExprKind::InList {
                        negated,
                        element: Box::new(element),
                        list: Box::new(collection),
                    },
                    Type::Bool,
                    span,
                )
            }
            Type::Map(_) => {
                self.expect(
                    frame,
                    &element,
                    &Type::Text,
                    bi!(
                        "kunci yang diuji dengan `in` map",
                        "key tested with `in` a map"
                    ),
                );
                Typer::make(
                    ExprKind::InMap {
                        negated,
                        key: Box::new(element),
                        map: Box::new(collection),
                    },
                    Type::Bool,
                    span,
                )
            }
            Type::Error => Typer::error_expr(span),
            other => {
                let (ty_id, ty_en) = self.describe_both(&other);
                let problem = Problem::error(
                    "check::not_a_collection",
                    bi!(
                        "`in` memerlukan daftar, himpunan, map atau enum, bukan {ty_id}",
                        "`in` needs a list, set, map or enum, not {ty_en}"
                    ),
                )
                .at(collection.span, bi!("bertipe {ty_id}", "this is {ty_en}"))
                .help(bi!(
                    "untuk kesamaan nilai tunggal pakai `==`",
                    "to compare with a single value use `==`"
                ));
                self.report(frame, problem);
                Typer::error_expr(span)
            }
        }
    }

    pub(super) fn is_test(
        &mut self,
        negated: bool,
        test: IsTest,
        operand: &ast::Expr,
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        let operand = self.expr(operand, frame, None);
        let (test, negated) = match test {
            IsTest::Absent => (Test::Absent, negated),
            IsTest::Present => (Test::Absent, !negated),
            IsTest::Empty => {
                if !matches!(
                    operand.ty,
                    Type::List(_) | Type::Map(_) | Type::Text | Type::Error
                ) {
                    let (ty_id, ty_en) = self.describe_both(&operand.ty);
                    let problem = Problem::error(
                        "check::not_a_collection",
                        bi!(
                            "`is empty` memerlukan daftar, map atau teks, bukan {ty_id}",
                            "`is empty` needs a list, map or text, not {ty_en}"
                        ),
                    )
                    .at(operand.span, bi!("bertipe {ty_id}", "this is {ty_en}"))
                    .help(bi!(
                        "untuk nilai yang tidak diisi pakai `is absent`",
                        "for a value that was left out use `is absent`"
                    ));
                    self.report(frame, problem);
                }
                (Test::Empty, negated)
            }
        };
        Typer::make(
            ExprKind::Is {
                test,
                negated,
                operand: Box::new(operand),
            },
            Type::Bool,
            span,
        )
    }

    pub(super) fn set(
        &mut self,
        items: &[ast::Expr],
        frame: &mut Frame,
        span: Span,
        expected: Option<&Type>,
    ) -> CExpr {
        let hint = match expected {
            Some(Type::List(item)) => Some((**item).clone()),
            _ => None,
        };
        let checked = self.all_same(items, frame, hint.as_ref());
        let item_ty = checked
            .iter()
            .map(|c| c.ty.clone())
            .find(|t| !t.is_error())
            .or(hint)
            .unwrap_or(Type::Text);
        let mut ok = true;
        for element in &checked {
            if element.ty.is_error() {
                ok = false;
            } else if !element.ty.fits(&item_ty) {
                let (exp_id, exp_en) = self.describe_both(&item_ty);
                let (found_id, found_en) = self.describe_both(&element.ty);
                let problem = Problem::error(
                    "check::type_mismatch",
                    bi!(
                        "unsur himpunan: diharapkan {exp_id}, ditemukan {found_id}",
                        "set element: expected {exp_en}, found {found_en}"
                    ),
                )
                .at(
                    element.span,
                    bi!("bertipe {found_id}", "this is {found_en}"),
                );
                self.report(frame, problem);
                ok = false;
            } else if !Typer::is_constant(element) {
                let problem = Problem::error(
                    "check::not_constant",
                    bi!(
                        "unsur himpunan harus konstan",
                        "set elements must be constants"
                    ),
                )
                .at(
                    element.span,
                    bi!("bergantung pada data", "depends on the records"),
                )
                .help(bi!(
                    "tulis nilai literal atau parameter",
                    "write literal values or parameters"
                ));
                self.report(frame, problem);
                ok = false;
            }
        }
        if !ok {
            return Typer::error_expr(span);
        }
        Typer::make(ExprKind::Set(checked), Type::List(Box::new(item_ty)), span)
    }

    /// Checks expressions that share one type: the first that is not a text literal first,
    /// then the others with its type, so literals become enum values where they should.
    pub(super) fn all_same(
        &mut self,
        items: &[ast::Expr],
        frame: &mut Frame,
        hint: Option<&Type>,
    ) -> Vec<CExpr> {
        let mut checked: Vec<Option<CExpr>> = vec![None; items.len()];
        let mut hint = hint.cloned();
        if let Some(index) = items.iter().position(|i| !is_untyped_literal(i)) {
            if let (Some(item), Some(slot)) = (items.get(index), checked.get_mut(index)) {
                let first = self.expr(item, frame, hint.as_ref());
                if !first.ty.is_error() {
                    hint = Some(first.ty.clone());
                }
                *slot = Some(first);
            }
        }
        items
            .iter()
            .zip(checked)
            .map(|(item, done)| done.unwrap_or_else(|| self.expr(item, frame, hint.as_ref())))
            .collect()
    }
}
