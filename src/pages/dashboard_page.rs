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
            // The decision comes first, in the task after the page's; each card below it in a task
            // of its own after that (at 10,000 contracts each is tens of milliseconds; on a phone
            // even the demo's cards together were a task of about 100 ms). A returning
            // visitor's glimpse (public/boot.js) is exactly the title and the decision, and the
            // shell showing it stays until the decision is drawn, so the app takes over from it
            // without a blink.
            <Deferred holds_shell=true>
                <DecisionCard />
            </Deferred>
            <div class="dashboard-grid">
                <Deferred turns=2>
                    <JssCard />
                </Deferred>
                <Deferred turns=3>
                    <WindowTable />
                </Deferred>
                <Deferred turns=4>
                    <TopRatedStrip />
                </Deferred>
                <Deferred turns=5>
                    <MoneyTotals />
                </Deferred>
                <Deferred turns=6>
                    <UpcomingEvents />
                </Deferred>
            </div>
        </Show>
    }
}
