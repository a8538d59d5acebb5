//! `--format json`: one array, one object per finding (DESIGN.md schema).
//! Fields may be added, never renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

use super::{display_path, Located, Position};
use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Sources};

#[derive(Serialize)]
struct Finding<'a> {
    path: String,
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    offset: u32,
    length: u32,
    fix: Option<Fix<'a>>,
    /// The zone the file was checked as.
    #[serde(skip_serializing_if = "Option::is_none")]
    zone: Option<&'a str>,
    /// Where the zone's name came from: `given`, `directive`, `soa-owner`,
    /// `file-name`, `server-config`.
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'static str>,
}

/// The zone each file was checked as, and where its name came from.
pub type Zones = std::collections::HashMap<crate::source::FileId, (String, Option<&'static str>)>;

#[derive(Serialize)]
struct Fix<'a> {
    applicability: &'a str,
    message: &'a str,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    offset: u32,
    length: u32,
    content: &'a str,
}

fn finding<'a>(
    d: &'a Diagnostic,
    file: &SourceFile,
    sources: &Sources,
    zones: &'a Zones,
) -> Finding<'a> {
    let pos = Position::of(file, d.span);
    let zone = zones.get(&d.file);
    Finding {
        zone: zone.map(|(z, _)| z.as_str()),
        origin: zone.and_then(|(_, s)| *s),
        path: display_path(file.path()),
        code: d.code,
        severity: d.severity.as_str(),
        message: &d.message,
        help: d.help.as_deref(),
        line: pos.line,
        column: pos.column,
        end_line: pos.end_line,
        end_column: pos.end_column,
        offset: d.span.start,
        length: d.span.len(),
        fix: d.fix.as_ref().map(|f| Fix {
            applicability: f.applicability.as_str(),
            message: &f.message,
            edits: f
                .edits
                .iter()
                .filter_map(|e| {
                    let target = sources.get(e.file)?;
                    let pos = Position::of(target, e.span);
                    Some(Edit {
                        // Only named when the edit is in another file than the finding.
                        path: (e.file != d.file).then(|| display_path(target.path())),
                        line: pos.line,
                        column: pos.column,
                        end_line: pos.end_line,
                        end_column: pos.end_column,
                        offset: e.span.start,
                        length: e.span.len(),
                        content: &e.content,
                    })
                })
                .collect(),
        }),
    }
}

/// Writes the findings as a JSON array.
pub fn write(
    out: &mut dyn Write,
    findings: &[Located<'_>],
    sources: &Sources,
    zones: &Zones,
) -> io::Result<()> {
    let items: Vec<Finding<'_>> = findings
        .iter()
        .map(|l| finding(l.diagnostic, l.file, sources, zones))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items).map_err(io_error)?;
    writeln!(out)
}

/// Keeps the kind of an I/O error inside a serde_json error (a closed pipe
/// must stay recognisable as one).
pub fn io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}
