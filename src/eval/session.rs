//! A session decides one employee after another against the positions, reusing its buffers.

use super::decide::{self, Decision};
use super::elements::PositionElements;
use super::grid::Row;
use super::interp::{self, Cx, Evaluator, NoTrace};
use super::memo::{Carried, Memo, Positions};
use super::outcome::{Codes, Outcome};
use super::value::Value;
use super::verdicts::{Owed, Points, Verdicts};
use super::{Engine, Unit, eligible, plan};
use crate::data::Record;
use crate::date::Date;
use crate::symbols::{Sym, Symbols};

/// One unit's value for a pair.
pub enum UnitValue {
    /// A requirement: true, false or unknown (`None`).
    Truth(Option<bool>),
    /// A prerequisite: the codes owed, as a range of the buffer they were appended to.
    Owed(usize, usize),
    /// A score part's points.
    Points(i64),
}

/// Once `unit`'s value is carried (see `memo::Carried`), sets it in the memo cell of every
/// group it carries to that holds nothing yet, in one pass: the unit's later groups then find
/// it there instead of each missing the memo and checking the group (835,818 such checks for
/// `pengalaman_bidang` on workload b, 45 groups an employee, when the pair loop still met the
/// groups pair by pair).
fn carry_to_groups<'a>(
    memo: &mut Memo<'a>,
    positions: &Positions<'a>,
    carried: &Carried<'a>,
    evaluator: &Evaluator<'a>,
    cx: &Cx<'a>,
    unit: usize,
) {
    let Some((value, compared)) = carried.carrying(unit) else {
        return;
    };
    // Where the field holds stored texts, the groups it was compared with are found by text.
    let named = positions.groups_named(unit, compared);
    for (column, cell) in positions.cells_of_unit(unit).enumerate() {
        if memo.value(cell).is_some() {
            continue;
        }
        let column = column as u32;
        let Some(field) = positions.compared_value(unit, column) else {
            continue;
        };
        let carries = match &named {
            // Equal stored texts are one symbol: a group not named differs from every value.
            Some(named) => field.is_known() && !named.contains(&column),
            None => carried.get(unit, field, evaluator, cx).is_some(),
        };
        if carries {
            memo.set_value(cell, value);
        }
    }
}

/// A unit's group of positions: its number (`column`), first position and memo cell.
#[derive(Clone, Copy)]
struct GroupCell {
    unit: usize,
    column: usize,
    position: usize,
    cell: u32,
}

/// Where the current employee's value of a unit comes from in bulk evaluation.
#[derive(Clone, Copy)]
enum Source<'a> {
    /// A slot filled before the pairs (a rule that reads one side only).
    Slot(plan::Slot),
    /// The employee's row of the unit's table (see `grid`).
    Row(Row<'a>),
    /// Computed for the first position of each group and memoised (see `memo`).
    Memo,
}

/// Decides one employee against positions, reusing its buffers across calls.
pub struct Session<'a> {
    engine: &'a Engine,
    hoisted: Evaluator<'a>,
    flat: Evaluator<'a>,
    cx: Cx<'a>,
    flat_cx: Cx<'a>,
    at_start: Vec<Value<'a>>,
    /// Each position's failed and unknown requirements for the current employee, in bulk
    /// evaluation (see `verdicts`).
    verdicts: Verdicts,
    /// A requirement's truth in each group of positions, while `verdicts` are marked.
    column_truths: Vec<Option<bool>>,
    /// Each position's points per score part for the current employee, in bulk evaluation.
    points: Points,
    /// Each training group's codes owed by the current employee, in bulk evaluation.
    owed: Owed,
    /// A score part's points in each group of positions, while `points` are found.
    column_points: Vec<i64>,
    /// The pair last decided by `decide_in`, until its position is set in `cx`
    /// (`position_cx`): only a rank key or a value not kept needs it there.
    pending_position: Option<(&'a Positions<'a>, usize)>,
    /// Which of the current employee's hoisted values are computed (see `fill_slots`).
    slots_filled: Vec<bool>,
    all_slots_filled: bool,
    /// The slots the units not read from the grid use, while they are filled.
    slots_wanted: Vec<bool>,
    horizon: Option<Date>,
    memo: Memo<'a>,
    /// Set by `employee`: the next memoised decision starts the memo afresh.
    new_employee: bool,
    employee: Option<&'a Record>,
    /// Where each unit's value comes from for the current employee (see `decide_in`).
    sources: Vec<Source<'a>>,
    carried: Carried<'a>,
    codes: Codes,
    timelines: Vec<(Value<'a>, usize, usize)>,
    days: Vec<Date>,
}

impl<'a> Session<'a> {
    pub fn new(engine: &'a Engine, symbols: &'a Symbols) -> Session<'a> {
        let mut cx = Cx::new(&engine.hoisted);
        let mut flat_cx = Cx::new(&engine.flat);
        cx.keeps_elements = true;
        flat_cx.keeps_elements = true;
        Session {
            engine,
            hoisted: Evaluator::new(&engine.hoisted, symbols),
            flat: Evaluator::new(&engine.flat, symbols),
            cx,
            flat_cx,
            at_start: Vec::new(),
            verdicts: Verdicts::new(&engine.dated),
            column_truths: Vec::new(),
            points: Points::default(),
            owed: Owed::default(),
            column_points: Vec::new(),
            pending_position: None,
            slots_filled: Vec::new(),
            all_slots_filled: false,
            slots_wanted: Vec::new(),
            horizon: engine.horizon(),
            memo: Memo::default(),
            new_employee: true,
            employee: None,
            sources: Vec::new(),
            carried: Carried::default(),
            codes: Codes::new(),
            timelines: Vec::new(),
            days: Vec::new(),
        }
    }

    /// Without `keep`, separable quantifiers evaluate every element for every pair instead of
    /// keeping values per employee (see `QuantifierNode::separable`): the plain evaluation
    /// that tests compare the kept values against.
    pub fn keeping_elements(mut self, keep: bool) -> Session<'a> {
        self.cx.keeps_elements = keep;
        self.flat_cx.keeps_elements = keep;
        self
    }

    /// Makes `input[key]` lookups find the records of `tables`.
    pub fn set_tables(&mut self, tables: &'a interp::Tables<'a>) {
        self.cx.tables = Some(tables);
        self.flat_cx.tables = Some(tables);
        self.cx.forget_elements();
        self.flat_cx.forget_elements();
    }

    /// Sets the employee and computes its hoisted values.
    ///
    /// The values are computed when first needed: in bulk evaluation, those that only
    /// tabulated units use are never needed (see `decide_in`).
    pub fn employee(&mut self, employee: &'a Record) {
        self.set_employee(employee);
    }

    /// Sets the employee and computes only `slots` (ascending) of its hoisted values, leaving
    /// the others unknown: enough for a unit that uses only those (`Engine::employee_slots`).
    /// Tabulating computes one unit for one employee of each row; all slots would cost more.
    pub fn employee_for(&mut self, employee: &'a Record, slots: &[u32]) {
        self.set_employee(employee);
        self.fill_slots(slots.iter().map(|&slot| slot as usize));
    }

    /// Computes the current employee's hoisted values in `slots` (ascending) that are not yet
    /// computed. A slot's value may use earlier slots; `Engine::employee_slots` lists a unit's
    /// slots with all those they use.
    fn fill_slots(&mut self, slots: impl Iterator<Item = usize>) {
        let cx = &mut self.cx;
        for index in slots {
            let (Some(filled), Some(slot)) = (
                self.slots_filled.get_mut(index),
                self.engine.hoisted.employee_slots.get(index),
            ) else {
                continue;
            };
            if std::mem::replace(filled, true) {
                continue;
            }
            let value = cx.frame(slot.locals, |cx| {
                self.hoisted.eval(&slot.node, cx, &mut NoTrace)
            });
            if let Some(place) = cx.employee_slots.get_mut(index) {
                *place = value;
            }
        }
    }

    /// Computes every hoisted value of the current employee not yet computed.
    fn fill_all_slots(&mut self) {
        if !self.all_slots_filled {
            self.fill_slots(0..self.engine.hoisted.employee_slots.len());
            self.all_slots_filled = true;
        }
    }

    /// Computes the hoisted values that the units not read from the grid use for the current
    /// employee (`sources` found).
    fn fill_slots_of_units(&mut self) {
        let slots = self.engine.hoisted.employee_slots.len();
        let mut wanted = std::mem::take(&mut self.slots_wanted);
        wanted.clear();
        wanted.resize(slots, false);
        for (source, unit_slots) in self.sources.iter().zip(&self.engine.employee_slots) {
            if matches!(source, Source::Row(_)) {
                continue;
            }
            for &slot in unit_slots {
                if let Some(wanted) = wanted.get_mut(slot as usize) {
                    *wanted = true;
                }
            }
        }
        self.fill_slots((0..slots).filter(|&slot| wanted.get(slot) == Some(&true)));
        self.slots_wanted = wanted;
    }

    /// Makes `employee` the current one, with no hoisted values yet and nothing kept from the
    /// one before.
    fn set_employee(&mut self, employee: &'a Record) {
        let cx = &mut self.cx;
        cx.employee = Some(&employee.fields);
        cx.position = None;
        cx.position_slots = &[];
        cx.set_position_elements(PositionElements::default());
        let slots = self.engine.hoisted.employee_slots.len();
        cx.employee_slots.clear();
        cx.employee_slots.resize(slots, Value::Unknown);
        self.slots_filled.clear();
        self.slots_filled.resize(slots, false);
        self.all_slots_filled = false;
        cx.forget_elements();
        cx.new_pair();
        self.pending_position = None;
        self.flat_cx.employee = Some(&employee.fields);
        self.new_employee = true;
        self.employee = Some(employee);
    }

    /// The value of `unit` (an index into `Engine::position_reads`) for the current employee
    /// and position `index` of `positions`; a prerequisite's codes are appended to `codes`.
    pub fn unit_value(
        &mut self,
        positions: &'a Positions<'a>,
        index: usize,
        unit: usize,
        codes: &mut Vec<Sym>,
    ) -> UnitValue {
        self.pending_position = None;
        let cx = &mut self.cx;
        if !at_position(cx, positions, index) {
            return UnitValue::Truth(None);
        }
        match self.engine.unit(unit) {
            Unit::Requirement(rule) => {
                UnitValue::Truth(decide::requirement(&self.hoisted, rule, cx, &mut NoTrace).truth())
            }
            Unit::Prerequisite(index) => {
                self.codes.clear();
                decide::prerequisite(&self.hoisted, index, cx, &mut NoTrace, &mut self.codes);
                let start = codes.len();
                codes.extend_from_slice(&self.codes);
                UnitValue::Owed(start, codes.len())
            }
            Unit::Part(index) => {
                UnitValue::Points(decide::part(&self.hoisted, index, cx, &mut NoTrace))
            }
        }
    }

    /// Decides the current employee for position `index` of `positions`: the same outcome as
    /// [`Session::decide`], with each unit read from the grid where it is tabulated and
    /// otherwise computed once per group of positions that agree on what it reads (see `memo`).
    ///
    /// The first call for an employee takes the requirements and score parts one at a time
    /// across all the positions (see `verdicts`), and computes every prerequisite's codes per
    /// group: a pair then only reads its row of verdicts and points. Every caller decides
    /// every position for each employee; one that decided a few would pay for all of them.
    pub fn decide_in(&mut self, positions: &'a Positions<'a>, index: usize, out: &mut Outcome) {
        if index >= positions.len() {
            out.clear();
            return;
        }
        self.start_employee(positions);
        // The pair's position is set in `cx` only if something reads it (`position_cx`).
        self.pending_position = Some((positions, index));
        self.decide_pair(positions, index, out);
    }

    /// Decides the current employee against each of `positions` in order, handing `each` the
    /// position's index and its outcome before the next is decided into the same `out`: the
    /// outcomes `decide_in` gives, without a call per pair and with the employee's checks
    /// made once (bulk evaluation; entering and leaving `decide_in` was about 19 of the 157
    /// instructions a pair took there).
    pub fn decide_each(
        &mut self,
        positions: &'a Positions<'a>,
        out: &mut Outcome,
        mut each: impl FnMut(usize, &Outcome),
    ) {
        self.start_employee(positions);
        for index in 0..positions.len() {
            self.decide_pair(positions, index, out);
            each(index, out);
        }
        // `each` cannot reach the session, so only the last pair's position is left pending
        // (`position_cx`), as `decide_in` leaves it: not stored for every pair.
        self.pending_position = positions.len().checked_sub(1).map(|last| (positions, last));
    }

    /// The employee's first pair against `positions` does the work of all of them.
    fn start_employee(&mut self, positions: &'a Positions<'a>) {
        let new_employee = std::mem::take(&mut self.new_employee);
        if self.memo.start(positions, new_employee) {
            self.start_positions(positions);
        }
    }

    /// The pair's outcome, every field of it set (`out` holds the previous pair's), read
    /// from what `start_positions` found for the employee.
    #[inline(always)]
    fn decide_pair(&mut self, positions: &'a Positions<'a>, index: usize, out: &mut Outcome) {
        let plan = &self.engine.hoisted;
        // Whether a requirement that keeps its value on every day fails: no date can help.
        let never = self.verdicts.add_to(index, &plan.requirements, out);
        self.owed
            .copy_to(positions.training_group(index), &mut out.training);
        self.points.copy_to(index, &mut out.parts);
        out.score = self.points.score(index);
        out.decision = decide::decision_of(out);
        out.eligible_from = if out.decision == Decision::NotEligible && !never {
            self.eligible_from_memoised(positions, index)
        } else {
            None
        };
    }

    /// The work of an employee's first pair against `positions`, before any pair is read.
    #[inline(never)]
    fn start_positions(&mut self, positions: &'a Positions<'a>) {
        self.find_sources(positions);
        self.fill_slots_of_units();
        self.mark_requirements(positions);
        self.find_owed(positions);
        self.find_points(positions);
    }

    /// `cx`, with the position of the pair last decided by `decide_in` set in it.
    fn position_cx(&mut self) -> &mut Cx<'a> {
        if let Some((positions, index)) = self.pending_position.take() {
            at_position(&mut self.cx, positions, index);
        }
        &mut self.cx
    }

    /// The codes `prerequisite` owes in `cell` of the memo, as a range of `Memo::codes`,
    /// computed against position `index` if not yet kept.
    fn owed_range(
        &mut self,
        positions: &'a Positions<'a>,
        index: usize,
        prerequisite: usize,
        cell: u32,
    ) -> (usize, usize) {
        if let Some(range) = self.memo.range(cell) {
            return range;
        }
        self.pending_position = None;
        let cx = &mut self.cx;
        at_position(cx, positions, index);
        let codes = &mut self.codes;
        codes.clear();
        decide::prerequisite(&self.hoisted, prerequisite, cx, &mut NoTrace, codes);
        let memo = &mut self.memo;
        let start = memo.codes.len();
        memo.codes.extend_from_slice(codes);
        memo.set_range(cell, start, memo.codes.len());
        (start, memo.codes.len())
    }

    /// Finds the codes each training group of `positions` owes for the current employee
    /// (`Positions::training_group`): each prerequisite's codes in the group's first position,
    /// from the grid where it is tabulated, otherwise computed once per group of its own (every
    /// such group is some training group's, since those agree on every prerequisite's group).
    /// Each training group's groups and memo cells come from a table made once per run
    /// (`Positions::training_cells`), and the prerequisites' sources are read once here.
    fn find_owed(&mut self, positions: &'a Positions<'a>) {
        let plan = &self.engine.hoisted;
        let first = plan.requirements.len();
        let count = plan.prerequisites.len();
        let mut owed = std::mem::take(&mut self.owed);
        owed.start();
        // Taken out for the loop, which computes memo cells through `self` (`owed_range`
        // does not read the sources).
        let all_sources = std::mem::take(&mut self.sources);
        let sources = all_sources.get(first..first + count).unwrap_or_default();
        // With no prerequisites there are no rows of cells, so no group is added, and every
        // pair owes nothing (`Owed::copy_to` of a group not there clears the codes).
        let groups = positions.training_cells().chunks_exact(count.max(1));
        for (&position, cells) in positions.training_representatives().iter().zip(groups) {
            for (prerequisite, (&source, &(column, cell))) in sources.iter().zip(cells).enumerate()
            {
                match source {
                    Source::Row(row) => owed.add(row.owed(column)),
                    _ => {
                        let (start, end) = self.owed_range(positions, position, prerequisite, cell);
                        owed.add(self.memo.codes.get(start..end).unwrap_or_default());
                    }
                }
            }
            owed.end_group();
        }
        self.sources = all_sources;
        owed.finish();
        self.owed = owed;
    }

    /// Each score part's points for the current employee against each of `positions`, read
    /// from the grid where the part is tabulated, otherwise computed once per group.
    fn find_points(&mut self, positions: &'a Positions<'a>) {
        let plan = &self.engine.hoisted;
        let first = plan.requirements.len() + plan.prerequisites.len();
        self.points.start(positions.len(), plan.parts.len());
        let mut points = std::mem::take(&mut self.column_points);
        for part in 0..plan.parts.len() {
            let unit = first + part;
            let groups = positions.unit_groups(unit);
            points.clear();
            // Every part is set for every position (see `Points::start`): one without a source
            // (there is one per unit) scores nothing.
            let Some(&source) = self.sources.get(unit) else {
                self.points.set(part, groups, &points);
                continue;
            };
            match source {
                Source::Row(Row::Points(row)) => points.extend(row.iter().map(|&p| i64::from(p))),
                _ => {
                    let representatives = positions.column_representatives(unit);
                    let cells = positions.cells_of_unit(unit);
                    for (column, (&position, cell)) in representatives.iter().zip(cells).enumerate()
                    {
                        let at = GroupCell {
                            unit,
                            column,
                            position,
                            cell,
                        };
                        let value = self.group_value(positions, at, |evaluator, cx| {
                            Value::Int(decide::part(evaluator, part, cx, &mut NoTrace))
                        });
                        points.push(match value {
                            Value::Int(points) => points,
                            _ => 0,
                        });
                    }
                }
            }
            self.points.set(part, groups, &points);
        }
        self.column_points = points;
    }

    /// `at.unit`'s value in a group for the current employee: kept in the memo, or else
    /// `compute`d against the group's first position and kept, unless it carries over from
    /// another group (see `memo::Carried`), for a unit that only compares one position field.
    /// The first value that carries is set at once in every group it carries to.
    fn group_value(
        &mut self,
        positions: &'a Positions<'a>,
        at: GroupCell,
        compute: impl FnOnce(&Evaluator<'a>, &mut Cx<'a>) -> Value<'a>,
    ) -> Value<'a> {
        if let Some(value) = self.memo.value(at.cell) {
            return value;
        }
        let (evaluator, carried, cx) = (&self.hoisted, &mut self.carried, &mut self.cx);
        at_position(cx, positions, at.position);
        let value = match positions.compared_value(at.unit, at.column as u32) {
            None => compute(evaluator, cx),
            Some(field) => match carried.get(at.unit, field, evaluator, cx) {
                Some(value) => value,
                // The unit already carries a value, which does not apply to this field:
                // nothing to watch.
                None if carried.value(at.unit).is_some() => compute(evaluator, cx),
                None => {
                    // Definitions cached earlier in the pair were evaluated unwatched: forget
                    // them, so that every comparison of the field is seen.
                    cx.forget_cached();
                    cx.comparing = true;
                    cx.compared.clear();
                    let value = compute(evaluator, cx);
                    cx.comparing = false;
                    carried.keep(at.unit, value, field, evaluator, cx);
                    carry_to_groups(&mut self.memo, positions, carried, evaluator, cx, at.unit);
                    value
                }
            },
        };
        self.memo.set_value(at.cell, value);
        value
    }

    /// Marks every requirement's verdict for the current employee against each of `positions`
    /// (see `verdicts`): its truth is read from the grid where it is tabulated, and otherwise
    /// computed once per group, against the group's first position.
    fn mark_requirements(&mut self, positions: &'a Positions<'a>) {
        let plan = &self.engine.hoisted;
        self.verdicts.start(positions.len());
        let mut truths = std::mem::take(&mut self.column_truths);
        for (unit, &rule) in plan.requirements.iter().enumerate() {
            let Some(&source) = self.sources.get(unit) else {
                break;
            };
            let members = positions.members(unit);
            if let Source::Row(Row::Truth(failing)) = source {
                self.verdicts.mark_not_holding(unit, members, failing);
                continue;
            }
            truths.clear();
            let representatives = positions.column_representatives(unit);
            let cells = positions.cells_of_unit(unit);
            for (column, (&position, cell)) in representatives.iter().zip(cells).enumerate() {
                let truth = match source {
                    Source::Slot(slot) => {
                        let cx = &mut self.cx;
                        at_position(cx, positions, position);
                        self.hoisted.slot_value(slot, cx).truth()
                    }
                    _ => {
                        let at = GroupCell {
                            unit,
                            column,
                            position,
                            cell,
                        };
                        self.group_value(positions, at, |evaluator, cx| {
                            decide::requirement(evaluator, rule, cx, &mut NoTrace)
                        })
                        .truth()
                    }
                };
                truths.push(truth);
            }
            self.verdicts.mark(unit, members, &truths);
        }
        self.column_truths = truths;
    }

    /// Where each unit's value comes from for the current employee against `positions`.
    fn find_sources(&mut self, positions: &'a Positions<'a>) {
        self.carried.clear(self.engine.position_reads.len());
        let plan = &self.engine.hoisted;
        let grid = &positions.grid;
        let employee = self.employee.and_then(|employee| grid.index_of(employee));
        self.sources.clear();
        for unit in 0..self.engine.position_reads.len() {
            let slot = plan
                .requirements
                .get(unit)
                .and_then(|&rule| plan.rules.get(rule as usize))
                .and_then(|rule| rule.slot);
            let row = employee.and_then(|employee| grid.row(unit, employee));
            self.sources.push(match (slot, row) {
                (Some(slot), _) => Source::Slot(slot),
                (None, Some(row)) => Source::Row(row),
                (None, None) => Source::Memo,
            });
        }
    }

    /// `eligible_from` for position `index` (a pair whose failing requirements all read the
    /// date), from each dated requirement's timeline, computed once per group, and combined
    /// once per dated group of positions (see `Positions::dated_group`).
    fn eligible_from_memoised(
        &mut self,
        positions: &'a Positions<'a>,
        index: usize,
    ) -> Option<Date> {
        let group = positions.dated_group(index);
        if let Some(day) = self.memo.first_day(group) {
            return day;
        }
        let day = self.combined_timelines(positions, index);
        self.memo.set_first_day(group, day);
        day
    }

    /// The first day on which every dated requirement holds for position `index`, from their
    /// timelines, each computed once per group.
    ///
    /// The first day on which the requirements that fail today all hold is the answer if those
    /// that hold today also hold on it (on each earlier day one of the former fails), so the
    /// latter are evaluated on that day alone; only where one of them fails then are their
    /// timelines needed. Three in four timelines computed were of requirements that hold.
    fn combined_timelines(&mut self, positions: &'a Positions<'a>, index: usize) -> Option<Date> {
        let position = positions.records.get(index)?;
        self.flat_cx.position = Some(&position.fields);
        self.timelines.clear();
        self.push_timelines(positions, index, false)?;
        let day = eligible::first_day(&self.timelines, &self.memo.changes, &mut self.days)?;
        if self.holding_ones_hold_on(index, day) {
            return Some(day);
        }
        self.push_timelines(positions, index, true)?;
        eligible::first_day(&self.timelines, &self.memo.changes, &mut self.days)
    }

    /// Adds the timelines of the dated requirements that hold today (`holding`), or of those
    /// that do not, for position `index` to `timelines`, each computed once per group.
    fn push_timelines(
        &mut self,
        positions: &'a Positions<'a>,
        index: usize,
        holding: bool,
    ) -> Option<()> {
        let engine = self.engine;
        let window = eligible::Window {
            start: engine.as_of,
            end: self.horizon?,
        };
        let cells = positions.cells_of(index);
        for (unit, &rule) in engine.flat.requirements.iter().enumerate() {
            let Some(truth) = self.dated_truth(index, unit, holding) else {
                continue;
            };
            let at_start = truth.map_or(Value::Unknown, Value::Bool);
            let cell = cells.get(unit).copied().unwrap_or(u32::MAX);
            let (start, end) = match self.memo.timeline(cell) {
                Some(range) => range,
                None => {
                    let start = self.memo.changes.len();
                    let cx = &mut self.flat_cx;
                    cx.new_pair();
                    eligible::timeline(
                        &self.flat,
                        rule,
                        at_start,
                        window,
                        cx,
                        &mut self.memo.changes,
                    );
                    let end = self.memo.changes.len();
                    self.memo.set_timeline(cell, start, end);
                    (start, end)
                }
            };
            self.timelines.push((at_start, start, end));
        }
        Some(())
    }

    /// Whether every dated requirement that holds today holds on `day` as well. One that
    /// stays true once it holds (`eligible::stays_true`: `masa_jabatan`, `pengalaman_jabatan`,
    /// `riwayat_hukuman`) is not evaluated again.
    fn holding_ones_hold_on(&mut self, index: usize, day: Date) -> bool {
        let saved = self.flat_cx.as_of;
        let mut all = true;
        let engine = self.engine;
        for (unit, &rule) in engine.flat.requirements.iter().enumerate() {
            if engine.stays_true.get(unit).copied().unwrap_or(false) {
                continue;
            }
            if self.dated_truth(index, unit, true).is_some()
                && eligible::outcome_on(&self.flat, rule, day, &mut self.flat_cx)
                    != Value::Bool(true)
            {
                all = false;
                break;
            }
        }
        self.flat_cx.as_of = saved;
        self.flat_cx.forget_cached();
        all
    }

    /// Requirement `unit`'s truth today, if it reads the date and holds today (`holding`), or
    /// does not.
    fn dated_truth(&self, index: usize, unit: usize, holding: bool) -> Option<Option<bool>> {
        let truth = self.verdicts.truth(index, unit);
        let dated = self.engine.dated.get(unit).copied().unwrap_or(true);
        (dated && (truth == Some(true)) == holding).then_some(truth)
    }

    /// Decides the current employee for one position (with `position_slots` from
    /// [`Engine::position_slots`]).
    pub fn decide(
        &mut self,
        position: &'a Record,
        position_slots: &'a [Value<'a>],
        out: &mut Outcome,
    ) {
        self.fill_all_slots();
        self.pending_position = None;
        let cx = &mut self.cx;
        cx.position = Some(&position.fields);
        cx.position_slots = position_slots;
        cx.set_position_elements(PositionElements::default());
        cx.new_pair();
        let requirements = &self.engine.hoisted.requirements;
        decide::decide(&self.hoisted, requirements, cx, &mut NoTrace, out);
        if out.decision == Decision::NotEligible {
            out.eligible_from = self.eligible_from(position, out);
        }
    }

    /// The value of `node` for the pair last decided (a rank key), in a frame of `locals`.
    pub fn pair_value(&mut self, node: &'a plan::Node, locals: u16) -> Value<'a> {
        self.fill_all_slots();
        self.position_cx();
        let evaluator = &self.hoisted;
        self.cx
            .frame(locals, |cx| evaluator.eval(node, cx, &mut NoTrace))
    }

    /// The current employee's hoisted value in `slot` (unknown if not computed).
    pub fn employee_slot(&self, slot: u32) -> Value<'a> {
        self.cx
            .employee_slots
            .get(slot as usize)
            .copied()
            .unwrap_or(Value::Unknown)
    }

    /// The value of `node` for the current employee alone.
    pub fn employee_value(&mut self, node: &'a plan::Node) -> Value<'a> {
        self.fill_all_slots();
        let evaluator = &self.hoisted;
        self.cx
            .frame(0, |cx| evaluator.eval(node, cx, &mut NoTrace))
    }

    fn eligible_from(&mut self, position: &'a Record, _out: &Outcome) -> Option<Date> {
        let horizon = self.horizon?;
        let requirements = &self.engine.hoisted.requirements;
        self.at_start.clear();
        for &rule in requirements.iter() {
            let value = decide::requirement(&self.hoisted, rule, &mut self.cx, &mut NoTrace);
            self.at_start.push(value);
        }
        let cx = &mut self.flat_cx;
        cx.position = Some(&position.fields);
        cx.new_pair();
        let window = eligible::Window {
            start: self.engine.as_of,
            end: horizon,
        };
        eligible::eligible_from(&self.flat, requirements, &self.at_start, window, cx)
    }
}

/// Makes position `index` of `positions` the pair's position in `cx`; false if there is none.
fn at_position<'a>(cx: &mut Cx<'a>, positions: &'a Positions<'a>, index: usize) -> bool {
    let (Some(position), Some(slots)) = (positions.records.get(index), positions.slots.get(index))
    else {
        return false;
    };
    cx.position = Some(&position.fields);
    cx.position_slots = slots;
    cx.set_position_elements(positions.elements.of_position(index));
    cx.new_pair();
    true
}
