//! Fixed-price escrow disputes: filing, the client's answer, mediation and arbitration.
//!
//! The freelancer files (within `freelancer_dispute_days` of the contract ending, or while it
//! is open and holds escrow); the client has `client_dispute_response_business_days` to answer
//! or the escrow is released to the freelancer. An answer starts mediation: the mediator has
//! `mediation_proposal_days` to propose a split, then both parties have
//! `mediation_accept_days` to accept. Without agreement, either may pay for arbitration within
//! `arbitration_opt_in_days`: nobody pays → the client gets the escrow; one pays → that party
//! gets it; both pay → the arbitrator decides. A client may also dispute a dormant contract's release request;
//! that dispute starts at mediation (the client has, in effect, already answered).

use chrono::NaiveDateTime;

use crate::ledger::calendar::{end_of_business_day_after, end_of_day_after, later};
use crate::ledger::contract::{
    resolve_fixed, ContractState, Dispute, DisputeStage, Dormancy, FixedState, TermsState,
};
use crate::ledger::error::LedgerError;
use crate::ledger::event::{Cause, EventKind};
use crate::ledger::fixed::fixed_ref;
use crate::money::Money;
use crate::rules::Params;
use crate::scenario::Party;

fn set_stage(contract: &mut ContractState, stage: Option<DisputeStage>) {
    if let TermsState::Fixed(fixed) = &mut contract.terms {
        fixed.dispute = match (stage, fixed.dispute) {
            (Some(stage), Some(dispute)) => Some(Dispute { stage, ..dispute }),
            _ => None,
        };
    }
}

fn stage(fixed: &FixedState) -> Option<DisputeStage> {
    fixed.dispute.map(|d| d.stage)
}

pub(super) fn file(
    contract: &mut ContractState,
    at: NaiveDateTime,
    by: Party,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    let release_requested =
        matches!(fixed.dormancy, Dormancy::ReleaseRequested { .. }) && contract.end.is_none();
    if by == Party::Platform || (by == Party::Client && !release_requested) {
        return Err(LedgerError::PartyNotAllowed(by));
    }
    if fixed.dispute.is_some() {
        return Err(LedgerError::DisputeAlreadyOpen);
    }
    let days = params.freelancer_dispute_days;
    let window_closed = contract
        .end
        .and_then(|e| end_of_day_after(e.at.date(), days))
        .is_some_and(|closes| at > closes);
    if window_closed {
        return Err(LedgerError::DisputeWindowClosed { days });
    }
    let held = fixed.held().ok_or(LedgerError::AmountOverflow)?;
    if held == Money::ZERO {
        return Err(LedgerError::NothingHeld);
    }
    let (stage, due) = if by == Party::Client {
        let due = later(at, params.mediation_proposal_days);
        (DisputeStage::AwaitingProposal { due }, due)
    } else {
        let business_days = params.client_dispute_response_business_days;
        let due = end_of_business_day_after(at.date(), business_days).unwrap_or(NaiveDateTime::MAX);
        (DisputeStage::AwaitingClient { due }, due)
    };
    if let TermsState::Fixed(fixed) = &mut contract.terms {
        fixed.refund_request = None;
        fixed.dormancy = Dormancy::Watching;
        fixed.dispute = Some(Dispute {
            filed_by: by,
            stage,
        });
    }
    Ok(vec![EventKind::DisputeFiled { by, due }])
}

/// The client answers the freelancer's dispute: mediation starts.
pub(super) fn respond(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    if !matches!(stage(fixed), Some(DisputeStage::AwaitingClient { .. })) {
        return Err(LedgerError::NoDisputeAtThisStage);
    }
    set_stage(
        contract,
        Some(DisputeStage::AwaitingProposal {
            due: later(at, params.mediation_proposal_days),
        }),
    );
    Ok(vec![EventKind::DisputeAnswered { by: Party::Client }])
}

/// The client gives in: everything held is released.
pub(super) fn concede(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    if fixed.dispute.is_none() {
        return Err(LedgerError::NoDisputeAtThisStage);
    }
    let held = fixed.held().ok_or(LedgerError::AmountOverflow)?;
    close(contract, at, held, Cause::Client, Cause::Client, params)
}

fn close(
    contract: &mut ContractState,
    at: NaiveDateTime,
    release: Money,
    release_cause: Cause,
    refund_cause: Cause,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    set_stage(contract, None);
    let mut events = resolve_fixed(contract, at, release, release_cause, refund_cause, params)?;
    events.push(EventKind::DisputeClosed);
    Ok(events)
}

pub(super) fn propose(
    contract: &mut ContractState,
    at: NaiveDateTime,
    release: Money,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    if !matches!(stage(fixed), Some(DisputeStage::AwaitingProposal { .. })) {
        return Err(LedgerError::NoDisputeAtThisStage);
    }
    if release.is_negative() {
        return Err(LedgerError::AmountNegative(release));
    }
    let held = fixed.held().ok_or(LedgerError::AmountOverflow)?;
    if release > held {
        return Err(LedgerError::ReleaseExceedsHeld {
            amount: release,
            held,
        });
    }
    let due = later(at, params.mediation_accept_days);
    let proposal = DisputeStage::Proposal {
        release,
        due,
        client_accepted: false,
        freelancer_accepted: false,
    };
    set_stage(contract, Some(proposal));
    Ok(vec![EventKind::SettlementProposed { release, due }])
}

/// One party's half of a step both must take (accepting a settlement, paying the arbitration
/// fee): a party acting twice is refused; otherwise the (client, freelancer) flags come back
/// with this party's set. The caller has already refused the platform.
fn party_step(
    by: Party,
    client_done: bool,
    freelancer_done: bool,
) -> Result<(bool, bool), LedgerError> {
    let already = if by == Party::Client {
        client_done
    } else {
        freelancer_done
    };
    if already {
        return Err(LedgerError::AlreadyDoneByParty(by));
    }
    Ok((
        client_done || by == Party::Client,
        freelancer_done || by == Party::Freelancer,
    ))
}

pub(super) fn accept(
    contract: &mut ContractState,
    at: NaiveDateTime,
    by: Party,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    if by == Party::Platform {
        return Err(LedgerError::PartyNotAllowed(by));
    }
    let Some(DisputeStage::Proposal {
        release,
        due,
        client_accepted,
        freelancer_accepted,
    }) = stage(fixed)
    else {
        return Err(LedgerError::NoDisputeAtThisStage);
    };
    let (client_accepted, freelancer_accepted) =
        party_step(by, client_accepted, freelancer_accepted)?;
    let mut events = vec![EventKind::SettlementAccepted { by }];
    if client_accepted && freelancer_accepted {
        events.extend(close(
            contract,
            at,
            release,
            Cause::Settlement,
            Cause::Settlement,
            params,
        )?);
        return Ok(events);
    }
    set_stage(
        contract,
        Some(DisputeStage::Proposal {
            release,
            due,
            client_accepted,
            freelancer_accepted,
        }),
    );
    Ok(events)
}

/// Declining the proposal moves straight to the arbitration offer.
pub(super) fn decline(
    contract: &mut ContractState,
    at: NaiveDateTime,
    by: Party,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    if by == Party::Platform {
        return Err(LedgerError::PartyNotAllowed(by));
    }
    if !matches!(stage(fixed), Some(DisputeStage::Proposal { .. })) {
        return Err(LedgerError::NoDisputeAtThisStage);
    }
    Ok(offer_arbitration(contract, at, params))
}

fn offer_arbitration(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Vec<EventKind> {
    let due = later(at, params.arbitration_opt_in_days);
    set_stage(
        contract,
        Some(DisputeStage::ArbitrationOptIn {
            due,
            client_paid: false,
            freelancer_paid: false,
        }),
    );
    vec![EventKind::ArbitrationOffered { due }]
}

pub(super) fn pay_fee(
    contract: &mut ContractState,
    by: Party,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    if by == Party::Platform {
        return Err(LedgerError::PartyNotAllowed(by));
    }
    let Some(DisputeStage::ArbitrationOptIn {
        due,
        client_paid,
        freelancer_paid,
    }) = stage(fixed)
    else {
        return Err(LedgerError::NoDisputeAtThisStage);
    };
    let (client_paid, freelancer_paid) = party_step(by, client_paid, freelancer_paid)?;
    let next = if client_paid && freelancer_paid {
        DisputeStage::Arbitration
    } else {
        DisputeStage::ArbitrationOptIn {
            due,
            client_paid,
            freelancer_paid,
        }
    };
    set_stage(contract, Some(next));
    Ok(vec![EventKind::ArbitrationFeePaid { by }])
}

pub(super) fn decide(
    contract: &mut ContractState,
    at: NaiveDateTime,
    release: Money,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    if stage(fixed) != Some(DisputeStage::Arbitration) {
        return Err(LedgerError::NoDisputeAtThisStage);
    }
    if release.is_negative() {
        return Err(LedgerError::AmountNegative(release));
    }
    let held = fixed.held().ok_or(LedgerError::AmountOverflow)?;
    if release > held {
        return Err(LedgerError::ReleaseExceedsHeld {
            amount: release,
            held,
        });
    }
    close(
        contract,
        at,
        release,
        Cause::ArbitrationDecision,
        Cause::ArbitrationDecision,
        params,
    )
}

/// The client did not answer in `client_dispute_response_business_days`: the escrow goes to the
/// freelancer.
pub(super) fn client_silent(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let held = fixed_ref(contract)?
        .held()
        .ok_or(LedgerError::AmountOverflow)?;
    close(
        contract,
        at,
        held,
        Cause::ClientDidNotRespond,
        Cause::ClientDidNotRespond,
        params,
    )
}

/// No proposal in time, or no agreement on it: arbitration is offered.
pub(super) fn mediation_failed(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Vec<EventKind> {
    offer_arbitration(contract, at, params)
}

/// The arbitration offer ran out with at most one party paying.
pub(super) fn opt_in_closed(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    let held = fixed.held().ok_or(LedgerError::AmountOverflow)?;
    let freelancer_only = matches!(
        stage(fixed),
        Some(DisputeStage::ArbitrationOptIn {
            client_paid: false,
            freelancer_paid: true,
            ..
        })
    );
    let client_only = matches!(
        stage(fixed),
        Some(DisputeStage::ArbitrationOptIn {
            client_paid: true,
            freelancer_paid: false,
            ..
        })
    );
    if freelancer_only {
        return close(
            contract,
            at,
            held,
            Cause::ArbitrationFeePaid,
            Cause::ArbitrationFeePaid,
            params,
        );
    }
    let cause = if client_only {
        Cause::ArbitrationFeePaid
    } else {
        Cause::ArbitrationDeclined
    };
    close(contract, at, Money::ZERO, cause, cause, params)
}
