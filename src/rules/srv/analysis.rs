//! The SRV records whose target has something wrong with it.

use crate::dns::{NameRef, RecordType};
use crate::rules::target::{host_target_issues, target_at, Classified};
use crate::rules::{Context, Shared};
use crate::zone::{RecordId, Zone};

/// The SRV records whose target has a finding.
pub(crate) struct SrvIssues(Vec<Classified>);

static SRV: Shared<SrvIssues> =
    Shared::new(|cx| SrvIssues(host_target_issues(cx, RecordType::SRV, 6, false)));

/// The SRV targets with a finding, in file order.
pub(crate) fn srv_issues<'c>(cx: &'c Context<'_>) -> &'c [Classified] {
    &cx.shared(&SRV).0
}

/// The target of SRV record `id` (after priority, weight and port).
pub(crate) fn target(zone: &Zone, id: RecordId) -> NameRef<'_> {
    target_at(zone, id, 6).expect("classified SRV records have a target")
}
