//! What a change does to the DNS: two loaded versions of a zone compared
//! record by record (`zonelint diff`), not as text. Reformatting, comments,
//! `$ORIGIN`/`$TTL` rewrites, relative or absolute names and the case of
//! owners change nothing; `$INCLUDE` and `$GENERATE` are compared expanded.
//!
//! A record is its owner (compared without case), type and data; one whose
//! TTL alone changed is a [`Kind::Ttl`] change, not a removal and an
//! addition. An RRset is a set (RFC 2181 §5): a record written twice is
//! served once, so removing the copy changes nothing.

use serde::Serialize;

use crate::zone::{record_flags, RecordId, Zone};

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// In the old version only.
    Removed,
    /// In the new version only.
    Added,
    /// In both, with another TTL.
    Ttl,
}

/// Where a record is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The file (the zone's, or one it `$INCLUDE`s), as it was named.
    pub path: String,
    /// The 1-based line of its entry (of the `$GENERATE` that made it).
    pub line: u32,
}

/// One record added, removed or with a new TTL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What happened.
    pub change: Kind,
    /// The owner, absolute, in presentation form.
    pub owner: String,
    /// The type mnemonic.
    #[serde(rename = "type")]
    pub rtype: String,
    /// The TTL (the new one for a TTL change).
    pub ttl: u32,
    /// The old TTL, for a TTL change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_ttl: Option<u32>,
    /// The data, in presentation form.
    pub rdata: String,
    /// Where the old version writes it (removed and TTL changes).
    pub old: Option<Place>,
    /// Where the new version writes it (added and TTL changes).
    pub new: Option<Place>,
    /// For sorting: the owner's labels from the root, lowercased.
    #[serde(skip)]
    order: Vec<Vec<u8>>,
    #[serde(skip)]
    type_code: u16,
}

/// A hash of what a record is matched by: owner (without case), type,
/// data; computed from the name table and the data in place.
fn key_hash(zone: &Zone, id: RecordId) -> u64 {
    use std::hash::{Hash, Hasher};
    let record = zone.record(id);
    let names = zone.names();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for n in names.ancestors(record.owner) {
        let label = names.label(n);
        label.len().hash(&mut h);
        for b in label {
            b.to_ascii_lowercase().hash(&mut h);
        }
    }
    record.rtype.0.hash(&mut h);
    (record.flags & record_flags::OPAQUE).hash(&mut h);
    zone.rdata(record).hash(&mut h);
    h.finish()
}

/// Whether record `x` of `a` and `y` of `b` are the same record, TTL
/// aside.
fn same(a: &Zone, x: RecordId, b: &Zone, y: RecordId) -> bool {
    let (rx, ry) = (a.record(x), b.record(y));
    let (na, nb) = (a.names(), b.names());
    rx.rtype == ry.rtype
        && (rx.flags & record_flags::OPAQUE) == (ry.flags & record_flags::OPAQUE)
        && a.rdata(rx) == b.rdata(ry)
        && na.depth(rx.owner) == nb.depth(ry.owner)
        && na
            .ancestors(rx.owner)
            .zip(nb.ancestors(ry.owner))
            .all(|(p, q)| na.label(p).eq_ignore_ascii_case(nb.label(q)))
}

fn place(zone: &Zone, id: RecordId) -> Place {
    let record = zone.record(id);
    let file = zone.file_of(record);
    Place {
        path: file.path().display().to_string(),
        line: file.line_col(record.start).0,
    }
}

fn change(zone: &Zone, id: RecordId, kind: Kind) -> Change {
    let record = zone.record(id);
    let name = zone.names().name(record.owner);
    let order = {
        let mut labels: Vec<Vec<u8>> = name
            .labels()
            .filter(|l| !l.is_empty())
            .map(|l| l.to_ascii_lowercase())
            .collect();
        labels.reverse();
        labels
    };
    let at = place(zone, id);
    let (old, new) = match kind {
        Kind::Removed => (Some(at), None),
        _ => (None, Some(at)),
    };
    Change {
        change: kind,
        owner: name.to_string(),
        rtype: record.rtype.to_string(),
        ttl: record.ttl,
        old_ttl: None,
        rdata: zone.rdata_text(id),
        old,
        new,
        order,
        type_code: record.rtype.0,
    }
}

/// The records of `zone` as (key hash, id), sorted.
fn index(zone: &Zone) -> Vec<(u64, RecordId)> {
    use rayon::prelude::*;
    let mut out: Vec<(u64, RecordId)> = (0..zone.len() as u32)
        .into_par_iter()
        .map(|i| (key_hash(zone, RecordId(i)), RecordId(i)))
        .collect();
    out.par_sort_unstable();
    out
}

/// The distinct records among `ids` (a run of one hash), the first of
/// each in file order.
fn distinct(zone: &Zone, ids: &[(u64, RecordId)]) -> Vec<RecordId> {
    let mut out: Vec<RecordId> = Vec::new();
    for &(_, id) in ids {
        if !out.iter().any(|&o| same(zone, o, zone, id)) {
            out.push(id);
        }
    }
    out
}

/// The changes from `old` to `new` (a missing version: every record of
/// the other added or removed), grouped by owner (in DNS order) and type.
pub fn compare(old: Option<&Zone>, new: Option<&Zone>) -> Vec<Change> {
    let mut out = Vec::new();
    let runs = |v: &[(u64, RecordId)]| -> Vec<(usize, usize)> {
        let mut r = Vec::new();
        let mut i = 0;
        while i < v.len() {
            let mut j = i + 1;
            while j < v.len() && v[j].0 == v[i].0 {
                j += 1;
            }
            r.push((i, j));
            i = j;
        }
        r
    };
    match (old, new) {
        (None, None) => {}
        (Some(z), None) | (None, Some(z)) => {
            let kind = if old.is_some() {
                Kind::Removed
            } else {
                Kind::Added
            };
            let v = index(z);
            for (i, j) in runs(&v) {
                out.extend(
                    distinct(z, &v[i..j])
                        .into_iter()
                        .map(|id| change(z, id, kind)),
                );
            }
        }
        (Some(a), Some(b)) => {
            let (va, vb) = rayon::join(|| index(a), || index(b));
            let (ra, rb) = (runs(&va), runs(&vb));
            let (mut x, mut y) = (0, 0);
            while x < ra.len() || y < rb.len() {
                let ha = ra.get(x).map(|&(i, _)| va[i].0);
                let hb = rb.get(y).map(|&(i, _)| vb[i].0);
                let (olds, news) = match (ha, hb) {
                    (Some(p), Some(q)) if p == q => {
                        let (o, n) = (ra[x], rb[y]);
                        x += 1;
                        y += 1;
                        (distinct(a, &va[o.0..o.1]), distinct(b, &vb[n.0..n.1]))
                    }
                    (Some(p), Some(q)) if p < q => {
                        let o = ra[x];
                        x += 1;
                        (distinct(a, &va[o.0..o.1]), Vec::new())
                    }
                    (Some(_), None) => {
                        let o = ra[x];
                        x += 1;
                        (distinct(a, &va[o.0..o.1]), Vec::new())
                    }
                    _ => {
                        let n = rb[y];
                        y += 1;
                        (Vec::new(), distinct(b, &vb[n.0..n.1]))
                    }
                };
                for &nid in &news {
                    match olds.iter().find(|&&oid| same(a, oid, b, nid)) {
                        Some(&oid) => {
                            let (ot, nt) = (a.record(oid).ttl, b.record(nid).ttl);
                            if ot != nt {
                                let mut c = change(b, nid, Kind::Ttl);
                                c.old_ttl = Some(ot);
                                c.old = Some(place(a, oid));
                                out.push(c);
                            }
                        }
                        None => out.push(change(b, nid, Kind::Added)),
                    }
                }
                for &oid in &olds {
                    if !news.iter().any(|&nid| same(a, oid, b, nid)) {
                        out.push(change(a, oid, Kind::Removed));
                    }
                }
            }
        }
    }
    out.sort_by(|x, y| {
        (&x.order, x.type_code, x.change, &x.rdata).cmp(&(
            &y.order,
            y.type_code,
            y.change,
            &y.rdata,
        ))
    });
    out
}

/// How many changes of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Records added.
    pub added: usize,
    /// Records removed.
    pub removed: usize,
    /// Records whose TTL alone changed.
    pub ttl: usize,
}

impl Counts {
    /// The counts of `changes`.
    pub fn of(changes: &[Change]) -> Counts {
        let mut c = Counts::default();
        for ch in changes {
            match ch.change {
                Kind::Added => c.added += 1,
                Kind::Removed => c.removed += 1,
                Kind::Ttl => c.ttl += 1,
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(text: &str) -> crate::zone::Loaded {
        let origin: crate::dns::Name = "example.com.".parse().unwrap();
        crate::load_text("x.zone", text.as_bytes().to_vec(), Some(origin))
    }

    const HEAD: &str = "$TTL 1h\n@ SOA ns h 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n";

    #[test]
    fn reformatting_changes_nothing() {
        let a = zone(&format!("{HEAD}www A 192.0.2.80 ; web\nWWW A 192.0.2.81\n"));
        let b = zone(&format!(
            "$ORIGIN example.com.\n{HEAD}www.example.com.   3600 IN A 192.0.2.80\nwww 1h A 192.0.2.81 ; moved comment\n"
        ));
        assert_eq!(compare(Some(&a.zone), Some(&b.zone)), Vec::new());
    }

    #[test]
    fn additions_removals_and_ttl_changes() {
        let a = zone(&format!(
            "{HEAD}www A 192.0.2.80\n@ MX 10 mail\nmail A 192.0.2.25\n"
        ));
        let b = zone(&format!("{HEAD}@ MX 10 mail\nmail 300 A 192.0.2.25\nnew AAAA 2001:db8::1\nnew AAAA 2001:db8::1\n"));
        let changes = compare(Some(&a.zone), Some(&b.zone));
        let seen: Vec<(Kind, &str, &str, u32, Option<u32>)> = changes
            .iter()
            .map(|c| {
                (
                    c.change,
                    c.owner.as_str(),
                    c.rtype.as_str(),
                    c.ttl,
                    c.old_ttl,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (Kind::Ttl, "mail.example.com.", "A", 300, Some(3600)),
                (Kind::Added, "new.example.com.", "AAAA", 3600, None),
                (Kind::Removed, "www.example.com.", "A", 3600, None),
            ]
        );
        assert_eq!(changes[1].new.as_ref().unwrap().line, 7);
        assert_eq!(changes[2].old.as_ref().unwrap().line, 5);
        // A copy of a record is the record: removing it changes nothing.
        let c = zone(&format!(
            "{HEAD}@ MX 10 mail\nmail 300 A 192.0.2.25\nnew AAAA 2001:db8::1\n"
        ));
        assert_eq!(compare(Some(&b.zone), Some(&c.zone)), Vec::new());
        assert_eq!(
            Counts::of(&changes),
            Counts {
                added: 1,
                removed: 1,
                ttl: 1
            }
        );
    }

    #[test]
    fn a_missing_version_is_all_added_or_removed() {
        let a = zone(HEAD);
        assert_eq!(compare(None, Some(&a.zone)).len(), 3);
        assert!(compare(Some(&a.zone), None)
            .iter()
            .all(|c| c.change == Kind::Removed));
    }
}
