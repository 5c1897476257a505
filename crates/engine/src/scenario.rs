//! The scenario: a freelancer's contract history as facts, as of a date.
//!
//! These are the validated domain types. `scenario::parse` turns the interchange format v1
//! (`../shared/SCENARIO_FORMAT.md`) into them, listing every problem by its path, and
//! `scenario::export` writes them back. Nothing here reads a clock: `as_of` is data.

use chrono::NaiveDate;

use crate::money::Money;
use crate::rules::Rules;

pub mod compact;
pub mod edit;
pub mod export;
pub mod input;
pub mod names;
pub mod ops;
pub mod parse;

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// The date the facts were true; the app uses today when absent.
    pub as_of: Option<NaiveDate>,
    pub rules: Rules,
    pub freelancer_name: Option<String>,
    pub clients: Vec<Client>,
    pub contracts: Vec<Contract>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub id: String,
    pub name: String,
    /// The user marked the client as flagged or suspended: its contracts are excluded from JSS.
    pub flagged: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Contract {
    pub id: String,
    /// The id of a client in `Scenario::clients`.
    pub client: String,
    pub title: Option<String>,
    pub terms: Terms,
    pub start: NaiveDate,
    /// Money the freelancer received: hourly invoices, released milestones, bonuses.
    pub payments: Vec<Payment>,
    /// Money the freelancer refunded to the client.
    pub refunds: Vec<Payment>,
    /// `None` while the contract is open.
    pub end: Option<End>,
    /// The client's end-of-contract public feedback.
    pub feedback: Option<Feedback>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Terms {
    Hourly {
        hourly_rate: Money,
        weekly_limit_hours: Option<u32>,
    },
    Fixed {
        milestones: Vec<Milestone>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Payment {
    pub date: NaiveDate,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Milestone {
    pub id: String,
    pub amount: Money,
    pub funded: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub submitted: Option<NaiveDate>,
    pub released: Option<NaiveDate>,
    pub refunded: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct End {
    pub date: NaiveDate,
    pub by: Party,
    pub reason: EndReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Party {
    Client,
    Freelancer,
    Platform,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EndReason {
    Completed,
    NotCompleted,
    ClientUnresponsive,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Feedback {
    pub date: NaiveDate,
    pub stars: Stars,
    /// The legacy private 0–10 score, only in `legacy` scenarios.
    pub private_score: Option<u8>,
}

/// A public star rating from 1.00 to 5.00, held in hundredths so comparisons are exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stars(u16);

impl Stars {
    pub const MIN_HUNDREDTHS: u16 = 100;
    pub const MAX_HUNDREDTHS: u16 = 500;

    /// `None` outside 1.00..=5.00.
    pub fn from_hundredths(hundredths: u16) -> Option<Stars> {
        (Self::MIN_HUNDREDTHS..=Self::MAX_HUNDREDTHS)
            .contains(&hundredths)
            .then_some(Stars(hundredths))
    }

    /// `None` outside 1.0..=5.0 or with more than two decimals.
    pub fn from_f64(stars: f64) -> Option<Stars> {
        if !stars.is_finite() {
            return None;
        }
        let h = (stars * 100.0).round();
        if (stars * 100.0 - h).abs() > 1e-6 || !(0.0..=u16::MAX as f64).contains(&h) {
            return None;
        }
        Stars::from_hundredths(h as u16)
    }

    pub fn hundredths(self) -> u16 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Client => "client",
            Party::Freelancer => "freelancer",
            Party::Platform => "platform",
        }
    }
}

impl EndReason {
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Completed => "completed",
            EndReason::NotCompleted => "not_completed",
            EndReason::ClientUnresponsive => "client_unresponsive",
            EndReason::Other => "other",
        }
    }
}

impl Contract {
    /// Payments minus refunds, gross of fees. `None` only on overflow.
    pub fn earnings(&self) -> Option<Money> {
        let paid = Money::checked_sum(self.payments.iter().map(|p| p.amount))?;
        let refunded = Money::checked_sum(self.refunds.iter().map(|p| p.amount))?;
        paid.checked_sub(refunded)
    }

    pub fn is_hourly(&self) -> bool {
        matches!(self.terms, Terms::Hourly { .. })
    }
}
