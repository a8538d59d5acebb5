//! `ttl-out-of-range`

use crate::diagnostic::codes;
use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a TTL (of a record, or of `$TTL`) larger than 2147483647
    /// seconds.
    ///
    /// ## Why is this bad?
    /// RFC 2181 §8 limits TTLs to 2^31 - 1 and tells implementations to
    /// treat a larger value as 0: the record is then not cached at all,
    /// the opposite of what such a long TTL meant.
    ///
    /// ## Example
    /// ```zone
    /// www  4294967295  IN  A  192.0.2.1
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// www  1d  IN  A  192.0.2.1
    /// ```
    ///
    /// ## References
    /// - RFC 2181 §8 (time to live), RFC 2308 §4 (`$TTL`)
    name: codes::TTL_OUT_OF_RANGE,
    severity: Warning,
    summary: "a TTL above 2147483647 is read as 0",
    fix: Never,
}
