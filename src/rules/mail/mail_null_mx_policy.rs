//! `mail-null-mx-policy`

use super::analysis::SpfRecord;
use super::lookup::{query, Answer};
use super::spf::{Qualifier, TermKind};
use super::policy::{Kind, PolicyRecord};
use crate::diagnostic::Diagnostic;
use crate::dns::{Name, RecordType};
use crate::rules::mx::analysis::{mx_records, same_owner};
use crate::rules::{declare_rule, Context};
use crate::zone::NameId;

/// The DMARC policy a query for `_dmarc.<domain>` finds: `Some(None)` when
/// there is no DMARC record, `None` when the loaded zones do not tell.
fn dmarc_policy(cx: &Context<'_>, domain: &str, subdomain: bool) -> Option<Option<String>> {
    let name = Name::parse(&format!("_dmarc.{domain}"), None).ok()?;
    let (zone, ids) = match query(cx, name.as_ref(), RecordType::TXT) {
        Answer::Found(zone, ids) => (zone, ids),
        Answer::Void => return Some(None),
        Answer::Unknown => return None,
    };
    let policies: Vec<PolicyRecord> = ids
        .iter()
        .filter_map(|&id| PolicyRecord::of(zone, id, Kind::Dmarc))
        .filter(PolicyRecord::is_versioned)
        .collect();
    let [record] = policies.as_slice() else {
        // None, or several (dmarc-multiple): no policy applies.
        return Some(None);
    };
    let policy = subdomain
        .then(|| record.tag("sp"))
        .flatten()
        .or_else(|| record.tag("p"))
        .map(|t| t.value.to_ascii_lowercase());
    Some(Some(policy.unwrap_or_default()))
}

/// What the SPF policy of `owner` lacks for a domain that sends no mail:
/// `Err(())` when the record lists senders (the domain sends on purpose).
fn spf_gap(cx: &Context<'_>, owner: NameId) -> Result<Option<&'static str>, ()> {
    let zone = cx.zone;
    let records: Vec<SpfRecord> = zone
        .rrset(owner, RecordType::TXT)
        .filter_map(|id| SpfRecord::of(zone, id))
        .collect();
    let [record] = records.as_slice() else {
        return Ok(records.is_empty().then_some("no SPF record"));
    };
    // Senders listed: the domain sends mail on purpose.
    if record.spf.terms.iter().any(|t| {
        matches!(t.kind, TermKind::Directive { .. }) && !matches!(t.mechanism(), Some(super::spf::Mechanism::All))
            || matches!(t.kind, TermKind::Redirect(_))
    }) {
        return Err(());
    }
    let all = record.spf.first_all().map(|i| &record.spf.terms[i].kind);
    match all {
        Some(TermKind::Directive {
            qualifier: Qualifier::Fail,
            ..
        }) => Ok(None),
        _ => Ok(Some("an SPF record that does not end in `-all`")),
    }
}

declare_rule! {
    /// ## What it does
    /// For each name whose only MX is the null MX (`MX 0 .`, RFC 7505),
    /// looks for the policies that say the domain sends no mail either:
    /// an SPF record `v=spf1 -all`, and a DMARC record with `p=reject` at
    /// `_dmarc.<name>` (for a name below the apex without one, the apex's
    /// `sp=`, else its `p=`).
    ///
    /// A name whose SPF record lists senders is taken to send mail on
    /// purpose (a domain that sends but does not receive) and left alone.
    ///
    /// ## Why is this bad?
    /// A domain that takes no mail usually sends none, and spammers like
    /// such domains: nobody watches them. Without `-all` and `p=reject`,
    /// receivers cannot tell forged mail "from" the domain from real mail
    /// (RFC 7505 §4.2 suggests the null MX goes with such policies).
    ///
    /// ## Example
    /// ```zone
    /// parked  IN  MX  0 .
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// parked         IN  MX   0 .
    /// parked         IN  TXT  "v=spf1 -all"
    /// _dmarc.parked  IN  TXT  "v=DMARC1; p=reject"
    /// ```
    ///
    /// ## Known limits
    /// A DMARC record outside the loaded zones (or below a delegation) is
    /// not judged; the organisational domain of DMARC is taken to be the
    /// zone's apex.
    ///
    /// ## References
    /// - RFC 7505 §3, §4.2; RFC 7208 §5.1; RFC 7489 §6.3, §6.6.3
    name: "mail-null-mx-policy",
    severity: Info,
    summary: "a domain that takes no mail (null MX) does not say it sends none",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let mut seen = std::collections::HashSet::new();
    for mx in mx_records(zone).filter(|mx| mx.is_null(zone)) {
        let owner = zone.record(mx.id).owner;
        if !seen.insert(owner) || !same_owner(zone, &mx).all(|m| m.is_null(zone)) {
            continue;
        }
        let name = zone.names().name(owner).to_string();
        let Ok(spf) = spf_gap(cx, owner) else {
            continue;
        };
        let mut gaps: Vec<String> = spf.map(str::to_string).into_iter().collect();
        let below_apex = owner != zone.apex();
        let dmarc = match dmarc_policy(cx, &name, false) {
            Some(None) if below_apex => dmarc_policy(cx, &zone.origin().to_string(), true),
            found => found,
        };
        match dmarc {
            Some(None) => gaps.push("no DMARC record".to_string()),
            Some(Some(p)) if p != "reject" => gaps.push(format!("DMARC `p={p}`, not `p=reject`")),
            _ => {}
        }
        if gaps.is_empty() {
            continue;
        }
        out.push(
            RULE.report(
                mx.exchange_site(zone),
                format!("`{name}` takes no mail (null MX) but has {}", gaps.join(" and ")),
            )
            .with_label("null MX: the domain receives no mail")
            .with_help(format!(
                "if it sends none either, publish `{name} TXT \"v=spf1 -all\"` and `_dmarc.{name} TXT \"v=DMARC1; p=reject\"` (RFC 7505 §4.2)"
            )),
        );
    }
}
