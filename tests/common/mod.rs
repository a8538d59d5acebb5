//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use zonelint::Diagnostic;

/// `(line, code)` for every line ending with `; expect: code[, code...]`.
pub fn expected_marks(text: &str) -> BTreeSet<(u32, String)> {
    let mut marks = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(at) = line.find("; expect:") {
            // A code is one word: what follows it is not part of the mark
            // (a lone carriage return does not end a line here).
            for part in line[at + "; expect:".len()..].split(',') {
                let code = part.split_whitespace().next().unwrap_or("");
                if !code.is_empty() {
                    marks.insert((i as u32 + 1, code.to_owned()));
                }
            }
        }
    }
    marks
}

/// `(line, code)` of the findings that are in `file`.
pub fn actual_marks(
    diagnostics: &[Diagnostic],
    file: &zonelint::SourceFile,
) -> BTreeSet<(u32, String)> {
    diagnostics
        .iter()
        .filter(|d| d.file == file.id())
        .map(|d| (file.line_col(d.span.start).0, d.code.to_owned()))
        .collect()
}

/// The repository's `testdata/` folder.
pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Files in `dir` (not recursive), sorted, matching `keep`.
pub fn files_in(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && keep(p))
        .collect();
    files.sort();
    files
}

/// Runs the built binary in `cwd` (without colour), `stdin` as its input.
pub fn zonelint(args: &[&str], stdin: Option<&str>, cwd: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zonelint runs");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// Bytes as text, lossily.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder holding `files` (name, text).
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    dir
}

/// The text of `name` in `dir`.
pub fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}
