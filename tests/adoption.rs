//! What a ruff user reaches for to adopt zonelint on a repository, each
//! through the binary.

mod common;

use common::{folder, read, text, zonelint};

const HEAD: &str = "$ORIGIN example.com.\n$TTL 1h\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\n";

fn concise(args: &[&str], dir: &std::path::Path) -> (Option<i32>, String) {
    let mut all = vec!["check", "--format", "concise"];
    all.extend_from_slice(args);
    let out = zonelint(&all, None, dir);
    (out.status.code(), text(&out.stdout))
}

/// `--add-suppressions` writes `allow(code)` at the end of each line with
/// findings (in `$INCLUDE`d files too), after what is there, before a CR
/// (the CR LF among LF line ends is a finding of that line too);
/// the next run passes; a refused finding is still reported and exits 1;
/// a file with syntax errors is left alone.
#[test]
fn add_suppressions_lets_a_repository_adopt_zonelint() {
    let zone = format!(
        "{HEAD}@ MX 10 mail.example.net ; relay\r\n@ MX 20 alias\nalias CNAME mail.example.net.\n$INCLUDE hosts.inc\n"
    );
    let dir = folder(&[
        ("example.com.zone", &zone),
        (
            "hosts.inc",
            "www MX 10 relay.example.net\nwww MX 20 alias\n",
        ),
        (
            "db.broken",
            "$ORIGIN broken.example.\n@ MX 10 mail\n@ A 1.2.3\n",
        ),
    ]);
    let out = zonelint(
        &["check", "--add-suppressions", "example.com.zone"],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("Added 5 suppressions in 2 files"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        read(dir.path(), "example.com.zone"),
        format!(
            "{HEAD}@ MX 10 mail.example.net ; relay ; zonelint: allow(mx-missing-trailing-dot, mixed-line-endings)\r\n\
             @ MX 20 alias ; zonelint: allow(mx-target-cname)\nalias CNAME mail.example.net.\n$INCLUDE hosts.inc\n"
        )
    );
    assert_eq!(
        read(dir.path(), "hosts.inc"),
        "www MX 10 relay.example.net ; zonelint: allow(mx-missing-trailing-dot)\n\
         www MX 20 alias ; zonelint: allow(mx-target-cname)\n"
    );
    assert_eq!(
        concise(&["example.com.zone"], dir.path()),
        (Some(0), String::new())
    );
    // Twice is the same as once.
    let out = zonelint(
        &["check", "--add-suppressions", "example.com.zone"],
        None,
        dir.path(),
    );
    assert!(text(&out.stderr).contains("Added 0 suppressions in 0 files"));

    // Syntax errors: the file is left alone and its findings reported.
    let out = zonelint(
        &[
            "check",
            "--format",
            "concise",
            "--add-suppressions",
            "db.broken",
        ],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        read(dir.path(), "db.broken"),
        "$ORIGIN broken.example.\n@ MX 10 mail\n@ A 1.2.3\n"
    );
    assert!(text(&out.stderr).contains("no suppression added to `db.broken`: it has syntax errors"));
    assert!(
        text(&out.stdout).contains("db.broken:3:5: error[syntax]"),
        "{}",
        text(&out.stdout)
    );

    // A refused finding cannot be suppressed: reported, exit 1.
    let refused = format!("{HEAD}@ MX 70000 ns1\n@ MX 10 mail.example.net\n");
    let dir = folder(&[("example.com.zone", &refused)]);
    let out = zonelint(
        &["check", "--format", "concise", "--add-suppressions", "."],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "example.com.zone:6:6: error[mx-preference-range] MX preference `70000` is out of range\n"
    );
    assert_eq!(
        read(dir.path(), "example.com.zone"),
        format!("{HEAD}@ MX 70000 ns1\n@ MX 10 mail.example.net ; zonelint: allow(mx-missing-trailing-dot)\n")
    );
    // Standard input cannot be written to.
    let out = zonelint(
        &["check", "--add-suppressions", "-"],
        Some(&refused),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    // Nor does it go with fixing.
    let out = zonelint(
        &["check", "--add-suppressions", "--fix", "."],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
}

/// `; zonelint: allow-file(code)` silences the code anywhere in its file,
/// and only there (not in the file that includes it).
#[test]
fn allow_file_covers_its_own_file() {
    let zone = format!("{HEAD}@ MX 10 mail.example.net\n$INCLUDE hosts.inc\n");
    let dir = folder(&[
        ("example.com.zone", &zone),
        (
            "hosts.inc",
            "www MX 10 relay.example.net\n; zonelint: allow-file(mx-missing-trailing-dot)\n",
        ),
    ]);
    assert_eq!(
        concise(&["example.com.zone"], dir.path()),
        (
            Some(1),
            "example.com.zone:6:9: error[mx-missing-trailing-dot] MX exchange `mail.example.net` has no trailing dot, so it means `mail.example.net.example.com.`\n".to_owned()
        )
    );
}

/// `--extend-select` and `--extend-ignore` add to the configuration's
/// lists (`--select`/`--ignore` replace them); `[lint.per-file-ignores]`
/// switches rules off for the zone files a pattern matches, never a rule
/// of the refused class.
#[test]
fn extend_and_per_file_ignores() {
    let zone =
        format!("{HEAD}@ MX 10 mail.example.net\n@ MX 20 alias\nalias CNAME mail.example.net.\n");
    let dir = folder(&[
        ("zonelint.toml", "[lint]\nignore = [\"mx-target-cname\"]\n\n[lint.per-file-ignores]\n\"legacy/**\" = [\"mx-missing-trailing-dot\"]\n"),
        ("example.com.zone", &zone),
        ("legacy/example.org.zone", &zone.replace("example.com.", "example.org.")),
    ]);
    let codes = |args: &[&str]| -> Vec<String> {
        let (_, out) = concise(args, dir.path());
        out.lines()
            .map(|l| {
                let (path, rest) = l.split_once(':').unwrap();
                let code = rest.split('[').nth(1).unwrap().split(']').next().unwrap();
                format!("{path} {code}")
            })
            .collect()
    };
    assert_eq!(
        codes(&["."]),
        ["example.com.zone mx-missing-trailing-dot"],
        "the configuration ignores mx-target-cname; legacy/ ignores mx-missing-trailing-dot"
    );
    assert_eq!(
        codes(&["--extend-select", "mx-target-cname", "."]),
        [
            "example.com.zone mx-missing-trailing-dot",
            "example.com.zone mx-target-cname",
            "legacy/example.org.zone mx-target-cname"
        ]
    );
    assert_eq!(
        codes(&["--extend-ignore", "mx-missing-trailing-dot", "."]),
        Vec::<String>::new()
    );
    // `--ignore` replaces the configuration's list.
    assert_eq!(
        codes(&["--ignore", "mx-missing-trailing-dot", "."]),
        [
            "example.com.zone mx-target-cname",
            "legacy/example.org.zone mx-target-cname"
        ]
    );
    for bad in [
        &["--extend-ignore", "mx-preference-range", "."][..],
        &["--extend-select", "", "."],
        &["--extend-ignore", "mx-nope", "."],
    ] {
        let out = zonelint(&[&["check"][..], bad].concat(), None, dir.path());
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
    }
    std::fs::write(
        dir.path().join("zonelint.toml"),
        "[lint.per-file-ignores]\n\"legacy/**\" = [\"mx-preference-range\"]\n",
    )
    .unwrap();
    let out = zonelint(&["check", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("zonelint.toml:2:16]"),
        "{}",
        text(&out.stderr)
    );
}

/// `--quiet` prints the findings and nothing else; `--show-fixes` lists
/// per file and rule what `--fix` fixed (would fix with `--diff`, can fix
/// without either), on standard error for machine formats.
#[test]
fn quiet_and_show_fixes() {
    let zone = format!(
        "{HEAD}@ MX 10 mail.example.com\n@ MX 20 alias\nalias CNAME ns1\n$INCLUDE hosts.inc\n"
    );
    let hosts = "www MX 10 relay.example.com\n";
    let dir = folder(&[
        ("example.com.zone", &zone),
        ("hosts.inc", hosts),
        ("db.json", "{}"),
    ]);
    let out = zonelint(&["check", "--quiet", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !text(&out.stdout).contains("Checked"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stdout).contains("mx-target-cname"));
    let out = zonelint(&["check", "."], None, dir.path());
    assert!(text(&out.stdout).contains("Checked 1 file"));

    let (_, listed) = concise(&["--show-fixes", "example.com.zone"], dir.path());
    assert!(
        listed.ends_with("Can fix 2 findings:\n- example.com.zone:\n    1 × mx-missing-trailing-dot\n- hosts.inc:\n    1 × mx-missing-trailing-dot\n"),
        "{listed}"
    );
    let out = zonelint(
        &[
            "check",
            "--show-fixes",
            "--format",
            "json",
            "--diff",
            "--unsafe-fixes",
            "example.com.zone",
        ],
        None,
        dir.path(),
    );
    serde_json::from_slice::<serde_json::Value>(
        &out.stderr[..out.stderr.iter().position(|&b| b == b'W').unwrap()],
    )
    .expect("the JSON report, then the list");
    assert!(
        text(&out.stderr).ends_with("Would fix 3 findings:\n- example.com.zone:\n    1 × mx-missing-trailing-dot\n    1 × mx-target-cname\n- hosts.inc:\n    1 × mx-missing-trailing-dot\n"),
        "{}",
        text(&out.stderr)
    );
    let out = zonelint(
        &["check", "-q", "--show-fixes", "--fix", "example.com.zone"],
        None,
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "the CNAME is left");
    assert!(
        text(&out.stdout).ends_with("Fixed 2 findings:\n- example.com.zone:\n    1 × mx-missing-trailing-dot\n- hosts.inc:\n    1 × mx-missing-trailing-dot\n"),
        "{}",
        text(&out.stdout)
    );
    assert!(!text(&out.stdout).contains("Checked"));
    assert_eq!(
        read(dir.path(), "hosts.inc"),
        "www MX 10 relay.example.com.\n"
    );
}

/// `output-format` in `zonelint.toml` is `--format` when the flag is not
/// given; the flag wins; a bad value points into the file.
#[test]
fn output_format_in_the_configuration() {
    let zone = format!("{HEAD}@ MX 10 mail.example.com\n");
    let dir = folder(&[
        ("zonelint.toml", "output-format = \"concise\"\n"),
        ("example.com.zone", &zone),
    ]);
    let out = zonelint(&["check"], None, dir.path());
    assert_eq!(
        text(&out.stdout),
        "example.com.zone:6:9: error[mx-missing-trailing-dot] MX exchange `mail.example.com` has no trailing dot, so it means `mail.example.com.example.com.`\n"
    );
    let out = zonelint(&["check", "--format", "json"], None, dir.path());
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
    std::fs::write(
        dir.path().join("zonelint.toml"),
        "output-format = \"xml\"\n",
    )
    .unwrap();
    let out = zonelint(&["check"], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unknown output format `xml`"),
        "{}",
        text(&out.stderr)
    );
}

/// Folder walks skip what `.gitignore` excludes; `--no-ignore` takes it;
/// a file named on the command line is always checked.
#[test]
fn gitignore_is_respected_in_walks() {
    let zone = format!("{HEAD}@ MX 10 mail.example.com\n");
    let dir = folder(&[
        (".gitignore", "generated/\n"),
        ("example.com.zone", &format!("{HEAD}@ MX 10 ns1\n")),
        (
            "generated/example.org.zone",
            &zone.replace("example.com.", "example.org."),
        ),
    ]);
    assert_eq!(concise(&["."], dir.path()), (Some(0), String::new()));
    let (code, out) = concise(&["--no-ignore", "."], dir.path());
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with("generated/example.org.zone:6:9: error[mx-missing-trailing-dot]"),
        "{out}"
    );
    let (code, _) = concise(&["generated/example.org.zone"], dir.path());
    assert_eq!(code, Some(1));
    // fmt walks the same way: it formats the file not ignored only.
    let ignored = read(dir.path(), "generated/example.org.zone");
    let out = zonelint(&["fmt", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(read(dir.path(), "generated/example.org.zone"), ignored);
    let out = zonelint(&["fmt", "--check", "--no-ignore", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(1));
}

/// Shells complete rule codes and families for `--select` and the other
/// lists, and for `explain`; any text is still accepted and judged by
/// zonelint (unknown codes exit 2 with its message).
#[test]
fn rule_codes_complete() {
    let dir = tempfile::tempdir().unwrap();
    let out = zonelint(&["completions", "zsh"], None, dir.path());
    let script = text(&out.stdout);
    let select = script
        .lines()
        .find(|l| l.contains("'*--select="))
        .expect("--select in the zsh script");
    for code in [
        "mx-target-cname",
        "mx-target",
        "mx",
        "all",
        "cname-and-other-data",
    ] {
        assert!(
            select.contains(&format!(" {code} ")) || select.contains(&format!("({code} ")),
            "{code}: {select}"
        );
    }
    assert!(
        !select.contains(" cname-and "),
        "a prefix of one rule only is no family: {select}"
    );
    for flag in ["--ignore=", "--extend-select=", "--extend-ignore="] {
        let line = script.lines().find(|l| l.contains(flag)).unwrap();
        assert!(line.contains(" mx-target-cname "), "{line}");
    }
    let bash = text(&zonelint(&["completions", "bash"], None, dir.path()).stdout);
    assert!(bash.contains("mx-target-cname"));
    let out = zonelint(&["check", "--select", "mx-nope", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unknown rule `mx-nope`"),
        "{}",
        text(&out.stderr)
    );
}

/// `zonelint config` lists every key with its type and default, documents
/// one (or a table's), suggests near keys, and gives JSON.
#[test]
fn config_lists_and_documents_every_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = zonelint(&["config"], None, dir.path());
    assert_eq!(out.status.code(), Some(0));
    let listed = text(&out.stdout);
    for key in [
        "output-format",
        "lint.select",
        "lint.per-file-ignores",
        "files.include",
        "origins",
        "format.soa",
    ] {
        assert!(
            listed.lines().any(|l| l.starts_with(&format!("{key} "))),
            "{key}: {listed}"
        );
    }
    assert!(listed.contains("files.include              array of globs  (default: [\"*.zone\", \"*.db\", \"db.*\"])"), "{listed}");
    let one = text(&zonelint(&["config", "LINT.FAIL-ON"], None, dir.path()).stdout);
    assert!(
        one.starts_with("lint.fail-on\n\nThe lowest severity"),
        "{one}"
    );
    assert!(
        one.contains("default: \"error\"")
            && one.contains("    [lint]\n    fail-on = \"warning\"\n"),
        "{one}"
    );
    let table = text(&zonelint(&["config", "format"], None, dir.path()).stdout);
    assert_eq!(
        table.lines().filter(|l| l.starts_with("format.")).count(),
        5,
        "{table}"
    );
    let out = zonelint(&["config", "lint.selct"], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("did you mean `lint.select`?"),
        "{}",
        text(&out.stderr)
    );
    let out = zonelint(&["config", "--format", "json"], None, dir.path());
    let keys: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(keys.iter().all(|k| k["name"].is_string()
        && k["type"].is_string()
        && k["default"].is_string()
        && k["doc"].is_string()));
    assert_eq!(
        keys.len(),
        listed.lines().filter(|l| l.contains("(default: ")).count()
    );
}
