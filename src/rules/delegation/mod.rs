//! Delegation rules: what may be at and below a zone cut (RFC 2181 §6,
//! RFC 4035 §2.4, RFC 9471).

crate::rules::family! {
    occluded_data,
    ds_misplaced,
    ds_invalid,
    cds_mismatch,
}
