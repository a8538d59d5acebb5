//! `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps,
//! IDEs). The rules come from the registry; results carry regions
//! (1-based lines, columns in Unicode code points), related locations and
//! fixes.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{display_path, Located, Position};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{self, RuleMeta};
use crate::source::{SourceFile, Sources, Span};

/// Where the project lives; rule documentation is linked from there.
pub const HOMEPAGE: &str = env!("CARGO_PKG_REPOSITORY");

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The first paragraph of a section of the rule's docs.
fn section(docs: &str, heading: &str) -> Option<String> {
    let start = docs.find(heading)? + heading.len();
    let rest = &docs[start..];
    let end = rest
        .find("\n ##")
        .or_else(|| rest.find("\n##"))
        .unwrap_or(rest.len());
    let text: Vec<&str> = rest[..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    (!text.is_empty()).then(|| text.join(" "))
}

fn rule(meta: &RuleMeta) -> Value {
    let docs = meta.markdown();
    let what = section(&docs, "## What it does").unwrap_or_else(|| meta.summary.to_owned());
    let why = section(&docs, "## Why is this bad?").unwrap_or_default();
    let mut rule = json!({
        "id": meta.name,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": format!("{what} {why}").trim() },
        "help": { "text": docs.trim(), "markdown": docs.trim() },
        "helpUri": meta.docs_url(),
        "defaultConfiguration": { "level": level(meta.severity) },
        "properties": { "tags": ["dns"], "fixable": meta.fix.as_str(), "class": meta.class.as_str() }
    });
    // SARIF wants a readable name that differs from the id, or none.
    let name = pascal_case(meta.name);
    if !name.eq_ignore_ascii_case(meta.name) {
        rule["name"] = json!(name);
    }
    rule
}

/// `mx-target-cname` as `MxTargetCname`.
fn pascal_case(code: &str) -> String {
    code.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or_else(String::new, |f| {
                f.to_ascii_uppercase().to_string() + c.as_str()
            })
        })
        .collect()
}

/// Percent-encodes a path for a URI, keeping `/` and unreserved bytes.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The file's artifact location: relative to `%SRCROOT%` (the working
/// directory) as given on the command line, or an absolute `file:` URI.
fn artifact(file: &SourceFile) -> Value {
    let shown = display_path(file.path()).replace('\\', "/");
    if shown.starts_with('/') {
        return json!({ "uri": format!("file://{}", encode_path(&shown)) });
    }
    let shown = shown.strip_prefix("./").unwrap_or(&shown);
    json!({ "uri": encode_path(shown), "uriBaseId": "%SRCROOT%" })
}

/// The text of a byte range, lossless for UTF-8 and lossy otherwise.
fn snippet(file: &SourceFile, start: usize, end: usize) -> Value {
    json!({ "text": String::from_utf8_lossy(&file.text()[start..end]) })
}

/// A region: the span itself with its text as the snippet, and the whole
/// lines it covers as the context region.
fn region(file: &SourceFile, span: Span) -> (Value, Value) {
    let pos = Position::of(file, span);
    let text = file.text();
    let first = file.line_start(pos.line) as usize;
    let end = span.end as usize;
    let mut last = memchr::memchr(b'\n', &text[end..]).map_or(text.len(), |i| end + i);
    if last > first && text[last - 1] == b'\r' {
        last -= 1;
    }
    let region = json!({
        "startLine": pos.line,
        "startColumn": pos.column,
        "endLine": pos.end_line,
        "endColumn": pos.end_column,
        "byteOffset": span.start,
        "byteLength": span.end - span.start,
        "snippet": snippet(file, span.start as usize, end)
    });
    let context = json!({
        "startLine": pos.line,
        "endLine": Position::of(file, Span::new(last as u32, last as u32)).line,
        "snippet": snippet(file, first, last.max(first))
    });
    (region, context)
}

fn location(file: &SourceFile, span: Span) -> Value {
    let (region, context) = region(file, span);
    json!({
        "physicalLocation": {
            "artifactLocation": artifact(file),
            "region": region,
            "contextRegion": context
        }
    })
}

fn result(d: &Diagnostic, file: &SourceFile, sources: &Sources, rule_index: usize) -> Value {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let mut r = json!({
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [location(file, d.span)],
    });
    let related: Vec<Value> = d
        .labels
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let f = sources.get(l.file)?;
            let mut loc = location(f, l.span);
            loc["id"] = json!(i + 1);
            loc["message"] = json!({ "text": l.message });
            Some(loc)
        })
        .collect();
    if !related.is_empty() {
        r["relatedLocations"] = json!(related);
    }
    if let Some(fix) = &d.fix {
        let mut changes: Vec<Value> = Vec::new();
        for e in &fix.edits {
            let Some(f) = sources.get(e.file) else {
                continue;
            };
            let pos = Position::of(f, e.span);
            changes.push(json!({
                "artifactLocation": artifact(f),
                "replacements": [{
                    "deletedRegion": {
                        "startLine": pos.line, "startColumn": pos.column,
                        "endLine": pos.end_line, "endColumn": pos.end_column
                    },
                    "insertedContent": { "text": e.content }
                }]
            }));
        }
        r["fixes"] = json!([{
            "description": { "text": format!("{} ({})", fix.message, fix.applicability.as_str()) },
            "artifactChanges": changes
        }]);
    }
    r
}

/// The log of one run: `findings`, and `errors` (what stopped the run or
/// kept files from being read) as the invocation's error notifications.
pub fn write(
    out: &mut dyn Write,
    findings: &[Located<'_>],
    sources: &Sources,
    errors: &[String],
) -> io::Result<()> {
    let results: Vec<Value> = findings
        .iter()
        .map(|l| {
            let index = rules::registry::index_of(l.diagnostic.code).unwrap_or(0);
            result(l.diagnostic, l.file, sources, index)
        })
        .collect();
    let root = std::env::current_dir()
        .map(|d| {
            format!(
                "file://{}/",
                encode_path(&d.display().to_string().replace('\\', "/"))
            )
        })
        .unwrap_or_default();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "zonelint",
                    "fullName": "zonelint: a linter and formatter for DNS zone files",
                    "informationUri": HOMEPAGE,
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules::all().map(|r| rule(&r.meta)).collect::<Vec<_>>()
                }
            },
            "originalUriBaseIds": { "%SRCROOT%": { "uri": root } },
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    let mut log = log;
    if !errors.is_empty() {
        let notifications: Vec<Value> = errors
            .iter()
            .map(|e| json!({ "level": "error", "message": { "text": e } }))
            .collect();
        log["runs"][0]["invocations"] = json!([{
            "executionSuccessful": false,
            "toolExecutionNotifications": notifications
        }]);
    }
    serde_json::to_writer_pretty(&mut *out, &log).map_err(super::json::io_error)?;
    writeln!(out)
}
