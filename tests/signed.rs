//! A zone signed by BIND's own signer is clean, with NSEC, NSEC3 and NSEC3
//! opt-out, CDS and CDNSKEY; a CDS whose digest no key has is found.
//!
//! Needs `dnssec-keygen`, `dnssec-settime` and `dnssec-signzone`
//! (bind9-utils). Without them the test says so and passes, unless
//! `ZONELINT_REQUIRE_BIND` is set (CI installs them and sets it).

mod common;

use std::path::Path;
use std::process::Command;

const ORIGIN: &str = "shop.example.net.";

fn tool(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(args[0])
        .args(&args[1..])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", args[0]));
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn have_bind() -> bool {
    let found = Command::new("dnssec-signzone").arg("-h").output().is_ok();
    if !found {
        let msg = "dnssec-signzone is not installed (bind9-utils): skipping the signed-zone test";
        assert!(std::env::var_os("ZONELINT_REQUIRE_BIND").is_none(), "{msg}");
        eprintln!("{msg}");
    }
    found
}

/// Signs the unsigned test zone in a fresh folder with `signer_args`;
/// returns the folder and the signed file's name.
fn sign(signer_args: &[&str]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let unsigned = common::testdata().join("signing/shop.example.net.zone");
    let mut text = std::fs::read_to_string(unsigned).unwrap();
    let ksk = tool(
        dir.path(),
        &[
            "dnssec-keygen",
            "-q",
            "-a",
            "ECDSAP256SHA256",
            "-f",
            "KSK",
            ORIGIN,
        ],
    );
    let zsk = tool(
        dir.path(),
        &["dnssec-keygen", "-q", "-a", "ECDSAP256SHA256", ORIGIN],
    );
    // Publish CDS and CDNSKEY for the KSK.
    tool(dir.path(), &["dnssec-settime", "-P", "sync", "now", &ksk]);
    text.push_str(&format!("$INCLUDE {ksk}.key\n$INCLUDE {zsk}.key\n"));
    std::fs::write(dir.path().join("zone"), text).unwrap();
    let mut args = vec!["dnssec-signzone", "-q", "-S", "-K", ".", "-o", ORIGIN];
    args.extend_from_slice(signer_args);
    args.extend_from_slice(&["-f", "signed.zone", "zone"]);
    tool(dir.path(), &args);
    (dir, "signed.zone".to_owned())
}

fn check(dir: &Path, file: &str) -> (i32, String) {
    let out = common::zonelint(
        &[
            "check",
            "--no-config",
            "--origin",
            ORIGIN,
            "--format",
            "concise",
            file,
        ],
        None,
        dir,
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn zones_signed_by_bind_are_clean() {
    if !have_bind() {
        return;
    }
    for (what, args) in [
        ("NSEC", &[][..]),
        ("NSEC3", &["-3", "-"][..]),
        ("NSEC3 opt-out", &["-3", "-", "-A"][..]),
    ] {
        let (dir, file) = sign(args);
        let text = std::fs::read_to_string(dir.path().join(&file)).unwrap();
        assert!(
            text.contains("\tCDS\t") && text.contains("RRSIG\tCNAME"),
            "{what}: {text}"
        );
        let (code, out) = check(dir.path(), &file);
        assert_eq!((code, out.as_str()), (0, ""), "{what}");
    }
}

#[test]
fn a_cds_no_key_has_is_found_in_a_signed_zone() {
    if !have_bind() {
        return;
    }
    let (dir, file) = sign(&["-3", "-"]);
    let path = dir.path().join(&file);
    let text = std::fs::read_to_string(&path).unwrap();
    // Change the CDS digest's first hex digit.
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("\tCDS\t"))
        .expect("a CDS record");
    let mut changed: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let digest = &mut changed[at + 1];
    let i = digest.len() - digest.trim_start().len();
    let first = digest.as_bytes()[i];
    digest.replace_range(i..=i, if first == b'0' { "1" } else { "0" });
    std::fs::write(&path, changed.join("\n") + "\n").unwrap();
    let (code, out) = check(dir.path(), &file);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        format!(
            "{file}:{}:13: error[cds-mismatch] CDS record at `{ORIGIN}` matches no DNSKEY of the zone\n",
            at + 1
        )
    );
}
