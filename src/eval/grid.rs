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
//! A unit is tabulated only where that saves work: its employees fall into at most three rows for
//! every four employees (so at least a quarter of its evaluations are saved), it has more than
//! one column, and the tables of the run stay within a fixed number of cells. Units that read
//! an employee's own history (service, training) have about one row per employee and keep the
//! per-employee memo.

use rayon::prelude::*;

use super::memo::{Positions, group};
use super::plan::reads::Reads;
use super::session::{Session, UnitValue};
use super::{Engine, Unit, interp};
use crate::data::Record;
use crate::symbols::{Sym, Symbols};

/// A unit is tabulated when its rows number at most `ROWS_PER_EMPLOYEES.0` for every
/// `ROWS_PER_EMPLOYEES.1` employees.
const ROWS_PER_EMPLOYEES: (usize, usize) = (3, 4);
/// The most cells the tables of a run may have in all (each takes 8 bytes at most: 128 MiB).
const MAX_CELLS: usize = 1 << 24;
/// Grouping every employee costs a hash of all a unit reads (a whole service history, say), so
/// a unit is first grouped over this many employees; where nearly all of them differ
/// (`NEARLY_ALL` out of 20), it is left to the memo.
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
    /// A requirement: true, false or unknown (`None`).
    Truth(Vec<Option<bool>>),
    /// A prerequisite: the codes owed, as a range of `Grid::codes`.
    Owed(Vec<(u32, u32)>),
    /// A score part's points.
    Points(Vec<i64>),
}

/// One employee's row of a unit's table: the unit's value for each group of positions.
#[derive(Clone, Copy)]
pub enum Row<'g> {
    /// A requirement: true, false or unknown (`None`).
    Truth(&'g [Option<bool>]),
    /// A prerequisite: the codes owed, as ranges of the second slice.
    Owed(&'g [(u32, u32)], &'g [Sym]),
    /// A score part's points.
    Points(&'g [i64]),
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
        // A unit of one position group is never tabulated: there is nothing to look up.
        let mut wanted = vec![false; units];
        for (unit, &first) in sharing.iter().enumerate() {
            if positions.columns(unit) >= 2 {
                if let Some(wanted) = wanted.get_mut(first) {
                    *wanted = true;
                }
            }
        }
        let first_groups: Vec<Option<Vec<u32>>> = reads
            .par_iter()
            .zip(&wanted)
            .map(|(reads, &wanted)| {
                if !wanted || !matches!(reads, Reads::Paths(_)) {
                    return None;
                }
                let sample = employees.get(..SAMPLE).unwrap_or(employees);
                if sample.len() == SAMPLE
                    && count_groups(&group(reads, sample)) * 20 > SAMPLE * NEARLY_ALL
                {
                    return None;
                }
                Some(group(reads, employees))
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
            let count = count_groups(&rows);
            let (rows_allowed, per_employees) = ROWS_PER_EMPLOYEES;
            if count * per_employees > employees.len() * rows_allowed
                || count * columns > cells_left
            {
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
            let at = Column {
                unit,
                slots: engine.employee_slots.get(unit).map_or(&[], Vec::as_slice),
                positions,
                columns: positions.column_representatives(unit),
            };
            let cells = match engine.unit(unit) {
                Unit::Requirement(_) => {
                    Cells::Truth(at.fill(&firsts, session, |value| match value {
                        UnitValue::Truth(truth) => truth,
                        _ => None,
                    }))
                }
                Unit::Part(_) => Cells::Points(at.fill(&firsts, session, |value| match value {
                    UnitValue::Points(points) => points,
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
        let first = *table.rows.get(index)? as usize * columns;
        let cells = first..first + columns;
        Some(match &table.cells {
            Cells::Truth(values) => Row::Truth(values.get(cells)?),
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
}

impl<'p> Column<'p, '_> {
    /// Every row's values, rows in parallel, written in place: `cell` keeps what the table
    /// stores of a unit's value.
    fn fill<T: Copy + Default + Send>(
        &self,
        firsts: &[Option<&'p Record>],
        session: impl Fn() -> Session<'p> + Sync + Send,
        cell: impl Fn(UnitValue) -> T + Sync + Send,
    ) -> Vec<T> {
        let width = self.columns.len().max(1);
        let mut cells = vec![T::default(); firsts.len() * self.columns.len()];
        cells.par_chunks_mut(width).zip(firsts).for_each_init(
            || (session(), Vec::new()),
            |(session, codes), (row, first)| {
                if let Some(employee) = first {
                    session.employee_for(employee, self.slots);
                    for (slot, &position) in row.iter_mut().zip(self.columns) {
                        *slot =
                            cell(session.unit_value(self.positions, position, self.unit, codes));
                    }
                }
            },
        );
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
