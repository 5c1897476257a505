//! The decision layer on the demo: which contracts a run decides about, what the headline says,
//! that it does not change with the seed, and that money owed is never traded for a point of
//! JSS unless the person asks for that order.

use chrono::NaiveDate;
use expect_test::expect;
use jss_engine::demo::vanished_clients;
use jss_engine::scenario::{End, EndReason, Party, Scenario};
use jss_engine::simulate::attention::{attention, silent_contracts};
use jss_engine::simulate::inputs::{default_contracts, prepare, InputField, RunInputs};
use jss_engine::simulate::{Goal, Recommendation, Simulation};
use jss_engine::timeline::timeline;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
}

fn demo() -> Scenario {
    vanished_clients(today()).expect("demo")
}

/// Runs the inputs to the end on the demo and returns the recommendation.
fn check(scenario: &Scenario, inputs: &RunInputs) -> Recommendation {
    let prepared = prepare(scenario, today(), inputs).expect("inputs");
    let mut sim = Simulation::new(scenario, &prepared.config).expect("simulation");
    sim.run_chunk(u64::MAX);
    sim.report().recommendation.expect("ranked")
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_demo_decides_about_its_two_silent_hourly_contracts_not_the_milestone_awaiting_approval() {
    let scenario = demo();
    assert_eq!(default_contracts(&scenario, today()), ids(&["k16", "k17"]));
    let upcoming = timeline(&scenario, today(), 120).expect("timeline");
    let seen = attention(&scenario, today(), &upcoming);
    let silent: Vec<(String, i64)> = seen
        .silent
        .iter()
        .map(|s| (s.name.clone(), s.silent_days))
        .collect();
    assert_eq!(
        silent,
        vec![
            ("“Inventory dashboard”".to_owned(), 121),
            ("“API integration”".to_owned(), 100)
        ]
    );
    assert_eq!(seen.awaiting_approval.len(), 1);
    let waiting = &seen.awaiting_approval[0];
    assert_eq!(waiting.name, "“Analytics report templates”");
    assert_eq!(waiting.amount.cents(), 80_000);
    assert_eq!(
        waiting.auto_release,
        NaiveDate::from_ymd_opt(2026, 12, 4),
        "submitted Fri 20 Nov, released after 14 days without review"
    );
}

#[test]
fn silence_is_the_parameter_and_a_payment_ends_it() {
    // (what changes, the contracts that count as silent)
    type Change = fn(&mut Scenario);
    let cases: [(&str, Change, &[&str]); 4] = [
        ("as written", |_| {}, &["k16", "k17"]),
        (
            "a longer threshold than k17's 100 days",
            |s| {
                s.rules.overrides.insert(
                    "client_silent_days".into(),
                    jss_engine::rules::ParamValue::Number(110.0),
                );
            },
            &["k16"],
        ),
        (
            "k17 paid last week",
            |s| {
                let k17 = s.contracts.iter_mut().find(|c| c.id == "k17").unwrap();
                let mut last = *k17.payments.last().unwrap();
                last.date = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
                k17.payments.push(last);
            },
            &["k16"],
        ),
        (
            "k16 ended",
            |s| {
                let k16 = s.contracts.iter_mut().find(|c| c.id == "k16").unwrap();
                k16.end = Some(End {
                    date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                    by: Party::Freelancer,
                    reason: EndReason::ClientUnresponsive,
                });
            },
            &["k17"],
        ),
    ];
    for (what, change, expected) in cases {
        let mut scenario = demo();
        change(&mut scenario);
        let silent: Vec<String> = silent_contracts(&scenario, today())
            .into_iter()
            .map(|s| s.contract)
            .collect();
        assert_eq!(silent, ids(expected), "{what}");
    }
}

#[test]
fn the_headline_names_a_tie_and_does_not_change_with_the_seed() {
    let scenario = demo();
    let headlines: Vec<String> = (1..=6)
        .map(|seed| {
            check(
                &scenario,
                &RunInputs {
                    seed,
                    ..RunInputs::default()
                },
            )
            .headline
        })
        .collect();
    for (seed, h) in headlines.iter().enumerate() {
        assert_eq!(h, &headlines[0], "seed {} differs from seed 1", seed + 1);
    }
    expect!["Equally good: ending both now, or ending them 14 days apart. In about 95 of 100 simulated futures your JSS is 90% or more and you are Top Rated on Sat 20 Feb 2027."]
        .assert_eq(&headlines[0]);
}

#[test]
fn the_whole_answer_reads_in_plain_words() {
    let r = check(&demo(), &RunInputs::default());
    let prepared = prepare(&demo(), today(), &RunInputs::default()).expect("inputs");
    let text = [
        vec![format!("best: {}", r.best), r.headline.clone()],
        r.alternatives.clone(),
        r.risk.clone().into_iter().collect(),
        prepared.assumptions.clone(),
        r.ranking.iter().map(|x| x.instruction.clone()).collect(),
    ]
    .concat()
    .join("\n");
    expect![[r#"
        best: Close all now
        Equally good: ending both now, or ending them 14 days apart. In about 95 of 100 simulated futures your JSS is 90% or more and you are Top Rated on Sat 20 Feb 2027.
        Asking the clients to close them: Top Rated on Sat 20 Feb 2027 in about 5 of 100 simulated futures, against about 95 in 100.
        Ending them after your next 5★ job: Top Rated on Sat 20 Feb 2027 in none of the simulated futures, against about 95 in 100.
        Leaving both open: Top Rated on Sat 20 Feb 2027 in none of the simulated futures, against about 95 in 100.
        In about 5 of 100 simulated futures your JSS is still below 90 on Sat 20 Feb 2027.
        The contracts in question: “Inventory dashboard” and “API integration”.
        A client who went silent comes back about 5 in 100 (vanished), and one who does is as likely to rate low as high.
        No new work is assumed, except by the pairing strategy, which assumes a $500 job rated 5★ ending in about four weeks.
        10,000 simulated futures per strategy, from Fri 27 Nov 2026 to Fri 26 Nov 2027 (seed 1).
        End “Inventory dashboard” now, then “API integration” on Fri 11 Dec 2026
        End “Inventory dashboard” and “API integration” now
        Ask the clients of “Inventory dashboard” and “API integration” to close them
        End “Inventory dashboard” and “API integration” the day after your next job's feedback (a $500 job, expected about Fri 25 Dec 2026)
        Leave “Inventory dashboard” and “API integration” open"#]]
    .assert_eq(&text);
    // Ids stay out of every sentence a person reads first.
    for id in ["k16", "k17", "k18"] {
        assert!(!text.contains(id), "{id} in: {text}");
    }
}

#[test]
fn money_owed_comes_first_unless_the_person_reorders_the_goals() {
    // The person ticks the milestone awaiting approval too: ending everything now would send
    // its $800 back to the client.
    let all = RunInputs {
        contracts: Some(ids(&["k16", "k17", "k18"])),
        ..RunInputs::default()
    };
    let r = check(&demo(), &all);
    for name in &r.equally_good {
        let ranked = r.ranking.iter().find(|x| &x.name == name).unwrap();
        assert_eq!(ranked.p_refund, 0.0, "{name} refunds: {}", r.headline);
    }
    assert!(
        r.headline.contains("No funded work goes back to a client"),
        "{}",
        r.headline
    );
    let close_now = r
        .ranking
        .iter()
        .find(|x| x.name == "Close all now")
        .unwrap();
    assert!(close_now.p_refund > 0.99 && !close_now.equally_good);
    assert!(
        r.alternatives
            .iter()
            .any(|a| a.starts_with("Ending them all now: sends funded work back")),
        "{:?}",
        r.alternatives
    );

    // A person who ranks by the JSS and the badge alone gets ending now back among the best.
    let score_first = RunInputs {
        priorities: vec![Goal::Jss90, Goal::TopRated],
        ..all
    };
    let r = check(&demo(), &score_first);
    assert!(
        r.equally_good.iter().any(|n| n == "Close all now"),
        "{:?}",
        r.equally_good
    );
}

#[test]
fn inputs_are_refused_at_their_field_and_stale_choices_are_dropped_with_a_reason() {
    let bad = RunInputs {
        trials: "lots".into(),
        horizon_weeks: "0".into(),
        returns_pct: "120".into(),
        ..RunInputs::default()
    };
    let problems = prepare(&demo(), today(), &bad).expect_err("refused");
    let fields: Vec<Option<InputField>> = problems.iter().map(|p| p.field()).collect();
    assert_eq!(
        fields,
        vec![
            Some(InputField::Trials),
            Some(InputField::Horizon),
            Some(InputField::ReturnsPct)
        ]
    );

    let mut scenario = demo();
    scenario
        .contracts
        .iter_mut()
        .find(|c| c.id == "k16")
        .unwrap()
        .end = Some(End {
        date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        by: Party::Freelancer,
        reason: EndReason::ClientUnresponsive,
    });
    let chose = RunInputs {
        contracts: Some(ids(&["k16", "k17", "gone"])),
        ..RunInputs::default()
    };
    let prepared = prepare(&scenario, today(), &chose).expect("inputs");
    assert_eq!(prepared.contracts, ids(&["k17"]));
    assert_eq!(
        prepared.dropped,
        vec![
            "“Inventory dashboard” has ended since you chose it, so it is left out.".to_owned(),
            "A contract you chose (gone) is no longer in your list, so it is left out.".to_owned()
        ]
    );
}
