//! The codes the parser and the loader report while reading a file: text
//! that is not a zone file, records outside the zone, and properties of
//! the file's bytes. Their checks are the reading itself (`syntax/`,
//! `zone::load`); their documentation and metadata are here.

crate::rules::family! {
    syntax,
    out_of_zone_data,
    empty_zone,
    origin_mismatch,
    byte_order_mark,
    lone_carriage_return,
    mixed_line_endings,
    ttl_out_of_range,
}
