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
