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

/// A statement: its words (strings unquoted) and its block, if any.
#[derive(Debug)]
struct Statement<'a> {
    words: Vec<Token<'a>>,
    block: Option<Vec<Statement<'a>>>,
}

impl<'a> Statement<'a> {
    fn keyword(&self) -> &str {
        self.words.first().map_or("", |t| &t.text)
    }

    /// The first value after the keyword.
    fn value(&self) -> Option<&Token<'a>> {
        self.words.get(1)
    }
}

fn lex(text: &[u8]) -> Result<Vec<Token<'_>>, (Span, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    let at = |s: usize, e: usize| Span::new(s as u32, e as u32);
    while i < text.len() {
        let c = text[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'#' || text[i..].starts_with(b"//") {
            while i < text.len() && text[i] != b'\n' {
                i += 1;
            }
        } else if text[i..].starts_with(b"/*") {
            let start = i;
            match text[i + 2..].windows(2).position(|w| w == b"*/") {
                Some(end) => i += 2 + end + 2,
                None => {
                    return Err((at(start, start + 2), "unterminated `/*` comment".into()));
                }
            }
        } else if c == b'"' {
            let start = i;
            let mut value = Vec::new();
            let mut escaped = false;
            i += 1;
            loop {
                match text.get(i) {
                    None => return Err((at(start, i), "unterminated string".into())),
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(b'\\') if i + 1 < text.len() => {
                        value.push(text[i + 1]);
                        escaped = true;
                        i += 2;
                    }
                    Some(&b) => {
                        value.push(b);
                        i += 1;
                    }
                }
            }
            let text = if escaped {
                Cow::Owned(String::from_utf8_lossy(&value).into_owned())
            } else {
                String::from_utf8_lossy(&text[start + 1..i - 1])
            };
            out.push(Token {
                kind: Kind::Str,
                text,
                span: at(start, i),
            });
        } else if matches!(c, b'{' | b'}' | b';') {
            let (kind, shown) = match c {
                b'{' => (Kind::Open, "{"),
                b'}' => (Kind::Close, "}"),
                _ => (Kind::Semi, ";"),
            };
            out.push(Token {
                kind,
                text: Cow::Borrowed(shown),
                span: at(i, i + 1),
            });
            i += 1;
        } else {
            let start = i;
            while let Some(&b) = text.get(i) {
                let ends = b.is_ascii_whitespace()
                    || matches!(b, b'{' | b'}' | b';' | b'"' | b'#')
                    || (b == b'/' && matches!(text.get(i + 1), Some(b'/' | b'*')));
                if ends {
                    break;
                }
                i += 1;
            }
            out.push(Token {
                kind: Kind::Word,
                text: String::from_utf8_lossy(&text[start..i]),
                span: at(start, i),
            });
        }
    }
    Ok(out)
}

/// Statements until a `}` (inside a block) or the end of the tokens.
fn statements<'a>(
    tokens: &[Token<'a>],
    pos: &mut usize,
    nested: Option<Span>,
) -> Result<Vec<Statement<'a>>, (Span, String)> {
    let mut out = Vec::new();
    let mut words = Vec::new();
    while let Some(t) = tokens.get(*pos) {
        *pos += 1;
        match t.kind {
            Kind::Word | Kind::Str => words.push(t.clone()),
            Kind::Semi => {
                if !words.is_empty() {
                    out.push(Statement {
                        words: std::mem::take(&mut words),
                        block: None,
                    });
                }
            }
            Kind::Open => {
                let block = statements(tokens, pos, Some(t.span))?;
                // A block ends its statement; BIND wants the `;` after `}`.
                match tokens.get(*pos) {
                    Some(s) if s.kind == Kind::Semi => *pos += 1,
                    Some(s) => {
                        return Err((
                            tokens[*pos - 1].span,
                            format!("expected `;` after `}}`, found `{}`", s.text),
                        ))
                    }
                    None => return Err((tokens[*pos - 1].span, "expected `;` after `}`".into())),
                }
                out.push(Statement {
                    words: std::mem::take(&mut words),
                    block: Some(block),
                });
            }
            Kind::Close => {
                if nested.is_none() {
                    return Err((t.span, "`}` without a matching `{`".into()));
                }
                if let Some(last) = words.last() {
                    return Err((last.span, format!("expected `;` after `{}`", last.text)));
                }
                return Ok(out);
            }
        }
    }
    if let Some(open) = nested {
        return Err((open, "`{` is never closed".into()));
    }
    if let Some(last) = words.last() {
        return Err((last.span, format!("expected `;` after `{}`", last.text)));
    }
    Ok(out)
}

/// Reads one `named.conf` file (its includes are the caller's to follow).
pub(super) fn parse(file: &Arc<SourceFile>) -> Parsed {
    let mut parsed = Parsed::default();
    let tokens = match lex(file.text()) {
        Ok(t) => t,
        Err((span, message)) => {
            parsed.error(file, span, message);
            Vec::new()
        }
    };
    let mut pos = 0;
    let top = match statements(&tokens, &mut pos, None) {
        Ok(s) => s,
        Err((span, message)) => {
            parsed.error(file, span, message);
            // What parsed before the error still names zones: read the
            // statements up to it.
            statements_until_error(&tokens, &mut 0)
        }
    };
    walk(file, &top, None, &mut parsed);
    parsed
}

/// The complete top-level statements of `tokens`, stopping at the first
/// one that does not parse.
fn statements_until_error<'a>(tokens: &[Token<'a>], pos: &mut usize) -> Vec<Statement<'a>> {
    let mut out = Vec::new();
    loop {
        let start = *pos;
        // One statement: up to its `;` at depth 0.
        let mut depth = 0i32;
        let mut end = None;
        for (i, t) in tokens.iter().enumerate().skip(start) {
            match t.kind {
                Kind::Open => depth += 1,
                Kind::Close => depth -= 1,
                Kind::Semi if depth == 0 => {
                    end = Some(i + 1);
                    break;
                }
                _ => {}
            }
            if depth < 0 {
                break;
            }
        }
        let Some(end) = end else { return out };
        let mut p = 0;
        match statements(&tokens[start..end], &mut p, None) {
            Ok(s) => out.extend(s),
            Err(_) => return out,
        }
        *pos = end;
    }
}

fn walk(file: &Arc<SourceFile>, stmts: &[Statement], view: Option<&str>, parsed: &mut Parsed) {
    for s in stmts {
        match (s.keyword(), &s.block) {
            ("include", None) => {
                if let Some(path) = s.value() {
                    parsed.includes.push((
                        PathBuf::from(path.text.as_ref()),
                        path.span,
                        view.map(str::to_owned),
                    ));
                }
            }
            ("options", Some(block)) => {
                for o in block {
                    if o.keyword() == "directory" {
                        if let Some(dir) = o.value() {
                            parsed.directory = Some(PathBuf::from(dir.text.as_ref()));
                        }
                    }
                }
            }
            ("view", Some(block)) => {
                let name = s.value().map(|t| t.text.to_string());
                walk(file, block, name.as_deref().or(view), parsed);
            }
            ("zone", Some(block)) => zone(file, s, block, view, parsed),
            _ => {}
        }
    }
}

fn zone(
    file: &Arc<SourceFile>,
    s: &Statement,
    block: &[Statement],
    view: Option<&str>,
    parsed: &mut Parsed,
) {
    let Some(name) = s.value() else { return };
    let mut role = None;
    let mut path = None;
    let mut in_view = None;
    for o in block {
        match o.keyword() {
            "type" => {
                role = o
                    .value()
                    .map(|t| match t.text.to_ascii_lowercase().as_str() {
                        "primary" | "master" | "redirect" => Role::Primary,
                        "secondary" | "slave" | "mirror" | "stub" => Role::Secondary,
                        "hint" => Role::Hint,
                        _ => Role::Other,
                    });
            }
            "file" => path = o.value().map(|t| (PathBuf::from(t.text.as_ref()), t.span)),
            "in-view" => in_view = o.value().map(|t| t.text.to_string()),
            _ => {}
        }
    }
    // `in-view` shares another view's zone: it is that zone, checked there.
    if in_view.is_some() {
        return;
    }
    let (Some(role), Some((path, _))) = (role, path) else {
        return;
    };
    parsed.declare(Declared {
        zone_text: name.text.to_string(),
        name_span: name.span,
        view: view.map(str::to_owned),
        role,
        file: path,
        config: Arc::clone(file),
    });
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
