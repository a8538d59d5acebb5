//! `mx-provider-incomplete`

use super::{hosted, provider, Hosted, Owner};
use crate::rules::mx::analysis::same_owner;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::{declare_rule, Context};
use crate::source::{Site, Span};
use crate::zone::record_flags;

declare_rule! {
    /// ## What it does
    /// Finds a name whose MX records hold part of a provider's published
    /// set of several exchanges (the legacy Google Workspace five, Zoho's
    /// three, Mimecast's pair), or the whole set in another order of
    /// preference than the published one.
    ///
    /// ## Why is this bad?
    /// The provider's set is its redundancy: a missing exchange is a
    /// missing fallback, and a preference moved sends mail first to a host
    /// the provider meant as a backup. Mail still flows, so this is a note.
    ///
    /// Only the order matters: `10, 20, 20, 30, 30` is the legacy Google
    /// set as well as the published `1, 5, 5, 10, 10`. A name that holds
    /// any whole set of the provider in order (Google's single
    /// `smtp.google.com`) is complete, whatever else it has.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  1  aspmx.l.google.com.
    /// @  IN  MX  5  alt1.aspmx.l.google.com.
    /// @  IN  MX  10 alt2.aspmx.l.google.com.
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  MX  1 smtp.google.com.
    /// ```
    ///
    /// ## Fix
    /// Unsafe: the published set, at the published preferences (the
    /// missing records are added after the last one of the set).
    ///
    /// ## References
    /// - Google Workspace MX records: <https://support.google.com/a/answer/174125>
    /// - the provider table: `docs/providers.md`
    name: "mx-provider-incomplete",
    severity: Info,
    summary: "MX records hold part of a provider's published set, or change its order",
    fix: Sometimes,
    check: check,
}

/// The lowest preference `host` has at `records`.
fn preference_of<'h>(records: &[&'h Hosted], host: &str) -> Option<(&'h Hosted, u16)> {
    records
        .iter()
        .filter(|h| h.at.host == host)
        .filter_map(|h| h.mx.preference.map(|p| (*h, p)))
        .min_by_key(|&(_, p)| p)
}

/// What a set lacks at the records of one name: the members missing, and
/// the present members whose preference breaks the published order.
struct Gap<'h> {
    missing: Vec<(String, u16)>,
    present: Vec<(&'h Hosted, u16, u16)>,
    misordered: Vec<(&'h Hosted, u16, u16)>,
}

/// `elsewhere`: the name's other exchanges, lowercased; a member written
/// there without its final dot (`mx3.zoho.com.example.net.`) is not
/// missing: `mx-missing-trailing-dot` reports it.
fn gap<'h>(records: &[&'h Hosted], set: &[(String, u16)], elsewhere: &[String]) -> Gap<'h> {
    let mut missing = Vec::new();
    let mut present = Vec::new();
    for (host, published) in set {
        match preference_of(records, host) {
            Some((h, written)) => present.push((h, written, *published)),
            // Written with a preference no server loads: there, but of no
            // known order (mx-preference-range reports it).
            None if records.iter().any(|h| h.at.host == *host) => {}
            None if elsewhere
                .iter()
                .any(|e| e.strip_prefix(host.as_str()).is_some_and(|r| r.starts_with('.'))) => {}
            None => missing.push((host.clone(), *published)),
        }
    }
    let misordered = present
        .iter()
        .filter(|(_, w, p)| present.iter().any(|(_, w2, p2)| w.cmp(w2) != p.cmp(p2)))
        .copied()
        .collect();
    Gap {
        missing,
        present,
        misordered,
    }
}

impl Gap<'_> {
    fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.misordered.is_empty()
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for owner in hosted(cx) {
        for p in owner.providers() {
            if let Some(d) = finding(cx, owner, p) {
                out.push(d);
            }
        }
    }
}

fn finding(cx: &Context<'_>, owner: &Owner, p: usize) -> Option<Diagnostic> {
    let zone = cx.zone;
    let entry = provider(cx, p);
    let records: Vec<&Hosted> = owner.of(p).collect();
    let first = records.first()?;
    let elsewhere: Vec<String> = same_owner(zone, &first.mx)
        .filter(|mx| !owner.hosted.iter().any(|h| h.mx.id == mx.id))
        .map(|mx| mx.exchange(zone).to_string().to_ascii_lowercase())
        .collect();
    let gaps: Vec<(usize, Gap)> = entry
        .sets
        .iter()
        .enumerate()
        .map(|(i, set)| (i, gap(&records, set, &elsewhere)))
        .collect();
    if gaps.iter().any(|(_, g)| g.is_complete()) {
        return None;
    }
    // The set of several exchanges this name holds most of.
    let (best, g) = gaps
        .into_iter()
        .filter(|(i, g)| entry.sets[*i].len() > 1 && !g.present.is_empty())
        .max_by(|(i, a), (j, b)| a.present.len().cmp(&b.present.len()).then(j.cmp(i)))?;
    let set = &entry.sets[best];
    let list = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join(", ");
    let missing = list(&mut g.missing.iter().map(|(h, p)| format!("`{h}` ({p})")));
    let misordered = list(
        &mut g
            .misordered
            .iter()
            .map(|(h, w, p)| format!("`{}` at {w} (published {p})", h.at.host)),
    );
    let problem = match (g.missing.is_empty(), g.misordered.is_empty()) {
        (false, true) => format!("is incomplete: {missing} missing"),
        (true, false) => format!("is out of its published order: {misordered}"),
        _ => format!("is incomplete: {missing} missing; and out of its published order: {misordered}"),
    };
    let mut d = RULE
        .report(
            first.mx.exchange_site(zone),
            format!("the {} MX set {problem}", entry.name),
        )
        .with_label(format!("{} of {} published exchanges", g.present.len(), set.len()))
        .with_help(format!(
            "publish the whole set, in the published order: {}{}",
            list(&mut set.iter().map(|(h, p)| format!("`{p} {h}.`"))),
            entry.see()
        ));
    for (h, w, _) in &g.misordered {
        if h.mx.id != first.mx.id {
            d = d.with_secondary(h.mx.preference_site(zone), format!("preference {w}"));
        }
    }
    if let Some(fix) = fix(cx, &records, &g) {
        d = d.with_fix(fix);
    }
    Some(d)
}

/// The published preferences on the present records, and the missing ones
/// added after the last record of the set, written as it is.
fn fix(cx: &Context<'_>, records: &[&Hosted], g: &Gap<'_>) -> Option<Fix> {
    let zone = cx.zone;
    if records
        .iter()
        .any(|h| zone.record(h.mx.id).has(record_flags::GENERATED))
    {
        return None;
    }
    let mut edits = Vec::new();
    // The published set, at the published preferences: a name that wrote
    // it on another scale is renumbered, or the added hosts would not fit.
    if !g.misordered.is_empty() || !g.missing.is_empty() {
        for (h, w, p) in &g.present {
            if w != p {
                edits.push(Edit::replace(h.mx.preference_site(zone), p.to_string()));
            }
        }
    }
    if !g.missing.is_empty() {
        let last = records
            .iter()
            .max_by(|a, b| {
                let (ra, rb) = (zone.record(a.mx.id), zone.record(b.mx.id));
                (zone.file_id(ra), ra.start).cmp(&(zone.file_id(rb), rb.start))
            })?
            .mx
            .id;
        let record = zone.record(last);
        let text = zone.file_of(record).text();
        let lines = zone.entry_lines(last);
        let entry = text.get(lines.start as usize..lines.end as usize)?;
        let syntax = zone.record_syntax(last);
        let (Some(pref), Some(exchange)) = (syntax.rdata.first(), syntax.rdata.get(1)) else {
            return None;
        };
        // One line of plain tokens, or the copy could break the entry.
        let line_end = entry.iter().position(|&b| b == b'\n').map_or(entry.len(), |i| i + 1);
        if line_end != entry.len() || entry.contains(&b'(') {
            return None;
        }
        let at = |s: u32| (s - lines.start) as usize;
        let head = std::str::from_utf8(&entry[..at(pref.start)]).ok()?;
        let middle = std::str::from_utf8(&entry[at(pref.end)..at(exchange.start)]).ok()?;
        let newline = if entry.ends_with(b"\r\n") { "\r\n" } else { "\n" };
        let mut content = String::new();
        if !entry.ends_with(b"\n") {
            content.push_str(newline);
        }
        for (host, p) in &g.missing {
            content.push_str(&format!("{head}{p}{middle}{host}.{newline}"));
        }
        if !entry.ends_with(b"\n") {
            content.truncate(content.len() - newline.len());
        }
        let end = Site::new(zone.file_id(record), Span::new(lines.end, lines.end));
        edits.push(Edit::replace(end, content));
    }
    if edits.is_empty() {
        return None;
    }
    Some(Fix::unsafe_("publish the provider's whole set", edits))
}
