//! What the app reads: per-contract status, money totals, feedback visibility and the list of
//! scheduled automatic transitions.

use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::ledger::contract::{
    ContractState, DisputeStage, Dormancy, Ending, InvoiceStage, PauseReason, TermsState,
};
use crate::ledger::deadline::{self, Deadline};
use crate::ledger::Ledger;
use crate::money::Money;
use crate::scenario::Stars;

/// Where a contract stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContractStatus {
    Active,
    Paused(PauseReason),
    /// Fixed-price: the client ended it and the freelancer may accept or dispute the refund.
    RefundRequested {
        due: NaiveDateTime,
    },
    /// Fixed-price: an escrow dispute is open.
    InDispute(DisputeStage),
    /// Fixed-price: the dormancy process has started (notices sent or dormant).
    Dormancy(Dormancy),
    Ended(Ending),
}

/// Money on the freelancer's side, across contracts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Funded milestones not yet released or refunded.
    pub escrow_held: Money,
    /// Released but still in the security period, plus hourly invoices not yet available
    /// (in review, disputed, or cleared and waiting).
    pub pending: Money,
    /// Available to withdraw: payments out of their security period minus freelancer refunds.
    pub available: Money,
}

/// One automatic transition on the schedule.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Scheduled {
    pub at: NaiveDateTime,
    pub contract: Arc<str>,
    pub deadline: Deadline,
}

/// What can be seen of a contract's feedback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeedbackView {
    pub client_stars: Option<Stars>,
    pub freelancer_stars: Option<Stars>,
    /// Double-blind: both have left feedback, or the window closed.
    pub revealed: bool,
    /// The client's public feedback shows on the profile: revealed and the contract paid ≥ $1.
    pub public_visible: bool,
}

/// The least a contract must pay for its public feedback to show.
pub const PUBLIC_FEEDBACK_MIN_PAID: Money = Money::from_cents(100);

impl ContractState {
    pub fn status(&self) -> ContractStatus {
        if let Some(end) = self.end {
            if let TermsState::Fixed(fixed) = &self.terms {
                if let Some(dispute) = fixed.dispute {
                    return ContractStatus::InDispute(dispute.stage);
                }
                if let Some(request) = fixed.refund_request {
                    return ContractStatus::RefundRequested { due: request.due };
                }
            }
            return ContractStatus::Ended(end);
        }
        if let TermsState::Fixed(fixed) = &self.terms {
            if let Some(dispute) = fixed.dispute {
                return ContractStatus::InDispute(dispute.stage);
            }
            if fixed.dormancy != Dormancy::Watching {
                return ContractStatus::Dormancy(fixed.dormancy);
            }
        }
        match self.paused {
            Some(reason) => ContractStatus::Paused(reason),
            None => ContractStatus::Active,
        }
    }

    /// This contract's share of [`Totals`]; `None` only on overflow.
    pub fn totals(&self) -> Option<Totals> {
        let escrow_held = self.escrow_held()?;
        let invoiced = match &self.terms {
            TermsState::Hourly(hourly) => Money::checked_sum(
                hourly
                    .weeks
                    .iter()
                    .filter_map(|w| w.invoice)
                    .filter(|i| {
                        matches!(
                            i.stage,
                            InvoiceStage::InReview | InvoiceStage::Disputed { .. }
                        )
                    })
                    .map(|i| i.escrow.held),
            )?,
            TermsState::Fixed(_) => Money::ZERO,
        };
        let waiting = Money::checked_sum(
            self.payments
                .iter()
                .filter(|p| !p.available)
                .map(|p| p.amount),
        )?;
        let cleared = Money::checked_sum(
            self.payments
                .iter()
                .filter(|p| p.available)
                .map(|p| p.amount),
        )?;
        let refunded = Money::checked_sum(self.freelancer_refunds.iter().map(|r| r.amount))?;
        Some(Totals {
            escrow_held,
            pending: invoiced.checked_add(waiting)?,
            available: cleared.checked_sub(refunded)?,
        })
    }

    pub fn feedback_view(&self) -> FeedbackView {
        let feedback = self.feedback;
        let revealed =
            (feedback.client.is_some() && feedback.freelancer.is_some()) || feedback.window_closed;
        let paid_enough = self
            .earnings()
            .is_some_and(|e| e >= PUBLIC_FEEDBACK_MIN_PAID);
        FeedbackView {
            client_stars: feedback.client.map(|f| f.stars),
            freelancer_stars: feedback.freelancer.map(|f| f.stars),
            revealed,
            public_visible: revealed && paid_enough && feedback.client.is_some(),
        }
    }
}

impl Totals {
    fn checked_add(self, other: Totals) -> Option<Totals> {
        Some(Totals {
            escrow_held: self.escrow_held.checked_add(other.escrow_held)?,
            pending: self.pending.checked_add(other.pending)?,
            available: self.available.checked_add(other.available)?,
        })
    }
}

impl Ledger {
    pub fn contracts(&self) -> &[ContractState] {
        &self.contracts
    }

    pub fn contract(&self, id: &str) -> Option<&ContractState> {
        self.contracts.get(*self.by_id.get(id)?)
    }

    /// Money across all contracts; `None` only on overflow.
    pub fn totals(&self) -> Option<Totals> {
        self.contracts
            .iter()
            .try_fold(Totals::default(), |acc, c| acc.checked_add(c.totals()?))
    }

    /// Every automatic transition currently pending, earliest first. Each may lead to more
    /// (an auto-release starts a security period); [`Ledger::preview`] follows the chain.
    pub fn scheduled(&self) -> Vec<Scheduled> {
        let mut all: Vec<Scheduled> = self
            .contracts
            .iter()
            .flat_map(|c| {
                deadline::all(c, &self.policy.params)
                    .into_iter()
                    .map(|(at, deadline)| Scheduled {
                        at,
                        contract: c.id.clone(),
                        deadline,
                    })
            })
            .collect();
        all.sort();
        all
    }
}
