//! Values kept per slot for one generation at a time, so that forgetting them all is a counter
//! increment rather than a sweep. Evaluation forgets often: a pair's cached definitions
//! (`interp::Cx`), an employee's memo cells (`memo`) and an employee's values of separable
//! quantifiers per element (`elements`).

/// Values kept per slot, each stamped with the generation it was kept in: one kept in an
/// earlier generation reads as absent.
pub(super) struct Stamped<T> {
    slots: Vec<(u32, T)>,
    /// Never 0, the stamp of a slot never kept.
    generation: u32,
}

impl<T> Default for Stamped<T> {
    fn default() -> Self {
        Stamped {
            slots: Vec::new(),
            generation: 1,
        }
    }
}

impl<T: Copy + Default> Stamped<T> {
    /// `count` slots, none kept.
    pub(super) fn with_slots(count: usize) -> Stamped<T> {
        let mut stamped = Stamped::default();
        stamped.lay_out(count);
        stamped
    }

    /// `count` slots, none kept.
    pub(super) fn lay_out(&mut self, count: usize) {
        self.slots.clear();
        self.slots.resize(count, (0, T::default()));
    }

    /// Forgets every slot.
    pub(super) fn forget(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // Wrapped: stale stamps could match again; clear them once.
            self.slots.fill((0, T::default()));
            self.generation = 1;
        }
    }

    pub(super) fn get(&self, slot: usize) -> Option<&T> {
        let (kept_in, value) = self.slots.get(slot)?;
        (*kept_in == self.generation).then_some(value)
    }

    pub(super) fn set(&mut self, slot: usize, value: T) {
        let generation = self.generation;
        if let Some(place) = self.slots.get_mut(slot) {
            *place = (generation, value);
        }
    }
}
