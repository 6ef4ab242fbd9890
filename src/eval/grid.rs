//! Work done once per *kind* of employee and group of positions, for the whole run.
//!
//! `memo` computes a unit once per employee and group of positions. Many units read little of
//! the employee as well: `posisi_berbeda` reads only `pegawai.jabatan.formasi`, which 20,000
//! employees share among about 200 values; the education part reads only `pegawai.pendidikan`.
//! Employees that agree on every field a unit reads (see `plan::reads`) give it the same value
//! against a given position group, so such a unit is *tabulated*: its value for each kind of
//! employee (a row) and group of positions (a column) is computed once, before the pairs, and
//! the pair loop only looks it up.
//!
//! A unit is tabulated only where that saves work: its employees fall into at most one row for
//! every two employees, it has more than one column, and the tables of the run stay within a
//! fixed number of cells. A table computes a value per row where the memo computes one per
//! employee, but the pair loop reads each employee's row out of the whole table, where the memo
//! keeps the employee's values in cache, and each row computes the employee slots the unit uses
//! once more. With three rows allowed for every four employees, the three units that read the
//! training history were tabulated on 100,000 employees (70,535 rows; 374 ms to fill), and with
//! them left to the memo `recommend` on 2 threads was about 10% faster (`eval` up to 4%, within
//! the noise of whole builds; see docs/performance.md). Units that read an employee's own
//! history (service, training) have about one row per employee and keep the per-employee memo.
//!
//! A *keyed* unit (`plan::reads::Keyed`) reads the employee only as `m[k]` for the keys `k` of
//! the position's collections: the competency part, through `pegawai.kompetensi[nama]`. Its
//! rows are many (10,592 kinds of `kompetensi` among 20,000 employees), but a cell depends only
//! on the row's entries for its column's keys, so its table is filled by looking each cell up
//! by those entries, and computed only for the first row with them. Such a table saves work
//! however many rows it has, so a keyed unit is tabulated (and grouped in full, without the
//! first look at `SAMPLE` employees) even where every employee is a kind of their own.

use std::collections::HashMap;

use foldhash::fast::FixedState;
use rayon::prelude::*;

use super::memo::{Positions, group_at_most};
use super::plan::reads::{Keyed, Reads};
use super::session::{Session, UnitValue};
use super::value::{ScalarKey, Value};
use super::{Engine, Unit, interp};
use crate::data::{Datum, Record};
use crate::symbols::{Sym, Symbols};

/// A unit that is not keyed is tabulated when its rows number at most `ROWS_PER_EMPLOYEES.0`
/// for every `ROWS_PER_EMPLOYEES.1` employees.
const ROWS_PER_EMPLOYEES: (usize, usize) = (1, 2);
/// The most cells the tables of a run may have in all (each takes 8 bytes at most: 128 MiB).
const MAX_CELLS: usize = 1 << 24;
/// Grouping every employee costs a hash of all a unit reads (a whole service history, say), so
/// a unit is first grouped over this many employees; where nearly all of them differ
/// (`NEARLY_ALL` out of 20), it is left to the memo; a keyed unit never is (see `most_rows`).
const SAMPLE: usize = 1024;
const NEARLY_ALL: usize = 19;

/// The tabulated units of one run: for each unit, its table if it has one.
#[derive(Default)]
pub struct Grid<'a> {
    employees: &'a [Record],
    tables: Vec<Option<Table>>,
    /// Training codes owed, ranges of which prerequisite cells refer to.
    codes: Vec<Sym>,
}

struct Table {
    /// Each employee's row (the employees of the run, in order).
    rows: Vec<u32>,
    columns: u32,
    cells: Cells,
}

/// A unit's value per row and column (`row * columns + column`).
enum Cells {
    /// A requirement: the cells of each row where it does not hold.
    Truth(NotHolding),
    /// A prerequisite: the codes owed, as a range of `Grid::codes`.
    Owed(Vec<(u32, u32)>),
    /// A score part's points.
    Points(Vec<u16>),
}

/// A requirement's table, kept as the cells where it does not hold, row after row. Most
/// employees meet most requirements against most groups (`posisi_berbeda` fails in one of its
/// 200 columns, or none), and `Verdicts::mark_not_holding` then visits only these: visiting
/// every column of the row took 5.3 million looks a run on workload b.
struct NotHolding {
    /// `cells[starts[row]..starts[row + 1]]`: row `row`'s cells, by column.
    starts: Vec<u32>,
    cells: Vec<Failing>,
}

/// A cell where a requirement does not hold: false, or unknown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Failing {
    pub column: u32,
    pub unknown: bool,
}

impl NotHolding {
    /// From each row's truth in each of `columns` columns, row after row (`None`: unknown).
    fn of(truths: &[Option<bool>], columns: usize) -> NotHolding {
        let mut table = NotHolding {
            starts: vec![0],
            cells: Vec::new(),
        };
        for row in truths.chunks(columns.max(1)) {
            for (column, &truth) in (0u32..).zip(row) {
                if truth != Some(true) {
                    table.cells.push(Failing {
                        column,
                        unknown: truth.is_none(),
                    });
                }
            }
            // Within `MAX_CELLS`, which fits.
            table
                .starts
                .push(u32::try_from(table.cells.len()).unwrap_or(u32::MAX));
        }
        table
    }

    fn row(&self, row: usize) -> Option<&[Failing]> {
        let start = *self.starts.get(row)? as usize;
        let end = *self.starts.get(row + 1)? as usize;
        self.cells.get(start..end)
    }
}

/// One employee's row of a unit's table: the unit's value for each group of positions.
#[derive(Clone, Copy)]
pub enum Row<'g> {
    /// A requirement: the groups where it does not hold (it holds in the others).
    Truth(&'g [Failing]),
    /// A prerequisite: the codes owed, as ranges of the second slice.
    Owed(&'g [(u32, u32)], &'g [Sym]),
    /// A score part's points.
    Points(&'g [u16]),
}

impl<'g> Row<'g> {
    /// The codes a prerequisite row owes in `column` (none for other rows).
    pub fn owed(self, column: u32) -> &'g [Sym] {
        match self {
            Row::Owed(ranges, codes) => ranges
                .get(column as usize)
                .and_then(|&(start, end)| codes.get(start as usize..end as usize))
                .unwrap_or_default(),
            _ => &[],
        }
    }
}

impl<'a> Grid<'a> {
    /// Tabulates the units of `engine` that are worth it for `employees` against `positions`,
    /// evaluating on the current rayon pool (with `tables` for `input[key]` lookups).
    pub fn new(
        engine: &Engine,
        symbols: &Symbols,
        employees: &'a [Record],
        positions: &Positions<'_>,
        tables: Option<&interp::Tables<'_>>,
    ) -> Grid<'a> {
        let units = engine.employee_reads.len();
        let mut grid = Grid {
            employees,
            tables: (0..units).map(|_| None).collect(),
            codes: Vec::new(),
        };
        // Each candidate unit's rows, grouped in parallel (a unit per task). Units that read
        // the same fields (the education part and `pendidikan_minimal`, say) share a grouping:
        // `sharing[unit]` is the first unit that reads what it reads.
        let reads = &engine.employee_reads;
        let sharing: Vec<usize> = (0..units)
            .map(|unit| {
                let same = |other: &usize| reads.get(*other) == reads.get(unit);
                (0..unit).find(same).unwrap_or(unit)
            })
            .collect();
        // The most rows a grouping may find for one of its units to be tabulated; none for a
        // grouping no unit wants (a unit of one position group is never tabulated: there is
        // nothing to look up). Grouping stops as soon as it finds more: on workload c the
        // training history's 70,535 kinds of employee were all found before being refused.
        let most_rows_of = |unit: usize| {
            let keyed = engine.keyed.get(unit).is_some_and(Option::is_some);
            most_rows(employees.len(), keyed)
        };
        let mut wanted: Vec<Option<usize>> = vec![None; units];
        for (unit, &first) in sharing.iter().enumerate() {
            if positions.columns(unit) >= 2 {
                if let Some(wanted) = wanted.get_mut(first) {
                    *wanted = (*wanted).max(Some(most_rows_of(unit)));
                }
            }
        }
        let first_groups: Vec<Option<Vec<u32>>> = reads
            .par_iter()
            .zip(&wanted)
            .map(|(reads, &most)| {
                let most = most?;
                if !matches!(reads, Reads::Paths(_)) {
                    return None;
                }
                // A grouping that may have a row per employee (a keyed unit shares it) is
                // never refused, so the first look would be wasted.
                let sample = employees.get(..SAMPLE).unwrap_or(employees);
                if most < employees.len()
                    && sample.len() == SAMPLE
                    && group_at_most(reads, sample, SAMPLE * NEARLY_ALL / 20).is_none()
                {
                    return None;
                }
                group_at_most(reads, employees, most)
            })
            .collect();
        let grouped = sharing.iter().enumerate().map(|(unit, &first)| {
            if positions.columns(unit) < 2 {
                return None;
            }
            first_groups.get(first).cloned().flatten()
        });
        let session = || {
            let mut session = Session::new(engine, symbols);
            if let Some(tables) = tables {
                session.set_tables(tables);
            }
            session
        };
        let mut cells_left = MAX_CELLS;
        for (unit, rows) in grouped.enumerate() {
            let Some(rows) = rows else {
                continue;
            };
            let columns = positions.columns(unit);
            // A part's points are kept in 16 bits (the competency part's table on workload b is
            // then 4 MB, not 16, and the pair loop's reads of it miss the cache less); a part
            // whose maximum does not fit is left to the memo.
            if let Unit::Part(part) = engine.unit(unit) {
                let max = engine
                    .hoisted
                    .parts
                    .get(part)
                    .map_or(i64::MAX, |part| part.max);
                if max > i64::from(u16::MAX) {
                    continue;
                }
            }
            let count = count_groups(&rows);
            if count > most_rows_of(unit) || count * columns > cells_left {
                continue;
            }
            cells_left -= count * columns;
            // Each row is computed with its first employee, against each column's first position.
            let mut firsts: Vec<Option<&Record>> = vec![None; count];
            for (employee, &row) in employees.iter().zip(&rows) {
                if let Some(first) = firsts.get_mut(row as usize).filter(|first| first.is_none()) {
                    *first = Some(employee);
                }
            }
            let representatives = positions.column_representatives(unit);
            let keyed = engine.keyed.get(unit).and_then(Option::as_ref);
            let at = Column {
                unit,
                slots: engine.employee_slots.get(unit).map_or(&[], Vec::as_slice),
                positions,
                columns: representatives,
                keyed: keyed.map(|keyed| {
                    KeyedColumns::new(keyed.map, column_keys(keyed, positions, representatives))
                }),
            };
            let cells = match engine.unit(unit) {
                Unit::Requirement(_) => {
                    let truths = at.fill(&firsts, session, |value| match value {
                        UnitValue::Truth(truth) => truth,
                        _ => None,
                    });
                    Cells::Truth(NotHolding::of(&truths, columns))
                }
                Unit::Part(_) => Cells::Points(at.fill(&firsts, session, |value| match value {
                    // Within 0..=max, which fits (checked above).
                    UnitValue::Points(points) => u16::try_from(points).unwrap_or(u16::MAX),
                    _ => 0,
                })),
                Unit::Prerequisite(_) => Cells::Owed(at.owed(&firsts, session, &mut grid.codes)),
            };
            if let Some(table) = grid.tables.get_mut(unit) {
                *table = Some(Table {
                    rows,
                    columns: columns as u32,
                    cells,
                });
            }
        }
        grid
    }

    /// The row of tabulated `unit` for employee `index` (from `index_of`).
    pub fn row(&self, unit: usize, index: usize) -> Option<Row<'_>> {
        let table = self.tables.get(unit)?.as_ref()?;
        let columns = table.columns as usize;
        let row = *table.rows.get(index)? as usize;
        let first = row * columns;
        let cells = first..first + columns;
        Some(match &table.cells {
            Cells::Truth(not_holding) => Row::Truth(not_holding.row(row)?),
            Cells::Points(values) => Row::Points(values.get(cells)?),
            Cells::Owed(values) => Row::Owed(values.get(cells)?, &self.codes),
        })
    }

    /// The units tabulated, by index.
    pub fn tabulated(&self) -> impl Iterator<Item = usize> + '_ {
        self.tables
            .iter()
            .enumerate()
            .filter_map(|(unit, table)| table.as_ref().map(|_| unit))
    }

    /// `employee`'s index among the run's employees, found by address: the records are
    /// borrowed for the grid's whole life, so a record at that place is that employee.
    pub fn index_of(&self, employee: &Record) -> Option<usize> {
        let size = std::mem::size_of::<Record>().max(1);
        let start = self.employees.as_ptr() as usize;
        let offset = (employee as *const Record as usize).checked_sub(start)?;
        let index = offset / size;
        let candidate = self.employees.get(index)?;
        std::ptr::eq(candidate, employee).then_some(index)
    }
}

/// The most rows for `employees` employees with which a table saves work (see the module
/// doc); `keyed`: the unit is keyed.
///
/// A keyed unit's table always does: its cells are looked up by the entries they depend on, so
/// it computes far fewer values than rows times columns (27,565 of 2.07 million cells on
/// workload b), where the memo would evaluate the unit for every employee and group. It was
/// limited to three rows for every four employees until 2026-11-29, and the example city's
/// 1,500 employees have more kinds of `kompetensi` than that: its competency part was evaluated
/// pair by pair, 40% of its evaluation's samples.
fn most_rows(employees: usize, keyed: bool) -> usize {
    if keyed {
        return employees;
    }
    let (rows_allowed, per_employees) = ROWS_PER_EMPLOYEES;
    employees * rows_allowed / per_employees
}

/// How many groups `group` found.
fn count_groups(groups: &[u32]) -> usize {
    groups.iter().max().map_or(0, |last| *last as usize + 1)
}

/// One row of a prerequisite: per column, the range of the row's codes it owes.
type OwedRow = (Vec<(usize, usize)>, Vec<Sym>);

/// One unit's columns: the first position of each group, against which its rows are computed.
struct Column<'p, 'q> {
    unit: usize,
    /// The employee slots the unit uses.
    slots: &'p [u32],
    positions: &'p Positions<'q>,
    columns: &'p [usize],
    /// For a keyed unit (`plan::reads::Keyed`): its map and each column's keys.
    keyed: Option<KeyedColumns>,
}

/// The keys a keyed unit's columns look up in the employee's map (`m[k]`).
struct KeyedColumns {
    /// The employee slot of the map.
    map: u32,
    /// Each column's keys.
    keys: Vec<Vec<Sym>>,
    /// Each key any column looks up, numbered from 0 in order of first appearance.
    numbers: HashMap<Sym, usize, FixedState>,
    /// Each column's keys by number, when it has at most 8 (otherwise its cells are looked
    /// up by the entries' values, never packed: see `packed_entries`).
    numbered: Vec<Option<Vec<usize>>>,
}

impl KeyedColumns {
    fn new(map: u32, keys: Vec<Vec<Sym>>) -> KeyedColumns {
        let mut numbers = HashMap::default();
        let numbered = keys
            .iter()
            .map(|keys| {
                (keys.len() <= 8).then(|| {
                    keys.iter()
                        .map(|key| {
                            let next = numbers.len();
                            *numbers.entry(*key).or_insert(next)
                        })
                        .collect()
                })
            })
            .collect();
        KeyedColumns {
            map,
            keys,
            numbers,
            numbered,
        }
    }

    /// How many keys `column` has, if they are numbered (its cells may be packed).
    fn keys_numbered(&self, column: usize) -> Option<usize> {
        self.numbered.get(column)?.as_ref().map(Vec::len)
    }

    /// Each numbered key's entry in `map` as a byte (`entry_byte`: 0 where the map has none),
    /// or `NOT_PACKED` where its value packs into no byte, into `bytes`: once per row, so that
    /// each of the row's cells packs its keys with a load each instead of searching the map.
    fn entry_bytes(&self, map: &[(Sym, Datum)], bytes: &mut Vec<u16>) {
        bytes.clear();
        bytes.resize(self.numbers.len(), 0);
        // `m[k]` finds the first entry for `k`: written last, it is the one kept.
        for (key, datum) in map.iter().rev() {
            let Some(byte) = self.numbers.get(key).and_then(|&n| bytes.get_mut(n)) else {
                continue;
            };
            *byte = entry_byte(Value::from_datum(datum)).map_or(NOT_PACKED, u16::from);
        }
    }

    /// The index of a row's cell in `column`'s dense array (`KeptCells::dense`), from the
    /// row's `entry_bytes`: the low 3 bits of each of the column's entries' bytes, the first
    /// key highest, as `dense_index` finds it from the packed word. `None` where the column
    /// has more than `DENSE_KEYS` keys or a byte is 8 or more. One pass over the bytes, where
    /// packing the word, checking its bytes and then taking their bits was about 60
    /// instructions a cell (the competency part's 2 million cells on workload b).
    fn dense_index(&self, column: usize, bytes: &[u16]) -> Option<usize> {
        let numbers = self.numbered.get(column)?.as_deref()?;
        if numbers.len() > DENSE_KEYS {
            return None;
        }
        let (mut index, mut every_byte) = (0, 0);
        for &number in numbers {
            let byte = *bytes.get(number)?;
            every_byte |= byte;
            index = index << 3 | usize::from(byte & 7);
        }
        (every_byte < 8).then_some(index)
    }

    /// How a cell of `column` finds its value for a row with `map` (whose `entry_bytes` are
    /// `bytes`): by the entries packed into a word, or by their values, left in `entries`;
    /// `None` where an entry is not a scalar (the cell is then computed).
    fn entries(
        &self,
        column: usize,
        map: &[(Sym, Datum)],
        bytes: &[u16],
        entries: &mut Vec<ScalarKey>,
    ) -> Option<Entries> {
        let numbers = self.numbered.get(column).and_then(Option::as_deref);
        match numbers.and_then(|numbers| packed_entries(bytes, numbers)) {
            Some(word) => Some(Entries::Packed(word)),
            None => {
                let keys = self.keys.get(column)?;
                entry_values(map, keys, entries).then_some(Entries::Values)
            }
        }
    }
}

/// One column's values of a keyed unit, by the entries they were computed for.
struct KeptCells<T> {
    /// By the packed entries, where the column has at most `DENSE_KEYS` keys and each entry's
    /// byte is below 8: indexed by 3 bits of each byte.
    dense: Vec<Option<T>>,
    packed: ByPacked<T>,
    by_entries: ByEntries<T>,
}

/// The most keys a column may have for its cells to be kept in a dense array (`8^4` cells).
const DENSE_KEYS: usize = 4;

impl<T: Copy> KeptCells<T> {
    /// Cells for a column of `keys` keys, or `None` where they are not numbered (never packed).
    fn new(keys: Option<usize>) -> KeptCells<T> {
        let dense = keys
            .filter(|&keys| keys <= DENSE_KEYS)
            .map_or(0, |keys| 1 << (3 * keys));
        KeptCells {
            dense: vec![None; dense],
            packed: HashMap::default(),
            by_entries: HashMap::default(),
        }
    }

    /// The value kept at `index` of the dense array (`KeyedColumns::dense_index`).
    fn dense_cell(&self, index: usize) -> Option<T> {
        self.dense.get(index).copied().flatten()
    }

    /// The value kept for `key` (with `Entries::Values`, the values in `entries`).
    ///
    /// On workload b, looking cells up in the dense array instead of the hash map took the
    /// competency part's table (2 million cells) from about 21 to 15-17 ms on one thread.
    fn get(&self, key: Entries, entries: &[ScalarKey]) -> Option<T> {
        match key {
            // A word with no cell in the dense array is kept in the hash map.
            Entries::Packed(word) => match dense_index(word).and_then(|i| self.dense.get(i)) {
                Some(cell) => *cell,
                None => self.packed.get(&word).copied(),
            },
            Entries::Values => self.by_entries.get(entries).copied(),
        }
    }

    fn insert(&mut self, key: Entries, entries: &[ScalarKey], value: T) {
        match key {
            Entries::Packed(word) => match dense_index(word).and_then(|i| self.dense.get_mut(i)) {
                Some(cell) => *cell = Some(value),
                None => {
                    self.packed.insert(word, value);
                }
            },
            Entries::Values => {
                self.by_entries.insert(entries.into(), value);
            }
        }
    }
}

/// A packed word's index in a dense array: the low 3 bits of each of its (at most 4) bytes,
/// the last byte lowest; `None` if a byte is 8 or more, or the word has more than 4 bytes.
/// A column's words all have as many bytes as it has keys, so its indices stay below
/// `8^keys`.
fn dense_index(word: u64) -> Option<usize> {
    if word & !0x0707_0707 != 0 {
        return None;
    }
    let index = (word & 0x7) | (word >> 5 & 0x38) | (word >> 10 & 0x1c0) | (word >> 15 & 0xe00);
    usize::try_from(index).ok()
}

impl<'p> Column<'p, '_> {
    /// Every row's values, rows in parallel, written in place: `cell` keeps what the table
    /// stores of a unit's value.
    fn fill<T: Copy + Default + Send + Sync>(
        &self,
        firsts: &[Option<&'p Record>],
        session: impl Fn() -> Session<'p> + Sync + Send,
        cell: impl Fn(UnitValue) -> T + Sync + Send,
    ) -> Vec<T> {
        if let Some(keyed) = &self.keyed {
            return self.fill_keyed(keyed, firsts, session, cell);
        }
        let width = self.columns.len().max(1);
        let mut cells = vec![T::default(); firsts.len() * self.columns.len()];
        cells.par_chunks_mut(width).zip(firsts).for_each_init(
            || (session(), Vec::new()),
            |(session, codes), (row, first)| {
                let Some(employee) = first else {
                    return;
                };
                session.employee_for(employee, self.slots);
                for (slot, &position) in row.iter_mut().zip(self.columns) {
                    *slot = cell(session.unit_value(self.positions, position, self.unit, codes));
                }
            },
        );
        cells
    }

    /// A keyed unit's values: each cell is looked up by the entries the row's map has for its
    /// column's keys, packed a byte each into one word where they are small integers (as
    /// `map of integer 1..5` holds), otherwise by the values themselves, and computed only for
    /// the first row with them.
    ///
    /// The columns are shared out among a job per thread, each going through every row for its
    /// own columns, so that no value is computed by two jobs. (Rows shared out instead, each job
    /// computed again most of the values the other had: the example city's competency table took
    /// 2.5 ms on two threads as on one, and workload b's went from 19.4 to 15.5 ms only.)
    fn fill_keyed<T: Copy + Default + Send + Sync>(
        &self,
        keyed: &KeyedColumns,
        firsts: &[Option<&'p Record>],
        session: impl Fn() -> Session<'p> + Sync + Send,
        cell: impl Fn(UnitValue) -> T + Sync + Send,
    ) -> Vec<T> {
        let columns = self.columns.len();
        let jobs = rayon::current_num_threads().clamp(1, columns.max(1));
        let shares: Vec<std::ops::Range<usize>> = (0..jobs)
            .map(|job| job * columns / jobs..(job + 1) * columns / jobs)
            .collect();
        // Each share's cells, row by row: `block[row * share.len() + column - share.start]`.
        let mut blocks: Vec<Vec<T>> = shares
            .par_iter()
            .map(|share| {
                let mut session = session();
                let (mut codes, mut entries, mut bytes) = (Vec::new(), Vec::new(), Vec::new());
                let mut kept: Vec<KeptCells<T>> = share
                    .clone()
                    .map(|column| KeptCells::new(keyed.keys_numbered(column)))
                    .collect();
                let width = share.len().max(1);
                let mut block = vec![T::default(); firsts.len() * share.len()];
                let positions = self.columns.get(share.clone()).unwrap_or_default();
                for (row, first) in block.chunks_mut(width).zip(firsts) {
                    let Some(employee) = first else {
                        continue;
                    };
                    session.employee_for(employee, self.slots);
                    let map = match session.employee_slot(keyed.map) {
                        Value::Map(map) => map,
                        _ => &[],
                    };
                    keyed.entry_bytes(map, &mut bytes);
                    let columns = share.clone().zip(&mut kept);
                    for ((slot, &position), (column, kept)) in
                        row.iter_mut().zip(positions).zip(columns)
                    {
                        let dense = keyed.dense_index(column, &bytes);
                        if let Some(value) = dense.and_then(|index| kept.dense_cell(index)) {
                            *slot = value;
                            continue;
                        }
                        let key = keyed.entries(column, map, &bytes, &mut entries);
                        if let Some(value) = key.and_then(|key| kept.get(key, &entries)) {
                            *slot = value;
                            continue;
                        }
                        let value =
                            session.unit_value(self.positions, position, self.unit, &mut codes);
                        *slot = cell(value);
                        if let Some(key) = key {
                            kept.insert(key, &entries, *slot);
                        }
                    }
                }
                block
            })
            .collect();
        // One share is the table itself.
        if let [_] = shares.as_slice() {
            return blocks.pop().unwrap_or_default();
        }
        // The table, rows in parallel: each row's part of every share.
        let mut cells = vec![T::default(); firsts.len() * columns];
        cells
            .par_chunks_mut(columns.max(1))
            .enumerate()
            .for_each(|(row, out)| {
                for (share, block) in shares.iter().zip(&blocks) {
                    let width = share.len();
                    let from = block.get(row * width..(row + 1) * width);
                    if let (Some(to), Some(from)) = (out.get_mut(share.clone()), from) {
                        to.copy_from_slice(from);
                    }
                }
            });
        cells
    }

    /// Every row of a prerequisite, rows in parallel: the codes owed in each cell, appended to
    /// `codes` and referred to by range.
    fn owed(
        &self,
        firsts: &[Option<&'p Record>],
        session: impl Fn() -> Session<'p> + Sync + Send,
        codes: &mut Vec<Sym>,
    ) -> Vec<(u32, u32)> {
        let rows: Vec<OwedRow> = firsts
            .par_iter()
            .map_init(session, |session, first| {
                let (mut ranges, mut owed) = (Vec::new(), Vec::new());
                if let Some(employee) = first {
                    session.employee_for(employee, self.slots);
                    for &position in self.columns {
                        ranges.push(
                            match session.unit_value(self.positions, position, self.unit, &mut owed)
                            {
                                UnitValue::Owed(start, end) => (start, end),
                                _ => (owed.len(), owed.len()),
                            },
                        );
                    }
                } else {
                    ranges.resize(self.columns.len(), (0, 0));
                }
                (ranges, owed)
            })
            .collect();
        let mut cells = Vec::with_capacity(firsts.len() * self.columns.len());
        for (ranges, owed) in rows {
            let base = codes.len();
            codes.extend_from_slice(&owed);
            cells.extend(
                ranges
                    .into_iter()
                    .map(|(start, end)| ((base + start) as u32, (base + end) as u32)),
            );
        }
        cells
    }
}

/// A keyed unit's values in one column, by the entries' values for the column's keys.
type ByEntries<T> = HashMap<Box<[ScalarKey]>, T, FixedState>;
/// The same, by those values packed into a word (see `packed_entries`).
type ByPacked<T> = HashMap<u64, T, FixedState>;

/// How a cell of a keyed unit finds its value: by the entries' values packed into a word, or by
/// the values themselves (left in the caller's buffer by `entry_values`).
#[derive(Clone, Copy)]
enum Entries {
    Packed(u64),
    Values,
}

/// The values of a map's entries for a column's keys (at most 8), as `m[k]` gives them, a byte
/// each (`entry_byte`), from the row's `bytes` (`KeyedColumns::entry_bytes`) by the keys'
/// `numbers`. `None` when a value is anything else: the values are then compared themselves
/// (`entry_values`).
fn packed_entries(bytes: &[u16], numbers: &[usize]) -> Option<u64> {
    numbers.iter().try_fold(0u64, |word, &number| {
        let byte = u8::try_from(*bytes.get(number)?).ok()?;
        Some(word << 8 | u64::from(byte))
    })
}

/// An entry's value packed into a byte: 0 for unknown (no entry), `n + 1` for an integer `n`
/// from 0 to 254; `None` for anything else.
fn entry_byte(value: Value<'_>) -> Option<u8> {
    match value {
        Value::Unknown => Some(0),
        Value::Int(n) => u8::try_from(n).ok().filter(|n| *n < 255).map(|n| n + 1),
        _ => None,
    }
}

/// What `KeyedColumns::entry_bytes` gives a key whose entry packs into no byte.
const NOT_PACKED: u16 = 0x100;

/// The values of `map`'s entries for `keys` (unknown where it has none), as `m[k]` gives them,
/// into `out`; false if one is not a scalar (the cell is then computed, not looked up).
fn entry_values(map: &[(Sym, Datum)], keys: &[Sym], out: &mut Vec<ScalarKey>) -> bool {
    out.clear();
    for &key in keys {
        match Value::entry(map, key).scalar_key() {
            Some(entry) => out.push(entry),
            None => return false,
        }
    }
    true
}

/// The keys a keyed unit looks up in each column: the text elements (a map's keys) of its
/// collections in the column's first position.
fn column_keys(keyed: &Keyed, positions: &Positions<'_>, columns: &[usize]) -> Vec<Vec<Sym>> {
    columns
        .iter()
        .map(|&position| {
            let slots = positions.slots.get(position).map_or(&[][..], Vec::as_slice);
            let mut keys = Vec::new();
            for &collection in &keyed.collections {
                match slots.get(collection as usize) {
                    Some(Value::Map(entries)) => keys.extend(entries.iter().map(|(key, _)| *key)),
                    Some(Value::List(items)) => {
                        keys.extend(items.iter().filter_map(|item| match item {
                            Datum::Text(key) => Some(*key),
                            _ => None,
                        }))
                    }
                    _ => {}
                }
            }
            keys
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{
        DENSE_KEYS, Failing, KeyedColumns, NOT_PACKED, NotHolding, dense_index, most_rows,
        packed_entries,
    };
    use crate::symbols::Sym;

    /// A row's dense index found in one pass over its bytes is the one found by packing
    /// them into a word first, for every column and every byte a cell can have.
    #[test]
    fn a_dense_index_from_the_bytes_is_the_one_from_the_packed_word() {
        // Keys 0-5, in columns of no key, of one, three, four and five keys.
        let key = |k: u32| Sym(k);
        let columns = vec![
            vec![],
            vec![key(2)],
            vec![key(0), key(1), key(2)],
            vec![key(3), key(0), key(4), key(1)],
            vec![key(0), key(1), key(2), key(3), key(5)],
        ];
        let keyed = KeyedColumns::new(0, columns.clone());
        let samples = [0, 1, 5, 7, 8, 9, 255, NOT_PACKED];
        let mut checked = 0;
        for first in samples {
            for second in samples {
                let bytes = [first, second, 3, 7, 0, 6];
                for column in 0..columns.len() {
                    let numbers = keyed.numbered[column].as_deref().unwrap_or_default();
                    // A column of more keys has no dense array (`KeptCells::new`), whatever
                    // index its word gives (one whose first byte is 0 reads as four bytes).
                    let packed = packed_entries(&bytes, numbers)
                        .and_then(dense_index)
                        .filter(|_| numbers.len() <= DENSE_KEYS);
                    let found = keyed.dense_index(column, &bytes);
                    assert_eq!(found, packed, "bytes {bytes:?}, column {column}");
                    checked += usize::from(found.is_some());
                }
            }
        }
        // Keys are numbered as they first appear (2, 0, 1, 3, 4, 5), and `bytes` is by number:
        // key 2 has the first sample, key 0 the second. Of the 64 pairs of samples, the column
        // of no key always has an index, that of key 2 where the first is below 8 (32), that
        // of keys 0, 1, 2 where both are (16), that of four keys where the second is (32), and
        // that of five never.
        assert_eq!(checked, 64 + 32 + 16 + 32);
    }

    #[test]
    fn a_truth_table_keeps_the_cells_of_each_row_where_the_requirement_does_not_hold() {
        // Three rows of three columns: all true; false and unknown; unknown, true, false.
        let table = NotHolding::of(
            &[
                Some(true),
                Some(true),
                Some(true),
                Some(false),
                Some(true),
                None,
                None,
                Some(true),
                Some(false),
            ],
            3,
        );
        let failing = |column, unknown| Failing { column, unknown };
        assert_eq!(table.row(0), Some(&[][..]));
        assert_eq!(
            table.row(1),
            Some(&[failing(0, false), failing(2, true)][..])
        );
        assert_eq!(
            table.row(2),
            Some(&[failing(0, true), failing(2, false)][..])
        );
        assert_eq!(table.row(3), None);
    }

    #[test]
    fn a_packed_word_of_small_bytes_has_a_dense_index_below_8_to_the_keys() {
        assert_eq!(dense_index(0), Some(0));
        // Three keys with entries 1, unknown and 5 (bytes 2, 0, 6).
        assert_eq!(dense_index(0x02_00_06), Some(2 << 6 | 6));
        assert_eq!(dense_index(0x07_07_07_07), Some(4095));
        // A byte of 8 or more, or a fifth byte, has none.
        assert_eq!(dense_index(0x08), None);
        assert_eq!(dense_index(0x01_00_00_00_00), None);
    }

    #[test]
    fn a_table_needs_at_most_a_row_for_every_two_employees_unless_keyed() {
        assert_eq!(most_rows(1_000, false), 500);
        assert_eq!(most_rows(1_001, false), 500);
        assert_eq!(most_rows(1_000, true), 1_000);
        // The training units of 100,000 generated employees (70,535 rows): left to the memo;
        // the competency part of 20,000, keyed (10,592 rows): tabulated.
        assert!(70_535 > most_rows(100_000, false));
        assert!(10_592 <= most_rows(20_000, true));
    }
}
