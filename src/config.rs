//! `zonelint.toml`: found in the checked file's folder or the nearest
//! parent (or given with `--config`). Unknown keys and bad values are
//! errors that point into the file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::format::FormatOptions;
use crate::source::{SourceFile, Span};

/// The configuration file's name.
pub const FILE_NAME: &str = "zonelint.toml";

/// The parsed configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// `[format]`: how `zonelint fmt` lays zones out.
    #[serde(default)]
    pub format: FormatOptions,
}

/// A configuration file that could not be used.
#[derive(Debug)]
pub struct ConfigError {
    pub file: Arc<SourceFile>,
    pub span: Option<Span>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid configuration `{}`: {}",
            self.file.path().display(),
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

/// A loaded configuration and where it came from.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    /// The file, when one was found.
    pub path: Option<PathBuf>,
}

/// Parses the text of a configuration file.
pub fn parse(file: Arc<SourceFile>) -> Result<Config, ConfigError> {
    let text = match std::str::from_utf8(file.text()) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to() as u32;
            return Err(ConfigError {
                span: Some(Span::new(at, at + 1)),
                message: "not UTF-8".into(),
                file,
            });
        }
    };
    toml::from_str::<Config>(text).map_err(|e| {
        let span = e
            .span()
            .map(|r| Span::new(r.start as u32, r.end.max(r.start) as u32));
        ConfigError {
            span,
            message: e.message().trim_end().to_owned(),
            file: Arc::clone(&file),
        }
    })
}

/// Reads and parses a configuration file.
pub fn read(path: &Path) -> Result<Loaded, crate::Error> {
    let text = std::fs::read(path).map_err(|source| crate::Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let config = parse(SourceFile::new(path, text)).map_err(crate::Error::Config)?;
    Ok(Loaded {
        config,
        path: Some(path.to_path_buf()),
    })
}

/// The nearest `zonelint.toml` in `start`'s folder or a parent folder.
pub fn find(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let first = if absolute.is_dir() {
        absolute.as_path()
    } else {
        absolute.parent()?
    };
    first
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// The configuration that applies to `path`: the nearest file, or defaults.
pub fn for_path(path: &Path) -> Result<Loaded, crate::Error> {
    match find(path) {
        Some(file) => read(&file),
        None => Ok(Loaded::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{Align, Indent};

    fn parse_str(text: &str) -> Result<Config, ConfigError> {
        parse(SourceFile::new("zonelint.toml", text.as_bytes().to_vec()))
    }

    #[test]
    fn format_table() {
        let c = parse_str("[format]\nalign = \"file\"\nindent = \"tabs\"\ncomment-column = 40\n")
            .unwrap();
        assert_eq!(c.format.align, Align::File);
        assert_eq!(c.format.indent, Indent::Tabs);
        assert_eq!(c.format.comment_column, 40);
        assert!(!c.format.explicit_ttl_class);
    }

    #[test]
    fn unknown_keys_and_bad_values_point_into_the_file() {
        let text = "[format]\nalign = \"sideways\"\n";
        let e = parse_str(text).unwrap_err();
        assert_eq!(e.span.map(|s| &text[s.range()]), Some("\"sideways\""));
        let text = "[format]\nalgin = \"file\"\n";
        let e = parse_str(text).unwrap_err();
        assert!(e.message.contains("algin"), "{}", e.message);
        assert_eq!(e.span.map(|s| &text[s.range()]), Some("algin"));
    }

    #[test]
    fn found_in_parent_folders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        let found = find(&dir.path().join("a/b/zone.db")).unwrap();
        assert_eq!(found, dir.path().join(FILE_NAME));
    }
}
