//! The past half of the money calendar: money the scenario's facts record as already moved.

use chrono::NaiveDate;
use expect_test::{expect, Expect};
use jss_engine::scenario::parse::{format_problems, parse_str};
use jss_engine::timeline::{past_money, timeline};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

/// Lists the scenario's past money up to `until` (or, with `days`, the forward timeline from
/// `until`'s money events) one per line with the typed money move, and compares with `expected`.
fn check(scenario: &str, until: &str, days: Option<u32>, expected: Expect) {
    let scenario = parse_str(scenario).unwrap_or_else(|p| panic!("{}", format_problems(&p)));
    let events = match days {
        None => past_money(&scenario, date(until)),
        Some(days) => timeline(&scenario, date(until), days).unwrap_or_else(|e| panic!("{e}")),
    };
    let lines: Vec<String> = events
        .iter()
        .filter_map(|e| {
            let money = e.money?;
            let amount = e.amount.map_or(0.0, |a| a.to_usd());
            Some(format!(
                "{} {} {} {money:?} {amount} | {}",
                e.date,
                e.contract,
                e.kind.as_str(),
                e.detail
            ))
        })
        .collect();
    expected.assert_eq(&lines.join("\n"));
}

const HISTORY: &str = r#"{
  "format": "jss-lab.scenario", "version": 1, "as_of": "2026-05-01",
  "clients": [ { "id": "acme" } ],
  "contracts": [
    { "id": "fixed", "client": "acme", "type": "fixed", "start": "2026-01-05",
      "payments": [ { "date": "2026-02-02", "amount": 300.0 },
                    { "date": "2026-02-02", "amount": 50.0 } ],
      "refunds": [ { "date": "2026-02-20", "amount": 25.0 } ],
      "milestones": [
        { "id": "m1", "amount": 300.0, "funded": "2026-01-05", "submitted": "2026-01-30",
          "released": "2026-02-02" },
        { "id": "m2", "amount": 120.0, "funded": "2026-02-03", "refunded": "2026-03-10" },
        { "id": "m3", "amount": 75.0, "funded": "2026-03-11", "released": "2026-04-01" },
        { "id": "m4", "amount": 90.0, "funded": "2026-04-20" }
      ],
      "end": null },
    { "id": "hours", "client": "acme", "type": "hourly", "hourly_rate": 40, "start": "2026-04-01",
      "payments": [ { "date": "2026-04-15", "amount": 400.0 },
                    { "date": "2026-04-22", "amount": 200.0 } ] }
  ]
}"#;

#[test]
fn past_money_lists_payments_funding_releases_and_refunds_once_each() {
    // The 300 payment on m1's release day is the release; the 50 bonus that day is a payment;
    // m3 was released without a recorded payment and is listed all the same.
    check(
        HISTORY,
        "2026-05-01",
        None,
        expect![[r#"
            2026-01-05 fixed escrow_funded Funded 300 | milestone m1 funded into escrow
            2026-02-02 fixed payment Released 300 | milestone m1 released
            2026-02-02 fixed payment Paid 50 | payment received
            2026-02-03 fixed escrow_funded Funded 120 | milestone m2 funded into escrow
            2026-02-20 fixed refund Refunded 25 | refunded by the freelancer
            2026-03-10 fixed escrow_refund Refunded 120 | milestone m2 refunded to the client
            2026-03-11 fixed escrow_funded Funded 75 | milestone m3 funded into escrow
            2026-04-01 fixed payment Released 75 | milestone m3 released
            2026-04-15 hours payment Paid 400 | payment received
            2026-04-20 fixed escrow_funded Funded 90 | milestone m4 funded into escrow
            2026-04-22 hours payment Paid 200 | payment received"#]],
    );
}

#[test]
fn past_money_stops_at_the_given_day_inclusive() {
    check(
        HISTORY,
        "2026-02-03",
        None,
        expect![[r#"
            2026-01-05 fixed escrow_funded Funded 300 | milestone m1 funded into escrow
            2026-02-02 fixed payment Released 300 | milestone m1 released
            2026-02-02 fixed payment Paid 50 | payment received
            2026-02-03 fixed escrow_funded Funded 120 | milestone m2 funded into escrow"#]],
    );
    check(HISTORY, "2026-01-04", None, expect![""]);
}

const ENDED: &str = include_str!("fixtures/client_ended_escrow.json");

#[test]
fn forward_timeline_events_carry_their_money_move() {
    // The escrow refund and its credit go to the client; nothing here reads the detail text.
    check(
        ENDED,
        "2026-03-02",
        Some(30),
        expect![[r#"
            2026-03-09 k1 escrow_refund Refunded 500 | milestone m1 refunded: the freelancer did not answer the refund request in 7 days
            2026-03-16 k1 refund_credited RefundCredited 500 | the refund reaches the client's payment method"#]],
    );
    // Money received becomes available after its security period: the freelancer's.
    check(
        HISTORY,
        "2026-04-15",
        Some(10),
        expect![
            "2026-04-20 hours funds_available Available 400 | payment leaves the security period"
        ],
    );
}
