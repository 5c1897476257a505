//! The seed story (upwork-rules.md §7) under `current` rules, with clients who never return.

use chrono::NaiveDate;
use jss_engine::demo::vanished_clients;
use jss_engine::rules::ParamValue;
use jss_engine::scenario::Scenario;
use jss_engine::simulate::{
    preset_strategy, BehaviourPreset, ClientBehaviour, Preset, SimConfig, SimReport, Simulation,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
}

/// "Close all now" and "Stagger 14 days" on k16 and k17, clients never returning.
fn check(scenario: &Scenario) -> SimReport {
    let contracts = vec!["k16".to_owned(), "k17".to_owned()];
    let strategies = [Preset::CloseAllNow, Preset::Stagger14]
        .into_iter()
        .filter_map(|p| preset_strategy(p, scenario, today(), &contracts, &[]))
        .collect();
    let config = SimConfig {
        at: Some(today()),
        horizon_days: 728,
        trials: 300,
        seed: 5,
        strategies,
        default_behaviour: ClientBehaviour {
            returns_ppm: 0,
            ..BehaviourPreset::Vanished.behaviour()
        },
        behaviours: Default::default(),
        rank_week: 12,
        priorities: jss_engine::simulate::DEFAULT_PRIORITIES.to_vec(),
    };
    let mut sim = Simulation::new(scenario, &config).expect("simulation");
    sim.run_chunk(u64::MAX);
    sim.report()
}

#[test]
fn without_the_long_term_rule_closing_now_and_staggering_are_identical() {
    let mut scenario = vanished_clients(today()).expect("demo");
    scenario
        .rules
        .overrides
        .insert("long_term_counts_positive".into(), ParamValue::Bool(false));
    let report = check(&scenario);
    let (now, stagger) = (&report.strategies[0], &report.strategies[1]);
    assert_eq!(now.histograms, stagger.histograms);
    assert_eq!(now.p_top_rated, stagger.p_top_rated);
    let reasons = &report.recommendation.expect("ranked").reasons;
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("give the same JSS distribution")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("Inventory dashboard") && r.contains("MODEL §3.1.4")),
        "{reasons:?}"
    );
}

/// Under the default rules k16 and k17 are long-term relationships (weekly payments over more
/// than 90 days), so ending them without feedback makes them positive outcomes (MODEL §3.1.3)
/// dated on their end days: staggering only delays k17's outcome by 14 days.
#[test]
fn with_the_long_term_rule_staggering_only_delays_the_second_outcome() {
    let scenario = vanished_clients(today()).expect("demo");
    let report = check(&scenario);
    let (now, stagger) = (&report.strategies[0], &report.strategies[1]);
    let differing: Vec<NaiveDate> = (0..report.dates.len())
        .filter(|&k| now.histograms[k] != stagger.histograms[k])
        .map(|k| report.dates[k])
        .collect();
    assert!(!differing.is_empty());
    // Every difference is within 14 days after k17's end or after one of its window exits.
    let k17_end = today();
    let near = |d: NaiveDate| {
        [0u32, 3, 6, 12, 24].iter().any(|&months| {
            let edge = if months == 0 {
                Some(k17_end)
            } else {
                k17_end.checked_add_months(chrono::Months::new(months))
            };
            edge.is_some_and(|e| d >= e && (d - e).num_days() <= 15)
        })
    };
    assert!(differing.iter().all(|d| near(*d)), "{differing:?}");
    assert_eq!(now.horizon, stagger.horizon);
}
