//! TXT data as mail policies read it: the strings of one record joined
//! with nothing between them (RFC 7208 §3.3, RFC 6376 §3.6.2.2, RFC 7489
//! §6.3), and the way back from bytes of the joined text to the bytes of
//! the file that wrote them, for labels inside the data.

use std::ops::Range;

use crate::diagnostic::{Edit, Fix};
use crate::source::{Site, Span};
use crate::zone::{record_flags, RecordId, Zone};

/// The strings of a TXT (or SPF) record's data, joined. `None` when the
/// data is not a sequence of character-strings.
pub(crate) fn joined(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut rest = data;
    while let Some((&len, tail)) = rest.split_first() {
        let len = usize::from(len);
        out.extend_from_slice(tail.get(..len)?);
        rest = &tail[len..];
    }
    Some(out)
}

/// Whether the joined text starts with `prefix`, ASCII case ignored,
/// without joining the whole record.
pub(crate) fn starts_with_ignore_case(data: &[u8], prefix: &[u8]) -> bool {
    let mut wanted = prefix.iter();
    let mut rest = data;
    while let Some((&len, tail)) = rest.split_first() {
        let Some(string) = tail.get(..usize::from(len)) else {
            return false;
        };
        for b in string {
            match wanted.next() {
                None => return true,
                Some(w) if w.eq_ignore_ascii_case(b) => {}
                Some(_) => return false,
            }
        }
        rest = &tail[usize::from(len)..];
    }
    wanted.next().is_none()
}

/// Where each byte of a record's joined text was written.
pub(crate) struct Written {
    file: crate::source::FileId,
    /// The bytes of the file of each joined byte (an escape such as
    /// `\059` writes one byte with four).
    bytes: Vec<(u32, u32)>,
    /// The joined offset where each string starts.
    starts: Vec<usize>,
    /// The whole data, when the bytes cannot be told apart (a record of
    /// `$GENERATE`, data in RFC 3597's `\#` form).
    whole: Site,
}

impl Written {
    /// The written form of record `id`, whose joined text is `text`.
    pub fn of(zone: &Zone, id: RecordId, text: &[u8]) -> Written {
        let record = zone.record(id);
        let syntax = zone.record_syntax(id);
        let file = zone.file_id(record);
        let whole = match (syntax.rdata.first(), syntax.rdata.last()) {
            (Some(first), Some(last)) => Site::new(file, Span::new(first.start, last.end)),
            _ => zone.record_site(id),
        };
        let mut written = Written {
            file,
            bytes: Vec::new(),
            starts: Vec::new(),
            whole,
        };
        if record.has(record_flags::GENERATED) {
            return written;
        }
        let source = zone.file_of(record).text();
        for span in &syntax.rdata {
            written.starts.push(written.bytes.len());
            if !decode(source, *span, &mut written.bytes) {
                break;
            }
        }
        let same = written.bytes.len() == text.len()
            && written
                .bytes
                .iter()
                .zip(text)
                .all(|(&(s, e), &b)| decoded_byte(&source[s as usize..e as usize]) == Some(b));
        if !same {
            written.bytes.clear();
            written.starts.clear();
        }
        written
    }

    /// The sites of the joined bytes `range`: one per string it touches
    /// (a term cut where the strings were split labels both parts). An
    /// empty range, or a record whose bytes cannot be told apart, gives
    /// the whole data.
    pub fn sites(&self, range: Range<usize>) -> Vec<Site> {
        if self.bytes.is_empty() || range.start >= range.end || range.end > self.bytes.len() {
            return vec![self.whole];
        }
        let mut out = Vec::new();
        let mut start = range.start;
        while start < range.end {
            let next = self
                .starts
                .iter()
                .copied()
                .find(|&s| s > start)
                .unwrap_or(usize::MAX);
            let end = range.end.min(next);
            out.push(Site::new(
                self.file,
                Span::new(self.bytes[start].0, self.bytes[end - 1].1),
            ));
            start = end;
        }
        out
    }

    /// The first site of `range`.
    pub fn site(&self, range: Range<usize>) -> Site {
        self.sites(range)[0]
    }

    /// The site of `range` when it can be replaced by an edit of the file
    /// that keeps the strings as they are: inside one string, written
    /// without escapes, and `growth` more bytes still fit in the string's
    /// 255.
    pub fn editable(&self, range: Range<usize>, growth: usize) -> Option<Site> {
        if self.bytes.is_empty() || range.start >= range.end || range.end > self.bytes.len() {
            return None;
        }
        let string = self.starts.partition_point(|&s| s <= range.start) - 1;
        let string_end = self
            .starts
            .get(string + 1)
            .copied()
            .unwrap_or(self.bytes.len());
        if range.end > string_end || string_end - self.starts[string] + growth > 255 {
            return None;
        }
        let plain = self.bytes[range.clone()].iter().all(|&(s, e)| e == s + 1);
        plain.then(|| self.site(range))
    }
}

impl Written {
    /// The unsafe fix that writes `meant` over the joined bytes `range`,
    /// when [`Written::editable`] allows the edit.
    pub fn replacement(&self, range: Range<usize>, meant: &str) -> Option<Fix> {
        let growth = meant.len().saturating_sub(range.len());
        let site = self.editable(range, growth)?;
        Some(Fix::unsafe_(
            format!("write `{meant}`"),
            vec![Edit::replace(site, meant.to_string())],
        ))
    }
}

/// Appends the bytes `span` of `source` writes (a quoted or plain
/// character-string) to `out`, each with its own bytes of the file; false
/// when the token is not one.
fn decode(source: &[u8], span: Span, out: &mut Vec<(u32, u32)>) -> bool {
    let (mut at, end) = (span.start as usize, span.end as usize);
    let Some(token) = source.get(at..end) else {
        return false;
    };
    let mut end = end;
    if token.first() == Some(&b'"') {
        if token.len() < 2 || token.last() != Some(&b'"') {
            return false;
        }
        at += 1;
        end -= 1;
    } else if token.starts_with(b"\\#") {
        return false;
    }
    while at < end {
        let width = if source[at] != b'\\' {
            1
        } else if source
            .get(at + 1..at + 4)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        {
            4
        } else {
            2
        };
        let next = (at + width).min(end);
        out.push((at as u32, next as u32));
        at = next;
    }
    true
}

/// The byte an escape (or a plain byte) writes.
fn decoded_byte(written: &[u8]) -> Option<u8> {
    match written {
        [b] => Some(*b),
        [b'\\', b] => Some(*b),
        [b'\\', d @ ..] if d.len() == 3 => std::str::from_utf8(d).ok()?.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_strings() {
        assert_eq!(joined(b"\x03v=s\x04pf1 ").unwrap(), b"v=spf1 ");
        assert!(joined(b"\x05ab").is_none());
        assert!(starts_with_ignore_case(b"\x03V=S\x04pF1 ", b"v=spf1"));
        assert!(!starts_with_ignore_case(b"\x03v=s", b"v=spf1"));
    }

    #[test]
    fn decodes_escapes() {
        let source = br#""a\059b\"" c"#;
        let mut out = Vec::new();
        assert!(decode(source, Span::new(0, 10), &mut out));
        assert_eq!(out, vec![(1, 2), (2, 6), (6, 7), (7, 9)]);
        assert_eq!(decoded_byte(br"\059"), Some(b';'));
        assert_eq!(decoded_byte(br"\999"), None);
    }
}
