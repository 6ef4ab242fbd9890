//! Located, bilingual problems and their rendering as miette diagnostics.
//!
//! Every stage reports what is wrong as [`Problem`]s (code, message, labelled spans, help), in
//! both languages; [`Problems::render`] turns them into miette reports in the language asked for.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, NamedSource, Severity};

use crate::lang::{Lang, Text};
use crate::source::{SourceSet, Span};

/// Whether a problem stops the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
}

/// One thing wrong with the rules or the data, with where it is and how to fix it.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Stable code, e.g. `check::unknown_field`; documented in docs/diagnostics.md.
    pub code: &'static str,
    pub level: Level,
    pub message: Text,
    /// The place the problem is, with what is wrong there.
    pub span: Option<Span>,
    pub label: Option<Text>,
    /// Other places that explain it (the earlier definition of a duplicate, the rest of a cycle).
    pub notes: Vec<(Span, Text)>,
    pub help: Option<Text>,
}

impl Problem {
    pub fn error(code: &'static str, message: Text) -> Problem {
        Problem {
            code,
            level: Level::Error,
            message,
            span: None,
            label: None,
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: Text) -> Problem {
        Problem {
            level: Level::Warning,
            ..Problem::error(code, message)
        }
    }

    pub fn at(mut self, span: Span, label: Text) -> Problem {
        self.span = Some(span);
        self.label = Some(label);
        self
    }

    pub fn note(mut self, span: Span, label: Text) -> Problem {
        self.notes.push((span, label));
        self
    }

    pub fn help(mut self, help: Text) -> Problem {
        self.help = Some(help);
        self
    }

    pub fn help_if(self, help: Option<Text>) -> Problem {
        match help {
            Some(help) => self.help(help),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// The problem as a miette diagnostic, in one language.
    pub fn render(&self, lang: Lang, sources: &SourceSet) -> Rendered {
        let primary_file = self.span.map(|span| span.file);
        let mut labels = Vec::new();
        let mut related = Vec::new();
        if let (Some(span), Some(label)) = (self.span, &self.label) {
            labels.push(LabeledSpan::new_primary_with_span(
                Some(label.get(lang).to_string()),
                span.miette(),
            ));
        }
        for (span, label) in &self.notes {
            if Some(span.file) == primary_file {
                labels.push(LabeledSpan::new_with_span(
                    Some(label.get(lang).to_string()),
                    span.miette(),
                ));
            } else {
                related.push(Rendered {
                    code: self.code,
                    severity: Severity::Advice,
                    message: label.get(lang).to_string(),
                    source: sources.get(span.file).map(|f| f.named_source()),
                    labels: vec![LabeledSpan::new_with_span(None, span.miette())],
                    help: None,
                    related: Vec::new(),
                });
            }
        }
        Rendered {
            code: self.code,
            severity: match self.level {
                Level::Error => Severity::Error,
                Level::Warning => Severity::Warning,
            },
            message: self.message.get(lang).to_string(),
            source: primary_file
                .and_then(|file| sources.get(file))
                .map(|f| f.named_source()),
            labels,
            help: self.help.as_ref().map(|h| h.get(lang).to_string()),
            related,
        }
    }
}

/// All problems a stage found, sorted by where they are.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    list: Vec<Problem>,
}

impl Problems {
    pub fn new() -> Problems {
        Problems::default()
    }

    pub fn push(&mut self, problem: Problem) {
        self.list.push(problem);
    }

    pub fn extend(&mut self, other: Problems) {
        self.list.extend(other.list);
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Problem::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn error_count(&self) -> usize {
        self.list.iter().filter(|p| p.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.list.len() - self.error_count()
    }

    /// Sorted by file, then position, then code: the order a reader fixes them in.
    pub fn sorted(mut self) -> Problems {
        self.list
            .sort_by(|a, b| (a.span, a.code, &a.message.en).cmp(&(b.span, b.code, &b.message.en)));
        self
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.list.iter()
    }

    pub fn into_vec(self) -> Vec<Problem> {
        self.list
    }

    /// Every problem as a miette diagnostic.
    pub fn render(&self, lang: Lang, sources: &SourceSet) -> Vec<Rendered> {
        self.list.iter().map(|p| p.render(lang, sources)).collect()
    }
}

impl From<Problem> for Problems {
    fn from(problem: Problem) -> Problems {
        Problems {
            list: vec![problem],
        }
    }
}

impl FromIterator<Problem> for Problems {
    fn from_iter<I: IntoIterator<Item = Problem>>(iter: I) -> Problems {
        Problems {
            list: iter.into_iter().collect(),
        }
    }
}

/// A problem rendered in one language, ready for miette's report handler.
#[derive(Debug)]
pub struct Rendered {
    code: &'static str,
    severity: Severity,
    message: String,
    source: Option<NamedSource<std::sync::Arc<String>>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Rendered>,
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl Diagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}

/// Renders diagnostics as plain text at a fixed width (for snapshots and non-terminals).
pub fn to_plain_text(rendered: &[Rendered]) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100);
    let mut out = String::new();
    for diagnostic in rendered {
        // INVARIANT: writing into a String cannot fail.
        let _ = handler.render_report(&mut out, diagnostic);
        out.push('\n');
    }
    out
}
