//! Tag=value lists (RFC 6376 §3.2), which DKIM keys, DMARC (RFC 7489
//! §6.4), MTA-STS (RFC 8461 §3.1) and TLS-RPT (RFC 8460 §3) records are
//! written in: tags separated by `;`, white space allowed around them.

use std::ops::Range;

/// One `name=value` of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    pub name: String,
    pub name_range: Range<usize>,
    pub value: String,
    pub value_range: Range<usize>,
    /// The whole `name=value`, white space around it left out.
    pub range: Range<usize>,
}

/// A list read: its tags, and the pieces that are not `name=value`.
#[derive(Debug, Clone, Default)]
pub(crate) struct TagList {
    pub tags: Vec<Tag>,
    /// Pieces that break the grammar, with what is wrong.
    pub errors: Vec<(Range<usize>, String)>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// `range` of `text` without the white space at its ends.
fn trim(text: &[u8], mut range: Range<usize>) -> Range<usize> {
    while range.start < range.end && is_space(text[range.start]) {
        range.start += 1;
    }
    while range.end > range.start && is_space(text[range.end - 1]) {
        range.end -= 1;
    }
    range
}

impl TagList {
    /// Reads `text` as a tag list.
    pub fn parse(text: &[u8]) -> TagList {
        let mut list = TagList::default();
        let mut start = 0;
        let pieces: Vec<Range<usize>> = text
            .split(|&b| b == b';')
            .map(|piece| {
                let r = start..start + piece.len();
                start = r.end + 1;
                r
            })
            .collect();
        let last = pieces.len() - 1;
        for (i, piece) in pieces.into_iter().enumerate() {
            let range = trim(text, piece);
            if range.is_empty() {
                if i != last {
                    list.errors
                        .push((range, "an empty tag between two `;`".to_string()));
                }
                continue;
            }
            let bytes = &text[range.clone()];
            let Some(eq) = bytes.iter().position(|&b| b == b'=') else {
                list.errors.push((
                    range.clone(),
                    format!("`{}` is not a `tag=value`", super::spf::shown(bytes)),
                ));
                continue;
            };
            let name_range = trim(text, range.start..range.start + eq);
            let value_range = trim(text, range.start + eq + 1..range.end);
            let name = String::from_utf8_lossy(&text[name_range.clone()]).into_owned();
            // RFC 6376's names are ALPHA *(ALPHA / DIGIT / "_"); MTA-STS and
            // TLS-RPT extensions also allow digits first, `-` and `.`.
            let valid_name = name.starts_with(|c: char| c.is_ascii_alphanumeric())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
            if !valid_name {
                list.errors.push((
                    if name_range.is_empty() {
                        range.clone()
                    } else {
                        name_range
                    },
                    format!("`{}` is not a tag name", super::spf::shown(name.as_bytes())),
                ));
                continue;
            }
            let value = String::from_utf8_lossy(&text[value_range.clone()]).into_owned();
            list.tags.push(Tag {
                name,
                name_range,
                value,
                value_range,
                range,
            });
        }
        list
    }

    /// The first tag named `name` (tag names are case-sensitive, RFC 6376
    /// §3.2).
    pub fn get(&self, name: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.name == name)
    }

    /// The second of two tags of one name, with the first.
    pub fn repeated(&self) -> Option<(&Tag, &Tag)> {
        self.tags.iter().enumerate().find_map(|(i, t)| {
            self.tags[..i]
                .iter()
                .find(|f| f.name == t.name)
                .map(|f| (t, f))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_with_white_space() {
        let text = b"v=DMARC1; p = reject ;rua=mailto:d@example.com;";
        let list = TagList::parse(text);
        assert!(list.errors.is_empty());
        let names: Vec<&str> = list.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["v", "p", "rua"]);
        let p = list.get("p").unwrap();
        assert_eq!(p.value, "reject");
        assert_eq!(&text[p.value_range.clone()], b"reject");
        assert_eq!(&text[p.range.clone()], b"p = reject");
    }

    #[test]
    fn reports_pieces_that_are_not_tags() {
        let list = TagList::parse(b"v=DKIM1;; k rsa; _x=2; p=");
        let pieces: Vec<&str> = list.errors.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(pieces.len(), 3, "{pieces:?}");
        assert_eq!(list.get("p").unwrap().value, "");
        let list = TagList::parse(b"a=1; a=2");
        assert_eq!(list.repeated().unwrap().0.value, "2");
    }
}
