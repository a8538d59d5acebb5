//! Record data: every modelled type encodes from text, prints back, and the
//! printed form encodes to the same wire. Errors land on the right token.

use super::*;
use crate::dns::rdata::write_presentation;

fn fields(text: &str) -> Vec<Field<'_>> {
    let mut toks = Vec::new();
    crate::syntax::lexer::lex_values(text.as_bytes(), &mut toks).expect("test text lexes");
    toks.iter()
        .map(|&(kind, span)| {
            let tok = crate::syntax::Token { span, kind };
            Field {
                text: tok.value(text.as_bytes()),
                span,
                quoted: kind == crate::syntax::TokenKind::Quoted,
            }
        })
        .collect()
}

fn encode_text(rtype: RecordType, text: &str) -> Result<RdataBuf> {
    let f = fields(text);
    let mut out = RdataBuf::default();
    encode(rtype, &f, Span::new(0, 0), &mut out)?;
    Ok(out)
}

/// Absolute-name samples of every type with a grammar.
const SAMPLES: &[(&str, &str)] = &[
    ("A", "192.0.2.1"),
    ("AAAA", "2001:db8::1"),
    ("AAAA", "::ffff:192.0.2.1"),
    ("NS", "ns1.example."),
    ("CNAME", "target.example."),
    ("DNAME", "example.net."),
    ("PTR", "host.example."),
    ("SOA", "ns1.example. hostmaster.example. 2024010101 7200 3600 1209600 300"),
    ("MX", "10 mail.example."),
    ("MX", "0 ."),
    ("TXT", "\"v=spf1 -all\" \"second\" \"\\\"quoted\\\"\" \"\\255\""),
    ("SPF", "\"v=spf1 mx -all\""),
    ("HINFO", "\"Generic PC\" \"NetBSD\""),
    ("RP", "admin.example. txt.example."),
    ("AFSDB", "1 afs.example."),
    ("RT", "10 relay.example."),
    ("KX", "10 kx.example."),
    ("PX", "10 map822.example. mapx400.example."),
    ("SRV", "10 60 5060 sip.example."),
    ("NAPTR", "100 10 \"S\" \"SIP+D2U\" \"!^.*$!sip:info@example.com!\" _sip._udp.example."),
    ("NAPTR", "0 0 \"\" \"\" \"\" ."),
    ("CAA", "0 issue \"letsencrypt.org\""),
    ("CAA", "128 tbs \"Unknown\""),
    ("LOC", "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m"),
    ("LOC", "60 9 0.000 N 24 39 0.000 E 10.00m 20m 2000m 20m"),
    ("SSHFP", "4 2 C76D8329954DA2835751E371544E963EFDA099080D6C58DD2BFD9A316E162C83"),
    ("TLSA", "3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6"),
    ("SMIMEA", "3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6"),
    ("OPENPGPKEY", "mQINBFitsxwBEAC5wOjvgj0h2B6k7Q=="),
    ("DS", "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118"),
    ("CDS", "60485 8 2 D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A"),
    ("DNSKEY", "257 3 8 AwEAAagAIKlVZrpC6Ia7gEzahOR+9W29euxhJhVVLOyQbSEW0O8gcCjF"),
    ("CDNSKEY", "0 3 0 AA=="),
    ("RRSIG", "A 8 3 3600 20240101000000 20231201000000 12345 example. c2lnbmF0dXJl"),
    ("NSEC", "next.example. A NS SOA MX RRSIG NSEC DNSKEY TYPE65280"),
    ("NSEC", "next.example."),
    ("NSEC3", "1 1 12 AABBCCDD 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG"),
    ("NSEC3PARAM", "1 0 10 -"),
    ("ZONEMD", "2018031900 1 1 C68090D90A7AED716BC459F9340E3D7C1370D4D24B7E2FC3A1DDC0B9A87153B9A9713B3C9AE5CC27777F98B8E730044C"),
    ("SVCB", "1 . alpn=h2,h3 port=8443 ipv4hint=192.0.2.1,192.0.2.2 ech=AEj+DQBEAQAgACA= ipv6hint=2001:db8::1"),
    ("SVCB", "0 foo.example."),
    ("HTTPS", "1 . alpn=\"h3,h2\" no-default-alpn mandatory=alpn"),
    ("HTTPS", "16 foo.example. key667=hello key65333=\"a\\\\,b\""),
    ("URI", "10 1 \"ftp://ftp1.example.com/public\""),
    ("CERT", "PKIX 0 0 MIIBIjANBgkq"),
    ("CERT", "65534 65535 254 MxFcby9k"),
    ("DHCID", "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA="),
    ("IPSECKEY", "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="),
    ("IPSECKEY", "10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="),
    ("IPSECKEY", "10 3 2 gw.example. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="),
    ("HIP", "2 200100107B1A74DF365639CC39F1D578 AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e1 rvs.example."),
    ("AMTRELAY", "10 0 1 203.0.113.15"),
    ("AMTRELAY", "128 1 3 amtrelays.example.com."),
    ("WKS", "10.0.0.1 6 0 1 2 21 23"),
    ("APL", "1:192.168.32.0/21 !1:192.168.38.0/28 2:2001:db8::/32"),
    ("GPOS", "\"-22.6882\" \"116.8652\" \"250.0\""),
    ("X25", "\"311061700956\""),
    ("ISDN", "\"150862028003217\" \"004\""),
    ("NSAP", "0x47000580005A0000000001E133FFFFFF00016100"),
    ("A6", "64 ::1:2:3:4 prefix.example."),
    ("A6", "0 2001:db8::1"),
    ("EUI48", "00-00-5e-00-53-2a"),
    ("EUI64", "00-00-5e-ef-10-00-00-2a"),
    ("L32", "10 10.1.2.0"),
    ("L64", "10 2001:0db8:1140:1000"),
    ("NID", "10 0014:4fff:ff20:ee64"),
    ("LP", "10 l64-subnet.example."),
    ("MINFO", "rmailbx.example. emailbx.example."),
    ("TALINK", "prev.example. next.example."),
    ("CSYNC", "66 3 A NS AAAA"),
    ("DOA", "0 1 2 \"\" aHR0cHM6Ly93d3cuaXNjLm9yZy8="),
    ("DSYNC", "CDS 1 5359 scanner.example."),
    ("NXT", "next.example. A NS SOA NXT"),
    ("SIG", "A 1 2 3600 20240101000000 20231201000000 1 example. c2ln"),
    ("KEY", "256 3 5 AQPSKmynfzW4kyBv015MUG2DeIQ3"),
    ("RESINFO", "qnamemin exterr=15,16,17"),
    ("AVC", "\"app-name:WOLFGANG|app-class:OAM\""),
    ("ATMA", "+61200000000"),
    ("ATMA", "39246f00e7c9c0312000010100001234567800"),
    ("SINK", "8 0 2 l4ik"),
    ("UID", "1000"),
    ("TYPE65280", "\\# 4 0A000001"),
    ("TYPE65280", "\\# 0"),
    ("A", "\\# 4 C0000201"),
    ("MX", "\\# 3 000A00"),
];

#[test]
fn every_sample_round_trips() {
    for (mnemonic, text) in SAMPLES {
        let rtype = RecordType::from_text(mnemonic.as_bytes()).unwrap();
        let first =
            encode_text(rtype, text).unwrap_or_else(|e| panic!("{mnemonic} {text}: {}", e.message));
        assert!(
            first.relative.is_empty(),
            "{mnemonic} {text}: absolute sample"
        );
        let mut printed = String::new();
        write_presentation(rtype, &first.wire, &mut printed);
        let second = encode_text(rtype, &printed)
            .unwrap_or_else(|e| panic!("{mnemonic} reprinted `{printed}`: {}", e.message));
        assert_eq!(first.wire, second.wire, "{mnemonic} {text} -> {printed}");
    }
}

#[test]
fn generic_data_equals_the_typed_form() {
    let typed = encode_text(RecordType::A, "10.0.0.1").unwrap();
    let generic = encode_text(RecordType::A, "\\# 4 0a000001").unwrap();
    assert_eq!(typed.wire, generic.wire);
    let typed = encode_text(RecordType::TXT, "hello").unwrap();
    let generic = encode_text(RecordType::TXT, "\\# 6 0568656C6C6F").unwrap();
    assert_eq!(typed.wire, generic.wire);
    // `\#` not followed by a number is text (BIND).
    assert_eq!(
        encode_text(RecordType::TXT, "\\# text").unwrap().wire,
        b"\x01#\x04text"
    );
}

#[test]
fn relative_names_are_marked_for_the_loader() {
    let out = encode_text(RecordType::SOA, "ns1 hostmaster.example. 1 2 3 4 5").unwrap();
    assert_eq!(out.relative.len(), 1);
    assert_eq!((out.relative[0].start, out.relative[0].end), (0, 4));
    let out = encode_text(RecordType::MX, "10 @").unwrap();
    assert_eq!((out.relative[0].start, out.relative[0].end), (2, 2));
}

#[test]
fn exact_wire_of_core_types() {
    let cases: &[(&str, &str, &[u8])] = &[
        ("A", "192.0.2.1", &[192, 0, 2, 1]),
        ("MX", "10 mail.", b"\x00\x0a\x04mail\x00"),
        ("TXT", "a \"b c\"", b"\x01a\x03b c"),
        ("SRV", "1 2 3 .", b"\x00\x01\x00\x02\x00\x03\x00"),
        ("CAA", "0 issue \"ca.example\"", b"\x00\x05issueca.example"),
        ("NSEC3PARAM", "1 0 10 AB", b"\x01\x00\x00\x0a\x01\xab"),
        (
            "HTTPS",
            "1 . port=443",
            b"\x00\x01\x00\x00\x03\x00\x02\x01\xbb",
        ),
        (
            "LOC",
            "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m",
            b"\x00\x00\x16\x13\x8b\x3c\xf0\x18\x81\x0c\xbc\xe0\x00\x98\x95\xb8",
        ),
        ("NSEC", "a. A MX", b"\x01a\x00\x00\x02\x40\x01"),
    ];
    for (t, text, want) in cases {
        let rtype = RecordType::from_text(t.as_bytes()).unwrap();
        let out = encode_text(rtype, text).unwrap_or_else(|e| panic!("{t} {text}: {}", e.message));
        assert_eq!(out.wire, *want, "{t} {text}");
    }
}

#[test]
fn invalid_data_is_rejected_on_its_token() {
    let cases: &[(&str, &str, &str)] = &[
        ("A", "203.0.113.300", "203.0.113.300"),
        ("AAAA", "2001:db8::zz", "2001:db8::zz"),
        ("MX", "10 a..b.", "a..b."),
        (
            "NS",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.",
            "xxxx",
        ),
        ("SRV", "1 2 70000 t.", "70000"),
        ("TXT", "\\1", "\\1"),
        ("DS", "1 8 2 XYZ", "XYZ"),
        ("DNSKEY", "256 3 8 ###", "###"),
        ("NSEC3", "1 0 1 - ABC A", "ABC"),
        ("SVCB", "1 . alpn=a,,b", "alpn"),
        ("SVCB", "1 . unknown=x", "unknown"),
        ("SVCB", "1 . port=1 port=2", "port=2"),
        ("SVCB", "0 . port=1", "port=1"),
        ("SVCB", "1 . mandatory=port", "mandatory"),
        ("HTTPS", "1 . no-default-alpn", "no-default-alpn"),
        ("CAA", "0 is-sue \"x\"", "is-sue"),
        ("LOC", "91 N 0 E 0m", "91"),
        ("EUI48", "1-23-45-67-89-ab", "1-23"),
        ("NAPTR", "0 0 \"\" \"\" \"blegh\" .", "blegh"),
        (
            "RRSIG",
            "A 8 3 3600 20241301000000 20231201000000 1 e. c2ln",
            "20241301000000",
        ),
        ("TLSA", "3 1 1", "1"),
        ("WKS", "10.0.0.1 tcp nosuchservice", "nosuchservice"),
        ("APL", "3:1.2.3.4/8", "3:1.2.3.4/8"),
        ("TYPE65280", "01", "01"),
        ("OPT", "\\# 0", "\\#"),
        ("MD", "x.", ""),
    ];
    for (t, text, at) in cases {
        let rtype = RecordType::from_text(t.as_bytes()).unwrap();
        let f = fields(text);
        let mut out = RdataBuf::default();
        let end = Span::new(0, 0);
        let err = encode(rtype, &f, end, &mut out).expect_err(&format!("{t} {text} must fail"));
        if !at.is_empty() {
            let shown = &text[err.span.range()];
            assert!(
                shown.contains(at) || at.contains(shown),
                "{t} {text}: error on `{shown}`, want `{at}` ({})",
                err.message
            );
        }
    }
}

#[test]
fn long_strings_must_be_split() {
    let ok = format!("\"{}\"", "a".repeat(255));
    assert!(encode_text(RecordType::TXT, &ok).is_ok());
    let long = format!("\"{}\"", "a".repeat(256));
    let err = encode_text(RecordType::TXT, &long).unwrap_err();
    assert!(err.message.contains("256 octets"), "{}", err.message);
}

#[test]
fn registered_types_without_a_grammar_are_kept_as_written() {
    let out = encode_text(RecordType::CLA, "some \"opaque data\"").unwrap();
    assert_eq!(out.form, RdataForm::Opaque);
    assert_eq!(out.wire, b"some \"opaque data\"");
}
