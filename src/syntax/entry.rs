//! Entry productions (RFC 1035 §5.1): `owner`, `ttl`, `class`, `rr_type`
//! and record data (the `$` directives are in `directive`).

use super::directive::is_directive_keyword;
use super::item::{NameAt, OwnedItem};
use super::{Layout, SyntaxError, Token, TokenKind};
use crate::dns::name::parse_presentation;
use crate::dns::rdata::{self, show, Field, RdataBuf};
use crate::dns::{looks_like_ttl, parse_ttl, Class, RecordType, MAX_TTL};
use crate::source::Span;

/// The context of one entry's productions.
pub(super) struct Cx<'c, 'a> {
    pub src: &'a [u8],
    pub tokens: &'c [Token],
    /// Indices of the value tokens in `tokens`.
    pub values: &'c [u32],
    pub line_start: u32,
    pub fields: &'c mut Vec<Field<'a>>,
    pub names: &'c mut Vec<u8>,
    pub rdata: &'c mut RdataBuf,
    pub errors: &'c mut Vec<SyntaxError>,
    pub layout: Layout,
}

/// Marks a production that failed after recording its error.
#[derive(Debug)]
pub(super) struct Reported;

pub(super) type Fail = Reported;

impl<'a> Cx<'_, 'a> {
    pub(super) fn token(&self, value: usize) -> Token {
        self.tokens[self.values[value] as usize]
    }

    pub(super) fn text(&self, value: usize) -> &'a [u8] {
        let src: &'a [u8] = self.src;
        self.token(value).value(src)
    }

    pub(super) fn span(&self, value: usize) -> Span {
        self.token(value).span
    }

    pub(super) fn error(&mut self, error: SyntaxError) -> Fail {
        self.errors.push(error);
        Reported
    }

    /// The entry production: empty line, directive, or record.
    pub(super) fn entry(&mut self) -> OwnedItem {
        self.names.clear();
        self.rdata.clear();
        if self.values.is_empty() {
            return OwnedItem::Empty;
        }
        let first = self.token(0);
        let at_line_start = first.span.start == self.line_start;
        if at_line_start && first.kind == TokenKind::Word && self.text(0).first() == Some(&b'$') {
            return self.directive().unwrap_or(OwnedItem::Invalid);
        }
        if !at_line_start && first.kind == TokenKind::Word && is_directive_keyword(self.text(0)) {
            self.error(
                SyntaxError::new(first.span, format!("`{}` is indented", show(self.text(0))))
                    .with_help("directives must start at the beginning of the line"),
            );
            return OwnedItem::Invalid;
        }
        self.record(at_line_start).unwrap_or(OwnedItem::Invalid)
    }

    /// A domain name token into the name buffer.
    pub(super) fn name(&mut self, value: usize, what: &str) -> Result<NameAt, Fail> {
        let tok = self.token(value);
        let text = self.text(value);
        if tok.kind == TokenKind::Quoted {
            return Err(self.error(SyntaxError::new(
                tok.span,
                format!("{what} cannot be a quoted string"),
            )));
        }
        if text == b"@" {
            return Ok(NameAt::Origin);
        }
        let start = self.names.len();
        match parse_presentation(text, self.names) {
            Ok(form) => Ok(NameAt::wire(start..self.names.len(), form)),
            Err(e) => Err(self.error(SyntaxError::new(
                tok.span,
                format!("invalid {what} `{}`: {e}", show(text)),
            ))),
        }
    }

    /// A TTL token, with the RFC 2181 §8 ceiling.
    pub(super) fn ttl(&mut self, value: usize) -> Result<u32, Fail> {
        let span = self.span(value);
        let text = self.text(value);
        match parse_ttl(text) {
            Ok(ttl) if ttl > MAX_TTL => {
                self.errors.push(
                    SyntaxError::new(
                        span,
                        format!(
                            "TTL {ttl} is larger than {MAX_TTL} (RFC 2181 §8); it is treated as 0"
                        ),
                    )
                    .with_help("use a TTL of at most 2147483647 seconds")
                    .warning(crate::diagnostic::codes::TTL_OUT_OF_RANGE),
                );
                Ok(0)
            }
            Ok(ttl) => Ok(ttl),
            Err(e) => Err(self.error(SyntaxError::new(
                span,
                format!("invalid TTL `{}`: {e}", show(text)),
            ))),
        }
    }

    /// `[owner] [ttl] [class] type rdata` with TTL and class in either order.
    fn record(&mut self, has_owner: bool) -> Result<OwnedItem, Fail> {
        let mut i = 0;
        let owner = if has_owner {
            self.layout.owner = Some(self.values[0]);
            i = 1;
            Some(self.name(0, "owner name")?)
        } else {
            None
        };
        let (ttl, class, next) = self.ttl_class(i)?;
        i = next;
        let Some(type_tok) = (i < self.values.len()).then(|| self.token(i)) else {
            let span = self.token(self.values.len() - 1).span;
            return Err(self.error(SyntaxError::new(span, "record has no type").with_help(
                "a record is `[owner] [TTL] [class] TYPE data`, for example `www 3600 IN A 192.0.2.1`",
            )));
        };
        let text = self.text(i);
        let rtype = match RecordType::from_text(text).filter(|_| type_tok.kind == TokenKind::Word) {
            Some(t) => t,
            None => return Err(self.unknown_type(i, has_owner)),
        };
        self.layout.rtype = Some(self.values[i]);
        // Record data.
        let src: &'a [u8] = self.src;
        self.fields.clear();
        for &v in &self.values[i + 1..] {
            let tok = self.tokens[v as usize];
            self.fields.push(Field {
                text: tok.value(src),
                span: tok.span,
                quoted: tok.kind == TokenKind::Quoted,
            });
        }
        let end = self.fields.last().map_or(type_tok.span, |f| f.span);
        if let Err(e) = rdata::encode(rtype, self.fields, end, self.rdata) {
            let mut error = SyntaxError::new(e.span, e.message);
            if (rtype == RecordType::TXT || rtype == RecordType::SPF)
                && error.message.contains("255")
            {
                error = error.with_help(
                    "a TXT record can hold several strings: \"first part\" \"second part\"",
                );
            }
            return Err(self.error(error));
        }
        Ok(OwnedItem::Record {
            owner,
            ttl,
            class,
            rtype,
        })
    }

    /// Up to one TTL and one class, in either order, from value `i`.
    pub(super) fn ttl_class(
        &mut self,
        mut i: usize,
    ) -> Result<(Option<u32>, Option<Class>, usize), Fail> {
        let (mut ttl, mut class) = (None, None);
        while i < self.values.len() && self.token(i).kind == TokenKind::Word {
            let text = self.text(i);
            if class.is_none() {
                if let Some(c) = Class::from_text(text) {
                    class = Some(c);
                    self.layout.class = Some(self.values[i]);
                    i += 1;
                    continue;
                }
            }
            if ttl.is_none() && looks_like_ttl(text) {
                ttl = Some(self.ttl(i)?);
                self.layout.ttl = Some(self.values[i]);
                i += 1;
                continue;
            }
            break;
        }
        Ok((ttl, class, i))
    }

    pub(super) fn unknown_type(&mut self, i: usize, has_owner: bool) -> Fail {
        let span = self.span(i);
        let text = self.text(i);
        let shown = show(text);
        let upper = text.to_ascii_uppercase();
        let error = if self.token(i).kind == TokenKind::Quoted {
            SyntaxError::new(
                span,
                format!("expected a record type, found the quoted string `{shown}`"),
            )
        } else if looks_like_ttl(text) {
            // A second TTL, or a TTL with a bad unit.
            match parse_ttl(text) {
                Err(e) => SyntaxError::new(span, format!("invalid TTL `{shown}`: {e}")),
                Ok(_) => SyntaxError::new(
                    span,
                    format!("expected a record type, found a second TTL `{shown}`"),
                ),
            }
        } else if upper == b"NONE" || upper == b"ANY" {
            SyntaxError::new(
                span,
                format!("class {shown} is for queries and updates, not zone files"),
            )
        } else if Class::from_text(text).is_some() {
            SyntaxError::new(
                span,
                format!("expected a record type, found a second class `{shown}`"),
            )
        } else if VENDOR_TYPES.iter().any(|v| v.as_bytes() == upper) {
            SyntaxError::new(span, format!("unknown record type `{shown}`"))
                .with_help("this is a provider-specific or draft pseudo-type, not a DNS record type; BIND and Knot refuse it")
        } else {
            let e = SyntaxError::new(span, format!("unknown record type `{shown}`"));
            if !has_owner
                && i == 0
                && self.values.len() >= 2
                && RecordType::from_text(self.text(1)).is_some()
            {
                e.with_help(format!(
                    "this line starts with a blank, so it continues the previous owner; to make `{shown}` the owner, start the line with it"
                ))
            } else {
                e.with_help("use a registered mnemonic (A, MX, TXT, ...) or TYPEnnn with `\\# length hex` data (RFC 3597)")
            }
        };
        self.error(error)
    }
}

/// Pseudo-types of DNS providers and drafts, named in a dedicated message.
const VENDOR_TYPES: &[&str] = &[
    "ALIAS",
    "ANAME",
    "DELEG",
    "DELEGPARAM",
    "LUA",
    "FORWARD",
    "REDIRECT",
    "URL",
    "URLFWD",
    "FRAME",
];
