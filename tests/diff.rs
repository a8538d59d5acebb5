//! `zonelint diff`: two files, and the working tree of real git
//! repositories made in a temporary folder against a revision. The JSON
//! output is held to `docs/diff.schema.json`; the markdown output is pinned
//! on `testdata/diff/` (`ZONELINT_BLESS=1` rewrites `expected.md`).

mod common;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn zonelint(args: &[&str], cwd: &Path) -> Output {
    zonelint_on(args, cwd, None)
}

/// With `today` as `ZONELINT_TODAY`, when given.
fn zonelint_on(args: &[&str], cwd: &Path, today: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zonelint"));
    command
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE");
    if let Some(today) = today {
        command.env("ZONELINT_TODAY", today);
    }
    command.output().unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    dir
}

fn commit(dir: &Path) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "change"]);
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The JSON report, checked against the documented schema.
fn json(out: &Output) -> Value {
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diff.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    validate(&schema, &schema, &v, "$");
    v
}

/// The subset of JSON Schema the schema uses: type, enum, properties,
/// required, additionalProperties = false, items, $ref to `$defs`.
fn validate(root: &Value, schema: &Value, v: &Value, at: &str) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.strip_prefix("#/$defs/").unwrap();
        return validate(root, &root["$defs"][name], v, at);
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().map(|t| t.as_str().unwrap()).collect(),
            _ => panic!("bad type in schema"),
        };
        let ok = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_u64() || v.is_i64(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            other => panic!("type {other}"),
        });
        assert!(ok, "{at}: {v} is not {types:?}");
    }
    if let Some(values) = schema["enum"].as_array() {
        assert!(values.contains(v), "{at}: {v} not in {values:?}");
    }
    if let (Some(obj), Some(props)) = (v.as_object(), schema["properties"].as_object()) {
        for name in schema["required"].as_array().into_iter().flatten() {
            assert!(obj.contains_key(name.as_str().unwrap()), "{at}: no {name}");
        }
        for (k, value) in obj {
            let Some(sub) = props.get(k) else {
                assert!(
                    schema["additionalProperties"] != false,
                    "{at}: unexpected `{k}`"
                );
                continue;
            };
            validate(root, sub, value, &format!("{at}.{k}"));
        }
    }
    if let (Some(items), Some(sub)) = (v.as_array(), schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(root, sub, item, &format!("{at}[{i}]"));
        }
    }
}

/// `(change, owner, type, ttl, old_ttl)` of each change of zone `i`.
fn changes(v: &Value, i: usize) -> Vec<(String, String, String, u64, Option<u64>)> {
    v["zones"][i]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["change"].as_str().unwrap().to_owned(),
                c["owner"].as_str().unwrap().to_owned(),
                c["type"].as_str().unwrap().to_owned(),
                c["ttl"].as_u64().unwrap(),
                c["old_ttl"].as_u64(),
            )
        })
        .collect()
}

fn c(
    change: &str,
    owner: &str,
    rtype: &str,
    ttl: u64,
    old: Option<u64>,
) -> (String, String, String, u64, Option<u64>) {
    (change.into(), owner.into(), rtype.into(), ttl, old)
}

const ZONE: &str = "$ORIGIN example.com.\n$TTL 1h\n@ IN SOA ns1 hostmaster 2024010101 7200 3600 1209600 300\n  IN NS ns1\n  IN MX 10 mail ; mail\nns1 IN A 192.0.2.53\nmail IN A 192.0.2.25\n$INCLUDE hosts.inc\n";

#[test]
fn two_files_compared_by_their_records() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "old.zone", ZONE);
    write(root, "hosts.inc", "www IN A 192.0.2.80\n");
    // Formatted by zonelint fmt: the same records.
    let fmt = zonelint(&["fmt", "old.zone"], root);
    assert!(fmt.status.success() || fmt.status.code() == Some(0));
    std::fs::copy(root.join("old.zone"), root.join("new.zone")).unwrap();
    write(root, "old.zone", ZONE);
    assert_ne!(
        std::fs::read(root.join("old.zone")).unwrap(),
        std::fs::read(root.join("new.zone")).unwrap(),
        "the fixture is reformatted"
    );
    let out = zonelint(&["diff", "--exit-code", "old.zone", "new.zone"], root);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "new.zone (example.com.): no change to the DNS, serial 2024010101 unchanged\n"
    );
    // A TTL, an address, a record gone.
    write(
        root,
        "new.zone",
        &ZONE
            .replace("mail IN A", "mail 300 IN A")
            .replace("  IN MX 10 mail ; mail\n", "")
            .replace("ns1 IN A 192.0.2.53", "ns1 IN A 192.0.2.54"),
    );
    let out = zonelint(
        &[
            "diff",
            "--format",
            "json",
            "--exit-code",
            "old.zone",
            "new.zone",
        ],
        root,
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["changed"], true);
    assert_eq!(v["zones"][0]["old_path"], "old.zone");
    assert_eq!(
        changes(&v, 0),
        [
            c("removed", "example.com.", "MX", 3600, None),
            c("ttl", "mail.example.com.", "A", 300, Some(3600)),
            c("removed", "ns1.example.com.", "A", 3600, None),
            c("added", "ns1.example.com.", "A", 3600, None),
        ]
    );
    assert_eq!(v["zones"][0]["changes"][0]["old"]["line"], 5);
    assert_eq!(v["zones"][0]["changes"][3]["new"]["line"], 5);
    // Without --exit-code a change is no failure.
    assert_eq!(
        zonelint(&["diff", "old.zone", "new.zone"], root)
            .status
            .code(),
        Some(0)
    );
    // A version with syntax errors cannot be compared.
    write(root, "new.zone", &format!("{ZONE}bad IN A 999.0.0.1\n"));
    let out = zonelint(&["diff", "old.zone", "new.zone"], root);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("syntax errors"),
        "{out:?}"
    );
    // One path is a usage error.
    assert_eq!(zonelint(&["diff", "old.zone"], root).status.code(), Some(2));
}

#[test]
fn the_working_tree_against_a_revision() {
    let dir = repo();
    let root = dir.path();
    write(root, "zones/example.com.zone", ZONE);
    write(root, "zones/hosts.inc", "www IN A 192.0.2.80\n");
    write(
        root,
        "zones/gone.example.zone",
        "$ORIGIN gone.example.\n$TTL 1h\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n",
    );
    write(root, "README.md", "not a zone\n");
    commit(root);
    // Nothing changed.
    let out = zonelint(&["diff", "--base", "HEAD", "--exit-code"], root);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "no zone file changed\n"
    );
    // A change inside the $INCLUDEd file, a deleted zone, a new one
    // (untracked), and a README edit that is no zone.
    write(root, "zones/hosts.inc", "www IN A 192.0.2.81\n");
    std::fs::remove_file(root.join("zones/gone.example.zone")).unwrap();
    write(
        root,
        "zones/new.example.zone",
        "$ORIGIN new.example.\n$TTL 1h\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n",
    );
    write(root, "README.md", "still not a zone\n");
    let out = zonelint(
        &["diff", "--base", "HEAD", "--format", "json", "--exit-code"],
        root,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let zones: Vec<(&str, &str)> = v["zones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|z| (z["path"].as_str().unwrap(), z["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        zones,
        [
            ("zones/example.com.zone", "changed"),
            ("zones/gone.example.zone", "deleted"),
            ("zones/new.example.zone", "added"),
        ]
    );
    assert_eq!(
        changes(&v, 0),
        [
            c("removed", "www.example.com.", "A", 3600, None),
            c("added", "www.example.com.", "A", 3600, None),
        ]
    );
    assert_eq!(
        v["zones"][0]["changes"][1]["new"]["path"],
        "zones/hosts.inc"
    );
    assert_eq!(v["zones"][1]["counts"]["removed"], 3);
    assert_eq!(v["zones"][2]["counts"]["added"], 3);
    // Run from a subfolder, on one path: the other zones are not compared,
    // paths are shown from where it runs.
    let out = zonelint(
        &[
            "diff",
            "--base",
            "HEAD",
            "--format",
            "json",
            "new.example.zone",
        ],
        &root.join("zones"),
    );
    let v = json(&out);
    assert_eq!(v["zones"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["zones"][0]["path"], "new.example.zone");
    // Committed, then reformatted: no change to the DNS.
    commit(root);
    let fmt = zonelint(&["fmt", "zones/example.com.zone"], root);
    assert!(fmt.status.success(), "{fmt:?}");
    let out = zonelint(&["diff", "--base", "HEAD", "--exit-code"], root);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "zones/example.com.zone (example.com.): no change to the DNS, serial 2024010101 unchanged\n"
    );
    // The github format: a notice on each changed line.
    write(root, "zones/hosts.inc", "www IN A 192.0.2.82\n");
    let out = zonelint(&["diff", "--base", "HEAD~1", "--format", "github"], root);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("::notice file=zones/hosts.inc,line=1,title=DNS record added::www.example.com. 3600 A 192.0.2.82"),
        "{text}"
    );
    // A revision that does not exist, and no repository at all.
    assert_eq!(
        zonelint(&["diff", "--base", "no-such-ref"], root)
            .status
            .code(),
        Some(2)
    );
    let outside = tempfile::tempdir().unwrap();
    let out = zonelint(&["diff", "--base", "HEAD"], outside.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn markdown_is_pinned() {
    let dir = common::testdata().join("diff");
    let out = zonelint(
        &["diff", "--format", "markdown", "old.zone", "new.zone"],
        &dir,
    );
    assert_eq!(out.status.code(), Some(0));
    let expected = dir.join("expected.md");
    let got = String::from_utf8(out.stdout).unwrap();
    if std::env::var_os("ZONELINT_BLESS").is_some() {
        std::fs::write(&expected, &got).unwrap();
    }
    assert_eq!(got, std::fs::read_to_string(&expected).unwrap());
}

/// `(line, code)` of each finding of `check --format json`.
fn findings(out: &Output) -> Vec<(u64, String)> {
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn check_on(root: &Path, today: &str, args: &[&str]) -> Output {
    let mut all = vec!["check", "--no-config", "--format", "json", "--base", "HEAD"];
    all.extend_from_slice(args);
    zonelint_on(&all, root, Some(today))
}

fn serial_of(root: &Path, name: &str) -> String {
    // The third field after `SOA`, on one line or over several.
    let text = std::fs::read_to_string(root.join(name)).unwrap();
    let after = &text[text.find("SOA").unwrap() + 3..];
    after
        .split_whitespace()
        .filter(|t| *t != "(")
        .nth(2)
        .unwrap()
        .to_owned()
}

#[test]
fn serials_checked_against_the_base_revision() {
    let dir = repo();
    let root = dir.path();
    let zone = |serial: &str| ZONE.replace("2024010101", serial);
    write(root, "example.com.zone", &zone("2024013105"));
    write(root, "hosts.inc", "www IN A 192.0.2.80\n");
    write(root, "counter.zone", "$ORIGIN counter.example.\n$TTL 1h\n@ SOA ns h 4294967295 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n");
    commit(root);
    let serial_codes = |out: &Output| -> Vec<(u64, String)> {
        findings(out)
            .into_iter()
            .filter(|(_, c)| c.starts_with("soa-serial"))
            .collect()
    };
    // Unchanged, then reformatted: no bump asked.
    assert_eq!(serial_codes(&check_on(root, "20240201", &[])), []);
    assert!(zonelint(&["fmt", "example.com.zone", "counter.zone"], root)
        .status
        .success());
    let out = check_on(root, "20240201", &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A change inside the $INCLUDEd file, the serial unchanged.
    write(root, "hosts.inc", "www IN A 192.0.2.81\n");
    let out = check_on(root, "20240201", &[]);
    assert_eq!(out.status.code(), Some(1));
    let found = serial_codes(&out);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "soa-serial-not-increased");
    // --fix across a month end: 2024013105 becomes 2024020100.
    let out = check_on(root, "20240201", &["--fix"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(serial_of(root, "example.com.zone"), "2024020100");
    // The same day again: the counter goes on.
    git(root, &["checkout", "-q", "example.com.zone"]);
    let out = check_on(root, "20240131", &["--fix"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(serial_of(root, "example.com.zone"), "2024013106");
    // Going back, and dated ahead of today.
    git(root, &["checkout", "-q", "example.com.zone"]);
    write(root, "example.com.zone", &zone("2023013105"));
    assert_eq!(
        serial_codes(&check_on(root, "20240201", &[])),
        [(3, "soa-serial-decreased".to_owned())]
    );
    write(root, "example.com.zone", &zone("2024033100"));
    let out = check_on(root, "20240201", &["--fail-on", "warning"]);
    assert_eq!(serial_codes(&out), [(3, "soa-serial-date".to_owned())]);
    // A counter at 2^32 - 1: 0 is greater (RFC 1982), and the fix wraps.
    let counter = std::fs::read_to_string(root.join("counter.zone")).unwrap();
    write(
        root,
        "counter.zone",
        &format!("{counter}www A 192.0.2.80\n"),
    );
    write(root, "example.com.zone", &zone("2024013106"));
    let out = check_on(root, "20240201", &[]);
    assert_eq!(serial_codes(&out).len(), 1, "{:?}", serial_codes(&out));
    let out = check_on(root, "20240201", &["--fix"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(serial_of(root, "counter.zone"), "0");
    // A zone file new since the base has nothing to compare with.
    write(root, "new.zone", "$ORIGIN new.example.\n$TTL 1h\n@ SOA ns h 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n");
    assert_eq!(serial_codes(&check_on(root, "20240201", &["new.zone"])), []);
    // Without --base, no serial rule speaks.
    write(root, "example.com.zone", &zone("2023013105"));
    let plain = zonelint(
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "example.com.zone",
        ],
        root,
    );
    assert_eq!(serial_codes(&plain), []);
}
