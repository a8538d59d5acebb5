//! `mx-provider-mixed`

use super::{hosted, provider, Hosted, Owner};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{declare_rule, Context};

declare_rule! {
    /// ## What it does
    /// Finds a name whose MX records point at two different providers of
    /// the table. At the same preference it is a warning; at different
    /// preferences, a note.
    ///
    /// ## Why is this bad?
    /// Senders choose at random among the exchanges of the lowest
    /// preference (RFC 5321 §5.1), so two providers at one preference split
    /// the domain's mail between two mailbox systems: each user finds half
    /// of their mail, or bounces for the addresses one provider does not
    /// know. This is what a half-finished migration leaves behind.
    ///
    /// At different preferences the second provider is a fallback: mail
    /// reaches it whenever the first does not answer, so it must accept
    /// the domain's mail too (and a filtering gateway kept as a fallback
    /// behind the mailbox provider lets senders go around it).
    ///
    /// Exchanges the table does not know are never counted.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  10 smtp.google.com.
    /// @  IN  MX  10 example-com.mail.protection.outlook.com.
    /// ```
    ///
    /// Use instead (the provider that holds the mailboxes):
    /// ```zone
    /// @  IN  MX  0 example-com.mail.protection.outlook.com.
    /// ```
    ///
    /// ## References
    /// - RFC 5321 §5.1 (MX preference and random choice among equals)
    name: "mx-provider-mixed",
    severity: Warning,
    summary: "MX records of one name point at two different mail providers",
    fix: Never,
    check: check,
}

/// The record of `provider` at `owner` with the lowest preference, and
/// that preference.
fn first_of(owner: &Owner, provider: usize) -> Option<(&Hosted, u16)> {
    owner
        .of(provider)
        .filter_map(|h| h.mx.preference.map(|p| (h, p)))
        .min_by_key(|&(_, p)| p)
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for owner in hosted(cx) {
        let present = owner.providers();
        for (i, &a) in present.iter().enumerate() {
            for &b in &present[i + 1..] {
                let (pa, pb) = (provider(cx, a), provider(cx, b));
                // A preference both use: the record of `b` there, and `a`'s.
                let shared = owner.of(b).find_map(|hb| {
                    let p = hb.mx.preference?;
                    owner
                        .of(a)
                        .find(|ha| ha.mx.preference == Some(p))
                        .map(|ha| (ha, hb, p))
                });
                if let Some((ha, hb, p)) = shared {
                    out.push(
                        RULE.report(
                            hb.mx.exchange_site(zone),
                            format!(
                                "MX records of {} and {} share preference {p}: senders pick one of them at random",
                                pa.name, pb.name
                            ),
                        )
                        .with_label(format!("{} at preference {p}", pb.name))
                        .with_secondary(
                            ha.mx.exchange_site(zone),
                            format!("{} at the same preference", pa.name),
                        )
                        .with_help(format!(
                            "keep the MX records of the provider that holds this domain's mailboxes, or give the other a higher preference if it is meant as a fallback that also accepts this domain's mail{}",
                            pa.see()
                        )),
                    );
                    continue;
                }
                let (Some((ha, p)), Some((hb, q))) = (first_of(owner, a), first_of(owner, b))
                else {
                    continue;
                };
                // The fallback is the provider reached second.
                let ((main, pm, main_pref), (fallback, pf, fallback_pref)) = if p <= q {
                    ((ha, pa, p), (hb, pb, q))
                } else {
                    ((hb, pb, q), (ha, pa, p))
                };
                out.push(
                    RULE.report(
                        fallback.mx.exchange_site(zone),
                        format!(
                            "MX at {} (preference {fallback_pref}) is a fallback for {} (preference {main_pref}): it must also accept this domain's mail",
                            pf.name, pm.name
                        ),
                    )
                    .with_severity(Severity::Info)
                    .with_label(format!("{} as a fallback", pf.name))
                    .with_secondary(main.mx.exchange_site(zone), format!("{} first", pm.name))
                    .with_help(format!(
                        "keep it only if {} accepts mail for this domain; a filtering gateway behind the mailbox provider lets senders go around it",
                        pf.name
                    )),
                );
            }
        }
    }
}
