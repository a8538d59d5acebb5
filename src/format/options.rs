//! Formatter options: the `[format]` table of `zonelint.toml`.

use serde::Deserialize;

/// Over which lines columns are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    /// Within each block of lines between blank lines.
    #[default]
    Block,
    /// Across the whole file.
    File,
    /// Not at all: one space between fields.
    None,
}

/// What pads columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Indent {
    #[default]
    /// Spaces.
    Spaces,
    /// Tabs, with columns on multiples of 8.
    Tabs,
}

/// How SOA records are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SoaLayout {
    /// MNAME and RNAME on the first line, then one numeric field per line
    /// inside parentheses, field comments aligned.
    #[default]
    Multiline,
    /// Like any other record: the author's line breaks.
    AsWritten,
}

/// How `zonelint fmt` lays a zone out. Every field has a default; the
/// `[format]` table of `zonelint.toml` overrides them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct FormatOptions {
    /// Alignment scope of the owner, TTL, class, type and data columns and
    /// of trailing comments: `block` (between blank lines), `file`, `none`.
    pub align: Align,
    /// Pad columns with `spaces` or `tabs` (tab stops every 8 columns).
    pub indent: Indent,
    /// The column (1-based) trailing comments start at when the line is
    /// shorter; `0` aligns them one space after the longest line of the
    /// block. At most 1000.
    #[serde(deserialize_with = "comment_column")]
    pub comment_column: usize,
    /// Write the effective TTL and class on every record instead of only
    /// where the author wrote them.
    pub explicit_ttl_class: bool,
    /// `multiline` (one SOA field per line) or `as-written`.
    pub soa: SoaLayout,
}

/// The largest `comment-column`: wider than any screen, small enough that
/// padding cannot blow a file up.
pub const MAX_COMMENT_COLUMN: usize = 1000;

fn comment_column<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let column = usize::deserialize(d)?;
    if column > MAX_COMMENT_COLUMN {
        return Err(serde::de::Error::custom(format!(
            "comment-column {column} is too large: at most {MAX_COMMENT_COLUMN}"
        )));
    }
    Ok(column)
}

impl Default for FormatOptions {
    fn default() -> Self {
        FormatOptions {
            align: Align::Block,
            indent: Indent::Spaces,
            comment_column: 0,
            explicit_ttl_class: false,
            soa: SoaLayout::Multiline,
        }
    }
}
