//! Same seed, same bytes; another seed, other bytes; chunking never matters.

use chrono::NaiveDate;
use jss_engine::demo::vanished_clients;
use jss_engine::simulate::cli::config_for;
use jss_engine::simulate::{SimOptions, Simulation};

/// Runs the demo's presets in chunks of `chunk` trial units and returns the report JSON.
fn check(seed: u64, chunk: u64) -> String {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let scenario = vanished_clients(today).expect("demo parses");
    let options = SimOptions {
        trials: 500,
        seed,
        horizon_days: 182,
        ..SimOptions::default()
    };
    let config = config_for(&scenario, &options).expect("config");
    let mut sim = Simulation::new(&scenario, &config).expect("simulation");
    while !sim.run_chunk(chunk).is_done() {}
    sim.report().to_json_string()
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    assert_eq!(check(7, u64::MAX), check(7, u64::MAX));
}

#[test]
fn another_seed_gives_other_bytes() {
    assert_ne!(check(7, u64::MAX), check(8, u64::MAX));
}

#[test]
fn chunking_does_not_change_the_report() {
    let whole = check(11, u64::MAX);
    assert_eq!(whole, check(11, 1));
    assert_eq!(whole, check(11, 7));
    assert_eq!(whole, check(11, 333));
}

#[test]
fn a_partial_report_is_valid_and_counts_what_ran() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let scenario = vanished_clients(today).expect("demo parses");
    let config = config_for(&scenario, &SimOptions::default()).expect("config");
    let mut sim = Simulation::new(&scenario, &config).expect("simulation");
    let progress = sim.run_chunk(50);
    assert_eq!(progress.done, 50);
    let report = sim.report();
    let done: u64 = report.strategies.iter().map(|s| s.trials_done).sum();
    assert_eq!(done, 50);
    assert!(report.recommendation.is_some());
}
