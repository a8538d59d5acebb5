//! `dkim-weak-key`

use super::analysis::report_in;
use super::dkim::{key_type, read_key, Key};
use super::policy::{records_of, Kind};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{declare_rule, Context};

/// Below this, verifiers treat signatures as unsigned (RFC 8301 §3.2).
const MIN_BITS: usize = 1024;
/// Below this, a key is weak by today's practice.
const GOOD_BITS: usize = 2048;

declare_rule! {
    /// ## What it does
    /// Measures the RSA key of each DKIM key record: a warning when its
    /// modulus is under 2048 bits, an error under 1024.
    ///
    /// ## Why is this bad?
    /// RFC 8301 §3.2: verifiers MUST NOT consider signatures with keys
    /// under 1024 bits valid, so mail signed with them is unsigned to
    /// receivers. Signers SHOULD use at least 2048 bits: 1024-bit RSA is
    /// within reach of well-funded attackers, who could sign mail as the
    /// domain.
    ///
    /// ## Example
    /// ```zone
    /// s1._domainkey  IN  TXT  "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ…" ; 1024 bits
    /// ```
    ///
    /// Use instead: a new 2048-bit key under a new selector, published
    /// before the signer switches to it (split over two strings: a record
    /// string holds at most 255 bytes).
    ///
    /// ## Known limits
    /// Ed25519 keys (RFC 8463) have one size and are never reported.
    ///
    /// ## References
    /// - RFC 8301 §3.2 (key sizes), RFC 6376 §3.3.3
    name: "dkim-weak-key",
    severity: Warning,
    summary: "DKIM RSA key shorter than 2048 bits",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for record in records_of(cx, Kind::Dkim) {
        let Some(p) = record.tag("p") else { continue };
        if key_type(&record) != "rsa" {
            continue;
        }
        let Key::Rsa { bits } = read_key(p, "rsa") else {
            continue;
        };
        if bits >= GOOD_BITS {
            continue;
        }
        let selector = cx.zone.owner_name(cx.zone.record(record.id));
        let (d, _) = report_in(
            &RULE,
            cx.zone,
            record.id,
            &record.text,
            p.value_range.clone(),
            format!("DKIM key of `{selector}` is {bits}-bit RSA"),
        );
        let d = if bits < MIN_BITS {
            d.with_severity(Severity::Error)
                .with_label(format!("under {MIN_BITS} bits: verifiers ignore signatures made with it"))
        } else {
            d.with_label(format!("under {GOOD_BITS} bits"))
        };
        out.push(d.with_help(
            "generate a 2048-bit key under a new selector and switch the signer to it (RFC 8301 §3.2)",
        ));
    }
}
