//! Why a command was refused.
//!
//! The variants are listed in **precedence order**: every command checks the conditions that
//! apply to it in this order, one `if … { return Err(…) }` per line, and returns the first that
//! holds (the TigerBeetle convention). A refused command changes nothing.

use chrono::NaiveDateTime;

use crate::ledger::lifecycle::{BONUS_AFTER_END_DAYS, FREELANCER_REFUND_DAYS};
use crate::money::Money;
use crate::scenario::Party;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    /// The command is dated before the ledger's clock.
    #[error("the command is dated {at}, before the ledger's clock ({now})")]
    ClockWentBackwards {
        at: NaiveDateTime,
        now: NaiveDateTime,
    },
    /// A deadline at or before the command's time has not been processed yet.
    #[error("a deadline at {due} must be processed before a command at that time")]
    DeadlinePending { due: NaiveDateTime },
    /// An empty contract id.
    #[error("a contract needs a non-empty id")]
    ContractIdEmpty,
    /// The contract id is already used.
    #[error("contract \"{0}\" already exists")]
    ContractIdTaken(String),
    /// No contract has this id.
    #[error("there is no contract \"{0}\"")]
    UnknownContract(String),
    /// The command is for hourly contracts only.
    #[error("this applies to hourly contracts only")]
    NotHourly,
    /// The command is for fixed-price contracts only.
    #[error("this applies to fixed-price contracts only")]
    NotFixed,
    /// The contract has ended.
    #[error("the contract has already ended")]
    ContractAlreadyEnded,
    /// The contract is still open.
    #[error("the contract has not ended yet")]
    ContractNotEnded,
    /// The contract is paused.
    #[error("the contract is paused")]
    ContractPaused,
    /// The contract is already paused.
    #[error("the contract is already paused")]
    ContractAlreadyPaused,
    /// The contract is not paused.
    #[error("the contract is not paused")]
    ContractNotPaused,
    /// This party cannot take this step.
    #[error("the {} cannot do this", .0.as_str())]
    PartyNotAllowed(Party),
    /// A dispute is open on the contract, and it owns the escrow until it is resolved.
    #[error("a dispute is open on this contract")]
    DisputeOpen,
    /// A dispute is already open.
    #[error("a dispute is already open on this contract")]
    DisputeAlreadyOpen,
    /// No dispute is open, or the open one is not at the stage this step belongs to.
    #[error("no dispute is waiting for this step")]
    NoDisputeAtThisStage,
    /// The days after the contract ended in which a dispute may be filed
    /// (`freelancer_dispute_days`) are over.
    #[error("disputes must be filed within {days} days of the contract ending")]
    DisputeWindowClosed { days: i64 },
    /// No hourly invoice is in its review window.
    #[error("no hourly invoice is in its review window")]
    NoInvoiceInReview,
    /// The party has already accepted the proposal or paid the fee.
    #[error("the {} has already done this", .0.as_str())]
    AlreadyDoneByParty(Party),
    /// The contract is not dormant.
    #[error("the contract is not dormant")]
    ContractNotDormant,
    /// No escrow refund request is waiting for the freelancer.
    #[error("no escrow refund request is waiting")]
    NoRefundRequest,
    /// An empty milestone id.
    #[error("a milestone needs a non-empty id")]
    MilestoneIdEmpty,
    /// The milestone id is already used on this contract.
    #[error("milestone \"{0}\" already exists on this contract")]
    MilestoneIdTaken(String),
    /// No milestone has this id on this contract.
    #[error("there is no milestone \"{0}\" on this contract")]
    UnknownMilestone(String),
    /// Milestones hold at least `min_milestone_usd`.
    #[error("a milestone must be at least {minimum}, not {amount}")]
    MilestoneBelowMinimum { amount: Money, minimum: Money },
    /// The milestone was funded already.
    #[error("the milestone is already funded")]
    MilestoneAlreadyFunded,
    /// The milestone has not been funded.
    #[error("the milestone has not been funded")]
    MilestoneNotFunded,
    /// The escrow was resolved by a release; it cannot be resolved again.
    #[error("the escrow has already been released")]
    EscrowAlreadyReleased,
    /// The escrow was resolved by a refund; it cannot be resolved again.
    #[error("the escrow has already been refunded")]
    EscrowAlreadyRefunded,
    /// The contract holds nothing in escrow.
    #[error("nothing is held in escrow on this contract")]
    NothingHeld,
    /// The milestone is not under review.
    #[error("the milestone has not been submitted for review")]
    MilestoneNotSubmitted,
    /// The amount must be above zero.
    #[error("the amount must be above zero, not {0}")]
    AmountNotPositive(Money),
    /// The amount must not be negative.
    #[error("the amount must not be negative, not {0}")]
    AmountNegative(Money),
    /// A release or a final payment larger than what is held.
    #[error("releasing {amount} exceeds the {held} held in escrow")]
    ReleaseExceedsHeld { amount: Money, held: Money },
    /// The logged hours would pass the weekly limit (or the 168 hours of a week).
    #[error("logging these hours exceeds the weekly limit of {limit_hours} hours")]
    WeeklyLimitExceeded { limit_hours: u32 },
    /// Bonuses are possible while the contract is open and for a year after it ends.
    #[error(
        "bonuses can be paid up to {} days after the contract ends",
        BONUS_AFTER_END_DAYS
    )]
    BonusWindowClosed,
    /// A freelancer refund larger than the payments of the last `FREELANCER_REFUND_DAYS` (net
    /// of refunds).
    #[error(
        "refunding {amount} exceeds the {refundable} paid in the last {} days",
        FREELANCER_REFUND_DAYS
    )]
    RefundExceedsRecentPayments { amount: Money, refundable: Money },
    /// The feedback window (`feedback_window_days`) is closed.
    #[error("the {days}-day feedback window has closed")]
    FeedbackWindowClosed { days: i64 },
    /// This party has already left feedback.
    #[error("the {} has already left feedback", .0.as_str())]
    FeedbackAlreadyLeft(Party),
    /// An amount too large to add up.
    #[error("the amounts are too large to add up")]
    AmountOverflow,
}
