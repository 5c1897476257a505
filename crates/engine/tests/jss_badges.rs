//! Top Rated, Top Rated Plus, the compliance warning (MODEL.md §4) and calibration (§3.7).

mod jss_support;

use jss_engine::jss::cliff::Frozen;
use jss_engine::jss::evaluate::displayed_at;
use jss_engine::jss::{calibrate, next_top_rated_change, top_rated_status, Reading};
use jss_engine::rules::{Era, Params};
use jss_engine::scenario::Scenario;
use jss_support::*;

/// The single place that reads badge status: "TR TR+ warn | jss weeks earnings first | next".
#[track_caller]
fn check(scenario: &Scenario, at: &str, expected: &str) {
    let params = Params::resolve(&scenario.rules);
    let mut frozen = Frozen::new(scenario, &params, d(at));
    let s = top_rated_status(&mut frozen, d(at));
    let horizon = d(at) + chrono::Months::new(24);
    let next = next_top_rated_change(&mut frozen, horizon)
        .map_or("-".to_owned(), |(date, reached)| {
            format!("{} {date}", if reached { "reached" } else { "lost" })
        });
    let got = format!(
        "{} {} {} | {:?} {} {} {} | {next}",
        s.top_rated,
        s.top_rated_plus,
        s.compliance_warning,
        s.jss_now,
        s.weeks_at_min,
        s.earnings_12m,
        s.first_contract_start
            .map_or("-".to_owned(), |d| d.to_string()),
    );
    assert_eq!(got, expected, "at {at}");
}

fn steady() -> Scenario {
    scenario(
        Era::Current,
        vec![
            job("a", "x", "2026-01-10", 600.0, 5.0),
            job("b", "y", "2026-01-20", 600.0, 5.0),
        ],
    )
}

#[test]
fn top_rated_needs_13_of_16_saturdays_and_is_reached_on_the_13th() {
    // JSS 100 from 2026-01-20; the 13th Saturday at 100 is 2026-04-18.
    check(
        &steady(),
        "2026-03-01",
        "false false false | Some(100) 6 $1,200.00 2025-12-11 | reached 2026-04-18",
    );
    check(
        &steady(),
        "2026-04-18",
        "true false false | Some(100) 13 $1,200.00 2025-12-11 | lost 2027-01-11",
    );
}

#[test]
fn top_rated_is_lost_when_12_month_earnings_drop_below_1000() {
    // The $600 paid on 2026-01-10 leaves the 12 months on 2027-01-11.
    check(
        &steady(),
        "2026-11-27",
        "true false false | Some(100) 16 $1,200.00 2025-12-11 | lost 2027-01-11",
    );
    check(
        &steady(),
        "2027-01-11",
        "false false false | Some(100) 16 $600.00 2025-12-11 | -",
    );
}

#[test]
fn top_rated_plus_needs_10000_and_a_large_contract_without_negative_outcome() {
    let mut contracts = steady().contracts;
    contracts.push(job("big", "z", "2026-06-01", 12_000.0, 5.0));
    check(
        &scenario(Era::Current, contracts.clone()),
        "2026-11-27",
        "true true false | Some(100) 16 $13,200.00 2025-12-11 | lost 2027-06-02",
    );
    // The same large contract rated badly: negative outcome, and the JSS falls below 90.
    contracts[2] = job("big", "z", "2026-06-01", 12_000.0, 3.0);
    check(
        &scenario(Era::Current, contracts),
        "2026-11-27",
        "false false true | Some(25) 0 $13,200.00 2025-12-11 | -",
    );
}

#[test]
fn calibration_recovers_the_star_threshold_from_readings() {
    let s = scenario(
        Era::Current,
        vec![
            job("a", "x", "2026-01-10", 100.0, 4.6),
            job("b", "y", "2026-02-10", 100.0, 5.0),
            job("c", "x", "2026-04-10", 100.0, 4.6),
            job("e", "z", "2026-06-10", 100.0, 3.5),
            job("f", "y", "2026-08-10", 100.0, 4.7),
        ],
    );
    let mut truth = Params::for_era(Era::Current);
    truth.positive_min_stars_hundredths = 460;
    let dates = [
        "2026-02-15",
        "2026-03-01",
        "2026-05-01",
        "2026-07-01",
        "2026-09-01",
        "2026-11-27",
    ];
    let readings: Vec<Reading> = dates
        .iter()
        .map(|t| Reading {
            date: d(t),
            jss: displayed_at(&s, &truth, d(t)).expect("a score"),
        })
        .collect();
    let defaults: Vec<Option<u8>> = dates
        .iter()
        .map(|t| displayed_at(&s, &Params::for_era(Era::Current), d(t)))
        .collect();
    assert_ne!(
        defaults,
        readings.iter().map(|r| Some(r.jss)).collect::<Vec<_>>(),
        "the defaults must not fit already"
    );
    let fit = calibrate(&s, &readings).expect("readings given");
    assert_eq!(
        (
            fit.positive_min_stars,
            fit.mean_abs_error,
            fit.max_abs_error
        ),
        (4.6, 0.0, 0.0)
    );
    assert_eq!(fit.negative_below_stars, 4.0);
    assert_eq!(
        fit.candidates_tried,
        calibrate(&s, &readings).unwrap().candidates_tried
    );
    assert!(calibrate(&s, &[]).is_err());
}
