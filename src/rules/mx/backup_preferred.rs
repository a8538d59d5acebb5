//! `mx-backup-preferred`

use super::analysis::{mx_records, same_owner, MxInfo};
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};
use crate::source::Site;
use crate::zone::Zone;

/// The backup (preference token `at`) is tried before the primary.
fn tried_first(at: Site, backup: &str, primary: (Site, &str), b: u16, p: u16) -> Diagnostic {
    let (primary_at, primary) = primary;
    RULE.report(
        at,
        format!("backup MX `{backup}` is preferred over `{primary}` ({b} < {p})"),
    )
    .with_label("backup tried first")
    .with_secondary(primary_at, format!("primary `{primary}` only at {p}"))
    .with_help("give the backup a higher preference value than the primary; lower values are tried first (RFC 5321 §5.1)")
}

/// Words that mark an exchange as a backup in its first label.
const BACKUP_WORDS: &[&str] = &["backup", "secondary", "fallback", "failover"];

fn is_backup(zone: &Zone, mx: &MxInfo) -> bool {
    let Some(first) = mx.exchange(zone).first_label() else {
        return false;
    };
    BACKUP_WORDS.iter().any(|w| {
        first
            .windows(w.len())
            .any(|win| win.eq_ignore_ascii_case(w.as_bytes()))
    })
}

declare_rule! {
    /// ## What it does
    /// Within one name's MX records, finds an exchange whose first label
    /// says it is a backup (`backup`, `secondary`, `fallback`, `failover`)
    /// with a strictly lower preference value than an exchange that does
    /// not.
    ///
    /// ## Why is this bad?
    /// Senders try the lowest value first (RFC 5321 §5.1). A backup with a
    /// lower value than the primary receives all the mail, which is rarely
    /// the plan: backup relays often only queue mail, or filter less.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  10 backup-mx.example.com.
    /// @  IN  MX  20 mail.example.com.
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// @  IN  MX  10 mail.example.com.
    /// @  IN  MX  20 backup-mx.example.com.
    /// ```
    ///
    /// ## Known limits
    /// The names are a hint, not a fact; suppress the finding where the
    /// "backup" host is meant to be preferred.
    ///
    /// ## References
    /// - RFC 5321 §5.1 (preference order)
    name: "mx-backup-preferred",
    severity: Info,
    summary: "an MX named as a backup is preferred over the primary",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for backup in mx_records(zone).filter(|mx| !mx.is_null(zone) && is_backup(zone, mx))
    {
        let Some(b) = backup.preference else { continue };
        let primary = same_owner(zone, &backup)
            .filter(|mx| !mx.is_null(zone) && !is_backup(zone, mx))
            .filter_map(|mx| mx.preference.filter(|&p| p > b).map(|p| (mx, p)))
            .min_by_key(|&(_, p)| p);
        let Some((primary, p)) = primary else {
            continue;
        };
        let primary_name = primary.exchange(zone).to_string();
        out.push(tried_first(
            backup.preference_site(zone),
            &backup.exchange(zone).to_string(),
            (primary.preference_site(zone), &primary_name),
            b,
            p,
        ));
    }
}
