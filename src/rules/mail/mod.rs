//! Mail policy rules: the TXT records beside the MX records that decide
//! whether receivers accept a domain's mail: SPF (RFC 7208), DMARC
//! (RFC 7489), DKIM keys (RFC 6376), MTA-STS (RFC 8461) and TLS-RPT
//! (RFC 8460).
//!
//! The strings of one record are joined before they are read ([`text`]),
//! and findings point inside the data: at the term, across the strings a
//! term was split over.

pub(crate) mod analysis;
pub(crate) mod cost;
mod dkim;
pub(crate) mod lookup;
mod policy;
pub(crate) mod spf;
mod tags;
mod text;

crate::rules::family! {
    spf_syntax,
    spf_multiple,
    spf_lookup_limit,
    spf_include_missing,
    spf_permissive_all,
    spf_ptr,
    spf_unreachable_terms,
    spf_record_type,
    dmarc_syntax,
    dmarc_multiple,
    dmarc_misplaced,
    dmarc_external_report,
    dkim_syntax,
    dkim_weak_key,
    mta_sts_syntax,
    mta_sts_host_missing,
    tlsrpt_syntax,
    mail_null_mx_policy,
}
