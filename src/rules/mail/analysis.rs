//! What the SPF rules share: the zone's SPF records, and findings inside them.

use super::spf::{is_spf, Spf};
use super::text::{joined, starts_with_ignore_case, Written};
use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{Context, Rule};
use crate::zone::{RecordId, Zone};
use std::ops::Range;

/// A TXT record that is an SPF record (RFC 7208 §4.5).
pub(crate) struct SpfRecord {
    pub id: RecordId,
    /// The strings, joined.
    pub text: Vec<u8>,
    pub spf: Spf,
}

/// Whether record `id` is an SPF record (a TXT record starting with
/// `v=spf1`, RFC 7208 §4.5), without reading its terms.
pub(crate) fn is_spf_record(zone: &Zone, id: RecordId) -> bool {
    let data = zone.rdata(zone.record(id));
    starts_with_ignore_case(data, b"v=spf1") && joined(data).is_some_and(|t| is_spf(&t))
}

impl SpfRecord {
    /// Record `id` read as SPF, when it is an SPF record.
    pub fn of(zone: &Zone, id: RecordId) -> Option<SpfRecord> {
        let data = zone.rdata(zone.record(id));
        if !starts_with_ignore_case(data, b"v=spf1") {
            return None;
        }
        let text = joined(data)?;
        is_spf(&text).then(|| SpfRecord {
            id,
            spf: Spf::parse(&text),
            text,
        })
    }
}

/// The zone's SPF records, in file order, each read as it is reached:
/// nothing is kept for the whole zone (a million-record zone may hold a
/// hundred thousand of them), and most TXT records are passed over after
/// their first bytes.
pub(crate) fn spf_records<'c>(cx: &'c Context<'_>) -> impl Iterator<Item = SpfRecord> + 'c {
    spf_records_where(cx, |_| true)
}

/// The SPF records whose joined text passes `worth` (a cheap look at the
/// bytes that rules out a finding), read only then.
pub(crate) fn spf_records_where<'c>(
    cx: &'c Context<'_>,
    worth: fn(&[u8]) -> bool,
) -> impl Iterator<Item = SpfRecord> + 'c {
    let zone = cx.zone;
    zone.records_of_type(RecordType::TXT)
        .iter()
        .filter_map(move |&id| {
            let data = zone.rdata(zone.record(id));
            if !starts_with_ignore_case(data, b"v=spf1") {
                return None;
            }
            let text = joined(data)?;
            (is_spf(&text) && worth(&text)).then(|| SpfRecord {
                id,
                spf: Spf::parse(&text),
                text,
            })
        })
}

/// Whether `text` holds `word`, ASCII case ignored.
pub(crate) fn mentions(text: &[u8], word: &[u8]) -> bool {
    text.windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// A finding of `rule` on the joined bytes `range` of record `id`: labelled
/// where they were written, every part of a term split over strings.
pub(crate) fn report_in(
    rule: &'static Rule,
    zone: &Zone,
    id: RecordId,
    text: &[u8],
    range: Range<usize>,
    message: String,
) -> (Diagnostic, Written) {
    let written = Written::of(zone, id, text);
    let sites = written.sites(range);
    let mut d = rule.report(sites[0], message);
    for &site in &sites[1..] {
        d = d.with_secondary(site, "continued in the next string");
    }
    (d, written)
}
