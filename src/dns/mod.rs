//! DNS vocabulary shared by every stage: names, record types and classes,
//! TTLs, and record data in wire form.

pub mod name;
pub mod rdata;
mod rtype;
mod tld;
mod ttl;

pub use name::{Name, NameError, NameRef};
pub use rtype::{Class, RecordType};
pub use tld::{is_classic_tld, is_tld, reads_as_domain, TLD_LIST_VERSION};
pub use ttl::{looks_like_ttl, parse_ttl, TtlError};

/// The largest TTL RFC 2181 §8 allows; larger values are treated as zero.
pub const MAX_TTL: u32 = 0x7fff_ffff;
