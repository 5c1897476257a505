//! Correcting the importer's grouping in the review table: merging draft contracts and
//! splitting one in two.
//!
//! The grouping keys are guesses (legacy hourly rows are split by rate, so a raise makes two
//! contracts; a 2025+ summary text that changed makes two; two contracts with one client at
//! one rate make one). The user knows better, so both operations are offered, and both only
//! move rows: every payment, refund, scheduled earning, linked fee and billed hour ends up in
//! exactly one contract, and the totals before and after are equal.
//!
//! Rules, chosen so that the result is still a contract Upwork could have had:
//!
//! - **Merge** needs two or more distinct contracts. The first id given is kept, with its
//!   title, client and Upwork id where it has them (else the first of the others that does).
//!   The merged start is the earliest start, the rate the most recently billed one, and what
//!   is unknown is worked out again (a merged contract may have learnt its title or client
//!   from a part). Hourly and fixed-price contracts cannot be merged (an Upwork contract is
//!   one or the other), nor can contracts of two different named clients; a contract whose
//!   type or client is unknown merges with any.
//! - **Split** at a date moves everything dated before it to the first part (which keeps the
//!   id) and everything on or after it to a new contract placed right after, with the id
//!   `<id>-from-<date>` (made unique). Each part must keep at least one payment, so the date
//!   must be after the first payment and no later than the last.
//!
//! Both return a new draft and leave the given one as it was; neither panics.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;

use super::group::unique;
use super::{Billed, ContractKind, Draft, DraftContract};
use crate::scenario::Payment;

/// Which part of a split would be left without payments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The part before the date.
    Before,
    /// The part on or after the date.
    OnOrAfter,
}

/// Why a merge or split was refused. Each variant reads as a sentence in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewError {
    /// The id names no draft contract.
    UnknownContract { id: String },
    /// A merge needs at least two contracts.
    TooFewToMerge { count: usize },
    /// The same contract was listed twice in one merge.
    ListedTwice { id: String },
    /// An hourly and a fixed-price contract cannot be one contract.
    DifferentKinds { hourly: String, fixed: String },
    /// Two contracts with different named clients cannot be one contract.
    DifferentClients {
        first: String,
        first_client: String,
        second: String,
        second_client: String,
    },
    /// The split date leaves one part without a payment.
    SplitLeavesEmpty {
        id: String,
        at: NaiveDate,
        side: Side,
        first_payment: NaiveDate,
        last_payment: NaiveDate,
    },
    /// All payments are on one date (or there are none), so no date splits the contract.
    NothingToSplit { id: String, date: Option<NaiveDate> },
}

impl fmt::Display for ReviewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewError::UnknownContract { id } => {
                write!(f, "there is no contract {id} in this import")
            }
            ReviewError::TooFewToMerge { count } => {
                write!(f, "choose at least two contracts to merge ({count} chosen)")
            }
            ReviewError::ListedTwice { id } => {
                write!(
                    f,
                    "contract {id} is chosen twice; choose each contract once"
                )
            }
            ReviewError::DifferentKinds { hourly, fixed } => write!(
                f,
                "contract {hourly} is hourly and contract {fixed} is fixed-price; an Upwork \
                 contract is one or the other, so they cannot be merged"
            ),
            ReviewError::DifferentClients {
                first,
                first_client,
                second,
                second_client,
            } => write!(
                f,
                "contract {first} is with {first_client} and contract {second} is with \
                 {second_client}; a contract has one client, so they cannot be merged"
            ),
            ReviewError::SplitLeavesEmpty {
                id,
                at,
                side,
                first_payment,
                last_payment,
            } => {
                let (where_, part) = match side {
                    Side::Before => ("before", "first"),
                    Side::OnOrAfter => ("on or after", "second"),
                };
                write!(
                    f,
                    "contract {id} has no payment {where_} {}, so the {part} part would be \
                     empty; choose a date after {} and no later than {}",
                    crate::format::date(*at),
                    crate::format::date(*first_payment),
                    crate::format::date(*last_payment)
                )
            }
            ReviewError::NothingToSplit {
                id,
                date: Some(date),
            } => write!(
                f,
                "contract {id} has payments on {} only, so no date can split it",
                crate::format::date(*date)
            ),
            ReviewError::NothingToSplit { id, date: None } => {
                write!(
                    f,
                    "contract {id} has no payments, so there is nothing to split"
                )
            }
        }
    }
}

impl std::error::Error for ReviewError {}

fn position(draft: &Draft, id: &str) -> Result<usize, ReviewError> {
    draft
        .contracts
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| ReviewError::UnknownContract { id: id.to_string() })
}

/// Refuses parts that cannot be one contract: hourly with fixed-price, or two named clients.
fn check_compatible(parts: &[&DraftContract]) -> Result<(), ReviewError> {
    let hourly = parts.iter().find(|c| c.kind == Some(ContractKind::Hourly));
    let fixed = parts.iter().find(|c| c.kind == Some(ContractKind::Fixed));
    if let (Some(hourly), Some(fixed)) = (hourly, fixed) {
        return Err(ReviewError::DifferentKinds {
            hourly: hourly.id.clone(),
            fixed: fixed.id.clone(),
        });
    }
    let mut named = parts.iter().filter(|c| c.client.is_some());
    if let Some(first) = named.next() {
        if let Some(second) = named.find(|c| c.client != first.client) {
            return Err(ReviewError::DifferentClients {
                first: first.id.clone(),
                first_client: first.client_name.clone().unwrap_or_default(),
                second: second.id.clone(),
                second_client: second.client_name.clone().unwrap_or_default(),
            });
        }
    }
    Ok(())
}

/// Merges the contracts `ids` into one that keeps the first id; see the module documentation.
pub fn merge(draft: &Draft, ids: &[String]) -> Result<Draft, ReviewError> {
    let mut indexes: Vec<usize> = Vec::with_capacity(ids.len());
    for id in ids {
        let at = position(draft, id)?;
        if indexes.contains(&at) {
            return Err(ReviewError::ListedTwice { id: id.clone() });
        }
        indexes.push(at);
    }
    if indexes.len() < 2 {
        return Err(ReviewError::TooFewToMerge {
            count: indexes.len(),
        });
    }
    let parts: Vec<&DraftContract> = indexes
        .iter()
        .filter_map(|i| draft.contracts.get(*i))
        .collect();
    check_compatible(&parts)?;
    let Some((kept, others)) = parts.split_first() else {
        return Err(ReviewError::TooFewToMerge { count: 0 });
    };
    let mut merged = (*kept).clone();
    for other in others {
        if merged.client.is_none() {
            merged.client.clone_from(&other.client);
            merged.client_name.clone_from(&other.client_name);
        }
        if merged.title.is_none() {
            merged.title.clone_from(&other.title);
        }
        if merged.upwork_contract_id.is_none() {
            merged
                .upwork_contract_id
                .clone_from(&other.upwork_contract_id);
        }
        merged.kind = merged.kind.or(other.kind);
        merged.start = merged.start.min(other.start);
        merged.payments.extend_from_slice(&other.payments);
        merged.refunds.extend_from_slice(&other.refunds);
        merged.scheduled.extend_from_slice(&other.scheduled);
        merged.billed.extend_from_slice(&other.billed);
        merged.fees.extend_from_slice(&other.fees);
        merged.rows = merged.rows.saturating_add(other.rows);
    }
    merged.payments.sort();
    merged.refunds.sort();
    merged.scheduled.sort();
    merged.fees.sort();
    merged.last_payment = merged.payments.iter().map(|p| p.date).max();
    // The most recently billed rate, as the importer chooses it for one contract.
    merged.hourly_rate = if merged.kind == Some(ContractKind::Fixed) {
        None
    } else {
        parts
            .iter()
            .filter(|c| c.hourly_rate.is_some())
            .max_by_key(|c| c.last_payment)
            .and_then(|c| c.hourly_rate)
    };
    merged.recompute_unknowns();
    // The merged contract takes the place of the part listed first in the draft.
    let place = indexes.iter().copied().min().unwrap_or(0);
    let mut contracts = Vec::with_capacity(draft.contracts.len());
    let mut merged = Some(merged);
    for (i, contract) in draft.contracts.iter().enumerate() {
        if i == place {
            contracts.extend(merged.take());
        } else if !indexes.contains(&i) {
            contracts.push(contract.clone());
        }
    }
    Ok(Draft {
        clients: draft.clients.clone(),
        contracts,
    })
}

/// The dated rows of one part of a split.
struct Entries {
    payments: Vec<Payment>,
    refunds: Vec<Payment>,
    scheduled: Vec<Payment>,
    billed: Vec<Billed>,
    fees: Vec<Payment>,
}

fn before_and_after<T: Clone>(
    list: &[T],
    date_of: impl Fn(&T) -> NaiveDate,
    at: NaiveDate,
) -> (Vec<T>, Vec<T>) {
    list.iter().cloned().partition(|item| date_of(item) < at)
}

/// The contract's rows dated before `at`, and those on or after it.
fn entries_around(contract: &DraftContract, at: NaiveDate) -> (Entries, Entries) {
    let date = |p: &Payment| p.date;
    let (payments_a, payments_b) = before_and_after(&contract.payments, date, at);
    let (refunds_a, refunds_b) = before_and_after(&contract.refunds, date, at);
    let (scheduled_a, scheduled_b) = before_and_after(&contract.scheduled, date, at);
    let (billed_a, billed_b) = before_and_after(&contract.billed, |b| b.date, at);
    let (fees_a, fees_b) = before_and_after(&contract.fees, date, at);
    (
        Entries {
            payments: payments_a,
            refunds: refunds_a,
            scheduled: scheduled_a,
            billed: billed_a,
            fees: fees_a,
        },
        Entries {
            payments: payments_b,
            refunds: refunds_b,
            scheduled: scheduled_b,
            billed: billed_b,
            fees: fees_b,
        },
    )
}

/// One part of a split: the contract with only the rows on its side of the date.
fn part(contract: &DraftContract, id: String, entries: Entries) -> DraftContract {
    let start = entries
        .payments
        .iter()
        .chain(&entries.refunds)
        .chain(&entries.scheduled)
        .map(|p| p.date)
        .min()
        .unwrap_or(contract.start);
    let mut part = DraftContract {
        id,
        start,
        last_payment: entries.payments.iter().map(|p| p.date).max(),
        payments: entries.payments,
        refunds: entries.refunds,
        scheduled: entries.scheduled,
        billed: entries.billed,
        fees: entries.fees,
        rows: 0,
        ..contract.clone()
    };
    part.rows = part.count_rows();
    part.recompute_unknowns();
    part
}

/// Splits contract `id` at `at`: rows dated before it stay, rows on or after it go to a new
/// contract right after it. Returns the new draft and the new contract's id.
pub fn split(draft: &Draft, id: &str, at: NaiveDate) -> Result<(Draft, String), ReviewError> {
    let index = position(draft, id)?;
    let Some(contract) = draft.contracts.get(index) else {
        return Err(ReviewError::UnknownContract { id: id.to_string() });
    };
    let first_payment = contract.payments.iter().map(|p| p.date).min();
    let last_payment = contract.payments.iter().map(|p| p.date).max();
    let (first_payment, last_payment) = match (first_payment, last_payment) {
        (Some(first), Some(last)) if first < last => (first, last),
        (date, _) => {
            return Err(ReviewError::NothingToSplit {
                id: id.to_string(),
                date,
            })
        }
    };
    let empty_side = if first_payment >= at {
        Some(Side::Before)
    } else if last_payment < at {
        Some(Side::OnOrAfter)
    } else {
        None
    };
    if let Some(side) = empty_side {
        return Err(ReviewError::SplitLeavesEmpty {
            id: id.to_string(),
            at,
            side,
            first_payment,
            last_payment,
        });
    }
    let (before, after) = entries_around(contract, at);
    let mut used: BTreeSet<String> = draft.contracts.iter().map(|c| c.id.clone()).collect();
    let new_id = unique(&mut used, format!("{id}-from-{at}"));
    let mut parts = Some((
        part(contract, contract.id.clone(), before),
        part(contract, new_id.clone(), after),
    ));
    let mut contracts = Vec::with_capacity(draft.contracts.len() + 1);
    for (i, c) in draft.contracts.iter().enumerate() {
        match parts.take_if(|_| i == index) {
            Some((first, second)) => contracts.extend([first, second]),
            None => contracts.push(c.clone()),
        }
    }
    Ok((
        Draft {
            clients: draft.clients.clone(),
            contracts,
        },
        new_id,
    ))
}
