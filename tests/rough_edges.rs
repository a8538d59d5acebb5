//! The rough edges a new user hit (one test per defect, each reproducing
//! it through the binary).

mod common;

use std::path::Path;

use common::{folder, read, text, zonelint};

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

/// 1: a fix inside an `$INCLUDE`d file is written into that file.
#[test]
fn a_fix_in_an_included_file_is_written_there() {
    let top = format!("{HEAD}$INCLUDE hosts.inc\n");
    let hosts = "@ IN MX 10 relay.example.com\nrelay IN A 192.0.2.25\n";
    let dir = folder(&[("example.com.zone", &top), ("hosts.inc", hosts)]);
    let out = zonelint(&["check", "--diff", "example.com.zone"], None, dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let diff = text(&out.stdout);
    assert!(
        diff.starts_with("--- a/hosts.inc\n+++ b/hosts.inc\n"),
        "{diff}"
    );
    assert!(diff.contains("+@ IN MX 10 relay.example.com.\n"), "{diff}");
    let out = zonelint(&["check", "--fix", "example.com.zone"], None, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        read(dir.path(), "hosts.inc"),
        hosts.replace(".com\n", ".com.\n")
    );
    assert_eq!(read(dir.path(), "example.com.zone"), top);
    // From another folder, through a path that is not the file's own.
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(dir.path().join("hosts.inc"), hosts).unwrap();
    let out = zonelint(&["check", "--fix", "../example.com.zone"], None, &sub);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        read(dir.path(), "hosts.inc"),
        hosts.replace(".com\n", ".com.\n")
    );
}

/// 2: an empty selection is an error, on the command line and in the
/// configuration.
#[test]
fn an_empty_selection_is_an_error() {
    let zone = format!("{HEAD}@ MX 10 mail.example.com\n");
    let dir = folder(&[("example.com.zone", &zone)]);
    for select in ["", " , "] {
        let out = zonelint(
            &["check", "--select", select, "example.com.zone"],
            None,
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(2), "--select {select:?}");
        assert!(
            text(&out.stderr).contains("the selection is empty"),
            "{}",
            text(&out.stderr)
        );
    }
    std::fs::write(dir.path().join("zonelint.toml"), "[lint]\nselect = []\n").unwrap();
    let out = zonelint(&["check", "example.com.zone"], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("`select` is empty"), "{err}");
    assert!(err.contains("zonelint.toml:2:10"), "{err}");
}

/// 3: a dangling link or a file that cannot be read is reported, the rest
/// is checked, and the run exits 2 at the end.
#[cfg(unix)]
#[test]
fn one_bad_path_does_not_stop_the_run() {
    let zone = format!("{HEAD}@ MX 10 mail.example.com\n");
    let dir = folder(&[("example.com.zone", &zone)]);
    std::os::unix::fs::symlink("nowhere.zone", dir.path().join("dangling.zone")).unwrap();
    let out = zonelint(&["check", "--format", "concise", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stdout).contains("example.com.zone:5:9: error[mx-missing-trailing-dot]"),
        "{}",
        text(&out.stdout)
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("error: cannot read `dangling.zone`: it is a symbolic link to a file that does not exist\n"),
        "{err}"
    );
    assert!(
        err.contains("1 path could not be read; the others were checked"),
        "{err}"
    );
    assert_eq!(err.matches("os error").count(), 0, "{err}");
    // A file named that does not exist: the same, its message not doubled.
    let out = zonelint(
        &[
            "check",
            "--format",
            "concise",
            "missing.zone",
            "example.com.zone",
        ],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("error[mx-missing-trailing-dot]"));
    let err = text(&out.stderr);
    assert_eq!(err.matches("(os error 2)").count(), 1, "{err}");
    // fmt goes on too.
    let out = zonelint(
        &["fmt", "--check", "missing.zone", "example.com.zone"],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stdout).contains("Would reformat: example.com.zone"),
        "{}",
        text(&out.stdout)
    );
}

/// 4: a folder walk skips programs and data that `db.*` takes, and binary
/// files with a note; a path named on the command line is read as given.
#[test]
fn a_walk_skips_files_that_are_not_zones() {
    let dir = folder(&[
        ("example.com.zone", HEAD),
        ("db.json", "{\"a\": 1}\n"),
        ("db.py", "import os\n"),
        ("db.sqlite3", "SQLite format 3\0\0"),
        ("db.blob", "\0\u{1}binary"),
    ]);
    std::fs::write(
        dir.path().join("example.com.zone"),
        format!("$ORIGIN example.com.\n{HEAD}"),
    )
    .unwrap();
    let out = zonelint(&["check", "--format", "concise", "."], None, dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    assert!(
        err.contains("note: skipped `db.blob`: binary data (a NUL byte), not a zone file"),
        "{err}"
    );
    assert!(!err.contains("db.json") && !err.contains("db.py"), "{err}");
    let out = zonelint(
        &["check", "--format", "concise", "db.json"],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("db.json:1:2: error[syntax]"),
        "{}",
        text(&out.stdout)
    );
}

/// 5: with `--diff`, standard output is the diff alone.
#[test]
fn diff_output_is_the_diff_alone() {
    let zone = format!("{HEAD}@ MX 10 mail.example.com\n");
    let dir = folder(&[("example.com.zone", &zone)]);
    let out = zonelint(
        &["check", "--diff", "--format", "json", "example.com.zone"],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let diff = text(&out.stdout);
    assert!(diff.starts_with("--- a/example.com.zone\n"), "{diff}");
    assert!(!diff.contains("\"code\""), "{diff}");
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stderr).expect("JSON on stderr");
    assert_eq!(findings[0]["code"], "mx-missing-trailing-dot");
}

/// 6: the header of a human report gives the finding's line and column,
/// in characters, even when a secondary label comes first.
#[test]
fn human_headers_give_the_findings_position() {
    let mut zone = format!("$ORIGIN example.com.\n{HEAD}café IN MX 10 mail.example.com\nsmtp CNAME mx1\nmx1 A 192.0.2.1\n");
    for i in 0..30 {
        zone.push_str(&format!("h{i} A 192.0.2.{i}\n"));
    }
    zone.push_str("@ MX 10 smtp\n");
    let dir = folder(&[("example.com.zone", &zone)]);
    let human = text(&zonelint(&["check", "example.com.zone"], None, dir.path()).stdout);
    let concise = text(
        &zonelint(
            &["check", "--format", "concise", "example.com.zone"],
            None,
            dir.path(),
        )
        .stdout,
    );
    assert!(
        concise.contains("example.com.zone:6:15: error[mx-missing-trailing-dot]"),
        "{concise}"
    );
    assert!(
        concise.contains("example.com.zone:39:9: error[mx-target-cname]"),
        "{concise}"
    );
    assert!(human.contains("[example.com.zone:6:15]"), "{human}");
    assert!(!human.contains("[example.com.zone:6:16]"), "{human}");
    assert!(human.contains("[example.com.zone:39:9]"), "{human}");
    assert!(!human.contains("[example.com.zone:7:6]"), "{human}");
}

/// 7: flags that would do nothing are refused.
#[test]
fn flags_that_do_nothing_are_refused() {
    let dir = folder(&[("example.com.zone", HEAD)]);
    for args in [
        &["check", "--stdin-filename", "x.zone", "example.com.zone"][..],
        &["fmt", "--stdin-filename", "x.zone", "example.com.zone"][..],
        &["check", "--fix", "--diff", "example.com.zone"][..],
        &["fmt", "--check", "--diff", "example.com.zone"][..],
    ] {
        let out = zonelint(args, None, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains("cannot be used with") || err.contains("`-` is not among the paths"),
            "{err}"
        );
    }
}

/// 8: messages that say what is wrong.
#[test]
fn messages_say_what_is_wrong() {
    let zone = format!("$ORIGIN example.com.\n{HEAD}@ IN MX mail.example.com.\n@ MX 0x10 mail.example.com.\nmail A 192.0.2.25\n");
    let dir = folder(&[("example.com.zone", &zone)]);
    let out = text(
        &zonelint(
            &["check", "--format", "concise", "example.com.zone"],
            None,
            dir.path(),
        )
        .stdout,
    );
    assert!(
        out.contains("example.com.zone:6:9: error[syntax] MX record is missing its preference: write a number before the exchange `mail.example.com.`"),
        "{out}"
    );
    assert!(
        out.contains("example.com.zone:7:6: error[mx-preference-range] MX preference `0x10` is not a decimal number"),
        "{out}"
    );
    // A failed `$INCLUDE` leaves its zone incomplete: another zone's MX
    // into it is not called dangling.
    let dir = folder(&[
        ("example.com.zone", &format!("$ORIGIN example.com.\n{HEAD}$INCLUDE hosts.inc\n")),
        (
            "example.net.zone",
            "$TTL 1h\n$ORIGIN example.net.\n@ SOA ns1.example.com. hm 1 7200 3600 1209600 300\n@ NS ns1.example.com.\n@ MX 10 relay.example.com.\n",
        ),
    ]);
    let out = text(&zonelint(&["check", "--format", "concise", "."], None, dir.path()).stdout);
    assert!(
        out.contains("example.com.zone:6:10: error[syntax] included file `hosts.inc` not found"),
        "{out}"
    );
    assert!(!out.contains("mx-target-dangling"), "{out}");
    // Standard input without a name: the help says how to give one.
    let out = zonelint(
        &["check", "--format", "json", "-"],
        Some("www A 192.0.2.1\n"),
        dir.path(),
    );
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let help = findings[0]["help"].as_str().unwrap();
    assert!(help.contains("--stdin-filename"), "{help}");
}

/// 11: CI formats show paths relative to the working directory, and
/// GitLab fingerprints do not depend on how the path was written.
#[test]
fn ci_paths_do_not_depend_on_how_they_were_written() {
    let zone = format!("$ORIGIN example.com.\n{HEAD}@ MX 10 mail.example.com\n");
    let dir = folder(&[("zones/example.com.zone", &zone)]);
    let absolute = dir.path().join("zones").display().to_string();
    let mut fingerprints = Vec::new();
    for path in ["zones", "./zones", "zones/", absolute.as_str()] {
        let out = zonelint(&["check", "--format", "github", path], None, dir.path());
        let github = text(&out.stdout);
        assert!(
            github.starts_with("::error file=zones/example.com.zone,line=6,"),
            "{path}: {github}"
        );
        let out = zonelint(&["check", "--format", "gitlab", path], None, dir.path());
        let issues: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            issues[0]["location"]["path"], "zones/example.com.zone",
            "{path}"
        );
        fingerprints.push(issues[0]["fingerprint"].clone());
    }
    assert!(
        fingerprints.windows(2).all(|w| w[0] == w[1]),
        "{fingerprints:?}"
    );
}

/// 14: a run that fails before reporting still prints a valid document
/// in the machine formats, and the error on standard error.
#[test]
fn machine_formats_print_a_document_on_exit_2() {
    let dir = folder(&[("notes.txt", "no zones here\n")]);
    for format in ["json", "gitlab", "sarif"] {
        let out = zonelint(&["check", "--format", format, "."], None, dir.path());
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(
            text(&out.stderr).contains("error: no zone files found in ."),
            "{format}"
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect(format);
        if format == "sarif" {
            let invocation = &doc["runs"][0]["invocations"][0];
            assert_eq!(invocation["executionSuccessful"], false);
            assert_eq!(
                invocation["toolExecutionNotifications"][0]["message"]["text"],
                "no zone files found in ."
            );
            assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
        } else {
            assert_eq!(doc, serde_json::json!([]), "{format}");
        }
    }
}

/// 9: a child folder's `zonelint.toml` inherits what it does not set from
/// its parents up to the repository's root (not above it), and `$INCLUDE`
/// may read anywhere in the repository.
#[test]
fn a_child_configuration_inherits_from_its_parents() {
    let zone = "$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\n@ NS ns2\nns1 A 192.0.2.53\nns2 A 192.0.2.54\n@ MX 10 mx\n@ MX 5 backup.example.net.\n@ MX 5 backup.example.net.\nmx A 192.0.2.25\n$INCLUDE ../include/hosts.inc\n";
    let dir = folder(&[
        // Above the repository: never inherited.
        ("zonelint.toml", "[lint]\nignore = [\"mx-duplicate\"]\n"),
        (
            "repo/zonelint.toml",
            "[lint]\nignore = [\"mx-backup-preferred\"]\n[lint.severity]\nmx-duplicate = \"info\"\n[format]\nindent = \"tabs\"\n",
        ),
        ("repo/zones/example.com.zone", zone),
        ("repo/include/hosts.inc", "www A 192.0.2.80\n"),
    ]);
    let repo = dir.path().join("repo");
    std::fs::create_dir(repo.join(".git")).unwrap();
    let check = |cwd: &Path| {
        let out = zonelint(&["check", "--format", "concise", "zones"], None, cwd);
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    };
    let (code, baseline, err) = check(&repo);
    assert_eq!(code, Some(0), "{baseline}{err}");
    assert_eq!(
        baseline,
        "zones/example.com.zone:10:8: info[mx-duplicate] MX exchange `backup.example.net.` is listed twice for `example.com.`\n"
    );
    // A child file that sets only `[format] align` keeps the parent's
    // ignore list, severities and include root.
    std::fs::write(
        repo.join("zones/zonelint.toml"),
        "[format]\nalign = \"none\"\n",
    )
    .unwrap();
    let (code, got, err) = check(&repo);
    assert_eq!((code, got.as_str()), (Some(0), baseline.as_str()), "{err}");
    // Its `[format]` merges with the parent's: tabs and no alignment.
    let out = zonelint(&["fmt", "--diff", "zones/example.com.zone"], None, &repo);
    let diff = text(&out.stdout);
    assert!(diff.contains("+ns1\tA\t192.0.2.53\n"), "{diff}");
    assert!(diff.contains("+@\tNS\tns1\n"), "{diff}");
    // A key the child sets replaces the parent's.
    std::fs::write(repo.join("zones/zonelint.toml"), "[lint]\nignore = []\n").unwrap();
    let (_, got, _) = check(&repo);
    assert!(got.contains("info[mx-backup-preferred]"), "{got}");
    assert!(
        got.contains("info[mx-duplicate]"),
        "severities still merge: {got}"
    );
}

/// 10: every page the main man page refers to exists.
#[test]
fn every_man_page_is_generated() {
    let dir = tempfile::tempdir().unwrap();
    let main = text(&zonelint(&["man"], None, dir.path()).stdout);
    let out = zonelint(&["man", "--out-dir", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for sub in [
        "check",
        "fmt",
        "dump",
        "rules",
        "explain",
        "completions",
        "man",
    ] {
        assert!(
            main.contains(&format!("zonelint\\-{sub}(1)")),
            "{sub}: {main}"
        );
        let page = std::fs::read_to_string(dir.path().join(format!("zonelint-{sub}.1"))).unwrap();
        assert!(page.contains(&format!(".TH zonelint-{sub} 1")), "{page}");
        let printed = text(&zonelint(&["man", sub], None, dir.path()).stdout);
        assert_eq!(printed, page, "{sub}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("zonelint.1")).unwrap(),
        main
    );
    assert_eq!(
        zonelint(&["man", "nope"], None, dir.path()).status.code(),
        Some(2)
    );
}

/// 16: `FORCE_COLOR` and `CLICOLOR_FORCE` colour the report even through
/// a pipe; `0` does not force.
#[test]
fn force_color_is_respected() {
    let zone = format!("$ORIGIN example.com.\n{HEAD}@ MX 10 mail.example.com\n");
    let dir = folder(&[("example.com.zone", &zone)]);
    let run = |var: &str, value: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_zonelint"))
            .args(["check", "example.com.zone"])
            .current_dir(dir.path())
            .env_remove("NO_COLOR")
            .env_remove("FORCE_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env(var, value)
            .output()
            .unwrap();
        text(&out.stdout).contains("\u{1b}[")
    };
    assert!(run("FORCE_COLOR", "1"));
    assert!(run("CLICOLOR_FORCE", "1"));
    assert!(!run("FORCE_COLOR", "0"));
    assert!(!run("NO_COLOR", "1"));
}

/// 16: the README's first sample output is what its first command prints
/// on the shipped sample (fixable findings marked `[*]`).
#[test]
fn the_readme_sample_output_is_real() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme
        .find("The first command above prints:\n\n```text\n")
        .unwrap();
    let block = &readme[start..];
    let block = &block[block.find("```text\n").unwrap() + 8..];
    let block = &block[..block.find("```").unwrap()];
    let out = zonelint(&["check", "testdata/examples/example.com.zone"], None, root);
    // Markdown does not keep a line's trailing spaces.
    let printed = text(&out.stdout);
    let got: String = printed
        .lines()
        .map(|l| l.trim_end().to_owned() + "\n")
        .collect();
    assert_eq!(got, block);
}

/// 16: a file named on the command line that `[files] exclude` excludes is
/// skipped with a note, also when other files are checked.
#[test]
fn excluded_files_named_are_noted() {
    let zone = format!("$ORIGIN example.com.\n{HEAD}");
    let dir = folder(&[
        ("zonelint.toml", "[files]\nexclude = [\"archive\"]\n"),
        ("example.com.zone", &zone),
        ("archive/example.com.zone", &zone),
    ]);
    let out = zonelint(
        &["check", "example.com.zone", "archive/example.com.zone"],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr)
            .contains("note: skipped `archive/example.com.zone`: excluded by `[files] exclude`"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("Checked 1 file"),
        "{}",
        text(&out.stdout)
    );
}

/// 12: `dump` prints what BIND 9.18 prints (`named-compilezone -s full`,
/// whose output these lines are) and reads back: owner case per RRset as
/// written, origins as written, SVCB keys after RFC 9460's as `keyNNNNN`,
/// CERT type mnemonics, LOC's `0.00m`; an MX of 70000 is not dumped.
#[test]
fn dump_is_binds_presentation() {
    let zone = "$TTL 1h\n$ORIGIN records.\n@ SOA ns hm 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n\
        doMAin A 192.0.2.3\nsOMe.doMAin A 192.0.2.2\nx MX 10 Some.Domain.records.\n\
        Some.Domain TXT \"a\"\nOther.DOMAIN TXT \"b\"\n\
        $ORIGIN Sub.Records.\nwww A 192.0.2.4\nmx MX 10 mail\n$ORIGIN records.\n\
        l1 LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0m 10000m 10m\n\
        l2 LOC 52 22 23 N 4 53 32 E 0m 1m 0m 0.5m\n\
        c CERT PGP 0 0 AAAA\nc2 CERT 3 0 0 AAAA\nc3 CERT 65000 0 0 AAAA\nc4 CERT URI 0 0 AAAA\n\
        s SVCB 1 . alpn=h2 ohttp\n\
        s4 SVCB 1 . mandatory=alpn,ohttp alpn=h3 ohttp tls-supported-groups=1,2\n\
        s5 SVCB 1 . alpn=h2 dohpath=/q{?dns}\n\
        bad MX 70000 ns\n";
    let dir = folder(&[("records.zone", zone)]);
    let out = zonelint(&["dump", "--no-config", "records.zone"], None, dir.path());
    assert_eq!(out.status.code(), Some(1), "the MX of 70000");
    assert!(
        text(&out.stderr).contains("records.zone:24: `MX 70000 ns.records.` is out of range; no server loads it, so it is not dumped"),
        "{}",
        text(&out.stderr)
    );
    let mut got: Vec<String> = text(&out.stdout)
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>().join(" "))
        .collect();
    got.sort();
    let mut want = vec![
        "records. 3600 IN SOA ns.records. hm.records. 1 2 3 4 5",
        "records. 3600 IN NS ns.records.",
        "ns.records. 3600 IN A 192.0.2.1",
        "doMAin.records. 3600 IN A 192.0.2.3",
        "sOMe.doMAin.records. 3600 IN A 192.0.2.2",
        "x.records. 3600 IN MX 10 Some.Domain.records.",
        "Some.Domain.records. 3600 IN TXT \"a\"",
        "Other.DOMAIN.records. 3600 IN TXT \"b\"",
        "www.Sub.Records. 3600 IN A 192.0.2.4",
        "mx.Sub.Records. 3600 IN MX 10 mail.Sub.Records.",
        "l1.records. 3600 IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m",
        "l2.records. 3600 IN LOC 52 22 23.000 N 4 53 32.000 E 0.00m 1m 0.00m 0.50m",
        "c.records. 3600 IN CERT PGP 0 0 AAAA",
        "c2.records. 3600 IN CERT PGP 0 0 AAAA",
        "c3.records. 3600 IN CERT 65000 0 0 AAAA",
        "c4.records. 3600 IN CERT URI 0 0 AAAA",
        "s.records. 3600 IN SVCB 1 . alpn=\"h2\" key8",
        "s4.records. 3600 IN SVCB 1 . mandatory=alpn,key8 alpn=\"h3\" key8 key9=\"\\000\\001\\000\\002\"",
        "s5.records. 3600 IN SVCB 1 . alpn=\"h2\" key7=\"/q{?dns}\"",
    ];
    want.sort();
    assert_eq!(got, want);
}

/// Adoption: `explain` in any case with suggestions; `--statistics`,
/// `--exit-zero` (never for a zone the servers refuse), `--output-file`.
#[test]
fn adoption_flags() {
    let dir = tempfile::tempdir().unwrap();
    let out = zonelint(&["explain", "MX-Target-CNAME"], None, dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).starts_with("# mx-target-cname"),
        "{}",
        text(&out.stdout)
    );
    let out = zonelint(&["explain", "mx-trailing-dot"], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("did you mean `mx-missing-trailing-dot`?"),
        "{}",
        text(&out.stderr)
    );

    let zone = format!(
        "$ORIGIN example.com.\n{HEAD}@ MX 10 mail.example.com\nwww MX 20 relay.example.com\n"
    );
    let dir = folder(&[("example.com.zone", &zone)]);
    let out = zonelint(&["check", "--statistics", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "2\tmx-missing-trailing-dot [*]\n");
    let out = zonelint(&["check", "--exit-zero", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(0));
    let out = zonelint(
        &[
            "check",
            "--format",
            "json",
            "--output-file",
            "report.json",
            ".",
        ],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let report: Vec<serde_json::Value> =
        serde_json::from_str(&read(dir.path(), "report.json")).unwrap();
    assert_eq!(report.len(), 2);
    // A zone the servers refuse exits 1 even with --exit-zero.
    std::fs::write(
        dir.path().join("example.com.zone"),
        format!("$ORIGIN example.com.\n{HEAD}@ MX 70000 ns1\n"),
    )
    .unwrap();
    let out = zonelint(&["check", "--exit-zero", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(1));
}
