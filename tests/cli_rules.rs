//! The binary: `rules`, `explain`, and the classes of rules.

mod common;

use common::{text, zonelint};

fn codes(stdout: &[u8]) -> Vec<String> {
    let findings: Vec<serde_json::Value> = serde_json::from_str(&text(stdout)).unwrap();
    findings
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn rules_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    let out = zonelint(&["rules"], None, dir.path());
    assert_eq!(out.status.code(), Some(0));
    let listing = text(&out.stdout);
    for code in [
        "syntax",
        "mx-target-cname",
        "mx-missing-trailing-dot",
        "unused-suppression",
        "mx-missing",
    ] {
        assert!(
            listing.contains(code),
            "{code} missing from `zonelint rules`"
        );
    }
    let out = zonelint(&["explain", "mx-null-mixed"], None, dir.path());
    assert_eq!(out.status.code(), Some(0));
    let doc = text(&out.stdout);
    assert!(doc.starts_with("# mx-null-mixed"), "{doc}");
    assert!(doc.contains("RFC 7505"), "{doc}");
    let out = zonelint(&["explain", "mx-nope"], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown rule `mx-nope`"));
}

/// `rules --format json`: every registered code once, with its severity,
/// class, fixability and summary as the registry says.
#[test]
fn rules_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = zonelint(&["rules", "--format", "json"], None, dir.path());
    assert_eq!(out.status.code(), Some(0));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = zonelint::rules::all().map(|r| r.meta.name).collect();
    assert_eq!(
        list.iter()
            .map(|r| r["code"].as_str().unwrap())
            .collect::<Vec<_>>(),
        codes
    );
    let find = |code: &str| list.iter().find(|r| r["code"] == code).unwrap();
    let range = find("mx-preference-range");
    assert_eq!(range["class"], "refused");
    assert_eq!(range["severity"], "error");
    assert_eq!(range["fix"], "never");
    let dup = find("mx-duplicate");
    assert_eq!(dup["class"], "configurable");
    assert_eq!(dup["severity"], "warning");
    assert_eq!(dup["fix"], "sometimes");
    assert!(
        dup["summary"].as_str().unwrap().contains("same exchange"),
        "{dup}"
    );
    assert!(dup["url"]
        .as_str()
        .unwrap()
        .ends_with("docs/rules.md#mx-duplicate"));
    // The text listing shows the class too.
    let out = zonelint(&["rules"], None, dir.path());
    let listing = text(&out.stdout);
    let line = listing
        .lines()
        .find(|l| l.starts_with("mx-preference-range "))
        .unwrap();
    assert!(line.contains(" refused "), "{line}");
}

/// A rule of the refused class cannot be ignored, re-graded or suppressed:
/// the zone fails whatever the configuration says.
#[test]
fn refused_rules_cannot_be_switched_off() {
    let dir = tempfile::tempdir().unwrap();
    let zone = "$TTL 1h\n$ORIGIN example.com.\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\n@ MX 70000 ns1 ; zonelint: allow(mx-preference-range)\n";
    std::fs::write(dir.path().join("example.com.zone"), zone).unwrap();
    let out = zonelint(
        &[
            "check",
            "--ignore",
            "mx-preference-range",
            "example.com.zone",
        ],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("`mx-preference-range` cannot be ignored"),
        "{}",
        text(&out.stderr)
    );
    // A family or a selection that leaves it out still runs it.
    for args in [
        &[
            "check",
            "--format",
            "json",
            "--ignore",
            "mx",
            "example.com.zone",
        ][..],
        &[
            "check",
            "--format",
            "json",
            "--select",
            "mx-missing",
            "example.com.zone",
        ][..],
    ] {
        let out = zonelint(args, None, dir.path());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let found = codes(&out.stdout);
        assert!(
            found.contains(&"mx-preference-range".to_owned()),
            "{found:?}"
        );
        assert!(
            found.contains(&"unused-suppression".to_owned()) || args.contains(&"mx-missing"),
            "{found:?}"
        );
    }
    // The configuration cannot ignore it or change its severity.
    for config in [
        "[lint]\nignore = [\"mx-preference-range\"]\n",
        "[lint.severity]\nmx-preference-range = \"info\"\n",
    ] {
        std::fs::write(dir.path().join("zonelint.toml"), config).unwrap();
        let out = zonelint(&["check", "example.com.zone"], None, dir.path());
        assert_eq!(out.status.code(), Some(2), "{config}");
        assert!(
            text(&out.stderr).contains("mx-preference-range"),
            "{}",
            text(&out.stderr)
        );
    }
}

/// Zones BIND, Knot or NSD refuse to load exit 1 whatever `--ignore`,
/// `--select`, `[lint]` or `allow(...)` comments say.
#[test]
fn a_zone_the_servers_refuse_never_exits_0() {
    let head = "$TTL 1h\n$ORIGIN example.com.\n";
    let soa = "@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n";
    let ns = "@ NS ns1\nns1 A 192.0.2.53\n";
    let allow = " ; zonelint: allow(all)";
    let zones: Vec<(&str, String)> = vec![
        (
            "cname-and-other-data",
            format!("{head}{soa}{ns}www CNAME ns1{allow}\nwww MX 10 ns1{allow}\n"),
        ),
        ("cname-multiple", format!("{head}{soa}{ns}www CNAME ns1\nwww CNAME mail{allow}\nmail A 192.0.2.25\n")),
        ("soa-missing", format!("{head}{ns}")),
        ("soa-misplaced", format!("{head}{soa}{ns}sub SOA ns1 hostmaster 1 7200 3600 1209600 300{allow}\n")),
        ("ns-missing", format!("{head}{soa}ns1 A 192.0.2.53\n")),
        // Expands to ns1.example.com.example.com.: in the zone, no address.
        ("ns-missing-trailing-dot", format!("{head}{soa}@ NS ns1.example.com{allow}\n")),
        ("ds-misplaced", format!("{head}{soa}{ns}@ DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF{allow}\n")),
        ("dname-conflict", format!("{head}{soa}{ns}old DNAME new.example.net.\nwww.old A 192.0.2.80{allow}\n")),
        ("empty-zone", "; nothing here yet\n".to_owned()),
    ];
    for (code, zone) in &zones {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("example.com.zone"), zone).unwrap();
        let runs: [(&[&str], Option<&str>); 5] = [
            (&[], None),
            (&["--ignore", "all"], None),
            (&["--select", "mx-missing-trailing-dot"], None),
            (
                &["--fail-on", "error"],
                Some("[lint]\nignore = [\"all\"]\n"),
            ),
            (&[], Some("[lint]\nselect = [\"soa-timers\"]\n")),
        ];
        for (args, config) in runs {
            if let Some(config) = config {
                std::fs::write(dir.path().join("zonelint.toml"), config).unwrap();
            }
            let mut all = vec!["check", "--format", "json"];
            all.extend_from_slice(args);
            all.push("example.com.zone");
            let out = zonelint(&all, None, dir.path());
            assert_eq!(
                out.status.code(),
                Some(1),
                "{code} with {args:?} {config:?}: {}",
                text(&out.stderr)
            );
            assert!(
                codes(&out.stdout).iter().any(|c| c == code),
                "{code} with {args:?} {config:?}: {:?}",
                codes(&out.stdout)
            );
        }
    }
}
