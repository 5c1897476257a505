//! Explanations (MODEL.md §3.5): what is in each window and why, when each outcome leaves,
//! and what changed between two dates.
//!
//! # Attribution
//!
//! Between two dates `a` and `b`, the change of the displayed score is split into steps, one
//! per contract whose contribution to some window differs (added, aged out, class or weight
//! changed, or dropped out while still in the window). Starting from the windows as they were
//! at `a`, the steps are applied one at a time in date order (the date of the change, then
//! scenario order); each step is credited with the change it causes in the *unrounded*
//! displayed value (the maximum of S24, S12, S6 and trending), so a step that switches the
//! winning window is credited only with what the switch is worth. A final rounding term covers
//! clamping to 0..=100 and rounding to a whole percent.
//!
//! All amounts are integers in micro-points (10⁻⁶ percentage points), so the parts sum exactly:
//! `Σ step.delta_micro + rounding_micro = (score_b − score_a) × 10⁶`. A state without a score
//! ("no score yet") counts as 0 in this sum only; steps into or out of it are marked.

use std::fmt;

use chrono::NaiveDate;

use crate::jss::evaluate::{calculation_date, evaluate, Evaluation};
use crate::jss::outcome::Class;
use crate::jss::report::leave_dates;
use crate::jss::running::RunningTallies;
use crate::jss::window::{
    exit_date, tallies_from_memberships, Counted, Membership, Scored, Window, WindowScores, Winner,
};
use crate::rules::Params;
use crate::scenario::Scenario;

/// The parts of the displayed score at one date.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub at: NaiveDate,
    pub calculated_on: NaiveDate,
    pub scores: WindowScores,
    pub windows: Vec<WindowExplanation>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WindowExplanation {
    pub window: Window,
    pub score: Option<f64>,
    /// This window (or trending, for 3m and 6m) decided the displayed score.
    pub won: bool,
    pub outcomes: Vec<OutcomeLine>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeLine {
    pub contract: String,
    pub client: String,
    pub class: Class,
    pub weight: f64,
    pub reason: String,
    pub by_pattern: bool,
    /// The first day the outcome is no longer in this window, if nothing changes.
    pub leaves_on: Option<NaiveDate>,
}

/// Explains the displayed score at `at` under the scenario's rules.
pub fn explain(scenario: &Scenario, at: NaiveDate) -> Explanation {
    let params = Params::resolve(&scenario.rules);
    let calculated_on = calculation_date(at, &params);
    let evaluation = evaluate(scenario, &params, calculated_on);
    let windows = Window::ALL
        .into_iter()
        .map(|w| explain_window(scenario, &params, &evaluation, w))
        .collect();
    Explanation {
        at,
        calculated_on,
        scores: evaluation.scores,
        windows,
    }
}

fn explain_window(
    scenario: &Scenario,
    params: &Params,
    evaluation: &Evaluation,
    w: Window,
) -> WindowExplanation {
    let won = match evaluation.scores.winner {
        Some(Winner::Trending) => matches!(w, Window::M3 | Window::M6),
        Some(winner) => winner.label() == w.label(),
        None => false,
    };
    let outcomes = scenario
        .contracts
        .iter()
        .zip(&evaluation.scored)
        .zip(&evaluation.members)
        .filter_map(|((contract, scored), members)| {
            let counted = members[w.index()]?;
            let leaves = leave_dates(contract, &scored.outcome, evaluation.t, params);
            Some(OutcomeLine {
                contract: contract.id.clone(),
                client: contract.client.clone(),
                class: counted.class,
                weight: counted.weight,
                reason: scored.outcome.reason.text(),
                by_pattern: counted.by_pattern,
                leaves_on: leaves[w.index()],
            })
        })
        .collect();
    WindowExplanation {
        window: w,
        score: evaluation.scores.window(w),
        won,
        outcomes,
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let score = self
            .scores
            .displayed
            .map_or("no score yet".to_owned(), |s| format!("{s}%"));
        let winner = self.scores.winner.map_or("-", |w| w.label());
        writeln!(
            f,
            "JSS at {} (calculated {}): {score}, from {winner}",
            self.at, self.calculated_on
        )?;
        if let Some(trending) = self.scores.trending {
            writeln!(f, "trending: {trending:.2}")?;
        }
        for w in &self.windows {
            let score = w.score.map_or("-".to_owned(), |s| format!("{s:.2}"));
            let won = if w.won { " (won)" } else { "" };
            writeln!(f, "{}: {score}{won}", w.window.label())?;
            for o in &w.outcomes {
                let leaves = o.leaves_on.map_or("-".to_owned(), |d| d.to_string());
                let pattern = if o.by_pattern { " [pattern rule]" } else { "" };
                writeln!(
                    f,
                    "  {} ({}) {} w{} leaves {leaves}: {}{pattern}",
                    o.contract,
                    o.client,
                    o.class.as_str(),
                    o.weight,
                    o.reason
                )?;
            }
        }
        Ok(())
    }
}

/// What changed for one contract in one window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ChangeKind {
    /// The outcome entered the window.
    Added,
    /// The outcome's date fell out of the window.
    AgedOut,
    /// The outcome stopped counting while its date is still in the window (a long-term
    /// contract lapsed, a pattern selection changed).
    Dropped,
    ClassChanged {
        from: Class,
        to: Class,
    },
    WeightChanged {
        from: f64,
        to: f64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WindowChange {
    pub window: Window,
    pub kind: ChangeKind,
}

/// One contract's step of an attribution.
#[derive(Clone, Debug, PartialEq)]
pub struct AttributionStep {
    pub contract: String,
    pub date: NaiveDate,
    pub changes: Vec<WindowChange>,
    /// The change of the unrounded displayed value this step causes, in micro-points.
    pub delta_micro: i64,
    pub winner_before: Option<Winner>,
    pub winner_after: Option<Winner>,
}

impl AttributionStep {
    pub fn winner_switched(&self) -> bool {
        self.winner_before != self.winner_after
    }
}

/// The change of the displayed score between two dates, split into exact parts.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub from_score: Option<u8>,
    pub to_score: Option<u8>,
    pub steps: Vec<AttributionStep>,
    /// Clamping and rounding to a whole percent at both ends, in micro-points.
    pub rounding_micro: i64,
}

/// Micro-points per percentage point.
pub const MICRO: i64 = 1_000_000;

impl Attribution {
    /// `(to_score − from_score) × 10⁶`, with "no score" as 0.
    pub fn change_micro(&self) -> i64 {
        let v = |s: Option<u8>| i64::from(s.unwrap_or(0)) * MICRO;
        v(self.to_score) - v(self.from_score)
    }

    /// The sum of the parts; equal to [`Attribution::change_micro`] by construction.
    pub fn sum_micro(&self) -> i64 {
        self.steps.iter().map(|s| s.delta_micro).sum::<i64>() + self.rounding_micro
    }
}

/// Attributes the change of the displayed score from `from` to `to` (see the module docs).
pub fn attribute(scenario: &Scenario, from: NaiveDate, to: NaiveDate) -> Attribution {
    let params = Params::resolve(&scenario.rules);
    let a = evaluate(scenario, &params, calculation_date(from, &params));
    let b = evaluate(scenario, &params, calculation_date(to, &params));
    let mut order: Vec<(NaiveDate, usize, Vec<WindowChange>)> = (0..scenario.contracts.len())
        .filter_map(|i| {
            let changes = window_changes(&a.members[i], &b.members[i], &a.scored[i], &b);
            let leaves = leave_dates(&scenario.contracts[i], &a.scored[i].outcome, a.t, &params);
            let date = step_date(&changes, &leaves, &a.scored[i], &b.scored[i])?;
            Some((date, i, changes))
        })
        .collect();
    order.sort_by_key(|(date, i, _)| (*date, *i));
    let mut state: Vec<Membership> = a.members.clone();
    // Each step changes one contract, so the windows are updated by that contract alone when
    // the weights allow exact running sums (see `running`), instead of summing every contract
    // again per step.
    let mut running = RunningTallies::of_memberships(&a.scored, &state);
    let mut current = scores_of(&a.scored, &state, &params);
    let mut steps = Vec::with_capacity(order.len());
    for (date, i, changes) in order {
        let client = a.scored[i].client;
        running = running.and_then(|mut r| {
            r.apply_membership(&b.members[i], client, 1)?;
            r.apply_membership(&state[i], client, -1)?;
            Some(r)
        });
        state[i] = b.members[i];
        let next = match &running {
            Some(r) => r.tallies().scores(&params),
            None => scores_of(&a.scored, &state, &params),
        };
        steps.push(AttributionStep {
            contract: scenario.contracts[i].id.clone(),
            date,
            changes,
            delta_micro: micro(next.unrounded) - micro(current.unrounded),
            winner_before: current.winner,
            winner_after: next.winner,
        });
        current = next;
    }
    let displayed_micro = |s: Option<u8>| i64::from(s.unwrap_or(0)) * MICRO;
    let rounding_micro = (displayed_micro(b.scores.displayed) - micro(current.unrounded))
        - (displayed_micro(a.scores.displayed) - micro(a.scores.unrounded));
    Attribution {
        from,
        to,
        from_score: a.scores.displayed,
        to_score: b.scores.displayed,
        steps,
        rounding_micro,
    }
}

fn scores_of(scored: &[Scored], state: &[Membership], params: &Params) -> WindowScores {
    tallies_from_memberships(scored, state).scores(params)
}

/// An unrounded value in micro-points; no score counts as 0. Window scores lie in −100..=100,
/// so the conversion cannot overflow.
fn micro(value: Option<f64>) -> i64 {
    value.map_or(0, |v| (v * MICRO as f64).round() as i64)
}

fn window_changes(
    before: &Membership,
    after: &Membership,
    scored_before: &Scored,
    b: &Evaluation,
) -> Vec<WindowChange> {
    let mut res = Vec::new();
    for w in Window::ALL {
        let kind = match (before[w.index()], after[w.index()]) {
            (None, None) => None,
            (None, Some(_)) => Some(ChangeKind::Added),
            (Some(_), None) => {
                let date = scored_before.outcome.outcome_date;
                let aged = date.is_some_and(|d| {
                    d < b.t && !crate::jss::window::Bounds::at(b.t).contains(w, d)
                });
                Some(if aged {
                    ChangeKind::AgedOut
                } else {
                    ChangeKind::Dropped
                })
            }
            (Some(x), Some(y)) => changed(x, y),
        };
        if let Some(kind) = kind {
            res.push(WindowChange { window: w, kind });
        }
    }
    res
}

fn changed(x: Counted, y: Counted) -> Option<ChangeKind> {
    if x.class != y.class {
        Some(ChangeKind::ClassChanged {
            from: x.class,
            to: y.class,
        })
    } else if x.weight != y.weight {
        Some(ChangeKind::WeightChanged {
            from: x.weight,
            to: y.weight,
        })
    } else {
        None
    }
}

/// The date a step is ordered by: when the outcome was added or changed (its outcome date at
/// `b`), or the earliest day it left a window (its exit, or the lapse of a long-term contract).
fn step_date(
    changes: &[WindowChange],
    leaves: &[Option<NaiveDate>; 4],
    before: &Scored,
    after: &Scored,
) -> Option<NaiveDate> {
    changes
        .iter()
        .filter_map(|c| match c.kind {
            ChangeKind::AgedOut | ChangeKind::Dropped => leaves[c.window.index()].or_else(|| {
                before
                    .outcome
                    .outcome_date
                    .and_then(|d| exit_date(d, c.window))
            }),
            _ => after.outcome.outcome_date.or(before.outcome.outcome_date),
        })
        .min()
        .or_else(|| (!changes.is_empty()).then_some(NaiveDate::MIN))
}

impl fmt::Display for Attribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |x: Option<u8>| x.map_or("none".to_owned(), |v| v.to_string());
        writeln!(
            f,
            "{} → {}: {} → {}",
            self.from,
            self.to,
            s(self.from_score),
            s(self.to_score)
        )?;
        for step in &self.steps {
            let changes: Vec<String> = step.changes.iter().map(describe_change).collect();
            write!(
                f,
                "  {} {}: {} ({})",
                step.date,
                step.contract,
                points(step.delta_micro),
                changes.join(", ")
            )?;
            if step.winner_switched() {
                let w = |x: Option<Winner>| x.map_or("none", |w| w.label());
                write!(
                    f,
                    "; winner {} → {}",
                    w(step.winner_before),
                    w(step.winner_after)
                )?;
            }
            writeln!(f)?;
        }
        writeln!(f, "  rounding: {}", points(self.rounding_micro))
    }
}

fn describe_change(c: &WindowChange) -> String {
    let w = c.window.label();
    match c.kind {
        ChangeKind::Added => format!("added to {w}"),
        ChangeKind::AgedOut => format!("aged out of {w}"),
        ChangeKind::Dropped => format!("no longer counted in {w}"),
        ChangeKind::ClassChanged { from, to } => {
            format!("{w}: {} → {}", from.as_str(), to.as_str())
        }
        ChangeKind::WeightChanged { from, to } => format!("{w}: weight {from} → {to}"),
    }
}

/// Micro-points as signed percentage points with six decimals.
fn points(value_micro: i64) -> String {
    let sign = if value_micro < 0 { "-" } else { "+" };
    let abs = value_micro.unsigned_abs();
    format!("{sign}{}.{:06}", abs / MICRO as u64, abs % MICRO as u64)
}
