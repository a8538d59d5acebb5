//! Command-line interface: clap definitions and one file per subcommand.

mod check;
mod diff;
mod dump;
mod fmt;
mod git;
mod rules;
mod server;
pub(crate) mod suppress;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::dns::Name;
use crate::error::Error;
use crate::workspace::{Input, Plan, Workspace};

/// Exit codes (DESIGN.md): 0 clean, 1 findings at or above the failing
/// severity, 2 could not do the job.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FINDINGS: i32 = 1;
    pub const FAILURE: i32 = 2;
}

#[derive(Debug, Parser)]
#[command(name = "zonelint", version, about = "Lint and format DNS zone files, offline", long_about = None)]
#[command(propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check zone files for syntax errors and problems
    Check(check::CheckArgs),
    /// Format zone files in place, keeping every comment
    Fmt(fmt::FmtArgs),
    /// Print every record after expansion, one per line, with absolute names
    Dump(dump::DumpArgs),
    /// Show what a change does to the DNS: records added, removed and with
    /// a new TTL, between two files or against a git revision
    Diff(diff::DiffArgs),
    /// List every rule: code, default severity, class, fixable, summary
    Rules(rules::RulesArgs),
    /// Print the documentation of a rule
    Explain {
        /// The rule's code, such as `mx-target-cname`
        #[arg(value_parser = RuleCode, hide_possible_values = true)]
        code: String,
    },
    /// List every key of `zonelint.toml` (type, default), or document one
    Config(rules::ConfigKeyArgs),
    /// Run the language server on standard input and output (LSP), for
    /// editors: diagnostics as you type, quick fixes, formatting, hover
    Server {
        /// Accepted for editors that pass it; standard input and output
        /// are the only transport
        #[arg(long)]
        stdio: bool,
    },
    /// Print a shell completion script
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff): `zonelint man > zonelint.1`, `zonelint man
    /// check > zonelint-check.1`, or every page with `--out-dir DIR`
    Man {
        /// The subcommand whose page to print (`zonelint-check(1)`)
        subcommand: Option<String>,
        /// Write every page (`zonelint.1`, `zonelint-check.1`, ...) into
        /// this folder instead
        #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
        out_dir: Option<PathBuf>,
    },
}

/// A rule code or family as a value (`--select`, `explain`): any text is
/// taken (zonelint checks it, with suggestions), and the codes, their
/// families and `all` are the values shells complete.
#[derive(Debug, Clone, Copy)]
pub struct RuleCode;

impl clap::builder::TypedValueParser for RuleCode {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        // The codes, and the prefixes (`mx`, `mx-target`) that two or more
        // of them share: the families worth naming.
        let codes: Vec<&'static str> = crate::rules::all().map(|r| r.meta.name).collect();
        let mut prefixes: Vec<&'static str> = codes
            .iter()
            .flat_map(|code| code.match_indices('-').map(|(i, _)| &code[..i]))
            .collect();
        prefixes.sort();
        let mut names: Vec<&'static str> = prefixes
            .chunk_by(|a, b| a == b)
            .filter(|group| group.len() > 1)
            .map(|group| group[0])
            .chain(codes.iter().copied())
            .chain(["all"])
            .collect();
        names.sort();
        names.dedup();
        Some(Box::new(
            names.into_iter().map(clap::builder::PossibleValue::new),
        ))
    }
}

/// How the configuration file is chosen.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConfigArgs {
    /// Use this configuration file instead of the nearest `zonelint.toml`
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Use no configuration file (the defaults)
    #[arg(long)]
    pub no_config: bool,
    /// Also let `$INCLUDE` read files under DIR (repeatable). By default an
    /// include must stay under the folder of `zonelint.toml`, or of the zone
    /// file when there is none
    #[arg(long, value_name = "DIR")]
    pub include_root: Vec<PathBuf>,
    /// Take zone names and files from this server configuration
    /// (`named.conf`, `nsd.conf`, `knot.conf`; repeatable) instead of those
    /// found in the repository
    #[arg(long, value_name = "FILE", conflicts_with = "no_server_config")]
    pub server_config: Vec<PathBuf>,
    /// Read no server configuration: origins come from the zone files
    /// and their names
    #[arg(long)]
    pub no_server_config: bool,
    /// Folder walks also take files that `.gitignore`, `.ignore` and
    /// `.git/info/exclude` exclude (files named on the command line are
    /// always taken)
    #[arg(long)]
    pub no_ignore: bool,
}

impl ConfigArgs {
    /// Where configuration comes from.
    pub fn source(&self) -> crate::config::Source {
        match (&self.config, self.no_config) {
            (Some(path), _) => crate::config::Source::File(path.clone()),
            (None, true) => crate::config::Source::None,
            (None, false) => crate::config::Source::Nearest,
        }
    }
}

impl ConfigArgs {
    /// The workspace settings of these flags and `--origin`.
    pub fn settings(&self, origin: Option<&str>) -> Result<crate::workspace::Settings, Error> {
        Ok(crate::workspace::Settings {
            config: self.source(),
            origin: parse_origin(origin)?,
            include_roots: self.include_root.clone(),
            server_configs: if self.no_server_config {
                crate::workspace::ServerConfigs::Off
            } else if !self.server_config.is_empty() {
                crate::workspace::ServerConfigs::Files(self.server_config.clone())
            } else {
                crate::workspace::ServerConfigs::Find
            },
            no_ignore: self.no_ignore,
            ..Default::default()
        })
    }
}

/// The inputs of the command line's `paths` (`-` read from standard input).
pub(crate) fn inputs(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
) -> Result<Vec<Input>, Error> {
    if let Some(name) = stdin_filename {
        if !paths.iter().any(|p| p == Path::new("-")) {
            return Err(Error::Usage(format!(
                "`--stdin-filename {}` names the text read from standard input, \
                 but `-` is not among the paths: add `-` to read it",
                name.display()
            )));
        }
    }
    paths.iter().map(|p| input(p, stdin_filename)).collect()
}

/// A path of the command line as an input: `-` is standard input (read
/// now), standing for `--stdin-filename` when given.
pub(crate) fn input(path: &Path, stdin_filename: Option<&Path>) -> Result<Input, Error> {
    if path != Path::new("-") {
        return Ok(Input::Path(path.to_path_buf()));
    }
    let mut text = Vec::new();
    io::stdin().read_to_end(&mut text).map_err(Error::Stdin)?;
    let stands_for = stdin_filename.map(Path::to_path_buf);
    let shown = stands_for
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::source::STDIN_NAME));
    Ok(Input::Text {
        stands_for,
        shown,
        text,
    })
}

/// The zones `inputs` (the command line's `paths`) stand for, discovery's
/// warnings printed; `None` when every file given is excluded by `[files]
/// exclude`: pre-commit passes files one by one, so that is a run with
/// nothing to do.
pub(crate) fn plan(
    workspace: &mut Workspace<'_>,
    paths: &[PathBuf],
    inputs: Vec<Input>,
) -> Result<Option<Plan>, Error> {
    let started = std::time::Instant::now();
    let plan = workspace.plan(inputs)?;
    crate::rules::time_phase("plan", started);
    for w in &plan.warnings {
        eprintln!("warning: {w}");
    }
    for e in &plan.errors {
        report_error(e);
    }
    if plan.jobs.is_empty() && !plan.errors.is_empty() {
        return Err(Error::Incomplete {
            count: plan.errors.len(),
        });
    }
    if !plan.jobs.is_empty() {
        for path in &plan.excluded {
            note(format_args!(
                "skipped `{}`: excluded by `[files] exclude`",
                path.display()
            ));
        }
    }
    if plan.jobs.is_empty() && !plan.excluded.is_empty() {
        eprintln!("nothing to do: every file given is excluded by `[files] exclude`");
        return Ok(None);
    }
    if plan.jobs.is_empty() && plan.skipped > 0 {
        eprintln!("nothing to do: no file given is a zone");
        return Ok(None);
    }
    if plan.jobs.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::NoFiles(shown.join(", ")));
    }
    Ok(Some(plan))
}

/// `--quiet`: notes and summaries are not printed (findings, warnings and
/// errors are).
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Prints `note: {text}` on standard error, unless `--quiet`.
pub(crate) fn note(text: impl std::fmt::Display) {
    if !quiet() {
        eprintln!("note: {text}");
    }
}

/// True with `--quiet`.
pub(crate) fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Resolves `auto`: `FORCE_COLOR` or `CLICOLOR_FORCE` (set, not `0`)
    /// force colour, as the `supports-color` crate reads them; else
    /// `NO_COLOR` (set, not empty) switches it off; else colour when
    /// standard output is a terminal.
    pub fn enabled(self) -> bool {
        let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let forced = ["FORCE_COLOR", "CLICOLOR_FORCE"]
            .iter()
            .any(|name| set(name).is_some_and(|v| v != "0" && v != "false"));
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if forced => true,
            ColorChoice::Auto => set("NO_COLOR").is_none() && io::stdout().is_terminal(),
        }
    }
}

/// The width human reports wrap to: the terminal's when stdout is one,
/// else `COLUMNS`, else 100.
pub(crate) fn report_width() -> usize {
    const DEFAULT: usize = 100;
    if io::stdout().is_terminal() {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
            return usize::from(w).max(40);
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(DEFAULT)
}

/// Runs the command line of this process; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::FAILURE
            } else {
                exit::OK
            };
            let _ = e.print();
            return code;
        }
    };
    run(cli)
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    // The server writes standard output from its own thread: it must not
    // be locked here.
    if let Command::Server { .. } = cli.command {
        return server::run();
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        Command::Check(args) => check::run(&args, &mut out),
        Command::Dump(args) => dump::run(&args, &mut out),
        Command::Diff(args) => diff::run(&args, &mut out),
        Command::Fmt(args) => fmt::run(&args, &mut out),
        Command::Rules(args) => rules::list(&args, &mut out),
        Command::Explain { code } => rules::explain(&code, &mut out),
        Command::Config(args) => rules::config(&args, &mut out),
        Command::Server { .. } => unreachable!("run above"),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "zonelint", &mut out);
            Ok(exit::OK)
        }
        Command::Man {
            subcommand,
            out_dir,
        } => man(subcommand.as_deref(), out_dir.as_deref(), &mut out),
    };
    let _ = out.flush();
    match result {
        Ok(code) => code,
        // A closed pipe (`zonelint dump | head`) is not an error.
        Err(Error::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => {
            report_error(&e);
            exit::FAILURE
        }
    }
}

pub(crate) fn report_error(e: &Error) {
    // A bad configuration is shown like a finding: a snippet of the file.
    if let Error::Config(c) = e {
        let mut sources = crate::source::Sources::new();
        sources.add(std::sync::Arc::clone(&c.file));
        let span = c.span.unwrap_or_default();
        let d = crate::Diagnostic::new(
            "config",
            crate::Severity::Error,
            c.file.id(),
            span,
            e.to_string(),
        );
        let located = crate::output::locate(std::slice::from_ref(&d), &sources);
        let options = crate::output::human::Options {
            color: false,
            width: report_width(),
            summary: false,
        };
        let mut renderer = crate::output::human::Renderer::new(&sources, options);
        let _ = renderer.render(&mut io::stderr().lock(), &located[0]);
        return;
    }
    eprintln!("error: {}", error_text(e));
}

/// An error and its sources on one line, each said once.
pub(crate) fn error_text(e: &Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        // Some errors repeat their source in their own text.
        let text = s.to_string();
        if !msg.ends_with(&text) {
            msg.push_str(&format!(": {text}"));
        }
        source = s.source();
    }
    msg
}

/// `zonelint man`: the main page, one subcommand's (named
/// `zonelint-SUB`, as the main page's SEE ALSO refers to it), or all of
/// them written into a folder.
fn man(
    subcommand: Option<&str>,
    out_dir: Option<&Path>,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let mut command = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    command.build();
    if let Some(dir) = out_dir {
        clap_mangen::generate_to(command, dir).map_err(|source| {
            Error::Write(crate::write::WriteError::Io {
                path: dir.to_path_buf(),
                source,
            })
        })?;
        return Ok(exit::OK);
    }
    let page = match subcommand {
        None => command,
        Some(name) => {
            let Some(sub) = command.find_subcommand(name).cloned() else {
                let names: Vec<String> = command
                    .get_subcommands()
                    .map(|s| s.get_name().to_owned())
                    .collect();
                return Err(Error::Usage(format!(
                    "no subcommand `{name}`: the pages are {}",
                    names.join(", ")
                )));
            };
            // `generate_to` names pages by the command's display name.
            sub
        }
    };
    ignore_broken_pipe(clap_mangen::Man::new(page).render(out)).map(|()| exit::OK)
}

/// Output failures are errors, except a closed pipe (`zonelint ... | head`).
pub(crate) fn ignore_broken_pipe(result: io::Result<()>) -> Result<(), Error> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Error::Output),
    }
}

/// Parses `--origin`; a name without a final dot is taken as absolute.
pub(crate) fn parse_origin(text: Option<&str>) -> Result<Option<Name>, Error> {
    text.map(|t| {
        t.parse::<Name>().map_err(|reason| Error::Origin {
            text: t.to_owned(),
            reason,
        })
    })
    .transpose()
}
