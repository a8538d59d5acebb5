//! Record types and classes: mnemonics, RFC 3597 `TYPEnnn` / `CLASSnnn`.

use std::fmt;

/// A resource record type (RFC 1035 §3.2.2 and the IANA registry).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordType(pub u16);

macro_rules! record_types {
    ($($name:ident = $code:literal, $mnemonic:literal;)*) => {
        impl RecordType {
            $(#[doc = concat!("The `", stringify!($name), "` record type (", stringify!($code), ").")]
            pub const $name: RecordType = RecordType($code);)*
        }

        /// Every type with a mnemonic, sorted by mnemonic for binary search.
        static BY_MNEMONIC: &[(&str, u16)] = &{
            let mut table = [$(($mnemonic, $code)),*];
            // const-sort by mnemonic (insertion sort; the table is small)
            let mut i = 1;
            while i < table.len() {
                let mut j = i;
                while j > 0 && str_lt(table[j].0, table[j - 1].0) {
                    let tmp = table[j];
                    table[j] = table[j - 1];
                    table[j - 1] = tmp;
                    j -= 1;
                }
                i += 1;
            }
            table
        };

        fn mnemonic_of(code: u16) -> Option<&'static str> {
            match code {
                $($code => Some($mnemonic),)*
                _ => None,
            }
        }
    };
}

const fn str_lt(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

record_types! {
    A = 1, "A";
    NS = 2, "NS";
    MD = 3, "MD";
    MF = 4, "MF";
    CNAME = 5, "CNAME";
    SOA = 6, "SOA";
    MB = 7, "MB";
    MG = 8, "MG";
    MR = 9, "MR";
    NULL = 10, "NULL";
    WKS = 11, "WKS";
    PTR = 12, "PTR";
    HINFO = 13, "HINFO";
    MINFO = 14, "MINFO";
    MX = 15, "MX";
    TXT = 16, "TXT";
    RP = 17, "RP";
    AFSDB = 18, "AFSDB";
    X25 = 19, "X25";
    ISDN = 20, "ISDN";
    RT = 21, "RT";
    NSAP = 22, "NSAP";
    NSAP_PTR = 23, "NSAP-PTR";
    SIG = 24, "SIG";
    KEY = 25, "KEY";
    PX = 26, "PX";
    GPOS = 27, "GPOS";
    AAAA = 28, "AAAA";
    LOC = 29, "LOC";
    NXT = 30, "NXT";
    EID = 31, "EID";
    NIMLOC = 32, "NIMLOC";
    SRV = 33, "SRV";
    ATMA = 34, "ATMA";
    NAPTR = 35, "NAPTR";
    KX = 36, "KX";
    CERT = 37, "CERT";
    A6 = 38, "A6";
    DNAME = 39, "DNAME";
    SINK = 40, "SINK";
    OPT = 41, "OPT";
    APL = 42, "APL";
    DS = 43, "DS";
    SSHFP = 44, "SSHFP";
    IPSECKEY = 45, "IPSECKEY";
    RRSIG = 46, "RRSIG";
    NSEC = 47, "NSEC";
    DNSKEY = 48, "DNSKEY";
    DHCID = 49, "DHCID";
    NSEC3 = 50, "NSEC3";
    NSEC3PARAM = 51, "NSEC3PARAM";
    TLSA = 52, "TLSA";
    SMIMEA = 53, "SMIMEA";
    HIP = 55, "HIP";
    NINFO = 56, "NINFO";
    RKEY = 57, "RKEY";
    TALINK = 58, "TALINK";
    CDS = 59, "CDS";
    CDNSKEY = 60, "CDNSKEY";
    OPENPGPKEY = 61, "OPENPGPKEY";
    CSYNC = 62, "CSYNC";
    ZONEMD = 63, "ZONEMD";
    SVCB = 64, "SVCB";
    HTTPS = 65, "HTTPS";
    DSYNC = 66, "DSYNC";
    HHIT = 67, "HHIT";
    BRID = 68, "BRID";
    SPF = 99, "SPF";
    UINFO = 100, "UINFO";
    UID = 101, "UID";
    GID = 102, "GID";
    UNSPEC = 103, "UNSPEC";
    NID = 104, "NID";
    L32 = 105, "L32";
    L64 = 106, "L64";
    LP = 107, "LP";
    EUI48 = 108, "EUI48";
    EUI64 = 109, "EUI64";
    NXNAME = 128, "NXNAME";
    TKEY = 249, "TKEY";
    TSIG = 250, "TSIG";
    IXFR = 251, "IXFR";
    AXFR = 252, "AXFR";
    MAILB = 253, "MAILB";
    MAILA = 254, "MAILA";
    ANY = 255, "ANY";
    URI = 256, "URI";
    CAA = 257, "CAA";
    AVC = 258, "AVC";
    DOA = 259, "DOA";
    AMTRELAY = 260, "AMTRELAY";
    RESINFO = 261, "RESINFO";
    WALLET = 262, "WALLET";
    CLA = 263, "CLA";
    IPN = 264, "IPN";
    TA = 32768, "TA";
    DLV = 32769, "DLV";
}

impl RecordType {
    /// Parses a mnemonic (case-insensitive) or RFC 3597 `TYPEnnn`.
    pub fn from_text(text: &[u8]) -> Option<RecordType> {
        // Fast path for the types that make up almost every zone.
        match text {
            b"A" | b"a" => return Some(RecordType::A),
            b"NS" | b"ns" => return Some(RecordType::NS),
            b"MX" | b"mx" => return Some(RecordType::MX),
            b"TXT" | b"txt" => return Some(RecordType::TXT),
            b"AAAA" | b"aaaa" => return Some(RecordType::AAAA),
            b"CNAME" | b"cname" => return Some(RecordType::CNAME),
            _ => {}
        }
        if text.len() > 10 || text.is_empty() {
            return None;
        }
        let mut buf = [0u8; 10];
        let upper = &mut buf[..text.len()];
        upper.copy_from_slice(text);
        upper.make_ascii_uppercase();
        if let Some(digits) = upper.strip_prefix(b"TYPE") {
            return parse_code(digits).map(RecordType);
        }
        let upper = std::str::from_utf8(upper).ok()?;
        BY_MNEMONIC
            .binary_search_by(|(m, _)| m.cmp(&upper))
            .ok()
            .map(|i| RecordType(BY_MNEMONIC[i].1))
    }

    /// The registered mnemonic, if this type has one.
    pub fn mnemonic(self) -> Option<&'static str> {
        mnemonic_of(self.0)
    }

    /// Meta and query types (RFC 6895 §3.1) that cannot appear in a zone.
    pub fn is_meta(self) -> bool {
        matches!(self.0, 41 | 128..=255)
    }

    /// Types declared obsolete whose use in a zone file BIND refuses.
    pub fn is_obsolete(self) -> bool {
        matches!(self, RecordType::MD | RecordType::MF)
    }
}

/// Decimal 0..=65535 with no sign, no leading `+`, at least one digit.
fn parse_code(digits: &[u8]) -> Option<u16> {
    if digits.is_empty() || digits.len() > 5 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: u32 = 0;
    for &d in digits {
        v = v * 10 + u32::from(d - b'0');
    }
    u16::try_from(v).ok()
}

impl fmt::Display for RecordType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mnemonic() {
            Some(m) => f.write_str(m),
            None => write!(f, "TYPE{}", self.0),
        }
    }
}

impl fmt::Debug for RecordType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A record class (RFC 1035 §3.2.4).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Class(pub u16);

impl Class {
    /// Internet.
    pub const IN: Class = Class(1);
    /// CSNET (obsolete).
    pub const CS: Class = Class(2);
    /// Chaos.
    pub const CH: Class = Class(3);
    /// Hesiod.
    pub const HS: Class = Class(4);
    /// NONE, for dynamic updates (RFC 2136).
    pub const NONE: Class = Class(254);
    /// ANY, for queries.
    pub const ANY: Class = Class(255);

    /// Parses `IN`, `CS`, `CH`, `HS` (case-insensitive) or RFC 3597 `CLASSnnn`.
    /// `NONE` and `ANY` are update/query classes and are not accepted here.
    pub fn from_text(text: &[u8]) -> Option<Class> {
        match text.len() {
            2 => {
                let upper = [text[0].to_ascii_uppercase(), text[1].to_ascii_uppercase()];
                match &upper {
                    b"IN" => Some(Class::IN),
                    b"CH" => Some(Class::CH),
                    b"HS" => Some(Class::HS),
                    b"CS" => Some(Class::CS),
                    _ => None,
                }
            }
            6..=10 if text[..5].eq_ignore_ascii_case(b"CLASS") => parse_code(&text[5..]).map(Class),
            _ => None,
        }
    }

    /// The class's mnemonic, if it has one.
    pub fn mnemonic(self) -> Option<&'static str> {
        match self.0 {
            1 => Some("IN"),
            2 => Some("CS"),
            3 => Some("CH"),
            4 => Some("HS"),
            254 => Some("NONE"),
            255 => Some("ANY"),
            _ => None,
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mnemonic() {
            Some(m) => f.write_str(m),
            None => write!(f, "CLASS{}", self.0),
        }
    }
}

impl fmt::Debug for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mnemonics_round_trip() {
        for &(m, code) in BY_MNEMONIC {
            assert_eq!(
                RecordType::from_text(m.as_bytes()),
                Some(RecordType(code)),
                "{m}"
            );
            assert_eq!(
                RecordType::from_text(m.to_lowercase().as_bytes()),
                Some(RecordType(code))
            );
            assert_eq!(RecordType(code).to_string(), m);
        }
        assert!(
            BY_MNEMONIC.windows(2).all(|w| w[0].0 < w[1].0),
            "table sorted and unique"
        );
    }

    #[test]
    fn rfc3597_forms() {
        assert_eq!(RecordType::from_text(b"TYPE1"), Some(RecordType::A));
        assert_eq!(RecordType::from_text(b"type65535"), Some(RecordType(65535)));
        assert_eq!(RecordType::from_text(b"TYPE65536"), None);
        assert_eq!(RecordType::from_text(b"TYPE"), None);
        assert_eq!(RecordType::from_text(b"TYPE-1"), None);
        assert_eq!(RecordType::from_text(b"FOO"), None);
        assert_eq!(RecordType(65280).to_string(), "TYPE65280");
        assert_eq!(Class::from_text(b"class1"), Some(Class::IN));
        assert_eq!(Class::from_text(b"CLASS65535"), Some(Class(65535)));
        assert_eq!(Class::from_text(b"CLASS65536"), None);
        assert_eq!(Class::from_text(b"in"), Some(Class::IN));
        assert_eq!(Class::from_text(b"NONE"), None);
        assert_eq!(Class(32).to_string(), "CLASS32");
    }

    #[test]
    fn meta_types() {
        assert!(RecordType::OPT.is_meta());
        assert!(RecordType::TKEY.is_meta());
        assert!(RecordType::ANY.is_meta());
        assert!(!RecordType::URI.is_meta());
        assert!(!RecordType::A.is_meta());
    }
}
