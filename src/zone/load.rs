//! `zone::load`: applies the master-file state machine of RFC 1035 §5.1 and
//! RFC 2308 §4 to the parsed entries (origin, last owner, `$TTL` versus the
//! last explicit TTL, class), follows `$INCLUDE`, expands `$GENERATE`, and
//! builds the [`Zone`].

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::names::{flags as name_flags, NameId, NameTable};
use super::{record_flags, OriginMark, Record, Zone};
use crate::diagnostic::{codes, Diagnostic, Severity};
use crate::dns::name::{parse_presentation, Form};
use crate::dns::rdata::Soa;
use crate::dns::{Class, Name, RecordType};
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::generate::MAX_COUNTER;
use crate::syntax::rdata::{Rdata, RdataBuf, RdataForm};
use crate::syntax::{
    self, Directive, GenerateItem, Item, NameText, Owner, Parser, RecordItem, SyntaxError,
};

/// Deepest chain of nested `$INCLUDE`s followed.
pub const MAX_INCLUDE_DEPTH: usize = 16;
/// Most `$INCLUDE`s followed in one zone (a file including another ten
/// times, which includes another ten times, ... would read without end).
pub const MAX_INCLUDES: usize = 1024;
/// Most bytes one zone may read, its files together.
pub const MAX_ZONE_BYTES: u64 = crate::source::MAX_SOURCE_LEN as u64;

/// Most records one `$GENERATE` may produce.
pub const MAX_GENERATE: u64 = 1 << 20;
/// Most records all the `$GENERATE`s of a zone may produce together (a
/// small file of many directives must not expand without bound).
pub const MAX_GENERATED: u64 = 1 << 22;

/// Files at least this large are parsed on a second thread while they
/// load (when the run has more than one thread).
pub const PIPELINE_MIN_BYTES: usize = 1 << 20;

/// Code of the warning for records outside the zone (ignored, as BIND does).
pub const OUT_OF_ZONE: &str = codes::OUT_OF_ZONE_DATA;

/// How `$INCLUDE`d files are read (a seam for tests).
pub trait FileSystem: Sync {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// A stable identity for cycle detection.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
    fn is_file(&self, path: &Path) -> bool;
}

/// The real file system.
#[derive(Debug, Default, Clone, Copy)]
pub struct StdFileSystem;

impl FileSystem for StdFileSystem {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        crate::source::read_file(path)
    }
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }
    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

/// What the loader needs to know besides the file.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The zone's origin; when `None` it is inferred ([`super::infer_origin`]).
    pub origin: Option<Name>,
    /// Folder that relative `$INCLUDE` paths fall back to when they are not
    /// found next to the including file (BIND resolves them against its
    /// working directory). `None`: the process's working directory.
    pub working_dir: Option<PathBuf>,
    /// Folders `$INCLUDE` may read from, judged after `..` and symbolic
    /// links are resolved; an include anywhere else is an error on the
    /// directive and its target is never read. Empty: the folder of the
    /// top-level file.
    pub include_roots: Vec<PathBuf>,
}

/// A loaded zone and what loading it reported.
pub struct Loaded {
    pub zone: Zone,
    pub diagnostics: Vec<Diagnostic>,
    /// Where the origin came from.
    pub origin_source: Option<super::OriginSource>,
}

/// Loads the zone whose top-level file is `file`.
pub fn load(file: Arc<SourceFile>, options: &LoadOptions, fs: &dyn FileSystem) -> Loaded {
    let (origin, origin_source) = match &options.origin {
        Some(o) => (Some(o.clone()), Some(super::OriginSource::Flag)),
        None => match super::infer_origin(file.text(), file.path()) {
            Some((o, s)) => (Some(o), Some(s)),
            None => (None, None),
        },
    };
    // Room for what the text will most likely hold (generated and real
    // zones run 40 to 60 bytes a record), so that the tables do not grow
    // by copying while a large zone loads. Memory not written is not used.
    let expected = file.text().len() / 48;
    let mut names = NameTable::new();
    // Fewer names than records: several records share an owner (1.5
    // records a name in the generated mixed zones). Growing the name table
    // would hold the old and the new one at once.
    names.reserve(expected * 2 / 3);
    let apex = origin.as_ref().map(|o| names.intern(o.as_ref()));
    let mut loader = Loader {
        options,
        fs,
        names,
        records: Vec::with_capacity(expected),
        rdata: Vec::with_capacity(expected * 24),
        files: Vec::new(),
        diagnostics: Vec::new(),
        apex,
        origin: apex,
        origin_wire: origin
            .as_ref()
            .map(|o| o.wire().to_vec())
            .unwrap_or_default(),
        default_ttl: None,
        last_ttl: None,
        last_class: None,
        zone_class: None,
        last_owner: None,
        include_chain: Vec::new(),
        include_roots: Vec::new(),
        generated: 0,
        includes: 0,
        bytes: 0,
        origins: Vec::new(),
        current_file: 0,
        reported_no_origin: false,
        reported_no_ttl: false,
        scratch: Vec::new(),
        rdata_buf: RdataBuf::default(),
        owner_counts: Vec::new(),
        suppressions: Vec::new(),
    };
    if let Ok(canonical) = fs.canonicalize(file.path()) {
        loader.include_chain.push(canonical);
    }
    loader.include_roots = include_roots(&options.include_roots, file.path(), fs);
    loader.load_file(file);
    let apex = loader.apex.unwrap_or_else(|| loader.first_owner_or_root());
    let origin = loader.names.name(apex);
    let class = loader.zone_class.unwrap_or(Class::IN);
    let mut zone = Zone {
        origin,
        apex,
        class,
        names: loader.names,
        records: loader.records,
        rdata: loader.rdata,
        files: loader.files,
        by_owner: Vec::new(),
        owner_start: Vec::new(),
        origins: {
            let mut marks = loader.origins;
            marks.sort();
            marks
        },
        addresses: std::sync::OnceLock::new(),
        suppressions: {
            let mut s = loader.suppressions;
            s.sort_by_key(|s| (s.file, s.scope.start));
            s
        },
        id: super::ZoneId::next(),
    };
    zone.build_index(loader.owner_counts);
    let mut diagnostics = loader.diagnostics;
    if zone.records.is_empty() && !diagnostics.iter().any(|d| d.severity == Severity::Error) {
        // An empty file is more often a truncated copy than a zone.
        let top = &zone.files[0];
        let what = if top.text().iter().all(u8::is_ascii_whitespace) {
            "the file is empty"
        } else {
            "the file holds no record"
        };
        let mut d = Diagnostic::new(
            codes::EMPTY_ZONE,
            Severity::Warning,
            top.id(),
            Span::new(0, 0),
            format!("{what}: the zone has no records"),
        );
        d.help = Some("add the zone's SOA and NS records".into());
        diagnostics.push(d);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Loaded {
        zone,
        diagnostics,
        origin_source,
    }
}

struct Loader<'o> {
    options: &'o LoadOptions,
    fs: &'o dyn FileSystem,
    names: NameTable,
    records: Vec<Record>,
    rdata: Vec<u8>,
    files: Vec<Arc<SourceFile>>,
    diagnostics: Vec<Diagnostic>,
    /// The zone's apex (the top-level origin), once known.
    apex: Option<NameId>,
    /// The origin in effect, and its wire form.
    origin: Option<NameId>,
    origin_wire: Vec<u8>,
    /// `$TTL` (RFC 2308 §4).
    default_ttl: Option<u32>,
    /// The last explicit TTL (RFC 1035 §5.1 default when there is no `$TTL`).
    last_ttl: Option<u32>,
    last_class: Option<Class>,
    zone_class: Option<Class>,
    last_owner: Option<NameId>,
    include_chain: Vec<PathBuf>,
    include_roots: Vec<IncludeRoot>,
    /// Records all `$GENERATE`s asked for so far (see [`MAX_GENERATED`]).
    generated: u64,
    /// `$INCLUDE`s followed and bytes read so far (see [`MAX_INCLUDES`],
    /// [`MAX_ZONE_BYTES`]).
    includes: usize,
    bytes: u64,
    /// Where each origin starts to apply, per file.
    origins: Vec<OriginMark>,
    /// Index of the file being read (for origin marks).
    current_file: u16,
    reported_no_origin: bool,
    reported_no_ttl: bool,
    scratch: Vec<u8>,
    rdata_buf: RdataBuf,
    /// Records per owner, at `owner + 1` (for the zone's owner index).
    owner_counts: Vec<u32>,
    suppressions: Vec<super::Suppression>,
}

/// Where an `$INCLUDE` leads.
enum Found {
    /// A file inside an include root: the path as found (shown in
    /// messages) and with its links resolved (read, and cycle identity).
    Inside { shown: PathBuf, real: PathBuf },
    /// The path leads outside every include root; nothing was read.
    Outside,
    /// No such file beside the including file; `fallback_outside`: the
    /// working-directory fallback was not tried, being outside the roots.
    Nothing { fallback_outside: bool },
}

/// A folder `$INCLUDE` may read from.
struct IncludeRoot {
    /// As given (for messages).
    shown: PathBuf,
    /// Absolute, with `.` and `..` removed without touching the disk.
    lexical: PathBuf,
    /// With symbolic links resolved, when the folder exists.
    canonical: Option<PathBuf>,
}

impl IncludeRoot {
    /// A first, cheap test: could `lexical` (see [`lexical_absolute`]) be
    /// inside? Paths that are not are never touched.
    fn contains_lexically(&self, lexical: &Path) -> bool {
        lexical.starts_with(&self.lexical)
            || self
                .canonical
                .as_ref()
                .is_some_and(|c| lexical.starts_with(c))
    }

    /// The decisive test, on a path whose links are resolved.
    fn contains(&self, real: &Path) -> bool {
        match &self.canonical {
            Some(c) => real.starts_with(c),
            None => real.starts_with(&self.lexical),
        }
    }
}

fn include_roots(given: &[PathBuf], top: &Path, fs: &dyn FileSystem) -> Vec<IncludeRoot> {
    let default = [default_include_root(top)];
    let given = if given.is_empty() {
        &default[..]
    } else {
        given
    };
    given
        .iter()
        .map(|root| IncludeRoot {
            shown: root.clone(),
            lexical: lexical_absolute(root),
            canonical: fs.canonicalize(root).ok(),
        })
        .collect()
}

/// The include root when none is given: the folder of the top-level file
/// (`.` for a bare file name).
pub fn default_include_root(top: &Path) -> PathBuf {
    top.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// `path` made absolute against the working directory, with `.` and `..`
/// applied to the text alone (the disk is not read).
fn lexical_absolute(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// State restored after an `$INCLUDE`: RFC 1035 §5.1 says an included file
/// never changes the origin of its parent; BIND restores the current owner
/// too, so a blank owner after the directive continues the parent's owner.
struct Saved {
    origin: Option<NameId>,
    origin_wire: Vec<u8>,
    owner: Option<NameId>,
}

impl Loader<'_> {
    fn error(&mut self, file: FileId, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::syntax(file, span, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    fn set_origin(&mut self, id: NameId) {
        self.origin = Some(id);
        self.origin_wire.clear();
        self.names.write_wire(id, &mut self.origin_wire);
    }

    /// Remembers that from `offset` on in the current file, the origin in
    /// effect is the current one.
    fn mark_origin(&mut self, offset: u32) {
        if let Some(origin) = self.origin {
            self.origins.push(OriginMark {
                file: self.current_file,
                offset,
                origin,
            });
        }
    }

    fn first_owner_or_root(&self) -> NameId {
        self.records
            .iter()
            .find(|r| r.rtype == RecordType::SOA)
            .or(self.records.first())
            .map_or(NameId::ROOT, |r| r.owner)
    }

    fn load_file(&mut self, file: Arc<SourceFile>) {
        self.bytes += file.text().len() as u64;
        let index = u16::try_from(self.files.len()).unwrap_or(u16::MAX);
        self.files.push(Arc::clone(&file));
        let id = file.id();
        let parent_file = std::mem::replace(&mut self.current_file, index);
        self.mark_origin(0);
        let errors = if file.text().len() >= PIPELINE_MIN_BYTES && rayon::current_num_threads() > 1
        {
            self.entries_pipelined(&file, index)
        } else {
            let mut parser = Parser::new(file.text());
            while let Some(entry) = parser.next_entry() {
                self.entry(&file, index, entry);
            }
            parser.take_errors()
        };
        self.diagnostics
            .extend(errors.into_iter().map(|e| e.into_diagnostic(id)));
        self.current_file = parent_file;
    }

    /// Parses on a second thread while this one loads: the parser fills
    /// batches of entries, this thread resolves names and stores records.
    fn entries_pipelined(&mut self, file: &Arc<SourceFile>, index: u16) -> Vec<SyntaxError> {
        let lines = Arc::clone(file);
        crate::syntax::batch::for_each_pipelined_then(
            file.text(),
            |entry| self.entry(file, index, entry),
            // Findings need the line index; build it on the parsing core.
            move || {
                lines.lines();
            },
        )
    }

    /// Applies one entry of file `index`.
    fn entry(&mut self, file: &Arc<SourceFile>, index: u16, entry: syntax::Entry<'_>) {
        let id = file.id();
        let span = entry.span;
        let records_before = self.records.len();
        let makes_records = matches!(
            entry.item,
            Item::Record(_) | Item::Directive(Directive::Generate(_))
        );
        let (tokens, has_comments) = (entry.tokens, entry.has_comments);
        match entry.item {
            Item::Empty => {}
            Item::Invalid => {
                // Keep the owner of a broken record so that the blank
                // owners after it do not cascade into more errors.
                if let Some(owner) = entry.layout.owner {
                    let tok = entry.tokens[owner as usize];
                    self.recover_owner(tok.value(file.text()));
                }
            }
            Item::Record(r) => self.record(id, index, span, entry.tokens, entry.layout, &r),
            Item::Directive(Directive::Origin { name, span: at }) => {
                if let Some(origin) = self.resolve(id, name, at, "origin") {
                    self.set_origin(origin);
                    self.mark_origin(span.end);
                }
            }
            Item::Directive(Directive::Ttl { value, .. }) => {
                self.default_ttl = Some(value);
            }
            Item::Directive(Directive::Include {
                path,
                path_span,
                origin,
            }) => {
                self.include(file, path, path_span, origin);
                self.current_file = index;
                self.mark_origin(span.end);
            }
            Item::Directive(Directive::Generate(g)) => {
                self.generate(id, index, span, g);
            }
            Item::Directive(Directive::Date) => {}
        }
        if has_comments {
            let lines = Span::new(span.start, tokens.last().map_or(span.end, |t| t.span.end));
            let records = makes_records && self.records.len() > records_before;
            super::suppressions::scan(
                file.text(),
                id,
                tokens,
                lines,
                records,
                &mut self.suppressions,
            );
        }
    }

    fn recover_owner(&mut self, text: &[u8]) {
        if text == b"@" {
            self.last_owner = self.origin;
            return;
        }
        self.scratch.clear();
        let Ok(form) = parse_presentation(text, &mut self.scratch) else {
            return;
        };
        let base = match form {
            Form::Absolute => Some(NameId::ROOT),
            Form::Relative => self.origin,
        };
        if let Some(base) = base {
            let wire = std::mem::take(&mut self.scratch);
            self.last_owner = self.names.intern_below(base, &wire);
            self.scratch = wire;
        }
    }

    /// Resolves a name as written against the current origin.
    fn resolve(
        &mut self,
        file: FileId,
        name: NameText<'_>,
        span: Span,
        what: &str,
    ) -> Option<NameId> {
        match name {
            NameText::Absolute(wire) => Some(
                self.names
                    .intern_below(NameId::ROOT, wire)
                    .expect("parser checked length"),
            ),
            NameText::Origin | NameText::Relative(_) => {
                let Some(origin) = self.origin else {
                    self.no_origin(file, span);
                    return None;
                };
                match name {
                    NameText::Relative(labels) => {
                        match self.names.intern_below(origin, labels) {
                            Some(id) => Some(id),
                            None => {
                                self.error(file, span, format!("{what} is longer than 255 octets once the origin is appended"));
                                None
                            }
                        }
                    }
                    _ => Some(origin),
                }
            }
        }
    }

    fn no_origin(&mut self, file: FileId, span: Span) {
        if self.reported_no_origin {
            return;
        }
        self.reported_no_origin = true;
        self.error(file, span, "relative name, but the zone's origin is unknown").help = Some(
            "give the origin with `--origin example.com.`, add `$ORIGIN example.com.` before the first relative name, or name the file `example.com.zone`".into(),
        );
    }

    /// True if `id` is inside the zone; warns (once per entry) otherwise.
    fn in_zone(&mut self, id: NameId, file: FileId, span: Span) -> bool {
        let Some(apex) = self.apex else {
            return true;
        };
        if self.names.is_at_or_below(id, apex) {
            return true;
        }
        let name = self.names.name(id);
        let origin = self.names.name(apex);
        self.diagnostics.push(
            Diagnostic::new(OUT_OF_ZONE, Severity::Warning, file, span, format!("`{name}` is outside the zone `{origin}`; the record is ignored"))
                .with_help("servers ignore records outside the zone; move it to the zone it belongs to, or check the origin"),
        );
        false
    }

    /// The effective TTL: explicit, else `$TTL`, else the last explicit TTL
    /// (RFC 2308 §4, RFC 1035 §5.1), else for an SOA its MINIMUM, which then
    /// acts as `$TTL` (as BIND does).
    fn ttl_for(
        &mut self,
        file: FileId,
        span: Span,
        explicit: Option<u32>,
        soa_minimum: impl FnOnce(&Self) -> Option<u32>,
    ) -> u32 {
        if let Some(ttl) = explicit {
            self.last_ttl = Some(ttl);
            return ttl;
        }
        if let Some(ttl) = self.default_ttl.or(self.last_ttl) {
            return ttl;
        }
        if let Some(minimum) = soa_minimum(self) {
            // BIND: the SOA MINIMUM becomes the default TTL, like `$TTL`.
            self.default_ttl = Some(minimum);
            return minimum;
        }
        if !self.reported_no_ttl {
            self.reported_no_ttl = true;
            self.error(
                file,
                span,
                "no TTL: the record has none, and no $TTL or earlier TTL applies",
            )
            .help = Some("add `$TTL 1h` (or another default) at the top of the file".into());
        }
        0
    }

    fn class_for(
        &mut self,
        file: FileId,
        span: Span,
        explicit: Option<Class>,
        class_span: Option<Span>,
    ) -> Option<Class> {
        let class = explicit
            .or(self.last_class)
            .or(self.zone_class)
            .unwrap_or(Class::IN);
        match self.zone_class {
            None => self.zone_class = Some(class),
            Some(zone) if zone != class => {
                self.error(
                    file,
                    class_span.unwrap_or(span),
                    format!("class {class} differs from the zone's class {zone}"),
                )
                .help = Some("every record of a zone has the zone's class (RFC 1035 §5.2)".into());
                return None;
            }
            Some(_) => {}
        }
        if explicit.is_some() {
            self.last_class = explicit;
        }
        Some(class)
    }

    /// Appends the record data, completing relative names with the origin.
    fn append_rdata(&mut self, file: FileId, buf: Rdata<'_>) -> Option<(u32, u16)> {
        let start = self.rdata.len();
        let mut pos = 0usize;
        for rel in buf.relative {
            if self.origin.is_none() {
                self.no_origin(file, rel.span);
                self.rdata.truncate(start);
                return None;
            }
            let (s, e) = (usize::from(rel.start), usize::from(rel.end));
            self.rdata.extend_from_slice(&buf.wire[pos..e]);
            self.rdata.extend_from_slice(&self.origin_wire);
            if e - s + self.origin_wire.len() > crate::dns::name::MAX_NAME {
                self.error(
                    file,
                    rel.span,
                    "name is longer than 255 octets once the origin is appended",
                );
                self.rdata.truncate(start);
                return None;
            }
            pos = e;
        }
        self.rdata.extend_from_slice(&buf.wire[pos..]);
        let len = self.rdata.len() - start;
        match u16::try_from(len) {
            Ok(len) => Some((start as u32, len)),
            Err(_) => {
                let span = buf.relative.first().map_or(Span::default(), |r| r.span);
                self.error(
                    file,
                    span,
                    "record data longer than 65535 octets once the origin is appended",
                );
                self.rdata.truncate(start);
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push_record(
        &mut self,
        file: FileId,
        file_index: u16,
        span: Span,
        owner: NameId,
        rtype: RecordType,
        explicit_ttl: Option<u32>,
        buf: Rdata<'_>,
        mut flags: u8,
    ) {
        let Some((start, len)) = self.append_rdata(file, buf) else {
            return;
        };
        let range = start as usize..start as usize + usize::from(len);
        let ttl = self.ttl_for(file, span, explicit_ttl, |this| {
            (rtype == RecordType::SOA)
                .then(|| Soa::from_wire(&this.rdata[range]).map(|s| s.minimum))
                .flatten()
        });
        if buf.form == RdataForm::Opaque {
            flags |= record_flags::OPAQUE;
        }
        if buf.out_of_range.is_some() {
            flags |= record_flags::FIELD_OUT_OF_RANGE;
        }
        if !buf.relative.is_empty() {
            flags |= record_flags::RELATIVE_DATA;
        }
        if self.default_ttl.is_some() {
            flags |= record_flags::DEFAULT_TTL;
        }
        if self.apex.is_none() {
            // No origin known and every name absolute: the first SOA (or
            // the first owner) is the apex.
            if rtype == RecordType::SOA {
                self.apex = Some(owner);
            }
        }
        // Counted and flagged now, while the owner's node is in cache: the
        // owner index is then built with one pass over the records.
        if self.owner_counts.len() <= self.names.len() {
            self.owner_counts.resize(self.names.len() + 1, 0);
        }
        self.owner_counts[owner.0 as usize + 1] += 1;
        self.names.set_flags(
            owner,
            name_flags::RECORDS
                | match rtype {
                    RecordType::NS => name_flags::NS,
                    RecordType::CNAME => name_flags::CNAME,
                    RecordType::DNAME => name_flags::DNAME,
                    RecordType::A | RecordType::AAAA => name_flags::ADDRESS,
                    RecordType::SOA => name_flags::SOA,
                    _ => 0,
                },
        );
        self.records.push(Record {
            owner,
            rtype,
            ttl,
            rdata_start: start,
            rdata_len: len,
            file: file_index,
            flags,
            start: span.start,
        });
    }

    fn record(
        &mut self,
        file: FileId,
        index: u16,
        span: Span,
        tokens: &[crate::syntax::Token],
        layout: crate::syntax::Layout,
        r: &RecordItem<'_>,
    ) {
        let token_span = |i: Option<u32>| i.map(|i| tokens[i as usize].span);
        let owner = match r.owner {
            Owner::Blank => match self.last_owner {
                Some(o) => o,
                None => {
                    let at = token_span(layout.rtype).unwrap_or(span);
                    self.error(file, at, "blank owner, but no previous record gives one").help =
                        Some("a line that starts with a blank continues the previous owner; write the owner at the start of the line".into());
                    return;
                }
            },
            Owner::Name(name) => {
                let owner_span = token_span(layout.owner).unwrap_or(span);
                let Some(id) = self.resolve(file, name, owner_span, "owner name") else {
                    return;
                };
                self.last_owner = Some(id);
                id
            }
        };
        let class_span = token_span(layout.class);
        // Every record has the zone's class: one that differs is an error.
        if self.class_for(file, span, r.class, class_span).is_none() {
            return;
        }
        let owner_span = token_span(layout.owner).unwrap_or(span);
        if !self.in_zone(owner, file, owner_span) {
            return;
        }
        self.push_record(file, index, span, owner, r.rtype, r.ttl, r.rdata, 0);
    }

    fn include(
        &mut self,
        parent: &Arc<SourceFile>,
        path: &[u8],
        path_span: Span,
        origin: Option<(NameText<'_>, Span)>,
    ) {
        let file = parent.id();
        let path_text = String::from_utf8_lossy(path).into_owned();
        if self.include_chain.len() > MAX_INCLUDE_DEPTH {
            self.error(
                file,
                path_span,
                format!("`$INCLUDE` nested more than {MAX_INCLUDE_DEPTH} deep"),
            );
            return;
        }
        let (shown, canonical) = match self.find_include(parent.path(), Path::new(&path_text)) {
            Found::Inside { shown, real } => (shown, real),
            Found::Nothing { fallback_outside } => {
                self.error(
                    file,
                    path_span,
                    format!("included file `{path_text}` not found"),
                )
                .help = Some(if fallback_outside {
                    "paths are relative to the including file's folder, then to the working \
                     directory, which is outside the include root (`--include-root DIR` allows it)"
                        .into()
                } else {
                    "paths are relative to the including file's folder, then to the working directory"
                        .into()
                });
                return;
            }
            Found::Outside => {
                let roots = self
                    .include_roots
                    .iter()
                    .map(|r| format!("`{}`", r.shown.display()))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.error(
                    file,
                    path_span,
                    format!("`$INCLUDE` of `{path_text}` refused: it is outside the include root {roots}"),
                )
                .help = Some(
                    "move the file under the zone file's folder (or that of zonelint.toml), or allow \
                     its folder with `--include-root DIR`"
                        .into(),
                );
                return;
            }
        };
        if self.include_chain.contains(&canonical) {
            self.error(
                file,
                path_span,
                format!("`$INCLUDE` cycle: `{path_text}` is already being read"),
            );
            return;
        }
        if self.includes >= MAX_INCLUDES {
            self.error(
                file,
                path_span,
                format!(
                    "more than {MAX_INCLUDES} `$INCLUDE`s in this zone; `{path_text}` is not read"
                ),
            );
            return;
        }
        self.includes += 1;
        let text = match self.fs.read(&canonical) {
            Ok(text) => text,
            Err(e) => {
                self.error(
                    file,
                    path_span,
                    format!("cannot read included file `{path_text}`: {e}"),
                );
                return;
            }
        };
        if text.len() >= crate::source::MAX_SOURCE_LEN {
            self.error(
                file,
                path_span,
                format!("included file `{path_text}` is larger than 4 GiB"),
            );
            return;
        }
        if self.bytes + text.len() as u64 > MAX_ZONE_BYTES {
            self.error(
                file,
                path_span,
                format!(
                    "with `{path_text}` the zone's files would pass {} GiB together; it is not read",
                    MAX_ZONE_BYTES >> 30
                ),
            );
            return;
        }
        let saved = Saved {
            origin: self.origin,
            origin_wire: self.origin_wire.clone(),
            owner: self.last_owner,
        };
        if let Some((name, span)) = origin {
            match self.resolve(file, name, span, "origin") {
                Some(id) => self.set_origin(id),
                None => return,
            }
        }
        self.include_chain.push(canonical);
        self.load_file(SourceFile::new(shown, text));
        self.include_chain.pop();
        self.origin = saved.origin;
        self.origin_wire = saved.origin_wire;
        self.last_owner = saved.owner;
    }

    /// Where `$INCLUDE path` in the file `parent` leads: beside the
    /// including file, then in the working directory; only inside an
    /// include root. A candidate outside a root even before symbolic links
    /// are resolved is never touched.
    fn find_include(&self, parent: &Path, path: &Path) -> Found {
        let mut candidates = Vec::with_capacity(2);
        if path.is_absolute() {
            candidates.push(path.to_path_buf());
        } else {
            candidates.push(
                parent
                    .parent()
                    .map_or_else(|| path.to_path_buf(), |dir| dir.join(path)),
            );
            candidates.push(match &self.options.working_dir {
                Some(dir) => dir.join(path),
                None => path.to_path_buf(),
            });
        }
        let mut fallback_outside = false;
        for (i, candidate) in candidates.into_iter().enumerate() {
            let lexical = lexical_absolute(&candidate);
            let outside = if !self
                .include_roots
                .iter()
                .any(|r| r.contains_lexically(&lexical))
            {
                true
            } else {
                match self.fs.canonicalize(&candidate) {
                    Err(_) => continue,
                    Ok(real) if self.include_roots.iter().any(|r| r.contains(&real)) => {
                        if self.fs.is_file(&real) {
                            return Found::Inside {
                                shown: candidate,
                                real,
                            };
                        }
                        false
                    }
                    Ok(_) => true,
                }
            };
            if outside {
                // The path as written leads out; only the working-directory
                // fallback leading out is not worth an error of its own.
                if i == 0 {
                    return Found::Outside;
                }
                fallback_outside = true;
            }
        }
        Found::Nothing { fallback_outside }
    }

    fn generate(&mut self, file: FileId, index: u16, span: Span, g: &GenerateItem) {
        let count = g.range.len();
        if count > MAX_GENERATE {
            self.error(
                file,
                g.range_span,
                format!(
                    "$GENERATE range makes {count} records; at most {MAX_GENERATE} are allowed"
                ),
            )
            .help = Some("split the range into several $GENERATE lines".into());
            return;
        }
        if self.generated + count > MAX_GENERATED {
            self.error(
                file,
                g.range_span,
                format!(
                    "$GENERATE would bring the zone past {MAX_GENERATED} generated records \
                     ({} so far); not expanded",
                    self.generated
                ),
            )
            .help = Some("write a zone this large out in full".into());
            return;
        }
        self.generated += count;
        debug_assert!(g.range.stop <= MAX_COUNTER);
        if self.class_for(file, span, g.class, None).is_none() {
            return;
        }
        let mut lhs = Vec::new();
        let mut rhs = Vec::new();
        let mut buf = std::mem::take(&mut self.rdata_buf);
        for it in g.range.iter() {
            if let Err(m) = g.lhs.expand(it, &mut lhs) {
                self.error(file, g.lhs_span, m);
                break;
            }
            if let Err(m) = g.rhs.expand(it, &mut rhs) {
                self.error(file, g.rhs_span, m);
                break;
            }
            let owner = if lhs == b"@" {
                NameText::Origin
            } else {
                self.scratch.clear();
                match parse_presentation(&lhs, &mut self.scratch) {
                    Ok(Form::Absolute) => NameText::Absolute(&[]),
                    Ok(Form::Relative) => NameText::Relative(&[]),
                    Err(e) => {
                        self.error(
                            file,
                            g.lhs_span,
                            format!(
                                "generated owner `{}` is invalid: {e}",
                                String::from_utf8_lossy(&lhs)
                            ),
                        );
                        break;
                    }
                }
            };
            let scratch = std::mem::take(&mut self.scratch);
            let owner = match owner {
                NameText::Absolute(_) => NameText::Absolute(&scratch),
                NameText::Relative(_) => NameText::Relative(&scratch),
                NameText::Origin => NameText::Origin,
            };
            let owner = self.resolve(file, owner, g.lhs_span, "generated owner");
            self.scratch = scratch;
            let Some(owner) = owner else { break };
            if let Err(e) = syntax::encode_rdata_text(g.rtype, &rhs, g.rhs_span, &mut buf) {
                let d = e.into_diagnostic(file);
                let message = format!(
                    "generated {} data `{}` is invalid: {}",
                    g.rtype,
                    String::from_utf8_lossy(&rhs),
                    d.message
                );
                self.error(file, g.rhs_span, message);
                break;
            }
            if !self.in_zone(owner, file, g.lhs_span) {
                break;
            }
            self.push_record(
                file,
                index,
                span,
                owner,
                g.rtype,
                g.ttl,
                buf.as_rdata(),
                record_flags::GENERATED,
            );
        }
        self.rdata_buf = buf;
    }
}
