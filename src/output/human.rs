//! The default human format: miette's graphical report (source snippet,
//! label on the offending token, help), then a summary line.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use rayon::prelude::*;

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
/// hostile file included) replaced by `?`. A carriage return is kept only
/// before a line feed: miette would take a lone one for a line break.
/// `None` when the file has nothing to replace, the common case, so that
/// the file's own text is shown without a copy.
fn display_text(file: &SourceFile) -> Option<String> {
    if is_displayable(file.text()) {
        return None;
    }
    let mut out = String::with_capacity(file.text().len());
    let text = file.text();
    for chunk in text.utf8_chunks() {
        for c in chunk.valid().chars() {
            let lone_cr = c == '\r' && {
                let at = out.len() + 1;
                text.get(at) != Some(&b'\n')
            };
            if lone_cr || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
                out.extend(std::iter::repeat_n('?', c.len_utf8()));
            } else {
                out.push(c);
            }
        }
        out.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    Some(out)
}

/// The source as miette sees it: only the lines around a span are handed
/// over, found with the file's line index. (miette's own `SourceCode` for
/// a string scans from the start of the file for every finding, which is
/// quadratic on a file with many findings.)
struct Windowed<'a> {
    name: String,
    /// The sanitized copy, when the file needed one.
    text: Option<Arc<String>>,
    file: &'a SourceFile,
}

/// True when miette can show `text` as it is: valid UTF-8 without control
/// characters other than tab and line breaks, and no lone carriage return.
fn is_displayable(text: &[u8]) -> bool {
    let Ok(s) = std::str::from_utf8(text) else {
        return false;
    };
    // ASCII controls are bytes; C1 controls (U+0080..U+009F) are 0xC2 0x80..0x9F.
    let ascii_ok = !text
        .iter()
        .any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f);
    ascii_ok
        && !s.chars().any(|c| c.is_control() && !c.is_ascii())
        && memchr::memchr_iter(b'\r', text).all(|i| text.get(i + 1) == Some(&b'\n'))
}

impl SourceCode for Windowed<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = match &self.text {
            Some(copy) => copy.as_bytes(),
            None => self.file.text(),
        };
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let lines = self.file.lines();
        let first = lines
            .line(start as u32)
            .saturating_sub(context_lines_before as u32)
            .max(1);
        let last = lines.line(end.saturating_sub(1).max(start) as u32) + context_lines_after as u32;
        let from = lines.line_start(first) as usize;
        let to = match lines.line(text.len() as u32) {
            n if last >= n => text.len(),
            _ => lines.line_start(last + 1) as usize,
        };
        let window = &text[from..to.max(from)];
        let inner = SourceSpan::new((start - from).into(), span.len());
        let found = window.read_span(&inner, context_lines_before, context_lines_after)?;
        let shifted = SourceSpan::new((found.span().offset() + from).into(), found.span().len());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            found.data(),
            shifted,
            found.line() + first as usize - 1,
            found.column(),
            found.line_count(),
        )))
    }
}

struct Adapter<'a> {
    d: &'a Diagnostic,
    source: Windowed<'a>,
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
    texts: std::collections::HashMap<crate::source::FileId, Option<Arc<String>>>,
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
        let text = self
            .texts
            .entry(file.id())
            .or_insert_with(|| display_text(file).map(Arc::new))
            .clone();
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
            source: Windowed {
                name: display_path(file.path()),
                text,
                file,
            },
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
    // Render file by file on the worker threads, write in order.
    let mut groups: Vec<&[Located<'_>]> = Vec::new();
    let mut rest = findings;
    while let Some(first) = rest.first() {
        let n = rest
            .iter()
            .position(|l| l.file.id() != first.file.id())
            .unwrap_or(rest.len());
        groups.push(&rest[..n]);
        rest = &rest[n..];
    }
    let rendered: Vec<io::Result<Vec<u8>>> = groups
        .par_iter()
        .map(|group| {
            let mut renderer = Renderer::new(sources, options);
            let mut buf = Vec::new();
            for l in *group {
                renderer.render(&mut buf, l)?;
            }
            Ok(buf)
        })
        .collect();
    for chunk in rendered {
        out.write_all(&chunk?)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_clean_text_is_shown_as_is() {
        assert!(is_displayable(b"www A 192.0.2.1 ; caf\xc3\xa9\r\n\tx\n"));
        assert!(!is_displayable(b"www A 192.0.2.1 ; \x1b[31mred\n"));
        assert!(!is_displayable(b"a\x7fb\n"));
        assert!(!is_displayable(b"a \xc2\x9b b\n"), "C1 control");
        assert!(!is_displayable(b"caf\xe9\n"), "not UTF-8");
        assert!(!is_displayable(b"a\rb\n"), "lone carriage return");
        let dirty = SourceFile::new("x", b"a\rb \x1b \xff\r\n".to_vec());
        assert_eq!(display_text(&dirty).as_deref(), Some("a?b ? ?\r\n"));
    }
}
