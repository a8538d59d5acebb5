//! Text to wire: the cursor over a record's value tokens, the field
//! productions every type shares, and the dispatch from type to
//! production.

use super::fields;
use super::{dnssec, legacy, loc, services, svcb};
use super::{Field, RdataBuf, RdataError, RdataForm, RelativeName, Result};
use crate::dns::RecordType;
use crate::source::Span;

/// Cursor over the value tokens of one record, writing to an [`RdataBuf`].
pub(crate) struct Encoder<'f, 'a> {
    pub(super) fields: &'f [Field<'a>],
    pub(super) pos: usize,
    pub(super) end: Span,
    pub(super) out: &'f mut RdataBuf,
    pub(super) rtype: RecordType,
}

impl<'f, 'a> Encoder<'f, 'a> {
    pub(super) fn dispatch(&mut self) -> Result<()> {
        use RecordType as T;
        match self.rtype {
            T::A => self.ipv4("address"),
            T::AAAA => self.ipv6("address"),
            T::NS => self.name("name server"),
            T::CNAME | T::DNAME => self.name("target"),
            T::PTR => self.name("target"),
            T::MB | T::MG | T::MR | T::NSAP_PTR => self.name("name"),
            T::MX => {
                // `MX mail.example.com.`: the one field is the exchange,
                // the preference is what is missing.
                if let [only] = &self.fields[self.pos..] {
                    if !only.text.first().is_some_and(u8::is_ascii_digit) {
                        return Err(RdataError::new(
                            only.span,
                            format!(
                                "MX record is missing its preference: write a number before the exchange `{}`",
                                show(only.text)
                            ),
                        ));
                    }
                }
                self.lenient_u16("preference")?;
                self.name("exchange")
            }
            T::AFSDB => {
                self.u16("subtype")?;
                self.name("hostname")
            }
            T::RT | T::KX => {
                self.u16("preference")?;
                self.name("host")
            }
            T::LP => {
                self.u16("preference")?;
                self.name("FQDN")
            }
            T::SOA => {
                self.name("primary name server (MNAME)")?;
                self.name("responsible mailbox (RNAME)")?;
                self.u32("serial")?;
                self.ttl_field("refresh")?;
                self.ttl_field("retry")?;
                self.ttl_field("expire")?;
                self.ttl_field("minimum").map(drop)
            }
            T::TXT | T::SPF | T::AVC | T::NINFO | T::RESINFO | T::WALLET => self.strings("text"),
            T::HINFO => {
                self.string("CPU")?;
                self.string("OS")
            }
            T::MINFO => {
                self.name("responsible mailbox")?;
                self.name("error mailbox")
            }
            T::RP => {
                self.name("mailbox")?;
                self.name("TXT name")
            }
            T::TALINK => {
                self.name("previous name")?;
                self.name("next name")
            }
            T::X25 => legacy::x25(self),
            T::ISDN => {
                self.string("ISDN address")?;
                if self.has_more() {
                    self.string("subaddress")?;
                }
                Ok(())
            }
            T::PX => {
                self.u16("preference")?;
                self.name("MAP822")?;
                self.name("MAPX400")
            }
            T::SRV => {
                self.u16("priority")?;
                self.u16("weight")?;
                self.u16("port")?;
                self.name("target")
            }
            T::NAPTR => services::naptr(self),
            T::URI => {
                self.u16("priority")?;
                self.u16("weight")?;
                let target = self.next("target")?;
                let bytes = fields::decode_char_string_unbounded(target)?;
                if bytes.is_empty() {
                    return Err(RdataError::new(target.span, "empty URI target"));
                }
                self.out.wire.extend_from_slice(&bytes);
                Ok(())
            }
            T::CAA => services::caa(self),
            T::WKS => legacy::wks(self),
            T::LOC => loc::loc(self),
            T::APL => legacy::apl(self),
            T::GPOS => legacy::gpos(self),
            T::NSAP => legacy::nsap(self),
            T::A6 => legacy::a6(self),
            T::EUI48 => legacy::eui(self, 6),
            T::EUI64 => legacy::eui(self, 8),
            T::L32 => {
                self.u16("preference")?;
                self.ipv4("locator")
            }
            T::L64 | T::NID => {
                self.u16("preference")?;
                legacy::ilnp64(self)
            }
            T::ATMA => legacy::atma(self),
            T::DS | T::CDS | T::TA | T::DLV => {
                self.u16("key tag")?;
                self.algorithm()?;
                self.digest_type()?;
                self.hex_rest("digest", true)
            }
            T::SSHFP => {
                self.u8("algorithm")?;
                self.u8("fingerprint type")?;
                self.hex_rest("fingerprint", true)
            }
            T::TLSA | T::SMIMEA => {
                self.u8("certificate usage")?;
                self.u8("selector")?;
                self.u8("matching type")?;
                self.hex_rest("certificate association data", true)
            }
            T::DNSKEY | T::CDNSKEY | T::RKEY => {
                self.key_flags()?;
                self.u8("protocol")?;
                self.algorithm()?;
                self.base64_rest("public key", true)
            }
            T::KEY => {
                let flags = self.key_flags()?;
                self.u8("protocol")?;
                self.algorithm()?;
                // RFC 2535 §3.1.2: flags with both "no key" bits carry no key.
                let no_key = flags & 0xC000 == 0xC000;
                self.base64_rest("public key", !no_key)
            }
            T::RRSIG | T::SIG => dnssec::rrsig(self),
            T::NSEC => {
                self.name("next domain name")?;
                self.type_bitmap()
            }
            T::NSEC3 => dnssec::nsec3(self),
            T::NSEC3PARAM => {
                self.u8("hash algorithm")?;
                self.u8("flags")?;
                self.u16("iterations")?;
                dnssec::salt(self)
            }
            T::NXT => dnssec::nxt(self),
            T::CSYNC => {
                self.u32("SOA serial")?;
                self.u16("flags")?;
                self.type_bitmap()
            }
            T::ZONEMD => {
                self.u32("serial")?;
                self.u8("scheme")?;
                self.u8("hash algorithm")?;
                self.hex_rest("digest", true)
            }
            T::DHCID | T::OPENPGPKEY | T::HHIT | T::BRID => self.base64_rest("data", true),
            T::EID | T::NIMLOC => self.hex_rest("data", true),
            T::CERT => services::cert(self),
            T::IPSECKEY => services::ipseckey(self),
            T::HIP => services::hip(self),
            T::AMTRELAY => services::amtrelay(self),
            T::SVCB | T::HTTPS => svcb::svcb(self),
            T::SINK => {
                self.u8("meaning")?;
                self.u8("coding")?;
                self.u8("subcoding")?;
                self.base64_rest("data", false)
            }
            T::DOA => services::doa(self),
            T::DSYNC => services::dsync(self),
            T::UINFO => self.string("information"),
            T::UID | T::GID => self.u32("id").map(drop),
            t if t.is_meta() => Err(RdataError::new(
                self.end,
                format!("{t} is a meta or query type and cannot appear in a zone file"),
            )),
            t if t.is_obsolete() => Err(RdataError::new(
                self.end,
                format!("record type {t} is obsolete (RFC 973) and refused by servers; use MX"),
            )),
            t if t.mnemonic().is_some() && !matches!(t, T::NULL | T::UNSPEC) => self.opaque(),
            t => Err(RdataError::new(
                self.fields.first().map_or(self.end, |f| f.span),
                format!(
                    "{t} has no text format: write its data as `\\# <length> <hex>` (RFC 3597)"
                ),
            )),
        }
    }

    /// RFC 3597 §5: `\# <length> <hex>...`.
    pub(super) fn generic(&mut self) -> Result<()> {
        self.pos = 1;
        let len_field = self.next("rdata length")?;
        let len = fields::parse_uint(len_field.text, u64::from(u16::MAX)).ok_or_else(|| {
            RdataError::new(len_field.span, "invalid rdata length: expected 0..=65535")
        })? as usize;
        let start = self.pos;
        self.hex_rest("rdata", false)?;
        if self.out.wire.len() != len {
            let span = self.fields.get(start).map_or(len_field.span, |f| f.span);
            return Err(RdataError::new(
                span,
                format!(
                    "rdata length says {len} octets but the hex data has {}",
                    self.out.wire.len()
                ),
            ));
        }
        if let Err(why) = super::check_wire(self.rtype, &self.out.wire) {
            return Err(RdataError::new(
                len_field.span,
                format!("generic data is not valid {} rdata: {why}", self.rtype),
            ));
        }
        Ok(())
    }

    /// A registered type without a grammar here: keep the tokens as written.
    pub(super) fn opaque(&mut self) -> Result<()> {
        self.out.form = RdataForm::Opaque;
        for (i, f) in self.fields.iter().enumerate() {
            if i > 0 {
                self.out.wire.push(b' ');
            }
            if f.quoted {
                self.out.wire.push(b'"');
            }
            self.out.wire.extend_from_slice(f.text);
            if f.quoted {
                self.out.wire.push(b'"');
            }
        }
        self.pos = self.fields.len();
        Ok(())
    }

    pub(super) fn finish(&self) -> Result<()> {
        if let Some(extra) = self.fields.get(self.pos) {
            return Err(RdataError::new(
                extra.span,
                format!("unexpected data after the end of the {} record", self.rtype),
            ));
        }
        if self.out.wire.len() > usize::from(u16::MAX) {
            return Err(RdataError::new(
                self.end,
                "record data longer than 65535 octets",
            ));
        }
        Ok(())
    }

    // ---- the cursor ----

    pub(super) fn has_more(&self) -> bool {
        self.pos < self.fields.len()
    }

    pub(super) fn peek(&self) -> Option<&Field<'a>> {
        self.fields.get(self.pos)
    }

    pub(super) fn next(&mut self, what: &str) -> Result<Field<'a>> {
        match self.fields.get(self.pos) {
            Some(f) => {
                self.pos += 1;
                Ok(*f)
            }
            None => Err(RdataError::new(
                self.end,
                format!("{} record is missing its {what}", self.rtype),
            )),
        }
    }

    /// The remaining fields, consumed.
    pub(super) fn rest(&mut self) -> &'f [Field<'a>] {
        let rest = &self.fields[self.pos..];
        self.pos = self.fields.len();
        rest
    }

    // ---- typed fields ----

    pub(super) fn uint(&mut self, what: &str, max: u64) -> Result<u64> {
        let f = self.next(what)?;
        fields::parse_uint(f.text, max).ok_or_else(|| {
            RdataError::new(
                f.span,
                format!(
                    "invalid {what} `{}`: expected a number from 0 to {max}",
                    show(f.text)
                ),
            )
        })
    }

    pub(super) fn u8(&mut self, what: &str) -> Result<u8> {
        let v = self.uint(what, u64::from(u8::MAX))? as u8;
        self.out.wire.push(v);
        Ok(v)
    }

    pub(super) fn u16(&mut self, what: &str) -> Result<u16> {
        let v = self.uint(what, u64::from(u16::MAX))? as u16;
        self.out.wire.extend_from_slice(&v.to_be_bytes());
        Ok(v)
    }

    pub(super) fn u32(&mut self, what: &str) -> Result<u32> {
        let v = self.uint(what, u64::from(u32::MAX))? as u32;
        self.out.wire.extend_from_slice(&v.to_be_bytes());
        Ok(v)
    }

    /// A 32-bit duration that may use TTL units (SOA timers, RRSIG TTL).
    pub(super) fn ttl_field(&mut self, what: &str) -> Result<u32> {
        let f = self.next(what)?;
        let v = crate::dns::parse_ttl(f.text).map_err(|e| {
            RdataError::new(f.span, format!("invalid {what} `{}`: {e}", show(f.text)))
        })?;
        self.out.wire.extend_from_slice(&v.to_be_bytes());
        Ok(v)
    }

    /// A 16-bit number that, when out of range, is noted and stored as 0
    /// instead of rejecting the record (see [`RdataBuf::out_of_range`]).
    pub(super) fn lenient_u16(&mut self, what: &str) -> Result<()> {
        let f = self.next(what)?;
        let v = match fields::parse_uint(f.text, u64::from(u16::MAX)) {
            Some(v) => v as u16,
            None => {
                self.out.out_of_range = Some(f.span);
                0
            }
        };
        self.out.wire.extend_from_slice(&v.to_be_bytes());
        Ok(())
    }

    pub(super) fn name(&mut self, what: &str) -> Result<()> {
        let f = self.next(what)?;
        self.name_field(f, what)
    }

    pub(super) fn name_field(&mut self, f: Field<'a>, what: &str) -> Result<()> {
        let start = self.out.wire.len();
        if f.text == b"@" && !f.quoted {
            // The origin itself: no labels, completed by the loader.
        } else {
            match crate::dns::name::parse_presentation(f.text, &mut self.out.wire) {
                Ok(crate::dns::name::Form::Absolute) => return Ok(()),
                Ok(crate::dns::name::Form::Relative) => {}
                Err(e) => {
                    return Err(RdataError::new(
                        f.span,
                        format!("invalid {what} `{}`: {e}", show(f.text)),
                    ))
                }
            }
        }
        self.out.relative.push(RelativeName {
            start: start as u16,
            end: self.out.wire.len() as u16,
            span: f.span,
        });
        Ok(())
    }

    pub(super) fn ipv4(&mut self, what: &str) -> Result<()> {
        let f = self.next(what)?;
        let addr = fields::parse_ipv4(f.text).ok_or_else(|| {
            RdataError::new(f.span, format!("invalid IPv4 {what} `{}`", show(f.text)))
        })?;
        self.out.wire.extend_from_slice(&addr);
        Ok(())
    }

    pub(super) fn ipv6(&mut self, what: &str) -> Result<()> {
        let f = self.next(what)?;
        let addr = fields::parse_ipv6(f.text).ok_or_else(|| {
            RdataError::new(f.span, format!("invalid IPv6 {what} `{}`", show(f.text)))
        })?;
        self.out.wire.extend_from_slice(&addr);
        Ok(())
    }

    /// One `<character-string>` (RFC 1035 §3.3), at most 255 octets.
    pub(super) fn string(&mut self, what: &str) -> Result<()> {
        let f = self.next(what)?;
        fields::char_string(f, &mut self.out.wire)
    }

    /// One or more character-strings up to the end of the record.
    pub(super) fn strings(&mut self, what: &str) -> Result<()> {
        self.string(what)?;
        while self.has_more() {
            self.string(what)?;
        }
        Ok(())
    }

    /// All remaining tokens, concatenated, as base64 (whitespace may split
    /// the data anywhere, as BIND accepts).
    pub(super) fn base64_rest(&mut self, what: &str, required: bool) -> Result<()> {
        if !self.has_more() {
            return if required {
                self.next(what).map(drop)
            } else {
                Ok(())
            };
        }
        let (first, last) = (
            self.fields[self.pos].span,
            self.fields[self.fields.len() - 1].span,
        );
        let rest = self.rest();
        fields::base64(rest, &mut self.out.wire)
            .map_err(|()| RdataError::new(first.cover(last), format!("invalid base64 in {what}")))
    }

    /// All remaining tokens, concatenated, as hexadecimal.
    pub(super) fn hex_rest(&mut self, what: &str, required: bool) -> Result<()> {
        if !self.has_more() {
            return if required {
                self.next(what).map(drop)
            } else {
                Ok(())
            };
        }
        let rest = self.rest();
        fields::hex(rest, &mut self.out.wire)
            .map_err(|span| RdataError::new(span, format!("invalid hexadecimal in {what}")))
    }

    /// A DNSSEC algorithm number or mnemonic (RFC 4034 Appendix A.1).
    pub(super) fn algorithm(&mut self) -> Result<u8> {
        let f = self.next("algorithm")?;
        let v = fields::parse_uint(f.text, 255)
            .map(|v| v as u8)
            .or_else(|| crate::dns::rdata::algorithm_from_mnemonic(f.text))
            .ok_or_else(|| {
                RdataError::new(
                    f.span,
                    format!("unknown DNSSEC algorithm `{}`", show(f.text)),
                )
            })?;
        self.out.wire.push(v);
        Ok(v)
    }

    /// Key flags: a number, or BIND's mnemonics joined by `|`.
    pub(super) fn key_flags(&mut self) -> Result<u16> {
        let f = self.next("flags")?;
        let v = fields::parse_uint(f.text, u64::from(u16::MAX))
            .map(|v| v as u16)
            .or_else(|| crate::dns::rdata::key_flags_from_mnemonics(f.text))
            .ok_or_else(|| {
                RdataError::new(
                    f.span,
                    format!(
                        "invalid flags `{}`: expected a number from 0 to 65535",
                        show(f.text)
                    ),
                )
            })?;
        self.out.wire.extend_from_slice(&v.to_be_bytes());
        Ok(v)
    }

    /// A DS digest type number or mnemonic.
    pub(super) fn digest_type(&mut self) -> Result<u8> {
        let f = self.next("digest type")?;
        let v = fields::parse_uint(f.text, 255)
            .map(|v| v as u8)
            .or_else(|| crate::dns::rdata::digest_from_mnemonic(f.text))
            .ok_or_else(|| {
                RdataError::new(f.span, format!("unknown digest type `{}`", show(f.text)))
            })?;
        self.out.wire.push(v);
        Ok(v)
    }

    /// The NSEC/NSEC3/CSYNC type bitmap (RFC 4034 §4.1.2), possibly empty.
    pub(super) fn type_bitmap(&mut self) -> Result<()> {
        let mut types: Vec<u16> = Vec::with_capacity(self.fields.len() - self.pos);
        for f in self.rest() {
            let t = RecordType::from_text(f.text).ok_or_else(|| {
                RdataError::new(
                    f.span,
                    format!("unknown record type `{}` in type bitmap", show(f.text)),
                )
            })?;
            types.push(t.0);
        }
        types.sort_unstable();
        types.dedup();
        fields::write_type_bitmap(&types, &mut self.out.wire);
        Ok(())
    }
}

// ---- small helpers ----

pub(super) fn err(f: &Field<'_>, message: impl Into<std::borrow::Cow<'static, str>>) -> RdataError {
    RdataError::new(f.span, message)
}

/// A token for a message: lossy UTF-8, shortened when long.
pub(crate) fn show(text: &[u8]) -> String {
    let s = String::from_utf8_lossy(text);
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(57).collect();
        format!("{cut}...")
    } else {
        s.into_owned()
    }
}
