//! Writing a file without ever losing it: a temporary file in the same
//! folder, flushed to disk, then renamed over the original (DESIGN.md,
//! "Never lose data"). Permissions are kept, a symbolic link is followed to
//! its target, and nothing is written if the file changed since it was read.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file is not the text it was read as.
    #[error("`{}` changed on disk since it was read; not overwritten", path.display())]
    Changed {
        /// The file.
        path: PathBuf,
    },
    /// The file may not be written.
    #[error("`{}` is read-only; not overwritten", path.display())]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// Writing, flushing or renaming failed.
    #[error("failed to write `{}`", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
}

/// Fault injection for the tests that prove a write interrupted at any
/// point leaves the old or the new file: with `ZONELINT_FAULT=<point>` in
/// the environment the process aborts there, as a kill would stop it.
fn fault(point: &str) {
    static AT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if AT
        .get_or_init(|| std::env::var("ZONELINT_FAULT").ok())
        .as_deref()
        == Some(point)
    {
        std::process::abort();
    }
}

/// Replaces the contents of `path` (expected to be `original`) with `new`.
pub fn replace(path: &Path, original: &[u8], new: &[u8]) -> Result<(), WriteError> {
    let io_err = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Write through a symbolic link to its target, keeping the link.
    let target = fs::canonicalize(path).map_err(io_err)?;
    let metadata = fs::metadata(&target).map_err(io_err)?;
    if metadata.permissions().readonly() {
        return Err(WriteError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".zonelint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_err)?;
    fault("created");
    // Half, then the rest: a fault between them leaves a torn temporary file.
    let half = new.len() / 2;
    tmp.write_all(&new[..half]).map_err(io_err)?;
    tmp.flush().map_err(io_err)?;
    fault("half-written");
    tmp.write_all(&new[half..]).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    fault("synced");
    fs::set_permissions(tmp.path(), metadata.permissions()).map_err(io_err)?;
    // Last check before the rename: the file is still what we read.
    if fs::read(&target).map_err(io_err)? != original {
        return Err(WriteError::Changed {
            path: path.to_path_buf(),
        });
    }
    tmp.persist(&target).map_err(|e| io_err(e.error))?;
    fault("renamed");
    // Make the rename itself durable.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_keeping_permissions_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("z.zone");
        fs::write(&file, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
            let link = dir.path().join("link.zone");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            replace(&link, b"old", b"new").unwrap();
            assert!(fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(fs::read(&file).unwrap(), b"new");
            assert_eq!(
                fs::metadata(&file).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        #[cfg(not(unix))]
        replace(&file, b"old", b"new").unwrap();
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            names
                .iter()
                .all(|n| !n.to_string_lossy().starts_with(".zonelint-")),
            "{names:?}"
        );
    }

    #[test]
    fn refuses_a_file_changed_since_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("z.zone");
        fs::write(&file, "changed by someone else").unwrap();
        assert!(matches!(
            replace(&file, b"what we read", b"new"),
            Err(WriteError::Changed { .. })
        ));
        assert_eq!(fs::read(&file).unwrap(), b"changed by someone else");
    }

    #[test]
    fn refuses_read_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("z.zone");
        fs::write(&file, "old").unwrap();
        let mut perms = fs::metadata(&file).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&file, perms).unwrap();
        assert!(matches!(
            replace(&file, b"old", b"new"),
            Err(WriteError::ReadOnly { .. })
        ));
    }
}
