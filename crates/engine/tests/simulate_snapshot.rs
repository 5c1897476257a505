//! A small run's summary, snapshotted; and the CLI argument parser.

use chrono::NaiveDate;
use expect_test::expect;
use jss_engine::demo::vanished_clients;
use jss_engine::simulate::{
    parse_simulate_args, simulate_json, BehaviourPreset, Preset, SimOptions,
};

/// `jss simulate` on the demo, as JSON.
fn run(options: &SimOptions) -> serde_json::Value {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let scenario = vanished_clients(today).expect("demo");
    let json = simulate_json(&scenario, options).expect("runs");
    serde_json::from_str(&json).expect("json")
}

/// 400 trials over 13 weeks: small enough to snapshot, large enough to rank.
fn small_run() -> SimOptions {
    SimOptions {
        trials: 400,
        seed: 9,
        horizon_days: 91,
        ..SimOptions::default()
    }
}

/// A compact, stable summary of `jss simulate` on the demo.
fn check(options: &SimOptions) -> String {
    let value = run(options);
    let mut lines = vec![format!(
        "at {} seed {} trials {} horizon_days {}",
        value["at"], value["seed"], value["trials"], value["horizon_days"]
    )];
    for s in value["strategies"].as_array().expect("strategies") {
        let h = &s["horizon"];
        lines.push(format!(
            "{}: p10 {} p50 {} p90 {} P(≥90) {} P(TR) {} refunded {}",
            s["name"],
            h["p10"],
            h["p50"],
            h["p90"],
            h["p_at_least_90"],
            h["p_top_rated"],
            s["money"]["mean_refunded"]
        ));
    }
    lines.push(format!("best {}", value["recommendation"]["best"]));
    lines.join("\n")
}

#[test]
fn a_small_run_summary() {
    let options = small_run();
    expect![[r#"
        at "2026-11-27" seed 9 trials 400 horizon_days 91
        "Close all now": p10 100 p50 100 p90 100 P(≥90) 0.975 P(TR) 0.975 refunded 0.0
        "Stagger 14 days": p10 100 p50 100 p90 100 P(≥90) 0.9475 P(TR) 0.9475 refunded 0.0
        "Pair with the next 5★ ending": p10 100 p50 100 p90 100 P(≥90) 0.9525 P(TR) 0.0 refunded 0.0
        "Leave open": p10 88 p50 88 p90 88 P(≥90) 0.0 P(TR) 0.0 refunded 0.0
        "Ask the clients to close": p10 88 p50 88 p90 88 P(≥90) 0.0425 P(TR) 0.0425 refunded 0.0
        best "Close all now""#]]
    .assert_eq(&check(&options));
}

/// The recommendation's criterion and reasons for the same small run, as people read them.
fn check_reasons(options: &SimOptions) -> String {
    let value = run(options);
    let recommendation = &value["recommendation"];
    let mut lines = vec![format!("ranked by {}", recommendation["criterion"])];
    for reason in recommendation["reasons"].as_array().expect("reasons") {
        lines.push(format!("- {}", reason.as_str().expect("text")));
    }
    lines.join("\n")
}

#[test]
fn the_recommendation_names_contracts_windows_and_dates() {
    let options = small_run();
    expect![[r#"
        ranked by "Ranked by no funded or submitted work refunded, then Top Rated on Sat 20 Feb 2027, then a JSS of 90% or more on Sat 20 Feb 2027, then the higher score, in that order. Strategies less than 2 in 100 apart, or within sampling error, count as equally good."
        - «Close all now» ranks first in the table: P(JSS ≥ 90) on Sat 20 Feb 2027 (week 12) is 97.5%, P(Top Rated) 97.5%, median JSS 100; next is «Stagger 14 days» with 94.8%, P(Top Rated) 94.8%, median 100 (two standard errors of the difference in P(JSS ≥ 90): ±2.7 points).
        - “Inventory dashboard”: ending it without feedback makes it a positive long-term outcome dated on its end day (MODEL §3.1.3: payments Wed 18 Mar 2026 … Wed 29 Jul 2026, none more than 90 days apart), weight 3.5; left open it is excluded (open, not long-term); P(the client comes back) is 5.0%.
        - “API integration”: ending it without feedback makes it a positive long-term outcome dated on its end day (MODEL §3.1.3: payments Wed 20 May 2026 … Wed 19 Aug 2026, none more than 90 days apart), weight 3.5; left open it is excluded (open, not long-term); P(the client comes back) is 5.0%.
        - Whatever you do, time moves the score: “Holiday campaign pages” leaves the 6m window on Thu 24 Dec 2026; “Product gallery” leaves the 12m window on Thu 24 Dec 2026; “Marketing site rebuild” leaves the 24m window on Fri 12 Feb 2027; “Blog migration” leaves the 12m window on Thu 18 Feb 2027."#]].assert_eq(&check_reasons(&options));
}

/// The last reason of a 52-week run of `presets` (all when empty): the earnings one, if any.
fn check_earnings_reason(presets: Vec<Preset>) -> String {
    let options = SimOptions {
        trials: 200,
        horizon_days: 364,
        presets,
        ..small_run()
    };
    check_reasons(&options)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_year_without_new_work_says_why_top_rated_is_out_of_reach() {
    // The pairing preset assumes a new 5★ job, so some strategy includes new work.
    expect!["- Top Rated on Sat 27 Nov 2027 also needs $1,000.00 earned in the 12 months before it; the contracts on record earn at most $800.00 in that time if no more hours are billed on open hourly contracts, so only new work (planned work, or the job a pairing strategy assumes) can earn the rest."]
        .assert_eq(&check_earnings_reason(vec![]));
    expect!["- Top Rated on Sat 27 Nov 2027 also needs $1,000.00 earned in the 12 months before it; the contracts on record earn at most $800.00 in that time if no more hours are billed on open hourly contracts, so without new work no strategy is Top Rated then (add planned work to see its effect)."].assert_eq(&check_earnings_reason(vec![
        Preset::CloseAllNow,
        Preset::LeaveOpen,
    ]));
}

#[test]
fn the_arguments_parse() {
    let args: Vec<String> = [
        "demo.json",
        "--trials",
        "100",
        "--seed",
        "3",
        "--horizon-days",
        "91",
        "--strategy",
        "close-all-now",
        "--strategy",
        "Stagger 14 days",
        "--behaviour",
        "happy",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (file, options) = parse_simulate_args(&args).expect("parses");
    assert_eq!(file, "demo.json");
    assert_eq!(options.trials, 100);
    assert_eq!(options.seed, 3);
    assert_eq!(options.horizon_days, 91);
    assert_eq!(
        options.presets,
        vec![Preset::CloseAllNow, Preset::Stagger14]
    );
    assert_eq!(options.behaviour, BehaviourPreset::Happy);
    let bad = |args: &[&str]| {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        parse_simulate_args(&args).expect_err("rejected")
    };
    assert!(bad(&["f", "--strategy", "nope"]).contains("unknown"));
    assert!(bad(&["f", "--trials"]).contains("needs a value"));
    assert!(bad(&["f", "--trials", "-3"]).contains("whole number"));
    assert!(bad(&["--seed", "1"]).contains("FILE"));
    assert!(bad(&["f", "g"]).contains("one FILE"));
}
