//! Interned text: every distinct string of the rules and the data gets a number, so comparing
//! text in the pair loop compares integers.

use std::collections::HashMap;

/// An interned string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Sym(pub u32);

/// The interner. Filled while loading rules and records, then read-only while evaluating.
#[derive(Debug, Default, Clone)]
pub struct Symbols {
    index: HashMap<Box<str>, Sym>,
    strings: Vec<Box<str>>,
}

impl Symbols {
    pub fn new() -> Symbols {
        Symbols::default()
    }

    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(&sym) = self.index.get(text) {
            return sym;
        }
        let sym = Sym(u32::try_from(self.strings.len()).unwrap_or(u32::MAX));
        self.strings.push(text.into());
        self.index.insert(text.into(), sym);
        sym
    }

    /// The symbol of a string already interned.
    pub fn get(&self, text: &str) -> Option<Sym> {
        self.index.get(text).copied()
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        self.strings.get(sym.0 as usize).map_or("", |s| s)
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// Adds every string of `other`, returning how `other`'s symbols map to this table's
    /// (records parsed in parallel each intern into their own table first).
    pub fn absorb(&mut self, other: &Symbols) -> Vec<Sym> {
        other.strings.iter().map(|s| self.intern(s)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_text_gets_one_symbol() {
        let mut symbols = Symbols::new();
        let a = symbols.intern("Keuangan");
        let b = symbols.intern("Kepegawaian");
        assert_ne!(a, b);
        assert_eq!(symbols.intern("Keuangan"), a);
        assert_eq!(symbols.resolve(b), "Kepegawaian");
        assert_eq!(symbols.get("Umum"), None);
    }

    #[test]
    fn absorbing_maps_symbols_across_tables() {
        let mut main = Symbols::new();
        main.intern("x");
        let mut other = Symbols::new();
        let y = other.intern("y");
        let x = other.intern("x");
        let map = main.absorb(&other);
        assert_eq!(main.resolve(map[y.0 as usize]), "y");
        assert_eq!(map[x.0 as usize], main.get("x").unwrap());
    }
}
