//! Domain names: presentation-format parsing (RFC 1035 §5.1 escapes) into
//! uncompressed wire form, and the owned [`Name`] / borrowed [`NameRef`]
//! types with case-insensitive equality (RFC 4343).

use std::fmt;
use std::hash::{Hash, Hasher};

/// Longest label, in octets (RFC 1035 §2.3.4).
pub const MAX_LABEL: usize = 63;
/// Longest name in wire form, root label included (RFC 1035 §2.3.4).
pub const MAX_NAME: usize = 255;

/// Why a presentation-format name is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameError {
    /// Two dots in a row, or a leading dot.
    EmptyLabel,
    /// A label longer than 63 octets.
    LabelTooLong,
    /// More than 255 octets in wire form.
    NameTooLong,
    /// `\` not followed by a character, or `\DDD` not three digits <= 255.
    BadEscape,
    /// Nothing to parse.
    Empty,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameError::EmptyLabel => "empty label",
            NameError::LabelTooLong => "label longer than 63 octets",
            NameError::NameTooLong => "name longer than 255 octets",
            NameError::BadEscape => "invalid escape: use `\\X` or `\\DDD` with DDD at most 255",
            NameError::Empty => "empty name",
        })
    }
}

/// Whether a parsed name ended with the root label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Ends with the root label (written with a final dot).
    Absolute,
    /// Needs the origin to be complete.
    Relative,
}

/// Parses a presentation-format name and appends its labels, in wire form,
/// to `out`. An absolute name gets its terminating root label; a relative
/// one does not (the caller appends the origin). `@` is not special here.
pub fn parse_presentation(text: &[u8], out: &mut Vec<u8>) -> Result<Form, NameError> {
    if text.is_empty() {
        return Err(NameError::Empty);
    }
    if text == b"." {
        out.push(0);
        return Ok(Form::Absolute);
    }
    let base = out.len();
    let fail = |out: &mut Vec<u8>, e: NameError| {
        out.truncate(base);
        Err(e)
    };
    let mut i = 0;
    loop {
        // One label: runs of plain bytes copied whole, escapes decoded.
        let len_at = out.len();
        out.push(0);
        let mut label_len = 0usize;
        loop {
            let run = text[i..]
                .iter()
                .position(|&b| b == b'.' || b == b'\\')
                .unwrap_or(text.len() - i);
            out.extend_from_slice(&text[i..i + run]);
            label_len += run;
            i += run;
            if label_len > MAX_LABEL {
                return fail(out, NameError::LabelTooLong);
            }
            if text.get(i) != Some(&b'\\') {
                break;
            }
            i += 1;
            let Some(octet) = unescape(text, &mut i) else {
                return fail(out, NameError::BadEscape);
            };
            out.push(octet);
            label_len += 1;
        }
        if label_len > MAX_LABEL {
            return fail(out, NameError::LabelTooLong);
        }
        out[len_at] = label_len as u8;
        if i == text.len() {
            // No final dot: relative (the caller appends the origin).
            if out.len() - base + 1 > MAX_NAME {
                return fail(out, NameError::NameTooLong);
            }
            return Ok(Form::Relative);
        }
        // At a dot.
        if label_len == 0 {
            return fail(out, NameError::EmptyLabel);
        }
        i += 1;
        if i == text.len() {
            out.push(0);
            if out.len() - base > MAX_NAME {
                return fail(out, NameError::NameTooLong);
            }
            return Ok(Form::Absolute);
        }
    }
}

/// Decodes the escape after a `\` at `text[*i - 1]`, advancing `*i`.
/// Returns `None` for a trailing `\` or a malformed / out-of-range `\DDD`.
#[inline]
pub fn unescape(text: &[u8], i: &mut usize) -> Option<u8> {
    let first = *text.get(*i)?;
    if first.is_ascii_digit() {
        let digits = text.get(*i..*i + 3)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let value = u32::from(digits[0] - b'0') * 100
            + u32::from(digits[1] - b'0') * 10
            + u32::from(digits[2] - b'0');
        *i += 3;
        u8::try_from(value).ok()
    } else {
        *i += 1;
        Some(first)
    }
}

/// Iterates the labels of a wire-form name (root label excluded).
#[derive(Clone)]
pub struct Labels<'a> {
    wire: &'a [u8],
}

impl<'a> Iterator for Labels<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        let (&len, rest) = self.wire.split_first()?;
        if len == 0 {
            self.wire = &[];
            return None;
        }
        let len = usize::from(len).min(rest.len());
        let (label, rest) = rest.split_at(len);
        self.wire = rest;
        Some(label)
    }
}

/// Checks that `wire` is exactly one uncompressed absolute name.
pub fn validate_wire(wire: &[u8]) -> bool {
    name_wire_len(wire) == Some(wire.len())
}

/// Length of the uncompressed absolute name at the start of `wire`, if valid.
pub fn name_wire_len(wire: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        let len = usize::from(*wire.get(i)?);
        if len > MAX_LABEL {
            return None; // compression pointers and extended labels are not allowed
        }
        i += 1 + len;
        if i > MAX_NAME || i > wire.len() {
            return None;
        }
        if len == 0 {
            return Some(i);
        }
    }
}

/// A borrowed absolute name in uncompressed wire form.
#[derive(Clone, Copy)]
pub struct NameRef<'a> {
    wire: &'a [u8],
}

impl<'a> NameRef<'a> {
    /// Wraps wire bytes already known to hold one valid absolute name.
    pub fn from_wire(wire: &'a [u8]) -> Self {
        debug_assert!(validate_wire(wire), "invalid wire name {wire:?}");
        NameRef { wire }
    }

    /// Reads the name at the start of `wire`, returning it and the rest.
    pub fn split_from(wire: &'a [u8]) -> Option<(NameRef<'a>, &'a [u8])> {
        let len = name_wire_len(wire)?;
        let (name, rest) = wire.split_at(len);
        Some((NameRef { wire: name }, rest))
    }

    /// The wire form, root label included.
    pub fn wire(self) -> &'a [u8] {
        self.wire
    }

    /// The labels, from the first (leftmost) on, without the root.
    pub fn labels(self) -> Labels<'a> {
        Labels { wire: self.wire }
    }

    /// The number of labels, the root not counted.
    pub fn label_count(self) -> usize {
        self.labels().count()
    }

    /// True for `.`.
    pub fn is_root(self) -> bool {
        self.wire == [0]
    }

    /// The first label, if this is not the root.
    pub fn first_label(self) -> Option<&'a [u8]> {
        self.labels().next()
    }

    /// True when the first label is `*` (RFC 4592).
    pub fn is_wildcard(self) -> bool {
        self.first_label() == Some(b"*")
    }

    /// The name without its first label (`None` for the root).
    pub fn parent(self) -> Option<NameRef<'a>> {
        let len = usize::from(*self.wire.first()?);
        if len == 0 {
            return None;
        }
        Some(NameRef {
            wire: &self.wire[1 + len..],
        })
    }

    /// True when `self` equals `ancestor` or lies below it (case-insensitive).
    pub fn is_subdomain_of(self, ancestor: NameRef<'_>) -> bool {
        let mut name = self;
        loop {
            if name.wire.len() < ancestor.wire.len() {
                return false;
            }
            if name.wire.len() == ancestor.wire.len() {
                return name == ancestor;
            }
            match name.parent() {
                Some(parent) => name = parent,
                None => return false,
            }
        }
    }

    /// An owned copy.
    pub fn to_owned(self) -> Name {
        Name {
            wire: self.wire.into(),
        }
    }
}

impl PartialEq for NameRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.wire.eq_ignore_ascii_case(other.wire)
    }
}

impl Eq for NameRef<'_> {}

impl Hash for NameRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for &b in self.wire {
            state.write_u8(b.to_ascii_lowercase());
        }
    }
}

impl fmt::Display for NameRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_root() {
            return f.write_str(".");
        }
        let mut out = String::with_capacity(self.wire.len() + 4);
        for label in self.labels() {
            write_label(&mut out, label);
            out.push('.');
        }
        f.write_str(&out)
    }
}

impl fmt::Debug for NameRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Name({self})")
    }
}

/// Appends one label in presentation form, escaping what BIND escapes:
/// the special characters `. \ " ( ) ; @ $` and space as `\X`, other
/// non-printable octets as `\DDD`.
pub fn write_label(out: &mut String, label: &[u8]) {
    for &b in label {
        match b {
            b'.' | b'\\' | b'"' | b'(' | b')' | b';' | b'@' | b'$' | b' ' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x21..=0x7e => out.push(char::from(b)),
            _ => {
                use fmt::Write;
                let _ = write!(out, "\\{b:03}");
            }
        }
    }
}

/// An owned absolute name in uncompressed wire form.
#[derive(Clone)]
pub struct Name {
    wire: Box<[u8]>,
}

impl Name {
    /// The root name, `.`.
    pub fn root() -> Self {
        Name {
            wire: Box::new([0]),
        }
    }

    /// Wraps wire bytes, checking they hold exactly one valid absolute name.
    pub fn from_wire(wire: &[u8]) -> Option<Self> {
        validate_wire(wire).then(|| Name { wire: wire.into() })
    }

    /// Parses an absolute name, or a relative one completed with `origin`.
    pub fn parse(text: &str, origin: Option<&Name>) -> Result<Self, NameError> {
        let mut wire = Vec::with_capacity(text.len() + 2);
        match parse_presentation(text.as_bytes(), &mut wire)? {
            Form::Absolute => {}
            Form::Relative => {
                let origin = origin.ok_or(NameError::Empty)?;
                wire.extend_from_slice(origin.wire());
                if wire.len() > MAX_NAME {
                    return Err(NameError::NameTooLong);
                }
            }
        }
        Ok(Name { wire: wire.into() })
    }

    /// A borrowed view.
    pub fn as_ref(&self) -> NameRef<'_> {
        NameRef { wire: &self.wire }
    }

    /// The wire form, root label included.
    pub fn wire(&self) -> &[u8] {
        &self.wire
    }

    /// The labels, from the first (leftmost) on, without the root.
    pub fn labels(&self) -> Labels<'_> {
        self.as_ref().labels()
    }

    /// True for `.`.
    pub fn is_root(&self) -> bool {
        self.as_ref().is_root()
    }

    /// True when `self` equals `ancestor` or lies below it (case-insensitive).
    pub fn is_subdomain_of(&self, ancestor: &Name) -> bool {
        self.as_ref().is_subdomain_of(ancestor.as_ref())
    }

    /// `label.self`, if the result is a valid name.
    pub fn prepend(&self, label: &[u8]) -> Option<Name> {
        if label.is_empty()
            || label.len() > MAX_LABEL
            || self.wire.len() + label.len() + 1 > MAX_NAME
        {
            return None;
        }
        let mut wire = Vec::with_capacity(self.wire.len() + label.len() + 1);
        wire.push(label.len() as u8);
        wire.extend_from_slice(label);
        wire.extend_from_slice(&self.wire);
        Some(Name { wire: wire.into() })
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        self.as_ref() == other.as_ref()
    }
}

impl Eq for Name {}

impl Hash for Name {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_ref().hash(state);
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_ref().fmt(f)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_ref().fmt(f)
    }
}

impl std::str::FromStr for Name {
    type Err = NameError;

    /// Parses a name; a name without a final dot is taken as absolute.
    fn from_str(s: &str) -> Result<Self, NameError> {
        let mut wire = Vec::with_capacity(s.len() + 2);
        if parse_presentation(s.as_bytes(), &mut wire)? == Form::Relative {
            wire.push(0);
            if wire.len() > MAX_NAME {
                return Err(NameError::NameTooLong);
            }
        }
        Ok(Name { wire: wire.into() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-at-a-time parser the label-at-a-time one replaced.
    fn reference(text: &[u8], out: &mut Vec<u8>) -> Result<Form, NameError> {
        if text.is_empty() {
            return Err(NameError::Empty);
        }
        if text == b"." {
            out.push(0);
            return Ok(Form::Absolute);
        }
        let base = out.len();
        let mut len_at = out.len();
        out.push(0);
        let mut label_len = 0usize;
        let mut i = 0;
        let mut form = Form::Relative;
        while i < text.len() {
            let b = text[i];
            i += 1;
            let octet = match b {
                b'.' => {
                    if label_len == 0 {
                        out.truncate(base);
                        return Err(NameError::EmptyLabel);
                    }
                    out[len_at] = label_len as u8;
                    if i == text.len() {
                        out.push(0);
                        form = Form::Absolute;
                        break;
                    }
                    len_at = out.len();
                    out.push(0);
                    label_len = 0;
                    continue;
                }
                b'\\' => match unescape(text, &mut i) {
                    Some(octet) => octet,
                    None => {
                        out.truncate(base);
                        return Err(NameError::BadEscape);
                    }
                },
                other => other,
            };
            label_len += 1;
            if label_len > MAX_LABEL {
                out.truncate(base);
                return Err(NameError::LabelTooLong);
            }
            out.push(octet);
        }
        if form == Form::Relative {
            out[len_at] = label_len as u8;
        }
        let wire_len = out.len() - base + usize::from(form == Form::Relative);
        if wire_len > MAX_NAME {
            out.truncate(base);
            return Err(NameError::NameTooLong);
        }
        Ok(form)
    }

    proptest::proptest! {
        /// Same wire form, same error, same buffer, on names with escapes,
        /// empty labels, long labels and long names.
        #[test]
        fn parses_as_the_reference(
            text in "([a-z0-9-]{0,3}|[.]|\\\\[.0-9a]|\\\\[0-9]{3}|x{60,70}){0,40}",
        ) {
            let (mut fast, mut slow) = (b"pre".to_vec(), b"pre".to_vec());
            let got = parse_presentation(text.as_bytes(), &mut fast);
            let want = reference(text.as_bytes(), &mut slow);
            proptest::prop_assert_eq!(got, want);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    fn wire(text: &str) -> Result<(Vec<u8>, Form), NameError> {
        let mut out = Vec::new();
        parse_presentation(text.as_bytes(), &mut out).map(|f| (out, f))
    }

    #[test]
    fn parses_absolute_relative_and_root() {
        assert_eq!(wire("."), Ok((vec![0], Form::Absolute)));
        assert_eq!(
            wire("a.bc."),
            Ok((b"\x01a\x02bc\x00".to_vec(), Form::Absolute))
        );
        assert_eq!(wire("a.bc"), Ok((b"\x01a\x02bc".to_vec(), Form::Relative)));
        assert_eq!(wire("*"), Ok((b"\x01*".to_vec(), Form::Relative)));
    }

    #[test]
    fn decodes_escapes() {
        assert_eq!(
            wire(r"a\.b."),
            Ok((b"\x03a.b\x00".to_vec(), Form::Absolute))
        );
        assert_eq!(
            wire(r"\000\0320"),
            Ok((b"\x03\x00\x200".to_vec(), Form::Relative))
        );
        assert_eq!(wire(r"\1"), Err(NameError::BadEscape));
        assert_eq!(wire(r"\12"), Err(NameError::BadEscape));
        assert_eq!(wire(r"\256"), Err(NameError::BadEscape));
        assert_eq!(wire("a\\"), Err(NameError::BadEscape));
    }

    #[test]
    fn rejects_empty_labels_and_lengths() {
        assert_eq!(wire(".a"), Err(NameError::EmptyLabel));
        assert_eq!(wire("a..b"), Err(NameError::EmptyLabel));
        assert_eq!(wire(".."), Err(NameError::EmptyLabel));
        assert!(wire(&"x".repeat(63)).is_ok());
        assert_eq!(wire(&"x".repeat(64)), Err(NameError::LabelTooLong));
        // 4 labels of 63 = 4*64 = 256 octets + root > 255.
        let long = [&"x".repeat(63)[..]; 4].join(".") + ".";
        assert_eq!(wire(&long), Err(NameError::NameTooLong));
        let max = format!("{}.{}.", [&"x".repeat(63)[..]; 3].join("."), "y".repeat(61));
        assert_eq!(wire(&max).map(|(w, _)| w.len()), Ok(255));
    }

    #[test]
    fn equality_and_hash_ignore_ascii_case() {
        use std::collections::HashSet;
        let a: Name = "Mail.Example.COM.".parse().unwrap();
        let b: Name = "mail.example.com".parse().unwrap();
        assert_eq!(a, b);
        let set: HashSet<Name> = [a].into_iter().collect();
        assert!(set.contains(&b));
    }

    #[test]
    fn display_escapes_like_bind() {
        let n = Name::parse(r"a\.b\ c\000\255\@.x.", None).unwrap();
        assert_eq!(n.to_string(), r"a\.b\ c\000\255\@.x.");
        assert_eq!(Name::root().to_string(), ".");
    }

    #[test]
    fn subdomains_and_parents() {
        let child: Name = "a.b.example.com.".parse().unwrap();
        let zone: Name = "EXAMPLE.com.".parse().unwrap();
        assert!(child.is_subdomain_of(&zone));
        assert!(zone.is_subdomain_of(&zone));
        assert!(!zone.is_subdomain_of(&child));
        assert!(!"xexample.com."
            .parse::<Name>()
            .unwrap()
            .is_subdomain_of(&zone));
        assert_eq!(
            child.as_ref().parent().unwrap().to_string(),
            "b.example.com."
        );
        assert_eq!(child.as_ref().label_count(), 4);
    }
}
