//! Host-name targets: the names in record data that must lead to an
//! address (an MX exchange; NS, SRV and similar targets), and what can be
//! wrong with one, judged across the zones of the run.
//!
//! A target gets at most one finding, the first that applies in this order
//! (one root cause, one message): written as an address > missing its
//! trailing dot > not a host name > an alias > no address. Names outside
//! every loaded zone, or at or below a delegation, are never judged by
//! existence (zonelint does not query the DNS).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::Context;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::dns::{is_tld, Name, NameRef, RecordType};
use crate::source::{Site, Span};
use crate::zone::{flags, record_flags, Alias, NameId, NoAddress, Record, RecordId, Zone, ZoneId};

/// How a name in record data was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Written {
    /// With a final dot.
    Absolute,
    /// `@`: the origin itself.
    AtSign,
    /// Relative to `origin`; the first `labels` labels were written.
    Relative {
        /// How many labels were written.
        labels: usize,
        /// The origin they were completed with.
        origin: NameId,
    },
}

impl Written {
    /// How `name`, the one name in `record`'s data, was written.
    pub fn of(zone: &Zone, record: &Record, name: NameRef<'_>) -> Written {
        if !record.has(record_flags::RELATIVE_DATA) {
            return Written::Absolute;
        }
        let origin = zone.origin_at(record);
        let labels = name
            .label_count()
            .saturating_sub(zone.names().depth(origin));
        if labels == 0 {
            Written::AtSign
        } else {
            Written::Relative { labels, origin }
        }
    }

    /// The labels of `name` that were written (all of them when absolute).
    pub fn labels<'n>(self, name: NameRef<'n>) -> Vec<&'n [u8]> {
        match self {
            Written::Absolute => name.labels().collect(),
            Written::AtSign => Vec::new(),
            Written::Relative { labels, .. } => name.labels().take(labels).collect(),
        }
    }

    /// The written labels as presentation text, without a final dot
    /// (`mail.example.com` of `mail.example.com.example.com.`).
    pub fn text(self, name: NameRef<'_>) -> String {
        let mut out = String::new();
        for (i, l) in self.labels(name).iter().enumerate() {
            if i > 0 {
                out.push('.');
            }
            crate::dns::name::write_label(&mut out, l);
        }
        out
    }
}

/// Why a target is not a usable host name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// A `*` label.
    Wildcard,
    /// A byte other than a letter, a digit or `-`.
    Character {
        /// The label holding it.
        label: Vec<u8>,
        /// The byte.
        byte: u8,
    },
    /// A label starting or ending with `-`.
    Hyphen {
        /// The label.
        label: Vec<u8>,
    },
}

/// The one finding a target gets, by precedence.
#[derive(Debug, Clone)]
pub enum Issue {
    /// Written as an IPv4 or IPv6 address.
    Ip(IpAddr),
    /// Written relative but meant absolute. `repeats_origin`: the written
    /// name already ends with the origin (certain); otherwise it ends with a
    /// TLD and its expansion owns nothing (likely).
    MissingTrailingDot {
        /// True when the name as written ends with the origin.
        repeats_origin: bool,
    },
    /// Not a host name (RFC 952/1123).
    Invalid(Invalid),
    /// An alias, in the zone `ZoneId`.
    Alias(ZoneId, Alias),
    /// In the zone `ZoneId`, with no address.
    Dangling(ZoneId, NoAddress),
}

/// Classifies a target: `name`, written as `written`, in a record of the
/// context's zone. `None`: nothing is wrong, or nothing can be known.
/// `host_syntax`: whether a name that is not a host name is a finding
/// (MX exchanges, RFC 5321 §2.3.5) or not judged (NS and SRV targets).
pub fn classify(
    cx: &Context<'_>,
    name: NameRef<'_>,
    written: Written,
    host_syntax: bool,
) -> Option<Issue> {
    // Most targets are plain host names: the written labels are looked
    // at closely (an address, a missing dot) only when the first label
    // could start an address or the last could end a name meant absolute.
    if might_be_address(name) || might_miss_dot(cx.zone, name, written) {
        let labels = written.labels(name);
        if let Some(ip) = address(&labels) {
            return Some(Issue::Ip(ip));
        }
        if let Written::Relative { origin, .. } = written {
            if let Some(repeats_origin) = missing_dot(cx.zone, &labels, origin, name) {
                return Some(Issue::MissingTrailingDot { repeats_origin });
            }
        }
    }
    if let Some(why) = invalid_host(name).filter(|_| host_syntax) {
        return Some(Issue::Invalid(why));
    }
    // Existence questions are asked of the zone that holds the name; names
    // outside every loaded zone, or at or below a delegation, are not judged.
    let zone = cx.zone_for(name)?;
    // One walk of the name table answers all three questions.
    let place = zone.place(name)?;
    if zone.delegation_at(place).is_some() {
        return None;
    }
    if let Some(alias) = zone.alias_at(place) {
        return Some(Issue::Alias(zone.id(), alias));
    }
    zone.no_address_at(place)
        .map(|why| Issue::Dangling(zone.id(), why))
}

/// Whether the name's first label could start a written address: digits
/// (IPv4, four labels) or a colon (IPv6).
fn might_be_address(name: NameRef<'_>) -> bool {
    name.first_label().is_some_and(|l| {
        l.contains(&b':') || (!l.is_empty() && l.len() <= 3 && l.iter().all(u8::is_ascii_digit))
    })
}

/// Whether a name written relative could be missing its dot: its last
/// written label is a top-level domain or the origin's last label (what
/// [`missing_dot`] needs to say yes).
fn might_miss_dot(zone: &Zone, name: NameRef<'_>, written: Written) -> bool {
    let Written::Relative { labels, origin } = written else {
        return false;
    };
    let Some(last) = name.labels().nth(labels.saturating_sub(1)) else {
        return false;
    };
    let names = zone.names();
    is_tld(last)
        || names
            .ancestors(origin)
            .take_while(|&n| n != NameId::ROOT)
            .last()
            .is_some_and(|top| names.label(top).eq_ignore_ascii_case(last))
}

/// A record whose data names a host, with the one finding its target gets.
#[derive(Debug, Clone)]
pub struct Classified {
    /// The record.
    pub id: RecordId,
    /// How the target was written.
    pub written: Written,
    /// What is wrong with it.
    pub issue: Issue,
}

/// What a finding on a target that is an alias shows: the alias record
/// (its type token), its owner and target, and where the chain leads
/// (the end, and its spelling as the target was written).
pub struct AliasFacts {
    /// The alias that applies to the target.
    pub alias: Alias,
    /// The alias record's type token.
    pub record: Site,
    /// The alias record's owner.
    pub owner: String,
    /// The alias record's target.
    pub to: String,
    /// The end of the chain and its spelling, or why there is none.
    pub end: Result<(String, String), Blocked>,
}

/// The [`AliasFacts`] of `classified`, whose target is `name`; `None`
/// unless its issue is an alias.
pub fn alias_facts(
    cx: &Context<'_>,
    classified: &Classified,
    name: NameRef<'_>,
) -> Option<AliasFacts> {
    let Issue::Alias(alias_zone, alias) = classified.issue else {
        return None;
    };
    let alias_zone = cx.zone_by_id(alias_zone);
    Some(AliasFacts {
        alias,
        record: alias_zone.type_site(alias.record()),
        owner: alias_zone
            .owner_name(alias_zone.record(alias.record()))
            .to_string(),
        to: alias_zone
            .alias_target(alias)
            .map_or_else(String::new, |n| n.to_string()),
        end: host_at_chain_end(cx, name).map(|end| {
            (
                end.to_string(),
                spell(cx.zone, end.as_ref(), classified.written),
            )
        }),
    })
}

/// The target of `record`'s data at byte `offset`, if well formed.
pub fn target_at(zone: &Zone, id: RecordId, offset: usize) -> Option<NameRef<'_>> {
    zone.rdata(zone.record(id))
        .get(offset..)
        .and_then(NameRef::split_from)
        .map(|(name, _)| name)
}

/// Slots of the cache of target classes of [`host_target_issues`].
const CLASS_CACHE: usize = 4096;

/// The records of `rtype` whose data has a host name at byte `offset`
/// (MX 2, NS 0, SRV 6) with something wrong with it, in file order; the
/// root (a null MX, SRV's "no service") is not judged. `host_syntax` as
/// for [`classify`]. Only findings are kept: a zone of a million records
/// has few.
pub fn host_target_issues(
    cx: &Context<'_>,
    rtype: RecordType,
    offset: usize,
    host_syntax: bool,
) -> Vec<Classified> {
    let zone = cx.zone;
    let mut out = Vec::new();
    // Zones point many records at a few hosts, and records of one
    // delegation or service at the same ones: a name, as written, is
    // classified once while it stays in a small cache of fixed size (one
    // slot per hash; a new name takes the slot over).
    type Slot<'z> = Option<(&'z [u8], Written, Option<Issue>)>;
    // As many slots as records, up to the cache's size: a small zone does
    // not clear a large cache.
    let records = zone.records_of_type(rtype);
    let size = records.len().next_power_of_two().min(CLASS_CACHE);
    let mut classes: Vec<Slot<'_>> = vec![None; size];
    let hasher =
        std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default();
    use std::hash::BuildHasher;
    for &id in records {
        let record = zone.record(id);
        let Some(name) = target_at(zone, id, offset) else {
            continue;
        };
        if name.is_root() {
            continue;
        }
        let written = Written::of(zone, record, name);
        let slot = &mut classes[hasher.hash_one((name.wire(), written)) as usize % size];
        let issue = match slot {
            Some((wire, w, issue)) if *wire == name.wire() && *w == written => issue.clone(),
            _ => {
                let issue = classify(cx, name, written, host_syntax);
                *slot = Some((name.wire(), written, issue.clone()));
                issue
            }
        };
        if let Some(issue) = issue {
            out.push(Classified { id, written, issue });
        }
    }
    out
}

/// The written labels as an IPv4 (four decimal labels) or IPv6 address.
pub fn address(written: &[&[u8]]) -> Option<IpAddr> {
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

/// The one name of `zone` that holds `ip` (an A or AAAA record of it), if
/// exactly one does: the record, and the name.
pub fn address_owner(zone: &Zone, ip: IpAddr) -> Option<(RecordId, Name)> {
    let holders = zone.records_with_address(address_key(ip));
    let first = *holders.first()?;
    let owner = zone.record(first).owner;
    holders
        .iter()
        .all(|&r| zone.record(r).owner == owner)
        .then(|| (first, zone.names().name(owner)))
}

/// An address as the key of [`Zone::records_with_address`].
pub fn address_key(ip: IpAddr) -> [u8; 16] {
    match ip {
        IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
        IpAddr::V6(v6) => v6.octets(),
    }
}

/// `Some(true)`: the written name ends with the origin (case a);
/// `Some(false)`: it has two labels or more, ends with a TLD and the
/// expanded name owns nothing (case b).
fn missing_dot(
    zone: &Zone,
    written: &[&[u8]],
    origin: NameId,
    expanded: NameRef<'_>,
) -> Option<bool> {
    if repeats_origin(zone, written, origin) {
        return Some(true);
    }
    if !looks_absolute(zone, written, origin) {
        return None;
    }
    // A name a wildcard answers for has records too (RFC 4592).
    let owns_records = match zone.lookup(expanded) {
        Some(n) => zone.has_flag(n, flags::RECORDS),
        None => zone.wildcard_covering(expanded).is_some(),
    };
    (!owns_records).then_some(false)
}

/// Whether `name` (in record data), written as `written`, is missing
/// its trailing dot: `Some(true)` surely (it repeats the origin),
/// `Some(false)` likely (it looks absolute and expands to a name that owns
/// nothing), `None` not (or it was written absolute).
pub fn missing_dot_of(zone: &Zone, name: NameRef<'_>, written: Written) -> Option<bool> {
    let Written::Relative { origin, .. } = written else {
        return None;
    };
    missing_dot(zone, &written.labels(name), origin, name)
}

/// True when the labels written relative to `origin` already end with it
/// (`mail.example.com` under `example.com.`): surely meant absolute.
pub fn repeats_origin(zone: &Zone, written: &[&[u8]], origin: NameId) -> bool {
    let names = zone.names();
    let depth = names.depth(origin);
    if depth == 0 || written.len() < depth {
        return false;
    }
    names
        .ancestors(origin)
        .take(depth)
        .zip(&written[written.len() - depth..])
        .all(|(n, w)| names.label(n).eq_ignore_ascii_case(w))
}

/// True when labels written relative to `origin` look like an absolute
/// name: two labels or more, the last a top-level domain. A single
/// relative label (`mx`, `host`, `email`) is how in-zone hosts are named,
/// whatever the TLD list says.
pub fn looks_absolute(zone: &Zone, written: &[&[u8]], origin: NameId) -> bool {
    zone.names().depth(origin) > 0
        && written.len() >= 2
        && written.last().is_some_and(|l| is_tld(l))
}

/// RFC 952/1123 host name syntax, as RFC 5321 §2.3.5 requires of a domain.
pub fn invalid_host(name: NameRef<'_>) -> Option<Invalid> {
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

/// A name written relative that was meant absolute: `subject` (`MX
/// exchange`) written `written` means `expanded` under `origin`;
/// `repeats_origin`: it already ends with the origin, so the dot is
/// certainly what was meant (a safe fix), else it only looks absolute (an
/// unsafe one); `meant` names the thing in the help (`the mail server`).
/// No fix when `fixable` is false (a `$GENERATE` template).
#[allow(clippy::too_many_arguments)]
pub fn missing_dot_finding(
    zone: &Zone,
    rule: &'static super::Rule,
    at: Site,
    subject: &str,
    meant: &str,
    written: &str,
    expanded: &str,
    origin: &str,
    repeats_origin: bool,
    fixable: bool,
) -> Diagnostic {
    let d = rule
        .report(
            at,
            format!("{subject} `{written}` has no trailing dot, so it means `{expanded}`"),
        )
        .with_label(format!("relative to `{origin}`"))
        .with_help(if repeats_origin {
            format!("end the name with a dot: `{written}.`")
        } else {
            format!("if {meant} is `{written}.`, end the name with a dot")
        });
    if !fixable {
        return d;
    }
    let applicability = if repeats_origin {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    d.with_fix(Fix::new(
        applicability,
        format!("add the trailing dot: `{written}.`"),
        vec![Edit::replace(dot_at(zone, at), ".")],
    ))
}

/// Where the trailing dot of the name token `at` goes: at its end, or
/// inside the closing quote of a name written as a quoted string
/// (`"mail.example.com"` becomes `"mail.example.com."`, not
/// `"mail.example.com".`, which would be a second token).
pub fn dot_at(zone: &Zone, at: Site) -> Site {
    let end = at.end();
    match zone.site_text(at) {
        Some([b'"', .., b'"']) => {
            Site::new(at.file, Span::new(end.span.start - 1, end.span.start - 1))
        }
        _ => end,
    }
}

/// Where an alias chain leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chain {
    /// The first name that is not an alias (or that zonelint cannot follow
    /// further: outside the loaded zones, below a delegation).
    End(Name),
    /// The chain comes back to a name it passed, or goes on past 32 steps.
    Loop,
}

/// Follows CNAMEs and DNAMEs through the loaded zones from `start`.
pub fn chain_end(cx: &Context<'_>, start: NameRef<'_>) -> Chain {
    let mut name = start.to_owned();
    let mut seen: Vec<Name> = Vec::new();
    loop {
        if seen.contains(&name) || seen.len() > 32 {
            return Chain::Loop;
        }
        seen.push(name.clone());
        let Some(zone) = cx.zone_for(name.as_ref()) else {
            return Chain::End(name);
        };
        if zone.delegation(name.as_ref()).is_some() {
            return Chain::End(name);
        }
        let Some(alias) = zone.alias_of(name.as_ref()) else {
            return Chain::End(name);
        };
        match zone.alias_next(alias, name.as_ref()) {
            Some(next) => name = next,
            // A DNAME that makes the name longer than 255 octets: no answer
            // (RFC 6672 §2.2, YXDOMAIN), a chain that never ends in a name.
            None => return Chain::Loop,
        }
    }
}

/// Why an alias chain offers no name to point a target at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    /// The chain loops (or never ends in a name).
    Loop,
    /// The chain ends at this name of the loaded zones, which has no
    /// address either.
    NoAddress(Name),
}

impl Blocked {
    /// The help of a finding whose fix this blocks; `action` says what to
    /// do instead (`point the MX at a host name that has an A or AAAA
    /// record`).
    pub fn help(&self, action: &str) -> String {
        match self {
            Blocked::Loop => format!("the alias chain loops; {action}"),
            Blocked::NoAddress(end) => format!(
                "the alias leads to `{end}`, which has no A or AAAA record either; {action}"
            ),
        }
    }
}

/// The name an alias chain from `start` ends at, when it is one a target
/// may name: a host with an address in the loaded zones, or a name they
/// cannot judge (outside them, below a delegation).
pub fn host_at_chain_end(cx: &Context<'_>, start: NameRef<'_>) -> Result<Name, Blocked> {
    let Chain::End(end) = chain_end(cx, start) else {
        return Err(Blocked::Loop);
    };
    let judged = cx
        .zone_for(end.as_ref())
        .filter(|z| z.delegation(end.as_ref()).is_none());
    match judged {
        Some(zone) if zone.no_address(end.as_ref()).is_some() => Err(Blocked::NoAddress(end)),
        _ => Ok(end),
    }
}

/// A name for a replacement, written the way the original was: relative
/// when the original was relative and the name is below that origin.
pub fn spell(zone: &Zone, name: NameRef<'_>, written: Written) -> String {
    if let Written::Relative { origin, .. } = written {
        let origin_name = zone.names().name(origin);
        if name.is_subdomain_of(origin_name.as_ref()) && name != origin_name.as_ref() {
            let keep = name.label_count() - origin_name.as_ref().label_count();
            return Written::Relative {
                labels: keep,
                origin,
            }
            .text(name);
        }
    }
    name.to_string()
}

/// True when fixes may edit the record's tokens (not made by `$GENERATE`,
/// whose one template stands for many records).
pub fn editable(record: &Record) -> bool {
    !record.has(record_flags::GENERATED)
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
