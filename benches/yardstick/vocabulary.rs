//! The texts the policy compares for equality (position ids, jurusan, rumpun, bidang, unit
//! kerja, training codes, competency names), each kind numbered on its own so that a pair
//! compares integers and per-employee tables are small and dense.

use std::collections::HashMap;

/// The number of a text within its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Id(pub u32);

impl Id {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The texts of one kind, numbered in the order they were first seen.
#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<String, Id>,
    texts: Vec<String>,
}

impl Interner {
    pub fn intern(&mut self, text: &str) -> Id {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = Id(u32::try_from(self.texts.len()).unwrap_or(u32::MAX));
        self.ids.insert(text.to_owned(), id);
        self.texts.push(text.to_owned());
        id
    }

    pub fn text(&self, id: Id) -> &str {
        self.texts.get(id.index()).map_or("", String::as_str)
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }
}

/// Leadership training codes (POLICY.md 1.1 `pelatihan kepemimpinan`), lowest level first.
pub const LEADERSHIP_CODES: [&str; 3] = ["PKP", "PKA", "PKN_II"];

/// Every kind of compared text.
#[derive(Debug)]
pub struct Vocabulary {
    pub positions: Interner,
    pub majors: Interner,
    pub families: Interner,
    pub fields: Interner,
    pub units: Interner,
    pub trainings: Interner,
    pub competencies: Interner,
}

impl Vocabulary {
    pub fn new() -> Vocabulary {
        let mut trainings = Interner::default();
        // INVARIANT: the leadership codes are the first training codes, in rank order, so a
        // code's id is its leadership level (see `leadership_level`).
        for code in LEADERSHIP_CODES {
            trainings.intern(code);
        }
        Vocabulary {
            positions: Interner::default(),
            majors: Interner::default(),
            families: Interner::default(),
            fields: Interner::default(),
            units: Interner::default(),
            trainings,
            competencies: Interner::default(),
        }
    }
}

/// The leadership level (0 = PKP, 1 = PKA, 2 = PKN_II) of a training code, if it is one.
pub fn leadership_level(code: Id) -> Option<u8> {
    u8::try_from(code.0)
        .ok()
        .filter(|&level| usize::from(level) < LEADERSHIP_CODES.len())
}

/// The training code of a leadership level.
pub fn leadership_code(level: u8) -> Id {
    Id(u32::from(level))
}
