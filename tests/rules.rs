//! Rule fixtures: one test per folder of `testdata/rules/`, found by
//! walking it (every registered code must have one, and every folder must
//! be a registered code). In each folder:
//!
//! - `pass.zone` must produce no finding at all (and parse cleanly);
//! - `file-name`, when present, holds the name both are read as (for the
//!   codes that judge a file's name);
//! - `fail.zone` must produce exactly its `; expect: <code>` marks (line and
//!   code, written by hand), and exactly the findings of `fail.expect`
//!   (position, severity, code, fix applicability and message; blessed
//!   with `ZONELINT_BLESS=1`, then reviewed);
//! - `fail.fixed.zone`, for rules that can fix, is the exact text after
//!   `--fix --unsafe-fixes`; it parses, and fixing it again changes nothing;
//! - `fail.safe.fixed.zone` is the text after `--fix` alone, present exactly
//!   when it differs from `fail.fixed.zone`.
//!
//! Declared fixability is enforced both ways on every finding of every
//! fixture: `Always` means each finding has a fix, `Never` that none has.
//! Every finding's message and help follow the house style.
//!
//! - `base.zone`, when present, is the earlier version of both fixtures
//!   (for the `soa-serial-*` rules, as `check --base REF` gives one);
//!   they are judged on 2024-06-15.
//!
//! `cargo test --test rules -- mx-target-cname` runs one folder.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use zonelint::diagnostic::{Applicability, Diagnostic};
use zonelint::fix::{fix_zone_with_earlier, FixOptions};
use zonelint::rules::{self, Catalog, FixKind, RuleClass, Selection};
use zonelint::zone::{load, LoadOptions, Loaded, StdFileSystem};
use zonelint::SourceFile;

type Outcome = Result<(), Failed>;

fn load_path(path: &Path) -> Loaded {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // A folder's `file-name` is the name its fixtures are read as (for the
    // codes that judge a file's name).
    let dir = path.parent().unwrap();
    let shown = match std::fs::read_to_string(dir.join("file-name")) {
        Ok(name) => dir.join(name.trim()),
        Err(_) => path.to_path_buf(),
    };
    load(
        SourceFile::new(shown, text),
        &LoadOptions::default(),
        &StdFileSystem,
    )
}

/// A folder's `base.zone`, when present, is the earlier version of its
/// fixtures (as `check --base` gives one), read as the file `path`.
fn earlier(path: &Path) -> Option<Loaded> {
    let base = path.parent()?.join("base.zone");
    let text = std::fs::read(base).ok()?;
    Some(load(
        SourceFile::new(path, text),
        &LoadOptions::default(),
        &StdFileSystem,
    ))
}

fn lint(loaded: &Loaded) -> Vec<Diagnostic> {
    let before = earlier(loaded.zone.files()[0].path());
    let catalog =
        Catalog::new(vec![&loaded.zone]).with_earlier(before.iter().map(|l| &l.zone).collect());
    rules::lint(
        &loaded.zone,
        &catalog,
        &Selection::all(),
        &loaded.diagnostics,
    )
}

fn fail(message: String) -> Outcome {
    Err(message.into())
}

/// House style: starts lowercase (or with an acronym or a backtick), no
/// trailing period; help is present.
fn check_style(d: &Diagnostic) -> Outcome {
    let first_word = d.message.split_whitespace().next().unwrap_or("");
    let starts_ok = d
        .message
        .starts_with(|c: char| c.is_lowercase() || c == '`')
        || first_word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !starts_ok {
        return fail(format!(
            "{}: message must start lowercase or with an acronym: {}",
            d.code, d.message
        ));
    }
    if d.message.ends_with('.') {
        return fail(format!(
            "{}: message ends with a period: {}",
            d.code, d.message
        ));
    }
    // Parse errors carry help where the correction is knowable; every
    // other finding says what to do.
    if d.help.is_none() && d.code != "syntax" {
        return fail(format!("{}: no help for `{}`", d.code, d.message));
    }
    Ok(())
}

/// A finding's class agrees with its rule's: every finding of a refused
/// rule is refused, none of a configurable one is, and a refused finding
/// is an error.
fn check_class(d: &Diagnostic) -> Outcome {
    let meta = rules::lookup(d.code).expect("findings carry registered codes");
    let ok = match meta.class {
        RuleClass::Refused => d.refused,
        RuleClass::Configurable => !d.refused,
        RuleClass::PartlyRefused => true,
    } && (!d.refused || d.severity == zonelint::Severity::Error);
    if ok {
        Ok(())
    } else {
        fail(format!(
            "{}: class {:?} but a finding refused={} at {}: {}",
            d.code, meta.class, d.refused, d.severity, d.message
        ))
    }
}

/// Declared fixability holds for every finding.
fn check_fixability(found: &[Diagnostic], what: &Path) -> Outcome {
    for d in found {
        let meta = rules::lookup(d.code).expect("findings carry registered codes");
        let ok = match meta.fix {
            FixKind::Always => d.fix.is_some(),
            FixKind::Never => d.fix.is_none(),
            FixKind::Sometimes => true,
        };
        if !ok {
            return fail(format!(
                "{}: `{}` declares fix {:?} but this finding {} one: {}",
                what.display(),
                d.code,
                meta.fix,
                if d.fix.is_some() { "has" } else { "lacks" },
                d.message
            ));
        }
    }
    Ok(())
}

/// One line per finding, in the order reported:
/// `line:col-end_line:end_col severity code [fix]: message`, the file name
/// first when the finding is in another file than `top`.
fn expectations(loaded: &Loaded, found: &[Diagnostic]) -> String {
    let top = loaded.zone.files()[0].id();
    let mut out = String::new();
    for d in found {
        let Some(file) = loaded.zone.files().iter().find(|f| f.id() == d.file) else {
            continue;
        };
        let (line, col) = file.line_col(d.span.start);
        let (end_line, end_col) = file.line_col(d.span.end);
        if d.file != top {
            let name = file.path().file_name().unwrap_or_default();
            out.push_str(&format!("{}:", name.to_string_lossy()));
        }
        let refused = if d.refused { " [refused]" } else { "" };
        let fix = match d.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => " [safe fix]",
            Some(Applicability::Unsafe) => " [unsafe fix]",
            None => "",
        };
        out.push_str(&format!(
            "{line}:{col}-{end_line}:{end_col} {} {}{refused}{fix}: {}\n",
            d.severity, d.code, d.message
        ));
    }
    out
}

/// Compares `got` with the file at `path`, or writes it with `ZONELINT_BLESS`.
fn blessed(path: &Path, got: &str) -> Outcome {
    if std::env::var_os("ZONELINT_BLESS").is_some() {
        std::fs::write(path, got).unwrap();
    }
    let want = std::fs::read_to_string(path).unwrap_or_default();
    if want == got {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(&want, got);
    fail(format!(
        "{} differs (ZONELINT_BLESS=1 rewrites it; review the diff):\n{}",
        path.display(),
        diff.unified_diff().header("expected", "got")
    ))
}

fn fix_text(path: &Path, text: Vec<u8>, unsafe_fixes: bool) -> Result<Vec<u8>, Failed> {
    let file = SourceFile::new(path, text.clone());
    let before = earlier(path);
    let fixed = fix_zone_with_earlier(
        file,
        &LoadOptions::default(),
        &StdFileSystem,
        &[],
        before.as_ref().map(|l| &l.zone),
        &Selection::all(),
        FixOptions {
            unsafe_fixes,
            ..Default::default()
        },
    )
    .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(fixed.files.into_iter().next().map_or(text, |(_, new)| new))
}

fn run_fixture(code: &str, dir: &Path) -> Outcome {
    let meta = rules::lookup(code).ok_or_else(|| format!("`{code}` is not a registered code"))?;

    let pass = load_path(&dir.join("pass.zone"));
    let found = lint(&pass);
    if !found.is_empty() {
        return fail(format!(
            "{code}/pass.zone has findings:\n{}",
            expectations(&pass, &found)
        ));
    }

    let fail_path = dir.join("fail.zone");
    let failing = load_path(&fail_path);
    let found = lint(&failing);
    let text = std::fs::read(&fail_path).unwrap();
    let want = common::expected_marks(&String::from_utf8_lossy(&text));
    if !want.iter().any(|(_, c)| c == code) {
        return fail(format!("{code}/fail.zone marks nothing for {code}"));
    }
    let got = common::actual_marks(&found, &failing.zone.files()[0]);
    if got != want {
        return fail(format!(
            "{code}/fail.zone findings differ from the marks\n  marks: {want:?}\n  found: {got:?}\n{}",
            expectations(&failing, &found)
        ));
    }
    blessed(&dir.join("fail.expect"), &expectations(&failing, &found))?;
    for d in &found {
        check_style(d)?;
        check_class(d)?;
    }
    check_fixability(&found, &fail_path)?;

    let fixed_path = dir.join("fail.fixed.zone");
    let safe_path = dir.join("fail.safe.fixed.zone");
    if meta.fix == FixKind::Never {
        if fixed_path.exists() || safe_path.exists() {
            return fail(format!("{code} cannot fix but has a fixed file"));
        }
        return Ok(());
    }
    if !found.iter().any(|d| d.code == code && d.fix.is_some()) {
        return fail(format!("{code}/fail.zone exercises no fix"));
    }
    let got = fix_text(&fail_path, text.clone(), true)?;
    blessed(&fixed_path, &String::from_utf8_lossy(&got))?;
    // The fixed file parses, and fixing again changes nothing.
    let reloaded = load(
        SourceFile::new(&fixed_path, got.clone()),
        &LoadOptions::default(),
        &StdFileSystem,
    );
    if reloaded.diagnostics.iter().any(|d| d.code == "syntax") {
        return fail(format!("{code}: fixed file has syntax errors"));
    }
    if fix_text(&fixed_path, got.clone(), true)? != got {
        return fail(format!("{code}: fixing again changed the file"));
    }
    // Safe fixes alone: their own expectation when they differ.
    let safe = fix_text(&fail_path, text, false)?;
    if safe != got {
        blessed(&safe_path, &String::from_utf8_lossy(&safe))?;
    } else if safe_path.exists() {
        if std::env::var_os("ZONELINT_BLESS").is_some() {
            std::fs::remove_file(&safe_path).unwrap();
        } else {
            return fail(format!(
                "{code}: fail.safe.fixed.zone exists but --fix alone gives fail.fixed.zone"
            ));
        }
    }
    Ok(())
}

/// `testdata/zones/`: realistic zones, clean or flagged exactly as marked
/// (marks in included files count too), with their `.expect` sidecars.
fn realistic_zones() -> Outcome {
    let dir = common::testdata().join("zones");
    let zones = common::files_in(&dir, |p| p.extension().is_some_and(|e| e == "zone"));
    if zones.len() < 5 {
        return fail(format!("too few realistic zones: {zones:?}"));
    }
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
        if let Err(e) = blessed(
            &path.with_extension("expect"),
            &expectations(&loaded, &found),
        ) {
            failures.push(e.message().unwrap_or_default().to_owned());
        }
        if let Err(e) = check_fixability(&found, path) {
            failures.push(e.message().unwrap_or_default().to_owned());
        }
        for d in &found {
            if let Err(e) = check_class(d) {
                failures.push(e.message().unwrap_or_default().to_owned());
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        fail(failures.join("\n"))
    }
}

/// `--fix --unsafe-fixes` on a file with every fixable problem: the result
/// checks clean for those rules, keeps every comment, and changes no line
/// that had no finding.
fn fixing_every_fixable_problem() -> Outcome {
    let path = common::testdata()
        .join("fix")
        .join("all-fixable.example.com.zone");
    let original = std::fs::read(&path).unwrap();
    let before = load_path(&path);
    let found = lint(&before);
    if let Some(d) = found.iter().find(|d| d.fix.is_none()) {
        return fail(format!("every finding here is fixable: {d:?}"));
    }
    let finding_lines: BTreeSet<u32> = found
        .iter()
        .map(|d| before.zone.files()[0].line_col(d.span.start).0)
        .collect();

    let fixed = fix_text(&path, original.clone(), true)?;
    let after = load(
        SourceFile::new(&path, fixed.clone()),
        &LoadOptions::default(),
        &StdFileSystem,
    );
    let remaining = lint(&after);
    if !remaining.is_empty() {
        return fail(format!("after fixing: {remaining:?}"));
    }

    let comments = |text: &[u8]| -> Vec<String> {
        zonelint::parse(text)
            .file
            .tokens
            .iter()
            .filter(|t| t.kind == zonelint::syntax::TokenKind::Comment)
            .map(|t| String::from_utf8_lossy(t.span.slice(text)).into_owned())
            .collect()
    };
    if comments(&original) != comments(&fixed) {
        return fail("a comment was lost or moved".into());
    }

    // Lines without a finding are unchanged.
    let old = String::from_utf8(original).unwrap();
    let new = String::from_utf8(fixed).unwrap();
    let diff = similar::TextDiff::from_lines(&old, &new);
    for change in diff.iter_all_changes() {
        if change.tag() == similar::ChangeTag::Delete {
            let line = change.old_index().unwrap() as u32 + 1;
            if !finding_lines.contains(&line) {
                return fail(format!(
                    "line {line} changed without a finding: {}",
                    change.value()
                ));
            }
        }
    }
    Ok(())
}

/// Every registered code has a folder, and every folder is a code.
fn folders_match_the_registry(folders: &[(String, PathBuf)]) -> Outcome {
    let names: BTreeSet<&str> = folders.iter().map(|(n, _)| n.as_str()).collect();
    let codes: BTreeSet<&str> = rules::all().map(|r| r.meta.name).collect();
    let missing: Vec<_> = codes.difference(&names).collect();
    let unknown: Vec<_> = names.difference(&codes).collect();
    if missing.is_empty() && unknown.is_empty() {
        Ok(())
    } else {
        fail(format!(
            "codes without a testdata/rules/ folder: {missing:?}; folders that are no code: {unknown:?}"
        ))
    }
}

fn main() {
    let args = Arguments::from_args();
    // The day the serial fixtures are judged on (`soa-serial-date`).
    std::env::set_var("ZONELINT_TODAY", "20240615");
    let root = common::testdata().join("rules");
    let mut folders: Vec<(String, PathBuf)> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    folders.sort();
    let mut trials: Vec<Trial> = folders
        .iter()
        .cloned()
        .map(|(code, dir)| Trial::test(code.clone(), move || run_fixture(&code, &dir)))
        .collect();
    trials.push(Trial::test("registry: a folder per code", move || {
        folders_match_the_registry(&folders)
    }));
    trials.push(Trial::test("realistic zones", realistic_zones));
    trials.push(Trial::test(
        "fixing every fixable problem",
        fixing_every_fixable_problem,
    ));
    libtest_mimic::run(&args, trials).exit();
}
