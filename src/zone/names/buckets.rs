//! The name table's index: node ids in buckets of one cache line, each id
//! beside the high half of its hash.
//!
//! A large zone's table is far bigger than the caches, so a lookup costs
//! what it misses. A SwissTable (hashbrown) keeps its control bytes and
//! its slots apart: a name seen for the first time touches both, and a
//! control-byte match (one probe in ten when the table is full) goes on to
//! the node and its label. Here a bucket holds ids and hashes together, so
//! a new name costs one line, found or inserted, and a probe almost never
//! reads the wrong node. The stored hash also says where an id goes when
//! the table grows, without reading the nodes. Full buckets overflow into
//! the next one (linear probing); nothing is ever removed.

/// Ids per bucket: 8 ids and 8 hashes of 32 bits fill 64 bytes.
const WAYS: usize = 8;

/// At most this many ids per bucket on average (of 8) before the table
/// grows.
const LOAD: usize = 7;

/// Marks a free slot: id 0 (the root) is never stored.
const FREE: u32 = 0;

#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Bucket {
    ids: [u32; WAYS],
    hashes: [u32; WAYS],
}

const EMPTY: Bucket = Bucket {
    ids: [FREE; WAYS],
    hashes: [0; WAYS],
};

impl Bucket {
    /// Bit `i` set where slot `i` holds `hash`, and where it is free.
    #[inline]
    fn masks(&self, hash: u32) -> (u32, u32) {
        let (mut same, mut free) = (0u32, 0u32);
        for i in 0..WAYS {
            same |= u32::from(self.hashes[i] == hash) << i;
            free |= u32::from(self.ids[i] == FREE) << i;
        }
        (same & !free, free)
    }
}

#[derive(Clone, Default)]
pub(super) struct Buckets {
    buckets: Vec<Bucket>,
    len: usize,
}

/// Where a missing key goes: the bucket at which its probe stopped.
#[derive(Clone, Copy)]
pub(super) struct Vacant(usize);

/// The bucket of `hash` among `n` (`hash` scaled to `n`, so that `n` need
/// not be a power of two).
#[inline]
fn home(hash: u32, n: usize) -> usize {
    ((u64::from(hash) * n as u64) >> 32) as usize
}

impl Buckets {
    /// Bytes held.
    pub(super) fn heap_size(&self) -> usize {
        self.buckets.capacity() * std::mem::size_of::<Bucket>()
    }

    /// The id with this hash for which `eq` holds, or where to insert it.
    #[inline]
    pub(super) fn find(&self, hash: u64, mut eq: impl FnMut(u32) -> bool) -> Result<u32, Vacant> {
        let n = self.buckets.len();
        if n == 0 {
            return Err(Vacant(0));
        }
        let hash = (hash >> 32) as u32;
        let mut at = home(hash, n);
        loop {
            let b = &self.buckets[at];
            let (mut same, free) = b.masks(hash);
            while same != 0 {
                let id = b.ids[same.trailing_zeros() as usize];
                if eq(id) {
                    return Ok(id);
                }
                same &= same - 1;
            }
            if free != 0 {
                return Err(Vacant(at));
            }
            at = if at + 1 == n { 0 } else { at + 1 };
        }
    }

    /// Inserts `id` (not 0) where [`find`](Self::find) said, growing first
    /// if the table is full.
    #[inline]
    pub(super) fn insert(&mut self, vacant: Vacant, hash: u64, id: u32) {
        debug_assert_ne!(id, FREE);
        let hash = (hash >> 32) as u32;
        let at = if self.len + 1 > self.buckets.len() * LOAD {
            self.resize(self.len + 1);
            self.vacant(hash)
        } else {
            vacant.0
        };
        self.put(at, hash, id);
        self.len += 1;
    }

    /// Makes room for `additional` more ids without growing.
    pub(super) fn reserve(&mut self, additional: usize) {
        let wanted = self.len + additional;
        if wanted > self.buckets.len() * LOAD {
            self.resize(wanted);
        }
    }

    #[inline]
    fn put(&mut self, at: usize, hash: u32, id: u32) {
        let b = &mut self.buckets[at];
        let i = b
            .ids
            .iter()
            .position(|&id| id == FREE)
            .expect("a free slot");
        b.ids[i] = id;
        b.hashes[i] = hash;
    }

    /// The first bucket with a free slot on the probe sequence of `hash`.
    fn vacant(&self, hash: u32) -> usize {
        let n = self.buckets.len();
        let mut at = home(hash, n);
        while self.buckets[at].ids[WAYS - 1] != FREE {
            at = if at + 1 == n { 0 } else { at + 1 };
        }
        at
    }

    /// Rebuilds with room for `wanted` ids, at least doubling. Ids keep
    /// their order of home buckets, so this writes the new table front to
    /// back, except for what wraps around the end.
    #[cold]
    fn resize(&mut self, wanted: usize) {
        let n = wanted.div_ceil(LOAD).max(self.buckets.len() * 2).max(1);
        let old = std::mem::replace(&mut self.buckets, vec![EMPTY; n]);
        for b in &old {
            for (&id, &hash) in b.ids.iter().zip(&b.hashes) {
                if id != FREE {
                    let at = self.vacant(hash);
                    self.put(at, hash, id);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hash with few distinct values, so that buckets overflow and
    /// hashes collide.
    fn crowded(id: u32) -> u64 {
        u64::from(id % 7).wrapping_mul(0x9e37_79b9_7f4a_7c15) & 0xffff_0000_0000_0000
    }

    fn insert(t: &mut Buckets, id: u32, hash: impl Fn(u32) -> u64) {
        let vacant = t.find(hash(id), |other| other == id).expect_err("new id");
        t.insert(vacant, hash(id), id);
    }

    #[test]
    fn overflowing_buckets_keep_every_id() {
        for reserve in [0, 5, 10_000] {
            let mut t = Buckets::default();
            t.reserve(reserve);
            for id in 1..3000 {
                insert(&mut t, id, crowded);
            }
            for id in 1..3000 {
                assert_eq!(t.find(crowded(id), |other| other == id).ok(), Some(id));
            }
            assert!(t.find(crowded(3000), |other| other == 3000).is_err());
            assert_eq!(t.len, 2999);
            assert!(t.len <= t.buckets.len() * LOAD);
        }
    }

    #[test]
    fn probes_wrap_around_the_end() {
        // Every id's home is the last bucket.
        let last = |_: u32| u64::MAX;
        let mut t = Buckets::default();
        t.reserve(40);
        for id in 1..40 {
            insert(&mut t, id, last);
        }
        let n = t.buckets.len();
        assert!(
            t.buckets[0].ids[0] != FREE,
            "bucket 0 of {n} took the overflow"
        );
        for id in 1..40 {
            assert_eq!(t.find(last(id), |other| other == id).ok(), Some(id));
        }
    }
}
