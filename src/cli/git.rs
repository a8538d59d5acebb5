//! Reading an earlier revision with git (`git show REV:path`), for `diff
//! --base` and `check --base`: no network, no library.

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Error;
use crate::zone::{FileSystem, StdFileSystem};

/// Runs git in `dir`; its standard output, or an error naming the command.
pub(crate) fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| Error::Usage(format!("cannot run git ({e}): `--base` needs git on PATH")))?;
    if !output.status.success() {
        return Err(Error::Usage(format!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(output.stdout)
}

/// The files of a git revision, for the `$INCLUDE`s of its zones: paths in
/// the repository are read with `git show REV:path`, others from disk.
#[derive(Debug)]
pub(crate) struct GitFs {
    pub root: PathBuf,
    pub rev: String,
}

impl GitFs {
    pub fn relative(&self, path: &Path) -> Option<String> {
        let absolute = crate::paths::absolute(path).ok()?;
        let rest = crate::paths::below(&self.root, &absolute)?;
        Some(rest.to_string_lossy().replace('\\', "/"))
    }

    pub fn show(&self, rel: &str) -> Option<Vec<u8>> {
        let output = Command::new("git")
            .args(["show", &format!("{}:{rel}", self.rev)])
            .current_dir(&self.root)
            .output()
            .ok()?;
        output.status.success().then_some(output.stdout)
    }
}

impl FileSystem for GitFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.relative(path) {
            Some(rel) => self.show(&rel).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("not in revision {}", self.rev),
                )
            }),
            None => StdFileSystem.read(path),
        }
    }
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        crate::paths::absolute(path)
    }
    fn is_file(&self, path: &Path) -> bool {
        match self.relative(path) {
            Some(rel) => Command::new("git")
                .args(["cat-file", "-e", &format!("{}:{rel}", self.rev)])
                .current_dir(&self.root)
                .output()
                .is_ok_and(|o| o.status.success()),
            None => path.is_file(),
        }
    }
}

impl GitFs {
    /// The repository that holds `dir`, at revision `base` (`None` for
    /// `HEAD` in a repository with no commit yet: no earlier version).
    pub fn open(dir: &Path, base: &str) -> Result<Option<GitFs>, Error> {
        let root = PathBuf::from(
            String::from_utf8_lossy(&git(dir, &["rev-parse", "--show-toplevel"])?)
                .trim()
                .to_owned(),
        );
        let verify = git(
            dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{base}^{{commit}}"),
            ],
        );
        let rev = match verify {
            Ok(rev) => String::from_utf8_lossy(&rev).trim().to_owned(),
            Err(_)
                if base == "HEAD"
                    && git(dir, &["rev-list", "-n1", "--all"]).is_ok_and(|o| o.is_empty()) =>
            {
                return Ok(None)
            }
            Err(_) => {
                return Err(Error::Usage(format!(
                    "`{base}` is not a revision of the git repository at `{}`",
                    root.display()
                )))
            }
        };
        Ok(Some(GitFs { root, rev }))
    }
}

impl crate::workspace::History for GitFs {
    fn text(&self, path: &Path) -> Option<Vec<u8>> {
        self.show(&self.relative(path)?)
    }
    fn file_system(&self) -> &dyn FileSystem {
        self
    }
}
