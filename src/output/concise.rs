//! `--format concise`: `path:line:column: severity[code] message`, one
//! finding per line (grep, editors' quickfix lists, problem matchers).

use std::io::{self, Write};

use super::{display_path, Located, Position};

pub fn write(out: &mut dyn Write, findings: &[Located<'_>]) -> io::Result<()> {
    for l in findings {
        let d = l.diagnostic;
        let pos = Position::of(l.file, d.span);
        // One line per finding: a message never contains a line break.
        let message = d.message.replace(['\r', '\n'], " ");
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {message}",
            display_path(l.file.path()),
            pos.line,
            pos.column,
            d.severity,
            d.code
        )?;
    }
    Ok(())
}
