//! Windows, per-window tallies and the displayed score (MODEL.md §3.4).
//!
//! This is the hot path of a Monte Carlo: [`Tallies`] is a small `Copy` value built from
//! precomputed outcomes without allocation, two tallies merge with [`Tallies::merge`], and
//! [`Tallies::scores`] turns one into the window scores and the displayed JSS. A simulation can
//! therefore tally the fixed history once per evaluation date and add only the few outcomes a
//! trial changes.
//!
//! The legacy no-feedback pattern rule depends on every contract of a window at once, so it has
//! its own (allocating) path, [`memberships`]; [`score_outcomes`] picks the right path.

use chrono::{Months, NaiveDate};

use crate::jss::outcome::{Class, Outcome};
use crate::rules::{Params, MAX_TRACKED_CLIENTS};

/// A JSS window of calendar months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Window {
    M3,
    M6,
    M12,
    M24,
}

impl Window {
    /// Shortest first; each window contains the previous ones.
    pub const ALL: [Window; 4] = [Window::M3, Window::M6, Window::M12, Window::M24];

    pub fn months(self) -> u32 {
        match self {
            Window::M3 => 3,
            Window::M6 => 6,
            Window::M12 => 12,
            Window::M24 => 24,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Window::M3 => "3m",
            Window::M6 => "6m",
            Window::M12 => "12m",
            Window::M24 => "24m",
        }
    }

    pub fn index(self) -> usize {
        match self {
            Window::M3 => 0,
            Window::M6 => 1,
            Window::M12 => 2,
            Window::M24 => 3,
        }
    }
}

impl serde::Serialize for Window {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.label())
    }
}

impl serde::Serialize for Winner {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.label())
    }
}

/// Which score the displayed JSS came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Winner {
    M24,
    M12,
    M6,
    Trending,
}

impl Winner {
    pub fn label(self) -> &'static str {
        match self {
            Winner::M24 => "24m",
            Winner::M12 => "12m",
            Winner::M6 => "6m",
            Winner::Trending => "trending",
        }
    }
}

/// The first day of window `w` at `t`: `t − W months` (chrono clamps to the month's last day,
/// so 2026-05-31 − 3 months = 2026-02-28). `None` only below chrono's range, meaning "no lower
/// bound".
pub fn window_start(t: NaiveDate, w: Window) -> Option<NaiveDate> {
    t.checked_sub_months(Months::new(w.months()))
}

/// The first evaluation date at which an outcome dated `outcome_date` is no longer in window
/// `w`: the smallest `t` with `t − W months > outcome_date`. This is usually
/// `outcome_date + W months + 1 day`, but month-end clamping can move it (an outcome on
/// 2026-01-31 stays in the 1-month window through 2026-02-28 … and leaves on 2026-03-01).
pub fn exit_date(outcome_date: NaiveDate, w: Window) -> Option<NaiveDate> {
    let mut t = outcome_date.checked_add_months(Months::new(w.months()))?;
    // `t − W months` is non-decreasing in `t` and equals `outcome_date` or less at the first
    // candidate, so the exit is within a few days of it.
    for _ in 0..8 {
        match window_start(t, w) {
            Some(start) if start > outcome_date => return Some(t),
            _ => t = t.succ_opt()?,
        }
    }
    None
}

/// The windows' first days at one evaluation date, computed once per date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub t: NaiveDate,
    starts: [Option<NaiveDate>; 4],
}

impl Bounds {
    pub fn at(t: NaiveDate) -> Bounds {
        Bounds {
            t,
            starts: Window::ALL.map(|w| window_start(t, w)),
        }
    }

    /// The first day of window `w` (`None`: no lower bound).
    pub fn start(&self, w: Window) -> Option<NaiveDate> {
        self.starts[w.index()]
    }

    /// `t − W months ≤ outcome_date ≤ t`.
    pub fn contains(&self, w: Window, outcome_date: NaiveDate) -> bool {
        outcome_date <= self.t && self.starts[w.index()].is_none_or(|s| s <= outcome_date)
    }

    /// The shortest window holding the date (the longer ones hold it too).
    pub fn shortest_containing(&self, outcome_date: NaiveDate) -> Option<Window> {
        Window::ALL
            .into_iter()
            .find(|w| self.contains(*w, outcome_date))
    }
}

/// Up to [`MAX_TRACKED_CLIENTS`] distinct client ids: enough to test every client minimum the
/// catalog allows, without allocation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientSet {
    ids: [u32; MAX_TRACKED_CLIENTS],
    len: u8,
}

impl ClientSet {
    pub fn insert(&mut self, client: u32) {
        let len = usize::from(self.len);
        if len < MAX_TRACKED_CLIENTS && !self.ids[..len].contains(&client) {
            self.ids[len] = client;
            self.len += 1;
        }
    }

    /// Distinct clients seen, saturating at [`MAX_TRACKED_CLIENTS`].
    pub fn len(&self) -> u32 {
        u32::from(self.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn merge(&mut self, other: &ClientSet) {
        for id in &other.ids[..usize::from(other.len)] {
            self.insert(*id);
        }
    }
}

/// The sums of one window.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    pub positive_weight: f64,
    pub negative_weight: f64,
    pub total_weight: f64,
    pub n_outcomes: u32,
    pub clients: ClientSet,
}

impl Tally {
    pub fn add(&mut self, class: Class, weight: f64, client: u32) {
        match class {
            Class::Positive => self.positive_weight += weight,
            Class::Negative => self.negative_weight += weight,
            Class::Neutral => {}
            Class::Excluded => return,
        }
        self.total_weight += weight;
        self.n_outcomes = self.n_outcomes.saturating_add(1);
        self.clients.insert(client);
    }

    pub fn merge(&mut self, other: &Tally) {
        self.positive_weight += other.positive_weight;
        self.negative_weight += other.negative_weight;
        self.total_weight += other.total_weight;
        self.n_outcomes = self.n_outcomes.saturating_add(other.n_outcomes);
        self.clients.merge(&other.clients);
    }

    pub fn meets(&self, min_outcomes: u32, min_clients: u32) -> bool {
        self.n_outcomes >= min_outcomes && self.clients.len() >= min_clients
    }

    /// `100 × (Σ positive − Σ negative) / Σ all`, multiplied before dividing so that exact
    /// halves stay exact. `None` when the total weight is not positive.
    pub fn raw_score(&self) -> Option<f64> {
        (self.total_weight > 0.0)
            .then(|| 100.0 * (self.positive_weight - self.negative_weight) / self.total_weight)
    }
}

/// One tally per window, indexed by [`Window::index`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tallies(pub [Tally; 4]);

impl Tallies {
    /// Adds a counted outcome to every window holding its date.
    pub fn add(
        &mut self,
        bounds: &Bounds,
        outcome_date: NaiveDate,
        class: Class,
        weight: f64,
        client: u32,
    ) {
        if let Some(shortest) = bounds.shortest_containing(outcome_date) {
            for tally in &mut self.0[shortest.index()..] {
                tally.add(class, weight, client);
            }
        }
    }

    /// Adds an outcome as classified; excluded outcomes (and pattern candidates) add nothing.
    pub fn add_outcome(&mut self, bounds: &Bounds, outcome: &Outcome, client: u32) {
        if let (true, Some(date)) = (outcome.class.is_counted(), outcome.outcome_date) {
            self.add(bounds, date, outcome.class, outcome.weight, client);
        }
    }

    pub fn merge(&mut self, other: &Tallies) {
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            mine.merge(theirs);
        }
    }

    pub fn get(&self, w: Window) -> &Tally {
        &self.0[w.index()]
    }

    /// The window scores and the displayed JSS.
    pub fn scores(&self, params: &Params) -> WindowScores {
        let windows = self.0.map(|t| {
            t.raw_score()
                .filter(|_| t.meets(params.min_outcomes, params.min_clients))
        });
        let eligible = self.0[Window::M24.index()].meets(
            params.eligibility_min_outcomes,
            params.eligibility_min_clients,
        );
        WindowScores::from_windows(windows, eligible)
    }
}

/// The scores of one evaluation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WindowScores {
    /// Unrounded window scores indexed by [`Window::index`]; `None` without enough outcomes.
    pub windows: [Option<f64>; 4],
    /// `(S6 + S3) / 2` when both exist.
    pub trending: Option<f64>,
    /// The 24-month window holds enough outcomes and clients for any JSS.
    pub eligible: bool,
    /// The largest of S24, S12, S6 and trending, before clamping and rounding.
    pub unrounded: Option<f64>,
    pub winner: Option<Winner>,
    /// The JSS shown: `unrounded` clamped to 0..=100 and rounded half up; `None` = "no score yet".
    pub displayed: Option<u8>,
}

impl WindowScores {
    /// Ties between equal candidates go to the longest window (then trending), so the winner is
    /// deterministic.
    pub fn from_windows(windows: [Option<f64>; 4], eligible: bool) -> WindowScores {
        let [s3, s6, s12, s24] = windows;
        let trending = match (s6, s3) {
            (Some(a), Some(b)) => Some((a + b) / 2.0),
            _ => None,
        };
        let mut best: Option<(f64, Winner)> = None;
        let candidates = [
            (s24, Winner::M24),
            (s12, Winner::M12),
            (s6, Winner::M6),
            (trending, Winner::Trending),
        ];
        for (value, winner) in candidates {
            if let Some(v) = value {
                if best.is_none_or(|(b, _)| v > b) {
                    best = Some((v, winner));
                }
            }
        }
        let best = best.filter(|_| eligible);
        WindowScores {
            windows,
            trending,
            eligible,
            unrounded: best.map(|(v, _)| v),
            winner: best.map(|(_, w)| w),
            displayed: best.map(|(v, _)| round_displayed(v)),
        }
    }

    pub fn window(&self, w: Window) -> Option<f64> {
        self.windows[w.index()]
    }
}

/// Clamps to 0..=100 and rounds half up. A value within 1e-9 of a half rounds up: the score is
/// a quotient of sums of weights, and floating-point error must not turn 89.5 into 89.
pub fn round_displayed(value: f64) -> u8 {
    let clamped = value.clamp(0.0, 100.0);
    (clamped + 0.5 + 1e-9).floor().min(100.0) as u8
}

/// A contract's outcome with the client it belongs to (an index the caller assigns; equal
/// indices mean the same client).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scored {
    pub outcome: Outcome,
    pub client: u32,
}

/// What one contract contributes to one window, after the pattern rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Counted {
    pub class: Class,
    pub weight: f64,
    /// Counted only because the legacy pattern rule selected it.
    pub by_pattern: bool,
}

/// Per contract and window (indexed by [`Window::index`]), what the contract contributes.
pub type Membership = [Option<Counted>; 4];

/// Scores precomputed outcomes at `bounds.t`, choosing the allocation-free path unless the
/// pattern rule has candidates to decide.
pub fn score_outcomes(scored: &[Scored], bounds: &Bounds, params: &Params) -> WindowScores {
    let needs_pattern =
        params.no_feedback_pattern_rule && scored.iter().any(|s| s.outcome.pattern_class.is_some());
    if needs_pattern {
        let members = memberships(scored, bounds, params);
        return tallies_from_memberships(scored, &members).scores(params);
    }
    let mut tallies = Tallies::default();
    for s in scored {
        tallies.add_outcome(bounds, &s.outcome, s.client);
    }
    tallies.scores(params)
}

/// Every contract's contribution to every window, applying the legacy pattern rule.
///
/// The pattern rule, per window: `n` is the number of contracts whose outcome date is in the
/// window and that are counted or ended without feedback; `floor(share × n)` of those may be
/// without feedback; the excess ones, oldest outcome date first, count with their pattern class.
/// Ties between equally old candidates are broken by client index, then weight, then position:
/// candidates equal in all of date, client, weight and class contribute identically, so the
/// score never depends on contract order.
pub fn memberships(scored: &[Scored], bounds: &Bounds, params: &Params) -> Vec<Membership> {
    let mut res: Vec<Membership> = scored
        .iter()
        .map(|s| {
            let date = s.outcome.outcome_date;
            Window::ALL.map(|w| {
                let inside = date.is_some_and(|d| bounds.contains(w, d));
                let (class, weight) = s.outcome.counted(false).filter(|_| inside)?;
                Some(Counted {
                    class,
                    weight,
                    by_pattern: false,
                })
            })
        })
        .collect();
    if !params.no_feedback_pattern_rule {
        return res;
    }
    let mut candidates: Vec<usize> = Vec::new();
    for w in Window::ALL {
        candidates.clear();
        let mut n_window = 0usize;
        for (i, s) in scored.iter().enumerate() {
            let inside = s
                .outcome
                .outcome_date
                .is_some_and(|d| bounds.contains(w, d));
            if !inside {
                continue;
            }
            if s.outcome.class.is_counted() {
                n_window += 1;
            } else if s.outcome.pattern_class.is_some() {
                n_window += 1;
                candidates.push(i);
            }
        }
        let allowed = (params.no_feedback_pattern_share * n_window as f64 + 1e-9).floor() as usize;
        let excess = candidates.len().saturating_sub(allowed);
        candidates.sort_by(|&a, &b| {
            let (x, y) = (&scored[a], &scored[b]);
            (x.outcome.outcome_date, x.client)
                .cmp(&(y.outcome.outcome_date, y.client))
                .then(x.outcome.weight.total_cmp(&y.outcome.weight))
                .then(a.cmp(&b))
        });
        for &i in candidates.iter().take(excess) {
            if let Some((class, weight)) = scored[i].outcome.counted(true) {
                res[i][w.index()] = Some(Counted {
                    class,
                    weight,
                    by_pattern: true,
                });
            }
        }
    }
    res
}

/// Tallies from memberships (the slow path, and the basis of explanations).
pub fn tallies_from_memberships(scored: &[Scored], members: &[Membership]) -> Tallies {
    let mut tallies = Tallies::default();
    for (s, m) in scored.iter().zip(members) {
        for (tally, counted) in tallies.0.iter_mut().zip(m) {
            if let Some(c) = counted {
                tally.add(c.class, c.weight, s.client);
            }
        }
    }
    tallies
}
