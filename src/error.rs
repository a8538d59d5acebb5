//! Operational failures: what was being done, and why it failed. Findings
//! about zone files are never errors; they are [`crate::Diagnostic`]s.

use std::path::PathBuf;

/// A failure that stops a subcommand (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("failed to read `{}`", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("failed to read standard input")]
    Stdin(#[source] std::io::Error),
    #[error("failed to walk `{}`", path.display())]
    Walk {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{}` is larger than 4 GiB, the largest file zonelint reads", path.display())]
    TooLarge { path: PathBuf },
    #[error("no zone files found in {0}")]
    NoFiles(String),
    #[error("invalid origin `{text}`: {reason}")]
    Origin {
        text: String,
        reason: crate::dns::NameError,
    },
    #[error("failed to write output")]
    Output(#[source] std::io::Error),
    #[error(transparent)]
    Selection(#[from] crate::rules::SelectionError),
    #[error(transparent)]
    Fix(#[from] crate::fix::FixError),
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
    #[error(transparent)]
    Format(#[from] crate::format::FormatError),
    #[error(transparent)]
    Config(crate::config::ConfigError),
}
