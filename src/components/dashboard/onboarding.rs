use jss_engine::demo::vanished_clients;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::common::error_alert::ErrorAlert;
use crate::components::import::import_file::ImportFile;
use crate::state::AppState;

/// The first-run screen: a guided demo, or the user's own contracts.
#[component]
pub fn Onboarding() -> impl IntoView {
    let state = AppState::get();
    let error = RwSignal::new(None::<String>);
    let load_demo = move |_| match vanished_clients(state.today.get_untracked()) {
        Ok(s) => state.replace(s),
        Err(problems) => error.set(Some(format!(
            "The demo could not be loaded ({} problems).",
            problems.len()
        ))),
    };
    view! {
        <section class="onboarding" aria-labelledby="welcome-title">
            <h2 id="welcome-title">"See what ending a contract does to your JSS"</h2>
            <p>
                "JSS Lab models Upwork's documented rules for contracts, escrow, feedback and the Job Success Score. Everything stays in this browser."
            </p>
            <div class="choices">
                <div class="card">
                    <h3>"Try the demo"</h3>
                    <p>
                        "Fifteen finished contracts with good feedback, and two hourly contracts whose clients went silent months ago. Should they be closed?"
                    </p>
                    <button data-testid="load-demo" on:click=load_demo>
                        "Open the demo"
                    </button>
                </div>
                <div class="card">
                    <h3>"Start with my own"</h3>
                    <p>
                        "Add your contracts one by one, or many past ones at once in a table (paste from a spreadsheet works); the score updates as you go."
                    </p>
                    <A href="/contracts?new=1" attr:class="button-link">
                        "Add a contract"
                    </A>
                    " "
                    <A href="/contracts?table=1" attr:class="button-link">
                        "Enter many in a table"
                    </A>
                </div>
                <div class="card">
                    <h3>"I hired someone: when does my money come back?"</h3>
                    <p>
                        "For clients: a fixed-price contract ended with money in escrow. Four questions give the refund date and your money calendar."
                    </p>
                    <A href="/refund" attr:class="button-link" attr:data-testid="client-way-in">
                        "Find my refund date"
                    </A>
                </div>
                <div class="card">
                    <h3>"Import a scenario file"</h3>
                    <p>"A JSS Lab scenario (.json) exported earlier or shared with you."</p>
                    <ImportFile />
                </div>
                <div class="card">
                    <h3>"Import Upwork CSV files"</h3>
                    <p>"Your Upwork transaction history or weekly summary exports (.csv)."</p>
                    <A href="/import" attr:class="button-link">
                        "Import CSV files"
                    </A>
                </div>
            </div>
            <ErrorAlert error=error />
        </section>
    }
}
