//! What the fuzz targets share: an in-memory file system (fuzzing never
//! reads the disk) and loading with it.

#![allow(dead_code)]

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use zonelint::zone::{FileSystem, LoadOptions, Loaded};
use zonelint::SourceFile;

/// Two files an input may `$INCLUDE`; nothing else exists.
pub struct MemFs;

const FILES: [(&str, &[u8]); 2] = [
    ("zones/hosts.inc", b"www A 192.0.2.1\nmail A 192.0.2.2\n"),
    ("zones/self.inc", b"$INCLUDE self.inc\n"),
];

impl FileSystem for MemFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        FILES
            .iter()
            .find(|(p, _)| Path::new(p) == path)
            .map(|(_, t)| t.to_vec())
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    }
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(path.to_path_buf())
    }
    fn is_file(&self, path: &Path) -> bool {
        FILES.iter().any(|(p, _)| Path::new(p) == path)
    }
}

pub fn options() -> LoadOptions {
    LoadOptions {
        origin: Some("example.com.".parse().expect("a name")),
        working_dir: None,
        include_roots: vec![PathBuf::from("zones")],
        ..LoadOptions::default()
    }
}

pub fn file(data: &[u8]) -> Arc<SourceFile> {
    SourceFile::new("zones/example.com.zone", data.to_vec())
}

/// Inputs whose `$GENERATE` may expand to more than a few thousand
/// records: valid (zonelint expands up to 2^22), but seconds of work under
/// the sanitizers, which the fuzzer would report as timeouts. A digit run
/// of five or more anywhere in a file with a `$GENERATE` is enough to skip.
pub fn too_slow(data: &[u8]) -> bool {
    let generate = data
        .windows(9)
        .any(|w| w.eq_ignore_ascii_case(b"$GENERATE"));
    generate
        && data
            .split(|b| !b.is_ascii_digit())
            .any(|run| run.len() >= 5)
}

pub fn load(data: &[u8]) -> Loaded {
    zonelint::zone::load(file(data), &options(), &MemFs)
}
