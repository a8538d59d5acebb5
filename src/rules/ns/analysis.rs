//! The NS records whose target has something wrong with it, classified
//! once per zone, and whether the servers refuse the zone for it.

use crate::dns::{NameRef, RecordType};
use crate::rules::target::{host_target_issues, target_at, Classified};
use crate::rules::{Context, Shared};
use crate::zone::{RecordId, Zone};

/// The NS records whose target has a finding.
pub(crate) struct NsIssues(Vec<Classified>);

static NS: Shared<NsIssues> =
    Shared::new(|cx| NsIssues(host_target_issues(cx, RecordType::NS, 0, false)));

/// The NS targets with a finding, in file order.
pub(crate) fn ns_issues<'c>(cx: &'c Context<'_>) -> &'c [Classified] {
    &cx.shared(&NS).0
}

/// The target of NS record `id`.
pub(crate) fn target(zone: &Zone, id: RecordId) -> NameRef<'_> {
    target_at(zone, id, 0).expect("classified NS records have a target")
}

/// True when BIND refuses the zone for the NS record `id` naming `name`
/// (the name as loaded, origin appended): the NS is at the apex and `name`
/// is a name of this zone, not below a delegation, that has no address or
/// is an alias ("has no address records", "is a CNAME (illegal)").
pub(crate) fn refused(zone: &Zone, id: RecordId, name: NameRef<'_>) -> bool {
    zone.record(id).owner == zone.apex()
        && zone.contains(name)
        && zone.delegation(name).is_none()
        && (zone.no_address(name).is_some() || zone.alias_of(name).is_some())
}
