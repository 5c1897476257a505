//! The three-way merge between tabs at the storage boundary. The saved payloads are read into
//! the engine's typed state (the scenario and the simulator's inputs), merged by the engine
//! (`jss_engine::merge`, whose doc comment gives the rules), and written back as a payload.
//!
//! `prefs`, the one part of the payload without a type (the app saves it empty), merges here key
//! by key, each value whole.

use jss_engine::merge::{pick, BothChanged, Saved};
use serde_json::{Map, Value};

/// Why two versions could not be merged: the places both tabs changed in different ways, typed
/// (`Place::Contract("k18")`), so that the banner words them without reading paths.
pub use jss_engine::merge::MergeConflict;
pub use jss_engine::merge::{fresh_id, Place};

/// Merges `ours` and `theirs`, two descendants of `base` (`None` when nothing was saved when
/// this tab loaded). Returns the merged payload or every conflicting place. A side whose
/// scenario cannot be read cannot be merged (its place is [`Place::Scenario`]); unreadable
/// simulator inputs count as none, as when the app loads them.
pub fn merge(base: Option<&Value>, ours: &Value, theirs: &Value) -> Result<Value, MergeConflict> {
    let mut places = Vec::new();
    let prefs = merge_prefs(
        base.and_then(prefs_of),
        prefs_of(ours),
        prefs_of(theirs),
        &mut places,
    );
    let base = base.map(read).and_then(Result::ok);
    let (ours, theirs) = match (read(ours), read(theirs)) {
        (Ok(ours), Ok(theirs)) => (ours, theirs),
        _ => {
            places.push(Place::Scenario);
            return Err(MergeConflict { places });
        }
    };
    match jss_engine::merge::merge(base.as_ref(), &ours, &theirs) {
        Ok(merged) if places.is_empty() => {
            let inputs = merged
                .inputs
                .as_ref()
                .and_then(crate::state::sim_inputs_value);
            let mut payload = crate::state::payload_of(merged.scenario.as_ref(), inputs.as_ref());
            payload["prefs"] = Value::Object(prefs);
            Ok(payload)
        }
        Ok(_) => Err(MergeConflict { places }),
        Err(conflict) => {
            places.extend(conflict.places);
            Err(MergeConflict { places })
        }
    }
}

fn prefs_of(payload: &Value) -> Option<&Map<String, Value>> {
    payload.get("prefs").and_then(Value::as_object)
}

/// `prefs` key by key, each value whole; a key both sides changed differently is a conflict.
fn merge_prefs(
    base: Option<&Map<String, Value>>,
    ours: Option<&Map<String, Value>>,
    theirs: Option<&Map<String, Value>>,
    places: &mut Vec<Place>,
) -> Map<String, Value> {
    let mut ordered: Vec<String> = theirs.into_iter().flat_map(Map::keys).cloned().collect();
    let ours_only: Vec<String> = ours
        .into_iter()
        .flat_map(Map::keys)
        .filter(|k| !ordered.contains(k))
        .cloned()
        .collect();
    ordered.extend(ours_only);
    let mut merged = Map::new();
    for key in ordered {
        let value = |prefs: Option<&Map<String, Value>>| prefs.and_then(|p| p.get(&key)).cloned();
        match pick(
            value(base).as_ref(),
            value(ours).as_ref(),
            value(theirs).as_ref(),
        ) {
            Ok(Some(value)) => {
                merged.insert(key, value);
            }
            Ok(None) => {}
            Err(BothChanged) => places.push(Place::Pref(key)),
        }
    }
    merged
}

/// The typed state of a saved payload.
fn read(payload: &Value) -> Result<Saved, String> {
    Ok(Saved {
        scenario: crate::state::scenario_of(payload)?,
        inputs: crate::state::sim_inputs_of(payload),
    })
}
