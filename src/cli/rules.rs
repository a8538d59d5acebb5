//! `zonelint rules` and `zonelint explain <code>`.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::exit;
use crate::error::Error;
use crate::rules::{self, FixKind, SelectionError};

/// How `zonelint rules` prints the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum RulesFormat {
    /// One line per rule: code, severity, class, fix, summary
    #[default]
    Text,
    /// One JSON array, one object per rule
    Json,
    /// Every rule's documentation (docs/rules.md)
    Markdown,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: RulesFormat,
}

fn fix_word(fix: FixKind) -> &'static str {
    match fix {
        FixKind::Never => "never",
        FixKind::Sometimes => "sometimes",
        FixKind::Always => "always",
    }
}

pub fn list(args: &RulesArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let text = match args.format {
        RulesFormat::Text => {
            let width = rules::all().map(|r| r.meta.name.len()).max().unwrap_or(0);
            let mut text = format!(
                "{:width$}  {:8}  {:12}  {:9}  summary\n",
                "code", "severity", "class", "fix"
            );
            for m in rules::all().map(|r| &r.meta) {
                text.push_str(&format!(
                    "{:width$}  {:8}  {:12}  {:9}  {}\n",
                    m.name,
                    m.severity.as_str(),
                    m.class.as_str(),
                    m.fix.as_str(),
                    m.summary
                ));
            }
            text
        }
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = rules::all()
                .map(|r| &r.meta)
                .map(|m| {
                    serde_json::json!({
                        "code": m.name,
                        "severity": m.severity.as_str(),
                        "class": m.class.as_str(),
                        "fix": fix_word(m.fix),
                        "summary": m.summary,
                        "url": m.docs_url(),
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&list).expect("plain JSON values");
            text.push('\n');
            text
        }
        RulesFormat::Markdown => rules::registry::markdown(),
    };
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    Ok(exit::OK)
}

/// `zonelint explain CODE`: the code in any case; an unknown one gets the
/// nearest codes as suggestions.
pub fn explain(code: &str, out: &mut dyn Write) -> Result<i32, Error> {
    let wanted = code.trim().to_ascii_lowercase();
    if let Some(text) = rules::explain(&wanted) {
        out.write_all(text.as_bytes()).map_err(Error::Output)?;
        return Ok(exit::OK);
    }
    let mut near: Vec<(f64, &str)> = rules::all()
        .map(|r| r.meta.name)
        .map(|name| {
            // A part of the code (`trailing-dot`) counts as near.
            let words = wanted.split('-').filter(|w| !w.is_empty());
            let part = words.clone().count() > 1 && words.clone().all(|w| name.contains(w));
            let score = strsim::normalized_damerau_levenshtein(&wanted, name);
            (if part { score.max(0.9) } else { score }, name)
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    if near.is_empty() {
        return Err(SelectionError::Unknown(code.to_owned()).into());
    }
    let names: Vec<String> = near.iter().take(3).map(|(_, n)| format!("`{n}`")).collect();
    Err(Error::Usage(format!(
        "unknown rule `{code}`; did you mean {}? (see `zonelint rules`)",
        names.join(" or ")
    )))
}
