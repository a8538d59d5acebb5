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
    /// A server configuration (`named.conf`, `nsd.conf`, `knot.conf`)
    /// that declares the file as the zone's.
    ServerConfig,
}

impl OriginSource {
    /// As JSON gives it: `given`, `directive`, `soa-owner`, `file-name`,
    /// `server-config`.
    pub fn key(self) -> &'static str {
        match self {
            OriginSource::Flag => "given",
            OriginSource::Directive => "directive",
            OriginSource::SoaOwner => "soa-owner",
            OriginSource::FileName => "file-name",
            OriginSource::ServerConfig => "server-config",
        }
    }
}

impl fmt::Display for OriginSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OriginSource::Flag => "given",
            OriginSource::Directive => "from $ORIGIN",
            OriginSource::SoaOwner => "from the SOA owner",
            OriginSource::FileName => "from the file name",
            OriginSource::ServerConfig => "from the server configuration",
        })
    }
}

/// How many entries after the first `$ORIGIN` are read looking for the SOA
/// before that `$ORIGIN` is taken for the zone (the SOA comes first in
/// almost every file; a fragment has none).
const SOA_SEARCH: usize = 10_000;

/// Infers the origin of the zone in `text`, read from `path`.
///
/// The zone is where its SOA is, once names are resolved: the first
/// `$ORIGIN` before any relative name sets the names that follow, and the
/// SOA owner resolved through it (and the `$ORIGIN`s after it) is the zone
/// (`$ORIGIN com.` then `example SOA ...` is the zone `example.com.`).
/// `$ORIGIN .` is BIND's dump format (and exports made from it), which
/// writes every name from the root. Without an SOA, the first `$ORIGIN`
/// is the zone; with `$ORIGIN .` only a file whose SOA is at the root is
/// the root zone.
pub fn infer_origin(text: &[u8], path: &Path) -> Option<(Name, OriginSource)> {
    let text = text.strip_prefix(crate::syntax::BOM).unwrap_or(text);
    let mut parser = Parser::fragment(text);
    let mut relative_seen = false;
    // After a first `$ORIGIN`: the origin in force (wire form), which
    // resolves every name, so the SOA owner can be; and the first one.
    let mut current: Option<Vec<u8>> = None;
    let mut first: Option<Vec<u8>> = None;
    let mut after_first = 0usize;
    let directive = |first: &Option<Vec<u8>>| {
        first
            .as_deref()
            .and_then(Name::from_wire)
            .map(|n| (n, OriginSource::Directive))
    };
    while let Some(entry) = parser.next_entry() {
        if first.is_some() {
            after_first += 1;
            if after_first > SOA_SEARCH {
                break;
            }
        }
        match &entry.item {
            Item::Directive(Directive::Origin {
                name: NameText::Absolute(wire),
                ..
            }) if !relative_seen => {
                if first.is_none() {
                    first = Some(wire.to_vec());
                }
                current = Some(wire.to_vec());
            }
            Item::Directive(Directive::Origin {
                name: NameText::Relative(labels),
                ..
            }) if current.is_some() => {
                let mut wire = labels.to_vec();
                wire.extend_from_slice(current.as_deref().unwrap_or(&[0]));
                current = Some(wire);
            }
            Item::Directive(Directive::Origin { .. }) => relative_seen = true,
            Item::Record(r) => {
                let owner = match (r.owner, current.as_deref()) {
                    (Owner::Name(NameText::Absolute(wire)), _) => Some(wire.to_vec()),
                    (Owner::Name(NameText::Relative(labels)), Some(origin)) => {
                        Some([labels, origin].concat())
                    }
                    (Owner::Name(NameText::Origin), Some(origin)) => Some(origin.to_vec()),
                    _ => None,
                };
                if r.rtype == RecordType::SOA {
                    if let Some(wire) = owner {
                        // `$ORIGIN example.com.` then `@ SOA`: the directive
                        // named it.
                        let source = match &first {
                            Some(f) if f.eq_ignore_ascii_case(&wire) => OriginSource::Directive,
                            _ => OriginSource::SoaOwner,
                        };
                        return Name::from_wire(&wire).map(|n| (n, source));
                    }
                    // A relative SOA owner needs the origin we are looking for.
                    break;
                }
                let relative_owner = matches!(
                    r.owner,
                    Owner::Name(NameText::Relative(_) | NameText::Origin)
                );
                if current.is_none() && (relative_owner || !r.rdata.relative.is_empty()) {
                    relative_seen = true;
                }
            }
            Item::Directive(Directive::Generate(_)) if current.is_none() => relative_seen = true,
            _ => {}
        }
    }
    if first.is_some() {
        return directive(&first);
    }
    from_file_name(path).map(|n| (n, OriginSource::FileName))
}

/// `example.com.zone`, `example.com.db`, `db.example.com`, `example.com`;
/// reverse zones named by their network in forward order, as BIND's
/// documentation and Debian name them (`db.192.168.1`, `192.168.1.rev`,
/// `db.10`, Debian's `db.127`, `db.0`, `db.255`: the `in-addr.arpa.`
/// zones); Debian's `db.local` is the zone `localhost.`, and its
/// `db.empty`, shared by many empty zones, names none.
pub fn from_file_name(path: &Path) -> Option<Name> {
    let file = path.file_name()?.to_str()?;
    // A template (`example.com.db.in`) is named as the file it makes.
    let file = file
        .strip_suffix(".in")
        .filter(|f| f.contains('.'))
        .unwrap_or(file);
    // `.rev` marks a reverse zone: it names one only by its network.
    let rev = file.strip_suffix(".rev");
    let marked = file
        .strip_suffix(".zone")
        .or_else(|| file.strip_suffix(".db"))
        .or(rev)
        .or_else(|| file.strip_prefix("db."));
    let stem = marked.unwrap_or(file);
    let stem = stem.strip_suffix('.').unwrap_or(stem);
    if marked.is_some() {
        match stem {
            // `root.zone`, `root.db` (and `db.root` with an SOA: without
            // one it is root hints, not a zone).
            "root" => return Some(Name::root()),
            "local" if file.starts_with("db.") => return "localhost.".parse().ok(),
            "empty" if file.starts_with("db.") => return None,
            _ => {}
        }
        let octets: Vec<&str> = stem.split('.').collect();
        let network = octets.len() <= 4
            && octets.iter().all(|o| {
                !o.is_empty()
                    && o.len() <= 3
                    && o.bytes().all(|b| b.is_ascii_digit())
                    && o.parse::<u16>().is_ok_and(|v| v <= 255)
            });
        if network {
            let reversed: Vec<&str> = octets.iter().rev().copied().collect();
            return format!("{}.in-addr.arpa.", reversed.join(".")).parse().ok();
        }
        if rev.is_some() {
            return None;
        }
    }
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
        // Reverse zones by their network, and Debian's stock files.
        assert_eq!(
            name("db.192.168.1").as_deref(),
            Some("1.168.192.in-addr.arpa.")
        );
        assert_eq!(
            name("zones/192.168.1.rev").as_deref(),
            Some("1.168.192.in-addr.arpa.")
        );
        assert_eq!(name("db.10").as_deref(), Some("10.in-addr.arpa."));
        assert_eq!(
            name("/etc/bind/db.127").as_deref(),
            Some("127.in-addr.arpa.")
        );
        assert_eq!(name("db.0").as_deref(), Some("0.in-addr.arpa."));
        assert_eq!(name("db.255").as_deref(), Some("255.in-addr.arpa."));
        assert_eq!(name("db.local").as_deref(), Some("localhost."));
        assert_eq!(name("db.empty").as_deref(), None);
        assert_eq!(name("example.com.rev").as_deref(), None);
        // Not networks: a year, five numbers, an octet too large.
        assert_eq!(name("db.2024").as_deref(), Some("2024."));
        assert_eq!(name("db.1.2.3.4.5").as_deref(), Some("1.2.3.4.5."));
        assert_eq!(name("db.192.168.300").as_deref(), Some("192.168.300."));
        assert_eq!(
            name("2.0.192.in-addr.arpa.zone").as_deref(),
            Some("2.0.192.in-addr.arpa.")
        );
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

    /// BIND's dump format: `$ORIGIN .`, then names from the root.
    #[test]
    fn origin_dot_takes_the_zone_of_its_soa() {
        let dump = "$ORIGIN .\n$TTL 3600\nexample.com IN SOA ns1.example.com. h.example.com. 1 2 3 4 5\n\t\tNS ns1.example.com.\n$ORIGIN example.com.\nns1 A 192.0.2.53\n";
        let (o, s) = infer(dump, "db.other").unwrap();
        assert_eq!((o.as_str(), s), ("example.com.", OriginSource::SoaOwner));
        // The root zone itself.
        let root = "$ORIGIN .\n@ IN SOA a.root-servers.net. nstld.verisign-grs.com. 1 2 3 4 5\n";
        let (o, s) = infer(root, "root.zone").unwrap();
        assert_eq!((o.as_str(), s), (".", OriginSource::Directive));
        // Any first `$ORIGIN`: the SOA resolved through it is the zone.
        let text = "$ORIGIN com.
$TTL 1h
example IN SOA ns h 1 2 3 4 5
";
        let (o, s) = infer(text, "x").unwrap();
        assert_eq!((o.as_str(), s), ("example.com.", OriginSource::SoaOwner));
        let text = "$ORIGIN example.com.
$TTL 1h
@ IN SOA ns h 1 2 3 4 5
";
        let (o, s) = infer(text, "x").unwrap();
        assert_eq!((o.as_str(), s), ("example.com.", OriginSource::Directive));
        // Templates and the root zone by their file names.
        assert_eq!(
            from_file_name(Path::new("example.com.db.in"))
                .unwrap()
                .to_string(),
            "example.com."
        );
        assert_eq!(
            from_file_name(Path::new("root.zone")).unwrap().to_string(),
            "."
        );
        // `$ORIGIN .`, then the origins in force resolve the SOA owner.
        let text = "$ORIGIN .\n$ORIGIN example.org.\n@ SOA ns h 1 2 3 4 5\n";
        let (o, s) = infer(text, "x").unwrap();
        assert_eq!((o.as_str(), s), ("example.org.", OriginSource::SoaOwner));
        let text =
            "$ORIGIN .\n$ORIGIN org.\n$ORIGIN example\nwww A 192.0.2.1\n@ SOA ns h 1 2 3 4 5\n";
        let (o, s) = infer(text, "x").unwrap();
        assert_eq!((o.as_str(), s), ("example.org.", OriginSource::SoaOwner));
        // No SOA: the names are from the root, whatever `$ORIGIN` follows.
        let text = "$ORIGIN .\nwww.example.com A 192.0.2.1\n$ORIGIN tld.\na NS @\n";
        let (o, s) = infer(text, "example.net.zone").unwrap();
        assert_eq!((o.as_str(), s), (".", OriginSource::Directive));
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
