//! `out-of-zone-data`

use crate::diagnostic::codes;
use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a record whose owner is not at or below the zone's origin.
    ///
    /// ## Why is this bad?
    /// Servers ignore such records ("out-of-zone data"): they are not
    /// published, which usually means the origin is wrong or the record
    /// belongs in another zone.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// www.example.org.  IN  A  192.0.2.1
    /// ```
    ///
    /// Use instead: move the record to the `example.org.` zone.
    ///
    /// ## References
    /// - RFC 1034 §4.2.1 (authoritative data of a zone)
    name: codes::OUT_OF_ZONE_DATA,
    severity: Warning,
    summary: "a record outside the zone is ignored",
    fix: Never,
}
