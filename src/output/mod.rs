//! Renderers: findings to text for people and machines. Each format is one
//! file; each is a function from findings to a writer.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod sarif;

use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Sources};

/// A finding with the file it is in, resolved for rendering.
pub struct Located<'a> {
    pub diagnostic: &'a Diagnostic,
    pub file: &'a SourceFile,
}

/// 1-based line/column of a span's start and (exclusive) end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Position {
    pub fn of(file: &SourceFile, span: crate::source::Span) -> Self {
        let (line, column) = file.line_col(span.start);
        let (end_line, end_column) = file.line_col(span.end);
        Position {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// Resolves each finding's file; findings whose file is unknown are skipped.
pub fn locate<'a>(diagnostics: &'a [Diagnostic], sources: &'a Sources) -> Vec<Located<'a>> {
    diagnostics
        .iter()
        .filter_map(|d| {
            sources.get(d.file).map(|f| Located {
                diagnostic: d,
                file: f,
            })
        })
        .collect()
}

/// How a path is shown: as given, with `/` separators.
pub fn display_path(path: &Path) -> String {
    path.display().to_string()
}

/// How a path is shown to a CI service (GitHub annotations, GitLab code
/// quality), which maps it to a file of the repository: relative to the
/// working directory (the checkout) when it is below it, `.` components
/// dropped, `/` separators. `./zones/a.zone`, `zones/a.zone` and the
/// absolute path of it all give `zones/a.zone`, so GitLab fingerprints do
/// not depend on how the path was written.
pub fn ci_path(path: &Path) -> String {
    let absolute = crate::paths::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| absolute.strip_prefix(cwd).ok().map(Path::to_path_buf));
    let shown = relative.as_deref().unwrap_or(path);
    let parts: Vec<String> = shown
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    // The root component is `/` itself: joined, it would double.
    parts.join("/").replacen("//", "/", 1)
}

/// Counts of findings per severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings `--fix` would fix.
    pub fixable: usize,
    /// Findings only `--fix --unsafe-fixes` would fix.
    pub unsafe_fixable: usize,
}

impl Counts {
    pub fn of<'d>(diagnostics: impl IntoIterator<Item = &'d Diagnostic>) -> Self {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(crate::diagnostic::Applicability::Safe) => c.fixable += 1,
                Some(crate::diagnostic::Applicability::Unsafe) => c.unsafe_fixable += 1,
                None => {}
            }
        }
        c
    }
}
