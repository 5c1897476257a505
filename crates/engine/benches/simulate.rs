//! The simulator's performance goal: 10,000 trials × 6 strategies × 104 weeks on a 50-contract
//! history with 2 open, silent hourly contracts, in under a second on one core. The workload
//! lives in the library (`simulate::workload`) so the browser benchmark runs the same one.
//!
//! Then how a simulation grows with the history: `jss simulate` on the seeded long history
//! (`workload::long_history`) at 1,000 and 10,000 contracts, deciding about the same number of
//! contracts (the first two silent ones) with 1,000 trials over the default 52 weeks.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use jss_engine::simulate::attention::silent_contracts;
use jss_engine::simulate::workload::{as_of, config, full_run, history, long_history};
use jss_engine::simulate::{simulate_json, BehaviourPreset, SimOptions};

const SEED: u64 = 20_261_127;
const LONG_HISTORY_TRIALS: u32 = 1_000;

fn bench(c: &mut Criterion) {
    let scenario = history();
    let mut group = c.benchmark_group("simulate 10k trials x 6 strategies x 104 weeks");
    group.sample_size(10);
    for behaviour in [BehaviourPreset::Vanished, BehaviourPreset::Happy] {
        let config = config(&scenario, behaviour);
        group.bench_function(behaviour.as_str(), |b| {
            b.iter(|| full_run(black_box(&scenario), black_box(&config)))
        });
    }
    group.finish();
}

fn bench_long_history(c: &mut Criterion) {
    let mut group = c.benchmark_group("long history");
    group.sample_size(10);
    for contracts in [1_000, 10_000] {
        let scenario = long_history(contracts, SEED);
        let chosen: Vec<String> = silent_contracts(&scenario, as_of())
            .into_iter()
            .take(2)
            .map(|s| s.contract)
            .collect();
        assert_eq!(chosen.len(), 2, "the history has two silent contracts");
        let options = SimOptions {
            trials: LONG_HISTORY_TRIALS,
            contracts: Some(chosen),
            ..SimOptions::default()
        };
        let report = simulate_json(&scenario, &options).unwrap_or_else(|e| panic!("{e}"));
        println!(
            "simulate, {contracts} contracts: {} strategies",
            report.matches("\"name\"").count()
        );
        group.bench_with_input(
            BenchmarkId::new("simulate", contracts),
            &scenario,
            |b, scenario| b.iter(|| simulate_json(black_box(scenario), &options).map(|r| r.len())),
        );
    }
    group.finish();
}

criterion_group!(benches, bench, bench_long_history);
criterion_main!(benches);
