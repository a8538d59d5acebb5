//! DNAME rules (RFC 6672).

crate::rules::family! {
    conflict,
}
