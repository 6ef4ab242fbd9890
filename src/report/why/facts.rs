//! The facts that decided a rule, walked from its recorded steps: for a failed `and` its failed
//! side, for a passed `or` its passing side, each comparison with its values, each value read
//! with the file and line it came from.

use super::*;

/// Walks a rule's steps for the facts that decided it.
pub(super) struct Facts<'w, 'e, 'a> {
    pub(super) why: &'w Why<'w>,
    pub(super) explanation: &'e PairExplanation<'a>,
}

impl<'a> Facts<'_, '_, 'a> {
    pub(super) fn lang(&self) -> Lang {
        self.why.lang()
    }

    /// The author's text of a node, on one line.
    pub(super) fn source(&self, node: &Node) -> String {
        let text = self.why.show.sources.slice(node.span);
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.chars().count() > 90 {
            let cut: String = one_line.chars().take(89).collect();
            format!("{cut}…")
        } else {
            one_line
        }
    }

    pub(super) fn value(&self, step: &Step<'_>) -> String {
        let ty = step.node().map_or(&Type::Error, |n| &n.ty);
        self.why.show.value(step.value, ty)
    }

    /// `source → value`, with the compared values for a comparison.
    pub(super) fn headline(&self, step: &Step<'_>) -> String {
        let Some(node) = step.node() else {
            return self.value(step);
        };
        let source = self.source(node);
        let value = self.value(step);
        match (&node.kind, step.children.as_slice()) {
            (NodeKind::Compare(op, ..), [left, right]) => {
                format!(
                    "{source}: {} {} {} → {value}",
                    self.value(left),
                    op.symbol(),
                    self.value(right)
                )
            }
            (
                NodeKind::InList { negated, .. } | NodeKind::InMap { negated, .. },
                [element, list],
            ) => {
                let word = if *negated { "not in" } else { "in" };
                format!(
                    "{source}: {} {word} {} → {value}",
                    self.value(element),
                    self.value(list)
                )
            }
            (NodeKind::Is { .. }, _) => format!("{source} → {value}"),
            _ => format!("{source} → {value}"),
        }
    }

    /// The facts that decided a boolean step.
    pub(super) fn decisive(
        &self,
        step: &Step<'a>,
        indent: usize,
        lines: &mut Vec<(usize, String)>,
    ) {
        let Some(node) = step.node() else { return };
        match &node.kind {
            NodeKind::And(..) | NodeKind::Or(..) => {
                let is_and = matches!(node.kind, NodeKind::And(..));
                let deciding = match (is_and, step.value) {
                    (true, Value::Bool(true)) | (false, Value::Bool(false)) => None,
                    (true, Value::Bool(false)) => Some(Value::Bool(false)),
                    (false, Value::Bool(true)) => Some(Value::Bool(true)),
                    _ => Some(Value::Unknown),
                };
                for child in &step.children {
                    if deciding.is_none_or(|d| child.value == d) {
                        self.decisive(child, indent, lines);
                    }
                }
            }
            NodeKind::Not(_) => {
                for child in &step.children {
                    self.decisive(child, indent, lines);
                }
            }
            NodeKind::If(..) => {
                // Children: the condition, then the branch taken.
                let mut children = step.children.iter();
                if let Some(condition) = children.next() {
                    self.decisive(condition, indent, lines);
                }
                for branch in children {
                    self.decisive(branch, indent, lines);
                }
            }
            NodeKind::Quantifier(q) => self.quantifier(step, q.kind, indent, lines),
            NodeKind::Call(call) => {
                // Values when every argument is a value; else the text as written (a definition
                // passed by name).
                let head = if call.args.len() == call.written_args {
                    let args: Vec<String> = step
                        .children
                        .iter()
                        .take(call.args.len())
                        .map(|a| self.value(a))
                        .collect();
                    format!("{}({})", call.name, args.join(", "))
                } else {
                    self.source(node)
                };
                lines.push((indent, format!("{head} = {}", self.value(step))));
                if let Some(body) = step.children.last() {
                    if body.node().is_some_and(|n| n.ty == Type::Bool) {
                        self.decisive(body, indent + 1, lines);
                    } else {
                        self.leaf(body, indent + 1, lines);
                    }
                }
            }
            NodeKind::Definition(index) => {
                let name = self
                    .why
                    .rules
                    .definitions
                    .get(*index as usize)
                    .map_or("", |d| d.name.as_str());
                lines.push((indent, format!("{name} = {}", self.value(step))));
                for child in &step.children {
                    self.decisive(child, indent + 1, lines);
                }
            }
            NodeKind::Rule(index) => {
                let name = self
                    .why
                    .rules
                    .rules
                    .get(*index as usize)
                    .map_or("", |r| r.id.as_str());
                lines.push((indent, format!("{name} = {}", self.value(step))));
            }
            NodeKind::Parameter(..) | NodeKind::Constant(_) => {}
            NodeKind::Field(..) | NodeKind::MapGet(..) | NodeKind::ListIndex(..) => {
                self.leaf(step, indent, lines)
            }
            _ => {
                lines.push((indent, self.headline(step)));
                self.operands(step, indent + 1, lines);
            }
        }
    }

    /// What a quantifier went through, with the elements that decided it.
    pub(super) fn quantifier(
        &self,
        step: &Step<'a>,
        kind: QuantifierKind,
        indent: usize,
        lines: &mut Vec<(usize, String)>,
    ) {
        let elements: Vec<&Step<'a>> = step
            .children
            .iter()
            .filter(|c| matches!(c.kind, StepKind::Element { .. }))
            .collect();
        let collection = step.children.first();
        let total = match collection.map(|c| c.value) {
            Some(Value::List(items)) => items.len(),
            Some(Value::Map(entries)) => entries.len(),
            _ => elements.len(),
        };
        let matching = elements
            .iter()
            .filter(|e| e.value == Value::Bool(true))
            .count();
        let count = match (self.lang(), kind) {
            _ if total == 0 => self.why.word("daftar kosong", "empty list").to_string(),
            (
                _,
                QuantifierKind::Sum
                | QuantifierKind::Max
                | QuantifierKind::Min
                | QuantifierKind::First
                | QuantifierKind::Count,
            ) => {
                format!("{total} {}", self.why.word("entri", "entries"))
            }
            (Lang::Id, _) => format!("{matching} dari {total} entri memenuhi"),
            (Lang::En, _) => format!("{matching} of {total} entries match"),
        };
        lines.push((indent, format!("{} ({count})", self.headline(step))));
        let element_ty = collection
            .and_then(|c| c.node())
            .map(|n| match &n.ty {
                Type::List(inner) => (**inner).clone(),
                Type::Map(inner) => (**inner).clone(),
                _ => Type::Error,
            })
            .unwrap_or(Type::Error);
        // Which elements to show: the witnesses of a true `any`, the counterexamples of a
        // false `all`, every element of a sum or of a search that found nothing.
        let shown: Vec<&&Step<'a>> = match (kind, step.value) {
            (QuantifierKind::Any, Value::Bool(true)) | (QuantifierKind::No, Value::Bool(false)) => {
                elements
                    .iter()
                    .filter(|e| e.value == Value::Bool(true))
                    .collect()
            }
            (QuantifierKind::All, Value::Bool(false)) => elements
                .iter()
                .filter(|e| e.value == Value::Bool(false))
                .collect(),
            (QuantifierKind::Any | QuantifierKind::No | QuantifierKind::All, Value::Unknown) => {
                elements.iter().filter(|e| !e.value.is_known()).collect()
            }
            (QuantifierKind::Sum | QuantifierKind::Max | QuantifierKind::Min, _) => elements
                .iter()
                .filter(|e| e.value.is_known() && e.value != Value::Bool(false))
                .collect(),
            (QuantifierKind::First, _) => elements
                .iter()
                .filter(|e| e.value != Value::Bool(false))
                .collect(),
            _ if elements.len() <= 3 => elements.iter().collect(),
            _ => Vec::new(),
        };
        for element in shown.iter().take(MAX_ELEMENTS) {
            let StepKind::Element { item, key } = element.kind else {
                continue;
            };
            let label = match key {
                Some(key) => format!(
                    "{} = {}",
                    self.why.show.value(key, &Type::Text),
                    self.why.show.value(item, &element_ty)
                ),
                None => self.why.show.value(item, &element_ty),
            };
            let origin = match item {
                Value::Record(fields) => fields.first().and_then(|first| self.origin(first)),
                _ => None,
            };
            let origin = origin.map(|o| format!(" ({o})")).unwrap_or_default();
            let result = match kind {
                QuantifierKind::Sum
                | QuantifierKind::Max
                | QuantifierKind::Min
                | QuantifierKind::First => {
                    let body_ty = element
                        .children
                        .last()
                        .and_then(|c| c.node())
                        .map_or(Type::Error, |n| n.ty.clone());
                    format!(": {}", self.why.show.value(element.value, &body_ty))
                }
                _ => format!(" → {}", self.why.show.value(element.value, &Type::Bool)),
            };
            lines.push((indent + 1, format!("• {label}{origin}{result}")));
            if !matches!(
                kind,
                QuantifierKind::Sum | QuantifierKind::Max | QuantifierKind::Min
            ) {
                for child in element.children.iter() {
                    if child.node().is_some_and(|n| n.ty == Type::Bool)
                        && child.value == element.value
                    {
                        self.decisive(child, indent + 2, lines);
                    }
                }
            }
        }
        if shown.len() > MAX_ELEMENTS {
            lines.push((
                indent + 1,
                format!(
                    "• … ({} {})",
                    shown.len() - MAX_ELEMENTS,
                    self.why.word("lainnya", "more")
                ),
            ));
        }
    }

    /// The values an expression read: record fields (with file and line), parameters,
    /// definitions and tables.
    pub(super) fn operands(
        &self,
        step: &Step<'a>,
        indent: usize,
        lines: &mut Vec<(usize, String)>,
    ) {
        for child in &step.children {
            self.leaf(child, indent, lines);
        }
    }

    pub(super) fn leaf(&self, step: &Step<'a>, indent: usize, lines: &mut Vec<(usize, String)>) {
        let Some(node) = step.node() else { return };
        let line = match &node.kind {
            NodeKind::Field(..) => {
                let base = step.children.first();
                let target = match (base.map(|b| b.value), &node.kind) {
                    (Some(Value::Record(fields)), NodeKind::Field(_, index)) => {
                        fields.get(usize::from(*index))
                    }
                    _ => None,
                };
                let origin = target
                    .and_then(|t| self.origin(t))
                    .map(|o| format!(" ({o})"))
                    .unwrap_or_default();
                if step.value.is_known() {
                    Some(format!(
                        "{} = {}{origin}",
                        self.source(node),
                        self.value(step)
                    ))
                } else {
                    Some(format!(
                        "{} {}{origin}",
                        self.source(node),
                        self.why.word("tidak diisi", "is not given")
                    ))
                }
            }
            NodeKind::Parameter(..) => {
                Some(format!("{} = {}", self.source(node), self.value(step)))
            }
            NodeKind::Definition(_) | NodeKind::Table(..) | NodeKind::Rule(_) => {
                Some(format!("{} = {}", self.source(node), self.value(step)))
            }
            NodeKind::Quantifier(q) => {
                self.quantifier(step, q.kind, indent, lines);
                return;
            }
            NodeKind::Call(_) => {
                self.decisive(step, indent, lines);
                return;
            }
            NodeKind::MapGet(..) | NodeKind::ListIndex(..) => Some(if step.value.is_known() {
                format!("{} = {}", self.source(node), self.value(step))
            } else {
                format!(
                    "{} {}",
                    self.source(node),
                    self.why.word("tidak ada", "is not there")
                )
            }),
            NodeKind::EvaluationDate
            | NodeKind::AssessmentYear
            | NodeKind::Constant(_)
            | NodeKind::ConstantList(_) => None,
            NodeKind::Input(_) | NodeKind::Local(_) => None,
            _ => {
                self.operands(step, indent, lines);
                return;
            }
        };
        if let Some(line) = line {
            if !lines.iter().any(|(_, l)| *l == line) {
                lines.push((indent, line));
            }
        }
    }

    /// Where a datum of the employee's or the position's record was read.
    pub(super) fn origin(&self, target: &Datum) -> Option<String> {
        let schema = self.why.show.schema;
        let records = [
            (
                self.explanation.employee,
                schema.input(InputKind::Employee).map(|i| i.record),
            ),
            (
                self.explanation.position,
                schema.input(InputKind::Position).map(|i| i.record),
            ),
        ];
        records
            .into_iter()
            .find_map(|(record, ty)| self.why.show.origin(record, ty?, target))
    }
}
