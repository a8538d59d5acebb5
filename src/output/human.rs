//! The default human format: miette's graphical report (source snippet,
//! label on the offending token, help), then a summary line.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

use super::{display_path, Counts, Located, Position};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Sources};

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub color: bool,
    /// Terminal width for wrapping.
    pub width: usize,
}

/// A copy of the source that miette can show safely: same byte length and
/// offsets, with invalid UTF-8 and control bytes (terminal escapes from a
/// hostile file included) replaced by `?`.
fn display_text(file: &SourceFile) -> String {
    let mut out = String::with_capacity(file.text().len());
    for chunk in file.text().utf8_chunks() {
        for c in chunk.valid().chars() {
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
                out.extend(std::iter::repeat_n('?', c.len_utf8()));
            } else {
                out.push(c);
            }
        }
        out.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    out
}

struct Adapter<'a> {
    d: &'a Diagnostic,
    source: NamedSource<Arc<String>>,
    help: Option<String>,
}

impl fmt::Debug for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Adapter<'_> {}

impl miette::Diagnostic for Adapter<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(self.d.label.clone(), self.d.span);
        let secondary = self
            .d
            .labels
            .iter()
            .filter(|l| l.file == self.d.file)
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), l.span));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// Renders findings one after the other.
pub struct Renderer<'s> {
    handler: GraphicalReportHandler,
    sources: &'s Sources,
    texts: std::collections::HashMap<crate::source::FileId, Arc<String>>,
}

impl<'s> Renderer<'s> {
    pub fn new(sources: &'s Sources, options: Options) -> Self {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        // Domain names contain hyphens: wrap at spaces only, never inside a word.
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(options.width)
            .with_context_lines(1)
            .with_break_words(false)
            .with_word_separator(textwrap::WordSeparator::AsciiSpace)
            .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
        Renderer {
            handler,
            sources,
            texts: Default::default(),
        }
    }

    pub fn render(&mut self, out: &mut dyn Write, located: &Located<'_>) -> io::Result<()> {
        let d = located.diagnostic;
        let file = located.file;
        let text = Arc::clone(
            self.texts
                .entry(file.id())
                .or_insert_with(|| Arc::new(display_text(file))),
        );
        // Related locations in other files go into the help text.
        let mut help = d.help.clone();
        for label in d.labels.iter().filter(|l| l.file != d.file) {
            if let Some(other) = self.sources.get(label.file) {
                let pos = Position::of(other, label.span);
                let note = format!(
                    "{}:{}:{}: {}",
                    display_path(other.path()),
                    pos.line,
                    pos.column,
                    label.message
                );
                help = Some(match help {
                    Some(h) => format!("{h}\n{note}"),
                    None => note,
                });
            }
        }
        let adapter = Adapter {
            d,
            source: NamedSource::new(display_path(file.path()), text).with_language("zone"),
            help,
        };
        let mut rendered = String::new();
        self.handler
            .render_report(&mut rendered, &adapter)
            .map_err(|_| io::Error::other("rendering failed"))?;
        writeln!(out, "{rendered}")
    }
}

/// Writes all findings and a summary line.
pub fn write(
    out: &mut dyn Write,
    findings: &[Located<'_>],
    sources: &Sources,
    files_checked: usize,
    options: Options,
) -> io::Result<()> {
    let mut renderer = Renderer::new(sources, options);
    for l in findings {
        renderer.render(out, l)?;
    }
    let all: Vec<Diagnostic> = findings.iter().map(|l| l.diagnostic.clone()).collect();
    writeln!(out, "{}", summary(files_checked, Counts::of(&all)))
}

/// `Checked 3 files: 2 errors, 1 warning, 0 infos (1 fixable)`.
pub fn summary(files: usize, c: Counts) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut s = format!(
        "Checked {}: {}, {}, {}",
        plural(files, "file"),
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
        plural(c.infos, "info")
    );
    match (c.fixable, c.unsafe_fixable) {
        (0, 0) => {}
        (n, 0) => s.push_str(&format!(" ({n} fixable with --fix)")),
        (0, u) => s.push_str(&format!(" ({u} fixable with --fix --unsafe-fixes)")),
        (n, u) => s.push_str(&format!(
            " ({n} fixable with --fix, {u} more with --unsafe-fixes)"
        )),
    }
    s
}
