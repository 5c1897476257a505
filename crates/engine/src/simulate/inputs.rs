//! The simulator's saved inputs, and the one function that turns them into a run: the
//! Simulator page, the dashboard's decision card and `jss simulate` all go through [`prepare`],
//! so the three can never assemble a run differently.
//!
//! The inputs keep what the person typed (text fields stay text, so a half-typed number
//! survives a reload); [`prepare`] reads them, says what is wrong by field, and drops what no
//! longer applies (a chosen contract that has ended since) with the reason in words.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::format::date;
use crate::scenario::names::join_and;
use crate::scenario::Scenario;
use crate::simulate::attention::silent_contracts;
use crate::simulate::custom::{
    planned_work, ppm_as_percent, BehaviourChoice, CustomContext, CustomStrategy, PlannedSpec,
};
use crate::simulate::model::{BehaviourPreset, PlannedWork, Strategy};
use crate::simulate::presets::{open_contracts, preset_strategies, FALLBACK_PAIR_ID};
use crate::simulate::recommend::{Goal, DEFAULT_PRIORITIES};
use crate::simulate::{SimConfig, DEFAULT_RANK_WEEK, MAX_TRIALS};

/// The longest horizon the form offers, in weeks (the engine's limit is 104 weeks).
pub const MAX_HORIZON_WEEKS: u32 = 104;

/// What the person chose on the Simulator page, as saved with the scenario. Results are never
/// saved: the same inputs and seed give the same numbers, so they are recomputed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunInputs {
    pub seed: u64,
    pub trials: String,
    pub horizon_weeks: String,
    pub behaviour: String,
    pub returns_pct: String,
    /// The contracts chosen; `None` = the ones [`default_contracts`] picks.
    pub contracts: Option<Vec<String>>,
    // Added after the first release: `serde(default)` lets payloads saved before them load
    // unchanged, so the storage schema did not need a migration.
    /// Strategies the user composed, compared next to the presets.
    #[serde(default)]
    pub custom: Vec<CustomStrategy>,
    /// Future work the user expects; every strategy includes it.
    #[serde(default)]
    pub planned: Vec<PlannedSpec>,
    /// Per-contract client behaviour; contracts without one use `behaviour` and `returns_pct`.
    #[serde(default)]
    pub behaviours: BTreeMap<String, BehaviourChoice>,
    /// What matters most first; the recommendation ranks in this order.
    #[serde(default = "default_priorities")]
    pub priorities: Vec<Goal>,
}

fn default_priorities() -> Vec<Goal> {
    DEFAULT_PRIORITIES.to_vec()
}

impl Default for RunInputs {
    fn default() -> RunInputs {
        RunInputs {
            seed: 1,
            trials: "10000".into(),
            horizon_weeks: "52".into(),
            behaviour: BehaviourPreset::Vanished.as_str().into(),
            returns_pct: ppm_as_percent(BehaviourPreset::Vanished.behaviour().returns_ppm),
            contracts: None,
            custom: Vec::new(),
            planned: Vec::new(),
            behaviours: BTreeMap::new(),
            priorities: default_priorities(),
        }
    }
}

/// An input field the person can correct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputField {
    Trials,
    Horizon,
    ReturnsPct,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputProblem {
    #[error("Simulated futures: enter a whole number from 1 to 10,000,000.")]
    Trials,
    #[error("Weeks ahead: enter a whole number from 1 to {MAX_HORIZON_WEEKS}.")]
    Horizon,
    #[error("Chance a silent client comes back: enter a percentage from 0 to 100.")]
    ReturnsPct,
    #[error("There is no open contract to decide about.")]
    NothingOpen,
}

impl InputProblem {
    /// The field to show the message at; `None` for a problem with the contracts themselves.
    pub fn field(&self) -> Option<InputField> {
        match self {
            InputProblem::Trials => Some(InputField::Trials),
            InputProblem::Horizon => Some(InputField::Horizon),
            InputProblem::ReturnsPct => Some(InputField::ReturnsPct),
            InputProblem::NothingOpen => None,
        }
    }
}

/// A run ready for the simulator, with what was left out and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub config: SimConfig,
    /// The contracts the strategies act on.
    pub contracts: Vec<String>,
    /// Chosen contracts left out (ended or removed since), in words.
    pub dropped: Vec<String>,
    /// Composed strategies that cannot run, each with why, in words.
    pub skipped: Vec<String>,
    /// The assumptions behind the numbers, in words, for the person to check.
    pub assumptions: Vec<String>,
}

/// The contracts a run decides about when the person has not chosen: the silent ones that hold
/// no funded escrow (ending those costs no money); if no client is silent, every open contract
/// that holds none; failing that, every open contract. A strategy therefore never ends a
/// contract with funded or submitted work unless the person ticked it.
pub fn default_contracts(scenario: &Scenario, at: NaiveDate) -> Vec<String> {
    let silent = silent_contracts(scenario, at);
    let preselected: Vec<String> = silent
        .iter()
        .filter(|s| s.escrow_held.cents() == 0)
        .map(|s| s.contract.clone())
        .collect();
    if !preselected.is_empty() {
        return preselected;
    }
    let open = open_contracts(scenario, at);
    let without_escrow: Vec<String> = open
        .iter()
        .filter(|id| crate::simulate::attention::escrow_held_on(scenario, id, at).cents() == 0)
        .cloned()
        .collect();
    if without_escrow.is_empty() {
        open
    } else {
        without_escrow
    }
}

/// Reads the inputs against the scenario on `at` and assembles the run.
pub fn prepare(
    scenario: &Scenario,
    at: NaiveDate,
    inputs: &RunInputs,
) -> Result<Prepared, Vec<InputProblem>> {
    let mut problems = Vec::new();
    let trials = whole(&inputs.trials).filter(|t| (1..=u64::from(MAX_TRIALS)).contains(t));
    if trials.is_none() {
        problems.push(InputProblem::Trials);
    }
    let weeks =
        whole(&inputs.horizon_weeks).filter(|w| (1..=u64::from(MAX_HORIZON_WEEKS)).contains(w));
    if weeks.is_none() {
        problems.push(InputProblem::Horizon);
    }
    let returns_ppm =
        crate::simulate::custom::parse_percent_ppm(&inputs.returns_pct, "returns").ok();
    if returns_ppm.is_none() {
        problems.push(InputProblem::ReturnsPct);
    }
    let open = open_contracts(scenario, at);
    if open.is_empty() {
        problems.push(InputProblem::NothingOpen);
    }
    let (Some(trials), Some(weeks), Some(returns_ppm)) = (trials, weeks, returns_ppm) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let (contracts, dropped) = match &inputs.contracts {
        Some(chosen) => {
            let (kept, gone): (Vec<String>, Vec<String>) =
                chosen.iter().cloned().partition(|id| open.contains(id));
            let dropped = gone
                .iter()
                .map(|id| {
                    if scenario.contracts.iter().any(|c| c.id == *id) {
                        format!("{} has ended since you chose it, so it is left out.", scenario.contract_name(id))
                    } else {
                        format!("A contract you chose ({id}) is no longer in your list, so it is left out.")
                    }
                })
                .collect();
            (kept, dropped)
        }
        None => (default_contracts(scenario, at), Vec::new()),
    };
    let jobs = planned_work(&inputs.planned, at);
    let mut strategies = preset_strategies(scenario, at, &contracts, &jobs);
    let (custom, skipped) = custom_strategies(
        &inputs.custom,
        &strategies,
        CustomContext {
            at,
            open,
            taken_names: Vec::new(),
            planned_ids: jobs.iter().map(|j| j.id.clone()).collect(),
            names: scenario
                .contracts
                .iter()
                .map(|c| (c.id.clone(), scenario.name_of(c)))
                .collect(),
        },
        &jobs,
    );
    strategies.extend(custom);
    let global = BehaviourPreset::parse(&inputs.behaviour).unwrap_or(BehaviourPreset::Vanished);
    let mut default_behaviour = global.behaviour();
    default_behaviour.returns_ppm = returns_ppm;
    let behaviours = inputs
        .behaviours
        .iter()
        .map(|(id, c)| (id.clone(), c.behaviour()))
        .collect();
    let horizon_days = u32::try_from(weeks * 7).unwrap_or(u32::MAX);
    let config = SimConfig {
        at: Some(at),
        horizon_days,
        trials: u32::try_from(trials).unwrap_or(MAX_TRIALS),
        seed: inputs.seed,
        strategies,
        default_behaviour,
        behaviours,
        rank_week: DEFAULT_RANK_WEEK,
        priorities: if inputs.priorities.is_empty() {
            default_priorities()
        } else {
            inputs.priorities.clone()
        },
    };
    let assumptions = assumptions(scenario, at, inputs, &config, &contracts, &jobs);
    Ok(Prepared {
        config,
        contracts,
        dropped,
        skipped,
        assumptions,
    })
}

fn whole(text: &str) -> Option<u64> {
    text.trim().replace([',', '_', ' '], "").parse().ok()
}

/// The composed strategies that can run next to `presets`, and for each one that cannot, why,
/// in words. A saved strategy can go stale (its date passes, its contract ends), and that should
/// not stop the others from running.
fn custom_strategies(
    custom: &[CustomStrategy],
    presets: &[Strategy],
    mut ctx: CustomContext,
    jobs: &[PlannedWork],
) -> (Vec<Strategy>, Vec<String>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for (i, c) in custom.iter().enumerate() {
        let others = custom
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, s)| s.name.clone());
        ctx.taken_names = presets
            .iter()
            .map(|s| s.name.clone())
            .chain(others)
            .collect();
        match c.to_strategy(&ctx, jobs) {
            Ok(s) => out.push(s),
            Err(problems) => {
                let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
                skipped.push(format!("“{}”: {}", c.name, words.join(" ")));
            }
        }
    }
    (out, skipped)
}

/// The assumptions behind a run, one sentence each, in the order a person would question them.
fn assumptions(
    scenario: &Scenario,
    at: NaiveDate,
    inputs: &RunInputs,
    config: &SimConfig,
    contracts: &[String],
    jobs: &[PlannedWork],
) -> Vec<String> {
    let mut out = Vec::new();
    let names: Vec<String> = contracts
        .iter()
        .map(|id| scenario.contract_name(id))
        .collect();
    if !names.is_empty() {
        out.push(format!("The contracts in question: {}.", join_and(&names)));
    }
    let b = &config.default_behaviour;
    let global = BehaviourPreset::parse(&inputs.behaviour).unwrap_or(BehaviourPreset::Vanished);
    out.push(format!(
        "A client who went silent comes back {} ({}), {}.",
        about_in_100_ppm(b.returns_ppm),
        global.as_str(),
        match global {
            BehaviourPreset::Vanished => "and one who does is as likely to rate low as high",
            BehaviourPreset::Happy => "and rates well",
            BehaviourPreset::Unhappy => "and rates low",
        }
    ));
    for (id, choice) in &inputs.behaviours {
        if !contracts.contains(id) {
            continue;
        }
        out.push(format!(
            "Except the client of {}: {}, comes back {}.",
            scenario.contract_name(id),
            choice.preset.as_str(),
            about_in_100_ppm(choice.returns_ppm)
        ));
    }
    let real_jobs = jobs.iter().filter(|j| j.id != FALLBACK_PAIR_ID).count();
    if real_jobs == 0 {
        out.push("No new work is assumed, except by the pairing strategy, which assumes a $500 job rated 5★ ending in about four weeks.".to_owned());
    } else {
        let lines: Vec<String> = inputs.planned.iter().map(|p| p.describe()).collect();
        out.push(format!("New work you expect: {}.", lines.join("; ")));
    }
    let end = crate::jss::outcome::add_days(at, i64::from(config.horizon_days)).unwrap_or(at);
    out.push(format!(
        "{} simulated futures per strategy, from {} to {} (seed {}).",
        crate::format::thousands(u64::from(config.trials)),
        date(at),
        date(end),
        config.seed
    ));
    out
}

/// "about 5 in 100" for parts per million, or "never"/"always" at the ends.
fn about_in_100_ppm(ppm: u32) -> String {
    crate::simulate::words::in_100(f64::from(ppm) / 1_000_000.0)
}
