//! Entry-level productions: owner, TTL/class order, directives, errors and
//! recovery. Lexical details are tested in `lexer.rs`, record data in
//! `dns/rdata/tests.rs`.

use super::*;
use crate::dns::Class;

/// A summary of one parsed entry for table-driven assertions.
#[derive(Debug, PartialEq, Eq)]
enum Sum {
    Empty,
    Record {
        owner: String,
        ttl: Option<u32>,
        class: Option<Class>,
        rtype: RecordType,
    },
    Origin(String),
    Ttl(u32),
    Include(String, Option<String>),
    Generate(RecordType),
    Date,
    Invalid,
}

fn name_text(n: NameText<'_>) -> String {
    match n {
        NameText::Origin => "@".into(),
        NameText::Absolute(w) => crate::dns::Name::from_wire(w).unwrap().to_string(),
        NameText::Relative(w) => {
            let mut full = w.to_vec();
            full.push(0);
            let s = crate::dns::Name::from_wire(&full).unwrap().to_string();
            s.trim_end_matches('.').to_owned()
        }
    }
}

fn summarize(src: &str) -> (Vec<Sum>, Vec<SyntaxError>) {
    let mut parser = Parser::new(src.as_bytes());
    let mut out = Vec::new();
    while let Some(e) = parser.next_entry() {
        out.push(match e.item {
            Item::Empty => Sum::Empty,
            Item::Invalid => Sum::Invalid,
            Item::Record(r) => Sum::Record {
                owner: match r.owner {
                    Owner::Blank => "".into(),
                    Owner::Name(n) => name_text(n),
                },
                ttl: r.ttl,
                class: r.class,
                rtype: r.rtype,
            },
            Item::Directive(Directive::Origin { name, .. }) => Sum::Origin(name_text(name)),
            Item::Directive(Directive::Ttl { value, .. }) => Sum::Ttl(value),
            Item::Directive(Directive::Include { path, origin, .. }) => Sum::Include(
                String::from_utf8_lossy(path).into_owned(),
                origin.map(|(n, _)| name_text(n)),
            ),
            Item::Directive(Directive::Generate(g)) => Sum::Generate(g.rtype),
            Item::Directive(Directive::Date) => Sum::Date,
        });
    }
    (out, parser.take_errors())
}

fn record(owner: &str, ttl: Option<u32>, class: Option<Class>, rtype: RecordType) -> Sum {
    Sum::Record {
        owner: owner.into(),
        ttl,
        class,
        rtype,
    }
}

#[test]
fn owner_forms_and_ttl_class_in_either_order() {
    let cases: &[(&str, Sum)] = &[
        ("www A 192.0.2.1", record("www", None, None, RecordType::A)),
        (
            "www. A 192.0.2.1",
            record("www.", None, None, RecordType::A),
        ),
        ("@ A 192.0.2.1", record("@", None, None, RecordType::A)),
        ("\tA 192.0.2.1", record("", None, None, RecordType::A)),
        (
            "  3600 IN A 192.0.2.1",
            record("", Some(3600), Some(Class::IN), RecordType::A),
        ),
        (
            "a 3600 IN A 192.0.2.1",
            record("a", Some(3600), Some(Class::IN), RecordType::A),
        ),
        (
            "a IN 3600 A 192.0.2.1",
            record("a", Some(3600), Some(Class::IN), RecordType::A),
        ),
        (
            "a 1h30m A 192.0.2.1",
            record("a", Some(5400), None, RecordType::A),
        ),
        (
            "a CH TXT x",
            record("a", None, Some(Class::CH), RecordType::TXT),
        ),
        (
            "a CLASS1 TYPE1 192.0.2.1",
            record("a", None, Some(Class::IN), RecordType::A),
        ),
        (
            "in in a 192.0.2.1",
            record("in", None, Some(Class::IN), RecordType::A),
        ),
        ("a mx 10 b", record("a", None, None, RecordType::MX)),
        ("*.w A 192.0.2.1", record("*.w", None, None, RecordType::A)),
        (
            "a\\.b A 192.0.2.1",
            record("a\\.b", None, None, RecordType::A),
        ),
    ];
    for (src, want) in cases {
        let (got, errors) = summarize(src);
        assert!(errors.is_empty(), "{src}: {errors:?}");
        assert_eq!(&got[0], want, "{src}");
    }
}

#[test]
fn directives() {
    let cases: &[(&str, Sum)] = &[
        ("$ORIGIN example.com.", Sum::Origin("example.com.".into())),
        ("$origin sub", Sum::Origin("sub".into())),
        ("$ORIGIN @", Sum::Origin("@".into())),
        ("$TTL 1h", Sum::Ttl(3600)),
        ("$TTL 86400 ; a day", Sum::Ttl(86400)),
        ("$INCLUDE hosts.inc", Sum::Include("hosts.inc".into(), None)),
        (
            "$INCLUDE \"a b.inc\" sub",
            Sum::Include("a b.inc".into(), Some("sub".into())),
        ),
        (
            "$GENERATE 1-10 host$ A 10.0.0.$",
            Sum::Generate(RecordType::A),
        ),
        (
            "$GENERATE 1-10/2 host$ 300 IN CNAME x$",
            Sum::Generate(RecordType::CNAME),
        ),
        (
            "$GENERATE 1-3 host$ MX \"10 mx$\"",
            Sum::Generate(RecordType::MX),
        ),
        ("$DATE 20210101000000", Sum::Date),
    ];
    for (src, want) in cases {
        let (got, errors) = summarize(src);
        assert!(errors.is_empty(), "{src}: {errors:?}");
        assert_eq!(&got[0], want, "{src}");
    }
}

/// Each source must give exactly one error whose span covers `at`.
#[test]
fn errors_point_at_the_offending_token() {
    let cases: &[(&str, &str, &str)] = &[
        ("a A 203.0.113.300", "203.0.113.300", "invalid IPv4"),
        ("a AAAA 2001:db8::zz", "2001:db8::zz", "invalid IPv6"),
        ("a FOO 1", "FOO", "unknown record type"),
        ("a 1x A 192.0.2.1", "1x", "unknown time unit `x`"),
        (
            "a 4294967296 A 192.0.2.1",
            "4294967296",
            "larger than 4294967295",
        ),
        ("a MX 10", "10", "missing its exchange"),
        ("a A", "A", "missing its address"),
        ("a A 1.2.3.4 5", "5", "unexpected data"),
        ("a", "a", "record has no type"),
        ("a..b A 192.0.2.1", "a..b", "empty label"),
        ("$FOO bar", "$FOO", "unknown directive"),
        ("$TTL", "$TTL", "missing its argument"),
        ("$TTL 1 2", "2", "unexpected `2`"),
        ("  $ORIGIN x.", "$ORIGIN", "indented"),
        ("$GENERATE 3-1 a A 1.2.3.4", "3-1", "invalid range"),
        (
            "$GENERATE 1-2 a$ A 1.2.3.4 extra",
            "extra",
            "unexpected `extra`",
        ),
        ("$GENERATE 1-2 a${1 A 1.2.3.4", "a${1", "closing"),
        ("a TXT \"open", "\"open", "unterminated"),
        ("a ALIAS b.", "ALIAS", "unknown record type"),
        ("a DS 1 8 2 zz", "zz", "invalid hexadecimal"),
        ("a DNSKEY 256 3 8 !!!!", "!!!!", "invalid base64"),
        ("a TYPE65280 01", "01", "no text format"),
        ("a A \\# 3 010203", "3", "not valid A rdata"),
        ("a TXT \\# 2 01", "01", "says 2 octets"),
    ];
    for (src, at, message) in cases {
        let (_, errors) = summarize(src);
        let errors: Vec<_> = errors
            .into_iter()
            .filter(|e| e.severity == Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "{src}: {errors:?}");
        let start = src.find(at).unwrap() as u32;
        let want = Span::new(start, start + at.len() as u32);
        assert!(
            errors[0].span.contains(want) || want.contains(errors[0].span),
            "{src}: span {:?} vs {want:?}",
            errors[0].span
        );
        assert!(
            errors[0].message.contains(message),
            "{src}: {}",
            errors[0].message
        );
    }
}

#[test]
fn an_error_never_hides_later_records() {
    let src = "a A 1.2.3\nb A 192.0.2.2\nc TXT \"x\nd MX 10 e\n";
    let (got, errors) = summarize(src);
    assert_eq!(errors.len(), 2);
    assert_eq!(got[0], Sum::Invalid);
    assert_eq!(got[1], record("b", None, None, RecordType::A));
    assert_eq!(got[2], Sum::Invalid);
    assert_eq!(got[3], record("d", None, None, RecordType::MX));
}

#[test]
fn mx_preference_is_kept_as_written() {
    for (pref, bad) in [
        ("10", false),
        ("65535", false),
        ("65536", true),
        ("-5", true),
        ("ten", true),
    ] {
        let src = format!("a MX {pref} mail.example.");
        let mut parser = Parser::new(src.as_bytes());
        let entry = parser.next_entry().unwrap();
        let Item::Record(r) = entry.item else {
            panic!("{src} is not a record")
        };
        assert_eq!(r.rdata.out_of_range.is_some(), bad, "{src}");
        if let Some(span) = r.rdata.out_of_range {
            assert_eq!(span.slice(src.as_bytes()), pref.as_bytes());
        }
        assert!(parser.errors().is_empty(), "{src}");
    }
}

#[test]
fn comments_blank_lines_crlf_and_no_final_newline() {
    let src = "; header\r\n\r\na A 192.0.2.1 ; trailing\r\nb ( A ; in parens\r\n 192.0.2.2 )\r\nc A 192.0.2.3";
    let (got, errors) = summarize(src);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(got.len(), 5);
    assert_eq!(got[0], Sum::Empty);
    assert_eq!(got[1], Sum::Empty);
    assert_eq!(got[3], record("b", None, None, RecordType::A));
    assert_eq!(got[4], record("c", None, None, RecordType::A));
}

#[test]
fn quoted_strings_keep_semicolons_and_escapes() {
    let src = "a TXT \"v=spf1; -all\" \"say \\\"hi\\\"\" \\059";
    let mut parser = Parser::new(src.as_bytes());
    let entry = parser.next_entry().unwrap();
    let Item::Record(r) = entry.item else {
        panic!()
    };
    assert_eq!(r.rdata.wire, b"\x0cv=spf1; -all\x08say \"hi\"\x01;");
}

#[test]
fn ttl_above_rfc2181_limit_is_a_warning_and_zero() {
    let (got, errors) = summarize("a 2147483648 A 192.0.2.1");
    assert_eq!(got[0], record("a", Some(0), None, RecordType::A));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].severity, Severity::Warning);
}

#[test]
fn byte_order_mark_is_skipped_with_a_warning() {
    let (got, errors) = summarize("\u{feff}a A 192.0.2.1\n");
    assert_eq!(got[0], record("a", None, None, RecordType::A));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].severity, Severity::Warning);
}

#[test]
fn indented_owner_gets_a_hint() {
    let (_, errors) = summarize("  www A 192.0.2.1");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("start the line"),
        "{errors:?}"
    );
}

#[test]
fn ast_reprints_byte_for_byte() {
    let src = "$TTL 1h\n@ IN SOA ns h ( 1 2 3 4 5 ) ; soa\n\n  A 1.2.3 ; broken\nwww\tA\t192.0.2.1\r\n\"q\" TXT x";
    let parsed = parse(src.as_bytes());
    let mut out = Vec::new();
    let mut last = 0usize;
    for t in &parsed.file.tokens {
        // Blanks between tokens are the only bytes outside tokens.
        assert!(src.as_bytes()[last..t.span.start as usize]
            .iter()
            .all(|&b| b == b' ' || b == b'\t'));
        out.extend_from_slice(&src.as_bytes()[last..t.span.end as usize]);
        last = t.span.end as usize;
    }
    out.extend_from_slice(&src.as_bytes()[last..]);
    assert_eq!(out, src.as_bytes());
    assert!(!parsed.errors.is_empty());
}
