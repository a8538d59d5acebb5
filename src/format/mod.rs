//! `zonelint fmt`: one consistent layout, without losing a comment.
//!
//! The formatter changes layout only: columns, blanks, line breaks inside
//! parentheses, mnemonic case. Names, TTL spellings, escapes and comments
//! are copied byte for byte. Before a file is written,
//! [`format_verified`] proves the result: it loads to exactly the same
//! records, keeps every comment once, and formats to itself.

mod options;
mod printer;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

pub use options::{Align, FormatOptions, Indent, SoaLayout};

use crate::dns::Class;
use crate::source::SourceFile;
use crate::syntax::SyntaxError;
use crate::zone::{self, FileSystem, LoadOptions};

/// Why a file was not formatted.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The file has syntax errors: it is refused untouched.
    #[error("`{}` has syntax errors; it was not formatted", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Its syntax errors.
        errors: Vec<SyntaxError>,
    },
    /// The formatted text failed verification (a zonelint bug).
    #[error("formatting `{}` would {what}; nothing was written (this is a zonelint bug: please report it)", path.display())]
    Unverified {
        /// The file.
        path: PathBuf,
        /// What the formatted text would do wrong.
        what: String,
    },
}

/// Formats a file's text. Syntax errors are returned instead.
pub fn format_text(src: &[u8], options: &FormatOptions) -> Result<Vec<u8>, Vec<SyntaxError>> {
    printer::format(src, options, &|_| None)
}

/// True when formatting would change the file, without keeping the
/// formatted text (`fmt --check`). Syntax errors are returned instead.
pub fn format_differs(src: &[u8], options: &FormatOptions) -> Result<bool, Vec<SyntaxError>> {
    printer::differs(src, options)
}

/// True when both texts have the same comments, in the same order
/// (trailing blanks aside). Only lexes.
fn same_comments(a: &[u8], b: &[u8]) -> bool {
    let trimmed =
        |text: &[u8], span: crate::source::Span| span.slice(text).trim_ascii_end().to_vec();
    crate::syntax::comments(a)
        .map(|s| trimmed(a, s))
        .eq(crate::syntax::comments(b).map(|s| trimmed(b, s)))
}

/// Checks that two texts hold the same entries in the same order (the same
/// records as written: owner, TTL, class, type, data; the same directives)
/// and the same comments in the same order (trailing blanks aside; a
/// comment may move from one entry to the next). The zone is a function of
/// the entry sequence (with the same origin and files), so this proves the
/// records are the same without loading either text.
fn same_entries_and_comments(a: &[u8], b: &[u8]) -> Result<(), String> {
    let mut sides = [Side::new(a), Side::new(b)];
    let mut n = 0usize;
    loop {
        let sa = sides[0].next();
        let sb = sides[1].next();
        // Comments read so far must agree, in order.
        while let (Some(x), Some(y)) = (sides[0].comments.front(), sides[1].comments.front()) {
            if x != y {
                return Err("lose, duplicate or reorder a comment".into());
            }
            sides[0].comments.pop_front();
            sides[1].comments.pop_front();
        }
        match (sa, sb) {
            (None, None) => {
                return if sides[0].comments.is_empty() && sides[1].comments.is_empty() {
                    Ok(())
                } else {
                    Err("lose or add a comment".into())
                };
            }
            (Some(la), Some(lb)) => {
                n += 1;
                if sides[0].fingerprint != sides[1].fingerprint {
                    let show = |text: &[u8], span: crate::source::Span| {
                        String::from_utf8_lossy(span.slice(text)).into_owned()
                    };
                    return Err(format!(
                        "change entry {n} from `{}` into `{}`",
                        show(a, la),
                        show(b, lb)
                    ));
                }
            }
            _ => return Err("change the number of records and directives".into()),
        }
    }
}

/// One text being compared: its parser, the fingerprint of its current
/// record or directive, and the comments read but not yet matched.
struct Side<'a> {
    text: &'a [u8],
    parser: crate::syntax::Parser<'a>,
    fingerprint: Vec<u8>,
    comments: std::collections::VecDeque<&'a [u8]>,
}

impl<'a> Side<'a> {
    fn new(text: &'a [u8]) -> Self {
        Side {
            text,
            parser: crate::syntax::Parser::new(text),
            fingerprint: Vec::new(),
            comments: Default::default(),
        }
    }

    /// Advances to the next record or directive; returns its span.
    fn next(&mut self) -> Option<crate::source::Span> {
        self.fingerprint.clear();
        while let Some(entry) = self.parser.next_entry() {
            let text = self.text;
            self.comments.extend(
                entry
                    .tokens
                    .iter()
                    .filter(|t| t.kind == crate::syntax::TokenKind::Comment)
                    .map(|t| t.span.slice(text).trim_ascii_end()),
            );
            if matches!(entry.item, crate::syntax::Item::Empty) {
                continue;
            }
            entry.item.fingerprint(&mut self.fingerprint);
            return Some(entry.span);
        }
        None
    }
}

/// Formats `file` and proves the result before returning it: the same
/// records (the same entries in the same order, which load to the same
/// zone; with `explicit-ttl-class`, where entries gain fields, both texts
/// are loaded and their records compared), every comment exactly once and
/// in order, and formatting the result again changes nothing. The checks
/// run on both cores.
pub fn format_verified(
    file: &Arc<SourceFile>,
    options: &FormatOptions,
    load: &LoadOptions,
    fs: &dyn FileSystem,
) -> Result<Vec<u8>, FormatError> {
    let path = file.path().to_path_buf();
    // The effective TTL and class are needed before printing only when
    // they are to be written out.
    let mut before = None;
    let mut effective: HashMap<u32, (u32, Class)> = HashMap::new();
    if options.explicit_ttl_class {
        let loaded = zone::load(Arc::clone(file), load, fs);
        for (_, r) in loaded.zone.records() {
            if loaded.zone.file_id(r) == file.id() && !r.has(zone::record_flags::GENERATED) {
                effective
                    .entry(r.start)
                    .or_insert((r.ttl, loaded.zone.class()));
            }
        }
        before = Some(loaded);
    }
    let output = printer::format(file.text(), options, &|at| effective.get(&at).copied()).map_err(
        |errors| FormatError::Syntax {
            path: path.clone(),
            errors,
        },
    )?;
    let fail = |what: String| FormatError::Unverified {
        path: path.clone(),
        what,
    };

    let (records, others) = std::thread::scope(|scope| {
        let records = scope.spawn(|| {
            let Some(before) = before else {
                // Layout-only output: the same entries prove the same records.
                return same_entries_and_comments(file.text(), &output);
            };
            let after = zone::load(SourceFile::new(&path, output.clone()), load, fs);
            let syntax = |l: &zone::Loaded| {
                l.diagnostics
                    .iter()
                    .filter(|d| d.code == crate::diagnostic::SYNTAX)
                    .count()
            };
            if syntax(&after) > syntax(&before) {
                return Err("introduce syntax errors".to_owned());
            }
            match before.zone.first_difference(&after.zone) {
                None => Ok(()),
                Some(i) => {
                    let line = |z: &zone::Zone| {
                        let mut s = String::new();
                        if i < z.len() {
                            z.write_record(zone::RecordId(i as u32), &mut s);
                        }
                        s
                    };
                    Err(format!(
                        "change the record `{}` into `{}`",
                        line(&before.zone),
                        line(&after.zone)
                    ))
                }
            }
        });
        let others = (|| {
            // Without the loads, comments were compared with the entries.
            if options.explicit_ttl_class && !same_comments(file.text(), &output) {
                return Err("lose, duplicate or reorder a comment".to_owned());
            }
            let again = printer::format(&output, options, &|_| None)
                .map_err(|_| "not parse its own output".to_owned())?;
            if again != output {
                return Err("not be stable (formatting twice differs)".to_owned());
            }
            Ok(())
        })();
        (
            records
                .join()
                .expect("the verification thread does not panic"),
            others,
        )
    });
    records.map_err(fail)?;
    others.map_err(fail)?;
    Ok(output)
}

/// Proves `partial`, the text of `file` with some of the formatter's
/// changes applied (range formatting), as [`format_verified`] proves a
/// whole result: the same records and every comment once, in order.
pub fn verify_partial(
    file: &Arc<SourceFile>,
    partial: &[u8],
    options: &FormatOptions,
    load: &LoadOptions,
    fs: &dyn FileSystem,
) -> Result<(), FormatError> {
    let path = file.path().to_path_buf();
    let fail = |what: String| FormatError::Unverified {
        path: path.clone(),
        what,
    };
    if !options.explicit_ttl_class {
        return same_entries_and_comments(file.text(), partial).map_err(fail);
    }
    if !same_comments(file.text(), partial) {
        return Err(fail("lose, duplicate or reorder a comment".to_owned()));
    }
    let before = zone::load(Arc::clone(file), load, fs);
    let after = zone::load(SourceFile::new(&path, partial.to_vec()), load, fs);
    let syntax = |l: &zone::Loaded| {
        l.diagnostics
            .iter()
            .filter(|d| d.code == crate::diagnostic::SYNTAX)
            .count()
    };
    if syntax(&after) > syntax(&before) || before.zone.first_difference(&after.zone).is_some() {
        return Err(fail("change the records".to_owned()));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
