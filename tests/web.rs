//! Component tests in headless Chromium (`cargo test -p jss-lab --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

mod web_support;

use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_support::mount;

use jss_lab::components::layout::theme_picker::ThemePicker;
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
    assert_eq!(jss_lab::theme::load_theme(), Theme::Light);
    local_storage()
        .set_item("jss-lab.theme", "<not a theme>")
        .expect("write");
    assert_eq!(jss_lab::theme::load_theme(), Theme::System);
}
