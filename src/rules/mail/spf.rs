//! The SPF record, read by RFC 7208's grammar (§12): the terms with their
//! place in the joined text, and every way a term breaks the grammar.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::ops::Range;

/// Whether a TXT record's joined text is an SPF record: it starts with
/// `v=spf1` (ASCII case ignored) followed by a space or the end (§4.5).
pub(crate) fn is_spf(text: &[u8]) -> bool {
    text.len() >= 6
        && text[..6].eq_ignore_ascii_case(b"v=spf1")
        && text.get(6).is_none_or(|&b| b == b' ')
}

/// The mechanisms of §5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mechanism {
    All,
    Include,
    A,
    Mx,
    Ptr,
    Ip4,
    Ip6,
    Exists,
}

impl Mechanism {
    const ALL: [(&'static str, Mechanism); 8] = [
        ("all", Mechanism::All),
        ("include", Mechanism::Include),
        ("a", Mechanism::A),
        ("mx", Mechanism::Mx),
        ("ptr", Mechanism::Ptr),
        ("ip4", Mechanism::Ip4),
        ("ip6", Mechanism::Ip6),
        ("exists", Mechanism::Exists),
    ];

    fn named(name: &str) -> Option<Mechanism> {
        Self::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, m)| m)
    }
}

/// A qualifier (§4.6.2); `+` when none is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qualifier {
    Pass,
    Fail,
    SoftFail,
    Neutral,
}

/// A domain-spec (§7.1): where it is, and its text when it holds no macro
/// (the name a receiver would query, without a final dot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DomainSpec {
    pub range: Range<usize>,
    pub literal: Option<String>,
}

/// What a term is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TermKind {
    Directive {
        qualifier: Qualifier,
        /// Whether the qualifier was written.
        explicit: bool,
        mechanism: Mechanism,
        domain: Option<DomainSpec>,
    },
    Redirect(DomainSpec),
    Explanation(DomainSpec),
    /// An unknown modifier: receivers ignore it.
    Unknown,
    /// A term that breaks the grammar (its error is in [`Spf::errors`]).
    Invalid,
}

/// One term: its bytes in the joined text, its name's bytes, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub range: Range<usize>,
    pub name: Range<usize>,
    pub kind: TermKind,
}

impl Term {
    /// The mechanism, for a directive.
    pub fn mechanism(&self) -> Option<Mechanism> {
        match self.kind {
            TermKind::Directive { mechanism, .. } => Some(mechanism),
            _ => None,
        }
    }
}

/// A break of the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SpfError {
    /// The bytes to label.
    pub range: Range<usize>,
    /// What is wrong, as a fact.
    pub message: String,
    /// What to do.
    pub help: String,
    /// A correction: replace `range` with this text.
    pub suggestion: Option<String>,
    /// Receivers ignore the term rather than fail the record (a misspelt
    /// modifier, which is valid as an unknown one): a warning.
    pub ignored: bool,
    /// Where the term it repeats is.
    pub first: Option<Range<usize>>,
}

/// An SPF record, read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Spf {
    pub terms: Vec<Term>,
    pub errors: Vec<SpfError>,
}

impl Spf {
    /// The first `all` mechanism, which every evaluation that reaches it
    /// ends at (RFC 7208 §5.1).
    pub fn first_all(&self) -> Option<usize> {
        self.terms
            .iter()
            .position(|t| t.mechanism() == Some(Mechanism::All))
    }

    /// Reads the joined text of a record for which [`is_spf`] holds.
    pub fn parse(text: &[u8]) -> Spf {
        let mut spf = Spf::default();
        let mut at = 6;
        let mut seen_redirect = None::<Range<usize>>;
        let mut seen_exp = None::<Range<usize>>;
        while at < text.len() {
            if text[at] == b' ' {
                at += 1;
                continue;
            }
            let end = text[at..]
                .iter()
                .position(|&b| b == b' ')
                .map_or(text.len(), |p| at + p);
            let term = spf.term(text, at..end);
            let twice = match &term.kind {
                TermKind::Redirect(_) => seen_redirect.replace(term.range.clone()),
                TermKind::Explanation(_) => seen_exp.replace(term.range.clone()),
                _ => None,
            };
            if let Some(first) = twice {
                let name = String::from_utf8_lossy(&text[term.name.clone()]).to_lowercase();
                spf.errors.push(SpfError {
                    range: term.range.clone(),
                    message: format!("modifier `{name}=` appears twice"),
                    help: format!("keep one `{name}=` (RFC 7208 §6: a modifier may appear once)"),
                    suggestion: None,
                    ignored: false,
                    first: Some(first),
                });
            }
            spf.terms.push(term);
            at = end;
        }
        spf
    }

    fn error(&mut self, range: Range<usize>, message: String, help: &str) {
        self.errors.push(SpfError {
            range,
            message,
            help: help.to_string(),
            suggestion: None,
            ignored: false,
            first: None,
        });
    }

    /// Reads the term at `range`.
    fn term(&mut self, text: &[u8], range: Range<usize>) -> Term {
        let bytes = &text[range.clone()];
        let invalid = |name: Range<usize>| Term {
            range: range.clone(),
            name,
            kind: TermKind::Invalid,
        };
        if let Some(bad) = bytes.iter().position(|&b| !(0x21..=0x7e).contains(&b)) {
            let b = bytes[bad];
            let what = if b < 0x80 {
                format!("control character 0x{b:02x}")
            } else {
                "a byte that is not ASCII".to_string()
            };
            self.error(
                range.start + bad..range.start + bad + 1,
                format!("SPF term `{}` holds {what}", shown(bytes)),
                "SPF records are visible ASCII, with terms separated by spaces (RFC 7208 §3.1, §4.6.1)",
            );
            return invalid(range.clone());
        }
        let name_end = bytes
            .iter()
            .position(|&b| matches!(b, b':' | b'/' | b'='))
            .unwrap_or(bytes.len());
        // A modifier: name "=" value.
        if bytes.get(name_end) == Some(&b'=') {
            let name = range.start..range.start + name_end;
            let value = range.start + name_end + 1..range.end;
            return self.modifier(text, range.clone(), name, value);
        }
        let (qualifier, explicit, start) = match bytes[0] {
            b'+' => (Qualifier::Pass, true, 1),
            b'-' => (Qualifier::Fail, true, 1),
            b'~' => (Qualifier::SoftFail, true, 1),
            b'?' => (Qualifier::Neutral, true, 1),
            _ => (Qualifier::Pass, false, 0),
        };
        let name = range.start + start..range.start + name_end;
        let written = String::from_utf8_lossy(&text[name.clone()]);
        let Some(mechanism) = Mechanism::named(&written) else {
            let suggestion = nearest(&written, Mechanism::ALL.iter().map(|(n, _)| *n));
            let help = match &suggestion {
                Some(s) => format!("write `{s}` (RFC 7208 §5 lists the mechanisms)"),
                None if written.is_empty() => {
                    "write a mechanism after the qualifier (RFC 7208 §4.6.1)".to_string()
                }
                None => "use one of all, include, a, mx, ptr, ip4, ip6, exists (RFC 7208 §5); an unknown mechanism makes the record fail (permerror)".to_string(),
            };
            self.errors.push(SpfError {
                range: if name.is_empty() {
                    range.clone()
                } else {
                    name.clone()
                },
                message: format!("unknown SPF mechanism `{}`", shown(&text[name.clone()])),
                help,
                suggestion,
                ignored: false,
                first: None,
            });
            return invalid(name);
        };
        let args = range.start + name_end..range.end;
        let domain = self.mechanism_args(text, mechanism, &written, args);
        match domain {
            Ok(domain) => Term {
                range: range.clone(),
                name,
                kind: TermKind::Directive {
                    qualifier,
                    explicit,
                    mechanism,
                    domain,
                },
            },
            Err(()) => invalid(name),
        }
    }

    /// A modifier's name and value.
    fn modifier(
        &mut self,
        text: &[u8],
        range: Range<usize>,
        name: Range<usize>,
        value: Range<usize>,
    ) -> Term {
        let written = String::from_utf8_lossy(&text[name.clone()]).into_owned();
        let term = |kind| Term {
            range: range.clone(),
            name: name.clone(),
            kind,
        };
        let lower = written.to_ascii_lowercase();
        if lower == "redirect" || lower == "exp" {
            if value.is_empty() {
                self.error(
                    range.clone(),
                    format!("modifier `{written}=` has no domain"),
                    "write the domain after `=` (RFC 7208 §6.1, §6.2)",
                );
                return term(TermKind::Invalid);
            }
            return match self.domain_spec(text, value) {
                Some(d) if lower == "redirect" => term(TermKind::Redirect(d)),
                Some(d) => term(TermKind::Explanation(d)),
                None => term(TermKind::Invalid),
            };
        }
        let valid_name = written.starts_with(|c: char| c.is_ascii_alphabetic())
            && written
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !valid_name {
            self.error(
                if name.is_empty() { range.clone() } else { name.clone() },
                format!("`{}` is not a modifier name", shown(&text[range.clone()])),
                "a modifier is a name of letters, digits, `-`, `_` and `.` starting with a letter, then `=` (RFC 7208 §12)",
            );
            return term(TermKind::Invalid);
        }
        if !self.macro_string(text, value.clone(), false) {
            return term(TermKind::Invalid);
        }
        // Valid, and ignored by receivers: a misspelt redirect or exp is
        // worth saying.
        if let Some(meant) = nearest(&lower, ["redirect", "exp"].into_iter()) {
            self.errors.push(SpfError {
                range: name.clone(),
                message: format!("unknown SPF modifier `{written}=` is ignored by receivers"),
                help: format!("write `{meant}=` if that is what it means (RFC 7208 §6)"),
                suggestion: Some(meant),
                ignored: true,
                first: None,
            });
        }
        term(TermKind::Unknown)
    }

    /// The arguments after a mechanism's name (`args` starts at the `:` or
    /// `/`, or is empty): its domain-spec, if it has one.
    fn mechanism_args(
        &mut self,
        text: &[u8],
        mechanism: Mechanism,
        name: &str,
        args: Range<usize>,
    ) -> Result<Option<DomainSpec>, ()> {
        let bytes = &text[args.clone()];
        let name = name.to_ascii_lowercase();
        match mechanism {
            Mechanism::All => {
                if !bytes.is_empty() {
                    self.error(
                        args,
                        format!("`all` takes no argument, found `{}`", shown(bytes)),
                        "write `all` alone (RFC 7208 §5.1)",
                    );
                    return Err(());
                }
                Ok(None)
            }
            Mechanism::Include | Mechanism::Exists => {
                if bytes.len() <= 1 || bytes[0] != b':' {
                    self.error(
                        args.start - name.len()..args.end,
                        format!("`{name}` needs a domain: `{name}:<domain>`"),
                        "write the domain after a colon (RFC 7208 §5.2, §5.7)",
                    );
                    return Err(());
                }
                self.domain_spec(text, args.start + 1..args.end)
                    .map(Some)
                    .ok_or(())
            }
            Mechanism::A | Mechanism::Mx | Mechanism::Ptr => {
                let (domain, cidr) = if bytes.first() == Some(&b':') {
                    let end = domain_end(bytes);
                    if end <= 1 {
                        self.error(
                            args.clone(),
                            format!("`{name}:` has no domain after the colon"),
                            "write the domain after the colon, or drop the colon to mean the record's own domain (RFC 7208 §5.3)",
                        );
                        return Err(());
                    }
                    let spec = self
                        .domain_spec(text, args.start + 1..args.start + end)
                        .ok_or(())?;
                    (Some(spec), args.start + end..args.end)
                } else {
                    (None, args.clone())
                };
                if mechanism == Mechanism::Ptr {
                    if !cidr.is_empty() {
                        self.error(
                            cidr,
                            "`ptr` takes no prefix length".to_string(),
                            "remove the prefix length (RFC 7208 §5.5)",
                        );
                        return Err(());
                    }
                } else if !cidr.is_empty() && !self.dual_cidr(text, cidr) {
                    return Err(());
                }
                Ok(domain)
            }
            Mechanism::Ip4 | Mechanism::Ip6 => {
                if bytes.len() <= 1 || bytes[0] != b':' {
                    self.error(
                        args.start - name.len()..args.end,
                        format!("`{name}` needs a network: `{name}:<address>[/<prefix>]`"),
                        "write the address after a colon (RFC 7208 §5.6)",
                    );
                    return Err(());
                }
                let body = args.start + 1..args.end;
                let text_of = String::from_utf8_lossy(&text[body.clone()]);
                let (address, prefix) = match text_of.split_once('/') {
                    Some((a, p)) => (a, Some(p)),
                    None => (&*text_of, None),
                };
                let address_range = body.start..body.start + address.len();
                let (valid, max) = if mechanism == Mechanism::Ip4 {
                    (ip4_network(address), 32)
                } else {
                    (address.parse::<Ipv6Addr>().is_ok(), 128)
                };
                if !valid {
                    let family = if max == 32 { "IPv4" } else { "IPv6" };
                    let help = if max == 32 && address.parse::<Ipv6Addr>().is_ok() {
                        "this is an IPv6 address: write it with `ip6:` (RFC 7208 §5.6)"
                    } else if max == 128 && address.parse::<Ipv4Addr>().is_ok() {
                        "this is an IPv4 address: write it with `ip4:` (RFC 7208 §5.6)"
                    } else {
                        "write the network's address in dotted (IPv4) or RFC 4291 (IPv6) form, without leading zeros (RFC 7208 §5.6)"
                    };
                    self.error(
                        address_range,
                        format!("`{}` is not an {family} address", shown(address.as_bytes())),
                        help,
                    );
                    return Err(());
                }
                if let Some(prefix) = prefix {
                    let at = address_range.end..body.end;
                    if !cidr_length(prefix, max) {
                        self.error(
                            at,
                            format!("`/{}` is not a prefix length of 0 to {max}", shown(prefix.as_bytes())),
                            "write the prefix length in decimal, without leading zeros (RFC 7208 §5.6)",
                        );
                        return Err(());
                    }
                }
                Ok(None)
            }
        }
    }

    /// `a` and `mx`'s `/<ip4-len>`, `//<ip6-len>` or `/<ip4-len>//<ip6-len>`.
    fn dual_cidr(&mut self, text: &[u8], range: Range<usize>) -> bool {
        let written = String::from_utf8_lossy(&text[range.clone()]).into_owned();
        let (v4, v6) = match written.split_once("//") {
            Some((v4, v6)) => (v4.to_string(), Some(v6.to_string())),
            None => (written.clone(), None),
        };
        let v4_ok = v4.is_empty() || v4.strip_prefix('/').is_some_and(|p| cidr_length(p, 32));
        let v6_ok = v6.as_deref().is_none_or(|p| cidr_length(p, 128));
        if v4_ok && v6_ok {
            return true;
        }
        self.error(
            range,
            format!("`{}` is not a prefix length (`/0`–`/32`, `//0`–`//128`)", shown(written.as_bytes())),
            "write `/<IPv4 length>`, `//<IPv6 length>` or both, in decimal without leading zeros (RFC 7208 §5.3, §5.4)",
        );
        false
    }

    /// A domain-spec (§7.1): a macro-string ending with a top label or a
    /// macro.
    fn domain_spec(&mut self, text: &[u8], range: Range<usize>) -> Option<DomainSpec> {
        if !self.macro_string(text, range.clone(), false) {
            return None;
        }
        let bytes = &text[range.clone()];
        let literal = (!bytes.contains(&b'%')).then(|| {
            String::from_utf8_lossy(bytes)
                .trim_end_matches('.')
                .to_string()
        });
        if bytes.ends_with(b"}") || bytes.ends_with(b"%_") || bytes.ends_with(b"%-") {
            // Ends with a macro: what it expands to is known at query time.
            // ("%%" ends a literal percent sign, not a macro.)
            let percent_run = bytes
                .iter()
                .rev()
                .skip(1)
                .take_while(|&&b| b == b'%')
                .count();
            if bytes.ends_with(b"}") || percent_run % 2 == 1 {
                return Some(DomainSpec { range, literal });
            }
        }
        let trimmed = bytes.strip_suffix(b".").unwrap_or(bytes);
        let toplabel = trimmed.rsplit(|&b| b == b'.').next().unwrap_or(b"");
        let has_dot = trimmed.len() > toplabel.len();
        if has_dot && is_toplabel(toplabel) && !trimmed.ends_with(b"..") {
            return Some(DomainSpec { range, literal });
        }
        let why = if !has_dot {
            "has a single label".to_string()
        } else if toplabel.is_empty() {
            "has an empty label".to_string()
        } else {
            format!("ends with `{}`, which is not a top label (letters, digits and inner hyphens, not all digits)", shown(toplabel))
        };
        self.error(
            range,
            format!("domain `{}` {why}", shown(bytes)),
            "write a fully qualified domain such as `_spf.example.com` (RFC 7208 §7.1: domain-end)",
        );
        None
    }

    /// A macro-string (§7.1): literals and well-formed macros. `exp_text`
    /// allows the letters only explanations may use (`c`, `r`, `t`).
    fn macro_string(&mut self, text: &[u8], range: Range<usize>, exp_text: bool) -> bool {
        let bytes = &text[range.clone()];
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'%' {
                i += 1;
                continue;
            }
            match bytes.get(i + 1) {
                Some(b'%' | b'_' | b'-') => i += 2,
                Some(b'{') => {
                    let Some(close) = bytes[i..].iter().position(|&b| b == b'}') else {
                        self.error(
                            range.start + i..range.end,
                            format!("macro `{}` has no closing `}}`", shown(&bytes[i..])),
                            "close the macro with `}` (RFC 7208 §7.1)",
                        );
                        return false;
                    };
                    let body = &bytes[i + 2..i + close];
                    if let Err(why) = macro_body(body, exp_text) {
                        self.error(
                            range.start + i..range.start + i + close + 1,
                            format!("macro `{}` {why}", shown(&bytes[i..i + close + 1])),
                            "a macro is `%{` letter, optional digits and `r`, optional delimiters `.-+,/_=`, `}` (RFC 7208 §7.1)",
                        );
                        return false;
                    }
                    i += close + 1;
                }
                _ => {
                    let end = (i + 2).min(bytes.len());
                    self.error(
                        range.start + i..range.start + end,
                        format!("`{}` is not a macro", shown(&bytes[i..end])),
                        "write a literal percent sign as `%%` (RFC 7208 §7.1)",
                    );
                    return false;
                }
            }
        }
        true
    }
}

/// The length of a domain-spec at the start of `bytes` (which starts with
/// the colon): up to the first `/` outside a macro that starts a dual-cidr
/// (`/24`, `//64`, `/24//64`, digits or none). A `/` followed by anything
/// else is part of the domain (macro-literal allows it: `a:foo/bar.example`).
fn domain_end(bytes: &[u8]) -> usize {
    let mut in_macro = false;
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        match b {
            b'{' if bytes[i - 1] == b'%' => in_macro = true,
            b'}' => in_macro = false,
            b'/' if !in_macro && is_cidr_shaped(&bytes[i..]) => return i,
            _ => {}
        }
    }
    bytes.len()
}

/// Whether `rest` has the shape of a dual-cidr: `/` digits, `//` digits, or
/// both, the digits possibly missing or out of range (judged later).
fn is_cidr_shaped(rest: &[u8]) -> bool {
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let written = String::from_utf8_lossy(rest);
    match written.split_once("//") {
        Some((v4, v6)) => (v4.is_empty() || digits(&v4.as_bytes()[1..])) && digits(v6.as_bytes()),
        None => digits(&rest[1..]),
    }
}

/// What is wrong with a macro's body (between `%{` and `}`), if anything.
fn macro_body(body: &[u8], exp_text: bool) -> Result<(), String> {
    let Some((&letter, rest)) = body.split_first() else {
        return Err("has no macro letter".to_string());
    };
    let letter = letter.to_ascii_lowercase();
    if !b"slodiphcrtv".contains(&letter) {
        return Err(format!("has the unknown letter `{}`", letter as char));
    }
    if b"crt".contains(&letter) && !exp_text {
        return Err(format!(
            "uses `{}`, allowed only in explanation text (RFC 7208 §7.2)",
            letter as char
        ));
    }
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut rest = &rest[digits..];
    if digits > 0 && body[1..=digits].iter().all(|&b| b == b'0') {
        return Err("keeps zero labels".to_string());
    }
    if let Some(tail) = rest.strip_prefix(b"r").or_else(|| rest.strip_prefix(b"R")) {
        rest = tail;
    }
    match rest.iter().find(|b| !b".-+,/_=".contains(b)) {
        Some(&b) => Err(format!("has `{}` where a delimiter belongs", b as char)),
        None => Ok(()),
    }
}

/// RFC 7208 §7.1 toplabel.
fn is_toplabel(label: &[u8]) -> bool {
    !label.is_empty()
        && label
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && !label.starts_with(b"-")
        && !label.ends_with(b"-")
        && (label.iter().any(u8::is_ascii_alphabetic) || label.contains(&b'-'))
}

/// RFC 7208 ip4-network: four decimal numbers 0–255 without leading zeros.
fn ip4_network(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 4 && parts.iter().all(|p| decimal(p).is_some_and(|n| n <= 255))
}

/// A prefix length 0..=max without leading zeros.
fn cidr_length(text: &str, max: u32) -> bool {
    decimal(text).is_some_and(|n| n <= max)
}

/// A decimal number without leading zeros (up to 3 digits).
fn decimal(text: &str) -> Option<u32> {
    let ok = !text.is_empty()
        && text.len() <= 3
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    ok.then(|| text.parse().ok()).flatten()
}

/// The one candidate within edit distance 1 of `written` (case ignored),
/// if exactly one is.
pub(crate) fn nearest<'a>(
    written: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<String> {
    // One letter is within distance 1 of every other letter.
    if written.len() < 2 {
        return None;
    }
    let lower = written.to_ascii_lowercase();
    let close: Vec<&str> = candidates
        .filter(|c| strsim::levenshtein(&lower, c) == 1)
        .collect();
    match close.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

/// Bytes for a message: lossy UTF-8, control characters escaped.
pub(crate) fn shown(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        Spf::parse(text.as_bytes())
            .errors
            .into_iter()
            .map(|e| format!("{}:{}", &text[e.range.clone()], e.message))
            .collect()
    }

    #[test]
    fn recognises_the_version() {
        assert!(is_spf(b"v=spf1"));
        assert!(is_spf(b"V=SPF1 -all"));
        assert!(!is_spf(b"v=spf10"));
        assert!(!is_spf(b"xv=spf1 -all"));
        assert!(!is_spf(b"v=spf1\t-all"));
    }

    #[test]
    fn valid_records_have_no_error() {
        for text in [
            "v=spf1 -all",
            "v=spf1  a  -all ",
            "v=spf1 include:_spf.google.com ~all",
            "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 ip4:0.0.0.0/0 -all",
            "v=spf1 a/24 mx:mail.example.com//64 a:example.com/24//64 ?all",
            "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all",
            "v=spf1 redirect=_spf.example.com",
            "v=spf1 -all exp=explain._spf.%{d}",
            "v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all",
            "v=spf1 include:example.com. -all",
            "v=spf1 a:foo-bar.example.123-com -all",
            "v=spf1 ptr:%{d} -all",
            // `/` and `:` are macro-literals: part of the domain unless a
            // prefix length follows.
            "v=spf1 a:foo:bar/baz.example.com mx:foo:bar/baz.example.com/24 -all",
        ] {
            assert_eq!(errors(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn finds_each_break_of_the_grammar() {
        let cases = [
            ("v=spf1 inclde:x.example -all", "inclde"),
            ("v=spf1 ip4:192.0.2.300 -all", "192.0.2.300"),
            ("v=spf1 ip4:192.0.2.1/33 -all", "/33"),
            ("v=spf1 ip6:2001:db8::/129", "/129"),
            ("v=spf1 ip4:192.0.02.1", "192.0.02.1"),
            ("v=spf1 a:localhost -all", "localhost"),
            ("v=spf1 a:example.123 -all", "example.123"),
            ("v=spf1 include:%{z}.example.com", "%{z}"),
            ("v=spf1 include:%{c}.example.com", "%{c}"),
            ("v=spf1 exists:%x.example.com", "%x"),
            (
                "v=spf1 redirect=a.example.com redirect=b.example.com",
                "redirect=b.example.com",
            ),
            ("v=spf1 -all/24", "/24"),
            ("v=spf1 include", "include"),
            ("v=spf1 a//129", "//129"),
            ("v=spf1 a:example.com/", "/"),
            ("v=spf1 mx:example.com/24//", "/24//"),
            ("v=spf1 ptr/24", "/24"),
            ("v=spf1 a:ctrl.example.com\rptr -all", "\r"),
            ("v=spf1 =foo", "=foo"),
            ("v=spf1 redirct=_spf.example.com", "redirct"),
        ];
        for (text, labelled) in cases {
            let found = errors(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert!(
                found[0].starts_with(&format!("{labelled}:")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn suggests_the_one_close_mechanism() {
        let spf = Spf::parse(b"v=spf1 inclde:x.example ipv4:192.0.2.1 b -all");
        let suggestions: Vec<Option<String>> =
            spf.errors.iter().map(|e| e.suggestion.clone()).collect();
        assert_eq!(
            suggestions,
            vec![Some("include".to_string()), Some("ip4".to_string()), None]
        );
    }

    #[test]
    fn reads_terms() {
        let spf =
            Spf::parse(b"v=spf1 ~mx:mail.example.com include:_spf.example.net. redirect=x.example");
        assert_eq!(spf.terms.len(), 3);
        let TermKind::Directive {
            qualifier,
            mechanism,
            domain,
            ..
        } = &spf.terms[0].kind
        else {
            panic!("a directive");
        };
        assert_eq!(
            (*qualifier, *mechanism),
            (Qualifier::SoftFail, Mechanism::Mx)
        );
        assert_eq!(
            domain.as_ref().unwrap().literal.as_deref(),
            Some("mail.example.com")
        );
        let TermKind::Directive { domain, .. } = &spf.terms[1].kind else {
            panic!("a directive");
        };
        assert_eq!(
            domain.as_ref().unwrap().literal.as_deref(),
            Some("_spf.example.net")
        );
        assert!(
            matches!(&spf.terms[2].kind, TermKind::Redirect(d) if d.literal.as_deref() == Some("x.example"))
        );
    }
}
