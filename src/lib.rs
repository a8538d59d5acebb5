//! zonelint: lint and format DNS zone files (RFC 1035 master files),
//! offline, with exact source spans and fixes.
//!
//! [`workspace`] is the front door: which files form which zones, loading
//! them through a [`zone::FileSystem`] (an editor's unsaved buffers, or the
//! disk), linting each with the other zones of the run, fixes and
//! formatting returned as data. Underneath, each stage reads only the
//! output of the one before:
//!
//! ```text
//! bytes ─ syntax::Parser ─▶ entries (lossless tokens) + syntax errors
//!       ─ zone::load ─────▶ zone::Zone (absolute names, TTL/class, index)
//!       ─ rules::lint ────▶ Vec<Diagnostic> (code, severity, span, fix)
//! ```
//!
//! The `zonelint` command (the default `cli` feature) renders findings in
//! six formats; the library needs none of its crates
//! (`default-features = false`).
//!
//! ```
//! use zonelint::{load_text, dns::Name};
//!
//! let text = b"$TTL 1h\n@ SOA ns hostmaster 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n";
//! let origin: Name = "example.com.".parse().unwrap();
//! let loaded = load_text("example.com.zone", text.to_vec(), Some(origin));
//! assert!(loaded.diagnostics.is_empty());
//! assert_eq!(loaded.zone.len(), 3);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The command line (the `cli` feature): not part of the library's API.
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub(crate) mod discover;
pub mod dns;
pub mod error;
pub mod fix;
pub mod format;
#[cfg(feature = "cli")]
pub(crate) mod output;
pub(crate) mod paths;
pub mod rules;
pub mod servers;
pub mod source;
pub mod syntax;
pub mod workspace;
pub mod write;
pub mod zone;

pub use diagnostic::{Diagnostic, Severity};
pub use error::Error;
pub use source::{SourceFile, Sources};
pub use syntax::parse;
pub use zone::{load, Loaded, Zone};

/// Loads a zone from text in memory; `$INCLUDE` reads the real file system.
pub fn load_text(path: &str, text: Vec<u8>, origin: Option<dns::Name>) -> Loaded {
    let options = zone::LoadOptions {
        origin,
        ..Default::default()
    };
    zone::load(SourceFile::new(path, text), &options, &zone::StdFileSystem)
}
