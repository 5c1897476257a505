//! The static shell's handover in headless Chromium: the shell of index.html leaves once no part
//! of the page holds it, and not before.
#![cfg(target_arch = "wasm32")]

mod web_support;

use jss_lab::clock::next_task;
use jss_lab::components::common::deferred::Deferred;
use jss_lab::components::layout::shell_handover::ShellHolds;
use leptos::prelude::*;
use wasm_bindgen_test::*;
use web_support::mount;

wasm_bindgen_test_configure!(run_in_browser);

/// How the part under test sits in the page.
#[derive(Clone, Copy, Debug)]
enum Part {
    /// Drawn `turns` tasks later, holding the shell or not.
    Alone { turns: u32, holds_shell: bool },
    /// Drawn `turns` tasks after a holding parent, itself drawn a task later (the app's page
    /// and the dashboard's decision in it).
    InHeldPage { turns: u32 },
}

/// One check: a stand-in for index.html's `#shell`, the handover ([`ShellHolds::provide`]) and
/// `part`. Samples once a task for ten tasks; what was seen, each state once in the order it
/// first appeared ("shell" or "gone", then "+ part" once the part is drawn), must be one of
/// `expected` (the order of the part's task and the handover's within one turn of the event
/// loop is the browser's; what must hold is that a held shell never leaves before the part).
async fn check(part: Part, expected: &[&str]) {
    let shell = document().create_element("div").expect("create shell");
    shell.set_id("shell");
    document()
        .body()
        .expect("body")
        .append_child(&shell)
        .expect("append shell");
    let section = mount(move || {
        ShellHolds::provide();
        match part {
            Part::Alone { turns, holds_shell } => view! {
                <Deferred turns holds_shell>
                    <p class="part">"drawn"</p>
                </Deferred>
            }
            .into_any(),
            Part::InHeldPage { turns } => view! {
                <Deferred holds_shell=true>
                    <Deferred turns holds_shell=true>
                        <p class="part">"drawn"</p>
                    </Deferred>
                </Deferred>
            }
            .into_any(),
        }
    });
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..10 {
        let there = if document().get_element_by_id("shell").is_some() {
            "shell"
        } else {
            "gone"
        };
        let drawn = section.query_selector(".part").expect("selector").is_some();
        let state = if drawn {
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
    let seen: Vec<&str> = seen.iter().map(String::as_str).collect();
    assert!(
        expected
            .iter()
            .any(|e| e.split(" | ").eq(seen.iter().copied())),
        "{part:?}: saw {seen:?}, expected one of {expected:?}"
    );
}

const HELD: &[&str] = &["shell | shell + part | gone + part", "shell | gone + part"];

#[wasm_bindgen_test]
async fn a_held_shell_stays_until_the_part_is_drawn() {
    let part = Part::Alone {
        turns: 3,
        holds_shell: true,
    };
    check(part, HELD).await;
}

#[wasm_bindgen_test]
async fn a_part_of_a_held_page_holds_the_shell_too() {
    check(Part::InHeldPage { turns: 2 }, HELD).await;
}

#[wasm_bindgen_test]
async fn without_a_hold_the_shell_leaves_in_the_next_task() {
    let part = Part::Alone {
        turns: 3,
        holds_shell: false,
    };
    check(part, &["shell | gone | gone + part"]).await;
}
