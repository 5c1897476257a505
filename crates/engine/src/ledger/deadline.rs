//! The timers: every automatic transition is a deadline computed from the contract's state.
//!
//! Nothing stores a timer: each contract's candidates are derived from its state, and the
//! ledger keeps only the earliest per contract in a schedule. Ties at the same instant are
//! broken by the order of the variants below (and then by contract), which puts an invoice's
//! clearing before the availability of the money it creates.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use crate::ledger::calendar::{end_of_day_after, invoice_at, review_ends_at};
use crate::ledger::contract::{ContractState, DisputeStage, Dormancy, InvoiceStage, TermsState};
use crate::money::Money;
use crate::rules::Era;

/// Days without logged time before the hourly inactivity rule applies.
pub const INACTIVITY_DAYS: u64 = 30;
/// Days after the end of a contract during which feedback may be left.
pub const FEEDBACK_WINDOW_DAYS: u64 = 14;
/// The dormancy timeline, in days after the last milestone's due date (or later activity).
pub const DORMANT_FIRST_NOTICE_DAY: u64 = 76;
pub const DORMANT_FINAL_NOTICE_DAY: u64 = 83;
pub const DORMANT_DAY: u64 = 90;

/// Why the engine will act on its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Deadline {
    /// Monday 12:00: the previous week's logged hours are invoiced.
    HourlyInvoice { week_start: NaiveDate },
    /// Friday 23:59:59: the client's review window closes and the week's invoice clears.
    HourlyReviewEnds { week_start: NaiveDate },
    /// The freelancer's 3 days to answer a dispute of hours run out: the hours are refunded.
    HourlyDisputeResponse { week_start: NaiveDate },
    /// 30 days without logged time: a warning to the client, or (legacy) an automatic pause.
    HourlyInactivity,
    /// The client's 14 days to review a submission run out: the milestone is released.
    AutoRelease { milestone: Arc<str> },
    /// The freelancer's 7 days to answer an escrow refund request run out (or the contract
    /// ended early): the escrow is refunded.
    EscrowRefund,
    /// The client's 5 business days to answer an escrow dispute run out: escrow is released.
    DisputeResponse,
    /// The mediator's 2 days to propose run out: arbitration is offered.
    MediationProposal,
    /// The 2 days to accept the proposal run out: arbitration is offered.
    MediationAcceptance,
    /// The 7 days to pay for arbitration run out: nobody paid → client, one paid → that party.
    ArbitrationOptIn,
    /// Day 76 without activity: the first dormancy notice.
    DormantFirstNotice,
    /// Day 83: the final dormancy notice.
    DormantFinalNotice,
    /// Day 90: the contract is marked dormant.
    Dormant,
    /// The client's 7 days to act on a dormant contract run out.
    DormantClientWindow,
    /// The freelancer's 7 days to request release run out: the escrow is refunded.
    DormantFreelancerWindow,
    /// The client's 14 days to approve or dispute a release request run out: it is released.
    DormantApproval,
    /// A payment leaves its security period and becomes available.
    FundsAvailable { payment: usize },
    /// A refund reaches the client's payment method.
    RefundCredited { credit: usize },
    /// The 14-day feedback window closes; hidden feedback becomes visible.
    FeedbackWindowCloses,
}

/// The parts of the ledger's configuration that change what a deadline does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    pub era: Era,
    pub top_rated: bool,
}

/// The earliest deadline of a contract.
pub fn next(contract: &ContractState) -> Option<(NaiveDateTime, Deadline)> {
    let mut best: Option<(NaiveDateTime, Deadline)> = None;
    for_each(contract, &mut |at, deadline| {
        let better = match &best {
            None => true,
            Some((best_at, best_deadline)) => (at, &deadline) < (*best_at, best_deadline),
        };
        if better {
            best = Some((at, deadline));
        }
    });
    best
}

/// Every pending deadline of a contract, earliest first.
pub fn all(contract: &ContractState) -> Vec<(NaiveDateTime, Deadline)> {
    let mut deadlines = Vec::new();
    for_each(contract, &mut |at, deadline| deadlines.push((at, deadline)));
    deadlines.sort();
    deadlines
}

type Sink<'a> = dyn FnMut(NaiveDateTime, Deadline) + 'a;

fn for_each(contract: &ContractState, sink: &mut Sink<'_>) {
    for (index, payment) in contract
        .payments
        .iter()
        .enumerate()
        .skip(contract.payments_settled)
    {
        if !payment.available {
            sink(
                payment.available_at,
                Deadline::FundsAvailable { payment: index },
            );
        }
    }
    for (index, credit) in contract
        .credits
        .iter()
        .enumerate()
        .skip(contract.credits_settled)
    {
        if !credit.credited {
            sink(credit.due, Deadline::RefundCredited { credit: index });
        }
    }
    if let Some(end) = contract.end.filter(|_| !contract.feedback.window_closed) {
        if let Some(closes) = end_of_day_after(end.at.date(), FEEDBACK_WINDOW_DAYS) {
            sink(closes, Deadline::FeedbackWindowCloses);
        }
    }
    match &contract.terms {
        TermsState::Hourly(_) => hourly(contract, sink),
        TermsState::Fixed(_) => fixed(contract, sink),
    }
}

fn hourly(contract: &ContractState, sink: &mut Sink<'_>) {
    let TermsState::Hourly(state) = &contract.terms else {
        return;
    };
    for week in state.weeks.iter().skip(state.weeks_settled) {
        let start = week.start;
        let (at, deadline) = match week.invoice.map(|i| i.stage) {
            None => (
                invoice_at(start),
                Deadline::HourlyInvoice { week_start: start },
            ),
            Some(InvoiceStage::InReview) => (
                review_ends_at(start),
                Deadline::HourlyReviewEnds { week_start: start },
            ),
            Some(InvoiceStage::Disputed { respond_by }) => (
                Some(respond_by),
                Deadline::HourlyDisputeResponse { week_start: start },
            ),
            Some(InvoiceStage::Cleared | InvoiceStage::Refunded) => continue,
        };
        if let Some(at) = at {
            sink(at, deadline);
        }
    }
    let idle = contract.end.is_none() && contract.paused.is_none() && !state.inactivity_warned;
    if let Some(at) =
        end_of_day_after(state.last_logged_at.date(), INACTIVITY_DAYS).filter(|_| idle)
    {
        sink(at, Deadline::HourlyInactivity);
    }
}

fn fixed(contract: &ContractState, sink: &mut Sink<'_>) {
    let TermsState::Fixed(state) = &contract.terms else {
        return;
    };
    for milestone in &state.milestones {
        let held = milestone.escrow.is_some_and(|e| e.resolution.is_none());
        if let Some(due) = milestone.review_due.filter(|_| held) {
            sink(
                due,
                Deadline::AutoRelease {
                    milestone: milestone.id.clone(),
                },
            );
        }
    }
    if let Some(request) = state.refund_request {
        sink(request.due, Deadline::EscrowRefund);
    }
    if let Some(dispute) = state.dispute {
        let (due, deadline) = match dispute.stage {
            DisputeStage::AwaitingClient { due } => (due, Deadline::DisputeResponse),
            DisputeStage::AwaitingProposal { due } => (due, Deadline::MediationProposal),
            DisputeStage::Proposal { due, .. } => (due, Deadline::MediationAcceptance),
            DisputeStage::ArbitrationOptIn { due, .. } => (due, Deadline::ArbitrationOptIn),
            DisputeStage::Arbitration => return,
        };
        sink(due, deadline);
        return;
    }
    dormancy(contract, sink);
}

/// The dormancy timers run while a fixed-price contract is open, holds escrow, has a
/// milestone due date, and no refund request or dispute owns the escrow.
fn dormancy(contract: &ContractState, sink: &mut Sink<'_>) {
    let TermsState::Fixed(state) = &contract.terms else {
        return;
    };
    let holds_escrow = state.held().is_some_and(|held| held > Money::ZERO);
    let applies = contract.end.is_none() && holds_escrow && state.refund_request.is_none();
    let Some(last_due) = state.milestones.iter().filter_map(|m| m.due).max() else {
        return;
    };
    if !applies {
        return;
    }
    // Activity after the last due date moves the start of the 90 days.
    let anchor = last_due.max(state.last_activity_at.date());
    let (at, deadline) = match state.dormancy {
        Dormancy::Watching => (
            end_of_day_after(anchor, DORMANT_FIRST_NOTICE_DAY),
            Deadline::DormantFirstNotice,
        ),
        Dormancy::FirstNotice => (
            end_of_day_after(anchor, DORMANT_FINAL_NOTICE_DAY),
            Deadline::DormantFinalNotice,
        ),
        Dormancy::FinalNotice => (end_of_day_after(anchor, DORMANT_DAY), Deadline::Dormant),
        Dormancy::Dormant { client_due } => (Some(client_due), Deadline::DormantClientWindow),
        Dormancy::FreelancerWindow { due } => (Some(due), Deadline::DormantFreelancerWindow),
        Dormancy::ReleaseRequested { due } => (Some(due), Deadline::DormantApproval),
    };
    if let Some(at) = at {
        sink(at, deadline);
    }
}
