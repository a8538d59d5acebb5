//! `--format github`: GitHub Actions workflow commands, which annotate the
//! pull request: `::error file=...,line=...,col=...,title=...::message`.

use std::io::{self, Write};

use super::{ci_path, Located, Position};
use crate::diagnostic::Severity;

/// Escapes the message part of a workflow command.
pub(crate) fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
pub(crate) fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(out: &mut dyn Write, findings: &[Located<'_>]) -> io::Result<()> {
    for l in findings {
        let d = l.diagnostic;
        let pos = Position::of(l.file, d.span);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&ci_path(l.file.path())),
            pos.line,
            pos.column,
            pos.end_line,
            pos.end_column,
            property(&format!("zonelint {}", d.code)),
            data(&message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("100% sure\r\nnext: a,b"), "100%25 sure%0D%0Anext: a,b");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
