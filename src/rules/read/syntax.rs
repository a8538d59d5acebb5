//! `syntax`

use crate::diagnostic::codes;
use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports text that is not a valid zone file: a malformed address,
    /// name, TTL or record data, an unknown record type or directive,
    /// unbalanced parentheses or quotes, a missing `$INCLUDE` file, a
    /// relative name with no known origin.
    ///
    /// ## Why is this bad?
    /// A DNS server refuses to load a zone with a syntax error (BIND,
    /// Knot and NSD reject the whole zone), so one bad line takes the
    /// whole domain down at the next reload.
    ///
    /// ## Example
    /// ```zone
    /// mail  IN  A  203.0.113.300
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// mail  IN  A  203.0.113.30
    /// ```
    ///
    /// ## Refused by servers
    /// BIND (`dns_master_load: <file>:<line>: ...`, then "not loaded due
    /// to errors"), Knot (`error in zone, file '<file>', line <n>`) and NSD
    /// refuse the whole zone.
    ///
    /// ## Known limits
    /// `syntax` cannot be switched off or suppressed: nothing else can be
    /// trusted in a file that does not parse.
    ///
    /// ## References
    /// - RFC 1035 §5 (master files), RFC 2308 §4 (`$TTL`), RFC 3597 §5
    ///   (unknown types)
    name: codes::SYNTAX,
    severity: Error,
    class: Refused,
    summary: "the file is not a valid zone file",
    fix: Never,
}
