//! `mx-target-invalid`

use super::analysis::mx_issues;
use crate::diagnostic::Diagnostic;
use crate::rules::target::{target_at, Invalid, Issue};
use crate::rules::{declare_rule, Context};
use crate::source::Site;

fn not_a_host(at: Site, exchange: &str, why: &Invalid) -> Diagnostic {
    let shown = |label: &[u8]| {
        let mut s = String::new();
        crate::dns::name::write_label(&mut s, label);
        s
    };
    let message = match why {
        Invalid::Wildcard => {
            format!("MX exchange `{exchange}` is a wildcard name, not a host name")
        }
        Invalid::Character { label, byte } => format!(
            "MX exchange `{exchange}` is not a valid host name: label `{}` has `{}`",
            shown(label),
            shown(&[*byte])
        ),
        Invalid::Hyphen { label } => format!(
            "MX exchange `{exchange}` is not a valid host name: label `{}` starts or ends with `-`",
            shown(label)
        ),
    };
    RULE.report(at, message)
        .with_label("not a host name")
        .with_help("use a host name of letters, digits and hyphens, with no hyphen at the start or end of a label (RFC 1123 §2.1, RFC 5321 §2.3.5)")
}

declare_rule! {
    /// ## What it does
    /// Finds MX exchanges that are not usable host names: a wildcard
    /// label, a character other than a letter, digit or hyphen (`_`
    /// included, after unescaping), or a label that starts or ends with a
    /// hyphen.
    ///
    /// ## Why is this bad?
    /// RFC 5321 §2.3.5 requires the names SMTP connects to to follow the
    /// host name rules of RFC 1123 §2.1. Mail servers refuse or mishandle
    /// other names, and a wildcard owner is never a host anyone can reach.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  10 mail_server.example.com.
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  MX  10 mail-server.example.com.
    /// ```
    ///
    /// ## References
    /// - RFC 952, RFC 1123 §2.1 (host names), RFC 5321 §2.3.5
    name: "mx-target-invalid",
    severity: Error,
    summary: "MX exchange is not a valid host name",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for mx in mx_issues(cx) {
        let Issue::Invalid(why) = &mx.issue else {
            continue;
        };
        out.push(not_a_host(
            zone.rdata_site(mx.id, 1),
            &target_at(zone, mx.id, 2).expect("classified").to_string(),
            why,
        ));
    }
}
