//! The default human format: miette's graphical report (source snippet,
//! label on the offending token, help), then a summary line.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use rayon::prelude::*;

use super::{display_path, Counts, Located};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Sources};

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub color: bool,
    /// Terminal width for wrapping.
    pub width: usize,
    /// End with the summary line (not with `--quiet`).
    pub summary: bool,
}

/// What miette can show safely of `text[range]`: the same byte length and
/// offsets, with invalid UTF-8 and control bytes (terminal escapes from a
/// hostile file included) replaced by `?`. A carriage return is kept only
/// before a line feed: miette would take a lone one for a line break.
/// Borrowed when there is nothing to replace, the common case.
fn sanitize(text: &[u8], range: std::ops::Range<usize>) -> Cow<'_, str> {
    let bytes = &text[range.clone()];
    let is_lone_cr = |i: usize| text.get(range.start + i + 1) != Some(&b'\n');
    if let Ok(s) = std::str::from_utf8(bytes) {
        let clean = !bytes
            .iter()
            .any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f)
            && !s.chars().any(|c| c.is_control() && !c.is_ascii())
            && !memchr::memchr_iter(b'\r', bytes).any(is_lone_cr);
        if clean {
            return Cow::Borrowed(s);
        }
    }
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            let lone_cr = c == '\r' && is_lone_cr(out.len());
            if lone_cr || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
                out.extend(std::iter::repeat_n('?', c.len_utf8()));
            } else {
                out.push(c);
            }
        }
        out.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    Cow::Owned(out)
}

/// The lines miette shows around spans: from the start of the line
/// `before` lines above the span's first to the end of the line `after`
/// lines below its last.
fn window(
    file: &SourceFile,
    span: SourceSpan,
    before: usize,
    after: usize,
) -> std::ops::Range<usize> {
    let len = file.text().len();
    let (start, end) = (
        span.offset().min(len),
        (span.offset() + span.len()).min(len),
    );
    let first = file.line(start as u32).saturating_sub(before as u32).max(1);
    let last = file.line(end.saturating_sub(1).max(start) as u32) + after as u32;
    let from = file.line_start(first) as usize;
    let to = file.line_start(last + 1) as usize;
    from..to.max(from)
}

/// The source as miette sees it: only the lines around the finding's spans,
/// found with the file's line index and sanitized one window at a time.
/// (miette's own `SourceCode` for a string scans from the start of the
/// file for every finding, which is quadratic on a file with many
/// findings; and checking a whole large file for bytes to replace costs
/// more than rendering its findings.)
struct Windowed<'a> {
    name: String,
    /// `(start offset, text)` of each window prepared for the spans.
    windows: Vec<(usize, Cow<'a, str>)>,
    file: &'a SourceFile,
    /// The whole file, sanitized, should miette ask for other lines.
    whole: std::sync::OnceLock<Cow<'a, str>>,
}

impl<'a> Windowed<'a> {
    fn new(name: String, file: &'a SourceFile, spans: impl Iterator<Item = SourceSpan>) -> Self {
        // miette reads each label's lines, then the lines of neighbouring
        // labels together: prepare the union of overlapping windows.
        let mut ranges: Vec<std::ops::Range<usize>> = spans
            .map(|span| window(file, span, CONTEXT_LINES, CONTEXT_LINES))
            .collect();
        ranges.sort_by_key(|r| r.start);
        let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        let windows = merged
            .into_iter()
            .map(|w| (w.start, sanitize(file.text(), w)))
            .collect();
        Windowed {
            name,
            windows,
            file,
            whole: std::sync::OnceLock::new(),
        }
    }
}

impl SourceCode for Windowed<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        if span.offset() + span.len() > self.file.text().len() {
            return Err(MietteError::OutOfBounds);
        }
        let need = window(self.file, *span, context_lines_before, context_lines_after);
        let (at, text) = self
            .windows
            .iter()
            .find(|(at, text)| *at <= need.start && need.end <= at + text.len())
            .map(|(at, text)| (*at, text.as_ref()))
            .unwrap_or_else(|| {
                let whole = self
                    .whole
                    .get_or_init(|| sanitize(self.file.text(), 0..self.file.text().len()));
                (0, whole.as_ref())
            });
        let window = &text.as_bytes()[need.start - at..need.end - at];
        let inner = SourceSpan::new((span.offset() - need.start).into(), span.len());
        let found = window.read_span(&inner, context_lines_before, context_lines_after)?;
        let shifted = SourceSpan::new(
            (found.span().offset() + need.start).into(),
            found.span().len(),
        );
        let first_line = self.file.line(need.start as u32) as usize - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            found.data(),
            shifted,
            found.line() + first_line,
            found.column(),
            found.line_count(),
        )))
    }
}

struct Adapter<'a> {
    d: &'a Diagnostic,
    /// `None` when a line to show is too long (see [`MAX_SHOWN_LINE`]).
    source: Option<Windowed<'a>>,
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
        // ruff's mark for a finding `--fix` fixes; `--unsafe-fixes` ones
        // say so.
        Some(Box::new(
            match self.d.fix.as_ref().map(|f| f.applicability) {
                Some(crate::diagnostic::Applicability::Safe) => format!("{} [*]", self.d.code),
                Some(crate::diagnostic::Applicability::Unsafe) => {
                    format!("{} [*unsafe]", self.d.code)
                }
                None => self.d.code.to_owned(),
            },
        ))
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
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
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
}

/// `path:line:column` of where `span` starts.
fn location(file: &SourceFile, span: crate::source::Span) -> String {
    let (line, column) = file.line_col(span.start);
    format!("{}:{line}:{column}", display_path(file.path()))
}

/// `first` and `then` on lines of their own (`then` alone without `first`).
fn join_lines(first: Option<String>, then: String) -> String {
    match first {
        Some(f) => format!("{f}\n{then}"),
        None => then,
    }
}

/// Lines of context miette shows above and below a span.
const CONTEXT_LINES: usize = 1;

/// Longest line shown in a snippet, in bytes. A finding on a longer line
/// (a hostile file of one gigantic line) gives its position instead: the
/// snippet would flood the log, and miette cannot lay out such widths.
pub const MAX_SHOWN_LINE: usize = 2000;

/// The length of the longest line of `file` within `range` (lines that
/// are too long to show are found in the line index, never scanned).
fn longest_line(file: &SourceFile, range: std::ops::Range<usize>) -> usize {
    if range.len() <= MAX_SHOWN_LINE {
        return range.len();
    }
    let first = file.line(range.start as u32);
    let last = file.line(range.end.saturating_sub(1).max(range.start) as u32);
    if let Some((_, len)) = file.lines().first_long(first..=last) {
        return len as usize;
    }
    let bytes = &file.text()[range];
    let mut longest = 0;
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        longest = longest.max(end - start);
        start = end + 1;
    }
    longest
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
            .with_context_lines(CONTEXT_LINES)
            // The header's position is the finding's, counted in
            // characters as every other format counts it (see `render`):
            // miette's counts bytes, and takes a secondary label's place
            // when that label comes first in the file.
            .without_primary_span_start()
            .with_break_words(false)
            .with_word_separator(textwrap::WordSeparator::AsciiSpace)
            .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
        Renderer { handler, sources }
    }

    pub fn render(&mut self, out: &mut dyn Write, located: &Located<'_>) -> io::Result<()> {
        let d = located.diagnostic;
        let file = located.file;
        // Related locations in other files go into the help text.
        let mut help = d.help.clone();
        for label in d.labels.iter().filter(|l| l.file != d.file) {
            if let Some(other) = self.sources.get(label.file) {
                let note = format!("{}: {}", location(other, label.span), label.message);
                help = Some(join_lines(help, note));
            }
        }
        let spans: Vec<SourceSpan> = std::iter::once(d.span)
            .chain(d.labels.iter().filter(|l| l.file == d.file).map(|l| l.span))
            .map(SourceSpan::from)
            .collect();
        let longest = spans
            .iter()
            .map(|&s| longest_line(file, window(file, s, CONTEXT_LINES, CONTEXT_LINES)))
            .max()
            .unwrap_or(0);
        let source = if longest > MAX_SHOWN_LINE {
            let note = format!(
                "at {} (a line of {longest} bytes: too long to show)",
                location(file, d.span)
            );
            // The position first: it replaces the snippet.
            help = Some(match help {
                Some(h) => format!("{note}\n{h}"),
                None => note,
            });
            None
        } else {
            // Each snippet's header names the file and the finding's place.
            Some(Windowed::new(
                location(file, d.span),
                file,
                spans.into_iter(),
            ))
        };
        let adapter = Adapter { d, source, help };
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
    // Render on the worker threads in pieces of a few hundred findings (a
    // large zone's findings are spread over all of them, not one per file),
    // and write each round of pieces in order before rendering the next:
    // the rendered text in memory stays bounded however many findings.
    const PIECE: usize = 256;
    let pieces: Vec<&[Located<'_>]> = findings.chunks(PIECE).collect();
    let round = rayon::current_num_threads().max(1) * 4;
    for pieces in pieces.chunks(round) {
        let rendered: Vec<io::Result<Vec<u8>>> = pieces
            .par_iter()
            .map(|piece| {
                let mut renderer = Renderer::new(sources, options);
                let mut buf = Vec::new();
                for l in *piece {
                    renderer.render(&mut buf, l)?;
                }
                Ok(buf)
            })
            .collect();
        for chunk in rendered {
            out.write_all(&chunk?)?;
        }
    }
    if !options.summary {
        return Ok(());
    }
    let counts = Counts::of(findings.iter().map(|l| l.diagnostic));
    writeln!(out, "{}", summary(files_checked, counts))
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
        let clean = |t: &[u8]| matches!(sanitize(t, 0..t.len()), Cow::Borrowed(_));
        assert!(clean(b"www A 192.0.2.1 ; caf\xc3\xa9\r\n\tx\n"));
        assert!(!clean(b"www A 192.0.2.1 ; \x1b[31mred\n"));
        assert!(!clean(b"a\x7fb\n"));
        assert!(!clean(b"a \xc2\x9b b\n"), "C1 control");
        assert!(!clean(b"caf\xe9\n"), "not UTF-8");
        assert!(!clean(b"a\rb\n"), "lone carriage return");
        let dirty = b"a\rb \x1b \xff\r\n";
        assert_eq!(sanitize(dirty, 0..dirty.len()), "a?b ? ?\r\n");
        // A window that ends before the line feed of a CR LF keeps the CR.
        assert_eq!(sanitize(b"x\r\ny", 0..2), "x\r");
    }

    #[test]
    fn neighbouring_labels_are_read_from_the_prepared_windows() {
        let text = b"l1\nl2 a\nl3 b\nl4\nl5\nl6\nl7 c\nl8\n".to_vec();
        let file = SourceFile::new("x.zone", text);
        let at = |needle: &str| {
            let i = file
                .text()
                .windows(needle.len())
                .position(|w| w == needle.as_bytes());
            SourceSpan::new(i.unwrap().into(), needle.len())
        };
        let (a, b, c) = (at("a"), at("b"), at("c"));
        let source = Windowed::new("x.zone".into(), &file, [a, b, c].into_iter());
        // What miette asks for: each label, then neighbours merged.
        for span in [
            a,
            b,
            c,
            SourceSpan::new(a.offset().into(), b.offset() + 1 - a.offset()),
        ] {
            let got = source
                .read_span(&span, CONTEXT_LINES, CONTEXT_LINES)
                .unwrap();
            assert!(!got.data().is_empty());
        }
        let got = source.read_span(&b, 1, 1).unwrap();
        assert_eq!(got.data(), b"l2 a\nl3 b\nl4\n");
        assert_eq!(got.line(), 1);
        assert!(source.whole.get().is_none(), "no whole-file fallback");
    }
}
