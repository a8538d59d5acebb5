//! Every key, and every kind of bad configuration.

use super::*;
use crate::format::{Align, Indent};

fn parse_str(text: &str) -> Result<Config, ConfigError> {
    parse(SourceFile::new(
        "/repo/zonelint.toml",
        text.as_bytes().to_vec(),
    ))
}

/// The text the error points at.
fn pointed(text: &str) -> (String, String) {
    let e = parse_str(text).unwrap_err();
    let at = e
        .span
        .map(|s| text[s.range()].to_owned())
        .unwrap_or_default();
    (at, e.message)
}

#[test]
fn every_key() {
    let c = parse_str(
        r#"
[lint]
select = ["mx"]
ignore = ["mx-backup-preferred"]
fail-on = "warning"
[lint.severity]
mx-duplicate = "error"
unused-suppression = "info"

[files]
include = ["*.zone", "zones/*.txt"]
exclude = ["archive", "*.bak.zone"]

[origins]
"internal.zone" = "corp.example."
"reverse/10.*.txt" = "10.in-addr.arpa"

[format]
align = "file"
indent = "tabs"
comment-column = 40
explicit-ttl-class = true
soa = "as-written"
"#,
    )
    .unwrap();
    assert!(c.selection.is_enabled("mx-target-cname"));
    assert!(!c.selection.is_enabled("mx-backup-preferred"));
    assert!(
        !c.selection.is_enabled("unused-suppression"),
        "only mx was selected"
    );
    assert!(
        c.selection.is_enabled("syntax"),
        "syntax cannot be switched off"
    );
    assert_eq!(
        c.selection.severity("mx-duplicate", Severity::Warning),
        Severity::Error
    );
    assert_eq!(c.fail_on, Some(Severity::Warning));
    assert!(c.is_zone_file(Path::new("/repo/a/b.zone")));
    assert!(c.is_zone_file(Path::new("/repo/zones/x.txt")));
    assert!(!c.is_zone_file(Path::new("/repo/other/x.txt")));
    assert!(!c.is_zone_file(Path::new("/repo/archive/old.zone")));
    assert!(!c.is_zone_file(Path::new("/repo/a/x.bak.zone")));
    assert!(
        !c.is_zone_file(Path::new("/repo/db.example")),
        "include replaced the defaults"
    );
    assert_eq!(
        c.origin_for(Path::new("/repo/sub/internal.zone"))
            .map(|n| n.to_string())
            .as_deref(),
        Some("corp.example.")
    );
    assert_eq!(
        c.origin_for(Path::new("/repo/reverse/10.1.txt"))
            .map(|n| n.to_string())
            .as_deref(),
        Some("10.in-addr.arpa.")
    );
    assert_eq!(c.origin_for(Path::new("/repo/reverse/11.txt")), None);
    assert_eq!(c.format.align, Align::File);
    assert_eq!(c.format.indent, Indent::Tabs);
    assert_eq!(c.format.comment_column, 40);
    assert!(c.format.explicit_ttl_class);
}

#[test]
fn defaults() {
    let c = parse_str("").unwrap();
    assert!(c.is_zone_file(Path::new("/repo/x/example.com.zone")));
    assert!(c.is_zone_file(Path::new("/repo/db.example.com")));
    assert!(!c.is_zone_file(Path::new("/repo/README.md")));
    assert_eq!(c.fail_on, None);
    assert_eq!(c.format, FormatOptions::default());
}

#[test]
fn unknown_keys() {
    assert_eq!(pointed("[lint]\nselekt = [\"mx\"]\n").0, "selekt");
    assert_eq!(pointed("[format]\nalgin = \"file\"\n").0, "algin");
    assert_eq!(pointed("[files]\nincludes = []\n").0, "includes");
    assert_eq!(pointed("[rules]\n").0, "rules");
}

#[test]
fn bad_values() {
    assert_eq!(
        pointed("[format]\nalign = \"sideways\"\n").0,
        "\"sideways\""
    );
    assert_eq!(
        pointed("[format]\ncomment-column = \"forty\"\n").0,
        "\"forty\""
    );
    assert_eq!(pointed("[lint]\nselect = \"mx\"\n").0, "\"mx\"");
    let (at, message) = pointed("[format]\ncomment-column = 100000\n");
    assert_eq!(at, "100000");
    assert!(message.contains("at most 1000"), "{message}");
    assert_eq!(pointed("[format]\ncomment-column = -1\n").0, "-1");
    let (at, message) = pointed("[lint]\nselect = [\"mx-nope\"]\n");
    assert_eq!(at, "\"mx-nope\"");
    assert!(message.contains("unknown rule `mx-nope`"), "{message}");
    assert_eq!(pointed("[lint]\nignore = [\"nope\"]\n").0, "\"nope\"");
    assert_eq!(pointed("[lint]\nfail-on = \"fatal\"\n").0, "\"fatal\"");
    assert_eq!(
        pointed("[lint.severity]\nmx-nope = \"error\"\n").0,
        "mx-nope"
    );
    assert_eq!(
        pointed("[lint.severity]\nmx-duplicate = \"loud\"\n").0,
        "\"loud\""
    );
    assert_eq!(pointed("[lint.severity]\nsyntax = \"info\"\n").0, "syntax");
    assert_eq!(pointed("[files]\nexclude = [\"a/[\"]\n").0, "\"a/[\"");
    assert_eq!(pointed("[origins]\n\"x.zone\" = \"a..b\"\n").0, "\"a..b\"");
}

#[test]
fn broken_files() {
    // A TOML syntax error points at where the parser stopped.
    let text = "[format\nalign = 1\n";
    let e = parse_str(text).unwrap_err();
    assert_eq!(e.span.map(|s| s.start), Some(7), "{}", e.message);
    assert!(e.message.contains("expected `]`"), "{}", e.message);
    let e = parse(SourceFile::new(
        "zonelint.toml",
        b"[format]\n# \xff\n".to_vec(),
    ))
    .unwrap_err();
    assert!(e.message.contains("UTF-8"));
}

#[test]
fn found_in_parent_folders() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
    std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
    let found = find(&dir.path().join("a/b/zone.db")).unwrap();
    assert_eq!(found, dir.path().join(FILE_NAME));
}

#[test]
fn providers_add_to_the_table_and_bad_entries_point_at_their_key() {
    let c = parse_str(
        r#"
[providers.acme]
name = "Acme Mail"
docs = "https://acme.example/mail"
hosts = ["mx1.acme.example", "*.in.acme.example"]
sets = [{ "mx1.acme.example" = 10, "b.in.acme.example" = 20 }]
spf = ["_spf.acme.example"]
sends = true
"#,
    )
    .unwrap();
    let table = c.selection.providers();
    let name: Name = "a.in.acme.example.".parse().unwrap();
    assert_eq!(table.provider_of(&name), Some("acme"));
    // The built-in entries stay.
    let google: Name = "smtp.google.com.".parse().unwrap();
    assert_eq!(table.provider_of(&google), Some("google-workspace"));

    for (text, message) in [
        ("[providers.x]\nhosts = [\"mx.*\"]\n", "last label"),
        (
            "[providers.x]\nsends = true\n",
            "neither `hosts` nor `tenant`",
        ),
        (
            "[providers.x]\nhosts = [\"a.example\"]\nsets = [{ \"b.example\" = 1 }]\n",
            "matches none",
        ),
        (
            "[providers.x]\ntenant = [\"mx.{tenant}.example\"]\n",
            "first label",
        ),
    ] {
        let (at, got) = pointed(text);
        assert_eq!(at, "x", "{text}");
        assert!(got.contains(message), "{text}: {got}");
    }
    // Unknown keys are refused by name.
    let (_, got) = pointed("[providers.x]\nhost = [\"a.example\"]\n");
    assert!(got.contains("unknown field `host`"), "{got}");
}

#[test]
fn a_child_adds_providers_to_its_parents() {
    let parent = parse_str("[providers.a]\nhosts = [\"mx.a.example\"]\n").unwrap();
    let child = parse(SourceFile::new(
        "/repo/sub/zonelint.toml",
        b"[providers.b]\nhosts = [\"mx.b.example\"]\n".to_vec(),
    ))
    .unwrap()
    .inherit(&parent);
    let table = child.selection.providers();
    for (host, key) in [("mx.a.example.", "a"), ("mx.b.example.", "b")] {
        let name: Name = host.parse().unwrap();
        assert_eq!(table.provider_of(&name), Some(key));
    }
}

#[test]
fn a_provider_entry_of_a_builtin_key_replaces_it() {
    let c = parse_str("[providers.google-workspace]\nhosts = [\"mx.google.example\"]\n").unwrap();
    let table = c.selection.providers();
    let old: Name = "smtp.google.com.".parse().unwrap();
    let new: Name = "mx.google.example.".parse().unwrap();
    assert_eq!(table.provider_of(&old), None);
    assert_eq!(table.provider_of(&new), Some("google-workspace"));
}
