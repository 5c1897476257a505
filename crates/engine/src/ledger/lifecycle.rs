//! What every contract shares: pausing, ending, bonuses, freelancer refunds, feedback, and
//! the timers for available funds, refund credits and the feedback window.

use chrono::NaiveDateTime;

use crate::ledger::calendar::{end_of_day_after, later, sub_days};
use crate::ledger::contract::{
    record_payment, release_oldest_first, resolve_fixed, security_period_end, ContractState,
    Ending, FeedbackEntry, PauseReason, RefundRequest, TermsState, Transfer,
};
use crate::ledger::error::LedgerError;
use crate::ledger::event::{Cause, EventKind, PaymentSource};
use crate::ledger::fixed::fixed_ref;
use crate::money::Money;
use crate::rules::Params;
use crate::scenario::{EndReason, Party, Stars};

/// Bonuses may be paid up to this many days after the end.
pub const BONUS_AFTER_END_DAYS: i64 = 365;
/// Freelancer refunds reach back this many days.
pub const FREELANCER_REFUND_DAYS: u64 = 180;

pub(super) fn pause(contract: &mut ContractState) -> Result<Vec<EventKind>, LedgerError> {
    contract.ensure_open()?;
    if contract.paused.is_some() {
        return Err(LedgerError::ContractAlreadyPaused);
    }
    contract.paused = Some(PauseReason::Client);
    Ok(vec![EventKind::Paused])
}

/// Resuming restarts the hourly inactivity clock: the client has just shown interest.
pub(super) fn resume(
    contract: &mut ContractState,
    at: NaiveDateTime,
) -> Result<Vec<EventKind>, LedgerError> {
    contract.ensure_open()?;
    if contract.paused.is_none() {
        return Err(LedgerError::ContractNotPaused);
    }
    if let TermsState::Hourly(hourly) = &mut contract.terms {
        let disputed = hourly
            .weeks
            .iter()
            .any(|w| w.invoice.is_some_and(|i| i.is_disputed()));
        if disputed {
            return Err(LedgerError::DisputeOpen);
        }
        hourly.last_logged_at = at;
        hourly.inactivity_warned = false;
    }
    contract.paused = None;
    Ok(vec![EventKind::Resumed])
}

/// Ends the contract. Hourly: billing of logged hours goes on as scheduled. Fixed: the
/// freelancer (or the platform) ending returns the escrow at once; the client ending releases
/// `final_release` and asks the freelancer to accept refunding the rest within
/// `escrow_refund_response_days`. While a dispute is open it keeps the escrow, and ending does
/// not touch it.
pub(super) fn end(
    contract: &mut ContractState,
    at: NaiveDateTime,
    by: Party,
    reason: EndReason,
    final_release: Money,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    contract.ensure_open()?;
    if final_release > Money::ZERO && by != Party::Client {
        return Err(LedgerError::PartyNotAllowed(by));
    }
    if final_release.is_negative() {
        return Err(LedgerError::AmountNegative(final_release));
    }
    let held = contract.escrow_held().ok_or(LedgerError::AmountOverflow)?;
    if final_release > held {
        return Err(LedgerError::ReleaseExceedsHeld {
            amount: final_release,
            held,
        });
    }
    contract.end = Some(Ending { at, by, reason });
    contract.paused = None;
    let mut events = vec![EventKind::ContractEnded { by, reason }];
    let TermsState::Fixed(fixed) = &mut contract.terms else {
        return Ok(events);
    };
    if fixed.dispute.is_some() || held == Money::ZERO {
        return Ok(events);
    }
    if by != Party::Client {
        events.extend(resolve_fixed(
            contract,
            at,
            Money::ZERO,
            Cause::Client,
            Cause::ContractEndedEarly,
            params,
        )?);
        return Ok(events);
    }
    events.extend(pay_and_request_refund(contract, at, final_release, params)?);
    Ok(events)
}

fn pay_and_request_refund(
    contract: &mut ContractState,
    at: NaiveDateTime,
    release: Money,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let mut events = release_oldest_first(contract, at, release, Cause::Client, params)?;
    let TermsState::Fixed(fixed) = &mut contract.terms else {
        return Ok(events);
    };
    let left = fixed.held().ok_or(LedgerError::AmountOverflow)?;
    if left > Money::ZERO {
        let due = later(at, params.escrow_refund_response_days);
        fixed.refund_request = Some(RefundRequest {
            due,
            cause: Cause::RefundRequestExpired,
        });
        events.push(EventKind::EscrowRefundRequested { amount: left, due });
    }
    Ok(events)
}

pub(super) fn accept_escrow_refund(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let fixed = fixed_ref(contract)?;
    if fixed.refund_request.is_none() {
        return Err(LedgerError::NoRefundRequest);
    }
    if let TermsState::Fixed(fixed) = &mut contract.terms {
        fixed.refund_request = None;
    }
    resolve_fixed(
        contract,
        at,
        Money::ZERO,
        Cause::Client,
        Cause::Freelancer,
        params,
    )
}

/// The refund request's time ran out (or the contract ended early): refund what is held.
pub(super) fn escrow_refund_due(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let TermsState::Fixed(fixed) = &mut contract.terms else {
        return Err(LedgerError::NotFixed);
    };
    let cause = fixed
        .refund_request
        .take()
        .map_or(Cause::RefundRequestExpired, |r| r.cause);
    resolve_fixed(contract, at, Money::ZERO, Cause::Client, cause, params)
}

pub(super) fn pay_bonus(
    contract: &mut ContractState,
    at: NaiveDateTime,
    amount: Money,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    if amount <= Money::ZERO {
        return Err(LedgerError::AmountNotPositive(amount));
    }
    let closes = contract
        .end
        .and_then(|end| end_of_day_after(end.at.date(), BONUS_AFTER_END_DAYS));
    if closes.is_some_and(|closes| at > closes) {
        return Err(LedgerError::BonusWindowClosed);
    }
    record_payment(
        &mut contract.payments,
        at,
        amount,
        security_period_end(at, params),
        PaymentSource::Bonus,
    );
    Ok(vec![EventKind::BonusPaid { amount }])
}

/// The freelancer refunds part of what the contract paid in the last `FREELANCER_REFUND_DAYS`, net of the
/// refunds already issued in that time. (Upwork also caps it by the available balance; this
/// model leaves that check to the caller, since the balance spans contracts.)
pub(super) fn issue_refund(
    contract: &mut ContractState,
    at: NaiveDateTime,
    amount: Money,
) -> Result<Vec<EventKind>, LedgerError> {
    if amount <= Money::ZERO {
        return Err(LedgerError::AmountNotPositive(amount));
    }
    let since =
        sub_days(at.date(), FREELANCER_REFUND_DAYS).map(crate::ledger::calendar::start_of_day);
    let recent = |t: NaiveDateTime| since.is_none_or(|since| t >= since);
    let paid = Money::checked_sum(
        contract
            .payments
            .iter()
            .filter(|p| recent(p.at))
            .map(|p| p.amount),
    );
    let refunded = Money::checked_sum(
        contract
            .freelancer_refunds
            .iter()
            .filter(|r| recent(r.at))
            .map(|r| r.amount),
    );
    let refundable = paid
        .zip(refunded)
        .and_then(|(p, r)| p.checked_sub(r))
        .ok_or(LedgerError::AmountOverflow)?;
    if amount > refundable {
        return Err(LedgerError::RefundExceedsRecentPayments { amount, refundable });
    }
    contract.freelancer_refunds.push(Transfer { at, amount });
    Ok(vec![EventKind::FreelancerRefunded { amount }])
}

/// Feedback is end-of-contract feedback: mid-contract feedback does not count toward the JSS
/// (`MODEL.md` §2) and is not modelled here.
pub(super) fn leave_feedback(
    contract: &mut ContractState,
    at: NaiveDateTime,
    by: Party,
    stars: Stars,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let Some(end) = contract.end else {
        return Err(LedgerError::ContractNotEnded);
    };
    if by == Party::Platform {
        return Err(LedgerError::PartyNotAllowed(by));
    }
    let days = params.feedback_window_days;
    let closes = end_of_day_after(end.at.date(), days);
    if contract.feedback.window_closed || closes.is_none_or(|closes| at > closes) {
        return Err(LedgerError::FeedbackWindowClosed { days });
    }
    let slot = match by {
        Party::Client => &mut contract.feedback.client,
        _ => &mut contract.feedback.freelancer,
    };
    if slot.is_some() {
        return Err(LedgerError::FeedbackAlreadyLeft(by));
    }
    *slot = Some(FeedbackEntry { at, stars });
    let mut events = vec![EventKind::FeedbackLeft { by, stars }];
    if contract.feedback.client.is_some() && contract.feedback.freelancer.is_some() {
        events.push(EventKind::FeedbackRevealed);
    }
    Ok(events)
}

pub(super) fn feedback_window_closes(contract: &mut ContractState) -> Vec<EventKind> {
    contract.feedback.window_closed = true;
    vec![EventKind::FeedbackWindowClosed]
}

pub(super) fn funds_available(contract: &mut ContractState, payment: usize) -> Vec<EventKind> {
    let Some(record) = contract.payments.get_mut(payment) else {
        return Vec::new();
    };
    record.available = true;
    vec![EventKind::FundsAvailable {
        amount: record.amount,
        source: record.source.clone(),
    }]
}

pub(super) fn refund_credited(contract: &mut ContractState, credit: usize) -> Vec<EventKind> {
    let Some(credit) = contract.credits.get_mut(credit) else {
        return Vec::new();
    };
    credit.credited = true;
    vec![EventKind::RefundCredited {
        amount: credit.amount,
    }]
}
