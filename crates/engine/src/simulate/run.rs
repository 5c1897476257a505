//! The chunked Monte Carlo.
//!
//! Cost model: the history no strategy touches is classified and tallied once per week in
//! [`Simulation::new`]. A trial draws the clients' reactions for the few varying contracts and
//! planned jobs; each distinct reaction of one contract (a "variant") is classified at every
//! week once and cached, and each distinct combination of variants (a "signature") is scored
//! at every week once: its weekly tallies are the precomputed history plus the variants'
//! outcomes, scored by the real `Tallies::scores`. Trials then only count signatures, and the
//! report expands the counts. Everything is integer counting after the scores, so the result
//! does not depend on chunking or on the platform.

// The trial loop looks up every draw in these maps; FxHash (rustc's own hasher) costs a few
// operations per key where the default SipHash costs dozens, and the keys are our own ids, so
// SipHash's protection against crafted keys buys nothing here.
use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use crate::jss::evaluate::displayed_at;
use crate::jss::outcome::{add_days, classify, days_between, settled_from, Outcome};
use crate::jss::top_rated::{earned_between, earnings_since};
use crate::jss::window::{score_outcomes, Scored, Tallies};
use crate::scenario::{Contract, Feedback, Party, Scenario, Stars};
use crate::simulate::compile::{compile, CompiledStrategy, ContractPlan, ItemKind, Setup};
use crate::simulate::ledger_run::{run_contract, ContractRun, LedgerPlan, MoneyEvent};
use crate::simulate::model::{ClientBehaviour, Strategy};
use crate::simulate::recommend::Goal;
use crate::simulate::sample::{chance, delay, stars, trial_rng};
use crate::simulate::words::instruction;
use crate::simulate::{Progress, SimConfig, SimError};

/// A sampled client feedback: date and stars in hundredths.
type FeedbackKey = Option<(NaiveDate, u16)>;

/// One realisation of one varying contract, classified at every week.
#[derive(Clone, Debug)]
pub(crate) struct Variant {
    pub series: Vec<Outcome>,
    /// Payments minus refunds in the 12 months up to each week's date, in cents.
    pub earnings_12m: Vec<i64>,
    /// The start, if the contract exists in this variant.
    pub start: Option<NaiveDate>,
}

/// A base contract some strategy names: its ledger runs and variants, shared by strategies.
#[derive(Clone, Debug)]
pub(crate) struct Slot {
    pub contract: Contract,
    pub client: u32,
    pub flagged: bool,
    runs: HashMap<LedgerPlan, u32>,
    pub run_list: Vec<ContractRun>,
    /// Per run, the contract's 12-month earnings at each grid date (feedback changes none).
    run_earnings: Vec<Vec<i64>>,
    variants: HashMap<(u32, FeedbackKey), u32>,
    /// Per run, the variant without feedback, if built: most trials draw no feedback, and an
    /// index is cheaper than hashing the key.
    unrated: Vec<Option<u32>>,
    pub variant_list: Vec<Variant>,
}

/// A planned job's variants within one strategy; variant 0 is "it does not happen".
#[derive(Clone, Debug)]
pub(crate) struct PlannedMemo {
    variants: HashMap<FeedbackKey, u32>,
    /// The job's 12-month earnings at each grid date if it happens.
    earnings_12m: Vec<i64>,
    pub variant_list: Vec<Variant>,
}

/// One distinct combination of variants, scored at every week.
#[derive(Clone, Debug)]
pub(crate) struct Sig {
    pub displayed: Vec<Option<u8>>,
    pub top_rated: Vec<bool>,
    /// The ledger runs of the strategy's contracts, index into `StrategyState::combos`.
    pub combo: u32,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct StrategyState {
    sig_index: HashMap<Vec<u32>, u32>,
    pub sigs: Vec<Sig>,
    pub counts: Vec<u64>,
    combo_index: HashMap<Vec<u32>, u32>,
    pub combos: Vec<Vec<u32>>,
    pub planned: Vec<PlannedMemo>,
    pub done: u64,
}

/// A running simulation. Build it with [`Simulation::new`], call [`Simulation::run_chunk`]
/// until done (or stop at any time), and read [`Simulation::report`].
#[derive(Clone, Debug)]
pub struct Simulation {
    pub(crate) setup: Setup,
    pub(crate) trials: u32,
    pub(crate) seed: u64,
    pub(crate) rank_week: u32,
    /// The goals the recommendation ranks by, most important first.
    pub(crate) priorities: Vec<Goal>,
    /// The strategies as configured, and each one's instruction in plain words.
    pub(crate) sources: Vec<Strategy>,
    pub(crate) instructions: Vec<String>,
    pub(crate) strategies: Vec<CompiledStrategy>,
    pub(crate) slots: Vec<Slot>,
    pub(crate) states: Vec<StrategyState>,
    fixed: Vec<Tallies>,
    /// The untouched history per week, kept only for the legacy pattern rule's exact path.
    fixed_scored: Option<Vec<Vec<Scored>>>,
    fixed_earnings_12m: Vec<i64>,
    fixed_first_start: Option<NaiveDate>,
    /// The displayed JSS on the Saturdays before the grid, nearest first (Top Rated checks).
    past_displayed: Vec<Option<u8>>,
    /// Escrow moves of contracts no strategy names (nobody acts on them).
    pub(crate) common_money: Vec<MoneyEvent>,
    /// The base scenario with the untouched contracts' timers applied (for explanations).
    pub(crate) history: Scenario,
    done: u64,
    /// A trial's variant ids and ledger runs, kept between trials so the inner loop does not
    /// allocate (allocation is markedly slower in wasm than natively).
    scratch_key: Vec<u32>,
    scratch_combo: Vec<u32>,
}

impl Simulation {
    /// Validates the configuration against the scenario and precomputes everything shared by
    /// the trials, including every ledger run a trial can need, so `run_chunk` cannot fail.
    pub fn new(scenario: &Scenario, config: &SimConfig) -> Result<Simulation, SimError> {
        let (setup, varying, strategies) = compile(scenario, config)?;
        let until = setup.horizon_end();
        let mut history = setup.base.clone();
        let mut common_money = Vec::new();
        for (i, contract) in setup.base.contracts.iter().enumerate() {
            if varying.contains(&i) || contract.is_hourly() {
                continue;
            }
            let run = run_contract(&setup.base, contract, setup.at, until, LedgerPlan::Idle)?;
            apply_run(&mut history.contracts[i], &run);
            common_money.extend(run.money);
        }
        let mut slots: Vec<Slot> = varying
            .iter()
            .map(|&i| Slot {
                contract: history.contracts[i].clone(),
                client: setup.clients[i].0,
                flagged: setup.clients[i].1,
                runs: HashMap::default(),
                run_list: Vec::new(),
                run_earnings: Vec::new(),
                variants: HashMap::default(),
                unrated: Vec::new(),
                variant_list: Vec::new(),
            })
            .collect();
        for strategy in &strategies {
            for item in &strategy.items {
                if let ItemKind::Existing {
                    slot,
                    plan,
                    behaviour,
                } = item
                {
                    for plan in possible_plans(*plan, behaviour) {
                        slots[*slot].run(&setup, plan)?;
                    }
                }
            }
        }
        let states = strategies
            .iter()
            .map(|s| StrategyState {
                planned: s
                    .items
                    .iter()
                    .filter_map(|item| match item {
                        ItemKind::Planned { contract, .. } => Some(PlannedMemo {
                            variants: HashMap::default(),
                            earnings_12m: earnings_series(&setup, contract),
                            variant_list: vec![absent_variant(&setup)],
                        }),
                        ItemKind::Existing { .. } => None,
                    })
                    .collect(),
                ..StrategyState::default()
            })
            .collect();
        let mut sim = Simulation {
            trials: config.trials,
            seed: config.seed,
            rank_week: config.rank_week,
            priorities: config.priorities.clone(),
            instructions: config
                .strategies
                .iter()
                .map(|s| instruction(s, &setup.base, setup.at))
                .collect(),
            sources: config.strategies.clone(),
            strategies,
            slots,
            states,
            fixed: Vec::new(),
            fixed_scored: None,
            fixed_earnings_12m: Vec::new(),
            fixed_first_start: None,
            past_displayed: Vec::new(),
            common_money,
            history,
            done: 0,
            setup,
            scratch_key: Vec::new(),
            scratch_combo: Vec::new(),
        };
        sim.precompute_history(&varying);
        Ok(sim)
    }

    fn precompute_history(&mut self, varying: &[usize]) {
        let setup = &self.setup;
        let pattern = setup.params.no_feedback_pattern_rule;
        let mut fixed = vec![Tallies::default(); setup.dates.len()];
        let mut fixed_scored = vec![Vec::new(); setup.dates.len()];
        let mut earnings = vec![0i64; setup.dates.len()];
        for (i, contract) in self.history.contracts.iter().enumerate() {
            if varying.contains(&i) {
                continue;
            }
            let (client, flagged) = setup.clients[i];
            for (k, calc) in setup.calc.iter().enumerate() {
                let outcome = classify(contract, flagged, *calc, &setup.params);
                fixed[k].add_outcome(&setup.bounds[k], &outcome, client);
                if pattern {
                    fixed_scored[k].push(Scored { outcome, client });
                }
                earnings[k] += earned_12m(contract, setup.dates[k]);
            }
        }
        self.fixed_first_start = self.history.contracts.iter().map(|c| c.start).min();
        self.fixed = fixed;
        self.fixed_scored = pattern.then_some(fixed_scored);
        self.fixed_earnings_12m = earnings;
        let first = setup.dates.first().copied().unwrap_or(setup.at);
        let weeks_back = i64::from(setup.params.top_rated_weeks_window);
        self.past_displayed = (1..weeks_back)
            .filter_map(|j| add_days(first, -7 * j))
            .map(|d| displayed_at(&self.history, &setup.params, d))
            .collect();
    }

    /// The most the contracts on record (planned work aside) can have earned in the 12 months
    /// up to the horizon, in cents: the untouched history plus each varying contract's best
    /// ledger run. Top Rated at the horizon needs `top_rated_min_earnings` of it.
    pub(crate) fn best_earnings_12m_at_horizon_cents(&self) -> i64 {
        let history = self.fixed_earnings_12m.last().copied().unwrap_or(0);
        let varying: i64 = self
            .slots
            .iter()
            .map(|slot| {
                slot.run_earnings
                    .iter()
                    .filter_map(|row| row.last().copied())
                    .max()
                    .unwrap_or(0)
            })
            .fold(0i64, i64::saturating_add);
        history.saturating_add(varying)
    }

    /// Total trial units: trials × strategies.
    pub fn total(&self) -> u64 {
        u64::from(self.trials) * self.strategies.len() as u64
    }

    pub fn progress(&self) -> Progress {
        Progress {
            done: self.done,
            total: self.total(),
        }
    }

    /// Runs up to `max_trials` more trial units (one strategy, one trial each), interleaving
    /// strategies so that a partial report covers all of them evenly.
    pub fn run_chunk(&mut self, max_trials: u64) -> Progress {
        let n_strategies = self.strategies.len() as u64;
        let end = self.done.saturating_add(max_trials).min(self.total());
        while self.done < end && n_strategies > 0 {
            let trial = self.done / n_strategies;
            let strategy = (self.done % n_strategies) as usize;
            self.run_trial(strategy, trial);
            self.done += 1;
        }
        self.progress()
    }

    // Kept out of `run_chunk` on purpose: V8 runs a wasm function in its baseline compiler
    // until a later call, so a trial loop inlined into one long `run_chunk` call stayed
    // unoptimised for a whole first run (first run 104 → 66 ms in Chromium, measured once).
    #[inline(never)]
    fn run_trial(&mut self, s: usize, trial: u64) {
        let mut rng = trial_rng(self.seed, s, trial);
        let items = self.strategies[s].items.len();
        let mut key = std::mem::take(&mut self.scratch_key);
        let mut combo = std::mem::take(&mut self.scratch_combo);
        key.clear();
        combo.clear();
        let mut planned = 0usize;
        for item in 0..items {
            match &self.strategies[s].items[item] {
                ItemKind::Existing {
                    slot,
                    plan,
                    behaviour,
                } => {
                    let (run, feedback) = self.draw_existing(&mut rng, *slot, *plan, behaviour);
                    let slot = *slot;
                    key.push(self.slots[slot].variant(&self.setup, run, feedback));
                    combo.push(run);
                }
                ItemKind::Planned { work, .. } => {
                    let happens = chance(&mut rng, work.happens_ppm);
                    let feedback = if happens && chance(&mut rng, work.feedback_ppm) {
                        let d = delay(&mut rng, work.feedback_delay_days);
                        let end = add_days(work.start, i64::from(work.duration_days));
                        let date = end.and_then(|e| add_days(e, i64::from(d)));
                        date.map(|date| (date, stars(&mut rng, &work.stars)))
                    } else {
                        None
                    };
                    let id = self.planned_variant(s, item, planned, happens, feedback);
                    key.push(id);
                    planned += 1;
                }
            }
        }
        let sig = self.signature(s, &key, &combo);
        self.scratch_key = key;
        self.scratch_combo = combo;
        self.states[s].counts[sig as usize] += 1;
        self.states[s].done += 1;
    }

    /// Draws the client's reaction and returns the ledger run and the feedback.
    fn draw_existing(
        &self,
        rng: &mut crate::simulate::sample::TrialRng,
        slot: usize,
        plan: ContractPlan,
        behaviour: &ClientBehaviour,
    ) -> (u32, FeedbackKey) {
        let (plan, asked_back) = match plan {
            ContractPlan::Ledger(plan) => (plan, false),
            ContractPlan::Ask { date } => {
                if chance(rng, behaviour.returns_ppm) {
                    let d = delay(rng, behaviour.feedback_delay_days);
                    (client_closes(date, d, behaviour), true)
                } else {
                    (LedgerPlan::Idle, false)
                }
            }
        };
        let run = self.slots[slot].runs.get(&plan).copied().unwrap_or(0);
        let end = self.slots[slot]
            .run_list
            .get(run as usize)
            .and_then(|r| r.end);
        let Some(end) = end else {
            return (run, None);
        };
        // A client who closed the contract rates it at once; otherwise the client must first
        // come back within the window.
        let feedback = if asked_back {
            chance(rng, behaviour.feedback_if_back_ppm)
                .then(|| (end.date, stars(rng, &behaviour.stars)))
        } else if chance(rng, behaviour.returns_ppm) && chance(rng, behaviour.feedback_if_back_ppm)
        {
            let d = delay(rng, behaviour.feedback_delay_days);
            add_days(end.date, i64::from(d)).map(|date| (date, stars(rng, &behaviour.stars)))
        } else {
            None
        };
        (run, feedback)
    }

    fn planned_variant(
        &mut self,
        s: usize,
        item: usize,
        planned: usize,
        happens: bool,
        feedback: FeedbackKey,
    ) -> u32 {
        if !happens {
            return 0;
        }
        let memo = &self.states[s].planned[planned];
        if let Some(&id) = memo.variants.get(&feedback) {
            return id;
        }
        let ItemKind::Planned {
            contract, flagged, ..
        } = &self.strategies[s].items[item]
        else {
            return 0;
        };
        let mut contract = Contract::clone(contract);
        contract.feedback = feedback_of(feedback);
        let earnings = &self.states[s].planned[planned].earnings_12m;
        let variant = build_variant(&self.setup, &contract, *flagged, earnings);
        let memo = &mut self.states[s].planned[planned];
        let id = memo.variant_list.len() as u32;
        memo.variant_list.push(variant);
        memo.variants.insert(feedback, id);
        id
    }

    fn signature(&mut self, s: usize, key: &[u32], combo: &[u32]) -> u32 {
        if let Some(&id) = self.states[s].sig_index.get(key) {
            return id;
        }
        let combo_id = match self.states[s].combo_index.get(combo) {
            Some(&id) => id,
            None => {
                let state = &mut self.states[s];
                let id = state.combos.len() as u32;
                state.combos.push(combo.to_vec());
                state.combo_index.insert(combo.to_vec(), id);
                id
            }
        };
        let (displayed, top_rated) = self.score_signature(s, key);
        let state = &mut self.states[s];
        let id = state.sigs.len() as u32;
        state.sigs.push(Sig {
            displayed,
            top_rated,
            combo: combo_id,
        });
        state.counts.push(0);
        state.sig_index.insert(key.to_vec(), id);
        id
    }

    /// The variants of a signature, with their client indices.
    fn sig_variants<'a>(&'a self, s: usize, key: &[u32]) -> Vec<(&'a Variant, u32)> {
        let mut planned = 0usize;
        let mut res = Vec::with_capacity(key.len());
        for (item, &vid) in self.strategies[s].items.iter().zip(key) {
            match item {
                ItemKind::Existing { slot, .. } => {
                    let slot = &self.slots[*slot];
                    if let Some(v) = slot.variant_list.get(vid as usize) {
                        res.push((v, slot.client));
                    }
                }
                ItemKind::Planned { client, .. } => {
                    let memo = &self.states[s].planned[planned];
                    if let Some(v) = memo.variant_list.get(vid as usize) {
                        res.push((v, *client));
                    }
                    planned += 1;
                }
            }
        }
        res
    }

    /// The displayed JSS and Top Rated at every week for one signature.
    // Not inlined, for the same reason as `run_trial`.
    #[inline(never)]
    fn score_signature(&self, s: usize, key: &[u32]) -> (Vec<Option<u8>>, Vec<bool>) {
        let setup = &self.setup;
        let params = &setup.params;
        let variants = self.sig_variants(s, key);
        let weeks = setup.dates.len();
        let mut displayed = Vec::with_capacity(weeks);
        for k in 0..weeks {
            let score = match &self.fixed_scored {
                None => {
                    let mut tallies = self.fixed[k];
                    for (v, client) in &variants {
                        tallies.add_outcome(&setup.bounds[k], &v.series[k], *client);
                    }
                    tallies.scores(params).displayed
                }
                Some(fixed_scored) => {
                    let mut scored = fixed_scored[k].clone();
                    scored.extend(variants.iter().map(|(v, client)| Scored {
                        outcome: v.series[k],
                        client: *client,
                    }));
                    score_outcomes(&scored, &setup.bounds[k], params).displayed
                }
            };
            displayed.push(score);
        }
        let top_rated = (0..weeks)
            .map(|k| self.top_rated_at(k, &displayed, &variants))
            .collect();
        (displayed, top_rated)
    }

    /// MODEL §4 at the grid Saturday `k`, as `top_rated_status` computes it.
    fn top_rated_at(
        &self,
        k: usize,
        displayed: &[Option<u8>],
        variants: &[(&Variant, u32)],
    ) -> bool {
        let params = &self.setup.params;
        let t = self.setup.dates[k];
        let at_min = |s: Option<u8>| s.is_some_and(|s| s >= params.top_rated_min_jss);
        if !at_min(displayed[k]) {
            return false;
        }
        let window = params.top_rated_weeks_window as usize;
        let mut weeks_at_min = 0u32;
        for j in 0..window {
            let score = if j <= k {
                displayed[k - j]
            } else {
                self.past_displayed.get(j - k - 1).copied().flatten()
            };
            weeks_at_min += u32::from(at_min(score));
        }
        let earnings: i64 = self.fixed_earnings_12m[k]
            + variants.iter().map(|(v, _)| v.earnings_12m[k]).sum::<i64>();
        let first = variants
            .iter()
            .filter_map(|(v, _)| v.start)
            .chain(self.fixed_first_start)
            .filter(|s| *s <= t)
            .min();
        weeks_at_min >= params.top_rated_weeks_required
            && earnings >= params.top_rated_min_earnings.cents()
            && first.is_some_and(|s| days_between(s, t) > params.top_rated_first_contract_days)
    }
}

impl Slot {
    fn run(&mut self, setup: &Setup, plan: LedgerPlan) -> Result<u32, SimError> {
        if let Some(&id) = self.runs.get(&plan) {
            return Ok(id);
        }
        let until = setup.horizon_end();
        let run = run_contract(&setup.base, &self.contract, setup.at, until, plan)?;
        let mut contract = self.contract.clone();
        apply_run(&mut contract, &run);
        let id = self.run_list.len() as u32;
        self.run_earnings.push(earnings_series(setup, &contract));
        self.run_list.push(run);
        self.runs.insert(plan, id);
        Ok(id)
    }

    fn variant(&mut self, setup: &Setup, run: u32, feedback: FeedbackKey) -> u32 {
        let known = match feedback {
            None => self.unrated.get(run as usize).copied().flatten(),
            Some(_) => self.variants.get(&(run, feedback)).copied(),
        };
        if let Some(id) = known {
            return id;
        }
        let mut contract = self.contract.clone();
        if let Some(r) = self.run_list.get(run as usize) {
            apply_run(&mut contract, r);
        }
        contract.feedback = feedback_of(feedback);
        // Every run a trial can draw was built in `Simulation::new`; the fallback keeps a
        // variant's rows full length regardless.
        let variant = match self.run_earnings.get(run as usize) {
            Some(earnings) => build_variant(setup, &contract, self.flagged, earnings),
            None => build_variant(
                setup,
                &contract,
                self.flagged,
                &earnings_series(setup, &contract),
            ),
        };
        let id = self.variant_list.len() as u32;
        self.variant_list.push(variant);
        if feedback.is_none() {
            let index = run as usize;
            if self.unrated.len() <= index {
                self.unrated.resize(index + 1, None);
            }
            self.unrated[index] = Some(id);
        } else {
            self.variants.insert((run, feedback), id);
        }
        id
    }
}

/// Every ledger plan a contract plan can lead to, so all runs exist before the trials.
fn possible_plans(plan: ContractPlan, behaviour: &ClientBehaviour) -> Vec<LedgerPlan> {
    match plan {
        ContractPlan::Ledger(plan) => vec![plan],
        ContractPlan::Ask { date } => {
            let range = behaviour.feedback_delay_days;
            std::iter::once(LedgerPlan::Idle)
                .chain((range.min..=range.max).map(|d| client_closes(date, d, behaviour)))
                .collect()
        }
    }
}

fn client_closes(asked: NaiveDate, delay_days: u32, behaviour: &ClientBehaviour) -> LedgerPlan {
    LedgerPlan::End {
        date: add_days(asked, i64::from(delay_days)).unwrap_or(asked),
        by: Party::Client,
        reason: behaviour.closes_as.end_reason(),
    }
}

/// The run's end and releases written into the contract's facts.
pub(crate) fn apply_run(contract: &mut Contract, run: &ContractRun) {
    if contract.end.is_none() {
        contract.end = run.end;
    }
    contract.payments.extend(run.releases.iter().copied());
    contract.payments.sort();
}

fn feedback_of(key: FeedbackKey) -> Option<Feedback> {
    let (date, hundredths) = key?;
    Some(Feedback {
        date,
        stars: Stars::from_hundredths(hundredths)?,
        private_score: None,
    })
}

fn earned_12m(contract: &Contract, t: NaiveDate) -> i64 {
    earned_between(contract, earnings_since(t), t).cents()
}

/// A variant of `contract`; `earnings_12m` is the contract's row from [`earnings_series`],
/// passed in because every feedback variant of one ledger run shares it.
fn build_variant(
    setup: &Setup,
    contract: &Contract,
    flagged: bool,
    earnings_12m: &[i64],
) -> Variant {
    Variant {
        series: outcome_series(setup, contract, flagged),
        earnings_12m: earnings_12m.to_vec(),
        start: Some(contract.start),
    }
}

/// The contract classified at every calculation date. Once an ended contract's last fact is
/// behind the calculation date its outcome no longer changes (`settled_from`), so the
/// remaining weeks copy it: building variants was most of a run's time before, since an
/// hourly contract's length bonus walks all its payments at each of the 105 dates.
fn outcome_series(setup: &Setup, contract: &Contract, flagged: bool) -> Vec<Outcome> {
    let settled = settled_from(contract);
    let mut series: Vec<Outcome> = Vec::with_capacity(setup.calc.len());
    let mut previous: Option<NaiveDate> = None;
    for &t in &setup.calc {
        let same = settled.is_some_and(|s| previous.is_some_and(|p| p >= s) && t >= s);
        let outcome = match series.last() {
            Some(last) if same => *last,
            _ => classify(contract, flagged, t, &setup.params),
        };
        series.push(outcome);
        previous = Some(t);
    }
    series
}

/// Payments minus refunds in the 12 months up to each grid date, in cents.
fn earnings_series(setup: &Setup, contract: &Contract) -> Vec<i64> {
    setup
        .dates
        .iter()
        .map(|t| earned_12m(contract, *t))
        .collect()
}

fn absent_variant(setup: &Setup) -> Variant {
    let none = crate::jss::outcome::Outcome {
        class: crate::jss::outcome::Class::Excluded,
        weight: 0.0,
        outcome_date: None,
        reason: crate::jss::outcome::Reason::NotStarted,
        pattern_class: None,
    };
    Variant {
        series: vec![none; setup.dates.len()],
        earnings_12m: vec![0; setup.dates.len()],
        start: None,
    }
}
