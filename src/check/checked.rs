//! The checked form of a rule set: names resolved, types known, definitions with parameters
//! inlined at each use. `eval` accepts nothing else.

use crate::ast::{CompareOp, InputKind, QuantifierKind, Unit};
use crate::date::Date;
use crate::schema::{EnumId, Schema, Type};
use crate::source::Span;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize { self.0 as usize }
            pub fn from_index(index: usize) -> Self { $name(u32::try_from(index).unwrap_or(u32::MAX)) }
        }
    )*};
}

id_type!(
    /// A `parameter`.
    ParamId,
    /// A `define` without parameters (evaluated once per subject and cached).
    DefId,
    /// A `table`.
    TableId,
    /// A `rule`.
    RuleId,
    /// A `prerequisite`.
    PrereqId,
    /// A `score`.
    ScoreId,
    /// A `decision`.
    DecisionId,
);

/// A variable bound by a quantifier or a definition's parameter, numbered within its item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalId(pub u16);

/// What an expression reads besides constants; decides where the evaluator computes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Deps {
    pub employee: bool,
    pub position: bool,
    /// Reads the evaluation date (so `eligible_from` must look at it).
    pub date: bool,
    /// Locals read but not bound inside the expression (bit i = local i; bit 63 = any >= 63).
    pub free_locals: u64,
    /// Looks a record up in an input table: not a constant, whatever else it reads.
    pub tables: bool,
}

impl Deps {
    pub fn union(self, other: Deps) -> Deps {
        Deps {
            employee: self.employee || other.employee,
            position: self.position || other.position,
            date: self.date || other.date,
            free_locals: self.free_locals | other.free_locals,
            tables: self.tables || other.tables,
        }
    }

    pub fn local_bit(local: LocalId) -> u64 {
        1u64 << u32::from(local.0).min(63)
    }

    /// The same, with `local` bound (no longer free). Locals past 62 share a bit and are never
    /// unbound, which only costs hoisting, never correctness.
    pub fn binding(self, local: LocalId) -> Deps {
        let bit = Deps::local_bit(local);
        let free_locals = if local.0 >= 63 {
            self.free_locals
        } else {
            self.free_locals & !bit
        };
        Deps {
            free_locals,
            ..self
        }
    }

    pub fn has_free_locals(self) -> bool {
        self.free_locals != 0
    }
}

/// A constant value: a literal, a folded parameter, a table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Absent,
    Bool(bool),
    Int(i64),
    Text(String),
    Date(Date),
    Days(i64),
    Months(i64),
    Enum(EnumId, u16),
}

/// A checked expression.
#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Type,
    pub span: Span,
    pub deps: Deps,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Const(Const),
    Parameter(ParamId),
    EvaluationDate,
    AssessmentYear,
    /// The record under evaluation (`pegawai`, `formasi`).
    Input(InputKind),
    Local(LocalId),
    /// `record.field` (field index in the record type).
    Field(Box<Expr>, usize),
    /// `list[i]`: absent when out of range.
    ListIndex(Box<Expr>, Box<Expr>),
    /// `map[key]`: absent when the key is not there.
    MapGet(Box<Expr>, Box<Expr>),
    /// A definition without parameters.
    Definition(DefId),
    /// A definition with parameters, inlined: arguments bound to locals, then the body.
    Call(Box<Call>),
    /// The outcome of a rule (true, false or unknown).
    Rule(RuleId),
    Table(TableId, Vec<Expr>),
    Builtin(Builtin, Vec<Expr>),
    /// `2 tahun`: an integer as a duration.
    Unit(Box<Expr>, Unit),
    /// `text as Enum`: absent when the text is not a value of the enum.
    Cast(Box<Expr>, EnumId),
    Negate(Box<Expr>),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Arith(Arith, Box<Expr>, Box<Expr>),
    Compare(CompareOp, Box<Expr>, Box<Expr>),
    /// `x in list`
    InList {
        negated: bool,
        element: Box<Expr>,
        list: Box<Expr>,
    },
    /// `key in map`
    InMap {
        negated: bool,
        key: Box<Expr>,
        map: Box<Expr>,
    },
    /// `text in Enum`
    InEnum {
        negated: bool,
        element: Box<Expr>,
        enum_id: EnumId,
    },
    /// `x is absent` (`negated`: `is present`), `x is empty`, `x is not empty`
    Is {
        test: Test,
        negated: bool,
        operand: Box<Expr>,
    },
    Otherwise(Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Quantifier(Box<Quantifier>),
    /// `{"pengawas", "administrator"}`: constant elements.
    Set(Vec<Expr>),
    /// `formasi[pegawai.jabatan.formasi]`: the record of an input with that key, if any.
    Lookup(InputKind, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    Absent,
    Empty,
}

/// A use of a definition with parameters.
#[derive(Debug, Clone)]
pub struct Call {
    /// The definition's name, for explanations.
    pub name: String,
    pub name_span: Span,
    /// How many arguments were written (a definition passed by name is not a value argument).
    pub written_args: usize,
    pub args: Vec<(LocalId, Expr)>,
    pub body: Expr,
}

#[derive(Debug, Clone)]
pub struct Quantifier {
    pub kind: QuantifierKind,
    /// The element of a list, or the key of a map.
    pub item: LocalId,
    /// The value of a map entry.
    pub value: Option<LocalId>,
    pub collection: Expr,
    pub filter: Option<Expr>,
    pub body: Option<Expr>,
}

/// Arithmetic by operand types, decided by the checker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arith {
    IntAdd,
    IntSub,
    IntMul,
    /// Rounds down.
    IntDiv,
    DaysAdd,
    DaysSub,
    /// days * integer
    DaysMul,
    /// days / days: a whole number, rounded down.
    DaysDivDays,
    /// days / integer, rounded down.
    DaysDivInt,
    MonthsAdd,
    MonthsSub,
    /// months * integer
    MonthsMul,
    DateAddDays,
    DateSubDays,
    DateAddMonths,
    DateSubMonths,
    /// date - date, in days
    DateDiff,
}

/// Built-in functions.
#[derive(Debug, Clone)]
pub enum Builtin {
    /// `min(a, b, ...)` over an ordered type.
    Min,
    /// `max(a, b, ...)` over an ordered type.
    Max,
    /// `year(date)`
    Year,
    /// `digits(date)`: "YYYYMMDD".
    Digits,
    /// `length(list | map | text)`
    Length,
    /// `slice(text, from, to)`: characters from..to, clamped to the text.
    Slice,
    /// `matches(text, "pattern")`: the whole text matches the regular expression.
    Matches(Box<regex::Regex>),
}

impl Builtin {
    pub fn name(&self) -> &'static str {
        match self {
            Builtin::Min => "min",
            Builtin::Max => "max",
            Builtin::Year => "year",
            Builtin::Digits => "digits",
            Builtin::Length => "length",
            Builtin::Slice => "slice",
            Builtin::Matches(_) => "matches",
        }
    }
}

/// `parameter name = value`
#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: String,
    pub ty: Type,
    /// A constant expression, evaluated once per run.
    pub value: Expr,
    pub span: Span,
}

/// `define name = body` (without parameters).
#[derive(Debug, Clone)]
pub struct Definition {
    pub name: String,
    pub body: Expr,
    pub locals: u16,
    pub span: Span,
}

/// `table name(a: A, b: B) -> R { rows }`
#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub result: Type,
    pub rows: Vec<TableRow>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct TableRow {
    pub patterns: Vec<Pattern>,
    /// A constant expression; `None` for `-> none`.
    pub value: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    Any,
    Missing,
    Value(Const),
}

/// `rule id "title" basis "..." [applies when A] [unknown when U] requires R`
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub basis: String,
    pub applies: Option<Expr>,
    pub unknown_when: Vec<Expr>,
    pub requires: Expr,
    pub locals: u16,
    pub span: Span,
    pub deps: Deps,
}

/// `prerequisite id "title" basis "..." [applies when A] owes X unless H`
#[derive(Debug, Clone)]
pub struct Prerequisite {
    pub id: String,
    pub title: String,
    pub basis: String,
    pub applies: Option<Expr>,
    pub owes: Owes,
    pub unless: Expr,
    pub locals: u16,
    pub span: Span,
    pub deps: Deps,
}

#[derive(Debug, Clone)]
pub enum Owes {
    /// One code (text or enum value); nothing is owed when it is absent.
    One(Expr),
    /// Each element of a list, `unless` read with the element bound to `var`.
    Each { var: LocalId, list: Expr },
}

/// `score name "title" part ...`
#[derive(Debug, Clone)]
pub struct Score {
    pub name: String,
    pub title: String,
    pub parts: Vec<ScorePart>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ScorePart {
    pub name: String,
    pub title: Option<String>,
    pub max: i64,
    pub value: Expr,
    pub locals: u16,
    pub span: Span,
}

/// `decision name "title" for ... requirements ... prerequisites ... scored by ...`
#[derive(Debug, Clone)]
pub struct DecisionDef {
    pub name: String,
    pub title: String,
    /// Whether it decides over (employee, position) pairs; otherwise over employees.
    pub pair: bool,
    pub requirements: Vec<RuleId>,
    pub prerequisites: Vec<PrereqId>,
    pub score: Option<ScoreId>,
    /// How far after the evaluation date `eligible_from` looks (a constant duration).
    pub eligible_within: Option<Expr>,
    pub span: Span,
}

/// `shortlist name "title" from decision open slots E include ... rank by ... top N rotation when E`
#[derive(Debug, Clone)]
pub struct Shortlist {
    pub name: String,
    pub title: String,
    pub decision: DecisionId,
    /// Open slots of a position (reads the position only).
    pub open: Expr,
    /// The group (unit) of a position in the needs analysis (reads the position only).
    pub group: Option<Expr>,
    /// The outcomes that make a candidate, in rank order.
    pub include: Vec<Decision>,
    pub rank: Vec<RankKey>,
    pub top: usize,
    /// Who is due for rotation (reads the employee only).
    pub rotation: Option<Expr>,
    pub span: Span,
}

/// One key of `rank by`.
#[derive(Debug, Clone)]
pub struct RankKey {
    pub by: RankBy,
    pub descending: bool,
}

#[derive(Debug, Clone)]
pub enum RankBy {
    Decision,
    Score,
    /// An expression over the pair (locals 0..`locals`).
    Expr(Expr, u16),
}

/// `classification name "title" for employee applies when A position P status ... else ...`
#[derive(Debug, Clone)]
pub struct Classification {
    pub name: String,
    pub title: String,
    pub applies: Option<Expr>,
    pub position: Option<Expr>,
    pub statuses: Vec<Status>,
    pub locals: u16,
    pub span: Span,
}

/// One status of a classification; the last has no condition.
#[derive(Debug, Clone)]
pub struct Status {
    pub name: String,
    pub title: String,
    pub when: Option<Expr>,
    /// An `each` quantifier giving the names reported with the status.
    pub listing: Option<Expr>,
}

/// `validate id on input.field "message" [applies when A] requires R`
#[derive(Debug, Clone)]
pub struct Validation {
    pub id: String,
    pub input: InputKind,
    /// Field indices from the input record down to the field reported.
    pub field_path: Vec<usize>,
    pub message: String,
    pub applies: Option<Expr>,
    pub requires: Expr,
    pub locals: u16,
    pub span: Span,
}

/// A rule set that passed the checker.
#[derive(Debug, Clone, Default)]
pub struct CheckedRules {
    pub schema: Schema,
    pub parameters: Vec<Parameter>,
    pub definitions: Vec<Definition>,
    pub tables: Vec<Table>,
    pub rules: Vec<Rule>,
    pub prerequisites: Vec<Prerequisite>,
    pub scores: Vec<Score>,
    pub decisions: Vec<DecisionDef>,
    pub validations: Vec<Validation>,
    pub shortlists: Vec<Shortlist>,
    pub classifications: Vec<Classification>,
}

impl CheckedRules {
    pub fn rule(&self, id: RuleId) -> Option<&Rule> {
        self.rules.get(id.index())
    }

    pub fn prerequisite(&self, id: PrereqId) -> Option<&Prerequisite> {
        self.prerequisites.get(id.index())
    }

    pub fn score(&self, id: ScoreId) -> Option<&Score> {
        self.scores.get(id.index())
    }

    pub fn definition(&self, id: DefId) -> Option<&Definition> {
        self.definitions.get(id.index())
    }

    pub fn parameter(&self, id: ParamId) -> Option<&Parameter> {
        self.parameters.get(id.index())
    }

    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables.get(id.index())
    }

    /// The decision over (employee, position) pairs: the one `eval` runs.
    pub fn pair_decision(&self) -> Option<(DecisionId, &DecisionDef)> {
        self.decisions
            .iter()
            .enumerate()
            .find(|(_, d)| d.pair)
            .map(|(i, d)| (DecisionId::from_index(i), d))
    }
}

/// What an expression reads, from its children.
pub fn deps_of(kind: &ExprKind) -> Deps {
    let mut deps = Deps::default();
    let mut add = |e: &Expr| deps = deps.union(e.deps);
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
        ExprKind::Lookup(_, key) => {
            return Deps {
                tables: true,
                ..key.deps
            };
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

/// The four outcomes of a decision, in the order they rank: the language gives them meaning,
/// not the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Decision {
    Eligible,
    EligibleAfterTraining,
    NeedsReview,
    NotEligible,
}

impl Decision {
    /// Every outcome, best first.
    pub const ALL: [Decision; 4] = [
        Decision::Eligible,
        Decision::EligibleAfterTraining,
        Decision::NeedsReview,
        Decision::NotEligible,
    ];

    /// The outcome a code names (`eligible`, ...).
    pub fn from_code(code: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The name in machine-readable output.
    pub fn code(self) -> &'static str {
        match self {
            Decision::Eligible => "eligible",
            Decision::EligibleAfterTraining => "eligible_after_training",
            Decision::NeedsReview => "needs_review",
            Decision::NotEligible => "not_eligible",
        }
    }

    /// The words an HR officer reads.
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        use crate::lang::pick;
        match self {
            Decision::Eligible => pick(lang, "memenuhi syarat", "eligible"),
            Decision::EligibleAfterTraining => pick(
                lang,
                "memenuhi syarat setelah pelatihan",
                "eligible after training",
            ),
            Decision::NeedsReview => pick(lang, "perlu ditinjau", "needs review"),
            Decision::NotEligible => pick(lang, "tidak memenuhi syarat", "not eligible"),
        }
    }

    /// Whether the person may be placed (now or once training is done).
    pub fn qualifies(self) -> bool {
        matches!(self, Decision::Eligible | Decision::EligibleAfterTraining)
    }
}
