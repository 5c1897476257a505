//! The report: weekly percentiles and probabilities per strategy, the horizon histogram, money.
//!
//! Built from integer counts at any time, so a partial run gives a valid (smaller) report.
//! Probabilities are counts divided by trials, rounded to millionths with integer arithmetic.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::money::Money;
use crate::simulate::ledger_run::{MoneyEvent, MoneyKind};
use crate::simulate::recommend::{recommend, Recommendation};
use crate::simulate::run::Simulation;

/// Bin 0 is "no score", bin `1 + s` is a displayed JSS of `s`.
pub(crate) const BINS: usize = 102;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimReport {
    pub at: NaiveDate,
    pub seed: u64,
    pub trials: u32,
    pub horizon_days: u32,
    pub done: u64,
    pub total: u64,
    /// The weekly evaluation dates (Saturdays, the Top Rated check days).
    pub dates: Vec<NaiveDate>,
    pub strategies: Vec<StrategyReport>,
    pub recommendation: Option<Recommendation>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrategyReport {
    pub name: String,
    pub description: String,
    pub trials_done: u64,
    /// Per week; `null` when that share of trials has no score.
    pub p10: Vec<Option<u8>>,
    pub p50: Vec<Option<u8>>,
    pub p90: Vec<Option<u8>>,
    pub p_at_least_90: Vec<f64>,
    pub p_no_score: Vec<f64>,
    pub p_top_rated: Vec<f64>,
    pub horizon: HorizonSummary,
    pub money: MoneySummary,
    /// Per week, trials per bin (bin 0 = no score, bin 1 + s = JSS s): the exact distribution.
    #[serde(skip)]
    pub histograms: Vec<Vec<u64>>,
    #[serde(skip)]
    pub top_rated_counts: Vec<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HorizonSummary {
    pub date: NaiveDate,
    pub p10: Option<u8>,
    pub p50: Option<u8>,
    pub p90: Option<u8>,
    pub p_at_least_90: f64,
    pub p_no_score: f64,
    pub p_top_rated: f64,
    /// The displayed JSS at the horizon: only bins with trials, "no score" first.
    pub histogram: Vec<HistogramBin>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistogramBin {
    pub score: Option<u8>,
    pub trials: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoneySummary {
    #[serde(serialize_with = "usd", deserialize_with = "usd_in")]
    pub mean_released: Money,
    #[serde(serialize_with = "usd", deserialize_with = "usd_in")]
    pub mean_refunded: Money,
    /// Each distinct sequence of escrow moves, most frequent first.
    pub outcomes: Vec<MoneyOutcome>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoneyOutcome {
    pub trials: u64,
    #[serde(serialize_with = "usd", deserialize_with = "usd_in")]
    pub released: Money,
    #[serde(serialize_with = "usd", deserialize_with = "usd_in")]
    pub refunded: Money,
    pub events: Vec<MoneyLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MoneyLine {
    pub date: NaiveDate,
    pub contract: String,
    pub kind: MoneyKind,
    #[serde(serialize_with = "usd", deserialize_with = "usd_in")]
    pub amount: Money,
}

fn usd<S: Serializer>(money: &Money, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(money.to_usd())
}

/// Reads back what `usd` wrote: the app reads reports that the simulator's worker sent.
fn usd_in<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
    let usd = f64::deserialize(deserializer)?;
    Money::from_usd(usd).map_err(serde::de::Error::custom)
}

/// `count / total` rounded half up to millionths; 0 when nothing ran.
pub(crate) fn share(count: u64, total: u64) -> f64 {
    if total == 0 {
        return 0.0;
    }
    let millionths = (u128::from(count) * 1_000_000 + u128::from(total) / 2) / u128::from(total);
    millionths as f64 / 1_000_000.0
}

/// The nearest-rank percentile (`ceil(p × n / 100)`-th smallest), with "no score" lowest.
pub(crate) fn percentile(histogram: &[u64], percent: u64) -> Option<u8> {
    let n: u64 = histogram.iter().sum();
    if n == 0 {
        return None;
    }
    let rank = (percent * n).div_ceil(100).max(1);
    let mut seen = 0u64;
    for (bin, count) in histogram.iter().enumerate() {
        seen += count;
        if seen >= rank {
            return bin.checked_sub(1).and_then(|s| u8::try_from(s).ok());
        }
    }
    None
}

pub(crate) fn at_least(histogram: &[u64], score: u8) -> u64 {
    histogram.iter().skip(1 + usize::from(score)).sum()
}

impl Simulation {
    /// The report of every trial run so far.
    pub fn report(&self) -> SimReport {
        let strategies: Vec<StrategyReport> = (0..self.strategies.len())
            .map(|s| self.strategy_report(s))
            .collect();
        let recommendation = recommend(self, &strategies);
        let progress = self.progress();
        SimReport {
            at: self.setup.at,
            seed: self.seed,
            trials: self.trials,
            horizon_days: u32::try_from(self.setup.dates.len().saturating_sub(1) * 7)
                .unwrap_or(u32::MAX),
            done: progress.done,
            total: progress.total,
            dates: self.setup.dates.clone(),
            strategies,
            recommendation,
        }
    }

    fn strategy_report(&self, s: usize) -> StrategyReport {
        let state = &self.states[s];
        let weeks = self.setup.dates.len();
        let mut histograms = vec![vec![0u64; BINS]; weeks];
        let mut top_rated_counts = vec![0u64; weeks];
        for (sig, &count) in state.sigs.iter().zip(&state.counts) {
            for k in 0..weeks {
                let bin = sig.displayed[k].map_or(0, |d| 1 + usize::from(d.min(100)));
                histograms[k][bin] += count;
                if sig.top_rated[k] {
                    top_rated_counts[k] += count;
                }
            }
        }
        let n = state.done;
        let column = |f: &dyn Fn(&[u64]) -> Option<u8>| histograms.iter().map(|h| f(h)).collect();
        let p_at_least_90 = histograms
            .iter()
            .map(|h| share(at_least(h, 90), n))
            .collect();
        let p_no_score = histograms.iter().map(|h| share(h[0], n)).collect();
        let p_top_rated = top_rated_counts.iter().map(|c| share(*c, n)).collect();
        let last = weeks.saturating_sub(1);
        let empty = vec![0u64; BINS];
        let h = histograms.get(last).unwrap_or(&empty);
        let horizon = HorizonSummary {
            date: self.setup.horizon_end(),
            p10: percentile(h, 10),
            p50: percentile(h, 50),
            p90: percentile(h, 90),
            p_at_least_90: share(at_least(h, 90), n),
            p_no_score: share(h[0], n),
            p_top_rated: share(top_rated_counts.get(last).copied().unwrap_or(0), n),
            histogram: h
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(bin, &trials)| HistogramBin {
                    score: bin.checked_sub(1).and_then(|s| u8::try_from(s).ok()),
                    trials,
                })
                .collect(),
        };
        StrategyReport {
            name: self.strategies[s].name.clone(),
            description: self.strategies[s].description.clone(),
            trials_done: n,
            p10: column(&|h| percentile(h, 10)),
            p50: column(&|h| percentile(h, 50)),
            p90: column(&|h| percentile(h, 90)),
            p_at_least_90,
            p_no_score,
            p_top_rated,
            horizon,
            money: self.money_summary(s),
            histograms,
            top_rated_counts,
        }
    }

    /// The escrow moves of one combination of ledger runs, with the untouched contracts'.
    pub(crate) fn money_events(&self, s: usize, combo: &[u32]) -> Vec<MoneyEvent> {
        let mut events = self.common_money.clone();
        let slots = self.strategies[s]
            .items
            .iter()
            .filter_map(|item| match item {
                crate::simulate::compile::ItemKind::Existing { slot, .. } => Some(*slot),
                crate::simulate::compile::ItemKind::Planned { .. } => None,
            });
        for (slot, &run) in slots.zip(combo) {
            if let Some(r) = self.slots[slot].run_list.get(run as usize) {
                events.extend(r.money.iter().cloned());
            }
        }
        events.sort();
        events
    }

    fn money_summary(&self, s: usize) -> MoneySummary {
        let state = &self.states[s];
        let mut per_combo: BTreeMap<u32, u64> = BTreeMap::new();
        for (sig, &count) in state.sigs.iter().zip(&state.counts) {
            *per_combo.entry(sig.combo).or_default() += count;
        }
        let mut outcomes: Vec<MoneyOutcome> = per_combo
            .into_iter()
            .filter(|(_, trials)| *trials > 0)
            .map(|(combo, trials)| {
                let events = self.money_events(s, &state.combos[combo as usize]);
                let total = |kind| {
                    let cents = events.iter().filter(|e| e.kind == kind);
                    Money::from_cents(cents.map(|e| e.amount.cents()).sum())
                };
                MoneyOutcome {
                    trials,
                    released: total(MoneyKind::Released),
                    refunded: total(MoneyKind::Refunded),
                    events: events
                        .into_iter()
                        .map(|e| MoneyLine {
                            date: e.date,
                            contract: e.contract,
                            kind: e.kind,
                            amount: e.amount,
                        })
                        .collect(),
                }
            })
            .collect();
        outcomes.sort_by(|a, b| {
            b.trials
                .cmp(&a.trials)
                .then_with(|| a.events.cmp(&b.events))
        });
        let mean = |f: &dyn Fn(&MoneyOutcome) -> Money| {
            let total: i128 = outcomes
                .iter()
                .map(|o| i128::from(f(o).cents()) * i128::from(o.trials))
                .sum();
            let n = i128::from(state.done.max(1));
            Money::from_cents(i64::try_from((total + n / 2) / n).unwrap_or(0))
        };
        MoneySummary {
            mean_released: mean(&|o| o.released),
            mean_refunded: mean(&|o| o.refunded),
            outcomes,
        }
    }
}

impl SimReport {
    /// Pretty JSON; the same report always gives the same bytes.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
