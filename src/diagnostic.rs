//! Findings as data: what is wrong, where, why, and how to fix it.
//!
//! A [`Diagnostic`] is a plain value built by the parser, the loader and the
//! rules; renderers in `output/` turn it into text, JSON and so on.

use std::fmt;

use crate::source::{FileId, Site, Span};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless `fail-on` says so.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong: the zone does not do what it says.
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity named `text` (`info`, `warning`, `error`).
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without review (DESIGN.md "Fix applicability").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Applicability {
    /// Certainly what the author meant; changes nothing else.
    Safe,
    /// Plausible; a person should review it.
    Unsafe,
}

impl Applicability {
    /// `safe` or `unsafe`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the bytes of `span` in `file` with `content`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The file edited.
    pub file: FileId,
    /// The bytes replaced (empty: an insertion).
    pub span: Span,
    /// What they are replaced with.
    pub content: String,
}

/// A fix: one or more edits applied together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Whether `--fix` applies it, or only `--fix --unsafe-fixes`.
    pub applicability: Applicability,
    /// What the fix does, in the imperative.
    pub message: String,
    /// The edits, applied together.
    pub edits: Vec<Edit>,
}

/// A secondary location, such as the CNAME an MX points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The file of the location.
    pub file: FileId,
    /// The bytes it points at.
    pub span: Span,
    /// What it has to do with the finding.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule name, or `syntax` for a parse error.
    pub code: &'static str,
    /// How serious it is (after configuration).
    pub severity: Severity,
    /// The file of the offending token.
    pub file: FileId,
    /// The offending token.
    pub span: Span,
    /// What is wrong, a fact, starting lowercase.
    pub message: String,
    /// Short text under the primary span.
    pub label: Option<String>,
    /// What to do about it, an imperative.
    pub help: Option<String>,
    /// Related locations (the CNAME an MX points at).
    pub labels: Vec<Label>,
    /// A correction, when one is knowable.
    pub fix: Option<Fix>,
    /// Named, knotd or nsd refuse to load a zone with this finding: it is
    /// an error whatever the configuration says, and it is never
    /// suppressed (every finding of a rule of the refused class, and the
    /// findings a partly refused rule marks).
    pub refused: bool,
}

/// Longest message kept whole; a longer one (it quotes a gigantic token)
/// keeps its start and end.
pub const MAX_MESSAGE: usize = 600;

/// `text` safe to print anywhere: control characters (terminal escapes
/// quoted from a hostile file) written as `\u{1b}`, and the middle of an
/// over-long text cut out.
pub fn printable(text: String) -> String {
    let clean = text.len() <= MAX_MESSAGE && !text.chars().any(char::is_control);
    if clean {
        return text;
    }
    let mut escaped = String::with_capacity(text.len().min(4 * MAX_MESSAGE));
    let push = |out: &mut String, c: char| {
        if c.is_control() {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    };
    let chars = text.chars().count();
    let keep = MAX_MESSAGE / 2;
    if chars <= MAX_MESSAGE {
        text.chars().for_each(|c| push(&mut escaped, c));
    } else {
        text.chars().take(keep).for_each(|c| push(&mut escaped, c));
        escaped.push_str(&format!(" […{} characters…] ", chars - 2 * keep));
        text.chars()
            .skip(chars - keep)
            .for_each(|c| push(&mut escaped, c));
    }
    escaped
}

/// The code of parse and load errors.
pub const SYNTAX: &str = codes::SYNTAX;

/// The codes reported while a file is read (by the parser and the loader,
/// not by a rule's check). Their documentation is declared with the other
/// rules, in `rules/read/`.
pub mod codes {
    /// Text that is not a valid zone file.
    pub const SYNTAX: &str = "syntax";
    /// A record whose owner is outside the zone.
    pub const OUT_OF_ZONE_DATA: &str = "out-of-zone-data";
    /// A file that starts with a UTF-8 byte order mark.
    pub const BYTE_ORDER_MARK: &str = "byte-order-mark";
    /// A carriage return not followed by a line feed.
    pub const LONE_CARRIAGE_RETURN: &str = "lone-carriage-return";
    /// CR LF and LF line ends in one file.
    pub const MIXED_LINE_ENDINGS: &str = "mixed-line-endings";
    /// A TTL above 2147483647 (RFC 2181 §8), read as 0.
    pub const TTL_OUT_OF_RANGE: &str = "ttl-out-of-range";
    /// A zone without a single record.
    pub const EMPTY_ZONE: &str = "empty-zone";
    /// The file's name names another zone than its contents.
    pub const ORIGIN_MISMATCH: &str = "origin-mismatch";
}

impl Diagnostic {
    /// A finding of `code` at `span` of `file`.
    pub fn new(
        code: &'static str,
        severity: Severity,
        file: FileId,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            file,
            span,
            message: printable(message.into()),
            label: None,
            help: None,
            labels: Vec::new(),
            fix: None,
            refused: code == SYNTAX && severity == Severity::Error,
        }
    }

    /// A finding at `at`.
    pub fn at(
        code: &'static str,
        severity: Severity,
        at: Site,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::new(code, severity, at.file, at.span, message)
    }

    /// Where the finding is.
    pub fn site(&self) -> Site {
        Site::new(self.file, self.span)
    }

    /// A `syntax` error.
    pub fn syntax(file: FileId, span: Span, message: impl Into<String>) -> Self {
        Diagnostic::new(SYNTAX, Severity::Error, file, span, message)
    }

    /// The same, with a short text under the primary span.
    pub fn with_label(mut self, text: impl Into<String>) -> Self {
        self.label = Some(printable(text.into()));
        self
    }

    /// The same, with help.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same, with a secondary location.
    pub fn with_secondary(mut self, at: Site, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            file: at.file,
            span: at.span,
            message: printable(message.into()),
        });
        self
    }

    /// The same, with a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// The same, at another severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The same, marked as a finding the servers refuse (an error).
    pub fn refused(mut self) -> Self {
        self.refused = true;
        self.severity = Severity::Error;
        self
    }

    /// Sort key: file, then position, then code.
    pub fn sort_key(&self) -> (FileId, u32, u32, &'static str) {
        (self.file, self.span.start, self.span.end, self.code)
    }
}

impl Edit {
    /// Replaces the bytes of `at` with `content`.
    pub fn replace(at: Site, content: impl Into<String>) -> Self {
        Edit {
            file: at.file,
            span: at.span,
            content: content.into(),
        }
    }

    /// Inserts `content` at the end of `at`.
    pub fn insert_after(at: Site, content: impl Into<String>) -> Self {
        Edit::replace(at.end(), content)
    }
}

impl Fix {
    /// A fix that `--fix` applies.
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            applicability: Applicability::Safe,
            message: message.into(),
            edits,
        }
    }

    /// A fix that only `--fix --unsafe-fixes` applies.
    pub fn unsafe_(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            applicability: Applicability::Unsafe,
            message: message.into(),
            edits,
        }
    }

    /// A fix of the given applicability.
    pub fn new(applicability: Applicability, message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            applicability,
            message: message.into(),
            edits,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_escapes_controls_and_cuts_long_texts() {
        assert_eq!(printable("plain `a`".into()), "plain `a`");
        assert_eq!(
            printable("type `\u{1b}[31mx`".into()),
            "type `\\u{1b}[31mx`"
        );
        let long = format!("unknown `{}` here", "a".repeat(10_000));
        let cut = printable(long);
        assert!(cut.len() < MAX_MESSAGE + 40, "{}", cut.len());
        assert!(
            cut.starts_with("unknown `aaa") && cut.ends_with("aaa` here"),
            "{cut}"
        );
        assert!(cut.contains("[…9415 characters…]"), "{cut}");
    }
}
