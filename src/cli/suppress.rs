//! `check --add-suppressions`: ruff's `--add-noqa`. Every line with a
//! finding that can be suppressed gets `; zonelint: allow(code, ...)` at
//! its end, so a repository can adopt zonelint and fail only on new
//! problems. Each edited file is proven before it is written: loaded
//! again, it holds the same records.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, SYNTAX};
use crate::error::Error;
use crate::source::{FileId, SourceFile, Sources};
use crate::zone::{self, LoadOptions, StdFileSystem};

/// What was added.
#[derive(Debug, Default)]
pub struct Added {
    pub suppressions: usize,
    pub files: usize,
    /// Files left as they were, with why (their findings stay reported).
    pub skipped: Vec<String>,
    /// The files of `skipped`.
    pub left: Vec<FileId>,
    /// Files that could not be written.
    pub failed: Vec<Error>,
}

/// True for findings a suppression comment may silence.
pub fn suppressible(d: &Diagnostic) -> bool {
    !d.refused && d.code != SYNTAX && d.code != "unused-suppression"
}

/// The end of the line of `offset`: its line feed, or the CR of a CR LF.
pub fn line_end(text: &[u8], offset: usize) -> usize {
    let offset = offset.min(text.len());
    let end = memchr::memchr(b'\n', &text[offset..]).map_or(text.len(), |i| offset + i);
    if end > offset && text[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

/// The text of `file` with `codes` appended, as a suppression comment, at
/// the end of each line (0-based line start offsets as keys).
fn with_suppressions(text: &[u8], lines: &BTreeMap<usize, Vec<&str>>) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + lines.len() * 40);
    let mut at = 0;
    for (&start, codes) in lines {
        let end = line_end(text, start);
        out.extend_from_slice(&text[at..end]);
        out.extend_from_slice(format!(" ; zonelint: allow({})", codes.join(", ")).as_bytes());
        at = end;
    }
    out.extend_from_slice(&text[at..]);
    out
}

/// Adds suppressions for `diagnostics` (whose files are in `sources`),
/// loading each edited file again with `load` to prove it unchanged. A
/// file with syntax errors is left alone (where its records end is not
/// sure), as is one whose records the comments would change (a line that
/// ends inside a quoted string).
pub fn add(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    load: &dyn Fn(&SourceFile) -> LoadOptions,
) -> Added {
    let mut added = Added::default();
    let broken: Vec<FileId> = diagnostics
        .iter()
        .filter(|d| d.code == SYNTAX)
        .map(|d| d.file)
        .collect();
    let mut by_file: BTreeMap<FileId, BTreeMap<usize, Vec<&str>>> = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| suppressible(d)) {
        if broken.contains(&d.file) {
            if !added.left.contains(&d.file) {
                added.left.push(d.file);
                if let Some(file) = sources.get(d.file) {
                    added.skipped.push(format!(
                        "no suppression added to `{}`: it has syntax errors, fix them first",
                        file.path().display()
                    ));
                }
            }
            continue;
        }
        let Some(file) = sources.get(d.file) else {
            continue;
        };
        let start = file.line_start(file.line_col(d.span.start).0) as usize;
        let codes = by_file.entry(d.file).or_default().entry(start).or_default();
        if !codes.contains(&d.code) {
            codes.push(d.code);
        }
    }
    for (id, lines) in &by_file {
        let file: &Arc<SourceFile> = sources.get(*id).expect("files of the findings");
        let new = with_suppressions(file.text(), lines);
        let options = load(file);
        let before = zone::load(Arc::clone(file), &options, &StdFileSystem);
        let after = zone::load(
            SourceFile::new(file.path(), new.clone()),
            &options,
            &StdFileSystem,
        );
        if before.zone.dump() != after.zone.dump() {
            added.left.push(*id);
            added.skipped.push(format!(
                "no suppression added to `{}`: a comment at the end of a line with a finding \
                 would change its records (a quoted string goes on past the line end?); \
                 add them by hand",
                file.path().display()
            ));
            continue;
        }
        match crate::write::replace(file.path(), file.text(), &new) {
            Ok(()) => {
                added.suppressions += lines.values().map(Vec::len).sum::<usize>();
                added.files += 1;
            }
            Err(e) => {
                added.left.push(*id);
                added.failed.push(e.into());
            }
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_at_line_ends_before_cr() {
        let text = b"a A 1\r\nb MX 10 x ; old\nc TXT x";
        let mut lines = BTreeMap::new();
        lines.insert(0, vec!["r1"]);
        lines.insert(7, vec!["r2", "r3"]);
        lines.insert(24, vec!["r4"]);
        let got = with_suppressions(text, &lines);
        assert_eq!(
            String::from_utf8(got).unwrap(),
            "a A 1 ; zonelint: allow(r1)\r\nb MX 10 x ; old ; zonelint: allow(r2, r3)\nc TXT x ; zonelint: allow(r4)"
        );
    }
}
