//! What rules read of record data: typed views of MX and SOA data, the
//! single name of NS/CNAME/DNAME/PTR data, and the names inside any data.

use crate::dns::name::{write_label, NameRef};
use crate::dns::RecordType;

/// Formats a label sequence for messages (used by views).
pub fn label_text(label: &[u8]) -> String {
    let mut s = String::new();
    write_label(&mut s, label);
    s
}

// ---- names inside data ----

/// Calls `f` with the byte range of every domain name inside `wire`
/// (for the types that carry names). Malformed data yields what was found
/// before the error.
pub fn for_each_name(rtype: RecordType, wire: &[u8], mut f: impl FnMut(std::ops::Range<usize>)) {
    use RecordType as T;
    let name_at = |at: usize| -> Option<usize> {
        crate::dns::name::name_wire_len(wire.get(at..)?).map(|l| at + l)
    };
    let names_from =
        |mut at: usize, count: usize, f: &mut dyn FnMut(std::ops::Range<usize>)| -> Option<usize> {
            for _ in 0..count {
                let end = name_at(at)?;
                f(at..end);
                at = end;
            }
            Some(at)
        };
    let _ = match rtype {
        T::NS
        | T::MD
        | T::MF
        | T::CNAME
        | T::MB
        | T::MG
        | T::MR
        | T::PTR
        | T::DNAME
        | T::NSAP_PTR
        | T::NSEC
        | T::NXT => names_from(0, 1, &mut f),
        T::MX | T::AFSDB | T::RT | T::KX | T::LP => names_from(2, 1, &mut f),
        T::SOA | T::MINFO | T::RP | T::TALINK => names_from(0, 2, &mut f),
        T::PX => names_from(2, 2, &mut f),
        T::SRV => names_from(6, 1, &mut f),
        T::SVCB | T::HTTPS => names_from(2, 1, &mut f),
        T::DSYNC => names_from(5, 1, &mut f),
        T::RRSIG | T::SIG => names_from(18, 1, &mut f),
        T::NAPTR => {
            // order, preference, then three character-strings.
            let mut at = 4;
            for _ in 0..3 {
                at += 1 + usize::from(*wire.get(at).unwrap_or(&255));
            }
            names_from(at, 1, &mut f)
        }
        T::A6 => {
            let prefix = usize::from(*wire.first().unwrap_or(&0));
            if prefix > 0 && prefix <= 128 {
                names_from(1 + 16 - prefix / 8, 1, &mut f)
            } else {
                None
            }
        }
        _ => None,
    };
}

/// The data with its embedded names lower-cased, so that two records that
/// differ only in the case of names compare equal (RFC 4343; BIND keeps one
/// of them).
pub fn canonical(rtype: RecordType, wire: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    for_each_name(rtype, wire, |range| {
        if wire[range.clone()].iter().any(u8::is_ascii_uppercase) {
            let buf = out.get_or_insert_with(|| wire.to_vec());
            buf[range].make_ascii_lowercase();
        }
    });
    match out {
        Some(v) => std::borrow::Cow::Owned(v),
        None => std::borrow::Cow::Borrowed(wire),
    }
}

// ---- typed views ----

/// MX data (RFC 1035 §3.3.9).
#[derive(Clone, Copy, Debug)]
pub struct Mx<'a> {
    /// Lower values are tried first (RFC 5321 §5.1).
    pub preference: u16,
    /// The mail server; the root for a null MX (RFC 7505).
    pub exchange: NameRef<'a>,
}

impl<'a> Mx<'a> {
    /// The view of MX data, if it is well formed.
    pub fn from_wire(wire: &'a [u8]) -> Option<Self> {
        let (pref, rest) = wire.split_first_chunk::<2>()?;
        let (exchange, rest) = NameRef::split_from(rest)?;
        rest.is_empty().then_some(Mx {
            preference: u16::from_be_bytes(*pref),
            exchange,
        })
    }
}

/// The single domain name of NS, CNAME, DNAME and PTR data.
pub fn single_name(wire: &[u8]) -> Option<NameRef<'_>> {
    let (name, rest) = NameRef::split_from(wire)?;
    rest.is_empty().then_some(name)
}

/// SOA data (RFC 1035 §3.3.13).
#[derive(Clone, Copy, Debug)]
pub struct Soa<'a> {
    /// The primary name server.
    pub mname: NameRef<'a>,
    /// The mailbox of the person responsible, as a name.
    pub rname: NameRef<'a>,
    /// The version of the zone (RFC 1982 arithmetic).
    pub serial: u32,
    /// Seconds between a secondary's checks.
    pub refresh: u32,
    /// Seconds before a failed check is retried.
    pub retry: u32,
    /// Seconds after which a secondary stops answering without a check.
    pub expire: u32,
    /// The negative caching TTL (RFC 2308 §4).
    pub minimum: u32,
}

impl<'a> Soa<'a> {
    /// The view of SOA data, if it is well formed.
    pub fn from_wire(wire: &'a [u8]) -> Option<Self> {
        let (mname, rest) = NameRef::split_from(wire)?;
        let (rname, rest) = NameRef::split_from(rest)?;
        let n: &[u8; 20] = rest.try_into().ok()?;
        let at = |i: usize| u32::from_be_bytes([n[i], n[i + 1], n[i + 2], n[i + 3]]);
        Some(Soa {
            mname,
            rname,
            serial: at(0),
            refresh: at(4),
            retry: at(8),
            expire: at(12),
            minimum: at(16),
        })
    }
}
