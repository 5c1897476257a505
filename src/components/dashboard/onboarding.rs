use chrono::NaiveDate;
use jss_engine::scenario::Scenario;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::components::A;

use crate::components::common::deferred::Deferred;
use crate::components::common::error_alert::ErrorAlert;
use crate::components::import::import_file::ImportFile;
use crate::state::AppState;

/// Why the demo did not open.
enum DemoError {
    /// Its module did not arrive (offline, or a new version was deployed).
    NotLoaded,
    /// The demo's text did not pass validation: how many problems it has.
    Problems(usize),
}

impl From<SplitLoaderError> for DemoError {
    fn from(_: SplitLoaderError) -> DemoError {
        DemoError::NotLoaded
    }
}

/// The demo as of `today`. Its text (about 19 KB) and the code that moves its dates are a module
/// of their own, fetched when the demo is opened, so the first screen does not carry them.
#[leptos::wasm_split::wasm_split(demo, wasm_split_path = ::leptos::wasm_split, fallible)]
fn demo_scenario(today: NaiveDate) -> Result<Scenario, DemoError> {
    jss_engine::demo::vanished_clients(today)
        .map_err(|problems| DemoError::Problems(problems.len()))
}

/// The first-run screen: a guided demo, or the user's own contracts.
#[component]
pub fn Onboarding() -> impl IntoView {
    let state = AppState::get();
    let error = RwSignal::new(None::<String>);
    let load_demo = move |_| {
        let today = state.today.get_untracked();
        spawn_local(async move {
            match demo_scenario(today).await {
                Ok(s) => state.replace(s),
                Err(DemoError::Problems(count)) => error.set(Some(format!(
                    "The demo could not be loaded ({count} problems)."
                ))),
                Err(DemoError::NotLoaded) => error.set(Some(
                    "The demo could not be loaded: its code did not arrive (the connection may be down, or a new version was deployed). Try again."
                        .to_string(),
                )),
            }
        });
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
                // The last three choices (with the file picker) are drawn a task later, so that
                // neither part blocks a phone for long; the static shell stays until they are in.
                <Deferred holds_shell=true>
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
                </Deferred>
            </div>
            <ErrorAlert error=error />
        </section>
    }
}
