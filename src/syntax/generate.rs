//! BIND's `$GENERATE range lhs [ttl] [class] type rhs`: the range and the
//! `$` templates (`$`, `${offset[,width[,base]]}`, `$$` for a literal `$`).

use std::fmt::Write as _;

/// Largest counter value BIND accepts in a range.
pub const MAX_COUNTER: u32 = i32::MAX as u32;

/// `start-stop[/step]`, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// The first counter value.
    pub start: u32,
    /// The last counter value (included).
    pub stop: u32,
    /// The step between values.
    pub step: u32,
}

impl Range {
    /// Number of values the range produces.
    pub fn len(&self) -> u64 {
        u64::from(self.stop - self.start) / u64::from(self.step) + 1
    }

    /// True when the range holds no value.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The counter values.
    pub fn iter(&self) -> impl Iterator<Item = u32> {
        let step = self.step as usize;
        (u64::from(self.start)..=u64::from(self.stop))
            .step_by(step)
            .map(|v| v as u32)
    }
}

fn counter(text: &[u8]) -> Option<u32> {
    if text.is_empty() || text.len() > 10 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = text
        .iter()
        .fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0'));
    u32::try_from(v).ok().filter(|&v| v <= MAX_COUNTER)
}

/// Parses `start-stop[/step]`.
pub fn parse_range(text: &[u8]) -> Result<Range, &'static str> {
    const SHAPE: &str = "invalid range: expected start-stop or start-stop/step with 0 <= start <= stop <= 2147483647 and step >= 1";
    let (bounds, step) = match memchr::memchr(b'/', text) {
        Some(slash) => (&text[..slash], Some(&text[slash + 1..])),
        None => (text, None),
    };
    let dash = memchr::memchr(b'-', bounds).ok_or(SHAPE)?;
    let start = counter(&bounds[..dash]).ok_or(SHAPE)?;
    let stop = counter(&bounds[dash + 1..]).ok_or(SHAPE)?;
    let step = match step {
        Some(s) => counter(s).filter(|&s| s > 0).ok_or(SHAPE)?,
        None => 1,
    };
    if start > stop {
        return Err(SHAPE);
    }
    Ok(Range { start, stop, step })
}

/// How a counter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    Decimal,
    Octal,
    HexLower,
    HexUpper,
    NibbleLower,
    NibbleUpper,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(Vec<u8>),
    Counter {
        offset: i64,
        width: usize,
        base: Base,
    },
}

/// A parsed `$GENERATE` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

/// Widest counter field accepted (BIND's conversion buffer is 128 bytes).
const MAX_WIDTH: usize = 128;

impl Template {
    /// Parses a template (`host-${0,3,d}`); the error says why not.
    pub fn parse(text: &[u8]) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut lit = Vec::new();
        let mut i = 0;
        while i < text.len() {
            match text[i] {
                b'\\' => {
                    // Escapes are kept for the name/rdata parser; `\$` keeps
                    // its `$` out of substitution.
                    lit.extend_from_slice(&text[i..(i + 2).min(text.len())]);
                    i += 2;
                }
                b'$' if text.get(i + 1) == Some(&b'$') => {
                    lit.push(b'$');
                    i += 2;
                }
                b'$' => {
                    if !lit.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut lit)));
                    }
                    i += 1;
                    if text.get(i) == Some(&b'{') {
                        let close = memchr::memchr(b'}', &text[i..])
                            .ok_or_else(|| "`${` without a closing `}`".to_owned())?;
                        let spec = &text[i + 1..i + close];
                        pieces.push(modifier(spec)?);
                        i += close + 1;
                    } else {
                        pieces.push(Piece::Counter {
                            offset: 0,
                            width: 0,
                            base: Base::Decimal,
                        });
                    }
                }
                b => {
                    lit.push(b);
                    i += 1;
                }
            }
        }
        if !lit.is_empty() {
            pieces.push(Piece::Literal(lit));
        }
        Ok(Template { pieces })
    }

    /// True when the template mentions the counter.
    pub fn uses_counter(&self) -> bool {
        self.pieces
            .iter()
            .any(|p| matches!(p, Piece::Counter { .. }))
    }

    /// Writes the template for counter value `it` into `out` (cleared first).
    pub fn expand(&self, it: u32, out: &mut Vec<u8>) -> Result<(), String> {
        out.clear();
        let mut num = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(l) => out.extend_from_slice(l),
                Piece::Counter {
                    offset,
                    width,
                    base,
                } => {
                    let value = i64::from(it) + offset;
                    if value > i64::from(i32::MAX) || value < i64::from(i32::MIN) {
                        return Err(format!("counter {it} with offset {offset} is out of range"));
                    }
                    num.clear();
                    format_counter(&mut num, value as i32, *width, *base);
                    out.extend_from_slice(num.as_bytes());
                }
            }
        }
        Ok(())
    }
}

/// `offset[,width[,base]]` inside `${...}`.
fn modifier(spec: &[u8]) -> Result<Piece, String> {
    let bad = || {
        format!(
            "invalid modifier `${{{}}}`: expected ${{offset[,width[,base]]}} with base d, o, x, X, n or N",
            String::from_utf8_lossy(spec)
        )
    };
    let mut parts = spec.split(|&b| b == b',');
    let offset_text = parts.next().ok_or_else(bad)?;
    let (neg, digits) = match offset_text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, offset_text),
    };
    if digits.is_empty() || digits.len() > 10 || !digits.iter().all(u8::is_ascii_digit) {
        return Err(bad());
    }
    let magnitude = digits
        .iter()
        .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0'));
    let offset = if neg { -magnitude } else { magnitude };
    if offset > i64::from(i32::MAX) || offset < i64::from(i32::MIN) {
        return Err(bad());
    }
    let width = match parts.next() {
        Some(w) if !w.is_empty() && w.len() <= 4 && w.iter().all(u8::is_ascii_digit) => w
            .iter()
            .fold(0usize, |acc, &d| acc * 10 + usize::from(d - b'0')),
        Some(_) => return Err(bad()),
        None => 0,
    };
    if width > MAX_WIDTH {
        return Err(format!("counter width {width} is larger than {MAX_WIDTH}"));
    }
    let base = match parts.next() {
        None => Base::Decimal,
        Some(b"d") => Base::Decimal,
        Some(b"o") => Base::Octal,
        Some(b"x") => Base::HexLower,
        Some(b"X") => Base::HexUpper,
        Some(b"n") => Base::NibbleLower,
        Some(b"N") => Base::NibbleUpper,
        Some(_) => return Err(bad()),
    };
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok(Piece::Counter {
        offset,
        width,
        base,
    })
}

fn format_counter(out: &mut String, value: i32, width: usize, base: Base) {
    let unsigned = value as u32;
    let _ = match base {
        Base::Decimal => write!(out, "{value:0width$}"),
        Base::Octal => write!(out, "{unsigned:0width$o}"),
        Base::HexLower => write!(out, "{unsigned:0width$x}"),
        Base::HexUpper => write!(out, "{unsigned:0width$X}"),
        Base::NibbleLower | Base::NibbleUpper => {
            nibbles(out, unsigned, width, base == Base::NibbleUpper);
            Ok(())
        }
    };
}

/// Reversed nibbles separated by dots (for ip6.arpa names); `width` counts
/// output characters, dots included, as BIND does.
fn nibbles(out: &mut String, mut value: u32, mut width: usize, upper: bool) {
    loop {
        let digit = char::from_digit(value & 0xf, 16).expect("nibble is a hex digit");
        out.push(if upper {
            digit.to_ascii_uppercase()
        } else {
            digit
        });
        value >>= 4;
        width = width.saturating_sub(1);
        if width > 0 || value != 0 {
            out.push('.');
            width = width.saturating_sub(1);
        }
        if value == 0 && width == 0 {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(template: &str, it: u32) -> String {
        let t = Template::parse(template.as_bytes()).unwrap();
        let mut out = Vec::new();
        t.expand(it, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn ranges() {
        assert_eq!(
            parse_range(b"1-10"),
            Ok(Range {
                start: 1,
                stop: 10,
                step: 1
            })
        );
        assert_eq!(
            parse_range(b"0-9/3").unwrap().iter().collect::<Vec<_>>(),
            [0, 3, 6, 9]
        );
        assert_eq!(parse_range(b"5-5").unwrap().len(), 1);
        for bad in [
            "9--10",
            "1-3/",
            "1-3/0",
            "3-1",
            "1",
            "a-b",
            "0-2147483648",
            "-1-3",
        ] {
            assert!(parse_range(bad.as_bytes()).is_err(), "{bad}");
        }
        let r = parse_range(b"19-28/2147483645").unwrap();
        assert_eq!(r.iter().collect::<Vec<_>>(), [19]);
    }

    #[test]
    fn substitutions() {
        assert_eq!(expand("host$", 7), "host7");
        assert_eq!(expand("1.2.3.${1,0,d}", 0), "1.2.3.1");
        assert_eq!(expand("name${0,6}", 42), "name000042");
        assert_eq!(expand("${0,4,x}", 1024), "0400");
        assert_eq!(expand("${0,4,X}", 255), "00FF");
        assert_eq!(expand("${0,3,o}", 8), "010");
        assert_eq!(expand("${0,3,n}", 1024), "0.0.4");
        assert_eq!(expand("${-2000,0,n}", 1024), "0.3.c.f.f.f.f.f");
        assert_eq!(expand("${-100}", 150), "50");
        assert_eq!(expand("a$$b", 1), "a$b");
        assert_eq!(expand(r"a\$b$", 1), r"a\$b1");
    }

    #[test]
    fn bad_templates() {
        for bad in [
            "${1000",
            "${1,0,dgarbage}",
            "${x}",
            "${1,2,3,4}",
            "${1,999}",
        ] {
            assert!(Template::parse(bad.as_bytes()).is_err(), "{bad}");
        }
        let t = Template::parse(b"foo${2147483647}").unwrap();
        assert!(t.expand(1, &mut Vec::new()).is_err());
    }
}
