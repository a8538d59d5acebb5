//! `cds-mismatch`

use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384};

use crate::diagnostic::Diagnostic;
use crate::dns::RecordType;
use crate::rules::{declare_rule, Context};
use crate::zone::{RecordId, Zone};

use super::ds_invalid::{digest_len, is_cds_delete};

/// The DNSKEY flag of a zone key (RFC 4034 §2.1.1).
const ZONE_KEY: u16 = 0x0100;

/// The key tag of a DNSKEY's data (RFC 4034 Appendix B).
fn key_tag(dnskey: &[u8]) -> u16 {
    if dnskey.get(3) == Some(&1) && dnskey.len() >= 4 + 3 {
        // RSA/MD5: the modulus's low 16 bits.
        let n = dnskey.len();
        return u16::from_be_bytes([dnskey[n - 3], dnskey[n - 2]]);
    }
    let mut ac: u32 = 0;
    for (i, &b) in dnskey.iter().enumerate() {
        ac += if i & 1 == 1 { u32::from(b) } else { u32::from(b) << 8 };
    }
    ac += (ac >> 16) & 0xFFFF;
    (ac & 0xFFFF) as u16
}

/// The DS digest of `dnskey` at `owner` (canonical wire) for a digest type
/// zonelint computes, or `None`.
fn ds_digest(digest_type: u8, owner: &[u8], dnskey: &[u8]) -> Option<Vec<u8>> {
    fn of<D: Digest>(owner: &[u8], dnskey: &[u8]) -> Vec<u8> {
        let mut h = D::new();
        h.update(owner);
        h.update(dnskey);
        h.finalize().to_vec()
    }
    match digest_type {
        1 => Some(of::<Sha1>(owner, dnskey)),
        2 => Some(of::<Sha256>(owner, dnskey)),
        4 => Some(of::<Sha384>(owner, dnskey)),
        _ => None,
    }
}

/// Whether the CDS `cds` names one of the zone keys `keys`.
fn cds_matches(cds: &[u8], owner: &[u8], keys: &[&[u8]]) -> bool {
    let (tag, alg, digest_type) = (u16::from_be_bytes([cds[0], cds[1]]), cds[2], cds[3]);
    keys.iter()
        .filter(|k| k[3] == alg && key_tag(k) == tag)
        .any(|k| match ds_digest(digest_type, owner, k) {
            Some(digest) => digest == cds[4..],
            // A digest zonelint does not compute: the key tag and
            // algorithm are all it can judge by.
            None => true,
        })
}

declare_rule! {
    /// ## What it does
    /// Checks the CDS and CDNSKEY records at the apex (RFC 7344), which ask
    /// the parent to publish DS records: each DNSSEC algorithm they name
    /// needs a DNSKEY of that algorithm, and at least one of the records
    /// of each algorithm must match a zone key (DNSKEY) of the zone, by
    /// digest for CDS and by data for CDNSKEY; a deletion request must be
    /// exactly `CDS 0 0 0 00` or `CDNSKEY 0 3 0 AA==`, and alone (RFC 8078
    /// §4).
    ///
    /// ## Why is this bad?
    /// A parent that follows CDS records (automated DS maintenance, RFC
    /// 7344 and RFC 8078) installs DS records for keys the zone does not
    /// have, and every validating resolver then finds the zone bogus: it
    /// stops resolving. A malformed deletion request is ignored, or read as
    /// a key.
    ///
    /// ## Example
    /// ```zone
    /// @  IN  DNSKEY  257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0d...
    /// @  IN  CDS     14364 14 2 FD03B2312C8F0FE72C1751EFA1007D74...
    /// ```
    ///
    /// Use instead: the CDS and CDNSKEY records the signer makes from the
    /// zone's own keys (`dnssec-signzone -P`, `dnssec-dsfromkey -C`, Knot's
    /// automatic CDS publication).
    ///
    /// ## Refused by servers
    /// BIND: `CDS/CDNSKEY consistency checks failed`, and the zone is not
    /// loaded, when an algorithm has no DNSKEY, when a deletion request is
    /// malformed or beside other records. A record whose algorithm has
    /// keys but that matches none of them is an error that servers load.
    ///
    /// ## Known limits
    /// For the GOST and SM3 digest types, which zonelint does not compute,
    /// the key tag and algorithm must match.
    ///
    /// ## References
    /// - RFC 7344 §3–4, RFC 8078 §4, RFC 4034 §5.1.4 and Appendix B
    name: "cds-mismatch",
    severity: Error,
    class: PartlyRefused,
    summary: "CDS or CDNSKEY records that match no DNSKEY of the zone, or a malformed deletion request",
    fix: Never,
    check: check,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let zone = cx.zone;
    let apex = zone.apex();
    let at_apex = |rtype| -> Vec<RecordId> {
        zone.records_of_type(rtype)
            .iter()
            .copied()
            .filter(|&id| zone.record(id).owner == apex)
            .collect()
    };
    let (cds, cdnskey) = (at_apex(RecordType::CDS), at_apex(RecordType::CDNSKEY));
    if cds.is_empty() && cdnskey.is_empty() {
        return;
    }
    let keys: Vec<&[u8]> = at_apex(RecordType::DNSKEY)
        .into_iter()
        .map(|id| zone.rdata(zone.record(id)))
        .filter(|k| k.len() >= 4)
        .collect();
    let zone_keys: Vec<&[u8]> = keys
        .iter()
        .copied()
        .filter(|k| u16::from_be_bytes([k[0], k[1]]) & ZONE_KEY != 0)
        .collect();
    let owner = zone.names().name(apex).wire().to_ascii_lowercase();
    let apex_text = zone.origin().to_string();

    let cds_delete: &[u8] = &[0, 0, 0, 0, 0];
    let cdnskey_delete: &[u8] = &[0, 0, 3, 0, 0];
    judge_set(
        zone,
        out,
        &cds,
        RecordType::CDS,
        &apex_text,
        &keys,
        |d| d.len() >= 3 && is_cds_delete(d),
        cds_delete,
        "CDS 0 0 0 00",
        |d| {
            // Records `ds-invalid` judges are left to it.
            d.len() < 4 || digest_len(d[3]) != Some(d.len() - 4) || cds_matches(d, &owner, &zone_keys)
        },
    );
    judge_set(
        zone,
        out,
        &cdnskey,
        RecordType::CDNSKEY,
        &apex_text,
        &keys,
        |d| d.len() >= 4 && d[3] == 0,
        cdnskey_delete,
        "CDNSKEY 0 3 0 AA==",
        |d| zone_keys.contains(&d),
    );
}

/// Judges one RRset of CDS or CDNSKEY records at the apex against the
/// zone's `keys`, as BIND does (each algorithm named needs a DNSKEY of that
/// algorithm; a deletion request is alone), and then by key.
#[allow(clippy::too_many_arguments)]
fn judge_set(
    zone: &Zone,
    out: &mut Vec<Diagnostic>,
    set: &[RecordId],
    rtype: RecordType,
    apex: &str,
    keys: &[&[u8]],
    is_delete: impl Fn(&[u8]) -> bool,
    delete_form: &[u8],
    delete_text: &str,
    matches: impl Fn(&[u8]) -> bool,
) {
    let data = |id: RecordId| zone.rdata(zone.record(id));
    let alg_at = if rtype == RecordType::CDS { 2 } else { 3 };
    let alg_of = |id: RecordId| data(id).get(alg_at).copied();
    let (deletes, keyed): (Vec<RecordId>, Vec<RecordId>) =
        set.iter().partition(|&&id| is_delete(data(id)));
    for &id in &deletes {
        if data(id) != delete_form {
            out.push(
                RULE.report(
                    zone.rdata_site(id, 0),
                    format!("malformed {rtype} deletion request at `{apex}`"),
                )
                .with_label("algorithm 0 is only for deletion")
                .with_help(format!(
                    "a request to remove the DS records is exactly `{delete_text}` (RFC 8078 §4)"
                ))
                .refused(),
            );
        } else if let Some(&other) = keyed.first() {
            out.push(
                RULE.report(
                    zone.rdata_site(id, 0),
                    format!("{rtype} deletion request at `{apex}` beside {rtype} records for keys"),
                )
                .with_label("deletion request")
                .with_secondary(zone.rdata_site(other, 0), format!("a {rtype} for a key"))
                .with_help(format!(
                    "a deletion request is alone in its RRset (RFC 8078 §4): remove it, or \
                     remove the other {rtype} records to have the DS records removed"
                ))
                .refused(),
            );
        }
    }
    let mut algorithms: Vec<u8> = keyed.iter().filter_map(|&id| alg_of(id)).collect();
    algorithms.sort_unstable();
    algorithms.dedup();
    for alg in algorithms {
        let of_alg: Vec<RecordId> = keyed
            .iter()
            .copied()
            .filter(|&id| alg_of(id) == Some(alg))
            .collect();
        let has_alg = keys.iter().any(|k| k[3] == alg);
        // Per algorithm, one record that matches a key is enough: the
        // parent's DS set then still validates the zone.
        if has_alg && of_alg.iter().any(|&id| matches(data(id))) {
            continue;
        }
        for id in of_alg {
            let d = if has_alg {
                RULE.report(
                    zone.rdata_site(id, 0),
                    format!("{rtype} record at `{apex}` matches no DNSKEY of the zone"),
                )
                .with_label("no such key in the zone")
            } else {
                RULE.report(
                    zone.rdata_site(id, 0),
                    format!(
                        "{rtype} record at `{apex}` is for algorithm {alg}, and the zone has no \
                         DNSKEY of that algorithm"
                    ),
                )
                .with_label(format!("no algorithm {alg} key"))
                .refused()
            };
            out.push(d.with_help(format!(
                "a parent that follows {rtype} records would publish a DS for a key this zone \
                 does not have, and the zone would stop validating: make the {rtype} records \
                 from the zone's own DNSKEY records (`dnssec-dsfromkey -C`), or remove them"
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4034 §5.4's example: the DNSKEY of `dskey.example.com.` has key
    /// tag 60485 and the SHA-1 DS digest given there.
    #[test]
    fn key_tag_and_digest_match_rfc_4034() {
        let key = data_encoding::BASE64
            .decode(
                b"AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==",
            )
            .unwrap();
        let mut rdata = vec![0x01, 0x00, 3, 5];
        rdata.extend_from_slice(&key);
        assert_eq!(key_tag(&rdata), 60485);
        let owner = b"\x05dskey\x07example\x03com\x00";
        let digest = ds_digest(1, owner, &rdata).unwrap();
        assert_eq!(
            data_encoding::HEXUPPER.encode(&digest),
            "2BB183AF5F22588179A53B0A98631FAD1A292118"
        );
    }
}
