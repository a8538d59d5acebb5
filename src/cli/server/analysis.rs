//! One lint of the open documents, with the workspace folders' zone files
//! from disk (the same `Workspace` as `zonelint check`: configuration,
//! server configurations, cross-zone judgment, `$INCLUDE`), open buffers
//! read instead of their files.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DiagnosticTag, Location, NumberOrString, TextEdit, Uri,
};

use super::convert;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::fix::FixOptions;
use crate::source::{Encoding, FileId, SourceFile};
use crate::workspace::{Input, Settings, Workspace};
use crate::zone::{FileSystem, StdFileSystem};

/// An open document, as the client last sent it.
#[derive(Debug, Clone)]
pub struct Doc {
    pub uri: Uri,
    pub path: PathBuf,
    pub text: Arc<Vec<u8>>,
    pub version: i32,
}

/// The disk with the open documents laid over it.
pub struct Overlay {
    texts: HashMap<PathBuf, Arc<Vec<u8>>>,
}

impl Overlay {
    pub fn new(docs: &[Doc]) -> Self {
        Overlay {
            texts: docs
                .iter()
                .map(|d| (d.path.clone(), Arc::clone(&d.text)))
                .collect(),
        }
    }

    fn open(&self, path: &Path) -> Option<&Arc<Vec<u8>>> {
        self.texts.get(path).or_else(|| {
            let absolute = crate::paths::absolute(path).ok()?;
            self.texts.get(&absolute)
        })
    }
}

impl FileSystem for Overlay {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.open(path) {
            Some(text) => Ok(text.to_vec()),
            None => StdFileSystem.read(path),
        }
    }
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        match StdFileSystem.canonicalize(path) {
            Err(_) if self.open(path).is_some() => crate::paths::absolute(path),
            other => other,
        }
    }
    fn is_file(&self, path: &Path) -> bool {
        self.open(path).is_some() || StdFileSystem.is_file(path)
    }
}

/// A quick fix of one finding.
#[derive(Debug, Clone)]
pub struct QuickFix {
    pub title: String,
    pub safe: bool,
    pub edits: HashMap<Uri, Vec<TextEdit>>,
}

/// A finding, as published, and what can be done about it.
#[derive(Debug, Clone)]
pub struct Finding {
    pub diagnostic: LspDiagnostic,
    pub code: &'static str,
    pub fix: Option<QuickFix>,
    /// Where `; zonelint: allow(code)` goes (the end of the finding's
    /// line), when the finding can be suppressed.
    pub allow_at: Option<lsp_types::Position>,
}

/// The findings of one open document.
#[derive(Debug, Clone)]
pub struct DocFindings {
    pub uri: Uri,
    pub version: i32,
    pub findings: Vec<Finding>,
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Converts zonelint's findings of files `by_id` for the document `doc`.
fn findings_of(
    doc: &Doc,
    found: &[&Diagnostic],
    by_id: &HashMap<FileId, Arc<SourceFile>>,
    encoding: Encoding,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in found {
        let Some(file) = by_id.get(&d.file) else {
            continue;
        };
        let meta = crate::rules::lookup(d.code);
        let related: Vec<DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .filter_map(|l| {
                let f = by_id.get(&l.file)?;
                Some(DiagnosticRelatedInformation {
                    location: Location::new(
                        convert::uri_of(f.path())?,
                        convert::range(f, l.span, encoding),
                    ),
                    message: l.message.clone(),
                })
            })
            .collect();
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        };
        let diagnostic = LspDiagnostic {
            range: convert::range(file, d.span, encoding),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.code.to_owned())),
            code_description: meta
                .and_then(|m| Uri::from_str(&m.docs_url()).ok())
                .map(|href| CodeDescription { href }),
            source: Some("zonelint".to_owned()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: (d.code == "unused-suppression").then(|| vec![DiagnosticTag::UNNECESSARY]),
            data: None,
        };
        let fix = d.fix.as_ref().and_then(|fix| {
            let mut edits: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
            for e in &fix.edits {
                let f = by_id.get(&e.file)?;
                edits
                    .entry(convert::uri_of(f.path())?)
                    .or_default()
                    .push(TextEdit::new(
                        convert::range(f, e.span, encoding),
                        e.content.clone(),
                    ));
            }
            let safe = fix.applicability == Applicability::Safe;
            Some(QuickFix {
                title: if safe {
                    fix.message.clone()
                } else {
                    format!("{} (unsafe: review it)", fix.message)
                },
                safe,
                edits,
            })
        });
        let suppressible = crate::cli::suppress::suppressible(d);
        let allow_at = (suppressible && file.path() == doc.path).then(|| {
            let end = crate::cli::suppress::line_end(file.text(), d.span.start as usize);
            convert::position(file, end as u32, encoding)
        });
        out.push(Finding {
            diagnostic,
            code: d.code,
            fix,
            allow_at,
        });
    }
    out
}

/// What one lint produced.
pub struct Linted {
    pub docs: Vec<DocFindings>,
    /// Problems of the run itself (an unreadable file, a bad
    /// `zonelint.toml`), for the log.
    pub problems: Vec<String>,
}

/// The workspace of `roots` with the buffers `docs`: planned as `zonelint
/// check ROOT... DOC...` plans it.
fn plan(
    workspace: &mut Workspace<'_>,
    roots: &[PathBuf],
    docs: &[Doc],
) -> Result<crate::workspace::Plan, crate::Error> {
    let mut inputs: Vec<Input> = roots
        .iter()
        .filter(|r| docs.iter().any(|d| d.path.starts_with(r)))
        .map(|r| Input::Path(r.clone()))
        .collect();
    inputs.extend(docs.iter().map(|d| Input::Path(d.path.clone())));
    workspace.plan(inputs)
}

/// Lints the open documents `docs`, with the zone files of the workspace
/// folders `roots` that hold one of them.
pub fn lint(roots: &[PathBuf], docs: &[Doc], encoding: Encoding) -> Linted {
    let fs = Overlay::new(docs);
    let mut workspace = Workspace::new(Settings::default(), &fs);
    let mut problems = Vec::new();
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut by_id: HashMap<FileId, Arc<SourceFile>> = HashMap::new();
    match plan(&mut workspace, roots, docs).and_then(|plan| {
        problems.extend(plan.errors.iter().map(|e| e.to_string()));
        workspace.check(&plan, None)
    }) {
        Ok(report) => {
            problems.extend(report.errors.iter().map(|(_, e)| e.to_string()));
            for zone in report.zones {
                for f in &zone.files {
                    by_id.insert(f.id(), Arc::clone(f));
                }
                found.extend(zone.diagnostics);
            }
            for (file, diagnostics) in report.configs {
                by_id.insert(file.id(), file);
                found.extend(diagnostics);
            }
        }
        Err(e) => problems.push(e.to_string()),
    }
    let docs = docs
        .iter()
        .map(|doc| {
            let mine: Vec<&Diagnostic> = found
                .iter()
                .filter(|d| by_id.get(&d.file).is_some_and(|f| f.path() == doc.path))
                .collect();
            DocFindings {
                uri: doc.uri.clone(),
                version: doc.version,
                findings: findings_of(doc, &mine, &by_id, encoding),
            }
        })
        .collect();
    Linted { docs, problems }
}

/// The edits of every safe fix of `doc` (what `zonelint check --fix`
/// writes), as whole-file replacements, proven as `--fix` proves them.
pub fn fix_all(
    roots: &[PathBuf],
    docs: &[Doc],
    doc: &Doc,
    encoding: Encoding,
) -> Result<HashMap<Uri, Vec<TextEdit>>, String> {
    let fs = Overlay::new(docs);
    let mut workspace = Workspace::new(Settings::default(), &fs);
    let plan = plan(&mut workspace, roots, std::slice::from_ref(doc)).map_err(|e| e.to_string())?;
    let options = FixOptions {
        unsafe_fixes: false,
        top_file_only: false,
    };
    let report = workspace
        .check(&plan, Some(options))
        .map_err(|e| e.to_string())?;
    let mut edits: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for zone in report.zones {
        let Some(fixed) = zone.fixed else { continue };
        for (original, new) in fixed.writes {
            let Some(uri) = convert::uri_of(original.path()) else {
                continue;
            };
            let new = String::from_utf8_lossy(&new).into_owned();
            edits
                .entry(uri)
                .or_default()
                .push(TextEdit::new(convert::whole(&original, encoding), new));
        }
    }
    Ok(edits)
}

/// The zone files of the workspace folders `roots`, as `zonelint check
/// ROOT` finds them: by name, and those the server configurations name
/// whatever their names (for clients to give them the zone file type).
pub fn zone_files(roots: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let fs = Overlay::new(&[]);
    let mut workspace = Workspace::new(Settings::default(), &fs);
    let inputs = roots.iter().map(|r| Input::Path(r.clone())).collect();
    let plan = workspace.plan(inputs).map_err(|e| e.to_string())?;
    let mut out: Vec<PathBuf> = plan
        .jobs
        .iter()
        .filter_map(|j| match &j.input {
            Input::Path(p) => crate::paths::absolute(p).ok(),
            Input::Text { .. } => None,
        })
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}
