//! Properties: the parser and loader never panic on any input, and a zone
//! printed by `dump` parses back to the same records.

use proptest::prelude::*;
use zonelint::dns::Name;
use zonelint::{load_text, parse};

/// Fragments that exercise the lexer's states and the productions.
fn zone_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just(" ".to_owned()),
        Just("\t".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("\"".to_owned()),
        Just(";c".to_owned()),
        Just("\\".to_owned()),
        Just("\\0".to_owned()),
        Just("@".to_owned()),
        Just("$ORIGIN".to_owned()),
        Just("$TTL".to_owned()),
        Just("$INCLUDE".to_owned()),
        Just("$GENERATE".to_owned()),
        Just("${1,3,x}".to_owned()),
        Just("1-3".to_owned()),
        Just("\\#".to_owned()),
        Just("IN".to_owned()),
        Just("3600".to_owned()),
        Just("1h".to_owned()),
        prop::sample::select(vec![
            "A",
            "AAAA",
            "NS",
            "MX",
            "TXT",
            "SOA",
            "SRV",
            "CAA",
            "LOC",
            "SVCB",
            "HTTPS",
            "NSEC",
            "NSEC3",
            "RRSIG",
            "DS",
            "DNSKEY",
            "NAPTR",
            "APL",
            "WKS",
            "TYPE65280",
            "CNAME",
            "HIP",
            "IPSECKEY",
        ])
        .prop_map(str::to_owned),
        "[a-z0-9.*=,:/+-]{1,12}",
        "[0-9]{1,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse(&bytes);
        let _ = load_text("fuzz.zone", bytes, Some("example.".parse().unwrap()));
    }

    #[test]
    fn zone_shaped_text_never_panics(parts in prop::collection::vec(zone_fragment(), 0..80)) {
        let text = parts.join(" ");
        let parsed = parse(text.as_bytes());
        // Lossless: tokens are in order, inside the text, and never overlap.
        let mut last = 0;
        for t in &parsed.file.tokens {
            prop_assert!(t.span.start >= last && t.span.end as usize <= text.len());
            last = t.span.end;
        }
        let _ = load_text("fuzz.zone", text.into_bytes(), Some("example.".parse().unwrap()));
    }
}

/// One record of a generated zone, in presentation format.
fn record() -> impl Strategy<Value = String> {
    let label = "[a-z][a-z0-9-]{0,8}[a-z0-9]";
    let owner = prop::collection::vec(label, 1..3).prop_map(|l| l.join("."));
    let ttl = 0u32..=2_147_483_647;
    let data = prop_oneof![
        any::<[u8; 4]>().prop_map(|a| format!("A {}", std::net::Ipv4Addr::from(a))),
        any::<[u8; 16]>().prop_map(|a| format!("AAAA {}", std::net::Ipv6Addr::from(a))),
        (any::<u16>(), label).prop_map(|(p, n)| format!("MX {p} {n}")),
        label.prop_map(|n| format!("CNAME {n}.example.net.")),
        prop::collection::vec("[ -~]{0,40}", 1..4).prop_map(|strings| {
            let quoted: Vec<String> = strings
                .iter()
                .map(|s| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")))
                .collect();
            format!("TXT {}", quoted.join(" "))
        }),
        (any::<u16>(), any::<u16>(), any::<u16>(), label)
            .prop_map(|(a, b, c, n)| format!("SRV {a} {b} {c} {n}")),
        (
            any::<u16>(),
            any::<u8>(),
            prop::collection::vec(any::<u8>(), 1..40)
        )
            .prop_map(|(t, a, d)| format!("DS {t} {a} 2 {}", data_encoding::HEXUPPER.encode(&d))),
        prop::collection::vec(any::<u8>(), 0..30).prop_map(|d| {
            if d.is_empty() {
                "TYPE65280 \\# 0".to_owned()
            } else {
                format!(
                    "TYPE65280 \\# {} {}",
                    d.len(),
                    data_encoding::HEXUPPER.encode(&d)
                )
            }
        }),
    ];
    (owner, ttl, data).prop_map(|(o, t, d)| format!("{o} {t} IN {d}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn dump_output_parses_to_the_same_zone(records in prop::collection::vec(record(), 1..30)) {
        let origin: Name = "example.com.".parse().unwrap();
        let text = records.join("\n") + "\n";
        let first = load_text("gen.zone", text.into_bytes(), Some(origin.clone()));
        prop_assert!(first.diagnostics.is_empty(), "{:?}", first.diagnostics);
        let dumped = first.zone.dump();
        let second = load_text("dump.zone", dumped.clone().into_bytes(), Some(origin));
        prop_assert!(second.diagnostics.is_empty(), "{:?}", second.diagnostics);
        prop_assert_eq!(second.zone.dump(), dumped);
    }
}

/// A zone with varied layout: records with or without owner, TTL and
/// class, extra blanks, comments, parentheses and blank lines.
fn laid_out_zone() -> impl Strategy<Value = String> {
    let blank = prop::sample::select(vec![" ", "  ", "\t", " \t "]);
    let comment = prop::option::of("[ -~]{0,20}".prop_map(|c| format!(";{c}")));
    let line = (
        record(),
        blank.clone(),
        comment,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(rec, sep, comment, blank_owner, parens, empty_after)| {
            let mut fields: Vec<String> = rec.split(' ').map(str::to_owned).collect();
            if blank_owner {
                fields[0].clear();
            }
            let mut line = fields.join(sep);
            if parens && fields.len() > 4 {
                // Data in parentheses across two lines.
                let data_at = line.len() - fields.last().map_or(0, String::len);
                line.insert_str(data_at, "(\n  ");
                line.push_str(" )");
            }
            if let Some(c) = comment {
                line.push(' ');
                line.push_str(&c);
            }
            if empty_after {
                line.push('\n');
            }
            line
        });
    prop::collection::vec(line, 1..25).prop_map(|lines| {
        let mut text = String::from("$TTL 1h\nfirst A 192.0.2.1\n");
        text.push_str(&lines.join("\n"));
        text.push('\n');
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn format_keeps_the_zone_and_is_idempotent(text in laid_out_zone()) {
        use zonelint::format::{format_text, FormatOptions};
        let origin: Name = "example.com.".parse().unwrap();
        let before = load_text("gen.zone", text.clone().into_bytes(), Some(origin.clone()));
        prop_assume!(before.diagnostics.iter().all(|d| d.severity != zonelint::Severity::Error));
        let options = FormatOptions::default();
        let once = format_text(text.as_bytes(), &options).expect("a zone without errors formats");
        let twice = format_text(&once, &options).expect("formatted text parses");
        prop_assert_eq!(String::from_utf8_lossy(&twice), String::from_utf8_lossy(&once));
        let after = load_text("gen.zone", once.clone(), Some(origin));
        prop_assert_eq!(after.zone.dump(), before.zone.dump());
        // Every comment is kept, in order.
        let comments = |t: &[u8]| -> Vec<String> {
            zonelint::syntax::comments(t)
                .map(|s| String::from_utf8_lossy(s.slice(t)).trim_end().to_owned())
                .collect()
        };
        prop_assert_eq!(comments(&once), comments(text.as_bytes()));
    }
}

/// Pieces of mail policy records: versions, tags, separators, macros,
/// base64, escapes and bytes that are not UTF-8.
fn policy_piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::sample::select(vec![
            "v=spf1",
            "v=DMARC1",
            "v=DKIM1",
            "v=STSv1",
            "v=TLSRPTv1",
            " ",
            ";",
            "=",
            ":",
            ",",
            "/",
            "//",
            "%{",
            "}",
            "%{d}",
            "%{ir}",
            "p=",
            "k=ed25519",
            "k=rsa",
            "h=sha1",
            "s=*",
            "t=y",
            "id=",
            "rua=",
            "mailto:",
            "https://",
            "@",
            ".",
            "include:",
            "redirect=",
            "exp=",
            "ip4:",
            "ip6:",
            "a",
            "mx",
            "ptr",
            "exists:",
            "-all",
            "?all",
            "+all",
            "MIIBIjAN",
            "MCowBQYDK2VwAyEA",
            "==",
            "example.com",
            "_spf.example.com",
            "!10m",
            "pct=",
            "fo=",
            "999",
            "0",
            "\\",
            "\"",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        any::<u8>().prop_map(|b| vec![b]),
    ]
}

/// A character-string in zone syntax: every byte that is not plain as `\DDD`.
fn quoted(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in bytes {
        if b.is_ascii_graphic() && b != b'"' && b != b'\\' || b == b' ' {
            out.push(b as char);
        } else {
            out.push_str(&format!("\\{b:03}"));
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the TXT data at the names where mail policies live, every
    /// rule runs without a panic and every finding lies inside the file.
    #[test]
    fn mail_policy_text_never_panics(
        records in prop::collection::vec(
            (0usize..6, prop::collection::vec(prop::collection::vec(policy_piece(), 0..12), 1..4)),
            1..8,
        )
    ) {
        use zonelint::rules::{self, Catalog, Selection};
        let names = ["@", "_dmarc", "s1._domainkey", "_mta-sts", "_smtp._tls", "other._report._dmarc"];
        let mut text = String::from(
            "$TTL 1h\n$ORIGIN example.com.\n@ SOA ns h 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n@ MX 0 .\n",
        );
        for (name, strings) in &records {
            let strings: Vec<String> = strings
                .iter()
                .map(|pieces| quoted(&pieces.concat()[..pieces.concat().len().min(255)]))
                .collect();
            text.push_str(&format!("{} TXT {}\n", names[*name], strings.join(" ")));
        }
        let loaded = load_text("mail.zone", text.clone().into_bytes(), None);
        let catalog = Catalog::new(vec![&loaded.zone]);
        for d in rules::lint(&loaded.zone, &catalog, &Selection::all(), &loaded.diagnostics) {
            prop_assert!(d.span.end as usize <= text.len() && d.span.start <= d.span.end, "{d:?}");
        }
    }
}
