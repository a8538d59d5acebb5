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
use crate::dns::rdata::RdataBuf;
use crate::dns::{Class, Name, RecordType};
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::{self, Directive, Item, Parser, SyntaxError};

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
    /// Reads a whole file.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// A stable identity for cycle detection.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
    /// True when `path` is a file.
    fn is_file(&self, path: &Path) -> bool;
    /// False when the folder `path` is known not to exist, so that nothing
    /// in it is asked for (the default: it may exist).
    fn folder_may_exist(&self, _path: &Path) -> bool {
        true
    }
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
    fn folder_may_exist(&self, path: &Path) -> bool {
        path.is_dir()
    }
}

/// What the loader needs to know besides the file.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The zone's origin; when `None` it is inferred ([`super::infer_origin`]).
    pub origin: Option<Name>,
    /// Where `origin` comes from (default: given).
    pub origin_source: Option<super::OriginSource>,
    /// The file is a fragment of a zone (records for `$INCLUDE`, checked on
    /// its own): a missing TTL or origin is not reported, nor what only a
    /// whole zone must have (its SOA, NS, any record), and its name names
    /// no zone.
    pub fragment: bool,
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
    /// The zone.
    pub zone: Zone,
    /// What loading reported (syntax errors and load warnings), by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the origin came from.
    pub origin_source: Option<super::OriginSource>,
}

/// Loads the zone whose top-level file is `file`.
pub fn load(file: Arc<SourceFile>, options: &LoadOptions, fs: &dyn FileSystem) -> Loaded {
    let (origin, origin_source) = match &options.origin {
        Some(o) => (
            Some(o.clone()),
            Some(options.origin_source.unwrap_or(super::OriginSource::Flag)),
        ),
        None => match super::infer_origin(file.text(), file.path()) {
            Some((_, super::OriginSource::FileName)) if options.fragment => (None, None),
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
        owner_unresolved: false,
        incomplete: false,
        origin_spellings: Vec::new(),
        include_chain: Vec::new(),
        include_roots: Vec::new(),
        includes_ready: false,
        generated: 0,
        includes: 0,
        bytes: 0,
        origins: Vec::new(),
        current_file: 0,
        reported_no_origin: options.fragment,
        reported_no_ttl: options.fragment,
        scratch: Vec::new(),
        rdata_buf: RdataBuf::default(),
        owner_counts: Vec::new(),
        suppressions: Vec::new(),
    };
    // The include roots and the top file's real path are made at the
    // first `$INCLUDE` (most zones have none: no path resolved on disk).
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
        by_type: std::sync::OnceLock::new(),
        summary: std::sync::OnceLock::new(),
        suppressions: {
            let mut s = loader.suppressions;
            s.sort_by_key(|s| (s.file, s.scope.start));
            s
        },
        fragment: options.fragment,
        incomplete: loader.incomplete,
        origin_spellings: loader.origin_spellings,
        id: super::ZoneId::next(),
    };
    zone.build_index(loader.owner_counts);
    let mut diagnostics = loader.diagnostics;
    if zone.records.is_empty()
        && !options.fragment
        && !diagnostics.iter().any(|d| d.severity == Severity::Error)
    {
        // An empty file is more often a truncated copy than a zone.
        let top = &zone.files[0];
        let what = if top.text().iter().all(u8::is_ascii_whitespace) {
            "the file is empty"
        } else {
            "the file holds no record"
        };
        // Servers refuse it ("has 0 SOA records"): an error of the refused class.
        let mut d = Diagnostic::new(
            codes::EMPTY_ZONE,
            Severity::Error,
            top.id(),
            Span::new(0, 0),
            format!("{what}: the zone has no records, not even its SOA"),
        )
        .refused();
        d.help = Some("add the zone's SOA and NS records".into());
        diagnostics.push(d);
    }
    if let Some(d) = origin_mismatch(&zone, origin_source).filter(|_| !options.fragment) {
        diagnostics.push(d);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Loaded {
        zone,
        diagnostics,
        origin_source,
    }
}

/// When the zone was named by its contents (`$ORIGIN`, the SOA) and its
/// file's name names another zone: one warning, on the SOA, naming both.
fn origin_mismatch(zone: &Zone, source: Option<super::OriginSource>) -> Option<Diagnostic> {
    use super::OriginSource;
    let what = match source? {
        OriginSource::Directive => "its `$ORIGIN`",
        OriginSource::SoaOwner => "its SOA record",
        _ => return None,
    };
    let top = &zone.files[0];
    let named = super::origin::from_file_name(top.path())?;
    let origin = zone.origin();
    // `example.zone` names a label more often than the zone `example.`.
    if named.as_ref().label_count() < 2 {
        return None;
    }
    // One below the other is a name that describes a version of the zone
    // (`internal.example.com.db` for a view of `example.com.`), not
    // another zone: only unrelated names disagree.
    if origin.is_root()
        || named.as_ref().is_subdomain_of(origin.as_ref())
        || origin.as_ref().is_subdomain_of(named.as_ref())
    {
        return None;
    }
    let soa = zone
        .records()
        .find(|(_, r)| r.rtype == RecordType::SOA)
        .map(|(id, _)| zone.owner_site(id))?;
    Some(
        Diagnostic::new(
            codes::ORIGIN_MISMATCH,
            Severity::Warning,
            soa.file,
            soa.span,
            format!(
                "the file's name says the zone is `{named}`, {what} says `{origin}`: checked as `{origin}`"
            ),
        )
        .with_label(format!("the zone `{origin}`"))
        .with_help(format!(
            "rename the file after the zone, or, if `{named}` is right, give it with `--origin {named}` or in `[origins]` of `zonelint.toml`"
        )),
    )
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
    /// The last owner written could not be resolved (no origin, too long):
    /// blank owners after it are not reported again.
    owner_unresolved: bool,
    /// An `$INCLUDE` could not be read.
    incomplete: bool,
    /// Each origin as written, marks point into it.
    origin_spellings: Vec<Box<[u8]>>,
    /// The real paths of the files being read, the top file's first
    /// (made with `include_roots` at the first `$INCLUDE`).
    include_chain: Vec<PathBuf>,
    include_roots: Vec<IncludeRoot>,
    includes_ready: bool,
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

mod generate;
mod include;
mod record;

pub use include::default_include_root;
use include::IncludeRoot;

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
            if self.origin_spellings.last().map(|w| &w[..]) != Some(&self.origin_wire[..]) {
                self.origin_spellings
                    .push(self.origin_wire.clone().into_boxed_slice());
            }
            self.origins.push(OriginMark {
                file: self.current_file,
                offset,
                origin,
                spelling: self.origin_spellings.len() as u32 - 1,
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
                // A record of that name did not load: what it lacks is
                // not known (no follow-on findings about its address).
                if entry.layout.owner.is_some() || entry.layout.rtype.is_some() {
                    if let Some(owner) = self.last_owner {
                        self.names.set_flags(owner, name_flags::BROKEN);
                    }
                }
            }
            Item::Record(r) => self.record(id, index, span, entry.tokens, entry.layout, &r),
            Item::Directive(Directive::Origin { name, span: at }) => {
                if let Some(origin) = self.resolve(id, name, at, "origin") {
                    // Names completed by it keep the case it was written in.
                    let written = match name {
                        crate::syntax::NameText::Absolute(wire) => Some(wire.to_vec()),
                        crate::syntax::NameText::Relative(labels) => {
                            Some([labels, &self.origin_wire[..]].concat())
                        }
                        crate::syntax::NameText::Origin => None,
                    };
                    self.set_origin(origin);
                    if let Some(w) = written.filter(|w| w.len() == self.origin_wire.len()) {
                        self.origin_wire = w;
                    }
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
}
