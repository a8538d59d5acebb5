//! `lone-carriage-return`

use crate::diagnostic::codes;
use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a carriage return that no line feed follows (lines ended the
    /// way classic Mac OS did), with the count for the whole file.
    ///
    /// ## Why is this bad?
    /// RFC 1035 §5.1 ends entries with a line end; servers take a lone
    /// carriage return for a blank, so two records can run together into
    /// one, or a comment can swallow the record after it.
    ///
    /// ## Example
    /// `www A 192.0.2.1` CR `mail A 192.0.2.2` CR LF: one line to a server.
    ///
    /// Use instead: end every line with LF (or CR LF).
    ///
    /// ## References
    /// - RFC 1035 §5.1 (entries end at the end of a line)
    name: codes::LONE_CARRIAGE_RETURN,
    severity: Warning,
    summary: "a carriage return without a line feed is not a line end",
    fix: Never,
}
