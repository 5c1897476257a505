use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::change_explainer::ChangeExplainer;
use crate::components::cliff_chart::CliffChart;
use crate::components::jss_table::JssTable;
use crate::state::AppState;

/// "JSS explained": every contract and the rule behind it, the score over the next 24 months,
/// and why it changes between two dates.
#[component]
pub fn JssPage() -> impl IntoView {
    let state = AppState::get();
    view! {
        <h1>"JSS explained"</h1>
        <Show
            when=move || state.has_data()
            fallback=|| {
                view! {
                    <p class="empty-page" data-testid="jss-empty">
                        "This page shows each contract's part of your JSS, the score over the next 24 months and why it changes; open the demo or add contracts on "
                        <A href="/">"the dashboard"</A>
                        " first."
                    </p>
                }
            }
        >
            <div class="pages-stack">
                <JssTable />
                <CliffChart />
                <ChangeExplainer />
            </div>
        </Show>
    }
}
