//! Absolute paths without asking the kernel for the working directory
//! each time: planning a repository of thousands of zone files makes paths
//! absolute tens of thousands of times (`std::path::absolute` calls
//! `getcwd` for every relative path). The working directory is read once,
//! when first needed; a program that changes it afterwards (zonelint never
//! does) gets paths against the first one.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static CWD: LazyLock<Option<PathBuf>> = LazyLock::new(|| std::env::current_dir().ok());

/// `path` made absolute against the working directory (read once), as
/// [`std::path::absolute`] makes it: `.` components and repeated
/// separators dropped, `..` kept.
pub fn absolute(path: impl AsRef<Path>) -> io::Result<PathBuf> {
    let path = path.as_ref();
    let joined = match &*CWD {
        // `./zones/a.zone`, as a walk of `.` spells it: `zones/a.zone`.
        Some(cwd) if !path.is_absolute() && !path.as_os_str().is_empty() => {
            cwd.join(path.strip_prefix(".").unwrap_or(path))
        }
        _ => return normal(path),
    };
    normal(&joined)
}

/// `path` (absolute) as [`std::path::absolute`] normalizes it; copied as it is when
/// it is already normal (the common case: no `.` component, no repeated
/// or trailing separator), without taking it apart.
#[cfg(not(unix))]
fn normal(path: &Path) -> io::Result<PathBuf> {
    std::path::absolute(path)
}

#[cfg(unix)]
fn normal(path: &Path) -> io::Result<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    // Absolute, and no `//`, `/./` or trailing `/` or `/.`: one pass.
    let plain = bytes.first() == Some(&b'/')
        && (bytes.len() == 1
            || bytes
                .split(|&b| b == b'/')
                .skip(1)
                .all(|part| !part.is_empty() && part != b"."));
    if plain {
        Ok(path.to_path_buf())
    } else {
        std::path::absolute(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_std_makes_them() {
        for p in [
            "a/b", "./a/./b/", "../x", ".", "/abs/./p", "a//b", "/", "/a/", "/a/.", "/a/..", "//a",
            "/a/b/../c", "./a", "./", "./.", ".//a",
        ] {
            assert_eq!(absolute(p).unwrap(), std::path::absolute(p).unwrap(), "{p}");
        }
        assert!(absolute("").is_err());
    }
}
