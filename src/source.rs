//! Source texts and the spans that point into them.
//!
//! Rule files and data files are both kept as [`SourceFile`]s in one [`SourceSet`], so a
//! diagnostic about a rule and one about a record are located the same way.

use std::sync::Arc;

use miette::{NamedSource, SourceSpan};

/// Index of a file in its [`SourceSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The smallest span covering both (they must be in the same file).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    pub fn miette(self) -> SourceSpan {
        SourceSpan::new((self.start as usize).into(), self.len())
    }
}

/// One named text: a rule file, a data file or a test case.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    /// An `Arc<String>`, not an `Arc<str>`: making the latter from the `String` a file was read
    /// into copies it (55 ms for the 119 MB of 100,000 employees in JSON Lines, before any
    /// parsing could start).
    pub text: Arc<String>,
    /// Byte offset of the start of every line, for line numbers in explanations.
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = Arc::new(text.into());
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// Byte offset of a 1-based line and column (as serde reports them).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        (start + column.saturating_sub(1)).min(self.text.len())
    }

    /// The text of a span, or "" when the span does not fit the file.
    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    pub fn named_source(&self) -> NamedSource<Arc<String>> {
        NamedSource::new(&self.name, self.text.clone())
    }
}

/// Every file a run has read, indexed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct SourceSet {
    files: Vec<SourceFile>,
}

impl SourceSet {
    pub fn new() -> SourceSet {
        SourceSet::default()
    }

    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(index, file)| (FileId(u32::try_from(index).unwrap_or(u32::MAX)), file))
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.get(span.file).map_or("", |file| file.slice(span))
    }

    /// `file:line` of a span, as explanations cite it.
    pub fn location(&self, span: Span) -> String {
        match self.get(span.file) {
            Some(file) => format!("{}:{}", file.name, file.line_of(span.start as usize)),
            None => String::from("?"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_count_from_one() {
        let file = SourceFile::new("a", "ab\ncd\n\nef");
        assert_eq!(file.line_of(0), 1);
        assert_eq!(file.line_of(3), 2);
        assert_eq!(file.line_of(6), 3);
        assert_eq!(file.line_of(7), 4);
        assert_eq!(file.offset_of(2, 2), 4);
    }
}
