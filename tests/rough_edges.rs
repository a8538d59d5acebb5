//! The rough edges a new user hit (one test per defect, each reproducing
//! it through the binary).

mod common;

use std::path::Path;

use common::{text, zonelint};

/// A folder holding `files` (name, text).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

const HEAD: &str =
    "$TTL 1h\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\n";

/// 15: a DNAME whose target is below its owner rewrites into itself: the
/// MX below it is reported as a loop, with no fix, and fixing settles.
#[test]
fn a_dname_into_itself_is_a_loop_and_fixing_settles() {
    let zone = format!("{HEAD}@ DNAME l-fixms\n MX l 5\n");
    let dir = folder(&[("example.com.zone", &zone)]);
    for args in [
        &["check", "--fix", "--unsafe-fixes", "example.com.zone"][..],
        &["check", "--diff", "--unsafe-fixes", "example.com.zone"][..],
    ] {
        let out = zonelint(args, None, dir.path());
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            !text(&out.stderr).contains("zonelint bug"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(read(dir.path(), "example.com.zone"), zone);
    let out = zonelint(
        &["check", "--format", "json", "example.com.zone"],
        None,
        dir.path(),
    );
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let of = |code: &str| findings.iter().find(|f| f["code"] == code).cloned();
    assert!(of("cname-loop").is_some(), "{findings:?}");
    let mx = of("mx-target-cname").expect("the MX below the DNAME");
    assert!(mx["fix"].is_null(), "{mx}");
    assert!(mx["help"].as_str().unwrap().contains("loops"), "{mx}");
}

/// 15: a name written as a quoted string gets its dot inside the quotes,
/// and `--diff` shows the same proven edit that `--fix` writes.
#[test]
fn a_quoted_name_gets_its_dot_inside_the_quotes() {
    let zone = format!("{HEAD}@ MX 10 \"mail.example.net\"\ne MX 2\"=.co\"\n");
    let dir = folder(&[("example.com.zone", &zone)]);
    let out = zonelint(
        &["check", "--diff", "--unsafe-fixes", "example.com.zone"],
        None,
        dir.path(),
    );
    let diff = text(&out.stdout);
    assert!(
        !text(&out.stderr).contains("zonelint bug"),
        "{}",
        text(&out.stderr)
    );
    assert!(diff.contains("+@ MX 10 \"mail.example.net.\"\n"), "{diff}");
    assert!(diff.contains("+e MX 2\"=.co.\"\n"), "{diff}");
    let out = zonelint(
        &["check", "--fix", "--unsafe-fixes", "example.com.zone"],
        None,
        dir.path(),
    );
    assert!(
        !text(&out.stderr).contains("zonelint bug"),
        "{}",
        text(&out.stderr)
    );
    let fixed = read(dir.path(), "example.com.zone");
    assert!(
        diff.contains(&fixed.lines().nth(4).unwrap().to_string()),
        "{fixed}"
    );
    assert!(fixed.contains("@ MX 10 \"mail.example.net.\"\n"), "{fixed}");
    let out = zonelint(
        &["check", "--format", "concise", "example.com.zone"],
        None,
        dir.path(),
    );
    assert!(
        !text(&out.stdout).contains("syntax"),
        "{}",
        text(&out.stdout)
    );
}
