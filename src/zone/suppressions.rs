//! `; zonelint: allow(code, ...)` and `; zonelint: allow-file(code, ...)`
//! comments, collected from the comment tokens as the zone loads (matched
//! with findings in `rules/`).

use memchr::memmem;

use crate::source::{FileId, Span};
use crate::syntax::{Token, TokenKind};

/// A suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The file the comment is in.
    pub file: FileId,
    /// What it covers: the entry of the records it is part of, line end
    /// included, or else the comment's own line; for `allow-file`, the
    /// comment itself (it covers the whole file).
    pub scope: Span,
    /// `allow-file(...)`: it covers every finding in its file.
    pub file_wide: bool,
    /// The codes as written (bytes that are not UTF-8 decoded lossily),
    /// each with the span of its bytes.
    pub codes: Vec<(String, Span)>,
}

const MARK: &[u8] = b"zonelint:";

/// The searcher for [`MARK`], built once (building one per comment would
/// cost more than searching most comments).
static FINDER: std::sync::LazyLock<memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memmem::Finder::new(MARK));

/// The suppressions in the comments of one entry. `records`: the entry
/// made records of this file (its comments then cover the whole entry,
/// `entry` with its line end).
pub(crate) fn scan(
    text: &[u8],
    file: FileId,
    tokens: &[Token],
    entry: Span,
    records: bool,
    out: &mut Vec<Suppression>,
) {
    for comment in tokens.iter().filter(|t| t.kind == TokenKind::Comment) {
        let (start, end) = (comment.span.start as usize, comment.span.end as usize);
        let body = &text[start..end];
        let mut next = 0usize;
        for hit in FINDER.find_iter(body) {
            // A mark inside the codes of the one before is part of them.
            if hit < next {
                continue;
            }
            let Some((codes, close, file_wide)) = parse_allow(text, start + hit + MARK.len(), end)
            else {
                continue;
            };
            next = close - start;
            let scope = if file_wide {
                comment.span
            } else if records {
                entry
            } else {
                let line_start = memchr::memrchr(b'\n', &text[..start]).map_or(0, |i| i + 1);
                let line_end = memchr::memchr(b'\n', &text[end..]).map_or(text.len(), |i| end + i);
                Span::new(line_start as u32, line_end as u32)
            };
            out.push(Suppression {
                file,
                scope,
                file_wide,
                codes,
            });
        }
    }
}

/// A parsed `allow(...)`: the codes with their spans, where the `)` is,
/// and whether it is `allow-file`.
type Allow = (Vec<(String, Span)>, usize, bool);

/// `allow(a, b)` or `allow-file(a, b)` from `from` (after the mark) to
/// `end` (the comment's end): the codes with their spans, where the `)`
/// is, and whether it is `allow-file`.
fn parse_allow(text: &[u8], from: usize, end: usize) -> Option<Allow> {
    let rest = &text[from..end];
    let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let (keyword, file_wide): (&[u8], bool) = if rest[skip..].starts_with(b"allow-file(") {
        (b"allow-file(", true)
    } else {
        (b"allow(", false)
    };
    let rest = rest[skip..].strip_prefix(keyword)?;
    let open = from + skip + keyword.len();
    let close = memchr::memchr(b')', rest)?;
    let mut codes = Vec::new();
    let mut at = open;
    for part in rest[..close].split(|&b| b == b',') {
        let lead = part.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let written = part[lead..].trim_ascii_end();
        // The span covers the bytes as written (a lossy decoding of bytes
        // that are not UTF-8 is longer than they are).
        if !written.is_empty() {
            let start = (at + lead) as u32;
            codes.push((
                String::from_utf8_lossy(written).into_owned(),
                Span::new(start, start + written.len() as u32),
            ));
        }
        at += part.len() + 1;
    }
    Some((codes, open + close, file_wide))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &[u8]) -> Vec<Suppression> {
        let mut parser = crate::syntax::Parser::new(text);
        let mut out = Vec::new();
        while let Some(e) = parser.next_entry() {
            let end = e.tokens.last().map_or(e.span.end, |t| t.span.end);
            let records = matches!(e.item, crate::syntax::Item::Record(_));
            scan(
                text,
                FileId(0),
                e.tokens,
                Span::new(e.span.start, end),
                records,
                &mut out,
            );
        }
        out
    }

    #[test]
    fn codes_and_scopes() {
        let text = b"www A 192.0.2.1 ; zonelint: allow(a, b ,c)\n; zonelint: allow(d)\nmx MX ( 10 ; zonelint: allow(e)\n mail )\n";
        let s = found(text);
        assert_eq!(s.len(), 3);
        let codes = |s: &Suppression| s.codes.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&s[0]), ["a", "b", "c"]);
        assert_eq!(s[0].scope, Span::new(0, 43));
        assert_eq!(s[0].codes[1].1.slice(text), b"b");
        // A comment line covers that line only.
        assert_eq!(s[1].scope.slice(text), b"; zonelint: allow(d)");
        // A comment inside a multi-line record covers the whole record.
        assert_eq!(
            s[2].scope.slice(text),
            b"mx MX ( 10 ; zonelint: allow(e)\n mail )\n"
        );
        assert!(found(b"; zonelint: fmt off\n; zonelint: allow(x\n").is_empty());
        assert!(s.iter().all(|s| !s.file_wide));
    }

    #[test]
    fn allow_file_covers_the_file() {
        let text =
            b"; zonelint: allow-file(mx-target-cname)\n@ MX 10 m ; zonelint: allow-file (x)\n";
        let s = found(text);
        assert_eq!(s.len(), 1, "`allow-file (` with a space is not the keyword");
        assert!(s[0].file_wide);
        assert_eq!(
            s[0].scope.slice(text),
            b"; zonelint: allow-file(mx-target-cname)"
        );
        assert_eq!(s[0].codes[0].1.slice(text), b"mx-target-cname");
    }

    /// A comment of thousands of marks is read once, not once per mark.
    #[test]
    fn repeated_marks_are_linear() {
        let mut text = b"; ".to_vec();
        for _ in 0..50_000 {
            text.extend_from_slice(b"zonelint: allow(zonelint: ");
        }
        text.extend_from_slice(b"x)\n");
        let s = found(&text);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].codes.len(), 1);
    }
}
