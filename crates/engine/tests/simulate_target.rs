//! The target solver on a case small enough to check by hand.

use chrono::{Days, NaiveDate};
use jss_engine::money::Money;
use jss_engine::rules::Rules;
use jss_engine::scenario::{
    Client, Contract, End, EndReason, Feedback, Party, Payment, Scenario, Stars, Terms,
};
use jss_engine::simulate::{earliest_date, fewest_contracts, PlannedWork, TargetQuery};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn contract(id: &str, client: &str, end: &str, stars: u16) -> Contract {
    Contract {
        id: id.into(),
        client: client.into(),
        title: None,
        terms: Terms::Fixed { milestones: vec![] },
        start: day("2026-09-01"),
        payments: vec![Payment {
            date: day(end),
            amount: Money::from_cents(10_000),
        }],
        refunds: vec![],
        end: Some(End {
            date: day(end),
            by: Party::Client,
            reason: EndReason::Completed,
        }),
        feedback: Some(Feedback {
            date: day(end),
            stars: Stars::from_hundredths(stars).expect("stars"),
            private_score: None,
        }),
    }
}

/// One 5★ and one 1★ contract of $100 (weight 1 each): the JSS is (1 − 1)/2 = 0. On
/// 2027-01-10 the 1★ contract (2026-10-15) is still in the 3-month window and the 5★ one
/// (2026-10-01) is not, so with `n` new 5★ $100 contracts S3 = (n − 1)/(n + 1) is below
/// S6 = S12 = S24 = n/(n + 2), and trending is below S6: the JSS is 100 × n/(n + 2).
/// 60 needs n = 3 (3/5) and 50 needs n = 2 (2/4).
fn check() -> Scenario {
    Scenario {
        as_of: Some(day("2026-11-27")),
        rules: Rules::default(),
        freelancer_name: None,
        clients: vec![
            Client {
                id: "a".into(),
                name: "A".into(),
                flagged: false,
            },
            Client {
                id: "b".into(),
                name: "B".into(),
                flagged: false,
            },
        ],
        contracts: vec![
            contract("good", "a", "2026-10-01", 500),
            contract("bad", "b", "2026-10-15", 100),
        ],
    }
}

fn query(target_jss: u8) -> TargetQuery {
    TargetQuery {
        at: day("2026-11-27"),
        target_jss,
        by: day("2027-01-10"),
        size_cents: 10_000,
        stars_hundredths: 500,
        duration_days: 14,
        max_contracts: 20,
    }
}

#[test]
fn the_fewest_contracts_match_the_hand_count() {
    let scenario = check();
    let answer = fewest_contracts(&scenario, &query(60)).expect("solves");
    assert_eq!(answer.jss_without, Some(0));
    assert_eq!(answer.contracts, Some(3));
    assert_eq!(answer.jss_at_by, Some(60));
    assert_eq!(answer.plan.len(), 3);
    let answer = fewest_contracts(&scenario, &query(50)).expect("solves");
    assert_eq!(answer.contracts, Some(2));
}

#[test]
fn an_unreachable_target_says_so() {
    // 100 would need the 1★ contract to leave every window: not by January.
    let answer = fewest_contracts(&check(), &query(100)).expect("solves");
    assert_eq!(answer.contracts, None);
}

#[test]
fn the_earliest_date_is_the_day_the_jobs_end() {
    let at = day("2026-11-27");
    let plan: Vec<PlannedWork> = (0..3)
        .map(|i| PlannedWork::certain(&format!("p{i}"), at, 14, 10_000, 500))
        .collect();
    let until = day("2027-06-30");
    let date = earliest_date(&check(), at, &plan, 60, until).expect("searches");
    assert_eq!(date, Some(at + Days::new(14)));
    // Two jobs reach only 50 until the 1★ contract leaves the 3-month window on 2027-01-16.
    let none = earliest_date(&check(), at, &plan[..2], 60, day("2027-01-10")).expect("searches");
    assert_eq!(none, None);
    let later = earliest_date(&check(), at, &plan[..2], 60, until).expect("searches");
    assert_eq!(later, Some(day("2027-01-16")));
}
