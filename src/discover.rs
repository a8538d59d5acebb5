//! Finding zone files: explicit files as given, folders walked (the
//! `ignore` crate, which ripgrep uses: sorted, `.gitignore`, `.ignore` and
//! git's exclude files respected unless `--no-ignore`), hidden folders and
//! `target/` skipped, `[files]` patterns of the nearest `zonelint.toml`
//! applied. Symbolic links are followed; a link
//! loop is reported and skipped, never followed forever, and a link that
//! leads out of the folder walked (and of the `zonelint.toml` folder and the
//! `--include-root` folders) is reported and skipped, never read: a pull
//! request must not make a CI log show `/etc/passwd`.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use crate::config::Resolver;
use crate::Error;

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Zone files, sorted within each folder, each once.
    pub files: Vec<PathBuf>,
    /// Things skipped that the user should know about (link loops).
    pub warnings: Vec<String>,
    /// Paths that could not be read (a dangling symbolic link, a folder
    /// without permission): reported, the rest still checked, and the run
    /// exits 2 at the end.
    pub errors: Vec<Error>,
    /// Files named on the command line that `[files] exclude` skipped.
    pub excluded: Vec<PathBuf>,
    /// Every file a folder walk saw (absolute), zone or not, for the
    /// server configurations: with `walked`, the folder (absolute).
    pub seen: Vec<PathBuf>,
    /// The folder walked, absolute (one folder given).
    pub walked: Option<PathBuf>,
}

/// Extensions of files that are never zone files, though a `db.*` pattern
/// takes them (`db.json`, `db.py`, `db.sqlite3`): skipped by folder walks,
/// read when named on the command line. Extensions that are also top-level
/// domains a zone file could be named for (`db.pl`, `db.sh`, `db.rs`,
/// `db.py`...) are in the list only when a program's file is far more
/// common under that name.
const NOT_ZONES: &[&str] = &[
    "7z",
    "bz2",
    "c",
    "cfg",
    "class",
    "cpp",
    "css",
    "csv",
    "db-journal",
    "db-shm",
    "db-wal",
    "dll",
    "exe",
    "gif",
    "go",
    "gz",
    "h",
    "html",
    "ico",
    "ini",
    "jar",
    "java",
    "jpeg",
    "jpg",
    "js",
    "json",
    "lock",
    "log",
    "lua",
    "md",
    "o",
    "orig",
    "pdf",
    "php",
    "pl",
    "png",
    "pyc",
    "py",
    "rb",
    "rej",
    "rs",
    "sh",
    "so",
    "sql",
    "sqlite",
    "sqlite3",
    "sqlite3-journal",
    "svg",
    "swp",
    "tar",
    "toml",
    "ts",
    "xml",
    "xz",
    "yaml",
    "yml",
    "zip",
    "zst",
];

/// True when `path`'s extension says it is not a zone file.
fn is_not_a_zone(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| NOT_ZONES.iter().any(|n| n.eq_ignore_ascii_case(e)))
}

fn is_skipped_dir(entry: &ignore::DirEntry) -> bool {
    entry.depth() > 0
        && entry.file_type().is_some_and(|t| t.is_dir())
        && entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "target")
}

/// What a walk error is about: the path, whether it is a symbolic link
/// loop, and the I/O error.
fn walk_error(e: ignore::Error) -> (Option<PathBuf>, bool, Option<std::io::Error>) {
    match e {
        ignore::Error::Loop { child, .. } => (Some(child), true, None),
        ignore::Error::WithPath { path, err } => {
            let (inner, looped, io) = walk_error(*err);
            (inner.or(Some(path)), looped, io)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(*err)
        }
        ignore::Error::Io(io) => (None, false, Some(io)),
        ignore::Error::Partial(mut errors) if !errors.is_empty() => walk_error(errors.remove(0)),
        other => (None, false, Some(std::io::Error::other(other.to_string()))),
    }
}

/// Expands `paths`: files are kept as given (unless `[files] exclude`d),
/// folders are walked for files the configuration calls zones (with
/// `respect_ignore`, not those `.gitignore` or `.ignore` files exclude).
pub fn discover(
    paths: &[PathBuf],
    include_roots: &[PathBuf],
    resolver: &mut Resolver,
    respect_ignore: bool,
) -> Result<Discovered, Error> {
    let extra_roots: Vec<PathBuf> = include_roots
        .iter()
        .filter_map(|r| std::fs::canonicalize(r).ok())
        .collect();
    let mut out = Discovered::default();
    for path in paths {
        if path.as_os_str() == "-" {
            out.files.push(path.clone());
            continue;
        }
        if !path.is_dir() {
            if resolver.for_path(path)?.is_excluded(path) {
                out.excluded.push(path.clone());
            } else {
                out.files.push(path.clone());
            }
            continue;
        }
        let mut found = Vec::new();
        let walk_root = std::fs::canonicalize(path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        // `.gitignore` is respected in a folder outside git too, as in a
        // repository: the same answer before and after `git init`.
        let walker = WalkBuilder::new(path)
            .follow_links(true)
            // Unsorted: what it finds is sorted below, once.
            .hidden(false)
            .git_ignore(respect_ignore)
            .git_exclude(respect_ignore)
            .git_global(respect_ignore)
            .ignore(respect_ignore)
            .parents(respect_ignore)
            .require_git(false)
            .filter_entry(|e| !is_skipped_dir(e))
            .build();
        let abs_root = crate::paths::absolute(path).unwrap_or_else(|_| path.clone());
        out.walked = Some(abs_root.clone());
        let mut excluded_dirs: Vec<PathBuf> = Vec::new();
        // Folders reached through a symbolic link (followed).
        let mut linked_dirs: Vec<PathBuf> = Vec::new();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let (at, looped, io) = walk_error(e);
                    if looped {
                        let at = at.map_or_else(String::new, |p| p.display().to_string());
                        out.warnings
                            .push(format!("skipped `{at}`: a symbolic link loop"));
                        continue;
                    }
                    let at = at.map_or_else(
                        || path.clone(),
                        |p| p.strip_prefix("./").unwrap_or(&p).to_path_buf(),
                    );
                    let dangling = std::fs::symlink_metadata(&at)
                        .is_ok_and(|m| m.file_type().is_symlink())
                        && !at.exists();
                    out.errors.push(if dangling {
                        Error::DanglingLink { path: at }
                    } else {
                        Error::Walk {
                            path: at,
                            source: io.unwrap_or_else(|| {
                                std::io::Error::other("the folder cannot be walked")
                            }),
                        }
                    });
                    continue;
                }
            };
            let p = entry.path();
            if excluded_dirs.iter().any(|d| p.starts_with(d)) {
                continue;
            }
            let Some(kind) = entry.file_type() else {
                continue;
            };
            // Made absolute once: the configuration and the patterns
            // take it as it is.
            let abs = abs_root.join(p.strip_prefix(path).unwrap_or(p));
            let config = if kind.is_dir() {
                resolver.for_path(&abs)?
            } else {
                resolver.for_file(&abs)?
            };
            if kind.is_dir() {
                if entry.depth() > 0 && config.is_excluded(p) {
                    excluded_dirs.push(p.to_path_buf());
                }
                if entry.depth() > 0 && entry.path_is_symlink() {
                    linked_dirs.push(p.to_path_buf());
                }
                continue;
            }
            if !kind.is_file() {
                continue;
            }
            let zone_file = config.is_zone_file(&abs) && !is_not_a_zone(p);
            out.seen.push(abs);
            if zone_file {
                // Reached through no symbolic link: inside the walk, no need
                // to ask the disk.
                let linked =
                    entry.path_is_symlink() || linked_dirs.iter().any(|d| p.starts_with(d));
                let inside = !linked
                    || std::fs::canonicalize(p).is_ok_and(|real| {
                        real.starts_with(&walk_root)
                            || (config.from_file
                                && std::fs::canonicalize(&config.top)
                                    .is_ok_and(|r| real.starts_with(r)))
                            || extra_roots.iter().any(|r| real.starts_with(r))
                    });
                if !inside {
                    out.warnings.push(format!(
                        "skipped `{}`: a symbolic link to outside `{}` \
                         (`--include-root DIR` allows it)",
                        p.display(),
                        path.display()
                    ));
                    continue;
                }
                // Walking `.` shows `zones/a.zone`, not `./zones/a.zone`.
                let shown = match p.strip_prefix(".") {
                    Ok(rest) if path.as_os_str() == "." => rest.to_path_buf(),
                    _ => entry.into_path(),
                };
                found.push(shown);
            }
        }
        found.sort_by(|a, b| crate::paths::cmp(a, b));
        out.files.extend(found);
    }
    if paths.len() > 1 {
        let keep: Vec<bool> = {
            let mut seen = std::collections::HashSet::with_capacity(out.files.len());
            out.files
                .iter()
                .map(|p| seen.insert(p.as_os_str()))
                .collect()
        };
        let mut keep = keep.into_iter();
        out.files.retain(|_| keep.next().unwrap_or(true));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Source;

    fn names(root: &Path, found: &Discovered) -> Vec<String> {
        found
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn walks_sorted_and_skips_hidden_and_target() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b.zone",
            "a.db",
            "notes.txt",
            ".git/x.zone",
            "target/y.zone",
            "sub/db.example",
            // `db.*` takes them, but they are programs and data, not zones.
            "sub/db.c",
            "db.json",
            "db.py",
            "db.sqlite3",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let found = discover(
            &[root.to_path_buf()],
            &[],
            &mut Resolver::new(Source::None),
            true,
        )
        .unwrap();
        assert_eq!(names(root, &found), ["a.db", "b.zone", "sub/db.example"]);
    }

    #[test]
    fn configured_patterns() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in ["a.zone", "zones/x.txt", "archive/old.zone", "other/y.txt"] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        std::fs::write(
            root.join("zonelint.toml"),
            "[files]\ninclude = [\"*.zone\", \"zones/*.txt\"]\nexclude = [\"archive\"]\n",
        )
        .unwrap();
        let found = discover(
            &[root.to_path_buf()],
            &[],
            &mut Resolver::new(Source::Nearest),
            true,
        )
        .unwrap();
        assert_eq!(names(root, &found), ["a.zone", "zones/x.txt"]);
    }

    /// `.gitignore` (in a repository or not, in the folder walked or a
    /// parent), `.ignore` and `.git/info/exclude` are respected, unless
    /// `respect_ignore` is false.
    #[test]
    fn ignore_files_are_respected() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (f, text) in [
            (
                ".gitignore",
                "build/
*.bak.zone
",
            ),
            (
                "zones/.ignore",
                "scratch.zone
",
            ),
            (
                ".git/info/exclude",
                "local.zone
",
            ),
            ("a.zone", ""),
            ("old.bak.zone", ""),
            ("build/gen.zone", ""),
            ("zones/b.zone", ""),
            ("zones/scratch.zone", ""),
            ("zones/local.zone", ""),
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let walk = |path: &Path, respect: bool| {
            let found = discover(
                &[path.to_path_buf()],
                &[],
                &mut Resolver::new(Source::None),
                respect,
            )
            .unwrap();
            names(root, &found)
        };
        assert_eq!(walk(root, true), ["a.zone", "zones/b.zone"]);
        // From below, the parent's `.gitignore` still applies.
        assert_eq!(walk(&root.join("zones"), true), ["zones/b.zone"]);
        assert_eq!(
            walk(root, false),
            [
                "a.zone",
                "build/gen.zone",
                "old.bak.zone",
                "zones/b.zone",
                "zones/local.zone",
                "zones/scratch.zone"
            ]
        );
        std::fs::remove_dir_all(root.join(".git")).unwrap();
        assert_eq!(
            walk(root, true),
            ["a.zone", "zones/b.zone", "zones/local.zone"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_skipped_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("z")).unwrap();
        std::fs::write(root.join("z/a.zone"), "").unwrap();
        std::os::unix::fs::symlink(root.join("z"), root.join("z/loop")).unwrap();
        let found = discover(
            &[root.to_path_buf()],
            &[],
            &mut Resolver::new(Source::None),
            true,
        )
        .unwrap();
        assert_eq!(names(root, &found), ["z/a.zone"]);
        assert_eq!(found.warnings.len(), 1, "{:?}", found.warnings);
    }
}
