//! `zonelint.toml` through the binary: every key's effect on a fixture
//! folder (`testdata/config/every-key`), flags overriding the file, and one
//! error per kind of bad configuration (`testdata/config/bad/*.toml`: the
//! first line says `# expect: <message>`, the offending line ends `# <-`).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn zonelint(args: &[&str], cwd: &Path, stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn every_key() -> PathBuf {
    common::testdata().join("config/every-key")
}

/// `(path, line, code, severity)` of each finding of a JSON report.
fn findings(out: &Output) -> Vec<(String, u64, String, String)> {
    let list: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    list.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn f(path: &str, line: u64, code: &str, severity: &str) -> (String, u64, String, String) {
    (path.into(), line, code.into(), severity.into())
}

#[test]
fn every_key_takes_effect() {
    let dir = every_key();
    let out = zonelint(&["check", "--format", "json"], &dir, None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        findings(&out),
        [
            // [lint.severity]: info instead of warning, warning instead of error.
            f("example.com.zone", 8, "mx-duplicate", "info"),
            f("example.com.zone", 12, "mx-target-dangling", "warning"),
            // Selected explicitly; mx-target-ip is a rule, so the comment is unused.
            f("example.com.zone", 13, "unused-suppression", "warning"),
            // [providers]: a set of the file's own provider, half present.
            f("example.com.zone", 15, "mx-provider-incomplete", "info"),
            // [files] include, and the origin from [origins];
            // [lint.per-file-ignores]: no unused-suppression on line 7.
            f("zones/internal.txt", 5, "mx-missing-trailing-dot", "error"),
        ],
        "ignored: mx-backup-preferred (line 6); not selected: out-of-zone-data (line 14); \
         excluded: archive/, *.draft.zone; not included: db.legacy, other/stray.txt, zones/notes.md"
    );
    let internal = zonelint(
        &["check", "--format", "json", "zones/internal.txt"],
        &dir,
        None,
    );
    let message = serde_json::from_slice::<serde_json::Value>(&internal.stdout).unwrap()[0]
        ["message"]
        .clone();
    assert!(
        message
            .as_str()
            .unwrap()
            .contains("means `mail.corp.example.corp.example.`"),
        "{message}"
    );
    // output-format: concise when --format is not given.
    let concise = zonelint(&["check", "zones/internal.txt"], &dir, None);
    assert_eq!(
        String::from_utf8_lossy(&concise.stdout),
        "zones/internal.txt:5:12: error[mx-missing-trailing-dot] MX exchange `mail.corp.example` has no trailing dot, so it means `mail.corp.example.corp.example.`\n"
    );
    // The same origin for dump.
    let dump = zonelint(&["dump", "zones/internal.txt"], &dir, None);
    assert!(String::from_utf8_lossy(&dump.stdout).starts_with("corp.example.\t3600\tIN\tSOA\t"));
}

#[test]
fn fail_on_from_the_file_and_from_the_flag() {
    let dir = every_key();
    // Only infos and two warnings: fail-on = "info" fails the run.
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "concise"];
        args.extend_from_slice(extra);
        args.push("example.com.zone");
        zonelint(&args, &dir, None).status.code()
    };
    assert_eq!(run(&[]), Some(1));
    assert_eq!(run(&["--fail-on", "warning"]), Some(1));
    assert_eq!(run(&["--fail-on", "error"]), Some(0));
}

#[test]
fn select_and_ignore_flags_replace_the_lists_and_keep_severities() {
    let dir = every_key();
    let out = zonelint(
        &[
            "check",
            "--format",
            "json",
            "--select",
            "mx-duplicate,mx-backup-preferred",
            "example.com.zone",
        ],
        &dir,
        None,
    );
    assert_eq!(
        findings(&out),
        [
            f("example.com.zone", 6, "mx-backup-preferred", "info"),
            f("example.com.zone", 8, "mx-duplicate", "info"),
        ]
    );
    let out = zonelint(
        &[
            "check",
            "--format",
            "json",
            "--ignore",
            "mx-duplicate",
            "example.com.zone",
        ],
        &dir,
        None,
    );
    let codes: Vec<String> = findings(&out).into_iter().map(|f| f.2).collect();
    assert!(codes.contains(&"out-of-zone-data".to_owned()), "{codes:?}");
    assert!(
        codes.contains(&"mx-backup-preferred".to_owned()),
        "{codes:?}"
    );
    assert!(!codes.contains(&"mx-duplicate".to_owned()), "{codes:?}");
}

#[test]
fn no_config_and_another_config() {
    let dir = every_key();
    let out = zonelint(&["check", "--no-config", "--format", "json"], &dir, None);
    let found = findings(&out);
    let paths: std::collections::BTreeSet<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        paths.into_iter().collect::<Vec<_>>(),
        [
            "archive/old.zone",
            "db.legacy",
            "example.com.zone",
            "next.draft.zone"
        ],
        "the default patterns, nothing excluded"
    );
    assert!(found.contains(&f("example.com.zone", 12, "mx-target-dangling", "error")));

    let other = tempfile::tempdir().unwrap();
    let config = other.path().join("strict.toml");
    std::fs::write(&config, "[lint]\nselect = [\"mx-target-dangling\"]\n").unwrap();
    let out = zonelint(
        &[
            "check",
            "--format",
            "json",
            "--config",
            config.to_str().unwrap(),
            "example.com.zone",
        ],
        &dir,
        None,
    );
    assert_eq!(
        findings(&out),
        [f("example.com.zone", 12, "mx-target-dangling", "error")]
    );
    // --config and --no-config together make no sense.
    let out = zonelint(&["check", "--config", "x.toml", "--no-config"], &dir, None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn format_options_from_the_file() {
    let dir = every_key();
    let zone = std::fs::read(dir.join("example.com.zone")).unwrap();
    let out = zonelint(
        &["fmt", "-", "--stdin-filename", "example.com.zone"],
        &dir,
        Some(&zone),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = std::fs::read_to_string(dir.join("example.com.zone.formatted")).unwrap();
    let got = String::from_utf8(out.stdout).unwrap();
    assert_eq!(got, expected);
    // What each option did: tabs, explicit TTL and class, the SOA on one
    // line as written, comments at column 64, columns aligned file-wide.
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(
        lines[3],
        "@\t\t\t3600\tIN\tSOA\tns1 hostmaster 1 7200 3600 1209600 300"
    );
    let visual_column = |line: &str, at: usize| {
        line[..at].chars().fold(
            0,
            |col, c| if c == '\t' { col / 8 * 8 + 8 } else { col + 1 },
        ) + 1
    };
    let comment = lines[5].find(';').unwrap();
    assert_eq!(visual_column(lines[5], comment), 64, "{:?}", lines[5]);
    assert!(lines.iter().filter(|l| l.contains("\t3600\tIN\t")).count() >= 8);
    // `fmt --check` walks the folder with the [files] patterns.
    let out = zonelint(&["fmt", "--check"], &dir, None);
    let listed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        listed,
        "Would reformat: example.com.zone\nWould reformat: zones/internal.txt\n"
    );
}

#[test]
fn every_kind_of_bad_config_is_an_error_pointing_at_it() {
    let bad = common::testdata().join("config/bad");
    let files = common::files_in(&bad, |p| p.extension().is_some_and(|e| e == "toml"));
    assert!(files.len() >= 20, "{files:?}");
    let zone = common::testdata().join("examples/example.com.zone");
    for file in files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read(&file).unwrap();
        let first = text.split(|&b| b == b'\n').next().unwrap();
        let expect = std::str::from_utf8(first)
            .unwrap()
            .strip_prefix("# expect: ")
            .unwrap_or_else(|| panic!("{name}: no `# expect:` line"));
        let marked = text
            .split(|&b| b == b'\n')
            .position(|l| l.ends_with(b"# <-"))
            .unwrap_or_else(|| panic!("{name}: no `# <-` mark"))
            + 1;
        for command in ["check", "fmt"] {
            let mut args = vec![command, "--config", name, zone.to_str().unwrap()];
            if command == "fmt" {
                args.push("--check");
            }
            let out = zonelint(&args, &bad, None);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name} ({command}): {err}");
            assert!(out.stdout.is_empty(), "{name}: nothing else is done");
            // miette may wrap the message: compare with whitespace folded.
            let folded: String = err
                .split_whitespace()
                .filter(|w| *w != "│")
                .collect::<Vec<_>>()
                .join(" ");
            assert!(folded.contains(expect), "{name}: want `{expect}` in\n{err}");
            assert!(
                err.contains(&format!("[{name}:{marked}:")),
                "{name}: want the snippet at line {marked}:\n{err}"
            );
        }
    }
    // A --config that does not exist.
    let out = zonelint(
        &["check", "--config", "missing.toml", zone.to_str().unwrap()],
        &bad,
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.toml"));
}

#[test]
fn files_named_but_excluded_are_skipped_quietly() {
    // pre-commit passes staged files by name; [files] exclude still applies.
    let dir = every_key();
    let out = zonelint(
        &["check", "archive/old.zone", "next.draft.zone"],
        &dir,
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("excluded by `[files] exclude`"));
    let out = zonelint(&["fmt", "archive/old.zone"], &dir, None);
    assert_eq!(out.status.code(), Some(0));
    // One excluded and one not: the other is checked.
    let out = zonelint(
        &[
            "check",
            "--format",
            "json",
            "archive/old.zone",
            "example.com.zone",
        ],
        &dir,
        None,
    );
    assert_eq!(findings(&out).len(), 4);
}
