//! The state of one contract, and the money helpers every kind of contract shares.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use crate::ledger::calendar::{end_of_business_day_after, end_of_day_after};
use crate::ledger::deadline::Deadline;
use crate::ledger::error::LedgerError;
use crate::ledger::escrow::Escrow;
use crate::ledger::event::{Cause, EscrowRef, EventKind, PaymentSource};
use crate::money::Money;
use crate::rules::Params;
use crate::scenario::{EndReason, Party, Stars};

#[derive(Clone, Debug, PartialEq)]
pub struct ContractState {
    pub id: Arc<str>,
    pub client: Arc<str>,
    pub started_at: NaiveDateTime,
    pub paused: Option<PauseReason>,
    pub end: Option<Ending>,
    pub terms: TermsState,
    /// Money paid to the freelancer, in the order it was paid.
    pub payments: Vec<PaymentRecord>,
    /// Refunds the freelancer issued to the client after being paid.
    pub freelancer_refunds: Vec<Transfer>,
    /// Escrow refunds on their way to the client's payment method.
    pub credits: Vec<Credit>,
    pub feedback: FeedbackState,
    /// How many leading `payments` are available (none of them has a timer left).
    pub(crate) payments_settled: usize,
    /// How many leading `credits` are credited.
    pub(crate) credits_settled: usize,
    /// The cached earliest deadline, kept in step with the ledger's schedule.
    pub(crate) next: Option<(NaiveDateTime, Deadline)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PauseReason {
    /// The client paused the contract.
    Client,
    /// A client's dispute of hours paused it.
    HourlyDispute,
    /// `hourly_inactivity_pause_days` without logged time.
    Inactivity,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ending {
    pub at: NaiveDateTime,
    pub by: Party,
    pub reason: EndReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transfer {
    pub at: NaiveDateTime,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentRecord {
    pub at: NaiveDateTime,
    pub amount: Money,
    /// The end of the security period.
    pub available_at: NaiveDateTime,
    pub available: bool,
    pub source: PaymentSource,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Credit {
    pub due: NaiveDateTime,
    pub amount: Money,
    pub credited: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TermsState {
    Hourly(HourlyState),
    Fixed(FixedState),
}

#[derive(Clone, Debug, PartialEq)]
pub struct HourlyState {
    pub hourly_rate: Money,
    pub weekly_limit_hours: Option<u32>,
    /// Billing weeks with logged hours, oldest first.
    pub weeks: Vec<Week>,
    /// The start of the inactivity clock: the last logged time, start or resume.
    pub last_logged_at: NaiveDateTime,
    /// The inactivity warning was given for the current stretch of inactivity.
    pub inactivity_warned: bool,
    /// How many leading `weeks` are cleared or refunded.
    pub(crate) weeks_settled: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Week {
    /// The Monday that starts the billing week.
    pub start: NaiveDate,
    pub hours_hundredths: u32,
    pub invoice: Option<Invoice>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invoice {
    pub escrow: Escrow,
    pub stage: InvoiceStage,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvoiceStage {
    /// Invoiced; the client may dispute until Friday.
    InReview,
    /// Disputed by the client; the freelancer must answer by `respond_by`.
    Disputed { respond_by: NaiveDateTime },
    /// Paid to the freelancer (the payment record tracks the security period).
    Cleared,
    /// Refunded to the client.
    Refunded,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FixedState {
    pub milestones: Vec<MilestoneState>,
    /// The client ended the contract with escrow left; the freelancer has until `due`.
    pub refund_request: Option<RefundRequest>,
    pub dispute: Option<Dispute>,
    pub dormancy: Dormancy,
    /// The last activity that resets the dormancy clock.
    pub last_activity_at: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MilestoneState {
    pub id: Arc<str>,
    pub amount: Money,
    pub due: Option<NaiveDate>,
    /// `None` until funded.
    pub escrow: Option<Escrow>,
    /// Set while submitted work waits for the client; auto-release at this time.
    pub review_due: Option<NaiveDateTime>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefundRequest {
    pub due: NaiveDateTime,
    /// What the automatic refund records as its cause.
    pub cause: Cause,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dispute {
    pub filed_by: Party,
    pub stage: DisputeStage,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisputeStage {
    /// The client must respond by `due` (`client_dispute_response_business_days`) or the
    /// escrow is released.
    AwaitingClient { due: NaiveDateTime },
    /// The mediator should propose by `due` (`mediation_proposal_days`).
    AwaitingProposal { due: NaiveDateTime },
    /// Both parties may accept until `due` (`mediation_accept_days`).
    Proposal {
        release: Money,
        due: NaiveDateTime,
        client_accepted: bool,
        freelancer_accepted: bool,
    },
    /// Either party may pay the arbitration fee until `due` (`arbitration_opt_in_days`).
    ArbitrationOptIn {
        due: NaiveDateTime,
        client_paid: bool,
        freelancer_paid: bool,
    },
    /// Both paid: the arbitrator decides; no timer.
    Arbitration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dormancy {
    /// Counting towards the notices.
    Watching,
    /// The first notice (`dormant_first_notice_days`) went out.
    FirstNotice,
    /// The final notice (`dormant_second_notice_days`) went out.
    FinalNotice,
    /// Marked dormant; the client may act until `client_due`.
    Dormant { client_due: NaiveDateTime },
    /// The freelancer may request release until `due`.
    FreelancerWindow { due: NaiveDateTime },
    /// The freelancer asked; the client may approve or dispute until `due`.
    ReleaseRequested { due: NaiveDateTime },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FeedbackState {
    pub client: Option<FeedbackEntry>,
    pub freelancer: Option<FeedbackEntry>,
    pub window_closed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeedbackEntry {
    pub at: NaiveDateTime,
    pub stars: Stars,
}

impl ContractState {
    pub(crate) fn new(
        id: Arc<str>,
        client: Arc<str>,
        at: NaiveDateTime,
        terms: TermsState,
    ) -> Self {
        ContractState {
            id,
            client,
            started_at: at,
            paused: None,
            end: None,
            terms,
            payments: Vec::new(),
            freelancer_refunds: Vec::new(),
            credits: Vec::new(),
            feedback: FeedbackState::default(),
            payments_settled: 0,
            credits_settled: 0,
            next: None,
        }
    }

    pub fn is_hourly(&self) -> bool {
        matches!(self.terms, TermsState::Hourly(_))
    }

    /// Everything held in escrow for the contract's milestones.
    pub fn escrow_held(&self) -> Option<Money> {
        match &self.terms {
            TermsState::Fixed(fixed) => fixed.held(),
            TermsState::Hourly(_) => Some(Money::ZERO),
        }
    }

    /// Payments minus the freelancer's refunds.
    pub fn earnings(&self) -> Option<Money> {
        let paid = Money::checked_sum(self.payments.iter().map(|p| p.amount))?;
        let refunded = Money::checked_sum(self.freelancer_refunds.iter().map(|r| r.amount))?;
        paid.checked_sub(refunded)
    }

    /// Every escrow of the contract: milestones and hourly invoices.
    pub fn escrows(&self) -> Box<dyn Iterator<Item = &Escrow> + '_> {
        match &self.terms {
            TermsState::Fixed(fixed) => {
                Box::new(fixed.milestones.iter().filter_map(|m| m.escrow.as_ref()))
            }
            TermsState::Hourly(hourly) => Box::new(
                hourly
                    .weeks
                    .iter()
                    .filter_map(|w| w.invoice.as_ref().map(|i| &i.escrow)),
            ),
        }
    }

    pub(crate) fn ensure_open(&self) -> Result<(), LedgerError> {
        if self.end.is_some() {
            return Err(LedgerError::ContractAlreadyEnded);
        }
        Ok(())
    }

    pub(crate) fn advance_cursors(&mut self) {
        while self
            .payments
            .get(self.payments_settled)
            .is_some_and(|p| p.available)
        {
            self.payments_settled += 1;
        }
        while self
            .credits
            .get(self.credits_settled)
            .is_some_and(|c| c.credited)
        {
            self.credits_settled += 1;
        }
        if let TermsState::Hourly(hourly) = &mut self.terms {
            hourly.advance_cursor();
        }
    }
}

impl Invoice {
    pub fn is_disputed(&self) -> bool {
        matches!(self.stage, InvoiceStage::Disputed { .. })
    }
}

impl HourlyState {
    pub(crate) fn advance_cursor(&mut self) {
        let settled = |w: &Week| {
            w.invoice
                .is_some_and(|i| matches!(i.stage, InvoiceStage::Cleared | InvoiceStage::Refunded))
        };
        while self.weeks.get(self.weeks_settled).is_some_and(settled) {
            self.weeks_settled += 1;
        }
    }
}

impl FixedState {
    pub fn held(&self) -> Option<Money> {
        Money::checked_sum(
            self.milestones
                .iter()
                .filter_map(|m| m.escrow.map(|e| e.held)),
        )
    }

    pub(crate) fn milestone_index(&self, id: &str) -> Result<usize, LedgerError> {
        self.milestone(id).map(|(index, _)| index)
    }

    /// The milestone and its index, so callers look it up once.
    pub(crate) fn milestone(&self, id: &str) -> Result<(usize, &MilestoneState), LedgerError> {
        self.milestones
            .iter()
            .enumerate()
            .find(|(_, m)| &*m.id == id)
            .ok_or_else(|| LedgerError::UnknownMilestone(id.to_string()))
    }

    pub(crate) fn milestone_mut(
        &mut self,
        id: &str,
    ) -> Result<(usize, &mut MilestoneState), LedgerError> {
        self.milestones
            .iter_mut()
            .enumerate()
            .find(|(_, m)| &*m.id == id)
            .ok_or_else(|| LedgerError::UnknownMilestone(id.to_string()))
    }

    /// Activity (a milestone added, funded, submitted, released or refunded, or a release
    /// requested) restarts the dormancy clock.
    pub(crate) fn touch(&mut self, at: NaiveDateTime) {
        self.last_activity_at = self.last_activity_at.max(at);
        self.dormancy = Dormancy::Watching;
    }
}

/// Records a payment to the freelancer that becomes available at `available_at`.
pub(crate) fn record_payment(
    payments: &mut Vec<PaymentRecord>,
    at: NaiveDateTime,
    amount: Money,
    available_at: Option<NaiveDateTime>,
    source: PaymentSource,
) {
    // A date past the end of the calendar means the money never leaves the security period.
    let available_at = available_at.unwrap_or(NaiveDateTime::MAX);
    payments.push(PaymentRecord {
        at,
        amount,
        available_at,
        available: false,
        source,
    });
}

/// The end of the security period (`security_hold_days`) for money released at `at`.
pub(crate) fn security_period_end(at: NaiveDateTime, params: &Params) -> Option<NaiveDateTime> {
    end_of_day_after(at.date(), params.security_hold_days)
}

/// Schedules the credit of a refund to the client's payment method
/// (`refund_credit_business_days`).
pub(crate) fn schedule_credit(
    credits: &mut Vec<Credit>,
    at: NaiveDateTime,
    amount: Money,
    params: &Params,
) {
    if amount == Money::ZERO {
        return;
    }
    let due = end_of_business_day_after(at.date(), params.refund_credit_business_days)
        .unwrap_or(NaiveDateTime::MAX);
    credits.push(Credit {
        due,
        amount,
        credited: false,
    });
}

/// Splits `release` over the milestones' held escrow (oldest first), then refunds what is
/// left: the one path for settlements, decisions, dispute defaults, dormancy and ending. The
/// caller has checked `release ≤ held`.
pub(crate) fn resolve_fixed(
    contract: &mut ContractState,
    at: NaiveDateTime,
    release: Money,
    release_cause: Cause,
    refund_cause: Cause,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let mut events = release_oldest_first(contract, at, release, release_cause, params)?;
    let TermsState::Fixed(fixed) = &mut contract.terms else {
        return Err(LedgerError::NotFixed);
    };
    for milestone in &mut fixed.milestones {
        let Some(escrow) = milestone.escrow.as_mut().filter(|e| e.resolution.is_none()) else {
            continue;
        };
        let amount = escrow.refund_remainder()?;
        schedule_credit(&mut contract.credits, at, amount, params);
        let escrow = EscrowRef::Milestone(milestone.id.clone());
        events.push(EventKind::EscrowRefunded {
            escrow,
            amount,
            cause: refund_cause,
        });
    }
    Ok(events)
}

/// Releases `release` from the milestones' held escrow, oldest first, leaving the rest held,
/// and ends every review (the client has acted, or the process has taken over).
pub(crate) fn release_oldest_first(
    contract: &mut ContractState,
    at: NaiveDateTime,
    release: Money,
    cause: Cause,
    params: &Params,
) -> Result<Vec<EventKind>, LedgerError> {
    let TermsState::Fixed(fixed) = &mut contract.terms else {
        return Err(LedgerError::NotFixed);
    };
    let mut events = Vec::new();
    let mut to_release = release;
    for milestone in &mut fixed.milestones {
        milestone.review_due = None;
        let Some(escrow) = milestone.escrow.as_mut().filter(|e| e.resolution.is_none()) else {
            continue;
        };
        let part = to_release.min(escrow.held);
        if part == Money::ZERO {
            continue;
        }
        escrow.release(part)?;
        to_release = to_release
            .checked_sub(part)
            .ok_or(LedgerError::AmountOverflow)?;
        let reference = EscrowRef::Milestone(milestone.id.clone());
        let source = PaymentSource::Escrow(reference.clone());
        record_payment(
            &mut contract.payments,
            at,
            part,
            security_period_end(at, params),
            source,
        );
        events.push(EventKind::EscrowReleased {
            escrow: reference,
            amount: part,
            cause,
        });
    }
    Ok(events)
}

impl MilestoneState {
    /// The milestone's escrow, or `MilestoneNotFunded`.
    pub(crate) fn funded(&self) -> Result<Escrow, LedgerError> {
        self.escrow.ok_or(LedgerError::MilestoneNotFunded)
    }
}
