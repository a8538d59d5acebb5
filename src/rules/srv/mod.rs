//! SRV rules: a service's target is a host name with an address, never an
//! alias (RFC 2782); `.` means "no service here" and is fine.

mod analysis;

crate::rules::family! {
    target_ip,
    missing_trailing_dot,
    target_cname,
    target_dangling,
}
