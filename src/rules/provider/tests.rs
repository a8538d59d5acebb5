//! The built-in table against its clean fixtures: `testdata/providers/<key>.zone`
//! is each provider's published setup, and must pass every rule.

use std::path::PathBuf;

use super::table::ProviderTable;
use crate::rules::mx::analysis::mx_records;
use crate::rules::{lint, Catalog, Selection};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/providers")
}

#[test]
fn every_provider_has_a_clean_fixture_of_its_setup() {
    let table = ProviderTable::builtin();
    let keys: Vec<&str> = table.keys().collect();
    assert!(keys.len() >= 9, "{keys:?}");
    for key in &keys {
        let path = fixtures().join(format!("{key}.zone"));
        let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let loaded = crate::zone::load(
            crate::source::SourceFile::new(&path, text),
            &crate::zone::LoadOptions::default(),
            &crate::zone::StdFileSystem,
        );
        let catalog = Catalog::new(vec![&loaded.zone]);
        let found = lint(
            &loaded.zone,
            &catalog,
            &Selection::all(),
            &loaded.diagnostics,
        );
        assert!(found.is_empty(), "{key}: {found:#?}");
        // The fixture is this provider's: its exchanges are in the table,
        // and some are this entry's.
        let zone = &loaded.zone;
        let owners: Vec<Option<&str>> = mx_records(zone)
            .map(|mx| table.provider_of(&mx.exchange(zone).to_owned()))
            .collect();
        assert!(owners.contains(&Some(*key)), "{key}: {owners:?}");
    }
    // And every fixture is a provider's.
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let key = name.strip_suffix(".zone").unwrap_or(&name);
        assert!(keys.contains(&key), "{name} is no provider's fixture");
    }
}

#[test]
fn every_builtin_entry_cites_the_providers_page() {
    let table = ProviderTable::builtin();
    for p in &table.providers {
        let docs = p.docs.as_deref().unwrap_or_default();
        assert!(docs.starts_with("https://"), "{}: {docs:?}", p.key);
    }
    // The comment above each entry cites it too.
    let text = include_str!("providers.toml");
    for p in &table.providers {
        let at = text.find(&format!("\n[{}]", p.key)).unwrap();
        let before = &text[..at];
        let comment_start = before.rfind("\n\n").unwrap_or(0);
        assert!(
            before[comment_start..].contains("# https://"),
            "{}: no cited page in the comment above the entry",
            p.key
        );
    }
}

#[test]
fn the_documentation_lists_every_builtin_entry() {
    let doc = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/providers.md"),
    )
    .unwrap();
    for p in &ProviderTable::builtin().providers {
        assert!(doc.contains(&format!("| `{}` |", p.key)), "{}", p.key);
        assert!(doc.contains(p.docs.as_deref().unwrap()), "{}", p.key);
    }
}
