//! Building a ledger from a scenario, as of a date.
//!
//! A scenario holds facts by date, not the commands that made them, so the state is derived
//! directly rather than replayed: each fact dated on or before `as_of` is taken to have
//! happened at the start of its day, and facts after `as_of` are ignored. The clock starts at
//! the start of `as_of`. What follows from the facts is left to the timers, so that
//! `process_due` produces it as events: a submission older than `fp_review_days` without a
//! release is auto-released, a client-ended contract's escrow is refunded after
//! `escrow_refund_response_days`, dormancy notices follow the dates. The rules are the
//! scenario's own (`Params::resolve` of its `rules`).
//!
//! Derivations, where the scenario says nothing:
//! - Scenario payments are available `security_hold_days` after their date (the security
//!   period); logged hours are not in the format, so hourly contracts start with no open
//!   invoices, and their inactivity clock runs from the last payment (or the start).
//! - A milestone holds its amount in escrow from `funded` until `released` or `refunded`.
//! - The last `submitted` date starts the review (`fp_review_days`) of a milestone still held,
//!   unless the contract has ended (ending cancels reviews).
//! - Dormancy activity is the latest milestone date (funded, submitted, released, refunded).
//! - A client-ended contract with escrow held has a refund request due at the end of day
//!   `escrow_refund_response_days`; a contract ended by the freelancer or the platform with
//!   escrow held is refunded at once.
//! - The freelancer's own feedback is unknown, so client feedback stays hidden until the
//!   window closes; a window that closed before `as_of` is closed.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use crate::ledger::calendar::{end_of_day_after, later, start_of_day};
use crate::ledger::contract::{
    security_period_end, ContractState, Dormancy, Ending, FeedbackEntry, FixedState, HourlyState,
    MilestoneState, PaymentRecord, RefundRequest, TermsState, Transfer,
};
use crate::ledger::error::LedgerError;
use crate::ledger::escrow::Escrow;
use crate::ledger::event::{Cause, PaymentSource};
use crate::ledger::Ledger;
use crate::money::Money;
use crate::rules::Params;
use crate::scenario::{Contract, Milestone, Party, Scenario, Terms};

impl Ledger {
    /// The ledger as the scenario's facts stood at the start of `as_of`, under the scenario's
    /// rules.
    pub fn from_scenario(scenario: &Scenario, as_of: NaiveDate) -> Result<Ledger, LedgerError> {
        let now = start_of_day(as_of);
        let mut ledger = Ledger::new(Params::resolve(&scenario.rules), now);
        for contract in scenario.contracts.iter().filter(|c| c.start <= as_of) {
            if contract.id.is_empty() {
                return Err(LedgerError::ContractIdEmpty);
            }
            if ledger.by_id.contains_key(contract.id.as_str()) {
                return Err(LedgerError::ContractIdTaken(contract.id.clone()));
            }
            let state = derive_contract(contract, as_of, now, &ledger.policy.params)?;
            ledger.insert(state);
        }
        Ok(ledger)
    }
}

fn on(date: NaiveDate, as_of: NaiveDate) -> Option<NaiveDateTime> {
    (date <= as_of).then(|| start_of_day(date))
}

fn derive_contract(
    contract: &Contract,
    as_of: NaiveDate,
    now: NaiveDateTime,
    params: &Params,
) -> Result<ContractState, LedgerError> {
    let started_at = start_of_day(contract.start);
    let end = contract.end.and_then(|e| {
        on(e.date, as_of).map(|at| Ending {
            at,
            by: e.by,
            reason: e.reason,
        })
    });
    let payments: Vec<PaymentRecord> = contract
        .payments
        .iter()
        .filter_map(|p| on(p.date, as_of).map(|at| (at, p.amount)))
        .map(|(at, amount)| {
            let available_at = security_period_end(at, params).unwrap_or(NaiveDateTime::MAX);
            let available = available_at < now;
            PaymentRecord {
                at,
                amount,
                available_at,
                available,
                source: PaymentSource::Scenario,
            }
        })
        .collect();
    let last_paid = payments
        .iter()
        .map(|p| p.at)
        .max()
        .unwrap_or(started_at)
        .max(started_at);
    let terms = match &contract.terms {
        Terms::Hourly {
            hourly_rate,
            weekly_limit_hours,
        } => TermsState::Hourly(HourlyState {
            hourly_rate: *hourly_rate,
            weekly_limit_hours: *weekly_limit_hours,
            weeks: Vec::new(),
            last_logged_at: last_paid,
            inactivity_warned: false,
            weeks_settled: 0,
        }),
        Terms::Fixed { milestones } => {
            TermsState::Fixed(derive_fixed(milestones, started_at, end, as_of, params)?)
        }
    };
    let mut state = ContractState::new(
        Arc::from(contract.id.as_str()),
        Arc::from(contract.client.as_str()),
        started_at,
        terms,
    );
    state.end = end;
    state.payments = payments;
    state.freelancer_refunds = contract
        .refunds
        .iter()
        .filter_map(|r| {
            on(r.date, as_of).map(|at| Transfer {
                at,
                amount: r.amount,
            })
        })
        .collect();
    let feedback = contract.feedback.filter(|f| f.date <= as_of);
    state.feedback.client = feedback.map(|f| FeedbackEntry {
        at: start_of_day(f.date),
        stars: f.stars,
    });
    let closes = end.and_then(|e| end_of_day_after(e.at.date(), params.feedback_window_days));
    state.feedback.window_closed = closes.is_some_and(|closes| closes < now);
    state.advance_cursors();
    Ok(state)
}

fn derive_fixed(
    milestones: &[Milestone],
    started_at: NaiveDateTime,
    end: Option<Ending>,
    as_of: NaiveDate,
    params: &Params,
) -> Result<FixedState, LedgerError> {
    let mut states = Vec::with_capacity(milestones.len());
    let mut last_activity_at = started_at;
    for milestone in milestones {
        if states
            .iter()
            .any(|m: &MilestoneState| *m.id == *milestone.id)
        {
            return Err(LedgerError::MilestoneIdTaken(milestone.id.clone()));
        }
        let dates = [
            milestone.funded,
            milestone.submitted,
            milestone.released,
            milestone.refunded,
        ];
        for at in dates.into_iter().flatten().filter_map(|d| on(d, as_of)) {
            last_activity_at = last_activity_at.max(at);
        }
        states.push(derive_milestone(milestone, end, as_of, params)?);
    }
    let held = Money::checked_sum(states.iter().filter_map(|m| m.escrow.map(|e| e.held)))
        .ok_or(LedgerError::AmountOverflow)?;
    let refund_request = end.filter(|_| held > Money::ZERO).map(|end| match end.by {
        Party::Client => RefundRequest {
            due: later(end.at, params.escrow_refund_response_days),
            cause: Cause::RefundRequestExpired,
        },
        _ => RefundRequest {
            due: end.at,
            cause: Cause::ContractEndedEarly,
        },
    });
    Ok(FixedState {
        milestones: states,
        refund_request,
        dispute: None,
        dormancy: Dormancy::Watching,
        last_activity_at,
    })
}

fn derive_milestone(
    milestone: &Milestone,
    end: Option<Ending>,
    as_of: NaiveDate,
    params: &Params,
) -> Result<MilestoneState, LedgerError> {
    let mut escrow = milestone
        .funded
        .filter(|d| *d <= as_of)
        .map(|_| Escrow::reserve(milestone.amount));
    if let Some(escrow) = escrow.as_mut() {
        if milestone.released.is_some_and(|d| d <= as_of) {
            escrow.release(milestone.amount)?;
        } else if milestone.refunded.is_some_and(|d| d <= as_of) {
            escrow.refund_remainder()?;
        }
    }
    let held = escrow.is_some_and(|e| e.resolution.is_none());
    let review_due = milestone
        .submitted
        .filter(|d| *d <= as_of && held && end.is_none())
        .and_then(|d| end_of_day_after(d, params.fp_review_days));
    Ok(MilestoneState {
        id: Arc::from(milestone.id.as_str()),
        amount: milestone.amount,
        due: milestone.due,
        escrow,
        review_due,
    })
}
