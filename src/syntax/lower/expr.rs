//! Expressions: pest pairs -> `ast::Expr`, operators folded left to right, chains kept.

use super::*;

impl Lowerer {
    pub fn expr(&mut self, pair: Node<'_>) -> Option<Expr> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::expr => self.expr(pair.into_inner().find(is_not_keyword)?),
            Rule::or_expr | Rule::and_expr => self.logic_chain(pair),
            Rule::not_expr => self.not_expr(pair),
            Rule::comparison => self.comparison(pair),
            Rule::fallback => self.fallback(pair),
            Rule::additive | Rule::multiplicative => self.arith_chain(pair),
            Rule::unary => self.unary(pair),
            Rule::postfix => self.postfix(pair),
            Rule::quantifier => self.quantifier(pair),
            Rule::if_expr => {
                let mut inner = pair.into_inner().filter(is_not_keyword);
                let condition = self.expr(inner.next()?)?;
                let then = self.expr(inner.next()?)?;
                let otherwise = self.expr(inner.next()?)?;
                Some(Expr {
                    kind: ExprKind::If(Box::new(condition), Box::new(then), Box::new(otherwise)),
                    span,
                })
            }
            Rule::call => {
                let mut inner = pair.into_inner().filter(is_not_keyword);
                let name = self.name(inner.next()?);
                let args: Option<Vec<Expr>> = inner.map(|a| self.expr(a)).collect();
                Some(Expr {
                    kind: ExprKind::Call(name, args?),
                    span,
                })
            }
            Rule::set_literal => {
                let items: Option<Vec<Expr>> = pair
                    .into_inner()
                    .filter(is_not_keyword)
                    .map(|a| self.expr(a))
                    .collect();
                Some(Expr {
                    kind: ExprKind::Set(items?),
                    span,
                })
            }
            Rule::name => Some(Expr {
                kind: ExprKind::Name(self.name(pair)),
                span,
            }),
            _ => Some(Expr {
                kind: ExprKind::Literal(self.literal(pair)?),
                span,
            }),
        }
    }

    pub(super) fn literal(&mut self, pair: Node<'_>) -> Option<Literal> {
        let span = self.span(&pair);
        Some(match pair.as_rule() {
            Rule::integer => Literal::Integer(self.integer(pair)?),
            Rule::string => Literal::Text(self.string(pair).text),
            Rule::boolean => Literal::Bool(pair.as_str() == "true"),
            Rule::date => match Date::parse(pair.as_str()) {
                Some(date) => Literal::Date(date.0),
                None => {
                    let text = pair.as_str();
                    self.problems.push(
                        Problem::error(
                            "syntax::invalid_date",
                            bi!("tanggal `{text}` tidak ada", "there is no date `{text}`"),
                        )
                        .at(span, bi!("bukan tanggal kalender", "not a calendar date"))
                        .help(bi!(
                            "tulis tanggal sebagai YYYY-MM-DD dengan bulan 01-12 dan hari yang ada pada bulan itu",
                            "write dates as YYYY-MM-DD with a month 01-12 and a day that month has"
                        )),
                    );
                    return None;
                }
            },
            _ => return None,
        })
    }

    pub(super) fn integer(&mut self, pair: Node<'_>) -> Option<i64> {
        let span = self.span(&pair);
        match pair.as_str().parse::<i64>() {
            Ok(value) => Some(value),
            Err(_) => {
                let text = pair.as_str();
                self.problems.push(
                    Problem::error(
                        "syntax::number_too_large",
                        bi!(
                            "bilangan `{text}` terlalu besar",
                            "the number `{text}` is too large"
                        ),
                    )
                    .at(span, bi!("di luar jangkauan", "out of range")),
                );
                None
            }
        }
    }

    pub(super) fn logic_chain(&mut self, pair: Node<'_>) -> Option<Expr> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let mut left = self.expr(inner.next()?)?;
        while let Some(op) = inner.next() {
            let right = self.expr(inner.next()?)?;
            let text = op.as_str();
            let logic = if op.as_rule() == Rule::or_op {
                LogicOp::Or
            } else {
                LogicOp::And
            };
            if text == "&&" || text == "||" {
                let word = if logic == LogicOp::And { "and" } else { "or" };
                let span = self.span(&op);
                self.problems.push(
                    Problem::error(
                        "syntax::symbol_for_word",
                        bi!(
                            "`{text}` bukan operator bahasa aturan",
                            "`{text}` is not an operator of the rule language"
                        ),
                    )
                    .at(span, bi!("tulis `{word}`", "write `{word}`"))
                    .help(bi!(
                        "ganti `{text}` dengan `{word}`",
                        "replace `{text}` with `{word}`"
                    )),
                );
            }
            let span = left.span.to(right.span);
            left = Expr {
                kind: ExprKind::Logic(logic, Box::new(left), Box::new(right)),
                span,
            };
        }
        Some(left)
    }

    pub(super) fn not_expr(&mut self, pair: Node<'_>) -> Option<Expr> {
        let mut nots = Vec::new();
        let mut operand = None;
        for child in pair.into_inner().filter(is_not_keyword) {
            if child.as_rule() == Rule::not_op {
                if child.as_str() == "!" {
                    let span = self.span(&child);
                    self.problems.push(
                        Problem::error(
                            "syntax::symbol_for_word",
                            bi!(
                                "`!` bukan operator bahasa aturan",
                                "`!` is not an operator of the rule language"
                            ),
                        )
                        .at(span, bi!("tulis `not`", "write `not`"))
                        .help(bi!("ganti `!` dengan `not `", "replace `!` with `not `")),
                    );
                }
                nots.push(self.span(&child));
            } else {
                operand = Some(self.expr(child)?);
            }
        }
        let mut expr = operand?;
        for not_span in nots.into_iter().rev() {
            let span = not_span.to(expr.span);
            expr = Expr {
                kind: ExprKind::Not(Box::new(expr)),
                span,
            };
        }
        Some(expr)
    }

    pub(super) fn comparison(&mut self, pair: Node<'_>) -> Option<Expr> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let first = self.expr(inner.next()?)?;
        let tails: Vec<Node<'_>> = inner.collect();
        if tails.is_empty() {
            return Some(first);
        }
        let all_compare = tails.iter().all(|t| t.as_rule() == Rule::compare);
        if !all_compare && tails.len() > 1 {
            let tail_span = self.span(tails.get(1)?);
            self.problems.push(
                Problem::error(
                    "syntax::chained_test",
                    bi!(
                        "`in` dan `is` tidak dapat dirangkai dengan perbandingan lain",
                        "`in` and `is` cannot be chained with other comparisons"
                    ),
                )
                .at(tail_span, bi!("perbandingan kedua", "second comparison"))
                .help(bi!(
                    "gabungkan dengan `and`: `a in L and a != b`",
                    "join them with `and`: `a in L and a != b`"
                )),
            );
            return None;
        }
        let mut chain = Vec::new();
        for tail in tails {
            match tail.as_rule() {
                Rule::compare => {
                    let mut parts = tail.into_inner().filter(is_not_keyword);
                    let op_pair = parts.next()?;
                    let op_span = self.span(&op_pair);
                    let op = self.compare_op(op_pair);
                    let right = self.expr(parts.next()?)?;
                    chain.push((op, op_span, right));
                }
                Rule::membership => {
                    let mut negated = false;
                    let mut collection = None;
                    for part in tail.into_inner().filter(is_not_keyword) {
                        if part.as_rule() == Rule::not_in {
                            negated = true;
                        } else {
                            collection = Some(self.expr(part)?);
                        }
                    }
                    return Some(Expr {
                        kind: ExprKind::In {
                            negated,
                            element: Box::new(first),
                            collection: Box::new(collection?),
                        },
                        span,
                    });
                }
                _ => {
                    let mut negated = false;
                    let mut test = IsTest::Present;
                    for part in tail.into_inner().filter(is_not_keyword) {
                        match part.as_rule() {
                            Rule::is_not => negated = true,
                            _ => {
                                test = match part.as_str() {
                                    "absent" => IsTest::Absent,
                                    "empty" => IsTest::Empty,
                                    _ => IsTest::Present,
                                }
                            }
                        }
                    }
                    return Some(Expr {
                        kind: ExprKind::Is {
                            negated,
                            test,
                            operand: Box::new(first),
                        },
                        span,
                    });
                }
            }
        }
        Some(Expr {
            kind: ExprKind::Compare(Box::new(first), chain),
            span,
        })
    }

    pub(super) fn compare_op(&mut self, pair: Node<'_>) -> CompareOp {
        match pair.as_str() {
            "==" => CompareOp::Eq,
            "!=" => CompareOp::Ne,
            "<=" => CompareOp::Le,
            ">=" => CompareOp::Ge,
            "<" => CompareOp::Lt,
            ">" => CompareOp::Gt,
            _ => {
                let span = self.span(&pair);
                self.problems.push(
                    Problem::error(
                        "syntax::single_equals",
                        bi!("`=` dipakai untuk membandingkan", "`=` used to compare"),
                    )
                    .at(
                        span,
                        bi!("perbandingan ditulis `==`", "comparison is written `==`"),
                    )
                    .help(bi!("ganti `=` dengan `==`", "replace `=` with `==`")),
                );
                CompareOp::Eq
            }
        }
    }

    pub(super) fn fallback(&mut self, pair: Node<'_>) -> Option<Expr> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let mut left = self.expr(inner.next()?)?;
        for next in inner {
            let right = self.expr(next)?;
            let span = left.span.to(right.span);
            left = Expr {
                kind: ExprKind::Otherwise(Box::new(left), Box::new(right)),
                span,
            };
        }
        Some(left)
    }

    pub(super) fn arith_chain(&mut self, pair: Node<'_>) -> Option<Expr> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let mut left = self.expr(inner.next()?)?;
        while let Some(op) = inner.next() {
            let right = self.expr(inner.next()?)?;
            let op = match op.as_str() {
                "+" => ArithOp::Add,
                "-" => ArithOp::Sub,
                "*" => ArithOp::Mul,
                _ => ArithOp::Div,
            };
            let span = left.span.to(right.span);
            left = Expr {
                kind: ExprKind::Arith(op, Box::new(left), Box::new(right)),
                span,
            };
        }
        Some(left)
    }

    pub(super) fn unary(&mut self, pair: Node<'_>) -> Option<Expr> {
        let mut negations = Vec::new();
        let mut operand = None;
        for child in pair.into_inner().filter(is_not_keyword) {
            if child.as_rule() == Rule::negate {
                negations.push(self.span(&child));
            } else {
                operand = Some(self.expr(child)?);
            }
        }
        let mut expr = operand?;
        for minus in negations.into_iter().rev() {
            let span = minus.to(expr.span);
            expr = Expr {
                kind: ExprKind::Negate(Box::new(expr)),
                span,
            };
        }
        Some(expr)
    }

    pub(super) fn postfix(&mut self, pair: Node<'_>) -> Option<Expr> {
        let whole = self.span(&pair);
        let mut inner = pair.into_inner().filter(is_not_keyword).peekable();
        let primary = inner.next()?;
        let parenthesised = primary.as_rule() == Rule::expr;
        let mut expr = self.expr(primary)?;
        if parenthesised {
            // `(a + b)`: the span covers the parentheses, so quoting it reads as written.
            let end = inner.peek().map_or(whole.end, |op| self.span(op).start);
            expr.span = Span {
                file: whole.file,
                start: whole.start,
                end,
            };
        }
        for op in inner {
            let op_span = self.span(&op);
            let span = expr.span.to(op_span);
            let kind = match op.as_rule() {
                Rule::field_access => {
                    let field = self.name(op.into_inner().find(is_not_keyword)?);
                    ExprKind::Field(Box::new(expr), field)
                }
                Rule::index => {
                    let index = self.expr(op.into_inner().find(is_not_keyword)?)?;
                    ExprKind::Index(Box::new(expr), Box::new(index))
                }
                Rule::unit => {
                    let unit = match op.as_str() {
                        "tahun" => Unit::Years,
                        "bulan" => Unit::Months,
                        _ => Unit::Days,
                    };
                    ExprKind::Unit(Box::new(expr), unit)
                }
                _ => {
                    let target = self.name(op.into_inner().find(is_not_keyword)?);
                    ExprKind::Cast(Box::new(expr), target)
                }
            };
            expr = Expr { kind, span };
        }
        Some(expr)
    }

    pub(super) fn quantifier(&mut self, pair: Node<'_>) -> Option<Expr> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let kind_pair = inner.next()?;
        let kind_span = self.span(&kind_pair);
        let kind = match kind_pair.as_str() {
            "any" => QuantifierKind::Any,
            "all" => QuantifierKind::All,
            "no" => QuantifierKind::No,
            "count" => QuantifierKind::Count,
            "sum" => QuantifierKind::Sum,
            "max" => QuantifierKind::Max,
            "min" => QuantifierKind::Min,
            "each" => QuantifierKind::Each,
            _ => QuantifierKind::First,
        };
        let mut names = inner.next()?.into_inner().filter(is_not_keyword);
        let first = self.name(names.next()?);
        let binding = match names.next() {
            Some(second) => Binding::Pair(first, self.name(second)),
            None => Binding::One(first),
        };
        let collection = self.expr(inner.next()?)?;
        let mut filter = None;
        let mut body = None;
        for clause in inner {
            match clause.as_rule() {
                Rule::filter => filter = Some(self.clause_expr(clause)?),
                _ => body = Some(self.clause_expr(clause)?),
            }
        }
        Some(Expr {
            kind: ExprKind::Quantifier(Box::new(Quantifier {
                kind,
                kind_span,
                binding,
                collection,
                filter,
                body,
            })),
            span,
        })
    }
}
