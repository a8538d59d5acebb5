//! Formatter fixtures and invariants.
//!
//! `testdata/format/<name>.zone` formats (with the options of `<name>.toml`,
//! if present) into exactly `<name>.expected.zone`. Set
//! `ZONELINT_UPDATE_FORMAT=1` to rewrite the expected files, then review the
//! diff. Every zone under `testdata/` formats with verification and is a
//! fixed point of the formatter.

mod common;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use zonelint::format::{format_text, format_verified, FormatError, FormatOptions};
use zonelint::zone::{LoadOptions, StdFileSystem};
use zonelint::SourceFile;

#[derive(Deserialize, Default)]
struct Fixture {
    #[serde(default)]
    format: FormatOptions,
}

fn options_for(input: &Path) -> FormatOptions {
    let toml_path = input.with_extension("toml");
    match std::fs::read_to_string(&toml_path) {
        Ok(text) => {
            toml::from_str::<Fixture>(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()))
                .format
        }
        Err(_) => FormatOptions::default(),
    }
}

fn verified(path: &Path, text: Vec<u8>, options: &FormatOptions) -> Result<Vec<u8>, FormatError> {
    let load = LoadOptions {
        working_dir: path.parent().map(Path::to_path_buf),
        ..Default::default()
    };
    format_verified(&SourceFile::new(path, text), options, &load, &StdFileSystem)
}

#[test]
fn format_fixtures() {
    let dir = common::testdata().join("format");
    let inputs = common::files_in(&dir, |p| {
        let name = p.file_name().unwrap().to_str().unwrap();
        name.ends_with(".zone") && !name.ends_with(".expected.zone")
    });
    assert!(inputs.len() >= 14, "{inputs:?}");
    let update = std::env::var_os("ZONELINT_UPDATE_FORMAT").is_some();
    let mut failures = Vec::new();
    for input in &inputs {
        let options = options_for(input);
        let text = std::fs::read(input).unwrap();
        let got =
            verified(input, text, &options).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let expected_path: PathBuf = input.with_extension("expected.zone");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
        }
        let want = std::fs::read(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        if got != want {
            failures.push(format!(
                "{}\n--- want\n{}--- got\n{}",
                input.display(),
                String::from_utf8_lossy(&want),
                String::from_utf8_lossy(&got)
            ));
        }
        // The expected output is a fixed point.
        assert_eq!(
            format_text(&want, &options).unwrap(),
            want,
            "{} is not stable",
            expected_path.display()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every zone file under `testdata/` that parses: formatting keeps the
/// records and comments (verified) and twice is the same as once.
#[test]
fn every_testdata_zone_formats_losslessly() {
    let mut count = 0;
    for entry in walkdir::WalkDir::new(common::testdata())
        .into_iter()
        .map(Result::unwrap)
    {
        let path = entry.path();
        if !entry.file_type().is_file()
            || path
                .extension()
                .is_some_and(|e| e == "toml" || e == "dump" || e == "tsv")
        {
            continue;
        }
        let text = std::fs::read(path).unwrap();
        // `fmt --check` compares as it goes; it must agree with formatting.
        let differs = zonelint::format::format_differs(&text, &FormatOptions::default());
        let formatted = format_text(&text, &FormatOptions::default());
        assert_eq!(
            differs.as_ref().ok(),
            formatted.as_ref().ok().map(|f| *f != text).as_ref(),
            "{}",
            path.display()
        );
        match verified(path, text, &FormatOptions::default()) {
            Ok(out) => {
                count += 1;
                assert_eq!(
                    zonelint::format::format_differs(&out, &FormatOptions::default()),
                    Ok(false)
                );
                assert_eq!(
                    format_text(&out, &FormatOptions::default()).unwrap(),
                    out,
                    "{}",
                    path.display()
                );
            }
            Err(FormatError::Syntax { .. }) => {}
            Err(e) => panic!("{e}"),
        }
    }
    assert!(count > 50, "only {count} files checked");
}

#[test]
fn a_file_with_syntax_errors_is_refused() {
    let err = format_text(
        b"a A 192.0.2.300\nb   IN  A  192.0.2.1\n",
        &FormatOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.len(), 1);
}
