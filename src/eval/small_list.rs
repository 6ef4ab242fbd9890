//! A list of at most `N` items kept inline, spilling to the heap beyond: an outcome's points
//! and training codes.
//!
//! Bulk evaluation copies each pair's points and codes out of the session's rows into its
//! outcome. As `Vec`s that was a `memcpy` call of a few words a pair, two per pair; with both
//! left out, `eval` on workload b took 3% less. Where the session keeps its rows padded to `N`
//! items ([`SmallList::set_padded`]), the copy is a fixed-size move the compiler inlines.

use std::ops::Deref;

/// At most `N` items inline; beyond, all of them in `spill`.
#[derive(Clone)]
pub struct SmallList<T, const N: usize> {
    len: usize,
    /// The first `len` items, while `len <= N`.
    items: [T; N],
    /// Every item, once there are more than `N`; empty otherwise.
    spill: Vec<T>,
}

impl<T: Copy + Default, const N: usize> SmallList<T, N> {
    pub fn new() -> SmallList<T, N> {
        SmallList {
            len: 0,
            items: [T::default(); N],
            spill: Vec::new(),
        }
    }

    pub fn clear(&mut self) {
        self.len = 0;
        // Only if there is something to drop: see `RequirementBits::clear` on empty calls.
        if !self.spill.is_empty() {
            self.spill.clear();
        }
    }

    pub fn push(&mut self, item: T) {
        if self.len < N {
            if let Some(place) = self.items.get_mut(self.len) {
                *place = item;
            }
        } else {
            if self.len == N {
                self.spill.extend_from_slice(&self.items);
            }
            self.spill.push(item);
        }
        self.len += 1;
    }

    pub fn extend_from_slice(&mut self, items: &[T]) {
        for &item in items {
            self.push(item);
        }
    }

    /// Makes the list the first `len` of `items` (at most `N`): a fixed-size copy.
    pub fn set_padded(&mut self, items: &[T; N], len: usize) {
        self.clear();
        self.items = *items;
        self.len = len.min(N);
    }

    pub fn as_slice(&self) -> &[T] {
        if self.len <= N {
            self.items.get(..self.len).unwrap_or_default()
        } else {
            &self.spill
        }
    }
}

impl<T: Copy + Default, const N: usize> Default for SmallList<T, N> {
    fn default() -> Self {
        SmallList::new()
    }
}

impl<T: Copy + Default, const N: usize> Deref for SmallList<T, N> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<'l, T: Copy + Default, const N: usize> IntoIterator for &'l SmallList<T, N> {
    type Item = &'l T;
    type IntoIter = std::slice::Iter<'l, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<T: Copy + Default + PartialEq, const N: usize> PartialEq for SmallList<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Copy + Default + Eq, const N: usize> Eq for SmallList<T, N> {}

impl<T: Copy + Default + std::fmt::Debug, const N: usize> std::fmt::Debug for SmallList<T, N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_slice().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::SmallList;

    #[test]
    fn items_beyond_the_inline_ones_spill_and_clear_back() {
        let mut list: SmallList<i64, 2> = SmallList::new();
        assert!(list.is_empty());
        list.push(1);
        list.push(2);
        assert_eq!(list.as_slice(), [1, 2]);
        list.extend_from_slice(&[3, 4]);
        assert_eq!(list.as_slice(), [1, 2, 3, 4]);
        list.clear();
        assert!(list.is_empty());
        list.push(5);
        assert_eq!(list.as_slice(), [5]);
        // A padded copy keeps only its length, and replaces a spilled list.
        list.extend_from_slice(&[6, 7]);
        list.set_padded(&[8, 9], 1);
        assert_eq!(list.as_slice(), [8]);
        list.set_padded(&[8, 9], 5);
        assert_eq!(list.as_slice(), [8, 9]);
        let mut other = SmallList::new();
        other.extend_from_slice(&[8, 9]);
        assert_eq!(list, other);
        assert_eq!((&list).into_iter().sum::<i64>(), 17);
    }
}
