use leptos::prelude::*;

use crate::components::common::needs_data::NeedsData;
use crate::components::jss::change_explainer::ChangeExplainer;
use crate::components::jss::cliff_chart::CliffChart;
use crate::components::jss::jss_table::JssTable;

/// "JSS explained": every contract and the rule behind it, the score over the next 24 months,
/// and why it changes between two dates.
#[component]
pub fn JssPage() -> impl IntoView {
    view! {
        <h1>"JSS explained"</h1>
        <NeedsData
            testid="jss-empty"
            text="This page shows each contract's part of your JSS, the score over the next 24 months and why it changes; open the demo or add contracts on the dashboard first."
        >
            <div class="pages-stack">
                <JssTable />
                <CliffChart />
                <ChangeExplainer />
            </div>
        </NeedsData>
    }
}
