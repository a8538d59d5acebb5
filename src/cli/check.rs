//! `zonelint check [PATH...]`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{exit, parse_origin, read_source, ColorChoice};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::output;
use crate::source::Sources;
use crate::zone::{self, LoadOptions, StdFileSystem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Source snippets with labels and help (miette)
    #[default]
    Human,
    /// One JSON array, one object per finding
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Zone files or folders to check (`-` for standard input); folders are
    /// searched for `*.zone`, `*.db` and `db.*`
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The zone's origin, when the file does not give it
    #[arg(long, value_name = "NAME")]
    pub origin: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// When to use colour in human output
    #[arg(long, value_enum, default_value_t)]
    pub color: ColorChoice,
}

/// Everything one check run found.
pub struct Report {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
}

/// Loads every zone and collects the findings.
pub fn collect(args: &CheckArgs) -> Result<Report, Error> {
    let origin = parse_origin(args.origin.as_deref())?;
    let paths = crate::discover::discover(&args.paths).map_err(|source| Error::Walk {
        path: args.paths.first().cloned().unwrap_or_default(),
        source,
    })?;
    if paths.is_empty() {
        let shown: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::NoFiles(shown.join(", ")));
    }
    let options = LoadOptions {
        origin,
        ..Default::default()
    };
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    for path in &paths {
        let file = read_source(path)?;
        let loaded = zone::load(file, &options, &StdFileSystem);
        for f in loaded.zone.files() {
            sources.add(std::sync::Arc::clone(f));
        }
        diagnostics.extend(loaded.diagnostics);
    }
    Ok(Report {
        sources,
        diagnostics,
        files: paths.len(),
    })
}

pub fn run(args: &CheckArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let report = collect(args)?;
    let located = output::locate(&report.diagnostics, &report.sources);
    match args.format {
        Format::Human => {
            let options = output::human::Options {
                color: args.color.enabled(),
                width: 100,
            };
            output::human::write(out, &located, &report.sources, report.files, options)
        }
        Format::Json => output::json::write(out, &located, &report.sources),
    }
    .map_err(Error::Output)?;
    let failing = report
        .diagnostics
        .iter()
        .any(|d| d.severity >= Severity::Error);
    Ok(if failing { exit::FINDINGS } else { exit::OK })
}
