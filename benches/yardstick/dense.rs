//! A table indexed by a vocabulary id that is filled for one employee and then emptied again.
//!
//! Per-employee facts such as "holds training X" or "days served in bidang Y" are looked up for
//! every position, so they are stored densely (one slot per id of the whole vocabulary) and a
//! pair reads them with one index. Emptying costs only the slots the employee touched.

use super::vocabulary::Id;

#[derive(Debug, Clone)]
pub struct DenseTable<T> {
    values: Vec<T>,
    touched: Vec<Id>,
}

impl<T: Copy + Default> DenseTable<T> {
    /// A table with a default value for each of `size` ids.
    pub fn new(size: usize) -> DenseTable<T> {
        DenseTable {
            values: vec![T::default(); size],
            touched: Vec::new(),
        }
    }

    /// The value of `id` (the default when it was not set since the last [`reset`](Self::reset)).
    #[inline]
    pub fn get(&self, id: Id) -> T {
        self.values.get(id.index()).copied().unwrap_or_default()
    }

    /// Replaces the value of `id` by `change(value)`.
    #[inline]
    pub fn update(&mut self, id: Id, change: impl FnOnce(T) -> T) {
        if let Some(value) = self.values.get_mut(id.index()) {
            *value = change(*value);
            self.touched.push(id);
        }
    }

    /// Sets `id` to `value`.
    #[inline]
    pub fn set(&mut self, id: Id, value: T) {
        self.update(id, |_| value);
    }

    /// Back to the default value everywhere.
    pub fn reset(&mut self) {
        for id in self.touched.drain(..) {
            if let Some(value) = self.values.get_mut(id.index()) {
                *value = T::default();
            }
        }
    }
}
