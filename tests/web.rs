//! Component tests in headless Chromium (`cargo test -p jss-lab --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

mod web_support;

use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_support::{date, mount};

use jss_lab::components::theme_picker::ThemePicker;
use jss_lab::theme::{Theme, ThemeContext};

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("the test browser has localStorage")
}

fn html_theme() -> Option<String> {
    document()
        .document_element()
        .and_then(|e| e.get_attribute("data-theme"))
}

#[wasm_bindgen_test]
async fn theme_picker_applies_and_saves_the_choice() {
    local_storage().clear().expect("clear storage");
    let section = mount(|| {
        ThemeContext::provide();
        view! { <ThemePicker /> }
    });
    tick().await;
    let select: web_sys::HtmlSelectElement = section
        .query_selector("select")
        .expect("query")
        .expect("a select")
        .unchecked_into();
    assert_eq!(select.value(), "system");
    assert_eq!(html_theme(), None);

    select.set_value("dark");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    tick().await;
    assert_eq!(html_theme().as_deref(), Some("dark"));
    assert_eq!(
        local_storage().get_item("jss-lab.theme").expect("read"),
        Some("dark".to_string())
    );

    select.set_value("system");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    tick().await;
    assert_eq!(html_theme(), None);
}

#[wasm_bindgen_test]
fn a_saved_theme_is_restored_and_garbage_falls_back_to_system() {
    local_storage()
        .set_item("jss-lab.theme", "light")
        .expect("write");
    assert_eq!(jss_lab::storage::load_theme(), Theme::Light);
    local_storage()
        .set_item("jss-lab.theme", "<not a theme>")
        .expect("write");
    assert_eq!(jss_lab::storage::load_theme(), Theme::System);
}

/// One check for the plan: a strategy as data → the dated steps, as `date: what` lines.
fn check_plan(actions: serde_json::Value, expected: &[&str]) {
    let strategy: jss_engine::simulate::Strategy = serde_json::from_value(serde_json::json!({
        "name": "test", "description": "", "actions": actions, "planned_work": []
    }))
    .expect("a strategy");
    let steps = jss_lab::plan::plan_steps(&strategy, date("2026-11-27"));
    let got: Vec<String> = steps
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                s.date.map_or("later".to_string(), |d| d.to_string()),
                s.what
            )
        })
        .collect();
    assert_eq!(got, expected);
}

#[wasm_bindgen_test]
fn plans_date_every_step_of_a_strategy() {
    check_plan(
        serde_json::json!([{ "kind": "stagger", "contracts": ["k16", "k17"], "every_days": 14, "reason": "not_completed" }]),
        &[
            "2026-11-27: End k16 (reason: job not completed)",
            "2026-12-11: End k17 (reason: job not completed)",
        ],
    );
    check_plan(
        serde_json::json!([
            { "kind": "leave_open", "contract": "k18" },
            { "kind": "end_now", "contract": "k16" }
        ]),
        &[
            "2026-11-27: End k16 (reason: client unresponsive)",
            "later: Leave k18 open; nothing to do",
        ],
    );
}

#[wasm_bindgen_test]
fn ics_has_one_all_day_event_per_dated_step_with_escaped_folded_lines() {
    let strategy: jss_engine::simulate::Strategy = serde_json::from_value(serde_json::json!({
        "name": "Stagger, carefully", "description": "",
        "actions": [
            { "kind": "stagger", "contracts": ["k16", "k17"], "every_days": 14 },
            { "kind": "leave_open", "contract": "k18" }
        ],
        "planned_work": []
    }))
    .expect("a strategy");
    let steps = jss_lab::plan::plan_steps(&strategy, date("2026-11-27"));
    let ics = jss_lab::plan::to_ics(&strategy.name, &steps, date("2026-11-27"));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        2,
        "the undated step has no event"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20261211\r\n"));
    assert!(ics.contains("Stagger\\, carefully"));
    assert!(
        ics.split("\r\n").all(|l| l.len() <= 75),
        "every line folded at 75 octets"
    );
}
