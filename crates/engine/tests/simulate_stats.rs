//! Loose statistical bounds: draws follow the stated probabilities.

use chrono::NaiveDate;
use jss_engine::demo::vanished_clients;
use jss_engine::simulate::{
    Action, ClientBehaviour, CloseReason, DelayRange, SimConfig, Simulation, StarDistribution,
    Strategy,
};

/// Ends k16 today; its client always comes back and rates 1★ the same day with probability
/// `feedback_ppm`. Returns the share of trials whose JSS a week later differs from the
/// no-feedback JSS (the most common value when feedback is rarer than half).
fn check(feedback_ppm: u32, trials: u32) -> f64 {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let scenario = vanished_clients(today).expect("demo");
    let baseline_config = |ppm| SimConfig {
        at: Some(today),
        horizon_days: 28,
        trials,
        seed: 42,
        strategies: vec![Strategy {
            name: "end k16".into(),
            description: String::new(),
            actions: vec![Action::EndNow {
                contract: "k16".into(),
                reason: CloseReason::ClientUnresponsive,
            }],
            planned_work: vec![],
        }],
        default_behaviour: ClientBehaviour {
            returns_ppm: 1_000_000,
            feedback_if_back_ppm: ppm,
            stars: StarDistribution::single(100),
            feedback_delay_days: DelayRange { min: 0, max: 0 },
            closes_as: CloseReason::Completed,
        },
        behaviours: Default::default(),
        rank_week: 1,
        priorities: jss_engine::simulate::DEFAULT_PRIORITIES.to_vec(),
    };
    let run = |ppm| {
        let mut sim = Simulation::new(&scenario, &baseline_config(ppm)).expect("simulation");
        sim.run_chunk(u64::MAX);
        sim.report()
    };
    let without = run(0).strategies[0].p50[1];
    let report = run(feedback_ppm);
    let h = &report.strategies[0].histograms[1];
    let bin = without.map_or(0, |s| 1 + usize::from(s));
    1.0 - h[bin] as f64 / f64::from(trials)
}

#[test]
fn half_the_trials_get_feedback_at_p_one_half() {
    let share = check(500_000, 10_000);
    assert!((0.45..=0.55).contains(&share), "{share}");
}

#[test]
fn a_fifth_of_the_trials_get_feedback_at_p_one_fifth() {
    let share = check(200_000, 10_000);
    assert!((0.15..=0.25).contains(&share), "{share}");
}

#[test]
fn certain_and_impossible_feedback_are_exact() {
    assert_eq!(check(0, 1_000), 0.0);
    assert_eq!(check(1_000_000, 1_000), 1.0);
}
