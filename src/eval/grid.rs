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
use super::{Engine, interp};
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
        // Which units to tabulate, and each one's first employee of every row.
        let mut representatives: Vec<Vec<(usize, u32)>> = vec![Vec::new(); employees.len()];
        // Each candidate unit's rows, grouped in parallel (a unit per task).
        let grouped: Vec<Option<Vec<u32>>> = engine
            .employee_reads
            .par_iter()
            .enumerate()
            .map(|(unit, reads)| {
                if !matches!(reads, Reads::Paths(_)) || positions.columns(unit) < 2 {
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
        let mut cells_left = MAX_CELLS;
        for (unit, rows) in grouped.into_iter().enumerate() {
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
            let mut seen = vec![false; count];
            for (employee, &row) in rows.iter().enumerate() {
                if let Some(first) = seen.get_mut(row as usize).filter(|first| !**first) {
                    *first = true;
                    if let Some(list) = representatives.get_mut(employee) {
                        list.push((unit, row));
                    }
                }
            }
            let cells = count * columns;
            let cells = match engine.unit_kind(unit) {
                UnitKind::Requirement => Cells::Truth(vec![None; cells]),
                UnitKind::Prerequisite => Cells::Owed(vec![(0, 0); cells]),
                UnitKind::Part => Cells::Points(vec![0; cells]),
            };
            if let Some(table) = grid.tables.get_mut(unit) {
                *table = Some(Table {
                    rows,
                    columns: columns as u32,
                    cells,
                });
            }
        }
        let work: Vec<(usize, Vec<(usize, u32)>)> = representatives
            .into_iter()
            .enumerate()
            .filter(|(_, units)| !units.is_empty())
            .collect();
        let computed: Vec<Vec<Computed>> = work
            .par_iter()
            .map_init(
                || {
                    let mut session = Session::new(engine, symbols);
                    if let Some(tables) = tables {
                        session.set_tables(tables);
                    }
                    session
                },
                |session, (employee, units)| {
                    compute_rows(session, positions, employees, *employee, units)
                },
            )
            .collect();
        for computed in computed.into_iter().flatten() {
            grid.store(computed);
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

    fn store(&mut self, computed: Computed) {
        let Some(Some(table)) = self.tables.get_mut(computed.unit) else {
            return;
        };
        let first = computed.row as usize * table.columns as usize;
        for (column, value) in computed.values.into_iter().enumerate() {
            let cell = first + column;
            match (&mut table.cells, value) {
                (Cells::Truth(cells), UnitValue::Truth(truth)) => {
                    if let Some(slot) = cells.get_mut(cell) {
                        *slot = truth;
                    }
                }
                (Cells::Points(cells), UnitValue::Points(points)) => {
                    if let Some(slot) = cells.get_mut(cell) {
                        *slot = points;
                    }
                }
                (Cells::Owed(cells), UnitValue::Owed(start, end)) => {
                    let owed = computed.codes.get(start..end).unwrap_or_default();
                    let range = (
                        self.codes.len() as u32,
                        (self.codes.len() + owed.len()) as u32,
                    );
                    self.codes.extend_from_slice(owed);
                    if let Some(slot) = cells.get_mut(cell) {
                        *slot = range;
                    }
                }
                _ => {}
            }
        }
    }
}

/// Which part of the decision a unit is.
pub enum UnitKind {
    Requirement,
    Prerequisite,
    Part,
}

/// One row of one unit, computed.
struct Computed {
    unit: usize,
    row: u32,
    values: Vec<UnitValue>,
    codes: Vec<Sym>,
}

/// How many groups `group` found.
fn count_groups(groups: &[u32]) -> usize {
    groups.iter().max().map_or(0, |last| *last as usize + 1)
}

/// The rows `employee` stands for, one value per column (group of positions).
fn compute_rows<'p>(
    session: &mut Session<'p>,
    positions: &'p Positions<'p>,
    employees: &'p [Record],
    employee: usize,
    units: &[(usize, u32)],
) -> Vec<Computed> {
    let Some(record) = employees.get(employee) else {
        return Vec::new();
    };
    session.employee(record);
    units
        .iter()
        .map(|&(unit, row)| {
            let mut codes = Vec::new();
            let values = positions
                .column_representatives(unit)
                .iter()
                .map(|&position| session.unit_value(positions, position, unit, &mut codes))
                .collect();
            Computed {
                unit,
                row,
                values,
                codes,
            }
        })
        .collect()
}
