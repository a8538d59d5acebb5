//! Back from the model to the text: where a record was written, its tokens
//! (owner, TTL, class, type, each data field, comments), and the sites
//! findings and fixes point at. Only the record's own entry is read again.

use super::{record_flags, RecordId, Zone};
use crate::diagnostic::Edit;
use crate::source::{Site, Span};
use crate::syntax::{Layout, Parser, Token, TokenKind};

/// The value tokens of a record as written, for precise labels and fixes.
#[derive(Debug, Clone, Default)]
pub struct RecordSyntax {
    /// The owner token, unless the owner was blank.
    pub owner: Option<Span>,
    /// The TTL token, when written.
    pub ttl: Option<Span>,
    /// The class token, when written.
    pub class: Option<Span>,
    /// The type token.
    pub rtype: Option<Span>,
    /// Value tokens of the data (for `$GENERATE`, the right-hand side).
    pub rdata: Vec<Span>,
    /// Every comment of the entry, in order (the last is usually at the
    /// end of the entry's last line).
    pub comments: Vec<Span>,
}

impl Zone {
    /// True when a later entry may inherit this record's owner: the next
    /// record (comment and blank lines and directives that keep the owner
    /// skipped) has a blank owner, or a broken entry or an `$INCLUDE` comes
    /// first (which owner they leave is not worth guessing: a fix that
    /// deletes the record is withheld).
    pub fn next_entry_inherits_owner(&self, id: RecordId) -> bool {
        let record = self.record(id);
        let text = self.file_of(record).text();
        let (_, after) = crate::syntax::entry_extent(text, record.start as usize);
        if after >= text.len() {
            return false;
        }
        let mut parser = Parser::fragment(&text[after..]);
        while let Some(entry) = parser.next_entry() {
            use crate::syntax::{Directive, Item, Owner};
            match entry.item {
                Item::Empty => continue,
                Item::Record(r) => return r.owner == Owner::Blank,
                Item::Directive(Directive::Include { .. }) | Item::Invalid => return true,
                // $ORIGIN, $TTL, $GENERATE, $DATE keep the current owner.
                Item::Directive(_) => continue,
            }
        }
        false
    }

    /// The edit that deletes record `id`'s entry (its comments kept, each
    /// on its own line), when that changes no other record: not a record of
    /// `$GENERATE`, not an owner the next entry inherits, not an explicit
    /// TTL that later records default to (RFC 1035 §5.1, without `$TTL`).
    pub fn deletion_edit(&self, id: RecordId) -> Option<Edit> {
        let record = self.record(id);
        if record.has(record_flags::GENERATED) {
            return None;
        }
        let syntax = self.record_syntax(id);
        if syntax.owner.is_some() && self.next_entry_inherits_owner(id) {
            return None;
        }
        if syntax.ttl.is_some() && !record.has(record_flags::DEFAULT_TTL) {
            return None;
        }
        let lines = self.entry_lines(id);
        let text = self.file_of(record).text();
        let newline = if lines.slice(text).ends_with(b"\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let ends_with_newline = lines.slice(text).ends_with(b"\n");
        let mut content = String::new();
        for (i, c) in syntax.comments.iter().enumerate() {
            if i > 0 {
                content.push_str(newline);
            }
            content.push_str(&String::from_utf8_lossy(c.slice(text)));
        }
        if !content.is_empty() && ends_with_newline {
            content.push_str(newline);
        }
        Some(Edit::replace(
            Site::new(self.file_id(record), lines),
            content,
        ))
    }

    /// The byte range of a record's whole entry: from the start of its
    /// first line to the end of its last line, line end included.
    pub fn entry_lines(&self, id: RecordId) -> Span {
        let record = self.record(id);
        let text = self.file_of(record).text();
        let (_, end) = crate::syntax::entry_extent(text, record.start as usize);
        Span::new(record.start, end as u32)
    }

    /// The span of a record's entry: from the start of its first line to
    /// the end of its last token (for `$GENERATE`, the directive's).
    pub fn record_span(&self, record: &super::Record) -> Span {
        let text = self.file_of(record).text();
        let (end, _) = crate::syntax::entry_extent(text, record.start as usize);
        Span::new(record.start, end as u32)
    }

    /// The record's entry, as a site.
    pub fn record_site(&self, id: RecordId) -> Site {
        let record = self.record(id);
        Site::new(self.file_id(record), self.record_span(record))
    }

    /// The record's type token (its entry when there is none to show).
    pub fn type_site(&self, id: RecordId) -> Site {
        let site = self.record_site(id);
        match self.record_syntax(id).rtype {
            Some(span) => Site::new(site.file, span),
            None => site,
        }
    }

    /// The record's owner token (its entry when the owner was blank).
    pub fn owner_site(&self, id: RecordId) -> Site {
        let site = self.record_site(id);
        match self.record_syntax(id).owner {
            Some(span) => Site::new(site.file, span),
            None => site,
        }
    }

    /// The `field`th value token of the record's data (0-based); for a
    /// record made by `$GENERATE`, whose data is one template, that
    /// template; the entry when the data has no token.
    pub fn rdata_site(&self, id: RecordId, field: usize) -> Site {
        let site = self.record_site(id);
        let rdata = self.record_syntax(id).rdata;
        match rdata.get(field).or(rdata.last()) {
            Some(&span) => Site::new(site.file, span),
            None => site,
        }
    }

    /// The tokens of a record as written. Re-reads only this record's entry.
    pub fn record_syntax(&self, id: RecordId) -> RecordSyntax {
        let record = self.record(id);
        let text = self.file_of(record).text();
        let start = record.start as usize;
        let (_, end) = crate::syntax::entry_extent(text, start);
        let mut parser = Parser::fragment(&text[start..end]);
        let Some(entry) = parser.next_entry() else {
            return RecordSyntax::default();
        };
        let shift = |s: Span| Span::new(s.start + record.start, s.end + record.start);
        let tokens: &[Token] = entry.tokens;
        let Layout {
            owner,
            ttl,
            class,
            rtype,
        } = entry.layout;
        let at = |i: Option<u32>| i.map(|i| shift(tokens[i as usize].span));
        let values: Vec<Span> = match rtype {
            Some(t) => tokens[t as usize + 1..]
                .iter()
                .filter(|t| t.is_value())
                .map(|t| shift(t.span))
                .collect(),
            None => Vec::new(),
        };
        let comments = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Comment)
            .map(|t| shift(t.span))
            .collect();
        let (owner, rdata) = if record.has(record_flags::GENERATED) {
            // $GENERATE range lhs ... type rhs: the lhs is the owner template,
            // the rhs carries every data field.
            let vals: Vec<&Token> = tokens.iter().filter(|t| t.is_value()).collect();
            (
                vals.get(2).map(|t| shift(t.span)),
                values.last().copied().into_iter().collect(),
            )
        } else {
            (at(owner), values)
        };
        RecordSyntax {
            owner,
            ttl: at(ttl),
            class: at(class),
            rtype: at(rtype),
            rdata,
            comments,
        }
    }
}
