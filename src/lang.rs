//! The two languages of user-facing text: Indonesian (the default) and English.
//!
//! Every message an HR officer or policy writer reads is written in both, side by side, as a
//! [`Text`]; the command line picks one with `--lang`.

use std::fmt;

/// The language of messages, explanations and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            id: id.into(),
            en: en.into(),
        }
    }

    /// The same words in both languages (names, numbers, quoted source).
    pub fn same(text: impl Into<String>) -> Text {
        let text = text.into();
        Text {
            id: text.clone(),
            en: text,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// `bi!("… {x} …", "… {x} …")` or `bi!("… {} …", "… {} …", x)`: a [`Text`] from two
/// format strings that share their arguments.
#[macro_export]
macro_rules! bi {
    ($id:literal, $en:literal $(,)?) => {
        $crate::lang::Text::new(format!($id), format!($en))
    };
    ($id:literal, $en:literal, $($arg:expr),+ $(,)?) => {
        $crate::lang::Text::new(format!($id, $($arg),+), format!($en, $($arg),+))
    };
}

/// Picks the phrase for a language; for short fixed words in reports.
pub fn pick(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

/// A list of names for a message: "`a`, `b` and `c`" (at most five, then "and N more").
pub fn name_list(lang: Lang, names: &[String]) -> String {
    const SHOWN: usize = 5;
    let quoted: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    let rest = names.len().saturating_sub(SHOWN);
    let (and, more) = match lang {
        Lang::Id => ("dan", "lainnya"),
        Lang::En => ("and", "more"),
    };
    match (quoted.as_slice(), rest) {
        ([], _) => String::new(),
        ([one], 0) => one.clone(),
        (all, 0) => {
            let (last, init) = all
                .split_last()
                .map_or((None, &[][..]), |(l, i)| (Some(l), i));
            format!(
                "{} {and} {}",
                init.join(", "),
                last.map_or("", |s| s.as_str())
            )
        }
        (all, rest) => format!("{} {and} {rest} {more}", all.join(", ")),
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Id => "id",
            Lang::En => "en",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_lists_join_with_and_and_cut_after_five() {
        let names: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(name_list(Lang::Id, &names), "`a`, `b` dan `c`");
        assert_eq!(name_list(Lang::En, &names[..1]), "`a`");
        let many: Vec<String> = (0..8).map(|i| i.to_string()).collect();
        assert_eq!(
            name_list(Lang::En, &many),
            "`0`, `1`, `2`, `3`, `4` and 3 more"
        );
    }
}
