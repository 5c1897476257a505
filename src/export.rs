//! Exporting the user's scenario as a v1 file.

use jss_engine::scenario::export::to_json_string;
use leptos::prelude::GetUntracked;

use crate::state::AppState;

/// Downloads the scenario as `jss-lab-scenario-YYYY-MM-DD.json` and records the export date
/// for the "last exported" reminder.
pub fn download_scenario(state: AppState) {
    let Some(scenario) = state.scenario.get_untracked() else {
        return;
    };
    let mut scenario = scenario;
    scenario.as_of = Some(state.today.get_untracked());
    let name = format!("jss-lab-scenario-{}.json", state.today.get_untracked());
    if crate::storage::download_text(&name, "application/json", &to_json_string(&scenario)).is_ok()
    {
        let _ = crate::storage::mark_exported(chrono::Utc::now());
    }
}

/// Downloads the whole saved payload — the scenario and the simulator's inputs, as the app
/// saves them — as pretty JSON named `jss-lab-state-YYYY-MM-DD.json`, and records the export.
pub fn download_everything(state: AppState) {
    let scenario = state.scenario.get_untracked();
    let sim_inputs = state.sim_inputs.get_untracked();
    let payload = crate::state::payload_of(scenario.as_ref(), sim_inputs.as_ref());
    let Ok(text) = serde_json::to_string_pretty(&payload) else {
        return;
    };
    let name = format!("jss-lab-state-{}.json", state.today.get_untracked());
    if crate::storage::download_text(&name, "application/json", &text).is_ok() {
        let _ = crate::storage::mark_exported(chrono::Utc::now());
    }
}
