//! The three-way merge that lets two tabs edit at once without losing either edit: pure
//! functions over saved payloads, no browser access.
//!
//! A tab that finds a newer save from another tab ("theirs") merges it with its own pending
//! state ("ours"), relative to the state both started from ("base": what this tab loaded or
//! last saved). The rules:
//!
//! - A value changed on one side only takes that side's value; changed identically on both
//!   sides, it takes that value.
//! - Objects are merged key by key, so the simulator's inputs and the scenario's rules merge
//!   independently of the contracts.
//! - Lists of items with an `"id"` (clients, contracts) are merged by id, and each item is one
//!   unit: a contract changed on both sides in different ways is a conflict, even if the changes
//!   touch different fields, because two half-edits of one contract may not make a valid
//!   contract together.
//! - Both sides adding an item under the same new id (both tabs numbering their new contract
//!   `k19`) is not a conflict: the other tab's item keeps the id and ours takes the next free
//!   one. A renamed client carries its contracts along, and our simulator inputs (the selected
//!   contracts, per-contract behaviours, custom strategies, planned work's client) follow the
//!   renames, so they keep meaning what this tab's user picked.
//! - Anything else changed on both sides, or changed on one side and deleted on the other, is a
//!   conflict; the caller then asks the user instead of choosing.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// The lists in the scenario document whose items are matched by id, with the field of each
/// contract that names its client.
const CLIENTS: &str = "clients";
const CONTRACTS: &str = "contracts";
const CLIENT_REF: &str = "client";

/// Why two versions could not be merged: the places both tabs changed in different ways, as
/// readable paths such as `scenario.contracts[k18]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeConflict {
    pub paths: Vec<String>,
}

/// Merges `ours` and `theirs`, two descendants of `base` (`None` when nothing was saved when
/// this tab loaded). Returns the merged payload or every conflicting path.
pub fn merge(base: Option<&Value>, ours: &Value, theirs: &Value) -> Result<Value, MergeConflict> {
    let ours = with_new_ids_apart(base, ours, theirs);
    let mut conflicts = Vec::new();
    let merged = merge_value("", base, Some(&ours), Some(theirs), &mut conflicts);
    if conflicts.is_empty() {
        Ok(merged.unwrap_or(Value::Null))
    } else {
        Err(MergeConflict { paths: conflicts })
    }
}

/// A copy of `ours` in which every client or contract that both sides added under the same id
/// with different content has a fresh id, and ours' contracts follow their renamed client.
fn with_new_ids_apart(base: Option<&Value>, ours: &Value, theirs: &Value) -> Value {
    let mut ours = ours.clone();
    let base_doc = base.and_then(|b| b.get("scenario"));
    let theirs_doc = theirs.get("scenario");
    let Some(ours_doc) = ours.get_mut("scenario").filter(|d| d.is_object()) else {
        return ours;
    };
    let clients = rename_colliding(
        ours_doc,
        CLIENTS,
        items(base_doc, CLIENTS),
        items(theirs_doc, CLIENTS),
    );
    follow_client_renames(ours_doc, &clients);
    let contracts = rename_colliding(
        ours_doc,
        CONTRACTS,
        items(base_doc, CONTRACTS),
        items(theirs_doc, CONTRACTS),
    );
    if let Some(inputs) = ours.pointer_mut("/simulator/inputs") {
        follow_renames_in_inputs(inputs, &contracts, &clients);
    }
    ours
}

/// The new id of `id` if the renames name it.
fn renamed<'a>(renames: &'a [(String, String)], id: &str) -> Option<&'a str> {
    renames
        .iter()
        .find(|(old, _)| old == id)
        .map(|(_, new)| new.as_str())
}

/// Replaces a string value that names a renamed id.
fn follow(value: Option<&mut Value>, renames: &[(String, String)]) {
    if let Some(value) = value {
        if let Some(new) = value.as_str().and_then(|id| renamed(renames, id)) {
            *value = Value::from(new);
        }
    }
}

/// The simulator inputs (`state::SimInputs` as saved) name contracts and clients by id.
fn follow_renames_in_inputs(
    inputs: &mut Value,
    contracts: &[(String, String)],
    clients: &[(String, String)],
) {
    if contracts.is_empty() && clients.is_empty() {
        return;
    }
    for id in array_mut(inputs.get_mut("contracts")) {
        follow(Some(id), contracts);
    }
    if let Some(behaviours) = inputs.get_mut("behaviours").and_then(Value::as_object_mut) {
        for (old, new) in contracts {
            if let Some(behaviour) = behaviours.remove(old) {
                behaviours.insert(new.clone(), behaviour);
            }
        }
    }
    for strategy in array_mut(inputs.get_mut("custom")) {
        for step in array_mut(strategy.get_mut("steps")) {
            follow(step.get_mut("contract"), contracts);
            follow(step.pointer_mut("/when/after_feedback/after"), contracts);
        }
    }
    for job in array_mut(inputs.get_mut("planned")) {
        follow(job.get_mut("client"), clients);
    }
}

fn array_mut(value: Option<&mut Value>) -> impl Iterator<Item = &mut Value> {
    value
        .and_then(Value::as_array_mut)
        .into_iter()
        .flat_map(|items| items.iter_mut())
}

/// The items of the list `list` in a scenario document (empty when absent).
fn items<'a>(doc: Option<&'a Value>, list: &str) -> &'a [Value] {
    doc.and_then(|d| d.get(list))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn id_of(item: &Value) -> Option<&str> {
    item.get("id").and_then(Value::as_str)
}

fn find<'a>(list: &'a [Value], id: &str) -> Option<&'a Value> {
    list.iter().find(|item| id_of(item) == Some(id))
}

/// Renames ours' items of `list` that collide with a different item theirs added; returns the
/// renames as (old id, new id).
fn rename_colliding(
    ours_doc: &mut Value,
    list: &str,
    base: &[Value],
    theirs: &[Value],
) -> Vec<(String, String)> {
    let Some(ours) = ours_doc.get_mut(list).and_then(Value::as_array_mut) else {
        return Vec::new();
    };
    let mut taken: BTreeSet<String> = base
        .iter()
        .chain(theirs.iter())
        .chain(ours.iter())
        .filter_map(id_of)
        .map(str::to_owned)
        .collect();
    let mut renames = Vec::new();
    for item in ours.iter_mut() {
        let Some(id) = id_of(item).map(str::to_owned) else {
            continue;
        };
        let collides = find(base, &id).is_none() && find(theirs, &id).is_some_and(|t| t != item);
        if collides {
            let fresh = fresh_id(&id, &taken);
            taken.insert(fresh.clone());
            item["id"] = Value::from(fresh.as_str());
            renames.push((id, fresh));
        }
    }
    renames
}

fn follow_client_renames(ours_doc: &mut Value, renames: &[(String, String)]) {
    let Some(contracts) = ours_doc.get_mut(CONTRACTS).and_then(Value::as_array_mut) else {
        return;
    };
    for contract in contracts {
        let current = contract.get(CLIENT_REF).and_then(Value::as_str);
        if let Some((_, new)) = renames
            .iter()
            .find(|(old, _)| Some(old.as_str()) == current)
        {
            contract[CLIENT_REF] = Value::from(new.as_str());
        }
    }
}

/// The next id after `id` that nobody uses, in the same style: `k19` → `k20` (keeping the digit
/// count, as the app numbers `k01`, `k02`…), `acme` → `acme-2`.
pub fn fresh_id(id: &str, taken: &BTreeSet<String>) -> String {
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (stem, number) = id.split_at(id.len() - digits);
    let (start, width, separator) = match number.parse::<u64>() {
        Ok(n) => (n.saturating_add(1), digits, ""),
        Err(_) => (2, 0, "-"),
    };
    (start..)
        .map(|n| format!("{stem}{separator}{n:0width$}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_else(|| format!("{id}-new"))
}

/// Three-way merge of one value. `None` means absent (or deleted). Conflicting paths are
/// pushed to `conflicts`, and the other tab's value stands in for them.
fn merge_value(
    path: &str,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<String>,
) -> Option<Value> {
    if ours == theirs || ours == base {
        return theirs.cloned();
    }
    if theirs == base {
        return ours.cloned();
    }
    // `null` stands for "nothing yet" (a scenario before the first contract), so both sides
    // building on it merge as if the base were absent.
    let base = base.filter(|b| !b.is_null());
    match (base, ours, theirs) {
        (None | Some(Value::Object(_)), Some(Value::Object(o)), Some(Value::Object(t))) => {
            let b = base.and_then(Value::as_object);
            Some(Value::Object(merge_objects(path, b, o, t, conflicts)))
        }
        (None | Some(Value::Array(_)), Some(Value::Array(o)), Some(Value::Array(t)))
            if keyed_by_id(o) && keyed_by_id(t) =>
        {
            let b = base
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            Some(Value::Array(merge_by_id(path, b, o, t, conflicts)))
        }
        _ => {
            conflicts.push(display_path(path));
            theirs.cloned()
        }
    }
}

fn merge_objects(
    path: &str,
    base: Option<&Map<String, Value>>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    conflicts: &mut Vec<String>,
) -> Map<String, Value> {
    let mut keys: Vec<&String> = theirs.keys().collect();
    keys.extend(ours.keys().filter(|k| !theirs.contains_key(*k)));
    keys.extend(
        base.into_iter()
            .flat_map(Map::keys)
            .filter(|k| !theirs.contains_key(*k) && !ours.contains_key(*k)),
    );
    let mut out = Map::new();
    for key in keys {
        let child = join(path, key);
        let b = base.and_then(|m| m.get(key));
        if let Some(value) = merge_value(&child, b, ours.get(key), theirs.get(key), conflicts) {
            out.insert(key.clone(), value);
        }
    }
    out
}

/// A list merges by id when every item is an object with a string id (an empty list counts).
fn keyed_by_id(list: &[Value]) -> bool {
    list.iter().all(|item| id_of(item).is_some())
}

/// Merges lists by id, each item whole. The order is theirs', then the items only ours has.
fn merge_by_id(
    path: &str,
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
    conflicts: &mut Vec<String>,
) -> Vec<Value> {
    let mut ids: Vec<&str> = theirs.iter().filter_map(id_of).collect();
    ids.extend(
        ours.iter()
            .filter_map(id_of)
            .filter(|id| find(theirs, id).is_none()),
    );
    ids.extend(
        base.iter()
            .filter_map(id_of)
            .filter(|id| find(theirs, id).is_none() && find(ours, id).is_none()),
    );
    let mut out = Vec::new();
    for id in ids {
        let (b, o, t) = (find(base, id), find(ours, id), find(theirs, id));
        let merged = if o == t || o == b {
            t.cloned()
        } else if t == b {
            o.cloned()
        } else {
            conflicts.push(display_path(&format!("{path}[{id}]")));
            t.cloned()
        };
        out.extend(merged);
    }
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn display_path(path: &str) -> String {
    if path.is_empty() {
        "everything".to_owned()
    } else {
        path.to_owned()
    }
}
