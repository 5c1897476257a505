//! A whole scenario at a date, and the update cadence (MODEL.md §3.4, §3.6).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::jss::outcome::{add_days, classify, days_between};
use crate::jss::window::{
    memberships, score_outcomes, tallies_from_memberships, Bounds, Membership, Scored, WindowScores,
};
use crate::rules::Params;
use crate::scenario::Scenario;

/// The anchor of the biweekly cadence: Sunday 2015-03-01 (MODEL §3.6).
pub fn cadence_anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 3, 1).unwrap_or(NaiveDate::MIN)
}

/// The date whose computation is displayed at `t`: `t` itself with daily updates, else the
/// latest update day on or before `t` (anchor + k × interval, for any integer k, so dates
/// before the anchor work too).
pub fn calculation_date(t: NaiveDate, params: &Params) -> NaiveDate {
    let interval = params.update_interval_days.max(1);
    let offset = days_between(cadence_anchor(), t).rem_euclid(interval);
    add_days(t, -offset).unwrap_or(t)
}

/// Per contract (in scenario order), the client index and whether the client is flagged.
///
/// Client indices follow `Scenario::clients`; a contract naming an unknown client (the parser
/// rejects that, but the type allows it) gets a fresh index per unknown id and is not flagged.
pub fn contract_clients(scenario: &Scenario) -> Vec<(u32, bool)> {
    let mut index: HashMap<&str, (u32, bool)> = HashMap::with_capacity(scenario.clients.len());
    for (i, client) in scenario.clients.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        index
            .entry(client.id.as_str())
            .or_insert((i, client.flagged));
    }
    let mut next = u32::try_from(scenario.clients.len()).unwrap_or(u32::MAX);
    scenario
        .contracts
        .iter()
        .map(|c| {
            *index.entry(c.client.as_str()).or_insert_with(|| {
                let fresh = (next, false);
                next = next.saturating_add(1);
                fresh
            })
        })
        .collect()
}

/// Every contract classified at `t`, in scenario order.
pub fn classify_all(
    scenario: &Scenario,
    clients: &[(u32, bool)],
    t: NaiveDate,
    params: &Params,
) -> Vec<Scored> {
    scenario
        .contracts
        .iter()
        .zip(clients)
        .map(|(contract, &(client, flagged))| Scored {
            outcome: classify(contract, flagged, t, params),
            client,
        })
        .collect()
}

/// The scores computed at `t` (ignoring the cadence).
pub fn scores_at(scenario: &Scenario, params: &Params, t: NaiveDate) -> WindowScores {
    let clients = contract_clients(scenario);
    let scored = classify_all(scenario, &clients, t, params);
    score_outcomes(&scored, &Bounds::at(t), params)
}

/// The JSS displayed at `t`: the one computed on [`calculation_date`].
pub fn displayed_at(scenario: &Scenario, params: &Params, t: NaiveDate) -> Option<u8> {
    scores_at(scenario, params, calculation_date(t, params)).displayed
}

/// A full evaluation at one calculation date, with everything the explanations need.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// The calculation date (the evaluation's `t`).
    pub t: NaiveDate,
    /// Per contract, in scenario order.
    pub scored: Vec<Scored>,
    /// Per contract, its contribution to each window.
    pub members: Vec<Membership>,
    pub scores: WindowScores,
}

/// Evaluates the scenario at exactly `t` (callers apply [`calculation_date`] first when they
/// want the displayed score).
pub fn evaluate(scenario: &Scenario, params: &Params, t: NaiveDate) -> Evaluation {
    let clients = contract_clients(scenario);
    let scored = classify_all(scenario, &clients, t, params);
    let bounds = Bounds::at(t);
    let members = memberships(&scored, &bounds, params);
    let scores = tallies_from_memberships(&scored, &members).scores(params);
    Evaluation {
        t,
        scored,
        members,
        scores,
    }
}
