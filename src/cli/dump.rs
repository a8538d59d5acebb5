//! `zonelint dump [--origin NAME] [--format text|json] FILE`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{exit, ConfigArgs};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::output;
use crate::source::Sources;
use crate::workspace::Workspace;
use crate::zone::{self, StdFileSystem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// `owner TTL CLASS TYPE RDATA`, tab-separated, one record per line
    #[default]
    Text,
    /// A JSON array of records
    Json,
}

#[derive(Debug, Args)]
pub struct DumpArgs {
    /// The zone file (`-` for standard input)
    pub file: PathBuf,
    /// The zone's origin, when the file does not give it
    #[arg(long, value_name = "NAME")]
    pub origin: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    #[command(flatten)]
    pub config: ConfigArgs,
}

pub fn run(args: &DumpArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let settings = args.config.settings(args.origin.as_deref())?;
    let mut workspace = Workspace::new(settings, &StdFileSystem);
    let input = super::input(&args.file, None)?;
    // `[origins]` of the nearest configuration, for a file.
    let resolved = workspace.resolve(&args.file, args.file.as_os_str() != "-")?;
    let loaded = zone::load(workspace.read(&input)?, &resolved.load, &StdFileSystem);
    let written = match args.format {
        Format::Text => out.write_all(loaded.zone.dump().as_bytes()),
        Format::Json => serde_json::to_writer_pretty(&mut *out, &loaded.zone.dump_json())
            .map_err(output::json::io_error)
            .and_then(|()| writeln!(out)),
    };
    super::ignore_broken_pipe(written)?;
    // Problems go to stderr so the dump stays machine-readable.
    if !loaded.diagnostics.is_empty() {
        let mut sources = Sources::new();
        for f in loaded.zone.files() {
            sources.add(std::sync::Arc::clone(f));
        }
        let located = output::locate(&loaded.diagnostics, &sources);
        let mut renderer = output::human::Renderer::new(
            &sources,
            output::human::Options {
                color: false,
                width: super::report_width(),
                summary: false,
            },
        );
        let mut err = std::io::stderr().lock();
        for l in &located {
            let _ = renderer.render(&mut err, l);
        }
    }
    let unloadable = loaded.zone.unloadable();
    for (path, line, data) in &unloadable {
        eprintln!(
            "error: {}:{line}: `{data}` is out of range; no server loads it, so it is not dumped",
            path.display()
        );
    }
    let failing = !unloadable.is_empty()
        || loaded
            .diagnostics
            .iter()
            .any(|d| d.severity >= Severity::Error);
    Ok(if failing { exit::FINDINGS } else { exit::OK })
}
