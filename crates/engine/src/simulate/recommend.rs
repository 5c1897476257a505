//! Ranking strategies by what the person wants, and the answer in plain words.
//!
//! Goals, in the default order (the person may reorder them): keep the money they are owed (no
//! funded or submitted work refunded to the client), be Top Rated on the ranking date, have a
//! JSS of 90% or more on that date, then the score itself. All are read at the ranking week
//! (default: week 12), the date the headline names.
//!
//! Two rankings come out of the same numbers:
//! - the table's order compares the goals exactly, one after the other (integer counts
//!   compared by cross-multiplication), so it never depends on rounding;
//! - the verdict asks which strategies a person should treat as equally good. Going through
//!   the goals in order, it keeps every strategy whose gap to the best on that goal is within
//!   sampling error (two standard errors of the difference; strategies draw independent
//!   streams, so variances add) or below what a person would call a difference (the
//!   `MATERIAL_*` constants). One strategy is named only when a goal separates it from all the
//!   others; otherwise the strategies left are a tie, listed in the page's order so that the
//!   sentence does not change with the seed.
//!
//! The technical reasons (MODEL sections, weights, window exits) stay in `reasons`, for the
//! "why?" the page keeps one click away.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::format::date;
use crate::jss::cliff::window_exits;
use crate::jss::outcome::{classify, Reason};
use crate::money::Money;
use crate::scenario::names::Names;
use crate::scenario::{End, EndReason, Party};
use crate::simulate::compile::{ContractPlan, ItemKind};
use crate::simulate::ledger_run::{LedgerPlan, MoneyKind};
use crate::simulate::report::{at_least, percentile, share, StrategyReport, BINS};
use crate::simulate::run::Simulation;
use crate::simulate::words::{capitalise, futures, gerund, gerunds, in_100, round_in_100};

/// A gap in P(…) smaller than this many points out of 100 is no difference to a person: the
/// sentences round frequencies to the nearest 5 in that range anyway.
pub const MATERIAL_POINTS: f64 = 2.0;
/// A gap in the mean score smaller than this is no difference.
pub const MATERIAL_SCORE: f64 = 1.0;
/// A gap in the mean money refunded smaller than this many cents is no difference.
pub const MATERIAL_MONEY_CENTS: f64 = 100.0;

/// What the person wants from a strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// No funded or submitted work refunded to the client.
    KeepMoney,
    /// Top Rated on the ranking date.
    TopRated,
    /// A JSS of 90% or more on the ranking date.
    Jss90,
    /// The higher score on the ranking date.
    Score,
}

pub const DEFAULT_PRIORITIES: [Goal; 4] =
    [Goal::KeepMoney, Goal::TopRated, Goal::Jss90, Goal::Score];

impl Goal {
    pub const ALL: [Goal; 4] = DEFAULT_PRIORITIES;

    /// The goal as a person says it, for the priority list.
    pub fn label(self) -> &'static str {
        match self {
            Goal::KeepMoney => "Keep the money I am owed",
            Goal::TopRated => "Be Top Rated",
            Goal::Jss90 => "A JSS of 90% or more",
            Goal::Score => "The highest score",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    /// The ranking rule in words.
    pub criterion: String,
    /// The strategy the plan follows: the winner, or the first of the equally good ones.
    pub best: String,
    /// The strategies that are equally good, in the page's order; one name for a clear winner.
    pub equally_good: Vec<String>,
    /// The answer in one sentence, with the chance, the date, and any money or badge at stake.
    pub headline: String,
    /// One line per other strategy: why it is not recommended.
    pub alternatives: Vec<String>,
    /// The main risk of the recommended course, in words.
    pub risk: Option<String>,
    pub ranking: Vec<Ranked>,
    /// The technical reasons, with the model's sections and dates.
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub rank: u32,
    pub name: String,
    /// What the strategy has the freelancer do, naming contracts by title.
    pub instruction: String,
    pub equally_good: bool,
    /// At the ranking week.
    pub p_at_least_90: f64,
    /// At the ranking week.
    pub p_top_rated: f64,
    pub p50: Option<u8>,
    pub p50_horizon: Option<u8>,
    pub p_top_rated_horizon: f64,
    /// The mean amount of funded work refunded to clients, in dollars.
    pub mean_refunded_usd: f64,
    /// P(any funded work is refunded).
    pub p_refund: f64,
}

/// One strategy's numbers at the ranking week.
struct Metrics {
    n: u64,
    at_least_90: u64,
    top_rated: u64,
    /// Sum and sum of squares of the refunded cents over trials, for the mean and its error.
    refunded_sum: i128,
    refunded_sq_sum: f64,
    refunded_trials: u64,
    /// Mean and variance of the displayed score over trials with a score.
    score_mean: Option<f64>,
    score_var: f64,
    scored: u64,
    p10: Option<u8>,
    p50: Option<u8>,
    p50_horizon: Option<u8>,
    top_rated_horizon: u64,
}

impl Metrics {
    fn of(report: &StrategyReport, week: usize) -> Metrics {
        let last = report.histograms.len().saturating_sub(1);
        let empty = vec![0u64; BINS];
        let h = report.histograms.get(week.min(last)).unwrap_or(&empty);
        let n = report.trials_done;
        let (mut refunded_sum, mut refunded_sq_sum, mut refunded_trials) = (0i128, 0f64, 0u64);
        for o in &report.money.outcomes {
            let cents = o.refunded.cents();
            refunded_sum += i128::from(cents) * i128::from(o.trials);
            refunded_sq_sum += (cents as f64) * (cents as f64) * o.trials as f64;
            if cents > 0 {
                refunded_trials += o.trials;
            }
        }
        let scored: u64 = h.iter().skip(1).sum();
        let (score_mean, score_var) = if scored == 0 {
            (None, 0.0)
        } else {
            let sum: f64 = h
                .iter()
                .enumerate()
                .skip(1)
                .map(|(b, c)| (b - 1) as f64 * *c as f64)
                .sum();
            let mean = sum / scored as f64;
            let sq: f64 = h
                .iter()
                .enumerate()
                .skip(1)
                .map(|(b, c)| ((b - 1) as f64 - mean).powi(2) * *c as f64)
                .sum();
            (Some(mean), sq / scored as f64)
        };
        Metrics {
            n,
            at_least_90: at_least(h, 90),
            top_rated: report
                .top_rated_counts
                .get(week.min(last))
                .copied()
                .unwrap_or(0),
            refunded_sum,
            refunded_sq_sum,
            refunded_trials,
            score_mean,
            score_var,
            scored,
            p10: percentile(h, 10),
            p50: percentile(h, 50),
            p50_horizon: report.histograms.get(last).and_then(|h| percentile(h, 50)),
            top_rated_horizon: report.top_rated_counts.get(last).copied().unwrap_or(0),
        }
    }

    fn mean_refunded_cents(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        self.refunded_sum as f64 / self.n as f64
    }

    /// The variance of the mean refunded amount, in cents squared.
    fn refunded_mean_var(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        let n = self.n as f64;
        let mean = self.mean_refunded_cents();
        ((self.refunded_sq_sum / n - mean * mean).max(0.0)) / n
    }

    fn count(&self, goal: Goal) -> u64 {
        match goal {
            Goal::TopRated => self.top_rated,
            _ => self.at_least_90,
        }
    }
}

/// Better first, exactly: shares by cross-multiplication, sums likewise.
fn compare_on(goal: Goal, a: &Metrics, b: &Metrics) -> Ordering {
    let ratio = |x: u64, nx: u64, y: u64, ny: u64| {
        (u128::from(y) * u128::from(nx)).cmp(&(u128::from(x) * u128::from(ny)))
    };
    match goal {
        // Less refunded is better: a/na < b/nb ⇔ a·nb < b·na.
        Goal::KeepMoney => (a.refunded_sum * i128::from(b.n.max(1)))
            .cmp(&(b.refunded_sum * i128::from(a.n.max(1)))),
        Goal::TopRated | Goal::Jss90 => ratio(a.count(goal), a.n, b.count(goal), b.n),
        Goal::Score => match (a.score_mean, b.score_mean) {
            (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
    }
}

/// Whether `other` is as good as `best` on `goal` for a person: within sampling error or
/// below the material difference.
fn as_good(goal: Goal, best: &Metrics, other: &Metrics) -> bool {
    match goal {
        Goal::KeepMoney => {
            let gap = other.mean_refunded_cents() - best.mean_refunded_cents();
            let error = 2.0 * (best.refunded_mean_var() + other.refunded_mean_var()).sqrt();
            gap <= MATERIAL_MONEY_CENTS.max(error)
        }
        Goal::TopRated | Goal::Jss90 => {
            let p = |m: &Metrics| share(m.count(goal), m.n);
            let gap = (p(best) - p(other)) * 100.0;
            let margin = two_standard_errors_points(
                (best.count(goal), best.n),
                (other.count(goal), other.n),
            );
            gap <= MATERIAL_POINTS.max(margin)
        }
        Goal::Score => match (best.score_mean, other.score_mean) {
            (Some(b), Some(o)) => {
                let var = |m: &Metrics| {
                    if m.scored == 0 {
                        0.0
                    } else {
                        m.score_var / m.scored as f64
                    }
                };
                let error = 2.0 * (var(best) + var(other)).sqrt();
                b - o <= MATERIAL_SCORE.max(error)
            }
            (None, None) => true,
            _ => false,
        },
    }
}

/// Two standard errors of the difference between two shares `(count, trials)`, in percentage
/// points. Each strategy's trials draw from their own streams (`sample::trial_rng` keys them by
/// strategy), so the two shares are independent and their variances add.
fn two_standard_errors_points(a: (u64, u64), b: (u64, u64)) -> f64 {
    let variance = |(count, n): (u64, u64)| {
        if n == 0 {
            return 0.0;
        }
        let p = share(count, n);
        p * (1.0 - p) / n as f64
    };
    200.0 * (variance(a) + variance(b)).sqrt()
}

pub(crate) fn recommend(sim: &Simulation, reports: &[StrategyReport]) -> Option<Recommendation> {
    if reports.is_empty() || reports.iter().all(|r| r.trials_done == 0) {
        return None;
    }
    let weeks = sim.setup.dates.len();
    let week = (sim.rank_week as usize).min(weeks.saturating_sub(1));
    let week_date = sim.setup.dates[week];
    let goals = &sim.priorities;
    let metrics: Vec<Metrics> = reports.iter().map(|r| Metrics::of(r, week)).collect();
    let live: Vec<usize> = (0..reports.len()).filter(|&s| metrics[s].n > 0).collect();

    // The table: exact comparison, goal after goal, then the page's order.
    let mut order = live.clone();
    order.sort_by(|&a, &b| {
        goals
            .iter()
            .map(|g| compare_on(*g, &metrics[a], &metrics[b]))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
            .then(a.cmp(&b))
    });

    // The verdict: keep what is as good as the best, goal after goal; remember where each
    // strategy dropped out, which is what its line will say.
    let mut left = live.clone();
    let mut dropped: Vec<(usize, Goal, usize)> = Vec::new();
    for &goal in goals {
        let Some(&best) = left
            .iter()
            .min_by(|&&a, &&b| compare_on(goal, &metrics[a], &metrics[b]).then(a.cmp(&b)))
        else {
            break;
        };
        let (keep, out): (Vec<usize>, Vec<usize>) = left
            .iter()
            .partition(|&&s| as_good(goal, &metrics[best], &metrics[s]));
        dropped.extend(out.into_iter().map(|s| (s, goal, best)));
        left = keep;
        if left.len() == 1 {
            break;
        }
    }
    left.sort_unstable();
    let tied = left;
    let first = tied[0];

    let ranking = order
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let m = &metrics[s];
            Ranked {
                rank: u32::try_from(i + 1).unwrap_or(u32::MAX),
                name: reports[s].name.clone(),
                instruction: sim.instructions[s].clone(),
                equally_good: tied.contains(&s),
                p_at_least_90: share(m.at_least_90, m.n),
                p_top_rated: share(m.top_rated, m.n),
                p50: m.p50,
                p50_horizon: m.p50_horizon,
                p_top_rated_horizon: share(m.top_rated_horizon, m.n),
                mean_refunded_usd: reports[s].money.mean_refunded.to_usd(),
                p_refund: share(m.refunded_trials, m.n),
            }
        })
        .collect();

    let contracts = sim.slots.len().max(1);
    let headline = headline(sim, reports, &metrics, &tied, week_date, contracts);
    let mut alternatives: Vec<String> = order
        .iter()
        .filter_map(|s| dropped.iter().find(|(d, _, _)| d == s))
        .map(|&(s, goal, best)| {
            alternative(
                sim,
                &reports[s],
                &metrics[s],
                goal,
                &metrics[best],
                week_date,
                contracts,
            )
        })
        .collect();
    alternatives.dedup();
    let risk = risk(&metrics[first], week_date);

    let mut reasons = vec![technical_headline(
        reports, &metrics, &order, week, week_date,
    )];
    reasons.extend(identical_groups(reports));
    reasons.extend(contract_reasons(sim));
    reasons.extend(cliff_reasons(sim));
    reasons.extend(money_reasons(sim, reports));
    reasons.extend(earnings_reason(sim));
    Some(Recommendation {
        criterion: criterion(goals, week_date),
        best: reports[first].name.clone(),
        equally_good: tied.iter().map(|&s| reports[s].name.clone()).collect(),
        headline,
        alternatives,
        risk,
        ranking,
        reasons,
    })
}

fn criterion(goals: &[Goal], week_date: NaiveDate) -> String {
    let words: Vec<String> = goals
        .iter()
        .map(|g| match g {
            Goal::KeepMoney => "no funded or submitted work refunded".to_owned(),
            Goal::TopRated => format!("Top Rated on {}", date(week_date)),
            Goal::Jss90 => format!("a JSS of 90% or more on {}", date(week_date)),
            Goal::Score => "the higher score".to_owned(),
        })
        .collect();
    format!(
        "Ranked by {}, in that order. Strategies less than {MATERIAL_POINTS:.0} in 100 apart, or within sampling error, count as equally good.",
        words.join(", then ")
    )
}

/// One share over the equally good strategies together: more trials, a steadier number.
fn pooled(metrics: &[Metrics], tied: &[usize], count: fn(&Metrics) -> u64) -> f64 {
    let (c, n) = tied.iter().fold((0u64, 0u64), |(c, n), &s| {
        (c + count(&metrics[s]), n + metrics[s].n)
    });
    share(c, n)
}

fn headline(
    sim: &Simulation,
    reports: &[StrategyReport],
    metrics: &[Metrics],
    tied: &[usize],
    week_date: NaiveDate,
    contracts: usize,
) -> String {
    let pooled = |count: fn(&Metrics) -> u64| pooled(metrics, tied, count);
    let jss = pooled(|m| m.at_least_90);
    let any_top_rated = metrics.iter().any(|m| m.top_rated > 0);
    let tr = pooled(|m| m.top_rated);
    let outcome = if any_top_rated && round_in_100(tr) == round_in_100(jss) {
        // The usual case: with the JSS back over 90, the badge follows in the same futures.
        format!(
            "{} your JSS is 90% or more and you are Top Rated on {}",
            futures(jss),
            date(week_date)
        )
    } else {
        format!(
            "{} your JSS is 90% or more on {}",
            futures(jss),
            date(week_date)
        )
    };
    // One strategy is an instruction; equally good ones are a choice, and the outcome then
    // reads as its own sentence.
    let mut text = if let [only] = tied {
        format!("{}: {outcome}", sim.instructions[*only])
    } else {
        let strategies: Vec<&crate::simulate::model::Strategy> =
            tied.iter().map(|&s| &sim.sources[s]).collect();
        format!(
            "Equally good: {}. {}",
            gerunds(&strategies, contracts),
            capitalise(&outcome)
        )
    };
    if any_top_rated && round_in_100(tr) != round_in_100(jss) {
        if tr >= 0.005 {
            text.push_str(&format!("; you are Top Rated then {}", futures(tr)));
        } else {
            text.push_str(", but you are not Top Rated by then");
        }
    }
    text.push('.');
    let refund = pooled(|m| m.refunded_trials);
    if refund > 0.0 {
        let amount = tied
            .iter()
            .filter_map(|&s| reports[s].money.outcomes.iter().map(|o| o.refunded).max())
            .max()
            .unwrap_or(Money::ZERO);
        text.push_str(&format!(
            " Funded work goes back to the client {} (up to {amount}).",
            futures(refund)
        ));
    } else {
        let refunders: Vec<&crate::simulate::model::Strategy> = (0..reports.len())
            .filter(|s| metrics[*s].refunded_trials > 0)
            .map(|s| &sim.sources[s])
            .collect();
        if !refunders.is_empty() {
            text.push_str(&format!(
                " No funded work goes back to a client, unlike {}.",
                crate::scenario::names::join_or(
                    &refunders
                        .iter()
                        .map(|s| gerund(s, contracts))
                        .collect::<Vec<_>>()
                )
            ));
        }
    }
    text
}

fn alternative(
    sim: &Simulation,
    report: &StrategyReport,
    m: &Metrics,
    goal: Goal,
    best: &Metrics,
    week_date: NaiveDate,
    contracts: usize,
) -> String {
    let s = sim
        .sources
        .iter()
        .find(|s| s.name == report.name)
        .map_or_else(|| format!("“{}”", report.name), |s| gerund(s, contracts));
    let why = match goal {
        Goal::KeepMoney => {
            let amount = report
                .money
                .outcomes
                .iter()
                .map(|o| o.refunded)
                .max()
                .unwrap_or(Money::ZERO);
            format!(
                "sends funded work back to the client {} (up to {amount})",
                futures(share(m.refunded_trials, m.n))
            )
        }
        Goal::TopRated => format!(
            "Top Rated on {} {}, against {}",
            date(week_date),
            futures(share(m.top_rated, m.n)),
            in_100(share(best.top_rated, best.n))
        ),
        Goal::Jss90 => format!(
            "a JSS of 90% or more on {} {}, against {}",
            date(week_date),
            futures(share(m.at_least_90, m.n)),
            in_100(share(best.at_least_90, best.n))
        ),
        Goal::Score => format!(
            "a lower score on {}: typically {}, against {}",
            date(week_date),
            score_text(m.p50),
            score_text(best.p50)
        ),
    };
    format!("{}: {why}.", capitalise(&s))
}

fn risk(m: &Metrics, week_date: NaiveDate) -> Option<String> {
    let below = 1.0 - share(m.at_least_90, m.n);
    if below < 0.005 {
        return None;
    }
    let mut text = format!(
        "{} your JSS is still below 90 on {}",
        capitalise(&futures(below)),
        date(week_date)
    );
    if let Some(p10) = m.p10.filter(|p| *p < 90) {
        text.push_str(&format!("; in the worst 1 in 10 it is {p10} or lower"));
    }
    text.push('.');
    Some(text)
}

fn percent(count: u64, n: u64) -> String {
    format!("{:.1}%", share(count, n) * 100.0)
}

fn score_text(score: Option<u8>) -> String {
    score.map_or_else(|| "no score".to_owned(), |s| s.to_string())
}

/// The exact comparison of the first two in the table, with the sampling margin.
fn technical_headline(
    reports: &[StrategyReport],
    metrics: &[Metrics],
    order: &[usize],
    week: usize,
    week_date: NaiveDate,
) -> String {
    let best = order[0];
    let kb = &metrics[best];
    let mut text = format!(
        "«{}» ranks first in the table: P(JSS ≥ 90) on {} (week {week}) is {}, P(Top Rated) {}, median JSS {}",
        reports[best].name,
        date(week_date),
        percent(kb.at_least_90, kb.n),
        percent(kb.top_rated, kb.n),
        score_text(kb.p50)
    );
    if let Some(&next) = order.get(1) {
        let kn = &metrics[next];
        let margin = two_standard_errors_points((kb.at_least_90, kb.n), (kn.at_least_90, kn.n));
        text.push_str(&format!(
            "; next is «{}» with {}, P(Top Rated) {}, median {} (two standard errors of the difference in P(JSS ≥ 90): ±{margin:.1} points)",
            reports[next].name,
            percent(kn.at_least_90, kn.n),
            percent(kn.top_rated, kn.n),
            score_text(kn.p50),
        ));
    }
    text.push('.');
    text
}

/// Strategies whose JSS distribution is the same at every week.
fn identical_groups(reports: &[StrategyReport]) -> Vec<String> {
    let mut seen = vec![false; reports.len()];
    let mut res = Vec::new();
    for i in 0..reports.len() {
        if seen[i] {
            continue;
        }
        let same: Vec<usize> = (i + 1..reports.len())
            .filter(|&j| same_distribution(&reports[i], &reports[j]))
            .collect();
        if same.is_empty() {
            continue;
        }
        let mut names = vec![format!("«{}»", reports[i].name)];
        for &j in &same {
            seen[j] = true;
            names.push(format!("«{}»", reports[j].name));
        }
        res.push(format!(
            "{} give the same JSS distribution at every week: between them, the timing does not move the score.",
            names.join(" and ")
        ));
    }
    res
}

fn same_distribution(a: &StrategyReport, b: &StrategyReport) -> bool {
    a.trials_done == b.trials_done && a.histograms == b.histograms
}

/// What ending (or leaving) each varying contract does on its own, from the real classifier.
fn contract_reasons(sim: &Simulation) -> Vec<String> {
    let setup = &sim.setup;
    let window = setup.params.feedback_window_days;
    let mut res = Vec::new();
    for slot in &sim.slots {
        let c = &slot.contract;
        let name = sim.history.name_of(c);
        let mut ended = c.clone();
        ended.end = Some(End {
            date: setup.at,
            by: Party::Freelancer,
            reason: EndReason::ClientUnresponsive,
        });
        let if_ended = classify(&ended, slot.flagged, setup.at, &setup.params);
        let if_open = classify(c, slot.flagged, setup.at, &setup.params);
        let returns = behaviour_returns(sim, &c.id);
        let ended_text = match if_ended.reason {
            Reason::EndedWithoutFeedback => format!(
                "ending it without client feedback leaves it out of the score (MODEL §3.1.4), so it changes the score only if the client comes back within {window} days and rates it"
            ),
            Reason::LongTerm { first_payment, last_payment, max_gap_days } => format!(
                "ending it without feedback makes it a positive long-term outcome dated on its end day (MODEL §3.1.3: payments {} … {}, none more than {max_gap_days} days apart), weight {}",
                date(first_payment), date(last_payment), if_ended.weight
            ),
            other => format!("ending it now: {}", other.text()),
        };
        let open_text = format!(
            "left open it is {} ({})",
            if_open.class.as_str(),
            if_open.reason.text()
        );
        let returns_text = returns.map_or(String::new(), |r| {
            format!(
                "; P(the client comes back) is {}",
                percent(u64::from(r), 1_000_000)
            )
        });
        res.push(format!(
            "{}: {ended_text}; {open_text}{returns_text}.",
            capitalise(&name)
        ));
    }
    res
}

fn behaviour_returns(sim: &Simulation, id: &str) -> Option<u32> {
    sim.strategies
        .iter()
        .flat_map(|s| &s.items)
        .find_map(|item| match item {
            ItemKind::Existing {
                slot,
                behaviour,
                plan,
            } if sim.slots[*slot].contract.id == id => {
                let acts = !matches!(plan, ContractPlan::Ledger(LedgerPlan::Idle));
                acts.then_some(behaviour.returns_ppm)
            }
            _ => None,
        })
}

/// The next window exits of counted outcomes in the untouched history: the cliffs.
fn cliff_reasons(sim: &Simulation) -> Vec<String> {
    let exits = window_exits(&sim.history, sim.setup.at, sim.setup.horizon_end());
    let listed: Vec<String> = exits
        .iter()
        .filter(|e| e.window.months() >= 6)
        .take(4)
        .map(|e| {
            format!(
                "{} leaves the {} window on {}",
                sim.history.contract_name(&e.contract),
                e.window.label(),
                date(e.date)
            )
        })
        .collect();
    if listed.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "Whatever you do, time moves the score: {}.",
        listed.join("; ")
    )]
}

/// Top Rated at the horizon also needs recent earnings (MODEL §4); when the contracts on record
/// cannot supply them, no closing strategy can, and a P(Top Rated) of 0 beside a median JSS of
/// 100 needs saying why.
fn earnings_reason(sim: &Simulation) -> Vec<String> {
    let params = &sim.setup.params;
    let best = sim.best_earnings_12m_at_horizon_cents();
    if best >= params.top_rated_min_earnings.cents() {
        return Vec::new();
    }
    let planned = sim.strategies.iter().any(|s| {
        s.items
            .iter()
            .any(|item| matches!(item, ItemKind::Planned { .. }))
    });
    let tail = if planned {
        "so only new work (planned work, or the job a pairing strategy assumes) can earn the rest"
    } else {
        "so without new work no strategy is Top Rated then (add planned work to see its effect)"
    };
    // The simulator bills no further hours on open hourly contracts, so say it is an assumption.
    vec![format!(
        "Top Rated on {} also needs {} earned in the {} months before it; the contracts on record earn at most {} in that time if no more hours are billed on open hourly contracts, {tail}.",
        date(sim.setup.horizon_end()),
        params.top_rated_min_earnings,
        crate::jss::top_rated::EARNINGS_MONTHS,
        Money::from_cents(best)
    )]
}

/// Escrow returned to clients, per strategy, in its most frequent money outcome.
fn money_reasons(sim: &Simulation, reports: &[StrategyReport]) -> Vec<String> {
    let names = Names::new(&sim.history);
    reports
        .iter()
        .filter_map(|r| {
            let outcome = r.money.outcomes.first()?;
            let refunds: Vec<String> = outcome
                .events
                .iter()
                .filter(|e| e.kind == MoneyKind::Refunded)
                .map(|e| {
                    format!(
                        "{} of {} on {}",
                        e.amount,
                        names.contract(&e.contract),
                        date(e.date)
                    )
                })
                .collect();
            (!refunds.is_empty()).then(|| {
                format!(
                    "«{}» returns escrow to clients ({} of trials): {}.",
                    r.name,
                    percent(outcome.trials, r.trials_done),
                    refunds.join(", ")
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two standard errors, in points, for `(count, trials)` pairs.
    fn check(a: (u64, u64), b: (u64, u64), expected_points: f64) {
        let got = two_standard_errors_points(a, b);
        assert!(
            (got - expected_points).abs() < 0.005,
            "{a:?} vs {b:?}: {got} points, expected {expected_points}"
        );
    }

    #[test]
    fn the_sampling_margin_shrinks_with_trials_and_vanishes_at_certainty() {
        // 50% and 40% of 1,000: 200 × √(0.25/1000 + 0.24/1000).
        check((500, 1_000), (400, 1_000), 4.427);
        // A hundred times the trials, a tenth of the margin.
        check((50_000, 100_000), (40_000, 100_000), 0.4427);
        // Certain outcomes vary not at all.
        check((1_000, 1_000), (0, 1_000), 0.0);
        // A strategy with no trials yet adds nothing.
        check((500, 1_000), (0, 0), 200.0 * (0.25f64 / 1_000.0).sqrt());
    }
}
