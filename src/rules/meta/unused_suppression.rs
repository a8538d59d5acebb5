//! `unused-suppression`: reported by [`crate::rules::suppression`], which
//! matches the suppressions found while loading with the findings.

use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a `; zonelint: allow(...)` comment that silences nothing:
    /// the code is not a zonelint rule, names a rule that cannot be
    /// suppressed, or no finding of it is on that record (for
    /// `; zonelint: allow-file(...)`, in that file).
    ///
    /// ## Why is this bad?
    /// A stale suppression hides the next real problem on that line and
    /// misleads readers about what is wrong there.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  MX  10 mail.example.com.  ; zonelint: allow(mx-target-cname)
    /// ```
    ///
    /// Use instead: remove the comment once the problem is fixed.
    ///
    /// ## References
    /// - zonelint documentation, "Selecting rules and suppressing findings"
    name: "unused-suppression",
    severity: Warning,
    summary: "a suppression comment that silences nothing",
    fix: Never,
}

/// Why a code named in a suppression silences nothing.
pub(crate) enum Unused<'a> {
    /// It is not a zonelint code.
    Unknown(&'a str),
    /// `syntax`, which cannot be suppressed.
    Syntax,
    /// A rule of the refused class, which cannot be suppressed.
    Refused(&'a str),
    /// No finding of it is on that record (`true`: in that file, for
    /// `allow-file`).
    Nothing(&'a str, bool),
}

/// The suppression's code, written at `at`, is unused.
pub(crate) fn unused(at: crate::source::Site, why: Unused<'_>) -> crate::diagnostic::Diagnostic {
    let message = match why {
        Unused::Unknown(code) => {
            format!("suppression names `{code}`, which is not a zonelint rule")
        }
        Unused::Syntax => "syntax errors cannot be suppressed".to_owned(),
        Unused::Refused(code) => format!(
            "`{code}` cannot be suppressed: servers refuse a zone with this problem"
        ),
        Unused::Nothing(code, false) => format!("suppression of `{code}` silences nothing here"),
        Unused::Nothing(code, true) => {
            format!("suppression of `{code}` silences nothing in this file")
        }
    };
    RULE.report(at, message)
        .with_label("unused")
        .with_help("remove it from the `zonelint: allow(...)` comment")
}
