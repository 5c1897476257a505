use std::time::Duration;

use leptos::prelude::*;

use crate::components::common::needs_data::NeedsData;
use crate::components::jss::change_explainer::ChangeExplainer;
use crate::components::jss::cliff_chart::CliffChart;
use crate::components::jss::jss_table::JssTable;

/// "JSS explained": every contract and the rule behind it, the score over the next 24 months,
/// and why it changes between two dates.
#[component]
pub fn JssPage() -> impl IntoView {
    // The table comes first. The chart and the explainer below it each work through the whole
    // history, so they are drawn in the next task: opening the page with a long history then
    // blocks the browser for each part in turn, never for all three at once.
    let rest_shown = RwSignal::new(false);
    set_timeout(
        move || {
            rest_shown.try_set(true);
        },
        Duration::ZERO,
    );
    view! {
        <h1>"JSS explained"</h1>
        <NeedsData
            testid="jss-empty"
            text="This page shows each contract's part of your JSS, the score over the next 24 months and why it changes; open the demo or add contracts on the dashboard first."
        >
            <div class="pages-stack">
                <JssTable />
                {move || {
                    rest_shown
                        .get()
                        .then(|| {
                            view! {
                                <CliffChart />
                                <ChangeExplainer />
                            }
                        })
                }}
            </div>
        </NeedsData>
    }
}
