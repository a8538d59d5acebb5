//! `--format gitlab`: a GitLab code quality report (Code Climate JSON),
//! shown in merge requests.

use std::io::{self, Write};

use serde::Serialize;

use super::{ci_path, Located, Position};
use crate::diagnostic::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'a str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

/// A stable identity for the finding: path, code, message and the text of
/// its line (so that it survives lines moving up or down).
/// FNV-1a (64 bits): fixed, so fingerprints stay the same across versions.
fn fingerprint(path: &str, code: &str, message: &str, line_text: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        path.as_bytes(),
        code.as_bytes(),
        message.as_bytes(),
        line_text.trim_ascii(),
    ] {
        for &b in part.iter().chain(&[0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

pub fn write(out: &mut dyn Write, findings: &[Located<'_>]) -> io::Result<()> {
    let issues: Vec<Issue<'_>> = findings
        .iter()
        .map(|l| {
            let d = l.diagnostic;
            let pos = Position::of(l.file, d.span);
            let path = ci_path(l.file.path());
            let start = l.file.line_start(pos.line) as usize;
            let text = l.file.text();
            let end = memchr::memchr(b'\n', &text[start..]).map_or(text.len(), |i| start + i);
            Issue {
                description: format!("{}: {}", d.code, d.message),
                check_name: d.code,
                fingerprint: fingerprint(&path, d.code, &d.message, &text[start..end]),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: Location {
                    path,
                    lines: Lines {
                        begin: pos.line,
                        end: pos.end_line,
                    },
                },
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues).map_err(super::json::io_error)?;
    writeln!(out)
}
