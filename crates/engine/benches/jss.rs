//! JSS benchmarks: scoring 10,000 contracts at one date, the Monte Carlo re-scoring path, and
//! the 24-month cliff calendar for 1,000 contracts.

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use jss_engine::jss::classify;
use jss_engine::jss::cliff::cliff_calendar;
use jss_engine::jss::evaluate::{classify_all, contract_clients, scores_at};
use jss_engine::jss::window::{Bounds, Tallies};
use jss_engine::money::Money;
use jss_engine::rules::{Params, Rules};
use jss_engine::scenario::{
    Client, Contract, End, EndReason, Feedback, Party, Payment, Scenario, Stars, Terms,
};

/// A deterministic xorshift generator: benches need no statistical quality, only repeatability.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn date(days_after_2022: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).expect("valid date") + Days::new(days_after_2022)
}

/// `n` contracts over five years from 200 clients: most ended with feedback, some open
/// long-term, some ended without feedback; 1–12 payments each.
fn generated(n: usize) -> Scenario {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let clients = (0..200)
        .map(|i| Client {
            id: format!("c{i}"),
            name: format!("Client {i}"),
            flagged: i % 50 == 0,
        })
        .collect();
    let contracts = (0..n)
        .map(|i| {
            let start = rng.below(1700);
            let length = 10 + rng.below(400);
            let n_payments = 1 + rng.below(12);
            let payments = (0..n_payments)
                .map(|k| Payment {
                    date: date(start + k * length / n_payments),
                    amount: Money::from_cents(1_000 + rng.below(150_000) as i64),
                })
                .collect();
            let kind = rng.below(10);
            let end = (kind < 8).then(|| End {
                date: date(start + length),
                by: Party::Client,
                reason: EndReason::Completed,
            });
            let feedback = (kind < 6).then(|| Feedback {
                date: date(start + length + rng.below(14)),
                stars: Stars::from_hundredths(300 + rng.below(201) as u16).expect("in range"),
                private_score: None,
            });
            Contract {
                id: format!("k{i}"),
                client: format!("c{}", rng.below(200)),
                title: None,
                terms: Terms::Hourly {
                    hourly_rate: Money::from_cents(4_000),
                    weekly_limit_hours: None,
                },
                start: date(start),
                payments,
                refunds: vec![],
                end,
                feedback,
            }
        })
        .collect();
    Scenario {
        as_of: None,
        rules: Rules::default(),
        freelancer_name: None,
        clients,
        contracts,
    }
}

fn bench_score(c: &mut Criterion) {
    let scenario = generated(10_000);
    let params = Params::resolve(&scenario.rules);
    let t = date(1790);
    c.bench_function("jss/score 10,000 contracts at one date", |b| {
        b.iter(|| black_box(scores_at(black_box(&scenario), &params, t)))
    });

    // The Monte Carlo path: the fixed history tallied once, then per trial only three
    // changed contracts are classified and added before scoring.
    let clients = contract_clients(&scenario);
    let scored = classify_all(&scenario, &clients, t, &params);
    let bounds = Bounds::at(t);
    let (fixed, changed) = scored.split_at(scored.len() - 3);
    let mut history = Tallies::default();
    for s in fixed {
        history.add_outcome(&bounds, &s.outcome, s.client);
    }
    let changed_contracts = &scenario.contracts[scenario.contracts.len() - 3..];
    c.bench_function(
        "jss/re-score: fixed tallies + 3 reclassified contracts",
        |b| {
            b.iter(|| {
                let mut tallies = black_box(history);
                for (contract, s) in changed_contracts.iter().zip(changed) {
                    let outcome = classify(contract, false, t, &params);
                    tallies.add_outcome(&bounds, &outcome, s.client);
                }
                black_box(tallies.scores(&params))
            })
        },
    );
}

fn bench_cliffs(c: &mut Criterion) {
    let scenario = generated(1_000);
    let params = Params::resolve(&scenario.rules);
    let from = date(1790);
    c.bench_function("jss/24-month cliff calendar, 1,000 contracts", |b| {
        b.iter(|| black_box(cliff_calendar(black_box(&scenario), &params, from)))
    });
}

criterion_group!(benches, bench_score, bench_cliffs);
criterion_main!(benches);
