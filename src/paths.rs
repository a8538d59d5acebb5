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

/// `path` made absolute as [`absolute`] makes it, borrowed when it
/// already is (absolute and normal): no copy for the paths a walk of an
/// absolute folder gives.
pub fn absolute_cow(path: &Path) -> io::Result<std::borrow::Cow<'_, Path>> {
    if is_plain(path) {
        Ok(std::borrow::Cow::Borrowed(path))
    } else {
        absolute(path).map(std::borrow::Cow::Owned)
    }
}

/// Absolute, and no `//`, `/./` or trailing `/` or `/.`.
#[cfg(unix)]
fn is_plain(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    bytes.first() == Some(&b'/')
        && (bytes.len() == 1
            || bytes
                .split(|&b| b == b'/')
                .skip(1)
                .all(|part| !part.is_empty() && part != b"."))
}

#[cfg(not(unix))]
fn is_plain(_: &Path) -> bool {
    false
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
    if is_plain(path) {
        Ok(path.to_path_buf())
    } else {
        std::path::absolute(path)
    }
}

/// `path` below `root` (both normal and absolute), as
/// [`Path::strip_prefix`] gives it, comparing bytes.
pub fn below<'p>(root: &Path, path: &'p Path) -> Option<&'p Path> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (r, p) = (root.as_os_str().as_bytes(), path.as_os_str().as_bytes());
        let r = r.strip_suffix(b"/").unwrap_or(r);
        let rest = p.strip_prefix(r)?;
        match rest {
            [] => Some(Path::new("")),
            [b'/', tail @ ..] => Some(Path::new(std::ffi::OsStr::from_bytes(tail))),
            _ if r.is_empty() => Some(Path::new(std::ffi::OsStr::from_bytes(rest))),
            _ => None,
        }
    }
    #[cfg(not(unix))]
    {
        path.strip_prefix(root).ok()
    }
}

/// Paths in the order [`Path`]'s `Ord` gives normal paths (component by
/// component: `a/b` before `a-b`), comparing bytes with `/` the least of
/// them: much faster than taking them apart, for sorting thousands.
pub fn cmp(a: &Path, b: &Path) -> std::cmp::Ordering {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let rank = |c: u8| if c == b'/' { 0u16 } else { u16::from(c) + 1 };
        let (a, b) = (a.as_os_str().as_bytes(), b.as_os_str().as_bytes());
        match a.iter().zip(b).position(|(x, y)| x != y) {
            Some(i) => rank(a[i]).cmp(&rank(b[i])),
            None => a.len().cmp(&b.len()),
        }
    }
    #[cfg(not(unix))]
    {
        a.cmp(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_is_strip_prefix() {
        for (root, path) in [
            ("/a", "/a/b"),
            ("/a", "/ab"),
            ("/a", "/a"),
            ("/", "/a/b"),
            ("/a/", "/a/b/c"),
            ("/a/b", "/a"),
            ("/x", "/a/b"),
        ] {
            assert_eq!(
                below(Path::new(root), Path::new(path)),
                Path::new(path).strip_prefix(root).ok(),
                "{root} {path}"
            );
        }
    }

    #[test]
    fn cmp_is_paths_order() {
        let paths = [
            "a",
            "a/b",
            "a-b",
            "a/b/c",
            "ab",
            "a.b",
            "a/b-c",
            "a/b/d",
            "b",
            "/x",
            "/x/y",
            "/x-y",
            "A",
            "a/B",
            "zones/z1/db.x",
            "zones/z10/db.x",
            "zones/z1-old/db.x",
            "é/a",
            "e/a",
        ];
        for x in paths {
            for y in paths {
                assert_eq!(
                    cmp(Path::new(x), Path::new(y)),
                    Path::new(x).cmp(Path::new(y)),
                    "{x} {y}"
                );
            }
        }
    }

    #[test]
    fn as_std_makes_them() {
        for p in [
            "a/b",
            "./a/./b/",
            "../x",
            ".",
            "/abs/./p",
            "a//b",
            "/",
            "/a/",
            "/a/.",
            "/a/..",
            "//a",
            "/a/b/../c",
            "./a",
            "./",
            "./.",
            ".//a",
        ] {
            assert_eq!(absolute(p).unwrap(), std::path::absolute(p).unwrap(), "{p}");
        }
        assert!(absolute("").is_err());
    }
}
