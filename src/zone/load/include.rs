//! `$INCLUDE`: where a path leads (beside the including file, then in the
//! working directory; only inside an include root, judged after `..` and
//! symbolic links are resolved), cycles, limits, and the state an included
//! file may not change.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{FileSystem, Loader, MAX_INCLUDES, MAX_INCLUDE_DEPTH, MAX_ZONE_BYTES};
use crate::source::{SourceFile, Span};
use crate::syntax::NameText;
use crate::zone::NameId;

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
pub(super) struct IncludeRoot {
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
        inside(lexical, &self.lexical)
            || self.canonical.as_ref().is_some_and(|c| inside(lexical, c))
    }

    /// The decisive test, on a path whose links are resolved.
    fn contains(&self, real: &Path) -> bool {
        match &self.canonical {
            Some(c) => inside(real, c),
            None => inside(real, &self.lexical),
        }
    }
}

/// True when `path` is below `root` and not inside a `.git` folder there
/// (the root is the repository: its git data is never a zone's part).
fn inside(path: &Path, root: &Path) -> bool {
    path.strip_prefix(root)
        .is_ok_and(|rest| !rest.components().any(|c| c.as_os_str() == ".git"))
}

pub(super) fn include_roots(
    given: &[PathBuf],
    top: &Path,
    fs: &dyn FileSystem,
) -> Vec<IncludeRoot> {
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
    let absolute = crate::paths::absolute(path).unwrap_or_else(|_| path.to_path_buf());
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
    /// `$INCLUDE path [origin]` in `parent`: the file is read in place, or
    /// an error says why not, and the zone is then incomplete (its rules
    /// do not say that a name it lacks does not exist).
    pub(super) fn include(
        &mut self,
        parent: &Arc<SourceFile>,
        path: &[u8],
        path_span: Span,
        origin: Option<(NameText<'_>, Span)>,
    ) {
        let files = self.files.len();
        self.include_file(parent, path, path_span, origin);
        if self.files.len() == files {
            self.incomplete = true;
        }
    }

    fn include_file(
        &mut self,
        parent: &Arc<SourceFile>,
        path: &[u8],
        path_span: Span,
        origin: Option<(NameText<'_>, Span)>,
    ) {
        let file = parent.id();
        let path_text = String::from_utf8_lossy(path).into_owned();
        if !self.includes_ready {
            self.includes_ready = true;
            let top = self.files[0].path().to_path_buf();
            if let Ok(canonical) = self.fs.canonicalize(&top) {
                self.include_chain.insert(0, canonical);
            }
            self.include_roots = include_roots(&self.options.include_roots, &top, self.fs);
        }
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
                    "move the file into the repository (or under the zone file's folder when there is no zonelint.toml), or allow \
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
}
