//! `zonelint check [PATH...]`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{exit, ignore_broken_pipe, ColorChoice, ConfigArgs};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::fix::FixOptions;
use crate::output;
use crate::source::Sources;
use crate::workspace::{Settings, Workspace};
use crate::zone::StdFileSystem;

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

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Zone files or folders to check (`-` for standard input); folders are
    /// searched for zone files (`*.zone`, `*.db`, `db.*` unless configured)
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The zone's origin, when the file does not give it
    #[arg(long, value_name = "NAME")]
    pub origin: Option<String>,
    /// Output format [default: `output-format` of the configuration, else
    /// human]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// When to use colour in human output (`NO_COLOR` is respected)
    #[arg(long, value_enum, default_value_t)]
    pub color: ColorChoice,
    /// Apply safe fixes in place (`-`: print the fixed text on standard
    /// output and the findings left on standard error)
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Add `; zonelint: allow(code)` at the end of every line with a
    /// finding, so that only new problems fail the next run (findings of
    /// the *refused by servers* class and syntax errors cannot be
    /// suppressed and are reported)
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    pub add_suppressions: bool,
    /// With --fix or --diff, also apply fixes that need review
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them (standard
    /// output is the diff alone; the report goes to standard error)
    #[arg(long)]
    pub diff: bool,
    /// Also say which zone each file is checked as, and where that name
    /// came from (human output; JSON gives it with each finding)
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Only run these rules (codes or family prefixes such as `mx`), comma-separated
    #[arg(long, value_delimiter = ',', value_name = "CODE", value_parser = super::RuleCode, hide_possible_values = true)]
    pub select: Vec<String>,
    /// Do not run these rules, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "CODE", value_parser = super::RuleCode, hide_possible_values = true)]
    pub ignore: Vec<String>,
    /// Also run these rules, besides those the configuration or `--select`
    /// selects, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "CODE", value_parser = super::RuleCode, hide_possible_values = true)]
    pub extend_select: Vec<String>,
    /// Also do not run these rules, besides those the configuration or
    /// `--ignore` ignores, comma-separated
    #[arg(long, value_delimiter = ',', value_name = "CODE", value_parser = super::RuleCode, hide_possible_values = true)]
    pub extend_ignore: Vec<String>,
    /// Lowest severity that fails the run (exit code 1) [default: error]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Compare each zone with its version in this git revision (read with
    /// `git show`): the `soa-serial-*` rules check that changed records
    /// come with an increased serial
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
    /// With `-`: the path the text belongs to (for configuration, the origin
    /// and the path shown in findings); nothing is written to it
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Exit 0 even with findings, except findings of the *refused by
    /// servers* class (a zone a server would not load still exits 1)
    #[arg(long)]
    pub exit_zero: bool,
    /// Print one line per rule: how many findings, and whether `--fix`
    /// fixes them, instead of the findings (human and concise formats)
    #[arg(long)]
    pub statistics: bool,
    /// Print the findings and nothing else: no notes, no summary line
    /// (warnings and errors about the run itself are still printed)
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// After the report, list per file and rule how many findings `--fix`
    /// fixed (with `--diff`: would fix; without either: can fix)
    #[arg(long)]
    pub show_fixes: bool,
    /// Write the report to this file instead of standard output
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
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
    /// Per finding fixed: the file and the code.
    pub fixed: Vec<(PathBuf, &'static str)>,
    /// True when a finding reached the failing severity of its file.
    pub failing: bool,
    /// True when a finding is of the refused class.
    pub refused: bool,
    /// `--fix` on standard input: the text to give back, fixed or not.
    pub stdin_text: Option<Vec<u8>>,
    /// Per zone checked: its top file, the zone, where its name came from.
    pub zones: Vec<(PathBuf, String, String)>,
    /// The zone of each file, for JSON.
    pub zone_of: output::json::Zones,
    /// Paths that could not be read (each reported on standard error when
    /// met, and given to SARIF as a notification).
    pub unreadable: Vec<String>,
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
            fixed: Vec::new(),
            failing: false,
            refused: false,
            stdin_text: None,
            zones: Vec::new(),
            zone_of: Default::default(),
            unreadable: Vec::new(),
        }
    }
}

impl CheckArgs {
    /// The output format (resolved by [`run`]).
    fn format(&self) -> Format {
        self.format.unwrap_or_default()
    }

    /// `--format`, else `output-format` of the configuration of the first
    /// path (of the folder checked), else human.
    fn resolved_format(&self) -> Result<Format, Error> {
        if let Some(f) = self.format {
            return Ok(f);
        }
        let first = match self.paths.first() {
            Some(p) if p == std::path::Path::new("-") => self.stdin_filename.clone(),
            other => other.cloned(),
        }
        .unwrap_or_else(|| PathBuf::from("."));
        let config = crate::config::Resolver::new(self.config.source()).for_path(&first)?;
        Ok(config
            .output_format
            .as_deref()
            .and_then(|f| Format::from_str(f, false).ok())
            .unwrap_or_default())
    }

    /// The workspace settings these flags make.
    fn settings(&self) -> Result<Settings, Error> {
        Ok(Settings {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            extend_select: self.extend_select.clone(),
            extend_ignore: self.extend_ignore.clone(),
            fail_on: self.fail_on.map(FailOn::severity),
            history: match &self.base {
                None => None,
                Some(base) => {
                    let cwd = std::env::current_dir().map_err(|source| Error::Read {
                        path: PathBuf::from("."),
                        source,
                    })?;
                    match super::git::GitFs::open(&cwd, base)? {
                        Some(fs) => Some(std::sync::Arc::new(fs)),
                        None => {
                            super::note(format_args!(
                                "the repository has no commit yet: the serial is not compared with `{base}`"
                            ));
                            None
                        }
                    }
                }
            },
            ..self.config.settings(self.origin.as_deref())?
        })
    }
}

/// Loads every zone, lints each with knowledge of the others, and applies
/// fixes when asked; in parallel on the current rayon pool.
pub fn collect(args: &CheckArgs, out: &mut dyn Write) -> Result<Report, Error> {
    let mut workspace = Workspace::new(args.settings()?, &StdFileSystem);
    let inputs = super::inputs(&args.paths, args.stdin_filename.as_deref())?;
    let Some(plan) = super::plan(&mut workspace, &args.paths, inputs)? else {
        return Ok(Report::empty());
    };
    let fixing = args.fix || args.diff;
    let fix = fixing.then_some(FixOptions {
        unsafe_fixes: args.unsafe_fixes,
        top_file_only: false,
    });
    let checked = workspace.check(&plan, fix)?;
    for (_, e) in &checked.errors {
        super::report_error(e);
    }
    for note in &checked.notes {
        super::note(note);
    }
    let mut report = Report {
        files: checked.zones.len(),
        unreadable: plan
            .errors
            .iter()
            .chain(checked.errors.iter().map(|(_, e)| e))
            .map(super::error_text)
            .collect(),
        ..Report::empty()
    };
    // Diffs are gathered and written once every zone is done.
    let mut diffs: Vec<u8> = Vec::new();
    for zone in checked.zones {
        let job = &plan.jobs[zone.job];
        let from = match (zone.origin_source, &job.declared_by) {
            (Some(crate::zone::OriginSource::ServerConfig), Some(conf)) => match &job.view {
                Some(view) => format!(
                    "from the server configuration `{}`, view `{view}`",
                    conf.display()
                ),
                None => format!("from the server configuration `{}`", conf.display()),
            },
            (Some(s), _) => s.to_string(),
            (None, _) => "no origin known".to_owned(),
        };
        report.zones.push((
            zone.files[0].path().to_path_buf(),
            zone.origin.to_string(),
            from,
        ));
        for f in &zone.files {
            report.zone_of.insert(
                f.id(),
                (zone.origin.to_string(), zone.origin_source.map(|s| s.key())),
            );
        }
        let (files, found) = match zone.fixed {
            Some(fixed) => {
                for (original, new) in &fixed.writes {
                    if job.is_text() && !args.diff {
                        // Only the top file is fixed: give its text back.
                        report.stdin_text = Some(new.clone());
                    } else if args.diff {
                        ignore_broken_pipe(write_diff(
                            &mut diffs,
                            original.path(),
                            original.text(),
                            new,
                        ))?;
                    } else {
                        crate::write::replace(original.path(), original.text(), new)?;
                    }
                }
                report.fixed_files += fixed.writes.len();
                report.fixes += fixed.applied;
                report.fixed.extend(fixed.fixed);
                if args.diff {
                    // Nothing was written: report what the files say now.
                    (zone.files, zone.diagnostics)
                } else {
                    (fixed.files, fixed.diagnostics)
                }
            }
            None => (zone.files, zone.diagnostics),
        };
        if job.is_text() && args.fix && !args.diff && report.stdin_text.is_none() {
            report.stdin_text = Some(files[0].text().to_vec());
        }
        report.failing |= found.iter().any(|d| d.severity >= job.resolved.threshold);
        report.refused |= found.iter().any(|d| d.refused);
        for f in files {
            report.sources.add(f);
        }
        report.diagnostics.extend(found);
    }
    for (file, found) in checked.configs {
        report.failing |= found.iter().any(|d| d.severity >= Severity::Error);
        report.sources.add(file);
        report.diagnostics.extend(found);
    }
    ignore_broken_pipe(out.write_all(&diffs))?;
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
    super::QUIET.store(args.quiet, std::sync::atomic::Ordering::Relaxed);
    let args = &CheckArgs {
        format: Some(args.resolved_format()?),
        ..args.clone()
    };
    // Loading, linting and rendering all run on this pool.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| Error::Output(std::io::Error::other(e)))?;
    // What goes to standard output is gathered on the pool, then written.
    let mut buffer: Vec<u8> = Vec::new();
    let result = pool.install(|| report(args, &mut buffer));
    if let Some(path) = &args.output_file {
        // The report goes to the file; standard output stays empty.
        let written = std::fs::write(path, &buffer).map_err(|source| {
            Error::Write(crate::write::WriteError::Io {
                path: path.clone(),
                source,
            })
        });
        written?;
        return result;
    }
    if let (Err(e), true) = (&result, buffer.is_empty()) {
        // A run that failed before reporting still gives machine readers a
        // valid document (the error itself goes to standard error).
        let empty = Sources::new();
        let written = match args.format() {
            Format::Json | Format::Gitlab => writeln!(buffer, "[]"),
            Format::Sarif => {
                output::sarif::write(&mut buffer, &[], &empty, &[super::error_text(e)])
            }
            Format::Human | Format::Concise | Format::Github => Ok(()),
        };
        ignore_broken_pipe(written)?;
    }
    ignore_broken_pipe(stdout.write_all(&buffer))?;
    result
}

fn report(args: &CheckArgs, stdout: &mut Vec<u8>) -> Result<i32, Error> {
    if args.add_suppressions && args.paths.iter().any(|p| p == std::path::Path::new("-")) {
        return Err(Error::Usage(
            "`--add-suppressions` writes into the zone files: it cannot take `-` \
             (standard input)"
                .to_owned(),
        ));
    }
    let mut report = collect(args, stdout)?;
    if args.add_suppressions {
        add_suppressions(&mut report)?;
    }
    // `--fix -`: the text goes to standard output, the findings to
    // standard error; so do they with `--diff`, whose output is the diff.
    let mut stderr = std::io::stderr();
    let out: &mut dyn Write = match report.stdin_text.take() {
        Some(text) => {
            stdout.extend_from_slice(&text);
            &mut stderr
        }
        None if args.diff => &mut stderr,
        None => stdout,
    };
    let located = output::locate(&report.diagnostics, &report.sources);
    let written = match args.format() {
        Format::Human | Format::Concise if args.statistics => statistics(out, &report.diagnostics),
        Format::Human => {
            if args.verbose {
                for (path, zone, from) in &report.zones {
                    ignore_broken_pipe(writeln!(
                        out,
                        "checking `{}` as the zone `{zone}` ({from})",
                        path.display()
                    ))?;
                }
            }
            let options = output::human::Options {
                color: args.color.enabled(),
                width: super::report_width(),
                summary: !args.quiet,
            };
            let t0 = std::time::Instant::now();
            let written =
                output::human::write(out, &located, &report.sources, report.files, options);
            crate::rules::time_phase("render", t0);
            written.and_then(|()| {
                if args.fix && !args.diff && !args.quiet {
                    writeln!(
                        out,
                        "Fixed {} in {}",
                        plural(report.fixes, "finding"),
                        plural(report.fixed_files, "file")
                    )
                } else {
                    Ok(())
                }
            })
        }
        Format::Concise => output::concise::write(out, &located),
        Format::Json => output::json::write(out, &located, &report.sources, &report.zone_of),
        Format::Sarif => output::sarif::write(out, &located, &report.sources, &report.unreadable),
        Format::Github => output::github::write(out, &located),
        Format::Gitlab => output::gitlab::write(out, &located),
    };
    // A reader that stopped early (`| head`) is not an error, and the exit
    // code still says whether there were findings.
    ignore_broken_pipe(written)?;
    if args.show_fixes {
        // After a text report; machine formats keep standard output theirs.
        let text_report = matches!(args.format(), Format::Human | Format::Concise);
        let mut stderr = std::io::stderr();
        let out: &mut dyn Write = if text_report { out } else { &mut stderr };
        ignore_broken_pipe(show_fixes(out, args, &report))?;
    }
    if !report.unreadable.is_empty() {
        return Err(Error::Incomplete {
            count: report.unreadable.len(),
        });
    }
    Ok(if report.refused || (report.failing && !args.exit_zero) {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// `n word`, plural when `n` is not 1.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `--show-fixes`: per file and rule, how many findings were fixed (or,
/// without `--fix`, can be), as ruff lists them.
fn show_fixes(out: &mut dyn Write, args: &CheckArgs, report: &Report) -> std::io::Result<()> {
    let fixing = args.fix || args.diff;
    let listed: Vec<(PathBuf, &str)> = if fixing {
        report.fixed.clone()
    } else {
        let options = FixOptions {
            unsafe_fixes: args.unsafe_fixes,
            top_file_only: false,
        };
        report
            .diagnostics
            .iter()
            .filter(|d| crate::fix::accepted(d, options))
            .filter_map(|d| {
                let fix = d.fix.as_ref()?;
                let file = fix.edits.first().map_or(d.file, |e| e.file);
                Some((report.sources.get(file)?.path().to_path_buf(), d.code))
            })
            .collect()
    };
    let mut by_file: std::collections::BTreeMap<PathBuf, std::collections::BTreeMap<&str, usize>> =
        Default::default();
    for (path, code) in &listed {
        *by_file
            .entry(path.clone())
            .or_default()
            .entry(code)
            .or_default() += 1;
    }
    let what = match (fixing, args.diff) {
        (true, false) => "Fixed",
        (true, true) => "Would fix",
        (false, _) => "Can fix",
    };
    if listed.is_empty() {
        return writeln!(out, "{what} no finding");
    }
    writeln!(out, "{what} {}:", plural(listed.len(), "finding"))?;
    for (path, codes) in by_file {
        writeln!(out, "- {}:", path.display())?;
        for (code, n) in codes {
            writeln!(out, "    {n} × {code}")?;
        }
    }
    Ok(())
}

/// `--add-suppressions`: writes the comments, says how many on standard
/// error, and leaves in the report what could not be suppressed.
fn add_suppressions(report: &mut Report) -> Result<(), Error> {
    let zone_of = &report.zone_of;
    let options = |file: &crate::source::SourceFile| crate::zone::LoadOptions {
        origin: zone_of.get(&file.id()).and_then(|(o, _)| o.parse().ok()),
        include_roots: vec![crate::zone::default_include_root(file.path())],
        ..Default::default()
    };
    let added = super::suppress::add(&report.diagnostics, &report.sources, &options);
    for skipped in &added.skipped {
        super::note(skipped);
    }
    if !super::quiet() {
        eprintln!(
            "Added {} in {}",
            plural(added.suppressions, "suppression"),
            plural(added.files, "file")
        );
    }
    report
        .diagnostics
        .retain(|d| !super::suppress::suppressible(d) || added.left.contains(&d.file));
    report.failing = report
        .diagnostics
        .iter()
        .any(|d| d.severity >= Severity::Error);
    match added.failed.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// `--statistics`: per rule, the number of findings, most first, and `[*]`
/// when `--fix` fixes all of them.
fn statistics(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> std::io::Result<()> {
    let mut counts: std::collections::BTreeMap<&str, (usize, bool)> = Default::default();
    for d in diagnostics {
        let safe = d
            .fix
            .as_ref()
            .is_some_and(|f| f.applicability == crate::diagnostic::Applicability::Safe);
        let entry = counts.entry(d.code).or_insert((0, true));
        entry.0 += 1;
        entry.1 &= safe;
    }
    let mut rows: Vec<(&str, usize, bool)> =
        counts.into_iter().map(|(c, (n, f))| (c, n, f)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = rows
        .iter()
        .map(|r| r.1.to_string().len())
        .max()
        .unwrap_or(1);
    for (code, n, fixable) in rows {
        writeln!(
            out,
            "{n:>width$}\t{code}{}",
            if fixable { " [*]" } else { "" }
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `output-format` in the configuration takes exactly `--format`'s values.
    #[test]
    fn output_formats_are_the_format_values() {
        let values: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .collect();
        assert_eq!(values, crate::config::OUTPUT_FORMATS);
    }
}
