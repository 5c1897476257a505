//! Outcome classes, outcome dates, weights and reasons (MODEL.md §3.1–3.3), one table per rule.

mod jss_support;

use jss_engine::jss::classify;
use jss_engine::rules::{Era, Params};
use jss_engine::scenario::{Contract, EndReason, Party};
use jss_support::*;

/// The single place that calls the classifier: `(class, weight, outcome date, reason)`.
#[track_caller]
fn check(era: Era, flagged: bool, contract: Contract, at: &str, expected: &str) {
    check_with(Params::for_era(era), flagged, contract, at, expected)
}

#[track_caller]
fn check_with(params: Params, flagged: bool, contract: Contract, at: &str, expected: &str) {
    let o = classify(&contract, flagged, d(at), &params);
    let date = o.outcome_date.map_or("-".to_owned(), |d| d.to_string());
    let got = format!(
        "{} {} {} | {}",
        o.class.as_str(),
        o.weight,
        date,
        o.reason.text()
    );
    assert_eq!(got, expected, "contract {} at {at}", contract.id);
}

const T: &str = "2026-11-27";

#[test]
fn feedback_stars_decide_the_class() {
    let k = |stars| {
        contract("k", "a", "2026-06-01")
            .pay("2026-06-10", 100.0)
            .rated("2026-06-20", stars)
    };
    check(
        Era::Current,
        false,
        k(5.0),
        T,
        "positive 1 2026-06-20 | feedback 5.00 stars",
    );
    check(
        Era::Current,
        false,
        k(4.8),
        T,
        "positive 1 2026-06-20 | feedback 4.80 stars",
    );
    check(
        Era::Current,
        false,
        k(4.79),
        T,
        "neutral 1 2026-06-20 | feedback 4.79 stars",
    );
    check(
        Era::Current,
        false,
        k(4.0),
        T,
        "neutral 1 2026-06-20 | feedback 4.00 stars",
    );
    check(
        Era::Current,
        false,
        k(3.99),
        T,
        "negative 1 2026-06-20 | feedback 3.99 stars",
    );
    check(
        Era::Legacy,
        false,
        k(1.0),
        T,
        "negative 1 2026-06-20 | feedback 1.00 stars",
    );
}

#[test]
fn only_feedback_dated_on_or_before_t_counts() {
    let k = contract("k", "a", "2026-06-01")
        .pay("2026-06-10", 100.0)
        .end("2026-06-20")
        .stars("2026-06-30", 5.0);
    check(
        Era::Current,
        false,
        k.clone(),
        "2026-06-29",
        "excluded 0 2026-06-20 | ended without feedback",
    );
    check(
        Era::Current,
        false,
        k.clone(),
        "2026-06-30",
        "positive 1 2026-06-20 | feedback 5.00 stars",
    );
    check(
        Era::Current,
        false,
        k,
        "2026-06-19",
        "excluded 0 - | open, not long-term",
    );
}

#[test]
fn zero_earnings_count_only_when_negative() {
    let k = |stars| contract("k", "a", "2026-06-01").rated("2026-06-20", stars);
    check(
        Era::Current,
        false,
        k(2.0),
        T,
        "negative 1 2026-06-20 | feedback 2.00 stars on a $0 contract",
    );
    check(
        Era::Current,
        false,
        k(5.0),
        T,
        "excluded 0 2026-06-20 | $0 earned, feedback 5.00 stars not negative",
    );
    check(
        Era::Current,
        false,
        k(4.5),
        T,
        "excluded 0 2026-06-20 | $0 earned, feedback 4.50 stars not negative",
    );
    // A full refund brings earnings back to $0.
    let refunded = contract("k", "a", "2026-06-01")
        .pay("2026-06-05", 300.0)
        .refund("2026-06-15", 300.0)
        .rated("2026-06-20", 5.0);
    check(
        Era::Current,
        false,
        refunded,
        T,
        "excluded 0 2026-06-20 | $0 earned, feedback 5.00 stars not negative",
    );
}

#[test]
fn flagged_clients_are_excluded() {
    let k = contract("k", "a", "2026-06-01")
        .pay("2026-06-10", 100.0)
        .rated("2026-06-20", 1.0);
    check(
        Era::Current,
        true,
        k,
        T,
        "excluded 0 2026-06-20 | client flagged or suspended",
    );
}

#[test]
fn end_reason_override_makes_a_positive_rating_neutral() {
    let k = |by, reason, stars| {
        contract("k", "a", "2026-06-01")
            .pay("2026-06-10", 100.0)
            .end_by("2026-06-20", by, reason)
            .stars("2026-06-20", stars)
    };
    check(
        Era::Current,
        false,
        k(Party::Client, EndReason::NotCompleted, 5.0),
        T,
        "neutral 1 2026-06-20 | feedback 5.00 stars, but the client ended it as not completed",
    );
    check(
        Era::Current,
        false,
        k(Party::Client, EndReason::NotCompleted, 3.0),
        T,
        "negative 1 2026-06-20 | feedback 3.00 stars",
    );
    check(
        Era::Current,
        false,
        k(Party::Freelancer, EndReason::NotCompleted, 5.0),
        T,
        "positive 1 2026-06-20 | feedback 5.00 stars",
    );
    let mut off = Params::for_era(Era::Current);
    off.end_reason_override = false;
    check_with(
        off,
        false,
        k(Party::Client, EndReason::NotCompleted, 5.0),
        T,
        "positive 1 2026-06-20 | feedback 5.00 stars",
    );
}

#[test]
fn earnings_tiers_and_length_bonus_make_the_weight() {
    let k = |amount| {
        contract("k", "a", "2026-06-01")
            .pay("2026-06-10", amount)
            .rated("2026-06-20", 5.0)
    };
    check(
        Era::Current,
        false,
        k(250.0),
        T,
        "positive 1 2026-06-20 | feedback 5.00 stars",
    );
    check(
        Era::Current,
        false,
        k(250.01),
        T,
        "positive 1.25 2026-06-20 | feedback 5.00 stars",
    );
    check(
        Era::Current,
        false,
        k(1000.0),
        T,
        "positive 1.25 2026-06-20 | feedback 5.00 stars",
    );
    check(
        Era::Current,
        false,
        k(1000.01),
        T,
        "positive 1.5 2026-06-20 | feedback 5.00 stars",
    );
    check(
        Era::Y2020,
        false,
        k(1000.01),
        T,
        "positive 1.5 2026-06-20 | feedback 5.00 stars",
    );
    check(
        Era::Legacy,
        false,
        k(5000.0),
        T,
        "positive 1 2026-06-20 | feedback 5.00 stars",
    );
    // Start 2025-01-06, end 2025-06-01: one complete 90-day period (Jan 6 – Apr 5) with a payment.
    let example = contract("k1", "acme", "2025-01-06")
        .pay("2025-01-20", 400.0)
        .rated("2025-06-01", 4.85);
    check(
        Era::Current,
        false,
        example,
        T,
        "positive 2.25 2025-06-01 | feedback 4.85 stars",
    );
    // Periods without a payment add nothing: paid only in the second period.
    let gap = contract("k", "a", "2025-01-01")
        .pay("2025-05-01", 100.0)
        .rated("2025-07-01", 5.0);
    check(
        Era::Current,
        false,
        gap,
        T,
        "positive 2 2025-07-01 | feedback 5.00 stars",
    );
    // The incomplete last period does not count: 89 days.
    let short = contract("k", "a", "2025-01-01")
        .pay("2025-01-02", 100.0)
        .rated("2025-03-30", 5.0);
    check(
        Era::Current,
        false,
        short,
        T,
        "positive 1 2025-03-30 | feedback 5.00 stars",
    );
    let exact = contract("k", "a", "2025-01-01")
        .pay("2025-01-02", 100.0)
        .rated("2025-03-31", 5.0);
    check(
        Era::Current,
        false,
        exact,
        T,
        "positive 2 2025-03-31 | feedback 5.00 stars",
    );
    // Capped at 8: three years of monthly payments over $1,000.
    let long = contract("k", "a", "2022-01-01")
        .pay_every("2022-01-15", "2024-12-15", 30, 100.0)
        .rated("2025-01-01", 5.0);
    check(
        Era::Current,
        false,
        long,
        T,
        "positive 8 2025-01-01 | feedback 5.00 stars",
    );
}

#[test]
fn long_term_relationships_without_feedback_are_positive() {
    let open = contract("k", "a", "2025-01-06").pay_every("2025-01-06", "2025-09-01", 30, 100.0);
    // Still paying: positive, dated by the last payment (2025-08-04 is the last 30-day step).
    check(Era::Current, false, open.clone(), "2025-09-01", "positive 3.25 2025-08-04 | long-term: payments Mon 6 Jan 2025 … Mon 4 Aug 2025, none > 90 days apart");
    // 90 days after the last payment still counts; 91 days does not.
    check(Era::Current, false, open.clone(), "2025-11-02", "positive 3.25 2025-08-04 | long-term: payments Mon 6 Jan 2025 … Mon 4 Aug 2025, none > 90 days apart");
    check(
        Era::Current,
        false,
        open.clone(),
        "2025-11-03",
        "excluded 0 - | open, not long-term",
    );
    // Ended without feedback: positive, dated by the end.
    let ended = open.clone().end("2025-09-10");
    check(Era::Current, false, ended, T, "positive 3.25 2025-09-10 | long-term: payments Mon 6 Jan 2025 … Mon 4 Aug 2025, none > 90 days apart");
    // A gap over 90 days breaks it; a span under 90 days is not long-term.
    let gappy = contract("k", "a", "2025-01-01")
        .pay("2025-01-01", 100.0)
        .pay("2025-04-02", 100.0)
        .end("2025-05-01");
    check(
        Era::Current,
        false,
        gappy,
        T,
        "excluded 0 2025-05-01 | ended without feedback",
    );
    let brief = contract("k", "a", "2025-01-01")
        .pay("2025-01-01", 100.0)
        .pay("2025-03-31", 100.0)
        .end("2025-05-01");
    check(
        Era::Current,
        false,
        brief,
        T,
        "excluded 0 2025-05-01 | ended without feedback",
    );
    let mut off = Params::for_era(Era::Current);
    off.long_term_counts_positive = false;
    check_with(
        off,
        false,
        open,
        "2025-09-01",
        "excluded 0 - | open, not long-term",
    );
}

#[test]
fn legacy_inactive_open_contracts_become_outcomes() {
    let idle = contract("k", "a", "2019-01-01").pay("2019-01-10", 100.0);
    check(
        Era::Current,
        false,
        idle.clone(),
        "2020-01-01",
        "excluded 0 - | open, not long-term",
    );
    // Inactive on the 91st day after the last payment: 2019-04-11.
    check(
        Era::Legacy,
        false,
        idle.clone(),
        "2019-04-10",
        "excluded 0 - | open, not long-term",
    );
    check(Era::Legacy, false, idle, "2019-04-11", "excluded 2 2019-04-11 | open without payment since Thu 10 Jan 2019, counts as ended without feedback");
    let unpaid = contract("k", "a", "2019-01-01");
    check(Era::Legacy, false, unpaid, "2019-06-01", "excluded 1 2019-04-02 | open without payment since Tue 1 Jan 2019, counts as ended without feedback");
}

#[test]
fn facts_after_t_are_ignored_and_unstarted_contracts_excluded() {
    let k = contract("k", "a", "2026-06-01")
        .pay("2026-06-10", 100.0)
        .pay("2026-07-10", 900.0)
        .rated("2026-07-20", 5.0);
    check(
        Era::Current,
        false,
        k.clone(),
        "2026-07-01",
        "excluded 0 - | open, not long-term",
    );
    check(
        Era::Current,
        false,
        k.clone(),
        T,
        "positive 1.25 2026-07-20 | feedback 5.00 stars",
    );
    check(
        Era::Current,
        false,
        k,
        "2026-05-01",
        "excluded 0 - | not started yet",
    );
}
