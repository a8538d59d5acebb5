//! Conformance against other DNS projects' test zones (`../shared/corpus`).
//!
//! The corpus is found through `ZONELINT_CORPUS` (set by `.ci/run`). When it
//! is unset the test says so and passes, unless `ZONELINT_REQUIRE_CORPUS` is
//! set (CI), where a missing corpus fails.
//!
//! * `parse_class` `valid` with a BIND canonical dump: zonelint must report
//!   no `syntax` error and load exactly BIND's record set (the canonical dump
//!   is parsed with zonelint too, and the two sets compared).
//! * `parse_class` `invalid`: at least 95% must get a `syntax` error.
//! * `disputed`: counted and printed, no expectation (see README).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use zonelint::diagnostic::{Severity, SYNTAX};
use zonelint::dns::rdata::canonical;
use zonelint::dns::Name;
use zonelint::dns::RecordType;
use zonelint::rules::{self, Catalog, Selection};
use zonelint::zone::{load, LoadOptions, StdFileSystem};
use zonelint::SourceFile;

struct Row {
    path: String,
    origin: String,
    /// Whether BIND and Knot load the zone: `valid` (both), `invalid`
    /// (both refuse), `disputed`.
    class: String,
    parse_class: String,
    run_dir: String,
    canon: String,
    /// Where the MANIFEST's origin comes from (`SOA owner`, `file name`,
    /// `config <file>`, a test script).
    origin_source: String,
}

fn corpus() -> Option<PathBuf> {
    match std::env::var_os("ZONELINT_CORPUS") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            let msg = "ZONELINT_CORPUS is not set: skipping the corpus conformance test \
                       (set it to the corpus folder, e.g. ../shared/corpus, as .ci/run does)";
            assert!(
                std::env::var_os("ZONELINT_REQUIRE_CORPUS").is_none(),
                "{msg}"
            );
            eprintln!("{msg}");
            None
        }
    }
}

fn manifest(corpus: &Path) -> Vec<Row> {
    let text =
        std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("MANIFEST.tsv is readable");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let origin_source = col("origin_source");
    let (path, origin, semantic, class, run_dir, canon) = (
        col("path"),
        col("origin"),
        col("class"),
        col("parse_class"),
        col("run_dir"),
        col("canon"),
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                path: f[path].to_owned(),
                origin: f[origin].to_owned(),
                class: f[semantic].to_owned(),
                parse_class: f[class].to_owned(),
                run_dir: f[run_dir].to_owned(),
                canon: f.get(canon).copied().unwrap_or("").to_owned(),
                origin_source: f[origin_source].to_owned(),
            }
        })
        .collect()
}

/// The file of the zone a diagnostic is in.
fn file_of<'z>(
    zone: &'z zonelint::zone::Zone,
    d: &zonelint::diagnostic::Diagnostic,
) -> &'z SourceFile {
    zone.files()
        .iter()
        .find(|f| f.id() == d.file)
        .expect("a diagnostic's file is one of the zone's")
}

struct Outcome {
    syntax_errors: Vec<String>,
    records: BTreeSet<String>,
}

fn load_file(path: &Path, origin: &str, run_dir: &Path) -> Outcome {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let origin: Name = origin.parse().expect("manifest origin is a name");
    let options = LoadOptions {
        origin: Some(origin),
        working_dir: Some(run_dir.to_path_buf()),
        // The corpus's includes reach across its folders.
        include_roots: corpus().into_iter().collect(),
        ..LoadOptions::default()
    };
    let loaded = load(SourceFile::new(path, text), &options, &StdFileSystem);
    let syntax_errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == SYNTAX && d.severity == Severity::Error)
        .map(|d| {
            let file = file_of(&loaded.zone, d);
            let (line, col) = file.line_col(d.span.start);
            format!("{}:{line}:{col}: {}", file.path().display(), d.message)
        })
        .collect();
    let zone = &loaded.zone;
    let records = zone
        .records()
        .map(|(id, r)| {
            let owner = zone.names().name(r.owner).to_string().to_ascii_lowercase();
            // Names inside the data compare case-insensitively (RRsets are sets).
            let data = zone.rdata(r);
            let mut text = String::new();
            if r.has(zonelint::zone::record_flags::OPAQUE) {
                text = zone.rdata_text(id);
            } else {
                zonelint::dns::rdata::write_presentation(
                    r.rtype,
                    &canonical(r.rtype, data),
                    &mut text,
                );
            }
            format!("{owner}\t{}\t{}\t{}\t{text}", r.ttl, zone.class(), r.rtype)
        })
        .collect();
    Outcome {
        syntax_errors,
        records,
    }
}

#[test]
fn corpus_conformance() {
    let Some(corpus) = corpus() else { return };
    let canon_root = corpus
        .parent()
        .expect("corpus has a parent")
        .join("corpus-canon");
    let rows = manifest(&corpus);
    let mut valid = (0, 0); // (agree, total)
    let mut invalid = (0, 0);
    let mut disputed = (0, 0); // (files with a syntax error, total)
    let mut disputed_canon = (0, 0); // (same records as BIND, accepted by both BIND and zonelint)
    let mut failures = Vec::new();
    let mut missed_invalid = Vec::new();
    for row in &rows {
        let path = corpus.join(&row.path);
        let run_dir = corpus.join(&row.run_dir);
        match row.parse_class.as_str() {
            "valid" if !row.canon.is_empty() => {
                valid.1 += 1;
                let ours = load_file(&path, &row.origin, &run_dir);
                if !ours.syntax_errors.is_empty() {
                    failures.push(format!(
                        "{}: syntax errors:\n    {}",
                        row.path,
                        ours.syntax_errors.join("\n    ")
                    ));
                    continue;
                }
                let canon_path = canon_root.join(row.canon.trim_start_matches("corpus-canon/"));
                let bind = load_file(&canon_path, &row.origin, &run_dir);
                if !bind.syntax_errors.is_empty() {
                    failures.push(format!(
                        "{}: canonical file does not parse:\n    {}",
                        row.path,
                        bind.syntax_errors.join("\n    ")
                    ));
                    continue;
                }
                if ours.records == bind.records {
                    valid.0 += 1;
                } else {
                    let only_ours: Vec<_> = ours
                        .records
                        .difference(&bind.records)
                        .take(5)
                        .cloned()
                        .collect();
                    let only_bind: Vec<_> = bind
                        .records
                        .difference(&ours.records)
                        .take(5)
                        .cloned()
                        .collect();
                    failures.push(format!(
                        "{}: record sets differ ({} vs BIND {})\n  only zonelint:\n    {}\n  only BIND:\n    {}",
                        row.path,
                        ours.records.len(),
                        bind.records.len(),
                        only_ours.join("\n    "),
                        only_bind.join("\n    ")
                    ));
                }
            }
            "invalid" => {
                invalid.1 += 1;
                if load_file(&path, &row.origin, &run_dir)
                    .syntax_errors
                    .is_empty()
                {
                    missed_invalid.push(row.path.clone());
                } else {
                    invalid.0 += 1;
                }
            }
            "disputed" => {
                disputed.1 += 1;
                let ours = load_file(&path, &row.origin, &run_dir);
                if !ours.syntax_errors.is_empty() {
                    disputed.0 += 1;
                } else if !row.canon.is_empty() {
                    // BIND accepted it and so do we: the records must agree.
                    disputed_canon.1 += 1;
                    let canon_path = canon_root.join(row.canon.trim_start_matches("corpus-canon/"));
                    let bind = load_file(&canon_path, &row.origin, &run_dir);
                    if bind.syntax_errors.is_empty() && bind.records == ours.records {
                        disputed_canon.0 += 1;
                    } else {
                        let only_ours: Vec<_> = ours
                            .records
                            .difference(&bind.records)
                            .take(3)
                            .cloned()
                            .collect();
                        let only_bind: Vec<_> = bind
                            .records
                            .difference(&ours.records)
                            .take(3)
                            .cloned()
                            .collect();
                        failures.push(format!(
                            "{} (disputed, accepted by BIND and zonelint): records differ\n  only zonelint:\n    {}\n  only BIND:\n    {}\n  {}",
                            row.path,
                            only_ours.join("\n    "),
                            only_bind.join("\n    "),
                            bind.syntax_errors.join("; ")
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    println!("corpus conformance:");
    println!(
        "  valid with BIND canon: {}/{} parse cleanly and give BIND's exact record set",
        valid.0, valid.1
    );
    println!("  invalid: {}/{} get a syntax error", invalid.0, invalid.1);
    println!(
        "  disputed: {}/{} get a syntax error (no expectation)",
        disputed.0, disputed.1
    );
    println!(
        "  disputed, accepted by BIND and by zonelint: {}/{} give BIND's exact record set",
        disputed_canon.0, disputed_canon.1
    );
    if !missed_invalid.is_empty() {
        println!(
            "  invalid files without a syntax error:\n    {}",
            missed_invalid.join("\n    ")
        );
    }
    assert!(
        failures.is_empty(),
        "{} valid files differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        invalid.1 > 0,
        "no invalid rows found: is ZONELINT_CORPUS right?"
    );
    assert!(
        invalid.0 * 100 >= invalid.1 * 95,
        "only {}/{} invalid files get a syntax error",
        invalid.0,
        invalid.1
    );
}

/// MX findings on the clean corpus files that contain MX records must be
/// exactly the reviewed list in `tests/data/corpus-mx-findings.tsv`.
#[test]
fn corpus_mx_findings_are_the_reviewed_ones() {
    let Some(corpus) = corpus() else { return };
    let reviewed_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus-mx-findings.tsv");
    let reviewed: BTreeSet<String> = std::fs::read_to_string(&reviewed_path)
        .expect("reviewed list")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_owned)
        .collect();
    let selection = Selection::from_lists(&["mx".to_owned()], &[]).expect("mx family");
    let mut found = BTreeSet::new();
    let mut files = 0;
    for row in manifest(&corpus)
        .iter()
        .filter(|r| r.parse_class == "valid")
    {
        let path = corpus.join(&row.path);
        let text = std::fs::read(&path).unwrap();
        let origin: Name = row.origin.parse().unwrap();
        let options = LoadOptions {
            origin: Some(origin),
            working_dir: Some(corpus.join(&row.run_dir)),
            include_roots: vec![corpus.clone()],
            ..LoadOptions::default()
        };
        let loaded = load(SourceFile::new(&path, text), &options, &StdFileSystem);
        if !loaded
            .zone
            .records()
            .any(|(_, r)| r.rtype == RecordType::MX)
        {
            continue;
        }
        files += 1;
        let catalog = Catalog::new(vec![&loaded.zone]);
        // Refused rules run whatever the selection: only the MX family here.
        for d in rules::lint(&loaded.zone, &catalog, &selection, &[])
            .into_iter()
            .filter(|d| d.code.starts_with("mx-"))
        {
            let file = file_of(&loaded.zone, &d);
            let (line, _) = file.line_col(d.span.start);
            found.insert(format!("{}\t{line}\t{}", row.path, d.code));
        }
    }
    println!(
        "corpus MX findings: {} on {files} clean files with MX records, all reviewed",
        found.len()
    );
    let new: Vec<_> = found.difference(&reviewed).collect();
    let gone: Vec<_> = reviewed.difference(&found).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "not reviewed (possible false positives): {new:#?}\nreviewed but gone: {gone:#?}"
    );
}

/// Loads a corpus file as the CLI does (from its run folder, with the
/// MANIFEST's origin) and lints it with every rule: the load's own
/// findings and the rules', as `(line, diagnostic)`.
fn lint_file(corpus: &Path, row: &Row) -> Vec<(u32, zonelint::diagnostic::Diagnostic)> {
    let path = corpus.join(&row.path);
    let text = std::fs::read(&path).unwrap();
    let options = LoadOptions {
        origin: Some(row.origin.parse().unwrap()),
        working_dir: Some(corpus.join(&row.run_dir)),
        include_roots: vec![corpus.to_path_buf()],
        ..LoadOptions::default()
    };
    let loaded = load(SourceFile::new(&path, text), &options, &StdFileSystem);
    let catalog = Catalog::new(vec![&loaded.zone]);
    rules::lint(
        &loaded.zone,
        &catalog,
        &Selection::all(),
        &loaded.diagnostics,
    )
    .into_iter()
    .map(|d| {
        let file = file_of(&loaded.zone, &d);
        (file.line_col(d.span.start).0, d)
    })
    .collect()
}

/// The errors and warnings on the corpus files that BIND and Knot both
/// load must be exactly the reviewed list in `tests/data/corpus-findings.tsv`
/// (MX findings are `corpus-mx-findings.tsv`'s); and every file that one of
/// them refuses for what it means (it parses) gets an error, but for the
/// exceptions listed there.
#[test]
fn corpus_findings_are_the_reviewed_ones() {
    let Some(corpus) = corpus() else { return };
    let reviewed_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus-findings.tsv");
    let reviewed_text = std::fs::read_to_string(&reviewed_path).expect("reviewed list");
    let mut reviewed = BTreeSet::new();
    let mut no_error = BTreeSet::new();
    for line in reviewed_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        match line.strip_prefix("no-error\t") {
            Some(path) => no_error.insert(path.to_owned()),
            None => reviewed.insert(line.to_owned()),
        };
    }
    let (mut found, mut refused_without_error) = (BTreeSet::new(), BTreeSet::new());
    let (mut accepted, mut refused) = (0, 0);
    for row in manifest(&corpus)
        .iter()
        .filter(|r| r.parse_class == "valid")
    {
        let findings = lint_file(&corpus, row);
        if row.class == "valid" {
            accepted += 1;
            for (line, d) in &findings {
                if d.code.starts_with("mx-") || d.severity < Severity::Warning {
                    continue;
                }
                found.insert(format!("{}\t{line}\t{}", row.path, d.code));
            }
        } else {
            refused += 1;
            if !findings.iter().any(|(_, d)| d.severity == Severity::Error) {
                refused_without_error.insert(row.path.clone());
            }
        }
    }
    println!(
        "corpus: {} reviewed errors and warnings on {accepted} files BIND and Knot load; \
         {} of {refused} files one of them refuses get an error",
        found.len(),
        refused - refused_without_error.len()
    );
    let new: Vec<_> = found.difference(&reviewed).collect();
    let gone: Vec<_> = reviewed.difference(&found).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "not reviewed (possible false positives): {new:#?}\nreviewed but gone: {gone:#?}"
    );
    assert_eq!(
        refused_without_error, no_error,
        "files a server refuses that get no error (left), against the listed exceptions (right)"
    );
}

/// Every corpus file that parses formats with verification: the same
/// records, every comment once, formatting twice changes nothing.
#[test]
fn corpus_formats_losslessly() {
    use zonelint::format::{format_verified, FormatError, FormatOptions};
    let Some(corpus) = corpus() else { return };
    let options = FormatOptions::default();
    let (mut formatted, mut unchanged, mut refused) = (0, 0, 0);
    let mut failures = Vec::new();
    for row in manifest(&corpus) {
        let path = corpus.join(&row.path);
        let text = std::fs::read(&path).unwrap();
        let origin: Name = row.origin.parse().unwrap();
        let load = LoadOptions {
            origin: Some(origin),
            working_dir: Some(corpus.join(&row.run_dir)),
            include_roots: vec![corpus.clone()],
            ..LoadOptions::default()
        };
        let file = SourceFile::new(&path, text.clone());
        // `fmt --check` (compares as it goes) agrees with formatting.
        let differs = zonelint::format::format_differs(&text, &options);
        let formatted_text = zonelint::format::format_text(&text, &options);
        if differs.as_ref().ok() != formatted_text.as_ref().ok().map(|f| *f != text).as_ref() {
            failures.push(format!("{}: fmt --check disagrees with fmt", row.path));
        }
        match format_verified(&file, &options, &load, &StdFileSystem) {
            Ok(out) if out == text => unchanged += 1,
            Ok(_) => formatted += 1,
            Err(FormatError::Syntax { .. }) => refused += 1,
            Err(e) => failures.push(format!("{}: {e}", row.path)),
        }
    }
    println!(
        "corpus formatting: {} files parse; {formatted} reformatted and {unchanged} already formatted, all verified \
         (same records, every comment once, idempotent); {refused} refused for syntax errors",
        formatted + unchanged
    );
    assert!(
        failures.is_empty(),
        "{} files failed verification:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Why the origin zonelint finds for a corpus file without `--origin` is
/// not the MANIFEST's: where the MANIFEST's comes from, which zonelint
/// cannot see, or how zonelint reads the file instead.
fn origin_miss_reason(row: &Row, found: &str) -> String {
    let source = row.origin_source.as_str();
    if let Some(conf) = source.strip_prefix("config ") {
        return format!("named by a server configuration the corpus does not hold (`{conf}`)");
    }
    if source == "file name" {
        return if found == "." {
            "no SOA, and a one-label file name names no zone: checked as a fragment".into()
        } else {
            "the test suite's own file-name convention, not a server's".into()
        };
    }
    if source == "SOA owner" {
        return "the SOA owner, read differently".into();
    }
    format!("given by the test harness ({source})")
}

/// Every corpus file checked without `--origin`, as a user would (no
/// configuration, server configurations found as usual): how many get the
/// MANIFEST's origin, and every one that does not, with the reason, in
/// `tests/data/corpus-origins.tsv` (`ZONELINT_BLESS=1` rewrites it).
#[test]
fn corpus_origins_without_the_flag() {
    use zonelint::workspace::{Input, Settings, Workspace};
    let Some(corpus) = corpus() else { return };
    let rows = manifest(&corpus);
    let mut same = 0usize;
    let mut misses = String::from("path\tmanifest\tzonelint\treason\n");
    for row in &rows {
        let mut ws = Workspace::new(Settings::no_config(), &StdFileSystem);
        let found = ws
            .plan(vec![Input::Path(corpus.join(&row.path))])
            .ok()
            .and_then(|plan| plan.jobs.first().cloned())
            .and_then(|job| ws.load(&job).ok())
            .map_or_else(|| "-".to_owned(), |l| l.zone.origin().to_string());
        if found.eq_ignore_ascii_case(&row.origin) {
            same += 1;
        } else {
            let reason = origin_miss_reason(row, &found);
            misses.push_str(&format!(
                "{}\t{}\t{found}\t{reason}\n",
                row.path, row.origin
            ));
        }
    }
    eprintln!(
        "corpus origins without --origin: {same} of {} files get the MANIFEST's origin; the others are in tests/data/corpus-origins.tsv",
        rows.len()
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus-origins.tsv");
    if std::env::var_os("ZONELINT_BLESS").is_some() {
        std::fs::write(&path, &misses).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        want == misses,
        "the files that do not get the MANIFEST's origin changed: review and run with ZONELINT_BLESS=1\n{}",
        similar::TextDiff::from_lines(&want, &misses).unified_diff()
    );
}
