//! One record: its owner (blank, `@`, relative or absolute), TTL (RFC
//! 1035 §5.1, RFC 2308 §4), class, and data completed with the origin;
//! then stored, counted for the owner index and flagged on its name.

use super::{name_flags, record_flags, Loader, OUT_OF_ZONE};
use crate::diagnostic::{Diagnostic, Severity};
use crate::dns::rdata::{Rdata, RdataForm, Soa};
use crate::dns::{Class, RecordType};
use crate::source::{FileId, Span};
use crate::syntax::{NameText, Owner, RecordItem};
use crate::zone::{NameId, Record};

impl Loader<'_> {
    /// Resolves a name as written against the current origin.
    pub(super) fn resolve(
        &mut self,
        file: FileId,
        name: NameText<'_>,
        span: Span,
        what: &str,
    ) -> Option<NameId> {
        match name {
            NameText::Absolute(wire) => Some(
                self.names
                    .intern_below(NameId::ROOT, wire)
                    .expect("parser checked length"),
            ),
            NameText::Origin | NameText::Relative(_) => {
                let Some(origin) = self.origin else {
                    self.no_origin(file, span);
                    return None;
                };
                match name {
                    NameText::Relative(labels) => {
                        match self.names.intern_below(origin, labels) {
                            Some(id) => Some(id),
                            None => {
                                self.error(file, span, format!("{what} is longer than 255 octets once the origin is appended"));
                                None
                            }
                        }
                    }
                    _ => Some(origin),
                }
            }
        }
    }

    pub(super) fn no_origin(&mut self, file: FileId, span: Span) {
        if self.reported_no_origin {
            return;
        }
        self.reported_no_origin = true;
        let stdin = self
            .files
            .first()
            .is_some_and(|f| f.path() == std::path::Path::new(crate::source::STDIN_NAME));
        self.error(
            file,
            span,
            "relative name, but the zone's origin is unknown",
        )
        .help = Some(if stdin {
            "standard input has no file name to take the origin from: pass the file's path with `--stdin-filename example.com.zone`, or give `--origin example.com.`".into()
        } else {
            "give the origin with `--origin example.com.`, add `$ORIGIN example.com.` before the first relative name, or name the file `example.com.zone`".into()
        });
    }

    /// True if `id` is inside the zone; warns (once per entry) otherwise.
    pub(super) fn in_zone(&mut self, id: NameId, file: FileId, span: Span) -> bool {
        let Some(apex) = self.apex else {
            return true;
        };
        if self.names.is_at_or_below(id, apex) {
            return true;
        }
        let name = self.names.name(id);
        let origin = self.names.name(apex);
        self.diagnostics.push(
            Diagnostic::new(OUT_OF_ZONE, Severity::Warning, file, span, format!("`{name}` is outside the zone `{origin}`; the record is ignored"))
                .with_help("servers ignore records outside the zone; move it to the zone it belongs to, or check the origin"),
        );
        false
    }

    /// The effective TTL: explicit, else `$TTL`, else the last explicit TTL
    /// (RFC 2308 §4, RFC 1035 §5.1), else for an SOA its MINIMUM, which then
    /// acts as `$TTL` (as BIND does).
    pub(super) fn ttl_for(
        &mut self,
        file: FileId,
        span: Span,
        explicit: Option<u32>,
        soa_minimum: impl FnOnce(&Self) -> Option<u32>,
    ) -> u32 {
        if let Some(ttl) = explicit {
            self.last_ttl = Some(ttl);
            return ttl;
        }
        if let Some(ttl) = self.default_ttl.or(self.last_ttl) {
            return ttl;
        }
        if let Some(minimum) = soa_minimum(self) {
            // BIND: the SOA MINIMUM becomes the default TTL, like `$TTL`.
            self.default_ttl = Some(minimum);
            return minimum;
        }
        if !self.reported_no_ttl {
            self.reported_no_ttl = true;
            self.error(
                file,
                span,
                "no TTL: the record has none, and no $TTL or earlier TTL applies",
            )
            .help = Some("add `$TTL 1h` (or another default) at the top of the file".into());
        }
        0
    }

    pub(super) fn class_for(
        &mut self,
        file: FileId,
        span: Span,
        explicit: Option<Class>,
        class_span: Option<Span>,
    ) -> Option<Class> {
        let class = explicit
            .or(self.last_class)
            .or(self.zone_class)
            .unwrap_or(Class::IN);
        match self.zone_class {
            None => self.zone_class = Some(class),
            Some(zone) if zone != class => {
                self.error(
                    file,
                    class_span.unwrap_or(span),
                    format!("class {class} differs from the zone's class {zone}"),
                )
                .help = Some("every record of a zone has the zone's class (RFC 1035 §5.2)".into());
                return None;
            }
            Some(_) => {}
        }
        if explicit.is_some() {
            self.last_class = explicit;
        }
        Some(class)
    }

    /// Appends the record data, completing relative names with the origin.
    pub(super) fn append_rdata(&mut self, file: FileId, buf: Rdata<'_>) -> Option<(u32, u16)> {
        let start = self.rdata.len();
        let mut pos = 0usize;
        for rel in buf.relative {
            if self.origin.is_none() {
                self.no_origin(file, rel.span);
                self.rdata.truncate(start);
                return None;
            }
            let (s, e) = (usize::from(rel.start), usize::from(rel.end));
            self.rdata.extend_from_slice(&buf.wire[pos..e]);
            self.rdata.extend_from_slice(&self.origin_wire);
            if e - s + self.origin_wire.len() > crate::dns::name::MAX_NAME {
                self.error(
                    file,
                    rel.span,
                    "name is longer than 255 octets once the origin is appended",
                );
                self.rdata.truncate(start);
                return None;
            }
            pos = e;
        }
        self.rdata.extend_from_slice(&buf.wire[pos..]);
        let len = self.rdata.len() - start;
        match u16::try_from(len) {
            Ok(len) => Some((start as u32, len)),
            Err(_) => {
                let span = buf.relative.first().map_or(Span::default(), |r| r.span);
                self.error(
                    file,
                    span,
                    "record data longer than 65535 octets once the origin is appended",
                );
                self.rdata.truncate(start);
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn push_record(
        &mut self,
        file: FileId,
        file_index: u16,
        span: Span,
        owner: NameId,
        rtype: RecordType,
        explicit_ttl: Option<u32>,
        buf: Rdata<'_>,
        mut flags: u8,
    ) {
        let Some((start, len)) = self.append_rdata(file, buf) else {
            return;
        };
        let range = start as usize..start as usize + usize::from(len);
        let ttl = self.ttl_for(file, span, explicit_ttl, |this| {
            (rtype == RecordType::SOA)
                .then(|| Soa::from_wire(&this.rdata[range]).map(|s| s.minimum))
                .flatten()
        });
        if buf.form == RdataForm::Opaque {
            flags |= record_flags::OPAQUE;
        }
        if buf.out_of_range.is_some() {
            flags |= record_flags::FIELD_OUT_OF_RANGE;
        }
        if !buf.relative.is_empty() {
            flags |= record_flags::RELATIVE_DATA;
        }
        if self.default_ttl.is_some() {
            flags |= record_flags::DEFAULT_TTL;
        }
        if self.apex.is_none() {
            // No origin known and every name absolute: the first SOA (or
            // the first owner) is the apex.
            if rtype == RecordType::SOA {
                self.apex = Some(owner);
            }
        }
        // Counted and flagged now, while the owner's node is in cache: the
        // owner index is then built with one pass over the records.
        if self.owner_counts.len() <= self.names.len() {
            self.owner_counts.resize(self.names.len() + 1, 0);
        }
        self.owner_counts[owner.0 as usize + 1] += 1;
        self.names.set_flags(
            owner,
            name_flags::RECORDS
                | match rtype {
                    RecordType::NS => name_flags::NS,
                    RecordType::CNAME => name_flags::CNAME,
                    RecordType::DNAME => name_flags::DNAME,
                    RecordType::A | RecordType::AAAA => name_flags::ADDRESS,
                    RecordType::SOA => name_flags::SOA,
                    _ => 0,
                },
        );
        self.records.push(Record {
            owner,
            rtype,
            ttl,
            rdata_start: start,
            rdata_len: len,
            file: file_index,
            flags,
            start: span.start,
        });
    }

    pub(super) fn record(
        &mut self,
        file: FileId,
        index: u16,
        span: Span,
        tokens: &[crate::syntax::Token],
        layout: crate::syntax::Layout,
        r: &RecordItem<'_>,
    ) {
        let token_span = |i: Option<u32>| i.map(|i| tokens[i as usize].span);
        let owner = match r.owner {
            Owner::Blank => match self.last_owner {
                Some(o) => o,
                // The owner above could not be resolved (and said so): the
                // records that continue it are not more errors.
                None if self.owner_unresolved => return,
                None => {
                    let at = token_span(layout.rtype).unwrap_or(span);
                    self.error(file, at, "blank owner, but no previous record gives one").help =
                        Some("a line that starts with a blank continues the previous owner; write the owner at the start of the line".into());
                    return;
                }
            },
            Owner::Name(name) => {
                let owner_span = token_span(layout.owner).unwrap_or(span);
                let Some(id) = self.resolve(file, name, owner_span, "owner name") else {
                    self.last_owner = None;
                    self.owner_unresolved = true;
                    return;
                };
                self.last_owner = Some(id);
                self.owner_unresolved = false;
                id
            }
        };
        let class_span = token_span(layout.class);
        // Every record has the zone's class: one that differs is an error.
        if self.class_for(file, span, r.class, class_span).is_none() {
            return;
        }
        let owner_span = token_span(layout.owner).unwrap_or(span);
        if !self.in_zone(owner, file, owner_span) {
            return;
        }
        let flags = if matches!(r.owner, Owner::Name(NameText::Relative(_))) {
            record_flags::RELATIVE_OWNER
        } else {
            0
        };
        self.push_record(file, index, span, owner, r.rtype, r.ttl, r.rdata, flags);
    }
}
