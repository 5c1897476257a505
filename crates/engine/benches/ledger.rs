//! Loading a large scenario into the ledger and running every timer to the end.
//!
//! The workload is `simulate::workload::long_history`: 10,000 seeded contracts (half hourly,
//! half fixed-price) over two years: weekly hourly payments, milestones funded, submitted,
//! released or refunded, contracts ended by either party, feedback. Each iteration loads the
//! scenario as of its last day (`Ledger::from_scenario`) and processes every deadline over the
//! following two years; the throughput is the number of events that processing produces.

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jss_engine::ledger::calendar::end_of_day;
use jss_engine::ledger::Ledger;
use jss_engine::scenario::export::to_json_string;
use jss_engine::scenario::parse::parse_str;
use jss_engine::scenario::Scenario;
use jss_engine::simulate::workload::{long_history, LONG_HISTORY_DAYS};

const SEED: u64 = 20_261_127;
const CONTRACTS: usize = 10_000;

fn load_and_run(scenario: &Scenario, as_of: NaiveDate) -> usize {
    let mut ledger = Ledger::from_scenario(scenario, as_of).unwrap_or_else(|e| panic!("{e}"));
    let end = as_of
        .checked_add_days(Days::new(LONG_HISTORY_DAYS))
        .unwrap_or(as_of);
    ledger.process_due(end_of_day(end)).len()
}

fn bench(c: &mut Criterion) {
    let scenario = long_history(CONTRACTS, SEED);
    // The generated scenario must be a valid v1 file, or the numbers would describe nonsense.
    let reparsed = parse_str(&to_json_string(&scenario))
        .unwrap_or_else(|p| panic!("generated scenario is invalid: {p:?}"));
    assert_eq!(reparsed, scenario);
    let as_of = scenario.as_of.unwrap_or_default();
    let events = load_and_run(&scenario, as_of);
    println!("ledger bench: {CONTRACTS} contracts, {events} events per run, seed {SEED}");
    let mut group = c.benchmark_group("ledger");
    group.sample_size(10);
    group.throughput(Throughput::Elements(events as u64));
    group.bench_function("from_scenario_and_process_due_10k_contracts", |b| {
        b.iter(|| load_and_run(black_box(&scenario), as_of))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
