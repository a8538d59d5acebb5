//! The binary: `fmt`.

mod common;

use common::{text, zonelint};

const UNFORMATTED: &str = "$ttl 1h\nwww   in   a   192.0.2.1 ; web\nmail in a 192.0.2.2\n";
const FORMATTED: &str = "$TTL 1h\nwww  IN A 192.0.2.1 ; web\nmail IN A 192.0.2.2\n";

#[test]
fn fmt_check_diff_and_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.com.zone");
    std::fs::write(&path, UNFORMATTED).unwrap();
    std::fs::write(dir.path().join("ok.zone"), FORMATTED).unwrap();

    let out = zonelint(&["fmt", "--check", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "Would reformat: example.com.zone\n");
    assert!(
        text(&out.stderr).contains("1 file would be reformatted, 1 file left unchanged"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), UNFORMATTED);

    let out = zonelint(&["fmt", "--diff", "example.com.zone"], None, dir.path());
    assert_eq!(out.status.code(), Some(1));
    let diff = text(&out.stdout);
    assert!(
        diff.contains("\n-www   in   a   192.0.2.1 ; web\n")
            && diff.contains("\n+www  IN A 192.0.2.1 ; web\n"),
        "{diff}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), UNFORMATTED);

    let out = zonelint(&["fmt", "example.com.zone"], None, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FORMATTED);
    let out = zonelint(&["fmt", "--check", "."], None, dir.path());
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fmt_stdin_to_stdout_for_editors() {
    let dir = tempfile::tempdir().unwrap();
    let out = zonelint(
        &["fmt", "-", "--stdin-filename", "zones/example.com.zone"],
        Some(UNFORMATTED),
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), FORMATTED);
    // Already formatted: the same text back.
    let out = zonelint(&["fmt", "-"], Some(FORMATTED), dir.path());
    assert_eq!(text(&out.stdout), FORMATTED);
}

#[test]
fn fmt_refuses_a_file_with_syntax_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.com.zone");
    let broken = "$TTL 1h\nwww   IN A 192.0.2.300\n";
    std::fs::write(&path, broken).unwrap();
    let out = zonelint(&["fmt", "example.com.zone"], None, dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("invalid IPv4 address `192.0.2.300`"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken, "untouched");
    let out = zonelint(&["fmt", "-"], Some(broken), dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "an editor must not get a half-formatted buffer"
    );
}

#[test]
fn fmt_reads_format_options_from_the_nearest_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("zones/sub")).unwrap();
    std::fs::write(
        dir.path().join("zonelint.toml"),
        "[format]\nindent = \"tabs\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("zones/sub/example.com.zone"),
        "www  IN  A 192.0.2.1\n",
    )
    .unwrap();
    let out = zonelint(&["fmt", "zones"], None, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("zones/sub/example.com.zone")).unwrap(),
        "www\tIN\tA\t192.0.2.1\n"
    );
    // Editors: the config next to the buffer's path applies to stdin.
    let out = zonelint(
        &["fmt", "-", "--stdin-filename", "zones/sub/x.zone"],
        Some("a  A 192.0.2.2\n"),
        dir.path(),
    );
    assert_eq!(text(&out.stdout), "a\tA\t192.0.2.2\n");
}
