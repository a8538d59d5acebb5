//! The library's front door: which files form which zones, loading them
//! with their includes through a [`FileSystem`] (so that an editor can
//! supply unsaved buffers), linting each with knowledge of the others,
//! and fixes and formatting returned as data. The CLI parses its
//! arguments into [`Settings`], calls a [`Workspace`], renders the
//! findings and performs the writes; a language server does the same with
//! its open documents.
//!
//! ```
//! use zonelint::workspace::{Settings, Workspace};
//! use zonelint::zone::StdFileSystem;
//!
//! let settings = Settings {
//!     origin: Some("example.com.".parse().unwrap()),
//!     ..Settings::no_config()
//! };
//! let mut workspace = Workspace::new(settings, &StdFileSystem);
//! let text = b"$TTL 1h\n@ SOA ns h 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n@ MX 10 mail.example.com\n";
//! let linted = workspace.lint_text("buffer.zone", text.to_vec()).unwrap();
//! assert_eq!(linted.diagnostics[0].code, "mx-missing-trailing-dot");
//! ```

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Config, Resolver, Source as ConfigSource};
use crate::diagnostic::{Diagnostic, Severity};
use crate::dns::Name;
use crate::error::Error;
use crate::fix::{self, FixOptions};
use crate::format::{self, FormatError};
use crate::rules::{self, Catalog, Selection};
use crate::servers::{self, RepoFiles, Role, ServerZones};
use crate::source::{SourceFile, Sources};
use crate::zone::{self, FileSystem, LoadOptions, Loaded, Zone};

/// What applies to every zone of a workspace (the command line's flags).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Where configuration comes from: the nearest `zonelint.toml`, one
    /// file for everything, or none.
    pub config: ConfigSource,
    /// The origin of every zone, overriding configuration and inference.
    pub origin: Option<Name>,
    /// Rules to run, replacing the configuration's `select` when this or
    /// `ignore` is not empty.
    pub select: Vec<String>,
    /// Rules not to run, replacing the configuration's `ignore` likewise.
    pub ignore: Vec<String>,
    /// Rules to run besides those selected (`--extend-select`).
    pub extend_select: Vec<String>,
    /// Rules not to run besides those ignored (`--extend-ignore`).
    pub extend_ignore: Vec<String>,
    /// The lowest severity that fails a zone, overriding the configuration.
    pub fail_on: Option<Severity>,
    /// Folders `$INCLUDE` may also read from, besides the default root.
    pub include_roots: Vec<PathBuf>,
    /// Where the server configurations that name zones come from.
    pub server_configs: ServerConfigs,
    /// Folder walks take files that `.gitignore`, `.ignore` and git's
    /// exclude files exclude (`--no-ignore`).
    pub no_ignore: bool,
    /// Earlier versions of the zone files (`check --base REF`), for the
    /// `soa-serial-*` rules.
    pub history: Option<Arc<dyn History>>,
}

/// Earlier versions of the files of a run (another git revision's).
pub trait History: Send + Sync + std::fmt::Debug {
    /// The earlier text of the zone file `path`, `None` when it did not
    /// exist then.
    fn text(&self, path: &Path) -> Option<Vec<u8>>;
    /// The earlier files, for the `$INCLUDE`s of an earlier version.
    fn file_system(&self) -> &dyn FileSystem;
}

/// Where the server configurations (`named.conf`, `nsd.conf`,
/// `knot.conf`) that name the zones come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ServerConfigs {
    /// `[files] server-config` of the configuration, else those found in
    /// the repository of the files checked (the nearest folder with
    /// `.git`, else the folder checked).
    #[default]
    Find,
    /// None (`--no-server-config`).
    Off,
    /// These (`--server-config`).
    Files(Vec<PathBuf>),
}

impl Settings {
    /// No configuration file: the defaults for everything.
    pub fn no_config() -> Self {
        Settings {
            config: ConfigSource::None,
            ..Settings::default()
        }
    }
}

/// A zone file to check.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file (or a folder to search for zone files) read through the
    /// workspace's file system.
    Path(PathBuf),
    /// Text given directly (standard input, an editor's buffer).
    Text {
        /// The path it stands for: configuration, origin and include root
        /// come from it. `None`: the working directory's.
        stands_for: Option<PathBuf>,
        /// The path shown in findings.
        shown: PathBuf,
        /// The text.
        text: Vec<u8>,
    },
}

/// Everything that applies to one zone file: its configuration, how to
/// load it, which rules run and what fails.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The configuration of the file.
    pub config: Arc<Config>,
    /// Origin and include roots.
    pub load: LoadOptions,
    /// Which rules run at which severity.
    pub selection: Selection,
    /// The lowest severity that fails the zone.
    pub threshold: Severity,
}

/// One zone to check: its top-level file and what applies to it.
#[derive(Debug, Clone)]
pub struct Job {
    /// Where it comes from.
    pub input: Input,
    /// What applies to it.
    pub resolved: Resolved,
    /// The view of the server configuration that declares it: its zones
    /// see only the zones of the same view (and those of no view).
    pub view: Option<String>,
    /// The server configuration file that named its zone, when one did.
    pub declared_by: Option<PathBuf>,
    /// Found by a folder walk (or a server configuration), not named on
    /// the command line: a binary file is skipped with a note, not
    /// reported as a broken zone.
    pub found: bool,
}

impl Job {
    /// The job of a zone file that no server configuration declares.
    fn of_file(path: PathBuf, resolved: Resolved, found: bool) -> Self {
        Job {
            input: Input::Path(path),
            resolved,
            view: None,
            declared_by: None,
            found,
        }
    }

    /// True for text given directly rather than read from a file.
    pub fn is_text(&self) -> bool {
        matches!(self.input, Input::Text { .. })
    }
}

/// The zones a set of inputs stands for.
#[derive(Debug, Default)]
pub struct Plan {
    /// One per zone file, in discovery order.
    pub jobs: Vec<Job>,
    /// Things skipped that the user should know about (link loops, links
    /// leading out of the folder walked).
    pub warnings: Vec<String>,
    /// Files named explicitly that `[files] exclude` skipped.
    pub excluded: Vec<PathBuf>,
    /// Files skipped as not zones (root hints).
    pub skipped: usize,
    /// Findings about server configurations that cannot be read.
    pub config_findings: Vec<(Arc<SourceFile>, Vec<Diagnostic>)>,
    /// Paths that could not be read while the inputs were searched: the
    /// run goes on without them and fails (exit 2) at the end.
    pub errors: Vec<Error>,
}

/// `path` from the working directory when it is below it (as the user
/// would write it), else as it is.
fn relative_to_cwd(path: PathBuf) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or(path)
}

fn relative_to_cwd_all(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    paths.into_iter().map(relative_to_cwd).collect()
}

/// Files larger than this are never taken for fragments of a zone.
const FRAGMENT_MAX_BYTES: u64 = 16 << 20;

/// True when `a` and `b` are the same file.
fn same_file(fs: &dyn FileSystem, a: &Path, b: &Path) -> bool {
    match (fs.canonicalize(a), fs.canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// `abs` as a path under the walked `folder`, the way discovery shows it.
fn shown_under(folder: &Path, abs: &Path) -> Option<PathBuf> {
    let base = crate::paths::absolute(folder).ok()?;
    let rest = abs.strip_prefix(&base).ok()?;
    Some(if folder.as_os_str() == "." {
        rest.to_path_buf()
    } else {
        folder.join(rest)
    })
}

/// A zone's fixes, as data: what would be written where.
#[derive(Debug)]
pub struct Fixed {
    /// The files whose text changes: the original and its new text.
    pub writes: Vec<(Arc<SourceFile>, Vec<u8>)>,
    /// How many findings the fixes address.
    pub applied: usize,
    /// Per finding fixed: the file its fix edits and its code.
    pub fixed: Vec<(PathBuf, &'static str)>,
    /// The zone's files after fixing.
    pub files: Vec<Arc<SourceFile>>,
    /// The findings left after fixing.
    pub diagnostics: Vec<Diagnostic>,
}

/// What checking one zone found.
#[derive(Debug)]
pub struct Checked {
    /// The index of its job in the plan.
    pub job: usize,
    /// The zone's files (the top-level file first, then its includes).
    pub files: Vec<Arc<SourceFile>>,
    /// Its findings, by position.
    pub diagnostics: Vec<Diagnostic>,
    /// With fixing asked for and something fixable: the fixes.
    pub fixed: Option<Fixed>,
    /// The zone it was checked as.
    pub origin: Name,
    /// Where that name came from (`None`: nowhere, the root or the first
    /// owner stood in).
    pub origin_source: Option<zone::OriginSource>,
}

/// What checking a plan found.
#[derive(Debug, Default)]
pub struct Report {
    /// One per zone checked; files another zone `$INCLUDE`s are checked as
    /// part of it, not on their own.
    pub zones: Vec<Checked>,
    /// Findings about server configurations that cannot be read.
    pub configs: Vec<(Arc<SourceFile>, Vec<Diagnostic>)>,
    /// Zone files that could not be read (the job's index, why): the
    /// others were checked without them.
    pub errors: Vec<(usize, Error)>,
    /// Files found by a folder walk and skipped when read (binary files).
    pub notes: Vec<String>,
}

/// A repository's server configurations, read once.
struct RepoServers {
    zones: Arc<ServerZones>,
}

/// Findings of one text, with its files to map their positions.
#[derive(Debug)]
pub struct Linted {
    /// The text and the files it includes.
    pub sources: Sources,
    /// The findings, by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// A workspace: settings, configurations read once each, and the file
/// system zones are read through.
pub struct Workspace<'fs> {
    settings: Settings,
    resolver: Resolver,
    fs: &'fs dyn FileSystem,
    /// Server configurations by repository root (or by the files named).
    servers: HashMap<Vec<PathBuf>, RepoServers>,
    /// Configuration files whose findings and notes are already in a plan.
    reported: HashSet<PathBuf>,
    /// The files of each repository, walked once.
    repos: HashMap<PathBuf, Arc<RepoFiles>>,
    /// Per repository, its zone files with `$INCLUDE`s and what they include.
    includes: HashMap<PathBuf, Vec<(PathBuf, Vec<PathBuf>, bool)>>,
}

impl<'fs> Workspace<'fs> {
    /// A workspace reading through `fs`.
    pub fn new(settings: Settings, fs: &'fs dyn FileSystem) -> Self {
        Workspace {
            resolver: Resolver::new(settings.config.clone()),
            settings,
            fs,
            servers: HashMap::new(),
            reported: HashSet::new(),
            repos: HashMap::new(),
            includes: HashMap::new(),
        }
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The file system zones are read through.
    pub fn fs(&self) -> &'fs dyn FileSystem {
        self.fs
    }

    /// Everything that applies to the zone file `path` (a file that need
    /// not exist: the one a text stands for). `origin_from_config`: whether
    /// `[origins]` of the configuration applies.
    pub fn resolve(&mut self, path: &Path, origin_from_config: bool) -> Result<Resolved, Error> {
        let config = self.resolver.for_path(path)?;
        self.resolve_with(config, path, origin_from_config)
    }

    /// [`Workspace::resolve`] for a path known to be a file (not a folder):
    /// the disk is not asked which it is.
    fn resolve_file(&mut self, path: &Path) -> Result<Resolved, Error> {
        let config = self.resolver.for_file(path)?;
        self.resolve_with(config, path, true)
    }

    fn resolve_with(
        &self,
        config: Arc<Config>,
        path: &Path,
        origin_from_config: bool,
    ) -> Result<Resolved, Error> {
        let origin = self.settings.origin.clone().or_else(|| {
            origin_from_config
                .then(|| config.origin_for(path).cloned())
                .flatten()
        });
        let selection = if self.settings.select.is_empty() && self.settings.ignore.is_empty() {
            config.selection.clone()
        } else {
            config
                .selection
                .with_lists(&self.settings.select, &self.settings.ignore)?
        };
        // Then what extends it, and `[lint.per-file-ignores]` for this file.
        let selection = selection
            .extended(&self.settings.extend_select, &self.settings.extend_ignore)?
            .extended(&[], &config.ignores_for(path))?;
        let threshold = self
            .settings
            .fail_on
            .or(config.fail_on)
            .unwrap_or(Severity::Error);
        let load = LoadOptions {
            origin,
            origin_source: None,
            fragment: false,
            include_roots: self.include_roots(&config, path),
            ..Default::default()
        };
        Ok(Resolved {
            config,
            load,
            selection,
            threshold,
        })
    }

    /// The folders `$INCLUDE` may read from for the zone file `top`: with
    /// a `zonelint.toml`, the repository it is in (the folder holding
    /// `.git`), else the folder of the topmost configuration file it
    /// inherits from; without one, the zone file's own folder; and those of
    /// the settings.
    fn include_roots(&self, config: &Config, top: &Path) -> Vec<PathBuf> {
        let base = if config.from_file {
            config
                .root
                .ancestors()
                .find(|a| a.join(".git").exists())
                .map_or_else(|| config.top.clone(), Path::to_path_buf)
        } else {
            zone::default_include_root(top)
        };
        std::iter::once(base)
            .chain(self.settings.include_roots.iter().cloned())
            .collect()
    }

    /// The zones `inputs` stand for: files as given (unless `[files]
    /// exclude`d), folders searched for zone files, texts as they are.
    pub fn plan(&mut self, inputs: Vec<Input>) -> Result<Plan, Error> {
        // Unknown rules are an error even when no file is checked.
        Selection::from_lists(&self.settings.select, &self.settings.ignore)?
            .extended(&self.settings.extend_select, &self.settings.extend_ignore)?;
        let mut plan = Plan::default();
        for input in inputs {
            match input {
                Input::Path(path) => {
                    let t0 = std::time::Instant::now();
                    let found = crate::discover::discover(
                        std::slice::from_ref(&path),
                        &self.settings.include_roots,
                        &mut self.resolver,
                        !self.settings.no_ignore,
                    )?;
                    plan.warnings.extend(found.warnings);
                    plan.errors.extend(found.errors);
                    plan.excluded.extend(found.excluded);
                    crate::rules::time_phase("discover", t0);
                    let t0 = std::time::Instant::now();
                    // A walk of the repository's root has seen its files.
                    if let Some(walked) = &found.walked {
                        let root = servers::repository_root(&path);
                        if *walked == root && !self.repos.contains_key(&root) {
                            let repo = RepoFiles::from_files(&root, &found.seen);
                            self.repos.insert(root, Arc::new(repo));
                        }
                    }
                    let servers = self.server_zones(&path, &mut plan)?;
                    crate::rules::time_phase("servers", t0);
                    let t0 = std::time::Instant::now();
                    let mut files = found.files;
                    if path.is_dir() {
                        // Files the configuration declares are zones whatever
                        // their names.
                        let walked = crate::paths::absolute(&path).unwrap_or(path.clone());
                        // By absolute path: the walk and the configuration
                        // spell the files of one tree alike.
                        // (Hashed as bytes: component by component is slow.)
                        let mut known: HashSet<std::ffi::OsString> = files
                            .iter()
                            .map(|f| {
                                crate::paths::absolute(f)
                                    .unwrap_or_else(|_| f.clone())
                                    .into_os_string()
                            })
                            .collect();
                        for declared in &servers.files {
                            let abs = crate::paths::absolute(declared).unwrap_or(declared.clone());
                            if !abs.starts_with(&walked) || known.contains(abs.as_os_str()) {
                                continue;
                            }
                            let config = self.resolver.for_file(declared)?;
                            if !config.is_excluded(declared)
                                && known.insert(abs.clone().into_os_string())
                            {
                                files.push(shown_under(&path, &abs).unwrap_or(declared.clone()));
                            }
                        }
                    }
                    let explicit = !path.is_dir();
                    crate::rules::time_phase("declared", t0);
                    let t0 = std::time::Instant::now();
                    // Each folder's configuration is resolved here (the
                    // resolver caches it); the files are then planned on
                    // all cores, and those that need more (root hints, a
                    // file that may be a fragment) in order on this one.
                    let configs: Vec<Arc<Config>> = files
                        .iter()
                        .map(|f| self.resolver.for_file(f))
                        .collect::<Result<_, _>>()?;
                    let this = &*self;
                    let quick: Vec<Option<Result<Vec<Job>, Error>>> = files
                        .par_iter()
                        .zip(configs)
                        .map(|(file, config)| this.quick_jobs(&servers, file, config, explicit))
                        .collect();
                    for (file, jobs) in files.into_iter().zip(quick) {
                        match jobs {
                            Some(jobs) => plan.jobs.extend(jobs?),
                            None => self.plan_file(&mut plan, &servers, file, explicit)?,
                        }
                    }
                    crate::rules::time_phase("jobs", t0);
                }
                Input::Text { .. } => {
                    let Input::Text { stands_for, .. } = &input else {
                        unreachable!()
                    };
                    let at = stands_for.clone().unwrap_or_else(|| PathBuf::from("."));
                    let mut resolved = self.resolve(&at, true)?;
                    let servers = match stands_for {
                        Some(p) => self.server_zones(p, &mut plan)?,
                        None => Arc::new(ServerZones::default()),
                    };
                    let uses = stands_for
                        .as_deref()
                        .and_then(|p| servers.uses(self.fs, p))
                        .and_then(|u| {
                            u.iter()
                                .find(|u| matches!(u.role, Role::Primary | Role::Secondary))
                        });
                    let view = uses.and_then(|u| u.view.clone());
                    let mut declared_by = None;
                    if let (None, Some(u)) = (&resolved.load.origin, uses) {
                        resolved.load.origin = Some(u.zone.clone());
                        resolved.load.origin_source = Some(zone::OriginSource::ServerConfig);
                        declared_by = Some(u.config.clone());
                    }
                    plan.jobs.push(Job {
                        input,
                        resolved,
                        view,
                        declared_by,
                        found: false,
                    });
                }
            }
        }
        // A file named twice (or found and named) is one job per zone and
        // view: compared by reference, not by copies of thousands of keys.
        let keep: Vec<bool> = {
            let mut seen = HashSet::with_capacity(plan.jobs.len());
            plan.jobs
                .iter()
                .map(|j| match &j.input {
                    Input::Path(p) => seen.insert((
                        p.as_os_str(),
                        j.resolved.load.origin.as_ref(),
                        j.view.as_deref(),
                    )),
                    Input::Text { .. } => true,
                })
                .collect()
        };
        let mut keep = keep.into_iter();
        plan.jobs.retain(|_| keep.next().unwrap_or(true));
        Ok(plan)
    }

    /// The jobs of `file` when it is plainly a zone file (as
    /// [`Workspace::plan_file`] would plan it), with `config`, its
    /// configuration; `None` when it may be root hints or a fragment.
    fn quick_jobs(
        &self,
        servers: &ServerZones,
        file: &Path,
        config: Arc<Config>,
        explicit: bool,
    ) -> Option<Result<Vec<Job>, Error>> {
        let uses = servers.uses(self.fs, file).unwrap_or(&[]);
        let declared_zone = uses
            .iter()
            .any(|u| matches!(u.role, Role::Primary | Role::Secondary));
        let hints_named = file
            .file_name()
            .is_some_and(|n| servers::is_root_hints(Path::new(n), b""));
        if !declared_zone && (hints_named || uses.iter().any(|u| u.role == Role::Hint)) {
            return None;
        }
        let may_be_fragment = explicit
            && uses.is_empty()
            && self.settings.origin.is_none()
            && zone::origin::from_file_name(file).is_none_or(|n| n.as_ref().label_count() < 2);
        if may_be_fragment {
            return None;
        }
        Some(self.jobs_of(uses, file, config, explicit))
    }

    /// The jobs of a zone file with `config`: one per zone a server
    /// configuration declares it for (`uses`), else one.
    fn jobs_of(
        &self,
        uses: &[servers::ZoneUse],
        file: &Path,
        config: Arc<Config>,
        explicit: bool,
    ) -> Result<Vec<Job>, Error> {
        let zones: Vec<&servers::ZoneUse> = uses
            .iter()
            .filter(|u| matches!(u.role, Role::Primary | Role::Secondary))
            .collect();
        let file = file.to_path_buf();
        if zones.is_empty() {
            let resolved = self.resolve_with(config, &file, true)?;
            return Ok(vec![Job::of_file(file, resolved, !explicit)]);
        }
        let mut jobs = Vec::with_capacity(zones.len());
        for u in zones {
            let mut resolved = self.resolve_with(Arc::clone(&config), &file, true)?;
            let origin_from_config = resolved.load.origin.is_none();
            if origin_from_config {
                resolved.load.origin = Some(u.zone.clone());
                resolved.load.origin_source = Some(zone::OriginSource::ServerConfig);
            }
            jobs.push(Job {
                input: Input::Path(file.clone()),
                resolved,
                view: u.view.clone(),
                declared_by: origin_from_config.then(|| u.config.clone()),
                found: !explicit,
            });
        }
        Ok(jobs)
    }

    /// The jobs of one zone file: one per zone a server configuration
    /// declares it for, else one; none for root hints.
    fn plan_file(
        &mut self,
        plan: &mut Plan,
        servers: &ServerZones,
        file: PathBuf,
        explicit: bool,
    ) -> Result<(), Error> {
        let uses = servers.uses(self.fs, &file).unwrap_or(&[]);
        // A file named on its own that holds no SOA is most often a part of
        // a zone: check the zone that includes it, or else the file as a
        // fragment.
        // Root hints, not a zone: declared `type hint` (and as nothing
        // else), or named so and holding no SOA.
        let declared_zone = uses
            .iter()
            .any(|u| matches!(u.role, Role::Primary | Role::Secondary));
        let hint_config = uses
            .iter()
            .find(|u| u.role == Role::Hint)
            .map(|u| &u.config);
        let hints_by_name = hint_config.is_none()
            && !declared_zone
            && file
                .file_name()
                .is_some_and(|n| servers::is_root_hints(Path::new(n), b""))
            && self
                .fs
                .read(&file)
                .is_ok_and(|t| servers::is_root_hints(&file, &t));
        if !declared_zone && (hint_config.is_some() || hints_by_name) {
            let why = match hint_config {
                Some(config) => format!("`type hint` in `{}`", config.display()),
                None => "no SOA".to_owned(),
            };
            plan.warnings.push(format!(
                "skipped `{}`: root hints ({why}), not a zone",
                file.display()
            ));
            plan.skipped += 1;
            return Ok(());
        }
        // A file whose name names a zone (`example.com.zone`) is that zone,
        // SOA or not: only other names can be fragments.
        let names_a_zone =
            zone::origin::from_file_name(&file).is_some_and(|n| n.as_ref().label_count() >= 2);
        let fragment = explicit
            && uses.is_empty()
            && !names_a_zone
            && self.settings.origin.is_none()
            // A large file is a zone (and is not read twice to say so).
            && std::fs::metadata(&file).map_or(true, |m| m.len() < FRAGMENT_MAX_BYTES)
            // An empty file is an empty zone, not a fragment.
            && self
                .fs
                .read(&file)
                .is_ok_and(|t| servers::records_and_soa(&t) == (true, false));
        if fragment {
            match self.includer_of(&file, servers)? {
                Some(top) if !same_file(self.fs, &top, &file) => {
                    let top = relative_to_cwd(top);
                    let servers = self.server_zones(&top, plan)?;
                    return self.plan_file(plan, &servers, top, false);
                }
                _ => {
                    let mut resolved = self.resolve_file(&file)?;
                    resolved.load.fragment = resolved.load.origin.is_none();
                    if resolved.load.fragment {
                        plan.warnings.push(format!(
                            "`{}` has no SOA and no zone file of the repository includes it: \
                             checked as a fragment of a zone (its TTLs, origin and apex are not judged)",
                            file.display()
                        ));
                    }
                    plan.jobs.push(Job::of_file(file, resolved, !explicit));
                    return Ok(());
                }
            }
        }
        let config = self.resolver.for_file(&file)?;
        plan.jobs
            .extend(self.jobs_of(uses, &file, config, explicit)?);
        Ok(())
    }

    /// The zone file of the repository that `$INCLUDE`s `file`, through
    /// fragments that include it in turn (the top one, which holds an
    /// SOA, or the last found). Reads the repository's zone files once.
    fn includer_of(
        &mut self,
        file: &Path,
        servers: &ServerZones,
    ) -> Result<Option<PathBuf>, Error> {
        let root = servers::repository_root(file);
        if !self.includes.contains_key(&root) {
            let map = self.include_map(&root, servers)?;
            self.includes.insert(root.clone(), map);
        }
        let map = &self.includes[&root];
        let Ok(mut at) = self.fs.canonicalize(file) else {
            return Ok(None);
        };
        let mut found = None;
        for _ in 0..crate::zone::MAX_INCLUDE_DEPTH {
            let Some((includer, has_soa)) = map
                .iter()
                .find(|(_, included, _)| included.contains(&at))
                .map(|(f, _, soa)| (f.clone(), *soa))
            else {
                break;
            };
            found = Some(includer.clone());
            if has_soa {
                break;
            }
            match self.fs.canonicalize(&includer) {
                Ok(c) if c != at => at = c,
                _ => break,
            }
        }
        Ok(found)
    }

    /// Each zone file of the repository at `root` that has `$INCLUDE`s:
    /// the canonical paths it includes, and whether it holds an SOA.
    fn include_map(
        &mut self,
        root: &Path,
        servers: &ServerZones,
    ) -> Result<Vec<(PathBuf, Vec<PathBuf>, bool)>, Error> {
        let repo = match self.repos.get(root) {
            Some(r) => Arc::clone(r),
            None => {
                let r = Arc::new(RepoFiles::walk(root));
                self.repos.insert(root.to_path_buf(), Arc::clone(&r));
                r
            }
        };
        let mut candidates: Vec<PathBuf> = Vec::new();
        for p in repo.all() {
            let config = self.resolver.for_path(p)?;
            if config.is_zone_file(p) || servers.uses(self.fs, p).is_some() {
                candidates.push(p.clone());
            }
        }
        candidates.sort();
        let mut map = Vec::new();
        for p in candidates {
            let Ok(text) = self.fs.read(&p) else { continue };
            if text.len() > 16 << 20
                || !text.windows(8).any(|w| w.eq_ignore_ascii_case(b"$include"))
            {
                continue;
            }
            let folder = p.parent().map_or_else(PathBuf::new, Path::to_path_buf);
            let mut included = Vec::new();
            let mut parser = crate::syntax::Parser::fragment(&text);
            while let Some(entry) = parser.next_entry() {
                if let crate::syntax::Item::Directive(crate::syntax::Directive::Include {
                    path,
                    ..
                }) = entry.item
                {
                    let written = PathBuf::from(String::from_utf8_lossy(path).into_owned());
                    for base in [folder.as_path(), root] {
                        if let Ok(c) = self.fs.canonicalize(&base.join(&written)) {
                            included.push(c);
                            break;
                        }
                    }
                }
            }
            if !included.is_empty() {
                map.push((p, included, servers::has_soa(&text)));
            }
        }
        Ok(map)
    }

    /// The server configurations that apply to `path`, read once per
    /// repository; their findings and notes go to `plan` the first time.
    fn server_zones(&mut self, path: &Path, plan: &mut Plan) -> Result<Arc<ServerZones>, Error> {
        let explicit = match &self.settings.server_configs {
            ServerConfigs::Off => return Ok(Arc::new(ServerZones::default())),
            ServerConfigs::Files(list) => Some(list.clone()),
            ServerConfigs::Find => self.resolver.for_path(path)?.server_configs.clone(),
        };
        let root = servers::repository_root(path);
        let roots = match (explicit, self.repos.get(&root)) {
            (Some(list), _) => list,
            // The repository's files are known: its configurations too.
            (None, Some(repo)) => {
                let abs = crate::paths::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                let folder = if abs.is_dir() {
                    abs
                } else {
                    abs.parent().map_or(abs.clone(), Path::to_path_buf)
                };
                relative_to_cwd_all(repo.configs_for(&folder))
            }
            (None, None) => servers::find_configs(path, &root),
        };
        if roots.is_empty() {
            return Ok(Arc::new(ServerZones::default()));
        }
        let key: Vec<PathBuf> = std::iter::once(root.clone())
            .chain(roots.iter().cloned())
            .collect();
        if let Some(known) = self.servers.get(&key) {
            return Ok(Arc::clone(&known.zones));
        }
        let repo = match self.repos.get(&root) {
            Some(r) => Arc::clone(r),
            None => {
                let r = Arc::new(RepoFiles::walk(&root));
                self.repos.insert(root.clone(), Arc::clone(&r));
                r
            }
        };
        let zones = Arc::new(servers::read(&roots, &repo, self.fs));
        for (file, found) in &zones.findings {
            if self.reported.insert(file.path().to_path_buf()) {
                plan.config_findings.push((Arc::clone(file), found.clone()));
            }
        }
        for note in &zones.notes {
            if !plan.warnings.contains(note) {
                plan.warnings.push(note.clone());
            }
        }
        self.servers.insert(
            key,
            RepoServers {
                zones: Arc::clone(&zones),
            },
        );
        Ok(zones)
    }

    /// Reads the top-level file of `input` (paths through the file system).
    pub fn read(&self, input: &Input) -> Result<Arc<SourceFile>, Error> {
        match input {
            Input::Path(path) => {
                let text = self.fs.read(path).map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })?;
                if text.len() >= crate::source::MAX_SOURCE_LEN {
                    return Err(Error::TooLarge { path: path.clone() });
                }
                Ok(SourceFile::new(path, text))
            }
            Input::Text { shown, text, .. } => {
                if text.len() >= crate::source::MAX_SOURCE_LEN {
                    return Err(Error::TooLarge {
                        path: shown.clone(),
                    });
                }
                Ok(SourceFile::new(shown, text.clone()))
            }
        }
    }

    /// Loads the zone of `job`.
    pub fn load(&self, job: &Job) -> Result<Loaded, Error> {
        let file = self.read(&job.input)?;
        Ok(zone::load(file, &job.resolved.load, self.fs))
    }

    /// Loads every zone of the plan and lints each with the others as its
    /// catalog, in parallel on the current rayon pool. With `fix`, each
    /// zone's fixes are worked out (and proven) too; nothing is written.
    pub fn check(&self, plan: &Plan, fix: Option<FixOptions>) -> Result<Report, Error> {
        let t0 = std::time::Instant::now();
        let results: Vec<Result<Loaded, Error>> =
            plan.jobs.par_iter().map(|job| self.load(job)).collect();
        crate::rules::time_phase("load", t0);
        // A file that cannot be read is reported; the others are checked.
        let mut errors = Vec::new();
        let mut loaded: Vec<Loaded> = Vec::with_capacity(results.len());
        // The job of each zone loaded.
        let mut job_of: Vec<usize> = Vec::with_capacity(results.len());
        let mut notes = Vec::new();
        for (i, result) in results.into_iter().enumerate() {
            match result {
                Ok(l)
                    if plan.jobs[i].found
                        && memchr::memchr(0, l.zone.files()[0].text()).is_some() =>
                {
                    notes.push(format!(
                        "skipped `{}`: binary data (a NUL byte), not a zone file",
                        l.zone.files()[0].path().display()
                    ));
                }
                Ok(l) => {
                    loaded.push(l);
                    job_of.push(i);
                }
                Err(e) => errors.push((i, e)),
            }
        }
        let jobs: Vec<&Job> = job_of.iter().map(|&i| &plan.jobs[i]).collect();
        // A file another zone includes is checked as part of that zone.
        let included: HashSet<PathBuf> = loaded
            .iter()
            .flat_map(|l| l.zone.files()[1..].iter())
            .filter_map(|f| self.fs.canonicalize(f.path()).ok())
            .collect();
        let standalone: Vec<bool> = jobs
            .iter()
            .map(|j| match &j.input {
                Input::Text { .. } => true,
                // Nothing includes anything: no need to ask the disk.
                Input::Path(_) if included.is_empty() => true,
                Input::Path(p) => self
                    .fs
                    .canonicalize(p)
                    .map_or(true, |p| !included.contains(&p)),
            })
            .collect();
        // A view's zones see the zones of the same view and those of none.
        let mut views: Vec<Option<String>> = jobs.iter().map(|j| j.view.clone()).collect();
        views.sort();
        views.dedup();
        // The earlier version of each zone file, when the run has a
        // history (`check --base`): loaded as the file's own path, so that
        // it matches, and only when it has no syntax errors.
        let earlier: Vec<Option<Loaded>> = match &self.settings.history {
            None => Vec::new(),
            Some(history) => loaded
                .par_iter()
                .zip(&jobs)
                .map(|(l, job)| {
                    let Input::Path(path) = &job.input else {
                        return None;
                    };
                    let text = history.text(path)?;
                    let top = l.zone.files()[0].path().to_path_buf();
                    let old = zone::load(
                        SourceFile::new(top, text),
                        &job.resolved.load,
                        history.file_system(),
                    );
                    (!old
                        .diagnostics
                        .iter()
                        .any(|d| d.code == crate::diagnostic::SYNTAX))
                    .then_some(old)
                })
                .collect(),
        };
        let earlier_zones: Vec<&Zone> = earlier.iter().flatten().map(|l| &l.zone).collect();
        let catalogs: HashMap<Option<String>, Catalog<'_>> = views
            .into_iter()
            .map(|view| {
                let zones: Vec<&Zone> = loaded
                    .iter()
                    .zip(&jobs)
                    .zip(&standalone)
                    .filter(|((l, j), &keep)| {
                        // A fragment is not a zone: it answers for no name.
                        keep && !l.zone.is_fragment() && (j.view.is_none() || j.view == view)
                    })
                    .map(|((l, _), _)| &l.zone)
                    .collect();
                (
                    view,
                    Catalog::new(zones).with_earlier(earlier_zones.clone()),
                )
            })
            .collect();
        let t0 = std::time::Instant::now();
        let linted: Vec<Option<Vec<Diagnostic>>> = loaded
            .par_iter()
            .zip(&jobs)
            .zip(&standalone)
            .map(|((l, job), &keep)| {
                keep.then(|| {
                    let catalog = &catalogs[&job.view];
                    rules::lint(&l.zone, catalog, &job.resolved.selection, &l.diagnostics)
                })
            })
            .collect();
        crate::rules::time_phase("lint", t0);
        let mut report = Report {
            configs: plan.config_findings.clone(),
            errors,
            notes,
            ..Report::default()
        };
        for (i, found) in linted.into_iter().enumerate() {
            let Some(diagnostics) = found else { continue };
            let (job, l) = (jobs[i], &loaded[i]);
            let fixed = match fix {
                Some(options) if diagnostics.iter().any(|d| d.fix.is_some()) => {
                    let others: Vec<&Zone> = loaded
                        .iter()
                        .enumerate()
                        .filter(|&(j, _)| j != i && standalone[j])
                        .map(|(_, l)| &l.zone)
                        .collect();
                    let options = FixOptions {
                        top_file_only: options.top_file_only || job.is_text(),
                        ..options
                    };
                    let done = fix::fix_zone_with_earlier(
                        Arc::clone(&l.zone.files()[0]),
                        &job.resolved.load,
                        self.fs,
                        &others,
                        earlier.get(i).and_then(Option::as_ref).map(|e| &e.zone),
                        &job.resolved.selection,
                        options,
                    )?;
                    Some(Fixed {
                        writes: done.files,
                        applied: done.applied,
                        fixed: done.fixed,
                        files: done.loaded.zone.files().to_vec(),
                        diagnostics: done.diagnostics,
                    })
                }
                _ => None,
            };
            report.zones.push(Checked {
                job: job_of[i],
                files: l.zone.files().to_vec(),
                diagnostics,
                fixed,
                origin: l.zone.origin().clone(),
                origin_source: l.origin_source,
            });
        }
        Ok(report)
    }

    /// Lints one text standing for `path` (which need not exist) as a zone
    /// of its own: the one call an editor or a script needs.
    pub fn lint_text(&mut self, path: impl AsRef<Path>, text: Vec<u8>) -> Result<Linted, Error> {
        let path = path.as_ref().to_path_buf();
        let plan = self.plan(vec![Input::Text {
            stands_for: Some(path.clone()),
            shown: path,
            text,
        }])?;
        let mut report = self.check(&plan, None)?;
        let checked = report.zones.pop().expect("a text is a zone of its own");
        let mut sources = Sources::new();
        for f in checked.files {
            sources.add(f);
        }
        Ok(Linted {
            sources,
            diagnostics: checked.diagnostics,
        })
    }

    /// The formatted text of `file` (configured as the zone file `path`),
    /// proven before it is returned: the same records, every comment once,
    /// formatting it again changes nothing.
    pub fn format(
        &mut self,
        file: &Arc<SourceFile>,
        path: &Path,
    ) -> Result<Result<Vec<u8>, FormatError>, Error> {
        let resolved = self.resolve(path, true)?;
        Ok(format::format_verified(
            file,
            &resolved.config.format,
            &resolved.load,
            self.fs,
        ))
    }

    /// Proves `partial`, `file` with some of its formatting changes
    /// applied (range formatting), under the configuration of `path`.
    pub fn verify_partial(
        &mut self,
        file: &Arc<SourceFile>,
        path: &Path,
        partial: &[u8],
    ) -> Result<Result<(), FormatError>, Error> {
        let resolved = self.resolve(path, true)?;
        Ok(format::verify_partial(
            file,
            partial,
            &resolved.config.format,
            &resolved.load,
            self.fs,
        ))
    }
}
