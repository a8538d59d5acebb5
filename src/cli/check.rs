//! `zonelint check [PATH...]`.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use super::{exit, ignore_broken_pipe, parse_origin, read_source, ColorChoice, ConfigArgs};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::fix::{self, FixOptions};
use crate::output;
use crate::rules::{self, Catalog, Selection};
use crate::source::Sources;
use crate::zone::{self, LoadOptions, Loaded, StdFileSystem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Source snippets with labels and help (miette), then a summary
    #[default]
    Human,
    /// `path:line:column: severity[code] message`, one per line
    Concise,
    /// One JSON array, one object per finding
    Json,
    /// SARIF 2.1.0 (code scanning)
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// GitLab code quality report
    Gitlab,
}

/// The lowest severity that makes the run fail (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
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
    /// searched for zone files (`*.zone`, `*.db`, `db.*` unless configured)
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The zone's origin, when the file does not give it
    #[arg(long, value_name = "NAME")]
    pub origin: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// When to use colour in human output (`NO_COLOR` is respected)
    #[arg(long, value_enum, default_value_t)]
    pub color: ColorChoice,
    /// Apply safe fixes in place (`-`: print the fixed text on standard
    /// output and the findings left on standard error)
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
    /// Lowest severity that fails the run (exit code 1) [default: error]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// With `-`: the path the text belongs to (for configuration, the origin
    /// and the path shown in findings); nothing is written to it
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Threads to check files with (default: all cores)
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Everything one check run found.
pub struct Report {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    /// Zones checked (files `$INCLUDE`d by another zone count with it).
    pub files: usize,
    /// Files changed by `--fix` (or that `--diff` would change).
    pub fixed_files: usize,
    pub fixes: usize,
    /// True when a finding reached the failing severity of its file.
    pub failing: bool,
    /// `--fix` on standard input: the text to give back, fixed or not.
    pub stdin_text: Option<Vec<u8>>,
}

impl Report {
    /// A run that checked nothing.
    fn empty() -> Self {
        Report {
            sources: Sources::new(),
            diagnostics: Vec::new(),
            files: 0,
            fixed_files: 0,
            fixes: 0,
            failing: false,
            stdin_text: None,
        }
    }
}

/// One zone to check: its file and configuration.
struct Job {
    path: PathBuf,
    /// Standard input (`-`), shown as `--stdin-filename` if given.
    stdin: bool,
    config: Arc<Config>,
    origin: Option<crate::dns::Name>,
}

impl CheckArgs {
    /// The selection for a file: the configuration's, with `--select` and
    /// `--ignore` replacing its lists when given.
    fn selection(&self, config: &Config) -> Result<Selection, Error> {
        if self.select.is_empty() && self.ignore.is_empty() {
            return Ok(config.selection.clone());
        }
        config
            .selection
            .with_lists(&self.select, &self.ignore)
            .map_err(Error::from)
    }

    fn threshold(&self, config: &Config) -> Severity {
        self.fail_on
            .map(FailOn::severity)
            .or(config.fail_on)
            .unwrap_or(Severity::Error)
    }
}

/// Loads every zone, lints each with knowledge of the others, and applies
/// fixes when asked; in parallel on the current rayon pool.
pub fn collect(args: &CheckArgs, out: &mut dyn Write) -> Result<Report, Error> {
    let cli_origin = parse_origin(args.origin.as_deref())?;
    // Unknown rules are an error even when no file is checked.
    Selection::from_lists(&args.select, &args.ignore)?;
    let mut resolver = args.config.resolver();
    let Some(files) = super::discover_files(&args.paths, &args.config, &mut resolver)? else {
        return Ok(Report::empty());
    };
    let mut jobs = Vec::with_capacity(files.len());
    for path in files {
        let stdin = path.as_os_str() == "-";
        // Standard input is configured as the file it stands for.
        let stands_for = match &args.stdin_filename {
            Some(name) if stdin => name.clone(),
            _ if stdin => PathBuf::from("."),
            _ => path.clone(),
        };
        let config = resolver.for_path(&stands_for)?;
        let origin = cli_origin
            .clone()
            .or_else(|| config.origin_for(&stands_for).cloned());
        jobs.push(Job {
            path,
            stdin,
            config,
            origin,
        });
    }
    // Diffs are gathered while the threads run and written afterwards.
    let mut diffs: Vec<u8> = Vec::new();
    let report = run_jobs(args, jobs, &mut diffs)?;
    ignore_broken_pipe(out.write_all(&diffs))?;
    Ok(report)
}

fn run_jobs(args: &CheckArgs, jobs: Vec<Job>, out: &mut Vec<u8>) -> Result<Report, Error> {
    let load_options = |job: &Job| {
        let top = match &args.stdin_filename {
            Some(name) if job.stdin => name.as_path(),
            _ => job.path.as_path(),
        };
        LoadOptions {
            origin: job.origin.clone(),
            include_roots: args.config.include_roots(&job.config, top),
            ..Default::default()
        }
    };
    // Read and load every zone, in parallel.
    let loaded: Vec<Loaded> = jobs
        .par_iter()
        .map(|job| {
            let file = read_source(&job.path)?;
            let file = match &args.stdin_filename {
                Some(name) if job.stdin => {
                    crate::source::SourceFile::new(name, file.text().to_vec())
                }
                _ => file,
            };
            Ok(zone::load(file, &load_options(job), &StdFileSystem))
        })
        .collect::<Result<_, Error>>()?;
    // A file another zone includes is checked as part of that zone.
    let included: HashSet<PathBuf> = loaded
        .iter()
        .flat_map(|l| l.zone.files()[1..].iter())
        .filter_map(|f| std::fs::canonicalize(f.path()).ok())
        .collect();
    let standalone: Vec<bool> = jobs
        .iter()
        .map(|j| j.stdin || std::fs::canonicalize(&j.path).map_or(true, |p| !included.contains(&p)))
        .collect();
    let zones: Vec<&zone::Zone> = loaded
        .iter()
        .zip(&standalone)
        .filter(|(_, &keep)| keep)
        .map(|(l, _)| &l.zone)
        .collect();
    let catalog = Catalog::new(zones);
    let selections: Vec<Selection> = jobs
        .iter()
        .map(|j| args.selection(&j.config))
        .collect::<Result<_, _>>()?;

    let mut report = Report {
        files: standalone.iter().filter(|&&k| k).count(),
        ..Report::empty()
    };
    let fixing = args.fix || args.diff;
    // Lint every zone, in parallel (fixes below are applied one zone at a time).
    let linted: Vec<Option<Vec<Diagnostic>>> = loaded
        .par_iter()
        .zip(&selections)
        .zip(&standalone)
        .map(|((l, selection), &keep)| {
            keep.then(|| rules::lint(&l.zone, &catalog, selection, &l.diagnostics))
        })
        .collect();
    for (i, found) in linted.into_iter().enumerate() {
        let Some(found) = found else { continue };
        let (job, l) = (&jobs[i], &loaded[i]);
        let threshold = args.threshold(&job.config);
        let (files, found) = if fixing && found.iter().any(|d| d.fix.is_some()) {
            let others: Vec<&zone::Zone> = catalog_without(&loaded, &standalone, i);
            let top = Arc::clone(&l.zone.files()[0]);
            let fix_options = FixOptions {
                unsafe_fixes: args.unsafe_fixes,
                top_file_only: job.stdin,
            };
            let fixed = fix::fix_zone(
                top,
                &load_options(job),
                &StdFileSystem,
                &others,
                &selections[i],
                fix_options,
            )?;
            for (original, new) in &fixed.files {
                if job.stdin && !args.diff {
                    // Only the top file is fixed: give its text back.
                    report.stdin_text = Some(new.clone());
                } else if args.diff {
                    ignore_broken_pipe(write_diff(out, original.path(), original.text(), new))?;
                } else {
                    crate::write::replace(original.path(), original.text(), new)?;
                }
            }
            report.fixed_files += fixed.files.len();
            report.fixes += fixed.applied;
            if args.diff {
                // Nothing was written: report what the files say now.
                (l.zone.files().to_vec(), found)
            } else {
                (fixed.loaded.zone.files().to_vec(), fixed.diagnostics)
            }
        } else {
            (l.zone.files().to_vec(), found)
        };
        if job.stdin && args.fix && !args.diff && report.stdin_text.is_none() {
            report.stdin_text = Some(l.zone.files()[0].text().to_vec());
        }
        report.failing |= found.iter().any(|d| d.severity >= threshold);
        for f in files {
            report.sources.add(f);
        }
        report.diagnostics.extend(found);
    }
    // File then position order, whatever order the threads finished in.
    let path_of = |d: &Diagnostic| report.sources.get(d.file).map(|f| f.path().to_path_buf());
    let mut keyed: Vec<(Option<PathBuf>, Diagnostic)> = std::mem::take(&mut report.diagnostics)
        .into_iter()
        .map(|d| (path_of(&d), d))
        .collect();
    keyed.sort_by(|a, b| (&a.0, a.1.sort_key()).cmp(&(&b.0, b.1.sort_key())));
    report.diagnostics = keyed.into_iter().map(|(_, d)| d).collect();
    Ok(report)
}

/// The zones of the run other than `i`, for fixing zone `i`.
fn catalog_without<'a>(loaded: &'a [Loaded], standalone: &[bool], i: usize) -> Vec<&'a zone::Zone> {
    loaded
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != i && standalone[j])
        .map(|(_, l)| &l.zone)
        .collect()
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

pub fn run(args: &CheckArgs, stdout: &mut dyn Write) -> Result<i32, Error> {
    // Loading, linting and rendering all run on this pool.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| Error::Output(std::io::Error::other(e)))?;
    // What goes to standard output is gathered on the pool, then written.
    let mut buffer: Vec<u8> = Vec::new();
    let result = pool.install(|| report(args, &mut buffer));
    ignore_broken_pipe(stdout.write_all(&buffer))?;
    result
}

fn report(args: &CheckArgs, stdout: &mut Vec<u8>) -> Result<i32, Error> {
    let mut report = collect(args, stdout)?;
    // `--fix -`: the text goes to standard output, the findings to standard error.
    let mut stderr = std::io::stderr();
    let out: &mut dyn Write = match report.stdin_text.take() {
        Some(text) => {
            stdout.extend_from_slice(&text);
            &mut stderr
        }
        None => stdout,
    };
    let located = output::locate(&report.diagnostics, &report.sources);
    let written = match args.format {
        Format::Human => {
            let options = output::human::Options {
                color: args.color.enabled(),
                width: super::report_width(),
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
        Format::Concise => output::concise::write(out, &located),
        Format::Json => output::json::write(out, &located, &report.sources),
        Format::Sarif => output::sarif::write(out, &located, &report.sources),
        Format::Github => output::github::write(out, &located),
        Format::Gitlab => output::gitlab::write(out, &located),
    };
    // A reader that stopped early (`| head`) is not an error, and the exit
    // code still says whether there were findings.
    ignore_broken_pipe(written)?;
    Ok(if report.failing {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
