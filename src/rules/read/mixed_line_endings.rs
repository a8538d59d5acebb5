//! `mixed-line-endings`

use crate::diagnostic::codes;
use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a file whose lines end partly with CR LF and partly with LF;
    /// the finding is on the first line end of the less common kind.
    ///
    /// ## Why is this bad?
    /// Servers read both, but a mix is the trace of edits from different
    /// systems, makes every diff noisy, and some tools (older scripts,
    /// `sed`) treat the stray carriage returns as part of the data.
    ///
    /// ## Example
    /// A file edited on Windows and then on Linux.
    ///
    /// Use instead: `zonelint fmt` ends every line the way most of the
    /// file's lines end.
    ///
    /// ## References
    /// - RFC 1035 §5.1 (master file format)
    name: codes::MIXED_LINE_ENDINGS,
    severity: Warning,
    summary: "lines end with both CR LF and LF",
    fix: Never,
}
