//! Fixed-price milestones: add, fund, submit, request changes, release, refund, and the
//! automatic release `fp_review_days` after a submission.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use crate::ledger::calendar::later;
use crate::ledger::command::Remainder;
use crate::ledger::contract::{
    record_payment, schedule_credit, security_period_end, ContractState, FixedState, TermsState,
};
use crate::ledger::error::LedgerError;
use crate::ledger::escrow::Escrow;
use crate::ledger::event::{Cause, EscrowRef, EventKind, PaymentSource};
use crate::money::Money;
use crate::rules::Params;

fn fixed_mut(contract: &mut ContractState) -> Result<&mut FixedState, LedgerError> {
    match &mut contract.terms {
        TermsState::Fixed(fixed) => Ok(fixed),
        TermsState::Hourly(_) => Err(LedgerError::NotFixed),
    }
}

pub(crate) fn fixed_ref(contract: &ContractState) -> Result<&FixedState, LedgerError> {
    match &contract.terms {
        TermsState::Fixed(fixed) => Ok(fixed),
        TermsState::Hourly(_) => Err(LedgerError::NotFixed),
    }
}

pub(super) fn add_milestone(
    contract: &mut ContractState,
    at: NaiveDateTime,
    milestone: &str,
    amount: Money,
    due: Option<NaiveDate>,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    fixed_ref(contract)?;
    contract.ensure_open()?;
    let fixed = fixed_mut(contract)?;
    if milestone.is_empty() {
        return Err(LedgerError::MilestoneIdEmpty);
    }
    if fixed.milestone_index(milestone).is_ok() {
        return Err(LedgerError::MilestoneIdTaken(milestone.to_string()));
    }
    if amount < params.min_milestone {
        return Err(LedgerError::MilestoneBelowMinimum {
            amount,
            minimum: params.min_milestone,
        });
    }
    let id: Arc<str> = Arc::from(milestone);
    fixed
        .milestones
        .push(crate::ledger::contract::MilestoneState {
            id: id.clone(),
            amount,
            due,
            escrow: None,
            review_due: None,
        });
    fixed.touch(at);
    Ok(vec![EventKind::MilestoneAdded {
        milestone: id,
        amount,
    }])
}

pub(super) fn fund(
    contract: &mut ContractState,
    at: NaiveDateTime,
    milestone: &str,
) -> Result<Vec<EventKind>, LedgerError> {
    fixed_ref(contract)?;
    contract.ensure_open()?;
    let fixed = fixed_mut(contract)?;
    let (_, state) = fixed.milestone_mut(milestone)?;
    if state.escrow.is_some() {
        return Err(LedgerError::MilestoneAlreadyFunded);
    }
    state.escrow = Some(Escrow::reserve(state.amount));
    let event = EventKind::MilestoneFunded {
        milestone: state.id.clone(),
        amount: state.amount,
    };
    fixed.touch(at);
    Ok(vec![event])
}

/// A submission is a request for release, so it counts as activity for dormancy.
pub(super) fn submit(
    contract: &mut ContractState,
    at: NaiveDateTime,
    milestone: &str,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    fixed_ref(contract)?;
    contract.ensure_open()?;
    if contract.paused.is_some() {
        return Err(LedgerError::ContractPaused);
    }
    let fixed = fixed_mut(contract)?;
    if fixed.dispute.is_some() {
        return Err(LedgerError::DisputeOpen);
    }
    let (_, state) = fixed.milestone_mut(milestone)?;
    state.funded()?.check_unresolved()?;
    let review_due = later(at, params.fp_review_days);
    state.review_due = Some(review_due);
    let event = EventKind::WorkSubmitted {
        milestone: state.id.clone(),
        review_due,
    };
    fixed.touch(at);
    Ok(vec![event])
}

pub(super) fn request_changes(
    contract: &mut ContractState,
    milestone: &str,
) -> Result<Vec<EventKind>, LedgerError> {
    fixed_ref(contract)?;
    contract.ensure_open()?;
    let fixed = fixed_mut(contract)?;
    if fixed.dispute.is_some() {
        return Err(LedgerError::DisputeOpen);
    }
    let (_, state) = fixed.milestone_mut(milestone)?;
    state.funded()?.check_unresolved()?;
    if state.review_due.is_none() {
        return Err(LedgerError::MilestoneNotSubmitted);
    }
    state.review_due = None;
    Ok(vec![EventKind::ChangesRequested {
        milestone: state.id.clone(),
    }])
}

/// The client releases part or all of a milestone. Any release ends the review: the client
/// has acted. Allowed after the contract ended too (the client may still pay), but not while
/// a dispute owns the escrow.
pub(super) fn release(
    contract: &mut ContractState,
    at: NaiveDateTime,
    milestone: &str,
    amount: Money,
    remainder: Remainder,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    if fixed.dispute.is_some() {
        return Err(LedgerError::DisputeOpen);
    }
    let (index, state) = fixed.milestone(milestone)?;
    let escrow = state.funded()?;
    escrow.check_release(amount)?;
    let mut events = vec![release_escrow(
        contract,
        at,
        index,
        amount,
        Cause::Client,
        params,
    )?];
    // A release of everything held has already resolved the escrow: nothing is left to refund.
    let left = amount < escrow.held;
    if remainder == Remainder::Refunded && left {
        events.extend(refund_escrow(contract, at, index, Cause::Client, params)?);
    }
    if let TermsState::Fixed(fixed) = &mut contract.terms {
        fixed.touch(at);
        if let Some(state) = fixed.milestones.get_mut(index) {
            state.review_due = None;
        }
    }
    Ok(events)
}

/// Everything held for the milestone goes back to the client.
pub(super) fn refund(
    contract: &mut ContractState,
    at: NaiveDateTime,
    milestone: &str,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    if fixed.dispute.is_some() {
        return Err(LedgerError::DisputeOpen);
    }
    let (index, state) = fixed.milestone(milestone)?;
    state.funded()?.check_unresolved()?;
    let events = refund_escrow(contract, at, index, Cause::Freelancer, params)?;
    if let TermsState::Fixed(fixed) = &mut contract.terms {
        fixed.touch(at);
    }
    Ok(events)
}

/// The review (`fp_review_days`) ran out: everything still held for the milestone is released.
pub(super) fn auto_release(
    contract: &mut ContractState,
    at: NaiveDateTime,
    milestone: &str,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    let index = fixed.milestone_index(milestone)?;
    let held = fixed
        .milestones
        .get(index)
        .and_then(|m| m.escrow)
        .map_or(Money::ZERO, |e| e.held);
    let event = release_escrow(contract, at, index, held, Cause::ReviewExpired, params)?;
    if let TermsState::Fixed(fixed) = &mut contract.terms {
        fixed.touch(at);
        if let Some(state) = fixed.milestones.get_mut(index) {
            state.review_due = None;
        }
    }
    Ok(vec![event])
}

/// Releases from one milestone's escrow into a payment in its security period.
fn release_escrow(
    contract: &mut ContractState,
    at: NaiveDateTime,
    index: usize,
    amount: Money,
    cause: Cause,
    params: &Params,
) -> Result<EventKind, LedgerError> {
    let fixed = fixed_mut(contract)?;
    let state = fixed
        .milestones
        .get_mut(index)
        .ok_or_else(|| LedgerError::UnknownMilestone(format!("#{index}")))?;
    let escrow = state
        .escrow
        .as_mut()
        .ok_or(LedgerError::MilestoneNotFunded)?;
    escrow.release(amount)?;
    let reference = EscrowRef::Milestone(state.id.clone());
    let source = PaymentSource::Escrow(reference.clone());
    record_payment(
        &mut contract.payments,
        at,
        amount,
        security_period_end(at, params),
        source,
    );
    Ok(EventKind::EscrowReleased {
        escrow: reference,
        amount,
        cause,
    })
}

/// Refunds what one milestone still holds.
fn refund_escrow(
    contract: &mut ContractState,
    at: NaiveDateTime,
    index: usize,
    cause: Cause,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_mut(contract)?;
    let state = fixed
        .milestones
        .get_mut(index)
        .ok_or_else(|| LedgerError::UnknownMilestone(format!("#{index}")))?;
    let escrow = state
        .escrow
        .as_mut()
        .ok_or(LedgerError::MilestoneNotFunded)?;
    let amount = escrow.refund_remainder()?;
    state.review_due = None;
    let reference = EscrowRef::Milestone(state.id.clone());
    schedule_credit(&mut contract.credits, at, amount, params);
    Ok(vec![EventKind::EscrowRefunded {
        escrow: reference,
        amount,
        cause,
    }])
}
