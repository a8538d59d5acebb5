//! Hostile and broken input (`testdata/hostile/`, and larger files made
//! here): each yields its documented diagnostics and exit code, nothing
//! outside the include root is read, and nothing panics or hangs.
//!
//! A fixture `x` is checked with `zonelint check --format json x` from its
//! folder; `x.expect` holds `exit N`, then every diagnostic as
//! `path severity line:column code: message`, in order.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn zonelint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("zonelint runs")
}

/// `exit N` and the diagnostics of a JSON report, one per line.
fn outcome(out: &Output) -> String {
    let code = out.status.code().expect("exited, not killed");
    assert!(
        code != 101,
        "panicked: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut lines = vec![format!("exit {code}")];
    for d in report.as_array().expect("a list") {
        lines.push(format!(
            "{} {} {}:{} {}: {}",
            d["path"].as_str().unwrap(),
            d["severity"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["code"].as_str().unwrap(),
            d["message"].as_str().unwrap(),
        ));
    }
    lines.join("\n") + "\n"
}

fn check_json(dir: &Path, file: &str) -> String {
    outcome(&zonelint(dir, &["check", "--format", "json", file]))
}

#[test]
fn every_hostile_fixture_gives_its_documented_diagnostics() {
    let dir = common::testdata().join("hostile");
    let fixtures = common::files_in(&dir, |p| {
        p.extension()
            .is_none_or(|e| e != "expect" && e != "inc" && e != "md")
    });
    assert!(fixtures.len() >= 15, "{fixtures:?}");
    let mut failures = Vec::new();
    for path in fixtures {
        let name = path.file_name().unwrap().to_str().unwrap();
        let expect_path = dir.join(format!("{name}.expect"));
        let expected = std::fs::read_to_string(&expect_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
        let got = check_json(&dir, name);
        if got != expected {
            failures.push(format!("{name}:\n--- expected\n{expected}--- got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A zone file with the usual first records, then `rest`.
fn zone(rest: &[u8]) -> Vec<u8> {
    let mut text = b"$ORIGIN example.com.\n$TTL 1h\n@ SOA ns hostmaster 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n".to_vec();
    text.extend_from_slice(rest);
    text
}

#[cfg(unix)]
#[test]
fn links_out_of_the_include_root_are_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let (repo, outside) = (tmp.path().join("repo"), tmp.path().join("outside"));
    std::fs::create_dir_all(repo.join("zones")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret"), "SECRET-LINE-1 A 192.0.2.9\n").unwrap();
    std::os::unix::fs::symlink(outside.join("secret"), repo.join("zones/link.inc")).unwrap();
    std::os::unix::fs::symlink(&outside, repo.join("zones/dir")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret"), repo.join("zones/evil.zone")).unwrap();
    std::fs::write(
        repo.join("zones/example.com.zone"),
        zone(
            b"$INCLUDE link.inc\n$INCLUDE dir/secret\n$INCLUDE dir/../zones/../../outside/secret\n",
        ),
    )
    .unwrap();
    let out = zonelint(
        &repo,
        &["check", "--format", "json", "zones/example.com.zone"],
    );
    assert_eq!(
        outcome(&out),
        "exit 1\n\
         zones/example.com.zone error 6:10 syntax: `$INCLUDE` of `link.inc` refused: it is outside the include root `zones`\n\
         zones/example.com.zone error 7:10 syntax: `$INCLUDE` of `dir/secret` refused: it is outside the include root `zones`\n\
         zones/example.com.zone error 8:10 syntax: `$INCLUDE` of `dir/../zones/../../outside/secret` refused: it is outside the include root `zones`\n"
    );
    // Walking the folder skips the link to a file outside it.
    let out = zonelint(&repo, &["check", "--format", "json", "."]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("skipped `./zones/evil.zone`: a symbolic link to outside `.`"),
        "{stderr}"
    );
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("SECRET"), "{all}");
    // A zonelint.toml makes its folder the root; --include-root widens it.
    std::fs::write(repo.join("zonelint.toml"), "").unwrap();
    std::fs::write(repo.join("shared.inc"), "shared A 192.0.2.7\n").unwrap();
    std::fs::write(repo.join("zones/a.zone"), zone(b"$INCLUDE ../shared.inc\n")).unwrap();
    let out = zonelint(&repo, &["check", "--format", "json", "zones/a.zone"]);
    assert_eq!(outcome(&out), "exit 0\n");
    let out = zonelint(
        &repo,
        &[
            "check",
            "--format",
            "json",
            "--include-root",
            "../outside",
            "zones/example.com.zone",
        ],
    );
    // The links now lead inside a root (the same file twice, so its record
    // twice); the last path, resolved on disk, goes through `outside/..`
    // and finds nothing.
    assert_eq!(
        outcome(&out),
        "exit 1\n\
         zones/dir/secret warning 1:15 duplicate-record: this A record of `SECRET-LINE-1.example.com.` is listed twice\n\
         zones/example.com.zone error 8:10 syntax: included file `dir/../zones/../../outside/secret` not found\n"
    );
}

#[test]
fn include_chains_are_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // Deeper than MAX_INCLUDE_DEPTH.
    for i in 0..20 {
        std::fs::write(
            dir.join(format!("d{i}.inc")),
            format!("$INCLUDE d{}.inc\n", i + 1),
        )
        .unwrap();
    }
    std::fs::write(dir.join("deep.zone"), zone(b"$INCLUDE d0.inc\n")).unwrap();
    let got = check_json(dir, "deep.zone");
    assert_eq!(
        got,
        "exit 1\nd15.inc error 1:10 syntax: `$INCLUDE` nested more than 16 deep\n"
    );
    // Ten includes of ten includes ... of ten: 10^8 reads without a bound.
    for i in 0..8 {
        std::fs::write(
            dir.join(format!("b{i}.inc")),
            format!("$INCLUDE b{}.inc\n", i + 1).repeat(10),
        )
        .unwrap();
    }
    std::fs::write(dir.join("b8.inc"), "").unwrap();
    std::fs::write(dir.join("bomb.zone"), zone(b"$INCLUDE b0.inc\n")).unwrap();
    let got = check_json(dir, "bomb.zone");
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(lines[0], "exit 1");
    assert_eq!(
        lines[1],
        "b0.inc error 2:10 syntax: more than 1024 `$INCLUDE`s in this zone; `b1.inc` is not read"
    );
    // One error per directive met after the limit, in the files being read
    // when it was reached (the count is fixed: the reads are in order).
    assert_eq!(lines.len(), 1 + 57, "{got}");
    assert!(
        lines[1..].iter().all(|l| l.contains("more than 1024")),
        "{got}"
    );
}

#[test]
fn gigantic_lines_and_tokens_are_one_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "token.zone",
            zone(&[b"a".repeat(20 << 20).as_slice(), b" A 192.0.2.1\n"].concat()),
            "exit 1\ntoken.zone error 6:1 syntax: invalid owner name",
        ),
        (
            "tokens.zone",
            zone(&[b"a TXT".as_slice(), &b" x".repeat(1 << 20), b"\n"].concat()),
            "exit 1\ntokens.zone error 6:524289 syntax: entry of more than 262144 tokens: the rest of it is skipped\n",
        ),
        (
            "parens.zone",
            zone(&[b"a TXT ".as_slice(), &b"(".repeat(1 << 20), b"\n"].concat()),
            // Each run of 2^18 `(` is an entry of its own.
            "exit 1\nparens.zone error 6:7 syntax: unbalanced `(`: never closed\n\
             parens.zone error 6:262148 syntax: entry of more than 262144 tokens: the rest of it is skipped\n\
             parens.zone error 6:262149 syntax: unbalanced `(`: never closed\n",
        ),
        (
            "unclosed.zone",
            zone(&[b"a TXT ( \"x\"\n".as_slice(), &b"b A 192.0.2.1\n".repeat(400_000)].concat()),
            "exit 1\nunclosed.zone error 6:7 syntax: unbalanced `(`: never closed\n",
        ),
    ];
    for (name, text, expected) in cases {
        std::fs::write(dir.join(name), text).unwrap();
        let out = zonelint(dir, &["check", name]);
        let human = String::from_utf8_lossy(&out.stdout);
        // The human report gives the position, not a snippet of the line.
        assert!(
            human.len() < 20_000,
            "{name}: {} bytes of report",
            human.len()
        );
        let got = check_json(dir, name);
        assert!(got.starts_with(expected), "{name}:\n{got}");
    }
}

#[test]
fn a_file_of_garbage_stops_after_1000_errors() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("garbage.zone"),
        zone(&b"bad line here with junk\n".repeat(200_000)),
    )
    .unwrap();
    let got = check_json(tmp.path(), "garbage.zone");
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(lines.len(), 1 + 1001);
    assert_eq!(
        lines[1001],
        "garbage.zone error 1006:1 syntax: 1000 syntax errors: the rest of the file is not read"
    );
}

/// Raw octets in quoted strings and escapes come out of `fmt` and `--fix`
/// exactly as they went in.
#[test]
fn raw_octets_survive_fmt_and_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let text = zone(b"caf\xe9   TXT \"r\xe9sum\xe9 \\255 \\\"q\\\"\" ; \xff latin-1\nm MX 10 ns.example.com ; fixable\n");
    std::fs::write(dir.join("raw.zone"), &text).unwrap();
    let out = zonelint(dir, &["fmt", "raw.zone"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let formatted = std::fs::read(dir.join("raw.zone")).unwrap();
    for needle in [
        &b"caf\xe9 "[..],
        b"\"r\xe9sum\xe9 \\255 \\\"q\\\"\"",
        b"; \xff latin-1",
    ] {
        assert!(
            formatted.windows(needle.len()).any(|w| w == needle),
            "{:?} lost in {}",
            String::from_utf8_lossy(needle),
            String::from_utf8_lossy(&formatted)
        );
    }
    let out = zonelint(dir, &["check", "--fix", "raw.zone"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed = std::fs::read(dir.join("raw.zone")).unwrap();
    let expected =
        String::from_utf8_lossy(&formatted).replace("ns.example.com   ;", "ns.example.com.   ;");
    assert_eq!(String::from_utf8_lossy(&fixed), expected);
    assert!(
        fixed.windows(3).any(|w| w == b"caf") && fixed.contains(&0xe9) && fixed.contains(&0xff)
    );
}
