//! `zonelint dump`: every record after expansion, one per line, absolute
//! names, standard presentation format (like `named-compilezone -s full`).

use std::fmt::Write as _;

use serde::Serialize;

use super::{record_flags, NameId, RecordId, Zone};
use crate::dns::rdata::write_presentation;
use crate::dns::{Name, RecordType};

/// An owner token as written (`www`, `WWW.Example.COM.`, `@`) made
/// absolute under `origin` (presentation, ending with a dot), in the case
/// it was written; `None` when it does not read as a name.
fn spelled(text: &str, origin: &str) -> Option<String> {
    let full = if text == "@" {
        origin.to_owned()
    } else if text.ends_with('.') && !text.ends_with("\\.") {
        text.to_owned()
    } else if origin == "." {
        format!("{text}.")
    } else {
        format!("{text}.{origin}")
    };
    let name: Name = full.parse().ok()?;
    Some(name.to_string())
}

impl Zone {
    /// The presentation form of a record's data.
    pub fn rdata_text(&self, id: RecordId) -> String {
        let record = self.record(id);
        let data = self.rdata(record);
        if record.has(record_flags::OPAQUE) {
            return String::from_utf8_lossy(data).into_owned();
        }
        let mut out = String::with_capacity(data.len() * 2);
        write_presentation(record.rtype, data, &mut out);
        if record.has(record_flags::FIELD_OUT_OF_RANGE) {
            // The preference could not be stored (it is not 0..=65535):
            // show it as written rather than as the placeholder 0.
            let syntax = self.record_syntax(id);
            if let (Some(pref), Some(rest)) = (syntax.rdata.first(), out.strip_prefix("0 ")) {
                let text = self.file_of(record).text();
                out = format!("{} {rest}", String::from_utf8_lossy(pref.slice(text)));
            }
        }
        out
    }

    /// `owner TTL CLASS TYPE RDATA`, tab-separated.
    pub fn write_record(&self, id: RecordId, out: &mut String) {
        let owner: Name = self.names().name(self.record(id).owner);
        self.write_record_as(id, &owner.to_string(), out);
    }

    fn write_record_as(&self, id: RecordId, owner: &str, out: &mut String) {
        let record = self.record(id);
        let _ = write!(
            out,
            "{owner}\t{}\t{}\t{}\t{}",
            record.ttl,
            self.class(),
            record.rtype,
            self.rdata_text(id)
        );
    }

    /// Each record's owner spelled as BIND prints it: the case written for
    /// the first record of its RRset (owner and type), where the name
    /// table keeps one spelling per name, and the first written, for every
    /// label. Records whose owner cannot be read back from the text
    /// (`$GENERATE`) take the table's spelling.
    fn owners_as_written(&self) -> Vec<String> {
        let names = self.names();
        let mut first: std::collections::HashMap<(NameId, RecordType), String> =
            std::collections::HashMap::new();
        let mut last_written: Option<(NameId, String)> = None;
        let mut out = Vec::with_capacity(self.len());
        for (id, r) in self.records() {
            let table = || names.name(r.owner).to_string();
            let written = if r.has(record_flags::GENERATED) {
                None
            } else {
                match self.record_syntax(id).owner {
                    Some(span) => {
                        let text = String::from_utf8_lossy(span.slice(self.file_of(r).text()));
                        spelled(&text, &self.origin_spelled_at(r))
                    }
                    None => last_written
                        .as_ref()
                        .filter(|(owner, _)| *owner == r.owner)
                        .map(|(_, s)| s.clone()),
                }
            };
            // Only a spelling of the same name (compared without case).
            let written = written.filter(|w| w.eq_ignore_ascii_case(&table()));
            if let Some(w) = &written {
                last_written = Some((r.owner, w.clone()));
            }
            let shown = first
                .entry((r.owner, r.rtype))
                .or_insert_with(|| written.unwrap_or_else(table))
                .clone();
            out.push(shown);
        }
        out
    }

    /// The whole zone, one record per line.
    /// Records whose data no server accepts (an MX preference of 70000,
    /// kept for `mx-preference-range` to report) are left out, as BIND
    /// would not load them: see [`Zone::unloadable`].
    pub fn dump(&self) -> String {
        let owners = self.owners_as_written();
        let mut out = String::with_capacity(self.len() * 64);
        for (i, (id, _)) in self.records().enumerate() {
            if self.record(id).has(record_flags::FIELD_OUT_OF_RANGE) {
                continue;
            }
            self.write_record_as(id, &owners[i], &mut out);
            out.push('\n');
        }
        out
    }

    /// The records as JSON values (for `dump --format json`).
    pub fn dump_json(&self) -> Vec<DumpRecord> {
        let owners = self.owners_as_written();
        self.records()
            .zip(owners)
            .filter(|((_, r), _)| !r.has(record_flags::FIELD_OUT_OF_RANGE))
            .map(|((id, r), owner)| {
                let file = self.file_of(r);
                let (line, _) = file.line_col(r.start);
                DumpRecord {
                    owner,
                    ttl: r.ttl,
                    class: self.class().to_string(),
                    r#type: r.rtype.to_string(),
                    rdata: self.rdata_text(id),
                    path: file.path().display().to_string(),
                    line,
                }
            })
            .collect()
    }
}

impl Zone {
    /// The records loaded for the rules' sake that no server accepts (a
    /// field out of its range, such as an MX preference of 70000): `dump`
    /// leaves them out. Their file, line, and the data as written.
    pub fn unloadable(&self) -> Vec<(std::path::PathBuf, u32, String)> {
        self.records()
            .filter(|(_, r)| r.has(record_flags::FIELD_OUT_OF_RANGE))
            .map(|(id, r)| {
                let file = self.file_of(r);
                (
                    file.path().to_path_buf(),
                    file.line_col(r.start).0,
                    format!("{} {}", r.rtype, self.rdata_text(id)),
                )
            })
            .collect()
    }

    /// The index of the first record that differs from `other`'s (owner
    /// spelling, TTL, class, type or data), or of the first record one zone
    /// has and the other has not. `None` when the records are the same.
    pub fn first_difference(&self, other: &Zone) -> Option<usize> {
        let same_owner = |a: &super::Record, b: &super::Record| {
            let (na, nb) = (self.names(), other.names());
            na.depth(a.owner) == nb.depth(b.owner)
                && na
                    .ancestors(a.owner)
                    .zip(nb.ancestors(b.owner))
                    .all(|(x, y)| na.label(x) == nb.label(y))
        };
        let n = self.len().min(other.len());
        let differs = (0..n).find(|&i| {
            let (a, b) = (
                self.record(RecordId(i as u32)),
                other.record(RecordId(i as u32)),
            );
            a.rtype != b.rtype
                || a.ttl != b.ttl
                || (a.flags & record_flags::OPAQUE) != (b.flags & record_flags::OPAQUE)
                || self.rdata(a) != other.rdata(b)
                || !same_owner(a, b)
        });
        differs.or((self.len() != other.len()).then_some(n))
    }
}

/// One record of `dump --format json`.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct DumpRecord {
    /// The owner, absolute.
    pub owner: String,
    /// The TTL in seconds.
    pub ttl: u32,
    /// The class mnemonic.
    pub class: String,
    /// The type mnemonic.
    pub r#type: String,
    /// The data in presentation form.
    pub rdata: String,
    /// The file the record was read from.
    pub path: String,
    /// Its 1-based line.
    pub line: u32,
}
