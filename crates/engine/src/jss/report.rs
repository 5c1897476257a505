//! The `jss score` report (SCENARIO_FORMAT.md, "The headless command").
//!
//! [`score_report`] is what the subcommand prints. The required fields come first, in the
//! documented order; the rest are extras for the UI. Everything describes the displayed score
//! at `at`, so with a biweekly cadence the windows and contracts are those of the last
//! calculation (`calculated_on`).

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::jss::cliff::Frozen;
use crate::jss::evaluate::{calculation_date, evaluate, Evaluation};
use crate::jss::outcome::{add_days, Class, Outcome, Reason};
use crate::jss::top_rated::{next_top_rated_change, top_rated_status, TopRatedStatus};
use crate::jss::window::{exit_date, Membership, Window, WindowScores, Winner};
use crate::rules::Params;
use crate::scenario::{Contract, Scenario};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreReport {
    pub at: NaiveDate,
    /// The displayed JSS; `null` = "no score yet".
    pub score: Option<u8>,
    pub windows: WindowValues,
    pub top_rated: bool,
    pub contracts: Vec<ContractLine>,
    // ---- Extras ----
    pub era: &'static str,
    /// The calculation shown at `at` (equal to `at` with daily updates).
    pub calculated_on: NaiveDate,
    pub winning_window: Option<Winner>,
    /// The 24-month window holds enough outcomes from enough clients for a JSS.
    pub eligible: bool,
    /// Why there is no score, in plain words; `null` when there is one.
    pub missing: Option<String>,
    pub top_rated_plus: bool,
    pub compliance_warning: bool,
    pub badges: TopRatedStatus,
    /// The earliest date Top Rated is reached or lost if nothing changes (within 24 months).
    pub top_rated_change: Option<TopRatedChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TopRatedChange {
    pub date: NaiveDate,
    pub top_rated: bool,
}

/// Unrounded window scores; `null` without enough outcomes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct WindowValues {
    #[serde(rename = "3m")]
    pub m3: Option<f64>,
    #[serde(rename = "6m")]
    pub m6: Option<f64>,
    #[serde(rename = "12m")]
    pub m12: Option<f64>,
    #[serde(rename = "24m")]
    pub m24: Option<f64>,
    pub trending: Option<f64>,
}

impl WindowValues {
    pub fn of(scores: &WindowScores) -> WindowValues {
        WindowValues {
            m3: scores.window(Window::M3),
            m6: scores.window(Window::M6),
            m12: scores.window(Window::M12),
            m24: scores.window(Window::M24),
            trending: scores.trending,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContractLine {
    pub id: String,
    pub outcome: &'static str,
    /// 0 for excluded contracts.
    pub weight: f64,
    pub outcome_date: Option<NaiveDate>,
    pub reason: String,
    // ---- Extras ----
    pub client: String,
    /// The windows the contract counts in.
    pub windows: Vec<Window>,
    /// The first day it is no longer in each window it counts in, if nothing changes.
    pub leaves: Vec<(Window, NaiveDate)>,
}

/// The report of the scenario at `at`, under the scenario's own rules.
pub fn score_report(scenario: &Scenario, at: NaiveDate) -> ScoreReport {
    let params = Params::resolve(&scenario.rules);
    let calculated_on = calculation_date(at, &params);
    let evaluation = evaluate(scenario, &params, calculated_on);
    let mut frozen = Frozen::new(scenario, &params, at);
    let badges = top_rated_status(&mut frozen, at);
    let horizon = at.checked_add_months(Months::new(24)).unwrap_or(at);
    let top_rated_change = next_top_rated_change(&mut frozen, horizon)
        .map(|(date, top_rated)| TopRatedChange { date, top_rated });
    let scores = evaluation.scores;
    ScoreReport {
        at,
        score: scores.displayed,
        windows: WindowValues::of(&scores),
        top_rated: badges.top_rated,
        contracts: contract_lines(scenario, &params, &evaluation),
        era: params.era.as_str(),
        calculated_on,
        winning_window: scores.winner,
        eligible: scores.eligible,
        missing: missing_text(&evaluation, &params),
        top_rated_plus: badges.top_rated_plus,
        compliance_warning: badges.compliance_warning,
        badges,
        top_rated_change,
    }
}

fn contract_lines(
    scenario: &Scenario,
    params: &Params,
    evaluation: &Evaluation,
) -> Vec<ContractLine> {
    scenario
        .contracts
        .iter()
        .zip(&evaluation.scored)
        .zip(&evaluation.members)
        .map(|((contract, scored), members)| {
            contract_line(contract, &scored.outcome, members, evaluation.t, params)
        })
        .collect()
}

fn contract_line(
    contract: &Contract,
    outcome: &Outcome,
    members: &Membership,
    t: NaiveDate,
    params: &Params,
) -> ContractLine {
    let windows: Vec<Window> = Window::ALL
        .into_iter()
        .filter(|w| members[w.index()].is_some())
        .collect();
    // A pattern-rule outcome shows the class of its widest window.
    let shown = Window::ALL.iter().rev().find_map(|w| members[w.index()]);
    let (class, weight) = shown.map_or((Class::Excluded, 0.0), |c| (c.class, c.weight));
    let mut reason = outcome.reason.text();
    if shown.is_some_and(|c| c.by_pattern) {
        let labels: Vec<&str> = windows.iter().map(|w| w.label()).collect();
        reason.push_str(&format!(
            "; counted by the no-feedback pattern rule in {}",
            labels.join(", ")
        ));
    }
    let leaves = leave_dates(contract, outcome, t, params)
        .into_iter()
        .zip(Window::ALL)
        .filter(|(_, w)| members[w.index()].is_some())
        .filter_map(|(date, w)| Some((w, date?)))
        .collect();
    ContractLine {
        id: contract.id.clone(),
        outcome: class.as_str(),
        weight,
        outcome_date: outcome.outcome_date,
        reason,
        client: contract.client.clone(),
        windows,
        leaves,
    }
}

/// The first day an outcome is no longer in each window, if nothing changes: its window exit,
/// or earlier for an open long-term contract, which lapses (leaves every window) on the first
/// day more than `long_term_max_gap_days` after its last payment.
pub fn leave_dates(
    contract: &Contract,
    outcome: &Outcome,
    t: NaiveDate,
    params: &Params,
) -> [Option<NaiveDate>; 4] {
    let Some(date) = outcome.outcome_date else {
        return [None; 4];
    };
    let open = contract.end.is_none_or(|e| e.date > t);
    let lapse = match outcome.reason {
        Reason::LongTerm { last_payment, .. } if open => add_days(
            last_payment,
            params.long_term_max_gap_days.saturating_add(1),
        ),
        _ => None,
    };
    Window::ALL.map(|w| match (exit_date(date, w), lapse) {
        (Some(exit), Some(lapse)) => Some(exit.min(lapse)),
        (exit, None) => exit,
        (None, lapse) => lapse,
    })
}

fn missing_text(evaluation: &Evaluation, params: &Params) -> Option<String> {
    let scores = &evaluation.scores;
    if scores.displayed.is_some() {
        return None;
    }
    let tally =
        crate::jss::window::tallies_from_memberships(&evaluation.scored, &evaluation.members);
    let m24 = tally.get(Window::M24);
    if !scores.eligible {
        return Some(format!(
            "the 24-month window holds {} outcome(s) from {} client(s); a JSS needs {} outcomes from {} clients",
            m24.n_outcomes,
            m24.clients.len(),
            params.eligibility_min_outcomes,
            params.eligibility_min_clients
        ));
    }
    Some(format!(
        "no window holds {} outcomes from {} clients",
        params.min_outcomes, params.min_clients
    ))
}
