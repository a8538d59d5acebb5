//! Printer details; whole-file layouts are in `testdata/format/`.

use super::printer::RENDER_CHUNK;
use super::*;

fn fmt(text: &str) -> String {
    String::from_utf8(format_text(text.as_bytes(), &FormatOptions::default()).unwrap()).unwrap()
}

/// The display column where `;` starts on each line that has one:
/// characters, with tab stops every 8 columns.
fn comment_columns(text: &str) -> Vec<usize> {
    text.lines()
        .filter_map(|line| {
            let mut col = 0;
            let mut quoted = false;
            for c in line.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ';' if !quoted => return Some(col),
                    _ => {}
                }
                col = if c == '\t' {
                    (col / 8 + 1) * 8
                } else {
                    col + 1
                };
            }
            None
        })
        .collect()
}

/// Comments line up by what is seen, not by bytes: a multi-byte
/// character is one column, a tab goes to the next stop. In a small block
/// and in a block large enough to be rendered on several cores.
#[test]
fn comments_align_by_display_column() {
    let lines = "a TXT \"é é\" ; one\nbb TXT \"x\ty\" ; two\nccc TXT \"plain\" ; three\n";
    let small = fmt(&format!("$ORIGIN example.com.\n{lines}"));
    let columns = comment_columns(&small);
    assert_eq!(columns.len(), 3, "{small}");
    assert!(columns.iter().all(|&c| c == columns[0]), "{small}");

    let mut big = String::from("$ORIGIN example.com.\n");
    for i in 0..3 * RENDER_CHUNK {
        big.push_str(&format!("h{i} A 192.0.2.1 ; c\n"));
    }
    big.push_str(lines);
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| fmt(&big))
    };
    let (one, two) = (run(1), run(2));
    assert!(one == two, "the outputs differ");
    let columns = comment_columns(&two);
    assert_eq!(columns.len(), 3 * RENDER_CHUNK + 3);
    assert!(columns.iter().all(|&c| c == columns[0]));
}

#[test]
fn blank_owner_lines_start_with_a_blank() {
    // Every owner of the second block is blank: indented to column 8.
    assert_eq!(
        fmt("$TTL 1\nw A 1.2.3.4\n\n IN A 1.2.3.5\n"),
        "$TTL 1\nw A 1.2.3.4\n\n        IN A 1.2.3.5\n"
    );
}

#[test]
fn values_that_touch_stay_together() {
    assert_eq!(
        fmt("s HTTPS 1 . alpn=\"h2\"  mandatory=alpn\n"),
        "s HTTPS 1 . alpn=\"h2\" mandatory=alpn\n"
    );
}

#[test]
fn escaped_blank_at_the_end_of_a_token_is_kept() {
    assert_eq!(fmt("a TXT x\\ \n"), "a TXT x\\ \n");
}

#[test]
fn raw_octets_are_copied() {
    let text = b"a TXT \"\xff\xfe\" ; caf\xc3\xa9\n";
    let out = format_text(text, &FormatOptions::default()).unwrap();
    assert_eq!(out, text);
}

#[test]
fn byte_order_mark_and_line_endings_are_kept() {
    let out = format_text(
        b"\xEF\xBB\xBFa  A  1.2.3.4\r\nb A 1.2.3.5\r\n",
        &FormatOptions::default(),
    )
    .unwrap();
    assert_eq!(out, b"\xEF\xBB\xBFa A 1.2.3.4\r\nb A 1.2.3.5\r\n");
}

#[test]
fn fmt_off_without_fmt_on_keeps_the_rest() {
    let text = "a  A  1.2.3.4\n; zonelint: fmt off\nb   A    1.2.3.5\n\n\nc  A 1.2.3.6";
    assert_eq!(
        fmt(text),
        "a A 1.2.3.4\n; zonelint: fmt off\nb   A    1.2.3.5\n\n\nc  A 1.2.3.6\n"
    );
}

/// Both markers inside one entry of several lines (found by fuzzing: the
/// entry was dropped from the output, which verification caught).
#[test]
fn fmt_off_and_on_inside_one_entry_keep_it_as_written() {
    let entry = "t  TXT ( \"a\" ; x\n; zonelint: fmt off\n   \"b\"\n; zonelint: fmt on\n \"c\" )\n";
    let text = format!("a  A  1.2.3.4\n{entry}b   A   1.2.3.5\n");
    assert_eq!(fmt(&text), format!("a A 1.2.3.4\n{entry}b A 1.2.3.5\n"));
    // On, then off, inside one entry: the region starts with it.
    let entry = "t  TXT ( \"a\"\n; zonelint: fmt on\n; zonelint: fmt off\n \"c\" )\n";
    let text = format!("a  A  1.2.3.4\n{entry}b   A   1.2.3.5\n");
    assert_eq!(fmt(&text), format!("a A 1.2.3.4\n{entry}b   A   1.2.3.5\n"));
}

#[test]
fn empty_and_blank_files() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n\n\n"), "");
    assert_eq!(fmt("; only a comment"), "; only a comment\n");
}

#[test]
fn explicit_ttl_and_class_come_from_the_zone() {
    let file = SourceFile::new(
        "example.com.zone",
        b"$TTL 60\n@ SOA ns h 1 2 3 4 5\nwww A 1.2.3.4\n".to_vec(),
    );
    let options = FormatOptions {
        explicit_ttl_class: true,
        soa: SoaLayout::AsWritten,
        ..FormatOptions::default()
    };
    let load = LoadOptions {
        origin: Some("example.com.".parse().unwrap()),
        ..Default::default()
    };
    let out = format_verified(&file, &options, &load, &crate::zone::StdFileSystem).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "$TTL 60\n@   60 IN SOA ns h 1 2 3 4 5\nwww 60 IN A   1.2.3.4\n"
    );
}

/// A file large enough to be parsed on a second thread, and a block large
/// enough to be rendered on several, formats exactly as on one thread.
#[test]
fn parallel_formatting_equals_sequential() {
    let mut text = String::from("$TTL 1h\n$ORIGIN example.com.\n@ SOA ns h 1 2 3 4 5\n  NS ns\n");
    let mut i = 0;
    while text.len() < 2 * crate::zone::PIPELINE_MIN_BYTES {
        text.push_str(&format!(
            "h{i}   300 IN A 192.0.2.{} ; c{i}\n  AAAA 2001:db8::{i:x}\nlong-name-{i} MX 10 ( h{i}\n ) ; m\n",
            i % 256
        ));
        if i % 40_000 == 39_999 {
            text.push('\n'); // a few very large blocks
        }
        i += 1;
    }
    let options = FormatOptions::default();
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| format_text(text.as_bytes(), &options).unwrap())
    };
    let (one, two) = (run(1), run(2));
    assert!(one.len() > text.len() / 2);
    assert!(one == two, "the outputs differ");
    // `fmt --check` compares block by block and chunk by chunk.
    assert_eq!(super::format_differs(text.as_bytes(), &options), Ok(true));
    assert_eq!(super::format_differs(&one, &options), Ok(false));
    let mut changed_at_end = one.clone();
    changed_at_end.extend_from_slice(b"; tail\n");
    let reformatted_tail = format_text(&changed_at_end, &options).unwrap();
    assert_eq!(
        super::format_differs(&changed_at_end, &options),
        Ok(reformatted_tail != changed_at_end)
    );
    // One line changed deep inside a large block (in a later round of
    // chunks, or the last chunk), on one thread and on two.
    let class_after = |at: usize| at + one[at..].windows(4).position(|w| w == b" IN ").unwrap();
    let last = one.windows(4).rposition(|w| w == b" IN ").unwrap();
    for class in [
        class_after(one.len() / 2),
        class_after(one.len() * 3 / 4),
        last,
    ] {
        // A class in lower case (the formatter writes it upper case).
        let mut changed = one.clone();
        changed[class + 1..class + 3].copy_from_slice(b"in");
        assert!(format_text(&changed, &options).unwrap() != changed);
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            assert_eq!(
                pool.install(|| super::format_differs(&changed, &options)),
                Ok(true),
                "change at {class}, {threads} threads"
            );
        }
    }
}
