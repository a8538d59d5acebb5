//! Mail policy rules: the TXT records beside the MX records that decide
//! whether receivers accept a domain's mail (SPF, RFC 7208).
//!
//! The strings of one record are joined before they are read ([`text`]),
//! and findings point inside the data: at the term, across the strings a
//! term was split over.

mod analysis;
mod cost;
mod lookup;
mod spf;
mod text;

crate::rules::family! {
    spf_syntax,
    spf_multiple,
    spf_lookup_limit,
    spf_include_missing,
    spf_permissive_all,
    spf_ptr,
    spf_unreachable_terms,
}
