//! The timeline of automatic events, through the library and through the `jss` binary.

mod cli_support;

use chrono::NaiveDate;
use cli_support::jss;
use expect_test::{expect, Expect};
use jss_engine::scenario::parse::{format_problems, parse_str};
use jss_engine::timeline::{timeline, TimelineDocument};

const CLIENT_ENDED: &str = include_str!("fixtures/client_ended_escrow.json");

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

/// Runs the library's timeline on `scenario` and compares its JSON with a snapshot.
fn check(scenario: &str, at: &str, days: u32, expected: Expect) {
    let scenario = parse_str(scenario).unwrap_or_else(|p| panic!("{}", format_problems(&p)));
    let at = date(at);
    let events = timeline(&scenario, at, days).unwrap_or_else(|e| panic!("{e}"));
    expected.assert_eq(
        &TimelineDocument {
            at,
            events: &events,
        }
        .to_json_string(),
    );
}

const ACCEPTANCE: Expect = expect![[r#"
    {
      "at": "2026-03-02",
      "events": [
        {
          "date": "2026-03-09",
          "contract": "k1",
          "kind": "escrow_refund",
          "amount": 500.0,
          "detail": "milestone m1 refunded: the freelancer did not answer the refund request in 7 days"
        },
        {
          "date": "2026-03-16",
          "contract": "k1",
          "kind": "feedback_window_closes",
          "amount": null,
          "detail": "14 days after the end: feedback closes and becomes visible"
        },
        {
          "date": "2026-03-16",
          "contract": "k1",
          "kind": "refund_credited",
          "amount": 500.0,
          "detail": "the refund reaches the client's payment method"
        }
      ]
    }"#]];

#[test]
fn client_ended_contract_with_escrow_lists_refund_credit_and_feedback_close() {
    check(CLIENT_ENDED, "2026-03-02", 120, ACCEPTANCE);
}

#[test]
fn jss_timeline_prints_the_acceptance_timeline() {
    let (status, stdout, stderr) =
        jss(&["timeline", "tests/fixtures/client_ended_escrow.json"], "");
    assert_eq!(status, Some(0), "{stderr}");
    ACCEPTANCE.assert_eq(stdout.trim_end());
}

#[test]
fn jss_timeline_reads_standard_input_and_takes_at_and_days() {
    let (status, stdout, stderr) = jss(
        &["timeline", "-", "--at", "2026-03-10", "--days", "6"],
        CLIENT_ENDED,
    );
    assert_eq!(status, Some(0), "{stderr}");
    // From 10 March over 6 days (10–15 March): the refund of 9 March is already behind.
    assert_eq!(
        stdout.trim_end(),
        "{\n  \"at\": \"2026-03-10\",\n  \"events\": []\n}"
    );
}

#[test]
fn jss_reports_every_problem_by_path_with_status_2() {
    let bad = CLIENT_ENDED
        .replace("\"feedback\": null", "\"feedbak\": null")
        .replace("500.0", "-5");
    let (status, stdout, stderr) = jss(&["timeline", "-"], &bad);
    assert_eq!(status, Some(2));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "contracts[0].feedbak: is not a known field\n\
         contracts[0].milestones[0].amount: must not be negative\n"
    );
}

#[test]
fn jss_bad_arguments_exit_2_and_other_failures_exit_1() {
    assert_eq!(jss(&["timeline"], "").0, Some(2));
    assert_eq!(
        jss(&["timeline", "-", "--at", "March"], CLIENT_ENDED).0,
        Some(2)
    );
    assert_eq!(
        jss(&["timeline", "tests/fixtures/does-not-exist.json"], "").0,
        Some(1)
    );
    // The only contract has ended: there is nothing to simulate, which is bad input.
    let (status, _, stderr) = jss(&["simulate", "-"], CLIENT_ENDED);
    assert_eq!(
        (status, stderr.trim_end()),
        (
            Some(2),
            "there are no strategies to simulate (no open contracts?)"
        )
    );
}

#[test]
fn jss_simulate_runs_the_presets_on_the_demo_and_repeats_byte_for_byte() {
    let demo = jss_engine::demo::VANISHED_CLIENTS_JSON;
    let args = ["simulate", "-", "--trials", "500", "--seed", "42"];
    let (status, first, stderr) = jss(&args, demo);
    assert_eq!((status, stderr.as_str()), (Some(0), ""));
    let (_, second, _) = jss(&args, demo);
    assert_eq!(first, second);
    let doc: serde_json::Value = serde_json::from_str(&first).expect("simulate prints JSON");
    assert_eq!(doc["seed"], 42);
    let names: Vec<&str> = doc["strategies"]
        .as_array()
        .expect("strategies")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(names.contains(&"Close all now"), "{names:?}");
    assert!(names.contains(&"Leave open"), "{names:?}");
    let (_, other_seed, _) = jss(&["simulate", "-", "--trials", "500", "--seed", "43"], demo);
    assert_ne!(first, other_seed);
}

const MILESTONES: &str = r#"{
  "format": "jss-lab.scenario", "version": 1, "as_of": "2026-05-01",
  "clients": [ { "id": "acme" } ],
  "contracts": [
    { "id": "late", "client": "acme", "type": "fixed", "start": "2026-03-01",
      "milestones": [ { "id": "m1", "amount": 250.0, "funded": "2026-03-01",
                        "submitted": "2026-04-10" } ] },
    { "id": "quiet", "client": "acme", "type": "fixed", "start": "2026-01-05",
      "milestones": [ { "id": "m1", "amount": 80.0, "funded": "2026-01-05", "due": "2026-03-01" } ] },
    { "id": "paid", "client": "acme", "type": "hourly", "hourly_rate": 50, "start": "2026-04-01",
      "payments": [ { "date": "2026-04-29", "amount": 400.0 } ] }
  ]
}"#;

#[test]
fn timeline_shows_overdue_releases_availability_and_dormancy() {
    check(
        MILESTONES,
        "2026-05-01",
        120,
        expect![[r#"
            {
              "at": "2026-05-01",
              "events": [
                {
                  "date": "2026-05-01",
                  "contract": "late",
                  "kind": "auto_release",
                  "amount": 250.0,
                  "detail": "milestone m1 released: 14 days without review (overdue since Fri 24 Apr 2026)"
                },
                {
                  "date": "2026-05-01",
                  "contract": "late",
                  "kind": "funds_available",
                  "amount": 250.0,
                  "detail": "milestone m1 leaves the security period (overdue since Wed 29 Apr 2026)"
                },
                {
                  "date": "2026-05-04",
                  "contract": "paid",
                  "kind": "funds_available",
                  "amount": 400.0,
                  "detail": "payment leaves the security period"
                },
                {
                  "date": "2026-05-16",
                  "contract": "quiet",
                  "kind": "dormant_notice",
                  "amount": null,
                  "detail": "day 76 without activity"
                },
                {
                  "date": "2026-05-23",
                  "contract": "quiet",
                  "kind": "dormant_notice",
                  "amount": null,
                  "detail": "day 83 without activity"
                },
                {
                  "date": "2026-05-29",
                  "contract": "paid",
                  "kind": "client_silent",
                  "amount": null,
                  "detail": "no payment for 30 days: the client counts as silent"
                },
                {
                  "date": "2026-05-29",
                  "contract": "paid",
                  "kind": "inactivity_warning",
                  "amount": null,
                  "detail": "30 days without logged time"
                },
                {
                  "date": "2026-05-30",
                  "contract": "quiet",
                  "kind": "dormant",
                  "amount": null,
                  "detail": "day 90: marked dormant; the client has 7 days to act"
                },
                {
                  "date": "2026-06-06",
                  "contract": "quiet",
                  "kind": "dormant",
                  "amount": null,
                  "detail": "the freelancer has 7 days to request release"
                },
                {
                  "date": "2026-06-13",
                  "contract": "quiet",
                  "kind": "contract_closed",
                  "amount": null,
                  "detail": "closed by the platform"
                },
                {
                  "date": "2026-06-13",
                  "contract": "quiet",
                  "kind": "escrow_refund",
                  "amount": 80.0,
                  "detail": "milestone m1 refunded: dormant and nobody requested release"
                },
                {
                  "date": "2026-06-19",
                  "contract": "quiet",
                  "kind": "refund_credited",
                  "amount": 80.0,
                  "detail": "the refund reaches the client's payment method"
                },
                {
                  "date": "2026-06-27",
                  "contract": "quiet",
                  "kind": "feedback_window_closes",
                  "amount": null,
                  "detail": "14 days after the end: feedback closes and becomes visible"
                }
              ]
            }"#]],
    );
}

#[test]
fn every_detail_takes_its_days_from_the_rules() {
    // The same facts under other timers: each date and each number in a detail moves with
    // its parameter.
    let rules = r#""version": 1, "rules": { "fp_review_days": 7, "dormant_first_notice_days": 60,
        "dormant_second_notice_days": 70, "dormant_days": 80, "dormant_client_action_days": 5,
        "dormant_freelancer_request_days": 9, "feedback_window_days": 10,
        "hourly_inactivity_warning_days": 40, "client_silent_days": 20 },"#;
    check(
        &MILESTONES.replace(r#""version": 1,"#, rules),
        "2026-05-01",
        120,
        expect![[r#"
            {
              "at": "2026-05-01",
              "events": [
                {
                  "date": "2026-05-01",
                  "contract": "late",
                  "kind": "auto_release",
                  "amount": 250.0,
                  "detail": "milestone m1 released: 7 days without review (overdue since Fri 17 Apr 2026)"
                },
                {
                  "date": "2026-05-01",
                  "contract": "late",
                  "kind": "funds_available",
                  "amount": 250.0,
                  "detail": "milestone m1 leaves the security period (overdue since Wed 22 Apr 2026)"
                },
                {
                  "date": "2026-05-01",
                  "contract": "quiet",
                  "kind": "dormant_notice",
                  "amount": null,
                  "detail": "day 60 without activity (overdue since Thu 30 Apr 2026)"
                },
                {
                  "date": "2026-05-04",
                  "contract": "paid",
                  "kind": "funds_available",
                  "amount": 400.0,
                  "detail": "payment leaves the security period"
                },
                {
                  "date": "2026-05-10",
                  "contract": "quiet",
                  "kind": "dormant_notice",
                  "amount": null,
                  "detail": "day 70 without activity"
                },
                {
                  "date": "2026-05-19",
                  "contract": "paid",
                  "kind": "client_silent",
                  "amount": null,
                  "detail": "no payment for 20 days: the client counts as silent"
                },
                {
                  "date": "2026-05-20",
                  "contract": "quiet",
                  "kind": "dormant",
                  "amount": null,
                  "detail": "day 80: marked dormant; the client has 5 days to act"
                },
                {
                  "date": "2026-05-25",
                  "contract": "quiet",
                  "kind": "dormant",
                  "amount": null,
                  "detail": "the freelancer has 9 days to request release"
                },
                {
                  "date": "2026-06-03",
                  "contract": "quiet",
                  "kind": "contract_closed",
                  "amount": null,
                  "detail": "closed by the platform"
                },
                {
                  "date": "2026-06-03",
                  "contract": "quiet",
                  "kind": "escrow_refund",
                  "amount": 80.0,
                  "detail": "milestone m1 refunded: dormant and nobody requested release"
                },
                {
                  "date": "2026-06-08",
                  "contract": "paid",
                  "kind": "inactivity_warning",
                  "amount": null,
                  "detail": "40 days without logged time"
                },
                {
                  "date": "2026-06-10",
                  "contract": "quiet",
                  "kind": "refund_credited",
                  "amount": 80.0,
                  "detail": "the refund reaches the client's payment method"
                },
                {
                  "date": "2026-06-13",
                  "contract": "quiet",
                  "kind": "feedback_window_closes",
                  "amount": null,
                  "detail": "10 days after the end: feedback closes and becomes visible"
                }
              ]
            }"#]],
    );
}

/// An overdue event: its contract, kind and the day it fell due.
type Overdue = (String, &'static str, NaiveDate);

/// The overdue events of `scenario`'s timeline from `at`. Readers (the dashboard) list these
/// apart from what is still to come.
fn overdue(scenario: &str, at: &str) -> Vec<Overdue> {
    let scenario = parse_str(scenario).unwrap_or_else(|p| panic!("{}", format_problems(&p)));
    let events = timeline(&scenario, date(at), 120).unwrap_or_else(|e| panic!("{e}"));
    for e in &events {
        // The flag and the words in the detail always agree.
        assert_eq!(
            e.overdue_since.is_some(),
            e.detail.contains("overdue since"),
            "{e:?}"
        );
    }
    events
        .into_iter()
        .filter_map(|e| Some((e.contract, e.kind.as_str(), e.overdue_since?)))
        .collect()
}

#[test]
fn overdue_events_carry_the_day_they_fell_due() {
    let cases: [(&str, Vec<Overdue>); 2] = [
        // Loaded on the first day: the release and availability that fell due before it.
        (
            "2026-05-01",
            vec![
                ("late".into(), "auto_release", date("2026-04-24")),
                ("late".into(), "funds_available", date("2026-04-29")),
            ],
        ),
        // A timeline from a later day lists only what is still to come.
        ("2026-05-10", Vec::new()),
    ];
    for (at, expected) in cases {
        assert_eq!(overdue(MILESTONES, at), expected, "timeline from {at}");
    }
}
