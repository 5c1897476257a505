//! The simulator's performance goal: 10,000 trials × 6 strategies × 104 weeks on a 50-contract
//! history with 2 open, silent hourly contracts, in under a second on one core. The workload
//! lives in the library (`simulate::workload`) so the browser benchmark runs the same one.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use jss_engine::simulate::workload::{config, full_run, history};
use jss_engine::simulate::BehaviourPreset;

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

criterion_group!(benches, bench);
criterion_main!(benches);
