//! Prefetch hints for the records about to be read.
//!
//! A record is a tree of blocks (its fields, each list's items, each item's fields), and a
//! session reads every employee's tree for the first time when it decides that employee: each
//! block it reaches waits for memory in turn, since a block's address is read from its parent.
//! [`records_ahead`] asks the processor for the blocks of the next employees while the current
//! one is decided, a level of the tree per employee ahead. A hint never faults and changes no
//! result; on processors other than x86-64 it does nothing.
//!
//! `recommend` calls it (`shortlist::recommend`): on 100,000 employees read from YAML, whose
//! records are scattered and far exceed the L3 cache, it ran 2-5% faster on one thread and 5-7%
//! on two, where both threads wait on memory. `eval` does not: on 20,000 employees it gained
//! nothing, walking the next records costing what the hints save (docs/performance.md).

use super::{Datum, Record};

/// The bytes of a cache line.
const LINE: usize = 64;

/// Hints that `items` (one block of a record's tree) will be read soon.
fn fetch<T>(items: &[T]) {
    #[cfg(target_arch = "x86_64")]
    {
        let per_line = (LINE / std::mem::size_of::<T>().max(1)).max(1);
        for item in items.iter().step_by(per_line) {
            safe_arch::prefetch_t0(item);
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (items, LINE);
}

/// Hints the block `datum` points to, if it is a list, record or map.
fn fetch_below(datum: &Datum) {
    match datum {
        Datum::List(items) | Datum::Record(items) => fetch(items),
        Datum::Map(entries) => fetch(entries),
        _ => {}
    }
}

/// Hints the blocks two levels below `datum`: those its items, fields or values point to.
fn fetch_two_below(datum: &Datum) {
    match datum {
        Datum::List(items) | Datum::Record(items) => items.iter().for_each(fetch_below),
        Datum::Map(entries) => entries.iter().for_each(|(_, value)| fetch_below(value)),
        _ => {}
    }
}

/// Before deciding `records[index]`: hints the fields of the record three ahead, the blocks
/// they point to for the record two ahead (its fields hinted one record earlier), and the
/// blocks below those for the next one.
pub fn records_ahead(records: &[Record], index: usize) {
    if let Some(record) = records.get(index + 3) {
        fetch(&record.fields);
    }
    if let Some(record) = records.get(index + 2) {
        record.fields.iter().for_each(fetch_below);
    }
    if let Some(record) = records.get(index + 1) {
        record.fields.iter().for_each(fetch_two_below);
    }
}
