use leptos::prelude::*;

use crate::components::common::deferred::Deferred;
use crate::components::dashboard::cards;
use crate::components::dashboard::decision_card::DecisionCard;
use crate::components::dashboard::onboarding::Onboarding;
use crate::components::layout::lazy_page::LazyPage;
use crate::state::AppState;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = AppState::get();
    // Importing or opening the demo replaces the first-run screen, whose import form sits low on
    // a phone: the dashboard that takes its place is shown from its top, not from the middle.
    Effect::new(move |had_data: Option<bool>| {
        let has_data = state.has_data();
        if had_data == Some(false) && has_data {
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
        has_data
    });
    view! {
        <h1>"Dashboard"</h1>
        <Show when=move || state.has_data() fallback=Onboarding>
            // The decision comes first, two tasks after the page's; the cards below it after that,
            // each in a task of its own (`cards`, a module fetched from the start). The two biggest
            // computations, the timeline the decision reads and the score report the next three
            // cards read, each take a task of their own before the first card that reads them
            // (`prepare`). A returning visitor's glimpse (public/boot.js) is exactly the title
            // and the decision, and the shell showing it stays until the decision is drawn, so
            // the app takes over from it without a blink.
            {prepare(1, move || state.upcoming.try_with_untracked(|_| ()))}
            <Deferred turns=2 holds_shell=true>
                <DecisionCard />
            </Deferred>
            {prepare(3, move || state.report.try_with_untracked(|_| ()))}
            <div class="dashboard-grid">
                <Deferred turns=4>
                    <LazyPage load=cards::load what="the dashboard's cards" />
                </Deferred>
            </div>
        </Show>
    }
}

/// Runs `work` (working out a memo the cards read) `turns` tasks from now, drawing nothing, so
/// that the card reading it next draws in a task of its own. Each task is then kept short enough
/// not to count as blocking on a phone (50 ms there, about 12 ms on a desktop).
fn prepare<T>(turns: u32, work: impl FnOnce() -> T + 'static) {
    leptos::task::spawn_local(async move {
        for _ in 0..turns {
            crate::clock::next_task().await;
        }
        // A memo of the app's state lives as long as the app; `try_` reads nothing once disposed.
        work();
    });
}
