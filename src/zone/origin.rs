//! Where a zone's origin comes from when `--origin` is not given:
//! `$ORIGIN` before the first relative name, else an absolute SOA owner,
//! else the file name (`example.com.zone`, `example.com.db`,
//! `db.example.com`, or a bare `example.com` that ends with a top-level
//! domain).

use std::fmt;
use std::path::Path;

use crate::dns::{Name, RecordType};
use crate::syntax::{Directive, Item, NameText, Owner, Parser};

/// How the origin was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginSource {
    /// `--origin` (or configuration).
    Flag,
    /// The first `$ORIGIN`, before any relative name.
    Directive,
    /// The absolute owner of the SOA record.
    SoaOwner,
    /// The file's name.
    FileName,
}

impl fmt::Display for OriginSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OriginSource::Flag => "given",
            OriginSource::Directive => "from $ORIGIN",
            OriginSource::SoaOwner => "from the SOA owner",
            OriginSource::FileName => "from the file name",
        })
    }
}

/// Infers the origin of the zone in `text`, read from `path`.
pub fn infer_origin(text: &[u8], path: &Path) -> Option<(Name, OriginSource)> {
    let text = text.strip_prefix(crate::syntax::BOM).unwrap_or(text);
    let mut parser = Parser::fragment(text);
    let mut relative_seen = false;
    while let Some(entry) = parser.next_entry() {
        match &entry.item {
            Item::Directive(Directive::Origin {
                name: NameText::Absolute(wire),
                ..
            }) if !relative_seen => {
                return Name::from_wire(wire).map(|n| (n, OriginSource::Directive));
            }
            Item::Directive(Directive::Origin { .. }) => relative_seen = true,
            Item::Record(r) => {
                let owner_absolute = match r.owner {
                    Owner::Name(NameText::Absolute(wire)) => Some(wire),
                    _ => None,
                };
                if r.rtype == RecordType::SOA {
                    if let Some(wire) = owner_absolute {
                        return Name::from_wire(wire).map(|n| (n, OriginSource::SoaOwner));
                    }
                    // A relative SOA owner needs the origin we are looking for.
                    break;
                }
                if matches!(
                    r.owner,
                    Owner::Name(NameText::Relative(_) | NameText::Origin)
                ) || !r.rdata.relative.is_empty()
                {
                    relative_seen = true;
                }
            }
            Item::Directive(Directive::Generate(_)) => relative_seen = true,
            _ => {}
        }
    }
    from_file_name(path).map(|n| (n, OriginSource::FileName))
}

/// `example.com.zone`, `example.com.db`, `db.example.com`, `example.com`.
pub fn from_file_name(path: &Path) -> Option<Name> {
    let file = path.file_name()?.to_str()?;
    let marked = file
        .strip_suffix(".zone")
        .or_else(|| file.strip_suffix(".db"))
        .or_else(|| file.strip_prefix("db."));
    let stem = marked.unwrap_or(file);
    let stem = stem.strip_suffix('.').unwrap_or(stem);
    // Only names that look like host names: letters, digits, hyphens, dots.
    let looks_like_domain = !stem.is_empty()
        && stem.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        // A bare file name is a domain only if it ends with a top-level
        // domain: `example.com` is one, `notes.txt` is not.
        && (marked.is_some()
            || (stem.contains('.') && stem.rsplit('.').next().is_some_and(|t| crate::dns::is_tld(t.as_bytes()))));
    if !looks_like_domain {
        return None;
    }
    format!("{stem}.").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infer(text: &str, file: &str) -> Option<(String, OriginSource)> {
        infer_origin(text.as_bytes(), Path::new(file)).map(|(n, s)| (n.to_string(), s))
    }

    #[test]
    fn file_names() {
        let name = |f: &str| from_file_name(Path::new(f)).map(|n| n.to_string());
        assert_eq!(
            name("zones/example.com.zone").as_deref(),
            Some("example.com.")
        );
        assert_eq!(name("example.com.db").as_deref(), Some("example.com."));
        assert_eq!(
            name("/etc/bind/db.example.com").as_deref(),
            Some("example.com.")
        );
        assert_eq!(name("example.com").as_deref(), Some("example.com."));
        assert_eq!(
            name("2.0.192.in-addr.arpa").as_deref(),
            Some("2.0.192.in-addr.arpa.")
        );
        assert_eq!(name("internal.txt").as_deref(), None);
        assert_eq!(name("zone.bak").as_deref(), None);
        assert_eq!(name("smallzone.db").as_deref(), Some("smallzone."));
        assert_eq!(name("zonefile").as_deref(), None);
        assert_eq!(name("my zone.db").as_deref(), None);
        assert_eq!(name("db.local").as_deref(), Some("local."));
    }

    #[test]
    fn origin_directive_before_relative_names_wins() {
        let (o, s) = infer("$TTL 1h\n$ORIGIN example.org.\nwww A 192.0.2.1\n", "x.zone").unwrap();
        assert_eq!((o.as_str(), s), ("example.org.", OriginSource::Directive));
    }

    #[test]
    fn soa_owner_when_relative_names_come_first() {
        let text = "example.net. 3600 IN SOA ns hostmaster 1 2 3 4 5\n$ORIGIN sub.example.net.\n";
        let (o, s) = infer(text, "zone.txt").unwrap();
        assert_eq!((o.as_str(), s), ("example.net.", OriginSource::SoaOwner));
    }

    #[test]
    fn file_name_as_last_resort() {
        let (o, s) = infer(
            "@ 3600 IN SOA ns hostmaster 1 2 3 4 5\n",
            "example.com.zone",
        )
        .unwrap();
        assert_eq!((o.as_str(), s), ("example.com.", OriginSource::FileName));
        assert_eq!(
            infer("@ 3600 IN SOA ns hostmaster 1 2 3 4 5\n", "zonefile"),
            None
        );
    }
}
