//! `knot.conf` (knot.conf(5)): Knot's "simplified YAML": sections at the
//! left margin, lists of settings blocks (`- id: …`, `- domain: …`),
//! `key: value` items, `#` comments. Read: `include:`, `template:` with
//! `id`, `storage`, `file`, `master`, and `zone:` with `domain`,
//! `template`, `storage`, `file`, `master` (a secondary). A zone's
//! template is `default` unless it names one; `storage` defaults to
//! `/var/lib/knot`, `file` to `%s.zone`, and a relative file is relative
//! to the storage.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Declared, Parsed, Role};
use crate::source::{SourceFile, Span};

struct Item {
    section: String,
    /// A new settings block starts here (`- key: value`).
    starts_block: bool,
    key: String,
    value: String,
    span: Span,
}

/// The items of `file`, each with its section (the key at the left margin
/// with no value above it; top-level items such as `include:` have none).
fn items(file: &Arc<SourceFile>, parsed: &mut Parsed) -> Vec<Item> {
    let mut out = Vec::new();
    let mut section = String::new();
    for l in super::key_lines(file, parsed) {
        if l.indent == 0 && !l.item {
            if l.value.is_empty() {
                section = l.key;
                continue;
            }
            out.push(Item {
                section: String::new(),
                starts_block: false,
                key: l.key,
                value: l.value,
                span: l.span,
            });
            continue;
        }
        out.push(Item {
            section: section.clone(),
            starts_block: l.item,
            key: l.key,
            value: l.value,
            span: l.span,
        });
    }
    out
}

#[derive(Default, Clone)]
struct Block {
    values: HashMap<String, (String, Span)>,
}

impl Block {
    fn get(&self, key: &str) -> Option<&(String, Span)> {
        self.values.get(key)
    }
}

/// Reads one `knot.conf` file (its includes are the caller's to follow).
pub(super) fn parse(file: &Arc<SourceFile>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut templates: HashMap<String, Block> = HashMap::new();
    let mut zones: Vec<Block> = Vec::new();
    let mut current: Option<(String, Block)> = None;
    let flush = |cur: Option<(String, Block)>,
                 templates: &mut HashMap<String, Block>,
                 zones: &mut Vec<Block>| {
        match cur {
            Some((s, b)) if s == "template" => {
                if let Some((id, _)) = b.get("id") {
                    templates.insert(id.clone(), b.clone());
                }
            }
            Some((s, b)) if s == "zone" => zones.push(b),
            _ => {}
        }
    };
    for it in items(file, &mut parsed) {
        if it.section.is_empty() {
            if it.key == "include" {
                parsed
                    .includes
                    .push((PathBuf::from(&it.value), it.span, None));
            }
            continue;
        }
        if it.starts_block || current.as_ref().is_none_or(|(s, _)| *s != it.section) {
            flush(current.take(), &mut templates, &mut zones);
            current = Some((it.section.clone(), Block::default()));
        }
        if let Some((_, b)) = current.as_mut() {
            b.values.entry(it.key).or_insert((it.value, it.span));
        }
    }
    flush(current, &mut templates, &mut zones);
    let none = Block::default();
    for z in zones {
        let Some((domain, name_span)) = z.get("domain").cloned() else {
            continue;
        };
        let template = match z.get("template") {
            Some((id, _)) => templates.get(id).unwrap_or(&none),
            None => templates.get("default").unwrap_or(&none),
        };
        let pick = |key: &str| z.get(key).or_else(|| template.get(key)).cloned();
        let storage = pick("storage").map_or_else(|| "/var/lib/knot".to_owned(), |(s, _)| s);
        let (pattern, _) = pick("file").unwrap_or(("%s.zone".to_owned(), name_span));
        let Some(path) = expand(&pattern, &domain) else {
            continue;
        };
        let path = Path::new(&storage).join(path);
        parsed.declare(Declared {
            zone_text: domain,
            name_span,
            view: None,
            role: if pick("master").is_some() {
                Role::Secondary
            } else {
                Role::Primary
            },
            file: path,
            config: Arc::clone(file),
        });
    }
    parsed
}

/// `file:` with its formatters: `%s` the zone name without its final dot
/// (`.` for the root), `%c[N]` and `%c[N-M]` its characters from the left,
/// `%l[N]` its labels from the right (0 is the top-level domain), `%%`.
fn expand(pattern: &str, zone: &str) -> Option<String> {
    let name = match zone.trim_end_matches('.') {
        "" => ".",
        n => n,
    };
    let chars: Vec<char> = name.chars().collect();
    let labels: Vec<&str> = name.rsplit('.').collect();
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        let c = rest.chars().next()?;
        rest = &rest[c.len_utf8()..];
        match c {
            's' => out.push_str(name),
            '%' => out.push('%'),
            'c' | 'l' => {
                let inner = rest.strip_prefix('[')?;
                let close = inner.find(']')?;
                let spec = &inner[..close];
                rest = &inner[close + 1..];
                let (a, b) = match spec.split_once('-') {
                    Some((a, b)) => (a.parse::<usize>().ok()?, b.parse::<usize>().ok()?),
                    None => {
                        let n = spec.parse::<usize>().ok()?;
                        (n, n)
                    }
                };
                if c == 'c' {
                    out.extend(chars.iter().skip(a).take((b + 1).saturating_sub(a)));
                } else if let Some(l) = labels.get(a) {
                    out.push_str(l);
                }
            }
            _ => return None,
        }
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_with_templates_and_defaults() {
        let text = "server:\n    listen: 0.0.0.0@53\n\ntemplate:\n  - id: default\n    storage: \"/var/lib/knot/zones\"\n    file: \"%s.zone\"  # default\n  - id: signed\n    storage: signed\n    file: \"%l[0]/%c[0]/%s\"\n\
                    zone:\n  - domain: example.com\n  - domain: example.net.\n    template: signed\n  - domain: example.org\n    file: /etc/knot/org.zone\n    master: primary\n\
                    include: zones.d/*.conf\n";
        let p = parse(&SourceFile::new("knot.conf", text.as_bytes().to_vec()));
        assert!(p.diagnostics.is_empty());
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
                    "/var/lib/knot/zones/example.com.zone".into()
                ),
                (
                    "example.net.".into(),
                    Role::Primary,
                    "signed/net/e/example.net".into()
                ),
                (
                    "example.org".into(),
                    Role::Secondary,
                    "/etc/knot/org.zone".into()
                ),
            ]
        );
        assert_eq!(p.includes[0].0, PathBuf::from("zones.d/*.conf"));
    }

    #[test]
    fn formatters() {
        assert_eq!(expand("%s.zone", ".").as_deref(), Some("..zone"));
        assert_eq!(
            expand("%c[0-2]/%s", "example.com.").as_deref(),
            Some("exa/example.com")
        );
        assert_eq!(
            expand("%l[1]/%l[5]x", "a.example.com").as_deref(),
            Some("example/x")
        );
        assert_eq!(expand("%q", "a.example"), None);
        assert_eq!(expand("100%%", "a").as_deref(), Some("100%"));
    }

    #[test]
    fn bad_lines_are_findings() {
        let text = "zone:\n  - domain example.com\n";
        let p = parse(&SourceFile::new("knot.conf", text.as_bytes().to_vec()));
        assert_eq!(p.diagnostics.len(), 1);
        let d = &p.diagnostics[0];
        assert_eq!(
            &text[d.span.start as usize..d.span.end as usize],
            "domain example.com"
        );
    }
}
