//! Rule fixtures: `testdata/rules/<code>/`.
//!
//! - `pass.zone` must produce no finding at all (and parse cleanly);
//! - `fail.zone` must produce exactly the `; expect: <code>` marks;
//! - `fail.fixed.zone`, for rules that can fix, is the exact text after
//!   `--fix --unsafe-fixes`; it parses, and fixing it again changes nothing.
//!
//! Every finding's message follows the house style, and every public code
//! has a fixture folder.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use zonelint::diagnostic::Diagnostic;
use zonelint::fix::{fix_zone, FixOptions};
use zonelint::rules::{self, Catalog, FixKind, Selection, CODES};
use zonelint::zone::{load, LoadOptions, Loaded, StdFileSystem};
use zonelint::SourceFile;

fn load_path(path: &Path) -> Loaded {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    load(
        SourceFile::new(path, text),
        &LoadOptions::default(),
        &StdFileSystem,
    )
}

fn lint(loaded: &Loaded) -> Vec<Diagnostic> {
    let catalog = Catalog::new(vec![&loaded.zone]);
    rules::lint(
        &loaded.zone,
        &catalog,
        &Selection::all(),
        &loaded.diagnostics,
    )
}

fn marks_found(loaded: &Loaded, found: &[Diagnostic]) -> BTreeSet<(u32, String)> {
    common::actual_marks(found, &loaded.zone.files()[0])
}

/// House style: starts lowercase (or with an acronym or a backtick), no
/// trailing period; help is present.
fn check_style(d: &Diagnostic) {
    let first_word = d.message.split_whitespace().next().unwrap_or("");
    let starts_ok = d
        .message
        .starts_with(|c: char| c.is_lowercase() || c == '`')
        || first_word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    assert!(
        starts_ok,
        "{}: message must start lowercase or with an acronym: {}",
        d.code, d.message
    );
    assert!(
        !d.message.ends_with('.'),
        "{}: message ends with a period: {}",
        d.code,
        d.message
    );
    assert!(d.help.is_some(), "{}: no help for `{}`", d.code, d.message);
}

fn fix_text(path: &Path, text: Vec<u8>) -> Vec<u8> {
    let file = SourceFile::new(path, text.clone());
    let fixed = fix_zone(
        file,
        &LoadOptions::default(),
        &StdFileSystem,
        &[],
        &Selection::all(),
        FixOptions {
            unsafe_fixes: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    fixed.files.into_iter().next().map_or(text, |(_, new)| new)
}

fn run_fixture(code: &str) {
    let dir = common::testdata().join("rules").join(code);
    let meta = rules::lookup(code).unwrap_or_else(|| panic!("`{code}` is not a registered code"));

    let pass = load_path(&dir.join("pass.zone"));
    let found = lint(&pass);
    assert!(
        found.is_empty(),
        "{code}/pass.zone has findings: {:?}",
        marks_found(&pass, &found)
    );

    let fail_path = dir.join("fail.zone");
    let fail = load_path(&fail_path);
    let found = lint(&fail);
    let text = String::from_utf8(std::fs::read(&fail_path).unwrap()).unwrap();
    let want = common::expected_marks(&text);
    assert!(
        want.iter().any(|(_, c)| c == code),
        "{code}/fail.zone marks nothing for {code}"
    );
    assert_eq!(
        marks_found(&fail, &found),
        want,
        "{code}/fail.zone findings differ from the marks"
    );
    for d in &found {
        check_style(d);
    }

    let fixed_path = dir.join("fail.fixed.zone");
    if meta.fix == FixKind::Never {
        assert!(
            !fixed_path.exists(),
            "{code} cannot fix but has fail.fixed.zone"
        );
        assert!(
            found
                .iter()
                .filter(|d| d.code == code)
                .all(|d| d.fix.is_none()),
            "{code} offered a fix"
        );
        return;
    }
    assert!(
        found.iter().any(|d| d.code == code && d.fix.is_some()),
        "{code}/fail.zone exercises no fix"
    );
    let want_fixed =
        std::fs::read(&fixed_path).unwrap_or_else(|e| panic!("{}: {e}", fixed_path.display()));
    let got = fix_text(&fail_path, text.into_bytes());
    assert!(
        got == want_fixed,
        "{code}: fixed text differs\n--- want\n{}\n--- got\n{}",
        String::from_utf8_lossy(&want_fixed),
        String::from_utf8_lossy(&got)
    );
    // The fixed file parses, and fixing again changes nothing.
    let reloaded = load(
        SourceFile::new(&fixed_path, got.clone()),
        &LoadOptions::default(),
        &StdFileSystem,
    );
    assert!(
        reloaded.diagnostics.iter().all(|d| d.code != "syntax"),
        "{code}: fixed file has syntax errors"
    );
    assert_eq!(
        fix_text(&fixed_path, got.clone()),
        got,
        "{code}: fixing again changed the file"
    );
}

macro_rules! fixtures {
    ($($test:ident => $code:literal,)*) => {
        $(#[test] fn $test() { run_fixture($code); })*

        #[test]
        fn every_public_code_has_a_fixture() {
            let tested: Vec<&str> = vec![$($code),*];
            for meta in CODES.iter().filter(|m| m.name != "syntax") {
                assert!(tested.contains(&meta.name), "no fixture test for {}", meta.name);
                let dir: PathBuf = common::testdata().join("rules").join(meta.name);
                assert!(dir.join("pass.zone").exists() && dir.join("fail.zone").exists(), "{} lacks fixtures", meta.name);
            }
        }
    };
}

fixtures! {
    mx_missing_trailing_dot => "mx-missing-trailing-dot",
    mx_target_ip => "mx-target-ip",
    mx_target_invalid => "mx-target-invalid",
    mx_target_cname => "mx-target-cname",
    mx_target_dangling => "mx-target-dangling",
    mx_preference_range => "mx-preference-range",
    mx_null_mixed => "mx-null-mixed",
    mx_null_preference => "mx-null-preference",
    mx_duplicate => "mx-duplicate",
    mx_backup_preferred => "mx-backup-preferred",
    mx_missing => "mx-missing",
    unused_suppression => "unused-suppression",
    out_of_zone_data => "out-of-zone-data",
}

/// `testdata/zones/`: realistic zones, clean or flagged exactly as marked
/// (marks in included files count too).
#[test]
fn realistic_zones() {
    let dir = common::testdata().join("zones");
    let zones = common::files_in(&dir, |p| p.extension().is_some_and(|e| e == "zone"));
    assert!(zones.len() >= 5, "{zones:?}");
    let mut failures = Vec::new();
    for path in &zones {
        let loaded = load_path(path);
        let found = lint(&loaded);
        for file in loaded.zone.files() {
            let text = String::from_utf8_lossy(file.text()).into_owned();
            let want = common::expected_marks(&text);
            let got = common::actual_marks(&found, file);
            if want != got {
                failures.push(format!(
                    "{}: findings {got:?}, expected {want:?}",
                    file.path().display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `--fix --unsafe-fixes` on a file with every fixable problem: the result
/// checks clean for those rules, keeps every comment, and changes no line
/// that had no finding.
#[test]
fn fixing_every_fixable_problem() {
    let path = common::testdata()
        .join("fix")
        .join("all-fixable.example.com.zone");
    let original = std::fs::read(&path).unwrap();
    let before = load_path(&path);
    let found = lint(&before);
    assert!(
        found.iter().all(|d| d.fix.is_some()),
        "every finding here is fixable: {found:?}"
    );
    let finding_lines: BTreeSet<u32> = found
        .iter()
        .map(|d| before.zone.files()[0].line_col(d.span.start).0)
        .collect();

    let fixed = fix_text(&path, original.clone());
    let after = load(
        SourceFile::new(&path, fixed.clone()),
        &LoadOptions::default(),
        &StdFileSystem,
    );
    let remaining = lint(&after);
    assert!(remaining.is_empty(), "after fixing: {remaining:?}");

    let comments = |text: &[u8]| -> Vec<String> {
        zonelint::parse(text)
            .file
            .tokens
            .iter()
            .filter(|t| t.kind == zonelint::syntax::TokenKind::Comment)
            .map(|t| String::from_utf8_lossy(t.span.slice(text)).into_owned())
            .collect()
    };
    assert_eq!(
        comments(&original),
        comments(&fixed),
        "every comment kept, in order"
    );

    // Lines without a finding are unchanged.
    let old = String::from_utf8(original).unwrap();
    let new = String::from_utf8(fixed).unwrap();
    let diff = similar::TextDiff::from_lines(&old, &new);
    for change in diff.iter_all_changes() {
        if change.tag() == similar::ChangeTag::Delete {
            let line = change.old_index().unwrap() as u32 + 1;
            assert!(
                finding_lines.contains(&line),
                "line {line} changed without a finding: {}",
                change.value()
            );
        }
    }
}
