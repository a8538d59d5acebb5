//! `zonelint.toml`: found in the checked file's folder or the nearest
//! parent (or given with `--config`; `--no-config` ignores it). Unknown
//! keys and bad values are errors that point into the file. Command-line
//! flags override it.
//!
//! ```toml
//! output-format = "concise"         # check's --format when not given
//!
//! [lint]
//! select = ["mx"]                   # codes or family prefixes (default: all)
//! ignore = ["mx-backup-preferred"]
//! fail-on = "warning"               # error (default), warning, info
//!
//! [lint.severity]
//! mx-duplicate = "error"
//!
//! [lint.per-file-ignores]
//! "legacy/**" = ["mx-target-cname"]   # rules not run on these files
//!
//! [files]
//! include = ["*.zone", "*.db", "db.*"]
//! exclude = ["archive/**"]
//! server-config = ["bind/named.conf"]  # instead of finding them
//!
//! [origins]
//! "internal.db" = "corp.example."
//! "reverse/10.*.rev" = "10.in-addr.arpa."
//!
//! [format]
//! align = "block"
//! ```

pub mod keys;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::dns::Name;
use crate::format::FormatOptions;
use crate::rules::{self, Selection};
use crate::source::{SourceFile, Span};

/// The configuration file's name.
pub const FILE_NAME: &str = "zonelint.toml";

/// The default zone file patterns.
pub const DEFAULT_INCLUDE: &[&str] = &["*.zone", "*.db", "db.*"];

/// `[lint]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Lint {
    /// Rules to run: codes or family prefixes such as `mx`; default all.
    pub select: Option<Spanned<Vec<Spanned<String>>>>,
    /// Rules not to run.
    pub ignore: Option<Vec<Spanned<String>>>,
    /// The lowest severity that fails a run.
    pub fail_on: Option<Spanned<String>>,
    /// Severity per rule: `error`, `warning` or `info`.
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Rules not run on the zone files a glob matches.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// `[files]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Files {
    /// Glob patterns of zone files (default `*.zone`, `*.db`, `db.*`).
    pub include: Option<Vec<Spanned<String>>>,
    /// Glob patterns of files and folders to skip.
    pub exclude: Option<Vec<Spanned<String>>>,
    /// Server configurations (`named.conf`, `nsd.conf`, `knot.conf`) that
    /// name the zones, relative to this file's folder; instead of finding
    /// them in the repository.
    pub server_config: Option<Vec<Spanned<String>>>,
}

/// The values of `output-format` (those of `check --format`).
pub const OUTPUT_FORMATS: &[&str] = &["human", "concise", "json", "sarif", "github", "gitlab"];

/// The raw file, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    /// `check --format` when it is not given.
    output_format: Option<Spanned<String>>,
    #[serde(default)]
    lint: Lint,
    #[serde(default)]
    files: Files,
    /// Origin per file or glob, relative to this file's folder.
    #[serde(default)]
    origins: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    format: FormatOptions,
    /// Provider profiles added to the built-in table, or replacing its
    /// entries.
    #[serde(default)]
    providers: BTreeMap<Spanned<String>, rules::ProviderSpec>,
}

/// A checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Which rules run, at which severity.
    pub selection: Selection,
    /// Lowest severity that fails a run, when set.
    pub fail_on: Option<Severity>,
    /// Which files are zones.
    include: Patterns,
    exclude: Patterns,
    /// Origins by glob, in file order (a child configuration's first),
    /// each relative to the folder of the file that wrote it.
    origins: Vec<(GlobSet, Name, PathBuf)>,
    /// `[lint.per-file-ignores]` likewise: pattern, codes, folder.
    per_file_ignores: Vec<(GlobSet, Vec<String>, PathBuf)>,
    /// `[files] server-config`, as paths from the configuration's folder.
    pub server_configs: Option<Vec<PathBuf>>,
    /// `[format]`.
    pub format: FormatOptions,
    /// `output-format`: one of [`OUTPUT_FORMATS`].
    pub output_format: Option<String>,
    /// The folder of the configuration file (the nearest, when it inherits).
    pub root: PathBuf,
    /// The folder of the topmost configuration file it inherits from (its
    /// own folder when it inherits nothing): `$INCLUDE`s may read below it.
    pub top: PathBuf,
    /// Read from a `zonelint.toml` (whose folder is `root`), not the defaults.
    pub from_file: bool,
    /// What the file itself set, for a child configuration to inherit the
    /// rest from its parent.
    own: Own,
}

/// Glob patterns and the folder they are relative to.
#[derive(Debug, Clone)]
struct Patterns {
    globs: GlobSet,
    root: PathBuf,
}

impl Patterns {
    fn is_match(&self, path: &Path) -> bool {
        self.globs.is_match(relative(&self.root, path))
    }
}

/// The keys a configuration file set itself.
#[derive(Debug, Clone, Default)]
struct Own {
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    severities: Vec<(&'static str, Severity)>,
    fail_on: bool,
    include: bool,
    exclude: bool,
    /// `[format]` as written (the keys set).
    format: toml::Table,
    /// `[providers]`, merged with the parents' (the nearest file's entry
    /// winning).
    providers: BTreeMap<String, rules::ProviderSpec>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            selection: Selection::all(),
            fail_on: None,
            include: Patterns {
                globs: build_globs(DEFAULT_INCLUDE.iter().copied())
                    .expect("default patterns are valid"),
                root: PathBuf::from("."),
            },
            exclude: Patterns {
                globs: GlobSet::empty(),
                root: PathBuf::from("."),
            },
            origins: Vec::new(),
            per_file_ignores: Vec::new(),
            server_configs: None,
            format: FormatOptions::default(),
            output_format: None,
            root: PathBuf::from("."),
            top: PathBuf::from("."),
            from_file: false,
            own: Own::default(),
        }
    }
}

/// A configuration file that could not be used.
#[derive(Debug)]
pub struct ConfigError {
    /// The configuration file.
    pub file: Arc<SourceFile>,
    /// The offending key or value, when known.
    pub span: Option<Span>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid configuration `{}`: {}",
            self.file.path().display(),
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

/// A glob as written: without `/` it matches file names at any depth
/// (like `.gitignore`), with `/` it matches paths from the config folder.
fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    let anchored = pattern.trim_start_matches("./");
    let full = if anchored.contains('/') {
        anchored.to_owned()
    } else {
        format!("**/{anchored}")
    };
    globset::GlobBuilder::new(&full)
        .literal_separator(true)
        .build()
}

fn build_globs<'a>(patterns: impl Iterator<Item = &'a str>) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(glob(p)?);
        // A folder pattern also covers everything below it.
        if let Ok(below) = glob(&format!("{}/**", p.trim_end_matches('/'))) {
            b.add(below);
        }
    }
    b.build()
}

impl Config {
    /// True if `path` (under [`Config::root`]) is a zone file by the
    /// `[files]` patterns.
    pub fn is_zone_file(&self, path: &Path) -> bool {
        let absolute = crate::paths::absolute_cow(path).unwrap_or(std::borrow::Cow::Borrowed(path));
        // Both sets of patterns of one file see the same relative path.
        let from = |root: &Path| crate::paths::below(root, &absolute).unwrap_or(&absolute);
        self.include.globs.is_match(from(&self.include.root))
            && (self.exclude.globs.is_empty()
                || !self.exclude.globs.is_match(from(&self.exclude.root)))
    }

    /// True if `path` (a file or folder) is excluded.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.is_match(path)
    }

    /// The origin `[origins]` gives for `path`, if any.
    pub fn origin_for(&self, path: &Path) -> Option<&Name> {
        self.origins
            .iter()
            .find(|(g, _, root)| g.is_match(relative(root, path)))
            .map(|(_, n, _)| n)
    }

    /// The codes `[lint.per-file-ignores]` switches off for the zone file
    /// `path` (every pattern that matches it, of this file and those it
    /// inherits from).
    pub fn ignores_for(&self, path: &Path) -> Vec<String> {
        self.per_file_ignores
            .iter()
            .filter(|(g, _, root)| g.is_match(relative(root, path)))
            .flat_map(|(_, codes, _)| codes.iter().cloned())
            .collect()
    }

    /// This configuration (a `zonelint.toml` below `parent`'s folder) with
    /// what it does not set taken from `parent`: a key it sets replaces the
    /// parent's; `[lint.severity]`, `[origins]` and `[format]` merge key by
    /// key, its own keys winning. Patterns stay relative to the folder of
    /// the file that wrote them.
    pub fn inherit(self, parent: &Config) -> Config {
        let own = self.own;
        let select = own.select.clone().or_else(|| parent.own.select.clone());
        let ignore = own.ignore.clone().or_else(|| parent.own.ignore.clone());
        let mut selection = Selection::from_lists(
            select.as_deref().unwrap_or(&[]),
            ignore.as_deref().unwrap_or(&[]),
        )
        .expect("both files' codes were checked");
        let mut severities = parent.own.severities.clone();
        severities.extend(own.severities.iter().copied());
        for &(code, severity) in &severities {
            selection.set_severity(code, severity);
        }
        let mut providers = parent.own.providers.clone();
        providers.extend(own.providers.clone());
        if !providers.is_empty() {
            let table = rules::ProviderTable::with(&providers)
                .expect("both files' provider entries were checked");
            selection.set_providers(Arc::new(table));
        }
        let mut format = parent.own.format.clone();
        format.extend(own.format.clone());
        let options =
            FormatOptions::deserialize(toml::Value::Table(format.clone())).unwrap_or(self.format);
        let mut origins = self.origins;
        origins.extend(parent.origins.iter().cloned());
        let mut per_file_ignores = self.per_file_ignores;
        per_file_ignores.extend(parent.per_file_ignores.iter().cloned());
        Config {
            selection,
            fail_on: if own.fail_on {
                self.fail_on
            } else {
                parent.fail_on
            },
            include: if own.include {
                self.include
            } else {
                parent.include.clone()
            },
            exclude: if own.exclude {
                self.exclude
            } else {
                parent.exclude.clone()
            },
            origins,
            per_file_ignores,
            server_configs: self
                .server_configs
                .or_else(|| parent.server_configs.clone()),
            format: options,
            output_format: self.output_format.or_else(|| parent.output_format.clone()),
            root: self.root,
            top: parent.top.clone(),
            from_file: true,
            own: Own {
                select,
                ignore,
                severities,
                fail_on: own.fail_on || parent.own.fail_on,
                include: own.include || parent.own.include,
                exclude: own.exclude || parent.own.exclude,
                format,
                providers,
            },
        }
    }
}

/// `path` from `root` (absolute paths compared), or the absolute path when
/// it is not below it.
fn relative(root: &Path, path: &Path) -> PathBuf {
    let absolute = crate::paths::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match crate::paths::below(root, &absolute) {
        Some(rest) => rest.to_path_buf(),
        None => absolute,
    }
}

fn error(
    file: &Arc<SourceFile>,
    span: std::ops::Range<usize>,
    message: impl Into<String>,
) -> ConfigError {
    ConfigError {
        file: Arc::clone(file),
        span: Some(Span::new(
            span.start as u32,
            span.end.max(span.start) as u32,
        )),
        message: message.into(),
    }
}

/// An error at the first rule of the refused class in `list`, a list of
/// rules not to run: those always run.
fn not_refused(file: &Arc<SourceFile>, list: &[Spanned<String>]) -> Result<(), ConfigError> {
    match list
        .iter()
        .find(|s| rules::lookup(s.get_ref()).is_some_and(|m| m.is_refused()))
    {
        Some(refused) => Err(error(
            file,
            refused.span(),
            rules::SelectionError::Refused(refused.get_ref().clone()).to_string(),
        )),
        None => Ok(()),
    }
}

/// Parses and checks a configuration file's text.
pub fn parse(file: Arc<SourceFile>) -> Result<Config, ConfigError> {
    let text = match std::str::from_utf8(file.text()) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            return Err(error(&file, at..at + 1, "the file is not UTF-8"));
        }
    };
    let raw: Raw = toml::from_str(text).map_err(|e| ConfigError {
        span: e
            .span()
            .map(|r| Span::new(r.start as u32, r.end.max(r.start) as u32)),
        message: e.message().trim_end().to_owned(),
        file: Arc::clone(&file),
    })?;
    let root = crate::paths::absolute(file.path())
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));

    // [lint]
    let codes = |list: &[Spanned<String>]| -> Result<Vec<String>, ConfigError> {
        list.iter()
            .map(
                |s| match Selection::from_lists(std::slice::from_ref(s.get_ref()), &[]) {
                    Ok(_) => Ok(s.get_ref().clone()),
                    Err(_) => Err(error(
                        &file,
                        s.span(),
                        format!("unknown rule `{}` (see `zonelint rules`)", s.get_ref()),
                    )),
                },
            )
            .collect()
    };
    let select = match &raw.lint.select {
        Some(list) if list.get_ref().iter().all(|s| s.get_ref().trim().is_empty()) => {
            return Err(error(
                &file,
                list.span(),
                "`select` is empty, so no rule would run: name codes or families, \
                 or leave `select` out to run every rule"
                    .to_owned(),
            ));
        }
        Some(list) => codes(list.get_ref())?,
        None => Vec::new(),
    };
    let ignore_list = raw.lint.ignore.as_deref().unwrap_or(&[]);
    let ignore = codes(ignore_list)?;
    not_refused(&file, ignore_list)?;
    let mut selection = Selection::from_lists(&select, &ignore).expect("codes were checked");
    let severity = |s: &Spanned<String>| {
        Severity::parse(s.get_ref()).ok_or_else(|| {
            error(
                &file,
                s.span(),
                format!(
                    "unknown severity `{}`: use error, warning or info",
                    s.get_ref()
                ),
            )
        })
    };
    let mut own_severities = Vec::new();
    for (code, level) in &raw.lint.severity {
        let meta = rules::lookup(code.get_ref()).ok_or_else(|| {
            error(
                &file,
                code.span(),
                format!("unknown rule `{}` (see `zonelint rules`)", code.get_ref()),
            )
        })?;
        if meta.name == crate::diagnostic::SYNTAX {
            return Err(error(
                &file,
                code.span(),
                "the severity of `syntax` cannot be changed",
            ));
        }
        if meta.is_refused() {
            return Err(error(
                &file,
                code.span(),
                format!(
                    "the severity of `{}` cannot be changed: servers refuse a zone with this problem, so it is always an error",
                    meta.name
                ),
            ));
        }
        let level = severity(level)?;
        selection.set_severity(meta.name, level);
        own_severities.push((meta.name, level));
    }
    let fail_on = raw.lint.fail_on.as_ref().map(severity).transpose()?;
    let mut per_file_ignores = Vec::new();
    for (pattern, list) in &raw.lint.per_file_ignores {
        let g = build_globs(std::iter::once(pattern.get_ref().as_str())).map_err(|e| {
            error(
                &file,
                pattern.span(),
                format!("invalid pattern `{}`: {}", pattern.get_ref(), e.kind()),
            )
        })?;
        not_refused(&file, list)?;
        if list.iter().all(|s| s.get_ref().trim().is_empty()) {
            return Err(error(
                &file,
                pattern.span(),
                format!(
                    "`{}` ignores nothing: name codes or families, or leave the pattern out",
                    pattern.get_ref()
                ),
            ));
        }
        per_file_ignores.push((g, codes(list)?, root.clone()));
    }

    let output_format = match &raw.output_format {
        Some(f) if !OUTPUT_FORMATS.contains(&f.get_ref().as_str()) => {
            return Err(error(
                &file,
                f.span(),
                format!(
                    "unknown output format `{}`: use {}",
                    f.get_ref(),
                    OUTPUT_FORMATS.join(", ")
                ),
            ));
        }
        other => other.as_ref().map(|f| f.get_ref().clone()),
    };

    // [files]
    let globs = |list: &[Spanned<String>]| -> Result<GlobSet, ConfigError> {
        for p in list {
            glob(p.get_ref()).map_err(|e| {
                error(
                    &file,
                    p.span(),
                    format!("invalid pattern `{}`: {}", p.get_ref(), e.kind()),
                )
            })?;
        }
        Ok(build_globs(list.iter().map(|p| p.get_ref().as_str())).expect("patterns were checked"))
    };
    let include = match &raw.files.include {
        Some(list) => globs(list)?,
        None => build_globs(DEFAULT_INCLUDE.iter().copied()).expect("default patterns are valid"),
    };
    let exclude = globs(raw.files.exclude.as_deref().unwrap_or(&[]))?;

    // [origins]
    let mut origins = Vec::new();
    for (pattern, origin) in &raw.origins {
        let g = build_globs(std::iter::once(pattern.get_ref().as_str())).map_err(|e| {
            error(
                &file,
                pattern.span(),
                format!("invalid pattern `{}`: {}", pattern.get_ref(), e.kind()),
            )
        })?;
        let name: Name = origin.get_ref().parse().map_err(|e| {
            error(
                &file,
                origin.span(),
                format!("invalid origin `{}`: {e}", origin.get_ref()),
            )
        })?;
        origins.push((g, name, root.clone()));
    }
    // [providers]
    let mut providers = BTreeMap::new();
    for (key, spec) in &raw.providers {
        rules::ProviderTable::with(&BTreeMap::from([(key.get_ref().clone(), spec.clone())]))
            .map_err(|e| error(&file, key.span(), e))?;
        providers.insert(key.get_ref().clone(), spec.clone());
    }
    if !providers.is_empty() {
        let table = rules::ProviderTable::with(&providers).expect("each entry was checked");
        selection.set_providers(Arc::new(table));
    }
    // The `[format]` keys as written, for a child file to merge with.
    let format_keys = toml::from_str::<toml::Table>(text)
        .ok()
        .and_then(|mut t| match t.remove("format") {
            Some(toml::Value::Table(f)) => Some(f),
            _ => None,
        })
        .unwrap_or_default();
    let own = Own {
        select: raw.lint.select.as_ref().map(|_| select.clone()),
        ignore: raw.lint.ignore.as_ref().map(|_| ignore.clone()),
        severities: own_severities,
        fail_on: fail_on.is_some(),
        include: raw.files.include.is_some(),
        exclude: raw.files.exclude.is_some(),
        format: format_keys,
        providers,
    };
    Ok(Config {
        selection,
        fail_on,
        include: Patterns {
            globs: include,
            root: root.clone(),
        },
        exclude: Patterns {
            globs: exclude,
            root: root.clone(),
        },
        origins,
        per_file_ignores,
        server_configs: raw
            .files
            .server_config
            .as_ref()
            .map(|list| list.iter().map(|p| root.join(p.get_ref())).collect()),
        format: raw.format,
        output_format,
        top: root.clone(),
        root,
        from_file: true,
        own,
    })
}

/// Reads and checks a configuration file.
pub fn read(path: &Path) -> Result<Config, crate::Error> {
    let text = std::fs::read(path).map_err(|source| crate::Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(SourceFile::new(path, text)).map_err(crate::Error::Config)
}

/// The nearest `zonelint.toml` in `start`'s folder or a parent folder.
pub fn find(start: &Path) -> Option<PathBuf> {
    let absolute = crate::paths::absolute(start).ok()?;
    let first = if absolute.is_dir() {
        absolute.as_path()
    } else {
        absolute.parent()?
    };
    first
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// How the configuration is chosen (`--config`, `--no-config`).
#[derive(Debug, Clone, Default)]
pub enum Source {
    /// The nearest `zonelint.toml`.
    #[default]
    Nearest,
    /// This file for every path.
    File(PathBuf),
    /// None: the defaults.
    None,
}

/// Configurations by folder, read once each.
#[derive(Debug, Default)]
pub struct Resolver {
    source: Source,
    by_file: std::collections::HashMap<PathBuf, Arc<Config>>,
    /// The nearest configuration file of each folder asked about, by the
    /// folder's absolute path (hashed as bytes, not component by component).
    nearest: rustc_hash::FxHashMap<std::ffi::OsString, Option<PathBuf>>,
    default: Option<Arc<Config>>,
}

impl Resolver {
    /// A resolver reading configuration from `source`.
    pub fn new(source: Source) -> Self {
        Resolver {
            source,
            ..Default::default()
        }
    }

    /// The configuration that applies to `path` (a file or a folder).
    pub fn for_path(&mut self, path: &Path) -> Result<Arc<Config>, crate::Error> {
        self.nearest_to(path, None)
    }

    /// The configuration that applies to the file `path`, known not to be
    /// a folder (the disk is not asked).
    pub fn for_file(&mut self, path: &Path) -> Result<Arc<Config>, crate::Error> {
        self.nearest_to(path, Some(true))
    }

    fn nearest_to(
        &mut self,
        path: &Path,
        is_file: Option<bool>,
    ) -> Result<Arc<Config>, crate::Error> {
        let file = match &self.source {
            Source::None => None,
            Source::File(f) => Some(f.clone()),
            Source::Nearest => {
                // Files of one folder share its answer: ask the disk once.
                match crate::paths::absolute_cow(path) {
                    Ok(a) => {
                        let folder = if is_file.map_or_else(|| a.is_dir(), |f| !f) {
                            &*a
                        } else {
                            a.parent().unwrap_or(&a)
                        };
                        match self.nearest.get(folder.as_os_str()) {
                            Some(found) => found.clone(),
                            None => {
                                let found = find(folder);
                                self.nearest
                                    .insert(folder.as_os_str().to_owned(), found.clone());
                                found
                            }
                        }
                    }
                    Err(_) => find(path),
                }
            }
        };
        match file {
            // `--config FILE`: that file alone.
            Some(f) if matches!(self.source, Source::File(_)) => {
                if let Some(c) = self.by_file.get(&f) {
                    return Ok(Arc::clone(c));
                }
                let c = Arc::new(read(&f)?);
                self.by_file.insert(f, Arc::clone(&c));
                Ok(c)
            }
            Some(f) => self.inherited(&f),
            None => Ok(Arc::clone(self.default.get_or_insert_with(|| {
                Arc::new(Config {
                    root: crate::paths::absolute(".").unwrap_or_default(),
                    ..Config::default()
                })
            }))),
        }
    }
}

impl Resolver {
    /// The configuration file `file` with what it inherits from the
    /// `zonelint.toml` files of its parent folders, up to the repository's
    /// root (the folder holding `.git`), read and merged once each.
    fn inherited(&mut self, file: &Path) -> Result<Arc<Config>, crate::Error> {
        if let Some(c) = self.by_file.get(file) {
            return Ok(Arc::clone(c));
        }
        let own = read(file)?;
        let folder = file.parent().unwrap_or(Path::new("/"));
        let parent_file = if folder.join(".git").exists() {
            None
        } else {
            folder.parent().and_then(find)
        };
        let config = match parent_file {
            Some(parent) => own.inherit(&*self.inherited(&parent)?),
            None => own,
        };
        let config = Arc::new(config);
        self.by_file.insert(file.to_path_buf(), Arc::clone(&config));
        Ok(config)
    }
}

#[cfg(test)]
mod tests;
