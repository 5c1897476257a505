//! What users (and the platform's people: mediators, arbitrators) ask the ledger to do.
//!
//! Every command names its contract by id. `Ledger::execute` validates it against the current
//! state, in the precedence order of `LedgerError`, and turns it into events.

use chrono::NaiveDate;

use crate::money::Money;
use crate::scenario::{EndReason, Party, Stars};

/// What happens to what a partial release leaves in escrow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Remainder {
    /// Stays held for a later release or refund.
    StaysHeld,
    /// Goes back to the client now, resolving the escrow.
    Refunded,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    OpenHourly {
        contract: String,
        client: String,
        hourly_rate: Money,
        weekly_limit_hours: Option<u32>,
    },
    OpenFixed {
        contract: String,
        client: String,
    },
    /// Adding a milestone counts as activity for dormancy.
    AddMilestone {
        contract: String,
        milestone: String,
        amount: Money,
        due: Option<NaiveDate>,
    },
    FundMilestone {
        contract: String,
        milestone: String,
    },
    /// Starts (or restarts) the client's review (`fp_review_days`).
    SubmitWork {
        contract: String,
        milestone: String,
    },
    RequestChanges {
        contract: String,
        milestone: String,
    },
    /// The client releases all or part of a milestone's escrow.
    ReleaseMilestone {
        contract: String,
        milestone: String,
        amount: Money,
        remainder: Remainder,
    },
    /// Everything held for the milestone goes back to the client (the freelancer agrees).
    RefundMilestone {
        contract: String,
        milestone: String,
    },
    /// Hours logged in the billing week that holds the command's date.
    LogHours {
        contract: String,
        hours_hundredths: u32,
    },
    PayBonus {
        contract: String,
        amount: Money,
    },
    /// The freelancer refunds the client part of what was paid recently
    /// (`FREELANCER_REFUND_DAYS`).
    IssueRefund {
        contract: String,
        amount: Money,
    },
    Pause {
        contract: String,
    },
    Resume {
        contract: String,
    },
    /// `final_release` is what a client ending a fixed-price contract pays out of escrow
    /// ("pay another amount"; zero is "pay nothing"); it must be zero for anyone else.
    EndContract {
        contract: String,
        by: Party,
        reason: EndReason,
        final_release: Money,
    },
    /// The freelancer accepts the client's escrow refund request.
    AcceptEscrowRefund {
        contract: String,
    },
    /// Hourly: the client disputes the invoice in review. Fixed: the freelancer disputes an
    /// escrow refund or withheld release; the client may dispute a dormant release request.
    FileDispute {
        contract: String,
        by: Party,
    },
    /// Hourly: the freelancer answers (the hours are protected). Fixed: the client answers and
    /// the dispute goes to mediation.
    RespondToDispute {
        contract: String,
    },
    /// Hourly: the freelancer accepts the refund of the disputed hours. Fixed: the client
    /// gives in and the escrow is released.
    ConcedeDispute {
        contract: String,
    },
    /// The mediator proposes releasing `release` and refunding the rest.
    ProposeSettlement {
        contract: String,
        release: Money,
    },
    AcceptSettlement {
        contract: String,
        by: Party,
    },
    DeclineSettlement {
        contract: String,
        by: Party,
    },
    PayArbitrationFee {
        contract: String,
        by: Party,
    },
    /// The arbitrator's binding decision: release `release`, refund the rest.
    DecideArbitration {
        contract: String,
        release: Money,
    },
    /// The freelancer asks for the escrow of a dormant contract.
    RequestDormantRelease {
        contract: String,
    },
    LeaveFeedback {
        contract: String,
        by: Party,
        stars: Stars,
    },
}

impl Command {
    /// The contract the command is about.
    pub fn contract(&self) -> &str {
        match self {
            Command::OpenHourly { contract, .. }
            | Command::OpenFixed { contract, .. }
            | Command::AddMilestone { contract, .. }
            | Command::FundMilestone { contract, .. }
            | Command::SubmitWork { contract, .. }
            | Command::RequestChanges { contract, .. }
            | Command::ReleaseMilestone { contract, .. }
            | Command::RefundMilestone { contract, .. }
            | Command::LogHours { contract, .. }
            | Command::PayBonus { contract, .. }
            | Command::IssueRefund { contract, .. }
            | Command::Pause { contract }
            | Command::Resume { contract }
            | Command::EndContract { contract, .. }
            | Command::AcceptEscrowRefund { contract }
            | Command::FileDispute { contract, .. }
            | Command::RespondToDispute { contract }
            | Command::ConcedeDispute { contract }
            | Command::ProposeSettlement { contract, .. }
            | Command::AcceptSettlement { contract, .. }
            | Command::DeclineSettlement { contract, .. }
            | Command::PayArbitrationFee { contract, .. }
            | Command::DecideArbitration { contract, .. }
            | Command::RequestDormantRelease { contract }
            | Command::LeaveFeedback { contract, .. } => contract,
        }
    }
}
