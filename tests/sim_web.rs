#![cfg(target_arch = "wasm32")]
//! The simulator's forms in headless Chromium: a custom strategy and planned work built from
//! what the user typed (or every problem in words), saved inputs that load with and without the
//! fields added later, and the strategy builder showing its problems inline. Run with
//! `cargo test -p jss-lab --target wasm32-unknown-unknown --test sim_web`.

mod web_support;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::tick;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_support::mount;

use jss_engine::simulate::custom::{BehaviourChoice, CustomContext, CustomStrategy};
use jss_engine::simulate::BehaviourPreset;
use jss_lab::components::simulator::behaviours::choice_of;
use jss_lab::components::simulator::planned_work::{spec_of, PlannedForm};
use jss_lab::components::simulator::strategy_builder::{
    form_of, strategy_of, SimStrategyBuilder, StepForm,
};
use jss_lab::state::{payload_of, sim_inputs_of, sim_inputs_value, SimInputs};

wasm_bindgen_test_configure!(run_in_browser);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")
}

fn context() -> CustomContext {
    CustomContext {
        at: today(),
        open: vec!["k16".into(), "k17".into(), "k18".into()],
        taken_names: vec!["Close all now".into()],
        planned_ids: vec!["job1-1".into()],
        names: Default::default(),
    }
}

fn row(kind: &str) -> StepForm {
    StepForm {
        kind: kind.into(),
        ..StepForm::default()
    }
}

/// What a form should give: the line describing what it built, or every problem.
type Expected = Result<&'static str, &'static [&'static str]>;

/// The strategy form's rows: contract and what was typed in its row.
type Rows = Vec<(&'static str, StepForm)>;

/// A form's outcome as text: the line describing what was built, or every problem.
fn check(case: &str, got: Result<String, Vec<String>>, expected: Expected) {
    let expected = expected
        .map(str::to_owned)
        .map_err(|ps| ps.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>());
    assert_eq!(got, expected, "{case}");
}

#[wasm_bindgen_test]
fn the_strategy_form_builds_a_strategy_or_says_what_to_fix() {
    let k17_in = |weeks: &str| StepForm {
        weeks: weeks.into(),
        ..row("weeks")
    };
    let cases: Vec<(&str, &str, Rows, Expected)> =
        vec![
        (
            "end k16 now, k17 in 6 weeks",
            "Mine",
            vec![("k16", row("now")), ("k17", k17_in("6")), ("k18", row("open"))],
            Ok("Your strategy: end k16 today, end k17 in 6 weeks (Fri 8 Jan 2027), leave k18 open."),
        ),
        (
            "weeks that are not a number",
            "Mine",
            vec![("k17", k17_in("six"))],
            Err(&[
                "k17: Weeks from today: enter a whole number of weeks from 0 to 104.",
            ]),
        ),
        (
            "no contract in question",
            "Mine",
            vec![],
            Err(&["Choose what to do with at least one contract."]),
        ),
        (
            "a date in the past and a missing name",
            " ",
            vec![(
                "k16",
                StepForm {
                    date: "2026-11-01".into(),
                    ..row("date")
                },
            )],
            Err(&[
                "Give the strategy a name.",
                "The date for k16 (Sun 1 Nov 2026) is before today (Fri 27 Nov 2026).",
            ]),
        ),
        (
            "no date picked",
            "Mine",
            vec![("k16", row("date")), ("k17", row("now"))],
            Err(&["k16: End on: enter a date."]),
        ),
        (
            "a preset's name",
            "Close all now",
            vec![("k16", row("now"))],
            Err(&["There is already a strategy called “Close all now”; pick another name."]),
        ),
        (
            "the same contract twice",
            "Mine",
            vec![("k16", row("now")), ("k16", row("ask"))],
            Err(&["k16 has more than one step; keep one."]),
        ),
        (
            "alongside a planned job's good review",
            "Pair",
            vec![(
                "k16",
                StepForm {
                    after: "job1-1".into(),
                    ..row("after")
                },
            )],
            Ok("Your strategy: end k16 the day after job1-1's feedback is expected."),
        ),
        (
            "alongside nothing chosen",
            "Pair",
            vec![("k16", row("after"))],
            Err(&["k16: After the feedback of: enter the contract or planned job to wait for."]),
        ),
    ];
    for (case, name, rows, expected) in cases {
        let rows: Vec<(String, StepForm)> =
            rows.into_iter().map(|(c, f)| (c.to_owned(), f)).collect();
        let got = strategy_of(name, &rows, &context()).map(|s| s.describe(&context()));
        check(case, got, expected);
    }
}

#[wasm_bindgen_test]
fn a_saved_step_goes_back_into_the_form_unchanged() {
    let rows: Vec<(String, StepForm)> = vec![
        (
            "k16".into(),
            StepForm {
                reason: "completed".into(),
                ..row("now")
            },
        ),
        (
            "k17".into(),
            StepForm {
                date: "2027-01-08".into(),
                ..row("date")
            },
        ),
        ("k18".into(), row("ask")),
    ];
    let built = strategy_of("Mine", &rows, &context()).expect("valid");
    let back: Vec<(String, StepForm)> = built
        .steps
        .iter()
        .map(|s| (s.contract.clone(), form_of(s)))
        .collect();
    assert_eq!(back, rows);
}

#[wasm_bindgen_test]
fn the_planned_work_form_builds_a_line_or_says_what_to_fix() {
    let form = PlannedForm {
        count: "2".into(),
        ..PlannedForm::new(today())
    };
    let cases: Vec<(&str, PlannedForm, Expected)> = vec![
        (
            "two $500 jobs at 5 stars",
            form.clone(),
            Ok("2 jobs of $500, 28 days each, rated 5.0★, from Fri 27 Nov 2026, one every 14 days"),
        ),
        (
            "rated like a happy client",
            PlannedForm {
                rating: "happy".into(),
                stars: "not used".into(),
                ..form.clone()
            },
            Ok("2 jobs of $500, 28 days each, rated like a happy client, from Fri 27 Nov 2026, one every 14 days"),
        ),
        (
            "nothing parses",
            PlannedForm {
                count: "two".into(),
                size_dollars: "free".into(),
                stars: "6".into(),
                start: String::new(),
                every_weeks: "-1".into(),
                length_weeks: "0".into(),
                rating: "stars".into(),
                client: String::new(),
            },
            Err(&[
                "How many: enter a whole number from 1 to 50.",
                "Size ($ each): enter an amount in dollars, more than 0.",
                "Stars: enter a rating from 1.0 to 5.0.",
                "First one starts: enter a date.",
                "Every (weeks): enter 0 to 52 weeks.",
                "Length (weeks): enter 1 to 52 weeks.",
            ]),
        ),
        (
            "again for a repeat client",
            PlannedForm {
                client: "acme".into(),
                ..form.clone()
            },
            Ok("2 jobs of $500 for acme, 28 days each, rated 5.0★, from Fri 27 Nov 2026, one every 14 days"),
        ),
        (
            "starting before today",
            PlannedForm {
                start: "2026-11-26".into(),
                ..form.clone()
            },
            Err(&["The planned work starts on Thu 26 Nov 2026, before today (Fri 27 Nov 2026)."]),
        ),
    ];
    for (case, form, expected) in cases {
        let got = spec_of(&form, "job1", today());
        if let Ok(spec) = &got {
            assert_eq!(PlannedForm::of(spec), form_back(&form), "{case}");
        }
        check(case, got.map(|s| s.describe()), expected);
    }
}

/// The form as it reads back from what it built: the same, except that stars are not kept for
/// a rating given as a behaviour preset.
fn form_back(form: &PlannedForm) -> PlannedForm {
    let mut back = form.clone();
    if back.rating != "stars" {
        back.stars = "5".into();
    }
    back
}

#[wasm_bindgen_test]
fn a_contract_row_uses_every_clients_behaviour_until_a_preset_is_picked() {
    assert_eq!(choice_of("same"), None);
    assert_eq!(
        choice_of("happy"),
        Some(BehaviourChoice::of(BehaviourPreset::Happy))
    );
}

#[wasm_bindgen_test]
fn inputs_saved_before_custom_strategies_existed_still_load() {
    let old = json!({
        "scenario": null,
        "simulator": { "inputs": {
            "seed": 7,
            "trials": "2000",
            "horizon_weeks": "26",
            "behaviour": "happy",
            "returns_pct": "90",
            "contracts": ["k16"]
        } },
        "prefs": {}
    });
    let inputs = sim_inputs_of(&old).expect("old inputs load");
    assert_eq!(inputs.seed, 7);
    assert_eq!(inputs.contracts, Some(vec!["k16".to_owned()]));
    assert!(inputs.custom.is_empty());
    assert!(inputs.planned.is_empty());
    assert!(inputs.behaviours.is_empty());
}

#[wasm_bindgen_test]
fn custom_strategies_planned_work_and_behaviours_are_saved_and_read_back() {
    let rows = vec![("k16".to_owned(), row("now"))];
    let custom = strategy_of("Mine", &rows, &context()).expect("valid");
    let planned = spec_of(&PlannedForm::new(today()), "job1", today()).expect("valid");
    let inputs = SimInputs {
        custom: vec![custom],
        planned: vec![planned],
        behaviours: BTreeMap::from([(
            "k17".to_owned(),
            BehaviourChoice::of(BehaviourPreset::Unhappy),
        )]),
        ..SimInputs::default()
    };
    let payload = payload_of(None, sim_inputs_value(&inputs).as_ref());
    assert_eq!(sim_inputs_of(&payload), Some(inputs));
}

fn find<T: JsCast>(root: &web_sys::HtmlElement, selector: &str) -> T {
    root.query_selector(selector)
        .expect("query")
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn the_builder_shows_problems_inline_then_adds_the_strategy() {
    let custom = RwSignal::new(Vec::<CustomStrategy>::new());
    let saves = RwSignal::new(0_u32);
    let root = mount(move || {
        let contracts = vec![
            ("k16".to_owned(), "k16 Logo".to_owned()),
            ("k17".to_owned(), "k17 Site".to_owned()),
        ];
        view! {
            <SimStrategyBuilder
                contracts=Signal::derive(move || contracts.clone())
                open=Signal::derive(|| vec!["k16".to_owned(), "k17".to_owned()])
                pair_jobs=Signal::derive(Vec::new)
                reserved_names=Signal::derive(|| vec!["Close all now".to_owned()])
                today=Signal::derive(today)
                custom=custom
                on_change=Callback::new(move |()| saves.update(|n| *n += 1))
            />
        }
    });
    tick().await;
    let add: web_sys::HtmlElement = find(&root, "[data-testid=add-custom]");
    add.click();
    tick().await;
    let problems: web_sys::HtmlElement = find(&root, "[data-testid=custom-problems]");
    assert_eq!(problems.get_attribute("role").as_deref(), Some("alert"));
    assert!(problems
        .text_content()
        .unwrap_or_default()
        .contains("Give the strategy a name."));
    assert!(custom.get_untracked().is_empty());

    let kind: web_sys::HtmlSelectElement = find(&root, "[data-testid=step-kind-k16]");
    kind.set_value("now");
    kind.dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    let name: web_sys::HtmlInputElement = find(&root, "[data-testid=custom-name]");
    name.set_value("Mine");
    name.dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    tick().await;
    add.click();
    tick().await;
    let saved = custom.get_untracked();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        saved[0].describe(&context()),
        "Your strategy: end k16 today, leave k17 open."
    );
    assert_eq!(saves.get_untracked(), 1);
    assert!(root
        .query_selector("[data-testid=custom-problems]")
        .expect("query")
        .is_none());
    assert!(root.text_content().unwrap_or_default().contains("Mine"));
}
