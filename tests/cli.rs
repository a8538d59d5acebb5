//! The binary: exit codes, output formats, stdin, discovery.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{text, zonelint};

const BROKEN: &str = "$TTL 1h\n$ORIGIN example.com.\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\nmail A 203.0.113.300\nok TXT \"fine\"\nbé A 192.0.2.9 FOO\n";

#[test]
fn clean_sample_exits_zero() {
    let out = zonelint(
        &["check", "testdata/examples/example.com.zone"],
        None,
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Checked 1 file: 0 errors"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn syntax_errors_exit_one_with_human_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("example.com.zone"), BROKEN).unwrap();
    let out = zonelint(&["check", "example.com.zone"], None, dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("invalid IPv4 address `203.0.113.300`"),
        "{stdout}"
    );
    assert!(stdout.contains("example.com.zone:6:8"), "{stdout}");
    assert!(
        stdout.contains("Checked 1 file: 2 errors, 0 warnings, 0 infos"),
        "{stdout}"
    );
}

#[test]
fn json_matches_the_documented_schema() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("example.com.zone"), BROKEN).unwrap();
    let out = zonelint(
        &["check", "--format", "json", "example.com.zone"],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("one JSON array");
    assert_eq!(findings.len(), 2);
    let first = &findings[0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = vec![
        "path",
        "code",
        "severity",
        "message",
        "help",
        "line",
        "column",
        "end_line",
        "end_column",
        "offset",
        "length",
        "fix",
        "zone",
        "origin",
    ];
    want.sort_unstable();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort_unstable();
    assert_eq!(keys_sorted, want);
    assert_eq!(first["path"], "example.com.zone");
    assert_eq!(first["zone"], "example.com.");
    assert_eq!(first["origin"], "directive");
    assert_eq!(first["code"], "syntax");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["message"], "invalid IPv4 address `203.0.113.300`");
    assert_eq!(first["help"], serde_json::Value::Null);
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(6), Some(8))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(6), Some(21))
    );
    let offset = first["offset"].as_u64().unwrap() as usize;
    let length = first["length"].as_u64().unwrap() as usize;
    assert_eq!(
        &BROKEN.as_bytes()[offset..offset + length],
        b"203.0.113.300"
    );
    assert_eq!(first["fix"], serde_json::Value::Null);
    // Columns count characters: `bé` is 2 characters, 3 bytes.
    let second = &findings[1];
    assert_eq!(
        second["message"],
        "unexpected data after the end of the A record"
    );
    assert_eq!(
        (second["line"].as_u64(), second["column"].as_u64()),
        (Some(8), Some(16))
    );
    assert_eq!(
        second["offset"].as_u64().unwrap() as usize,
        BROKEN.find("FOO").unwrap()
    );
}

#[test]
fn stdin_and_origin() {
    let dir = tempfile::tempdir().unwrap();
    let zone = "$TTL 1h\n@ SOA ns hostmaster 1 7200 3600 1209600 300\nwww A 192.0.2.1\n";
    let out = zonelint(
        &["dump", "--origin", "example.net", "-"],
        Some(zone),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "example.net.\t3600\tIN\tSOA\tns.example.net. hostmaster.example.net. 1 7200 3600 1209600 300\nwww.example.net.\t3600\tIN\tA\t192.0.2.1\n"
    );
    let out = zonelint(
        &["check", "--format", "json", "-"],
        Some("www A 192.0.2.1\n"),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(findings[0]["path"], "<stdin>");
    assert!(findings[0]["help"].as_str().unwrap().contains("--origin"));
}

#[test]
fn dump_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("db.example.org"),
        "$TTL 60\n@ MX 10 mail\nmail A 192.0.2.1\n",
    )
    .unwrap();
    let out = zonelint(
        &["dump", "--format", "json", "db.example.org"],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let records: Vec<serde_json::Value> = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["owner"], "example.org.");
    assert_eq!(records[0]["type"], "MX");
    assert_eq!(records[0]["rdata"], "10 mail.example.org.");
    assert_eq!(records[1]["line"], 3);
}

#[test]
fn operational_failures_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let out = zonelint(&["check", "missing.zone"], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("failed to read `missing.zone`"),
        "{}",
        text(&out.stderr)
    );
    let out = zonelint(&["check", "--no-such-flag"], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    let out = zonelint(&["check", "--origin", "a..b", "-"], Some(""), dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("invalid origin"),
        "{}",
        text(&out.stderr)
    );
    let out = zonelint(&["check", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no zone files found"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn folders_are_walked_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("zones/sub")).unwrap();
    std::fs::write(root.join("zones/b.example.zone"), "$TTL 1\n@ A 1.2.3\n").unwrap();
    std::fs::write(root.join("zones/a.example.zone"), "$TTL 1\n@ A 1.2.3\n").unwrap();
    std::fs::write(root.join("zones/sub/db.c.example"), "$TTL 1\n@ A 1.2.3\n").unwrap();
    std::fs::write(root.join("zones/README"), "not a zone").unwrap();
    let out = zonelint(&["check", "--format", "json", "zones"], None, root);
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_str(&text(&out.stdout)).unwrap();
    let paths: Vec<&str> = findings
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "zones/a.example.zone",
            "zones/b.example.zone",
            "zones/sub/db.c.example"
        ]
    );
}

#[test]
fn human_output_is_safe_with_control_bytes_and_invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let zone = b"$TTL 1\n$ORIGIN example.com.\n\x1b[31mred A 1.2.3\nx A \xff\xfe\n";
    std::fs::write(dir.path().join("example.com.zone"), zone).unwrap();
    let out = zonelint(&["check", "example.com.zone"], None, dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !out.stdout.contains(&0x1b),
        "terminal escapes from the file must not reach the terminal"
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("invalid IPv4 address `1.2.3`"), "{stdout}");
    assert!(
        stdout.contains("invalid IPv4 address `\u{fffd}\u{fffd}`"),
        "{stdout}"
    );
}

const MX_ZONE: &str = "$TTL 1h\n$ORIGIN example.com.\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\n@ MX 10 mail.example.com\n@ MX 20 smtp\nsmtp CNAME ns1\nparked MX 5 .\nparked TXT \"v=spf1 -all\"\n_dmarc.parked TXT \"v=DMARC1; p=reject\"\nmail A 192.0.2.25\n";

fn codes(stdout: &[u8]) -> Vec<String> {
    let findings: Vec<serde_json::Value> = serde_json::from_str(&text(stdout)).unwrap();
    findings
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn select_ignore_and_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("example.com.zone"), MX_ZONE).unwrap();
    let run = |args: &[&str]| {
        zonelint(
            &[&["check", "--format", "json"], args, &["example.com.zone"]].concat(),
            None,
            dir.path(),
        )
    };
    let all = run(&[]);
    assert_eq!(
        codes(&all.stdout),
        [
            "mx-missing-trailing-dot",
            "mx-target-cname",
            "mx-null-preference"
        ]
    );
    assert_eq!(all.status.code(), Some(1));
    let only = run(&["--select", "mx-target-cname"]);
    assert_eq!(codes(&only.stdout), ["mx-target-cname"]);
    let ignored = run(&["--ignore", "mx-target-cname,mx-missing-trailing-dot"]);
    assert_eq!(codes(&ignored.stdout), ["mx-null-preference"]);
    // Only a warning is left: exit 0 by default, 1 with --fail-on warning.
    assert_eq!(ignored.status.code(), Some(0));
    let strict = run(&[
        "--ignore",
        "mx-target-cname,mx-missing-trailing-dot",
        "--fail-on",
        "warning",
    ]);
    assert_eq!(strict.status.code(), Some(1));
    let family = run(&["--ignore", "mx"]);
    assert_eq!(codes(&family.stdout), Vec::<String>::new());
    let unknown = run(&["--select", "mx-nope"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn json_fix_objects() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("example.com.zone"), MX_ZONE).unwrap();
    let out = zonelint(
        &["check", "--format", "json", "example.com.zone"],
        None,
        dir.path(),
    );
    let findings: Vec<serde_json::Value> = serde_json::from_str(&text(&out.stdout)).unwrap();
    let dot = &findings[0];
    assert_eq!(dot["fix"]["applicability"], "safe");
    let edit = &dot["fix"]["edits"][0];
    let end = MX_ZONE.find("mail.example.com\n").unwrap() + "mail.example.com".len();
    assert_eq!(edit["offset"].as_u64(), Some(end as u64));
    assert_eq!(edit["length"].as_u64(), Some(0));
    assert_eq!(edit["content"], ".");
    assert_eq!(
        (edit["line"].as_u64(), edit["column"].as_u64()),
        (Some(6), Some(25))
    );
    let cname = &findings[1];
    assert_eq!(cname["fix"]["applicability"], "unsafe");
    assert_eq!(cname["fix"]["edits"][0]["content"], "ns1");
}

#[test]
fn fix_writes_safe_fixes_and_diff_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.com.zone");
    std::fs::write(&path, MX_ZONE).unwrap();
    let out = zonelint(&["check", "--diff", "example.com.zone"], None, dir.path());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        MX_ZONE,
        "--diff must not write"
    );
    let diff = text(&out.stdout);
    assert!(
        diff.contains("--- a/example.com.zone\n+++ b/example.com.zone\n"),
        "{diff}"
    );
    assert!(
        diff.contains("-@ MX 10 mail.example.com\n+@ MX 10 mail.example.com.\n"),
        "{diff}"
    );
    assert!(diff.contains("+parked MX 0 .\n"), "{diff}");
    assert!(
        !diff.contains("+@ MX 20 ns1"),
        "unsafe fixes need --unsafe-fixes: {diff}"
    );

    let out = zonelint(&["check", "--fix", "example.com.zone"], None, dir.path());
    assert_eq!(out.status.code(), Some(1), "the CNAME remains (unsafe)");
    assert!(
        text(&out.stdout).contains("Fixed 2 findings in 1 file"),
        "{}",
        text(&out.stdout)
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        MX_ZONE
            .replace("mail.example.com\n", "mail.example.com.\n")
            .replace("MX 5 .", "MX 0 .")
    );

    let out = zonelint(
        &["check", "--fix", "--unsafe-fixes", "example.com.zone"],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("@ MX 20 ns1\n"));
}

#[test]
fn a_closed_pipe_is_not_an_error_and_keeps_the_exit_code() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let mut zone = String::from("$TTL 1h\n$ORIGIN example.com.\n");
    for i in 0..3000 {
        zone.push_str(&format!("h{i} A 192.0.2.{}\n", 300 + i));
    }
    std::fs::write(dir.path().join("example.com.zone"), zone).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args(["check", "example.com.zone"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // the reader goes away, like `| head`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "findings still fail the run");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn a_bad_config_is_an_error_with_a_snippet() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("zonelint.toml"),
        "[format]\nalign = \"sideways\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("example.com.zone"), "www A 192.0.2.1\n").unwrap();
    let out = zonelint(&["fmt", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("unknown variant `sideways`"), "{err}");
    assert!(err.contains("zonelint.toml:2:9"), "{err}");
}

#[test]
fn check_fix_on_stdin_gives_the_text_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("zones")).unwrap();
    std::fs::write(
        dir.path().join("zones/zonelint.toml"),
        "[origins]\n\"buffer.txt\" = \"example.com.\"\n",
    )
    .unwrap();
    const FIX: [&str; 7] = [
        "check",
        "--fix",
        "--format",
        "concise",
        "--stdin-filename",
        "zones/buffer.txt",
        "-",
    ];
    let zone = "$TTL 1h\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n@ MX 10 mail.example.com\nmail A 192.0.2.2\n";
    // The fixed text on stdout, what is left on stderr; the origin and the
    // shown path come from --stdin-filename, and nothing is written there.
    let out = zonelint(&FIX, Some(zone), dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        zone.replace("mail.example.com\n", "mail.example.com.\n")
    );
    assert!(!dir.path().join("zones/buffer.txt").exists());
    // Without a fix to make, the text comes back as it was, and the
    // findings (on stderr) still set the exit code.
    let broken = "www A 192.0.2.300\n";
    let out = zonelint(&FIX, Some(broken), dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), broken);
    assert!(
        text(&out.stderr).starts_with("zones/buffer.txt:1:7: error[syntax]"),
        "{}",
        text(&out.stderr)
    );
    // Without --fix: findings on stdout, shown with the buffer's path.
    let out = zonelint(
        &FIX[..1]
            .iter()
            .chain(&FIX[2..])
            .copied()
            .collect::<Vec<_>>(),
        Some(zone),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).starts_with("zones/buffer.txt:5:9: error[mx-missing-trailing-dot]"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_folder_of_zones_is_checked_as_a_whole() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/repo");
    let out = zonelint(
        &["check", "--no-config", "--format", "concise"],
        None,
        &repo,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    // Targets in the other zones of the run are judged with their data;
    // the included file is checked as part of example.com.zone only (on
    // its own it has no TTL and `relay` would dangle).
    assert_eq!(
        text(&out.stdout),
        "example.com.zone:7:19: error[mx-target-cname] MX exchange `mail.example.net.` is an alias (CNAME)\n\
         example.com.zone:8:19: error[mx-target-dangling] MX exchange `mx.example.org.` does not exist in the zone `example.org.`\n\
         example.org.zone:5:18: info[mail-null-mx-policy] `example.org.` takes no mail (null MX) but has no SPF record and no DMARC record\n"
    );
    let human = zonelint(&["check", "--no-config"], None, &repo);
    let human = text(&human.stdout);
    assert!(human.contains("Checked 3 files: 2 errors"), "{human}");
    assert!(
        human.contains("example.net/example.net.zone:7:12: `mail.example.net.` is a CNAME"),
        "the alias is shown where it is defined: {human}"
    );
    // One zone alone: names in other zones are not judged.
    let alone = zonelint(&["check", "--no-config", "example.com.zone"], None, &repo);
    assert_eq!(alone.status.code(), Some(0), "{}", text(&alone.stdout));
    // The included file alone (an editor, pre-commit passing the one file
    // changed) is checked as part of the zone that includes it.
    let inc = zonelint(
        &[
            "check",
            "--no-config",
            "--format",
            "concise",
            "common/mail-hosts.zone",
        ],
        None,
        &repo,
    );
    let whole = zonelint(
        &[
            "check",
            "--no-config",
            "--format",
            "concise",
            "example.com.zone",
        ],
        None,
        &repo,
    );
    assert_eq!(
        inc.status.code(),
        whole.status.code(),
        "{}",
        text(&inc.stdout)
    );
    assert_eq!(text(&inc.stdout), text(&whole.stdout));
    // One thread or many: the same report.
    let one = zonelint(
        &["check", "--no-config", "--format", "json", "--threads", "1"],
        None,
        &repo,
    );
    let many = zonelint(
        &["check", "--no-config", "--format", "json", "--threads", "2"],
        None,
        &repo,
    );
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(text(&one.stdout).matches("\"code\"").count(), 3);
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, marker) in [
        ("bash", "_zonelint()"),
        ("zsh", "#compdef zonelint"),
        ("fish", "complete -c zonelint"),
        ("elvish", "edit:completion:arg-completer[zonelint]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = zonelint(&["completions", shell], None, dir);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        // Every subcommand and a few flags are offered.
        for word in [
            "check",
            "fmt",
            "dump",
            "explain",
            "stdin-filename",
            "fail-on",
        ] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let out = zonelint(&["completions", "tcsh"], None, dir);
    assert_eq!(out.status.code(), Some(2));
    let man = zonelint(&["man"], None, dir);
    assert_eq!(man.status.code(), Some(0));
    let page = text(&man.stdout);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq \\(aq") || page.contains(".TH zonelint 1"),
        "{page}"
    );
    assert!(page.contains(".TH zonelint"), "{page}");
    for sub in ["check", "fmt", "dump", "rules", "explain", "completions"] {
        assert!(page.contains(sub), "man page lacks {sub}");
    }
}

/// A file in BIND's dump format (`$ORIGIN .`, then names from the root) is
/// the zone of its SOA, not the root zone: checked without `--origin` it is
/// clean, and a mistake in it is found in that zone.
#[test]
fn dump_format_is_the_zone_of_its_soa() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = zonelint(
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "testdata/examples/db.dump-format",
        ],
        None,
        root,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout).trim(), "[]");
    let dump = std::fs::read_to_string(root.join("testdata/examples/db.dump-format")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("db.dump"),
        dump.replace("mail\t\t\tA\t192.0.2.25\n", ""),
    )
    .unwrap();
    let out = zonelint(
        &["check", "--no-config", "--format", "concise", "db.dump"],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains("error[mx-target-dangling] MX exchange `mail.example.com.` does not exist in the zone `example.com.`"),
        "{report}"
    );
}
