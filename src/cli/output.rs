//! Writing to the terminal: diagnostics on stderr, results on stdout.

use std::io::{IsTerminal, Write};

use super::{Failure, exit};
use crate::diagnostic::Problems;
use crate::lang::{Lang, pick};
use crate::source::SourceSet;

/// Prints every problem, then a count of errors and warnings.
pub fn print_problems(problems: &Problems, sources: &SourceSet, lang: Lang) {
    let stderr = std::io::stderr();
    let theme = if stderr.is_terminal() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut text = String::new();
    for rendered in problems.render(lang, sources) {
        let _ = handler.render_report(&mut text, &rendered);
        text.push('\n');
    }
    text.push_str(&summary(problems, lang));
    text.push('\n');
    let _ = stderr.lock().write_all(text.as_bytes());
}

/// "2 kesalahan, 1 peringatan".
pub fn summary(problems: &Problems, lang: Lang) -> String {
    let errors = problems.error_count();
    let warnings = problems.warning_count();
    match lang {
        Lang::Id => format!("{errors} kesalahan, {warnings} peringatan"),
        Lang::En => format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
    }
}

/// Standard output, buffered; a closed pipe (`| head`) ends the output quietly.
pub struct Stdout {
    inner: std::io::BufWriter<std::io::StdoutLock<'static>>,
    lang: Lang,
}

impl Stdout {
    pub fn new(lang: Lang) -> Stdout {
        Stdout {
            inner: std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock()),
            lang,
        }
    }

    /// Writes a whole output at once (a report built in memory).
    pub fn print(lang: Lang, bytes: &[u8]) -> Result<(), Failure> {
        let mut out = Stdout::new(lang);
        out.write(bytes)?;
        out.finish()
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.inner.write_all(bytes).map_err(|e| self.failure(&e))
    }

    pub fn finish(mut self) -> Result<(), Failure> {
        self.inner.flush().map_err(|e| self.failure(&e))
    }

    fn failure(&self, error: &std::io::Error) -> Failure {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            // The reader stopped reading; nothing is wrong with the run.
            std::process::exit(0);
        }
        Failure::message(
            format!(
                "{}: {error}",
                pick(self.lang, "gagal menulis keluaran", "cannot write output")
            ),
            exit::IO,
        )
    }
}
