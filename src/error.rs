//! Operational failures: what was being done, and why it failed. Findings
//! about zone files are never errors; they are [`crate::Diagnostic`]s.

use std::path::PathBuf;

/// A failure that stops a subcommand (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("failed to read `{}`", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Standard input could not be read.
    #[error("failed to read standard input")]
    Stdin(#[source] std::io::Error),
    /// A folder could not be walked.
    #[error("failed to walk `{}`", path.display())]
    Walk {
        /// Where the walk failed.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A symbolic link found by a folder walk leads nowhere.
    #[error("cannot read `{}`: it is a symbolic link to a file that does not exist", path.display())]
    DanglingLink {
        /// The link.
        path: PathBuf,
    },
    /// Some paths could not be read; the others were checked (each was
    /// reported as it was met).
    #[error("{count} {} could not be read; the others were checked", if *count == 1 { "path" } else { "paths" })]
    Incomplete {
        /// How many.
        count: usize,
    },
    /// Flags that do nothing together, or nothing without another.
    #[error("{0}")]
    Usage(String),
    /// A file is larger than spans can address.
    #[error("`{}` is larger than 4 GiB, the largest file zonelint reads", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// The paths given hold no zone file (the paths, as shown).
    #[error("no zone files found in {0}")]
    NoFiles(String),
    /// `--origin` is not a domain name.
    #[error("invalid origin `{text}`: {reason}")]
    Origin {
        /// As given.
        text: String,
        /// Why it is not a name.
        reason: crate::dns::NameError,
    },
    /// Output could not be written.
    #[error("failed to write output")]
    Output(#[source] std::io::Error),
    /// `--select`/`--ignore` (or `explain`) named what cannot be selected.
    #[error(transparent)]
    Selection(#[from] crate::rules::SelectionError),
    /// Fixes would break the file (a zonelint bug): nothing was written.
    #[error(transparent)]
    Fix(#[from] crate::fix::FixError),
    /// A file could not be replaced.
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
    /// Formatting failed verification (a zonelint bug): nothing was written.
    #[error(transparent)]
    Format(#[from] crate::format::FormatError),
    /// A `zonelint.toml` is invalid.
    #[error(transparent)]
    Config(crate::config::ConfigError),
}
