//! Inline suppression: `; zonelint: allow(code[, code...])` at the end of a
//! record's line silences those codes on that record's entry. A suppression
//! that silences nothing is reported as `unused-suppression`.

use memchr::memmem;

use super::meta::unused_suppression::{self, unused, Unused};
use super::Selection;
use crate::diagnostic::{Diagnostic, SYNTAX};
use crate::source::{FileId, Site, Span};
use crate::syntax::TokenKind;
use crate::zone::Zone;

/// One code named in a suppression comment.
#[derive(Debug)]
struct Allowed {
    code: String,
    span: Span,
    used: bool,
}

#[derive(Debug)]
struct Suppression {
    file: FileId,
    /// The entry the comment ends (or its own line).
    scope: Span,
    codes: Vec<Allowed>,
}

/// Finds the suppression comments of every file of the zone.
fn find(zone: &Zone) -> Vec<Suppression> {
    let mut out = Vec::new();
    let finder = memmem::Finder::new(b"zonelint:");
    for (index, file) in zone.files().iter().enumerate() {
        let text = file.text();
        let mut entries: Option<Vec<Span>> = None;
        for hit in finder.find_iter(text) {
            let line_start = memchr::memrchr(b'\n', &text[..hit]).map_or(0, |i| i + 1);
            let line_end = memchr::memchr(b'\n', &text[hit..]).map_or(text.len(), |i| hit + i);
            // The hit must be inside a comment of that line.
            let parsed = crate::syntax::parse(&text[line_start..line_end]);
            let Some(comment) = parsed.file.tokens.iter().find(|t| {
                t.kind == TokenKind::Comment
                    && (t.span.start as usize + line_start) < hit
                    && hit < t.span.end as usize + line_start
            }) else {
                continue;
            };
            let comment_start = comment.span.start as usize + line_start;
            let comment_end = comment.span.end as usize + line_start;
            let Some(codes) = parse_allow(text, hit + b"zonelint:".len(), comment_end) else {
                continue;
            };
            // Scope: the record entry that contains the comment, else the line.
            let entries = entries.get_or_insert_with(|| entry_spans(zone, index));
            let at = comment_start as u32;
            let i = entries.partition_point(|e| e.start <= at);
            let scope = i
                .checked_sub(1)
                .map(|i| entries[i])
                .filter(|e| e.contains(Span::new(at, at)))
                .unwrap_or(Span::new(line_start as u32, line_end as u32));
            out.push(Suppression {
                file: file.id(),
                scope,
                codes,
            });
        }
    }
    out
}

/// `allow(a, b)` after `zonelint:`; codes with their spans.
fn parse_allow(text: &[u8], from: usize, end: usize) -> Option<Vec<Allowed>> {
    let rest = &text[from..end];
    let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let rest = rest[skip..].strip_prefix(b"allow(")?;
    let open = from + skip + b"allow(".len();
    let close = memchr::memchr(b')', rest)?;
    let mut codes = Vec::new();
    let mut at = open;
    for part in rest[..close].split(|&b| b == b',') {
        let lead = part.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let written = part[lead..].trim_ascii_end();
        // The span covers the bytes as written (a lossy decoding of bytes
        // that are not UTF-8 is longer than they are).
        let code = String::from_utf8_lossy(written).into_owned();
        if !code.is_empty() {
            let start = (at + lead) as u32;
            codes.push(Allowed {
                span: Span::new(start, start + written.len() as u32),
                code,
                used: false,
            });
        }
        at += part.len() + 1;
    }
    Some(codes)
}

/// The entry spans (with their line ends) of the records read from file
/// `index`, sorted.
fn entry_spans(zone: &Zone, index: usize) -> Vec<Span> {
    let file = &zone.files()[index];
    let mut spans: Vec<Span> = zone
        .records()
        .filter(|(_, r)| zone.file_of(r).id() == file.id())
        .map(|(id, _)| zone.entry_lines(id))
        .collect();
    spans.sort();
    spans.dedup();
    spans
}

/// Drops suppressed findings and reports unused suppressions.
pub fn apply(zone: &Zone, diagnostics: Vec<Diagnostic>, selection: &Selection) -> Vec<Diagnostic> {
    let mut suppressions = find(zone);
    if suppressions.is_empty() {
        return diagnostics;
    }
    let mut out: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| {
            if super::lookup(d.code).is_some_and(|m| m.is_refused()) {
                return true;
            }
            let mut silenced = false;
            for s in suppressions.iter_mut().filter(|s| {
                s.file == d.file && s.scope.contains(Span::new(d.span.start, d.span.start))
            }) {
                for allowed in s.codes.iter_mut().filter(|a| a.code == d.code) {
                    allowed.used = true;
                    silenced = true;
                }
            }
            !silenced
        })
        .collect();
    let code = unused_suppression::RULE.meta.name;
    if !selection.is_enabled(code) {
        return out;
    }
    let severity = selection.severity(code, unused_suppression::RULE.meta.severity);
    for s in &suppressions {
        for allowed in s.codes.iter().filter(|a| !a.used) {
            let why = match super::lookup(&allowed.code) {
                None => Unused::Unknown(&allowed.code),
                Some(meta) if meta.name == SYNTAX => Unused::Syntax,
                Some(meta) if meta.is_refused() => Unused::Refused(meta.name),
                // A rule that is switched off may well apply: not reported.
                Some(meta) if !selection.is_enabled(meta.name) => continue,
                Some(_) => Unused::Nothing(&allowed.code),
            };
            out.push(unused(Site::new(s.file, allowed.span), why).with_severity(severity));
        }
    }
    out
}
