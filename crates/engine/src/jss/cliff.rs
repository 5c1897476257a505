//! The future with no new events: the forward cliff calendar, score changes and window exits
//! (MODEL.md §3.4–3.5; the timeline's `jss_change` and `window_exit` kinds).
//!
//! "No new events" means the scenario frozen at `from`: facts dated after `from` are dropped
//! ([`freeze`]). Time alone still changes the score: outcomes age out of windows, open
//! long-term contracts lapse 91 days after their last payment, and (legacy) idle open contracts
//! become outcomes.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::jss::evaluate::{calculation_date, classify_all, contract_clients};
use crate::jss::outcome::{add_days, classify, settled_from};
use crate::jss::running::{Part, RunningTallies, MAX_CONTRACTS};
use crate::jss::top_rated::earned_between;
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

/// A frozen scenario, evaluated at many dates. Dates from `from` on are reached by a forward
/// sweep ([`Sweep`]): only the contracts whose class or window membership can change between
/// two dates are looked at again, so a day of a 24-month calendar costs what changes that day,
/// not the whole history. Dates before `from` are evaluated from scratch.
#[derive(Clone, Debug)]
pub struct Frozen {
    scenario: Scenario,
    params: Params,
    from: NaiveDate,
    clients: Vec<(u32, bool)>,
    base: Vec<Scored>,
    /// The open contracts as they stand at `from`, to restart the sweep from.
    open: Vec<OpenContract>,
    /// Outcomes at the last date before `from` asked for.
    past: Vec<Scored>,
    /// Per contract, the date from which its outcome no longer changes ([`settled_from`]).
    settled: Vec<Option<NaiveDate>>,
    sweep: Sweep,
    /// Built on the first question about earnings (window exits and calendars never ask).
    earnings: OnceCell<Option<Earnings>>,
    first_start: Option<NaiveDate>,
    displayed_memo: BTreeMap<NaiveDate, Option<u8>>,
}

impl Frozen {
    pub fn new(scenario: &Scenario, params: &Params, from: NaiveDate) -> Frozen {
        let scenario = freeze(scenario, from);
        let clients = contract_clients(&scenario);
        let base = classify_all(&scenario, &clients, from, params);
        let open: Vec<OpenContract> = (0..scenario.contracts.len())
            .filter(|&i| scenario.contracts[i].end.is_none())
            .map(|i| OpenContract::new(i, &scenario.contracts[i], params, from))
            .collect();
        Frozen {
            sweep: Sweep::new(&base, open.clone(), from),
            earnings: OnceCell::new(),
            first_start: scenario.contracts.iter().map(|c| c.start).min(),
            settled: scenario.contracts.iter().map(settled_from).collect(),
            scenario,
            params: params.clone(),
            from,
            clients,
            base,
            open,
            past: Vec::new(),
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
            self.classify_past(t);
            return &self.past;
        }
        self.advance(t, None);
        &self.sweep.outcomes
    }

    /// Moves the sweep to `t ≥ from`, starting again from `from` when `t` is behind it.
    fn advance(&mut self, t: NaiveDate, exits: Option<&mut Vec<(Window, usize)>>) {
        if t < self.sweep.t {
            self.sweep = Sweep::new(&self.base, self.open.clone(), self.from);
        }
        let context = Context {
            scenario: &self.scenario,
            clients: &self.clients,
            params: &self.params,
            from: self.from,
        };
        self.sweep.advance(t, &context, exits);
    }

    /// Fills `past` with the outcomes at `t < from`. A contract settled by `t` has the outcome
    /// it has at `from` (nothing it depends on is dated between), so only the others are
    /// classified again: the weeks before today hold few of a long history's contracts.
    fn classify_past(&mut self, t: NaiveDate) {
        self.past.clear();
        let contracts = self.scenario.contracts.iter().zip(&self.clients);
        self.past
            .extend(contracts.zip(&self.settled).zip(&self.base).map(
                |(((contract, &(client, flagged)), settled), base)| match settled {
                    Some(settled) if *settled <= t => *base,
                    _ => Scored {
                        outcome: classify(contract, flagged, t, &self.params),
                        client,
                    },
                },
            ));
    }

    /// The scores computed at exactly `t`.
    pub fn scores_at(&mut self, t: NaiveDate) -> WindowScores {
        if t < self.from {
            self.classify_past(t);
            return score_outcomes(&self.past, &Bounds::at(t), &self.params);
        }
        self.advance(t, None);
        self.sweep.scores(&self.params)
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

    /// Payments minus refunds dated `since ..= until` over every contract, as the sum of
    /// [`earned_between`] over the contracts (saturating) gives it.
    pub fn earned_between(&self, since: NaiveDate, until: NaiveDate) -> Money {
        match self.earnings.get_or_init(|| Earnings::of(&self.scenario)) {
            Some(earnings) => earnings.between(since, until),
            None => self.scenario.contracts.iter().fold(Money::ZERO, |acc, c| {
                Money::from_cents(
                    acc.cents()
                        .saturating_add(earned_between(c, since, until).cents()),
                )
            }),
        }
    }

    /// The earliest start of a contract started on or before `t`.
    pub fn first_start_by(&self, t: NaiveDate) -> Option<NaiveDate> {
        self.first_start.filter(|s| *s <= t)
    }
}

/// Every payment (added) and refund (taken off) of a scenario by date, with running totals, so
/// that the earnings of any period are two binary searches instead of a pass over every
/// contract. Built only when the sum of every amount's size fits in cents, so that no sum the
/// per-contract path forms can saturate and both give the same total.
#[derive(Clone, Debug)]
struct Earnings {
    dates: Vec<NaiveDate>,
    /// `totals[k]` is the sum of the first `k` amounts in date order.
    totals: Vec<i64>,
}

impl Earnings {
    fn of(scenario: &Scenario) -> Option<Earnings> {
        // Each move's date and its place in `cents` (sorted as the sweep's date index is, so
        // the download holds one copy of that sort).
        let mut moves: Vec<(NaiveDate, usize)> = Vec::new();
        let mut cents: Vec<i64> = Vec::new();
        let mut size: i64 = 0;
        for c in &scenario.contracts {
            for (list, sign) in [(&c.payments, 1), (&c.refunds, -1)] {
                for p in list {
                    size = size.checked_add(p.amount.cents().checked_abs()?)?;
                    moves.push((p.date, cents.len()));
                    cents.push(sign * p.amount.cents());
                }
            }
        }
        moves.sort_unstable();
        let mut totals = Vec::with_capacity(moves.len() + 1);
        totals.push(0);
        for (_, k) in &moves {
            totals.push(totals.last().copied().unwrap_or(0) + cents[*k]);
        }
        Some(Earnings {
            dates: moves.into_iter().map(|(date, _)| date).collect(),
            totals,
        })
    }

    fn between(&self, since: NaiveDate, until: NaiveDate) -> Money {
        if since > until {
            return Money::ZERO;
        }
        let upto = self.dates.partition_point(|d| *d <= until);
        let before = self.dates.partition_point(|d| *d < since);
        Money::from_cents(self.totals[upto] - self.totals[before])
    }
}

/// What a sweep reads of its frozen scenario.
struct Context<'a> {
    scenario: &'a Scenario,
    clients: &'a [(u32, bool)],
    params: &'a Params,
    from: NaiveDate,
}

/// The outcomes and window tallies at a date `t ≥ from`, moved forward a date at a time.
///
/// Between two dates, a contract's part of a window changes only when its class changes (an
/// open contract passing a breakpoint, see [`OpenContract`]) or when its outcome date enters
/// the windows (`prev < date ≤ t`) or falls out of one (`start(prev) ≤ date < start(t)`). So
/// each step looks at the open contracts whose class changed and at the contracts whose
/// outcome date lies in those ranges: the few open ones are checked one by one, the ended ones
/// found by binary search in their outcomes sorted by date (an ended contract's outcome never
/// changes in a frozen scenario). The tallies are [`RunningTallies`]
/// when every weight allows it (see that module); otherwise, and when the legacy pattern rule
/// has candidates to decide, the scores are summed from all outcomes at each date as
/// [`score_outcomes`] does.
#[derive(Clone, Debug)]
struct Sweep {
    t: NaiveDate,
    outcomes: Vec<Scored>,
    open: Vec<OpenContract>,
    /// Per contract, the windows it counts in at `t` (bit [`Window::index`]) and what it adds.
    bits: Vec<u8>,
    parts: Vec<Option<Part>>,
    /// The counted outcomes of ended contracts by outcome date, with their contract index.
    ended_by_date: Vec<(NaiveDate, usize)>,
    tallies: Option<RunningTallies>,
    /// Outcomes the legacy pattern rule could count.
    pattern_candidates: usize,
}

impl Sweep {
    fn new(base: &[Scored], open: Vec<OpenContract>, from: NaiveDate) -> Sweep {
        let n = base.len();
        let mut is_open = vec![false; n];
        for o in &open {
            is_open[o.index] = true;
        }
        let mut ended_by_date: Vec<(NaiveDate, usize)> = (0..n)
            .filter(|&i| !is_open[i] && base[i].outcome.class.is_counted())
            .filter_map(|i| Some((base[i].outcome.outcome_date?, i)))
            .collect();
        ended_by_date.sort_unstable();
        let mut sweep = Sweep {
            t: from,
            outcomes: base.to_vec(),
            open,
            bits: vec![0; n],
            parts: vec![None; n],
            ended_by_date,
            tallies: (n <= MAX_CONTRACTS).then(RunningTallies::default),
            pattern_candidates: base
                .iter()
                .filter(|s| s.outcome.pattern_class.is_some())
                .count(),
        };
        let bounds = Bounds::at(from);
        for i in 0..n {
            sweep.update_bits(i, &bounds, None);
        }
        sweep
    }

    fn advance(
        &mut self,
        t: NaiveDate,
        context: &Context,
        mut exits: Option<&mut Vec<(Window, usize)>>,
    ) {
        if t <= self.t {
            return;
        }
        let (before, after) = (Bounds::at(self.t), Bounds::at(t));
        let mut ranges = vec![(self.t.succ_opt().unwrap_or(t), t)];
        for w in Window::ALL {
            let start = |b: &Bounds| b.start(w).unwrap_or(NaiveDate::MIN);
            if start(&before) < start(&after) {
                ranges.push((
                    start(&before),
                    start(&after).pred_opt().unwrap_or(NaiveDate::MIN),
                ));
            }
        }
        ranges.retain(|(lo, hi)| lo <= hi);
        let mut touched: Vec<usize> = Vec::new();
        for k in 0..self.open.len() {
            let open = &mut self.open[k];
            let i = open.index;
            let key = open.breakpoint_for(t, context.from);
            if open.cached_for != Some(key) {
                open.cached_for = Some(key);
                let (client, flagged) = context.clients[i];
                let outcome =
                    classify(&context.scenario.contracts[i], flagged, key, context.params);
                let was_candidate = self.outcomes[i].outcome.pattern_class.is_some();
                self.pattern_candidates = self.pattern_candidates - usize::from(was_candidate)
                    + usize::from(outcome.pattern_class.is_some());
                self.outcomes[i] = Scored { outcome, client };
                touched.push(i);
            } else if let Some(d) = self.outcomes[i].outcome.outcome_date {
                if ranges.iter().any(|(lo, hi)| *lo <= d && d <= *hi) {
                    touched.push(i);
                }
            }
        }
        for (lo, hi) in &ranges {
            let first = self.ended_by_date.partition_point(|(d, _)| d < lo);
            let last = self.ended_by_date.partition_point(|(d, _)| d <= hi);
            touched.extend(self.ended_by_date[first..last].iter().map(|(_, i)| *i));
        }
        for i in touched {
            self.update_bits(i, &after, exits.as_deref_mut());
        }
        self.t = t;
    }

    /// Brings contract `i`'s windows and part up to `bounds`, noting each window it leaves.
    fn update_bits(&mut self, i: usize, bounds: &Bounds, exits: Option<&mut Vec<(Window, usize)>>) {
        let s = self.outcomes[i];
        let bits = window_bits(&s, bounds);
        let part = (bits != 0)
            .then(|| Part::of(s.outcome.class, s.outcome.weight, s.client))
            .flatten();
        if bits != 0 && part.is_none() {
            // A weight without exact units: the tallies cannot be kept exactly.
            self.tallies = None;
        }
        let (old_bits, old_part) = (self.bits[i], self.parts[i]);
        if (old_bits, old_part) == (bits, part) {
            return;
        }
        for w in Window::ALL {
            let bit = 1u8 << w.index();
            if let Some(tallies) = &mut self.tallies {
                if let (true, Some(p)) = (old_bits & bit != 0, old_part) {
                    tallies.remove(w, p);
                }
                if let (true, Some(p)) = (bits & bit != 0, part) {
                    tallies.add(w, p);
                }
            }
        }
        if let Some(exits) = exits {
            exits.extend(
                Window::ALL
                    .into_iter()
                    .filter(|w| old_bits & !bits & (1u8 << w.index()) != 0)
                    .map(|w| (w, i)),
            );
        }
        self.bits[i] = bits;
        self.parts[i] = part;
    }

    fn scores(&self, params: &Params) -> WindowScores {
        match &self.tallies {
            Some(tallies) if !(params.no_feedback_pattern_rule && self.pattern_candidates > 0) => {
                tallies.tallies().scores(params)
            }
            _ => score_outcomes(&self.outcomes, &Bounds::at(self.t), params),
        }
    }
}

/// The windows (bit [`Window::index`]) whose tallies count an outcome at `bounds`.
fn window_bits(s: &Scored, bounds: &Bounds) -> u8 {
    let date = s
        .outcome
        .outcome_date
        .filter(|_| s.outcome.class.is_counted());
    Window::ALL.iter().fold(0u8, |bits, w| match date {
        Some(d) if bounds.contains(*w, d) => bits | 1 << w.index(),
        _ => bits,
    })
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

/// The cliff calendar with, for each of its days, the scores the displayed score was taken
/// from (each window and trending, as computed on the day's calculation date): what a chart
/// of every window draws, from one sweep through the 24 months.
pub fn cliff_forecast(
    scenario: &Scenario,
    params: &Params,
    from: NaiveDate,
) -> (CliffCalendar, Vec<WindowScores>) {
    let to = from.checked_add_months(Months::new(24)).unwrap_or(from);
    let mut frozen = Frozen::new(scenario, params, from);
    let (days, scores): (Vec<DayScore>, Vec<WindowScores>) = from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|date| {
            let scores = frozen.scores_at(calculation_date(date, params));
            let day = DayScore {
                date,
                score: scores.displayed,
            };
            (day, scores)
        })
        .unzip();
    let changes = changes_of(&days);
    let calendar = CliffCalendar {
        from,
        days,
        changes,
    };
    (calendar, scores)
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
    let n = frozen.scenario().contracts.len();
    // Each exit as (day, window × n + contract): sorting these pairs orders the exits by date,
    // window and contract, with the one sort the sweep already uses for its dates.
    let mut keyed: Vec<(NaiveDate, usize)> = Vec::new();
    let mut lost: Vec<(Window, usize)> = Vec::new();
    let mut day = from;
    while let Some(next) = add_days(day, 1).filter(|d| *d <= to) {
        day = next;
        lost.clear();
        frozen.advance(day, Some(&mut lost));
        keyed.extend(lost.iter().map(|(w, i)| (day, w.index() * n + i)));
    }
    keyed.sort_unstable();
    keyed
        .into_iter()
        .map(|(date, key)| WindowExit {
            date,
            contract: frozen.scenario().contracts[key % n].id.clone(),
            window: Window::ALL[key / n],
        })
        .collect()
}
