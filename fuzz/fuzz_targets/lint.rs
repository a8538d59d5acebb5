//! Every rule runs on whatever loads, without panicking; every finding
//! and every fix edit points inside its file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zonelint::rules::{lint, Catalog, Selection};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if common::too_slow(data) {
        return;
    }
    let loaded = common::load(data);
    let catalog = Catalog::new(vec![&loaded.zone]);
    let found = lint(&loaded.zone, &catalog, &Selection::all(), &loaded.diagnostics);
    let files = loaded.zone.files();
    let len = |id| {
        files
            .iter()
            .find(|f| f.id() == id)
            .expect("known file")
            .text()
            .len()
    };
    for d in &found {
        assert!(d.span.end as usize <= len(d.file));
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(e.span.start <= e.span.end && e.span.end as usize <= len(e.file));
        }
    }
});
