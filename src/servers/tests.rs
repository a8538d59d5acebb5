use std::path::{Path, PathBuf};

use super::*;
use crate::zone::StdFileSystem;

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn absolute_paths_match_by_their_trailing_components() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let conf = write(
        root,
        "bind/named.conf",
        "options { directory \"/var/named\"; };\n\
         zone \"a.example\" { type master; file \"/etc/bind/zones/db.a\"; };\n\
         zone \"b.example\" { type master; file \"db.b\"; };\n\
         zone \"c.example\" { type master; file \"/srv/db.c\"; };\n\
         zone \"d.example\" { type master; file \"/etc/bind/db.missing\"; };\n",
    );
    let a = write(root, "bind/zones/db.a", "");
    write(root, "old/db.a", "");
    let b = write(root, "bind/db.b", "");
    write(root, "one/db.c", "");
    write(root, "two/db.c", "");
    let repo = RepoFiles::walk(root);
    let zones = read(&[conf], &repo, &StdFileSystem);
    let found = |p: &Path| zones.uses(&StdFileSystem, p).map(|u| u[0].zone.to_string());
    // `zones/db.a` shares two components with `/etc/bind/zones/db.a`,
    // `old/db.a` only one.
    assert_eq!(found(&a).as_deref(), Some("a.example."));
    // Relative to the configuration's folder when not in `directory`.
    assert_eq!(found(&b).as_deref(), Some("b.example."));
    assert_eq!(zones.by_file.len(), 2);
    // Two `db.c` files share as much with `/srv/db.c`: reported, not guessed.
    assert_eq!(zones.notes.len(), 1, "{:?}", zones.notes);
    assert!(
        zones.notes[0].contains("could be any of"),
        "{}",
        zones.notes[0]
    );
}

#[test]
fn includes_and_views_are_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let conf = write(
        root,
        "named.conf",
        "include \"/etc/bind/named.conf.local\";\n\
         view \"inside\" { include \"/etc/bind/inside.zones\"; };\n",
    );
    write(
        root,
        "named.conf.local",
        "zone \"example.org\" { type primary; file \"/etc/bind/db.example.org\"; };\n",
    );
    write(
        root,
        "inside.zones",
        "zone \"example.com\" { type primary; file \"/etc/bind/inside/db.example.com\"; };\n\
         zone \"example.org\" { type primary; file \"/etc/bind/db.example.org\"; };\n",
    );
    let org = write(root, "db.example.org", "");
    let com = write(root, "inside/db.example.com", "");
    let repo = RepoFiles::walk(root);
    let zones = read(&[conf], &repo, &StdFileSystem);
    let uses = zones.uses(&StdFileSystem, &org).unwrap();
    let views: Vec<Option<&str>> = uses.iter().map(|u| u.view.as_deref()).collect();
    assert_eq!(views, vec![None, Some("inside")]);
    let com = zones.uses(&StdFileSystem, &com).unwrap();
    assert_eq!(com[0].view.as_deref(), Some("inside"));
    assert_eq!(zones.configs.len(), 3);
}

#[test]
fn configurations_are_found_in_the_folder_and_above_up_to_the_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    write(root, "named.conf", "");
    write(root, "zones/nsd.conf", "");
    write(root, "zones/sub/knot.conf", "");
    write(root, "other/named.conf.local", "");
    let zone = write(root, "zones/sub/db.example", "");
    assert_eq!(repository_root(&zone), root);
    let names = |found: Vec<PathBuf>| -> Vec<String> {
        found
            .iter()
            .map(|p| {
                let abs = crate::paths::absolute(p).unwrap();
                abs.strip_prefix(root).unwrap().display().to_string()
            })
            .collect()
    };
    assert_eq!(
        names(find_configs(&zone, root)),
        vec!["named.conf", "zones/nsd.conf", "zones/sub/knot.conf"]
    );
    // A folder: what is below it too, and what is above.
    assert_eq!(
        names(find_configs(&root.join("other"), root)),
        vec!["named.conf", "other/named.conf.local"]
    );
}

#[test]
fn root_hints_are_known_by_name_and_contents() {
    let hints = b".  3600000  NS  A.ROOT-SERVERS.NET.\nA.ROOT-SERVERS.NET. 3600000 A 198.41.0.4\n";
    assert!(is_root_hints(Path::new("db.root"), hints));
    assert!(is_root_hints(Path::new("named.ca"), hints));
    assert!(!is_root_hints(Path::new("db.example"), hints));
    // A root zone (it has an SOA) under that name is a zone.
    let zone = b". 86400 SOA a.root-servers.net. nstld.verisign-grs.com. 1 1800 900 604800 86400\n";
    assert!(!is_root_hints(Path::new("db.root"), zone));
    assert_eq!(
        Server::of_file_name("named.conf.options"),
        Some(Server::Bind)
    );
    assert_eq!(Server::of_file_name("nsd.conf"), Some(Server::Nsd));
    assert_eq!(Server::of_file_name("knot.conf"), Some(Server::Knot));
    assert_eq!(Server::of_file_name("resolv.conf"), None);
}
