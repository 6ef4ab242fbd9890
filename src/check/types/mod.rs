//! Expressions: names resolved, types inferred and checked, definitions with parameters inlined.
//!
//! A text literal takes its type from the other side (`pegawai.golongan >= "III/a"` makes
//! `"III/a"` a `Golongan`, checked against the enum), so policy writers never qualify values.

mod access;
mod calls;
mod operators;
mod quantifiers;

use std::collections::HashMap;

use super::checked::{
    self, Arith, Builtin, Call, Const, DefId, ExprKind, LocalId, ParamId, Quantifier, RuleId,
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
    /// Whether the expression being checked is a `listing`, where `each` may build a list.
    pub listing: bool,
}

impl<'a> Typer<'a> {
    pub fn new(schema: &'a Schema, rules: &'a ast::RuleSet, sources: &'a SourceSet) -> Typer<'a> {
        Typer {
            schema,
            rules,
            globals: HashMap::new(),
            problems: Problems::new(),
            sources,
            listing: false,
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
        let deps = checked::deps_of(&kind);
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

    // ------------------------------------------------------------------ calls

    // ------------------------------------------------------------------ quantifiers

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
