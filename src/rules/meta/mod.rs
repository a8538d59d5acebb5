//! Findings about zonelint's own comments in the zone.

crate::rules::family! {
    unused_suppression,
}
