//! Applying fixes: span edits on the original text, re-applied until
//! nothing changes, and proven before anything is written.
//!
//! After every round the edited zone is loaded again and must (1) have no
//! more syntax errors than before and (2) hold exactly the same records as
//! before outside the entries the edits touched (so a fix can never change
//! another record's owner, TTL or data by accident). Fixing must converge:
//! a round that applies nothing ends the loop.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity, SYNTAX};
use crate::rules::{self, Catalog, Selection};
use crate::source::{FileId, SourceFile, Span};
use crate::zone::{self, FileSystem, LoadOptions, Loaded, Zone};

/// Most rounds of fixing before giving up on convergence.
pub const MAX_ROUNDS: usize = 10;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, Default)]
pub struct FixOptions {
    /// Also apply fixes marked unsafe.
    pub unsafe_fixes: bool,
    /// Only apply fixes that edit the top-level file alone, not the files
    /// it includes (standard input: only its text can be given back).
    pub top_file_only: bool,
}

/// A fix that would break the file: a bug in a rule, reported as such.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    /// The fixed text has new syntax errors.
    #[error("fixing `{}` would introduce syntax errors; nothing was written (this is a zonelint bug: please report it)", path.display())]
    Breaks {
        /// The zone's top-level file.
        path: PathBuf,
    },
    /// A record the fixes did not touch changed or disappeared.
    #[error("fixing `{}` would change records it should not touch ({detail}); nothing was written (this is a zonelint bug: please report it)", path.display())]
    Changes {
        /// The zone's top-level file.
        path: PathBuf,
        /// Which record, before and after.
        detail: String,
    },
    /// Fixing again kept changing the text.
    #[error("fixes for `{}` do not converge after {MAX_ROUNDS} rounds; nothing was written (this is a zonelint bug: please report it)", path.display())]
    NoConvergence {
        /// The zone's top-level file.
        path: PathBuf,
    },
}

/// The outcome of fixing one zone.
pub struct Fixed {
    /// Files whose text changed: (original, new text).
    pub files: Vec<(Arc<SourceFile>, Vec<u8>)>,
    /// How many findings were fixed.
    pub applied: usize,
    /// Per finding fixed: the file its fix edits (the first, for a fix
    /// that edits several) and its code.
    pub fixed: Vec<(PathBuf, &'static str)>,
    /// The zone and its findings after fixing.
    pub loaded: Loaded,
    /// The findings left after fixing.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads files from an in-memory overlay first (the edited texts).
/// The file system with the edited texts laid over it. Texts are kept
/// under the path a file is shown with; the loader reads included files
/// by their canonical path, which `canonical` maps back.
struct Overlay<'a> {
    base: &'a dyn FileSystem,
    texts: &'a HashMap<PathBuf, Vec<u8>>,
    canonical: &'a HashMap<PathBuf, PathBuf>,
}

impl Overlay<'_> {
    fn text(&self, path: &Path) -> Option<&Vec<u8>> {
        self.texts
            .get(path)
            .or_else(|| self.texts.get(self.canonical.get(path)?))
    }
}

impl FileSystem for Overlay<'_> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.text(path) {
            Some(text) => Ok(text.clone()),
            None => self.base.read(path),
        }
    }
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        self.base.canonicalize(path)
    }
    fn is_file(&self, path: &Path) -> bool {
        self.text(path).is_some() || self.base.is_file(path)
    }
    fn folder_may_exist(&self, path: &Path) -> bool {
        self.base.folder_may_exist(path)
    }
}

pub(crate) fn accepted(d: &Diagnostic, options: FixOptions) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| f.applicability == Applicability::Safe || options.unsafe_fixes)
}

/// Applies sorted, non-overlapping edits to `text`.
pub fn apply_edits(text: &[u8], edits: &[&Edit]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 64);
    let mut at = 0usize;
    for e in edits {
        out.extend_from_slice(&text[at..e.span.start as usize]);
        out.extend_from_slice(e.content.as_bytes());
        at = e.span.end as usize;
    }
    out.extend_from_slice(&text[at..]);
    out
}

/// Picks the fixes of one round: whole fixes whose edits overlap no edit
/// already chosen (the others are retried next round).
/// The edits to apply in one round and, per finding they fix, the file of
/// its first edit and its code.
fn choose(
    diagnostics: &[Diagnostic],
    options: FixOptions,
    top: FileId,
) -> (Vec<&Edit>, Vec<(FileId, &'static str)>) {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut codes = Vec::new();
    for d in diagnostics.iter().filter(|d| accepted(d, options)) {
        let fix = d.fix.as_ref().expect("accepted fixes exist");
        if options.top_file_only && fix.edits.iter().any(|e| e.file != top) {
            continue;
        }
        let clashes = fix.edits.iter().any(|e| {
            chosen
                .iter()
                .any(|c| c.file == e.file && overlaps(c.span, e.span))
                || fix
                    .edits
                    .iter()
                    .filter(|o| !std::ptr::eq(*o, e))
                    .any(|o| o.file == e.file && overlaps(o.span, e.span))
        });
        if clashes {
            continue;
        }
        chosen.extend(fix.edits.iter());
        codes.push((fix.edits.first().map_or(d.file, |e| e.file), d.code));
    }
    chosen.sort_by_key(|e| (e.file, e.span.start, e.span.end));
    (chosen, codes)
}

/// Edits overlap when they share a byte, or when both insert at one point.
fn overlaps(a: Span, b: Span) -> bool {
    (a.start < b.end && b.start < a.end) || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

/// Lints a loaded zone with the catalog of the other zones of the run
/// (and the zone's earlier version, for the serial rules).
fn lint(
    loaded: &Loaded,
    others: &[&Zone],
    earlier: Option<&Zone>,
    selection: &Selection,
) -> Vec<Diagnostic> {
    let mut zones: Vec<&Zone> = others.to_vec();
    zones.push(&loaded.zone);
    let catalog = Catalog::new(zones).with_earlier(earlier.into_iter().collect());
    rules::lint(&loaded.zone, &catalog, selection, &loaded.diagnostics)
}

/// The syntax errors among `diagnostics`, counted per message.
fn syntax_errors(diagnostics: &[Diagnostic]) -> HashMap<&str, usize> {
    let mut out = HashMap::new();
    for d in diagnostics
        .iter()
        .filter(|d| d.code == SYNTAX && d.severity == Severity::Error)
    {
        *out.entry(d.message.as_str()).or_default() += 1;
    }
    out
}

/// True when `after` has a syntax error that `before` did not have: a
/// message not seen before, or seen more often. Counting alone is not
/// enough: an edit can break a record whose earlier error (no TTL) then
/// goes away with it.
fn new_syntax_errors(before: &[Diagnostic], after: &[Diagnostic]) -> bool {
    let before = syntax_errors(before);
    syntax_errors(after)
        .iter()
        .any(|(message, n)| before.get(message).copied().unwrap_or(0) < *n)
}

/// Fixes one zone: the top-level file and what it includes.
pub fn fix_zone(
    file: Arc<SourceFile>,
    load: &LoadOptions,
    fs: &dyn FileSystem,
    others: &[&Zone],
    selection: &Selection,
    options: FixOptions,
) -> Result<Fixed, FixError> {
    fix_zone_with_earlier(file, load, fs, others, None, selection, options)
}

/// [`fix_zone`], with the zone's earlier version (another revision's, for
/// the `soa-serial-*` rules, whose top-level file has the same path).
pub fn fix_zone_with_earlier(
    file: Arc<SourceFile>,
    load: &LoadOptions,
    fs: &dyn FileSystem,
    others: &[&Zone],
    earlier: Option<&Zone>,
    selection: &Selection,
    options: FixOptions,
) -> Result<Fixed, FixError> {
    let top = file.path().to_path_buf();
    let mut texts: HashMap<PathBuf, Vec<u8>> = HashMap::new();
    texts.insert(top.clone(), file.text().to_vec());
    let mut canonical: HashMap<PathBuf, PathBuf> = HashMap::new();
    let originals: HashMap<PathBuf, Arc<SourceFile>> = HashMap::new();
    let mut originals = originals;
    let mut fixed: Vec<(PathBuf, &'static str)> = Vec::new();
    let mut current = zone::load(file, load, fs);
    for f in current.zone.files() {
        originals
            .entry(f.path().to_path_buf())
            .or_insert_with(|| Arc::clone(f));
    }
    let mut diagnostics = lint(&current, others, earlier, selection);
    for _ in 0..MAX_ROUNDS {
        let (edits, codes) = choose(&diagnostics, options, current.zone.files()[0].id());
        if edits.is_empty() {
            let files = originals
                .into_iter()
                .filter_map(|(path, original)| {
                    let new = texts.remove(&path)?;
                    (new != original.text()).then_some((original, new))
                })
                .collect();
            return Ok(Fixed {
                files,
                applied: fixed.len(),
                fixed,
                loaded: current,
                diagnostics,
            });
        }
        // Apply per file.
        let by_file = group(&edits);
        for (id, file_edits) in &by_file {
            let source = file_of(&current.zone, *id);
            let new = apply_edits(source.text(), file_edits);
            if let Ok(real) = fs.canonicalize(source.path()) {
                canonical.insert(real, source.path().to_path_buf());
            }
            texts.insert(source.path().to_path_buf(), new);
        }
        let overlay = Overlay {
            base: fs,
            texts: &texts,
            canonical: &canonical,
        };
        let top_text = texts[&top].clone();
        let next = zone::load(SourceFile::new(&top, top_text), load, &overlay);
        verify(&current, &next, &by_file, &top)?;
        for f in next.zone.files() {
            originals
                .entry(f.path().to_path_buf())
                .or_insert_with(|| Arc::clone(f));
        }
        let next_diagnostics = lint(&next, others, earlier, selection);
        if new_syntax_errors(&diagnostics, &next_diagnostics) {
            return Err(FixError::Breaks { path: top });
        }
        fixed.extend(
            codes
                .iter()
                .map(|&(id, code)| (file_of(&current.zone, id).path().to_path_buf(), code)),
        );
        current = next;
        diagnostics = next_diagnostics;
    }
    Err(FixError::NoConvergence { path: top })
}

fn group<'e>(edits: &[&'e Edit]) -> Vec<(FileId, Vec<&'e Edit>)> {
    let mut out: Vec<(FileId, Vec<&Edit>)> = Vec::new();
    for e in edits {
        match out.last_mut() {
            Some((id, list)) if *id == e.file => list.push(e),
            _ => out.push((e.file, vec![e])),
        }
    }
    out
}

fn file_of(zone: &Zone, id: FileId) -> &Arc<SourceFile> {
    zone.files()
        .iter()
        .find(|f| f.id() == id)
        .expect("edits point into the zone's files")
}

/// Where an offset outside every edit moves to after the edits.
fn shift(offset: u32, edits: &[&Edit]) -> u32 {
    let mut delta: i64 = 0;
    for e in edits.iter().filter(|e| e.span.end <= offset) {
        delta += e.content.len() as i64 - i64::from(e.span.len());
    }
    (i64::from(offset) + delta) as u32
}

/// True when an edit changes bytes of `lines` (an insertion touches the
/// entry it is inside of or at the start of; an edit that ends where the
/// entry starts does not).
fn touches(edit: Span, lines: Span) -> bool {
    if edit.is_empty() {
        lines.start <= edit.start && edit.start < lines.end
    } else {
        edit.start < lines.end && edit.end > lines.start
    }
}

/// Records outside the edited entries must be the same after fixing.
fn verify(
    before: &Loaded,
    after: &Loaded,
    edits: &[(FileId, Vec<&Edit>)],
    top: &Path,
) -> Result<(), FixError> {
    let path_of = |zone: &Zone, r: &crate::zone::Record| zone.file_of(r).path().to_path_buf();
    let mut after_records: HashMap<(PathBuf, u32), String> = HashMap::new();
    for (id, r) in after.zone.records() {
        let mut line = String::new();
        after.zone.write_record(id, &mut line);
        after_records
            .entry((path_of(&after.zone, r), r.start))
            .or_default()
            .push_str(&(line + "\n"));
    }
    let mut expected: HashMap<(PathBuf, u32), String> = HashMap::new();
    for (id, r) in before.zone.records() {
        let file = before.zone.file_id(r);
        let lines = before.zone.entry_lines(id);
        let file_edits: &[&Edit] = edits
            .iter()
            .find(|(f, _)| *f == file)
            .map_or(&[], |(_, e)| e.as_slice());
        let touched = file_edits.iter().any(|e| touches(e.span, lines));
        if touched {
            continue;
        }
        let mut line = String::new();
        before.zone.write_record(id, &mut line);
        let key = (path_of(&before.zone, r), shift(r.start, file_edits));
        expected.entry(key).or_default().push_str(&(line + "\n"));
    }
    for (key, want) in &expected {
        match after_records.get(key) {
            Some(got) if got == want => {}
            Some(got) => {
                return Err(FixError::Changes {
                    path: top.to_path_buf(),
                    detail: format!("`{}` became `{}`", want.trim_end(), got.trim_end()),
                })
            }
            None => {
                return Err(FixError::Changes {
                    path: top.to_path_buf(),
                    detail: format!("`{}` is gone", want.trim_end()),
                })
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: u32, end: u32, content: &str) -> Edit {
        Edit {
            file: FileId(0),
            span: Span::new(start, end),
            content: content.into(),
        }
    }

    #[test]
    fn edits_apply_in_order() {
        let e1 = edit(0, 1, "A");
        let e2 = edit(3, 3, ".");
        let e3 = edit(4, 6, "");
        assert_eq!(apply_edits(b"abcdefg", &[&e1, &e2, &e3]), b"Abc.dg");
    }

    #[test]
    fn shifting_offsets() {
        let e1 = edit(2, 2, "..");
        let e2 = edit(5, 8, "x");
        let edits = [&e1, &e2];
        assert_eq!(shift(0, &edits), 0);
        // Text inserted at 2 goes before the byte that was at 2.
        assert_eq!(shift(2, &edits), 4);
        assert_eq!(shift(3, &edits), 5);
        assert_eq!(shift(9, &edits), 9);
        assert!(touches(Span::new(2, 2), Span::new(2, 6)));
        assert!(!touches(Span::new(0, 2), Span::new(2, 6)));
        assert!(!touches(Span::new(6, 6), Span::new(2, 6)));
    }

    #[test]
    fn overlap_rules() {
        assert!(overlaps(Span::new(0, 3), Span::new(2, 5)));
        assert!(!overlaps(Span::new(0, 2), Span::new(2, 5)));
        assert!(overlaps(Span::new(2, 2), Span::new(2, 2)));
        assert!(!overlaps(Span::new(2, 2), Span::new(3, 4)));
    }

    /// An edit that breaks a record can take that record's own error away
    /// with it: the count of syntax errors stays, the proof must not.
    #[test]
    fn a_new_syntax_error_is_caught_when_another_goes() {
        let options = LoadOptions {
            origin: Some("example.com.".parse().unwrap()),
            ..Default::default()
        };
        let diagnostics = |text: &str| {
            let file = SourceFile::new("z.zone", text.as_bytes().to_vec());
            zone::load(file, &options, &zone::StdFileSystem).diagnostics
        };
        let before = diagnostics("e MX 2 \"=.co\"\n");
        let after = diagnostics("e MX 2 \"=.co\".\n");
        assert_eq!(syntax_errors(&before).values().sum::<usize>(), 1);
        assert_eq!(syntax_errors(&after).values().sum::<usize>(), 1);
        assert!(new_syntax_errors(&before, &after));
        assert!(!new_syntax_errors(&after, &after));
        assert!(!new_syntax_errors(&before, &[]));
    }
}
