//! The lossless zone-file parser (RFC 1035 §5, RFC 2308 `$TTL`, BIND's
//! `$GENERATE`).
//!
//! [`Parser`] streams one logical entry at a time: its tokens (every byte of
//! the input is in a token or in the blanks between them), which token is the
//! owner, TTL, class and type, and the decoded item (record data in wire
//! form, or a directive). Nothing is resolved: a blank owner stays blank and
//! relative names stay relative. [`parse`] collects a whole file into an
//! [`ast::File`] for the formatter. Errors never stop the parser: each is
//! recorded with its span and the parser goes on with the next entry.

pub mod ast;
pub(crate) mod batch;
mod directive;
mod entry;
pub mod generate;
mod item;
pub(crate) mod lexer;

use std::borrow::Cow;

use crate::diagnostic::{codes, Diagnostic, Severity};
use crate::dns::RecordType;
use crate::source::{FileId, Span};

use crate::dns::rdata::{self, Field, RdataBuf};
pub use item::{Directive, GenerateItem, Item, NameText, Owner, RecordItem};
use lexer::Lexer;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum TokenKind {
    /// A run of non-delimiter bytes (escapes included).
    Word,
    /// A double-quoted string, quotes included in its span.
    Quoted,
    /// `(`
    Open,
    /// `)`
    Close,
    /// `; ...` to the end of the line.
    Comment,
    /// `\n` or `\r\n`.
    Newline,
}

/// One token: its kind and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// True for tokens that carry a value (words and quoted strings).
    pub fn is_value(self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Quoted)
    }

    /// The value bytes: a quoted string without its quotes.
    pub fn value(self, src: &[u8]) -> &[u8] {
        let text = self.span.slice(src);
        if self.kind == TokenKind::Quoted {
            let inner = &text[1..];
            inner.strip_suffix(b"\"").unwrap_or(inner)
        } else {
            text
        }
    }
}

/// A parse error (code `syntax`), or a warning with its own code, on a span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The offending bytes.
    pub span: Span,
    /// What is wrong.
    pub message: Cow<'static, str>,
    /// How to correct it.
    pub help: Option<Cow<'static, str>>,
    /// [`codes::SYNTAX`] for an error, else the warning's code.
    pub code: &'static str,
    /// Error for `syntax`, warning otherwise.
    pub severity: Severity,
}

impl SyntaxError {
    /// A `syntax` error.
    pub fn new(span: Span, message: impl Into<Cow<'static, str>>) -> Self {
        SyntaxError {
            span,
            message: message.into(),
            help: None,
            code: codes::SYNTAX,
            severity: Severity::Error,
        }
    }

    /// The same, with help.
    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Not an error: a warning with its own code (the entry still loads).
    pub fn warning(mut self, code: &'static str) -> Self {
        self.code = code;
        self.severity = Severity::Warning;
        self
    }

    /// The finding in `file`.
    pub fn into_diagnostic(self, file: FileId) -> Diagnostic {
        let mut d = Diagnostic::new(self.code, self.severity, file, self.span, self.message);
        d.help = self.help.map(|h| crate::diagnostic::printable(h.into()));
        d
    }
}

/// Which tokens of an entry (indices into [`Entry::tokens`]) play which role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    /// The owner token.
    pub owner: Option<u32>,
    /// The TTL token.
    pub ttl: Option<u32>,
    /// The class token.
    pub class: Option<u32>,
    /// The type token.
    pub rtype: Option<u32>,
}

/// One logical entry, borrowed from the parser's buffers.
#[derive(Debug)]
pub struct Entry<'p> {
    /// Every token, trivia included; the last is the line end unless the
    /// file ends without one.
    pub tokens: &'p [Token],
    /// From the start of the line to the end of the last token before the
    /// line end (the line end itself excluded).
    pub span: Span,
    /// Which tokens are the owner, TTL, class and type.
    pub layout: Layout,
    /// What the entry says.
    pub item: Item<'p>,
    /// False when the entry produced an error (its item is then `Invalid`
    /// unless only a warning was given).
    pub ok: bool,
    /// True when a token of the entry is a comment.
    pub has_comments: bool,
}

/// Streaming parser over one file's bytes.
pub struct Parser<'a> {
    src: &'a [u8],
    lexer: Lexer<'a>,
    tokens: Vec<Token>,
    values: Vec<u32>,
    fields: Vec<Field<'a>>,
    names: Vec<u8>,
    rdata: RdataBuf,
    errors: Vec<SyntaxError>,
    /// The current entry: its item (over `names` and `rdata`), span,
    /// layout and whether it is free of errors (see [`Entry`]).
    item: item::OwnedItem,
    entry_span: Span,
    entry_layout: Layout,
    entry_ok: bool,
    entry_comments: bool,
    /// Errors (not warnings) reported so far, taken or not.
    error_count: usize,
    /// Set once [`MAX_ERRORS`] is reached: the rest of the file is not read.
    stopped: bool,
}

/// Reports what is wrong with the file's bytes as a whole: a NUL byte
/// (a binary file: true, nothing more is read), lone carriage returns
/// (servers read them as spaces, not line breaks), and a mix of CR LF and
/// LF line ends.
fn bad_bytes(src: &[u8], errors: &mut Vec<SyntaxError>) -> bool {
    if let Some(at) = memchr::memchr(0, src) {
        errors.push(
            SyntaxError::new(
                Span::new(at as u32, at as u32 + 1),
                "binary data (a NUL byte): this is not a zone file, and it is not read",
            )
            .with_help(
                "check that this is the zone file; inside data, write a zero octet as `\\000`",
            ),
        );
        return true;
    }
    if memchr::memchr(b'\r', src).is_none() {
        return false;
    }
    let (mut crlf, mut first_crlf, mut lone, mut first_lone) = (0usize, None, 0usize, None);
    for at in memchr::memchr_iter(b'\r', src) {
        if src.get(at + 1) == Some(&b'\n') {
            crlf += 1;
            first_crlf.get_or_insert(at);
        } else {
            lone += 1;
            first_lone.get_or_insert(at);
        }
    }
    if let Some(at) = first_lone {
        let at = at as u32;
        errors.push(
            SyntaxError::new(
                Span::new(at, at + 1),
                format!(
                    "lone carriage return ({lone} in this file): DNS servers read it as a space, \
                     not as a line break"
                ),
            )
            .with_help("end lines with LF or CR LF (old Mac files end them with CR alone)")
            .warning(codes::LONE_CARRIAGE_RETURN),
        );
    }
    let lf = memchr::memchr_iter(b'\n', src).count() - crlf;
    if crlf > 0 && lf > 0 {
        // Point at the first line end of the minority kind.
        let (at, len, kind, other) = if crlf >= lf {
            let at = memchr::memchr_iter(b'\n', src)
                .find(|&i| i == 0 || src[i - 1] != b'\r')
                .unwrap_or(0);
            (at, 1, "LF", "CR LF")
        } else {
            (first_crlf.unwrap_or(0), 2, "CR LF", "LF")
        };
        errors.push(
            SyntaxError::new(
                Span::new(at as u32, (at + len) as u32),
                format!("mixed line ends: {crlf} CR LF and {lf} LF; this one is {kind}"),
            )
            .with_help(format!("run `zonelint fmt` to end every line with {other}"))
            .warning(codes::MIXED_LINE_ENDINGS),
        );
    }
    false
}

/// Syntax errors after which a file is no longer read: past this it is
/// not a zone file, and reading on would only cost time and memory (a
/// 1 GB file of random bytes would give millions of errors).
pub const MAX_ERRORS: usize = 1000;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

impl<'a> Parser<'a> {
    /// A parser over a whole file: a byte-order mark is skipped and the
    /// file's bytes are checked as a whole first (a NUL byte, lone carriage returns, mixed line ends).
    pub fn new(src: &'a [u8]) -> Self {
        let mut parser = Parser::fragment(src);
        if src.starts_with(BOM) {
            parser.lexer.skip(3);
            parser.errors.push(
                SyntaxError::new(Span::new(0, 3), "file starts with a UTF-8 byte order mark")
                    .with_help(
                        "remove the byte order mark; DNS servers read it as part of the first name",
                    )
                    .warning(codes::BYTE_ORDER_MARK),
            );
        }
        parser.stopped = bad_bytes(src, &mut parser.errors);
        parser.error_count = usize::from(parser.stopped);
        parser
    }

    /// A parser over part of a file (or the start of one, read only for its
    /// first entries), without the whole-file checks, which would scan all
    /// of it again.
    pub fn fragment(src: &'a [u8]) -> Self {
        Parser {
            src,
            lexer: Lexer::new(src),
            tokens: Vec::with_capacity(64),
            values: Vec::with_capacity(32),
            fields: Vec::with_capacity(32),
            names: Vec::with_capacity(256),
            rdata: RdataBuf::default(),
            errors: Vec::new(),
            item: item::OwnedItem::Empty,
            entry_span: Span::default(),
            entry_layout: Layout::default(),
            entry_ok: true,
            entry_comments: false,
            error_count: 0,
            stopped: false,
        }
    }

    /// The text being parsed.
    pub fn source(&self) -> &'a [u8] {
        self.src
    }

    /// The errors recorded so far.
    pub fn errors(&self) -> &[SyntaxError] {
        &self.errors
    }

    /// Takes the errors recorded so far.
    pub fn take_errors(&mut self) -> Vec<SyntaxError> {
        std::mem::take(&mut self.errors)
    }

    /// Parses the next logical entry; `None` at the end of the file.
    pub fn next_entry(&mut self) -> Option<Entry<'_>> {
        if self.stopped {
            return None;
        }
        // Errors before this entry's are not looked at again: counting
        // them all for every entry was quadratic in the number of errors.
        let errors_before = self.errors.len();
        let new_errors = |errors: &[SyntaxError]| {
            errors[errors_before..]
                .iter()
                .filter(|e| e.severity == Severity::Error)
                .count()
        };
        let line_start = self.lexer.position() as u32;
        if !self.lexer.entry(&mut self.tokens, &mut self.errors) {
            return None;
        }
        let src = self.src;
        self.values.clear();
        self.values.extend(
            self.tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| t.is_value())
                .map(|(i, _)| i as u32),
        );
        let end = self
            .tokens
            .iter()
            .rev()
            .find(|t| t.kind != TokenKind::Newline)
            .map_or(line_start, |t| t.span.end);
        let span = Span::new(line_start, end.max(line_start));
        let lexical_error = new_errors(&self.errors) > 0;
        let mut cx = entry::Cx {
            src,
            tokens: &self.tokens,
            values: &self.values,
            line_start,
            fields: &mut self.fields,
            names: &mut self.names,
            rdata: &mut self.rdata,
            errors: &mut self.errors,
            layout: Layout::default(),
        };
        let item = if lexical_error {
            item::OwnedItem::Invalid
        } else {
            cx.entry()
        };
        let layout = cx.layout;
        let added = new_errors(&self.errors);
        let ok = added == 0;
        self.error_count += added;
        if self.error_count >= MAX_ERRORS {
            self.stopped = true;
            let at = self.lexer.position() as u32;
            self.errors.push(
                SyntaxError::new(
                    Span::new(at, at),
                    format!("{MAX_ERRORS} syntax errors: the rest of the file is not read"),
                )
                .with_help("fix the errors above and check again (is this the zone file?)"),
            );
        }
        self.item = if ok { item } else { item::OwnedItem::Invalid };
        (self.entry_span, self.entry_layout, self.entry_ok) = (span, layout, ok);
        self.entry_comments = self.lexer.had_comments();
        let item = self.item.resolve(&self.names, self.rdata.as_rdata());
        Some(Entry {
            tokens: &self.tokens,
            span,
            layout,
            item,
            ok,
            has_comments: self.entry_comments,
        })
    }
}

/// A parsed file: the lossless syntax tree and every error found.
#[derive(Debug)]
pub struct Parsed {
    /// The syntax tree.
    pub file: ast::File,
    /// Every error and warning, in order.
    pub errors: Vec<SyntaxError>,
}

/// Parses a whole file into an [`ast::File`]. Never fails: errors are
/// collected and parsing continues after each one.
pub fn parse(src: &[u8]) -> Parsed {
    let mut parser = Parser::new(src);
    let mut file = ast::File::default();
    while let Some(entry) = parser.next_entry() {
        file.push(&entry);
    }
    Parsed {
        file,
        errors: parser.take_errors(),
    }
}

/// The comments of a text, in order. Only lexes: no record is decoded, so
/// this is much cheaper than [`parse`].
pub fn comments(src: &[u8]) -> impl Iterator<Item = Span> + '_ {
    let mut lexer = Lexer::new(src);
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        // The tokens of the current entry not yet looked at.
        while let Some(t) = tokens.get(at) {
            at += 1;
            let t: &Token = t;
            if t.kind == TokenKind::Comment {
                return Some(t.span);
            }
        }
        errors.clear();
        if !lexer.entry(&mut tokens, &mut errors) {
            return None;
        }
        at = 0;
    })
}

/// Where the entry that starts at `start` ends: the end of its last token
/// before the line end, and the end of the line end itself. Only lexes.
pub fn entry_extent(src: &[u8], start: usize) -> (usize, usize) {
    let mut lexer = Lexer::new(&src[start..]);
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    if !lexer.entry(&mut tokens, &mut errors) {
        return (start, start);
    }
    let last = tokens.last().map_or(0, |t| t.span.end as usize);
    let end = tokens
        .iter()
        .rev()
        .find(|t| t.kind != TokenKind::Newline)
        .map_or(0, |t| t.span.end as usize);
    (start + end, start + last)
}

/// Encodes record data written as text (used for `$GENERATE` right-hand
/// sides after expansion). Every field carries `span`.
pub fn encode_rdata_text(
    rtype: RecordType,
    text: &[u8],
    span: Span,
    out: &mut RdataBuf,
) -> Result<(), SyntaxError> {
    let mut toks = Vec::new();
    lexer::lex_values(text, &mut toks).map_err(|m| SyntaxError::new(span, m))?;
    let fields: Vec<Field<'_>> = toks
        .iter()
        .map(|&(kind, s)| {
            let t = Token { span: s, kind };
            Field {
                text: t.value(text),
                span,
                quoted: kind == TokenKind::Quoted,
            }
        })
        .collect();
    rdata::encode(rtype, &fields, span, out).map_err(|e| SyntaxError::new(e.span, e.message))
}

#[cfg(test)]
mod tests;
