//! Lints a zone read from standard input and prints its findings as one
//! JSON array, with ranges as a language server sends them (0-based lines,
//! UTF-16 columns):
//!
//! ```sh
//! cargo run --example lint_buffer -- --origin example.com. < zone
//! ```
//!
//! It uses the library alone (`default-features = false` builds it too).

use std::io::Read;
use std::process::ExitCode;

use zonelint::source::Encoding;
use zonelint::workspace::{Settings, Workspace};
use zonelint::zone::StdFileSystem;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut origin = None;
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--origin", Some(name)) => match name.parse() {
                Ok(name) => origin = Some(name),
                Err(e) => {
                    eprintln!("invalid origin `{name}`: {e}");
                    return ExitCode::from(2);
                }
            },
            _ => {
                eprintln!("usage: lint_buffer [--origin NAME] < zone");
                return ExitCode::from(2);
            }
        }
    }
    let mut text = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut text) {
        eprintln!("failed to read standard input: {e}");
        return ExitCode::from(2);
    }
    let settings = Settings {
        origin,
        ..Settings::no_config()
    };
    let linted = match Workspace::new(settings, &StdFileSystem).lint_text("<stdin>", text) {
        Ok(linted) => linted,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let findings: Vec<serde_json::Value> = linted
        .diagnostics
        .iter()
        .filter_map(|d| {
            let file = linted.sources.get(d.file)?;
            let start = file.position(d.span.start, Encoding::Utf16);
            let end = file.position(d.span.end, Encoding::Utf16);
            Some(serde_json::json!({
                "code": d.code,
                "severity": d.severity.as_str(),
                "message": d.message,
                "range": {
                    "start": { "line": start.line, "character": start.character },
                    "end": { "line": end.line, "character": end.character },
                },
            }))
        })
        .collect();
    println!(
        "{}",
        serde_json::to_string_pretty(&findings).expect("plain JSON values")
    );
    ExitCode::SUCCESS
}
