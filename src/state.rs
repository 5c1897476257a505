//! The app's state: the user's scenario (their contract history as facts) and today's date,
//! plus the views the engine derives from them. Pages read these memos; only the functions
//! here change the scenario.

use chrono::NaiveDate;
use jss_engine::jss::report::{score_report, ScoreReport};
use jss_engine::ledger::{Ledger, Totals};
use jss_engine::scenario::ops::{self, Done, FieldProblem, Op};
use jss_engine::scenario::Scenario;
use jss_engine::timeline::{timeline, TimelineEvent};
use leptos::prelude::*;

/// How far ahead the dashboard and calendars look.
pub const HORIZON_DAYS: u32 = 120;

/// From this many contracts a history is long: the saved payload one change sets off is built
/// when the save happens rather than at the change, so that typing never waits for it. Shorter
/// histories build it at once.
pub const LONG_HISTORY_CONTRACTS: usize = 2_000;

/// The simulator's inputs, saved with the scenario (the engine owns their meaning and turns
/// them into a run: `simulate::inputs::prepare`).
pub use jss_engine::simulate::inputs::RunInputs as SimInputs;

#[derive(Clone, Copy)]
pub struct AppState {
    /// `None` until the user loads the demo, imports a file or adds a contract.
    pub scenario: RwSignal<Option<Scenario>>,
    pub today: RwSignal<NaiveDate>,
    /// The last simulation's inputs as saved (JSON), or `None` before the first run. They are
    /// read into [`SimInputs`] only where a simulation runs ([`read_sim_inputs`]): that reading
    /// code is large, and the first screen only passes the inputs on (to the save, and to the
    /// key of the dashboard's kept answer).
    pub sim_inputs: RwSignal<Option<serde_json::Value>>,
    pub report: Memo<Option<ScoreReport>>,
    /// The scenario as seen today ([`with_as_of`]), made once per change of the scenario or the
    /// day and shared: each view copying it cost a long history tens of milliseconds.
    pub as_of_today: Memo<Option<Scenario>>,
    /// Every automatic event from today over the horizon, or the reason there is none.
    pub upcoming: Memo<Result<Vec<TimelineEvent>, String>>,
    pub totals: Memo<Option<Totals>>,
    /// The contracts page's last edit, kept here so that it outlives the page: leaving
    /// Contracts and coming back still offers the undo.
    pub undo: RwSignal<Option<UndoStep>>,
    /// The scenario right after `undo`'s edit. Any other change (an import, another tab's
    /// merge, start fresh, a settings edit) makes the step stale, so it is withdrawn.
    undo_after: StoredValue<Option<Scenario>>,
}

impl AppState {
    /// The names the lists show for these contracts, in order: each one's title (or its kind),
    /// the words the user recognises, or the id of one the scenario does not hold. One hash
    /// lookup each, so a page of a 10,000-contract history's money is not a scan per row.
    pub fn contract_titles<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        self.scenario.with_untracked(|s| match s {
            Some(s) => {
                let names = jss_engine::scenario::names::Names::new(s);
                ids.into_iter().map(|id| names.title(id)).collect()
            }
            None => ids.into_iter().map(str::to_owned).collect(),
        })
    }

    pub fn provide(
        initial: Option<Scenario>,
        sim_inputs: Option<serde_json::Value>,
        today: NaiveDate,
    ) -> AppState {
        let scenario = RwSignal::new(initial);
        let sim_inputs = RwSignal::new(sim_inputs);
        let today = RwSignal::new(today);
        let report = Memo::new(move |_| {
            let t = today.get();
            scenario.with(|s| s.as_ref().map(|s| score_report(s, t)))
        });
        let as_of_today = Memo::new(move |_| {
            let t = today.get();
            scenario.with(|s| s.as_ref().map(|s| with_as_of(s, t)))
        });
        let upcoming = Memo::new(move |_| {
            let t = today.get();
            as_of_today.with(|s| match s {
                Some(s) => timeline(s, t, HORIZON_DAYS).map_err(|e| e.to_string()),
                None => Ok(Vec::new()),
            })
        });
        let totals = Memo::new(move |_| {
            let t = today.get();
            scenario.with(|s| {
                let s = s.as_ref()?;
                Ledger::from_scenario(s, t).ok()?.totals()
            })
        });
        let state = AppState {
            scenario,
            today,
            sim_inputs,
            report,
            as_of_today,
            upcoming,
            totals,
            undo: RwSignal::new(None),
            undo_after: StoredValue::new(None),
        };
        state.withdraw_stale_undo();
        provide_context(state);
        state
    }

    /// An undo step restores a whole-scenario snapshot. Once the scenario changed by any other
    /// way than the step's own edit, or another tab's save was merged in (or the saved state
    /// was replaced), restoring it would drop that work, so the step is withdrawn.
    fn withdraw_stale_undo(self) {
        let AppState {
            scenario,
            undo,
            undo_after,
            ..
        } = self;
        Effect::new(move |_| {
            // Tracked whether or not there is a step, so the next change runs this again; the
            // scenarios are compared only while a step is offered.
            scenario.track();
            if undo.with_untracked(Option::is_none) {
                return;
            }
            let stale = scenario.with_untracked(|now| undo_after.with_value(|after| now != after));
            if stale {
                undo.set(None);
            }
        });
        if let Some(storage) = crate::storage::StorageContext::use_context() {
            Effect::new(move |_| {
                if storage.replaced.get().is_some() {
                    undo.set(None);
                }
            });
        }
    }

    pub fn get() -> AppState {
        expect_context::<AppState>()
    }

    /// The rules in force: the scenario's era and overrides (the defaults before there is one).
    pub fn params(self) -> jss_engine::rules::Params {
        self.scenario.with_untracked(|s| {
            jss_engine::rules::Params::resolve(
                &s.as_ref().map(|s| s.rules.clone()).unwrap_or_default(),
            )
        })
    }

    /// Whether the scenario is a long history ([`LONG_HISTORY_CONTRACTS`]); not tracked.
    pub fn is_long_history(self) -> bool {
        self.scenario.with_untracked(|s| {
            s.as_ref()
                .is_some_and(|s| s.contracts.len() >= LONG_HISTORY_CONTRACTS)
        })
    }

    pub fn has_data(self) -> bool {
        self.scenario.with(Option::is_some)
    }

    /// Replaces the scenario wholesale (an import, a shared link, onboarding); the contracts
    /// page's undo step, if any, is withdrawn since it belongs to the data replaced.
    pub fn replace(self, scenario: Scenario) {
        self.undo.set(None);
        self.scenario.set(Some(scenario));
    }
}

/// The scenario as seen today: the app always evaluates "as of today", whatever date the facts
/// were written on.
pub fn with_as_of(scenario: &Scenario, today: NaiveDate) -> Scenario {
    let mut s = scenario.clone();
    s.as_of = Some(today);
    s
}

/// An edit that can be undone: what it did, in words, and the scenario before it.
#[derive(Clone, Debug, PartialEq)]
pub struct UndoStep {
    pub label: String,
    pub before: Option<Scenario>,
}

impl AppState {
    /// Applies one of the engine's operations to the scenario as of today; on success replaces
    /// the scenario and remembers how to undo it. On failure nothing changes and the problems
    /// are returned, each at its field.
    pub fn apply(
        self,
        undo: RwSignal<Option<UndoStep>>,
        label: String,
        op: Op,
    ) -> Result<Done, Vec<FieldProblem>> {
        let before = self.scenario.get_untracked();
        let done = ops::apply(before.as_ref(), op, self.today.get_untracked())?;
        self.remember(undo, UndoStep { label, before }, &done.scenario);
        self.scenario.set(Some(done.scenario.clone()));
        Ok(done)
    }

    /// Replaces the scenario with one the engine already validated (a lifecycle action from
    /// `jss_engine::scenario::edit`) and remembers how to undo it.
    pub fn commit(self, undo: RwSignal<Option<UndoStep>>, label: String, after: Scenario) {
        let before = self.scenario.get_untracked();
        self.remember(undo, UndoStep { label, before }, &after);
        self.scenario.set(Some(after));
    }

    /// Sets `undo` to the step; when that is the app's own undo, also notes the scenario the
    /// edit leads to, so that the step stays offered exactly while that scenario is shown.
    fn remember(self, undo: RwSignal<Option<UndoStep>>, step: UndoStep, after: &Scenario) {
        if undo == self.undo {
            self.undo_after.set_value(Some(after.clone()));
        }
        undo.set(Some(step));
    }
}

/// The saved payload: the scenario as a v1 document, plus room for the simulator's inputs and
/// preferences (results are never saved: they are recomputed from the inputs).
pub fn payload_of(
    scenario: Option<&Scenario>,
    sim_inputs: Option<&serde_json::Value>,
) -> serde_json::Value {
    // Built field by field: `json!` would serialise the scenario's value a second time.
    let mut simulator = serde_json::Map::new();
    if let Some(inputs) = sim_inputs {
        simulator.insert("inputs".into(), inputs.clone());
    }
    let mut payload = serde_json::Map::new();
    payload.insert(
        "scenario".into(),
        scenario.map_or(serde_json::Value::Null, document_of),
    );
    payload.insert("simulator".into(), simulator.into());
    payload.insert("prefs".into(), serde_json::Map::new().into());
    payload.into()
}

/// The scenario as a v1 document: the storage boundary, where the scenario is serialised.
fn document_of(scenario: &Scenario) -> serde_json::Value {
    jss_engine::scenario::export::to_json_value(scenario)
}

/// The simulator inputs in a saved payload, as saved (JSON); `None` when there are none.
pub fn saved_sim_inputs(payload: &serde_json::Value) -> Option<serde_json::Value> {
    payload
        .get("simulator")?
        .get("inputs")
        .filter(|inputs| !inputs.is_null())
        .cloned()
}

/// The simulator inputs in a saved payload, read; anything unreadable there is simply not
/// restored, since inputs are cheap to enter again and results are never stored.
pub fn sim_inputs_of(payload: &serde_json::Value) -> Option<SimInputs> {
    read_sim_inputs(payload.get("simulator")?.get("inputs")?)
}

/// Saved simulator inputs read into their type, or `None` when they cannot be read.
pub fn read_sim_inputs(saved: &serde_json::Value) -> Option<SimInputs> {
    serde_json::from_value(saved.clone()).ok()
}

/// Simulator inputs as they are saved.
pub fn sim_inputs_value(inputs: &SimInputs) -> Option<serde_json::Value> {
    serde_json::to_value(inputs).ok()
}

/// The scenario in a saved payload: `Ok(None)` when there is none yet, `Err` with the problems
/// when the saved scenario no longer passes validation.
pub fn scenario_of(payload: &serde_json::Value) -> Result<Option<Scenario>, String> {
    match payload.get("scenario") {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(doc) => jss_engine::scenario::parse::parse_value(doc)
            .map(Some)
            .map_err(|ps| jss_engine::scenario::parse::format_problems(&ps)),
    }
}
