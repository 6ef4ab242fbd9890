//! The elements of the positions' collections that separable quantifiers range over, numbered
//! once per run.
//!
//! A separable quantifier (`QuantifierNode::separable`) keeps its filter and body values per
//! employee and element, since they depend on nothing else. Found by hashing the element, a
//! kept value costs a hash lookup per element per position, about as much as the competency
//! body it saves. Where the collection is a hoisted position value (`formasi.kompetensi`, say),
//! its elements are known before any pair: each distinct element gets a number here, each
//! position a list of its elements' numbers, and a kept value is then found by index.

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::plan::Plan;
use super::stamped::Stamped;
use super::value::Value;

/// An element's scalars as bits: their kinds, the map key's bits and the item's bits.
pub type ElementBits = (u16, u64, u64);

/// The bits of an element (a list's `item`, or a map entry's `key` and value `item`); `None`
/// for an element that is a list, record or map, or a text computed for the pair, which are
/// never kept.
pub fn element_bits(item: Value<'_>, key: Option<Value<'_>>) -> Option<ElementBits> {
    if super::interp::is_computed_text(item) || key.is_some_and(super::interp::is_computed_text) {
        return None;
    }
    let (item_kind, item_bits) = item.scalar_key()?;
    let (key_kind, key_bits) = match key {
        Some(key) => key.scalar_key()?,
        None => (u8::MAX, 0),
    };
    let kinds = u16::from(item_kind) | u16::from(key_kind) << 8;
    Some((kinds, key_bits, item_bits))
}

/// Marks an element that has no number (it is never kept).
pub const UNNUMBERED: u32 = u32::MAX;

/// The numbered elements of one run's positions.
#[derive(Debug, Default)]
pub struct Elements {
    /// `ranges[position * quantifiers + quantifier]`: that collection's element numbers, as a
    /// range of `numbers`.
    ranges: Vec<(u32, u32)>,
    numbers: Vec<u32>,
    quantifiers: usize,
    /// How many distinct elements were numbered, over all quantifiers.
    total: usize,
    /// Tells the numberings of different runs apart (see `Kept::lay_out`).
    run: u64,
}

impl Elements {
    /// Numbers the elements of each numbered quantifier's collection in every position (given
    /// by its hoisted `slots`), in the order a quantifier visits them. Equal elements of one
    /// quantifier share a number, across positions.
    pub fn new(plan: &Plan, slots: &[Vec<Value<'_>>], run: u64) -> Elements {
        let quantifiers = plan.numbered_collections.len();
        let mut numbering: HashMap<(usize, ElementBits), u32, FixedState> = HashMap::default();
        let mut elements = Elements {
            ranges: Vec::with_capacity(slots.len() * quantifiers),
            numbers: Vec::new(),
            quantifiers,
            total: 0,
            run,
        };
        let mut number = |quantifier: usize, bits: Option<ElementBits>| match bits {
            Some(bits) => {
                let next = u32::try_from(numbering.len()).unwrap_or(UNNUMBERED);
                *numbering.entry((quantifier, bits)).or_insert(next)
            }
            None => UNNUMBERED,
        };
        for position in slots {
            for (quantifier, &slot) in plan.numbered_collections.iter().enumerate() {
                let start = elements.numbers.len();
                match position.get(slot as usize) {
                    Some(Value::List(items)) => {
                        for item in items.iter() {
                            let bits = element_bits(Value::from_datum(item), None);
                            elements.numbers.push(number(quantifier, bits));
                        }
                    }
                    Some(Value::Map(entries)) => {
                        for (key, value) in entries.iter() {
                            let bits =
                                element_bits(Value::from_datum(value), Some(Value::Text(*key)));
                            elements.numbers.push(number(quantifier, bits));
                        }
                    }
                    _ => {}
                }
                let range = (start as u32, elements.numbers.len() as u32);
                elements.ranges.push(range);
            }
        }
        elements.total = numbering.len();
        elements
    }

    /// What the quantifiers see of position `index`: its elements' numbers.
    pub fn of_position(&self, index: usize) -> PositionElements<'_> {
        let start = index * self.quantifiers;
        PositionElements {
            ranges: self
                .ranges
                .get(start..start + self.quantifiers)
                .unwrap_or_default(),
            numbers: &self.numbers,
            total: self.total,
            run: self.run,
        }
    }
}

/// One position's numbered elements (empty where none are known: evaluation then hashes).
#[derive(Debug, Clone, Copy, Default)]
pub struct PositionElements<'e> {
    ranges: &'e [(u32, u32)],
    numbers: &'e [u32],
    pub total: usize,
    pub run: u64,
}

impl<'e> PositionElements<'e> {
    /// The element numbers of numbered quantifier `quantifier` for this position, if known.
    pub fn numbers(self, quantifier: u32) -> Option<&'e [u32]> {
        let &(start, end) = self.ranges.get(quantifier as usize)?;
        self.numbers.get(start as usize..end as usize)
    }
}

/// A quantifier (by its node's address) and one element's bits.
pub type ElementKey = (usize, ElementBits);

/// Where an element's filter and body values are kept for the employee, if anywhere: by the
/// element's number in the run, or by the quantifier's address and the element's bits.
#[derive(Clone, Copy)]
pub enum KeptAt {
    Nowhere,
    Number(u32),
    Key(ElementKey),
}

/// The filter and body values of separable quantifiers, kept for one employee.
#[derive(Default)]
pub struct Kept<'a> {
    by_number: Stamped<(Value<'a>, Value<'a>)>,
    /// By element number, the values of a keyed quantifier's element (`QuantifierNode::keyed_by`)
    /// for employees without an entry for it: the same for each, so kept for the whole run.
    shared: Stamped<(Value<'a>, Value<'a>)>,
    by_key: HashMap<ElementKey, (Value<'a>, Value<'a>), FixedState>,
    /// The run whose element numbers `by_number` is laid out for.
    run: u64,
    /// The employee (its fields' address) the values are kept for.
    employee: usize,
}

impl<'a> Kept<'a> {
    /// Forgets every value kept for the employee (the values shared by employees stay).
    pub fn forget(&mut self) {
        self.by_number.forget();
        self.by_key.clear();
        self.employee = 0;
    }

    /// Forgets the kept values if they were another employee's.
    pub fn for_employee(&mut self, employee: usize) {
        if self.employee != employee {
            self.forget();
            self.employee = employee;
        }
    }

    /// Makes room for the element numbers of `elements`' run, dropping values kept under
    /// another run's numbers.
    pub fn lay_out(&mut self, elements: PositionElements<'_>) {
        if elements.run != self.run && elements.total > 0 {
            self.by_number.lay_out(elements.total);
            self.shared.lay_out(elements.total);
            self.run = elements.run;
        }
    }

    /// The filter and body values kept at `at`, if any.
    pub fn get(&self, at: KeptAt) -> Option<(&Value<'a>, &Value<'a>)> {
        let (selected, body) = match at {
            KeptAt::Nowhere => return None,
            KeptAt::Number(number) => self.by_number.get(number as usize)?,
            KeptAt::Key(key) => self.by_key.get(&key)?,
        };
        Some((selected, body))
    }

    /// Adds the kept values of the elements numbered `numbers` to `add`, in order, until `add`
    /// says the result is decided; false when an element before that was not kept (its values
    /// are then not known here, and the caller evaluates the elements instead).
    pub fn fold_numbered(
        &self,
        numbers: &[u32],
        mut add: impl FnMut(Value<'a>, Value<'a>) -> bool,
    ) -> bool {
        for &number in numbers {
            let Some(&(selected, body)) = self.by_number.get(number as usize) else {
                return false;
            };
            if !add(selected, body) {
                return true;
            }
        }
        true
    }

    /// The values element `number` has for every employee without an entry for it, if known.
    pub fn shared(&self, number: u32) -> Option<(Value<'a>, Value<'a>)> {
        self.shared.get(number as usize).copied()
    }

    /// Keeps the values element `number` has for every employee without an entry for it.
    pub fn share(&mut self, number: u32, selected: Value<'a>, body: Value<'a>) {
        self.shared.set(number as usize, (selected, body));
    }

    pub fn keep(&mut self, at: KeptAt, selected: Value<'a>, body: Value<'a>) {
        match at {
            KeptAt::Nowhere => {}
            KeptAt::Number(number) => self.by_number.set(number as usize, (selected, body)),
            KeptAt::Key(key) => {
                self.by_key.insert(key, (selected, body));
            }
        }
    }
}
