//! Validation, and strategies compiled into per-contract plans.
//!
//! Everything that depends only on the scenario and the configuration is decided here, once:
//! the evaluation grid, the frozen base scenario, which contracts vary, and each strategy's
//! plan for each of them. Trials only draw the clients' reactions.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::jss::cliff::freeze;
use crate::jss::evaluate::{calculation_date, contract_clients};
use crate::jss::outcome::{add_days, days_between};
use crate::jss::window::Bounds;
use crate::money::{Money, MAX_AMOUNT_CENTS};
use crate::rules::Params;
use crate::scenario::{Contract, End, EndReason, Party, Payment, Scenario, Terms};
use crate::simulate::ledger_run::LedgerPlan;
use crate::simulate::model::{Action, ClientBehaviour, PlannedWork, Strategy, PPM};
use crate::simulate::{SimConfig, SimError, MAX_HORIZON_DAYS, MAX_STRATEGIES, MAX_TRIALS};

/// The evaluation grid and the frozen facts shared by every strategy.
#[derive(Clone, Debug)]
pub(crate) struct Setup {
    pub at: NaiveDate,
    pub params: Params,
    /// Saturdays (the Top Rated check days): the first on or after `at`, then weekly.
    pub dates: Vec<NaiveDate>,
    /// The calculation shown on each date (the update cadence).
    pub calc: Vec<NaiveDate>,
    pub bounds: Vec<Bounds>,
    /// The scenario as of `at`: facts dated later dropped.
    pub base: Scenario,
    /// Per base contract: client index and flagged.
    pub clients: Vec<(u32, bool)>,
    /// A client index no base contract uses, for planned work with a new client.
    pub next_client: u32,
}

impl Setup {
    pub fn horizon_end(&self) -> NaiveDate {
        self.dates.last().copied().unwrap_or(self.at)
    }
}

/// What happens to one varying contract under one strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ContractPlan {
    /// A deterministic ledger plan; the client may return after any end.
    Ledger(LedgerPlan),
    /// The client is asked on this date and closes only if they come back.
    Ask { date: NaiveDate },
}

#[derive(Clone, Debug)]
pub(crate) enum ItemKind {
    /// A base contract, by index into `Compiled::varying`.
    Existing {
        slot: usize,
        plan: ContractPlan,
        behaviour: ClientBehaviour,
    },
    /// A planned job: its contract as if it happens, without feedback.
    Planned {
        work: Box<PlannedWork>,
        contract: Box<Contract>,
        client: u32,
        flagged: bool,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct CompiledStrategy {
    pub name: String,
    pub description: String,
    pub items: Vec<ItemKind>,
}

/// Checks the configuration and compiles it.
pub(crate) fn compile(
    scenario: &Scenario,
    config: &SimConfig,
) -> Result<(Setup, Vec<usize>, Vec<CompiledStrategy>), SimError> {
    let setup = setup(scenario, config)?;
    check_behaviour("default", &config.default_behaviour, &setup.params)?;
    for (contract, behaviour) in &config.behaviours {
        check_behaviour(contract, behaviour, &setup.params)?;
    }
    if config.strategies.is_empty() {
        return Err(SimError::NoStrategies);
    }
    if config.strategies.len() > MAX_STRATEGIES {
        return Err(SimError::TooManyStrategies(config.strategies.len()));
    }
    // Every contract any strategy names varies; the rest is the shared, precomputed history.
    let mut varying: Vec<usize> = Vec::new();
    for strategy in &config.strategies {
        for action in &strategy.actions {
            for id in action.contracts() {
                let index = open_contract(&setup, strategy, id)?;
                if !varying.contains(&index) {
                    varying.push(index);
                }
            }
        }
    }
    varying.sort_unstable();
    let mut names: Vec<&str> = Vec::new();
    let mut compiled = Vec::with_capacity(config.strategies.len());
    for strategy in &config.strategies {
        if strategy.name.trim().is_empty() {
            return Err(SimError::Strategy {
                strategy: strategy.name.clone(),
                message: "needs a name".into(),
            });
        }
        if names.contains(&strategy.name.as_str()) {
            return Err(strategy_error(strategy, "the name is used twice"));
        }
        names.push(&strategy.name);
        compiled.push(compile_strategy(&setup, config, &varying, strategy)?);
    }
    Ok((setup, varying, compiled))
}

fn setup(scenario: &Scenario, config: &SimConfig) -> Result<Setup, SimError> {
    let at = config.at.or(scenario.as_of).ok_or(SimError::NoStartDate)?;
    if !(7..=MAX_HORIZON_DAYS).contains(&config.horizon_days) {
        return Err(SimError::Horizon(config.horizon_days));
    }
    if !(1..=MAX_TRIALS).contains(&config.trials) {
        return Err(SimError::Trials(config.trials));
    }
    let params = Params::resolve(&scenario.rules);
    // Saturday on or after `at`: days to add = (6 − weekday from Sunday + 7) mod 7.
    let ahead = (6 + 7 - at.weekday().num_days_from_sunday()) % 7;
    let first = add_days(at, i64::from(ahead)).ok_or(SimError::NoStartDate)?;
    let weeks = config.horizon_days / 7;
    let dates: Vec<NaiveDate> = (0..=i64::from(weeks))
        .map(|k| add_days(first, 7 * k))
        .collect::<Option<Vec<_>>>()
        .ok_or(SimError::Horizon(config.horizon_days))?;
    let calc: Vec<NaiveDate> = dates
        .iter()
        .map(|d| calculation_date(*d, &params))
        .collect();
    let bounds = calc.iter().map(|d| Bounds::at(*d)).collect();
    let base = freeze(scenario, at);
    let clients = contract_clients(&base);
    let next_client = clients
        .iter()
        .map(|(c, _)| c.saturating_add(1))
        .max()
        .unwrap_or(0)
        .max(u32::try_from(base.clients.len()).unwrap_or(u32::MAX));
    Ok(Setup {
        at,
        params,
        dates,
        calc,
        bounds,
        base,
        clients,
        next_client,
    })
}

fn strategy_error(strategy: &Strategy, message: impl Into<String>) -> SimError {
    SimError::Strategy {
        strategy: strategy.name.clone(),
        message: message.into(),
    }
}

/// The index of an open base contract named by an action.
fn open_contract(setup: &Setup, strategy: &Strategy, id: &str) -> Result<usize, SimError> {
    let index = setup
        .base
        .contracts
        .iter()
        .position(|c| c.id == id)
        .ok_or_else(|| strategy_error(strategy, format!("there is no contract \"{id}\"")))?;
    if setup.base.contracts[index].end.is_some() {
        let message = format!("contract \"{id}\" has already ended on {}", setup.at);
        return Err(strategy_error(strategy, message));
    }
    Ok(index)
}

fn check_behaviour(who: &str, b: &ClientBehaviour, params: &Params) -> Result<(), SimError> {
    let fail = |message: String| SimError::Behaviour {
        contract: who.to_owned(),
        message,
    };
    check_ppm(b.returns_ppm, "returns_ppm").map_err(fail)?;
    check_ppm(b.feedback_if_back_ppm, "feedback_if_back_ppm").map_err(fail)?;
    check_stars(&b.stars.0).map_err(fail)?;
    check_delay(b.feedback_delay_days, params).map_err(fail)
}

fn check_ppm(value: u32, name: &str) -> Result<(), String> {
    if value > PPM {
        return Err(format!("{name} is {value}, above {PPM} (certain)"));
    }
    Ok(())
}

fn check_stars(stars: &[crate::simulate::model::StarWeight]) -> Result<(), String> {
    if stars.is_empty() {
        return Err("the star distribution is empty".into());
    }
    for s in stars {
        if crate::scenario::Stars::from_hundredths(s.stars_hundredths).is_none() {
            return Err(format!(
                "stars_hundredths {} is outside 100..=500",
                s.stars_hundredths
            ));
        }
        check_ppm(s.weight_ppm, "weight_ppm")?;
    }
    if stars.iter().all(|s| s.weight_ppm == 0) {
        return Err("every star weight is 0".into());
    }
    Ok(())
}

fn check_delay(d: crate::simulate::model::DelayRange, params: &Params) -> Result<(), String> {
    let window = u32::try_from(params.feedback_window_days).unwrap_or(0);
    if d.min > d.max || d.max > window {
        return Err(format!(
            "feedback_delay_days {}..={} must be ordered and within the {window}-day feedback window",
            d.min, d.max
        ));
    }
    Ok(())
}

fn behaviour_of<'a>(config: &'a SimConfig, id: &str) -> &'a ClientBehaviour {
    config
        .behaviours
        .get(id)
        .unwrap_or(&config.default_behaviour)
}

/// A first pass gives every directly dated action its plan; pairings are resolved after.
fn compile_strategy(
    setup: &Setup,
    config: &SimConfig,
    varying: &[usize],
    strategy: &Strategy,
) -> Result<CompiledStrategy, SimError> {
    let mut plans: BTreeMap<String, ContractPlan> = BTreeMap::new();
    let mut pairings: Vec<(String, String, EndReason)> = Vec::new();
    let mut named: Vec<&str> = Vec::new();
    let at = setup.at;
    let not_before = |date: NaiveDate| -> Result<NaiveDate, SimError> {
        if date < at {
            return Err(strategy_error(
                strategy,
                format!("{date} is before the start date {at}"),
            ));
        }
        Ok(date)
    };
    let end = |date, reason: crate::simulate::model::CloseReason| {
        ContractPlan::Ledger(LedgerPlan::End {
            date,
            by: Party::Freelancer,
            reason: reason.end_reason(),
        })
    };
    for action in &strategy.actions {
        for id in action.contracts() {
            if named.contains(&id) {
                let message = format!("contract \"{id}\" has more than one action");
                return Err(strategy_error(strategy, message));
            }
            named.push(id);
        }
        match action {
            Action::EndNow { contract, reason } => {
                plans.insert(contract.clone(), end(at, *reason));
            }
            Action::EndOn {
                contract,
                date,
                reason,
            } => {
                plans.insert(contract.clone(), end(not_before(*date)?, *reason));
            }
            Action::Stagger {
                contracts,
                every_days,
                first,
                reason,
            } => {
                if contracts.is_empty() || *every_days == 0 {
                    let message = "a stagger needs contracts and every_days of at least 1";
                    return Err(strategy_error(strategy, message));
                }
                let first = not_before(first.unwrap_or(at))?;
                for (k, contract) in contracts.iter().enumerate() {
                    let offset = i64::from(*every_days).saturating_mul(k as i64);
                    let date = add_days(first, offset).ok_or_else(|| {
                        strategy_error(strategy, "a stagger date is out of range")
                    })?;
                    plans.insert(contract.clone(), end(date, *reason));
                }
            }
            Action::EndAfterFeedback {
                contract,
                after,
                reason,
            } => pairings.push((contract.clone(), after.clone(), reason.end_reason())),
            Action::LeaveOpen { contract } => {
                plans.insert(contract.clone(), ContractPlan::Ledger(LedgerPlan::Idle));
            }
            Action::AskClientToClose { contract, on } => {
                let date = not_before(on.unwrap_or(at))?;
                plans.insert(contract.clone(), ContractPlan::Ask { date });
            }
            Action::SubmitThenEnd { contract, reason } => {
                let fixed = setup
                    .base
                    .contracts
                    .iter()
                    .any(|c| c.id == *contract && !c.is_hourly());
                if !fixed {
                    let message = format!("\"{contract}\" is not fixed-price: nothing to submit");
                    return Err(strategy_error(strategy, message));
                }
                let plan = LedgerPlan::SubmitThenEnd {
                    reason: reason.end_reason(),
                };
                plans.insert(contract.clone(), ContractPlan::Ledger(plan));
            }
        }
    }
    check_planned(setup, strategy)?;
    resolve_pairings(setup, config, strategy, &mut plans, &pairings)?;
    let mut items = Vec::with_capacity(varying.len() + strategy.planned_work.len());
    for (slot, &index) in varying.iter().enumerate() {
        let id = &setup.base.contracts[index].id;
        let plan = plans
            .get(id)
            .copied()
            .unwrap_or(ContractPlan::Ledger(LedgerPlan::Idle));
        items.push(ItemKind::Existing {
            slot,
            plan,
            behaviour: behaviour_of(config, id).clone(),
        });
    }
    for (j, work) in strategy.planned_work.iter().enumerate() {
        items.push(planned_item(setup, work, j)?);
    }
    Ok(CompiledStrategy {
        name: strategy.name.clone(),
        description: strategy.description.clone(),
        items,
    })
}

fn check_planned(setup: &Setup, strategy: &Strategy) -> Result<(), SimError> {
    let mut ids: Vec<&str> = Vec::new();
    for w in &strategy.planned_work {
        let fail = |m: String| strategy_error(strategy, format!("planned work \"{}\": {m}", w.id));
        if w.id.is_empty() || ids.contains(&w.id.as_str()) {
            return Err(fail("needs a unique, non-empty id".into()));
        }
        if setup.base.contracts.iter().any(|c| c.id == w.id) {
            return Err(fail("the id is a contract's id".into()));
        }
        ids.push(&w.id);
        if w.start < setup.at {
            return Err(fail(format!("starts before the start date {}", setup.at)));
        }
        if !(0..=MAX_AMOUNT_CENTS).contains(&w.value_cents) || w.duration_days > 3650 {
            return Err(fail("value or duration out of range".into()));
        }
        if let Some(client) = &w.client {
            if !setup.base.clients.iter().any(|c| c.id == *client) {
                return Err(fail(format!("there is no client \"{client}\"")));
            }
        }
        check_ppm(w.happens_ppm, "happens_ppm").map_err(fail)?;
        check_ppm(w.feedback_ppm, "feedback_ppm").map_err(fail)?;
        check_stars(&w.stars.0).map_err(fail)?;
        check_delay(w.feedback_delay_days, &setup.params).map_err(fail)?;
    }
    Ok(())
}

fn planned_item(setup: &Setup, work: &PlannedWork, j: usize) -> Result<ItemKind, SimError> {
    let end = add_days(work.start, i64::from(work.duration_days)).unwrap_or(work.start);
    let (client_id, client, flagged) = match &work.client {
        Some(id) => {
            let i = setup.base.clients.iter().position(|c| c.id == *id);
            let index = i.map_or(setup.next_client, |i| u32::try_from(i).unwrap_or(u32::MAX));
            let flagged = i.is_some_and(|i| setup.base.clients[i].flagged);
            (id.clone(), index, flagged)
        }
        None => {
            let offset = u32::try_from(j).unwrap_or(u32::MAX);
            let index = setup.next_client.saturating_add(offset);
            (format!("planned:{}", work.id), index, false)
        }
    };
    let contract = Contract {
        id: work.id.clone(),
        client: client_id,
        title: None,
        terms: Terms::Fixed {
            milestones: Vec::new(),
        },
        start: work.start,
        payments: vec![Payment {
            date: end,
            amount: Money::from_cents(work.value_cents),
        }],
        refunds: Vec::new(),
        end: Some(End {
            date: end,
            by: Party::Client,
            reason: EndReason::Completed,
        }),
        feedback: None,
    };
    Ok(ItemKind::Planned {
        work: Box::new(work.clone()),
        contract: Box::new(contract),
        client,
        flagged,
    })
}

/// Resolves "end after X's feedback" to dates, following chains of pairings.
fn resolve_pairings(
    setup: &Setup,
    config: &SimConfig,
    strategy: &Strategy,
    plans: &mut BTreeMap<String, ContractPlan>,
    pairings: &[(String, String, EndReason)],
) -> Result<(), SimError> {
    let mut pending: Vec<&(String, String, EndReason)> = pairings.iter().collect();
    // Each pass resolves at least one pairing unless the rest form a cycle.
    while !pending.is_empty() {
        let before = pending.len();
        let mut still = Vec::new();
        for pairing in pending {
            let (contract, after, reason) = pairing;
            match expected_feedback(setup, config, strategy, plans, after)? {
                Some(expected) => {
                    let date = add_days(expected, 1).unwrap_or(expected).max(setup.at);
                    let plan = LedgerPlan::End {
                        date,
                        by: Party::Freelancer,
                        reason: *reason,
                    };
                    plans.insert(contract.clone(), ContractPlan::Ledger(plan));
                }
                None => still.push(pairing),
            }
        }
        if still.len() == before {
            let message = "its pairings wait on each other (a cycle)";
            return Err(strategy_error(strategy, message));
        }
        pending = still;
    }
    Ok(())
}

/// The expected feedback date of a planned job or a contract: its end plus the midpoint of the
/// feedback delay. `Ok(None)` while the contract's own end is an unresolved pairing.
fn expected_feedback(
    setup: &Setup,
    config: &SimConfig,
    strategy: &Strategy,
    plans: &BTreeMap<String, ContractPlan>,
    after: &str,
) -> Result<Option<NaiveDate>, SimError> {
    if let Some(work) = strategy.planned_work.iter().find(|w| w.id == after) {
        let days = i64::from(work.duration_days) + i64::from(work.feedback_delay_days.midpoint());
        return Ok(add_days(work.start, days));
    }
    let Some(contract) = setup.base.contracts.iter().find(|c| c.id == after) else {
        let message = format!("there is no contract or planned work \"{after}\" to pair with");
        return Err(strategy_error(strategy, message));
    };
    let delay = i64::from(behaviour_of(config, after).feedback_delay_days.midpoint());
    if let Some(feedback) = contract.feedback {
        return Ok(Some(feedback.date.max(setup.at)));
    }
    if let Some(end) = contract.end {
        return Ok(add_days(end.date, delay).map(|d| d.max(setup.at)));
    }
    let paired_pending = || {
        strategy
            .actions
            .iter()
            .any(|a| matches!(a, Action::EndAfterFeedback { contract, .. } if contract == after))
    };
    match plans.get(after) {
        Some(ContractPlan::Ledger(LedgerPlan::End { date, .. })) => Ok(add_days(*date, delay)),
        Some(ContractPlan::Ask { date }) => Ok(add_days(*date, delay)),
        Some(ContractPlan::Ledger(LedgerPlan::SubmitThenEnd { .. })) => {
            let release = last_review_end(contract, setup.at, &setup.params);
            Ok(add_days(release, 1 + delay))
        }
        None if paired_pending() => Ok(None),
        _ => Err(strategy_error(
            strategy,
            format!("\"{after}\" stays open, so it has no feedback date to pair with"),
        )),
    }
}

/// When the last review (`fp_review_days`) of a submitted (or about to be submitted) milestone
/// ends.
fn last_review_end(contract: &Contract, at: NaiveDate, params: &Params) -> NaiveDate {
    let Terms::Fixed { milestones } = &contract.terms else {
        return at;
    };
    let submitted = milestones
        .iter()
        .filter(|m| m.released.is_none() && m.refunded.is_none())
        .map(|m| m.submitted.filter(|d| *d <= at).unwrap_or(at))
        .max()
        .unwrap_or(at);
    let review = add_days(submitted, params.fp_review_days).unwrap_or(submitted);
    if days_between(at, review) < 0 {
        at
    } else {
        review
    }
}
