use leptos::prelude::*;

use crate::components::decision_card::DecisionCard;
use crate::components::jss_card::JssCard;
use crate::components::money_totals::MoneyTotals;
use crate::components::onboarding::Onboarding;
use crate::components::top_rated_strip::TopRatedStrip;
use crate::components::upcoming_events::UpcomingEvents;
use crate::components::window_table::WindowTable;
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
