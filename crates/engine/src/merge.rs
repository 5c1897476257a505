//! The three-way merge that lets two tabs edit at once without losing either edit, over the
//! typed saved state: the scenario and the simulator's inputs.
//!
//! A tab that finds a newer save from another tab ("theirs") merges it with its own pending
//! state ("ours"), relative to the state both started from ("base": what this tab loaded or
//! last saved; `None` when nothing was saved then). The rules:
//!
//! - A value changed on one side only takes that side's value; changed identically on both
//!   sides, it takes that value.
//! - Each setting merges on its own: the scenario's date, its era and each rule override, the
//!   freelancer's name, and each of the simulator's inputs, so the simulator's inputs and the
//!   rules merge independently of the contracts.
//! - Clients, contracts and planned work are matched by id, and each is one unit: a contract
//!   changed on both sides in different ways is a conflict, even if the changes touch different
//!   fields, because two half-edits of one contract may not make a valid contract together. A
//!   contract's client behaviour in the simulator is one unit too (a preset with its numbers).
//! - Both sides adding an item under the same new id (both tabs numbering their new contract
//!   `k19`) is not a conflict: the other tab's item keeps the id and ours takes the next free
//!   one ([`fresh_id`]). A renamed client carries ours' contracts along, and ours' simulator
//!   inputs (the chosen contracts, per-contract behaviours, custom strategies, planned work's
//!   client) follow the renames, so they keep meaning what this tab's user picked.
//! - Anything else changed on both sides, or changed on one side and removed on the other, is
//!   a conflict, named by its [`Place`]; the caller then asks the user instead of choosing.
//!
//! The merged scenario is not validated here (a contract of one tab may name a client the other
//! tab removed): the storage boundary reads it back through the parser before saving it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use crate::scenario::{Client, Contract, Scenario};
use crate::simulate::custom::{PlannedSpec, StepWhen};
use crate::simulate::inputs::RunInputs;

/// What one tab saves: the scenario (`None` before the first contract) and the simulator's
/// inputs (`None` until the simulator was used).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Saved {
    pub scenario: Option<Scenario>,
    pub inputs: Option<RunInputs>,
}

/// A place both tabs changed in different ways. It reads as the path of the saved data it
/// concerns (`scenario.contracts[k18]`), which is how the app has always named them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The whole scenario: one side has none (or, at the app's storage, one that cannot be
    /// read), the other changed it.
    Scenario,
    AsOf,
    Era,
    /// One rule override, by its parameter name.
    Param(String),
    Freelancer,
    Client(String),
    Contract(String),
    /// The simulator's inputs as a whole: one side has none, the other changed them.
    Inputs,
    /// One of the simulator's inputs, by its saved name (`trials`, `custom`).
    Input(&'static str),
    /// One line of planned work, by its id.
    Planned(String),
    /// One contract's client behaviour in the simulator, by the contract's id.
    Behaviour(String),
    /// One of the app's own preferences, by its key. The app merges them itself, outside the
    /// typed state, but names a clash among them the same way.
    Pref(String),
}

impl Place {
    /// The place in words for a person, as a notice names it: `Contract("k18")` reads
    /// "contract k18", `Param("min_clients")` "the rule min_clients".
    pub fn words(&self) -> String {
        match self {
            Place::Scenario => "the whole scenario".to_string(),
            Place::AsOf => "the scenario's date".to_string(),
            Place::Era => "the rules' era".to_string(),
            Place::Param(name) => format!("the rule {name}"),
            Place::Freelancer => "the freelancer's name".to_string(),
            Place::Client(id) => format!("client {id}"),
            Place::Contract(id) => format!("contract {id}"),
            Place::Inputs => "the simulator's inputs".to_string(),
            Place::Input(name) => input_words(name).map_or_else(
                || format!("the simulator's {}", name.replace('_', " ")),
                str::to_string,
            ),
            Place::Planned(id) => format!("planned work {id}"),
            Place::Behaviour(id) => {
                format!("how the client of contract {id} behaves in the simulator")
            }
            Place::Pref(key) => format!("the preference {key}"),
        }
    }
}

/// One of the simulator's inputs in words, by its saved name, as its form labels it; `None`
/// for a name without words here, which then reads as itself.
fn input_words(name: &str) -> Option<&'static str> {
    Some(match name {
        "behaviour" => "how clients behave in the simulator",
        "contracts" => "the contracts chosen in the simulator",
        "custom" => "your strategies in the simulator",
        "horizon_weeks" => "the simulator's weeks ahead",
        "priorities" => "what matters most in the simulator",
        "returns_pct" => "the simulator's chance that a silent client comes back",
        "seed" => "the simulator's seed",
        "trials" => "the simulator's number of futures",
        _ => return None,
    })
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Scenario => write!(f, "scenario"),
            Place::AsOf => write!(f, "scenario.as_of"),
            Place::Era => write!(f, "scenario.rules.era"),
            Place::Param(name) => write!(f, "scenario.rules.{name}"),
            Place::Freelancer => write!(f, "scenario.freelancer"),
            Place::Client(id) => write!(f, "scenario.clients[{id}]"),
            Place::Contract(id) => write!(f, "scenario.contracts[{id}]"),
            Place::Inputs => write!(f, "simulator.inputs"),
            Place::Input(name) => write!(f, "simulator.inputs.{name}"),
            Place::Planned(id) => write!(f, "simulator.inputs.planned[{id}]"),
            Place::Behaviour(id) => write!(f, "simulator.inputs.behaviours.{id}"),
            Place::Pref(key) => write!(f, "prefs.{key}"),
        }
    }
}

/// Why two versions could not be merged: every place both tabs changed in different ways.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeConflict {
    pub places: Vec<Place>,
}

/// Merges `ours` and `theirs`, two descendants of `base`, or names every conflicting place.
pub fn merge(base: Option<&Saved>, ours: &Saved, theirs: &Saved) -> Result<Saved, MergeConflict> {
    let base_scenario = base.and_then(|b| b.scenario.as_ref());
    let mut ours = ours.clone();
    if let (Some(ours_scenario), Some(theirs_scenario)) = (&mut ours.scenario, &theirs.scenario) {
        let renames = new_ids_apart(base_scenario, ours_scenario, theirs_scenario);
        if let Some(inputs) = &mut ours.inputs {
            renames.follow_in(inputs);
        }
    }
    let mut conflicts = Vec::new();
    let scenario = whole_or(
        Place::Scenario,
        base_scenario,
        ours.scenario.as_ref(),
        theirs.scenario.as_ref(),
        &mut conflicts,
        merge_scenarios,
    );
    let inputs = whole_or(
        Place::Inputs,
        base.and_then(|b| b.inputs.as_ref()),
        ours.inputs.as_ref(),
        theirs.inputs.as_ref(),
        &mut conflicts,
        merge_inputs,
    );
    if conflicts.is_empty() {
        Ok(Saved { scenario, inputs })
    } else {
        Err(MergeConflict { places: conflicts })
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

/// Both sides changed one value in different ways.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BothChanged;

/// Three-way choice of one value compared whole (`None`: absent).
pub fn pick<T: PartialEq + Clone>(
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
) -> Result<Option<T>, BothChanged> {
    if ours == theirs || ours == base {
        Ok(theirs.cloned())
    } else if theirs == base {
        Ok(ours.cloned())
    } else {
        Err(BothChanged)
    }
}

/// [`pick`], with a conflict recorded at `place` (the other tab's value stands in).
fn pick_at<T: PartialEq + Clone>(
    place: Place,
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
    conflicts: &mut Vec<Place>,
) -> Option<T> {
    pick(base, ours, theirs).unwrap_or_else(|BothChanged| {
        conflicts.push(place);
        theirs.cloned()
    })
}

/// A value taken whole when only one side changed it; when both did and both still have one,
/// `inside` merges them part by part; when one side removed it, a conflict at `place`.
fn whole_or<T: PartialEq + Clone>(
    place: Place,
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
    conflicts: &mut Vec<Place>,
    inside: fn(Option<&T>, &T, &T, &mut Vec<Place>) -> T,
) -> Option<T> {
    match (pick(base, ours, theirs), ours, theirs) {
        (Ok(value), _, _) => value,
        (Err(BothChanged), Some(ours), Some(theirs)) => Some(inside(base, ours, theirs, conflicts)),
        (Err(BothChanged), _, _) => {
            conflicts.push(place);
            theirs.cloned()
        }
    }
}

/// Items matched by `id`, each whole. The order is theirs', then the items only ours has.
fn by_id<T: PartialEq + Clone + HasId>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    place: fn(String) -> Place,
    conflicts: &mut Vec<Place>,
) -> Vec<T> {
    let (b, o, t) = (positions(base), positions(ours), positions(theirs));
    let ours_only = ours.iter().filter(|item| !t.contains_key(item.id()));
    let mut out = Vec::new();
    for key in theirs.iter().chain(ours_only).map(HasId::id) {
        let (bi, oi, ti) = (at(base, &b, key), at(ours, &o, key), at(theirs, &t, key));
        out.extend(pick_at(place(key.to_owned()), bi, oi, ti, conflicts));
    }
    out
}

/// Map entries merged key by key, each value whole.
fn by_key<V: PartialEq + Clone>(
    base: Option<&BTreeMap<String, V>>,
    ours: &BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
    place: fn(String) -> Place,
    conflicts: &mut Vec<Place>,
) -> BTreeMap<String, V> {
    // Inserted one by one: collecting into a map sorts, and the sort's code would weigh on the
    // app's first screen, where saving runs.
    let mut merged = BTreeMap::new();
    let ours_only = ours.keys().filter(|key| !theirs.contains_key(*key));
    for key in theirs.keys().chain(ours_only) {
        let b = base.and_then(|m| m.get(key));
        if let Some(value) = pick_at(
            place(key.clone()),
            b,
            ours.get(key),
            theirs.get(key),
            conflicts,
        ) {
            merged.insert(key.clone(), value);
        }
    }
    merged
}

fn merge_scenarios(
    base: Option<&Scenario>,
    ours: &Scenario,
    theirs: &Scenario,
    conflicts: &mut Vec<Place>,
) -> Scenario {
    // A file leaves out an absent date or name, so with no base they count as absent there.
    let as_of = pick_at(
        Place::AsOf,
        Some(base.map_or(&None, |b| &b.as_of)),
        Some(&ours.as_of),
        Some(&theirs.as_of),
        conflicts,
    )
    .flatten();
    let clients = by_id(
        base.map_or(&[][..], |b| &b.clients),
        &ours.clients,
        &theirs.clients,
        Place::Client,
        conflicts,
    );
    let contracts = by_id(
        base.map_or(&[][..], |b| &b.contracts),
        &ours.contracts,
        &theirs.contracts,
        Place::Contract,
        conflicts,
    );
    let freelancer_name = pick_at(
        Place::Freelancer,
        Some(base.map_or(&None, |b| &b.freelancer_name)),
        Some(&ours.freelancer_name),
        Some(&theirs.freelancer_name),
        conflicts,
    )
    .flatten();
    let mut rules = theirs.rules.clone();
    if let Some(era) = pick_at(
        Place::Era,
        base.map(|b| &b.rules.era),
        Some(&ours.rules.era),
        Some(&theirs.rules.era),
        conflicts,
    ) {
        rules.era = era;
    }
    rules.overrides = by_key(
        base.map(|b| &b.rules.overrides),
        &ours.rules.overrides,
        &theirs.rules.overrides,
        Place::Param,
        conflicts,
    );
    Scenario {
        as_of,
        rules,
        freelancer_name,
        clients,
        contracts,
    }
}

fn merge_inputs(
    base: Option<&RunInputs>,
    ours: &RunInputs,
    theirs: &RunInputs,
    conflicts: &mut Vec<Place>,
) -> RunInputs {
    // Each field, in the saved names' alphabetical order so conflicts list as they always did.
    macro_rules! field {
        ($name:ident) => {
            pick_at(
                Place::Input(stringify!($name)),
                base.map(|b| &b.$name),
                Some(&ours.$name),
                Some(&theirs.$name),
                conflicts,
            )
            .unwrap_or_else(|| theirs.$name.clone())
        };
    }
    let behaviour = field!(behaviour);
    let behaviours = by_key(
        base.map(|b| &b.behaviours),
        &ours.behaviours,
        &theirs.behaviours,
        Place::Behaviour,
        conflicts,
    );
    let contracts = field!(contracts);
    let custom = field!(custom);
    let horizon_weeks = field!(horizon_weeks);
    let planned = by_id(
        base.map_or(&[][..], |b| &b.planned),
        &ours.planned,
        &theirs.planned,
        Place::Planned,
        conflicts,
    );
    let priorities = field!(priorities);
    let returns_pct = field!(returns_pct);
    let seed = field!(seed);
    let trials = field!(trials);
    RunInputs {
        seed,
        trials,
        horizon_weeks,
        behaviour,
        returns_pct,
        contracts,
        custom,
        planned,
        behaviours,
        priorities,
    }
}

/// Ours' ids that moved apart from theirs, as (old, new).
#[derive(Debug, Default)]
struct Renames {
    clients: Vec<(String, String)>,
    contracts: Vec<(String, String)>,
}

impl Renames {
    /// Points ours' simulator inputs at the renamed contracts and clients.
    fn follow_in(&self, inputs: &mut RunInputs) {
        let follow = |renames: &[(String, String)], id: &mut String| {
            if let Some((_, new)) = renames.iter().find(|(old, _)| old == id) {
                *id = new.clone();
            }
        };
        for id in inputs.contracts.iter_mut().flatten() {
            follow(&self.contracts, id);
        }
        if !self.contracts.is_empty() {
            let mut behaviours = BTreeMap::new();
            for (mut id, behaviour) in std::mem::take(&mut inputs.behaviours) {
                follow(&self.contracts, &mut id);
                behaviours.insert(id, behaviour);
            }
            inputs.behaviours = behaviours;
        }
        for step in inputs.custom.iter_mut().flat_map(|s| &mut s.steps) {
            follow(&self.contracts, &mut step.contract);
            if let StepWhen::AfterFeedback { after } = &mut step.when {
                follow(&self.contracts, after);
            }
        }
        for client in inputs.planned.iter_mut().filter_map(|p| p.client.as_mut()) {
            follow(&self.clients, client);
        }
    }
}

/// Gives every client and contract that both sides added under the same id with different
/// content a fresh id in ours; ours' contracts follow their renamed client.
fn new_ids_apart(base: Option<&Scenario>, ours: &mut Scenario, theirs: &Scenario) -> Renames {
    let clients = rename_colliding(
        &mut ours.clients,
        base.map_or(&[][..], |b| &b.clients),
        &theirs.clients,
        |c| &mut c.id,
    );
    for contract in &mut ours.contracts {
        if let Some((_, new)) = clients.iter().find(|(old, _)| *old == contract.client) {
            contract.client = new.clone();
        }
    }
    let contracts = rename_colliding(
        &mut ours.contracts,
        base.map_or(&[][..], |b| &b.contracts),
        &theirs.contracts,
        |c| &mut c.id,
    );
    Renames { clients, contracts }
}

fn rename_colliding<T: PartialEq + HasId>(
    ours: &mut [T],
    base: &[T],
    theirs: &[T],
    id_mut: fn(&mut T) -> &mut String,
) -> Vec<(String, String)> {
    let in_theirs = positions(theirs);
    let in_base = positions(base);
    let mut taken = BTreeSet::new();
    for item in base.iter().chain(theirs).chain(ours.iter()) {
        taken.insert(item.id().to_owned());
    }
    let mut renames = Vec::new();
    for item in ours.iter_mut() {
        let id = item.id().to_owned();
        let collides = !in_base.contains_key(id.as_str())
            && in_theirs
                .get(id.as_str())
                .and_then(|&i| theirs.get(i))
                .is_some_and(|t| t != item);
        if collides {
            let fresh = fresh_id(&id, &taken);
            taken.insert(fresh.clone());
            *id_mut(item) = fresh.clone();
            renames.push((id, fresh));
        }
    }
    renames
}

/// An item of a list matched by id.
trait HasId {
    fn id(&self) -> &str;
}

/// Where each id is in `items`; of two items with one id the first counts, as a search of the
/// list finds it. Positions rather than items keep one copy of this code for every kind of item,
/// and the standard hasher is the one the JSS code already brings, which matters on the app's
/// first screen, where saving runs.
fn positions<T: HasId>(items: &[T]) -> HashMap<&str, usize> {
    index_of(items.iter().map(HasId::id).collect())
}

/// The item with `id`, found through its list's [`positions`].
fn at<'a, T>(items: &'a [T], positions: &HashMap<&str, usize>, id: &str) -> Option<&'a T> {
    positions.get(id).and_then(|&i| items.get(i))
}

fn index_of(ids: Vec<&str>) -> HashMap<&str, usize> {
    let mut map = HashMap::with_capacity(ids.len());
    for (i, id) in ids.into_iter().enumerate() {
        map.entry(id).or_insert(i);
    }
    map
}

impl HasId for Client {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Contract {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for PlannedSpec {
    fn id(&self) -> &str {
        &self.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    use crate::rules::{Era, ParamValue};
    use crate::scenario::Terms;
    use crate::simulate::custom::{BehaviourChoice, CustomStep, CustomStrategy, PlannedRating};
    use crate::simulate::BehaviourPreset;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, d).expect("a date")
    }

    /// Clients `(id, name)` and fixed-price contracts `(id, client, title)`.
    fn scenario(clients: &[(&str, &str)], contracts: &[(&str, &str, &str)]) -> Scenario {
        let mut s = crate::scenario::ops::empty_scenario();
        s.clients = clients
            .iter()
            .map(|(id, name)| Client {
                id: (*id).into(),
                name: (*name).into(),
                flagged: false,
            })
            .collect();
        s.contracts = contracts
            .iter()
            .map(|(id, client, title)| Contract {
                id: (*id).into(),
                client: (*client).into(),
                title: Some((*title).into()),
                terms: Terms::Fixed { milestones: vec![] },
                start: day(5),
                payments: vec![],
                refunds: vec![],
                end: None,
                feedback: None,
            })
            .collect();
        s
    }

    fn saved(scenario: Scenario) -> Saved {
        Saved {
            scenario: Some(scenario),
            inputs: None,
        }
    }

    fn with(mut saved: Saved, edit: impl FnOnce(&mut Saved)) -> Saved {
        edit(&mut saved);
        saved
    }

    fn scenario_mut(saved: &mut Saved) -> &mut Scenario {
        saved
            .scenario
            .get_or_insert_with(crate::scenario::ops::empty_scenario)
    }

    /// Inputs that name contracts and clients by id everywhere they can.
    fn inputs_naming(contract: &str, other: &str, client: &str) -> RunInputs {
        RunInputs {
            contracts: Some(vec![other.into(), contract.into()]),
            behaviours: [(
                contract.into(),
                BehaviourChoice::of(BehaviourPreset::Vanished),
            )]
            .into(),
            custom: vec![CustomStrategy {
                name: "Mine".into(),
                steps: vec![
                    CustomStep {
                        contract: contract.into(),
                        when: StepWhen::Now,
                        reason: Default::default(),
                    },
                    CustomStep {
                        contract: other.into(),
                        when: StepWhen::AfterFeedback {
                            after: contract.into(),
                        },
                        reason: Default::default(),
                    },
                ],
            }],
            planned: vec![planned("p", Some(client))],
            ..RunInputs::default()
        }
    }

    fn planned(id: &str, client: Option<&str>) -> PlannedSpec {
        PlannedSpec {
            id: id.into(),
            client: client.map(Into::into),
            count: 1,
            value_cents: 50_000,
            rating: PlannedRating::Stars {
                stars_hundredths: 500,
            },
            start: day(20),
            every_days: 0,
            duration_days: 28,
        }
    }

    /// A row's name, base, ours, theirs, and the merge or the places in conflict.
    type Row = (
        &'static str,
        Option<Saved>,
        Saved,
        Saved,
        Result<Saved, Vec<&'static str>>,
    );

    /// One row: the merge of `ours` and `theirs` from `base`, or the places in conflict.
    fn check(
        name: &str,
        base: Option<Saved>,
        ours: Saved,
        theirs: Saved,
        expected: Result<Saved, Vec<&str>>,
    ) {
        let got = merge(base.as_ref(), &ours, &theirs);
        let got_paths = got
            .as_ref()
            .map_err(|c| c.places.iter().map(ToString::to_string).collect::<Vec<_>>());
        let expected_paths = expected
            .as_ref()
            .map_err(|paths| paths.iter().map(|p| p.to_string()).collect::<Vec<_>>());
        assert_eq!(got_paths, expected_paths, "{name}");
        // Swapping the sides never turns a conflict into a merge or the other way round.
        let swapped = merge(base.as_ref(), &theirs, &ours);
        assert_eq!(swapped.is_ok(), got.is_ok(), "{name} (sides swapped)");
    }

    #[test]
    fn every_place_reads_as_words_for_a_person() {
        let rows = [
            (Place::Scenario, "the whole scenario"),
            (Place::AsOf, "the scenario's date"),
            (Place::Era, "the rules' era"),
            (Place::Param("min_clients".into()), "the rule min_clients"),
            (Place::Freelancer, "the freelancer's name"),
            (Place::Client("c03".into()), "client c03"),
            (Place::Contract("k18".into()), "contract k18"),
            (Place::Inputs, "the simulator's inputs"),
            (Place::Input("trials"), "the simulator's number of futures"),
            (
                Place::Input("returns_pct"),
                "the simulator's chance that a silent client comes back",
            ),
            (Place::Input("later_input"), "the simulator's later input"),
            (Place::Planned("p2".into()), "planned work p2"),
            (
                Place::Behaviour("k18".into()),
                "how the client of contract k18 behaves in the simulator",
            ),
            (Place::Pref("note".into()), "the preference note"),
        ];
        for (place, words) in rows {
            assert_eq!(place.words(), words, "{place}");
        }
        // Every input the simulator saves has words of its own (planned work and behaviours
        // are places of their own).
        let saved = serde_json::to_value(RunInputs::default()).expect("inputs serialise");
        let names = saved
            .as_object()
            .map(|o| o.keys().cloned())
            .into_iter()
            .flatten();
        for name in names.filter(|n| n != "planned" && n != "behaviours") {
            assert!(input_words(&name).is_some(), "{name} has no words");
        }
    }

    #[test]
    fn each_rule_of_the_merge() {
        let acme = ("c01", "Acme");
        let k1 = ("k01", "c01", "Logo");
        let base = saved(scenario(&[acme], &[k1]));
        let ours_new = scenario(&[acme, ("c02", "Beta")], &[k1, ("k02", "c02", "From B")]);
        let theirs_new = scenario(&[acme, ("c02", "Alpha")], &[k1, ("k02", "c02", "From A")]);
        let both_new = scenario(
            &[acme, ("c02", "Alpha"), ("c03", "Beta")],
            &[k1, ("k02", "c02", "From A"), ("k03", "c03", "From B")],
        );
        let inputs = |saved: Saved, inputs: RunInputs| with(saved, |s| s.inputs = Some(inputs));
        let era = |saved: Saved, era: Era| with(saved, |s| scenario_mut(s).rules.era = era);
        let seed_trials = |seed: u64, trials: &str| RunInputs {
            seed,
            trials: trials.into(),
            ..RunInputs::default()
        };
        let behaviour = |preset, returns_ppm| RunInputs {
            behaviours: [(
                "k01".into(),
                BehaviourChoice {
                    returns_ppm,
                    ..BehaviourChoice::of(preset)
                },
            )]
            .into(),
            ..RunInputs::default()
        };
        let rows: Vec<Row> = vec![
            (
                "changed on this side only",
                Some(base.clone()),
                saved(scenario(&[acme], &[k1, ("k02", "c01", "Site")])),
                base.clone(),
                Ok(saved(scenario(&[acme], &[k1, ("k02", "c01", "Site")]))),
            ),
            (
                "changed on the other side only",
                Some(base.clone()),
                base.clone(),
                saved(scenario(&[acme], &[])),
                Ok(saved(scenario(&[acme], &[]))),
            ),
            (
                "changed identically on both sides",
                Some(base.clone()),
                era(base.clone(), Era::Legacy),
                era(base.clone(), Era::Legacy),
                Ok(era(base.clone(), Era::Legacy)),
            ),
            (
                "the rules here, a contract there",
                Some(base.clone()),
                era(base.clone(), Era::Legacy),
                saved(scenario(&[acme], &[k1, ("k02", "c01", "Site")])),
                Ok(era(
                    saved(scenario(&[acme], &[k1, ("k02", "c01", "Site")])),
                    Era::Legacy,
                )),
            ),
            (
                "a rule override here, another there",
                Some(base.clone()),
                with(base.clone(), |s| {
                    scenario_mut(s)
                        .rules
                        .overrides
                        .insert("min_clients".into(), ParamValue::Number(3.0));
                }),
                with(base.clone(), |s| {
                    scenario_mut(s).as_of = Some(day(9));
                }),
                Ok(with(base.clone(), |s| {
                    let s = scenario_mut(s);
                    s.as_of = Some(day(9));
                    s.rules
                        .overrides
                        .insert("min_clients".into(), ParamValue::Number(3.0));
                })),
            ),
            (
                "the simulator's inputs field by field",
                Some(inputs(base.clone(), seed_trials(1, "100"))),
                inputs(base.clone(), seed_trials(2, "100")),
                inputs(base.clone(), seed_trials(1, "500")),
                Ok(inputs(base.clone(), seed_trials(2, "500"))),
            ),
            (
                "each tab added a contract under its own id: theirs first",
                Some(base.clone()),
                saved(scenario(&[acme], &[k1, ("k03", "c01", "Ours")])),
                saved(scenario(&[acme], &[k1, ("k02", "c01", "Theirs")])),
                Ok(saved(scenario(
                    &[acme],
                    &[k1, ("k02", "c01", "Theirs"), ("k03", "c01", "Ours")],
                ))),
            ),
            (
                "different contracts changed on each side",
                Some(saved(scenario(&[acme], &[k1, ("k02", "c01", "Two")]))),
                saved(scenario(
                    &[acme],
                    &[("k01", "c01", "Logo v2"), ("k02", "c01", "Two")],
                )),
                saved(scenario(&[acme], &[k1, ("k02", "c01", "Two v2")])),
                Ok(saved(scenario(
                    &[acme],
                    &[("k01", "c01", "Logo v2"), ("k02", "c01", "Two v2")],
                ))),
            ),
            (
                "a contract is one unit: different fields changed on each side",
                Some(base.clone()),
                saved(scenario(&[acme], &[("k01", "c01", "Ours")])),
                with(base.clone(), |s| {
                    scenario_mut(s).contracts[0].start = day(6)
                }),
                Err(vec!["scenario.contracts[k01]"]),
            ),
            (
                "both tabs numbered a new contract and a new client alike",
                Some(base.clone()),
                saved(ours_new.clone()),
                saved(theirs_new.clone()),
                Ok(saved(both_new.clone())),
            ),
            (
                "the simulator's inputs follow the renumbered contract and client",
                Some(base.clone()),
                inputs(saved(ours_new.clone()), inputs_naming("k02", "k01", "c02")),
                saved(theirs_new.clone()),
                Ok(inputs(
                    saved(both_new.clone()),
                    inputs_naming("k03", "k01", "c03"),
                )),
            ),
            (
                "both tabs added the very same contract",
                Some(base.clone()),
                saved(scenario(&[acme], &[k1, ("k02", "c01", "Same")])),
                saved(scenario(&[acme], &[k1, ("k02", "c01", "Same")])),
                Ok(saved(scenario(&[acme], &[k1, ("k02", "c01", "Same")]))),
            ),
            (
                "deleted here, changed there",
                Some(base.clone()),
                saved(scenario(&[acme], &[])),
                saved(scenario(&[acme], &[("k01", "c01", "Theirs")])),
                Err(vec!["scenario.contracts[k01]"]),
            ),
            (
                "deleted here, untouched there",
                Some(base.clone()),
                saved(scenario(&[acme], &[])),
                inputs(base.clone(), seed_trials(3, "100")),
                Ok(inputs(saved(scenario(&[acme], &[])), seed_trials(3, "100"))),
            ),
            (
                "the same setting changed to different values",
                Some(base.clone()),
                era(base.clone(), Era::Legacy),
                era(base.clone(), Era::Y2020),
                Err(vec!["scenario.rules.era"]),
            ),
            (
                "a client's behaviour is one unit",
                Some(inputs(
                    base.clone(),
                    behaviour(BehaviourPreset::Vanished, 50_000),
                )),
                inputs(base.clone(), behaviour(BehaviourPreset::Happy, 50_000)),
                inputs(base.clone(), behaviour(BehaviourPreset::Vanished, 90_000)),
                Err(vec!["simulator.inputs.behaviours.k01"]),
            ),
            (
                "planned work by id",
                Some(inputs(base.clone(), RunInputs::default())),
                inputs(
                    base.clone(),
                    RunInputs {
                        planned: vec![planned("a", None)],
                        ..RunInputs::default()
                    },
                ),
                inputs(
                    base.clone(),
                    RunInputs {
                        planned: vec![planned("b", None)],
                        ..RunInputs::default()
                    },
                ),
                Ok(inputs(
                    base.clone(),
                    RunInputs {
                        planned: vec![planned("b", None), planned("a", None)],
                        ..RunInputs::default()
                    },
                )),
            ),
            (
                "the inputs removed here, changed there",
                Some(inputs(base.clone(), seed_trials(1, "100"))),
                base.clone(),
                inputs(base.clone(), seed_trials(1, "500")),
                Err(vec!["simulator.inputs"]),
            ),
            (
                "everything deleted here, a contract added there",
                Some(base.clone()),
                Saved::default(),
                saved(scenario(&[acme], &[k1, ("k02", "c01", "Site")])),
                Err(vec!["scenario"]),
            ),
            (
                "a tab that loaded nothing adds to the other tab's first save",
                None,
                saved(scenario(&[("c01", "Mine")], &[("k01", "c01", "Mine")])),
                base.clone(),
                Ok(saved(scenario(
                    &[acme, ("c02", "Mine")],
                    &[k1, ("k02", "c02", "Mine")],
                ))),
            ),
            (
                "a scenario that did not exist yet in the base",
                Some(Saved::default()),
                saved(scenario(&[acme], &[k1])),
                saved(scenario(&[acme], &[("k01", "c01", "Other")])),
                Ok(saved(scenario(
                    &[acme],
                    &[("k01", "c01", "Other"), ("k02", "c01", "Logo")],
                ))),
            ),
            (
                "a date set on one side of a first save",
                None,
                with(base.clone(), |s| scenario_mut(s).as_of = Some(day(9))),
                base.clone(),
                Ok(with(base.clone(), |s| scenario_mut(s).as_of = Some(day(9)))),
            ),
            (
                "every place in conflict is named, in the saved data's order",
                Some(inputs(base.clone(), seed_trials(1, "100"))),
                inputs(
                    era(
                        saved(scenario(&[("c01", "A")], &[("k01", "c01", "A")])),
                        Era::Legacy,
                    ),
                    seed_trials(2, "200"),
                ),
                inputs(
                    era(
                        saved(scenario(&[("c01", "B")], &[("k01", "c01", "B")])),
                        Era::Y2020,
                    ),
                    seed_trials(3, "300"),
                ),
                Err(vec![
                    "scenario.clients[c01]",
                    "scenario.contracts[k01]",
                    "scenario.rules.era",
                    "simulator.inputs.seed",
                    "simulator.inputs.trials",
                ]),
            ),
        ];
        for (name, base, ours, theirs, expected) in rows {
            check(name, base, ours, theirs, expected);
        }
    }

    #[test]
    fn a_fresh_id_keeps_the_style_and_skips_every_taken_one() {
        // The id, the ids taken (separated by spaces), the fresh id.
        let rows = [
            ("k19", "k19", "k20"),
            ("k19 k20 k21", "k19", "k22"),
            ("k09", "k09", "k10"),
            ("c5", "c5", "c6"),
            ("acme", "acme", "acme-2"),
            ("acme acme-2", "acme", "acme-3"),
            ("7", "7", "8"),
        ];
        for (taken, id, expected) in rows {
            let taken: BTreeSet<String> = taken.split(' ').map(str::to_owned).collect();
            assert_eq!(fresh_id(id, &taken), expected, "{id} among {taken:?}");
        }
    }

    fn any_saved() -> impl proptest::strategy::Strategy<Value = Saved> {
        use proptest::prelude::*;
        (0usize..12, any::<u64>(), any::<bool>(), any::<u64>()).prop_map(
            |(contracts, seed, with_inputs, sim_seed)| Saved {
                scenario: (contracts > 0)
                    .then(|| crate::simulate::workload::long_history(contracts, seed)),
                inputs: with_inputs.then(|| RunInputs {
                    seed: sim_seed,
                    ..RunInputs::default()
                }),
            },
        )
    }

    proptest::proptest! {
        #[test]
        fn merging_with_an_unchanged_side_gives_the_other_side(
            base in any_saved(),
            other in any_saved(),
        ) {
            proptest::prop_assert_eq!(merge(Some(&base), &base, &other), Ok(other.clone()));
            proptest::prop_assert_eq!(merge(Some(&base), &other, &base), Ok(other));
        }
    }
}
