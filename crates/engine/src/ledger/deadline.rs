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
use crate::rules::Params;

/// Why the engine will act on its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Deadline {
    /// Monday 12:00: the previous week's logged hours are invoiced.
    HourlyInvoice { week_start: NaiveDate },
    /// Friday 23:59:59: the client's review window closes and the week's invoice clears.
    HourlyReviewEnds { week_start: NaiveDate },
    /// The freelancer's `hourly_dispute_response_days` to answer a dispute of hours run out:
    /// the hours are refunded.
    HourlyDisputeResponse { week_start: NaiveDate },
    /// `hourly_inactivity_warning_days` without logged time: the client is warned; or
    /// `hourly_inactivity_pause_days` (when not 0): the contract pauses.
    HourlyInactivity,
    /// The client's `fp_review_days` to review a submission run out: the milestone is released.
    AutoRelease { milestone: Arc<str> },
    /// The freelancer's `escrow_refund_response_days` to answer an escrow refund request run
    /// out (or the contract ended early): the escrow is refunded.
    EscrowRefund,
    /// The client's `client_dispute_response_business_days` to answer an escrow dispute run
    /// out: escrow is released.
    DisputeResponse,
    /// The mediator's `mediation_proposal_days` to propose run out: arbitration is offered.
    MediationProposal,
    /// The `mediation_accept_days` to accept the proposal run out: arbitration is offered.
    MediationAcceptance,
    /// The `arbitration_opt_in_days` to pay for arbitration run out: nobody paid → client, one
    /// paid → that party.
    ArbitrationOptIn,
    /// Day `dormant_first_notice_days` without activity: the first dormancy notice.
    DormantFirstNotice,
    /// Day `dormant_second_notice_days`: the final dormancy notice.
    DormantFinalNotice,
    /// Day `dormant_days`: the contract is marked dormant.
    Dormant,
    /// The client's `dormant_client_action_days` to act on a dormant contract run out.
    DormantClientWindow,
    /// The freelancer's `dormant_freelancer_request_days` to request release run out: the
    /// escrow is refunded.
    DormantFreelancerWindow,
    /// The client's `dormant_client_review_days` to approve or dispute a release request run
    /// out: it is released.
    DormantApproval,
    /// A payment leaves its security period and becomes available.
    FundsAvailable { payment: usize },
    /// A refund reaches the client's payment method.
    RefundCredited { credit: usize },
    /// The feedback window (`feedback_window_days`) closes; hidden feedback becomes visible.
    FeedbackWindowCloses,
}

/// The ledger's configuration: the rules in force and the freelancer's standing.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// Every timer and limit the ledger applies.
    pub params: Params,
    /// Top Rated freelancers are paid for hourly work on the Friday the review closes.
    pub top_rated: bool,
}

/// The earliest deadline of a contract.
pub fn next(contract: &ContractState, params: &Params) -> Option<(NaiveDateTime, Deadline)> {
    let mut best: Option<(NaiveDateTime, Deadline)> = None;
    for_each(contract, params, &mut |at, deadline| {
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
pub fn all(contract: &ContractState, params: &Params) -> Vec<(NaiveDateTime, Deadline)> {
    let mut deadlines = Vec::new();
    for_each(contract, params, &mut |at, deadline| {
        deadlines.push((at, deadline))
    });
    deadlines.sort();
    deadlines
}

type Sink<'a> = dyn FnMut(NaiveDateTime, Deadline) + 'a;

fn for_each(contract: &ContractState, params: &Params, sink: &mut Sink<'_>) {
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
        if let Some(closes) = end_of_day_after(end.at.date(), params.feedback_window_days) {
            sink(closes, Deadline::FeedbackWindowCloses);
        }
    }
    match &contract.terms {
        TermsState::Hourly(_) => hourly(contract, params, sink),
        TermsState::Fixed(_) => fixed(contract, params, sink),
    }
}

fn hourly(contract: &ContractState, params: &Params, sink: &mut Sink<'_>) {
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
    if contract.end.is_some() || contract.paused.is_some() {
        return;
    }
    if let Some((days, _)) = inactivity_step(state.inactivity_warned, params) {
        if let Some(at) = end_of_day_after(state.last_logged_at.date(), days) {
            sink(at, Deadline::HourlyInactivity);
        }
    }
}

/// What the hourly inactivity timer does next, and after how many days without logged time:
/// the warning first (once per stretch of inactivity), then, when `hourly_inactivity_pause_days`
/// is not 0, the pause. A pause due no later than the warning comes instead of it: a paused
/// contract needs no warning. `None` when nothing is left to do.
pub(crate) fn inactivity_step(warned: bool, params: &Params) -> Option<(i64, Inactivity)> {
    let pause_days = params.hourly_inactivity_pause_days;
    let warning_days = params.hourly_inactivity_warning_days;
    let pauses = pause_days > 0;
    if pauses && (warned || pause_days <= warning_days) {
        Some((pause_days, Inactivity::Pause))
    } else if !warned {
        Some((warning_days, Inactivity::Warn))
    } else {
        None
    }
}

/// The two things the hourly inactivity timer can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Inactivity {
    Warn,
    Pause,
}

fn fixed(contract: &ContractState, params: &Params, sink: &mut Sink<'_>) {
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
    dormancy(contract, params, sink);
}

/// The dormancy timers run while a fixed-price contract is open, holds escrow, has a
/// milestone due date, and no refund request or dispute owns the escrow.
fn dormancy(contract: &ContractState, params: &Params, sink: &mut Sink<'_>) {
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
    // Activity after the last due date moves the start of the `dormant_days`.
    let anchor = last_due.max(state.last_activity_at.date());
    let [first_day, final_day, dormant_day] = dormancy_days(params);
    let (at, deadline) = match state.dormancy {
        Dormancy::Watching => (
            end_of_day_after(anchor, first_day),
            Deadline::DormantFirstNotice,
        ),
        Dormancy::FirstNotice => (
            end_of_day_after(anchor, final_day),
            Deadline::DormantFinalNotice,
        ),
        Dormancy::FinalNotice => (end_of_day_after(anchor, dormant_day), Deadline::Dormant),
        Dormancy::Dormant { client_due } => (Some(client_due), Deadline::DormantClientWindow),
        Dormancy::FreelancerWindow { due } => (Some(due), Deadline::DormantFreelancerWindow),
        Dormancy::ReleaseRequested { due } => (Some(due), Deadline::DormantApproval),
    };
    if let Some(at) = at {
        sink(at, deadline);
    }
}

/// The days of the first notice, the final notice and dormancy, after the last activity. Each
/// comes no earlier than the one before, whatever the parameters say.
pub fn dormancy_days(params: &Params) -> [i64; 3] {
    let first = params.dormant_first_notice_days;
    let last = first.max(params.dormant_second_notice_days);
    [first, last, last.max(params.dormant_days)]
}
