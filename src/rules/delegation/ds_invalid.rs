//! `ds-invalid`

use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::zone::RecordId;

/// The digest length a DS digest type has (RFC 3658, 4509, 6605, 5933,
/// 9558, 9563), or `None` for a type not assigned to a digest.
pub(super) fn digest_len(digest_type: u8) -> Option<usize> {
    match digest_type {
        1 => Some(20),         // SHA-1
        2 | 3 | 5 | 6 => Some(32), // SHA-256, GOST R 34.11-94, GOST R 34.11-2012, SM3
        4 => Some(48),         // SHA-384
        _ => None,
    }
}

/// Digest types whose wrong length BIND refuses when it reads the zone.
fn bind_checks_length(digest_type: u8) -> bool {
    matches!(digest_type, 1 | 2 | 4)
}

/// Whether a CDS is the deletion request of RFC 8078 §4 (`0 0 0 00`).
pub(super) fn is_cds_delete(data: &[u8]) -> bool {
    data.len() >= 3 && data[2] == 0
}

declare_rule! {
    /// ## What it does
    /// Checks the data of DS and CDS records: the digest type must be one
    /// IANA assigned (1 SHA-1, 2 SHA-256, 3 GOST R 34.11-94, 4 SHA-384,
    /// 5 GOST R 34.11-2012, 6 SM3), and the digest as long as that type's
    /// digests are. The CDS deletion request `0 0 0 00` (RFC 8078 §4) is
    /// `cds-mismatch`'s.
    ///
    /// ## Why is this bad?
    /// A DS names the child zone's key by its digest (RFC 4034 §5). With a
    /// digest type no validator knows, the DS secures nothing; with a
    /// digest of the wrong length it matches no key, and validators that
    /// know the type treat the delegation as bogus: the child zone stops
    /// resolving for every validating resolver.
    ///
    /// ## Example
    /// ```zone
    /// sub  IN  DS  12345 13 2 0123456789ABCDEF
    /// ```
    ///
    /// Use instead: the DS as `dnssec-dsfromkey` or the child's signer
    /// prints it, with its whole digest.
    ///
    /// ## Refused by servers
    /// A digest of the wrong length for SHA-1, SHA-256 or SHA-384: BIND
    /// does not read the record, and does not load the zone. An unassigned
    /// digest type: `kzonecheck` "invalid algorithm in DS"; servers load
    /// the zone.
    ///
    /// ## References
    /// - RFC 4034 §5, RFC 3658, RFC 4509, RFC 6605, RFC 9558, RFC 9563;
    ///   IANA "Delegation Signer (DS) Resource Record Digest Algorithms"
    name: "ds-invalid",
    severity: Error,
    class: PartlyRefused,
    summary: "a DS or CDS record with an unassigned digest type or a digest of the wrong length",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    for rtype in [RecordType::DS, RecordType::CDS] {
        for &id in zone.records_of_type(rtype) {
            let data = zone.rdata(zone.record(id));
            if data.len() < 4 || (rtype == RecordType::CDS && is_cds_delete(data)) {
                continue;
            }
            if let Some(d) = judge(cx, id, rtype, data[3], data.len() - 4) {
                out.push(d);
            }
        }
    }
}

fn judge(
    cx: &Context<'_>,
    id: RecordId,
    rtype: RecordType,
    digest_type: u8,
    len: usize,
) -> Option<Diagnostic> {
    let zone = cx.zone;
    let owner = zone.names().name(zone.record(id).owner);
    match digest_len(digest_type) {
        None => Some(
            RULE.report(
                zone.rdata_site(id, 2),
                format!("{rtype} record of `{owner}` has digest type {digest_type}, which is not assigned"),
            )
            .with_label("no such digest type")
            .with_help(
                "digest types are 1 (SHA-1), 2 (SHA-256), 4 (SHA-384) and the rarely used 3, 5 \
                 and 6; publish the DS with digest type 2 as the child's signer gives it",
            ),
        ),
        Some(want) if want != len => {
            let d = RULE
                .report(
                    zone.rdata_site(id, 3),
                    format!(
                        "{rtype} record of `{owner}` has a digest of {len} bytes; digest type \
                         {digest_type} digests are {want} bytes"
                    ),
                )
                .with_label(format!("{len} bytes, not {want}"))
                .with_help(
                    "copy the whole digest again from the child's signer (`dnssec-dsfromkey`, \
                     `keymgr ds`): part of it is missing or extra",
                );
            Some(if bind_checks_length(digest_type) {
                d.refused()
            } else {
                d
            })
        }
        Some(_) => None,
    }
}
