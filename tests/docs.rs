//! Documentation generated from the code stays in step with it.

mod common;

use std::path::Path;

/// `docs/rules.md` is what `zonelint rules --format markdown` prints (set
/// `ZONELINT_BLESS=1` to rewrite it after changing a rule's docs).
#[test]
fn rules_md_is_generated_from_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = zonelint::rules::registry::markdown();
    if std::env::var_os("ZONELINT_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md is stale: run `ZONELINT_BLESS=1 cargo test --test docs` and commit it"
    );
    for rule in zonelint::rules::all() {
        assert!(
            on_disk.contains(&format!("\n## {}\n", rule.meta.name)),
            "{} has no section",
            rule.meta.name
        );
    }
}
