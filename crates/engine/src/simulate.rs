//! Closing strategies and their Monte Carlo simulation (MODEL.md §5).
//!
//! A [`Strategy`] is data: actions on open contracts and planned future work. A
//! [`ClientBehaviour`] says how likely a client is to come back, rate, and with which stars.
//! [`Simulation`] runs seeded trials in chunks (so a browser can show progress and cancel):
//! each trial applies the strategy and the drawn reactions to the scenario, scores the real
//! JSS code weekly over the horizon and checks Top Rated, and takes money from the real ledger.
//! The same scenario, configuration and seed give the same report bytes on every platform and
//! for every chunking: draws are integer-only on per-(strategy, trial) PCG32 streams, and
//! aggregation is integer counting.
//!
//! Also here: the recommendation ([`recommend`]), the target solver ([`target`]) and the
//! library side of `jss simulate` ([`cli`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub mod attention;
pub mod cli;
mod compile;
pub mod custom;
pub mod inputs;
mod ledger_run;
pub mod model;
pub mod plan;
pub mod presets;
pub mod protocol;
pub mod recommend;
pub mod report;
mod run;
mod sample;
pub mod target;
pub mod words;
pub mod workload;

pub use cli::{parse_simulate_args, simulate_json, SimOptions};
pub use ledger_run::{MoneyEvent, MoneyKind};
pub use model::{
    Action, BehaviourPreset, ClientBehaviour, CloseReason, DelayRange, PlannedWork,
    StarDistribution, StarWeight, Strategy, PPM,
};
pub use presets::{open_contracts, preset_strategies, preset_strategy, Preset};
pub use recommend::{Goal, Recommendation, DEFAULT_PRIORITIES};
pub use report::{SimReport, StrategyReport};
pub use run::Simulation;
pub use target::{earliest_date, fewest_contracts, TargetAnswer, TargetQuery};

/// At most 24 months of weekly evaluations (104 weeks).
pub const MAX_HORIZON_DAYS: u32 = 728;
pub const MAX_TRIALS: u32 = 10_000_000;
pub const MAX_STRATEGIES: usize = 32;
/// The default ranking week: P(JSS ≥ 90) about three months out.
pub const DEFAULT_RANK_WEEK: u32 = 12;

fn default_rank_week() -> u32 {
    DEFAULT_RANK_WEEK
}

/// Everything a simulation needs besides the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimConfig {
    /// The start date; defaults to the scenario's `as_of`.
    #[serde(default)]
    pub at: Option<NaiveDate>,
    pub horizon_days: u32,
    pub trials: u32,
    pub seed: u64,
    pub strategies: Vec<Strategy>,
    /// For every contract without its own entry in `behaviours`.
    #[serde(default)]
    pub default_behaviour: ClientBehaviour,
    /// Per contract id.
    #[serde(default)]
    pub behaviours: BTreeMap<String, ClientBehaviour>,
    /// The week the ranking looks at first (index into the weekly dates).
    #[serde(default = "default_rank_week")]
    pub rank_week: u32,
    /// What the recommendation ranks by, most important first.
    #[serde(default = "default_priorities")]
    pub priorities: Vec<Goal>,
}

fn default_priorities() -> Vec<Goal> {
    DEFAULT_PRIORITIES.to_vec()
}

/// How far a simulation has got, in trial units (one strategy × one trial).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

impl Progress {
    pub fn is_done(&self) -> bool {
        self.done >= self.total
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SimError {
    #[error("there is no start date: pass one, or set the scenario's as_of")]
    NoStartDate,
    #[error("the horizon is {0} days; it must be 7 to {MAX_HORIZON_DAYS} days")]
    Horizon(u32),
    #[error("{0} trials asked; it must be 1 to {MAX_TRIALS}")]
    Trials(u32),
    #[error("there are no strategies to simulate (no open contracts?)")]
    NoStrategies,
    #[error("{0} strategies; at most {MAX_STRATEGIES} can be compared")]
    TooManyStrategies(usize),
    #[error("strategy \"{strategy}\": {message}")]
    Strategy { strategy: String, message: String },
    #[error("client behaviour for \"{contract}\": {message}")]
    Behaviour { contract: String, message: String },
    #[error("the ledger refused a step on \"{contract}\": {message}")]
    Ledger { contract: String, message: String },
    #[error("target: {0}")]
    Target(String),
    #[error("{0}")]
    Inputs(String),
}
