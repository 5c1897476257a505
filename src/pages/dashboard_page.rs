use leptos::prelude::*;

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
    view! {
        <h1>"Dashboard"</h1>
        <Show when=move || state.has_data() fallback=Onboarding>
            <DecisionCard />
            <div class="dashboard-grid">
                <JssCard />
                <WindowTable />
                <TopRatedStrip />
                <MoneyTotals />
                <UpcomingEvents />
            </div>
        </Show>
    }
}
