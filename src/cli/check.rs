//! `zonelint check [PATH...]`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{exit, parse_origin, read_source, ColorChoice};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::fix::{self, FixOptions};
use crate::output;
use crate::rules::{self, Catalog, Selection};
use crate::source::Sources;
use crate::zone::{self, LoadOptions, Loaded, StdFileSystem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Source snippets with labels and help (miette)
    #[default]
    Human,
    /// One JSON array, one object per finding
    Json,
}

/// The lowest severity that makes the run fail (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
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
    /// Apply safe fixes in place
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply fixes that need review
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them
    #[arg(long)]
    pub diff: bool,
    /// Only run these rules (codes or family prefixes such as `mx`), comma-separated
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub select: Vec<String>,
    /// Do not run these rules, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub ignore: Vec<String>,
    /// Lowest severity that fails the run (exit code 1)
    #[arg(long, value_enum, default_value_t)]
    pub fail_on: FailOn,
}

/// Everything one check run found.
pub struct Report {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    /// Files changed by `--fix` (or that `--diff` would change).
    pub fixed_files: usize,
    pub fixes: usize,
}

fn selection(args: &CheckArgs) -> Result<Selection, Error> {
    Selection::from_lists(&args.select, &args.ignore).map_err(|u| Error::UnknownRule(u.0))
}

/// Loads every zone, lints each with knowledge of the others, and applies
/// fixes when asked.
pub fn collect(args: &CheckArgs, out: &mut dyn Write) -> Result<Report, Error> {
    let origin = parse_origin(args.origin.as_deref())?;
    let selection = selection(args)?;
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
    let mut loaded: Vec<Loaded> = Vec::with_capacity(paths.len());
    for path in &paths {
        loaded.push(zone::load(read_source(path)?, &options, &StdFileSystem));
    }
    let mut sources = Sources::new();
    let mut diagnostics = Vec::new();
    let (mut fixed_files, mut fixes) = (0, 0);
    let fixing = args.fix || args.diff;
    for (i, l) in loaded.iter().enumerate() {
        let others: Vec<&zone::Zone> = loaded
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, o)| &o.zone)
            .collect();
        if fixing {
            let top = std::sync::Arc::clone(&l.zone.files()[0]);
            let fix_options = FixOptions {
                unsafe_fixes: args.unsafe_fixes,
            };
            let fixed = fix::fix_zone(
                top,
                &options,
                &StdFileSystem,
                &others,
                &selection,
                fix_options,
            )
            .map_err(Error::Fix)?;
            for (original, new) in &fixed.files {
                if args.diff {
                    write_diff(out, original.path(), original.text(), new)
                        .map_err(Error::Output)?;
                } else {
                    crate::write::replace(original.path(), original.text(), new)
                        .map_err(Error::Write)?;
                }
            }
            fixed_files += fixed.files.len();
            fixes += fixed.applied;
            // With --diff nothing is written: report what the file says now.
            let (zone_files, found) = if args.diff {
                let mut all = others.clone();
                all.push(&l.zone);
                let catalog = Catalog::new(all);
                (
                    l.zone.files().to_vec(),
                    rules::lint(&l.zone, &catalog, &selection, &l.diagnostics),
                )
            } else {
                (fixed.loaded.zone.files().to_vec(), fixed.diagnostics)
            };
            for f in zone_files {
                sources.add(f);
            }
            diagnostics.extend(found);
        } else {
            let mut all = others;
            all.push(&l.zone);
            let catalog = Catalog::new(all);
            for f in l.zone.files() {
                sources.add(std::sync::Arc::clone(f));
            }
            diagnostics.extend(rules::lint(&l.zone, &catalog, &selection, &l.diagnostics));
        }
    }
    Ok(Report {
        sources,
        diagnostics,
        files: paths.len(),
        fixed_files,
        fixes,
    })
}

/// A unified diff of one file (similar), lossy for non-UTF-8 bytes.
pub(crate) fn write_diff(
    out: &mut dyn Write,
    path: &std::path::Path,
    old: &[u8],
    new: &[u8],
) -> std::io::Result<()> {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    let shown = path.display().to_string();
    // git-style a/ b/ prefixes for relative paths; absolute paths as they are.
    let (old_name, new_name) = if path.is_absolute() {
        (shown.clone(), shown)
    } else {
        (format!("a/{shown}"), format!("b/{shown}"))
    };
    let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&old_name, &new_name)
    )
}

pub fn run(args: &CheckArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let report = collect(args, out)?;
    let located = output::locate(&report.diagnostics, &report.sources);
    let written = match args.format {
        Format::Human => {
            let options = output::human::Options {
                color: args.color.enabled(),
                width: 100,
            };
            output::human::write(out, &located, &report.sources, report.files, options).and_then(
                |()| {
                    if args.fix && !args.diff {
                        let plural =
                            |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
                        writeln!(
                            out,
                            "Fixed {} in {}",
                            plural(report.fixes, "finding"),
                            plural(report.fixed_files, "file")
                        )
                    } else {
                        Ok(())
                    }
                },
            )
        }
        Format::Json => output::json::write(out, &located, &report.sources),
    };
    // A reader that stopped early (`| head`) is not an error, and the exit
    // code still says whether there were findings.
    super::ignore_broken_pipe(written)?;
    let threshold = args.fail_on.severity();
    let failing = report.diagnostics.iter().any(|d| d.severity >= threshold);
    Ok(if failing { exit::FINDINGS } else { exit::OK })
}
