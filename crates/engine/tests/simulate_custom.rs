//! Custom strategies, planned work and per-contract behaviour as the simulator page builds them:
//! validation in plain words, the engine strategy they become, and a run on the demo.

use chrono::NaiveDate;
use jss_engine::demo::vanished_clients;
use jss_engine::simulate::custom::{
    next_planned_id, parse_dollars_cents, parse_percent_ppm, parse_stars_hundredths, parse_whole,
    planned_work, ppm_as_percent, BehaviourChoice, CustomContext, CustomStep, CustomStrategy,
    PlannedRating, PlannedSpec, StepWhen,
};
use jss_engine::simulate::{
    preset_strategies, Action, BehaviourPreset, CloseReason, SimConfig, Simulation,
    StarDistribution, PPM,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn context() -> CustomContext {
    CustomContext {
        at: today(),
        open: vec!["k16".into(), "k17".into(), "k18".into()],
        taken_names: vec!["Close all now".into(), "Mine".into()],
        planned_ids: vec!["job1-1".into()],
        names: Default::default(),
    }
}

fn step(contract: &str, when: StepWhen) -> CustomStep {
    CustomStep {
        contract: contract.into(),
        when,
        reason: CloseReason::ClientUnresponsive,
    }
}

fn strategy(name: &str, steps: Vec<CustomStep>) -> CustomStrategy {
    CustomStrategy {
        name: name.into(),
        steps,
    }
}

/// The problems a strategy has, as the words the form shows.
fn check(s: &CustomStrategy, expected: &[&str]) {
    let got: Vec<String> = s
        .problems(&context())
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(got, expected, "{s:?}");
}

#[test]
fn validation_names_every_problem_in_plain_words() {
    let after = |a: &str| StepWhen::AfterFeedback { after: a.into() };
    let cases: Vec<(CustomStrategy, Vec<&str>)> = vec![
        (
            strategy(
                "Now and later",
                vec![
                    step("k16", StepWhen::Now),
                    step("k17", StepWhen::AfterWeeks { weeks: 6 }),
                ],
            ),
            vec![],
        ),
        (
            strategy("  ", vec![step("k16", StepWhen::Now)]),
            vec!["Give the strategy a name."],
        ),
        (
            strategy(" Mine ", vec![step("k16", StepWhen::Now)]),
            vec!["There is already a strategy called “Mine”; pick another name."],
        ),
        (
            strategy("Empty", vec![]),
            vec!["Choose what to do with at least one contract."],
        ),
        (
            strategy(
                "Twice",
                vec![
                    step("k16", StepWhen::Now),
                    step("k16", StepWhen::LeaveOpen),
                    step("k16", StepWhen::AskClient),
                ],
            ),
            vec!["k16 has more than one step; keep one."],
        ),
        (
            strategy("Gone", vec![step("k1", StepWhen::Now)]),
            vec!["k1 is not an open contract any more."],
        ),
        (
            strategy(
                "Past",
                vec![step(
                    "k16",
                    StepWhen::OnDate {
                        date: date("2026-11-26"),
                    },
                )],
            ),
            vec!["The date for k16 (Thu 26 Nov 2026) is before today (Fri 27 Nov 2026)."],
        ),
        (
            strategy(
                "Today is fine",
                vec![step("k16", StepWhen::OnDate { date: today() })],
            ),
            vec![],
        ),
        (
            strategy(
                "Far",
                vec![step("k16", StepWhen::AfterWeeks { weeks: 105 })],
            ),
            vec!["k16: the number of weeks must be 0 to 104."],
        ),
        (
            strategy("Self", vec![step("k16", after("k16"))]),
            vec!["k16 cannot wait for its own feedback."],
        ),
        (
            strategy(
                "Pair with an open one",
                vec![step("k16", after("k17")), step("k17", StepWhen::LeaveOpen)],
            ),
            vec!["k16 waits for the feedback of k17, which does not end in this strategy."],
        ),
        (
            strategy(
                "Pair with an ending one",
                vec![step("k16", after("k17")), step("k17", StepWhen::Now)],
            ),
            vec![],
        ),
        (
            strategy("Pair with planned work", vec![step("k16", after("job1-1"))]),
            vec![],
        ),
        (
            strategy("Pair with nothing", vec![step("k16", after("job9-1"))]),
            vec!["k16 waits for the feedback of job9-1, which does not end in this strategy."],
        ),
        (
            strategy(
                "",
                vec![
                    step("k16", StepWhen::Now),
                    step("k16", StepWhen::Now),
                    step(
                        "k17",
                        StepWhen::OnDate {
                            date: date("2026-01-01"),
                        },
                    ),
                ],
            ),
            vec![
                "Give the strategy a name.",
                "k16 has more than one step; keep one.",
                "The date for k17 (Thu 1 Jan 2026) is before today (Fri 27 Nov 2026).",
            ],
        ),
    ];
    for (s, expected) in &cases {
        check(s, expected);
    }
}

#[test]
fn a_custom_strategy_becomes_dated_engine_actions() {
    let s = strategy(
        " Now and later ",
        vec![
            step("k16", StepWhen::Now),
            step("k17", StepWhen::AfterWeeks { weeks: 6 }),
            step("k18", StepWhen::AskClient),
        ],
    );
    let planned = planned_work(&[five_star_jobs()], today());
    let built = s.to_strategy(&context(), &planned).expect("valid");
    assert_eq!(built.name, "Now and later");
    assert_eq!(
        built.actions,
        vec![
            Action::EndNow {
                contract: "k16".into(),
                reason: CloseReason::ClientUnresponsive,
            },
            Action::EndOn {
                contract: "k17".into(),
                date: date("2027-01-08"),
                reason: CloseReason::ClientUnresponsive,
            },
            Action::AskClientToClose {
                contract: "k18".into(),
                on: None,
            },
        ]
    );
    assert_eq!(built.planned_work, planned);
    assert_eq!(
        built.description,
        "Your strategy: end k16 today, end k17 in 6 weeks (Fri 8 Jan 2027), ask the client of k18 to close it today."
    );
    let bad = strategy("", vec![]);
    assert_eq!(
        bad.to_strategy(&context(), &[])
            .map(|_| ())
            .unwrap_err()
            .len(),
        2
    );
}

fn five_star_jobs() -> PlannedSpec {
    PlannedSpec {
        id: "job1".into(),
        client: None,
        count: 2,
        value_cents: 50_000,
        rating: PlannedRating::Stars {
            stars_hundredths: 500,
        },
        start: date("2026-12-01"),
        every_days: 14,
        duration_days: 28,
    }
}

#[test]
fn planned_work_expands_into_dated_jobs() {
    let jobs = planned_work(&[five_star_jobs()], today());
    let summary: Vec<(String, NaiveDate, i64, u32)> = jobs
        .iter()
        .map(|j| (j.id.clone(), j.start, j.value_cents, j.feedback_ppm))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("job1-1".into(), date("2026-12-01"), 50_000, PPM),
            ("job1-2".into(), date("2026-12-15"), 50_000, PPM),
        ]
    );
    assert_eq!(jobs[0].stars, StarDistribution::single(500));
    // Saved work whose start has passed starts today instead of in the past.
    let later = planned_work(&[five_star_jobs()], date("2026-12-10"));
    assert_eq!(later[0].start, date("2026-12-10"));
    assert_eq!(later[1].start, date("2026-12-15"));
    let like_happy = PlannedSpec {
        rating: PlannedRating::Like {
            preset: BehaviourPreset::Happy,
        },
        count: 1,
        ..five_star_jobs()
    };
    let happy = BehaviourPreset::Happy.behaviour();
    let job = &planned_work(std::slice::from_ref(&like_happy), today())[0];
    assert_eq!(job.feedback_ppm, happy.feedback_if_back_ppm);
    assert_eq!(job.stars, happy.stars);
    assert_eq!(
        like_happy.describe(),
        "1 job of $500, 28 days each, rated like a happy client, from Tue 1 Dec 2026"
    );
    assert_eq!(
        five_star_jobs().describe(),
        "2 jobs of $500, 28 days each, rated 5.0★, from Tue 1 Dec 2026, one every 14 days"
    );
    let repeat = PlannedSpec {
        client: Some("c3".into()),
        ..five_star_jobs()
    };
    let jobs = planned_work(std::slice::from_ref(&repeat), today());
    assert!(jobs.iter().all(|j| j.client.as_deref() == Some("c3")));
    assert_eq!(
        repeat.describe(),
        "2 jobs of $500 for c3, 28 days each, rated 5.0★, from Tue 1 Dec 2026, one every 14 days"
    );
    assert_eq!(next_planned_id(&[]), "job1");
    assert_eq!(next_planned_id(&[five_star_jobs()]), "job2");
}

#[test]
fn planned_work_validation_names_each_bad_field() {
    let cases: Vec<(PlannedSpec, Vec<&str>)> = vec![
        (five_star_jobs(), vec![]),
        (
            PlannedSpec {
                count: 0,
                value_cents: 0,
                ..five_star_jobs()
            },
            vec![
                "How many: enter a whole number from 1 to 50.",
                "Size: enter the dollars each job pays, more than 0.",
            ],
        ),
        (
            PlannedSpec {
                rating: PlannedRating::Stars {
                    stars_hundredths: 520,
                },
                start: date("2026-11-20"),
                ..five_star_jobs()
            },
            vec![
                "Stars: enter a rating from 1.0 to 5.0.",
                "The planned work starts on Fri 20 Nov 2026, before today (Fri 27 Nov 2026).",
            ],
        ),
        (
            PlannedSpec {
                every_days: 400,
                duration_days: 0,
                ..five_star_jobs()
            },
            vec![
                "Every: enter a gap of 0 to 52 weeks.",
                "Length: enter a job length of 1 to 52 weeks.",
            ],
        ),
    ];
    for (spec, expected) in cases {
        let got: Vec<String> = spec
            .problems(today())
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(got, expected, "{spec:?}");
    }
}

#[test]
fn typed_numbers_parse_or_say_what_to_enter() {
    assert_eq!(parse_percent_ppm("5", "Comes back"), Ok(50_000));
    assert_eq!(parse_percent_ppm(" 12.5 % ", "Comes back"), Ok(125_000));
    assert_eq!(parse_percent_ppm("100", "Comes back"), Ok(PPM));
    for bad in ["", "-1", "101", "NaN", "five"] {
        let e = parse_percent_ppm(bad, "Comes back").expect_err(bad);
        assert_eq!(
            e.to_string(),
            "Comes back: enter a percentage from 0 to 100."
        );
    }
    assert_eq!(ppm_as_percent(50_000), "5");
    assert_eq!(ppm_as_percent(125_000), "12.5");
    assert_eq!(ppm_as_percent(0), "0");
    assert_eq!(parse_dollars_cents("$1,250.50", "Size"), Ok(125_050));
    assert_eq!(parse_dollars_cents("500", "Size"), Ok(50_000));
    for bad in ["0", "-5", "inf", "", "1e12"] {
        assert!(parse_dollars_cents(bad, "Size").is_err(), "{bad}");
    }
    assert_eq!(parse_stars_hundredths("4.8", "Stars"), Ok(480));
    assert!(parse_stars_hundredths("0.5", "Stars").is_err());
    assert_eq!(parse_whole(" 6 ", 0..=104, "Weeks", "0 to 104"), Ok(6));
    assert!(parse_whole("6.5", 0..=104, "Weeks", "0 to 104").is_err());
    assert!(parse_whole("105", 0..=104, "Weeks", "0 to 104").is_err());
}

#[test]
fn an_edited_behaviour_keeps_the_presets_stars_and_caps_the_numbers() {
    let mut choice = BehaviourChoice::of(BehaviourPreset::Happy);
    assert_eq!(choice.behaviour(), BehaviourPreset::Happy.behaviour());
    choice.returns_ppm = 100_000;
    choice.feedback_if_back_ppm = 2 * PPM;
    let b = choice.behaviour();
    assert_eq!(b.returns_ppm, 100_000);
    assert_eq!(b.feedback_if_back_ppm, PPM);
    assert_eq!(b.stars, BehaviourPreset::Happy.behaviour().stars);
}

#[test]
fn saved_inputs_read_back_the_same() {
    let s = strategy(
        "Now and later",
        vec![
            step("k16", StepWhen::Now),
            step(
                "k17",
                StepWhen::AfterFeedback {
                    after: "job1-1".into(),
                },
            ),
        ],
    );
    let json = serde_json::to_string(&s).expect("json");
    assert_eq!(
        serde_json::from_str::<CustomStrategy>(&json).expect("back"),
        s
    );
    // A step saved without a reason gets the default one.
    let old = r#"{"name":"n","steps":[{"contract":"k16","when":"now"}]}"#;
    let read: CustomStrategy = serde_json::from_str(old).expect("old");
    assert_eq!(read.steps[0].reason, CloseReason::ClientUnresponsive);
    let weeks = serde_json::to_string(&StepWhen::AfterWeeks { weeks: 6 }).expect("json");
    assert_eq!(weeks, r#"{"after_weeks":{"weeks":6}}"#);
    let spec = five_star_jobs();
    let json = serde_json::to_string(&spec).expect("json");
    assert_eq!(
        serde_json::from_str::<PlannedSpec>(&json).expect("back"),
        spec
    );
}

#[test]
fn a_custom_strategy_runs_next_to_the_presets_with_planned_work_and_its_own_behaviours() {
    let scenario = vanished_clients(today()).expect("demo");
    let contracts = vec!["k16".to_owned(), "k17".to_owned()];
    let planned = planned_work(&[five_star_jobs()], today());
    let mut strategies = preset_strategies(&scenario, today(), &contracts, &planned);
    let presets = strategies.len();
    let ctx = CustomContext {
        taken_names: strategies.iter().map(|s| s.name.clone()).collect(),
        ..context()
    };
    let custom = strategy(
        "Now and later",
        vec![
            step("k16", StepWhen::Now),
            step("k17", StepWhen::AfterWeeks { weeks: 6 }),
        ],
    );
    strategies.push(custom.to_strategy(&ctx, &planned).expect("valid"));
    let mut config = SimConfig {
        at: Some(today()),
        horizon_days: 182,
        trials: 200,
        seed: 7,
        strategies,
        default_behaviour: BehaviourPreset::Vanished.behaviour(),
        behaviours: Default::default(),
        rank_week: 12,
        priorities: jss_engine::simulate::DEFAULT_PRIORITIES.to_vec(),
    };
    config.behaviours.insert(
        "k17".into(),
        BehaviourChoice::of(BehaviourPreset::Happy).behaviour(),
    );
    let run = |config: &SimConfig| {
        let mut sim = Simulation::new(&scenario, config).expect("simulation");
        sim.run_chunk(u64::MAX);
        sim.report()
    };
    let report = run(&config);
    assert_eq!(report.strategies.len(), presets + 1);
    let mine = report.strategies.last().expect("custom");
    assert_eq!(mine.name, "Now and later");
    assert_eq!(run(&config), report, "same inputs and seed, same report");
    // The planned 5★ work is in every strategy: without it, the custom strategy scores lower.
    let mut without = config.clone();
    let mut alone = without.strategies.pop().expect("custom");
    alone.planned_work.clear();
    without.strategies = vec![alone];
    let bare = run(&without);
    let bare_mine = bare.strategies.last().expect("custom");
    assert!(
        mine.horizon.p50 > bare_mine.horizon.p50,
        "{:?} vs {:?}",
        mine.horizon.p50,
        bare_mine.horizon.p50
    );
}
