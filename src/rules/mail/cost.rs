//! What evaluating an SPF record costs (RFC 7208 §4.6.4): the terms that
//! make DNS queries, counted through the `include:` and `redirect=`
//! targets found in the loaded zones, and the void lookups among them.

use super::lookup::{query, Answer};
use super::spf::{is_spf, DomainSpec, Mechanism, Spf, TermKind};
use super::text::joined;
use crate::dns::{Name, RecordType};
use crate::rules::Context;

/// Most `include:` and `redirect=` levels followed (evaluation stops at
/// 10 lookups anyway).
const MAX_DEPTH: usize = 12;

/// The cost of a term or a record.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Cost {
    /// Terms that make a DNS query.
    pub lookups: usize,
    /// Some target was outside the loaded zones (or a macro): the real
    /// count may be higher.
    pub at_least: bool,
    /// Queries that the loaded zones answer with nothing.
    pub voids: usize,
    /// An include or redirect leads back to a record being evaluated.
    pub looped: bool,
    /// An `mx` term (here or in a record it leads to) finds this many MX
    /// records, more than the 10 receivers look at (0: none does).
    pub mx_records: usize,
}

/// Most MX records one `mx` term may find (RFC 7208 §4.6.4).
pub(crate) const MAX_MX: usize = 10;

impl Cost {
    fn add(&mut self, other: Cost) {
        self.lookups += other.lookups;
        self.at_least |= other.at_least;
        self.voids += other.voids;
        self.looped |= other.looped;
        self.mx_records = self.mx_records.max(other.mx_records);
    }
}

/// The name a domain-spec names, when it holds no macro.
pub(crate) fn literal_name(domain: &DomainSpec) -> Option<Name> {
    let text = domain.literal.as_ref()?;
    Name::parse(&format!("{text}."), None).ok()
}

/// The cost of each term of `spf`, the record of `owner` (`stack`: the
/// names being evaluated, for loops).
pub(crate) fn term_costs(
    cx: &Context<'_>,
    owner: &Name,
    spf: &Spf,
    stack: &mut Vec<Name>,
) -> Vec<Cost> {
    let has_all = spf.first_all().is_some();
    stack.push(owner.clone());
    let costs = spf
        .terms
        .iter()
        .map(|term| {
            let mut cost = Cost::default();
            match &term.kind {
                TermKind::Directive {
                    mechanism, domain, ..
                } => {
                    let target = match domain {
                        Some(d) => literal_name(d),
                        None => Some(owner.clone()),
                    };
                    match mechanism {
                        Mechanism::Include => {
                            cost.lookups = 1;
                            match target {
                                Some(t) => cost.add(name_cost(cx, &t, stack)),
                                None => cost.at_least = true,
                            }
                        }
                        Mechanism::A => {
                            cost.lookups = 1;
                            if let Some(t) = target {
                                let void =
                                    |rtype| matches!(query(cx, t.as_ref(), rtype), Answer::Void);
                                if void(RecordType::A) && void(RecordType::AAAA) {
                                    cost.voids = 1;
                                }
                            }
                        }
                        Mechanism::Mx | Mechanism::Exists => {
                            cost.lookups = 1;
                            let rtype = if *mechanism == Mechanism::Mx {
                                RecordType::MX
                            } else {
                                RecordType::A
                            };
                            if let Some(t) = target {
                                match query(cx, t.as_ref(), rtype) {
                                    Answer::Void => cost.voids = 1,
                                    Answer::Found(_, ids)
                                        if rtype == RecordType::MX && ids.len() > MAX_MX =>
                                    {
                                        cost.mx_records = ids.len();
                                    }
                                    _ => {}
                                }
                            }
                        }
                        Mechanism::Ptr => cost.lookups = 1,
                        Mechanism::All | Mechanism::Ip4 | Mechanism::Ip6 => {}
                    }
                }
                TermKind::Redirect(domain) if !has_all => {
                    cost.lookups = 1;
                    match literal_name(domain) {
                        Some(t) => cost.add(name_cost(cx, &t, stack)),
                        None => cost.at_least = true,
                    }
                }
                _ => {}
            }
            cost
        })
        .collect();
    stack.pop();
    costs
}

/// The cost of evaluating the SPF record of `name` (what an `include:`
/// of it adds).
fn name_cost(cx: &Context<'_>, name: &Name, stack: &mut Vec<Name>) -> Cost {
    if stack.contains(name) {
        return Cost {
            looped: true,
            ..Cost::default()
        };
    }
    if stack.len() >= MAX_DEPTH {
        return Cost {
            at_least: true,
            ..Cost::default()
        };
    }
    let Answer::Found(zone, ids) = query(cx, name.as_ref(), RecordType::TXT) else {
        return Cost {
            at_least: true,
            ..Cost::default()
        };
    };
    let records: Vec<Vec<u8>> = ids
        .iter()
        .filter_map(|&id| joined(zone.rdata(zone.record(id))))
        .filter(|t| is_spf(t))
        .collect();
    let [text] = records.as_slice() else {
        // None (spf-include-missing) or several (spf-multiple there): the
        // evaluation fails there; what it would have cost is not known.
        return Cost {
            at_least: true,
            ..Cost::default()
        };
    };
    let spf = Spf::parse(text);
    let mut total = Cost::default();
    for cost in term_costs(cx, name, &spf, stack) {
        total.add(cost);
    }
    total
}
