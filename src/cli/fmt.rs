//! `zonelint fmt [PATH...]`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;

use super::{exit, ignore_broken_pipe, ConfigArgs};
use crate::error::Error;
use crate::format::{self, FormatError, FormatOptions};
use crate::output;
use crate::source::{SourceFile, Sources};
use crate::workspace::{Input, Workspace};
use crate::zone::{LoadOptions, StdFileSystem};

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Zone files or folders to format (`-`: read standard input, write
    /// standard output)
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Write nothing; list the files that would change and exit 1 if any
    #[arg(long, conflicts_with = "diff")]
    pub check: bool,
    /// Write nothing; print a unified diff of the changes and exit 1 if any
    #[arg(long)]
    pub diff: bool,
    /// With `-`: the path the text belongs to (for configuration and the origin)
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// The zone's origin, when the file does not give it (used to verify the result)
    #[arg(long, value_name = "NAME")]
    pub origin: Option<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// What happened to one file.
enum Outcome {
    Unchanged,
    Changed,
    Refused,
}

pub fn run(args: &FmtArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let settings = args.config.settings(args.origin.as_deref())?;
    let mut workspace = Workspace::new(settings, &StdFileSystem);
    if args.paths.len() == 1 && args.paths[0] == Path::new("-") {
        // Editors pass the buffer's path for configuration and origin.
        let base = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("."));
        let resolved = workspace.resolve(&base, true)?;
        return stdin(args, &resolved.config.format, &resolved.load, out);
    }
    let inputs = super::inputs(&args.paths, args.stdin_filename.as_deref())?;
    let Some(plan) = super::plan(&mut workspace, &args.paths, inputs)? else {
        return Ok(exit::OK);
    };
    let (mut changed, mut unchanged, mut refused) = (0, 0, 0);
    let mut unreadable = plan.errors.len();
    for job in &plan.jobs {
        let file = match workspace.read(&job.input) {
            Ok(file) => file,
            Err(e) => {
                super::report_error(&e);
                unreadable += 1;
                continue;
            }
        };
        if job.found && memchr::memchr(0, file.text()).is_some() {
            super::note(format_args!(
                "skipped `{}`: binary data (a NUL byte), not a zone file",
                file.path().display()
            ));
            continue;
        }
        let resolved = &job.resolved;
        match one(args, &file, &resolved.config.format, &resolved.load, out)? {
            Outcome::Changed => changed += 1,
            Outcome::Unchanged => unchanged += 1,
            Outcome::Refused => refused += 1,
        }
    }
    let plural = |n: usize| if n == 1 { "file" } else { "files" };
    let verb = if args.check || args.diff {
        "would be reformatted"
    } else {
        "reformatted"
    };
    let mut summary = format!(
        "{changed} {} {verb}, {unchanged} {} left unchanged",
        plural(changed),
        plural(unchanged)
    );
    if refused > 0 {
        summary.push_str(&format!(
            ", {refused} {} refused (syntax errors)",
            plural(refused)
        ));
    }
    // The summary goes after everything written to standard output.
    ignore_broken_pipe(out.flush())?;
    eprintln!("{summary}");
    if unreadable > 0 {
        return Err(Error::Incomplete { count: unreadable });
    }
    Ok(if refused > 0 {
        exit::FAILURE
    } else if changed > 0 && (args.check || args.diff) {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

fn one(
    args: &FmtArgs,
    file: &Arc<SourceFile>,
    options: &FormatOptions,
    load: &LoadOptions,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    if args.check {
        // Only whether it would change: the output is never kept whole.
        return match format::format_differs(file.text(), options) {
            Ok(false) => Ok(Outcome::Unchanged),
            Ok(true) => {
                ignore_broken_pipe(writeln!(out, "Would reformat: {}", file.path().display()))?;
                Ok(Outcome::Changed)
            }
            Err(errors) => {
                show_syntax_errors(file, errors);
                Ok(Outcome::Refused)
            }
        };
    }
    let formatted = match format::format_text(file.text(), options) {
        Ok(text) => text,
        Err(errors) => {
            show_syntax_errors(file, errors);
            return Ok(Outcome::Refused);
        }
    };
    if formatted == file.text() {
        return Ok(Outcome::Unchanged);
    }
    if args.diff {
        ignore_broken_pipe(super::check::write_diff(
            out,
            file.path(),
            file.text(),
            &formatted,
        ))?;
    } else {
        // Prove the result before writing it.
        let verified = format::format_verified(file, options, load, &StdFileSystem)?;
        crate::write::replace(file.path(), file.text(), &verified)?;
    }
    Ok(Outcome::Changed)
}

/// `-`: standard input to standard output, for editors.
fn stdin(
    args: &FmtArgs,
    options: &FormatOptions,
    load: &LoadOptions,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let Input::Text { shown, text, .. } =
        super::input(Path::new("-"), args.stdin_filename.as_deref())?
    else {
        unreachable!("`-` is standard input")
    };
    let file = SourceFile::new(shown, text);
    match format::format_verified(&file, options, load, &StdFileSystem) {
        Ok(text) => {
            let changed = text != file.text();
            if args.check {
                return Ok(if changed { exit::FINDINGS } else { exit::OK });
            }
            if args.diff {
                ignore_broken_pipe(super::check::write_diff(
                    out,
                    file.path(),
                    file.text(),
                    &text,
                ))?;
                return Ok(if changed { exit::FINDINGS } else { exit::OK });
            }
            ignore_broken_pipe(out.write_all(&text))?;
            Ok(exit::OK)
        }
        Err(FormatError::Syntax { errors, .. }) => {
            show_syntax_errors(&file, errors);
            Ok(exit::FAILURE)
        }
        Err(e) => Err(Error::Format(e)),
    }
}

/// Syntax errors of a refused file, on standard error.
fn show_syntax_errors(file: &Arc<SourceFile>, errors: Vec<crate::syntax::SyntaxError>) {
    let mut sources = Sources::new();
    sources.add(Arc::clone(file));
    let diagnostics: Vec<crate::Diagnostic> = errors
        .into_iter()
        .map(|e| e.into_diagnostic(file.id()))
        .collect();
    let located = output::locate(&diagnostics, &sources);
    let mut renderer = output::human::Renderer::new(
        &sources,
        output::human::Options {
            color: false,
            width: 100,
            summary: false,
        },
    );
    let mut err = std::io::stderr().lock();
    for l in &located {
        let _ = renderer.render(&mut err, l);
    }
}
