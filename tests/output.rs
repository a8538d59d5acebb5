//! Exact output of every `--format` on one fixture.
//!
//! `testdata/output/example.com.zone` has several findings: fixable and
//! not, errors and a warning, a span over two lines, and `%`, `:`, `,`, `"`
//! and `\` in messages. The test copies it into a folder whose name needs
//! escaping too (`zones,100%:prod`) and compares each format's output with
//! `testdata/output/expected/<format>.<ext>`. Set `ZONELINT_UPDATE_OUTPUT=1`
//! to rewrite the expected files, then review the diff.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Where the fixture is copied, relative to the run's working directory.
const ZONE: &str = "zones,100%:prod/example.com.zone";

const FORMATS: &[(&str, &str)] = &[
    ("human", "txt"),
    ("concise", "txt"),
    ("json", "json"),
    ("sarif", "sarif"),
    ("github", "txt"),
    ("gitlab", "json"),
];

fn fixture_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let zone = dir.path().join(ZONE);
    std::fs::create_dir_all(zone.parent().unwrap()).unwrap();
    std::fs::copy(common::testdata().join("output/example.com.zone"), &zone).unwrap();
    dir
}

fn check(dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args(["check", "--no-config"])
        .args(extra)
        .arg(ZONE)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .output()
        .unwrap()
}

/// What varies between machines and releases, replaced by placeholders.
fn normalize(format: &str, text: String, dir: &Path) -> String {
    if format != "sarif" {
        return text;
    }
    let mut log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let run = &mut log["runs"][0];
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].take();
    let root = root.as_str().unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    let canonical = dir.canonicalize().unwrap();
    let dir_name = canonical.file_name().unwrap().to_str().unwrap();
    assert!(root.ends_with(&format!("/{dir_name}/")), "{root}");
    run["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///SRCROOT/".into();
    let used: std::collections::BTreeSet<u64> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleIndex"].as_u64().unwrap())
        .collect();
    let driver = &mut run["tool"]["driver"];
    for key in ["version", "semanticVersion"] {
        assert_eq!(driver[key], env!("CARGO_PKG_VERSION"));
        driver[key] = "VERSION".into();
    }
    // Every rule is listed; those no result refers to are pinned by their
    // id only (their metadata is the registry's, tested elsewhere), so that
    // adding a rule changes one line here.
    let rules = driver["rules"].as_array_mut().unwrap();
    assert_eq!(rules.len(), zonelint::rules::all().count());
    for (i, rule) in rules.iter_mut().enumerate() {
        if !used.contains(&(i as u64)) {
            *rule = serde_json::json!({ "id": rule["id"].clone() });
        }
    }
    serde_json::to_string_pretty(&log).unwrap() + "\n"
}

fn expected_path(format: &str, ext: &str) -> PathBuf {
    common::testdata().join(format!("output/expected/{format}.{ext}"))
}

#[test]
fn every_format_matches_its_expected_output() {
    let dir = fixture_dir();
    let update = std::env::var_os("ZONELINT_UPDATE_OUTPUT").is_some();
    let mut failures = Vec::new();
    for &(format, ext) in FORMATS {
        let out = check(dir.path(), &["--format", format]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = normalize(format, String::from_utf8(out.stdout).unwrap(), dir.path());
        let path = expected_path(format, ext);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (ZONELINT_UPDATE_OUTPUT=1 writes it)",
                path.display()
            )
        });
        if got != expected {
            let diff = similar::TextDiff::from_lines(&expected, &got);
            failures.push(format!(
                "--format {format} differs from {}:\n{}",
                path.display(),
                diff.unified_diff().header("expected", "got")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn machine_formats_parse_and_agree_on_positions() {
    let dir = fixture_dir();
    let json = check(dir.path(), &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let sarif = check(dir.path(), &["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let gitlab = check(dir.path(), &["--format", "gitlab"]);
    let gitlab: serde_json::Value = serde_json::from_slice(&gitlab.stdout).unwrap();
    let concise = check(dir.path(), &["--format", "concise"]);
    let concise = String::from_utf8(concise.stdout).unwrap();

    let findings = json.as_array().unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let issues = gitlab.as_array().unwrap();
    let lines: Vec<&str> = concise.lines().collect();
    assert!(findings.len() >= 5);
    assert_eq!(findings.len(), results.len());
    assert_eq!(findings.len(), issues.len());
    assert_eq!(findings.len(), lines.len());
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for (i, f) in findings.iter().enumerate() {
        let region = &results[i]["locations"][0]["physicalLocation"]["region"];
        for (a, b) in [
            ("line", "startLine"),
            ("column", "startColumn"),
            ("end_line", "endLine"),
            ("end_column", "endColumn"),
        ] {
            assert_eq!(f[a], region[b], "finding {i}: {a}");
        }
        let index = results[i]["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], f["code"]);
        assert_eq!(results[i]["ruleId"], f["code"]);
        assert_eq!(issues[i]["check_name"], f["code"]);
        assert_eq!(issues[i]["location"]["lines"]["begin"], f["line"]);
        assert_eq!(issues[i]["location"]["lines"]["end"], f["end_line"]);
        let prefix = format!(
            "{ZONE}:{}:{}: {}[{}] ",
            f["line"],
            f["column"],
            f["severity"].as_str().unwrap(),
            f["code"].as_str().unwrap()
        );
        assert!(lines[i].starts_with(&prefix), "{} vs {prefix}", lines[i]);
    }
    // Fingerprints are unique and stable across runs.
    let prints: std::collections::BTreeSet<_> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), issues.len());
    let again = check(dir.path(), &["--format", "gitlab"]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&again.stdout).unwrap(),
        gitlab
    );
}

#[test]
fn github_commands_escape_properties_and_data() {
    let dir = fixture_dir();
    let out = check(dir.path(), &["--format", "github"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        // `::` separates the properties from the message exactly once: any
        // `:` or `,` in a property value is escaped, and nothing breaks a line.
        let body = line.strip_prefix("::").unwrap();
        let (command, message) = body.split_once("::").unwrap();
        let (_, props) = command.split_once(' ').unwrap();
        let file = props.split(',').next().unwrap();
        assert_eq!(file, "file=zones%2C100%25%3Aprod/example.com.zone");
        assert_eq!(props.split(',').count(), 6, "{props}");
        assert!(!message.contains('\r'));
        // Every `%` starts an escape.
        for (at, _) in message.match_indices('%') {
            let code = &message[at + 1..at + 3];
            assert!(["25", "0A", "0D"].contains(&code), "{message}");
        }
    }
}

#[test]
fn human_colour_follows_the_flag_and_no_color() {
    let dir = fixture_dir();
    let esc = |o: &Output| o.stdout.contains(&0x1b);
    // NO_COLOR is set by `check`: auto means no colour, always still colours.
    assert!(!esc(&check(dir.path(), &[])));
    assert!(!esc(&check(dir.path(), &["--color", "auto"])));
    assert!(esc(&check(dir.path(), &["--color", "always"])));
    assert!(!esc(&check(dir.path(), &["--color", "never"])));
    let summary = check(dir.path(), &[]);
    let summary = String::from_utf8(summary.stdout).unwrap();
    assert!(
        summary.ends_with("Checked 1 file: 4 errors, 1 warning, 1 info (2 fixable with --fix)\n"),
        "{summary}"
    );
}
