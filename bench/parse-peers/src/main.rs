//! `parse-peers PARSER FILE ORIGIN`: parses FILE with one parser and
//! prints the number of records and the parse time (reading the file is
//! not timed: both parsers get the bytes in memory).
//!
//! - `zonelint`: `zonelint::syntax::Parser`, the streaming parser the
//!   loader uses (tokens, names in wire form, record data encoded and
//!   checked);
//! - `zonelint-ast`: `zonelint::parse`, the lossless syntax tree the
//!   formatter reads;
//! - `domain`: `domain::zonefile::inplace::Zonefile`, entry by entry.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, parser, file, origin] = args.as_slice() else {
        eprintln!("usage: parse-peers zonelint|zonelint-ast|domain FILE ORIGIN");
        std::process::exit(2);
    };
    let text = std::fs::read(file).expect("readable file");
    // `domain` parses in place, in its own buffer: filled before the clock
    // starts, as zonelint's input is.
    let mut domain_zone = (parser == "domain").then(|| domain_zone(&text, origin));
    let started = Instant::now();
    let records = match parser.as_str() {
        "zonelint" => {
            let mut parser = zonelint::syntax::Parser::new(&text);
            let mut records = 0usize;
            while let Some(entry) = parser.next_entry() {
                records += usize::from(matches!(entry.item, zonelint::syntax::Item::Record(_)));
            }
            records
        }
        "zonelint-ast" => {
            let parsed = zonelint::parse(&text);
            parsed.file.entries.len()
        }
        "domain" => domain_records(domain_zone.as_mut().expect("prepared")),
        other => {
            eprintln!("unknown parser `{other}`");
            std::process::exit(2);
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    println!("{parser}\t{records}\t{seconds:.4}");
}

fn domain_zone(text: &[u8], origin: &str) -> domain::zonefile::inplace::Zonefile {
    use domain::base::Name;
    use std::str::FromStr;
    let mut zone = domain::zonefile::inplace::Zonefile::with_capacity(text.len());
    zone.extend_from_slice(text);
    zone.set_origin(Name::from_str(origin).expect("an origin"));
    zone
}

fn domain_records(zone: &mut domain::zonefile::inplace::Zonefile) -> usize {
    use domain::zonefile::inplace::Entry;
    let mut records = 0usize;
    while let Some(entry) = zone.next_entry().expect("the file parses") {
        if let Entry::Record(_) = entry {
            records += 1;
        }
    }
    records
}
