//! Inline suppression: `; zonelint: allow(code[, code...])` at the end of a
//! record's line silences those codes on that record's entry (the loader
//! collects the comments: [`crate::zone::Suppression`]);
//! `; zonelint: allow-file(code[, code...])` anywhere in a file silences
//! those codes in all of that file. A suppression that silences nothing is
//! reported as `unused-suppression`; findings of the refused class are
//! never silenced.

use super::meta::unused_suppression::{self, unused, Unused};
use super::Selection;
use crate::diagnostic::{Diagnostic, SYNTAX};
use crate::source::{FileId, Site};
use crate::zone::{Suppression, Zone};

/// The suppressions (indices into `all`, line and entry suppressions
/// sorted by file and scope start) whose scope covers `offset` of `file`.
fn covering<'a>(
    all: &'a [&'a Suppression],
    file: FileId,
    offset: u32,
) -> impl Iterator<Item = usize> + 'a {
    // Scopes never partly overlap: they are entries or lines, and the
    // comments of one entry share its scope. The candidates are the last
    // scope starting at or before the offset and those equal to it.
    let end = all.partition_point(|s| (s.file, s.scope.start) <= (file, offset));
    let last = end.checked_sub(1).map(|i| all[i].scope);
    (0..end)
        .rev()
        .take_while(move |&i| Some(all[i].scope) == last && all[i].file == file)
        .filter(move |&i| all[i].scope.end >= offset)
}

/// True when `allowed`, written in a suppression, silences findings of
/// `code`: it is that code, or a family prefix of it (`mx` and
/// `mx-target` cover `mx-target-cname`; a full code covers only itself).
fn covers(allowed: &str, code: &str) -> bool {
    allowed == code
        || (super::lookup(allowed).is_none()
            && code
                .strip_prefix(allowed)
                .is_some_and(|rest| rest.starts_with('-')))
}

/// True when `allowed` is the prefix of some rule's code: a family.
fn is_family(allowed: &str) -> bool {
    super::all().any(|r| covers(allowed, r.meta.name))
}

/// Drops suppressed findings and reports unused suppressions.
pub fn apply(zone: &Zone, diagnostics: Vec<Diagnostic>, selection: &Selection) -> Vec<Diagnostic> {
    if zone.suppressions().is_empty() {
        return diagnostics;
    }
    // Line and entry suppressions (sorted, as the zone keeps them), then
    // those of whole files.
    let (wide, local): (Vec<&Suppression>, Vec<&Suppression>) =
        zone.suppressions().iter().partition(|s| s.file_wide);
    let local_count = local.len();
    let suppressions: Vec<&Suppression> = local.into_iter().chain(wide).collect();
    let mut used: Vec<Vec<bool>> = suppressions
        .iter()
        .map(|s| vec![false; s.codes.len()])
        .collect();
    let mut out: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| {
            if d.refused {
                return true;
            }
            let mut silenced = false;
            let wide =
                (local_count..suppressions.len()).filter(|&i| suppressions[i].file == d.file);
            for i in covering(&suppressions[..local_count], d.file, d.span.start).chain(wide) {
                for (j, (code, _)) in suppressions[i].codes.iter().enumerate() {
                    if covers(code, d.code) {
                        used[i][j] = true;
                        silenced = true;
                    }
                }
            }
            !silenced
        })
        .collect();
    let code = unused_suppression::RULE.meta.name;
    if !selection.is_enabled(code) {
        return out;
    }
    let severity = selection.severity(code, unused_suppression::RULE.meta.severity);
    for (s, used) in suppressions.iter().zip(&used) {
        for ((allowed, span), _) in s.codes.iter().zip(used).filter(|(_, &u)| !u) {
            let why = match super::lookup(allowed) {
                None if is_family(allowed) => Unused::Nothing(allowed, s.file_wide),
                None => Unused::Unknown(allowed),
                Some(meta) if meta.name == SYNTAX => Unused::Syntax,
                Some(meta) if meta.is_refused() => Unused::Refused(meta.name),
                // A rule that is switched off may well apply: not reported.
                Some(meta) if !selection.is_enabled(meta.name) => continue,
                Some(_) => Unused::Nothing(allowed, s.file_wide),
            };
            out.push(unused(Site::new(s.file, *span), why).with_severity(severity));
        }
    }
    out
}
