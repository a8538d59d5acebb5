//! Hover: a rule's documentation over its finding or its code in an
//! `allow(...)` comment; one line on a record type over its mnemonic.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::analysis::{Doc, Finding};
use super::convert;
use crate::dns::RecordType;
use crate::source::{Encoding, SourceFile, Span};

/// What the common record types are, and where they are defined.
const TYPES: &[(&str, &str)] = &[
    ("A", "an IPv4 address (RFC 1035 §3.4.1)"),
    ("AAAA", "an IPv6 address (RFC 3596 §2)"),
    ("AFSDB", "an AFS database location (RFC 1183 §1)"),
    ("APL", "lists of address prefixes (RFC 3123)"),
    ("CAA", "the certificate authorities allowed to issue for the name (RFC 8659)"),
    ("CDNSKEY", "the child's DNSKEY for its parent to publish as DS (RFC 7344)"),
    ("CDS", "the child's DS for its parent to publish (RFC 7344)"),
    ("CERT", "a certificate or CRL (RFC 4398)"),
    ("CNAME", "an alias: the name is another name's (RFC 1034 §3.6.2); nothing else may live beside it"),
    ("CSYNC", "what a parent should copy from the child (RFC 7477)"),
    ("DHCID", "a DHCP client's identity (RFC 4701)"),
    ("DNAME", "an alias of every name below the owner (RFC 6672)"),
    ("DNSKEY", "a DNSSEC public key of the zone (RFC 4034 §2)"),
    ("DS", "the digest of a child zone's DNSKEY, at the delegation (RFC 4034 §5)"),
    ("HINFO", "the host's CPU and operating system (RFC 1035 §3.3.2; RFC 8482 for ANY answers)"),
    ("HTTPS", "how to reach an HTTPS service: endpoints and parameters (RFC 9460)"),
    ("IPSECKEY", "an IPsec public key (RFC 4025)"),
    ("KX", "a key exchanger for the name (RFC 2230)"),
    ("LOC", "a geographical location (RFC 1876)"),
    ("MX", "a mail exchanger: preference and host that accepts the name's mail (RFC 1035 §3.3.9, RFC 5321 §5)"),
    ("NAPTR", "a naming authority pointer, rewriting rules (RFC 3403)"),
    ("NS", "a name server of the zone, or of a delegated child (RFC 1035 §3.3.11)"),
    ("NSEC", "the next owner name in the zone, for authenticated denial (RFC 4034 §4)"),
    ("NSEC3", "hashed authenticated denial of existence (RFC 5155)"),
    ("NSEC3PARAM", "the NSEC3 parameters of the zone (RFC 5155 §4)"),
    ("OPENPGPKEY", "an OpenPGP public key of an e-mail address (RFC 7929)"),
    ("PTR", "a pointer to another name, as in reverse zones (RFC 1035 §3.3.12)"),
    ("RP", "the person responsible for the name (RFC 1183 §2)"),
    ("RRSIG", "a DNSSEC signature over an RRset (RFC 4034 §3)"),
    ("SMIMEA", "an S/MIME certificate association (RFC 8162)"),
    ("SOA", "the start of authority: the zone's primary server, contact, serial and timers (RFC 1035 §3.3.13)"),
    ("SPF", "obsolete SPF record type; receivers read SPF from TXT only (RFC 7208 §3.1)"),
    ("SRV", "a service location: priority, weight, port and target (RFC 2782)"),
    ("SSHFP", "an SSH host key fingerprint (RFC 4255)"),
    ("SVCB", "service binding: endpoints and parameters of a service (RFC 9460)"),
    ("TLSA", "a TLS certificate association, DANE (RFC 6698)"),
    ("TXT", "text strings: SPF, DMARC, DKIM, verification tokens (RFC 1035 §3.3.14)"),
    ("URI", "a URI for the name (RFC 7553)"),
    ("ZONEMD", "a digest of the whole zone (RFC 8976)"),
];

fn markdown(value: String) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: None,
    }
}

/// The code of an `allow(...)` or `allow-file(...)` comment at `offset`.
fn allowed_code_at(text: &[u8], offset: usize) -> Option<String> {
    let start = memchr::memrchr(b'\n', &text[..offset.min(text.len())]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &text[start..]).map_or(text.len(), |i| start + i);
    let line = &text[start..end];
    let at = offset - start;
    let mark = memchr::memmem::find(line, b"zonelint:")?;
    let open = mark + line[mark..].iter().position(|&b| b == b'(')? + 1;
    let close = open + line[open..].iter().position(|&b| b == b')')?;
    if at < open || at > close {
        return None;
    }
    // The code around the cursor, between commas.
    let from = line[open..at]
        .iter()
        .rposition(|&b| b == b',')
        .map_or(open, |i| open + i + 1);
    let to = line[at..close]
        .iter()
        .position(|&b| b == b',')
        .map_or(close, |i| at + i);
    let code = String::from_utf8_lossy(&line[from..to]).trim().to_owned();
    (!code.is_empty()).then_some(code)
}

/// The record type whose mnemonic is at `offset`, if the token there is
/// a record's type.
fn type_at(text: &[u8], offset: u32) -> Option<RecordType> {
    let mut parser = crate::syntax::Parser::new(text);
    while let Some(entry) = parser.next_entry() {
        let end = entry.tokens.last().map_or(entry.span.end, |t| t.span.end);
        if offset < entry.span.start {
            return None;
        }
        if offset > end {
            continue;
        }
        let crate::syntax::Item::Record(record) = &entry.item else {
            return None;
        };
        let token = entry
            .tokens
            .iter()
            .find(|t| t.span.start <= offset && offset <= t.span.end)?;
        let written = Span::new(token.span.start, token.span.end).slice(text);
        let mnemonic = record.rtype.mnemonic()?;
        return written
            .eq_ignore_ascii_case(mnemonic.as_bytes())
            .then_some(record.rtype);
    }
    None
}

/// The hover at `at` in `doc`.
pub fn hover(doc: &Doc, findings: &[Finding], at: Position, encoding: Encoding) -> Option<Hover> {
    let file = SourceFile::new(&doc.path, doc.text.to_vec());
    let offset = convert::offset(&file, at, encoding);
    let text = file.text();
    if let Some(code) = allowed_code_at(text, offset as usize) {
        return crate::rules::explain(&code.to_ascii_lowercase()).map(markdown);
    }
    if let Some(rtype) = type_at(text, offset) {
        let name = rtype.mnemonic()?;
        let what = TYPES
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("see the IANA DNS parameters registry", |(_, w)| w);
        return Some(markdown(format!("**{name}** (type {}): {what}", rtype.0)));
    }
    let finding = findings.iter().find(|f| {
        let r = f.diagnostic.range;
        r.start <= at && at <= r.end
    })?;
    crate::rules::explain(finding.code).map(markdown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_codes_and_types() {
        let text = b"@ MX 10 mail ; zonelint: allow(mx-target-cname, mx-duplicate)\n";
        let at = |needle: &str| memchr::memmem::find(text, needle.as_bytes()).unwrap();
        assert_eq!(
            allowed_code_at(text, at("target")).as_deref(),
            Some("mx-target-cname")
        );
        assert_eq!(
            allowed_code_at(text, at("duplicate")).as_deref(),
            Some("mx-duplicate")
        );
        assert_eq!(allowed_code_at(text, at("mail")), None);
        assert_eq!(type_at(text, at("MX") as u32), Some(RecordType::MX));
        assert_eq!(
            type_at(b"mx A 192.0.2.1\n", 0),
            None,
            "an owner named mx is no type"
        );
        assert_eq!(type_at(b"mx A 192.0.2.1\n", 3), Some(RecordType::A));
    }
}
