//! Every key of `zonelint.toml`, its type, default and documentation, for
//! `zonelint config` (a test holds this table to what the parser accepts).

use serde::Serialize;

/// One key of `zonelint.toml`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Key {
    /// The dotted path: `lint.select`, `format.align`.
    pub name: &'static str,
    /// The TOML type and its values.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// What applies when the key is not set.
    pub default: &'static str,
    /// A line of TOML that sets it (in its table).
    pub example: &'static str,
    /// What it does.
    pub doc: &'static str,
}

/// Every key, in the order of the documentation.
pub const KEYS: &[Key] = &[
    Key {
        name: "output-format",
        kind: "string: human, concise, json, sarif, github, gitlab",
        default: "\"human\"",
        example: "output-format = \"concise\"",
        doc: "The format of `zonelint check` reports when `--format` is not given. The \
              configuration of the first path checked (or of the current folder) decides.",
    },
    Key {
        name: "lint.select",
        kind: "array of rule codes or families",
        default: "every rule",
        example: "select = [\"mx\", \"cname-loop\"]",
        doc: "The rules to run: codes (`mx-target-cname`), families (`mx`, `mx-target`) or \
              `all`. An empty array is an error (it would run no rule). `--select` replaces it; \
              `--extend-select` adds to it. Rules of the refused-by-servers class always run.",
    },
    Key {
        name: "lint.ignore",
        kind: "array of rule codes or families",
        default: "[]",
        example: "ignore = [\"mx-backup-preferred\"]",
        doc: "The rules not to run. `--ignore` replaces it; `--extend-ignore` adds to it. \
              Naming a rule of the refused-by-servers class is an error.",
    },
    Key {
        name: "lint.fail-on",
        kind: "string: error, warning, info",
        default: "\"error\"",
        example: "fail-on = \"warning\"",
        doc: "The lowest severity that makes `zonelint check` exit 1. `--fail-on` overrides it.",
    },
    Key {
        name: "lint.severity",
        kind: "table: rule code = error, warning or info",
        default: "{} (each rule's own severity)",
        example: "severity = { mx-duplicate = \"error\" }",
        doc: "The severity a rule's findings are reported with. `syntax` and rules of the \
              refused-by-servers class cannot be changed. A child configuration merges it key \
              by key.",
    },
    Key {
        name: "lint.per-file-ignores",
        kind: "table: glob = array of rule codes or families",
        default: "{}",
        example: "per-file-ignores = { \"legacy/**\" = [\"mx-target-cname\"] }",
        doc: "Rules not run on the zone files a glob matches (relative to the configuration's \
              folder; a glob without `/` matches file names at any depth). Files a zone \
              `$INCLUDE`s are judged with it. Every matching glob applies; a child \
              configuration adds its own.",
    },
    Key {
        name: "files.include",
        kind: "array of globs",
        default: "[\"*.zone\", \"*.db\", \"db.*\"]",
        example: "include = [\"*.zone\", \"zones/*.txt\"]",
        doc: "Which files a folder walk takes as zone files. Files named on the command line \
              are always checked.",
    },
    Key {
        name: "files.exclude",
        kind: "array of globs",
        default: "[]",
        example: "exclude = [\"archive/**\"]",
        doc: "Files and folders to skip, in walks and on the command line (as pre-commit \
              passes files), besides what `.gitignore` and `.ignore` exclude from walks.",
    },
    Key {
        name: "files.server-config",
        kind: "array of paths",
        default: "those found in the repository",
        example: "server-config = [\"bind/named.conf\"]",
        doc: "The server configurations (`named.conf`, `nsd.conf`, `knot.conf`) that name the \
              zones and their files, relative to the configuration's folder, instead of those \
              found in the repository.",
    },
    Key {
        name: "origins",
        kind: "table: file or glob = domain name",
        default: "{}",
        example: "\"internal.db\" = \"corp.example.\"",
        doc: "The origin of the zone files a glob matches (the first matching glob wins). It \
              takes precedence over a server configuration, what the file says (`$ORIGIN`, the \
              SOA owner) and its name; only `--origin` overrides it.",
    },
    Key {
        name: "providers",
        kind: "table: provider name = table of name, docs, hosts, tenant, sets, spf, domains, sends",
        default: "{} (the built-in table: docs/providers.md)",
        example: "acme = { name = \"Acme Mail\", hosts = [\"mx1.acme.example\", \"mx2.acme.example\"], sets = [{ \"mx1.acme.example\" = 10, \"mx2.acme.example\" = 20 }], spf = [\"_spf.acme.example\"], sends = true }",
        doc: "Mail providers for the `mx-provider-*` rules, beside the built-in ones; an entry \
              named like a built-in one replaces it. `hosts` are exchange patterns (`*` is one \
              label), `tenant` per-domain patterns starting with `{tenant}.`, `sets` the MX sets \
              the provider publishes (exchange = preference), `spf` its `include:` targets, \
              `domains` its own domains, `sends` whether it sends the domain's mail. A child \
              file's entries are added to its parent's.",
    },
    Key {
        name: "format.align",
        kind: "string: block, file, none",
        default: "\"block\"",
        example: "align = \"file\"",
        doc: "How far `zonelint fmt` aligns the owner, TTL, class, type and data columns and \
              trailing comments: within blocks between blank lines, across the file, or not.",
    },
    Key {
        name: "format.indent",
        kind: "string: spaces, tabs",
        default: "\"spaces\"",
        example: "indent = \"tabs\"",
        doc: "Pad columns with spaces or tabs (tab stops every 8 columns).",
    },
    Key {
        name: "format.comment-column",
        kind: "integer, 0 to 1000",
        default: "0",
        example: "comment-column = 49",
        doc: "The column (1-based) trailing comments start at when the line is shorter; 0 \
              aligns them one space after the longest line of the block.",
    },
    Key {
        name: "format.explicit-ttl-class",
        kind: "boolean",
        default: "false",
        example: "explicit-ttl-class = true",
        doc: "Write the effective TTL and class on every record instead of only where the \
              author wrote them.",
    },
    Key {
        name: "format.soa",
        kind: "string: multiline, as-written",
        default: "\"multiline\"",
        example: "soa = \"as-written\"",
        doc: "Lay the SOA out one field per line with a comment naming each, or keep it as \
              written.",
    },
];

/// The key named `name` (case-insensitive).
pub fn lookup(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name.eq_ignore_ascii_case(name))
}

/// The `zonelint.toml` text that sets `key` to its example.
pub fn example_file(key: &Key) -> String {
    match key.name.split_once('.') {
        Some((table, _)) => format!("[{table}]\n{}\n", key.example),
        None if key.name == "origins" || key.name == "providers" => {
            format!("[{}]\n{}\n", key.name, key.example)
        }
        None => format!("{}\n", key.example),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn parse(text: &str) -> Result<super::super::Config, super::super::ConfigError> {
        super::super::parse(SourceFile::new("zonelint.toml", text.as_bytes().to_vec()))
    }

    /// Every key's example is accepted.
    #[test]
    fn every_example_parses() {
        for key in KEYS {
            let text = example_file(key);
            if let Err(e) = parse(&text) {
                panic!("{}: {text:?}: {}", key.name, e.message);
            }
        }
    }

    /// The keys of each table are exactly those the parser accepts (its
    /// "unknown field, expected one of ..." message lists them).
    #[test]
    fn the_table_is_complete() {
        for (table, probe) in [
            ("", "no-such-key = 1\n"),
            ("lint.", "[lint]\nno-such-key = 1\n"),
            ("files.", "[files]\nno-such-key = 1\n"),
            ("format.", "[format]\nno-such-key = 1\n"),
        ] {
            let message = parse(probe).expect_err(probe).message;
            let expected: Vec<String> = message
                .split('`')
                .skip(3)
                .step_by(2)
                .map(|f| format!("{table}{f}"))
                .collect();
            let mut listed: Vec<String> = KEYS
                .iter()
                .map(|k| k.name)
                .filter(|n| match table {
                    "" => !n.contains('.'),
                    t => n.starts_with(t),
                })
                .map(str::to_owned)
                .collect();
            let mut expected = expected;
            // The top level's tables are listed by their own keys.
            expected.retain(|e| !["lint", "files", "format"].contains(&e.as_str()));
            expected.sort();
            listed.sort();
            assert_eq!(listed, expected, "{message}");
        }
    }
}
