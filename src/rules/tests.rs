use super::*;

fn enabled(select: &[&str], ignore: &[&str]) -> Vec<&'static str> {
    let owned = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let s = Selection::from_lists(&owned(select), &owned(ignore)).unwrap();
    all()
        .map(|r| r.meta.name)
        .filter(|n| !lookup(n).unwrap().is_refused() && s.is_enabled(n))
        .collect()
}

fn zone(origin: &str) -> crate::zone::Loaded {
    let text =
        format!("$ORIGIN {origin}\n$TTL 1h\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n");
    crate::zone::load(
        crate::source::SourceFile::new("x.zone", text.into_bytes()),
        &crate::zone::LoadOptions::default(),
        &crate::zone::StdFileSystem,
    )
}

#[test]
fn catalog_finds_the_deepest_zone() {
    let (parent, child, other) = (
        zone("Example.COM."),
        zone("sub.example.com."),
        zone("example.net."),
    );
    let catalog = Catalog::new(vec![&parent.zone, &child.zone, &other.zone]);
    let find = |name: &str| {
        let name: crate::dns::Name = name.parse().unwrap();
        catalog
            .zone_for(name.as_ref())
            .map(|z| z.origin().to_string())
    };
    assert_eq!(
        find("www.SUB.example.com.").as_deref(),
        Some("sub.example.com.")
    );
    assert_eq!(
        find("sub.example.com.").as_deref(),
        Some("sub.example.com.")
    );
    assert_eq!(find("mail.example.com.").as_deref(), Some("Example.COM."));
    assert_eq!(find("example.com.").as_deref(), Some("Example.COM."));
    assert_eq!(find("xsub.example.com.").as_deref(), Some("Example.COM."));
    assert_eq!(find("example.org.").as_deref(), None);
    assert_eq!(find("com.").as_deref(), None);
    assert_eq!(find(".").as_deref(), None);
    assert!(Catalog::new(Vec::new())
        .zone_for(crate::dns::Name::root().as_ref())
        .is_none());
    assert_eq!(
        catalog.get(child.zone.id()).map(|z| z.id()),
        Some(child.zone.id())
    );
}

/// A suppression naming a code in bytes that are not UTF-8 is reported
/// on exactly those bytes (found by fuzzing: the span was measured on
/// the lossy decoding, which is longer, and ran past the file's end).
#[test]
fn unused_suppression_spans_the_bytes_as_written() {
    let text = b"$ORIGIN example.com.\n$TTL 1h\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1 ; zonelint: allow(m\xff\xffx)".to_vec();
    let len = text.len() as u32;
    let loaded = crate::zone::load(
        crate::source::SourceFile::new("x.zone", text),
        &crate::zone::LoadOptions::default(),
        &crate::zone::StdFileSystem,
    );
    let catalog = Catalog::new(vec![&loaded.zone]);
    let found = lint(
        &loaded.zone,
        &catalog,
        &Selection::all(),
        &loaded.diagnostics,
    );
    let unused: Vec<_> = found
        .iter()
        .filter(|d| d.code == "unused-suppression")
        .collect();
    assert_eq!(unused.len(), 1, "{found:?}");
    assert_eq!(unused[0].span, crate::source::Span::new(len - 5, len - 1));
}

#[test]
fn codes_and_families() {
    // A code that is also the start of another code names itself only.
    let left = enabled(&["mx"], &["mx-missing"]);
    assert!(left.contains(&"mx-missing-trailing-dot"), "{left:?}");
    assert!(!left.contains(&"mx-missing"));
    assert_eq!(enabled(&["mx-missing"], &[]), ["mx-missing"]);
    assert_eq!(
        enabled(&["mx-target"], &["mx-target-ip"]),
        ["mx-target-invalid", "mx-target-cname", "mx-target-dangling"]
    );
    // Prefixes end at a hyphen: `mx-tar` is no family.
    assert_eq!(
        Selection::from_lists(&["mx-tar".to_owned()], &[]).unwrap_err(),
        SelectionError::Unknown("mx-tar".into())
    );
    // `all` minus the MX family leaves the configurable non-MX codes.
    let rest = enabled(&["all"], &["mx"]);
    assert!(rest.iter().all(|c| !c.starts_with("mx-")), "{rest:?}");
    assert!(rest.contains(&"unused-suppression") && rest.contains(&"byte-order-mark"));
}

#[test]
fn refused_rules_always_run_at_error() {
    let owned = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // Naming one in `ignore` is refused; a family or `all` leaves it on.
    for code in ["syntax", "mx-preference-range"] {
        assert_eq!(
            Selection::from_lists(&[], &owned(&[code])).unwrap_err(),
            SelectionError::Refused(code.into())
        );
    }
    let s = Selection::from_lists(&owned(&["mx-missing"]), &owned(&["mx", "all"])).unwrap();
    assert!(s.is_enabled("mx-preference-range") && s.is_enabled("syntax"));
    assert!(!s.is_enabled("mx-missing"));
    let mut s = Selection::all();
    s.set_severity("mx-preference-range", crate::diagnostic::Severity::Info);
    s.set_severity("mx-duplicate", crate::diagnostic::Severity::Error);
    assert_eq!(
        s.severity("mx-preference-range", crate::diagnostic::Severity::Error),
        crate::diagnostic::Severity::Error
    );
    assert_eq!(
        s.severity("mx-duplicate", crate::diagnostic::Severity::Warning),
        crate::diagnostic::Severity::Error
    );
}
