//! Formatting keeps the zone and is idempotent: what `fmt` would write
//! loads to the same records, and formatting it again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zonelint::format::{format_text, format_verified, FormatError, FormatOptions};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if common::too_slow(data) {
        return;
    }
    let options = FormatOptions::default();
    match format_verified(&common::file(data), &options, &common::options(), &common::MemFs) {
        Ok(out) => {
            let again = format_text(&out, &options).expect("formatted text parses");
            assert!(again == out, "formatting is idempotent");
            assert_eq!(
                common::load(&out).zone.dump(),
                common::load(data).zone.dump(),
                "formatting keeps the records"
            );
        }
        Err(FormatError::Syntax { .. }) => {}
        Err(e) => panic!("{e}"),
    }
});
