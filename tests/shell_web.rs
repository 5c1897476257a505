//! The static shell's handover in headless Chromium: the shell of index.html leaves in a task
//! after the page is drawn, and waits for a part of the page that holds it.
#![cfg(target_arch = "wasm32")]

mod web_support;

use jss_lab::clock::next_task;
use jss_lab::components::common::deferred::Deferred;
use jss_lab::components::layout::shell_handover::{ShellHandover, ShellHolds};
use leptos::prelude::*;
use wasm_bindgen_test::*;
use web_support::mount;

wasm_bindgen_test_configure!(run_in_browser);

/// One check: a stand-in for index.html's `#shell`, the handover, and a part drawn `turns`
/// tasks later that holds the shell or not. Samples once a task for ten tasks and returns what
/// was seen, each state once in the order it first appeared: "shell" or "gone", then "+ part"
/// once the part is drawn.
async fn check(holds_shell: bool, turns: u32, expected: &[&str]) {
    let shell = document().create_element("div").expect("create shell");
    shell.set_id("shell");
    document()
        .body()
        .expect("body")
        .append_child(&shell)
        .expect("append shell");
    let section = mount(move || {
        ShellHolds::provide();
        view! {
            <ShellHandover />
            <Deferred turns holds_shell>
                <p class="part">"drawn"</p>
            </Deferred>
        }
    });
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..10 {
        let there = if document().get_element_by_id("shell").is_some() {
            "shell"
        } else {
            "gone"
        };
        let part = section.query_selector(".part").expect("selector").is_some();
        let state = if part {
            format!("{there} + part")
        } else {
            there.to_owned()
        };
        if seen.last() != Some(&state) {
            seen.push(state);
        }
        next_task().await;
    }
    section.remove();
    if let Some(left) = document().get_element_by_id("shell") {
        left.remove();
    }
    // The order of the part's task and the shell's within one turn of the event loop is the
    // browser's; what must hold is that a held shell never leaves before the part is drawn.
    let seen: Vec<&str> = seen.iter().map(String::as_str).collect();
    assert!(
        expected
            .iter()
            .any(|e| e.split(" | ").eq(seen.iter().copied())),
        "holds_shell {holds_shell}, turns {turns}: saw {seen:?}, expected one of {expected:?}"
    );
}

#[wasm_bindgen_test]
async fn a_held_shell_stays_until_the_part_is_drawn() {
    check(
        true,
        3,
        &["shell | shell + part | gone + part", "shell | gone + part"],
    )
    .await;
}

#[wasm_bindgen_test]
async fn without_a_hold_the_shell_leaves_a_task_after_the_page() {
    check(false, 3, &["shell | gone | gone + part"]).await;
}
