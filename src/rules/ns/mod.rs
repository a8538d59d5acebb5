//! NS rules: the apex has NS records, and every NS target is a host name
//! with an address (RFC 1034 §4.2.1, RFC 1035 §3.3.11, RFC 2181 §10.3,
//! RFC 9471 for glue).
//!
//! An NS target gets at most one finding, as an MX exchange does (see
//! [`crate::rules::target`]). BIND refuses a zone whose apex NS names a
//! host of the zone that has no address or is an alias: those findings
//! are refused by servers; the same about a delegation's NS is an error.

mod analysis;

crate::rules::family! {
    missing,
    target_ip,
    missing_trailing_dot,
    target_cname,
    target_dangling,
    missing_glue,
}
