//! `zonelint diff OLD NEW` and `zonelint diff --base REF [PATH...]`: what a
//! change does to the DNS, zone by zone (see [`crate::diff`]).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::git::{git, GitFs};
use super::{exit, ColorChoice, ConfigArgs};
use crate::diff::{compare, Change, Counts, Kind};
use crate::error::Error;
use crate::source::SourceFile;
use crate::workspace::Workspace;
use crate::zone::{self, FileSystem, Loaded, StdFileSystem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Grouped by owner and type, with the lines of the new file
    #[default]
    Human,
    /// One object per zone, each change with owner, type, TTL, data and lines
    Json,
    /// Tables for a pull-request comment
    Markdown,
    /// GitHub Actions notices on the changed lines
    Github,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Two zone files, OLD then NEW; with `--base`, the files and folders
    /// to compare (default: the whole repository)
    pub paths: Vec<PathBuf>,
    /// Compare the working tree with this git revision (a commit, branch
    /// or tag); the old texts are read with `git show`
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Exit 1 when the DNS changes (for refactors that must change nothing)
    #[arg(long)]
    pub exit_code: bool,
    /// The zone's origin, when the files do not give it
    #[arg(long, value_name = "NAME")]
    pub origin: Option<String>,
    /// When to colour human output
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// What happened to one zone file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Status {
    /// Both versions exist and serve different records.
    Changed,
    /// Both versions serve the same records (reformatting, comments).
    Unchanged,
    /// The file is new.
    Added,
    /// The file is gone.
    Deleted,
}

/// One zone's comparison, as `--format json` prints it.
#[derive(Debug, Serialize)]
struct ZoneDiff {
    /// The zone file (the new one; the old one for a deleted file).
    path: String,
    /// The old file, when it is another (`diff OLD NEW`).
    #[serde(skip_serializing_if = "Option::is_none")]
    old_path: Option<String>,
    /// The zone's apex.
    zone: String,
    status: Status,
    /// The SOA serial of each version (`null` where there is none).
    serial: Serials,
    counts: Counts,
    changes: Vec<Change>,
}

impl ZoneDiff {
    /// Whether `place` is in the zone file itself (old or new), not in a
    /// file it includes.
    fn is_main(&self, place: &crate::diff::Place) -> bool {
        place.path == self.path || self.old_path.as_deref() == Some(place.path.as_str())
    }
}

#[derive(Debug, Serialize)]
struct Serials {
    old: Option<u32>,
    new: Option<u32>,
}

#[derive(Debug, Serialize)]
struct Report {
    /// Whether any zone's records changed.
    changed: bool,
    zones: Vec<ZoneDiff>,
}

/// Loads `text` as the zone file `path`, with `fs` for its `$INCLUDE`s;
/// a version with syntax errors cannot be compared.
fn load(
    workspace: &mut Workspace<'_>,
    path: &Path,
    text: Vec<u8>,
    fs: &dyn FileSystem,
    what: &str,
) -> Result<Loaded, Error> {
    let resolved = workspace.resolve(path, true)?;
    load_as(&resolved.load, path, text, fs, what)
}

fn load_as(
    options: &zone::LoadOptions,
    path: &Path,
    text: Vec<u8>,
    fs: &dyn FileSystem,
    what: &str,
) -> Result<Loaded, Error> {
    let loaded = zone::load(SourceFile::new(path, text), options, fs);
    if let Some(d) = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == crate::diagnostic::SYNTAX)
    {
        let file = loaded
            .zone
            .files()
            .iter()
            .find(|f| f.id() == d.file)
            .cloned();
        let at = file.map_or(String::new(), |f| {
            format!("{}:{}: ", f.path().display(), f.line_col(d.span.start).0)
        });
        return Err(Error::Usage(format!(
            "the {what} version of `{}` has syntax errors, so its records are not known: {at}{}",
            path.display(),
            d.message
        )));
    }
    Ok(loaded)
}

fn zone_diff(
    path: &Path,
    old_path: Option<&Path>,
    old: Option<&Loaded>,
    new: Option<&Loaded>,
) -> ZoneDiff {
    let changes = compare(old.map(|l| &l.zone), new.map(|l| &l.zone));
    let status = match (old, new) {
        (None, _) => Status::Added,
        (_, None) => Status::Deleted,
        _ if changes.is_empty() => Status::Unchanged,
        _ => Status::Changed,
    };
    let zone = new.or(old).map_or(String::new(), |l| {
        l.zone.names().name(l.zone.apex()).to_string()
    });
    ZoneDiff {
        path: path.display().to_string(),
        old_path: old_path.map(|p| p.display().to_string()),
        zone,
        status,
        serial: Serials {
            old: old.and_then(|l| l.zone.apex_soa()).map(|(_, s)| s.serial),
            new: new.and_then(|l| l.zone.apex_soa()).map(|(_, s)| s.serial),
        },
        counts: Counts::of(&changes),
        changes,
    }
}

pub fn run(args: &DiffArgs, out: &mut dyn Write) -> Result<i32, Error> {
    let settings = args.config.settings(args.origin.as_deref())?;
    let mut workspace = Workspace::new(settings, &StdFileSystem);
    let zones = match &args.base {
        None => {
            let [old, new] = args.paths.as_slice() else {
                return Err(Error::Usage(
                    "`zonelint diff` compares two files (`zonelint diff OLD NEW`), or the working \
                     tree with a git revision (`zonelint diff --base REF [PATH...]`)"
                        .to_owned(),
                ));
            };
            let read = |p: &Path| {
                crate::source::read_file(p).map_err(|source| Error::Read {
                    path: p.to_path_buf(),
                    source,
                })
            };
            let (ra, rb) = (workspace.resolve(old, true)?, workspace.resolve(new, true)?);
            let (ta, tb) = (read(old)?, read(new)?);
            // Both versions load at once.
            let (a, b) = rayon::join(
                || load_as(&ra.load, old, ta, &StdFileSystem, "old"),
                || load_as(&rb.load, new, tb, &StdFileSystem, "new"),
            );
            let (a, b) = (a?, b?);
            vec![zone_diff(new, Some(old), Some(&a), Some(&b))]
        }
        Some(base) => git_diffs(&mut workspace, base, &args.paths)?,
    };
    let report = Report {
        changed: zones.iter().any(|z| !z.changes.is_empty()),
        zones,
    };
    let written = match args.format {
        Format::Human => write_human(out, &report, args.color.enabled()),
        Format::Json => serde_json::to_writer_pretty(&mut *out, &report)
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out)),
        Format::Markdown => write_markdown(out, &report),
        Format::Github => write_github(out, &report),
    };
    super::ignore_broken_pipe(written)?;
    Ok(if args.exit_code && report.changed {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// NUL-separated git output as paths from the repository's root.
fn paths_of(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect()
}

/// The zone files that differ between `base` and the working tree, below
/// `paths`, each compared; with the zones whose `$INCLUDE`d files changed.
fn git_diffs(
    workspace: &mut Workspace<'_>,
    base: &str,
    paths: &[PathBuf],
) -> Result<Vec<ZoneDiff>, Error> {
    let cwd = std::env::current_dir().map_err(|source| Error::Read {
        path: PathBuf::from("."),
        source,
    })?;
    let Some(fs) = GitFs::open(&cwd, base)? else {
        return Err(Error::Usage(
            "the repository has no commit yet: there is no earlier version to compare with"
                .to_owned(),
        ));
    };
    let (root, rev) = (fs.root.clone(), fs.rev.clone());
    let specs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let with_specs = |args: &[&str]| -> Result<Vec<String>, Error> {
        let mut all: Vec<&str> = args.to_vec();
        all.push("--");
        all.extend(specs.iter().map(String::as_str));
        Ok(paths_of(&git(&cwd, &all)?))
    };
    // Tracked files changed since `base` (renames as a deletion and an
    // addition), and new files git does not ignore; from the root.
    let mut changed = with_specs(&["diff", "--name-only", "-z", "--no-renames", &rev])?;
    let untracked = with_specs(&[
        "ls-files",
        "--others",
        "--exclude-standard",
        "-z",
        "--full-name",
    ])?;
    changed.extend(untracked);
    changed.sort();
    changed.dedup();
    let is_zone = |workspace: &mut Workspace<'_>, path: &Path| -> bool {
        workspace
            .resolve(path, true)
            .is_ok_and(|r| r.config.is_zone_file(path))
    };
    let mut zones: Vec<PathBuf> = Vec::new();
    let mut fragments: Vec<PathBuf> = Vec::new();
    for rel in &changed {
        let path = root.join(rel);
        if is_zone(workspace, &path) {
            zones.push(path);
        } else {
            fragments.push(path);
        }
    }
    // A changed file that is no zone may be `$INCLUDE`d by one: the zone
    // files of the working tree (below the paths) that read it.
    if !fragments.is_empty() {
        let tracked = with_specs(&["ls-files", "-z", "--full-name"])?;
        for rel in tracked {
            let path = root.join(&rel);
            if zones.contains(&path) || !path.is_file() || !is_zone(workspace, &path) {
                continue;
            }
            let Ok(text) = crate::source::read_file(&path) else {
                continue;
            };
            let resolved = workspace.resolve(&path, true)?;
            let loaded = zone::load(SourceFile::new(&path, text), &resolved.load, &StdFileSystem);
            let reads = |f: &Arc<SourceFile>| {
                let p = crate::paths::absolute(f.path()).unwrap_or_else(|_| f.path().to_path_buf());
                fragments.contains(&p)
            };
            if loaded.zone.files().iter().skip(1).any(reads) {
                zones.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for path in zones {
        let rel = fs.relative(&path).unwrap_or_default();
        let shown =
            crate::paths::below(&cwd, &path).map_or_else(|| path.clone(), Path::to_path_buf);
        let old_text = fs.show(&rel);
        let new_text = path
            .is_file()
            .then(|| crate::source::read_file(&path).ok())
            .flatten();
        let old = match old_text {
            Some(t) => Some(load(workspace, &shown, t, &fs, "old")?),
            None => None,
        };
        let new = match new_text {
            Some(t) => Some(load(workspace, &shown, t, &StdFileSystem, "new")?),
            None => None,
        };
        if old.is_none() && new.is_none() {
            continue;
        }
        out.push(zone_diff(&shown, None, old.as_ref(), new.as_ref()));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

// ------------------------------------------------------------ outputs

fn summary(z: &ZoneDiff) -> String {
    let c = z.counts;
    match z.status {
        Status::Unchanged => "no change to the DNS".to_owned(),
        Status::Added => format!("new zone file ({} records)", c.added),
        Status::Deleted => format!("zone file deleted ({} records)", c.removed),
        Status::Changed => {
            let n = c.added + c.removed + c.ttl;
            format!(
                "{n} change{} to the DNS ({} added, {} removed, {} TTL only)",
                if n == 1 { "" } else { "s" },
                c.added,
                c.removed,
                c.ttl
            )
        }
    }
}

fn write_human(out: &mut dyn Write, report: &Report, color: bool) -> io::Result<()> {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    if report.zones.is_empty() {
        return writeln!(out, "no zone file changed");
    }
    for z in &report.zones {
        let serial = match (z.serial.old, z.serial.new) {
            (Some(a), Some(b)) if a == b => format!(", serial {b} unchanged"),
            (Some(a), Some(b)) => format!(", serial {a} -> {b}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "{} ({}): {}{serial}",
            paint("1", &z.path),
            z.zone,
            summary(z)
        )?;
        let mut group: Option<(&str, &str)> = None;
        for c in &z.changes {
            if group != Some((&c.owner, &c.rtype)) {
                writeln!(out, "  {}  {}", c.owner, c.rtype)?;
                group = Some((&c.owner, &c.rtype));
            }
            // Lines of another file (an `$INCLUDE`) say which.
            let of = |p: &crate::diff::Place| {
                if z.is_main(p) {
                    String::new()
                } else {
                    format!(" of {}", p.path)
                }
            };
            let at = match (&c.new, &c.old) {
                (Some(n), _) => format!("line {}{}", n.line, of(n)),
                (None, Some(o)) => format!("was line {}{}", o.line, of(o)),
                _ => String::new(),
            };
            let line = match c.change {
                Kind::Added => paint("32", &format!("    + {:<6} {}", c.ttl, c.rdata)),
                Kind::Removed => paint("31", &format!("    - {:<6} {}", c.ttl, c.rdata)),
                Kind::Ttl => paint(
                    "33",
                    &format!(
                        "    ~ TTL {} -> {}  {}",
                        c.old_ttl.unwrap_or_default(),
                        c.ttl,
                        c.rdata
                    ),
                ),
            };
            writeln!(out, "{line}    ({at})")?;
        }
    }
    Ok(())
}

/// `text` in a markdown table cell, as code.
fn cell(text: &str) -> String {
    let text = text.replace('|', "\\|").replace(['\n', '\r'], " ");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// Most rows of one zone's table; the rest are counted.
const MARKDOWN_ROWS: usize = 200;

fn write_markdown(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    writeln!(out, "## DNS changes\n")?;
    if !report.changed {
        writeln!(out, "No change to the DNS.")?;
    }
    for z in &report.zones {
        let serial = match (z.serial.old, z.serial.new) {
            (Some(a), Some(b)) if a == b => format!(" (serial {b} unchanged)"),
            (Some(a), Some(b)) => format!(" (serial {a} → {b})"),
            _ => String::new(),
        };
        writeln!(
            out,
            "### {} `{}`: {}{serial}\n",
            cell(&z.path),
            z.zone,
            summary(z)
        )?;
        if z.changes.is_empty() {
            continue;
        }
        writeln!(out, "| | owner | type | TTL | data | line |")?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for c in z.changes.iter().take(MARKDOWN_ROWS) {
            let (mark, ttl) = match c.change {
                Kind::Added => ("➕", c.ttl.to_string()),
                Kind::Removed => ("➖", c.ttl.to_string()),
                Kind::Ttl => (
                    "✏️",
                    format!("{} (was {})", c.ttl, c.old_ttl.unwrap_or_default()),
                ),
            };
            let at = |p: &crate::diff::Place| {
                if z.is_main(p) {
                    p.line.to_string()
                } else {
                    format!("{}:{}", p.path, p.line)
                }
            };
            let line = match (&c.new, &c.old) {
                (Some(n), _) => at(n),
                (None, Some(o)) => format!("(was {})", at(o)),
                _ => String::new(),
            };
            writeln!(
                out,
                "| {mark} | {} | {} | {ttl} | {} | {line} |",
                cell(&c.owner),
                c.rtype,
                cell(&c.rdata)
            )?;
        }
        if z.changes.len() > MARKDOWN_ROWS {
            writeln!(
                out,
                "\n…and {} more changes.",
                z.changes.len() - MARKDOWN_ROWS
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_github(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    for z in &report.zones {
        for c in &z.changes {
            let (what, text) = match c.change {
                Kind::Added => (
                    "added",
                    format!("{} {} {} {}", c.owner, c.ttl, c.rtype, c.rdata),
                ),
                Kind::Removed => (
                    "removed",
                    format!("{} {} {} {}", c.owner, c.ttl, c.rtype, c.rdata),
                ),
                Kind::Ttl => (
                    "TTL changed",
                    format!(
                        "{} {} {}: TTL {} -> {}",
                        c.owner,
                        c.rtype,
                        c.rdata,
                        c.old_ttl.unwrap_or_default(),
                        c.ttl
                    ),
                ),
            };
            // Removed records have no line in the new file: a file notice.
            let place = match (&c.new, c.change) {
                (Some(n), _) => format!(
                    "file={},line={}",
                    crate::output::github::property(&n.path),
                    n.line
                ),
                _ => format!("file={}", crate::output::github::property(&z.path)),
            };
            writeln!(
                out,
                "::notice {place},title={}::{}",
                crate::output::github::property(&format!("DNS record {what}")),
                crate::output::github::data(&text)
            )?;
        }
    }
    Ok(())
}
