//! The parser never panics, and its tokens cover the input in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = zonelint::parse(data);
    let mut last = 0;
    for t in &parsed.file.tokens {
        assert!(t.span.start >= last && t.span.end as usize <= data.len());
        last = t.span.end;
    }
});
