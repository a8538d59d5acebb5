//! What the mail policy rules share: the zone's SPF records, each read once.

use super::spf::{is_spf, Spf};
use super::text::{joined, starts_with_ignore_case, Written};
use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{Context, Rule, Shared};
use crate::zone::{RecordId, Zone};
use std::ops::Range;

/// A TXT record that is an SPF record (RFC 7208 §4.5).
pub(crate) struct SpfRecord {
    pub id: RecordId,
    /// The strings, joined.
    pub text: Vec<u8>,
    pub spf: Spf,
}

/// The zone's SPF records, in file order.
pub(crate) struct SpfRecords(pub Vec<SpfRecord>);

static SPF: Shared<SpfRecords> = Shared::new(|cx| {
    let zone = cx.zone;
    let records = zone
        .records_of_type(RecordType::TXT)
        .iter()
        .filter(|&&id| starts_with_ignore_case(zone.rdata(zone.record(id)), b"v=spf1"))
        .filter_map(|&id| {
            let text = joined(zone.rdata(zone.record(id)))?;
            is_spf(&text).then(|| SpfRecord {
                id,
                spf: Spf::parse(&text),
                text,
            })
        })
        .collect();
    SpfRecords(records)
});

/// The zone's SPF records.
pub(crate) fn spf_records<'c>(cx: &'c Context<'_>) -> &'c [SpfRecord] {
    &cx.shared(&SPF).0
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
