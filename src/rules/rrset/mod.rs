//! RRset rules: the records of one name and type are one set (RFC 2181
//! §5): one TTL, no record twice.

crate::rules::family! {
    ttl_mismatch,
    duplicate_record,
}
