//! Record data: presentation text to wire form and back, per type.
//!
//! Text to wire ([`encode`], in `text`): each type's production reads the
//! value tokens of one record and appends the rdata in uncompressed wire
//! form to an [`RdataBuf`]. Relative domain names are written without
//! their root label and remembered, so the loader can complete them with
//! the origin in effect (the parser resolves nothing). Every error points
//! at the offending token.
//!
//! Wire to text ([`write_presentation`], in `wire`): what `dump` shows,
//! and the validation of RFC 3597 generic data of known types.
//!
//! The types whose presentation has a grammar of its own keep both
//! directions in one module, as the `domain` crate does: `loc`, `svcb`,
//! `dnssec` (RRSIG, NSEC3, NXT), `legacy` (addresses of other networks
//! and old experiments: X25, WKS, APL, GPOS, NSAP, A6, EUI48/64, ILNP,
//! ATMA) and `services` (NAPTR, CAA, CERT, IPSECKEY, AMTRELAY, HIP, DOA,
//! DSYNC). `mnemonics` holds the tables both directions share, `views`
//! the typed views rules read and the names inside data.

mod dnssec;
mod fields;
mod legacy;
mod loc;
mod mnemonics;
mod services;
mod svcb;
mod text;
mod views;
mod wire;
pub(crate) use wire::civil_from_days;

use std::borrow::Cow;
use std::fmt::Write as _;

use data_encoding::HEXUPPER;

use crate::dns::RecordType;
use crate::source::Span;

pub use fields::decode_char_string;
pub use mnemonics::{
    algorithm_from_mnemonic, cert_type_from_mnemonic, digest_from_mnemonic,
    key_flags_from_mnemonics,
};
pub use svcb::{svc_key_from_text, svc_key_name};
pub(crate) use text::show;
pub use views::{canonical, for_each_name, label_text, single_name, Mx, Soa};
pub use wire::write_quoted;

/// One value token of record data: the bytes between the delimiters (for a
/// quoted string, without the quotes), where it is, and whether it was quoted.
#[derive(Clone, Copy, Debug)]
pub struct Field<'a> {
    /// The bytes between the delimiters (a quoted string without its quotes).
    pub text: &'a [u8],
    /// The token.
    pub span: Span,
    /// True when written as a quoted string.
    pub quoted: bool,
}

/// A relative domain name inside encoded rdata, `start..end` in the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelativeName {
    /// Where the name starts in the wire data.
    pub start: u16,
    /// Where it ends (its root label still to be appended).
    pub end: u16,
    /// The token the name was written as.
    pub span: Span,
}

/// Reusable output of the rdata productions.
#[derive(Default, Debug, Clone)]
pub struct RdataBuf {
    /// The data in wire form, relative names without their root label.
    pub wire: Vec<u8>,
    /// The relative names in `wire`, in order.
    pub relative: Vec<RelativeName>,
    /// How the data is held; see [`RdataForm`].
    pub form: RdataForm,
    /// A numeric field whose value does not fit (stored as 0): the record
    /// is kept, and the loader flags it for the rule that reports it, which
    /// can say more than "syntax error" (`mx-preference-range`).
    pub out_of_range: Option<Span>,
}

/// How a record's data is held.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdataForm {
    /// Uncompressed wire format.
    #[default]
    Wire,
    /// A registered type zonelint has no text grammar for: the tokens as
    /// written, joined by single spaces, instead of wire format.
    Opaque,
}

/// Record data as the parser made it, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rdata<'a> {
    /// The data in wire form, relative names without their root label.
    pub wire: &'a [u8],
    /// The relative names in `wire`, in order.
    pub relative: &'a [RelativeName],
    /// How the data is held.
    pub form: RdataForm,
    /// A numeric field out of range (see [`RdataBuf::out_of_range`]).
    pub out_of_range: Option<Span>,
}

impl RdataBuf {
    /// The data, borrowed.
    pub fn as_rdata(&self) -> Rdata<'_> {
        Rdata {
            wire: &self.wire,
            relative: &self.relative,
            form: self.form,
            out_of_range: self.out_of_range,
        }
    }

    /// Empties the buffer for the next record, keeping its memory.
    pub fn clear(&mut self) {
        self.wire.clear();
        self.relative.clear();
        self.form = RdataForm::Wire;
        self.out_of_range = None;
    }
}

/// A record data error on one token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RdataError {
    /// The offending token.
    pub span: Span,
    /// What is wrong with it.
    pub message: Cow<'static, str>,
}

impl RdataError {
    /// An error on `span`.
    pub fn new(span: Span, message: impl Into<Cow<'static, str>>) -> Self {
        RdataError {
            span,
            message: message.into(),
        }
    }
}

/// The outcome of a record data production.
pub type Result<T> = std::result::Result<T, RdataError>;

/// Encodes the record data of `rtype` from `fields` into `out`.
/// `end` is where a missing field is reported (the last token of the record).
pub fn encode(
    rtype: RecordType,
    fields: &[Field<'_>],
    end: Span,
    out: &mut RdataBuf,
) -> Result<()> {
    out.clear();
    if rtype.is_meta() {
        let span = fields.first().map_or(end, |f| f.span);
        return Err(RdataError::new(
            span,
            format!("{rtype} is a meta or query type and cannot appear in a zone file"),
        ));
    }
    let mut e = text::Encoder {
        fields,
        pos: 0,
        end,
        out,
        rtype,
    };
    // RFC 3597 `\# <length> <hex>`. As in BIND, `\#` followed by anything
    // but a number is ordinary data (a TXT string "#").
    if let [first, second, ..] = fields {
        if !first.quoted && first.text == b"\\#" && second.text.iter().all(u8::is_ascii_digit) {
            return e.generic();
        }
    } else if let [first] = fields {
        if !first.quoted && first.text == b"\\#" {
            return e.generic();
        }
    }
    e.dispatch()?;
    e.finish()
}

/// Why wire data does not fit its type.
pub type WireError = &'static str;

/// The outcome of printing one field or record.
pub(crate) type WireResult = std::result::Result<(), WireError>;

/// Checks that `wire` is well-formed rdata of `rtype` (used for RFC 3597
/// `\#` data of known types, so typed views never see malformed data).
pub fn check_wire(rtype: RecordType, wire: &[u8]) -> WireResult {
    let mut sink = String::new();
    match wire::print(rtype, wire, &mut sink) {
        Err(wire::NO_FORMAT) => Ok(()), // any octets are valid data of a type without a grammar
        other => other,
    }
}

/// Appends the presentation form of `wire` as `rtype` rdata. Data that does
/// not parse as its type is shown in RFC 3597 form (`\# len hex`).
pub fn write_presentation(rtype: RecordType, wire: &[u8], out: &mut String) {
    let at = out.len();
    if wire::print(rtype, wire, out).is_err() {
        out.truncate(at);
        write_generic(wire, out);
    }
}

/// RFC 3597 §5 generic form.
pub fn write_generic(wire: &[u8], out: &mut String) {
    let _ = write!(out, "\\# {}", wire.len());
    if !wire.is_empty() {
        out.push(' ');
        out.push_str(&HEXUPPER.encode(wire));
    }
}

#[cfg(test)]
mod tests;
