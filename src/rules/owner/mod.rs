//! Owner-name rules: how the owner of a record was written.

crate::rules::family! {
    missing_trailing_dot,
    invalid_hostname,
}
