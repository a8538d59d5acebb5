//! `empty-zone`

use crate::diagnostic::codes;
use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a zone file that holds no record: it is empty, or holds only
    /// comments and blank lines (and no syntax error explains why).
    ///
    /// ## Why is this bad?
    /// A zone needs at least its SOA and NS records (RFC 1035 §5.2, RFC
    /// 1034 §4.2.1). An empty file is more often a copy cut short (a full
    /// disk, an interrupted transfer, a bad merge) than a zone: deployed, it
    /// takes the domain off the air.
    ///
    /// ## Example
    /// ```zone
    /// ; example.com
    /// ```
    ///
    /// Use instead:
    /// ```zone
    /// $TTL 1h
    /// @  IN  SOA  ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300
    /// @  IN  NS   ns1.example.com.
    /// ```
    ///
    /// ## Refused by servers
    /// BIND: `zone <name>/IN: has 0 SOA records`; Knot: "missing SOA at the
    /// zone apex". A file meant only for `$INCLUDE` holds records; one that
    /// holds none is not a zone any server loads.
    ///
    /// ## References
    /// - RFC 1035 §5.2 (what a zone file holds), RFC 1034 §4.2.1
    name: codes::EMPTY_ZONE,
    severity: Error,
    class: Refused,
    summary: "the zone file holds no record",
    fix: Never,
}
