//! Building a ledger from a scenario as of a date: escrow held, pending and available money,
//! statuses and pending refunds derived from the facts, all through `check`.

use chrono::NaiveDate;
use jss_engine::ledger::{ContractStatus, Ledger, LedgerError};
use jss_engine::scenario::parse::{format_problems, parse_str};

const SCENARIO: &str = r#"{
  "format": "jss-lab.scenario", "version": 1, "as_of": "2026-03-02",
  "clients": [ { "id": "acme" } ],
  "contracts": [
    { "id": "held", "client": "acme", "type": "fixed", "start": "2026-01-05",
      "milestones": [
        { "id": "m1", "amount": 500.0, "funded": "2026-01-05", "released": "2026-02-26" },
        { "id": "m2", "amount": 300.0, "funded": "2026-02-01" },
        { "id": "m3", "amount": 200.0, "funded": "2026-02-01", "refunded": "2026-02-10" },
        { "id": "m4", "amount": 100.0 }
      ],
      "payments": [ { "date": "2026-02-26", "amount": 500.0 } ] },
    { "id": "ended", "client": "acme", "type": "fixed", "start": "2026-01-05",
      "milestones": [ { "id": "m1", "amount": 250.0, "funded": "2026-01-05" } ],
      "end": { "date": "2026-03-01", "by": "client", "reason": "not_completed" } },
    { "id": "hourly", "client": "acme", "type": "hourly", "hourly_rate": 40, "start": "2025-12-01",
      "payments": [ { "date": "2026-01-20", "amount": 400.0 }, { "date": "2026-03-01", "amount": 80.0 } ],
      "refunds": [ { "date": "2026-02-01", "amount": 100.0 } ] },
    { "id": "future", "client": "acme", "type": "hourly", "hourly_rate": 40, "start": "2026-04-01" }
  ]
}"#;

/// A contract id and a test of its status.
type StatusCheck<'a> = (&'a str, fn(ContractStatus) -> bool);

/// Loads `SCENARIO` as of `as_of` and compares (held, pending, available) in cents and each
/// listed contract's status.
fn check(as_of: &str, totals: (i64, i64, i64), statuses: &[StatusCheck]) {
    let scenario = parse_str(SCENARIO).unwrap_or_else(|p| panic!("{}", format_problems(&p)));
    let as_of = NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap_or_default();
    let ledger = Ledger::from_scenario(&scenario, as_of).unwrap_or_else(|e| panic!("{e}"));
    assert!(ledger.is_conserved());
    let t = ledger.totals().unwrap_or_default();
    assert_eq!(
        (
            t.escrow_held.cents(),
            t.pending.cents(),
            t.available.cents()
        ),
        totals
    );
    for (id, accepts) in statuses {
        let status = ledger.contract(id).map(|c| c.status());
        assert!(status.is_some_and(accepts), "{id}: {status:?}");
    }
}

#[test]
fn escrow_held_is_funded_minus_released_and_refunded() {
    // Held: m2 $300 + ended m1 $250. Pending: payments within their 5-day security period
    // ($500 on 26 Feb, $80 on 1 Mar). Available: $400 less the $100 refund.
    check(
        "2026-03-02",
        (55_000, 58_000, 30_000),
        &[
            ("held", |s| s == ContractStatus::Active),
            ("ended", |s| {
                matches!(s, ContractStatus::RefundRequested { .. })
            }),
            ("hourly", |s| s == ContractStatus::Active),
        ],
    );
}

#[test]
fn facts_after_the_date_are_ignored() {
    // On 2 February m1, m2 and m3 are all still held ($1,000) and `ended` has not ended
    // ($250); the March payments have not happened.
    check(
        "2026-02-02",
        (125_000, 0, 30_000),
        &[("ended", |s| s == ContractStatus::Active)],
    );
}

#[test]
fn contracts_not_started_are_left_out() {
    let scenario = parse_str(SCENARIO).unwrap_or_else(|p| panic!("{}", format_problems(&p)));
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
    let ledger = Ledger::from_scenario(&scenario, as_of).unwrap_or_else(|e| panic!("{e}"));
    assert!(ledger.contract("future").is_none());
    assert!(ledger.contract("hourly").is_some());
}

#[test]
fn a_programmatic_scenario_with_repeated_ids_is_refused() {
    let mut scenario = parse_str(SCENARIO).unwrap_or_else(|p| panic!("{}", format_problems(&p)));
    let copy = scenario.contracts[0].clone();
    scenario.contracts.push(copy);
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
    let result = Ledger::from_scenario(&scenario, as_of).map(|_| ());
    assert_eq!(result, Err(LedgerError::ContractIdTaken("held".into())));
}
