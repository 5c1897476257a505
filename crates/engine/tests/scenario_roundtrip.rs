//! Round trips of the format: any valid scenario exports to JSON that parses back to an
//! equal scenario, and exporting is a fixed point (export(parse(export(s))) == export(s)).

use chrono::{Days, NaiveDate};
use jss_engine::money::Money;
use jss_engine::rules::{check_param, Era, ParamValue, Rules};
use jss_engine::scenario::export::{to_json_string, to_json_value};
use jss_engine::scenario::parse::{format_problems, parse_str};
use jss_engine::scenario::{
    Client, Contract, End, EndReason, Feedback, Milestone, Party, Payment, Scenario, Stars, Terms,
};
use proptest::prelude::*;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
}

fn after(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

fn money(max_cents: i64) -> impl Strategy<Value = Money> {
    (0..=max_cents).prop_map(Money::from_cents)
}

fn era() -> impl Strategy<Value = Era> {
    prop::sample::select(Era::ALL.to_vec())
}

fn rules() -> impl Strategy<Value = Rules> {
    (era(), proptest::option::of(400u16..=500)).prop_map(|(era, stars)| {
        let mut rules = Rules {
            era,
            ..Rules::default()
        };
        // Only overrides the catalog accepts belong in a valid scenario.
        if let Some(hundredths) = stars {
            let value = serde_json::json!(f64::from(hundredths) / 100.0);
            if let Ok(param @ ParamValue::Number(_)) = check_param("positive_min_stars", &value) {
                rules.overrides.insert("positive_min_stars".into(), param);
            }
        }
        rules
    })
}

fn payments(start: NaiveDate) -> impl Strategy<Value = Vec<Payment>> {
    prop::collection::vec((0u64..400, money(10_000_000)), 0..4).prop_map(move |items| {
        items
            .into_iter()
            .map(|(d, amount)| Payment {
                date: after(start, d),
                amount,
            })
            .collect()
    })
}

fn milestone(index: usize, start: NaiveDate) -> impl Strategy<Value = Milestone> {
    let dates = (
        proptest::option::of(0u64..100),
        proptest::option::of(0u64..200),
        proptest::option::of(0u64..30),
        0u8..3,
        0u64..60,
    );
    (money(5_000_000), dates).prop_map(
        move |(extra, (funded, due, submitted, resolved, resolved_after))| {
            let funded = funded.map(|d| after(start, d));
            let resolved_on = funded.map(|f| after(f, resolved_after));
            Milestone {
                id: format!("m{index}"),
                amount: Money::from_cents(500 + extra.cents()),
                funded,
                due: due.map(|d| after(start, d)),
                submitted: funded.zip(submitted).map(|(f, d)| after(f, d)),
                released: resolved_on.filter(|_| resolved == 1),
                refunded: resolved_on.filter(|_| resolved == 2),
            }
        },
    )
}

fn terms(start: NaiveDate) -> impl Strategy<Value = Terms> {
    let hourly = (money(100_000), proptest::option::of(0u32..=168)).prop_map(
        |(hourly_rate, weekly_limit_hours)| Terms::Hourly {
            hourly_rate,
            weekly_limit_hours,
        },
    );
    let fixed = (0usize..3)
        .prop_flat_map(move |count| (0..count).map(|i| milestone(i, start)).collect::<Vec<_>>())
        .prop_map(|milestones| Terms::Fixed { milestones });
    prop_oneof![hourly, fixed]
}

fn end_and_feedback(
    start: NaiveDate,
    legacy: bool,
) -> impl Strategy<Value = (Option<End>, Option<Feedback>)> {
    let by = prop::sample::select(vec![Party::Client, Party::Freelancer, Party::Platform]);
    let reason = prop::sample::select(vec![
        EndReason::Completed,
        EndReason::NotCompleted,
        EndReason::ClientUnresponsive,
        EndReason::Other,
    ]);
    let feedback = proptest::option::of((0u64..=14, 100u16..=500, proptest::option::of(0u8..=10)));
    proptest::option::of((0u64..400, by, reason, feedback)).prop_map(move |ended| {
        let Some((days, by, reason, feedback)) = ended else {
            return (None, None);
        };
        let end = End {
            date: after(start, days),
            by,
            reason,
        };
        let feedback = feedback.and_then(|(d, stars, private_score)| {
            Some(Feedback {
                date: after(end.date, d),
                stars: Stars::from_hundredths(stars)?,
                private_score: private_score.filter(|_| legacy),
            })
        });
        (Some(end), feedback)
    })
}

fn contract(index: usize, clients: usize, legacy: bool) -> impl Strategy<Value = Contract> {
    (
        0u64..500,
        0..clients.max(1),
        proptest::option::of("[a-zA-Z é\"\\\\]{0,12}"),
    )
        .prop_flat_map(move |(start_days, client, title)| {
            let start = after(base(), start_days);
            (
                Just((start, client, title)),
                terms(start),
                payments(start),
                payments(start),
                end_and_feedback(start, legacy),
            )
        })
        .prop_map(
            move |((start, client, title), terms, payments, refunds, (end, feedback))| Contract {
                id: format!("k{index}"),
                client: format!("c{client}"),
                title,
                terms,
                start,
                payments,
                refunds,
                end,
                feedback,
            },
        )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        rules(),
        1usize..4,
        0usize..6,
        proptest::option::of(0u64..900),
        proptest::option::of("[A-Za-z ]{0,12}"),
    )
        .prop_flat_map(
            |(rules, client_count, contract_count, as_of, freelancer_name)| {
                let legacy = rules.era == Era::Legacy;
                let clients: Vec<_> = (0..client_count)
                    .map(|i| {
                        ("\\PC{0,10}", any::<bool>()).prop_map(move |(name, flagged)| Client {
                            id: format!("c{i}"),
                            name,
                            flagged,
                        })
                    })
                    .collect();
                let contracts: Vec<_> = (0..contract_count)
                    .map(|i| contract(i, client_count, legacy))
                    .collect();
                (Just((rules, as_of, freelancer_name)), clients, contracts)
            },
        )
        .prop_map(
            |((rules, as_of, freelancer_name), clients, contracts)| Scenario {
                as_of: as_of.map(|d| after(base(), d)),
                rules,
                freelancer_name,
                clients,
                contracts,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn export_then_parse_gives_back_the_scenario(scenario in scenario()) {
        let exported = to_json_string(&scenario);
        let parsed = parse_str(&exported).map_err(|p| TestCaseError::fail(format_problems(&p)))?;
        prop_assert_eq!(&parsed, &scenario);
        prop_assert_eq!(to_json_string(&parsed), exported);
    }

    /// The app saves the value form; it must be exactly what reading the text form gives, or
    /// a save would differ from an export of the same scenario.
    #[test]
    fn the_value_form_is_the_text_form_read_back(scenario in scenario()) {
        let text: serde_json::Value = serde_json::from_str(&to_json_string(&scenario))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(to_json_value(&scenario), text);
    }
}
