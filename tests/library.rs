//! The library facade as a language server or a script uses it: texts and
//! files read through a file system of one's own, findings with LSP ranges.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use zonelint::source::{Encoding, LinePosition};
use zonelint::workspace::{Input, Settings, Workspace};
use zonelint::zone::{FileSystem, StdFileSystem};

/// Files in memory: an editor's open buffers.
struct Buffers(HashMap<PathBuf, Vec<u8>>);

impl FileSystem for Buffers {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    }
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        let path = std::path::absolute(path)?;
        if self
            .0
            .keys()
            .any(|p| std::path::absolute(p).ok().as_ref() == Some(&path))
        {
            Ok(path)
        } else {
            Err(io::Error::from(io::ErrorKind::NotFound))
        }
    }
    fn is_file(&self, path: &Path) -> bool {
        self.canonicalize(path).is_ok()
    }
}

/// One call lints a text; its ranges count UTF-16 units after non-ASCII
/// text on the line, and map back to the same bytes.
#[test]
fn a_text_is_linted_in_one_call_with_utf16_ranges() {
    let settings = Settings {
        origin: Some("example.com.".parse().unwrap()),
        ..Settings::no_config()
    };
    let text =
        "$TTL 1h\n@ SOA ns h 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n𝄞café MX 10 mail.example.com\n";
    let linted = Workspace::new(settings, &StdFileSystem)
        .lint_text("buffer.zone", text.as_bytes().to_vec())
        .unwrap();
    let codes: Vec<_> = linted.diagnostics.iter().map(|d| d.code).collect();
    // The owner is not a host name (RFC 952/1123), and the exchange lacks its dot.
    assert_eq!(codes, ["owner-invalid-hostname", "mx-missing-trailing-dot"]);
    let owner = &linted.diagnostics[0];
    let d = &linted.diagnostics[1];
    let file = linted.sources.get(d.file).unwrap();
    // `𝄞café` is 2 + 4 UTF-16 units.
    assert_eq!(
        file.position(owner.span.end, Encoding::Utf16),
        LinePosition {
            line: 4,
            character: 6
        }
    );
    // `𝄞café MX 10 ` is 2 + 4 + 7 UTF-16 units.
    let start = file.position(d.span.start, Encoding::Utf16);
    let end = file.position(d.span.end, Encoding::Utf16);
    assert_eq!(
        start,
        LinePosition {
            line: 4,
            character: 13
        }
    );
    assert_eq!(
        end,
        LinePosition {
            line: 4,
            character: 29
        }
    );
    assert_eq!(file.offset_at(start, Encoding::Utf16), d.span.start);
    assert_eq!(file.offset_at(end, Encoding::Utf16), d.span.end);
}

/// Zones and their includes are read through the workspace's file system
/// (unsaved buffers win), and each zone is judged with the others.
#[test]
fn files_come_from_the_workspace_file_system() {
    let dir = std::env::temp_dir().join("zonelint-library-test-does-not-exist");
    let zone = |name: &str| dir.join(name);
    let mut buffers = HashMap::new();
    buffers.insert(
        zone("example.com.zone"),
        b"$TTL 1h\n@ SOA ns h 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n$INCLUDE mail.inc\n".to_vec(),
    );
    buffers.insert(zone("mail.inc"), b"@ MX 10 mx.example.net.\n".to_vec());
    buffers.insert(
        zone("example.net.zone"),
        b"$TTL 1h\n@ SOA ns h 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\nmx CNAME ns\n"
            .to_vec(),
    );
    let fs = Buffers(buffers);
    let mut workspace = Workspace::new(Settings::no_config(), &fs);
    let plan = workspace
        .plan(vec![
            Input::Path(zone("example.com.zone")),
            Input::Path(zone("example.net.zone")),
        ])
        .unwrap();
    assert_eq!(plan.jobs.len(), 2);
    let report = workspace.check(&plan, None).unwrap();
    let found: Vec<(String, &str)> = report
        .zones
        .iter()
        .flat_map(|z| {
            z.diagnostics.iter().map(|d| {
                let file = z.files.iter().find(|f| f.id() == d.file).unwrap();
                (
                    file.path()
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                    d.code,
                )
            })
        })
        .collect();
    // The MX in the buffer-only include points at an alias of the other zone.
    assert_eq!(found, [("mail.inc".to_owned(), "mx-target-cname")]);
}
