//! Dormant fixed-price contracts: escrow held and no activity for 90 days after the last
//! milestone's due date. Notices on days 76 and 83, dormant on day 90; then 7 days for the
//! client to act, 7 for the freelancer to request release, and 14 for the client to approve
//! or dispute that request (silence releases). If nobody acts the escrow is refunded.
//!
//! Choices where `MODEL.md` is silent: any activity by either party (a milestone added,
//! funded, submitted, released or refunded) stops the process and restarts the clock; the
//! freelancer may request release from the day the contract is marked dormant; when the
//! process moves money the platform closes the contract (end by `platform`, reason `other`),
//! which opens the 14-day feedback window.

use chrono::NaiveDateTime;

use crate::ledger::calendar::end_of_day_after;
use crate::ledger::contract::{resolve_fixed, ContractState, Dormancy, Ending, TermsState};
use crate::ledger::error::LedgerError;
use crate::ledger::event::{Cause, EventKind};
use crate::ledger::fixed::fixed_ref;
use crate::money::Money;
use crate::scenario::{EndReason, Party};

/// The client's days to act once dormant, and then the freelancer's days to ask.
pub const DORMANT_PARTY_DAYS: u64 = 7;
/// The client's days to approve or dispute a release request.
pub const DORMANT_APPROVAL_DAYS: u64 = 14;

fn later(at: NaiveDateTime, days: u64) -> NaiveDateTime {
    end_of_day_after(at.date(), days).unwrap_or(NaiveDateTime::MAX)
}

fn set(contract: &mut ContractState, dormancy: Dormancy) {
    if let TermsState::Fixed(fixed) = &mut contract.terms {
        fixed.dormancy = dormancy;
    }
}

pub(super) fn first_notice(contract: &mut ContractState) -> Vec<EventKind> {
    set(contract, Dormancy::FirstNotice);
    vec![EventKind::DormantNotice { day: 76 }]
}

pub(super) fn final_notice(contract: &mut ContractState) -> Vec<EventKind> {
    set(contract, Dormancy::FinalNotice);
    vec![EventKind::DormantNotice { day: 83 }]
}

pub(super) fn became_dormant(contract: &mut ContractState, at: NaiveDateTime) -> Vec<EventKind> {
    set(
        contract,
        Dormancy::Dormant {
            client_due: later(at, DORMANT_PARTY_DAYS),
        },
    );
    vec![EventKind::BecameDormant]
}

pub(super) fn client_window_closed(
    contract: &mut ContractState,
    at: NaiveDateTime,
) -> Vec<EventKind> {
    set(
        contract,
        Dormancy::FreelancerWindow {
            due: later(at, DORMANT_PARTY_DAYS),
        },
    );
    vec![EventKind::DormantClientWindowClosed]
}

pub(super) fn request_release(
    contract: &mut ContractState,
    at: NaiveDateTime,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    contract.ensure_open()?;
    let waiting = matches!(
        fixed.dormancy,
        Dormancy::Dormant { .. } | Dormancy::FreelancerWindow { .. }
    );
    if !waiting {
        return Err(LedgerError::ContractNotDormant);
    }
    let due = later(at, DORMANT_APPROVAL_DAYS);
    set(contract, Dormancy::ReleaseRequested { due });
    Ok(vec![EventKind::DormantReleaseRequested { due }])
}

/// Nobody asked in time: the escrow goes back to the client and the contract closes.
pub(super) fn freelancer_window_closed(
    contract: &mut ContractState,
    at: NaiveDateTime,
) -> Result<Vec<EventKind>, LedgerError> {
    close(contract, at, Money::ZERO)
}

/// The client neither approved nor disputed: the escrow goes to the freelancer.
pub(super) fn approval_due(
    contract: &mut ContractState,
    at: NaiveDateTime,
) -> Result<Vec<EventKind>, LedgerError> {
    let held = fixed_ref(contract)?
        .held()
        .ok_or(LedgerError::AmountOverflow)?;
    close(contract, at, held)
}

fn close(
    contract: &mut ContractState,
    at: NaiveDateTime,
    release: Money,
) -> Result<Vec<EventKind>, LedgerError> {
    set(contract, Dormancy::Watching);
    let mut events = resolve_fixed(
        contract,
        at,
        release,
        Cause::DormantRelease,
        Cause::DormantRefund,
    )?;
    contract.end = Some(Ending {
        at,
        by: Party::Platform,
        reason: EndReason::Other,
    });
    contract.paused = None;
    events.push(EventKind::ContractEnded {
        by: Party::Platform,
        reason: EndReason::Other,
    });
    Ok(events)
}
