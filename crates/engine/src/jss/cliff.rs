//! The future with no new events: the forward cliff calendar, score changes and window exits
//! (MODEL.md §3.4–3.5; the timeline's `jss_change` and `window_exit` kinds).
//!
//! "No new events" means the scenario frozen at `from`: facts dated after `from` are dropped
//! ([`freeze`]). Time alone still changes the score: outcomes age out of windows, open
//! long-term contracts lapse 91 days after their last payment, and (legacy) idle open contracts
//! become outcomes.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::jss::evaluate::{calculation_date, classify_all, contract_clients};
use crate::jss::outcome::{add_days, classify};
use crate::jss::window::{score_outcomes, Bounds, Scored, Window, WindowScores};
use crate::money::Money;
use crate::rules::Params;
use crate::scenario::{Contract, Scenario};

/// The scenario as it would stand if nothing happened after `from`: payments, refunds, ends and
/// feedback dated later are dropped, and contracts starting later are removed. Evaluating the
/// frozen scenario at any `t ≤ from` gives the same result as the original, because
/// classification already ignores facts dated after `t`.
pub fn freeze(scenario: &Scenario, from: NaiveDate) -> Scenario {
    let mut frozen = scenario.clone();
    frozen.contracts.retain(|c| c.start <= from);
    for c in &mut frozen.contracts {
        c.payments.retain(|p| p.date <= from);
        c.refunds.retain(|p| p.date <= from);
        c.end = c.end.filter(|e| e.date <= from);
        c.feedback = c.feedback.filter(|f| f.date <= from);
    }
    frozen
}

/// A frozen scenario with its outcomes at `from` cached: at later dates only the open contracts
/// are classified again, since an ended contract's outcome cannot change without new facts.
#[derive(Clone, Debug)]
pub struct Frozen {
    scenario: Scenario,
    params: Params,
    from: NaiveDate,
    clients: Vec<(u32, bool)>,
    base: Vec<Scored>,
    /// Open contracts: index, the dates on which their class can change, and the breakpoint
    /// their cached outcome in `scratch` was computed for.
    open: Vec<OpenContract>,
    scratch: Vec<Scored>,
    /// `scratch` holds outcomes at a date before `from` and must be rebuilt from `base`.
    scratch_is_past: bool,
    displayed_memo: BTreeMap<NaiveDate, Option<u8>>,
}

impl Frozen {
    pub fn new(scenario: &Scenario, params: &Params, from: NaiveDate) -> Frozen {
        let scenario = freeze(scenario, from);
        let clients = contract_clients(&scenario);
        let base = classify_all(&scenario, &clients, from, params);
        let open = (0..scenario.contracts.len())
            .filter(|&i| scenario.contracts[i].end.is_none())
            .map(|i| OpenContract::new(i, &scenario.contracts[i], params, from))
            .collect();
        Frozen {
            scratch: base.clone(),
            scratch_is_past: false,
            scenario,
            params: params.clone(),
            from,
            clients,
            base,
            open,
            displayed_memo: BTreeMap::new(),
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// Every contract's outcome at `t`, in the frozen scenario's contract order.
    pub fn outcomes_at(&mut self, t: NaiveDate) -> &[Scored] {
        if t < self.from {
            self.scratch = classify_all(&self.scenario, &self.clients, t, &self.params);
            self.scratch_is_past = true;
            return &self.scratch;
        }
        if self.scratch_is_past {
            self.scratch.clone_from(&self.base);
            self.scratch_is_past = false;
            for open in &mut self.open {
                open.cached_for = Some(self.from);
            }
        }
        for open in &mut self.open {
            let key = open.breakpoint_for(t, self.from);
            if open.cached_for != Some(key) {
                let (client, flagged) = self.clients[open.index];
                let outcome = classify(
                    &self.scenario.contracts[open.index],
                    flagged,
                    key,
                    &self.params,
                );
                self.scratch[open.index] = Scored { outcome, client };
                open.cached_for = Some(key);
            }
        }
        &self.scratch
    }

    /// The scores computed at exactly `t`.
    pub fn scores_at(&mut self, t: NaiveDate) -> WindowScores {
        let params = self.params.clone();
        let scored = self.outcomes_at(t);
        score_outcomes(scored, &Bounds::at(t), &params)
    }

    /// The JSS displayed at `t` (the cadence applied), memoized per calculation date.
    pub fn displayed_at(&mut self, t: NaiveDate) -> Option<u8> {
        let u = calculation_date(t, &self.params);
        if let Some(score) = self.displayed_memo.get(&u) {
            return *score;
        }
        let score = self.scores_at(u).displayed;
        self.displayed_memo.insert(u, score);
        score
    }
}

/// An open contract of a frozen scenario. With no new facts, its class at `t ≥ from` can only
/// change when `t` passes the day an open long-term contract lapses or (legacy) the day an idle
/// contract becomes an outcome, so its outcome at `t` equals its outcome at the latest of those
/// breakpoints on or before `t` (or at `from`). Nothing else in [`classify`] depends on `t`
/// once all facts are dated on or before `from`.
#[derive(Clone, Debug)]
struct OpenContract {
    index: usize,
    breakpoints: [Option<NaiveDate>; 2],
    cached_for: Option<NaiveDate>,
}

impl OpenContract {
    fn new(index: usize, contract: &Contract, params: &Params, from: NaiveDate) -> OpenContract {
        let last_payment = contract
            .payments
            .iter()
            .filter(|p| p.date <= from && p.amount > Money::ZERO)
            .map(|p| p.date)
            .max();
        let last_activity = last_payment.unwrap_or(contract.start);
        let lapse =
            last_payment.and_then(|d| add_days(d, params.long_term_max_gap_days.saturating_add(1)));
        let inactive = add_days(last_activity, params.inactive_open_days.saturating_add(1));
        OpenContract {
            index,
            breakpoints: [lapse, inactive],
            // The base outcomes were classified at `from`.
            cached_for: Some(from),
        }
    }

    fn breakpoint_for(&self, t: NaiveDate, from: NaiveDate) -> NaiveDate {
        self.breakpoints
            .iter()
            .flatten()
            .copied()
            .filter(|b| *b <= t && *b > from)
            .max()
            .unwrap_or(from)
    }
}

/// One day of the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DayScore {
    pub date: NaiveDate,
    pub score: Option<u8>,
}

/// A change of the displayed score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreChange {
    pub date: NaiveDate,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// The displayed score on every day from `from` through `from + 24 months`, with no new events,
/// and the days it changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CliffCalendar {
    pub from: NaiveDate,
    pub days: Vec<DayScore>,
    pub changes: Vec<ScoreChange>,
}

/// The forward cliff calendar from `from` (MODEL §3.5): 24 calendar months of days.
pub fn cliff_calendar(scenario: &Scenario, params: &Params, from: NaiveDate) -> CliffCalendar {
    let to = from.checked_add_months(Months::new(24)).unwrap_or(from);
    let days = daily_scores(scenario, params, from, to);
    let changes = changes_of(&days);
    CliffCalendar {
        from,
        days,
        changes,
    }
}

/// The displayed score on each day of `from..=to` with no events after `from`.
pub fn daily_scores(
    scenario: &Scenario,
    params: &Params,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<DayScore> {
    let mut frozen = Frozen::new(scenario, params, from);
    from.iter_days()
        .take_while(|d| *d <= to)
        .map(|date| DayScore {
            date,
            score: frozen.displayed_at(date),
        })
        .collect()
}

fn changes_of(days: &[DayScore]) -> Vec<ScoreChange> {
    days.windows(2)
        .filter(|w| w[0].score != w[1].score)
        .map(|w| ScoreChange {
            date: w[1].date,
            before: w[0].score,
            after: w[1].score,
        })
        .collect()
}

/// For the timeline's `jss_change` kind: each date in `from+1 ..= to` on which the displayed
/// score differs from the day before, with the new score (`None` = no score), if nothing
/// happens after `from`. The scenario's own rule set applies.
pub fn score_changes(
    scenario: &Scenario,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, Option<u8>)> {
    let params = Params::resolve(&scenario.rules);
    changes_of(&daily_scores(scenario, &params, from, to))
        .into_iter()
        .map(|c| (c.date, c.after))
        .collect()
}

/// A contract leaving a JSS window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WindowExit {
    /// The first day the contract is no longer in the window.
    pub date: NaiveDate,
    /// The contract id.
    pub contract: String,
    pub window: Window,
}

/// For the timeline's `window_exit` kind: every day in `from+1 ..= to` on which a counted
/// outcome leaves a window, if nothing happens after `from`, sorted by date, window, contract
/// scenario order. Exits are daily facts about contracts, independent of the update cadence.
/// An open long-term contract that lapses leaves all its windows at once. The legacy pattern
/// rule is not applied here (its selection is a property of the whole window, not of one
/// contract), so only outcomes counted on their own appear.
pub fn window_exits(scenario: &Scenario, from: NaiveDate, to: NaiveDate) -> Vec<WindowExit> {
    let params = Params::resolve(&scenario.rules);
    let mut frozen = Frozen::new(scenario, &params, from);
    let mut previous = membership_bits(frozen.outcomes_at(from), &Bounds::at(from));
    let mut res = Vec::new();
    let mut day = from;
    while let Some(next) = add_days(day, 1).filter(|d| *d <= to) {
        day = next;
        let now = membership_bits(frozen.outcomes_at(day), &Bounds::at(day));
        for (i, (before, after)) in previous.iter().zip(&now).enumerate() {
            for w in Window::ALL {
                let bit = 1u8 << w.index();
                if before & bit != 0 && after & bit == 0 {
                    res.push(WindowExit {
                        date: day,
                        contract: frozen.scenario().contracts[i].id.clone(),
                        window: w,
                    });
                }
            }
        }
        previous = now;
    }
    res.sort_by_key(|e| (e.date, e.window));
    res
}

fn membership_bits(scored: &[Scored], bounds: &Bounds) -> Vec<u8> {
    scored
        .iter()
        .map(|s| {
            let date = s
                .outcome
                .outcome_date
                .filter(|_| s.outcome.class.is_counted());
            Window::ALL.iter().fold(0u8, |bits, w| match date {
                Some(d) if bounds.contains(*w, d) => bits | 1 << w.index(),
                _ => bits,
            })
        })
        .collect()
}
