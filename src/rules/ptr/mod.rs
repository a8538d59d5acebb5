//! PTR rules: reverse zones map addresses to host names (RFC 1035 §3.5).

crate::rules::family! {
    missing_trailing_dot,
}
