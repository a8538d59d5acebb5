//! Source text, byte spans into it, and line/column lookup for renderers.
//!
//! Zone files are bytes, not strings: they may hold 8-bit octets and invalid
//! UTF-8 inside quoted strings and escapes. Everything upstream of the
//! renderers works on byte offsets (`Span`); only output converts them to
//! 1-based lines and character columns through a [`LineIndex`].

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

/// The name standard input is shown with when no `--stdin-filename` names
/// the file it stands for.
pub const STDIN_NAME: &str = "<stdin>";

/// The largest source file zonelint reads: spans are `u32` byte offsets.
pub const MAX_SOURCE_LEN: usize = u32::MAX as usize;

/// Files at least this large are read by two threads, each copying half:
/// for a file in the page cache, copying into fresh memory is the cost.
const SPLIT_READ_MIN: u64 = 8 << 20;

/// Reads a whole file, as [`std::fs::read`] does; a large one on two cores
/// of the current rayon pool.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len < SPLIT_READ_MIN || len > MAX_SOURCE_LEN as u64 || rayon::current_num_threads() < 2 {
        let mut text = Vec::new();
        file.read_to_end(&mut text)?;
        return Ok(text);
    }
    let mut text = vec![0u8; len as usize];
    let (first, second) = text.split_at_mut(len as usize / 2);
    // A second handle has its own position: each reads its half.
    let mut other = std::fs::File::open(path)?;
    other.seek(SeekFrom::Start(first.len() as u64))?;
    let (a, b) = rayon::join(|| file.read_exact(first), || other.read_exact(second));
    match a.and(b) {
        Ok(()) => {
            // Whatever was appended meanwhile, as a plain read would see it.
            file.seek(SeekFrom::Start(len))?;
            file.read_to_end(&mut text)?;
            Ok(text)
        }
        // Shortened while being read: read it again, from the start.
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            text.clear();
            file.seek(SeekFrom::Start(0))?;
            file.read_to_end(&mut text)?;
            Ok(text)
        }
        Err(e) => Err(e),
    }
}

/// A half-open byte range `start..end` into one [`SourceFile`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    /// The first byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    #[inline]
    /// The bytes `start..end`.
    pub const fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }

    /// The span of `len` bytes starting at `start`.
    #[inline]
    pub const fn at(start: u32, len: u32) -> Self {
        Span {
            start,
            end: start + len,
        }
    }

    #[inline]
    /// The number of bytes.
    pub const fn len(self) -> u32 {
        self.end - self.start
    }

    #[inline]
    /// True when the span holds no byte (an insertion point).
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    #[inline]
    /// True when `other` lies within this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The bytes this span covers in `text`.
    #[inline]
    pub fn slice(self, text: &[u8]) -> &[u8] {
        &text[self.start as usize..self.end as usize]
    }

    #[inline]
    /// The span as a range of `usize`.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new((span.start as usize).into(), span.len() as usize)
    }
}

/// A place in one file: the file and a byte span in it. What a finding or a
/// label points at.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, PartialOrd, Ord)]
pub struct Site {
    /// The file.
    pub file: FileId,
    /// The bytes in it.
    pub span: Span,
}

impl Site {
    /// `span` in `file`.
    pub const fn new(file: FileId, span: Span) -> Self {
        Site { file, span }
    }

    /// The empty site at the end of this one (where a suffix is inserted).
    pub const fn end(self) -> Self {
        Site {
            file: self.file,
            span: Span::new(self.span.end, self.span.end),
        }
    }
}

/// Identity of a [`SourceFile`], unique within the process.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, PartialOrd, Ord)]
pub struct FileId(pub u32);

static NEXT_FILE_ID: AtomicU32 = AtomicU32::new(0);

/// One zone file (or an `$INCLUDE`d part of one): its path and its bytes.
pub struct SourceFile {
    id: FileId,
    path: PathBuf,
    text: Vec<u8>,
    lines: OnceLock<LineIndex>,
}

impl SourceFile {
    /// A new file with a fresh [`FileId`].
    pub fn new(path: impl Into<PathBuf>, text: Vec<u8>) -> Arc<Self> {
        let id = FileId(NEXT_FILE_ID.fetch_add(1, Ordering::Relaxed));
        Arc::new(SourceFile {
            id,
            path: path.into(),
            text,
            lines: OnceLock::new(),
        })
    }

    /// The file's identity.
    pub fn id(&self) -> FileId {
        self.id
    }

    /// The path as given by the user (or as resolved for an `$INCLUDE`).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's bytes.
    pub fn text(&self) -> &[u8] {
        &self.text
    }

    /// The line index, built on first use (renderers only).
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        self.lines().line_col(&self.text, offset)
    }

    /// 1-based line number of a byte offset.
    pub fn line(&self, offset: u32) -> u32 {
        self.lines().line_in(&self.text, offset)
    }

    /// Byte offset where 1-based `line` starts; the text's length past the
    /// last line.
    pub fn line_start(&self, line: u32) -> u32 {
        self.lines().line_start_in(&self.text, line)
    }
}

impl fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceFile")
            .field("id", &self.id)
            .field("path", &self.path)
            .field("len", &self.text.len())
            .finish()
    }
}

/// The files of one run, looked up by [`FileId`].
#[derive(Default, Debug, Clone)]
pub struct Sources {
    files: Vec<Arc<SourceFile>>,
}

impl Sources {
    /// No files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file (once).
    pub fn add(&mut self, file: Arc<SourceFile>) {
        if let Err(at) = self.files.binary_search_by_key(&file.id, |f| f.id) {
            self.files.insert(at, file);
        }
    }

    /// The file `id`.
    pub fn get(&self, id: FileId) -> Option<&Arc<SourceFile>> {
        self.files
            .binary_search_by_key(&id, |f| f.id)
            .ok()
            .map(|i| &self.files[i])
    }

    /// The number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there is no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The files, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<SourceFile>> {
        self.files.iter()
    }
}

/// Turns offsets into lines and columns. Keeps the start of every
/// [`LineIndex::STRIDE`]th line only (a few kilobytes for a file of
/// millions of lines) and counts the few lines between with memchr. Lines
/// longer than [`LineIndex::LONG`] bytes are kept apart so that a lookup
/// never scans one (a hostile file of one gigantic line would make every
/// lookup cost the whole file): a lookup reads at most `STRIDE` lines of
/// at most `LONG` bytes.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// `sampled[k]`: where line `k * STRIDE + 1` starts.
    sampled: Vec<u32>,
    /// The long lines: `(line, start, end)`, `end` at its line feed.
    long: Vec<(u32, u32, u32)>,
    /// Number of lines (a final line without a line end counts).
    lines: u32,
    text_len: u32,
}

impl LineIndex {
    /// Every how many lines a start is kept.
    pub const STRIDE: u32 = 64;
    /// A line longer than this is a long line; its columns count bytes.
    pub const LONG: u32 = 1 << 16;

    /// The index of `text`.
    pub fn new(text: &[u8]) -> Self {
        let mut sampled = Vec::with_capacity(text.len() / 2048 + 1);
        sampled.push(0);
        let mut long = Vec::new();
        let mut lines = 1u32;
        let mut line_start = 0u32;
        for i in memchr::memchr_iter(b'\n', text) {
            let i = i as u32;
            if i - line_start > Self::LONG {
                long.push((lines, line_start, i));
            }
            if lines % Self::STRIDE == 0 {
                sampled.push(i + 1);
            }
            lines += 1;
            line_start = i + 1;
        }
        let text_len = text.len() as u32;
        if text_len - line_start > Self::LONG {
            long.push((lines, line_start, text_len));
        }
        LineIndex {
            sampled,
            long,
            lines,
            text_len,
        }
    }

    /// 1-based line number of `offset` in `text` (the text indexed).
    pub fn line_in(&self, text: &[u8], offset: u32) -> u32 {
        let offset = offset.min(self.text_len);
        let k = self.sampled.partition_point(|&s| s <= offset) - 1;
        let (mut from, mut line) = (self.sampled[k], k as u32 * Self::STRIDE + 1);
        let j = self.long.partition_point(|l| l.1 <= offset);
        if let Some(&(long_line, _, end)) = j.checked_sub(1).map(|j| &self.long[j]) {
            if offset <= end {
                return long_line;
            }
            if long_line >= line {
                (from, line) = (end + 1, long_line + 1);
            }
        }
        let newlines = memchr::memchr_iter(b'\n', &text[from as usize..offset as usize]).count();
        line + newlines as u32
    }

    /// Byte offset where 1-based `line` of `text` starts (the end of the
    /// text past the last line).
    pub fn line_start_in(&self, text: &[u8], line: u32) -> u32 {
        if line > self.lines {
            return self.text_len;
        }
        let line = line.max(1);
        let k = ((line - 1) / Self::STRIDE) as usize;
        let (mut at, mut at_line) = (self.sampled[k] as usize, k as u32 * Self::STRIDE + 1);
        let j = self.long.partition_point(|l| l.0 <= line);
        if let Some(&(long_line, start, end)) = j.checked_sub(1).map(|j| &self.long[j]) {
            if long_line == line {
                return start;
            }
            if long_line >= at_line {
                (at, at_line) = (end as usize + 1, long_line + 1);
            }
        }
        for _ in at_line..line {
            match memchr::memchr(b'\n', &text[at..]) {
                Some(i) => at += i + 1,
                None => return self.text_len,
            }
        }
        at as u32
    }

    /// The number of lines.
    pub fn line_count(&self) -> u32 {
        self.lines
    }

    /// The first line in `lines` longer than [`LineIndex::LONG`] bytes, and
    /// its length.
    pub fn first_long(&self, lines: std::ops::RangeInclusive<u32>) -> Option<(u32, u32)> {
        let j = self.long.partition_point(|l| l.0 < *lines.start());
        self.long
            .get(j)
            .filter(|l| l.0 <= *lines.end())
            .map(|&(line, start, end)| (line, end - start))
    }

    /// True if 1-based `line` is longer than [`LineIndex::LONG`] bytes.
    pub fn is_long(&self, line: u32) -> bool {
        self.long.binary_search_by_key(&line, |l| l.0).is_ok()
    }

    /// 1-based line and 1-based column counted in characters (UTF-8 scalar
    /// values; each byte of an invalid sequence counts as one character).
    /// On a long line the column counts bytes, which costs nothing.
    pub fn line_col(&self, text: &[u8], offset: u32) -> (u32, u32) {
        let line = self.line_in(text, offset);
        let start = self.line_start_in(text, line) as usize;
        let end = (offset as usize).min(text.len());
        let col = if self.is_long(line) {
            end.saturating_sub(start) as u32 + 1
        } else {
            char_count(&text[start.min(end)..end]) as u32 + 1
        };
        (line, col)
    }
}

/// How positions count the characters of a line: the position encodings
/// of the Language Server Protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Bytes.
    Utf8,
    /// UTF-16 code units (LSP's default).
    #[default]
    Utf16,
    /// Unicode scalar values.
    Utf32,
}

/// A 0-based line and a 0-based column in [`Encoding`] units, as the
/// Language Server Protocol counts them. Bytes that are not UTF-8 count as
/// one unit each; lines end at line feeds (a lone carriage return does not
/// end a line, as DNS servers read it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LinePosition {
    /// The line, from 0.
    pub line: u32,
    /// The column, from 0, in the encoding's units.
    pub character: u32,
}

/// The units `bytes` count in `encoding`.
fn units(bytes: &[u8], encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => bytes.len(),
        Encoding::Utf32 => char_count(bytes),
        Encoding::Utf16 => bytes
            .utf8_chunks()
            .map(|c| c.valid().encode_utf16().count() + c.invalid().len())
            .sum(),
    }
}

impl SourceFile {
    /// The position of byte `offset`, counted in `encoding`. On a line
    /// longer than [`LineIndex::LONG`] bytes the column counts bytes.
    pub fn position(&self, offset: u32, encoding: Encoding) -> LinePosition {
        let lines = self.lines();
        let text = &self.text;
        let line = lines.line_in(text, offset);
        let start = lines.line_start_in(text, line) as usize;
        let end = (offset as usize).min(text.len()).max(start);
        let character = if lines.is_long(line) {
            end - start
        } else {
            units(&text[start..end], encoding)
        };
        LinePosition {
            line: line - 1,
            character: character as u32,
        }
    }

    /// The byte offset of `position` (counted in `encoding`): past the end
    /// of its line, the line's end (before its CR LF or LF); past the last
    /// line, the end of the text; inside a character, that character's start.
    pub fn offset_at(&self, position: LinePosition, encoding: Encoding) -> u32 {
        let lines = self.lines();
        let text = &self.text;
        if position.line >= lines.line_count() {
            return text.len() as u32;
        }
        let line = position.line + 1;
        let start = lines.line_start_in(text, line) as usize;
        let mut end = memchr::memchr(b'\n', &text[start..]).map_or(text.len(), |i| start + i);
        if end > start && text[end - 1] == b'\r' && end < text.len() {
            end -= 1;
        }
        let want = position.character as usize;
        if lines.is_long(line) || encoding == Encoding::Utf8 {
            return (start + want.min(end - start)) as u32;
        }
        let mut at = start;
        let mut counted = 0usize;
        for chunk in text[start..end].utf8_chunks() {
            for c in chunk.valid().chars() {
                let n = match encoding {
                    Encoding::Utf16 => c.len_utf16(),
                    _ => 1,
                };
                if counted + n > want {
                    return at as u32;
                }
                counted += n;
                at += c.len_utf8();
            }
            for _ in chunk.invalid() {
                if counted + 1 > want {
                    return at as u32;
                }
                counted += 1;
                at += 1;
            }
        }
        at as u32
    }
}

/// Number of characters in `bytes`, counting each invalid UTF-8 byte as one.
pub fn char_count(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .map(|c| c.valid().chars().count() + c.invalid().len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// LSP positions in each encoding, and back, around non-ASCII text,
    /// invalid bytes and line ends.
    #[test]
    fn positions_in_every_encoding() {
        let text = [&b"a\r\n"[..], "café 𝄞 x\n".as_bytes(), b"\xff?"].concat();
        let file = SourceFile::new("x", text.clone());
        let x = text.iter().position(|&b| b == b'x').unwrap() as u32;
        let p = |o, e| file.position(o, e);
        assert_eq!(
            p(x, Encoding::Utf8),
            LinePosition {
                line: 1,
                character: 11
            }
        );
        assert_eq!(
            p(x, Encoding::Utf16),
            LinePosition {
                line: 1,
                character: 8
            }
        );
        assert_eq!(
            p(x, Encoding::Utf32),
            LinePosition {
                line: 1,
                character: 7
            }
        );
        for e in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(file.offset_at(p(x, e), e), x, "{e:?}");
        }
        // The invalid byte is one unit; `?` is after it.
        let question = text.len() as u32 - 1;
        assert_eq!(
            p(question, Encoding::Utf16),
            LinePosition {
                line: 2,
                character: 1
            }
        );
        assert_eq!(
            file.offset_at(
                LinePosition {
                    line: 2,
                    character: 1
                },
                Encoding::Utf16
            ),
            question
        );
        // Past a line's end: before its CR LF; past the text: its end.
        assert_eq!(
            file.offset_at(
                LinePosition {
                    line: 0,
                    character: 9
                },
                Encoding::Utf16
            ),
            1
        );
        assert_eq!(
            file.offset_at(
                LinePosition {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            text.len() as u32
        );
        // Inside the surrogate pair of 𝄞: its start.
        let clef = text.windows(4).position(|w| w == "𝄞".as_bytes()).unwrap() as u32;
        let pos = p(clef, Encoding::Utf16);
        assert_eq!(
            file.offset_at(
                LinePosition {
                    character: pos.character + 1,
                    ..pos
                },
                Encoding::Utf16
            ),
            clef
        );
    }

    /// A large file read in two halves is the file, odd length included.
    #[test]
    fn split_read_gives_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.zone");
        let len = SPLIT_READ_MIN as usize * 2 + 7;
        let text: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &text).unwrap();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        assert!(pool.install(|| read_file(&path).unwrap()) == text);
        // And on one thread, read as a whole.
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        assert!(one.install(|| read_file(&path).unwrap()) == text);
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\nbé c\r\nd".as_bytes();
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 2), (2, 1));
        // 'c' is after "bé " = 4 bytes but 3 characters.
        let c = text.iter().position(|&b| b == b'c').unwrap() as u32;
        assert_eq!(idx.line_col(text, c), (2, 4));
        let d = text.len() as u32 - 1;
        assert_eq!(idx.line_col(text, d), (3, 1));
        // End of file is a valid position.
        assert_eq!(idx.line_col(text, text.len() as u32), (3, 2));
    }

    #[test]
    fn invalid_utf8_bytes_count_as_one_column_each() {
        let text = b"\xff\xfex";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 2), (1, 3));
    }

    #[test]
    fn span_helpers() {
        let a = Span::new(3, 5);
        let b = Span::new(8, 9);
        assert_eq!(a.cover(b), Span::new(3, 9));
        assert_eq!(a.len(), 2);
        assert!(Span::new(0, 10).contains(a));
        assert_eq!(a.slice(b"0123456"), b"34");
    }

    #[test]
    fn sparse_index_agrees_with_counting() {
        // Lines of varied lengths, more than several strides, with and
        // without a final line end.
        for final_newline in [true, false] {
            let mut text = Vec::new();
            // Long lines too, one of them the last.
            let long = LineIndex::LONG as usize + 3;
            for i in 0..300 {
                let len = if i % 50 == 10 || i == 64 { long } else { i % 7 };
                text.extend(std::iter::repeat_n(b'x', len));
                text.push(b'\n');
            }
            if !final_newline {
                text.extend(std::iter::repeat_n(b'y', long));
            }
            let idx = LineIndex::new(&text);
            let mut line = 1;
            let mut line_start = 0;
            for offset in 0..=text.len() {
                // Inside long lines, a sample of the offsets.
                if offset - line_start > 10 && offset % 1009 != 0 {
                    if text.get(offset) == Some(&b'\n') {
                        line += 1;
                        line_start = offset + 1;
                    }
                    continue;
                }
                assert_eq!(idx.line_in(&text, offset as u32), line, "offset {offset}");
                assert_eq!(idx.line_start_in(&text, line) as usize, line_start);
                let column = idx.line_col(&text, offset as u32).1 as usize;
                assert_eq!(column, offset - line_start + 1, "offset {offset}");
                if text.get(offset) == Some(&b'\n') {
                    line += 1;
                    line_start = offset + 1;
                }
            }
            assert_eq!(idx.line_count(), line);
            assert_eq!(idx.line_start_in(&text, line + 1) as usize, text.len());
        }
    }
}
