//! The `jss score` JSON shape (SCENARIO_FORMAT.md): required keys and their values.

mod jss_support;

use jss_engine::jss::score_report;
use jss_engine::rules::Era;
use jss_engine::scenario::Scenario;
use jss_support::*;
use serde_json::{json, Value};

/// The single place that serializes a report; compares only the documented fields.
#[track_caller]
fn check(scenario: &Scenario, at: &str, expected: Value) {
    let full = serde_json::to_value(score_report(scenario, d(at))).expect("serializable");
    let contracts: Vec<Value> = full["contracts"]
        .as_array()
        .expect("contracts array")
        .iter()
        .map(|c| json!({"id": c["id"], "outcome": c["outcome"], "weight": c["weight"], "outcome_date": c["outcome_date"], "reason": c["reason"]}))
        .collect();
    let required = json!({
        "at": full["at"], "score": full["score"], "windows": full["windows"],
        "top_rated": full["top_rated"], "contracts": contracts,
    });
    assert_eq!(required, expected);
}

#[test]
fn report_has_the_documented_shape() {
    let s = scenario(
        Era::Current,
        vec![
            contract("k1", "acme", "2025-01-06")
                .pay("2025-01-20", 400.0)
                .rated("2025-06-01", 4.85),
            job("k2", "beta", "2026-10-01", 100.0, 4.5),
            contract("k3", "beta", "2026-11-01"),
        ],
    );
    check(
        &s,
        "2026-11-27",
        json!({
            "at": "2026-11-27",
            "score": 69,
            "windows": {"3m": null, "6m": null, "12m": null, "24m": 69.23076923076923, "trending": null},
            "top_rated": false,
            "contracts": [
                {"id": "k1", "outcome": "positive", "weight": 2.25, "outcome_date": "2025-06-01", "reason": "feedback 4.85 stars"},
                {"id": "k2", "outcome": "neutral", "weight": 1.0, "outcome_date": "2026-10-01", "reason": "feedback 4.50 stars"},
                {"id": "k3", "outcome": "excluded", "weight": 0.0, "outcome_date": null, "reason": "open, not long-term"},
            ],
        }),
    );
    let none = scenario(
        Era::Current,
        vec![job("k1", "acme", "2026-10-01", 100.0, 5.0)],
    );
    let r = serde_json::to_value(score_report(&none, d("2026-11-27"))).expect("serializable");
    assert_eq!(r["score"], Value::Null);
    assert_eq!(r["missing"], json!("the 24-month window holds 1 outcome(s) from 1 client(s); a JSS needs 2 outcomes from 2 clients"));
}
