//! The library side of `jss simulate FILE [--trials N] [--seed S] [--horizon-days N]
//! [--strategy NAME]... [--behaviour B] [--at DATE] [--contract ID]...`.

use chrono::NaiveDate;

use crate::scenario::Scenario;
use crate::simulate::custom::ppm_as_percent;
use crate::simulate::inputs::{prepare, InputProblem, RunInputs, MAX_HORIZON_WEEKS};
use crate::simulate::model::{BehaviourPreset, Strategy};
use crate::simulate::presets::Preset;
use crate::simulate::{SimConfig, SimError, Simulation};

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

/// The configuration `simulate_json` runs: the same assembly as the app's ([`prepare`]), with
/// the command's options in place of the page's inputs; `--strategy` keeps only the presets
/// named, and custom strategies replace the presets.
pub fn config_for(scenario: &Scenario, options: &SimOptions) -> Result<SimConfig, SimError> {
    let at = options.at.or(scenario.as_of).ok_or(SimError::NoStartDate)?;
    let inputs = RunInputs {
        seed: options.seed,
        trials: options.trials.to_string(),
        // The page asks for weeks; the command's days are set exactly below.
        horizon_weeks: options
            .horizon_days
            .div_ceil(7)
            .clamp(1, MAX_HORIZON_WEEKS)
            .to_string(),
        behaviour: options.behaviour.as_str().to_owned(),
        returns_pct: ppm_as_percent(options.behaviour.behaviour().returns_ppm),
        contracts: options.contracts.clone(),
        ..RunInputs::default()
    };
    let mut config = match prepare(scenario, at, &inputs) {
        Ok(prepared) => prepared.config,
        Err(problems) if problems.contains(&InputProblem::NothingOpen) => {
            return Err(SimError::NoStrategies)
        }
        Err(problems) => {
            let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
            return Err(SimError::Inputs(words.join(" ")));
        }
    };
    config.horizon_days = options.horizon_days;
    config.trials = options.trials;
    if let Some(strategies) = &options.strategies {
        config.strategies = strategies.clone();
    } else if !options.presets.is_empty() {
        config
            .strategies
            .retain(|s| Preset::parse(&s.name).is_some_and(|p| options.presets.contains(&p)));
    }
    Ok(config)
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
