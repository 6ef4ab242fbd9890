//! Work done once per employee and *group* of positions instead of once per pair.
//!
//! A requirement such as `pendidikan_minimal` reads one field of the position; the 200
//! positions of a city hold perhaps six distinct values there. Positions that agree on every
//! field a unit reads (see `plan::reads`) form one group for that unit, and for a given employee
//! the unit has one value per group. Bulk evaluation computes it against the first position of
//! each group and reuses it for the others (see `verdicts`); the same goes for a dated
//! requirement's timeline (the days on which its value changes), which is what `eligible_from`
//! costs.

use std::collections::HashMap;
use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;
use std::sync::atomic::{AtomicU64, Ordering};

use super::Engine;
use super::elements::Elements;
use super::grid::Grid;
use super::interp::{Cx, Evaluator, Tables, is_computed_text};
use super::plan::reads::Reads;
use super::small_list::SmallList;
use super::stamped::Stamped;
use super::value::Value;
use crate::data::{Datum, Record};
use crate::date::Date;
use crate::symbols::{Sym, Symbols};

/// The positions of a run with their hoisted values and, per unit, their group.
pub struct Positions<'a> {
    pub records: &'a [Record],
    pub slots: Vec<Vec<Value<'a>>>,
    /// The elements of the collections that numbered quantifiers range over.
    pub elements: Elements,
    /// `cells[position * units + unit]`: where the unit's value for the position's group is
    /// kept in a [`Memo`] (the unit's first cell plus the group).
    cells: Vec<u32>,
    /// `groups[position * units + unit]`: the position's group for the unit, from 0 (its
    /// column in the unit's table, see `grid`).
    groups: Vec<u32>,
    /// The same, unit by unit: `unit_groups[unit * positions + position]`.
    unit_groups: Vec<u32>,
    /// The first position of each group, per unit.
    representatives: Vec<Vec<usize>>,
    /// The positions of each group, per unit.
    members: Vec<Members>,
    /// For a unit that only compares one position field (`Engine::compared_only`), that
    /// field's value in each group; empty for the other units.
    compared: Vec<Vec<Value<'a>>>,
    /// For such a unit whose known field values are all stored texts: the group of each text
    /// (groups are by the field, so each text has one). A value carried to the other groups
    /// then skips the few groups whose text it was compared with, found here, instead of
    /// comparing every group's text with every value (`Positions::groups_named`).
    text_columns: Vec<Option<HashMap<Sym, u32, FixedState>>>,
    /// How many units, and cells in all.
    units: usize,
    total: usize,
    /// Each position's group for `eligible_from`: positions in the same group of every dated
    /// requirement share one, and with it their first eligible day for a given employee.
    dated_groups: Vec<u32>,
    dated_total: usize,
    /// Each position's group for the training owed: positions in the same group of every
    /// prerequisite owe the same codes for a given employee.
    training_groups: Vec<u32>,
    /// The first position of each training group.
    training_representatives: Vec<usize>,
    /// Each training group's group (column) and memo cell of each prerequisite, group after
    /// group: `training_cells[group * prerequisites + prerequisite]`.
    training_cells: Vec<(u32, u32)>,
    /// The units tabulated for the run's employees (empty until [`Positions::tabulate`]).
    pub grid: Grid<'a>,
    /// Tells memos laid out for another set of positions apart.
    id: u64,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The positions in each group of one unit, in order: what `Verdicts::mark` visits for the
/// groups where a requirement fails, instead of every position.
#[derive(Debug, Default)]
pub struct Members {
    /// Group `g`'s positions are `positions[starts[g]..starts[g + 1]]`.
    starts: Vec<u32>,
    positions: Vec<u32>,
}

impl Members {
    const fn none() -> Members {
        Members {
            starts: Vec::new(),
            positions: Vec::new(),
        }
    }

    /// The members of `columns` groups, from each position's group (`groups`; a group at or
    /// beyond `columns` has no members).
    pub fn of_groups(groups: &[u32], columns: usize) -> Members {
        let mut starts = vec![0u32; columns + 1];
        for &group in groups {
            if let Some(count) = starts.get_mut(group as usize + 1) {
                *count += 1;
            }
        }
        for column in 1..starts.len() {
            let before = starts.get(column - 1).copied().unwrap_or(0);
            if let Some(start) = starts.get_mut(column) {
                *start += before;
            }
        }
        let mut next = starts.clone();
        let mut positions = vec![0u32; starts.last().copied().unwrap_or(0) as usize];
        for (position, &group) in groups.iter().enumerate() {
            if let Some(at) = next.get_mut(group as usize)
                && let Some(slot) = positions.get_mut(*at as usize)
            {
                *slot = u32::try_from(position).unwrap_or(u32::MAX);
                *at += 1;
            }
        }
        Members { starts, positions }
    }

    /// How many groups.
    pub fn columns(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// The positions of group `column`, ascending.
    pub fn of(&self, column: usize) -> &[u32] {
        let start = self.starts.get(column).copied().unwrap_or(0) as usize;
        let end = self.starts.get(column + 1).copied().unwrap_or(0) as usize;
        self.positions.get(start..end).unwrap_or_default()
    }
}

impl<'a> Positions<'a> {
    /// Hoists the positions' values and groups them for every unit of the engine's decision.
    pub fn new(engine: &'a Engine, symbols: &'a Symbols, records: &'a [Record]) -> Positions<'a> {
        let slots = engine.position_slots(symbols, records);
        let units = engine.position_reads.len();
        let mut cells = vec![0; records.len() * units];
        let mut groups = vec![0; records.len() * units];
        let mut representatives = Vec::with_capacity(units);
        let mut compared = Vec::with_capacity(units);
        let mut total = 0;
        for (unit, reads) in engine.position_reads.iter().enumerate() {
            let ids = group(reads, records);
            let first = u32::try_from(total).unwrap_or(u32::MAX);
            let mut firsts_of_groups = Vec::new();
            for (position, &id) in ids.iter().enumerate() {
                if id as usize == firsts_of_groups.len() {
                    firsts_of_groups.push(position);
                }
                if let Some(cell) = cells.get_mut(position * units + unit) {
                    *cell = first.saturating_add(id);
                }
                if let Some(group) = groups.get_mut(position * units + unit) {
                    *group = id;
                }
            }
            total += firsts_of_groups.len();
            compared.push(match reads {
                Reads::Paths(paths) if engine.compared_only.get(unit) == Some(&true) => {
                    firsts_of_groups
                        .iter()
                        .map(|&first| {
                            let datum = records.get(first).zip(paths.first());
                            datum
                                .and_then(|(record, path)| at_path(record, path))
                                .map_or(Value::Unknown, Value::from_datum)
                        })
                        .collect()
                }
                _ => Vec::new(),
            });
            representatives.push(firsts_of_groups);
        }
        let dated: Vec<usize> = engine
            .dated
            .iter()
            .enumerate()
            .filter_map(|(unit, &dated)| dated.then_some(unit))
            .collect();
        let (dated_groups, dated_firsts) = joint_groups(&dated, &groups, units, records.len());
        let plan = &engine.hoisted;
        let first_prerequisite = plan.requirements.len();
        let prerequisites: Vec<usize> =
            (first_prerequisite..first_prerequisite + plan.prerequisites.len()).collect();
        let (training_groups, training_representatives) =
            joint_groups(&prerequisites, &groups, units, records.len());
        let training_cells = training_representatives
            .iter()
            .flat_map(|&position| {
                let (groups, cells) = (&groups, &cells);
                prerequisites.iter().map(move |&unit| {
                    let at = position * units + unit;
                    (
                        groups.get(at).copied().unwrap_or(0),
                        cells.get(at).copied().unwrap_or(0),
                    )
                })
            })
            .collect();
        let unit_groups: Vec<u32> = (0..units)
            .flat_map(|unit| groups.iter().skip(unit).step_by(units.max(1)).copied())
            .collect();
        let members = representatives
            .iter()
            .zip(unit_groups.chunks(records.len().max(1)))
            .map(|(firsts, groups)| Members::of_groups(groups, firsts.len()))
            .collect();
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        Positions {
            records,
            elements: Elements::new(&engine.hoisted, &slots, id),
            slots,
            cells,
            groups,
            unit_groups,
            dated_groups,
            dated_total: dated_firsts.len(),
            training_groups,
            training_representatives,
            training_cells,
            representatives,
            members,
            text_columns: compared.iter().map(|values| text_columns(values)).collect(),
            compared,
            units,
            total,
            grid: Grid::default(),
            id,
        }
    }

    /// Tabulates the units worth it for `employees`, the employees the run will decide (see
    /// `grid`); `tables` serves `input[key]` lookups as in the sessions that decide them.
    pub fn tabulate(
        &mut self,
        engine: &Engine,
        symbols: &Symbols,
        employees: &'a [Record],
        tables: Option<&Tables<'_>>,
    ) {
        self.grid = Grid::new(engine, symbols, employees, self, tables);
    }

    /// How many groups `unit` divides the positions into.
    pub fn columns(&self, unit: usize) -> usize {
        self.representatives.get(unit).map_or(0, Vec::len)
    }

    /// The first position of each of `unit`'s groups.
    pub fn column_representatives(&self, unit: usize) -> &[usize] {
        self.representatives.get(unit).map_or(&[], Vec::as_slice)
    }

    /// The positions of each of `unit`'s groups.
    pub fn members(&self, unit: usize) -> &Members {
        static NONE: Members = Members::none();
        self.members.get(unit).unwrap_or(&NONE)
    }

    /// The value of the one field `unit` compares, in group `column`, if it only compares one.
    pub fn compared_value(&self, unit: usize, column: u32) -> Option<Value<'a>> {
        self.compared.get(unit)?.get(column as usize).copied()
    }

    /// The groups of `unit` whose field holds one of the stored texts `compared`, where the
    /// field holds stored texts (or nothing) in every group and `compared` holds only stored
    /// texts (or unknowns): as `pengalaman_bidang`'s `formasi.bidang`, in 45 groups on workload
    /// b, compared with the two or three `bidang` an employee held. `None` otherwise.
    pub fn groups_named(&self, unit: usize, compared: &[Value<'_>]) -> Option<SmallList<u32, 8>> {
        let columns = self.text_columns.get(unit)?.as_ref()?;
        let mut named = SmallList::new();
        for &value in compared {
            if let Some(text) = stored_text(value)? {
                if let Some(&column) = columns.get(&text) {
                    named.push(column);
                }
            }
        }
        Some(named)
    }

    /// The memo cells of `unit`'s groups, in group order.
    pub fn cells_of_unit(&self, unit: usize) -> std::ops::Range<u32> {
        let first = self
            .column_representatives(unit)
            .first()
            .and_then(|&position| self.cells_of(position).get(unit))
            .copied()
            .unwrap_or(0);
        let columns = u32::try_from(self.columns(unit)).unwrap_or(0);
        first..first.saturating_add(columns)
    }

    /// The group of one position for each unit, counted from 0.
    pub fn groups_of(&self, position: usize) -> &[u32] {
        let units = self.units;
        self.groups
            .get(position * units..(position + 1) * units)
            .unwrap_or_default()
    }

    /// Each position's group for `unit`, in position order.
    pub fn unit_groups(&self, unit: usize) -> &[u32] {
        let positions = self.records.len();
        self.unit_groups
            .get(unit * positions..(unit + 1) * positions)
            .unwrap_or_default()
    }

    /// Position `position`'s group for `eligible_from` (see `Memo::first_day`).
    pub fn dated_group(&self, position: usize) -> u32 {
        self.dated_groups.get(position).copied().unwrap_or(u32::MAX)
    }

    /// Position `position`'s group for the training owed (see `Session::find_owed`).
    pub fn training_group(&self, position: usize) -> u32 {
        self.training_groups
            .get(position)
            .copied()
            .unwrap_or(u32::MAX)
    }

    /// The first position of each training group, in group order.
    pub fn training_representatives(&self) -> &[usize] {
        &self.training_representatives
    }

    /// Each training group's group (column) and memo cell of each prerequisite, group after
    /// group (`prerequisites` a group).
    pub fn training_cells(&self) -> &[(u32, u32)] {
        &self.training_cells
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The memo cells of one position, one per unit.
    pub fn cells_of(&self, position: usize) -> &[u32] {
        let units = self.units;
        self.cells
            .get(position * units..(position + 1) * units)
            .unwrap_or_default()
    }
}

/// Each position's group for the `units` taken together, numbered in order of first
/// appearance, and the first position of each: positions whose groups agree for every one of
/// them get the same values of those units for an employee. For the dated requirements
/// (`Engine::dated`) that is the first eligible day; for the prerequisites, the training owed.
fn joint_groups(
    units: &[usize],
    groups: &[u32],
    all_units: usize,
    positions: usize,
) -> (Vec<u32>, Vec<usize>) {
    let mut numbers: HashMap<Vec<u32>, u32, FixedState> =
        HashMap::with_hasher(FixedState::default());
    let mut firsts = Vec::new();
    let ids = (0..positions)
        .map(|position| {
            let key: Vec<u32> = units
                .iter()
                .map(|&unit| {
                    groups
                        .get(position * all_units + unit)
                        .copied()
                        .unwrap_or(0)
                })
                .collect();
            let next = numbers.len() as u32;
            *numbers.entry(key).or_insert_with(|| {
                firsts.push(position);
                next
            })
        })
        .collect();
    (ids, firsts)
}

/// Each record's group for a unit: records with equal values on every path read share one,
/// numbered in order of first appearance.
pub fn group(reads: &Reads, records: &[Record]) -> Vec<u32> {
    group_at_most(reads, records, usize::MAX).unwrap_or_default()
}

/// As `group`, or `None` as soon as there are more than `most` groups (the rest of the records
/// are then not read).
///
/// Records are grouped by the values they read, encoded into bytes (`encode`): each record is
/// read once, and compared with a group's encoded key, in one place, rather than with the
/// group's first record, somewhere else in memory. Hashing each record's values and comparing
/// it with the first record of the group of the same hash, workload b's grid took 76-78 ms on
/// one thread; 70-73 ms this way.
pub fn group_at_most(reads: &Reads, records: &[Record], most: usize) -> Option<Vec<u32>> {
    let Reads::Paths(paths) = reads else {
        return (records.len() <= most).then(|| (0..records.len()).map(|i| i as u32).collect());
    };
    let mut keys = Keys::default();
    let mut key = Vec::new();
    records
        .iter()
        .map(|record| {
            key.clear();
            for path in paths {
                encode(at_path(record, path), &mut key);
            }
            let hash = FixedState::default().hash_one(key.as_slice());
            keys.number(&key, hash, most)
        })
        .collect()
}

/// The encoded keys of a grouping's groups, numbered from 0, in one buffer (a grouping may
/// have a group per record: 19,975 for 20,000 employees' service histories).
#[derive(Default)]
struct Keys {
    /// Each group's key, one after the other.
    bytes: Vec<u8>,
    /// Where each group's key ends in `bytes` (it starts where the previous one ends).
    ends: Vec<usize>,
    /// Each group, with the hash of its key, found by that hash and the key in `bytes`.
    groups: HashTable<(u64, u32)>,
}

impl Keys {
    /// The number of `key`'s group (`hash` its hash), numbered now if it is new; `None` if
    /// that would make more than `most` groups.
    fn number(&mut self, key: &[u8], hash: u64, most: usize) -> Option<u32> {
        let same = |&(other, group): &(u64, u32)| other == hash && self.key(group) == Some(key);
        if let Some(&(_, group)) = self.groups.find(hash, same) {
            return Some(group);
        }
        let group = u32::try_from(self.ends.len()).ok()?;
        if group as usize >= most {
            return None;
        }
        self.bytes.extend_from_slice(key);
        self.ends.push(self.bytes.len());
        self.groups
            .insert_unique(hash, (hash, group), |&(hash, _)| hash);
        Some(group)
    }

    fn key(&self, group: u32) -> Option<&[u8]> {
        let group = group as usize;
        let start = match group.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.bytes.get(start..*self.ends.get(group)?)
    }
}

fn at_path<'r>(record: &'r Record, path: &[u16]) -> Option<&'r Datum> {
    let (first, rest) = path.split_first()?;
    let mut datum = record.fields.get(usize::from(*first))?;
    for index in rest {
        datum = datum.field(usize::from(*index))?;
    }
    Some(datum)
}

/// Appends a value read (`None`: the path leads nowhere) to `out` so that two values are
/// equal exactly when their bytes are: a tag per variant, fixed-size payloads, and the length
/// of each list, record and map before its items.
fn encode(datum: Option<&Datum>, out: &mut Vec<u8>) {
    match datum {
        None => out.push(0),
        Some(datum) => encode_datum(datum, out),
    }
}

fn encode_datum(datum: &Datum, out: &mut Vec<u8>) {
    match datum {
        Datum::Absent => out.push(1),
        Datum::Bool(b) => out.extend_from_slice(&[2, u8::from(*b)]),
        Datum::Int(n) => tagged(3, &n.to_le_bytes(), out),
        Datum::Text(s) => tagged(4, &s.0.to_le_bytes(), out),
        Datum::Date(d) => tagged(5, &d.0.to_le_bytes(), out),
        Datum::Days(n) => tagged(6, &n.to_le_bytes(), out),
        Datum::Months(n) => tagged(7, &n.to_le_bytes(), out),
        Datum::Enum(e) => tagged(8, &e.to_le_bytes(), out),
        Datum::List(items) | Datum::Record(items) => {
            let tag = if matches!(datum, Datum::List(_)) {
                9
            } else {
                10
            };
            tagged(tag, &(items.len() as u64).to_le_bytes(), out);
            for item in items.iter() {
                encode_datum(item, out);
            }
        }
        Datum::Map(entries) => {
            tagged(11, &(entries.len() as u64).to_le_bytes(), out);
            for (key, value) in entries.iter() {
                out.extend_from_slice(&key.0.to_le_bytes());
                encode_datum(value, out);
            }
        }
    }
}

fn tagged(tag: u8, payload: &[u8], out: &mut Vec<u8>) {
    out.push(tag);
    out.extend_from_slice(payload);
}

/// One employee's values per unit and group, for one set of positions. Entries are stamped
/// (see `stamped`), so moving to the next employee clears nothing.
#[derive(Default)]
pub struct Memo<'a> {
    positions: u64,
    /// Per cell: a requirement's or part's value, or a prerequisite's codes.
    entries: Stamped<Entry<'a>>,
    /// Training codes owed, ranges of which prerequisite entries refer to.
    pub codes: Vec<Sym>,
    /// Days on which a requirement's value changes, ranges of which timelines refer to.
    pub changes: Vec<(Date, Value<'a>)>,
    /// Per cell of a dated requirement: its timeline, as a range of `changes`.
    timelines: Stamped<(u32, u32)>,
    /// Per dated group of positions (`Positions::dated_group`): the first eligible day.
    first_days: Stamped<Option<Date>>,
}

#[derive(Clone, Copy, Default)]
enum Entry<'a> {
    #[default]
    Empty,
    Value(Value<'a>),
    /// A range of `Memo::codes`.
    Range(u32, u32),
}

impl<'a> Memo<'a> {
    /// Lays the memo out for `positions` (if it is not already) and, for a new employee,
    /// forgets the previous one. True when the memo starts afresh (either way).
    pub fn start(&mut self, positions: &Positions<'_>, new_employee: bool) -> bool {
        let laid_out = self.positions != positions.id;
        if laid_out {
            self.positions = positions.id;
            self.entries.lay_out(positions.total);
            self.timelines.lay_out(positions.total);
            self.first_days.lay_out(positions.dated_total);
        }
        if new_employee {
            self.entries.forget();
            self.timelines.forget();
            self.first_days.forget();
            self.codes.clear();
            self.changes.clear();
        }
        laid_out || new_employee
    }

    /// A requirement's or score part's value.
    pub fn value(&self, cell: u32) -> Option<Value<'a>> {
        match self.entries.get(cell as usize)? {
            Entry::Value(value) => Some(*value),
            _ => None,
        }
    }

    pub fn set_value(&mut self, cell: u32, value: Value<'a>) {
        self.entries.set(cell as usize, Entry::Value(value));
    }

    /// The codes a prerequisite owes, as a range of `codes`.
    pub fn range(&self, cell: u32) -> Option<(usize, usize)> {
        match self.entries.get(cell as usize)? {
            Entry::Range(start, end) => Some((*start as usize, *end as usize)),
            _ => None,
        }
    }

    pub fn set_range(&mut self, cell: u32, start: usize, end: usize) {
        let range = Entry::Range(start as u32, end as u32);
        self.entries.set(cell as usize, range);
    }

    /// A dated requirement's timeline, as a range of `changes`.
    pub fn timeline(&self, cell: u32) -> Option<(usize, usize)> {
        let &(start, end) = self.timelines.get(cell as usize)?;
        Some((start as usize, end as usize))
    }

    pub fn set_timeline(&mut self, cell: u32, start: usize, end: usize) {
        let range = (start as u32, end as u32);
        self.timelines.set(cell as usize, range);
    }

    /// The first eligible day found for the employee against dated group `group`.
    pub fn first_day(&self, group: u32) -> Option<Option<Date>> {
        self.first_days.get(group as usize).copied()
    }

    pub fn set_first_day(&mut self, group: u32, day: Option<Date>) {
        self.first_days.set(group as usize, day);
    }
}

/// Values of units that only compare one position field for equality, carried from the group
/// they were computed for to the others (for one employee).
///
/// Such a unit's evaluation depends on the field only through tests `field == c` (or `!=`).
/// If the group's value equals none of the values `c` it was compared with, every group whose
/// value also equals none of them takes the same path through the evaluation, and so gets the
/// same result: `pengalaman_bidang` compares `formasi.bidang` with the `bidang` of each post
/// the employee held, and every `bidang` the employee never worked in scores alike.
#[derive(Default)]
pub struct Carried<'a> {
    /// Per unit: the value, and the range of `compared` it was compared with.
    by_unit: Vec<Option<(Value<'a>, usize, usize)>>,
    compared: Vec<Value<'a>>,
}

impl<'a> Carried<'a> {
    /// Forgets everything (for the next employee).
    pub fn clear(&mut self, units: usize) {
        self.by_unit.clear();
        self.by_unit.resize(units, None);
        self.compared.clear();
    }

    /// The value `unit` carries for the current employee, if one is kept.
    pub fn value(&self, unit: usize) -> Option<Value<'a>> {
        self.by_unit
            .get(unit)
            .copied()
            .flatten()
            .map(|(value, _, _)| value)
    }

    /// The value `unit` carries for the current employee and the values it was compared with,
    /// if one is kept.
    pub fn carrying(&self, unit: usize) -> Option<(Value<'a>, &[Value<'a>])> {
        let (value, start, end) = (*self.by_unit.get(unit)?)?;
        Some((value, self.compared.get(start..end)?))
    }

    /// The carried value of `unit` for a group whose field holds `field`, if any applies.
    pub fn get(
        &self,
        unit: usize,
        field: Value<'_>,
        evaluator: &Evaluator<'_>,
        cx: &Cx<'_>,
    ) -> Option<Value<'a>> {
        let (value, compared) = self.carrying(unit)?;
        differs_from_all(field, compared, evaluator, cx).then_some(value)
    }

    /// Keeps `value`, just computed for a group whose field holds `field` with `cx.comparing`
    /// on, when that field equals none of the values it was compared with.
    pub fn keep(
        &mut self,
        unit: usize,
        value: Value<'a>,
        field: Value<'_>,
        evaluator: &Evaluator<'_>,
        cx: &Cx<'a>,
    ) {
        let carried = matches!(self.by_unit.get(unit), Some(Some(_)));
        // Computed text means nothing once the pair is over: such a comparison is not kept.
        if carried
            || cx.compared.iter().any(|c| is_computed_text(*c))
            || !differs_from_all(field, &cx.compared, evaluator, cx)
        {
            return;
        }
        let start = self.compared.len();
        self.compared.extend_from_slice(&cx.compared);
        if let Some(slot) = self.by_unit.get_mut(unit) {
            *slot = Some((value, start, self.compared.len()));
        }
    }
}

/// Each stored text of `values` (a compared field's value in each group) and its group; `None`
/// where a known value is not a stored text, or there are none.
fn text_columns(values: &[Value<'_>]) -> Option<HashMap<Sym, u32, FixedState>> {
    let mut columns = HashMap::default();
    for (column, &value) in values.iter().enumerate() {
        if let Some(text) = stored_text(value)? {
            columns.insert(text, u32::try_from(column).ok()?);
        }
    }
    (!columns.is_empty()).then_some(columns)
}

/// A value as groups are found by text (`text_columns`, `Positions::groups_named`): nothing for
/// an unknown, the symbol of a stored text, and `None` for any other value, a text computed for
/// the pair among them (its symbol means nothing after the pair).
fn stored_text(value: Value<'_>) -> Option<Option<Sym>> {
    match value {
        Value::Unknown => Some(None),
        Value::Text(text) if !is_computed_text(value) => Some(Some(text)),
        _ => None,
    }
}

/// Whether a known `field` is unequal to every known value of `compared` (a comparison with an
/// unknown value is unknown whatever the field holds).
fn differs_from_all(
    field: Value<'_>,
    compared: &[Value<'_>],
    evaluator: &Evaluator<'_>,
    cx: &Cx<'_>,
) -> bool {
    field.is_known()
        && compared
            .iter()
            .filter(|c| c.is_known())
            .all(|c| evaluator.equal(cx, field, *c) == Some(false))
}

#[cfg(test)]
mod tests {
    use super::{Keys, encode, group_at_most};
    use crate::data::{Datum, Origin, Record};
    use crate::eval::plan::reads::Reads;
    use crate::symbols::Sym;

    fn encoded(datum: Option<&Datum>) -> Vec<u8> {
        let mut out = Vec::new();
        encode(datum, &mut out);
        out
    }

    #[test]
    fn values_encode_alike_exactly_when_they_are_equal() {
        let values = [
            None,
            Some(Datum::Absent),
            Some(Datum::Bool(false)),
            Some(Datum::Int(1)),
            Some(Datum::Days(1)),
            Some(Datum::Months(1)),
            Some(Datum::Enum(1)),
            Some(Datum::Text(Sym(1))),
            Some(Datum::List(vec![Datum::Int(1)].into())),
            Some(Datum::Record(vec![Datum::Int(1)].into())),
            Some(Datum::List(vec![Datum::Int(1), Datum::Int(2)].into())),
            Some(Datum::List(
                vec![Datum::List(vec![Datum::Int(1)].into()), Datum::Int(2)].into(),
            )),
            Some(Datum::Map(vec![(Sym(1), Datum::Int(2))].into())),
            Some(Datum::Map(vec![(Sym(2), Datum::Int(1))].into())),
        ];
        for (i, a) in values.iter().enumerate() {
            for (j, b) in values.iter().enumerate() {
                assert_eq!(
                    encoded(a.as_ref()) == encoded(b.as_ref()),
                    i == j,
                    "{a:?} {b:?}"
                );
            }
        }
        let list = || Datum::List(vec![Datum::Text(Sym(7)), Datum::Absent].into());
        assert_eq!(encoded(Some(&list())), encoded(Some(&list())));
    }

    #[test]
    fn keys_of_the_same_hash_are_told_apart() {
        let mut keys = Keys::default();
        assert_eq!(keys.number(b"a", 7, 10), Some(0));
        assert_eq!(keys.number(b"b", 7, 10), Some(1));
        assert_eq!(keys.number(b"c", 8, 10), Some(2));
        assert_eq!(keys.number(b"a", 7, 10), Some(0));
        assert_eq!(keys.number(b"b", 7, 10), Some(1));
        assert_eq!(keys.number(b"", 7, 10), Some(3));
        assert_eq!(keys.number(b"", 7, 10), Some(3));
        assert_eq!(keys.number(b"d", 7, 4), None);
    }

    #[test]
    fn records_that_read_alike_share_a_group_numbered_in_order_of_appearance() {
        let record = |a: i64, b: bool| Record {
            fields: vec![Datum::Int(a), Datum::Bool(b)].into(),
            origin: Origin::default(),
        };
        let records = [
            record(1, true),
            record(2, true),
            record(1, false),
            record(2, false),
        ];
        let first = Reads::Paths(vec![vec![0]]);
        assert_eq!(group_at_most(&first, &records, 10), Some(vec![0, 1, 0, 1]));
        let both = Reads::Paths(vec![vec![1], vec![0]]);
        assert_eq!(group_at_most(&both, &records, 10), Some(vec![0, 1, 2, 3]));
        assert_eq!(group_at_most(&both, &records, 3), None);
        assert_eq!(group_at_most(&both, &records, 4), Some(vec![0, 1, 2, 3]));
    }
}
