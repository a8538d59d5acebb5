//! Tokens of RFC 1035 §5.1 master files, one logical entry at a time.
//!
//! A logical entry is one line, or several when parentheses are open. Every
//! byte of the input belongs to a token or to the blanks between tokens, so
//! the token stream is lossless. Tokens are spans; nothing is allocated per
//! token (the caller's buffer is reused).

use nom::bytes::complete::{tag, take_till, take_while};
use nom::IResult;
use nom::Parser;

use super::{SyntaxError, Token, TokenKind};
use crate::source::Span;

type In<'a> = &'a [u8];

/// Production failure: nom's error type never leaves this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LexFail;

impl<'a> nom::error::ParseError<In<'a>> for LexFail {
    fn from_error_kind(_: In<'a>, _: nom::error::ErrorKind) -> Self {
        LexFail
    }
    fn append(_: In<'a>, _: nom::error::ErrorKind, _: Self) -> Self {
        LexFail
    }
}

type LResult<'a, T> = IResult<In<'a>, T, LexFail>;

/// Bytes that end an unquoted token (RFC 1035 §5.1: blanks, parentheses,
/// `;` comments, line ends, and `"` which starts a quoted string).
const fn delimiters() -> [bool; 256] {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[b';' as usize] = true;
    t[b'(' as usize] = true;
    t[b')' as usize] = true;
    t[b'"' as usize] = true;
    t
}

/// The delimiters and `\`: where a run of plain bytes stops.
static STOP: [bool; 256] = {
    let mut t = delimiters();
    t[b'\\' as usize] = true;
    t
};

/// Spaces and tabs between tokens.
fn blank(input: In<'_>) -> LResult<'_, In<'_>> {
    take_while(|b| b == b' ' || b == b'\t').parse(input)
}

/// Skips blanks (the production cannot fail on complete input).
fn skip_blank(input: In<'_>) -> In<'_> {
    blank(input).map_or(input, |(rest, _)| rest)
}

/// `; ...` up to (not including) the line end.
fn comment(input: In<'_>) -> LResult<'_, In<'_>> {
    let (rest, _) = tag(&b";"[..]).parse(input)?;
    let (rest, _) = take_till(|b| b == b'\n').parse(rest)?;
    // A CR before the LF belongs to the line end, not to the comment.
    let consumed = input.len() - rest.len();
    let end = if consumed > 1 && input[consumed - 1] == b'\r' && rest.first() == Some(&b'\n') {
        consumed - 1
    } else {
        consumed
    };
    Ok((&input[end..], &input[..end]))
}

/// `\n` or `\r\n`.
fn line_end(input: In<'_>) -> LResult<'_, In<'_>> {
    match input {
        [b'\n', ..] => Ok((&input[1..], &input[..1])),
        [b'\r', b'\n', ..] => Ok((&input[2..], &input[..2])),
        _ => Err(nom::Err::Error(LexFail)),
    }
}

/// Outcome of scanning a quoted string.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Quoted {
    /// Closed by `"`.
    Closed,
    /// The line (or file) ended first; BIND refuses multi-line strings.
    Unterminated,
}

/// `"..."` with `\` escaping any byte; ends at the closing quote, or before
/// the line end when unterminated.
fn quoted_string(input: In<'_>) -> LResult<'_, (In<'_>, Quoted)> {
    let (mut rest, _) = tag(&b"\""[..]).parse(input)?;
    loop {
        match memchr::memchr3(b'"', b'\\', b'\n', rest) {
            Some(i) if rest[i] == b'"' => {
                let end = input.len() - rest.len() + i + 1;
                return Ok((&input[end..], (&input[..end], Quoted::Closed)));
            }
            Some(i) if rest[i] == b'\\' && rest.get(i + 1).is_some_and(|&b| b != b'\n') => {
                rest = &rest[i + 2..];
            }
            Some(i) if rest[i] == b'\\' => rest = &rest[i + 1..],
            found => {
                let mut end = input.len() - rest.len() + found.unwrap_or(rest.len());
                if found.is_some() && end > 0 && input[end - 1] == b'\r' {
                    end -= 1;
                }
                return Ok((&input[end..], (&input[..end], Quoted::Unterminated)));
            }
        }
    }
}

/// A run of non-delimiter bytes; `\` escapes the next byte (except a line end).
fn word(input: In<'_>) -> LResult<'_, In<'_>> {
    let mut i = 0;
    loop {
        // Plain bytes, one table lookup each.
        i += input[i..]
            .iter()
            .position(|&b| STOP[usize::from(b)])
            .unwrap_or(input.len() - i);
        match input.get(i) {
            Some(b'\\') => {
                i += if input.get(i + 1).is_some_and(|&n| n != b'\n') {
                    2
                } else {
                    1
                };
            }
            _ => break,
        }
    }
    if i == 0 {
        return Err(nom::Err::Error(LexFail));
    }
    Ok((&input[i..], &input[..i]))
}

/// Splits a source into logical entries.
/// Most tokens one entry keeps (values, comments and line ends). A TXT
/// record of 65535 octets has at most 65535 strings; more is hostile input,
/// and keeping it all would cost memory without bound.
pub const MAX_TOKENS: usize = 1 << 18;

pub(super) struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    /// Offsets of `(` known never to be closed (found by one scan to the end
    /// of the file); they are reported and ignored when met again.
    dead_opens: Vec<u32>,
    dead_next: usize,
    /// Comments in the entry last lexed.
    comments: u32,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8]) -> Self {
        Lexer {
            src,
            pos: 0,
            dead_opens: Vec::new(),
            dead_next: 0,
            comments: 0,
        }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    pub fn position(&self) -> usize {
        self.pos
    }

    /// Skips `n` bytes at the current position (used for a byte-order mark).
    pub fn skip(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.src.len());
    }

    fn span(&self, rest: In<'_>, len: usize) -> Span {
        let start = (self.src.len() - rest.len()) as u32;
        Span::at(start, len as u32)
    }

    /// True when the entry last lexed has a comment.
    pub fn had_comments(&self) -> bool {
        self.comments > 0
    }

    /// Lexes the next logical entry into `tokens` (cleared first). Returns
    /// false at the end of input. Lexical errors go to `errors`.
    pub fn entry(&mut self, tokens: &mut Vec<Token>, errors: &mut Vec<SyntaxError>) -> bool {
        tokens.clear();
        self.comments = 0;
        if self.at_end() {
            return false;
        }
        let start = self.pos;
        let mut input = &self.src[self.pos..];
        let mut depth = 0u32;
        // The outermost `(` still open (a stack of them all would grow
        // with a hostile file of nothing but `(`).
        let mut outermost = Span::default();
        // Past MAX_TOKENS the entry is read to its end but not kept.
        let mut overflow = false;
        // Stopped inside parentheses at MAX_TOKENS, before the end.
        let mut truncated = false;
        loop {
            input = skip_blank(input);
            let Some(&first) = input.first() else {
                break;
            };
            let (rest, kind, len) = match first {
                b'\n' | b'\r' => match line_end(input) {
                    Ok((rest, nl)) => (rest, TokenKind::Newline, nl.len()),
                    // A lone CR: treated as a blank (a warning is given by the caller).
                    Err(_) => {
                        input = &input[1..];
                        continue;
                    }
                },
                b';' => {
                    let (rest, text) = comment(input).expect("starts with ;");
                    self.comments += 1;
                    (rest, TokenKind::Comment, text.len())
                }
                b'(' => {
                    let span = self.span(input, 1);
                    if self.dead_opens.get(self.dead_next) == Some(&span.start) {
                        self.dead_next += 1;
                        errors.push(unclosed(span));
                    } else {
                        if depth == 0 {
                            outermost = span;
                        }
                        depth += 1;
                    }
                    (&input[1..], TokenKind::Open, 1)
                }
                b')' => {
                    if depth == 0 {
                        errors.push(SyntaxError::new(
                            self.span(input, 1),
                            "unbalanced `)`: no `(` is open",
                        ));
                    } else {
                        depth -= 1;
                    }
                    (&input[1..], TokenKind::Close, 1)
                }
                b'"' => {
                    let (rest, (text, state)) = quoted_string(input).expect("starts with a quote");
                    if state == Quoted::Unterminated {
                        errors.push(
                            SyntaxError::new(self.span(input, text.len()), "unterminated quoted string")
                                .with_help("close the string with `\"` on the same line (a string cannot span lines)"),
                        );
                    }
                    (rest, TokenKind::Quoted, text.len())
                }
                _ => {
                    let (rest, text) = word(input).expect("not a delimiter");
                    (rest, TokenKind::Word, text.len())
                }
            };
            if !overflow {
                tokens.push(Token {
                    span: self.span(input, len),
                    kind,
                });
                if tokens.len() >= MAX_TOKENS {
                    errors.push(
                        SyntaxError::new(
                            self.span(input, len),
                            format!(
                                "entry of more than {MAX_TOKENS} tokens: the rest of it is skipped"
                            ),
                        )
                        .with_help(
                            "close the `(` left open, or split the record: none needs that many",
                        ),
                    );
                    if depth > 0 {
                        // Most likely a `(` never closed: recover as for
                        // one (below) instead of reading on to the end.
                        input = rest;
                        truncated = true;
                        break;
                    }
                    overflow = true;
                }
            }
            input = rest;
            if kind == TokenKind::Newline && depth == 0 {
                break;
            }
        }
        self.pos = self.src.len() - input.len();
        if depth > 0 && overflow {
            // Read to the end of the file already: end here.
            errors.push(unclosed(outermost));
        } else if depth > 0 {
            self.recover_unclosed(start, outermost, tokens, errors, !truncated);
        }
        true
    }

    /// The file ended inside parentheses. Report the outermost unclosed `(`,
    /// end this entry at the end of that `(`'s line, and find every other `(`
    /// that is never closed so later entries do not swallow the file again.
    fn recover_unclosed(
        &mut self,
        start: usize,
        first: Span,
        tokens: &mut Vec<Token>,
        errors: &mut Vec<SyntaxError>,
        to_end: bool,
    ) {
        errors.push(unclosed(first));
        // Only when the rest of the file was read is it known which other
        // `(` are never closed.
        if to_end {
            self.find_dead_opens(first, tokens);
        }
        // Cut the entry after the line end that follows the `(` (or where
        // the reading stopped).
        let cut = tokens
            .iter()
            .position(|t| t.kind == TokenKind::Newline && t.span.start > first.start)
            .map_or(tokens.len(), |i| i + 1);
        tokens.truncate(cut);
        self.pos = tokens
            .last()
            .map_or(self.src.len(), |t| t.span.end as usize)
            .max(start);
        if cut == 0 {
            self.pos = self.src.len();
        }
    }

    /// Remembers the `(` after `first` that are never closed in `tokens`
    /// (read to the end of the file), so that later entries do not swallow
    /// the file again.
    fn find_dead_opens(&mut self, first: Span, tokens: &[Token]) {
        let mut stack: Vec<u32> = Vec::new();
        let mut dead: Vec<u32> = Vec::new();
        for t in tokens.iter() {
            match t.kind {
                TokenKind::Open if t.span.start != first.start && t.span.start > first.start => {
                    stack.push(t.span.start)
                }
                TokenKind::Close if t.span.start > first.start => {
                    stack.pop();
                }
                _ => {}
            }
        }
        dead.extend(stack);
        // Later dead opens come after earlier ones; keep the list sorted.
        let keep: Vec<u32> = self.dead_opens[self.dead_next..].to_vec();
        dead.extend(keep.into_iter().filter(|&o| o > first.start));
        dead.sort_unstable();
        dead.dedup();
        self.dead_opens = dead;
        self.dead_next = 0;
    }
}

fn unclosed(span: Span) -> SyntaxError {
    SyntaxError::new(span, "unbalanced `(`: never closed").with_help("add the matching `)`")
}

/// Lexes a standalone text (a `$GENERATE` right-hand side after expansion)
/// into value tokens with spans relative to `text`.
pub(crate) fn lex_values(
    text: &[u8],
    out: &mut Vec<(TokenKind, Span)>,
) -> Result<(), &'static str> {
    let mut input = text;
    loop {
        input = skip_blank(input);
        let Some(&first) = input.first() else {
            return Ok(());
        };
        let start = (text.len() - input.len()) as u32;
        let (rest, kind, len) = match first {
            b'"' => {
                let (rest, (t, state)) = quoted_string(input).expect("starts with a quote");
                if state == Quoted::Unterminated {
                    return Err("unterminated quoted string");
                }
                (rest, TokenKind::Quoted, t.len())
            }
            b'(' | b')' => {
                input = &input[1..];
                continue;
            }
            b'\n' | b'\r' | b';' => return Err("unexpected line end or comment"),
            _ => {
                let (rest, t) = word(input).expect("not a delimiter");
                (rest, TokenKind::Word, t.len())
            }
        };
        out.push((kind, Span::at(start, len as u32)));
        input = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex_all(src: &str) -> (Vec<Vec<(TokenKind, String)>>, Vec<SyntaxError>) {
        let mut lexer = Lexer::new(src.as_bytes());
        let mut tokens = Vec::new();
        let mut errors = Vec::new();
        let mut entries = Vec::new();
        while lexer.entry(&mut tokens, &mut errors) {
            entries.push(
                tokens
                    .iter()
                    .map(|t| {
                        (
                            t.kind,
                            String::from_utf8_lossy(t.span.slice(src.as_bytes())).into_owned(),
                        )
                    })
                    .collect(),
            );
        }
        (entries, errors)
    }

    fn kinds_texts(entry: &[(TokenKind, String)]) -> Vec<&str> {
        entry.iter().map(|(_, t)| t.as_str()).collect()
    }

    #[test]
    fn words_quotes_comments_and_line_ends() {
        let (entries, errors) = lex_all("a 1 IN TXT \"x;y\" ; c\r\n\nb A 1.2.3.4");
        assert!(errors.is_empty());
        assert_eq!(
            kinds_texts(&entries[0]),
            ["a", "1", "IN", "TXT", "\"x;y\"", "; c", "\r\n"]
        );
        assert_eq!(entries[0][4].0, TokenKind::Quoted);
        assert_eq!(entries[0][5].0, TokenKind::Comment);
        assert_eq!(kinds_texts(&entries[1]), ["\n"]);
        // No final newline.
        assert_eq!(kinds_texts(&entries[2]), ["b", "A", "1.2.3.4"]);
    }

    #[test]
    fn parentheses_join_lines_and_nest() {
        let (entries, errors) = lex_all("@ SOA ( ns ; c\n h ( 1 ) 2 )\nnext A 1.1.1.1\n");
        assert!(errors.is_empty());
        assert_eq!(entries.len(), 2);
        assert_eq!(
            kinds_texts(&entries[0]),
            ["@", "SOA", "(", "ns", "; c", "\n", "h", "(", "1", ")", "2", ")", "\n"]
        );
    }

    #[test]
    fn escapes_inside_words_and_quotes() {
        let (entries, _) = lex_all("a\\ b\\;c TXT \"q\\\"uote\" x\\(y");
        assert_eq!(
            kinds_texts(&entries[0]),
            ["a\\ b\\;c", "TXT", "\"q\\\"uote\"", "x\\(y"]
        );
        let (entries, _) = lex_all("ab(cd)ef");
        assert_eq!(kinds_texts(&entries[0]), ["ab", "(", "cd", ")", "ef"]);
    }

    #[test]
    fn unterminated_quote_ends_at_line_end() {
        let (entries, errors) = lex_all("a TXT \"open\nb A 1.2.3.4\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "unterminated quoted string");
        assert_eq!(entries.len(), 2);
        assert_eq!(kinds_texts(&entries[1]), ["b", "A", "1.2.3.4", "\n"]);
    }

    #[test]
    fn unbalanced_close_is_reported() {
        let (entries, errors) = lex_all("a A ) 1.2.3.4\nb A 1.1.1.1\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(entries.len(), 2);
    }

    #[test]
    fn unclosed_paren_does_not_swallow_the_file() {
        let src = "a TXT ( x\nb A 1.1.1.1\nc TXT ( y )\nd TXT ( z\ne A 2.2.2.2\n";
        let (entries, errors) = lex_all(src);
        // Two unclosed parens reported, each once.
        let unclosed: Vec<_> = errors
            .iter()
            .filter(|e| e.message.contains("never closed"))
            .collect();
        assert_eq!(unclosed.len(), 2, "{errors:?}");
        let firsts: Vec<&str> = entries.iter().map(|e| e[0].1.as_str()).collect();
        assert_eq!(firsts, ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn many_unclosed_parens_stay_linear() {
        let src = "x TXT ( a\n".repeat(20_000);
        let (entries, errors) = lex_all(&src);
        assert_eq!(entries.len(), 20_000);
        assert_eq!(errors.len(), 20_000);
    }

    #[test]
    fn values_of_expanded_text() {
        let mut out = Vec::new();
        lex_values(b"10 \"a b\" c", &mut out).unwrap();
        assert_eq!(out.len(), 3);
        assert_eq!(out[1].0, TokenKind::Quoted);
        assert!(lex_values(b"\"x", &mut Vec::new()).is_err());
    }
}
