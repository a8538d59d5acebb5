//! MX rules: the checks that keep a domain's mail flowing.
//!
//! Every MX record's exchange gets at most one finding, the first that
//! applies in this order (one root cause, one message):
//! `mx-target-ip` > `mx-missing-trailing-dot` > `mx-target-invalid` >
//! `mx-target-cname` > `mx-target-dangling`. [`analyze`] classifies each
//! exchange once, by that precedence; each rule reports its own class.

mod backup_preferred;
mod duplicate;
mod missing;
mod missing_trailing_dot;
mod null_mixed;
mod null_preference;
mod preference_range;
mod target_cname;
mod target_dangling;
mod target_invalid;
mod target_ip;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::dns::is_tld;

pub use backup_preferred::MxBackupPreferred;
pub use duplicate::MxDuplicate;
pub use missing::MxMissing;
pub use missing_trailing_dot::MxMissingTrailingDot;
pub use null_mixed::MxNullMixed;
pub use null_preference::MxNullPreference;
pub use preference_range::MxPreferenceRange;
pub use target_cname::MxTargetCname;
pub use target_dangling::MxTargetDangling;
pub use target_invalid::MxTargetInvalid;
pub use target_ip::MxTargetIp;

use super::Context;
use crate::dns::rdata::{single_name, Mx};
use crate::dns::{Name, NameRef, RecordType};
use crate::source::{FileId, Span};
use crate::zone::{flags, record_flags, NameId, RecordId, Zone};

/// How an exchange was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Written {
    /// With a final dot.
    Absolute,
    /// `@`: the origin itself.
    AtSign,
    /// Relative to `origin`; the first `labels` labels were written.
    Relative { labels: usize, origin: NameId },
}

/// Why an exchange is not a usable host name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    Wildcard,
    Character { label: Vec<u8>, byte: u8 },
    Hyphen { label: Vec<u8> },
}

/// What a CNAME-like finding points at.
#[derive(Debug, Clone, Copy)]
pub enum Alias<'z> {
    /// The exchange owns a CNAME (the record).
    Cname(&'z Zone, RecordId),
    /// The exchange is covered by a wildcard that owns a CNAME.
    WildcardCname(&'z Zone, RecordId),
    /// The exchange is below a DNAME (the record).
    Dname(&'z Zone, RecordId),
}

/// Why an in-zone exchange has no address.
#[derive(Debug, Clone, Copy)]
pub enum Dangling<'z> {
    /// The name does not exist and no wildcard covers it.
    NoSuchName(&'z Zone),
    /// The name owns records, none of them A or AAAA.
    NoAddress(&'z Zone, NameId),
    /// The name exists only as an ancestor of other names.
    EmptyNonTerminal(&'z Zone),
    /// A wildcard without A or AAAA covers the name.
    WildcardNoAddress(&'z Zone, NameId),
}

/// The one finding an exchange gets, by precedence.
#[derive(Debug, Clone)]
pub enum Issue<'z> {
    Ip(IpAddr),
    /// `repeats_origin`: the written name already ends with the origin
    /// (case a, certain); otherwise it ends with a TLD (case b, likely).
    MissingTrailingDot {
        repeats_origin: bool,
    },
    Invalid(Invalid),
    Alias(Alias<'z>),
    Dangling(Dangling<'z>),
}

/// An MX record and what is known about its exchange.
#[derive(Debug, Clone)]
pub struct MxInfo<'z> {
    pub id: RecordId,
    /// `None` when the preference as written is not 0..=65535.
    pub preference: Option<u16>,
    pub exchange: NameRef<'z>,
    pub written: Written,
    pub issue: Option<Issue<'z>>,
}

impl MxInfo<'_> {
    /// A null MX (RFC 7505): the exchange is the root.
    pub fn is_null(&self) -> bool {
        self.exchange.is_root()
    }
}

/// Classifies every MX record of the zone.
pub(crate) fn analyze<'z>(cx: &Context<'z>) -> Vec<MxInfo<'z>> {
    let zone = cx.zone;
    let mut out = Vec::new();
    // Zones point many MX records at a few exchanges: the class depends
    // only on the exchange as written, so each is classified once.
    let mut classes: HashMap<(&'z [u8], Written), Option<Issue<'z>>> = HashMap::new();
    for (id, record) in zone.records() {
        if record.rtype != RecordType::MX {
            continue;
        }
        let Some(mx) = Mx::from_wire(zone.rdata(record)) else {
            continue;
        };
        let written = if !record.has(record_flags::RELATIVE_DATA) {
            Written::Absolute
        } else {
            let origin = zone.origin_at(record);
            let labels = mx
                .exchange
                .label_count()
                .saturating_sub(zone.names().depth(origin));
            if labels == 0 {
                Written::AtSign
            } else {
                Written::Relative { labels, origin }
            }
        };
        let mut info = MxInfo {
            id,
            preference: (!record.has(record_flags::BAD_PREFERENCE)).then_some(mx.preference),
            exchange: mx.exchange,
            written,
            issue: None,
        };
        if !info.is_null() {
            info.issue = classes
                .entry((info.exchange.wire(), info.written))
                .or_insert_with(|| classify(cx, &info))
                .clone();
        }
        out.push(info);
    }
    out
}

fn classify<'z>(cx: &Context<'z>, mx: &MxInfo<'z>) -> Option<Issue<'z>> {
    let written: Vec<&[u8]> = match mx.written {
        Written::Absolute => mx.exchange.labels().collect(),
        Written::AtSign => Vec::new(),
        Written::Relative { labels, .. } => mx.exchange.labels().take(labels).collect(),
    };
    if let Some(ip) = address(&written) {
        return Some(Issue::Ip(ip));
    }
    if let Written::Relative { origin, .. } = mx.written {
        if let Some(repeats_origin) = missing_dot(cx.zone, &written, origin, mx.exchange) {
            return Some(Issue::MissingTrailingDot { repeats_origin });
        }
    }
    if let Some(why) = invalid_host(mx.exchange) {
        return Some(Issue::Invalid(why));
    }
    // Existence questions are asked of the zone that holds the name; names
    // outside every loaded zone, or at or below a delegation, are not judged.
    let zone = cx.zone_for(mx.exchange)?;
    if zone.delegation(mx.exchange).is_some() {
        return None;
    }
    if let Some(alias) = alias(zone, mx.exchange) {
        return Some(Issue::Alias(alias));
    }
    dangling(zone, mx.exchange).map(Issue::Dangling)
}

/// The written labels as an IPv4 (four decimal labels) or IPv6 address.
fn address(written: &[&[u8]]) -> Option<IpAddr> {
    if written.len() == 4
        && written
            .iter()
            .all(|l| (1..=3).contains(&l.len()) && l.iter().all(u8::is_ascii_digit))
    {
        let octets: Vec<u16> = written
            .iter()
            .map(|l| l.iter().fold(0u16, |a, &d| a * 10 + u16::from(d - b'0')))
            .collect();
        if octets.iter().all(|&o| o <= 255) {
            return Some(IpAddr::V4(Ipv4Addr::new(
                octets[0] as u8,
                octets[1] as u8,
                octets[2] as u8,
                octets[3] as u8,
            )));
        }
    }
    if written.first().is_some_and(|l| l.contains(&b':')) {
        let text: Vec<u8> = written.join(&b'.');
        if let Ok(v6) = std::str::from_utf8(&text).ok()?.parse::<Ipv6Addr>() {
            return Some(IpAddr::V6(v6));
        }
    }
    None
}

/// `Some(true)`: the written name ends with the origin (case a);
/// `Some(false)`: it ends with a TLD and the expanded name owns nothing (b).
fn missing_dot(
    zone: &Zone,
    written: &[&[u8]],
    origin: NameId,
    expanded: NameRef<'_>,
) -> Option<bool> {
    let names = zone.names();
    let origin_labels: Vec<&[u8]> = names
        .ancestors(origin)
        .take(names.depth(origin))
        .map(|n| names.label(n))
        .collect();
    if !origin_labels.is_empty() && written.len() >= origin_labels.len() {
        let tail = &written[written.len() - origin_labels.len()..];
        if tail
            .iter()
            .zip(&origin_labels)
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
        {
            return Some(true);
        }
    }
    // A single relative label (`mx`, `host`, `email`) is how in-zone hosts
    // are named, whatever the TLD list says; only `a.b.tld` looks absolute.
    let last = written.last()?;
    if origin_labels.is_empty() || written.len() < 2 || !is_tld(last) {
        return None;
    }
    let owns_records = zone
        .lookup(expanded)
        .is_some_and(|n| zone.has_flag(n, flags::RECORDS));
    (!owns_records).then_some(false)
}

/// RFC 952/1123 host name syntax, as RFC 5321 §2.3.5 requires of a domain.
fn invalid_host(name: NameRef<'_>) -> Option<Invalid> {
    for label in name.labels() {
        if label == b"*" {
            return Some(Invalid::Wildcard);
        }
        if let Some(&byte) = label
            .iter()
            .find(|b| !(b.is_ascii_alphanumeric() || **b == b'-'))
        {
            return Some(Invalid::Character {
                label: label.to_vec(),
                byte,
            });
        }
        if label.starts_with(b"-") || label.ends_with(b"-") {
            return Some(Invalid::Hyphen {
                label: label.to_vec(),
            });
        }
    }
    None
}

/// A CNAME at the name, a DNAME above it, or a wildcard CNAME covering it.
fn alias<'z>(zone: &'z Zone, name: NameRef<'_>) -> Option<Alias<'z>> {
    if let Some(node) = zone.lookup(name) {
        if zone.has_flag(node, flags::CNAME) {
            return zone
                .rrset(node, RecordType::CNAME)
                .next()
                .map(|r| Alias::Cname(zone, r));
        }
    }
    if let Some(dname) = zone.dname_above(name) {
        return zone
            .rrset(dname, RecordType::DNAME)
            .next()
            .map(|r| Alias::Dname(zone, r));
    }
    let wildcard = zone.wildcard_covering(name)?;
    zone.rrset(wildcard, RecordType::CNAME)
        .next()
        .map(|r| Alias::WildcardCname(zone, r))
}

fn dangling<'z>(zone: &'z Zone, name: NameRef<'_>) -> Option<Dangling<'z>> {
    match zone.lookup(name) {
        Some(node) if zone.has_flag(node, flags::ADDRESS) => None,
        Some(node) if zone.has_flag(node, flags::RECORDS) => Some(Dangling::NoAddress(zone, node)),
        Some(_) => Some(Dangling::EmptyNonTerminal(zone)),
        None => match zone.wildcard_covering(name) {
            Some(w) if zone.has_flag(w, flags::ADDRESS) => None,
            Some(w) => Some(Dangling::WildcardNoAddress(zone, w)),
            None => Some(Dangling::NoSuchName(zone)),
        },
    }
}

/// Follows CNAMEs and DNAMEs through the loaded zones from `start`.
/// Returns the name the chain ends at, or `None` if it loops.
pub(crate) fn chain_end(cx: &Context<'_>, start: NameRef<'_>) -> Option<Name> {
    let mut name = start.to_owned();
    let mut seen: Vec<Name> = Vec::new();
    loop {
        if seen.contains(&name) || seen.len() > 32 {
            return None;
        }
        seen.push(name.clone());
        let Some(zone) = cx.zone_for(name.as_ref()) else {
            return Some(name);
        };
        if zone.delegation(name.as_ref()).is_some() {
            return Some(name);
        }
        let next = match alias(zone, name.as_ref()) {
            Some(Alias::Cname(z, r)) | Some(Alias::WildcardCname(z, r)) => {
                single_name(z.rdata(z.record(r))).map(NameRef::to_owned)
            }
            Some(Alias::Dname(z, r)) => dname_substitute(z, r, name.as_ref()),
            None => return Some(name),
        };
        match next {
            Some(n) => name = n,
            None => return Some(name),
        }
    }
}

/// RFC 6672 §2.2: replace the DNAME owner suffix of `name` with its target.
fn dname_substitute(zone: &Zone, dname: RecordId, name: NameRef<'_>) -> Option<Name> {
    let record = zone.record(dname);
    let target = single_name(zone.rdata(record))?;
    let owner_depth = zone.names().depth(record.owner);
    let keep = name.label_count().checked_sub(owner_depth)?;
    let mut wire = Vec::new();
    for label in name.labels().take(keep) {
        wire.push(label.len() as u8);
        wire.extend_from_slice(label);
    }
    wire.extend_from_slice(target.wire());
    Name::from_wire(&wire)
}

/// The MX records at the same owner as `mx` (itself included), in file
/// order, from the index: no scan of the zone.
pub(crate) fn same_owner<'a, 'z>(
    cx: &'a Context<'z>,
    mx: &MxInfo<'z>,
) -> impl Iterator<Item = &'a MxInfo<'z>> + 'a {
    let zone = cx.zone;
    let all = cx.mx_records();
    zone.rrset(zone.record(mx.id).owner, RecordType::MX)
        .filter_map(move |id| {
            all.binary_search_by_key(&id, |m| m.id)
                .ok()
                .map(|i| &all[i])
        })
}

/// The token spans of an MX record: `(file, preference, exchange)`.
pub(crate) fn spans(zone: &Zone, id: RecordId) -> (FileId, Span, Span) {
    let record = zone.record(id);
    let syntax = zone.record_syntax(id);
    let fallback = zone.record_span(record);
    let preference = syntax.rdata.first().copied().unwrap_or(fallback);
    let exchange = syntax
        .rdata
        .get(1)
        .or(syntax.rdata.first())
        .copied()
        .unwrap_or(fallback);
    (zone.file_id(record), preference, exchange)
}

/// True when fixes may edit the record's tokens (not made by `$GENERATE`).
pub(crate) fn editable(zone: &Zone, id: RecordId) -> bool {
    !zone.record(id).has(record_flags::GENERATED)
}

/// A name for a replacement, written the way the original was: relative
/// when the original was relative and the name is below that origin.
pub(crate) fn spell(zone: &Zone, name: NameRef<'_>, written: Written) -> String {
    if let Written::Relative { origin, .. } = written {
        let origin_name = zone.names().name(origin);
        if name.is_subdomain_of(origin_name.as_ref()) && name != origin_name.as_ref() {
            let keep = name.label_count() - origin_name.as_ref().label_count();
            let mut out = String::new();
            for (i, label) in name.labels().take(keep).enumerate() {
                if i > 0 {
                    out.push('.');
                }
                crate::dns::name::write_label(&mut out, label);
            }
            return out;
        }
    }
    name.to_string()
}

/// The name an MX record belongs to, for messages.
pub(crate) fn owner(zone: &Zone, id: RecordId) -> Name {
    zone.owner_name(zone.record(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_as_written() {
        let v4: Vec<&[u8]> = vec![b"192", b"0", b"2", b"1"];
        assert_eq!(address(&v4), Some("192.0.2.1".parse().unwrap()));
        let not: Vec<&[u8]> = vec![b"192", b"0", b"2", b"300"];
        assert_eq!(address(&not), None);
        let host: Vec<&[u8]> = vec![b"mail", b"0", b"2", b"1"];
        assert_eq!(address(&host), None);
        let v6: Vec<&[u8]> = vec![b"2001:db8::1"];
        assert_eq!(address(&v6), Some("2001:db8::1".parse().unwrap()));
        let mapped: Vec<&[u8]> = vec![b"::ffff:192", b"0", b"2", b"1"];
        assert_eq!(address(&mapped), Some("::ffff:192.0.2.1".parse().unwrap()));
    }

    #[test]
    fn host_names() {
        let name = |s: &str| s.parse::<Name>().unwrap();
        assert_eq!(invalid_host(name("mail.example.com.").as_ref()), None);
        assert_eq!(invalid_host(name("1mail.example.com.").as_ref()), None);
        assert_eq!(
            invalid_host(name("*.example.com.").as_ref()),
            Some(Invalid::Wildcard)
        );
        assert!(matches!(
            invalid_host(name("mail_1.example.").as_ref()),
            Some(Invalid::Character { byte: b'_', .. })
        ));
        assert!(matches!(
            invalid_host(name("-mail.example.").as_ref()),
            Some(Invalid::Hyphen { .. })
        ));
        assert!(matches!(
            invalid_host(name("mail-.example.").as_ref()),
            Some(Invalid::Hyphen { .. })
        ));
    }
}
