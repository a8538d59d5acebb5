//! `zonelint rules` and `zonelint explain <code>`.

use std::io::Write;

use super::exit;
use crate::error::Error;
use crate::rules::{explain as docs, CODES};

pub fn list(out: &mut dyn Write) -> Result<i32, Error> {
    let width = CODES.iter().map(|m| m.name.len()).max().unwrap_or(0);
    let mut text = format!(
        "{:width$}  {:8}  {:9}  summary\n",
        "code", "severity", "fix"
    );
    for m in CODES {
        text.push_str(&format!(
            "{:width$}  {:8}  {:9}  {}\n",
            m.name,
            m.severity.as_str(),
            m.fix.as_str(),
            m.summary
        ));
    }
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    Ok(exit::OK)
}

pub fn explain(code: &str, out: &mut dyn Write) -> Result<i32, Error> {
    match docs(code) {
        Some(text) => {
            out.write_all(text.as_bytes()).map_err(Error::Output)?;
            Ok(exit::OK)
        }
        None => Err(Error::UnknownRule(code.to_owned())),
    }
}
