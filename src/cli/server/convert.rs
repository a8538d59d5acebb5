//! Between zonelint's byte offsets and paths and the protocol's positions
//! and `file:` URIs.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

use crate::source::{Encoding, LinePosition, SourceFile, Span};

/// The local path of a `file:` URI (`file:///a%20b`, `file://localhost/x`).
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text
        .strip_prefix("file://")
        .or_else(|| text.strip_prefix("FILE://"))?;
    let path = if rest.starts_with('/') {
        rest
    } else {
        // An authority: only the local host is this machine.
        let (host, path) = rest.split_at(rest.find('/')?);
        if !host.eq_ignore_ascii_case("localhost") {
            return None;
        }
        path
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut bytes = Vec::with_capacity(path.len());
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' && i + 2 < raw.len() {
            let hex = std::str::from_utf8(&raw[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                bytes.push(b);
                i += 3;
                continue;
            }
        }
        bytes.push(raw[i]);
        i += 1;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        Some(PathBuf::from(String::from_utf8_lossy(&bytes).into_owned()))
    }
}

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let absolute = crate::paths::absolute(path).ok()?;
    let mut out = String::from("file://");
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        absolute.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = absolute.to_string_lossy().replace('\\', "/").into_bytes();
    for b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

/// The protocol position of `offset` in `file`.
pub fn position(file: &SourceFile, offset: u32, encoding: Encoding) -> Position {
    let p = file.position(offset, encoding);
    Position::new(p.line, p.character)
}

/// The protocol range of `span` in `file`.
pub fn range(file: &SourceFile, span: Span, encoding: Encoding) -> Range {
    Range::new(
        position(file, span.start, encoding),
        position(file, span.end, encoding),
    )
}

/// The byte offset of a protocol position in `file` (clamped to the line
/// and the file, as the protocol asks of positions past them).
pub fn offset(file: &SourceFile, at: Position, encoding: Encoding) -> u32 {
    file.offset_at(
        LinePosition {
            line: at.line,
            character: at.character,
        },
        encoding,
    )
}

/// The range of a whole text.
pub fn whole(file: &SourceFile, encoding: Encoding) -> Range {
    Range::new(
        Position::new(0, 0),
        position(file, file.text().len() as u32, encoding),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_paths() {
        let uri = Uri::from_str("file:///tmp/a%20b/caf%C3%A9.zone").unwrap();
        assert_eq!(path_of(&uri).unwrap(), PathBuf::from("/tmp/a b/café.zone"));
        assert_eq!(
            uri_of(Path::new("/tmp/a b/café.zone")).unwrap().as_str(),
            "file:///tmp/a%20b/caf%C3%A9.zone"
        );
        let local = Uri::from_str("file://localhost/etc/x%")
            .unwrap_or_else(|_| Uri::from_str("file://localhost/etc/x").unwrap());
        assert!(path_of(&local).unwrap().starts_with("/etc"));
        assert_eq!(path_of(&Uri::from_str("file://elsewhere/x").unwrap()), None);
        assert_eq!(
            path_of(&Uri::from_str("untitled:Untitled-1").unwrap()),
            None
        );
    }
}
