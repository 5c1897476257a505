//! Dormant fixed-price contracts: escrow held and no activity for `dormant_days` after the
//! last milestone's due date. Notices on days `dormant_first_notice_days` and
//! `dormant_second_notice_days`, dormant on day `dormant_days`; then
//! `dormant_client_action_days` for the client to act, `dormant_freelancer_request_days` for
//! the freelancer to request release, and `dormant_client_review_days` for the client to
//! approve or dispute that request (silence releases). If nobody acts the escrow is refunded.
//!
//! Choices where `MODEL.md` is silent: any activity by either party (a milestone added,
//! funded, submitted, released or refunded) stops the process and restarts the clock; the
//! freelancer may request release from the day the contract is marked dormant; when the
//! process moves money the platform closes the contract (end by `platform`, reason `other`),
//! which opens the feedback window.

use chrono::NaiveDateTime;

use crate::ledger::calendar::later;
use crate::ledger::contract::{resolve_fixed, ContractState, Dormancy, Ending, TermsState};
use crate::ledger::deadline::dormancy_days;
use crate::ledger::error::LedgerError;
use crate::ledger::event::{Cause, EventKind};
use crate::ledger::fixed::fixed_ref;
use crate::money::Money;
use crate::rules::Params;
use crate::scenario::{EndReason, Party};

fn set(contract: &mut ContractState, dormancy: Dormancy) {
    if let TermsState::Fixed(fixed) = &mut contract.terms {
        fixed.dormancy = dormancy;
    }
}

pub(super) fn first_notice(contract: &mut ContractState, params: &Params) -> Vec<EventKind> {
    set(contract, Dormancy::FirstNotice);
    vec![EventKind::DormantNotice {
        day: dormancy_days(params)[0],
    }]
}

pub(super) fn final_notice(contract: &mut ContractState, params: &Params) -> Vec<EventKind> {
    set(contract, Dormancy::FinalNotice);
    vec![EventKind::DormantNotice {
        day: dormancy_days(params)[1],
    }]
}

pub(super) fn became_dormant(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Vec<EventKind> {
    set(
        contract,
        Dormancy::Dormant {
            client_due: later(at, params.dormant_client_action_days),
        },
    );
    vec![EventKind::BecameDormant]
}

pub(super) fn client_window_closed(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Vec<EventKind> {
    set(
        contract,
        Dormancy::FreelancerWindow {
            due: later(at, params.dormant_freelancer_request_days),
        },
    );
    vec![EventKind::DormantClientWindowClosed]
}

pub(super) fn request_release(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
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
    let due = later(at, params.dormant_client_review_days);
    set(contract, Dormancy::ReleaseRequested { due });
    Ok(vec![EventKind::DormantReleaseRequested { due }])
}

/// Nobody asked in time: the escrow goes back to the client and the contract closes.
pub(super) fn freelancer_window_closed(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    close(contract, at, Money::ZERO, params)
}

/// The client neither approved nor disputed: the escrow goes to the freelancer.
pub(super) fn approval_due(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let held = fixed_ref(contract)?
        .held()
        .ok_or(LedgerError::AmountOverflow)?;
    close(contract, at, held, params)
}

fn close(
    contract: &mut ContractState,
    at: NaiveDateTime,
    release: Money,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    set(contract, Dormancy::Watching);
    let mut events = resolve_fixed(
        contract,
        at,
        release,
        Cause::DormantRelease,
        Cause::DormantRefund,
        params,
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
