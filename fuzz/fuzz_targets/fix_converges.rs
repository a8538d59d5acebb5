//! `--fix --unsafe-fixes` converges: no rule's fix breaks the file or
//! fails to settle, and once fixed, no fix is left to apply.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zonelint::fix::{fix_zone, FixOptions};
use zonelint::rules::{lint, Catalog, Selection};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if common::too_slow(data) {
        return;
    }
    let options = FixOptions {
        unsafe_fixes: true,
        top_file_only: true,
    };
    let fixed = fix_zone(
        common::file(data),
        &common::options(),
        &common::MemFs,
        &[],
        &Selection::all(),
        options,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let Some((_, text)) = fixed.files.first() else {
        return;
    };
    let loaded = common::load(text);
    let catalog = Catalog::new(vec![&loaded.zone]);
    let top = loaded.zone.files()[0].id();
    let left: Vec<&str> = lint(&loaded.zone, &catalog, &Selection::all(), &loaded.diagnostics)
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.edits.iter().all(|e| e.file == top))
        })
        .map(|d| d.code)
        .collect();
    assert!(left.is_empty(), "fixes left after fixing: {left:?}");
});
