//! What opens takes the focus once it is drawn (`reveal_on_mount`), so it is seen and announced,
//! but never from a field the user focused before that frame (typing there would be lost).
#![cfg(target_arch = "wasm32")]

mod web_support;

use jss_lab::components::common::form_problems::reveal_on_mount;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_support::mount;

wasm_bindgen_test_configure!(run_in_browser);

#[component]
fn Opened() -> impl IntoView {
    let heading = NodeRef::<leptos::html::H2>::new();
    reveal_on_mount(heading);
    view! {
        <h2 tabindex="-1" class="opened" node_ref=heading>
            "Opened"
        </h2>
        <input class="field" />
    }
}

/// Resolves after the browser's next animation frame.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Opens the part, focuses its field first when `user_focuses_field` (after the part is drawn,
/// before its first frame, as a quick tap on a slow phone does), and says which of the two has
/// the focus two frames later.
async fn check(user_focuses_field: bool, expected: &str) {
    let section = mount(|| view! { <Opened /> });
    // The effect that schedules the focus runs once the part is drawn, before the next task.
    jss_lab::clock::next_task().await;
    if user_focuses_field {
        let field: web_sys::HtmlElement = section
            .query_selector(".field")
            .ok()
            .flatten()
            .expect("the field")
            .unchecked_into();
        field.focus().expect("focus the field");
    }
    next_frame().await;
    next_frame().await;
    let focused = document()
        .active_element()
        .map(|e| e.class_name())
        .unwrap_or_default();
    section.remove();
    assert_eq!(
        focused, expected,
        "user focuses the field first: {user_focuses_field}"
    );
}

#[wasm_bindgen_test]
async fn what_opens_takes_the_focus() {
    check(false, "opened").await;
}

#[wasm_bindgen_test]
async fn a_field_the_user_focused_first_keeps_it() {
    check(true, "field").await;
}
