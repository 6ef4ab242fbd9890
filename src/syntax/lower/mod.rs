//! pest pairs -> AST nodes with spans. Slips the grammar accepts on purpose (`=` for `==`,
//! `&&`, `||`, `!`) are lowered to what was meant and reported, so checking can go on.

mod expr;

use pest::iterators::Pair;

use super::Rule;
use crate::ast::*;
use crate::bi;
use crate::date::Date;
use crate::diagnostic::{Problem, Problems};
use crate::source::{FileId, Span};

type Node<'i> = Pair<'i, Rule>;

pub struct Lowerer {
    file: FileId,
    offset: usize,
    problems: Problems,
}

/// Deepest expression tree accepted: long `and`/`or` chains nest one level per operator, and
/// later stages walk trees recursively.
const MAX_DEPTH: usize = 400;

impl Lowerer {
    pub fn new(file: FileId, offset: usize) -> Lowerer {
        Lowerer {
            file,
            offset,
            problems: Problems::new(),
        }
    }

    pub fn into_problems(self) -> Problems {
        self.problems
    }

    fn span(&self, pair: &Node<'_>) -> Span {
        let span = pair.as_span();
        Span::new(
            self.file,
            self.offset + span.start(),
            self.offset + span.end(),
        )
    }

    fn name(&self, pair: Node<'_>) -> Name {
        Name {
            text: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    fn string(&self, pair: Node<'_>) -> Str {
        let span = self.span(&pair);
        // `title` wraps a `string`, which wraps its `string_inner`.
        let mut inner = pair;
        while let Some(child) = inner.clone().into_inner().find(is_not_keyword) {
            inner = child;
        }
        let raw = if inner.as_rule() == Rule::string {
            ""
        } else {
            inner.as_str()
        };
        Str {
            text: unescape(raw),
            span,
        }
    }

    // ------------------------------------------------------------------ items

    pub fn item(&mut self, pair: Node<'_>) -> Option<Item> {
        let item = match pair.as_rule() {
            Rule::enum_decl => Item::Enum(self.enum_decl(pair)),
            Rule::record_decl => Item::Record(self.record_decl(pair)?),
            Rule::input_decl => Item::Input(self.input_decl(pair)?),
            Rule::validate_decl => Item::Validate(self.validate_decl(pair)?),
            Rule::parameter_decl => Item::Parameter(self.parameter_decl(pair)?),
            Rule::define_decl => Item::Define(self.define_decl(pair)?),
            Rule::table_decl => Item::Table(self.table_decl(pair)?),
            Rule::rule_decl => Item::Rule(self.rule_decl(pair)?),
            Rule::prerequisite_decl => Item::Prerequisite(self.prerequisite_decl(pair)?),
            Rule::score_decl => Item::Score(self.score_decl(pair)?),
            Rule::decision_decl => Item::Decision(self.decision_decl(pair)?),
            Rule::shortlist_decl => Item::Shortlist(self.shortlist_decl(pair)?),
            Rule::classification_decl => Item::Classification(self.classification_decl(pair)?),
            _ => return None,
        };
        Some(item)
    }

    fn enum_decl(&mut self, pair: Node<'_>) -> EnumDecl {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let mut name = None;
        let mut values = Vec::new();
        let mut ordered = false;
        for child in inner.by_ref() {
            match child.as_rule() {
                Rule::name => name = Some(self.name(child)),
                Rule::enum_value => values.push(self.enum_value(child)),
                Rule::ordered_tail | Rule::unordered_tail => {
                    ordered = child.as_rule() == Rule::ordered_tail;
                    for value in child.into_inner().filter(is_not_keyword) {
                        values.push(self.enum_value(value));
                    }
                }
                _ => {}
            }
        }
        EnumDecl {
            name: name.unwrap_or_else(|| Name {
                text: String::new(),
                span: Span::default(),
            }),
            ordered,
            values,
        }
    }

    fn enum_value(&self, pair: Node<'_>) -> Name {
        let span = self.span(&pair);
        let text = match pair.into_inner().find(is_not_keyword) {
            Some(value) if value.as_rule() == Rule::string => self.string(value).text,
            Some(value) => value.as_str().to_string(),
            None => String::new(),
        };
        Name { text, span }
    }

    fn record_decl(&mut self, pair: Node<'_>) -> Option<RecordDecl> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let mut fields = Vec::new();
        for field in inner {
            let mut parts = field.into_inner().filter(is_not_keyword);
            let field_name = self.name(parts.next()?);
            let ty = self.type_expr(parts.next()?)?;
            let unique_by = parts
                .next()
                .and_then(|u| u.into_inner().find(is_not_keyword))
                .map(|n| self.name(n));
            fields.push(FieldDecl {
                name: field_name,
                ty,
                unique_by,
            });
        }
        Some(RecordDecl { name, fields })
    }

    fn type_expr(&mut self, pair: Node<'_>) -> Option<TypeExpr> {
        let pair = if pair.as_rule() == Rule::type_expr {
            pair.into_inner().find(is_not_keyword)?
        } else {
            pair
        };
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut inner = pair.into_inner().filter(is_not_keyword);
        Some(match rule {
            Rule::optional_type => {
                TypeExpr::Optional(Box::new(self.type_expr(inner.next()?)?), span)
            }
            Rule::list_type => TypeExpr::List(Box::new(self.type_expr(inner.next()?)?), span),
            Rule::map_type => TypeExpr::Map(Box::new(self.type_expr(inner.next()?)?), span),
            _ => {
                let name = self.name(inner.next()?);
                let range = match inner.next() {
                    Some(range) => Some(self.int_range(range)?),
                    None => None,
                };
                TypeExpr::Named { name, range }
            }
        })
    }

    fn int_range(&mut self, pair: Node<'_>) -> Option<IntRange> {
        let span = self.span(&pair);
        let mut bounds = pair.into_inner().filter(is_not_keyword);
        let min = self.integer(bounds.next()?)?;
        let max = match bounds.next() {
            Some(max) => Some(self.integer(max)?),
            None => None,
        };
        Some(IntRange { min, max, span })
    }

    fn input_decl(&mut self, pair: Node<'_>) -> Option<InputDecl> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let kind = match inner.next()?.as_str() {
            "employee" => InputKind::Employee,
            _ => InputKind::Position,
        };
        Some(InputDecl {
            kind,
            name: self.name(inner.next()?),
            record: self.name(inner.next()?),
            key: self.name(inner.next()?),
        })
    }

    fn validate_decl(&mut self, pair: Node<'_>) -> Option<ValidateDecl> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let path = inner
            .next()?
            .into_inner()
            .filter(is_not_keyword)
            .map(|n| self.name(n))
            .collect();
        let message = self.string(inner.next()?);
        let mut applies = None;
        let mut requires = None;
        for clause in inner {
            match clause.as_rule() {
                Rule::applies => applies = Some(self.clause_expr(clause)?),
                _ => requires = Some(self.clause_expr(clause)?),
            }
        }
        Some(ValidateDecl {
            name,
            path,
            message,
            applies,
            requires: requires?,
        })
    }

    fn parameter_decl(&mut self, pair: Node<'_>) -> Option<ParameterDecl> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let mut ty = None;
        let mut value = None;
        for child in inner {
            match child.as_rule() {
                Rule::type_expr => ty = self.type_expr(child),
                _ => value = Some(self.top_expr(child)?),
            }
        }
        Some(ParameterDecl {
            name,
            ty,
            value: value?,
        })
    }

    fn define_decl(&mut self, pair: Node<'_>) -> Option<DefineDecl> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let mut params = None;
        let mut body = None;
        for child in inner {
            match child.as_rule() {
                Rule::param_list => {
                    let list: Option<Vec<Param>> = child
                        .into_inner()
                        .filter(is_not_keyword)
                        .map(|p| self.param(p))
                        .collect();
                    params = Some(list?);
                }
                _ => body = Some(self.top_expr(child)?),
            }
        }
        Some(DefineDecl {
            name,
            params,
            body: body?,
        })
    }

    fn param(&mut self, pair: Node<'_>) -> Option<Param> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let ty = match inner.next() {
            Some(ty) => Some(self.type_expr(ty)?),
            None => None,
        };
        Some(Param { name, ty })
    }

    fn table_decl(&mut self, pair: Node<'_>) -> Option<TableDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let mut params = Vec::new();
        let mut result = None;
        let mut rows = Vec::new();
        for child in inner {
            match child.as_rule() {
                Rule::param => params.push(self.param(child)?),
                Rule::type_expr => result = self.type_expr(child),
                _ => rows.push(self.table_row(child)?),
            }
        }
        Some(TableDecl {
            name,
            params,
            result: result?,
            rows,
            span,
        })
    }

    fn table_row(&mut self, pair: Node<'_>) -> Option<TableRow> {
        let span = self.span(&pair);
        let mut patterns = Vec::new();
        let mut value = None;
        for child in pair.into_inner().filter(is_not_keyword) {
            match child.as_rule() {
                Rule::pattern => patterns.push(self.pattern(child)?),
                Rule::none_value => value = None,
                _ => value = Some(self.top_expr(child)?),
            }
        }
        Some(TableRow {
            patterns,
            value,
            span,
        })
    }

    fn pattern(&mut self, pair: Node<'_>) -> Option<Pattern> {
        let span = self.span(&pair);
        let inner = pair.into_inner().find(is_not_keyword)?;
        Some(match inner.as_rule() {
            Rule::wildcard => Pattern::Any(span),
            Rule::none_value => Pattern::Missing(span),
            _ => Pattern::Literal(self.literal(inner)?, span),
        })
    }

    fn rule_decl(&mut self, pair: Node<'_>) -> Option<RuleDecl> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let title = self.string(inner.next()?);
        let basis = self.clause_string(inner.next()?)?;
        let mut applies = None;
        let mut unknown_when = Vec::new();
        let mut requires = None;
        for clause in inner {
            match clause.as_rule() {
                Rule::applies => applies = Some(self.clause_expr(clause)?),
                Rule::unknown_when => unknown_when.push(self.clause_expr(clause)?),
                _ => requires = Some(self.clause_expr(clause)?),
            }
        }
        Some(RuleDecl {
            name,
            title,
            basis,
            applies,
            unknown_when,
            requires: requires?,
        })
    }

    fn prerequisite_decl(&mut self, pair: Node<'_>) -> Option<PrerequisiteDecl> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let title = self.string(inner.next()?);
        let basis = self.clause_string(inner.next()?)?;
        let mut applies = None;
        let mut owes = None;
        for clause in inner {
            match clause.as_rule() {
                Rule::applies => applies = Some(self.clause_expr(clause)?),
                _ => owes = Some(self.owes(clause)?),
            }
        }
        let (owes, unless) = owes?;
        Some(PrerequisiteDecl {
            name,
            title,
            basis,
            applies,
            owes,
            unless,
        })
    }

    fn owes(&mut self, pair: Node<'_>) -> Option<(Owes, Expr)> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let what = inner.next()?;
        let owes = if what.as_rule() == Rule::owes_each {
            let mut each = what.into_inner().filter(is_not_keyword);
            let var = self.name(each.next()?);
            let list = self.top_expr(each.next()?)?;
            Owes::Each { var, list }
        } else {
            Owes::One(self.top_expr(what)?)
        };
        let unless = self.top_expr(inner.next()?)?;
        Some((owes, unless))
    }

    fn score_decl(&mut self, pair: Node<'_>) -> Option<ScoreDecl> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let title = self.string(inner.next()?);
        let mut parts = Vec::new();
        for part in inner {
            let mut fields = part.into_inner().filter(is_not_keyword);
            let part_name = self.name(fields.next()?);
            let mut next = fields.next()?;
            let part_title = if next.as_rule() == Rule::title {
                let title = self.string(next);
                next = fields.next()?;
                Some(title)
            } else {
                None
            };
            let max_span = self.span(&next);
            let max = self.integer(next)?;
            let value = self.top_expr(fields.next()?)?;
            parts.push(ScorePart {
                name: part_name,
                title: part_title,
                max,
                max_span,
                value,
            });
        }
        Some(ScoreDecl { name, title, parts })
    }

    fn decision_decl(&mut self, pair: Node<'_>) -> Option<DecisionDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let title = self.string(inner.next()?);
        let subjects = inner
            .next()?
            .into_inner()
            .filter(is_not_keyword)
            .map(|n| self.name(n))
            .collect();
        let mut decision = DecisionDecl {
            name,
            title,
            subjects,
            requirements: Vec::new(),
            prerequisites: Vec::new(),
            score: None,
            eligible_from: None,
            span,
        };
        for clause in inner {
            match clause.as_rule() {
                Rule::requirements => decision.requirements.extend(self.name_list(clause)),
                Rule::prerequisites => decision.prerequisites.extend(self.name_list(clause)),
                Rule::scored_by => {
                    decision.score = clause
                        .into_inner()
                        .find(is_not_keyword)
                        .map(|n| self.name(n));
                }
                _ => decision.eligible_from = Some(self.clause_expr(clause)?),
            }
        }
        Some(decision)
    }

    fn shortlist_decl(&mut self, pair: Node<'_>) -> Option<ShortlistDecl> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let title = self.string(inner.next()?);
        let decision = self.name(inner.next()?);
        let mut shortlist = ShortlistDecl {
            name,
            title,
            decision,
            open: Expr {
                kind: ExprKind::Literal(Literal::Integer(0)),
                span: Span::default(),
            },
            group: None,
            include: Vec::new(),
            rank: Vec::new(),
            top: None,
            rotation: None,
        };
        for clause in inner {
            match clause.as_rule() {
                Rule::open_slots => shortlist.open = self.clause_expr(clause)?,
                Rule::grouped_by => shortlist.group = Some(self.clause_expr(clause)?),
                Rule::include => shortlist.include = self.name_list(clause),
                Rule::rank_by => {
                    for key in clause.into_inner().filter(is_not_keyword) {
                        shortlist.rank.push(self.rank_key(key)?);
                    }
                }
                Rule::top => {
                    let number = clause.into_inner().find(is_not_keyword)?;
                    let span = self.span(&number);
                    shortlist.top = Some((self.integer(number)?, span));
                }
                _ => shortlist.rotation = Some(self.clause_expr(clause)?),
            }
        }
        Some(shortlist)
    }

    fn rank_key(&mut self, pair: Node<'_>) -> Option<RankKey> {
        let span = self.span(&pair);
        let mut by = None;
        let mut descending = false;
        for part in pair.into_inner().filter(is_not_keyword) {
            match part.as_rule() {
                Rule::rank_decision => by = Some(RankBy::Decision),
                Rule::rank_score => by = Some(RankBy::Score),
                Rule::direction => descending = part.as_str() == "descending",
                _ => by = Some(RankBy::Expr(self.top_expr(part)?)),
            }
        }
        Some(RankKey {
            by: by?,
            descending,
            span,
        })
    }

    fn classification_decl(&mut self, pair: Node<'_>) -> Option<ClassificationDecl> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let title = self.string(inner.next()?);
        let subjects = inner.next()?.into_inner().map(|n| self.name(n)).collect();
        let mut classification = ClassificationDecl {
            name,
            title,
            subjects,
            applies: None,
            position: None,
            statuses: Vec::new(),
        };
        for clause in inner {
            match clause.as_rule() {
                Rule::applies => classification.applies = Some(self.clause_expr(clause)?),
                Rule::reported_position => {
                    classification.position = Some(self.clause_expr(clause)?)
                }
                _ => classification.statuses.push(self.status_case(clause)?),
            }
        }
        Some(classification)
    }

    fn status_case(&mut self, pair: Node<'_>) -> Option<StatusCase> {
        let mut inner = pair.into_inner().filter(is_not_keyword);
        let name = self.name(inner.next()?);
        let title = self.string(inner.next()?);
        let mut when = None;
        let mut listing = None;
        for part in inner {
            match part.as_rule() {
                Rule::listing => listing = Some(self.clause_expr(part)?),
                _ => when = Some(self.top_expr(part)?),
            }
        }
        Some(StatusCase {
            name,
            title,
            when,
            listing,
        })
    }

    fn name_list(&mut self, clause: Node<'_>) -> Vec<Name> {
        clause
            .into_inner()
            .filter(is_not_keyword)
            .flat_map(|list| list.into_inner().filter(is_not_keyword))
            .map(|n| self.name(n))
            .collect()
    }

    fn clause_expr(&mut self, clause: Node<'_>) -> Option<Expr> {
        let expr = clause.into_inner().find(is_not_keyword)?;
        self.top_expr(expr)
    }

    /// An expression of a clause or definition, refused when it nests too deeply.
    fn top_expr(&mut self, pair: Node<'_>) -> Option<Expr> {
        let expr = self.expr(pair)?;
        let depth = depth(&expr);
        if depth > MAX_DEPTH {
            self.problems.push(
                Problem::error(
                    "syntax::too_deep",
                    bi!("ungkapan bersarang terlalu dalam ({depth} tingkat, paling banyak {MAX_DEPTH})", "expression nested too deeply ({depth} levels, at most {MAX_DEPTH})"),
                )
                .at(expr.span, bi!("terlalu dalam", "too deep"))
                .help(bi!(
                    "pecah ungkapan ini menjadi beberapa `define` yang diberi nama",
                    "split the expression into several named `define`s"
                )),
            );
            return None;
        }
        Some(expr)
    }

    fn clause_string(&mut self, clause: Node<'_>) -> Option<Str> {
        Some(self.string(clause.into_inner().find(is_not_keyword)?))
    }
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Keyword pairs carry no information once parsed.
fn is_not_keyword(pair: &Node<'_>) -> bool {
    !matches!(
        pair.as_rule(),
        Rule::k_in
            | Rule::k_is
            | Rule::k_as
            | Rule::k_if
            | Rule::k_then
            | Rule::k_else
            | Rule::k_where
            | Rule::k_unless
            | Rule::k_otherwise
    )
}

/// The depth of an expression tree, walked without recursion.
fn depth(expr: &Expr) -> usize {
    let mut deepest = 0;
    let mut stack: Vec<(&Expr, usize)> = vec![(expr, 1)];
    while let Some((expr, level)) = stack.pop() {
        deepest = deepest.max(level);
        let children: Vec<&Expr> = match &expr.kind {
            ExprKind::Literal(_) | ExprKind::Name(_) => Vec::new(),
            ExprKind::Field(e, _)
            | ExprKind::Unit(e, _)
            | ExprKind::Cast(e, _)
            | ExprKind::Negate(e)
            | ExprKind::Not(e) => vec![e],
            ExprKind::Index(a, b)
            | ExprKind::Logic(_, a, b)
            | ExprKind::Arith(_, a, b)
            | ExprKind::Otherwise(a, b) => vec![a, b],
            ExprKind::Call(_, args) | ExprKind::Set(args) => args.iter().collect(),
            ExprKind::Compare(first, rest) => std::iter::once(first.as_ref())
                .chain(rest.iter().map(|(_, _, e)| e))
                .collect(),
            ExprKind::In {
                element,
                collection,
                ..
            } => vec![element, collection],
            ExprKind::Is { operand, .. } => vec![operand],
            ExprKind::If(c, a, b) => vec![c, a, b],
            ExprKind::Quantifier(q) => std::iter::once(&q.collection)
                .chain(q.filter.iter())
                .chain(q.body.iter())
                .collect(),
        };
        stack.extend(children.into_iter().map(|child| (child, level + 1)));
    }
    deepest
}
