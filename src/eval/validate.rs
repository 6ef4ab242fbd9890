//! The `validate` items of the rules, run over every record right after loading.

use super::interp::{Cx, Evaluator, NoTrace};
use rayon::prelude::*;

use super::plan::{Plan, ValidationPlan};
use super::value::Value;
use crate::ast::InputKind;
use crate::data::{DataIssue, DataProblem, PathSeg, Record, Table};
use crate::symbols::Symbols;

/// Records validated by one task: enough to amortise its context.
const CHUNK: usize = 1024;

/// Every failed validation of a table, as problems to locate (in record order). Records are
/// validated in parallel on the current rayon pool.
pub fn validate(plan: &Plan, symbols: &Symbols, table: &Table) -> Vec<DataProblem> {
    let checks: Vec<_> = plan
        .validations
        .iter()
        .filter(|v| v.input == table.kind)
        .collect();
    if checks.is_empty() {
        return Vec::new();
    }
    let chunks: Vec<Vec<DataProblem>> = table
        .records
        .par_chunks(CHUNK)
        .map(|records| validate_records(plan, symbols, table.kind, &checks, records))
        .collect();
    chunks.into_iter().flatten().collect()
}

/// The failed validations of `records`, in order.
fn validate_records(
    plan: &Plan,
    symbols: &Symbols,
    kind: InputKind,
    checks: &[&ValidationPlan],
    records: &[Record],
) -> Vec<DataProblem> {
    let evaluator = Evaluator::new(plan, symbols);
    let mut cx = Cx::new(plan);
    let mut problems = Vec::new();
    for record in records {
        match kind {
            InputKind::Employee => cx.employee = Some(&record.fields),
            InputKind::Position => cx.position = Some(&record.fields),
        }
        // One problem per field: the first check it fails.
        let mut reported: Vec<&[String]> = Vec::new();
        for check in checks {
            if reported.contains(&check.field_path.as_slice()) {
                continue;
            }
            cx.new_pair();
            let failed = cx.frame(check.locals, |cx| {
                if let Some(applies) = &check.applies {
                    if evaluator.eval(applies, cx, &mut NoTrace) != Value::Bool(true) {
                        return false;
                    }
                }
                evaluator.eval(&check.requires, cx, &mut NoTrace) == Value::Bool(false)
            });
            if failed {
                reported.push(&check.field_path);
                let mut path = vec![PathSeg::Index(record.origin.index as usize)];
                path.extend(check.field_path.iter().map(|f| PathSeg::Field(f.clone())));
                problems.push(DataProblem {
                    path,
                    issue: DataIssue::Validation {
                        id: check.id.clone(),
                        message: check.message.clone(),
                    },
                });
            }
        }
    }
    problems
}
