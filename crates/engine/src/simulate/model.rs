//! Strategies and client behaviour as data (serde), with the presets that answer the questions
//! users ask ("close now or stagger?", "pair with a 5★ ending?", "ask the client to close?").
//!
//! Probabilities are integers in parts per million and star ratings are hundredths, so every
//! draw in a trial is integer-only and the same on every platform.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::scenario::EndReason;

/// One million: a probability of 1 in parts per million.
pub const PPM: u32 = 1_000_000;

/// A closing strategy: what the freelancer does with chosen open contracts, and the future
/// work they plan. Contracts without an action are left as they are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strategy {
    pub name: String,
    /// One plain line for the UI.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub planned_work: Vec<PlannedWork>,
}

/// The reason the freelancer gives when ending a contract (the end-contract form).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    Completed,
    NotCompleted,
    #[default]
    ClientUnresponsive,
    Other,
}

impl CloseReason {
    pub fn end_reason(self) -> EndReason {
        match self {
            CloseReason::Completed => EndReason::Completed,
            CloseReason::NotCompleted => EndReason::NotCompleted,
            CloseReason::ClientUnresponsive => EndReason::ClientUnresponsive,
            CloseReason::Other => EndReason::Other,
        }
    }
}

/// What to do with one open contract (or, for `Stagger`, several).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// The freelancer ends the contract on the simulation's start date.
    EndNow {
        contract: String,
        #[serde(default)]
        reason: CloseReason,
    },
    /// The freelancer ends the contract on a date (on or after the start date).
    EndOn {
        contract: String,
        date: NaiveDate,
        #[serde(default)]
        reason: CloseReason,
    },
    /// The freelancer ends the contracts in the order given, one every `every_days` days,
    /// the first on `first` (default: the start date).
    Stagger {
        contracts: Vec<String>,
        every_days: u32,
        #[serde(default)]
        first: Option<NaiveDate>,
        #[serde(default)]
        reason: CloseReason,
    },
    /// The freelancer ends the contract the day after another contract's (or planned work
    /// item's) expected feedback date: its end plus the midpoint of its feedback delay.
    EndAfterFeedback {
        contract: String,
        after: String,
        #[serde(default)]
        reason: CloseReason,
    },
    /// Nobody acts; the ledger's timers still run (auto-release, dormancy).
    LeaveOpen { contract: String },
    /// The freelancer asks the client to close. The client acts only if they come back
    /// (`returns_ppm`), after a delay drawn from `feedback_delay_days`, ending the contract as
    /// `closes_as` and leaving feedback at once with `feedback_if_back_ppm`.
    AskClientToClose {
        contract: String,
        #[serde(default)]
        on: Option<NaiveDate>,
    },
    /// Submit every funded milestone not yet submitted on the start date, let the review
    /// (`fp_review_days`) release it, and end the day after the last release (fixed price only).
    SubmitThenEnd {
        contract: String,
        #[serde(default)]
        reason: CloseReason,
    },
}

impl Action {
    /// The contracts the action is about.
    pub fn contracts(&self) -> Vec<&str> {
        match self {
            Action::Stagger { contracts, .. } => contracts.iter().map(String::as_str).collect(),
            Action::EndNow { contract, .. }
            | Action::EndOn { contract, .. }
            | Action::EndAfterFeedback { contract, .. }
            | Action::LeaveOpen { contract }
            | Action::AskClientToClose { contract, .. }
            | Action::SubmitThenEnd { contract, .. } => vec![contract.as_str()],
        }
    }
}

/// A future contract the freelancer expects: one fixed-price job for a new client (unless
/// `client` names one), paid in full on its end date, ended by the client as completed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedWork {
    pub id: String,
    #[serde(default)]
    pub client: Option<String>,
    pub start: NaiveDate,
    pub duration_days: u32,
    pub value_cents: i64,
    /// P(the job happens at all).
    pub happens_ppm: u32,
    /// P(the client leaves feedback) when it happens.
    pub feedback_ppm: u32,
    pub stars: StarDistribution,
    pub feedback_delay_days: DelayRange,
}

impl PlannedWork {
    /// A job of `value_cents` for a new client starting on `start`, certain to happen and to
    /// be rated `stars_hundredths` the day it ends.
    pub fn certain(
        id: &str,
        start: NaiveDate,
        duration_days: u32,
        value_cents: i64,
        stars_hundredths: u16,
    ) -> PlannedWork {
        PlannedWork {
            id: id.to_owned(),
            client: None,
            start,
            duration_days,
            value_cents,
            happens_ppm: PPM,
            feedback_ppm: PPM,
            stars: StarDistribution::single(stars_hundredths),
            feedback_delay_days: DelayRange { min: 0, max: 0 },
        }
    }
}

/// Days after the end (or after the ask) until the client acts: uniform on `min..=max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DelayRange {
    pub min: u32,
    pub max: u32,
}

impl DelayRange {
    /// The midpoint, rounded down: the "expected" delay used to time pairings.
    pub fn midpoint(self) -> u32 {
        self.min + (self.max.saturating_sub(self.min)) / 2
    }
}

/// A discrete star distribution: weights need not sum to one million, draws are proportional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarDistribution(pub Vec<StarWeight>);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarWeight {
    pub stars_hundredths: u16,
    pub weight_ppm: u32,
}

impl StarDistribution {
    pub fn single(stars_hundredths: u16) -> StarDistribution {
        StarDistribution(vec![StarWeight {
            stars_hundredths,
            weight_ppm: PPM,
        }])
    }

    fn of(pairs: &[(u16, u32)]) -> StarDistribution {
        StarDistribution(
            pairs
                .iter()
                .map(|&(stars_hundredths, weight_ppm)| StarWeight {
                    stars_hundredths,
                    weight_ppm,
                })
                .collect(),
        )
    }
}

/// How a client reacts once a contract ends (or when asked to close it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientBehaviour {
    /// P(the client comes back within the feedback window).
    pub returns_ppm: u32,
    /// P(feedback) when the client is back.
    pub feedback_if_back_ppm: u32,
    pub stars: StarDistribution,
    /// Days from the end to the feedback (or from an ask to the client's close).
    pub feedback_delay_days: DelayRange,
    /// The reason the client gives when they close the contract themselves.
    pub closes_as: CloseReason,
}

/// The named behaviours of the CLI and the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BehaviourPreset {
    Vanished,
    Happy,
    Unhappy,
}

impl BehaviourPreset {
    pub const ALL: [BehaviourPreset; 3] = [
        BehaviourPreset::Vanished,
        BehaviourPreset::Happy,
        BehaviourPreset::Unhappy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BehaviourPreset::Vanished => "vanished",
            BehaviourPreset::Happy => "happy",
            BehaviourPreset::Unhappy => "unhappy",
        }
    }

    pub fn parse(text: &str) -> Option<BehaviourPreset> {
        BehaviourPreset::ALL
            .into_iter()
            .find(|b| b.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The numbers are the model's assumptions, meant to be edited: a client who vanished
    /// rarely comes back, and one who does is as likely to be annoyed as pleased.
    pub fn behaviour(self) -> ClientBehaviour {
        match self {
            BehaviourPreset::Vanished => ClientBehaviour {
                returns_ppm: 50_000,
                feedback_if_back_ppm: 700_000,
                stars: StarDistribution::of(&[
                    (500, 300_000),
                    (480, 100_000),
                    (450, 100_000),
                    (400, 100_000),
                    (300, 150_000),
                    (100, 250_000),
                ]),
                feedback_delay_days: DelayRange { min: 1, max: 14 },
                closes_as: CloseReason::Completed,
            },
            BehaviourPreset::Happy => ClientBehaviour {
                returns_ppm: 950_000,
                feedback_if_back_ppm: 900_000,
                stars: StarDistribution::of(&[(500, 800_000), (480, 150_000), (450, 50_000)]),
                feedback_delay_days: DelayRange { min: 0, max: 7 },
                closes_as: CloseReason::Completed,
            },
            BehaviourPreset::Unhappy => ClientBehaviour {
                returns_ppm: 700_000,
                feedback_if_back_ppm: 900_000,
                stars: StarDistribution::of(&[
                    (450, 100_000),
                    (400, 200_000),
                    (300, 300_000),
                    (100, 400_000),
                ]),
                feedback_delay_days: DelayRange { min: 0, max: 7 },
                closes_as: CloseReason::NotCompleted,
            },
        }
    }
}

impl Default for ClientBehaviour {
    fn default() -> ClientBehaviour {
        BehaviourPreset::Vanished.behaviour()
    }
}
