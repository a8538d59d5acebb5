//! Server configurations: which files are zones, and of which names, as
//! BIND (`named.conf`), NSD (`nsd.conf`) and Knot (`knot.conf`) load them.
//! This is what `named-checkconf -z` does for BIND, for all three.
//!
//! A repository holds its server's configuration with paths as the server
//! sees them (`/etc/bind/db.example`). Paths that exist inside the
//! repository as written (relative to the configuration's folder or to its
//! `directory`/`zonesdir`/`storage`) are taken; the others are matched to
//! the repository's files by their trailing path components, and a match
//! that is not unique is reported, never guessed. Nothing outside the
//! repository is read. A line that does not parse is a warning with its
//! span; the zones declared before it still count.

mod bind;
mod knot;
mod nsd;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::dns::Name;
use crate::source::{SourceFile, Span};
use crate::zone::FileSystem;

/// The code of findings about a server configuration that cannot be read.
pub const SERVER_CONFIG: &str = "server-config";

/// At most this many folder entries are looked at to find a repository's
/// files and configurations.
pub const MAX_WALK: usize = 100_000;

/// Which server's configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Server {
    /// BIND, `named.conf`.
    Bind,
    /// NSD, `nsd.conf`.
    Nsd,
    /// Knot DNS, `knot.conf`.
    Knot,
}

impl Server {
    /// The server whose configuration a file of this name is.
    pub fn of_file_name(name: &str) -> Option<Server> {
        if name == "named.conf" || name.starts_with("named.conf.") {
            Some(Server::Bind)
        } else if name == "nsd.conf" || name.starts_with("nsd.conf.") {
            Some(Server::Nsd)
        } else if name == "knot.conf" || name.starts_with("knot.conf.") {
            Some(Server::Knot)
        } else {
            None
        }
    }
}

/// What the server does with a zone's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Loads it as the zone's data (BIND primary/master, redirect).
    Primary,
    /// Keeps a copy transferred from a primary (secondary, mirror, stub):
    /// checked when the repository holds it.
    Secondary,
    /// Root hints: not a zone.
    Hint,
    /// Forward, static-stub and other zones without data.
    Other,
}

/// A zone as one configuration file declares it.
#[derive(Debug, Clone)]
pub(crate) struct Declared {
    pub zone_text: String,
    pub name_span: Span,
    pub view: Option<String>,
    pub role: Role,
    pub file: PathBuf,
    pub config: Arc<SourceFile>,
}

/// What one configuration file says.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub zones: Vec<Declared>,
    /// Included files, where, and the view they are included in.
    pub includes: Vec<(PathBuf, Span, Option<String>)>,
    /// `options { directory }`, `zonesdir`.
    pub directory: Option<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub(crate) fn error(&mut self, file: &SourceFile, span: Span, message: impl Into<String>) {
        let message = message.into();
        self.diagnostics.push(
            Diagnostic::new(
                SERVER_CONFIG,
                Severity::Warning,
                file.id(),
                span,
                format!("cannot read this server configuration line: {message}"),
            )
            .with_help(
                "zonelint reads the zones a server configuration declares; the zones declared \
                 after this point are not known (`named-checkconf` checks the whole file)",
            ),
        );
    }

    pub(crate) fn declare(&mut self, d: Declared) {
        self.zones.push(d);
    }
}

/// One `key: value` line of the formats with `#` comments (`nsd.conf`,
/// `knot.conf`): how far it is indented, whether it starts a list item
/// (`- key: value`, Knot), and its value unquoted.
pub(crate) struct KeyLine {
    pub indent: usize,
    pub item: bool,
    pub key: String,
    pub value: String,
    pub span: Span,
}

/// The `key: value` lines of `file`; a line that is not one, or whose
/// string is not closed, is a finding.
pub(crate) fn key_lines(file: &SourceFile, parsed: &mut Parsed) -> Vec<KeyLine> {
    let mut out = Vec::new();
    let mut offset = 0usize;
    for line in file.text().split_inclusive(|&b| b == b'\n') {
        let at = offset;
        offset += line.len();
        // The comment starts at a `#` outside quotes.
        let mut quoted = false;
        let mut end = line.len();
        for (i, &b) in line.iter().enumerate() {
            match b {
                b'"' => quoted = !quoted,
                b'#' if !quoted => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let body = line[..end].trim_ascii_end();
        let indent = body
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let mut rest = &body[indent..];
        let item = rest.starts_with(b"- ") || rest == b"-";
        let mut lead = indent;
        if item {
            let dash = 1 + rest[1..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            rest = &rest[dash..];
            lead += dash;
        }
        if rest.is_empty() {
            continue;
        }
        let span = Span::new((at + lead) as u32, (at + lead + rest.len()) as u32);
        let Some(colon) = rest.iter().position(|&b| b == b':') else {
            parsed.error(file, span, "expected `key: value`");
            continue;
        };
        let raw = rest[colon + 1..].trim_ascii();
        if raw.first() == Some(&b'"') && (raw.len() < 2 || raw.last() != Some(&b'"')) {
            parsed.error(file, span, "unterminated string");
            continue;
        }
        let value = raw
            .strip_prefix(b"\"")
            .and_then(|v| v.strip_suffix(b"\""))
            .unwrap_or(raw);
        out.push(KeyLine {
            indent,
            item,
            key: String::from_utf8_lossy(rest[..colon].trim_ascii()).into_owned(),
            value: String::from_utf8_lossy(value).into_owned(),
            span,
        });
    }
    out
}

/// A zone file as the configuration uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneUse {
    /// The zone's name.
    pub zone: Name,
    /// The view it is in (BIND), if any.
    pub view: Option<String>,
    /// What the server does with the file.
    pub role: Role,
    /// The configuration file that declares it (as found).
    pub config: PathBuf,
}

/// The zones of a repository's server configurations.
#[derive(Debug, Default)]
pub struct ServerZones {
    /// The configuration files read, in reading order.
    pub configs: Vec<PathBuf>,
    /// Zone files by absolute path, with each use, in declaration order.
    pub by_file: FxHashMap<PathBuf, Vec<ZoneUse>>,
    /// `by_file`'s keys by canonical path, made when a lookup needs it.
    canonical: std::sync::OnceLock<HashMap<PathBuf, PathBuf>>,
    /// The zone files, as found (repository path), in declaration order.
    pub files: Vec<PathBuf>,
    /// What the user should know: ambiguous paths, skipped zones.
    pub notes: Vec<String>,
    /// Findings about configuration files that cannot be read.
    pub findings: Vec<(Arc<SourceFile>, Vec<Diagnostic>)>,
}

impl ServerZones {
    /// True when no configuration declares a zone file.
    pub fn is_empty(&self) -> bool {
        self.by_file.is_empty()
    }

    /// The uses of `path` (any spelling of it: by its absolute path, else,
    /// through symbolic links, by its canonical one).
    pub fn uses(&self, fs: &dyn FileSystem, path: &Path) -> Option<&[ZoneUse]> {
        if self.by_file.is_empty() {
            return None;
        }
        let abs = crate::paths::absolute(path).ok()?;
        if let Some(u) = self.by_file.get(&abs) {
            return Some(u);
        }
        let canonical = self.canonical.get_or_init(|| {
            self.by_file
                .keys()
                .filter_map(|k| Some((fs.canonicalize(k).ok()?, k.clone())))
                .collect()
        });
        let key = canonical.get(&fs.canonicalize(path).ok()?)?;
        self.by_file.get(key).map(Vec::as_slice)
    }
}

/// The repository `start` is in: the nearest folder at or above it that
/// holds `.git`, else `start`'s own folder.
pub fn repository_root(start: &Path) -> PathBuf {
    let abs = crate::paths::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let folder = if abs.is_dir() {
        abs.clone()
    } else {
        abs.parent().map_or_else(|| abs.clone(), Path::to_path_buf)
    };
    folder
        .ancestors()
        .find(|a| a.join(".git").exists())
        .map_or(folder.clone(), Path::to_path_buf)
}

fn skipped_dir(e: &walkdir::DirEntry) -> bool {
    e.depth() > 0
        && e.file_type().is_dir()
        && e.file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules")
}

fn is_config(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .and_then(Server::of_file_name)
        .is_some()
}

/// The server configuration files that apply to `start` (a folder to
/// walk, or a file): those in its folder and each parent up to the
/// repository `root`, and, for a folder, those anywhere below it (bounded
/// walk). Sorted, each once.
pub fn find_configs(start: &Path, root: &Path) -> Vec<PathBuf> {
    let abs = crate::paths::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let root = crate::paths::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    if abs.is_dir() {
        for e in walkdir::WalkDir::new(start)
            .max_depth(12)
            .into_iter()
            .filter_entry(|e| !skipped_dir(e))
            .take(MAX_WALK)
            .flatten()
        {
            if e.file_type().is_file() && is_config(e.path()) {
                out.push(e.into_path());
            }
        }
    }
    // A file's own folder, a walked folder's parent, and those above.
    let mut at = abs.parent().map(Path::to_path_buf);
    while let Some(dir) = at {
        if !dir.starts_with(&root) {
            break;
        }
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut here: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && is_config(p))
                .collect();
            here.sort();
            out.extend(here);
        }
        at = dir.parent().map(Path::to_path_buf);
    }
    // As the user would write them: from the working directory.
    let cwd = std::env::current_dir().ok();
    let mut out: Vec<PathBuf> = out
        .into_iter()
        .map(|p| {
            let abs = crate::paths::absolute(&p).unwrap_or(p);
            cwd.as_deref()
                .and_then(|c| abs.strip_prefix(c).ok())
                .map_or_else(|| abs.clone(), Path::to_path_buf)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The files of a repository, by file name (bounded walk: hidden folders,
/// `target/` and `node_modules/` skipped).
#[derive(Debug, Default)]
pub struct RepoFiles {
    root: PathBuf,
    /// `root`, canonical.
    real_root: PathBuf,
    by_name: FxHashMap<String, Vec<PathBuf>>,
    /// Whether each folder asked about exists: thousands of paths written
    /// for the server (`/etc/bind/zones/…`) name a few folders, most of
    /// them absent here.
    folders: std::sync::Mutex<FxHashMap<PathBuf, bool>>,
}

impl RepoFiles {
    /// Walks `root`.
    pub fn walk(root: &Path) -> Self {
        let mut out = RepoFiles {
            root: root.to_path_buf(),
            real_root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            ..RepoFiles::default()
        };
        let walker = walkdir::WalkDir::new(root)
            .max_depth(12)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !skipped_dir(e));
        for entry in walker.take(MAX_WALK).flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let Some(name) = entry.file_name().to_str() else {
                continue;
            };
            out.by_name
                .entry(name.to_owned())
                .or_default()
                .push(entry.into_path());
        }
        out
    }

    /// The repository file a path written in a configuration stands for:
    /// the file with the most trailing components in common (at least the
    /// file name); `Err` lists them when several share the most.
    fn by_suffix(&self, written: &Path, near: &Path) -> Result<Option<PathBuf>, Vec<PathBuf>> {
        let Some(name) = written.file_name().and_then(|n| n.to_str()) else {
            return Ok(None);
        };
        let Some(all) = self.by_name.get(name) else {
            return Ok(None);
        };
        // The one file of that name (the common case) is the answer.
        if let [only] = all.as_slice() {
            return Ok(Some(only.clone()));
        }
        let parts: Vec<&std::ffi::OsStr> = written
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s),
                _ => None,
            })
            .collect();
        // The files beside the configuration come first: a repository may
        // hold the configurations of several servers.
        let near = crate::paths::absolute(near).unwrap_or_else(|_| near.to_path_buf());
        let close: Vec<PathBuf> = all
            .iter()
            .filter(|p| crate::paths::absolute(p).is_ok_and(|p| p.starts_with(&near)))
            .cloned()
            .collect();
        let candidates = if close.is_empty() { all } else { &close };
        let common = |p: &PathBuf| {
            let rel = p.strip_prefix(&self.root).unwrap_or(p);
            let theirs: Vec<&std::ffi::OsStr> = rel.components().map(|c| c.as_os_str()).collect();
            theirs
                .iter()
                .rev()
                .zip(parts.iter().rev())
                .take_while(|(a, b)| a == b)
                .count()
        };
        let best = candidates.iter().map(common).max().unwrap_or(0);
        let top: Vec<PathBuf> = candidates
            .iter()
            .filter(|p| common(p) == best)
            .cloned()
            .collect();
        match top.len() {
            1 => Ok(top.into_iter().next()),
            _ => Err(top),
        }
    }

    /// The files `seen` by a walk of `root` (absolute paths).
    pub fn from_files(root: &Path, seen: &[PathBuf]) -> Self {
        let mut out = RepoFiles {
            root: root.to_path_buf(),
            real_root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            ..RepoFiles::default()
        };
        for p in seen {
            if let Some(name) = p.file_name().and_then(|n| n.to_str()) {
                out.by_name
                    .entry(name.to_owned())
                    .or_default()
                    .push(p.clone());
            }
        }
        // Walks are not sorted: files of one name are, for stable answers.
        for paths in out.by_name.values_mut().filter(|p| p.len() > 1) {
            paths.sort_by(|a, b| crate::paths::cmp(a, b));
        }
        out
    }

    /// The server configuration files among the files found: those below
    /// `folder`, and those directly in a folder above it.
    pub fn configs_for(&self, folder: &Path) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = self
            .by_name
            .iter()
            .filter(|(n, _)| Server::of_file_name(n).is_some())
            .flat_map(|(_, ps)| ps.iter())
            .filter(|p| p.starts_with(folder) || p.parent().is_some_and(|d| folder.starts_with(d)))
            .cloned()
            .collect();
        out.sort();
        out
    }

    /// Every file found, in no particular order.
    pub fn all(&self) -> impl Iterator<Item = &PathBuf> {
        self.by_name.values().flatten()
    }

    /// Whether the folder of `path` exists (asked once per folder).
    fn folder_exists(&self, fs: &dyn FileSystem, path: &Path) -> bool {
        let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) else {
            return true;
        };
        let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&known) = folders.get(folder) {
            return known;
        }
        let exists = fs.folder_may_exist(folder);
        folders.insert(folder.to_path_buf(), exists);
        exists
    }

    fn inside(&self, fs: &dyn FileSystem, path: &Path) -> bool {
        fs.canonicalize(path)
            .is_ok_and(|p| p.starts_with(&self.real_root))
    }

    /// Where a path written in `config` (relative paths against `bases`)
    /// is in the repository.
    fn locate(
        &self,
        fs: &dyn FileSystem,
        written: &Path,
        bases: &[PathBuf],
    ) -> Result<Option<PathBuf>, Vec<PathBuf>> {
        let direct: Vec<PathBuf> = if written.is_absolute() {
            vec![written.to_path_buf()]
        } else {
            bases.iter().map(|b| b.join(written)).collect()
        };
        for p in direct {
            if self.folder_exists(fs, &p) && fs.is_file(&p) && self.inside(fs, &p) {
                return Ok(Some(p));
            }
        }
        // As the server sees it: the directory, then the path.
        let logical = match bases.first() {
            Some(b) if !written.is_absolute() => b.join(written),
            _ => written.to_path_buf(),
        };
        self.by_suffix(
            &logical,
            bases.last().map_or(Path::new("."), PathBuf::as_path),
        )
    }
}

fn parse(server: Server, file: &Arc<SourceFile>) -> Parsed {
    match server {
        Server::Bind => bind::parse(file),
        Server::Nsd => nsd::parse(file),
        Server::Knot => knot::parse(file),
    }
}

/// Reads the server configurations `roots` (and what they include) and
/// finds their zone files in `repo`.
pub fn read(roots: &[PathBuf], repo: &RepoFiles, fs: &dyn FileSystem) -> ServerZones {
    let mut out = ServerZones::default();
    let mut visited: HashSet<PathBuf> = HashSet::new();
    // BIND's main file first: what it includes is read as its part.
    let mut ordered: Vec<&PathBuf> = roots.iter().collect();
    ordered.sort_by_key(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        (
            !matches!(name, "named.conf" | "nsd.conf" | "knot.conf"),
            p.to_path_buf(),
        )
    });
    for root in ordered {
        let Some(server) = root
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(Server::of_file_name)
            .or(Some(Server::Bind))
        else {
            continue;
        };
        let mut queue: Vec<(PathBuf, Option<String>, Option<PathBuf>)> =
            vec![(root.clone(), None, None)];
        while let Some((path, view, inherited_dir)) = queue.pop() {
            let Ok(canonical) = fs.canonicalize(&path) else {
                continue;
            };
            if !visited.insert(canonical) {
                continue;
            }
            let Ok(text) = fs.read(&path) else { continue };
            let file = SourceFile::new(&path, text);
            let mut parsed = parse(server, &file);
            let folder = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
            let directory = parsed.directory.clone().or(inherited_dir.clone());
            let mut bases = Vec::new();
            if let Some(d) = &directory {
                bases.push(if d.is_absolute() {
                    d.clone()
                } else {
                    folder.join(d)
                });
            }
            bases.push(folder.clone());
            out.configs.push(path.clone());
            // Depth first, in the order written: the stack takes them last
            // to first.
            let mut next = Vec::new();
            for (inc, span, inc_view) in std::mem::take(&mut parsed.includes) {
                let view = inc_view.or(view.clone());
                for found in expand_include(fs, repo, &inc, &bases, &mut out.notes, &file, span) {
                    next.push((shown(found), view.clone(), directory.clone()));
                }
            }
            queue.extend(next.into_iter().rev());
            // Where each declared file is: on all cores (thousands of
            // zone statements), then recorded in declaration order.
            let located: Vec<(Declared, Located)> = std::mem::take(&mut parsed.zones)
                .into_par_iter()
                .map(|d| {
                    let found = locate_declared(fs, repo, &bases, &d);
                    (d, found)
                })
                .collect();
            for (d, found) in located {
                let view = d.view.clone().or(view.clone());
                declared(&mut out, d, found, view);
            }
            if !parsed.diagnostics.is_empty() {
                out.findings.push((file, parsed.diagnostics));
            }
        }
    }
    // One entry per configuration file, its findings by position.
    let mut merged: Vec<(Arc<SourceFile>, Vec<Diagnostic>)> = Vec::new();
    for (file, found) in std::mem::take(&mut out.findings) {
        match merged.iter_mut().find(|(f, _)| f.id() == file.id()) {
            Some((_, all)) => all.extend(found),
            None => merged.push((file, found)),
        }
    }
    for (_, found) in &mut merged {
        found.sort_by_key(|d| d.span.start);
    }
    out.findings = merged;
    out
}

/// `path` from the working directory when it is below it, as a user would
/// write it (in findings and notes), else as it is.
fn shown(path: PathBuf) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or(path)
}

/// The files an `include` names: one path, or a glob in its last part
/// (NSD, Knot).
fn expand_include(
    fs: &dyn FileSystem,
    repo: &RepoFiles,
    written: &Path,
    bases: &[PathBuf],
    notes: &mut Vec<String>,
    config: &SourceFile,
    _span: Span,
) -> Vec<PathBuf> {
    let name = written.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.contains(['*', '?', '[']) {
        let Ok(glob) = globset::Glob::new(name) else {
            return Vec::new();
        };
        let glob = glob.compile_matcher();
        let parent = written.parent().unwrap_or(Path::new(""));
        let dirs: Vec<PathBuf> = if parent.is_absolute() {
            vec![parent.to_path_buf()]
        } else {
            bases.iter().map(|b| b.join(parent)).collect()
        };
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut found: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.file_name().is_some_and(|n| glob.is_match(n)))
                .filter(|p| fs.is_file(p) && repo.inside(fs, p))
                .collect();
            if !found.is_empty() {
                found.sort();
                return found;
            }
        }
        return Vec::new();
    }
    match repo.locate(fs, written, bases) {
        Ok(Some(p)) => vec![p],
        Ok(None) => Vec::new(),
        Err(several) => {
            notes.push(ambiguous(config, written, &several));
            Vec::new()
        }
    }
}

fn ambiguous(config: &SourceFile, written: &Path, several: &[PathBuf]) -> String {
    let list: Vec<String> = several
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect();
    format!(
        "`{}` names `{}`, which could be any of {}: not checked as a zone of it (name it in `[origins]` of `zonelint.toml`)",
        config.path().display(),
        written.display(),
        list.join(", ")
    )
}

/// Where a declared zone's file is, with its name (absolute), or why it
/// is not checked.
enum Located {
    /// The zone, the file as found, and its absolute path.
    Found(Name, PathBuf, PathBuf),
    /// The zone's name is not a domain name.
    BadName,
    /// Not in the repository.
    Absent,
    /// Several files could be it.
    Ambiguous(Vec<PathBuf>),
}

fn locate_declared(
    fs: &dyn FileSystem,
    repo: &RepoFiles,
    bases: &[PathBuf],
    d: &Declared,
) -> Located {
    let text = d.zone_text.trim();
    let parsed = if text.ends_with('.') {
        text.parse::<Name>()
    } else {
        format!("{text}.").parse::<Name>()
    };
    let Ok(zone) = parsed else {
        return Located::BadName;
    };
    match repo.locate(fs, &d.file, bases) {
        Ok(Some(found)) => match crate::paths::absolute(&found) {
            Ok(key) => Located::Found(zone, found, key),
            Err(_) => Located::Absent,
        },
        Ok(None) => Located::Absent,
        Err(several) => Located::Ambiguous(several),
    }
}

fn declared(out: &mut ServerZones, d: Declared, found: Located, view: Option<String>) {
    let (zone, found, key) = match found {
        Located::Found(zone, found, key) => (zone, found, key),
        Located::Absent => return,
        Located::BadName => {
            let mut p = Parsed::default();
            p.error(
                &d.config,
                d.name_span,
                format!("`{}` is not a domain name", d.zone_text.trim()),
            );
            out.findings.push((Arc::clone(&d.config), p.diagnostics));
            return;
        }
        Located::Ambiguous(several) => {
            out.notes.push(ambiguous(&d.config, &d.file, &several));
            return;
        }
    };
    let uses = out.by_file.entry(key).or_default();
    if uses.is_empty() {
        out.files.push(found);
    }
    let use_ = ZoneUse {
        zone,
        view,
        role: d.role,
        config: d.config.path().to_path_buf(),
    };
    if !uses.contains(&use_) {
        uses.push(use_);
    }
}

/// Root hints under their usual names (`db.root`, `named.root`,
/// `root.hints`, `named.ca`, `named.cache`, `root.cache`) with no SOA: not
/// a zone.
pub fn is_root_hints(path: &Path, text: &[u8]) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let named = matches!(
        name.to_ascii_lowercase().as_str(),
        "db.root"
            | "named.root"
            | "root.hints"
            | "named.ca"
            | "named.cache"
            | "root.cache"
            | "db.cache"
    );
    named && !has_soa(text)
}

/// True when `text` holds an SOA record.
pub fn has_soa(text: &[u8]) -> bool {
    records_and_soa(text).1
}

/// Whether `text` holds records (or directives that make them), and
/// whether one is an SOA.
pub fn records_and_soa(text: &[u8]) -> (bool, bool) {
    use crate::syntax::{Directive, Item};
    let mut records = false;
    let mut parser = crate::syntax::Parser::fragment(text);
    while let Some(entry) = parser.next_entry() {
        match &entry.item {
            Item::Record(r) if r.rtype == crate::dns::RecordType::SOA => return (true, true),
            Item::Record(_)
            | Item::Directive(Directive::Generate(_) | Directive::Include { .. }) => records = true,
            _ => {}
        }
    }
    (records, false)
}

#[cfg(test)]
mod tests;
