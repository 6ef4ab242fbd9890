//! `eligible_from`: the earliest date after the evaluation date, within the decision's horizon,
//! at which the same records would qualify (eligible, or eligible after training).
//!
//! Every requirement is a piecewise-constant function of the date, changing only where one of
//! its date comparisons changes. So instead of trying every day, each comparison that reads the
//! date is solved for the day it flips (a search that narrows the window to that day, exact
//! because the checker's types make its sides monotone in the date: see `Finder::compare`),
//! and the requirements are evaluated only on those days.
//! A requirement whose comparisons are not monotone (`==` on a date, a table keyed by the date)
//! is evaluated day by day instead: slower, still exact.

use super::interp::{Cx, Evaluator, NoTrace};
use super::plan::{Node, NodeKind, Plan, QuantifierNode};
use super::value::Value;
use crate::ast::{CompareOp, QuantifierKind};
use crate::check::checked::{Arith, Builtin};
use crate::date::Date;

/// How a value moves as the evaluation date moves forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trend {
    Constant,
    Rising,
    Falling,
    /// Either way, or not a number.
    Mixed,
}

impl Trend {
    fn join(self, other: Trend) -> Trend {
        match (self, other) {
            (Trend::Constant, x) | (x, Trend::Constant) => x,
            (a, b) if a == b => a,
            _ => Trend::Mixed,
        }
    }

    fn flip(self) -> Trend {
        match self {
            Trend::Rising => Trend::Falling,
            Trend::Falling => Trend::Rising,
            other => other,
        }
    }
}

/// The days `(start, end]` that are searched.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub start: Date,
    pub end: Date,
}

/// Searches the earliest qualifying date for the pair in `cx` (records set, flat plan).
/// `requirements` are the decision's rules and `at_start` their values on the evaluation date.
pub fn eligible_from<'a>(
    evaluator: &Evaluator<'a>,
    requirements: &[u32],
    at_start: &[Value<'a>],
    window: Window,
    cx: &mut Cx<'a>,
) -> Option<Date> {
    let mut changes = Vec::new();
    let mut timelines = Vec::new();
    for (&rule, &value) in requirements.iter().zip(at_start) {
        if !rule_is_dated(evaluator.plan, rule) {
            // A requirement that does not read the date keeps its value on every day.
            if value != Value::Bool(true) {
                return None;
            }
            continue;
        }
        let start = changes.len();
        timeline(evaluator, rule, value, window, cx, &mut changes);
        timelines.push((value, start, changes.len()));
    }
    first_day(&timelines, &changes, &mut Vec::new())
}

/// The days within the window on which `rule`'s value changes for the pair in `cx` (records
/// set, flat plan), each with the value from that day, appended to `out` in date order.
/// `at_start` is its value on the evaluation date. Bulk evaluation computes this once per
/// employee and group of positions (see `memo`) and combines them with [`first_day`].
pub fn timeline<'a>(
    evaluator: &Evaluator<'a>,
    rule: u32,
    at_start: Value<'a>,
    window: Window,
    cx: &mut Cx<'a>,
    out: &mut Vec<(Date, Value<'a>)>,
) {
    let saved = cx.as_of;
    let mut candidates: Vec<Date> = Vec::new();
    cx.as_of = window.start;
    cx.forget_cached();
    let mut finder = Finder {
        evaluator,
        window,
        out: &mut candidates,
    };
    let solved = finder.rule(rule, cx);
    cx.as_of = saved;
    if !solved {
        day_by_day(evaluator, rule, window, cx, &mut candidates);
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut previous = at_start;
    for day in candidates
        .into_iter()
        .filter(|d| *d > window.start && *d <= window.end)
    {
        let value = outcome_on(evaluator, rule, day, cx);
        if value != previous {
            out.push((day, value));
            previous = value;
        }
    }
    cx.as_of = saved;
    cx.forget_cached();
}

/// The first day on which every requirement holds, from the timelines of the dated ones: each
/// its value on the evaluation date and a range of `changes`. The requirements that do not read
/// the date must already hold. Gives what [`eligible_from`] gives. `days` is a buffer.
pub fn first_day(
    timelines: &[(Value<'_>, usize, usize)],
    changes: &[(Date, Value<'_>)],
    days: &mut Vec<Date>,
) -> Option<Date> {
    let changes_of = |start: usize, end: usize| changes.get(start..end).unwrap_or_default();
    days.clear();
    for &(_, start, end) in timelines {
        days.extend(changes_of(start, end).iter().map(|(day, _)| *day));
    }
    days.sort_unstable();
    days.dedup();
    days.iter().copied().find(|day| {
        timelines.iter().all(|&(at_start, start, end)| {
            let value = changes_of(start, end)
                .iter()
                .take_while(|(changed, _)| changed <= day)
                .last()
                .map_or(at_start, |(_, value)| *value);
            value == Value::Bool(true)
        })
    })
}

/// Whether a rule's value may change with the evaluation date.
pub fn rule_is_dated(plan: &Plan, rule: u32) -> bool {
    plan.rules.get(rule as usize).is_some_and(|r| {
        r.requires.dated
            || r.applies.as_ref().is_some_and(|a| a.dated)
            || r.unknown_when.iter().any(|u| u.dated)
    })
}

/// Whether a rule that holds on some day holds on every later day: its value can only go from
/// false (or unknown) to true as the date moves forward, as `evaluation_date >= tmt + ...`
/// does. Such a requirement, holding on the evaluation date, needs no evaluation on a later
/// day (`Session::holding_ones_hold_on`). False where that is not known.
pub fn stays_true(plan: &Plan, rule: u32) -> bool {
    rule_truth(plan, rule) == Trend::Rising
}

/// How a rule's truth moves with the date: `Rising` where it can only become true.
fn rule_truth(plan: &Plan, rule: u32) -> Trend {
    let Some(rule) = plan.rules.get(rule as usize) else {
        return Trend::Mixed;
    };
    if rule
        .applies
        .iter()
        .chain(&rule.unknown_when)
        .any(|condition| condition.dated)
    {
        return Trend::Mixed;
    }
    truth(&rule.requires, plan)
}

/// How a truth value moves with the date: `Rising` where it can only go from false to true,
/// `Falling` where only from true to false. Unknown comes from absent values, which no date
/// changes (a date past the calendar's range aside, far outside any window).
fn truth(node: &Node, plan: &Plan) -> Trend {
    if !node.dated {
        return Trend::Constant;
    }
    match &node.kind {
        NodeKind::Compare(op, a, b) => {
            let difference = difference_trend(a, b, plan);
            match op {
                CompareOp::Ge | CompareOp::Gt => difference,
                CompareOp::Le | CompareOp::Lt => difference.flip(),
                CompareOp::Eq | CompareOp::Ne => Trend::Mixed,
            }
        }
        NodeKind::And(a, b) | NodeKind::Or(a, b) => truth(a, plan).join(truth(b, plan)),
        NodeKind::Not(a) => truth(a, plan).flip(),
        NodeKind::If(c, a, b) if !c.dated => truth(a, plan).join(truth(b, plan)),
        NodeKind::Quantifier(q)
            if !q.collection.dated && q.filter.as_ref().is_none_or(|f| !f.dated) =>
        {
            let body = q.body.as_ref().map_or(Trend::Mixed, |b| truth(b, plan));
            match q.kind {
                QuantifierKind::Any | QuantifierKind::All => body,
                QuantifierKind::No => body.flip(),
                _ => Trend::Mixed,
            }
        }
        NodeKind::Call(call) if call.args.iter().all(|(_, arg)| !arg.dated) => {
            truth(&call.body, plan)
        }
        NodeKind::Definition(index) => plan
            .definitions
            .get(*index as usize)
            .map_or(Trend::Mixed, |definition| truth(&definition.body, plan)),
        NodeKind::Rule(index) => rule_truth(plan, *index),
        _ => Trend::Mixed,
    }
}

/// How `a - b` moves with the date: what a comparison of `a` with `b` turns on.
fn difference_trend(a: &Node, b: &Node, plan: &Plan) -> Trend {
    trend(a, plan, &mut Vec::new()).join(trend(b, plan, &mut Vec::new()).flip())
}

/// `rule`'s value on `day` for the pair in `cx` (flat plan). Leaves `cx` at `day`: the caller
/// puts its date back when done.
pub fn outcome_on<'a>(
    evaluator: &Evaluator<'a>,
    rule: u32,
    day: Date,
    cx: &mut Cx<'a>,
) -> Value<'a> {
    cx.as_of = day;
    cx.forget_cached();
    evaluator.rule_outcome(rule, cx, &mut NoTrace)
}

/// Adds every day on which the rule's value changes, trying each day of the window.
fn day_by_day<'a>(
    evaluator: &Evaluator<'a>,
    rule: u32,
    window: Window,
    cx: &mut Cx<'a>,
    out: &mut Vec<Date>,
) {
    let saved = cx.as_of;
    let mut previous = None;
    let mut day = window.start;
    while day <= window.end {
        let value = outcome_on(evaluator, rule, day, cx);
        if previous.is_some_and(|p| p != value) {
            out.push(day);
        }
        previous = Some(value);
        match day.add_days(1) {
            Some(next) => day = next,
            None => break,
        }
    }
    cx.as_of = saved;
}

/// Walks a rule's nodes on the evaluation date, solving each date comparison for its flip.
struct Finder<'e, 'a, 'o> {
    evaluator: &'e Evaluator<'a>,
    window: Window,
    out: &'o mut Vec<Date>,
}

impl<'a> Finder<'_, 'a, '_> {
    /// False when some part cannot be solved (the rule is then tried day by day).
    fn rule(&mut self, rule: u32, cx: &mut Cx<'a>) -> bool {
        let plan: &'a Plan = self.evaluator.plan;
        let Some(rule) = plan.rules.get(rule as usize) else {
            return true;
        };
        cx.frame(rule.locals, |cx| {
            // A rule whose `applies when` does not read the date and is not true is true or
            // unknown on every day (`Evaluator::rule_outcome`); one that applies on every day
            // and has an `unknown when` that does not read the date and is not false is unknown
            // on every day. Their days change nothing.
            if let Some(applies) = rule.applies.as_ref().filter(|applies| !applies.dated) {
                if self.undated_value(applies, cx) != Value::Bool(true) {
                    return true;
                }
            }
            let applies_every_day = rule.applies.as_ref().is_none_or(|applies| !applies.dated);
            if applies_every_day
                && rule.unknown_when.iter().any(|condition| {
                    !condition.dated && self.undated_value(condition, cx) != Value::Bool(false)
                })
            {
                return true;
            }
            let mut ok = true;
            for node in rule
                .applies
                .iter()
                .chain(&rule.unknown_when)
                .chain(std::iter::once(&rule.requires))
            {
                ok = ok && self.node(node, cx);
            }
            ok
        })
    }

    fn node(&mut self, node: &'a Node, cx: &mut Cx<'a>) -> bool {
        if !node.dated {
            return true;
        }
        match &node.kind {
            NodeKind::Compare(op, a, b) => self.compare(*op, a, b, cx),
            // A side that does not read the date has its value on every day: where it decides
            // alone (false for `and`, true for `or`), the other side's days change nothing.
            NodeKind::And(a, b) | NodeKind::Or(a, b) => {
                let deciding = Value::Bool(matches!(node.kind, NodeKind::Or(..)));
                match (a.dated, b.dated) {
                    (false, _) if self.undated_value(a, cx) == deciding => true,
                    (_, false) if self.undated_value(b, cx) == deciding => true,
                    _ => self.node(a, cx) && self.node(b, cx),
                }
            }
            NodeKind::Not(a) => self.node(a, cx),
            // Likewise only the branch a condition that does not read the date takes.
            NodeKind::If(c, a, b) if !c.dated => match self.undated_value(c, cx) {
                Value::Bool(true) => self.node(a, cx),
                Value::Bool(false) => self.node(b, cx),
                _ => self.node(a, cx) && self.node(b, cx),
            },
            NodeKind::If(c, a, b) => self.node(c, cx) && self.node(a, cx) && self.node(b, cx),
            NodeKind::Quantifier(q) => self.quantifier(q, cx),
            NodeKind::Call(call) => {
                for (local, arg) in &call.args {
                    if arg.dated {
                        return false;
                    }
                    let value = self.evaluator.eval(arg, cx, &mut NoTrace);
                    cx.set_local(*local, value);
                }
                self.node(&call.body, cx)
            }
            NodeKind::Definition(index) => {
                let plan: &'a Plan = self.evaluator.plan;
                let Some(definition) = plan.definitions.get(*index as usize) else {
                    return true;
                };
                cx.frame(definition.locals, |cx| self.node(&definition.body, cx))
            }
            NodeKind::Rule(index) => self.rule(*index, cx),
            NodeKind::Parameter(..) | NodeKind::Constant(_) | NodeKind::ConstantList(_) => true,
            // A truth value computed from the date some other way.
            _ => false,
        }
    }

    fn quantifier(&mut self, q: &'a QuantifierNode, cx: &mut Cx<'a>) -> bool {
        if q.collection.dated {
            return false;
        }
        let collection = self.evaluator.eval(&q.collection, cx, &mut NoTrace);
        let mut ok = true;
        let mut visit = |this: &mut Self, cx: &mut Cx<'a>| {
            if let Some(filter) = &q.filter {
                ok = ok && this.node(filter, cx);
            }
            if let Some(body) = &q.body {
                ok = ok && this.node(body, cx);
            }
        };
        match collection {
            Value::List(items) => {
                for item in items.iter() {
                    cx.set_local(q.item, Value::from_datum(item));
                    visit(self, cx);
                }
            }
            Value::Map(entries) => {
                for (key, value) in entries.iter() {
                    cx.set_local(q.item, Value::Text(*key));
                    if let Some(local) = q.value {
                        cx.set_local(local, Value::from_datum(value));
                    }
                    visit(self, cx);
                }
            }
            _ => {}
        }
        ok
    }

    /// Finds the days on which `a op b` changes within the window.
    fn compare(&mut self, op: CompareOp, a: &'a Node, b: &'a Node, cx: &mut Cx<'a>) -> bool {
        let ordering = !matches!(op, CompareOp::Eq | CompareOp::Ne);
        let trend = difference_trend(a, b, self.evaluator.plan);
        if !ordering || trend == Trend::Mixed {
            // Not monotone: try each day for this comparison alone.
            let mut previous = None;
            let mut day = self.window.start;
            while day <= self.window.end {
                let (value, _) = self.probe(op, a, b, day, cx);
                if previous.is_some_and(|p| p != value) {
                    self.out.push(day);
                }
                previous = Some(value);
                match day.add_days(1) {
                    Some(next) => day = next,
                    None => break,
                }
            }
            return true;
        }
        if trend == Trend::Constant {
            return true;
        }
        // Monotone: at most one change; find the first day with the end's value. Its value
        // on the evaluation date itself bounds the search, so that a change on the next day
        // is found like any other (when the search started from the next day, every timeline
        // also evaluated its whole rule on that day to catch such a change).
        let start = self.window.start;
        let (end_value, mut above) = self.probe(op, a, b, self.window.end, cx);
        let (start_value, mut below) = self.probe(op, a, b, start, cx);
        if start_value == end_value {
            return true;
        }
        // `lo` has the start's value and `hi` the end's, `below` and `above` the two sides'
        // differences there. Most sides move a day a day (`evaluation_date >= tmt + ...`, a
        // sum of days served), so the day found by interpolating the difference is usually
        // the day itself, and its neighbour confirms it: two evaluations where halving the
        // window took ten. Where a guess misses, the range is halved before the next.
        let (mut lo, mut hi) = (start.0, self.window.end.0);
        let mut next = Guess::Interpolated;
        while hi - lo > 1 {
            let half = lo + (hi - lo) / 2;
            let day = match next {
                Guess::Interpolated => flip_between(op, (lo, below), (hi, above)).unwrap_or(half),
                Guess::BelowHigh => hi - 1,
                Guess::AboveLow => lo + 1,
                Guess::Half => half,
            }
            .clamp(lo + 1, hi - 1);
            let (value, difference) = self.probe(op, a, b, Date(day), cx);
            let reached = value == end_value;
            if reached {
                (hi, above) = (day, difference);
            } else {
                (lo, below) = (day, difference);
            }
            next = match next {
                Guess::Interpolated if reached => Guess::BelowHigh,
                Guess::Interpolated => Guess::AboveLow,
                Guess::BelowHigh | Guess::AboveLow => Guess::Half,
                Guess::Half => Guess::Interpolated,
            };
        }
        self.out.push(Date(hi));
        true
    }

    /// The value of `node`, which does not read the date, on every day of the window.
    fn undated_value(&self, node: &'a Node, cx: &mut Cx<'a>) -> Value<'a> {
        self.evaluator.eval(node, cx, &mut NoTrace)
    }

    /// `a op b` on `day`, and the difference `a - b` where both are numbers of one kind.
    fn probe(
        &mut self,
        op: CompareOp,
        a: &'a Node,
        b: &'a Node,
        day: Date,
        cx: &mut Cx<'a>,
    ) -> (Value<'a>, Option<i64>) {
        let saved = cx.as_of;
        cx.as_of = day;
        cx.forget_cached();
        let left = self.evaluator.eval(a, cx, &mut NoTrace);
        let right = self.evaluator.eval(b, cx, &mut NoTrace);
        cx.as_of = saved;
        cx.forget_cached();
        let difference = match (left, right) {
            (Value::Int(l), Value::Int(r))
            | (Value::Days(l), Value::Days(r))
            | (Value::Months(l), Value::Months(r)) => l.checked_sub(r),
            (Value::Date(l), Value::Date(r)) => Some(i64::from(l.0) - i64::from(r.0)),
            _ => None,
        };
        (
            self.evaluator.compare_values(op, left, right, cx),
            difference,
        )
    }
}

/// The next day a monotone comparison's search tries (`Finder::compare`).
#[derive(Clone, Copy)]
enum Guess {
    /// Where the difference of the two sides, interpolated, flips the comparison.
    Interpolated,
    /// The day before the end's side of the range, after a guess that reached it.
    BelowHigh,
    /// The day after the start's side, after a guess that fell short.
    AboveLow,
    /// The middle of the range.
    Half,
}

/// The day on which `a op b` flips, interpolated between two days and the differences `a - b`
/// on them: the first day whose difference is on the far side of the flip (`>= 0` for `>=` and
/// `<` growing, `>= 1` for `>` and `<=`; falling, `<= -1` and `<= 0`), where the difference
/// moves at one rate between them. `None` where a difference is not known or they are equal.
fn flip_between(
    op: CompareOp,
    (lo, below): (i32, Option<i64>),
    (hi, above): (i32, Option<i64>),
) -> Option<i32> {
    let (below, above) = (i128::from(below?), i128::from(above?));
    let (falling_to, rising_to) = match op {
        CompareOp::Ge | CompareOp::Lt => (-1, 0),
        CompareOp::Gt | CompareOp::Le => (0, 1),
        CompareOp::Eq | CompareOp::Ne => return None,
    };
    let target = if above > below { rising_to } else { falling_to };
    let (distance, rate) = (
        (target - below).unsigned_abs(),
        (above - below).unsigned_abs(),
    );
    let width = u128::try_from(hi - lo).ok()?;
    if rate == 0 {
        return None;
    }
    let days = (distance * width).div_ceil(rate);
    i32::try_from(i128::from(lo) + i128::try_from(days).ok()?).ok()
}

/// How a numeric or date expression moves with the evaluation date. `locals` holds the trend
/// of the values calls have bound to their parameters.
fn trend(node: &Node, plan: &Plan, locals: &mut Vec<(u16, Trend)>) -> Trend {
    match &node.kind {
        NodeKind::Local(local) => {
            return locals
                .iter()
                .rev()
                .find(|(l, _)| l == local)
                .map_or(Trend::Constant, |(_, t)| *t);
        }
        NodeKind::Call(call) => {
            let depth = locals.len();
            for (local, arg) in &call.args {
                let arg_trend = trend(arg, plan, locals);
                locals.push((*local, arg_trend));
            }
            let body = trend(&call.body, plan, locals);
            locals.truncate(depth);
            return body;
        }
        _ => {}
    }
    if !node.dated {
        return Trend::Constant;
    }
    match &node.kind {
        NodeKind::EvaluationDate => Trend::Rising,
        NodeKind::Parameter(..) | NodeKind::Constant(_) => Trend::Constant,
        NodeKind::Unit(inner, _) => trend(inner, plan, locals),
        NodeKind::Negate(inner) => trend(inner, plan, locals).flip(),
        NodeKind::Arith(op, a, b) => arith_trend(*op, a, b, plan, locals),
        NodeKind::Builtin(Builtin::Min | Builtin::Max, args) => args
            .iter()
            .fold(Trend::Constant, |t, arg| t.join(trend(arg, plan, locals))),
        NodeKind::Builtin(Builtin::Year, args) => args
            .first()
            .map_or(Trend::Mixed, |a| trend(a, plan, locals)),
        NodeKind::If(c, a, b) if !c.dated => {
            let a = trend(a, plan, locals);
            a.join(trend(b, plan, locals))
        }
        NodeKind::Quantifier(q) => {
            let folds = matches!(
                q.kind,
                QuantifierKind::Sum | QuantifierKind::Max | QuantifierKind::Min
            );
            if folds && !q.collection.dated && q.filter.as_ref().is_none_or(|f| !f.dated) {
                q.body
                    .as_ref()
                    .map_or(Trend::Mixed, |b| trend(b, plan, locals))
            } else {
                Trend::Mixed
            }
        }
        NodeKind::Definition(index) => match plan.definitions.get(*index as usize) {
            Some(definition) => trend(&definition.body, plan, &mut Vec::new()),
            None => Trend::Mixed,
        },
        _ => Trend::Mixed,
    }
}

fn arith_trend(
    op: Arith,
    a: &Node,
    b: &Node,
    plan: &Plan,
    locals: &mut Vec<(u16, Trend)>,
) -> Trend {
    let ta = trend(a, plan, locals);
    let tb = trend(b, plan, locals);
    match op {
        Arith::IntAdd
        | Arith::DaysAdd
        | Arith::MonthsAdd
        | Arith::DateAddDays
        | Arith::DateAddMonths => ta.join(tb),
        Arith::IntSub
        | Arith::DaysSub
        | Arith::MonthsSub
        | Arith::DateSubDays
        | Arith::DateSubMonths
        | Arith::DateDiff => ta.join(tb.flip()),
        Arith::IntMul | Arith::DaysMul | Arith::MonthsMul => match (ta, tb) {
            (Trend::Constant, Trend::Constant) => Trend::Constant,
            (moving, Trend::Constant) => scaled(moving, sign(b)),
            (Trend::Constant, moving) => scaled(moving, sign(a)),
            _ => Trend::Mixed,
        },
        Arith::IntDiv | Arith::DaysDivDays | Arith::DaysDivInt => match (ta, tb) {
            (Trend::Constant, Trend::Constant) => Trend::Constant,
            // Rounding down keeps the direction of a rising or falling dividend.
            (moving, Trend::Constant) => scaled(moving, sign(b)),
            _ => Trend::Mixed,
        },
    }
}

/// A trend multiplied (or divided) by a constant of the given sign.
fn scaled(trend: Trend, positive: Option<bool>) -> Trend {
    match positive {
        Some(true) => trend,
        Some(false) => trend.flip(),
        None => Trend::Mixed,
    }
}

/// Whether a constant node is positive (`Some(true)`) or negative (`Some(false)`).
fn sign(node: &Node) -> Option<bool> {
    let value = match &node.kind {
        NodeKind::Constant(value) => *value,
        NodeKind::Parameter(_, inner) => match inner.kind {
            NodeKind::Constant(value) => value,
            _ => return None,
        },
        _ => return None,
    };
    match value {
        Value::Int(n) | Value::Days(n) | Value::Months(n) if n > 0 => Some(true),
        Value::Int(n) | Value::Days(n) | Value::Months(n) if n < 0 => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::flip_between;
    use crate::ast::CompareOp;

    /// A difference that moves a day a day (`evaluation_date >= tmt + 2 tahun`) is guessed on
    /// the very day it flips, for each order, rising and falling; the search then only
    /// confirms the day before.
    #[test]
    fn a_difference_moving_a_day_a_day_is_guessed_on_its_day() {
        let rising = ((0, Some(-10)), (100, Some(90)));
        assert_eq!(flip_between(CompareOp::Ge, rising.0, rising.1), Some(10));
        assert_eq!(flip_between(CompareOp::Gt, rising.0, rising.1), Some(11));
        let falling = ((0, Some(10)), (100, Some(-90)));
        assert_eq!(flip_between(CompareOp::Le, falling.0, falling.1), Some(10));
        assert_eq!(flip_between(CompareOp::Lt, falling.0, falling.1), Some(11));
        // Three days a day (three spells served at once): a third of the way.
        assert_eq!(
            flip_between(CompareOp::Ge, (0, Some(-30)), (100, Some(270))),
            Some(10)
        );
    }

    #[test]
    fn no_guess_without_two_different_differences_or_an_order() {
        let (lo, hi) = ((0, Some(-10)), (100, Some(90)));
        assert_eq!(flip_between(CompareOp::Ge, (0, None), hi), None);
        assert_eq!(flip_between(CompareOp::Ge, lo, (100, Some(-10))), None);
        assert_eq!(flip_between(CompareOp::Eq, lo, hi), None);
        assert_eq!(flip_between(CompareOp::Ne, lo, hi), None);
    }
}
