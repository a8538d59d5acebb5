//! `nsd.conf` (nsd.conf(5)): `attribute: value` lines, `#` comments,
//! clauses (`server:`, `zone:`, `pattern:`) that group the attributes
//! after them. Read: `include:`, `server: zonesdir:`, `pattern:` and
//! `zone:` with `name:`, `zonefile:`, `include-pattern:` and
//! `request-xfr:` (a secondary).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Declared, Parsed, Role};
use crate::source::{SourceFile, Span};

#[derive(Default, Clone)]
struct Block {
    name: Option<(String, Span)>,
    zonefile: Option<(String, Span)>,
    secondary: bool,
    patterns: Vec<String>,
}

/// Reads one `nsd.conf` file (its includes are the caller's to follow).
pub(super) fn parse(file: &Arc<SourceFile>) -> Parsed {
    let mut parsed = Parsed::default();
    let attrs = super::key_lines(file, &mut parsed);
    let mut clause = String::new();
    let mut zones: Vec<Block> = Vec::new();
    let mut patterns: HashMap<String, Block> = HashMap::new();
    let mut current = Block::default();
    let finish =
        |clause: &str, b: Block, zones: &mut Vec<Block>, patterns: &mut HashMap<String, Block>| {
            match clause {
                "zone" => zones.push(b),
                "pattern" => {
                    if let Some((n, _)) = &b.name {
                        patterns.insert(n.clone(), b.clone());
                    }
                }
                _ => {}
            }
        };
    for mut a in attrs {
        a.key.make_ascii_lowercase();
        if a.value.is_empty()
            && matches!(
                a.key.as_str(),
                "server"
                    | "zone"
                    | "pattern"
                    | "key"
                    | "remote-control"
                    | "tls-auth"
                    | "verify"
                    | "dnstap"
                    | "cookie-secret"
            )
        {
            finish(
                &clause,
                std::mem::take(&mut current),
                &mut zones,
                &mut patterns,
            );
            clause = a.key;
            continue;
        }
        match (clause.as_str(), a.key.as_str()) {
            (_, "include") => parsed
                .includes
                .push((PathBuf::from(&a.value), a.span, None)),
            ("server", "zonesdir") => parsed.directory = Some(PathBuf::from(&a.value)),
            ("zone" | "pattern", "name") => current.name = Some((a.value, a.span)),
            ("zone" | "pattern", "zonefile") => current.zonefile = Some((a.value, a.span)),
            ("zone" | "pattern", "request-xfr") => current.secondary = true,
            ("zone" | "pattern", "include-pattern") => current.patterns.push(a.value),
            _ => {}
        }
    }
    finish(&clause, current, &mut zones, &mut patterns);
    for mut z in zones {
        // What the patterns give, the zone's own attributes override.
        let mut seen = Vec::new();
        while let Some(p) = z.patterns.pop() {
            if seen.contains(&p) {
                continue;
            }
            if let Some(pat) = patterns.get(&p) {
                z.zonefile = z.zonefile.or_else(|| pat.zonefile.clone());
                z.secondary |= pat.secondary;
                z.patterns.extend(pat.patterns.iter().cloned());
            }
            seen.push(p);
        }
        let (Some((name, name_span)), Some((pattern, _))) = (z.name, z.zonefile) else {
            continue;
        };
        let Some(path) = expand(&pattern, &name) else {
            continue;
        };
        parsed.declare(Declared {
            zone_text: name,
            name_span,
            view: None,
            role: if z.secondary {
                Role::Secondary
            } else {
                Role::Primary
            },
            file: PathBuf::from(path),
            config: Arc::clone(file),
        });
    }
    parsed
}

/// `zonefile:` with its escapes: `%s` the zone name, `%1` to `%3` its
/// first characters, `%z`, `%y`, `%x` its labels from the right, `%%`;
/// what does not exist is a `.` (nsd.conf(5)).
fn expand(pattern: &str, zone: &str) -> Option<String> {
    let name = zone.trim_end_matches('.');
    let chars: Vec<char> = name.chars().collect();
    let labels: Vec<&str> = name.rsplit('.').collect();
    let mut out = String::new();
    let mut it = pattern.chars();
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match it.next()? {
            's' => out.push_str(name),
            '%' => out.push('%'),
            d @ '1'..='3' => out.push(*chars.get(d as usize - '1' as usize).unwrap_or(&'.')),
            l @ ('z' | 'y' | 'x') => {
                let i = match l {
                    'z' => 0,
                    'y' => 1,
                    _ => 2,
                };
                out.push_str(labels.get(i).copied().unwrap_or("."));
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_patterns_and_zonesdir() {
        let text = "server:\n  zonesdir: \"/etc/nsd/zones\"  # where\n\
                    pattern:\n  name: \"primary\"\n  zonefile: \"%s.zone\"\n\
                    pattern:\n  name: secondary\n  zonefile: \"slave/%s\"\n  request-xfr: 192.0.2.1 NOKEY\n\
                    zone:\n  name: example.com\n  include-pattern: \"primary\"\n\
                    zone:\n  name: \"example.net\"\n  zonefile: \"net/%z/%1/%s.db\"\n\
                    zone:\n  name: example.org\n  include-pattern: secondary\n\
                    zone:\n  name: nofile.example\n\
                    include: \"/etc/nsd/more.conf\"\n";
        let p = parse(&SourceFile::new("nsd.conf", text.as_bytes().to_vec()));
        assert!(p.diagnostics.is_empty());
        assert_eq!(p.directory, Some(PathBuf::from("/etc/nsd/zones")));
        let got: Vec<(String, Role, String)> = p
            .zones
            .iter()
            .map(|d| (d.zone_text.clone(), d.role, d.file.display().to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "example.com".into(),
                    Role::Primary,
                    "example.com.zone".into()
                ),
                (
                    "example.net".into(),
                    Role::Primary,
                    "net/net/e/example.net.db".into()
                ),
                (
                    "example.org".into(),
                    Role::Secondary,
                    "slave/example.org".into()
                ),
            ]
        );
        assert_eq!(p.includes.len(), 1);
    }

    #[test]
    fn bad_lines_are_findings() {
        let text = "zone:\n  name example.com\n  zonefile: \"x\n";
        let p = parse(&SourceFile::new("nsd.conf", text.as_bytes().to_vec()));
        assert_eq!(p.diagnostics.len(), 2);
        let d = &p.diagnostics[0];
        assert_eq!(
            &text[d.span.start as usize..d.span.end as usize],
            "name example.com"
        );
    }
}
