//! The zone's name table: every owner name and all its ancestors, interned
//! as a tree of `(parent, label)` nodes.
//!
//! A node costs 12 bytes plus its label and 9 to 18 bytes of index (see
//! `buckets`), whatever the name's length; equality and hashing fold ASCII
//! case (RFC 4343).
//! Interning an owner also creates its ancestors, so empty non-terminals
//! exist as nodes, and walking parents answers "closest encloser" and
//! "closest delegation" questions without building names.

mod buckets;

use crate::dns::name::{MAX_LABEL, MAX_NAME};
use crate::dns::{Name, NameRef};

/// A node of the [`NameTable`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct NameId(pub u32);

impl NameId {
    /// The root, `.`.
    pub const ROOT: NameId = NameId(0);
}

#[derive(Clone, Copy, Debug)]
struct Node {
    parent: u32,
    label_start: u32,
    label_len: u8,
    /// Length of the whole name in wire form, root label included.
    wire_len: u8,
    /// Number of labels.
    depth: u8,
    flags: u8,
}

/// Facts about a node, set as records are added (`WILDCARD_CHILD` as the
/// child is interned).
pub mod flags {
    /// The node owns at least one record.
    pub const RECORDS: u8 = 1 << 0;
    /// The node owns NS records.
    pub const NS: u8 = 1 << 1;
    /// The node owns a CNAME.
    pub const CNAME: u8 = 1 << 2;
    /// The node owns a DNAME.
    pub const DNAME: u8 = 1 << 3;
    /// The node owns A or AAAA records.
    pub const ADDRESS: u8 = 1 << 4;
    /// A child `*` label exists (RFC 4592 source of synthesis).
    pub const WILDCARD_CHILD: u8 = 1 << 5;
    /// The node owns an SOA.
    pub const SOA: u8 = 1 << 6;
    /// A record of the node did not load (a syntax error): what the node
    /// lacks is not known.
    pub const BROKEN: u8 = 1 << 7;
}

/// Interned names.
#[derive(Clone)]
pub struct NameTable {
    nodes: Vec<Node>,
    labels: Vec<u8>,
    table: buckets::Buckets,
}

impl Default for NameTable {
    fn default() -> Self {
        Self::new()
    }
}

/// FxHash-style mixing of a parent id and a case-folded label.
#[inline]
fn hash_key(parent: u32, label: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = u64::from(parent).wrapping_mul(K) ^ label.len() as u64;
    let mut chunks = label.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes")) | fold_mask(c);
        h = (h.rotate_left(26) ^ w).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(26) ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// The bits that lower-case the ASCII letters of an 8-byte chunk.
#[inline]
fn fold_mask(c: &[u8]) -> u64 {
    let mut m = 0u64;
    for (i, &b) in c.iter().enumerate() {
        if b.is_ascii_uppercase() {
            m |= 0x20 << (8 * i);
        }
    }
    m
}

impl NameTable {
    /// A table holding only the root.
    pub fn new() -> Self {
        NameTable {
            nodes: vec![Node {
                parent: u32::MAX,
                label_start: 0,
                label_len: 0,
                wire_len: 1,
                depth: 0,
                flags: 0,
            }],
            labels: Vec::new(),
            table: buckets::Buckets::default(),
        }
    }

    /// The number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Makes room for `additional` more names, so that a large zone does
    /// not rehash its table again and again while it loads.
    pub fn reserve(&mut self, additional: usize) {
        self.nodes.reserve(additional);
        self.labels.reserve(additional * 8);
        self.table.reserve(additional);
    }

    /// True when only the root is there.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Approximate heap bytes used.
    pub fn heap_size(&self) -> usize {
        self.nodes.capacity() * std::mem::size_of::<Node>()
            + self.labels.capacity()
            + self.table.heap_size()
    }

    fn node(&self, id: NameId) -> &Node {
        &self.nodes[id.0 as usize]
    }

    /// The node's own label (empty for the root).
    pub fn label(&self, id: NameId) -> &[u8] {
        let n = self.node(id);
        &self.labels[n.label_start as usize..n.label_start as usize + usize::from(n.label_len)]
    }

    /// The node above (`None` for the root).
    pub fn parent(&self, id: NameId) -> Option<NameId> {
        let p = self.node(id).parent;
        (p != u32::MAX).then_some(NameId(p))
    }

    /// Number of labels (0 for the root).
    pub fn depth(&self, id: NameId) -> usize {
        usize::from(self.node(id).depth)
    }

    /// The length of the node's name in wire form.
    pub fn wire_len(&self, id: NameId) -> usize {
        usize::from(self.node(id).wire_len)
    }

    /// The node's [`flags`].
    pub fn flags(&self, id: NameId) -> u8 {
        self.node(id).flags
    }

    pub(crate) fn set_flags(&mut self, id: NameId, flags: u8) {
        self.nodes[id.0 as usize].flags |= flags;
    }

    fn find_child_hashed(
        &self,
        parent: NameId,
        label: &[u8],
        hash: u64,
    ) -> Result<NameId, buckets::Vacant> {
        self.table
            .find(hash, |id| {
                let n = &self.nodes[id as usize];
                n.parent == parent.0
                    && self.labels
                        [n.label_start as usize..n.label_start as usize + usize::from(n.label_len)]
                        .eq_ignore_ascii_case(label)
            })
            .map(NameId)
    }

    /// The child of `parent` with this label, if interned.
    pub fn find_child(&self, parent: NameId, label: &[u8]) -> Option<NameId> {
        self.find_child_hashed(parent, label, hash_key(parent.0, label))
            .ok()
    }

    /// Interns `label.parent`. Returns `None` if the name would exceed 255
    /// octets or the label 63.
    pub fn intern_child(&mut self, parent: NameId, label: &[u8]) -> Option<NameId> {
        let hash = hash_key(parent.0, label);
        let vacant = match self.find_child_hashed(parent, label, hash) {
            Ok(id) => return Some(id),
            Err(vacant) => vacant,
        };
        let p = *self.node(parent);
        let wire_len = usize::from(p.wire_len) + 1 + label.len();
        if label.is_empty() || label.len() > MAX_LABEL || wire_len > MAX_NAME {
            return None;
        }
        let id = u32::try_from(self.nodes.len()).expect("fewer than 2^32 names");
        self.nodes.push(Node {
            parent: parent.0,
            label_start: u32::try_from(self.labels.len()).expect("label arena under 4 GiB"),
            label_len: label.len() as u8,
            wire_len: wire_len as u8,
            depth: p.depth + 1,
            flags: 0,
        });
        self.labels.extend_from_slice(label);
        if label == b"*" {
            self.nodes[parent.0 as usize].flags |= flags::WILDCARD_CHILD;
        }
        self.table.insert(vacant, hash, id);
        Some(NameId(id))
    }

    /// Interns the labels `wire` (wire form, with or without the root
    /// label) below `base`. `None` if the result is longer than 255 octets.
    pub fn intern_below(&mut self, base: NameId, wire: &[u8]) -> Option<NameId> {
        let mut starts = [0u8; 128];
        let n = label_starts(wire, &mut starts)?;
        let mut id = base;
        for &s in starts[..n].iter().rev() {
            let s = usize::from(s);
            let len = usize::from(wire[s]);
            id = self.intern_child(id, &wire[s + 1..s + 1 + len])?;
        }
        Some(id)
    }

    /// Interns an absolute name.
    pub fn intern(&mut self, name: NameRef<'_>) -> NameId {
        self.intern_below(NameId::ROOT, name.wire())
            .expect("a valid name fits the table")
    }

    /// Looks up an absolute name without interning it.
    pub fn find(&self, name: NameRef<'_>) -> Option<NameId> {
        match self.closest(name) {
            (id, 0) => Some(id),
            _ => None,
        }
    }

    /// The deepest interned ancestor-or-self of `name`, and how many of
    /// `name`'s labels are below it (0 when `name` itself is interned).
    pub fn closest(&self, name: NameRef<'_>) -> (NameId, usize) {
        let wire = name.wire();
        let mut starts = [0u8; 128];
        let n = label_starts(wire, &mut starts).unwrap_or(0);
        let mut id = NameId::ROOT;
        for (done, &s) in starts[..n].iter().rev().enumerate() {
            let s = usize::from(s);
            let len = usize::from(wire[s]);
            match self.find_child(id, &wire[s + 1..s + 1 + len]) {
                Some(child) => id = child,
                None => return (id, n - done),
            }
        }
        (id, 0)
    }

    /// True if `id` equals `ancestor` or lies below it.
    pub fn is_at_or_below(&self, mut id: NameId, ancestor: NameId) -> bool {
        let target = self.depth(ancestor);
        while self.depth(id) > target {
            id = self
                .parent(id)
                .expect("deeper than an ancestor means not the root");
        }
        id == ancestor
    }

    /// Iterates `id`, its parent, ... up to the root.
    pub fn ancestors(&self, id: NameId) -> impl Iterator<Item = NameId> + '_ {
        std::iter::successors(Some(id), move |&n| self.parent(n))
    }

    /// Appends the wire form of `id` to `out`.
    pub fn write_wire(&self, id: NameId, out: &mut Vec<u8>) {
        for n in self.ancestors(id) {
            let label = self.label(n);
            out.push(label.len() as u8);
            out.extend_from_slice(label);
        }
    }

    /// The name of `id` (spelling of its first occurrence).
    pub fn name(&self, id: NameId) -> Name {
        let mut wire = Vec::with_capacity(self.wire_len(id));
        self.write_wire(id, &mut wire);
        Name::from_wire(&wire).expect("interned names are valid")
    }
}

/// Offsets of each label's length octet in `wire` (labels only, no root);
/// `None` if `wire` is malformed or has more than 127 labels.
fn label_starts(wire: &[u8], starts: &mut [u8; 128]) -> Option<usize> {
    let mut n = 0;
    let mut i = 0;
    while i < wire.len() {
        let len = usize::from(wire[i]);
        if len == 0 {
            break;
        }
        if n == starts.len() || i > 255 {
            return None;
        }
        starts[n] = i as u8;
        n += 1;
        i += 1 + len;
    }
    (i <= wire.len()).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Name {
        s.parse().unwrap()
    }

    #[test]
    fn interning_creates_ancestors_and_folds_case() {
        let mut t = NameTable::new();
        let a = t.intern(name("www.Example.com.").as_ref());
        assert_eq!(t.len(), 4); // root, com, example, www
        let b = t.intern(name("WWW.example.COM.").as_ref());
        assert_eq!(a, b);
        assert_eq!(t.name(a).to_string(), "www.Example.com.");
        let com = t.find(name("com.").as_ref()).unwrap();
        assert!(t.is_at_or_below(a, com));
        assert!(!t.is_at_or_below(com, a));
        assert_eq!(t.depth(a), 3);
        assert_eq!(t.wire_len(a), name("www.example.com.").wire().len());
    }

    #[test]
    fn closest_encloser() {
        let mut t = NameTable::new();
        let ex = t.intern(name("example.com.").as_ref());
        let (id, missing) = t.closest(name("a.b.example.com.").as_ref());
        assert_eq!((id, missing), (ex, 2));
        assert_eq!(t.find(name("b.example.com.").as_ref()), None);
    }

    #[test]
    fn relative_interning_and_length_limit() {
        let mut t = NameTable::new();
        let origin = t.intern(name("example.").as_ref());
        let host = t.intern_below(origin, b"\x04mail").unwrap();
        assert_eq!(t.name(host).to_string(), "mail.example.");
        let long = [b"\x3f".as_slice(), &[b'x'; 63]].concat().repeat(4);
        assert_eq!(t.intern_below(origin, &long), None);
    }

    #[test]
    fn many_names_survive_rehashing() {
        let mut t = NameTable::new();
        let origin = t.intern(name("example.").as_ref());
        let ids: Vec<NameId> = (0..5000)
            .map(|i| t.intern_child(origin, format!("h{i}").as_bytes()).unwrap())
            .collect();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(t.find_child(origin, format!("H{i}").as_bytes()), Some(*id));
        }
    }

    proptest::proptest! {
        /// The table finds exactly what a map keyed by (parent, folded label)
        /// holds, through many rounds of growth, whatever the case.
        #[test]
        fn agrees_with_a_map(
            steps in proptest::collection::vec((0usize..64, "[a-cA-C0-9-]{1,4}"), 1..600),
        ) {
            let mut t = NameTable::new();
            let mut model = std::collections::HashMap::new();
            let mut ids = vec![NameId::ROOT];
            for (parent, label) in steps {
                let parent = ids[parent % ids.len()];
                let key = (parent, label.to_ascii_lowercase());
                let before = model.get(&key).copied();
                proptest::prop_assert_eq!(t.find_child(parent, label.as_bytes()), before);
                let id = t.intern_child(parent, label.as_bytes()).unwrap();
                match before {
                    Some(old) => proptest::prop_assert_eq!(id, old),
                    None => {
                        proptest::prop_assert_eq!(id.0 as usize, ids.len());
                        model.insert(key, id);
                        ids.push(id);
                    }
                }
                proptest::prop_assert_eq!(t.parent(id), Some(parent));
            }
            for ((parent, label), id) in &model {
                proptest::prop_assert_eq!(t.find_child(*parent, label.to_ascii_uppercase().as_bytes()), Some(*id));
            }
        }
    }
}
