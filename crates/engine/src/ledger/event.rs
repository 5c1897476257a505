//! Immutable events: what happened, when, on which contract.
//!
//! Commands that pass validation and deadlines that pass both produce events; the ledger keeps
//! them in order and never changes one. Balances live in the contract state, and every change
//! to them is announced by exactly one event here.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use crate::money::Money;
use crate::scenario::{EndReason, Party, Stars};

/// One event in the ledger's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub at: NaiveDateTime,
    pub contract: Arc<str>,
    pub kind: EventKind,
}

/// Which escrow a release or refund touched.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EscrowRef {
    /// A fixed-price milestone, by id.
    Milestone(Arc<str>),
    /// An hourly invoice, by the Monday that starts its billing week.
    Invoice(NaiveDate),
}

/// Who or what moved escrowed money.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cause {
    /// The client released, approved or conceded.
    Client,
    /// The freelancer refunded or accepted a refund.
    Freelancer,
    /// Nobody acted on a submission for `fp_review_days`.
    ReviewExpired,
    /// The freelancer (or the platform) ended the contract: escrow goes back at once.
    ContractEndedEarly,
    /// The freelancer did not answer the client's escrow refund request within
    /// `escrow_refund_response_days`.
    RefundRequestExpired,
    /// The client did not answer an escrow dispute within
    /// `client_dispute_response_business_days`.
    ClientDidNotRespond,
    /// Both parties accepted the mediator's proposal.
    Settlement,
    /// Nobody paid the arbitration fee: the client wins.
    ArbitrationDeclined,
    /// Only one party paid the arbitration fee: that party wins.
    ArbitrationFeePaid,
    /// The arbitrator decided.
    ArbitrationDecision,
    /// The client did not answer a dormant contract's release request within
    /// `dormant_client_review_days`.
    DormantRelease,
    /// Nobody acted on a dormant contract.
    DormantRefund,
    /// An hourly invoice's review window closed without a dispute.
    InvoiceCleared,
    /// The freelancer accepted the client's dispute of hours, or did not answer within
    /// `hourly_dispute_response_days`.
    HourlyDisputeLost,
}

impl Cause {
    /// True when no person acted: a timer did it.
    pub fn is_automatic(self) -> bool {
        !matches!(
            self,
            Cause::Client | Cause::Freelancer | Cause::Settlement | Cause::ArbitrationDecision
        )
    }
}

/// Where money paid to the freelancer came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PaymentSource {
    Escrow(EscrowRef),
    Bonus,
    /// A payment recorded in an imported scenario.
    Scenario,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind {
    ContractOpened {
        hourly: bool,
    },
    MilestoneAdded {
        milestone: Arc<str>,
        amount: Money,
    },
    MilestoneFunded {
        milestone: Arc<str>,
        amount: Money,
    },
    WorkSubmitted {
        milestone: Arc<str>,
        review_due: NaiveDateTime,
    },
    ChangesRequested {
        milestone: Arc<str>,
    },
    HoursLogged {
        week_start: NaiveDate,
        hours_hundredths: u32,
    },
    Invoiced {
        week_start: NaiveDate,
        amount: Money,
    },
    EscrowReleased {
        escrow: EscrowRef,
        amount: Money,
        cause: Cause,
    },
    EscrowRefunded {
        escrow: EscrowRef,
        amount: Money,
        cause: Cause,
    },
    /// A refund reached the client's payment method.
    RefundCredited {
        amount: Money,
    },
    /// Released money left its security period.
    FundsAvailable {
        amount: Money,
        source: PaymentSource,
    },
    BonusPaid {
        amount: Money,
    },
    FreelancerRefunded {
        amount: Money,
    },
    Paused,
    Resumed,
    /// `hourly_inactivity_pause_days` without logged time paused the contract.
    AutoPaused,
    /// `hourly_inactivity_warning_days` without logged time; the client is warned.
    InactivityWarning,
    ContractEnded {
        by: Party,
        reason: EndReason,
    },
    EscrowRefundRequested {
        amount: Money,
        due: NaiveDateTime,
    },
    HourlyDisputeFiled {
        week_start: NaiveDate,
        respond_by: NaiveDateTime,
    },
    DisputeFiled {
        by: Party,
        due: NaiveDateTime,
    },
    DisputeAnswered {
        by: Party,
    },
    SettlementProposed {
        release: Money,
        due: NaiveDateTime,
    },
    SettlementAccepted {
        by: Party,
    },
    ArbitrationOffered {
        due: NaiveDateTime,
    },
    ArbitrationFeePaid {
        by: Party,
    },
    DisputeClosed,
    DormantNotice {
        day: i64,
    },
    BecameDormant,
    DormantClientWindowClosed,
    DormantReleaseRequested {
        due: NaiveDateTime,
    },
    FeedbackLeft {
        by: Party,
        stars: Stars,
    },
    /// Both parties' feedback became visible.
    FeedbackRevealed,
    FeedbackWindowClosed,
}
