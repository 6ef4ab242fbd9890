//! The rules as their author wrote them: plain data with spans, no types resolved.
//!
//! `syntax::parse` produces a [`RuleSet`]; `check::check` resolves its names and types against
//! the schema it declares. Each variant's doc shows the rule syntax it stands for.

use crate::source::Span;

/// A name as written, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// A string literal (title, legal basis, message), unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Str {
    pub text: String,
    pub span: Span,
}

/// Every item of every file in the rules directory, in file order.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone)]
pub enum Item {
    Enum(EnumDecl),
    Record(RecordDecl),
    Input(InputDecl),
    Validate(ValidateDecl),
    Parameter(ParameterDecl),
    Define(DefineDecl),
    Table(TableDecl),
    Rule(RuleDecl),
    Prerequisite(PrerequisiteDecl),
    Score(ScoreDecl),
    Decision(DecisionDecl),
    Shortlist(ShortlistDecl),
    Classification(ClassificationDecl),
}

impl Item {
    /// The name the item declares.
    pub fn name(&self) -> &Name {
        match self {
            Item::Enum(item) => &item.name,
            Item::Record(item) => &item.name,
            Item::Input(item) => &item.name,
            Item::Validate(item) => &item.name,
            Item::Parameter(item) => &item.name,
            Item::Define(item) => &item.name,
            Item::Table(item) => &item.name,
            Item::Rule(item) => &item.name,
            Item::Prerequisite(item) => &item.name,
            Item::Score(item) => &item.name,
            Item::Decision(item) => &item.name,
            Item::Shortlist(item) => &item.name,
            Item::Classification(item) => &item.name,
        }
    }
}

/// `enum Golongan = "I/a" < "I/b" < "I/c"` (ordered) or `enum JenisAsn = PNS | PPPK`.
#[derive(Debug, Clone)]
pub struct EnumDecl {
    pub name: Name,
    pub ordered: bool,
    pub values: Vec<Name>,
}

/// `record Skp { tahun: integer  predikat: PredikatSkp }`
#[derive(Debug, Clone)]
pub struct RecordDecl {
    pub name: Name,
    pub fields: Vec<FieldDecl>,
}

/// `skp: list of Skp unique tahun`
#[derive(Debug, Clone)]
pub struct FieldDecl {
    pub name: Name,
    pub ty: TypeExpr,
    /// For a list of records: the field whose value must not repeat within the list.
    pub unique_by: Option<Name>,
}

/// A type as written.
#[derive(Debug, Clone)]
pub enum TypeExpr {
    /// `text`, `date`, `Golongan`, `integer 1..5`
    Named { name: Name, range: Option<IntRange> },
    /// `optional T`
    Optional(Box<TypeExpr>, Span),
    /// `list of T`
    List(Box<TypeExpr>, Span),
    /// `map of T` (keys are text)
    Map(Box<TypeExpr>, Span),
}

impl TypeExpr {
    pub fn span(&self) -> Span {
        match self {
            TypeExpr::Named { name, range } => match range {
                Some(range) => name.span.to(range.span),
                None => name.span,
            },
            TypeExpr::Optional(_, span) | TypeExpr::List(_, span) | TypeExpr::Map(_, span) => *span,
        }
    }
}

/// `1..5` or `0..` on an integer field.
#[derive(Debug, Clone, Copy)]
pub struct IntRange {
    pub min: i64,
    pub max: Option<i64>,
    pub span: Span,
}

/// Which input an `employee`/`position` declaration binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Employee,
    Position,
}

/// `employee pegawai: Pegawai key nip`
#[derive(Debug, Clone)]
pub struct InputDecl {
    pub kind: InputKind,
    pub name: Name,
    pub record: Name,
    pub key: Name,
}

/// `validate nip_18_digit on pegawai.nip "NIP terdiri atas 18 digit" requires ...`
#[derive(Debug, Clone)]
pub struct ValidateDecl {
    pub name: Name,
    /// The input and the field a failure is reported at.
    pub path: Vec<Name>,
    pub message: Str,
    pub applies: Option<Expr>,
    pub requires: Expr,
}

/// `parameter masa_jabatan_minimal = 2 tahun`
#[derive(Debug, Clone)]
pub struct ParameterDecl {
    pub name: Name,
    pub ty: Option<TypeExpr>,
    pub value: Expr,
}

/// `define memiliki(kode: text) = any t in pegawai.pelatihan: t.kode == kode`
#[derive(Debug, Clone)]
pub struct DefineDecl {
    pub name: Name,
    /// `None` for `define x = ...`; `Some(vec![])` for `define x() = ...`.
    pub params: Option<Vec<Param>>,
    pub body: Expr,
}

/// A parameter of a definition or table; untyped parameters make a definition a template,
/// checked anew at each use.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: Name,
    pub ty: Option<TypeExpr>,
}

/// `table bup(jenis: JenisJabatan, jenjang: JenjangFungsional) -> integer { "jpt_pratama", _ -> 60 ... }`
#[derive(Debug, Clone)]
pub struct TableDecl {
    pub name: Name,
    pub params: Vec<Param>,
    pub result: TypeExpr,
    pub rows: Vec<TableRow>,
    pub span: Span,
}

/// `"fungsional", "ahli_utama" -> 65`
#[derive(Debug, Clone)]
pub struct TableRow {
    pub patterns: Vec<Pattern>,
    /// `None` for `-> none`.
    pub value: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Pattern {
    /// `_`: any value, a missing one too.
    Any(Span),
    /// `none`: a missing value.
    Missing(Span),
    Literal(Literal, Span),
}

impl Pattern {
    pub fn span(&self) -> Span {
        match self {
            Pattern::Any(span) | Pattern::Missing(span) | Pattern::Literal(_, span) => *span,
        }
    }
}

/// `rule masa_jabatan "Telah menduduki ..." basis "PP 11/2017 ..." requires E`
#[derive(Debug, Clone)]
pub struct RuleDecl {
    pub name: Name,
    pub title: Str,
    pub basis: Str,
    /// `applies when E`: where E is false the rule holds without looking further.
    pub applies: Option<Expr>,
    /// `unknown when E`: where E is true the rule is unknown (data it needs is missing).
    pub unknown_when: Vec<Expr>,
    pub requires: Expr,
}

/// `prerequisite pelatihan_wajib "..." basis "..." owes each c in L unless memiliki(c)`
#[derive(Debug, Clone)]
pub struct PrerequisiteDecl {
    pub name: Name,
    pub title: Str,
    pub basis: Str,
    pub applies: Option<Expr>,
    pub owes: Owes,
    pub unless: Expr,
}

#[derive(Debug, Clone)]
pub enum Owes {
    /// `owes kepemimpinan_wajib(formasi.jenis) unless ...`
    One(Expr),
    /// `owes each c in formasi.pelatihan_wajib unless memiliki(c)`
    Each { var: Name, list: Expr },
}

/// `score kecocokan "..." part pendidikan "..." max 30 = E ...`
#[derive(Debug, Clone)]
pub struct ScoreDecl {
    pub name: Name,
    pub title: Str,
    pub parts: Vec<ScorePart>,
}

#[derive(Debug, Clone)]
pub struct ScorePart {
    pub name: Name,
    pub title: Option<Str>,
    pub max: i64,
    pub max_span: Span,
    pub value: Expr,
}

/// `decision kelayakan "..." for pegawai, formasi requirements ... prerequisites ... scored by ...
/// eligible_from within 3 tahun`
#[derive(Debug, Clone)]
pub struct DecisionDecl {
    pub name: Name,
    pub title: Str,
    pub subjects: Vec<Name>,
    pub requirements: Vec<Name>,
    pub prerequisites: Vec<Name>,
    pub score: Option<Name>,
    pub eligible_from: Option<Expr>,
    pub span: Span,
}

/// `shortlist rekomendasi "..." from kelayakan_mutasi open slots E include eligible, ...
/// rank by decision, score descending, pegawai.nip top 10 rotation when E`
#[derive(Debug, Clone)]
pub struct ShortlistDecl {
    pub name: Name,
    pub title: Str,
    /// The pair decision whose outcomes are ranked.
    pub decision: Name,
    /// Open slots of a position; positions with none get no shortlist.
    pub open: Expr,
    /// What positions are grouped by in the needs analysis (a unit).
    pub group: Option<Expr>,
    /// The outcomes that make a candidate, in the order they rank.
    pub include: Vec<Name>,
    pub rank: Vec<RankKey>,
    /// The default size of a shortlist.
    pub top: Option<(i64, Span)>,
    /// Employees due for rotation (listed with their options).
    pub rotation: Option<Expr>,
}

/// One key of `rank by`: `decision`, `score`, or an expression; ascending unless `descending`.
#[derive(Debug, Clone)]
pub struct RankKey {
    pub by: RankBy,
    pub descending: bool,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum RankBy {
    /// The order of the outcomes in `include`.
    Decision,
    Score,
    Expr(Expr),
}

/// `classification monev "..." for pegawai applies when A position P status s "..." when C
/// [listing each x in L where F: V] ... else t "..."`
#[derive(Debug, Clone)]
pub struct ClassificationDecl {
    pub name: Name,
    pub title: Str,
    pub subjects: Vec<Name>,
    /// Who is classified at all.
    pub applies: Option<Expr>,
    /// The position reported with each employee.
    pub position: Option<Expr>,
    /// The statuses in order; the first whose `when` holds is given. The last has no `when`.
    pub statuses: Vec<StatusCase>,
}

#[derive(Debug, Clone)]
pub struct StatusCase {
    pub name: Name,
    pub title: Str,
    pub when: Option<Expr>,
    /// `listing each ...`: names reported with the status.
    pub listing: Option<Expr>,
}

/// An expression with its span.
#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    /// `42`, `"Baik"`, `2026-01-01`, `true`
    Literal(Literal),
    /// `masa_jabatan_minimal`, `pegawai`, `t`
    Name(Name),
    /// `pegawai.jabatan`
    Field(Box<Expr>, Name),
    /// `pegawai.minat[0]`, `pegawai.kompetensi[k]`
    Index(Box<Expr>, Box<Expr>),
    /// `memiliki("PKA")`, `max(a, b)`
    Call(Name, Vec<Expr>),
    /// `2 tahun`, `(n) hari`
    Unit(Box<Expr>, Unit),
    /// `t.kode as PelatihanKepemimpinan`
    Cast(Box<Expr>, Name),
    /// `-x`
    Negate(Box<Expr>),
    /// `not x`
    Not(Box<Expr>),
    /// `a and b`, `a or b` (and the slips `&&`, `||` reported by the checker)
    Logic(LogicOp, Box<Expr>, Box<Expr>),
    /// `a + b`, `a * b`, ...
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    /// `a <= b`, `a <= b <= c` (a chain compares neighbours)
    Compare(Box<Expr>, Vec<(CompareOp, Span, Expr)>),
    /// `x in L`, `x not in L`
    In {
        negated: bool,
        element: Box<Expr>,
        collection: Box<Expr>,
    },
    /// `x is absent`, `x is not empty`
    Is {
        negated: bool,
        test: IsTest,
        operand: Box<Expr>,
    },
    /// `x otherwise 0`
    Otherwise(Box<Expr>, Box<Expr>),
    /// `{"pengawas", "administrator"}`
    Set(Vec<Expr>),
    /// `if c then a else b`
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `any t in L where F: P`, `sum (k, v) in M: E`
    Quantifier(Box<Quantifier>),
}

#[derive(Debug, Clone)]
pub struct Quantifier {
    pub kind: QuantifierKind,
    pub kind_span: Span,
    pub binding: Binding,
    pub collection: Expr,
    pub filter: Option<Expr>,
    pub body: Option<Expr>,
}

#[derive(Debug, Clone)]
pub enum Binding {
    /// `t` over a list
    One(Name),
    /// `(k, v)` over a map
    Pair(Name, Name),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantifierKind {
    Any,
    All,
    No,
    Count,
    Sum,
    Max,
    Min,
    First,
    /// `each x in L where F: V`: the list of values (only after `listing`).
    Each,
}

impl QuantifierKind {
    pub fn keyword(self) -> &'static str {
        match self {
            QuantifierKind::Any => "any",
            QuantifierKind::All => "all",
            QuantifierKind::No => "no",
            QuantifierKind::Count => "count",
            QuantifierKind::Sum => "sum",
            QuantifierKind::Max => "max",
            QuantifierKind::Min => "min",
            QuantifierKind::First => "first",
            QuantifierKind::Each => "each",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Integer(i64),
    Text(String),
    /// Days since 1970-01-01.
    Date(i32),
    Bool(bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Years,
    Months,
    Days,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogicOp {
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CompareOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IsTest {
    Absent,
    Present,
    Empty,
}
