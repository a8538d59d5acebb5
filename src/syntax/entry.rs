//! Entry productions (RFC 1035 §5.1): `owner`, `ttl`, `class`, `rr_type`,
//! record data, and the `$` directives.

use std::ops::Range as ByteRange;

use super::generate::{parse_range, Range, Template};
use super::rdata::{self, show, Field, Rdata, RdataBuf};
use super::{Layout, SyntaxError, Token, TokenKind};
use crate::dns::name::{parse_presentation, Form};
use crate::dns::{looks_like_ttl, parse_ttl, Class, RecordType, MAX_TTL};
use crate::source::Span;

/// A domain name as written: `@`, or labels in wire form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameText<'p> {
    /// `@`: the current origin.
    Origin,
    /// Wire form ending with the root label.
    Absolute(&'p [u8]),
    /// Wire-form labels without the root label; the origin completes them.
    Relative(&'p [u8]),
}

/// The owner field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner<'p> {
    /// The line starts with a blank: the previous owner (RFC 1035 §5.1).
    Blank,
    Name(NameText<'p>),
}

/// A resource record as written.
#[derive(Debug, Clone, Copy)]
pub struct RecordItem<'p> {
    pub owner: Owner<'p>,
    pub ttl: Option<u32>,
    pub class: Option<Class>,
    pub rtype: RecordType,
    pub rdata: Rdata<'p>,
}

/// `$GENERATE range lhs [ttl] [class] type rhs`.
#[derive(Debug, Clone)]
pub struct GenerateItem {
    pub range: Range,
    pub range_span: Span,
    pub lhs: Template,
    pub lhs_span: Span,
    pub ttl: Option<u32>,
    pub class: Option<Class>,
    pub rtype: RecordType,
    pub rhs: Template,
    pub rhs_span: Span,
}

/// A `$` directive.
#[derive(Debug, Clone)]
pub enum Directive<'p> {
    /// `$ORIGIN name`.
    Origin { name: NameText<'p>, span: Span },
    /// `$TTL ttl` (RFC 2308 §4).
    Ttl { value: u32, span: Span },
    /// `$INCLUDE file [origin]`.
    Include {
        path: &'p [u8],
        path_span: Span,
        origin: Option<(NameText<'p>, Span)>,
    },
    /// BIND's `$GENERATE`.
    Generate(&'p GenerateItem),
    /// BIND's `$DATE` (time of a zone dump): checked, then ignored.
    Date,
}

/// What an entry holds.
#[derive(Debug, Clone)]
pub enum Item<'p> {
    /// A blank line, or a comment only.
    Empty,
    Record(RecordItem<'p>),
    Directive(Directive<'p>),
    /// The entry has a syntax error (reported separately).
    Invalid,
}

impl Item<'_> {
    /// Appends a canonical encoding of what the item says: the written
    /// owner, TTL, class, type and record data, or the directive and its
    /// arguments; not where or how it is laid out. Two items with equal
    /// fingerprints load identically.
    pub fn fingerprint(&self, out: &mut Vec<u8>) {
        fn name(n: NameText<'_>, out: &mut Vec<u8>) {
            match n {
                NameText::Origin => out.push(0),
                NameText::Absolute(w) => {
                    out.push(1);
                    out.extend_from_slice(w);
                }
                NameText::Relative(w) => {
                    out.push(2);
                    out.extend_from_slice(&(w.len() as u16).to_be_bytes());
                    out.extend_from_slice(w);
                }
            }
        }
        fn opt<T: Copy>(v: Option<T>, out: &mut Vec<u8>, f: impl Fn(T) -> Vec<u8>) {
            match v {
                None => out.push(0),
                Some(v) => {
                    out.push(1);
                    out.extend(f(v));
                }
            }
        }
        let sized = |bytes: &[u8], out: &mut Vec<u8>| {
            out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
            out.extend_from_slice(bytes);
        };
        match self {
            Item::Empty => out.push(b'E'),
            Item::Invalid => out.push(b'I'),
            Item::Record(r) => {
                out.push(b'R');
                match r.owner {
                    Owner::Blank => out.push(9),
                    Owner::Name(n) => name(n, out),
                }
                opt(r.ttl, out, |t| t.to_be_bytes().to_vec());
                opt(r.class, out, |c| c.0.to_be_bytes().to_vec());
                out.extend_from_slice(&r.rtype.0.to_be_bytes());
                out.push(r.rdata.form as u8);
                out.push(u8::from(r.rdata.out_of_range.is_some()));
                sized(r.rdata.wire, out);
                for rel in r.rdata.relative {
                    out.extend_from_slice(&rel.start.to_be_bytes());
                    out.extend_from_slice(&rel.end.to_be_bytes());
                }
            }
            Item::Directive(Directive::Origin { name: n, .. }) => {
                out.push(b'O');
                name(*n, out);
            }
            Item::Directive(Directive::Ttl { value, .. }) => {
                out.push(b'T');
                out.extend_from_slice(&value.to_be_bytes());
            }
            Item::Directive(Directive::Include { path, origin, .. }) => {
                out.push(b'N');
                sized(path, out);
                match origin {
                    None => out.push(8),
                    Some((n, _)) => name(*n, out),
                }
            }
            Item::Directive(Directive::Generate(g)) => {
                out.push(b'G');
                out.extend(
                    format!(
                        "{:?}{:?}{:?}{:?}{:?}{:?}",
                        g.range, g.lhs, g.ttl, g.class, g.rtype, g.rhs
                    )
                    .bytes(),
                );
            }
            Item::Directive(Directive::Date) => out.push(b'D'),
        }
    }
}

/// A byte range `start..end` of a buffer the item does not own.
pub(crate) type Bytes = (u32, u32);

/// A name as the parser stored it: `@`, or wire-form labels in a range of
/// a byte buffer.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NameAt {
    Origin,
    Absolute(Bytes),
    Relative(Bytes),
}

impl NameAt {
    fn wire(range: ByteRange<usize>, form: Form) -> NameAt {
        let r = (range.start as u32, range.end as u32);
        match form {
            Form::Absolute => NameAt::Absolute(r),
            Form::Relative => NameAt::Relative(r),
        }
    }

    #[inline]
    fn resolve(self, bytes: &[u8]) -> NameText<'_> {
        let at = |(s, e): Bytes| &bytes[s as usize..e as usize];
        match self {
            NameAt::Origin => NameText::Origin,
            NameAt::Absolute(r) => NameText::Absolute(at(r)),
            NameAt::Relative(r) => NameText::Relative(at(r)),
        }
    }

    fn shift(self, by: u32) -> NameAt {
        match self {
            NameAt::Origin => NameAt::Origin,
            NameAt::Absolute((s, e)) => NameAt::Absolute((s + by, e + by)),
            NameAt::Relative((s, e)) => NameAt::Relative((s + by, e + by)),
        }
    }
}

/// What an entry holds, owning nothing borrowed: its names and paths are
/// ranges of a byte buffer and a record's data is in buffers of its own.
/// The parser keeps one per entry over its per-entry buffers; a
/// [`super::batch::Batch`] keeps many over its arenas. [`Item`] is the
/// borrowed view both give out.
#[derive(Debug, Clone)]
pub(crate) enum OwnedItem {
    Empty,
    Invalid,
    Record {
        owner: Option<NameAt>,
        ttl: Option<u32>,
        class: Option<Class>,
        rtype: RecordType,
    },
    Origin(NameAt, Span),
    Ttl(u32, Span),
    Include {
        path: Bytes,
        path_span: Span,
        origin: Option<(NameAt, Span)>,
    },
    Generate(Box<GenerateItem>),
    Date,
}

impl OwnedItem {
    /// The item, with its names in `bytes` and a record's data `rdata`.
    #[inline]
    pub(crate) fn resolve<'p>(&'p self, bytes: &'p [u8], rdata: Rdata<'p>) -> Item<'p> {
        match self {
            OwnedItem::Empty => Item::Empty,
            OwnedItem::Invalid => Item::Invalid,
            OwnedItem::Record {
                owner,
                ttl,
                class,
                rtype,
            } => Item::Record(RecordItem {
                owner: owner.map_or(Owner::Blank, |n| Owner::Name(n.resolve(bytes))),
                ttl: *ttl,
                class: *class,
                rtype: *rtype,
                rdata,
            }),
            OwnedItem::Origin(name, span) => Item::Directive(Directive::Origin {
                name: name.resolve(bytes),
                span: *span,
            }),
            OwnedItem::Ttl(value, span) => Item::Directive(Directive::Ttl {
                value: *value,
                span: *span,
            }),
            OwnedItem::Include {
                path,
                path_span,
                origin,
            } => Item::Directive(Directive::Include {
                path: &bytes[path.0 as usize..path.1 as usize],
                path_span: *path_span,
                origin: origin.map(|(n, s)| (n.resolve(bytes), s)),
            }),
            OwnedItem::Generate(g) => Item::Directive(Directive::Generate(g)),
            OwnedItem::Date => Item::Directive(Directive::Date),
        }
    }

    /// The same item with its byte ranges moved `by` bytes on (its bytes
    /// copied to that offset of another buffer).
    pub(crate) fn shifted(&self, by: u32) -> OwnedItem {
        match self {
            OwnedItem::Record {
                owner,
                ttl,
                class,
                rtype,
            } => OwnedItem::Record {
                owner: owner.map(|n| n.shift(by)),
                ttl: *ttl,
                class: *class,
                rtype: *rtype,
            },
            OwnedItem::Origin(name, span) => OwnedItem::Origin(name.shift(by), *span),
            OwnedItem::Include {
                path,
                path_span,
                origin,
            } => OwnedItem::Include {
                path: (path.0 + by, path.1 + by),
                path_span: *path_span,
                origin: origin.map(|(n, s)| (n.shift(by), s)),
            },
            other => other.clone(),
        }
    }
}

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
struct Reported;

type Fail = Reported;

impl<'a> Cx<'_, 'a> {
    fn token(&self, value: usize) -> Token {
        self.tokens[self.values[value] as usize]
    }

    fn text(&self, value: usize) -> &'a [u8] {
        let src: &'a [u8] = self.src;
        self.token(value).value(src)
    }

    fn span(&self, value: usize) -> Span {
        self.token(value).span
    }

    fn error(&mut self, error: SyntaxError) -> Fail {
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
    fn name(&mut self, value: usize, what: &str) -> Result<NameAt, Fail> {
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
    fn ttl(&mut self, value: usize) -> Result<u32, Fail> {
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
    fn ttl_class(&mut self, mut i: usize) -> Result<(Option<u32>, Option<Class>, usize), Fail> {
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

    fn unknown_type(&mut self, i: usize, has_owner: bool) -> Fail {
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

    fn expect_args(&mut self, min: usize, max: usize, usage: &'static str) -> Result<(), Fail> {
        let n = self.values.len() - 1;
        if n < min {
            let span = self.span(0);
            return Err(self.error(
                SyntaxError::new(
                    span,
                    format!("`{}` is missing its argument", show(self.text(0))),
                )
                .with_help(usage),
            ));
        }
        if n > max {
            let span = self.span(max + 1);
            return Err(self.error(
                SyntaxError::new(
                    span,
                    format!(
                        "unexpected `{}` after `{}`",
                        show(self.text(max + 1)),
                        show(self.text(0))
                    ),
                )
                .with_help(usage),
            ));
        }
        Ok(())
    }

    fn directive(&mut self) -> Result<OwnedItem, Fail> {
        let keyword = self.text(0).to_ascii_uppercase();
        match keyword.as_slice() {
            b"$ORIGIN" => {
                self.expect_args(1, 1, "usage: $ORIGIN <domain-name>")?;
                let name = self.name(1, "origin")?;
                Ok(OwnedItem::Origin(name, self.span(1)))
            }
            b"$TTL" => {
                self.expect_args(1, 1, "usage: $TTL <ttl>, for example `$TTL 1h`")?;
                let value = self.ttl(1)?;
                Ok(OwnedItem::Ttl(value, self.span(1)))
            }
            b"$INCLUDE" => {
                self.expect_args(1, 2, "usage: $INCLUDE <file-name> [<domain-name>]")?;
                let raw = self.text(1);
                let start = self.names.len();
                let Some(path) = rdata::decode_char_string(raw) else {
                    let span = self.span(1);
                    return Err(self.error(SyntaxError::new(span, "invalid escape in file name")));
                };
                self.names.extend_from_slice(&path);
                let path_range = start..self.names.len();
                let origin = if self.values.len() > 2 {
                    Some((self.name(2, "origin")?, self.span(2)))
                } else {
                    None
                };
                Ok(OwnedItem::Include {
                    path: (path_range.start as u32, path_range.end as u32),
                    path_span: self.span(1),
                    origin,
                })
            }
            b"$GENERATE" => self.generate(),
            b"$DATE" => {
                self.expect_args(1, 1, "usage: $DATE YYYYMMDDHHMMSS")?;
                let text = self.text(1);
                if text.len() != 14 || !text.iter().all(u8::is_ascii_digit) {
                    let span = self.span(1);
                    return Err(self.error(SyntaxError::new(
                        span,
                        "invalid $DATE: expected YYYYMMDDHHMMSS",
                    )));
                }
                Ok(OwnedItem::Date)
            }
            _ => {
                let span = self.span(0);
                Err(self.error(
                    SyntaxError::new(span, format!("unknown directive `{}`", show(self.text(0))))
                        .with_help("the directives are $ORIGIN, $TTL, $INCLUDE and $GENERATE"),
                ))
            }
        }
    }

    /// `$GENERATE range lhs [ttl] [class] type rhs`.
    fn generate(&mut self) -> Result<OwnedItem, Fail> {
        const USAGE: &str = "usage: $GENERATE <start>-<stop>[/<step>] <lhs> [<ttl>] [<class>] <type> <rhs>; quote the rhs if it has spaces";
        if self.values.len() < 5 {
            let span = self.span(self.values.len() - 1);
            return Err(self.error(SyntaxError::new(span, "incomplete $GENERATE").with_help(USAGE)));
        }
        let range_span = self.span(1);
        let range =
            parse_range(self.text(1)).map_err(|m| self.error(SyntaxError::new(range_span, m)))?;
        let lhs_span = self.span(2);
        let lhs =
            Template::parse(self.text(2)).map_err(|m| self.error(SyntaxError::new(lhs_span, m)))?;
        let (ttl, class, i) = self.ttl_class(3)?;
        if i >= self.values.len() {
            let span = self.span(self.values.len() - 1);
            return Err(self.error(SyntaxError::new(span, "incomplete $GENERATE").with_help(USAGE)));
        }
        let rtype = match RecordType::from_text(self.text(i)) {
            Some(t) if t.is_meta() => {
                let span = self.span(i);
                return Err(self.error(SyntaxError::new(
                    span,
                    format!("$GENERATE cannot create meta type {t} records"),
                )));
            }
            Some(t) => t,
            None => return Err(self.unknown_type(i, true)),
        };
        self.layout.rtype = Some(self.values[i]);
        if i + 1 >= self.values.len() {
            let span = self.span(i);
            return Err(self.error(
                SyntaxError::new(span, "$GENERATE is missing its right-hand side").with_help(USAGE),
            ));
        }
        if i + 2 < self.values.len() {
            let span = self.span(i + 2);
            return Err(self.error(
                SyntaxError::new(
                    span,
                    format!(
                        "unexpected `{}` after the $GENERATE right-hand side",
                        show(self.text(i + 2))
                    ),
                )
                .with_help(USAGE),
            ));
        }
        let rhs_span = self.span(i + 1);
        let rhs = Template::parse(self.text(i + 1))
            .map_err(|m| self.error(SyntaxError::new(rhs_span, m)))?;
        Ok(OwnedItem::Generate(Box::new(GenerateItem {
            range,
            range_span,
            lhs,
            lhs_span,
            ttl,
            class,
            rtype,
            rhs,
            rhs_span,
        })))
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

fn is_directive_keyword(text: &[u8]) -> bool {
    const KEYWORDS: &[&[u8]] = &[b"$ORIGIN", b"$TTL", b"$INCLUDE", b"$GENERATE"];
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(text))
}
