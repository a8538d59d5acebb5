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
    let near = suggestions(&wanted, rules::all().map(|r| r.meta.name));
    if near.is_empty() {
        return Err(SelectionError::Unknown(code.to_owned()).into());
    }
    let names: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
    Err(Error::Usage(format!(
        "unknown rule `{code}`; did you mean {}? (see `zonelint rules`)",
        names.join(" or ")
    )))
}

/// Up to three of `names` near `wanted` (lower case), nearest first: by
/// edit distance, or holding every `-`-separated word of it.
pub(crate) fn suggestions<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut near: Vec<(f64, &str)> = names
        .map(|name| {
            // A part of the name (`trailing-dot`) counts as near.
            let words = wanted.split(['-', '.']).filter(|w| !w.is_empty());
            let part = words.clone().count() > 1 && words.clone().all(|w| name.contains(w));
            let score = strsim::normalized_damerau_levenshtein(wanted, name);
            (if part { score.max(0.9) } else { score }, name)
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    near.into_iter().take(3).map(|(_, n)| n).collect()
}

/// How `zonelint config` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ConfigFormat {
    /// Text: a table of every key, or one key's documentation
    #[default]
    Text,
    /// JSON: an array of keys (name, type, default, example, doc)
    Json,
}

#[derive(Debug, Args)]
pub struct ConfigKeyArgs {
    /// A key, such as `lint.select` (every key when left out)
    pub key: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: ConfigFormat,
}

/// `zonelint config [KEY]`: every key of `zonelint.toml` with its type and
/// default, or one key's documentation.
pub fn config(args: &ConfigKeyArgs, out: &mut dyn Write) -> Result<i32, Error> {
    use crate::config::keys::{self, KEYS};
    let keys: Vec<&keys::Key> = match &args.key {
        None => KEYS.iter().collect(),
        Some(name) => match keys::lookup(name.trim()) {
            Some(key) => vec![key],
            // `lint` lists the keys of the table.
            None if KEYS
                .iter()
                .any(|k| k.name.starts_with(&format!("{}.", name.trim()))) =>
            {
                KEYS.iter()
                    .filter(|k| k.name.starts_with(&format!("{}.", name.trim())))
                    .collect()
            }
            None => {
                let wanted = name.trim().to_ascii_lowercase();
                let near = suggestions(&wanted, KEYS.iter().map(|k| k.name));
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    let names: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
                    format!("; did you mean {}?", names.join(" or "))
                };
                return Err(Error::Usage(format!(
                    "unknown configuration key `{name}`{hint} (see `zonelint config`)"
                )));
            }
        },
    };
    let text = match args.format {
        ConfigFormat::Json => {
            let mut t = serde_json::to_string_pretty(&keys)
                .map_err(|e| Error::Output(std::io::Error::other(e)))?;
            t.push('\n');
            t
        }
        ConfigFormat::Text if keys.len() == 1 => {
            let k = keys[0];
            format!(
                "{}\n\n{}\n\ntype:    {}\ndefault: {}\nexample:\n\n{}",
                k.name,
                textwrap::fill(k.doc, 76),
                k.kind,
                k.default,
                textwrap::indent(&crate::config::keys::example_file(k), "    ")
            )
        }
        ConfigFormat::Text => {
            let width = keys.iter().map(|k| k.name.len()).max().unwrap_or(0);
            let mut t = String::new();
            for k in &keys {
                t.push_str(&format!(
                    "{:width$}  {}  (default: {})\n",
                    k.name, k.kind, k.default
                ));
            }
            t.push_str("\n`zonelint config KEY` documents a key.\n");
            t
        }
    };
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    Ok(exit::OK)
}
