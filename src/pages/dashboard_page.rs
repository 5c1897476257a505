use leptos::prelude::*;

use crate::components::common::deferred::Deferred;
use crate::components::dashboard::decision_card::DecisionCard;
use crate::components::dashboard::jss_card::JssCard;
use crate::components::dashboard::money_totals::MoneyTotals;
use crate::components::dashboard::onboarding::Onboarding;
use crate::components::dashboard::top_rated_strip::TopRatedStrip;
use crate::components::dashboard::upcoming_events::UpcomingEvents;
use crate::components::dashboard::window_table::WindowTable;
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
            // The decision comes first, two tasks after the page's; each card below it in a task
            // of its own after that (at 10,000 contracts each is tens of milliseconds; on a phone
            // even the demo's cards together were a task of about 100 ms). The two biggest
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
                    <JssCard />
                </Deferred>
                <Deferred turns=5>
                    <WindowTable />
                </Deferred>
                <Deferred turns=6>
                    <TopRatedStrip />
                </Deferred>
                <Deferred turns=7>
                    <MoneyTotals />
                </Deferred>
                <Deferred turns=8>
                    <UpcomingEvents />
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
