//! What the DMARC, DKIM, MTA-STS and TLS-RPT rules share: the TXT records
//! at the names where receivers look for each policy, read once as tag
//! lists, and the checks of values that several of them use.

use super::tags::{Tag, TagList};
use super::text::{joined, starts_with_ignore_case};
use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{Context, Rule, Shared};
use crate::zone::{NameId, RecordId, Zone};

/// The kinds of tag-list policy records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `_dmarc.<domain>` (RFC 7489 §6.1).
    Dmarc,
    /// `<selector>._domainkey.<domain>` (RFC 6376 §3.6.2.1).
    Dkim,
    /// `_mta-sts.<domain>` (RFC 8461 §3.1).
    MtaSts,
    /// `_smtp._tls.<domain>` (RFC 8460 §3).
    TlsRpt,
}

impl Kind {
    /// The version tag's name and value that starts a record of the kind.
    pub fn version(self) -> &'static str {
        match self {
            Kind::Dmarc => "DMARC1",
            Kind::Dkim => "DKIM1",
            Kind::MtaSts => "STSv1",
            Kind::TlsRpt => "TLSRPTv1",
        }
    }
}

/// A TXT record at a policy name that reads as a record of the kind.
pub(crate) struct PolicyRecord {
    pub id: RecordId,
    pub kind: Kind,
    /// The strings, joined.
    pub text: Vec<u8>,
    pub tags: TagList,
}

impl PolicyRecord {
    /// Whether the record starts with the kind's version tag, as receivers
    /// select records (ASCII case of the value ignored, as they compare).
    pub fn is_versioned(&self) -> bool {
        self.tags.errors.first().is_none_or(|(r, _)| {
            self.tags
                .tags
                .first()
                .is_some_and(|t| t.range.start < r.start)
        }) && self
            .tags
            .tags
            .first()
            .is_some_and(|t| t.name == "v" && t.value.eq_ignore_ascii_case(self.kind.version()))
    }

    /// The first tag named `name`.
    pub fn tag(&self, name: &str) -> Option<&Tag> {
        self.tags.get(name)
    }
}

/// Where a zone's policy records are: the TXT records at policy names, by
/// kind, and the DMARC records written elsewhere. Only ids are kept; each
/// record is read as a rule reaches it.
pub(crate) struct Policies {
    records: Vec<(RecordId, Kind)>,
    /// TXT records starting with `v=DMARC1` at names where receivers do
    /// not look for a policy.
    pub dmarc_elsewhere: Vec<RecordId>,
}

fn label_is(zone: &Zone, name: NameId, label: &str) -> bool {
    zone.names()
        .label(name)
        .eq_ignore_ascii_case(label.as_bytes())
}

/// The kind of policy receivers look for at `name`, if any.
fn kind_at(zone: &Zone, name: NameId) -> Option<Kind> {
    let names = zone.names();
    let parent = names.parent(name)?;
    if label_is(zone, name, "_dmarc") {
        return Some(Kind::Dmarc);
    }
    if label_is(zone, name, "_mta-sts") {
        return Some(Kind::MtaSts);
    }
    if label_is(zone, name, "_smtp") && label_is(zone, parent, "_tls") {
        return Some(Kind::TlsRpt);
    }
    // A selector may hold dots: any name below a `_domainkey` label.
    names
        .ancestors(parent)
        .any(|a| names.parent(a).is_some() && label_is(zone, a, "_domainkey"))
        .then_some(Kind::Dkim)
}

/// Whether `name` is a DMARC report authorisation
/// (`<domain>._report._dmarc.<reporter>`, RFC 7489 §7.1).
pub(crate) fn is_report_authorisation(zone: &Zone, name: NameId) -> bool {
    let names = zone.names();
    // The domain part has one label or more: any `_report` label below the
    // name, whose parent is `_dmarc`.
    names.ancestors(name).skip(1).any(|report| {
        label_is(zone, report, "_report")
            && names
                .parent(report)
                .is_some_and(|dmarc| label_is(zone, dmarc, "_dmarc"))
    })
}

/// Whether a record of `kind` reads as one: it names the version, or
/// (written without it, or not first) holds the tag that defines the kind.
fn looks_like(kind: Kind, tags: &TagList) -> bool {
    let defining = match kind {
        Kind::Dmarc => "p",
        Kind::Dkim => "p",
        Kind::MtaSts => "id",
        Kind::TlsRpt => "rua",
    };
    tags.tags.iter().any(|t| {
        (t.name.eq_ignore_ascii_case("v") && t.value.eq_ignore_ascii_case(kind.version()))
            || t.name == defining
    })
}

impl PolicyRecord {
    /// Record `id`, at a name of `kind`, when it reads as a record of it.
    pub(crate) fn of(zone: &Zone, id: RecordId, kind: Kind) -> Option<PolicyRecord> {
        let text = joined(zone.rdata(zone.record(id)))?;
        let mut tags = TagList::parse(&text);
        if kind == Kind::Dmarc {
            // RFC 7489 §6.4: tag names are ABNF strings, case-blind.
            for tag in &mut tags.tags {
                tag.name.make_ascii_lowercase();
            }
        }
        looks_like(kind, &tags).then_some(PolicyRecord {
            id,
            kind,
            text,
            tags,
        })
    }
}

static POLICIES: Shared<Policies> = Shared::new(|cx| {
    let zone = cx.zone;
    let mut policies = Policies {
        records: Vec::new(),
        dmarc_elsewhere: Vec::new(),
    };
    for &id in zone.records_of_type(RecordType::TXT) {
        let record = zone.record(id);
        match kind_at(zone, record.owner) {
            Some(kind) => policies.records.push((id, kind)),
            None => {
                if starts_with_ignore_case(zone.rdata(record), b"v=DMARC1")
                    && !is_report_authorisation(zone, record.owner)
                {
                    policies.dmarc_elsewhere.push(id);
                }
            }
        }
    }
    policies
});

/// Where the zone's policy records are.
pub(crate) fn policies<'c>(cx: &'c Context<'_>) -> &'c Policies {
    cx.shared(&POLICIES)
}

/// The zone's policy records of `kind`, in file order, each read as it is
/// reached.
pub(crate) fn records_of<'c>(
    cx: &'c Context<'_>,
    kind: Kind,
) -> impl Iterator<Item = PolicyRecord> + 'c {
    let zone = cx.zone;
    policies(cx)
        .records
        .iter()
        .filter(move |&&(_, k)| k == kind)
        .filter_map(move |&(id, k)| PolicyRecord::of(zone, id, k))
}

/// The records of `kind` that start with the version tag, grouped by
/// owner (owners in the order of their first record), for the "more than
/// one record" checks.
pub(crate) fn versioned_by_owner(cx: &Context<'_>, kind: Kind) -> Vec<(NameId, Vec<RecordId>)> {
    let zone = cx.zone;
    let mut groups: Vec<(NameId, Vec<RecordId>)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for record in records_of(cx, kind).filter(PolicyRecord::is_versioned) {
        let owner = zone.record(record.id).owner;
        let at = *index.entry(owner).or_insert_with(|| {
            groups.push((owner, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(record.id);
    }
    groups
}

/// The findings on a record's grammar, its version and its extension
/// fields (those not in `defined`, which the caller checks).
pub(crate) fn field_findings(
    record: &PolicyRecord,
    what: &str,
    reference: &str,
    defined: &[&str],
    out: &mut Vec<(std::ops::Range<usize>, String, String)>,
) {
    let tags = &record.tags;
    for (range, message) in &tags.errors {
        out.push((
            range.clone(),
            format!("in the {what} record, {message}"),
            format!("write `field=value` pairs separated by `;` ({reference})"),
        ));
    }
    match tags.tags.first() {
        Some(first) if first.name == "v" && first.value == record.kind.version() => {}
        first => {
            let v = tags.get("v");
            let version = record.kind.version();
            out.push((
                v.or(first)
                    .map_or(0..record.text.len(), |t| t.range.clone()),
                match v {
                    Some(v) if first.is_some_and(|f| f.range == v.range) => {
                        format!(
                            "version `v={}` of the {what} record: it is `v={version}`",
                            v.value
                        )
                    }
                    Some(_) => {
                        format!("`v={version}` is not the first field: senders ignore the record")
                    }
                    None => format!("no `v={version}` in the {what} record: senders ignore it"),
                },
                format!("start the record with `v={version};` ({reference})"),
            ));
        }
    }
    if let Some((second, _)) = tags.repeated() {
        out.push((
            second.range.clone(),
            format!(
                "field `{}` is written twice in the {what} record",
                second.name
            ),
            format!("keep one ({reference})"),
        ));
    }
    for tag in tags
        .tags
        .iter()
        .filter(|t| t.name != "v" && !defined.contains(&t.name.as_str()))
    {
        if let Some(problem) = extension_problem(tag) {
            out.push((
                tag.range.clone(),
                format!("field `{}` of the {what} record: {problem}", tag.name),
                format!("see {reference}"),
            ));
        }
    }
}

/// What breaks the grammar of an extension field (RFC 8461 §3.1, RFC 8460
/// §3: a name of letters, digits, `_`, `-`, `.`, at most 32; a value of
/// visible characters but `;` and `=`).
fn extension_problem(tag: &Tag) -> Option<String> {
    if tag.name.len() > 32
        || tag
            .name
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || "_-.".contains(c)))
    {
        return Some("the name is not 1–32 letters, digits, `_`, `-`, `.`".to_string());
    }
    if tag.value.is_empty() {
        return Some("the value is empty".to_string());
    }
    tag.value
        .bytes()
        .any(|b| !(0x21..=0x7e).contains(&b) || b == b';' || b == b'=')
        .then(|| "the value holds white space, `=` or a byte that is not visible ASCII".to_string())
}

/// The finding of `rule` for `owner`, which has several records of one
/// kind (`records`, in file order): on the second, the others as
/// secondary labels.
pub(crate) fn several(
    rule: &'static Rule,
    cx: &Context<'_>,
    owner: NameId,
    records: &[RecordId],
    what: &str,
    help: &str,
) -> Diagnostic {
    let zone = cx.zone;
    let site = |id: RecordId| zone.rdata_site(id, 0);
    let name = zone.names().name(owner);
    let mut d = rule
        .report(
            site(records[1]),
            format!("`{name}` has {} {what} records", records.len()),
        )
        .with_label(format!("another {what} record"))
        .with_help(help.to_string());
    for &id in std::iter::once(&records[0]).chain(&records[2..]) {
        d = d.with_secondary(site(id), format!("{what} record at the same name"));
    }
    d
}

/// The one keyword of `valid` that `written` was meant as: one edit away,
/// or the keyword with an ending of up to two letters added
/// (`rejected` → `reject`), ASCII case ignored.
pub(crate) fn meant_keyword(written: &str, valid: &[&'static str]) -> Option<&'static str> {
    let written = written.to_ascii_lowercase();
    if written.len() < 2 {
        return None;
    }
    let mut found = valid.iter().filter(|&&k| {
        strsim::levenshtein(&written, k) == 1
            || (written.len() > k.len() && written.len() <= k.len() + 2 && written.starts_with(k))
    });
    let first = found.next()?;
    found.next().is_none().then_some(*first)
}

/// What is wrong with a URI of a report address list (`rua=`, `ruf=`), if
/// anything: a scheme (`mailto:`, `https:`), and for `mailto:` an address
/// with a domain.
pub(crate) fn uri_problem(uri: &str, schemes: &[&str]) -> Option<String> {
    let Some((scheme, rest)) = uri.split_once(':') else {
        return Some(if uri.contains('@') {
            format!("`{uri}` has no scheme: write `mailto:{uri}`")
        } else {
            format!("`{uri}` is not a URI")
        });
    };
    let valid_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !valid_scheme {
        return Some(format!("`{uri}` is not a URI"));
    }
    if !schemes.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
        let list: Vec<String> = schemes.iter().map(|s| format!("`{s}:`")).collect();
        return Some(format!(
            "`{uri}` has the scheme `{scheme}:`; reports go to {}",
            list.join(" or ")
        ));
    }
    if uri.bytes().any(|b| b <= b' ' || b >= 0x7f) {
        return Some(format!(
            "`{uri}` holds white space or a byte that is not ASCII"
        ));
    }
    if scheme.eq_ignore_ascii_case("mailto") {
        let address = rest.split('?').next().unwrap_or("");
        let Some((local, domain)) = address.rsplit_once('@') else {
            return Some(format!("`{uri}` has no `@`: not a mail address"));
        };
        if local.is_empty() || domain.is_empty() || domain.starts_with('.') {
            return Some(format!("`{uri}` is not a mail address"));
        }
    } else if scheme.eq_ignore_ascii_case("https") && !rest.starts_with("//") {
        return Some(format!("`{uri}` has no host: write `https://host/path`"));
    }
    None
}

/// The domain of a `mailto:` URI, lowercased, without a trailing dot.
pub(crate) fn mailto_domain(uri: &str) -> Option<String> {
    let (scheme, rest) = uri.split_once(':')?;
    if !scheme.eq_ignore_ascii_case("mailto") {
        return None;
    }
    let address = rest.split('?').next()?;
    let (_, domain) = address.rsplit_once('@')?;
    Some(domain.trim_end_matches('.').to_ascii_lowercase())
}

/// The pieces of a list value split at `separator`, each with its range
/// in `text`, the record the tag was read from (white space around each
/// left out; bytes that are not UTF-8 shown as U+FFFD, ranges exact).
pub(crate) fn list_items(
    text: &[u8],
    tag: &Tag,
    separator: u8,
) -> Vec<(String, std::ops::Range<usize>)> {
    let bytes = &text[tag.value_range.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    for piece in bytes.split(|&b| b == separator) {
        let lead = piece.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let trail = piece[lead..]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        let item = &piece[lead..piece.len() - trail];
        let at = tag.value_range.start + start + lead;
        out.push((
            String::from_utf8_lossy(item).into_owned(),
            at..at + item.len(),
        ));
        start += piece.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_meant_keyword() {
        let policies = ["none", "quarantine", "reject"];
        assert_eq!(meant_keyword("rejected", &policies), Some("reject"));
        assert_eq!(meant_keyword("Rejct", &policies), Some("reject"));
        assert_eq!(meant_keyword("quarantaine", &policies), Some("quarantine"));
        assert_eq!(meant_keyword("nine", &policies), Some("none"));
        assert_eq!(meant_keyword("deny", &policies), None);
        assert_eq!(meant_keyword("x", &["r", "s"]), None);
    }

    #[test]
    fn judges_report_uris() {
        let both = ["mailto", "https"];
        assert_eq!(uri_problem("mailto:dmarc@example.com", &["mailto"]), None);
        assert_eq!(uri_problem("https://r.example.net/v1", &both), None);
        assert_eq!(uri_problem("mailto:d@example.com?subject=x", &both), None);
        for bad in [
            "dmarc@example.com",
            "mailto:dmarc",
            "mailto:@example.com",
            "ftp://x.example",
            "https:r.example.net",
            "mailto:a b@example.com",
        ] {
            assert!(uri_problem(bad, &both).is_some(), "{bad}");
        }
        assert_eq!(
            mailto_domain("mailto:d@Reports.Example.NET.").as_deref(),
            Some("reports.example.net")
        );
    }

    #[test]
    fn splits_list_values_with_ranges() {
        let text = b"rua=mailto:a@x.example , mailto:b@y.example";
        let list = TagList::parse(text);
        let items = list_items(text, list.get("rua").unwrap(), b',');
        assert_eq!(items.len(), 2);
        for (item, range) in &items {
            assert_eq!(&text[range.clone()], item.as_bytes());
        }
        // Bytes that are not UTF-8 keep the ranges exact.
        let text = b"fo=\xff\xfe:x";
        let list = TagList::parse(text);
        let items = list_items(text, list.get("fo").unwrap(), b':');
        assert_eq!(items[1].1, 6..7);
    }
}
