//! `testdata/syntax/`: one zone per RFC subtlety. Each must load into
//! exactly the records of its `.dump` file (checked against BIND when the
//! fixture was written), and report exactly the `; expect:` marks.

mod common;

use std::path::Path;

use zonelint::zone::{load, LoadOptions, StdFileSystem};
use zonelint::SourceFile;

fn is_fixture(p: &Path) -> bool {
    let name = p.file_name().unwrap().to_str().unwrap();
    name.ends_with(".zone") || name.starts_with("db.") && !name.ends_with(".dump")
}

#[test]
fn syntax_fixtures() {
    let dir = common::testdata().join("syntax");
    let fixtures = common::files_in(&dir, is_fixture);
    assert!(fixtures.len() >= 10, "fixtures found: {fixtures:?}");
    let mut failures = Vec::new();
    for path in &fixtures {
        let text = std::fs::read(path).unwrap();
        let options = LoadOptions {
            working_dir: Some(dir.clone()),
            ..Default::default()
        };
        let loaded = load(
            SourceFile::new(path, text.clone()),
            &options,
            &StdFileSystem,
        );
        let expected_dump = path.with_file_name(format!(
            "{}.dump",
            path.file_name().unwrap().to_str().unwrap()
        ));
        let want = std::fs::read_to_string(&expected_dump)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_dump.display()));
        let got = loaded.zone.dump();
        if got != want {
            failures.push(format!(
                "{}: dump differs\n--- want\n{want}--- got\n{got}",
                path.display()
            ));
        }
        let marks = common::expected_marks(&String::from_utf8_lossy(&text));
        let found = common::actual_marks(&loaded.diagnostics, &loaded.zone.files()[0]);
        if marks != found {
            failures.push(format!(
                "{}: findings {found:?}, expected {marks:?}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
