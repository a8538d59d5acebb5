//! CNAME rules: an alias is one name's only data, leads to one name, and
//! leads somewhere (RFC 1034 §3.6.2, RFC 2181 §10.1).

crate::rules::family! {
    and_other_data,
    multiple,
    alias_loop,
    target_dangling,
    missing_trailing_dot,
}
