//! Ranking strategies, with reasons in plain words that name contracts, windows and dates.
//!
//! Criterion: the highest P(JSS ≥ 90) at the ranking week (default week 12), then the higher
//! median at that week, then the higher median at the horizon, then the higher P(Top Rated) at
//! the horizon; a full tie keeps the listing order. Comparisons are exact on integer counts.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::format::date;
use crate::jss::cliff::window_exits;
use crate::jss::outcome::{classify, Reason};
use crate::money::Money;
use crate::scenario::{End, EndReason, Party};
use crate::simulate::compile::{ContractPlan, ItemKind};
use crate::simulate::ledger_run::{LedgerPlan, MoneyKind};
use crate::simulate::report::{at_least, percentile, share, StrategyReport};
use crate::simulate::run::Simulation;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    /// The ranking rule in words.
    pub criterion: String,
    pub best: String,
    pub ranking: Vec<Ranked>,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub rank: u32,
    pub name: String,
    pub p_at_least_90: f64,
    pub p50: Option<u8>,
    pub p50_horizon: Option<u8>,
    pub p_top_rated_horizon: f64,
}

struct Key {
    at_least_90: u64,
    n: u64,
    p50: Option<u8>,
    p50_horizon: Option<u8>,
    top_rated: u64,
}

fn key(report: &StrategyReport, week: usize) -> Key {
    let last = report.histograms.len().saturating_sub(1);
    let h = &report.histograms[week.min(last)];
    Key {
        at_least_90: at_least(h, 90),
        n: report.trials_done,
        p50: percentile(h, 50),
        p50_horizon: percentile(&report.histograms[last], 50),
        top_rated: report.top_rated_counts.get(last).copied().unwrap_or(0),
    }
}

/// Better first. Shares compare by cross-multiplication, exact for any counts.
fn compare(a: &Key, b: &Key) -> Ordering {
    let ratio = |x: u64, nx: u64, y: u64, ny: u64| {
        (u128::from(y) * u128::from(nx)).cmp(&(u128::from(x) * u128::from(ny)))
    };
    ratio(a.at_least_90, a.n, b.at_least_90, b.n)
        .then_with(|| b.p50.cmp(&a.p50))
        .then_with(|| b.p50_horizon.cmp(&a.p50_horizon))
        .then_with(|| ratio(a.top_rated, a.n, b.top_rated, b.n))
}

pub(crate) fn recommend(sim: &Simulation, reports: &[StrategyReport]) -> Option<Recommendation> {
    if reports.is_empty() || reports.iter().all(|r| r.trials_done == 0) {
        return None;
    }
    let weeks = sim.setup.dates.len();
    let week = (sim.rank_week as usize).min(weeks.saturating_sub(1));
    let week_date = sim.setup.dates[week];
    let keys: Vec<Key> = reports.iter().map(|r| key(r, week)).collect();
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by(|&a, &b| compare(&keys[a], &keys[b]).then(a.cmp(&b)));
    let ranking = order
        .iter()
        .enumerate()
        .map(|(i, &s)| Ranked {
            rank: u32::try_from(i + 1).unwrap_or(u32::MAX),
            name: reports[s].name.clone(),
            p_at_least_90: share(keys[s].at_least_90, keys[s].n),
            p50: keys[s].p50,
            p50_horizon: keys[s].p50_horizon,
            p_top_rated_horizon: share(keys[s].top_rated, keys[s].n),
        })
        .collect();
    let mut reasons = vec![headline(reports, &keys, &order, week, week_date)];
    reasons.extend(identical_groups(reports));
    reasons.extend(contract_reasons(sim));
    reasons.extend(cliff_reasons(sim));
    reasons.extend(money_reasons(reports));
    reasons.extend(earnings_reason(sim));
    Some(Recommendation {
        criterion: format!(
            "highest P(JSS ≥ 90) at week {week} ({}), then the higher median at week {week}, then the higher median at the horizon, then the higher P(Top Rated) at the horizon",
            date(week_date)
        ),
        best: reports[order[0]].name.clone(),
        ranking,
        reasons,
    })
}

fn percent(count: u64, n: u64) -> String {
    format!("{:.1}%", share(count, n) * 100.0)
}

fn score_text(score: Option<u8>) -> String {
    score.map_or_else(|| "no score".to_owned(), |s| s.to_string())
}

fn headline(
    reports: &[StrategyReport],
    keys: &[Key],
    order: &[usize],
    week: usize,
    week_date: NaiveDate,
) -> String {
    let best = order[0];
    let kb = &keys[best];
    let mut text = format!(
        "«{}» ranks first: P(JSS ≥ 90) on {} (week {week}) is {}, median JSS {}",
        reports[best].name,
        date(week_date),
        percent(kb.at_least_90, kb.n),
        score_text(kb.p50)
    );
    if let Some(&next) = order.get(1) {
        let kn = &keys[next];
        let tie = compare(kb, kn) == Ordering::Equal;
        let gap = (share(kb.at_least_90, kb.n) - share(kn.at_least_90, kn.n)).abs() * 100.0;
        let margin = two_standard_errors_points(kb, kn);
        let note = if tie {
            " (a tie, kept in listing order)".to_owned()
        } else if gap > 0.0 && gap <= margin {
            format!(
                " (the gap of {gap:.1} points is within sampling error, ±{margin:.1} at two standard errors: more trials or another seed could swap the two)"
            )
        } else {
            String::new()
        };
        text.push_str(&format!(
            "; next is «{}» with {}, median {}{note}",
            reports[next].name,
            percent(kn.at_least_90, kn.n),
            score_text(kn.p50),
        ));
    }
    text.push('.');
    text
}

/// Two standard errors of the difference between two strategies' P(JSS ≥ 90), in percentage
/// points. Each strategy's trials draw from their own streams (`sample::trial_rng` keys them by
/// strategy), so the two shares are independent and their variances add.
fn two_standard_errors_points(a: &Key, b: &Key) -> f64 {
    let variance = |k: &Key| {
        if k.n == 0 {
            return 0.0;
        }
        let p = share(k.at_least_90, k.n);
        p * (1.0 - p) / k.n as f64
    };
    200.0 * (variance(a) + variance(b)).sqrt()
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
                "ending {} without client feedback leaves it excluded (MODEL §3.1.4), so it changes the score only if the client comes back within {window} days and rates it",
                c.id
            ),
            Reason::LongTerm { first_payment, last_payment, max_gap_days } => format!(
                "ending {} without feedback makes it a positive long-term outcome dated on its end day (MODEL §3.1.3: payments {} … {}, none more than {max_gap_days} days apart), weight {}",
                c.id, date(first_payment), date(last_payment), if_ended.weight
            ),
            other => format!("ending {} now: {}", c.id, other.text()),
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
            c.id
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
                e.contract,
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
        "Top Rated on {} also needs {} earned in the 12 months before it; the contracts on record earn at most {} in that time if no more hours are billed on open hourly contracts, {tail}.",
        date(sim.setup.horizon_end()),
        params.top_rated_min_earnings,
        Money::from_cents(best)
    )]
}

/// Escrow returned to clients, per strategy, in its most frequent money outcome.
fn money_reasons(reports: &[StrategyReport]) -> Vec<String> {
    reports
        .iter()
        .filter_map(|r| {
            let outcome = r.money.outcomes.first()?;
            let refunds: Vec<String> = outcome
                .events
                .iter()
                .filter(|e| e.kind == MoneyKind::Refunded)
                .map(|e| format!("{} of {} on {}", e.amount, e.contract, date(e.date)))
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

    fn key(at_least_90: u64, n: u64) -> Key {
        Key {
            at_least_90,
            n,
            p50: None,
            p50_horizon: None,
            top_rated: 0,
        }
    }

    /// Two standard errors, in points, for `(count, trials)` pairs.
    fn check(a: (u64, u64), b: (u64, u64), expected_points: f64) {
        let got = two_standard_errors_points(&key(a.0, a.1), &key(b.0, b.1));
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
