//! `dkim-syntax`

use super::analysis::report_in;
use super::dkim::{key_type, read_key, Key};
use super::policy::{list_items, records_of, Kind, PolicyRecord};
use crate::diagnostic::Diagnostic;
use crate::rules::{declare_rule, Context};
use std::ops::Range;

/// A finding: where, what, what to do.
type Finding = (Range<usize>, String, String);

fn hyphenated_word(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && !s.ends_with('-')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// A colon list (`h=`, `s=`, `t=`) whose items are not all hyphenated
/// words, or (with `wanted`) names none of the values that make the key
/// usable.
fn colon_list(
    record: &PolicyRecord,
    name: &str,
    wanted: &[&str],
    why: &str,
    out: &mut Vec<Finding>,
) {
    let Some(tag) = record.tag(name) else {
        return;
    };
    let items = list_items(&record.text, tag, b':');
    for (item, range) in &items {
        if !(hyphenated_word(item) || (name == "s" && item == "*")) {
            out.push((
                if range.is_empty() { tag.range.clone() } else { range.clone() },
                format!("DKIM `{name}=` holds `{item}`, which is not a name"),
                "write names separated by `:` (RFC 6376 §3.6.1)".to_string(),
            ));
            return;
        }
    }
    let usable = items
        .iter()
        .any(|(item, _)| wanted.iter().any(|w| w.eq_ignore_ascii_case(item)));
    if !wanted.is_empty() && !usable {
        out.push((
            tag.value_range.clone(),
            format!("DKIM `{name}={}` {why}", tag.value),
            format!("list `{}` (RFC 6376 §3.6.1, RFC 8301 §3.1)", wanted[wanted.len() - 1]),
        ));
    }
}

/// The findings on one key record.
fn findings(record: &PolicyRecord) -> Vec<Finding> {
    let mut out = Vec::new();
    let tags = &record.tags;
    for (range, message) in &tags.errors {
        out.push((
            range.clone(),
            format!("DKIM key record: {message}"),
            "write the record as `tag=value` pairs separated by `;` (RFC 6376 §3.2)".to_string(),
        ));
    }
    if let Some(v) = tags.get("v") {
        if tags.tags.first().is_some_and(|t| t.range != v.range) {
            out.push((
                v.range.clone(),
                "`v=DKIM1` is not the first tag".to_string(),
                "move `v=DKIM1` to the start, or drop it (RFC 6376 §3.6.1: if present, it is first)".to_string(),
            ));
        } else if v.value != "DKIM1" {
            out.push((
                v.value_range.clone(),
                format!("DKIM version `v={}`: verifiers ignore a key record that is not `v=DKIM1`", v.value),
                "write `v=DKIM1` (RFC 6376 §3.6.1)".to_string(),
            ));
        }
    }
    if let Some((second, _)) = tags.repeated() {
        out.push((
            second.range.clone(),
            format!("DKIM tag `{}` is written twice", second.name),
            "keep one: a tag list with a repeated tag is invalid (RFC 6376 §3.2)".to_string(),
        ));
    }
    let k = key_type(record);
    if let Some(tag) = record.tag("k") {
        if k != "rsa" && k != "ed25519" {
            out.push((
                tag.value_range.clone(),
                format!("unknown DKIM key type `k={}`", tag.value),
                "write `k=rsa` (the default) or `k=ed25519` (RFC 6376 §3.6.1, RFC 8463)".to_string(),
            ));
        }
    }
    match record.tag("p") {
        None => out.push((
            tags.tags.first().map_or(0..record.text.len(), |t| t.range.clone()),
            "DKIM key record without `p=`".to_string(),
            "add the public key as `p=<base64>` (RFC 6376 §3.6.1: p is required; empty revokes the key)".to_string(),
        )),
        Some(p) if k == "rsa" || k == "ed25519" => {
            if let Key::Bad(why) = read_key(p, &k) {
                out.push((
                    p.value_range.clone(),
                    format!("DKIM `p=` {why}"),
                    format!("publish the `{k}` public key exactly as the signer generated it, every string of the record kept"),
                ));
            }
        }
        Some(_) => {}
    }
    colon_list(
        record,
        "h",
        &["sha256"],
        "allows no hash verifiers accept (RFC 8301: `sha1` is no longer verified)",
        &mut out,
    );
    colon_list(
        record,
        "s",
        &["*", "email"],
        "does not allow email: verifiers ignore the key",
        &mut out,
    );
    colon_list(record, "t", &[], "", &mut out);
    out
}

declare_rule! {
    /// ## What it does
    /// Reads each TXT record below a `_domainkey` label
    /// (`<selector>._domainkey.<domain>`) that is a DKIM key record (it
    /// has `v=DKIM1` or a `p=` tag), the strings joined first (RFC 6376
    /// §3.6.2.2), and finds: `v=DKIM1` not first or misspelt, a tag written
    /// twice, an unknown key type `k=`, `p=` missing, `p=` that is not
    /// base64 (often a key cut where the record was split into strings, or
    /// a string lost in a copy), `p=` that is not a key of its type (an RSA
    /// SubjectPublicKeyInfo or RSAPublicKey for `k=rsa`; 32 bytes for
    /// `k=ed25519`, RFC 8463), an `h=` that allows no hash verifiers
    /// accept, an `s=` that excludes email, and a malformed `t=`.
    ///
    /// ## Why is this bad?
    /// A verifier that cannot read the key fails every signature made with
    /// that selector (RFC 6376 §6.1.2): the domain's mail is unsigned as
    /// far as receivers and DMARC can tell, and with `p=reject` it is
    /// refused.
    ///
    /// ## Example
    /// ```zone
    /// s1._domainkey  IN  TXT  "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC" ; cut short
    /// ```
    ///
    /// Use instead: the whole key, split into strings of at most 255 bytes:
    /// ```zone
    /// s1._domainkey  IN  TXT  ( "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA…"
    ///                           "…IDAQAB" )
    /// ```
    ///
    /// ## Known limits
    /// Whether the key matches the signer's private key is known only to
    /// the signer. A selector published as a CNAME to a provider is not
    /// followed.
    ///
    /// ## References
    /// - RFC 6376 §3.2 (tag lists), §3.6.1 (key records), §3.6.2.2
    /// - RFC 8301 §3.1 (sha1), RFC 8463 (Ed25519)
    name: "dkim-syntax",
    severity: Error,
    summary: "DKIM key record does not parse, or its key is not a key",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for record in records_of(cx, Kind::Dkim) {
        for (range, message, help) in findings(&record) {
            let (d, _) = report_in(&RULE, cx.zone, record.id, &record.text, range, message);
            out.push(
                d.with_label("verifiers cannot use this key")
                    .with_help(help),
            );
        }
    }
}
