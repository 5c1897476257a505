//! The rules of the scenario format v1, one test per rule, all through `check`: an input
//! document and the exact list of problems expected (path, and a fragment of the message);
//! `check` also holds every problem's typed place to its path. Then the Display of problems,
//! and round trips of export and parse.

use jss_engine::scenario::export::to_json_string;
use jss_engine::scenario::parse::{format_problems, parse_str, Problem, ProblemPlace};
use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("fixtures/format_example.json");

/// The place a problem at `path` must carry: a path from `contracts[i]` on is inside that
/// contract, anything else is outside every contract.
fn place_of(path: &str) -> ProblemPlace {
    let inside = path
        .strip_prefix("contracts[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(index, within)| Some((index.parse().ok()?, within)));
    match inside {
        Some((index, within)) => ProblemPlace::Contract {
            index,
            within: within.trim_start_matches('.').to_string(),
        },
        None => ProblemPlace::Document,
    }
}

/// Parses `input` and compares every problem with `expected`, in order; each problem's typed
/// place must say what its path says.
fn check(input: &str, expected: &[(&str, &str)]) {
    let problems = match parse_str(input) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    };
    for problem in &problems {
        assert_eq!(problem.place, place_of(&problem.path), "{problem}");
    }
    let actual: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(actual.len(), expected.len(), "problems: {actual:#?}");
    for ((path, message), (expected_path, fragment)) in actual.iter().zip(expected) {
        assert_eq!(path, expected_path, "problems: {actual:#?}");
        assert!(
            message.contains(fragment),
            "{path}: `{message}` lacks `{fragment}`"
        );
    }
}

/// The format's own example, changed by `edit`.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(EXAMPLE).unwrap_or(Value::Null);
    edit(&mut value);
    value.to_string()
}

#[test]
fn the_format_example_is_valid() {
    check(EXAMPLE, &[]);
}

#[test]
fn text_must_be_json_and_an_object() {
    check("{ not json", &[("", "is not valid JSON")]);
    check("[1, 2]", &[("", "must be an object")]);
}

#[test]
fn format_and_version_are_required_exactly() {
    check(
        &edited(|v| v["format"] = json!("jss")),
        &[("format", "must be \"jss-lab.scenario\"")],
    );
    check(
        &edited(|v| v["version"] = json!(2)),
        &[("version", "must be 1")],
    );
    let without = edited(|v| {
        v.as_object_mut().map(|o| o.remove("format"));
        v.as_object_mut().map(|o| o.remove("version"));
    });
    check(
        &without,
        &[("format", "is required"), ("version", "is required")],
    );
}

#[test]
fn unknown_keys_are_rejected_with_their_path() {
    let input = edited(|v| {
        v["colour"] = json!("red");
        v["contracts"][1]["feedbak"] = json!(null);
        v["contracts"][1]["milestones"][0]["paid"] = json!(true);
        v["contracts"][0]["end"]["when"] = json!("now");
    });
    check(
        &input,
        &[
            ("colour", "is not a known field"),
            ("contracts[0].end.when", "is not a known field"),
            ("contracts[1].feedbak", "is not a known field"),
            ("contracts[1].milestones[0].paid", "is not a known field"),
        ],
    );
}

#[test]
fn ids_are_required_non_empty_and_unique() {
    let input = edited(|v| {
        let again = json!({ "id": "acme", "name": "Again" });
        if let Some(clients) = v["clients"].as_array_mut() {
            clients.push(again);
        }
        v["contracts"][1]["id"] = json!("k1");
        let copy = v["contracts"][1]["milestones"][0].clone();
        if let Some(milestones) = v["contracts"][1]["milestones"].as_array_mut() {
            milestones.push(copy);
        }
        v["contracts"][0]["client"] = json!("");
    });
    check(
        &input,
        &[
            ("clients[1].id", "repeats the id of clients[0]"),
            ("contracts[0].client", "must not be empty"),
            (
                "contracts[1].milestones[1].id",
                "repeats the id of milestones[0]",
            ),
            ("contracts[1].id", "repeats the id of contracts[0]"),
        ],
    );
}

#[test]
fn a_contract_must_name_a_client() {
    check(
        &edited(|v| v["contracts"][1]["client"] = json!("globex")),
        &[("contracts[1].client", "names no client (\"globex\")")],
    );
}

#[test]
fn type_is_hourly_or_fixed() {
    check(
        &edited(|v| v["contracts"][1]["type"] = json!("retainer")),
        &[("contracts[1].type", "must be \"hourly\" or \"fixed\"")],
    );
}

#[test]
fn hourly_fields_only_on_hourly_and_milestones_only_on_fixed() {
    let input = edited(|v| {
        v["contracts"][1]["hourly_rate"] = json!(10);
        v["contracts"][0]["milestones"] = v["contracts"][1]["milestones"].clone();
    });
    check(
        &input,
        &[
            (
                "contracts[0].milestones",
                "only allowed on fixed-price contracts",
            ),
            (
                "contracts[1].hourly_rate",
                "only allowed on hourly contracts",
            ),
        ],
    );
}

#[test]
fn hourly_contracts_need_a_rate_and_a_sane_weekly_limit() {
    let input = edited(|v| {
        v["contracts"][0]
            .as_object_mut()
            .map(|o| o.remove("hourly_rate"));
        v["contracts"][0]["weekly_limit_hours"] = json!(169);
    });
    check(
        &input,
        &[
            ("contracts[0].hourly_rate", "is required"),
            ("contracts[0].weekly_limit_hours", "from 0 to 168"),
        ],
    );
}

#[test]
fn amounts_are_non_negative_with_two_decimals_below_a_billion() {
    let input = edited(|v| {
        v["contracts"][0]["hourly_rate"] = json!(-1);
        v["contracts"][0]["payments"][0]["amount"] = json!(12.345);
        v["contracts"][0]["refunds"] = json!([{ "date": "2025-02-01", "amount": 1e9 }]);
        v["contracts"][1]["milestones"][0]["amount"] = json!("500");
    });
    check(
        &input,
        &[
            ("contracts[0].hourly_rate", "must not be negative"),
            ("contracts[0].payments[0].amount", "more than two decimals"),
            ("contracts[0].refunds[0].amount", "below 1,000,000,000"),
            ("contracts[1].milestones[0].amount", "must be a number"),
        ],
    );
}

#[test]
fn milestones_hold_at_least_5_dollars() {
    check(
        &edited(|v| v["contracts"][1]["milestones"][0]["amount"] = json!(4.99)),
        &[(
            "contracts[1].milestones[0].amount",
            "below the $5.00 milestone minimum",
        )],
    );
}

#[test]
fn dates_are_yyyy_mm_dd() {
    let input = edited(|v| {
        v["as_of"] = json!("27/11/2026");
        v["contracts"][0]["start"] = json!("2025-1-6");
        v["contracts"][1]["milestones"][0]["due"] = json!("2025-02-30");
    });
    check(
        &input,
        &[
            ("as_of", "must be a date written YYYY-MM-DD"),
            ("contracts[0].start", "must be a date written YYYY-MM-DD"),
            (
                "contracts[1].milestones[0].due",
                "must be a date written YYYY-MM-DD",
            ),
        ],
    );
}

#[test]
fn payments_milestone_dates_and_end_are_not_before_start() {
    let input = edited(|v| {
        v["contracts"][0]["payments"][0]["date"] = json!("2025-01-05");
        v["contracts"][1]["milestones"][0]["funded"] = json!("2025-06-30");
        v["contracts"][1]["end"] =
            json!({ "date": "2025-06-01", "by": "client", "reason": "completed" });
    });
    check(
        &input,
        &[
            (
                "contracts[0].payments[0].date",
                "is before the contract's start (2025-01-06)",
            ),
            (
                "contracts[1].milestones[0].funded",
                "is before the contract's start (2025-07-01)",
            ),
            (
                "contracts[1].end.date",
                "is before the contract's start (2025-07-01)",
            ),
        ],
    );
}

#[test]
fn milestones_are_funded_before_submission_release_or_refund_and_never_both_resolved() {
    let input = edited(|v| {
        let milestone = &mut v["contracts"][1]["milestones"][0];
        milestone["released"] = json!("2025-08-02");
        milestone["refunded"] = json!("2025-08-02");
        milestone["submitted"] = json!("2025-07-01");
        milestone["funded"] = json!("2025-07-02");
    });
    check(
        &input,
        &[
            (
                "contracts[1].milestones[0].refunded",
                "cannot be set together with released",
            ),
            (
                "contracts[1].milestones[0].submitted",
                "is before the milestone's funding (2025-07-02)",
            ),
        ],
    );
    let unfunded = edited(|v| {
        v["contracts"][1]["milestones"][0]["funded"] = json!(null);
        v["contracts"][1]["milestones"][0]["released"] = json!("2025-08-02");
    });
    check(
        &unfunded,
        &[(
            "contracts[1].milestones[0].released",
            "needs the milestone funded first",
        )],
    );
}

#[test]
fn feedback_is_not_before_the_end_and_at_most_14_days_after_it() {
    check(
        &edited(|v| v["contracts"][0]["feedback"]["date"] = json!("2025-05-31")),
        &[(
            "contracts[0].feedback.date",
            "is before the contract's end (2025-06-01)",
        )],
    );
    check(
        &edited(|v| v["contracts"][0]["feedback"]["date"] = json!("2025-06-15")),
        &[],
    );
    check(
        &edited(|v| v["contracts"][0]["feedback"]["date"] = json!("2025-06-16")),
        &[(
            "contracts[0].feedback.date",
            "is more than 14 days after the contract's end (2025-06-01)",
        )],
    );
}

#[test]
fn feedback_needs_an_ended_contract() {
    check(
        &edited(|v| v["contracts"][0]["end"] = json!(null)),
        &[("contracts[0].feedback", "only allowed on an ended contract")],
    );
}

#[test]
fn stars_are_from_1_to_5_with_two_decimals() {
    for (stars, valid) in [
        (1.0, true),
        (5.0, true),
        (4.85, true),
        (0.99, false),
        (5.01, false),
        (4.855, false),
    ] {
        let input = edited(|v| v["contracts"][0]["feedback"]["stars"] = json!(stars));
        let expected: &[(&str, &str)] = if valid {
            &[]
        } else {
            &[("contracts[0].feedback.stars", "from 1.0 to 5.0")]
        };
        check(&input, expected);
    }
}

#[test]
fn private_score_is_0_to_10_and_only_in_legacy_scenarios() {
    check(
        &edited(|v| v["contracts"][0]["feedback"]["private_score"] = json!(9)),
        &[(
            "contracts[0].feedback.private_score",
            "only allowed when rules.era is \"legacy\"",
        )],
    );
    let legacy = |score: Value| {
        edited(|v| {
            v["rules"] = json!({ "era": "legacy" });
            v["contracts"][0]["feedback"]["private_score"] = score;
        })
    };
    check(&legacy(json!(10)), &[]);
    check(
        &legacy(json!(11)),
        &[("contracts[0].feedback.private_score", "from 0 to 10")],
    );
    check(
        &legacy(json!(7.5)),
        &[("contracts[0].feedback.private_score", "from 0 to 10")],
    );
}

#[test]
fn end_names_who_ended_it_and_why() {
    let input = edited(|v| {
        v["contracts"][0]["end"] =
            json!({ "date": "2025-06-01", "by": "upwork", "reason": "bored" })
    });
    check(
        &input,
        &[
            (
                "contracts[0].end.by",
                "must be \"client\", \"freelancer\" or \"platform\"",
            ),
            ("contracts[0].end.reason", "\"not_completed\""),
        ],
    );
}

#[test]
fn rules_era_is_current_y2020_or_legacy() {
    check(&edited(|v| v["rules"] = json!({ "era": "y2020" })), &[]);
    check(
        &edited(|v| v["rules"] = json!({ "era": "2019" })),
        &[("rules.era", "must be \"current\", \"y2020\" or \"legacy\"")],
    );
}

#[test]
fn rules_parameters_are_checked_against_the_catalog() {
    // The messages come from the parameter catalog (`rules::check_param`); only the paths and
    // the number of problems are this module's business.
    check(
        &edited(|v| v["rules"] = json!({ "era": "current", "positive_min_stars": 4.5 })),
        &[],
    );
    check(
        &edited(|v| v["rules"] = json!({ "positive_min_stars": 7.0 })),
        &[("rules.positive_min_stars", "")],
    );
    check(
        &edited(|v| v["rules"] = json!({ "positive_min_stars": "high" })),
        &[("rules.positive_min_stars", "")],
    );
    check(
        &edited(|v| v["rules"] = json!({ "made_up": 1 })),
        &[("rules.made_up", "made_up")],
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let input = edited(|v| {
        v["version"] = json!("1");
        v["clients"][0]["flagged"] = json!("no");
        v["contracts"][0]["feedback"]["stars"] = json!(6);
        v["contracts"][1]["start"] = json!(null);
    });
    check(
        &input,
        &[
            ("version", "must be 1"),
            ("clients[0].flagged", "must be true or false"),
            ("contracts[0].feedback.stars", "from 1.0 to 5.0"),
            ("contracts[1].start", "is required"),
        ],
    );
}

#[test]
fn a_problem_is_placed_at_its_contract_by_index_or_outside_every_contract() {
    check(
        &edited(|v| v["contracts"][1] = json!(5)),
        &[("contracts[1]", "must be an object")],
    );
    check(
        &edited(|v| v["contracts"] = json!({})),
        &[("contracts", "must be a list")],
    );
    check(
        &edited(|v| {
            v["rules"] = json!({ "made_up": 1 });
            v["contracts"][0]["end"]["date"] = json!("soon");
        }),
        &[
            ("rules.made_up", "made_up"),
            ("contracts[0].end.date", "YYYY-MM-DD"),
        ],
    );
}

#[test]
fn what_inside_a_contract_a_problem_concerns_reads_as_words() {
    let contract = |within: &str| ProblemPlace::Contract {
        index: 2,
        within: within.to_string(),
    };
    let rows = [
        (contract("end.date"), Some("end date")),
        (contract("hourly_rate"), Some("hourly rate")),
        (
            contract("milestones[0].funded"),
            Some("milestones[0] funded"),
        ),
        (contract(""), None),
        (ProblemPlace::Document, None),
    ];
    for (place, words) in rows {
        assert_eq!(place.within_words().as_deref(), words, "{place:?}");
    }
}

#[test]
fn problems_print_one_per_line_with_their_path() {
    let problems = vec![
        Problem {
            path: "contracts[3].feedbak".into(),
            message: "is not a known field".into(),
            place: place_of("contracts[3].feedbak"),
        },
        Problem {
            path: String::new(),
            message: "is not valid JSON".into(),
            place: ProblemPlace::Document,
        },
    ];
    assert_eq!(
        format_problems(&problems),
        "contracts[3].feedbak: is not a known field\nis not valid JSON\n"
    );
}

#[test]
fn export_of_the_example_is_canonical_and_a_fixed_point() {
    let scenario = parse_str(EXAMPLE).unwrap_or_else(|p| panic!("{}", format_problems(&p)));
    let exported = to_json_string(&scenario);
    let reparsed = parse_str(&exported).unwrap_or_else(|p| panic!("{}", format_problems(&p)));
    assert_eq!(reparsed, scenario);
    assert_eq!(to_json_string(&reparsed), exported);
    // The keys come out in the order of the format's example.
    let keys: Vec<&str> = [
        "\"format\"",
        "\"version\"",
        "\"as_of\"",
        "\"rules\"",
        "\"freelancer\"",
        "\"clients\"",
        "\"contracts\"",
    ]
    .to_vec();
    let positions: Vec<usize> = keys.iter().filter_map(|k| exported.find(k)).collect();
    assert_eq!(positions.len(), keys.len());
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{exported}");
}
