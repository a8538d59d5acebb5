//! Gathering a block: each entry becomes lines of pieces (its tokens as
//! written, and the blanks and breaks the layout decides), kept in the
//! block's arena until the block ends.

use super::{drain, Kind, Line, Piece, Printer};
use crate::format::options::Align;
use crate::syntax::{Entry, Item, Token, TokenKind};

impl Printer<'_> {
    // ---- the arena ----

    pub(super) fn piece(&mut self, bytes: &[u8]) -> Piece {
        let start = self.arena.len() as u32;
        self.arena.extend_from_slice(bytes);
        Piece {
            start,
            end: self.arena.len() as u32,
        }
    }

    pub(super) fn piece_upper(&mut self, bytes: &[u8]) -> Piece {
        let p = self.piece(bytes);
        self.arena[p.start as usize..p.end as usize].make_ascii_uppercase();
        p
    }

    /// Value and parenthesis tokens joined by one space, except that values
    /// that touched in the source still touch (`alpn="h2,h3"`).
    pub(super) fn join(&mut self, tokens: &[Token]) -> Piece {
        let start = self.arena.len() as u32;
        let mut prev: Option<Token> = None;
        for &t in tokens
            .iter()
            .filter(|t| !matches!(t.kind, TokenKind::Comment | TokenKind::Newline))
        {
            if let Some(p) = prev {
                if !(p.span.end == t.span.start && p.is_value() && t.is_value()) {
                    self.arena.push(b' ');
                }
            }
            self.arena.extend_from_slice(t.span.slice(self.src));
            prev = Some(t);
        }
        Piece {
            start,
            end: self.arena.len() as u32,
        }
    }

    /// A comment as written, trailing blanks removed.
    pub(super) fn comment(&mut self, t: Token) -> Piece {
        let text = t.span.slice(self.src).trim_ascii_end();
        self.piece(text)
    }

    pub(super) fn push(
        &mut self,
        kind: Kind,
        text: Piece,
        comment: Option<Piece>,
        group: u32,
    ) -> u32 {
        self.block.push(Line {
            kind,
            cols: [Piece::default(); 4],
            text,
            comment,
            group,
        });
        (self.block.len() - 1) as u32
    }

    pub(super) fn group(&mut self) -> u32 {
        self.next_group += 1;
        self.next_group
    }

    // ---- entries ----

    pub(super) fn entry(&mut self, entry: &Entry<'_>) {
        let tokens = entry.tokens;
        match entry.item {
            Item::Empty => {
                let has_values = tokens.iter().any(|t| {
                    matches!(
                        t.kind,
                        TokenKind::Open | TokenKind::Close | TokenKind::Word | TokenKind::Quoted
                    )
                });
                let mut comments = tokens.iter().filter(|t| t.kind == TokenKind::Comment);
                if !has_values {
                    match comments.next() {
                        None => self.blank(),
                        Some(&c) => {
                            let c = self.comment(c);
                            self.push(Kind::Comment { parent: None }, c, None, 0);
                        }
                    }
                    return;
                }
                let text = self.join(tokens);
                let comment = comments.next().map(|&c| self.comment(c));
                self.push(Kind::Directive, text, comment, 0);
            }
            Item::Directive(_) => {
                let text = self.join(tokens);
                // The keyword in capitals: `$ORIGIN`, `$TTL`, ...
                let keyword = &mut self.arena[text.start as usize..text.end as usize];
                let len = keyword
                    .iter()
                    .position(|&b| b == b' ')
                    .unwrap_or(keyword.len());
                keyword[..len].make_ascii_uppercase();
                let comment = tokens
                    .iter()
                    .find(|t| t.kind == TokenKind::Comment)
                    .map(|&c| self.comment(c));
                self.push(Kind::Directive, text, comment, 0);
            }
            Item::Record(ref r) => self.record(entry, r.rtype),
            Item::Invalid => {
                // Not reached: formatting stops at the first error. Keep the
                // text so that nothing is lost if it ever is.
                let end = tokens.last().map_or(entry.span.end, |t| t.span.end);
                self.verbatim(&self.src[entry.span.start as usize..end as usize]);
            }
        }
    }

    // ---- blocks ----

    /// A blank line: it ends the block (or, with file-wide alignment, is
    /// kept inside it). Runs collapse to one; none at the start or end.
    pub(super) fn blank(&mut self) {
        if self.options.align == Align::File && !self.block.is_empty() {
            if self.block.last().is_some_and(|l| l.kind != Kind::Blank) {
                self.push(Kind::Blank, Piece::default(), None, 0);
            }
        } else if !self.block.is_empty() || self.emitted_any() {
            self.flush();
            self.pending_blank = true;
        }
    }

    pub(super) fn verbatim(&mut self, bytes: &[u8]) {
        self.flush();
        if self.pending_blank && self.emitted_any() {
            self.out.extend_from_slice(self.newline);
        }
        self.pending_blank = false;
        self.out.extend_from_slice(bytes);
        if !bytes.ends_with(b"\n") {
            self.out.extend_from_slice(self.newline);
        }
    }

    /// Prints the block gathered so far.
    pub(super) fn flush(&mut self) {
        if self.block.last().is_some_and(|l| l.kind == Kind::Blank) {
            // A blank before what comes next, not at the end of the block.
            self.block.pop();
            self.pending_blank = true;
        }
        if self.block.is_empty() {
            return;
        }
        if self.pending_blank && self.emitted_any() {
            self.out.extend_from_slice(self.newline);
        }
        self.pending_blank = false;
        self.render();
        self.block.clear();
        self.arena.clear();
        self.next_group = 0;
        self.drain();
    }

    /// True once anything was written (kept or, comparing, dropped).
    pub(super) fn emitted_any(&self) -> bool {
        !self.out.is_empty() || self.compare.is_some_and(|c| c.at > 0)
    }

    /// Comparing: compares what was written since the last call with the
    /// input and drops it.
    pub(super) fn drain(&mut self) {
        drain(self.src, &mut self.out, &mut self.compare);
    }
}
