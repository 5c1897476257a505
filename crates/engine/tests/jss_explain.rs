//! Snapshot tests of explanations, attributions, the cliff calendar and the timeline helpers
//! (MODEL.md §3.5). Update with `UPDATE_EXPECT=1`.

mod jss_support;

use expect_test::{expect, Expect};
use jss_engine::jss::{attribute, cliff_calendar, explain, score_changes, window_exits};
use jss_engine::rules::{Era, Params};
use jss_engine::scenario::Scenario;
use jss_support::*;

/// The single place that renders what is snapshotted.
#[track_caller]
fn check(what: &str, scenario: &Scenario, from: &str, to: &str, expected: Expect) {
    let (a, b) = (d(from), d(to));
    let text = match what {
        "explain" => explain(scenario, a).to_string(),
        "attribute" => {
            let att = attribute(scenario, a, b);
            assert_eq!(
                att.sum_micro(),
                att.change_micro(),
                "parts must sum to the change"
            );
            att.to_string()
        }
        "cliffs" => {
            let cal = cliff_calendar(scenario, &Params::resolve(&scenario.rules), a);
            assert_eq!(
                cal.days.len() as i64,
                (cal.days.last().unwrap().date - a).num_days() + 1
            );
            let changes: Vec<String> = cal
                .changes
                .iter()
                .map(|c| format!("{} {:?} → {:?}", c.date, c.before, c.after))
                .collect();
            format!("{} days\n{}\n", cal.days.len(), changes.join("\n"))
        }
        "timeline" => {
            let mut lines: Vec<String> = window_exits(scenario, a, b)
                .iter()
                .map(|e| format!("{} window_exit {} {}", e.date, e.contract, e.window.label()))
                .collect();
            lines.extend(
                score_changes(scenario, a, b)
                    .iter()
                    .map(|(date, s)| format!("{date} jss_change {s:?}")),
            );
            lines.join("\n") + "\n"
        }
        other => panic!("unknown check kind {other}"),
    };
    expected.assert_eq(&text);
}

fn history() -> Scenario {
    scenario(
        Era::Current,
        vec![
            job("k1", "acme", "2025-06-01", 400.0, 4.85),
            job("k2", "beta", "2026-01-10", 1500.0, 5.0),
            job("k3", "acme", "2026-09-15", 100.0, 4.2),
            job("k4", "gamma", "2026-10-20", 100.0, 2.0),
            contract("k5", "beta", "2026-03-01").pay_every("2026-03-05", "2026-11-20", 28, 300.0),
            contract("k6", "gamma", "2026-08-01")
                .pay("2026-08-10", 50.0)
                .end("2026-11-01"),
        ],
    )
}

#[test]
fn explanation_lists_each_window_with_exit_dates() {
    check(
        "explain",
        &history(),
        "2026-11-27",
        "2026-11-27",
        expect![[r#"
            JSS at 2026-11-27 (calculated 2026-11-27): 64%, from 24m
            trending: 45.45
            3m: 45.45
              k3 (acme) neutral w1 leaves 2026-12-16: feedback 4.20 stars
              k4 (gamma) negative w1 leaves 2027-01-21: feedback 2.00 stars
              k5 (beta) positive w3.5 leaves 2027-02-11: long-term: payments Thu 5 Mar 2026 … Thu 12 Nov 2026, none > 90 days apart
            6m: 45.45
              k3 (acme) neutral w1 leaves 2027-03-16: feedback 4.20 stars
              k4 (gamma) negative w1 leaves 2027-04-21: feedback 2.00 stars
              k5 (beta) positive w3.5 leaves 2027-02-11: long-term: payments Thu 5 Mar 2026 … Thu 12 Nov 2026, none > 90 days apart
            12m: 57.14
              k2 (beta) positive w1.5 leaves 2027-01-11: feedback 5.00 stars
              k3 (acme) neutral w1 leaves 2027-09-16: feedback 4.20 stars
              k4 (gamma) negative w1 leaves 2027-10-21: feedback 2.00 stars
              k5 (beta) positive w3.5 leaves 2027-02-11: long-term: payments Thu 5 Mar 2026 … Thu 12 Nov 2026, none > 90 days apart
            24m: 63.64 (won)
              k1 (acme) positive w1.25 leaves 2027-06-02: feedback 4.85 stars
              k2 (beta) positive w1.5 leaves 2028-01-11: feedback 5.00 stars
              k3 (acme) neutral w1 leaves 2028-09-16: feedback 4.20 stars
              k4 (gamma) negative w1 leaves 2028-10-21: feedback 2.00 stars
              k5 (beta) positive w3.5 leaves 2027-02-11: long-term: payments Thu 5 Mar 2026 … Thu 12 Nov 2026, none > 90 days apart
        "#]],
    );
}

#[test]
fn attribution_between_two_dates_sums_exactly() {
    check(
        "attribute",
        &history(),
        "2026-09-01",
        "2026-11-27",
        expect![[r#"
        2026-09-01 → 2026-11-27: 100 → 64
          2026-09-15 k3: -16.000000 (added to 3m, added to 6m, added to 12m, added to 24m)
          2026-10-20 k4: -25.379310 (added to 3m, added to 6m, added to 12m, added to 24m)
          2026-11-12 k5: +5.015674 (3m: weight 2.5 → 3.5, 6m: weight 2.5 → 3.5, 12m: weight 2.5 → 3.5, 24m: weight 2.5 → 3.5)
          rounding: +0.363636
    "#]],
    );
    check(
        "attribute",
        &history(),
        "2026-11-27",
        "2027-04-01",
        expect![[r#"
        2026-11-27 → 2027-04-01: 64 → 37
          2026-12-16 k3: +0.000000 (aged out of 3m, aged out of 6m)
          2027-01-11 k2: +0.000000 (aged out of 12m)
          2027-01-21 k4: +0.000000 (aged out of 3m)
          2027-02-11 k5: -26.794259 (aged out of 3m, no longer counted in 6m, no longer counted in 12m, no longer counted in 24m)
          rounding: -0.205741
    "#]],
    );
}

#[test]
fn cliff_calendar_lists_every_change_for_24_months() {
    check(
        "cliffs",
        &history(),
        "2026-11-27",
        "2026-11-27",
        expect![[r#"
        732 days
        2027-02-11 Some(64) → Some(37)
        2027-06-02 Some(37) → Some(14)
        2028-01-11 Some(14) → Some(0)
        2028-09-16 Some(0) → None
    "#]],
    );
}

#[test]
fn timeline_window_exits_and_score_changes() {
    check(
        "timeline",
        &history(),
        "2026-11-27",
        "2027-06-30",
        expect![[r#"
        2026-12-16 window_exit k3 3m
        2027-01-11 window_exit k2 12m
        2027-01-21 window_exit k4 3m
        2027-02-11 window_exit k5 3m
        2027-02-11 window_exit k5 6m
        2027-02-11 window_exit k5 12m
        2027-02-11 window_exit k5 24m
        2027-03-16 window_exit k3 6m
        2027-04-21 window_exit k4 6m
        2027-06-02 window_exit k1 24m
        2027-02-11 jss_change Some(37)
        2027-06-02 jss_change Some(14)
    "#]],
    );
}
