//! MX rules: the checks that keep a domain's mail flowing.
//!
//! Every MX record's exchange gets at most one finding about the name it
//! targets (see [`crate::rules::target`] for the precedence);
//! [`analysis`] classifies each exchange once for the family.

pub(crate) mod analysis;

crate::rules::family! {
    missing_trailing_dot,
    target_ip,
    target_invalid,
    target_cname,
    target_dangling,
    preference_range,
    null_mixed,
    null_preference,
    duplicate,
    backup_preferred,
    missing,
}
