//! Finding zone files: explicit files as given, folders walked (walkdir),
//! sorted, hidden folders and `target/` skipped.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// True for the default zone file names: `*.zone`, `*.db`, `db.*`.
pub fn is_zone_file_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with(".zone") || name.ends_with(".db") || (name.starts_with("db.") && name.len() > 3)
}

fn is_skipped_dir(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0
        && entry.file_type().is_dir()
        && entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "target")
}

/// Expands `paths`: files are kept as given, folders are walked for zone
/// files. Results are sorted within each folder and deduplicated.
pub fn discover(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            let walker = WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter();
            for entry in walker.filter_entry(|e| !is_skipped_dir(e)) {
                let entry = entry.map_err(|e| {
                    let loop_hint = if e.loop_ancestor().is_some() {
                        " (symbolic link loop)"
                    } else {
                        ""
                    };
                    std::io::Error::other(format!("{e}{loop_hint}"))
                })?;
                if entry.file_type().is_file() && is_zone_file_name(entry.path()) {
                    found.push(entry.into_path());
                }
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names() {
        for yes in [
            "a.zone",
            "x/example.com.db",
            "db.example.com",
            "dir/db.local",
        ] {
            assert!(is_zone_file_name(Path::new(yes)), "{yes}");
        }
        for no in ["README.md", "db.", "zone", "example.com", "a.zone.bak"] {
            assert!(!is_zone_file_name(Path::new(no)), "{no}");
        }
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
            "sub/db.c",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let found = discover(&[root.to_path_buf()]).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.db", "b.zone", "sub/db.c"]);
    }
}
