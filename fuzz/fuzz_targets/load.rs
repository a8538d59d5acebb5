//! Loading never panics; every diagnostic points inside its file; the
//! zone's dump loads back to the same zone.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if common::too_slow(data) {
        return;
    }
    let loaded = common::load(data);
    let files = loaded.zone.files();
    for d in &loaded.diagnostics {
        let file = files.iter().find(|f| f.id() == d.file).expect("known file");
        assert!(d.span.start <= d.span.end && d.span.end as usize <= file.text().len());
    }
    let dumped = loaded.zone.dump();
    let again = common::load(dumped.as_bytes());
    assert_eq!(again.zone.dump(), dumped, "the dump loads back to itself");
});
