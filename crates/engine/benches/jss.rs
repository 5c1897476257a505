//! JSS benchmarks: scoring 10,000 contracts at one date, the Monte Carlo re-scoring path, the
//! 24-month cliff calendar for 1,000 contracts, and what the `jss` command does with a long
//! history (parse the file, the score report, the timeline) at 1,000 and 10,000 contracts.
//!
//! Every scenario is `simulate::workload::long_history` with one seed, so the sizes differ
//! only in how many contracts the same stream draws.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use jss_engine::jss::classify;
use jss_engine::jss::cliff::cliff_calendar;
use jss_engine::jss::evaluate::{classify_all, contract_clients, scores_at};
use jss_engine::jss::score_report;
use jss_engine::jss::window::{Bounds, Tallies};
use jss_engine::rules::Params;
use jss_engine::scenario::export::to_json_string;
use jss_engine::scenario::parse::parse_str;
use jss_engine::simulate::workload::{as_of, long_history};
use jss_engine::timeline::{timeline, DEFAULT_DAYS};

const SEED: u64 = 20_261_127;

fn bench_score(c: &mut Criterion) {
    let scenario = long_history(10_000, SEED);
    let params = Params::resolve(&scenario.rules);
    let t = as_of();
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
    let scenario = long_history(1_000, SEED);
    let params = Params::resolve(&scenario.rules);
    c.bench_function("jss/24-month cliff calendar, 1,000 contracts", |b| {
        b.iter(|| black_box(cliff_calendar(black_box(&scenario), &params, as_of())))
    });
}

/// The `jss` command's steps on a long history, each at 1,000 and 10,000 contracts: the file's
/// text to a validated scenario (`parse_str`, as `jss score FILE` reads it), the score report
/// as of the scenario's date (`jss score`), and the default 120-day timeline (`jss timeline`).
fn bench_long_history(c: &mut Criterion) {
    let mut group = c.benchmark_group("long history");
    group.sample_size(10);
    for contracts in [1_000, 10_000] {
        let scenario = long_history(contracts, SEED);
        let text = to_json_string(&scenario);
        let at = as_of();
        group.bench_with_input(BenchmarkId::new("parse", contracts), &text, |b, text| {
            b.iter(|| parse_str(black_box(text)).map(|s| s.contracts.len()))
        });
        group.bench_with_input(
            BenchmarkId::new("score", contracts),
            &scenario,
            |b, scenario| b.iter(|| score_report(black_box(scenario), at).contracts.len()),
        );
        group.bench_with_input(
            BenchmarkId::new("timeline", contracts),
            &scenario,
            |b, scenario| {
                b.iter(|| timeline(black_box(scenario), at, DEFAULT_DAYS).map(|rows| rows.len()))
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_score, bench_cliffs, bench_long_history);
criterion_main!(benches);
