//! Hourly contracts: logged hours, the weekly invoice (Monday 12:00), the client's review
//! window (to Friday 23:59:59), availability (`hourly_funds_available_days` after the week,
//! by default the Wednesday; Top Rated: the Friday), disputes of hours and the inactivity
//! rules (`hourly_inactivity_warning_days`, `hourly_inactivity_pause_days`).
//!
//! Choices where `MODEL.md` is silent:
//! - Hours are logged in the billing week holding the command's date, up to the weekly
//!   limit (and never more than the 168 hours of a week).
//! - A dispute covers the most recent invoice still in its review window.
//! - The freelancer answering a dispute protects the hours (Upwork protects qualifying
//!   hours; all logged hours within the limit qualify here): the invoice clears at once and
//!   becomes available on its normal date. Accepting the dispute, or not answering within
//!   `hourly_dispute_response_days` calendar days, refunds the week to the client (the older
//!   official wording [S21]).
//! - The contract stays paused after a dispute until the client resumes it.

use chrono::{NaiveDate, NaiveDateTime};

use crate::ledger::calendar::{end_of_day, hourly_available_at, later, week_start};
use crate::ledger::contract::{
    record_payment, schedule_credit, ContractState, HourlyState, Invoice, InvoiceStage,
    PauseReason, TermsState, Week,
};
use crate::ledger::deadline::{inactivity_step, Inactivity, Policy};
use crate::ledger::error::LedgerError;
use crate::ledger::escrow::Escrow;
use crate::ledger::event::{Cause, EscrowRef, EventKind, PaymentSource};
use crate::money::Money;
use crate::rules::Params;
use crate::scenario::Party;

/// The hours in a week: the most any week can log.
pub const WEEK_HOURS: u32 = 168;

fn hourly_ref(contract: &ContractState) -> Result<&HourlyState, LedgerError> {
    match &contract.terms {
        TermsState::Hourly(hourly) => Ok(hourly),
        TermsState::Fixed(_) => Err(LedgerError::NotHourly),
    }
}

fn hourly_mut(contract: &mut ContractState) -> Result<&mut HourlyState, LedgerError> {
    match &mut contract.terms {
        TermsState::Hourly(hourly) => Ok(hourly),
        TermsState::Fixed(_) => Err(LedgerError::NotHourly),
    }
}

pub(super) fn log_hours(
    contract: &mut ContractState,
    at: NaiveDateTime,
    hours_hundredths: u32,
) -> Result<Vec<EventKind>, LedgerError> {
    let hourly = hourly_ref(contract)?;
    contract.ensure_open()?;
    if contract.paused.is_some() {
        return Err(LedgerError::ContractPaused);
    }
    if hours_hundredths == 0 {
        return Err(LedgerError::AmountNotPositive(Money::ZERO));
    }
    let start = week_start(at.date()).ok_or(LedgerError::AmountOverflow)?;
    let logged = hourly
        .weeks
        .last()
        .filter(|w| w.start == start)
        .map_or(0, |w| w.hours_hundredths);
    let limit_hours = hourly
        .weekly_limit_hours
        .unwrap_or(WEEK_HOURS)
        .min(WEEK_HOURS);
    let total = logged
        .checked_add(hours_hundredths)
        .ok_or(LedgerError::WeeklyLimitExceeded { limit_hours })?;
    if total > limit_hours * 100 {
        return Err(LedgerError::WeeklyLimitExceeded { limit_hours });
    }
    let hourly = hourly_mut(contract)?;
    match hourly.weeks.last_mut().filter(|w| w.start == start) {
        Some(week) => week.hours_hundredths = total,
        None => hourly.weeks.push(Week {
            start,
            hours_hundredths: total,
            invoice: None,
        }),
    }
    hourly.last_logged_at = at;
    hourly.inactivity_warned = false;
    Ok(vec![EventKind::HoursLogged {
        week_start: start,
        hours_hundredths,
    }])
}

fn week_index(hourly: &HourlyState, start: NaiveDate) -> Option<usize> {
    hourly.weeks.iter().position(|w| w.start == start)
}

/// Monday 12:00: the week's hours × rate (rounded half up to the cent) are charged to the
/// client and held while the client reviews them. A week worth $0 clears at once.
pub(super) fn invoice(
    contract: &mut ContractState,
    start: NaiveDate,
) -> Result<Vec<EventKind>, LedgerError> {
    let hourly = hourly_mut(contract)?;
    let rate = hourly.hourly_rate;
    let index = week_index(hourly, start).ok_or(LedgerError::NoInvoiceInReview)?;
    let Some(week) = hourly.weeks.get_mut(index) else {
        return Ok(Vec::new());
    };
    let amount = rate
        .mul_ratio_round_half_up(i64::from(week.hours_hundredths), 100)
        .ok_or(LedgerError::AmountOverflow)?;
    let mut escrow = Escrow::reserve(amount);
    let stage = if amount == Money::ZERO {
        escrow.resolution = Some(crate::ledger::escrow::Resolution::Released);
        InvoiceStage::Cleared
    } else {
        InvoiceStage::InReview
    };
    week.invoice = Some(Invoice { escrow, stage });
    hourly.advance_cursor();
    Ok(vec![EventKind::Invoiced {
        week_start: start,
        amount,
    }])
}

/// Friday 23:59:59: no dispute, so the week's pay is released into its security period.
pub(super) fn review_ends(
    contract: &mut ContractState,
    at: NaiveDateTime,
    start: NaiveDate,
    policy: &Policy,
) -> Result<Vec<EventKind>, LedgerError> {
    let available_at = available_at(start, policy);
    clear(contract, at, start, available_at, Cause::InvoiceCleared)
}

fn available_at(start: NaiveDate, policy: &Policy) -> Option<NaiveDateTime> {
    let days = policy.params.hourly_funds_available_days;
    hourly_available_at(start, policy.top_rated, days)
}

fn clear(
    contract: &mut ContractState,
    at: NaiveDateTime,
    start: NaiveDate,
    available_at: Option<NaiveDateTime>,
    cause: Cause,
) -> Result<Vec<EventKind>, LedgerError> {
    let hourly = hourly_mut(contract)?;
    let index = week_index(hourly, start).ok_or(LedgerError::NoInvoiceInReview)?;
    let Some(invoice) = hourly.weeks.get_mut(index).and_then(|w| w.invoice.as_mut()) else {
        return Err(LedgerError::NoInvoiceInReview);
    };
    let amount = invoice.escrow.held;
    invoice.escrow.release(amount)?;
    invoice.stage = InvoiceStage::Cleared;
    hourly.advance_cursor();
    let reference = EscrowRef::Invoice(start);
    record_payment(
        &mut contract.payments,
        at,
        amount,
        available_at,
        PaymentSource::Escrow(reference.clone()),
    );
    Ok(vec![EventKind::EscrowReleased {
        escrow: reference,
        amount,
        cause,
    }])
}

fn refund_week(
    contract: &mut ContractState,
    at: NaiveDateTime,
    start: NaiveDate,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let hourly = hourly_mut(contract)?;
    let index = week_index(hourly, start).ok_or(LedgerError::NoDisputeAtThisStage)?;
    let Some(invoice) = hourly.weeks.get_mut(index).and_then(|w| w.invoice.as_mut()) else {
        return Err(LedgerError::NoDisputeAtThisStage);
    };
    let amount = invoice.escrow.refund_remainder()?;
    invoice.stage = InvoiceStage::Refunded;
    hourly.advance_cursor();
    schedule_credit(&mut contract.credits, at, amount, params);
    let reference = EscrowRef::Invoice(start);
    Ok(vec![EventKind::EscrowRefunded {
        escrow: reference,
        amount,
        cause: Cause::HourlyDisputeLost,
    }])
}

/// The client disputes the latest invoice still in its review window; the contract pauses.
pub(super) fn file_dispute(
    contract: &mut ContractState,
    at: NaiveDateTime,
    by: Party,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let hourly = hourly_ref(contract)?;
    if by != Party::Client {
        return Err(LedgerError::PartyNotAllowed(by));
    }
    if hourly
        .weeks
        .iter()
        .any(|w| w.invoice.is_some_and(|i| i.is_disputed()))
    {
        return Err(LedgerError::DisputeAlreadyOpen);
    }
    let in_review = |w: &Week| {
        let window_open =
            crate::ledger::calendar::review_ends_at(w.start).is_some_and(|end| at <= end);
        w.invoice.is_some_and(|i| i.stage == InvoiceStage::InReview) && window_open
    };
    let Some(start) = hourly
        .weeks
        .iter()
        .rev()
        .find(|w| in_review(w))
        .map(|w| w.start)
    else {
        return Err(LedgerError::NoInvoiceInReview);
    };
    let respond_by = later(at, params.hourly_dispute_response_days);
    let hourly = hourly_mut(contract)?;
    if let Some(invoice) = hourly
        .weeks
        .iter_mut()
        .find(|w| w.start == start)
        .and_then(|w| w.invoice.as_mut())
    {
        invoice.stage = InvoiceStage::Disputed { respond_by };
    }
    let mut events = vec![EventKind::HourlyDisputeFiled {
        week_start: start,
        respond_by,
    }];
    if contract.end.is_none() && contract.paused.is_none() {
        contract.paused = Some(PauseReason::HourlyDispute);
        events.push(EventKind::Paused);
    }
    Ok(events)
}

fn disputed_week(contract: &ContractState) -> Result<NaiveDate, LedgerError> {
    let hourly = hourly_ref(contract)?;
    hourly
        .weeks
        .iter()
        .find(|w| w.invoice.is_some_and(|i| i.is_disputed()))
        .map(|w| w.start)
        .ok_or(LedgerError::NoDisputeAtThisStage)
}

/// The freelancer answers: the hours are protected and paid on the normal schedule.
pub(super) fn respond(
    contract: &mut ContractState,
    at: NaiveDateTime,
    policy: &Policy,
) -> Result<Vec<EventKind>, LedgerError> {
    let start = disputed_week(contract)?;
    let normal = available_at(start, policy);
    let available_at = normal.map(|n| n.max(end_of_day(at.date())));
    let mut events = vec![EventKind::DisputeAnswered {
        by: Party::Freelancer,
    }];
    events.extend(clear(
        contract,
        at,
        start,
        available_at,
        Cause::InvoiceCleared,
    )?);
    Ok(events)
}

/// The freelancer accepts the dispute: the week is refunded.
pub(super) fn concede(
    contract: &mut ContractState,
    at: NaiveDateTime,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let start = disputed_week(contract)?;
    refund_week(contract, at, start, params)
}

/// The `hourly_dispute_response_days` ran out without an answer: the week is refunded.
pub(super) fn dispute_unanswered(
    contract: &mut ContractState,
    at: NaiveDateTime,
    start: NaiveDate,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    refund_week(contract, at, start, params)
}

/// Time without logged hours: the client is warned once per stretch of inactivity, and when
/// `hourly_inactivity_pause_days` is not 0 (by default only in `legacy`) the contract pauses.
pub(super) fn inactivity(
    contract: &mut ContractState,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let hourly = hourly_mut(contract)?;
    match inactivity_step(hourly.inactivity_warned, params) {
        Some((_, Inactivity::Pause)) => {
            contract.paused = Some(PauseReason::Inactivity);
            Ok(vec![EventKind::AutoPaused])
        }
        Some((_, Inactivity::Warn)) => {
            hourly.inactivity_warned = true;
            Ok(vec![EventKind::InactivityWarning])
        }
        None => Ok(Vec::new()),
    }
}
