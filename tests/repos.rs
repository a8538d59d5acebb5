//! The fixture repositories of `testdata/repos/`, each checked the way its
//! owner would, in a copy that is a repository of its own (it has a `.git`
//! folder): `zonelint check .` in it, its files named on one command line
//! in reverse order (as pre-commit passes them), and each file on its own
//! (an editor, a pre-commit run that passes one changed file). Every way
//! gives exactly the findings of `tests/data/repos/<name>.expect`
//! (`ZONELINT_BLESS=1` rewrites them; review the diff).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::zonelint;

const REPOS: &[&str] = &[
    "debian-bind",
    "split-horizon",
    "nsd",
    "knot",
    "dump-format",
    "archive",
    "includes",
];

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The repository's files other than its server configurations, as paths
/// from its root.
fn files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != ".git" {
                files(root, &path, out);
            }
        } else if zonelint::servers::Server::of_file_name(&name).is_none() {
            out.push(
                path.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
}

/// The findings of one run (concise lines) and its exit code.
fn run(args: &[&str], cwd: &Path) -> (BTreeSet<String>, i32) {
    let mut full = vec!["check", "--format", "concise"];
    full.extend_from_slice(args);
    let out = zonelint(&full, None, cwd);
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "zonelint {full:?} exited {code}: {}",
        common::text(&out.stderr)
    );
    let lines = common::text(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    (lines, code)
}

fn expected(name: &str, got: &BTreeSet<String>, code: i32) {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/repos")
        .join(format!("{name}.expect"));
    let mut text = format!("exit {code}\n");
    for l in got {
        text.push_str(l);
        text.push('\n');
    }
    if std::env::var_os("ZONELINT_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (ZONELINT_BLESS=1 writes it)", path.display()));
    assert_eq!(
        want,
        text,
        "{name}: `zonelint check .` differs from {}",
        path.display()
    );
}

#[test]
fn each_repository_gives_its_findings_in_every_order() {
    for name in REPOS {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join(name);
        copy_tree(&common::testdata().join("repos").join(name), &root);
        std::fs::create_dir(root.join(".git")).unwrap();

        let (all, code) = run(&["."], &root);
        expected(name, &all, code);

        let mut list = Vec::new();
        files(&root, &root, &mut list);
        list.sort();
        list.reverse();
        let args: Vec<&str> = list.iter().map(String::as_str).collect();
        let (reversed, reversed_code) = run(&args, &root);
        assert_eq!(reversed, all, "{name}: the files named in reverse order");
        assert_eq!(reversed_code, code, "{name}: exit code in reverse order");

        let mut alone = BTreeSet::new();
        for f in &list {
            alone.extend(run(&[f.as_str()], &root).0);
        }
        assert_eq!(alone, all, "{name}: each file on its own");
    }
}

/// A server configuration that does not parse is a warning with its span;
/// the zones declared before the error still name their files.
#[test]
fn a_broken_server_configuration_is_a_finding_not_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(
        root.join("named.conf"),
        "zone \"example.com\" { type master; file \"/etc/bind/example\"; };\n\
         zone \"example.net\" { type master file \"/etc/bind/net\" };\n",
    )
    .unwrap();
    std::fs::write(
        root.join("example"),
        "$TTL 1h\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n  NS ns1\nns1 A 192.0.2.1\n",
    )
    .unwrap();
    let (found, code) = run(&["example"], root);
    assert_eq!(code, 0, "{found:?}");
    let found: Vec<&String> = found.iter().collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("named.conf:2:") && found[0].contains("warning[server-config]"),
        "{}",
        found[0]
    );
    // The origin came from the configuration: `example` names no zone.
    let json = zonelint(&["check", "--no-server-config", "example"], None, root);
    assert_eq!(
        json.status.code(),
        Some(1),
        "{}",
        common::text(&json.stdout)
    );
}

/// The zone each file is checked as, as `check --verbose` says it.
fn checked_as(args: &[&str], cwd: &Path) -> Vec<String> {
    let mut full = vec!["check", "--verbose"];
    full.extend_from_slice(args);
    let out = zonelint(&full, None, cwd);
    common::text(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("checking "))
        .map(str::to_owned)
        .collect()
}

/// Every step of the origin's precedence: `--origin`, `[origins]`, a server
/// configuration, `$ORIGIN`, the SOA owner, the file name.
#[test]
fn the_origin_comes_from_the_first_step_that_gives_one() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(
        root.join("named.conf"),
        "zone \"conf.example\" { type primary; file \"/etc/bind/db.x\"; };\n",
    )
    .unwrap();
    let soa = "@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n  NS ns1\nns1 A 192.0.2.1\n";
    std::fs::write(
        root.join("db.x"),
        format!("$TTL 1h\n$ORIGIN dir.example.\n{soa}"),
    )
    .unwrap();
    std::fs::write(
        root.join("db.y"),
        "$TTL 1h\nsoa.example. SOA ns1.soa.example. h.soa.example. 1 7200 3600 1209600 300\n",
    )
    .unwrap();
    std::fs::write(root.join("db.example.net"), format!("$TTL 1h\n{soa}")).unwrap();
    let line = |file: &str, zone: &str, from: &str| {
        vec![format!("checking `{file}` as the zone `{zone}` ({from})")]
    };
    assert_eq!(
        checked_as(&["--origin", "flag.example.", "db.x"], root),
        line("db.x", "flag.example.", "given")
    );
    std::fs::write(
        root.join("zonelint.toml"),
        "[origins]\n\"db.x\" = \"toml.example.\"\n",
    )
    .unwrap();
    assert_eq!(
        checked_as(&["db.x"], root),
        line("db.x", "toml.example.", "given")
    );
    std::fs::remove_file(root.join("zonelint.toml")).unwrap();
    assert_eq!(
        checked_as(&["db.x"], root),
        line(
            "db.x",
            "conf.example.",
            "from the server configuration `named.conf`"
        )
    );
    assert_eq!(
        checked_as(&["--no-server-config", "db.x"], root),
        line("db.x", "dir.example.", "from $ORIGIN")
    );
    assert_eq!(
        checked_as(&["db.y"], root),
        line("db.y", "soa.example.", "from the SOA owner")
    );
    assert_eq!(
        checked_as(&["db.example.net"], root),
        line("db.example.net", "example.net.", "from the file name")
    );
}
