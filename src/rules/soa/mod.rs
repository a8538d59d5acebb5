//! SOA rules: one SOA, at the apex, with names and timers that work
//! (RFC 1035 §3.3.13, §5.2; RFC 1912 §2.2; RFC 2308 §5).

crate::rules::family! {
    missing,
    misplaced,
    missing_trailing_dot,
    timers,
}
