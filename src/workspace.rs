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

use std::collections::HashSet;
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
    /// The lowest severity that fails a zone, overriding the configuration.
    pub fail_on: Option<Severity>,
    /// Folders `$INCLUDE` may also read from, besides the default root.
    pub include_roots: Vec<PathBuf>,
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
}

impl Job {
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
    pub excluded: usize,
}

/// A zone's fixes, as data: what would be written where.
#[derive(Debug)]
pub struct Fixed {
    /// The files whose text changes: the original and its new text.
    pub writes: Vec<(Arc<SourceFile>, Vec<u8>)>,
    /// How many findings the fixes address.
    pub applied: usize,
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
}

/// What checking a plan found.
#[derive(Debug, Default)]
pub struct Report {
    /// One per zone checked; files another zone `$INCLUDE`s are checked as
    /// part of it, not on their own.
    pub zones: Vec<Checked>,
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
}

impl<'fs> Workspace<'fs> {
    /// A workspace reading through `fs`.
    pub fn new(settings: Settings, fs: &'fs dyn FileSystem) -> Self {
        Workspace {
            resolver: Resolver::new(settings.config.clone()),
            settings,
            fs,
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
        let threshold = self
            .settings
            .fail_on
            .or(config.fail_on)
            .unwrap_or(Severity::Error);
        let load = LoadOptions {
            origin,
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

    /// The folders `$INCLUDE` may read from for the zone file `top`: the
    /// folder of its `zonelint.toml` (or its own folder without one), and
    /// those of the settings.
    fn include_roots(&self, config: &Config, top: &Path) -> Vec<PathBuf> {
        let base = if config.from_file {
            config.root.clone()
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
        Selection::from_lists(&self.settings.select, &self.settings.ignore)?;
        let mut plan = Plan::default();
        for input in inputs {
            match input {
                Input::Path(path) => {
                    let found = crate::discover::discover(
                        std::slice::from_ref(&path),
                        &self.settings.include_roots,
                        &mut self.resolver,
                    )?;
                    plan.warnings.extend(found.warnings);
                    plan.excluded += found.excluded;
                    for file in found.files {
                        let resolved = self.resolve(&file, true)?;
                        plan.jobs.push(Job {
                            input: Input::Path(file),
                            resolved,
                        });
                    }
                }
                Input::Text { .. } => {
                    let Input::Text { stands_for, .. } = &input else {
                        unreachable!()
                    };
                    let at = stands_for.clone().unwrap_or_else(|| PathBuf::from("."));
                    let resolved = self.resolve(&at, true)?;
                    plan.jobs.push(Job { input, resolved });
                }
            }
        }
        let mut seen = HashSet::new();
        plan.jobs.retain(|j| match &j.input {
            Input::Path(p) => seen.insert(p.clone()),
            Input::Text { .. } => true,
        });
        Ok(plan)
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
        let loaded: Vec<Loaded> = plan
            .jobs
            .par_iter()
            .map(|job| self.load(job))
            .collect::<Result<_, Error>>()?;
        // A file another zone includes is checked as part of that zone.
        let included: HashSet<PathBuf> = loaded
            .iter()
            .flat_map(|l| l.zone.files()[1..].iter())
            .filter_map(|f| self.fs.canonicalize(f.path()).ok())
            .collect();
        let standalone: Vec<bool> = plan
            .jobs
            .iter()
            .map(|j| match &j.input {
                Input::Text { .. } => true,
                Input::Path(p) => self
                    .fs
                    .canonicalize(p)
                    .map_or(true, |p| !included.contains(&p)),
            })
            .collect();
        let zones: Vec<&Zone> = loaded
            .iter()
            .zip(&standalone)
            .filter(|(_, &keep)| keep)
            .map(|(l, _)| &l.zone)
            .collect();
        let catalog = Catalog::new(zones);
        let linted: Vec<Option<Vec<Diagnostic>>> = loaded
            .par_iter()
            .zip(&plan.jobs)
            .zip(&standalone)
            .map(|((l, job), &keep)| {
                keep.then(|| {
                    rules::lint(&l.zone, &catalog, &job.resolved.selection, &l.diagnostics)
                })
            })
            .collect();
        let mut report = Report::default();
        for (i, found) in linted.into_iter().enumerate() {
            let Some(diagnostics) = found else { continue };
            let (job, l) = (&plan.jobs[i], &loaded[i]);
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
                    let done = fix::fix_zone(
                        Arc::clone(&l.zone.files()[0]),
                        &job.resolved.load,
                        self.fs,
                        &others,
                        &job.resolved.selection,
                        options,
                    )?;
                    Some(Fixed {
                        writes: done.files,
                        applied: done.applied,
                        files: done.loaded.zone.files().to_vec(),
                        diagnostics: done.diagnostics,
                    })
                }
                _ => None,
            };
            report.zones.push(Checked {
                job: i,
                files: l.zone.files().to_vec(),
                diagnostics,
                fixed,
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
}
