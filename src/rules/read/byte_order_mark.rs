//! `byte-order-mark`

use crate::diagnostic::codes;
use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a file that starts with a UTF-8 byte order mark (the bytes
    /// `EF BB BF`, which some Windows editors write).
    ///
    /// ## Why is this bad?
    /// Zone files are octets (RFC 1035 §5.1); servers do not skip a byte
    /// order mark but read it as part of the first token, so the first
    /// owner name or directive is not what it looks like. zonelint skips
    /// the mark to check the rest.
    ///
    /// ## Example
    /// A file whose first line is `$ORIGIN example.com.` preceded by the
    /// three invisible bytes.
    ///
    /// Use instead: save the file as UTF-8 without a byte order mark.
    ///
    /// ## References
    /// - RFC 1035 §5.1 (master file format), Unicode §23.8 (byte order mark)
    name: codes::BYTE_ORDER_MARK,
    severity: Warning,
    summary: "the file starts with a UTF-8 byte order mark",
    fix: Never,
}
