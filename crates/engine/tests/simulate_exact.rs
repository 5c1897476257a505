//! With every probability 0 or 1, a trial is the deterministic engine's answer on the scenario
//! with the actions applied by hand.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use jss_engine::demo::vanished_clients;
use jss_engine::jss::report::score_report;
use jss_engine::jss::top_rated_at;
use jss_engine::money::Money;
use jss_engine::scenario::{End, EndReason, Feedback, Party, Payment, Scenario, Stars};
use jss_engine::simulate::{
    Action, ClientBehaviour, CloseReason, DelayRange, SimConfig, Simulation, StarDistribution,
    Strategy,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn certain(stars_hundredths: u16, delay_days: u32) -> ClientBehaviour {
    ClientBehaviour {
        returns_ppm: 1_000_000,
        feedback_if_back_ppm: 1_000_000,
        stars: StarDistribution::single(stars_hundredths),
        feedback_delay_days: DelayRange {
            min: delay_days,
            max: delay_days,
        },
        closes_as: CloseReason::Completed,
    }
}

fn set_end(scenario: &mut Scenario, id: &str, end: NaiveDate, feedback: Option<(NaiveDate, u16)>) {
    let c = scenario
        .contracts
        .iter_mut()
        .find(|c| c.id == id)
        .expect("contract");
    c.end = Some(End {
        date: end,
        by: Party::Freelancer,
        reason: EndReason::ClientUnresponsive,
    });
    c.feedback = feedback.map(|(date, h)| Feedback {
        date,
        stars: Stars::from_hundredths(h).expect("stars"),
        private_score: None,
    });
}

/// Simulates one deterministic strategy and compares every week with `score_report` and
/// `top_rated_at` on `expected`.
fn check(config: SimConfig, scenario: &Scenario, expected: &Scenario) {
    let mut sim = Simulation::new(scenario, &config).expect("simulation");
    sim.run_chunk(u64::MAX);
    let report = sim.report();
    let strategy = &report.strategies[0];
    for (k, date) in report.dates.iter().enumerate() {
        let want = score_report(expected, *date);
        assert_eq!(strategy.p10[k], want.score, "p10 on {date}");
        assert_eq!(strategy.p90[k], want.score, "p90 on {date}");
        let top = top_rated_at(expected, *date).top_rated;
        assert_eq!(
            strategy.p_top_rated[k],
            if top { 1.0 } else { 0.0 },
            "Top Rated on {date}"
        );
    }
}

/// One strategy run on the demo at `at`: every client behaves as `default_behaviour` unless
/// `behaviours` names it; 12 weeks is the ranking week.
fn config(
    at: NaiveDate,
    actions: Vec<Action>,
    (horizon_days, trials, seed): (u32, u32, u64),
    default_behaviour: ClientBehaviour,
    behaviours: BTreeMap<String, ClientBehaviour>,
) -> SimConfig {
    SimConfig {
        at: Some(at),
        horizon_days,
        trials,
        seed,
        strategies: vec![Strategy {
            name: "hand".into(),
            description: String::new(),
            actions,
            planned_work: vec![],
        }],
        default_behaviour,
        behaviours,
        rank_week: 12,
        priorities: jss_engine::simulate::DEFAULT_PRIORITIES.to_vec(),
    }
}

fn end_now(contract: &str) -> Action {
    Action::EndNow {
        contract: contract.into(),
        reason: CloseReason::ClientUnresponsive,
    }
}

/// A client who never comes back, so never leaves feedback.
fn never_returns() -> ClientBehaviour {
    ClientBehaviour {
        returns_ppm: 0,
        ..certain(500, 0)
    }
}

/// The demo as the ledger leaves it: k18's submitted milestone (submitted 20 November) is
/// auto-released 14 days after submission, on 4 December.
fn with_k18_released(mut expected: Scenario) -> Scenario {
    let k18 = expected
        .contracts
        .iter_mut()
        .find(|c| c.id == "k18")
        .expect("k18");
    k18.payments.push(Payment {
        date: day("2026-11-20") + Days::new(14),
        amount: Money::from_cents(80_000),
    });
    expected
}

#[test]
fn certain_feedback_matches_the_engine_week_by_week() {
    let at = day("2026-11-27");
    let scenario = vanished_clients(at).expect("demo");
    let actions = vec![
        Action::EndOn {
            contract: "k16".into(),
            date: day("2026-12-04"),
            reason: CloseReason::ClientUnresponsive,
        },
        end_now("k17"),
    ];
    let behaviours = BTreeMap::from([
        ("k16".to_owned(), certain(450, 3)),
        ("k17".to_owned(), certain(100, 10)),
    ]);
    let config = config(at, actions, (728, 20, 3), certain(500, 0), behaviours);
    let mut expected = scenario.clone();
    set_end(
        &mut expected,
        "k16",
        day("2026-12-04"),
        Some((day("2026-12-07"), 450)),
    );
    set_end(&mut expected, "k17", at, Some((day("2026-12-07"), 100)));
    check(config, &scenario, &with_k18_released(expected));
}

#[test]
fn clients_who_never_return_leave_the_contracts_without_feedback() {
    let at = day("2026-11-27");
    let scenario = vanished_clients(at).expect("demo");
    let actions = vec![Action::Stagger {
        contracts: vec!["k17".into(), "k16".into()],
        every_days: 30,
        first: None,
        reason: CloseReason::ClientUnresponsive,
    }];
    let config = config(at, actions, (364, 10, 1), never_returns(), BTreeMap::new());
    let mut expected = scenario.clone();
    set_end(&mut expected, "k17", at, None);
    set_end(&mut expected, "k16", day("2026-12-27"), None);
    check(config, &scenario, &with_k18_released(expected));
}

#[test]
fn the_legacy_pattern_rule_path_matches_the_engine_too() {
    let at = day("2026-11-27");
    let mut scenario = vanished_clients(at).expect("demo");
    scenario.rules.era = jss_engine::rules::Era::Legacy;
    let actions = vec![end_now("k16"), end_now("k17")];
    let config = config(at, actions, (364, 5, 2), never_returns(), BTreeMap::new());
    let mut expected = scenario.clone();
    set_end(&mut expected, "k16", at, None);
    set_end(&mut expected, "k17", at, None);
    check(config, &scenario, &with_k18_released(expected));
}
