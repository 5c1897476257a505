//! Windows, minimums, trending, the displayed score, eligibility, cadence and the legacy
//! pattern rule (MODEL.md §3.1 legacy, §3.4, §3.6), through one `check` helper.

mod jss_support;

use jss_engine::jss::score_report;
use jss_engine::rules::{Era, ParamValue};
use jss_engine::scenario::{Contract, Scenario};
use jss_support::*;

/// The single place that calls the scorer: "score | 3m 6m 12m 24m trending | winner".
#[track_caller]
fn check(scenario: &Scenario, at: &str, expected: &str) {
    let r = score_report(scenario, d(at));
    let f = |x: Option<f64>| x.map_or("-".to_owned(), |v| format!("{v:.2}"));
    let got = format!(
        "{} | {} {} {} {} {} | {}",
        r.score.map_or("none".to_owned(), |s| s.to_string()),
        f(r.windows.m3),
        f(r.windows.m6),
        f(r.windows.m12),
        f(r.windows.m24),
        f(r.windows.trending),
        r.winning_window.map_or("-", |w| w.label()),
    );
    assert_eq!(got, expected, "at {at}");
}

const T: &str = "2026-11-27";

/// Upwork's published example [S5]: 24m 92, 12m 88, 6m 94, 3m 98 → trending 96 → shown 96,
/// built from 250 one-month $100 jobs (weight 1 each) with 5.00 (positive) or 4.50 (neutral)
/// stars, spread over 10 clients.
fn published_example() -> Scenario {
    // (end date, positives, neutrals): 3m only, 6m only, 12m only, 24m only.
    let groups = [
        ("2026-10-01", 49, 1),
        ("2026-07-01", 45, 5),
        ("2026-01-15", 38, 12),
        ("2025-06-01", 98, 2),
    ];
    let mut contracts: Vec<Contract> = Vec::new();
    for (end, positives, neutrals) in groups {
        for i in 0..positives + neutrals {
            let n = contracts.len();
            let stars = if i < positives { 5.0 } else { 4.5 };
            contracts.push(job(
                &format!("k{n}"),
                &format!("c{}", n % 10),
                end,
                100.0,
                stars,
            ));
        }
    }
    scenario(Era::Current, contracts)
}

#[test]
fn published_example_shows_trending_96() {
    check(
        &published_example(),
        T,
        "96 | 98.00 94.00 88.00 92.00 96.00 | trending",
    );
}

#[test]
fn windows_are_calendar_months_and_leave_the_day_after() {
    // Two positives from two clients ended 2026-05-27: in the 6-month window through
    // 2026-11-27, gone on 2026-11-28, still in the 12-month window.
    let s = scenario(
        Era::Current,
        vec![
            job("a", "x", "2026-05-27", 100.0, 5.0),
            job("b", "y", "2026-05-27", 100.0, 4.5),
        ],
    );
    check(&s, "2026-11-27", "50 | - 50.00 50.00 50.00 - | 24m");
    check(&s, "2026-11-28", "50 | - - 50.00 50.00 - | 24m");
    check(&s, "2028-05-27", "50 | - - - 50.00 - | 24m");
    check(&s, "2028-05-28", "none | - - - - - | -");
}

#[test]
fn each_window_needs_two_outcomes_from_two_clients() {
    let same_client = scenario(
        Era::Current,
        vec![
            job("a", "x", "2026-10-01", 100.0, 5.0),
            job("b", "x", "2026-10-02", 100.0, 5.0),
        ],
    );
    check(&same_client, T, "none | - - - - - | -");
    let mut more = same_client.contracts.clone();
    more.push(job("c", "y", "2025-01-01", 100.0, 3.0));
    // 3m and 6m hold one client only; 24m holds both clients: (2 − 1) / 3.
    check(&scenario(Era::Current, more), T, "33 | - - - 33.33 - | 24m");
}

#[test]
fn the_best_window_wins_and_scores_may_be_negative() {
    let s = scenario(
        Era::Current,
        vec![
            job("a", "x", "2026-10-01", 100.0, 1.0),
            job("b", "y", "2026-10-02", 100.0, 2.0),
            job("c", "x", "2025-01-01", 100.0, 5.0),
            job("d", "y", "2025-01-02", 100.0, 5.0),
        ],
    );
    check(&s, T, "0 | -100.00 -100.00 -100.00 0.00 -100.00 | 24m");
}

#[test]
fn weights_change_the_window_score() {
    // A big positive (1.5) and a small neutral (1): 100 × 1.5 / 2.5 = 60.
    let s = scenario(
        Era::Current,
        vec![
            job("a", "x", "2026-10-01", 5000.0, 5.0),
            job("b", "y", "2026-10-02", 100.0, 4.5),
        ],
    );
    check(&s, T, "60 | 60.00 60.00 60.00 60.00 60.00 | 24m");
    // Legacy has no earnings tiers: 50.
    let legacy = scenario(Era::Legacy, s.contracts.clone());
    let legacy = with_override(
        with_override(legacy, "eligibility_min_outcomes", ParamValue::Number(2.0)),
        "eligibility_min_clients",
        ParamValue::Number(2.0),
    );
    check(
        &legacy,
        "2026-11-29",
        "50 | 50.00 50.00 50.00 50.00 50.00 | 24m",
    );
}

#[test]
fn rounding_is_half_up() {
    // 1 positive, 1 neutral, weights 1 and 1: exactly 50 in each window... use 3 and 1 for 62.5.
    let s = scenario(
        Era::Current,
        vec![
            job("a", "x", "2026-10-01", 100.0, 5.0),
            job("b", "y", "2026-10-02", 100.0, 5.0),
            job("c", "x", "2026-10-03", 100.0, 5.0),
            job("d", "y", "2026-10-04", 100.0, 5.0),
            job("e", "x", "2026-10-05", 100.0, 5.0),
            job("f", "y", "2026-10-06", 100.0, 4.5),
            job("g", "x", "2026-10-07", 100.0, 4.5),
            job("h", "y", "2026-10-08", 100.0, 4.5),
        ],
    );
    check(&s, T, "63 | 62.50 62.50 62.50 62.50 62.50 | 24m");
}

#[test]
fn eligibility_differs_by_era() {
    let contracts = vec![
        job("a", "x", "2026-10-01", 100.0, 5.0),
        job("b", "y", "2026-10-02", 100.0, 5.0),
        job("c", "y", "2026-10-03", 100.0, 5.0),
    ];
    // Sundays: 2026-11-22 is an update day for the biweekly eras (2015-03-01 + 14k).
    check(
        &scenario(Era::Current, contracts.clone()),
        T,
        "100 | 100.00 100.00 100.00 100.00 100.00 | 24m",
    );
    check(
        &scenario(Era::Y2020, contracts.clone()),
        "2026-11-22",
        "100 | 100.00 100.00 100.00 100.00 100.00 | 24m",
    );
    // Legacy: 4 outcomes from 3 clients; the windows still have scores.
    check(
        &scenario(Era::Legacy, contracts.clone()),
        "2026-11-22",
        "none | 100.00 100.00 100.00 100.00 100.00 | -",
    );
    let mut four = contracts;
    four.push(job("d", "z", "2026-10-04", 100.0, 5.0));
    check(
        &scenario(Era::Legacy, four),
        "2026-11-22",
        "100 | 100.00 100.00 100.00 100.00 100.00 | 24m",
    );
}

#[test]
fn biweekly_eras_show_the_last_sunday_calculation() {
    let mut contracts = vec![
        job("a", "x", "2026-10-01", 100.0, 5.0),
        job("b", "y", "2026-10-02", 100.0, 5.0),
    ];
    // A negative on Monday 2026-11-23, the day after the 2026-11-22 update.
    contracts.push(job("c", "y", "2026-11-23", 100.0, 1.0));
    let y2020 = scenario(Era::Y2020, contracts.clone());
    check(
        &y2020,
        "2026-11-23",
        "100 | 100.00 100.00 100.00 100.00 100.00 | 24m",
    );
    check(
        &y2020,
        "2026-12-05",
        "100 | 100.00 100.00 100.00 100.00 100.00 | 24m",
    );
    check(
        &y2020,
        "2026-12-06",
        "33 | 33.33 33.33 33.33 33.33 33.33 | 24m",
    );
    check(
        &scenario(Era::Current, contracts),
        "2026-11-23",
        "33 | 33.33 33.33 33.33 33.33 33.33 | 24m",
    );
}

#[test]
fn legacy_no_feedback_pattern_counts_the_oldest_excess() {
    let ended = |id: &str, client: &str, end: &str, amount: f64| {
        let start = d(end) - chrono::Days::new(30);
        let c = contract(id, client, &start.to_string());
        let c = if amount > 0.0 { c.pay(end, amount) } else { c };
        c.end(end)
    };
    // 4 rated positives, 2 ended without feedback (1 paid, 1 unpaid): 2 of 6 = 33% > 30%, so
    // floor(0.3 × 6) = 1 may stay excluded and the oldest (paid, neutral) counts: 4 / 5 = 80.
    let contracts = vec![
        job("a", "x", "2026-10-01", 100.0, 5.0),
        job("b", "y", "2026-10-02", 100.0, 5.0),
        job("c", "z", "2026-10-03", 100.0, 5.0),
        job("e", "w", "2026-10-04", 100.0, 5.0),
        ended("f", "x", "2026-07-01", 100.0),
        ended("g", "y", "2026-10-05", 0.0),
    ];
    check(
        &scenario(Era::Legacy, contracts.clone()),
        "2026-11-22",
        "90 | 100.00 80.00 80.00 80.00 90.00 | trending",
    );
    // With the unpaid one older, it counts negative instead: (4 − 1) / 5 = 60.
    let mut swapped = contracts.clone();
    swapped[4] = ended("f", "x", "2026-10-05", 100.0);
    swapped[5] = ended("g", "y", "2026-07-01", 0.0);
    check(
        &scenario(Era::Legacy, swapped),
        "2026-11-22",
        "80 | 100.00 60.00 60.00 60.00 80.00 | trending",
    );
    // The current era excludes both.
    check(
        &scenario(Era::Current, contracts),
        "2026-11-22",
        "100 | 100.00 100.00 100.00 100.00 100.00 | 24m",
    );
}

#[test]
fn flagged_clients_and_the_zero_dollar_rule_change_the_score() {
    let s = scenario(
        Era::Current,
        vec![
            job("a", "x", "2026-10-01", 100.0, 5.0),
            job("b", "y", "2026-10-02", 100.0, 5.0),
            job("c", "z", "2026-10-03", 100.0, 1.0),
            contract("d", "z", "2026-10-01").rated("2026-10-04", 1.0),
        ],
    );
    check(&s, T, "0 | 0.00 0.00 0.00 0.00 0.00 | 24m");
    check(
        &flag(s, "z"),
        T,
        "100 | 100.00 100.00 100.00 100.00 100.00 | 24m",
    );
}
