//! `zonelint dump`: every record after expansion, one per line, absolute
//! names, standard presentation format (like `named-compilezone -s full`).

use std::fmt::Write as _;

use serde::Serialize;

use super::{record_flags, RecordId, Zone};
use crate::dns::rdata::write_presentation;
use crate::dns::Name;

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
        let record = self.record(id);
        let owner: Name = self.names().name(record.owner);
        let _ = write!(
            out,
            "{owner}\t{}\t{}\t{}\t{}",
            record.ttl,
            self.class(),
            record.rtype,
            self.rdata_text(id)
        );
    }

    /// The whole zone, one record per line.
    pub fn dump(&self) -> String {
        let mut out = String::with_capacity(self.len() * 64);
        for (id, _) in self.records() {
            self.write_record(id, &mut out);
            out.push('\n');
        }
        out
    }

    /// The records as JSON values (for `dump --format json`).
    pub fn dump_json(&self) -> Vec<DumpRecord> {
        self.records()
            .map(|(id, r)| {
                let file = self.file_of(r);
                let (line, _) = file.line_col(r.start);
                DumpRecord {
                    owner: self.names().name(r.owner).to_string(),
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
