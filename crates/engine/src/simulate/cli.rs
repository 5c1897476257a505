//! The library side of `jss simulate FILE [--trials N] [--seed S] [--horizon-days N]
//! [--strategy NAME]... [--behaviour B] [--at DATE] [--contract ID]...`.

use chrono::NaiveDate;

use crate::scenario::Scenario;
use crate::simulate::model::{BehaviourPreset, Strategy};
use crate::simulate::presets::{open_contracts, preset_strategy, Preset};
use crate::simulate::{SimConfig, SimError, Simulation, DEFAULT_RANK_WEEK};

pub const DEFAULT_TRIALS: u32 = 10_000;
pub const DEFAULT_SEED: u64 = 1;
pub const DEFAULT_HORIZON_DAYS: u32 = 364;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimOptions {
    pub trials: u32,
    pub seed: u64,
    pub horizon_days: u32,
    /// Custom strategies; when `None`, the presets run.
    pub strategies: Option<Vec<Strategy>>,
    /// The presets to run (all applicable ones when empty).
    pub presets: Vec<Preset>,
    /// The behaviour of every client.
    pub behaviour: BehaviourPreset,
    /// The start date; defaults to the scenario's `as_of`.
    pub at: Option<NaiveDate>,
    /// The contracts the presets act on; defaults to every contract open at the start.
    pub contracts: Option<Vec<String>>,
}

impl Default for SimOptions {
    fn default() -> SimOptions {
        SimOptions {
            trials: DEFAULT_TRIALS,
            seed: DEFAULT_SEED,
            horizon_days: DEFAULT_HORIZON_DAYS,
            strategies: None,
            presets: Vec::new(),
            behaviour: BehaviourPreset::Vanished,
            at: None,
            contracts: None,
        }
    }
}

/// Parses the arguments after `simulate`: returns the file (`-` for standard input) and the
/// options, or a message naming the bad argument.
pub fn parse_simulate_args(args: &[String]) -> Result<(String, SimOptions), String> {
    let mut options = SimOptions::default();
    let mut file: Option<String> = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--trials" => options.trials = number(&value("--trials")?, "--trials")?,
            "--seed" => options.seed = number(&value("--seed")?, "--seed")?,
            "--horizon-days" => {
                options.horizon_days = number(&value("--horizon-days")?, "--horizon-days")?
            }
            "--strategy" => {
                let name = value("--strategy")?;
                let preset = Preset::parse(&name).ok_or_else(|| {
                    let known: Vec<&str> = Preset::ALL.iter().map(|p| p.slug()).collect();
                    format!(
                        "--strategy: unknown \"{name}\" (known: {})",
                        known.join(", ")
                    )
                })?;
                if !options.presets.contains(&preset) {
                    options.presets.push(preset);
                }
            }
            "--behaviour" | "--behavior" => {
                let name = value("--behaviour")?;
                options.behaviour = BehaviourPreset::parse(&name).ok_or_else(|| {
                    format!("--behaviour: unknown \"{name}\" (known: vanished, happy, unhappy)")
                })?;
            }
            "--at" => {
                let text = value("--at")?;
                let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                    .map_err(|_| format!("--at: \"{text}\" is not a YYYY-MM-DD date"))?;
                options.at = Some(date);
            }
            "--contract" => {
                let id = value("--contract")?;
                options.contracts.get_or_insert_with(Vec::new).push(id);
            }
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other => {
                if file.is_some() {
                    return Err(format!("unexpected argument \"{other}\": one FILE only"));
                }
                file = Some(other.to_owned());
            }
        }
    }
    let file = file.ok_or("simulate needs a FILE (or - for standard input)")?;
    Ok((file, options))
}

fn number<T: std::str::FromStr>(text: &str, name: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{name}: \"{text}\" is not a whole number in range"))
}

/// The configuration `simulate_json` runs: the custom strategies, or the presets on the chosen
/// (default: every open) contract.
pub fn config_for(scenario: &Scenario, options: &SimOptions) -> Result<SimConfig, SimError> {
    let at = options.at.or(scenario.as_of).ok_or(SimError::NoStartDate)?;
    let strategies = match &options.strategies {
        Some(strategies) => strategies.clone(),
        None => {
            let contracts = options
                .contracts
                .clone()
                .unwrap_or_else(|| open_contracts(scenario, at));
            let presets: &[Preset] = if options.presets.is_empty() {
                &Preset::ALL
            } else {
                &options.presets
            };
            presets
                .iter()
                .filter_map(|p| preset_strategy(*p, scenario, at, &contracts, &[]))
                .collect()
        }
    };
    Ok(SimConfig {
        at: Some(at),
        horizon_days: options.horizon_days,
        trials: options.trials,
        seed: options.seed,
        strategies,
        default_behaviour: options.behaviour.behaviour(),
        behaviours: Default::default(),
        rank_week: DEFAULT_RANK_WEEK,
    })
}

/// Runs every trial and returns the report as pretty JSON. Same scenario and options, same
/// bytes.
pub fn simulate_json(scenario: &Scenario, options: &SimOptions) -> Result<String, SimError> {
    let config = config_for(scenario, options)?;
    let mut simulation = Simulation::new(scenario, &config)?;
    let total = simulation.total();
    simulation.run_chunk(total);
    Ok(simulation.report().to_json_string())
}
