//! `named.conf` (BIND 9 ARM, "Configuration File Grammar"): statements end
//! with `;`, blocks are `{ … };`, strings are quoted, and comments are C
//! (`/* */`), C++ (`//`) and shell (`#`) style. Only what names zones is
//! read: `include`, `options { directory }`, `view`, and `zone` with its
//! `type`, `file` and `in-view`; everything else is skipped whole.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Declared, Parsed, Role};
use crate::source::{SourceFile, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Str,
    Open,
    Close,
    Semi,
}

/// A token; its text borrowed from the file unless unescaped or repaired
/// (a configuration of thousands of zones is read without a string per
/// token).
#[derive(Debug, Clone)]
struct Token<'a> {
    kind: Kind,
    text: Cow<'a, str>,
    span: Span,
}

/// The tokens of a file, one at a time (a configuration of thousands of
/// zones is read without a list of its tokens).
struct Lexer<'a> {
    text: &'a [u8],
    i: usize,
}

impl<'a> Lexer<'a> {
    fn next(&mut self) -> Result<Option<Token<'a>>, (Span, String)> {
        let text = self.text;
        let at = |s: usize, e: usize| Span::new(s as u32, e as u32);
        while self.i < text.len() {
            let i = self.i;
            let c = text[i];
            if c.is_ascii_whitespace() {
                self.i += 1;
            } else if c == b'#' || text[i..].starts_with(b"//") {
                self.i = memchr::memchr(b'\n', &text[i..]).map_or(text.len(), |n| i + n);
            } else if text[i..].starts_with(b"/*") {
                match memchr::memmem::find(&text[i + 2..], b"*/") {
                    Some(end) => self.i = i + 2 + end + 2,
                    None => return Err((at(i, i + 2), "unterminated `/*` comment".into())),
                }
            } else if c == b'"' {
                return self.string(i).map(Some);
            } else if matches!(c, b'{' | b'}' | b';') {
                let (kind, shown) = match c {
                    b'{' => (Kind::Open, "{"),
                    b'}' => (Kind::Close, "}"),
                    _ => (Kind::Semi, ";"),
                };
                self.i += 1;
                return Ok(Some(Token {
                    kind,
                    text: Cow::Borrowed(shown),
                    span: at(i, i + 1),
                }));
            } else {
                let mut end = i;
                while let Some(&b) = text.get(end) {
                    let ends = b.is_ascii_whitespace()
                        || matches!(b, b'{' | b'}' | b';' | b'"' | b'#')
                        || (b == b'/' && matches!(text.get(end + 1), Some(b'/' | b'*')));
                    if ends {
                        break;
                    }
                    end += 1;
                }
                self.i = end;
                return Ok(Some(Token {
                    kind: Kind::Word,
                    text: String::from_utf8_lossy(&text[i..end]),
                    span: at(i, end),
                }));
            }
        }
        Ok(None)
    }

    /// The quoted string starting at `start`, unquoted (a backslash takes
    /// the next byte as it is).
    fn string(&mut self, start: usize) -> Result<Token<'a>, (Span, String)> {
        let text = self.text;
        let mut i = start + 1;
        let mut escaped: Option<Vec<u8>> = None;
        loop {
            match text.get(i) {
                None => {
                    return Err((
                        Span::new(start as u32, i as u32),
                        "unterminated string".into(),
                    ))
                }
                Some(b'"') => {
                    i += 1;
                    break;
                }
                Some(b'\\') if i + 1 < text.len() => {
                    let value = escaped.get_or_insert_with(|| text[start + 1..i].to_vec());
                    value.push(text[i + 1]);
                    i += 2;
                }
                Some(&b) => {
                    if let Some(value) = &mut escaped {
                        value.push(b);
                    }
                    i += 1;
                }
            }
        }
        self.i = i;
        let value = match escaped {
            Some(value) => Cow::Owned(String::from_utf8_lossy(&value).into_owned()),
            None => String::from_utf8_lossy(&text[start + 1..i - 1]),
        };
        Ok(Token {
            kind: Kind::Str,
            text: value,
            span: Span::new(start as u32, i as u32),
        })
    }
}

/// What a block's statements are read for.
#[derive(Clone, Copy)]
enum Level<'v> {
    /// The top level or a view's block (in the view named, if any):
    /// `include`, `options`, `view` and `zone` are read.
    Walk(Option<&'v str>),
    /// `options { … }`: `directory` is read.
    Options,
    /// A zone's block: `type`, `file`, `in-view`.
    Zone,
    /// Any other block: only its syntax matters.
    Skip,
}

/// What a zone's block says.
#[derive(Default)]
struct ZoneBlock {
    role: Option<Role>,
    file: Option<PathBuf>,
    in_view: bool,
}

/// A statement as it is read: the words it needs (the keyword, the first
/// value, and the last word for messages).
#[derive(Default)]
struct Words<'a> {
    keyword: Option<Token<'a>>,
    value: Option<Token<'a>>,
    last: Option<Token<'a>>,
}

impl<'a> Words<'a> {
    fn push(&mut self, t: Token<'a>) {
        if self.keyword.is_none() {
            self.keyword = Some(t);
        } else if self.value.is_none() {
            self.value = Some(t);
        } else {
            self.last = Some(t);
        }
    }

    fn keyword(&self) -> &str {
        self.keyword.as_ref().map_or("", |t| &t.text)
    }

    /// The error of a statement that ends without its `;`, if it has words.
    fn missing_semicolon(&self) -> Option<(Span, String)> {
        let last = self
            .last
            .as_ref()
            .or(self.value.as_ref())
            .or(self.keyword.as_ref())?;
        Some((last.span, format!("expected `;` after `{}`", last.text)))
    }
}

/// Reads `named.conf` statement by statement, keeping only what names
/// zones (no tree of statements is built).
struct Reader<'a, 'f> {
    lexer: Lexer<'a>,
    file: &'f Arc<SourceFile>,
    parsed: Parsed,
}

/// How a statement ended.
enum End {
    /// With its `;`.
    Statement,
    /// At the `}` (this span) that closes the block it is in.
    Close(Span),
    /// At the end of the file.
    File,
}

impl<'a> Reader<'a, '_> {
    /// Reads one statement of a block at `level`; what it says is applied
    /// as it ends.
    fn statement(
        &mut self,
        level: Level<'_>,
        nested: bool,
        zone: &mut ZoneBlock,
    ) -> Result<End, (Span, String)> {
        let mut words = Words::default();
        loop {
            let Some(t) = self.lexer.next()? else {
                return match words.missing_semicolon() {
                    Some(e) => Err(e),
                    None => Ok(End::File),
                };
            };
            match t.kind {
                Kind::Word | Kind::Str => words.push(t),
                Kind::Semi if words.keyword.is_none() => {}
                Kind::Semi => {
                    self.simple(level, &words, zone);
                    return Ok(End::Statement);
                }
                Kind::Open => {
                    self.with_block(level, &words, t.span, zone)?;
                    return Ok(End::Statement);
                }
                Kind::Close if !nested => {
                    return Err((t.span, "`}` without a matching `{`".into()));
                }
                Kind::Close => {
                    return match words.missing_semicolon() {
                        Some(e) => Err(e),
                        None => Ok(End::Close(t.span)),
                    };
                }
            }
        }
    }

    /// The statements of the block opened at `open`, up to its `}`.
    fn block(
        &mut self,
        level: Level<'_>,
        open: Span,
        zone: &mut ZoneBlock,
    ) -> Result<Span, (Span, String)> {
        loop {
            match self.statement(level, true, zone)? {
                End::Statement => {}
                End::Close(close) => return Ok(close),
                End::File => return Err((open, "`{` is never closed".into())),
            }
        }
    }

    /// A statement without a block, ended by `;`.
    fn simple(&mut self, level: Level<'_>, words: &Words<'a>, zone: &mut ZoneBlock) {
        match level {
            Level::Walk(view) if words.keyword() == "include" => {
                if let Some(path) = &words.value {
                    self.parsed.includes.push((
                        PathBuf::from(path.text.as_ref()),
                        path.span,
                        view.map(str::to_owned),
                    ));
                }
            }
            _ => self.setting(level, words, zone),
        }
    }

    /// The settings of `options` and of a zone (with or without a block).
    fn setting(&mut self, level: Level<'_>, words: &Words<'a>, zone: &mut ZoneBlock) {
        let value = words.value.as_ref();
        match (level, words.keyword()) {
            (Level::Options, "directory") => {
                if let Some(dir) = value {
                    self.parsed.directory = Some(PathBuf::from(dir.text.as_ref()));
                }
            }
            (Level::Zone, "type") => {
                zone.role = value.map(|t| match t.text.to_ascii_lowercase().as_str() {
                    "primary" | "master" | "redirect" => Role::Primary,
                    "secondary" | "slave" | "mirror" | "stub" => Role::Secondary,
                    "hint" => Role::Hint,
                    _ => Role::Other,
                });
            }
            (Level::Zone, "file") => zone.file = value.map(|t| PathBuf::from(t.text.as_ref())),
            (Level::Zone, "in-view") => zone.in_view = value.is_some(),
            _ => {}
        }
    }

    /// A statement whose block opens at `open`: the block, then the `;`
    /// BIND wants after its `}`.
    fn with_block(
        &mut self,
        level: Level<'_>,
        words: &Words<'a>,
        open: Span,
        zone: &mut ZoneBlock,
    ) -> Result<(), (Span, String)> {
        let value = words.value.as_ref().map(|t| t.text.as_ref());
        let child = match (level, words.keyword()) {
            (Level::Walk(_), "options") => Level::Options,
            (Level::Walk(view), "view") => Level::Walk(value.or(view)),
            (Level::Walk(_), "zone") if value.is_some() => Level::Zone,
            _ => Level::Skip,
        };
        let mut inner = ZoneBlock::default();
        let close = self.block(child, open, &mut inner)?;
        match self.lexer.next()? {
            Some(t) if t.kind == Kind::Semi => {}
            Some(t) => {
                return Err((
                    close,
                    format!("expected `;` after `}}`, found `{}`", t.text),
                ));
            }
            None => return Err((close, "expected `;` after `}`".into())),
        }
        match (level, child) {
            (Level::Walk(view), Level::Zone) => self.zone(words, inner, view),
            _ => self.setting(level, words, zone),
        }
        Ok(())
    }

    /// A zone's block has ended: a zone with a type and a file is declared.
    fn zone(&mut self, words: &Words<'a>, block: ZoneBlock, view: Option<&str>) {
        let Some(name) = &words.value else { return };
        // `in-view` shares another view's zone: it is that zone, checked there.
        if block.in_view {
            return;
        }
        let (Some(role), Some(path)) = (block.role, block.file) else {
            return;
        };
        self.parsed.declare(Declared {
            zone_text: name.text.to_string(),
            name_span: name.span,
            view: view.map(str::to_owned),
            role,
            file: path,
            config: Arc::clone(self.file),
        });
    }

    /// The top level, statement by statement: the effects of a statement
    /// that does not parse are undone.
    fn top(&mut self) -> Result<(), (Span, String)> {
        let mut zone = ZoneBlock::default();
        loop {
            let kept = (
                self.parsed.zones.len(),
                self.parsed.includes.len(),
                self.parsed.directory.clone(),
            );
            match self.statement(Level::Walk(None), false, &mut zone) {
                Ok(End::Statement | End::Close(_)) => {}
                Ok(End::File) => return Ok(()),
                Err(e) => {
                    self.parsed.zones.truncate(kept.0);
                    self.parsed.includes.truncate(kept.1);
                    self.parsed.directory = kept.2;
                    return Err(e);
                }
            }
        }
    }
}

/// Reads one `named.conf` file (its includes are the caller's to follow).
/// At a syntax error, what the complete top-level statements before it
/// say is kept: they still name zones.
pub(super) fn parse(file: &Arc<SourceFile>) -> Parsed {
    let mut reader = Reader {
        lexer: Lexer {
            text: file.text(),
            i: 0,
        },
        file,
        parsed: Parsed::default(),
    };
    if let Err((span, message)) = reader.top() {
        reader.parsed.error(file, span, message);
    }
    reader.parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Parsed {
        parse(&SourceFile::new("named.conf", text.as_bytes().to_vec()))
    }

    #[test]
    fn zones_views_options_and_comments() {
        let p = parsed(
            "options { directory \"/var/cache/bind\"; allow-query { any; }; };\n\
             # shell comment\n// c++ comment\n/* c\n comment */\n\
             view \"inside\" { match-clients { 10/8; };\n\
               zone \"example.com\" IN { type primary; file \"/etc/bind/db.example.com\"; };\n\
             };\n\
             zone \".\" { type hint; file \"/usr/share/dns/root.hints\"; };\n\
             zone \"example.net\" { type slave; masters { 192.0.2.1; }; file \"db.example.net\"; };\n\
             zone \"fwd.example\" { type forward; forwarders { 192.0.2.2; }; };\n\
             include \"/etc/bind/named.conf.local\";\n",
        );
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert_eq!(p.directory, Some(PathBuf::from("/var/cache/bind")));
        let zones: Vec<(String, Option<String>, Role, String)> = p
            .zones
            .iter()
            .map(|d| {
                (
                    d.zone_text.clone(),
                    d.view.clone(),
                    d.role,
                    d.file.display().to_string(),
                )
            })
            .collect();
        assert_eq!(
            zones,
            vec![
                (
                    "example.com".into(),
                    Some("inside".into()),
                    Role::Primary,
                    "/etc/bind/db.example.com".into()
                ),
                (
                    ".".into(),
                    None,
                    Role::Hint,
                    "/usr/share/dns/root.hints".into()
                ),
                (
                    "example.net".into(),
                    None,
                    Role::Secondary,
                    "db.example.net".into()
                ),
            ]
        );
        assert_eq!(p.includes[0].0, PathBuf::from("/etc/bind/named.conf.local"));
    }

    #[test]
    fn a_broken_statement_keeps_the_complete_ones_before_it() {
        // A view whose block breaks declares none of its zones; the zones
        // and includes before it stay, also before a lexical error.
        let text = "include \"a.conf\";\nzone \"a.example\" { type master; file \"db.a\"; };\n\
                    view \"v\" { zone \"b.example\" { type master; file \"db.b\"; }; zone \"c\" { type };\n";
        let p = parsed(text);
        let names: Vec<&str> = p.zones.iter().map(|d| d.zone_text.as_str()).collect();
        assert_eq!(names, ["a.example"]);
        assert_eq!(p.includes.len(), 1);
        assert_eq!(p.diagnostics.len(), 1);
        let p = parsed(
            "zone \"a.example\" { type master; file \"db.a\"; };\nzone \"b.example\" { file \"db.b",
        );
        assert_eq!(p.zones.len(), 1);
        assert!(p.diagnostics[0].message.contains("unterminated string"));
        // A stray `}` at the top is reported as such, words before it or not.
        for text in ["}", "zone \"x\" }"] {
            let p = parsed(text);
            assert!(
                p.diagnostics[0].message.contains("without a matching"),
                "{text}"
            );
        }
        // Escapes inside strings, nested blocks of any depth, `;;`.
        let p = parsed("zone \"e\\\\x.example\" { type primary;; also-notify { 192.0.2.1; { x; }; }; file \"d\\\"b\"; };");
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert_eq!(p.zones[0].zone_text, "e\\x.example");
        assert_eq!(p.zones[0].file, PathBuf::from("d\"b"));
    }

    #[test]
    fn syntax_errors_have_spans_and_keep_what_came_before() {
        let text = "zone \"a.example\" { type master; file \"db.a\"; };\nzone \"b.example\" { type master; file \"db.b\" };\n";
        let p = parsed(text);
        assert_eq!(p.zones.len(), 1);
        assert_eq!(p.zones[0].zone_text, "a.example");
        let d = &p.diagnostics[0];
        assert_eq!(
            &text[d.span.start as usize..d.span.end as usize],
            "\"db.b\""
        );
        assert!(d.message.contains("expected `;`"), "{}", d.message);
        for broken in [
            "zone \"x\" { type master;",
            "/* open",
            "zone \"x",
            "};",
            "zone \"x\" { } zone",
        ] {
            let p = parsed(broken);
            assert_eq!(p.diagnostics.len(), 1, "{broken}");
        }
    }
}
