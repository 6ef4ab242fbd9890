//! Expressions: names resolved, types inferred and checked, definitions with parameters inlined.
//!
//! A text literal takes its type from the other side (`pegawai.golongan >= "III/a"` makes
//! `"III/a"` a `Golongan`, checked against the enum), so policy writers never qualify values.

use std::collections::HashMap;

use super::checked::{
    self, Arith, Builtin, Call, Const, DefId, Deps, ExprKind, LocalId, ParamId, Quantifier, RuleId,
    TableId, Test,
};
use super::error;
use super::names::{BUILTIN_FUNCTIONS, BUILTIN_VALUES};
use crate::ast::{
    self, ArithOp, Binding, CompareOp, InputKind, IsTest, Literal, LogicOp, QuantifierKind, Unit,
};
use crate::bi;
use crate::date::Date;
use crate::diagnostic::{Problem, Problems};
use crate::lang::{Lang, Text};
use crate::schema::{EnumId, Schema, Type};
use crate::source::{SourceSet, Span};

type CExpr = checked::Expr;

/// How deep definitions may be inlined into each other before the checker gives up.
const MAX_EXPANSION_DEPTH: usize = 32;

/// What a global name stands for once its item is checked.
#[derive(Debug, Clone)]
pub enum Global {
    Parameter(ParamId, Type),
    Definition(DefId, Type, checked::Deps),
    /// A definition with parameters: the AST, inlined at each use.
    Function(usize),
    Table(TableId, Vec<Type>, Type, Span),
    Rule(RuleId, checked::Deps),
    Input(InputKind),
    Enum(EnumId),
    /// Declared, but not usable in expressions (records, decisions, scores, ...), or skipped
    /// because of an earlier error.
    Other,
}

/// A name bound inside an expression.
#[derive(Debug, Clone)]
enum Local {
    Value(LocalId, Type),
    /// An untyped parameter given a definition: called like one.
    Function(usize),
}

/// The names in scope while checking one item, and its local counter.
pub struct Frame {
    scopes: Vec<(String, Local)>,
    pub locals: u16,
    /// Each inlined definition in progress, with its call site.
    calls: Vec<(String, Span)>,
}

impl Frame {
    pub fn new() -> Frame {
        Frame {
            scopes: Vec::new(),
            locals: 0,
            calls: Vec::new(),
        }
    }

    fn lookup(&self, name: &str) -> Option<&Local> {
        self.scopes
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, l)| l)
    }

    pub fn bind(&mut self, name: &str, ty: Type) -> LocalId {
        let id = LocalId(self.locals);
        self.locals = self.locals.saturating_add(1);
        self.scopes.push((name.to_string(), Local::Value(id, ty)));
        id
    }

    fn bind_function(&mut self, name: &str, item: usize) {
        self.scopes.push((name.to_string(), Local::Function(item)));
    }

    fn depth(&self) -> usize {
        self.scopes.len()
    }

    fn truncate(&mut self, depth: usize) {
        self.scopes.truncate(depth);
    }
}

impl Default for Frame {
    fn default() -> Self {
        Frame::new()
    }
}

/// Checks expressions against the schema and the globals checked so far.
pub struct Typer<'a> {
    pub schema: &'a Schema,
    pub rules: &'a ast::RuleSet,
    pub globals: HashMap<String, Global>,
    pub problems: Problems,
    pub sources: &'a SourceSet,
}

impl<'a> Typer<'a> {
    pub fn new(schema: &'a Schema, rules: &'a ast::RuleSet, sources: &'a SourceSet) -> Typer<'a> {
        Typer {
            schema,
            rules,
            globals: HashMap::new(),
            problems: Problems::new(),
            sources,
        }
    }

    fn report(&mut self, frame: &Frame, mut problem: Problem) {
        // Inside an inlined definition, say which use led here.
        for (name, span) in frame.calls.iter().rev().take(1) {
            problem = problem.note(
                *span,
                bi!(
                    "saat memeriksa pemakaian `{name}` ini",
                    "while checking this use of `{name}`"
                ),
            );
        }
        self.problems.push(problem);
    }

    fn describe(&self, ty: &Type) -> String {
        ty.describe(self.schema, Lang::Id)
    }

    fn describe_both(&self, ty: &Type) -> (String, String) {
        (
            ty.describe(self.schema, Lang::Id),
            ty.describe(self.schema, Lang::En),
        )
    }

    /// Reports a mismatch unless the expression is already an error.
    pub fn expect(&mut self, frame: &Frame, expr: &CExpr, expected: &Type, what: Text) {
        if expr.ty.fits(expected) {
            return;
        }
        let (exp_id, exp_en) = self.describe_both(expected);
        let (found_id, found_en) = self.describe_both(&expr.ty);
        let (what_id, what_en) = (&what.id, &what.en);
        let problem = Problem::error(
            "check::type_mismatch",
            bi!(
                "{what_id}: diharapkan {exp_id}, ditemukan {found_id}",
                "{what_en}: expected {exp_en}, found {found_en}"
            ),
        )
        .at(expr.span, bi!("bertipe {found_id}", "this is {found_en}"));
        self.report(frame, problem);
    }

    // ------------------------------------------------------------------ construction

    fn make(kind: ExprKind, ty: Type, span: Span) -> CExpr {
        let deps = deps_of(&kind);
        CExpr {
            kind,
            ty,
            span,
            deps,
        }
    }

    fn error_expr(span: Span) -> CExpr {
        Typer::make(ExprKind::Const(Const::Absent), Type::Error, span)
    }

    // ------------------------------------------------------------------ expressions

    /// Checks `expr`; `expected` types text literals and empty sets.
    pub fn expr(&mut self, expr: &ast::Expr, frame: &mut Frame, expected: Option<&Type>) -> CExpr {
        let span = expr.span;
        match &expr.kind {
            ast::ExprKind::Literal(literal) => self.literal(literal, span, frame, expected),
            ast::ExprKind::Name(name) => self.name(name, frame),
            ast::ExprKind::Field(base, field) => self.field(base, field, frame, span),
            ast::ExprKind::Index(base, index) => self.index(base, index, frame, span),
            ast::ExprKind::Call(name, args) => self.call(name, args, frame, span),
            ast::ExprKind::Unit(operand, unit) => self.unit(operand, *unit, frame, span),
            ast::ExprKind::Cast(operand, target) => self.cast(operand, target, frame, span),
            ast::ExprKind::Negate(operand) => self.negate(operand, frame, span),
            ast::ExprKind::Not(operand) => {
                let operand =
                    self.boolean(operand, frame, bi!("operand `not`", "operand of `not`"));
                Typer::make(ExprKind::Not(Box::new(operand)), Type::Bool, span)
            }
            ast::ExprKind::Logic(op, left, right) => self.logic(*op, left, right, frame, span),
            ast::ExprKind::Arith(op, left, right) => self.arith(*op, left, right, frame, span),
            ast::ExprKind::Compare(first, chain) => self.compare_chain(first, chain, frame),
            ast::ExprKind::In {
                negated,
                element,
                collection,
            } => self.membership(*negated, element, collection, frame, span),
            ast::ExprKind::Is {
                negated,
                test,
                operand,
            } => self.is_test(*negated, *test, operand, frame, span),
            ast::ExprKind::Otherwise(value, fallback) => {
                let (value, fallback) = self.same_type(value, fallback, frame, expected);
                let ty = if value.ty.is_error() {
                    fallback.ty.clone()
                } else {
                    value.ty.clone()
                };
                self.check_same("otherwise", &value, &fallback, frame);
                Typer::make(
                    ExprKind::Otherwise(Box::new(value), Box::new(fallback)),
                    ty,
                    span,
                )
            }
            ast::ExprKind::Set(items) => self.set(items, frame, span, expected),
            ast::ExprKind::If(condition, then, otherwise) => {
                let condition =
                    self.boolean(condition, frame, bi!("syarat `if`", "condition of `if`"));
                let (then, otherwise) = self.same_type(then, otherwise, frame, expected);
                self.check_same("if ... else", &then, &otherwise, frame);
                let ty = if then.ty.is_error() {
                    otherwise.ty.clone()
                } else {
                    then.ty.clone()
                };
                Typer::make(
                    ExprKind::If(Box::new(condition), Box::new(then), Box::new(otherwise)),
                    ty,
                    span,
                )
            }
            ast::ExprKind::Quantifier(q) => self.quantifier(q, frame, span),
        }
    }

    pub fn boolean(&mut self, expr: &ast::Expr, frame: &mut Frame, what: Text) -> CExpr {
        let checked = self.expr(expr, frame, Some(&Type::Bool));
        self.expect(frame, &checked, &Type::Bool, what);
        checked
    }

    fn literal(
        &mut self,
        literal: &Literal,
        span: Span,
        frame: &Frame,
        expected: Option<&Type>,
    ) -> CExpr {
        let (value, ty) = match literal {
            Literal::Integer(n) => (Const::Int(*n), Type::Int),
            Literal::Bool(b) => (Const::Bool(*b), Type::Bool),
            Literal::Date(d) => (Const::Date(Date(*d)), Type::Date),
            Literal::Text(text) => match expected {
                Some(Type::Enum(id)) => match self.enum_value(*id, text, span, frame) {
                    Some(index) => (Const::Enum(*id, index), Type::Enum(*id)),
                    None => return Typer::error_expr(span),
                },
                _ => (Const::Text(text.clone()), Type::Text),
            },
        };
        Typer::make(ExprKind::Const(value), ty, span)
    }

    /// The index of `value` in an enum, or an error with the close values.
    pub fn enum_value(
        &mut self,
        id: EnumId,
        value: &str,
        span: Span,
        frame: &Frame,
    ) -> Option<u16> {
        let enum_type = self.schema.enum_type(id)?;
        if let Some(index) = enum_type.index_of(value) {
            return Some(index);
        }
        let values: Vec<&str> = enum_type.values.iter().map(String::as_str).collect();
        let problem = error::unknown_enum_value(value, &enum_type.name, span, &values);
        self.report(frame, problem);
        None
    }

    fn name(&mut self, name: &ast::Name, frame: &mut Frame) -> CExpr {
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

    fn function_arity(&self, item: usize) -> usize {
        match self.rules.items.get(item) {
            Some(ast::Item::Define(d)) => d.params.as_ref().map_or(0, Vec::len),
            _ => 0,
        }
    }

    fn field(
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
    fn source_text(&self, span: Span) -> String {
        self.sources
            .slice(span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn index(
        &mut self,
        base: &ast::Expr,
        index: &ast::Expr,
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
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

    fn unit(&mut self, operand: &ast::Expr, unit: Unit, frame: &mut Frame, span: Span) -> CExpr {
        let operand = self.expr(operand, frame, Some(&Type::Int));
        self.expect(
            frame,
            &operand,
            &Type::Int,
            bi!("jumlah satuan", "amount before a unit"),
        );
        let ty = match unit {
            Unit::Days => Type::Days,
            Unit::Months | Unit::Years => Type::Months,
        };
        Typer::make(ExprKind::Unit(Box::new(operand), unit), ty, span)
    }

    fn cast(
        &mut self,
        operand: &ast::Expr,
        target: &ast::Name,
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        let operand = self.expr(operand, frame, Some(&Type::Text));
        self.expect(
            frame,
            &operand,
            &Type::Text,
            bi!("nilai yang diubah dengan `as`", "value converted with `as`"),
        );
        match self.schema.enum_named(&target.text) {
            Some(id) => Typer::make(ExprKind::Cast(Box::new(operand), id), Type::Enum(id), span),
            None => {
                let names: Vec<&str> = self.schema.enums.iter().map(|e| e.name.as_str()).collect();
                let problem = error::unknown_type(&target.text, target.span, &names);
                self.report(frame, problem);
                Typer::error_expr(span)
            }
        }
    }

    fn negate(&mut self, operand: &ast::Expr, frame: &mut Frame, span: Span) -> CExpr {
        let operand = self.expr(operand, frame, None);
        if !matches!(
            operand.ty,
            Type::Int | Type::Days | Type::Months | Type::Error
        ) {
            self.expect(
                frame,
                &operand,
                &Type::Int,
                bi!("operand `-`", "operand of `-`"),
            );
        }
        let ty = operand.ty.clone();
        Typer::make(ExprKind::Negate(Box::new(operand)), ty, span)
    }

    fn logic(
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
    fn same_type(
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

    fn check_same(&mut self, operator: &str, left: &CExpr, right: &CExpr, frame: &Frame) {
        if left.ty.fits(&right.ty) {
            return;
        }
        let problem = self.operands_problem(operator, left, right, None);
        self.report(frame, problem);
    }

    fn operands_problem(
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

    fn arith(
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

    fn compare_chain(
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

    fn compare(
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

    fn membership(
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

    fn is_test(
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

    fn set(
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
    fn all_same(
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

    // ------------------------------------------------------------------ calls

    fn call(
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
    fn inline(
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
                    let ty = super::schema_builder::resolve_type(
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
    fn function_argument(&self, arg: &ast::Expr, frame: &Frame) -> Option<usize> {
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
    fn table_call(
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

    fn builtin(
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

    fn one_arg(
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

    // ------------------------------------------------------------------ quantifiers

    fn quantifier(&mut self, q: &ast::Quantifier, frame: &mut Frame, span: Span) -> CExpr {
        let collection = self.expr(&q.collection, frame, None);
        let depth = frame.depth();
        let (item, value) = match (&q.binding, collection.ty.clone()) {
            (Binding::One(name), Type::List(element)) => (frame.bind(&name.text, *element), None),
            (Binding::Pair(key, value), Type::Map(value_ty)) => {
                let key_id = frame.bind(&key.text, Type::Text);
                (key_id, Some(frame.bind(&value.text, *value_ty)))
            }
            (Binding::One(name), Type::Map(_)) => {
                let keyword = q.kind.keyword();
                let problem = Problem::error(
                    "check::map_binding",
                    bi!(
                        "kuantor atas map mengikat kunci dan nilai",
                        "a quantifier over a map binds a key and a value"
                    ),
                )
                .at(name.span, bi!("hanya satu nama", "only one name"))
                .help(bi!(
                    "tulis `{keyword} (nama, nilai) in ...`",
                    "write `{keyword} (name, value) in ...`"
                ));
                self.report(frame, problem);
                return Typer::error_expr(span);
            }
            (Binding::Pair(key, _), Type::List(_)) => {
                let problem = Problem::error(
                    "check::map_binding",
                    bi!(
                        "kuantor atas daftar mengikat satu nama",
                        "a quantifier over a list binds one name"
                    ),
                )
                .at(
                    key.span,
                    bi!("dua nama untuk satu unsur", "two names for one element"),
                );
                self.report(frame, problem);
                return Typer::error_expr(span);
            }
            (_, Type::Error) => return Typer::error_expr(span),
            (_, other) => {
                let (ty_id, ty_en) = self.describe_both(&other);
                let keyword = q.kind.keyword();
                let problem = Problem::error(
                    "check::not_a_collection",
                    bi!(
                        "`{keyword}` memerlukan daftar atau map, bukan {ty_id}",
                        "`{keyword}` needs a list or map, not {ty_en}"
                    ),
                )
                .at(collection.span, bi!("bertipe {ty_id}", "this is {ty_en}"));
                self.report(frame, problem);
                return Typer::error_expr(span);
            }
        };
        let filter = q
            .filter
            .as_ref()
            .map(|f| self.boolean(f, frame, bi!("syarat `where`", "condition of `where`")));
        let body = q.body.as_ref().map(|b| self.expr(b, frame, None));
        frame.truncate(depth);
        let ty = self.quantifier_type(q, body.as_ref(), frame, span);
        let quantifier = Quantifier {
            kind: q.kind,
            item,
            value,
            collection,
            filter,
            body,
        };
        Typer::make(ExprKind::Quantifier(Box::new(quantifier)), ty, span)
    }

    fn quantifier_type(
        &mut self,
        q: &ast::Quantifier,
        body: Option<&CExpr>,
        frame: &Frame,
        span: Span,
    ) -> Type {
        let keyword = q.kind.keyword();
        match (q.kind, body) {
            (QuantifierKind::Count, None) => Type::Int,
            (QuantifierKind::Count, Some(body)) => {
                let problem = Problem::error(
                    "check::quantifier_body",
                    bi!(
                        "`count` menghitung unsur yang memenuhi `where`; ia tidak memiliki `:`",
                        "`count` counts the elements that satisfy `where`; it takes no `:`"
                    ),
                )
                .at(body.span, bi!("tidak diharapkan", "not expected"))
                .help(bi!(
                    "tulis `count x in L where syarat`",
                    "write `count x in L where condition`"
                ));
                self.report(frame, problem);
                Type::Error
            }
            (_, None) => {
                let problem = Problem::error(
                    "check::quantifier_body",
                    bi!(
                        "`{keyword}` memerlukan `: ...` setelah daftar",
                        "`{keyword}` needs `: ...` after the list"
                    ),
                )
                .at(q.kind_span, bi!("tanpa `:`", "no `:`"))
                .help(bi!(
                    "mis. `{keyword} x in daftar: x.field ...`",
                    "e.g. `{keyword} x in list: x.field ...`"
                ));
                self.report(frame, problem);
                let _ = span;
                Type::Error
            }
            (QuantifierKind::Any | QuantifierKind::All | QuantifierKind::No, Some(body)) => {
                self.expect(
                    frame,
                    body,
                    &Type::Bool,
                    bi!("isi `{keyword}`", "body of `{keyword}`"),
                );
                Type::Bool
            }
            (QuantifierKind::Sum, Some(body)) => {
                if !matches!(body.ty, Type::Int | Type::Days | Type::Months | Type::Error) {
                    self.expect(frame, body, &Type::Int, bi!("isi `sum`", "body of `sum`"));
                    return Type::Error;
                }
                body.ty.clone()
            }
            (QuantifierKind::Max | QuantifierKind::Min, Some(body)) => {
                let ordered = match &body.ty {
                    Type::Int | Type::Days | Type::Months | Type::Date | Type::Error => true,
                    Type::Enum(id) => self.schema.enum_type(*id).is_some_and(|e| e.ordered),
                    _ => false,
                };
                if !ordered {
                    let (ty_id, ty_en) = self.describe_both(&body.ty);
                    let problem = Problem::error(
                        "check::not_ordered",
                        bi!(
                            "`{keyword}` memerlukan nilai berurutan, bukan {ty_id}",
                            "`{keyword}` needs ordered values, not {ty_en}"
                        ),
                    )
                    .at(body.span, bi!("bertipe {ty_id}", "this is {ty_en}"));
                    self.report(frame, problem);
                    return Type::Error;
                }
                body.ty.clone()
            }
            (QuantifierKind::First, Some(body)) => body.ty.clone(),
        }
    }

    // ------------------------------------------------------------------ constants

    /// Whether an expression is made of literals and parameters only (evaluated once per run).
    pub fn is_constant(expr: &CExpr) -> bool {
        let deps = expr.deps;
        if deps.employee || deps.position || deps.date || deps.has_free_locals() {
            return false;
        }
        match &expr.kind {
            ExprKind::Const(_) | ExprKind::Parameter(_) | ExprKind::AssessmentYear => true,
            ExprKind::Unit(e, _) | ExprKind::Negate(e) => Typer::is_constant(e),
            ExprKind::Arith(_, a, b) => Typer::is_constant(a) && Typer::is_constant(b),
            ExprKind::Set(items) => items.iter().all(Typer::is_constant),
            _ => false,
        }
    }
}

fn is_value(global: &Global) -> bool {
    matches!(
        global,
        Global::Parameter(..) | Global::Definition(..) | Global::Rule(..) | Global::Input(_)
    )
}

/// Text literals and sets of them take their type from context.
fn is_untyped_literal(expr: &ast::Expr) -> bool {
    match &expr.kind {
        ast::ExprKind::Literal(Literal::Text(_)) => true,
        ast::ExprKind::Set(items) => items.iter().all(is_untyped_literal),
        _ => false,
    }
}

fn arith_help(op: ArithOp, left: &Type, right: &Type) -> Option<Text> {
    match (op, left, right) {
        (ArithOp::Add, Type::Date, Type::Int) | (ArithOp::Sub, Type::Date, Type::Int) => Some(bi!(
            "beri satuan pada bilangan: `2 tahun`, `6 bulan`, `30 hari`",
            "give the number a unit: `2 tahun`, `6 bulan`, `30 hari`"
        )),
        (ArithOp::Add, Type::Date, Type::Date) => Some(bi!(
            "dua tanggal tidak dapat dijumlahkan; selisihnya (`a - b`) adalah durasi dalam hari",
            "two dates cannot be added; their difference (`a - b`) is a duration in days"
        )),
        (_, Type::Days, Type::Months) | (_, Type::Months, Type::Days) => Some(bi!(
            "tahun/bulan dan hari tidak dapat dicampur: panjang tahun berbeda-beda; tambahkan keduanya pada tanggal satu per satu",
            "years/months and days cannot be mixed: years differ in length; add each to a date in turn"
        )),
        _ => None,
    }
}

fn compare_help(left: &Type, right: &Type) -> Option<Text> {
    match (left, right) {
        (Type::Date, Type::Int) | (Type::Int, Type::Date) => Some(bi!(
            "tanggal dibandingkan dengan tanggal; untuk masa, bandingkan `evaluation_date >= tanggal + 2 tahun`",
            "a date compares with a date; for a period, compare `evaluation_date >= date + 2 tahun`"
        )),
        (Type::Date, Type::Months)
        | (Type::Months, Type::Date)
        | (Type::Date, Type::Days)
        | (Type::Days, Type::Date) => Some(bi!(
            "durasi tidak dapat dibandingkan dengan tanggal; tambahkan durasinya pada tanggal",
            "a duration does not compare with a date; add the duration to a date"
        )),
        (Type::Days, Type::Int) | (Type::Int, Type::Days) => Some(bi!(
            "beri satuan pada bilangan: `365 hari`",
            "give the number a unit: `365 hari`"
        )),
        (Type::Days, Type::Months) | (Type::Months, Type::Days) => Some(bi!(
            "hari dan tahun/bulan tidak dapat dibandingkan: panjang tahun berbeda-beda",
            "days do not compare with years/months: years differ in length"
        )),
        _ => None,
    }
}

/// What an expression reads, from its children.
pub fn deps_of(kind: &ExprKind) -> Deps {
    let mut deps = Deps::default();
    let mut add = |e: &CExpr| deps = deps.union(e.deps);
    match kind {
        ExprKind::Const(_) | ExprKind::Parameter(_) | ExprKind::AssessmentYear => {}
        ExprKind::Definition(_) | ExprKind::Rule(_) => {}
        ExprKind::EvaluationDate => {
            return Deps {
                date: true,
                ..Deps::default()
            };
        }
        ExprKind::Input(kind) => {
            return Deps {
                employee: *kind == InputKind::Employee,
                position: *kind == InputKind::Position,
                ..Deps::default()
            };
        }
        ExprKind::Local(id) => {
            return Deps {
                free_locals: Deps::local_bit(*id),
                ..Deps::default()
            };
        }
        ExprKind::Field(e, _)
        | ExprKind::Unit(e, _)
        | ExprKind::Cast(e, _)
        | ExprKind::Negate(e)
        | ExprKind::Not(e) => add(e),
        ExprKind::ListIndex(a, b)
        | ExprKind::MapGet(a, b)
        | ExprKind::And(a, b)
        | ExprKind::Or(a, b)
        | ExprKind::Arith(_, a, b)
        | ExprKind::Compare(_, a, b)
        | ExprKind::Otherwise(a, b) => {
            add(a);
            add(b);
        }
        ExprKind::InList { element, list, .. } => {
            add(element);
            add(list);
        }
        ExprKind::InMap { key, map, .. } => {
            add(key);
            add(map);
        }
        ExprKind::InEnum { element, .. } => add(element),
        ExprKind::Is { operand, .. } => add(operand),
        ExprKind::If(c, a, b) => {
            add(c);
            add(a);
            add(b);
        }
        ExprKind::Table(_, args) | ExprKind::Builtin(_, args) | ExprKind::Set(args) => {
            args.iter().for_each(add)
        }
        ExprKind::Call(call) => {
            let mut body = call.body.deps;
            for (local, _) in &call.args {
                body = body.binding(*local);
            }
            deps = body;
            for (_, arg) in &call.args {
                deps = deps.union(arg.deps);
            }
        }
        ExprKind::Quantifier(q) => {
            let mut inner = Deps::default();
            if let Some(f) = &q.filter {
                inner = inner.union(f.deps);
            }
            if let Some(b) = &q.body {
                inner = inner.union(b.deps);
            }
            inner = inner.binding(q.item);
            if let Some(v) = q.value {
                inner = inner.binding(v);
            }
            deps = inner.union(q.collection.deps);
        }
    }
    deps
}
