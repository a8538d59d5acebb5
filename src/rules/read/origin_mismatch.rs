//! `origin-mismatch`

use crate::diagnostic::codes;
use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a zone file whose contents name one zone (its first
    /// `$ORIGIN`, or the owner of its SOA) while its file name names another
    /// (`db.example.org` holding the SOA of `example.com.`). The zone is
    /// checked as its contents say; this finding says so once, on the SOA.
    ///
    /// ## Why is this bad?
    /// A server loads the file as the zone its configuration names, which
    /// is usually the one the file is named after: a file copied from
    /// another zone and never edited inside is served with the other zone's
    /// SOA, which the server refuses ("has no SOA record" at the apex it
    /// expects), or worse, publishes the other zone's data.
    ///
    /// ## Example
    /// `db.example.org`:
    /// ```zone
    /// example.com.  IN  SOA  ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300
    /// ```
    ///
    /// Use instead: the SOA (and the other names) of `example.org.`, or
    /// the file renamed after its zone.
    ///
    /// ## Known limits
    /// Only file names that name a zone of two labels or more count
    /// (`db.example.com`, `example.com.zone`, `db.192.168.1`): a file named
    /// `example.zone` is taken for a label, not a zone. Names one below the
    /// other disagree on nothing: `internal.example.com.db` holding
    /// `example.com.` names a version of it (a view), not another zone.
    /// With the origin
    /// given (`--origin`, `[origins]`, a server configuration) the file
    /// name is not a hint, and the records outside the zone are
    /// `out-of-zone-data`.
    ///
    /// ## References
    /// - RFC 1035 §5.1 (the origin of a master file), BIND ARM `zone`
    ///   statement (`file`)
    name: codes::ORIGIN_MISMATCH,
    severity: Warning,
    summary: "the file's name and its contents name different zones",
    fix: Never,
}
