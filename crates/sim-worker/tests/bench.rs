//! The simulator benchmark in headless Chromium: the same workload as the native criterion
//! benchmark (`crates/engine/benches/simulate.rs`), timed with `performance.now()`, compiled
//! as the app's simulator worker is (the `sim-worker` profile).
//! Run by `cargo xtask bench`, not by the test command: speed is measured, never asserted.
#![cfg(all(target_arch = "wasm32", feature = "wasm-bench"))]

use jss_engine::simulate::workload::{config, full_run, history};
use jss_engine::simulate::{BehaviourPreset, Simulation};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[wasm_bindgen_test]
fn simulate_10k_trials_6_strategies_104_weeks() {
    let scenario = history();
    let time_run = |config: &_| {
        let t0 = now_ms();
        let n = full_run(&scenario, config);
        let took = now_ms() - t0;
        assert_eq!(n, 6);
        took
    };
    for behaviour in [BehaviourPreset::Vanished, BehaviourPreset::Happy] {
        let config = config(&scenario, behaviour);
        // The first run is what a user's first click costs: V8 starts every function in its
        // baseline compiler and swaps in optimised code on a later call.
        let first = time_run(&config);
        // Then warm up for a second, as criterion does natively (`--warm-up-time 1`), so both
        // sides of the ratio are steady-state code; then the median of seven.
        let warm_up = now_ms();
        while now_ms() - warm_up < 1000.0 {
            time_run(&config);
        }
        let mut times: Vec<f64> = (0..7).map(|_| time_run(&config)).collect();
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        // Lines xtask reads: "wasm-bench <name> <median ms>" and "wasm-bench-first <name> <ms>".
        console_log!("wasm-bench {} {median:.1}", behaviour.as_str());
        console_log!("wasm-bench-first {} {first:.1}", behaviour.as_str());
        // Where one run's time goes (medians of seven warm runs), for whoever works on the
        // ratio next; not read by xtask.
        let mut phases: Vec<[f64; 3]> = (0..7)
            .map(|_| {
                let t0 = now_ms();
                let mut sim = Simulation::new(&scenario, &config).expect("the workload is valid");
                let t1 = now_ms();
                sim.run_chunk(u64::MAX);
                let t2 = now_ms();
                let report = sim.report();
                let t3 = now_ms();
                assert_eq!(report.strategies.len(), 6);
                [t1 - t0, t2 - t1, t3 - t2]
            })
            .collect();
        let mut median_of = |i: usize| {
            phases.sort_by(|a, b| a[i].total_cmp(&b[i]));
            phases[phases.len() / 2][i]
        };
        let (new, trials, report) = (median_of(0), median_of(1), median_of(2));
        console_log!(
            "wasm-bench-phases {} new {new:.2} trials {trials:.2} report {report:.2}",
            behaviour.as_str()
        );
    }
}
