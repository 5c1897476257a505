//! The root component: the header, the routes and the error boundary.
//!
//! The first screen (the first-run screen and the dashboard) is in the main wasm module. Every
//! other page is its own module, fetched the first time the page opens (see `CurrentPage`).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::common::deferred::Deferred;
use crate::components::import::share_preview::SharePreview;
use crate::components::layout::current_page::CurrentPage;
use crate::components::layout::shell_handover::ShellHolds;
use crate::components::layout::site_header::SiteHeader;
use crate::components::layout::storage_banner::StorageBanner;
use crate::pages::not_found_page::NotFoundPage;
use crate::state::{payload_of, saved_sim_inputs, scenario_of, AppState};
use crate::storage::{BannerAction, LoadOutcome, StorageContext};
use crate::theme::ThemeContext;

/// What the app starts from: the saved state as read, and the scenario and simulator inputs
/// in it (or why the scenario could not be read).
pub struct Start {
    outcome: LoadOutcome,
    scenario: Option<jss_engine::scenario::Scenario>,
    load_problem: Option<String>,
    sim_inputs: Option<serde_json::Value>,
}

impl Start {
    /// Reads the saved state in steps, letting the browser paint and answer input between them:
    /// starting the module, parsing the saved text, checking (and inflating) it, reading the
    /// scenario, reading the simulator's inputs, and drawing the first page each take a task of
    /// their own. At 10,000 contracts together they blocked the page for about 200 ms; on a phone
    /// even the demo's start was one task of over 250 ms (Lighthouse's mobile preset). Each
    /// step is kept under about 12 ms on a desktop, which is 50 ms on Lighthouse's phone (4x
    /// slower): a longer task counts as blocking and sets its time to interactive. The static
    /// shell, or the returning visitor's glimpse, is on screen meanwhile.
    pub async fn read() -> Start {
        // The module's instantiation and first run are a task of their own.
        crate::clock::next_task().await;
        let outcome = crate::storage::load_in_steps(chrono::Utc::now()).await;
        crate::clock::next_task().await;
        if !matches!(outcome, LoadOutcome::Loaded { .. }) {
            return Start::from(outcome);
        }
        // Saved data opens on the dashboard: its cards' module is fetched meanwhile.
        crate::components::dashboard::cards::preload();
        let (scenario, load_problem) = scenario_in(&outcome);
        crate::clock::next_task().await;
        let sim_inputs = initial_sim_inputs(&outcome);
        crate::clock::next_task().await;
        Start {
            outcome,
            scenario,
            load_problem,
            sim_inputs,
        }
    }
}

impl From<LoadOutcome> for Start {
    fn from(outcome: LoadOutcome) -> Start {
        let (scenario, load_problem) = scenario_in(&outcome);
        Start {
            sim_inputs: initial_sim_inputs(&outcome),
            scenario,
            load_problem,
            outcome,
        }
    }
}

/// The app. `start` is the saved state read beforehand ([`Start::read`]); without it (tests
/// that mount the app) it is read here.
#[component]
pub fn App(#[prop(optional)] start: Option<Start>) -> impl IntoView {
    ThemeContext::provide();
    ShellHolds::provide();
    let start = start.unwrap_or_else(|| Start::from(crate::storage::load(chrono::Utc::now())));
    let Start {
        outcome,
        scenario,
        load_problem,
        sim_inputs,
    } = start;
    let storage = StorageContext::provide_loaded(chrono::Utc::now, outcome);
    let load_problem = RwSignal::new(load_problem);
    let state = AppState::provide(scenario, sim_inputs, crate::clock::today());
    save_on_change(state, storage);
    // Another tab saved, or the user restored the backup or started fresh: show that state.
    Effect::new(move |_| {
        if let Some(outcome) = storage.replaced.get() {
            state.scenario.set(initial_scenario(&outcome, load_problem));
            state.sim_inputs.set(initial_sim_inputs(&outcome));
        }
    });
    keep_today_current(state);
    crate::persistence::request_persistence_once(state);
    let on_storage_action = Callback::new(move |action| match action {
        BannerAction::Export => crate::export::download_scenario(state),
        other => storage.act(other),
    });
    view! {
        // The contexts above are set up in the module's task; the router and the frame in the
        // next, and each part of the frame a task after that (see below).
        <Deferred holds_shell=true>
            <Router>
                <div class="app">
                    <a class="skip-link" href="#main">
                        "Skip to content"
                    </a>
                    // The frame is drawn in steps too: the contexts and the router, the header a
                    // task later, the banners a task after that, then the page (the app is hidden
                    // behind the static shell until all of them are in, so nothing moves on screen
                    // meanwhile).
                    <Deferred holds_shell=true>
                        <SiteHeader />
                    </Deferred>
                    <Deferred turns=2 holds_shell=true>
                        <StorageBanner
                            status=storage.status
                            problem=storage.problem
                            report=storage.report
                            recovery_error=storage.recovery_error
                            on_action=on_storage_action
                        />
                        <SharePreview />
                        {move || {
                            load_problem
                                .get()
                                .map(|p| {
                                    view! {
                                        <div class="storage-banner" role="alert">
                                            <p>
                                                "Your saved contracts could not be read by this version, so the app started empty. They are still stored; export nothing over them and reload after updating."
                                            </p>
                                            <pre>{p}</pre>
                                        </div>
                                    }
                                })
                        }}
                    </Deferred>
                    <main id="main" class="page" tabindex="-1">
                        // The page is drawn in the task after the frame around it, and the shell of
                        // index.html leaves once it is, with any part of it that holds the shell
                        // (ShellHolds): on a phone the whole start in one task blocked the page for
                        // over 150 ms.
                        <Deferred turns=3 holds_shell=true>
                            <ErrorBoundary fallback=|errors| {
                                view! {
                                    <div class="error-panel" role="alert">
                                        <h1>"Something went wrong"</h1>
                                        <p>
                                            "This page hit an error. Your saved data is untouched; reload to try again."
                                        </p>
                                        <ul>
                                            {move || {
                                                errors
                                                    .get()
                                                    .into_iter()
                                                    .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                                                    .collect_view()
                                            }}
                                        </ul>
                                    </div>
                                }
                            }>
                                // One route takes every address; the page for it is picked
                                // by `CurrentPage`.
                                <Routes fallback=NotFoundPage>
                                    <Route path=path!("/*any") view=CurrentPage />
                                </Routes>
                            </ErrorBoundary>
                        </Deferred>
                    </main>
                    <footer class="site-footer">
                        <p>
                            "JSS Lab estimates your Job Success Score from Upwork's documented rules. It is not Upwork's own algorithm, and nothing you enter leaves this browser."
                        </p>
                        <p>
                            <a href="/glossary">"Glossary: what the words mean"</a>
                            " · "
                            <a href="/refund">"For clients: when does my escrow come back?"</a>
                        </p>
                    </footer>
                </div>
            </Router>
        </Deferred>
    }
}

fn initial_scenario(
    outcome: &LoadOutcome,
    load_problem: RwSignal<Option<String>>,
) -> Option<jss_engine::scenario::Scenario> {
    let (scenario, problem) = scenario_in(outcome);
    if problem.is_some() {
        load_problem.set(problem);
    }
    scenario
}

/// The scenario in a load outcome, or the problems that kept it from being read.
fn scenario_in(outcome: &LoadOutcome) -> (Option<jss_engine::scenario::Scenario>, Option<String>) {
    match outcome {
        LoadOutcome::Loaded { payload, .. } => match scenario_of(payload) {
            Ok(s) => (s, None),
            Err(problems) => (None, Some(problems)),
        },
        _ => (None, None),
    }
}

fn initial_sim_inputs(outcome: &LoadOutcome) -> Option<serde_json::Value> {
    match outcome {
        LoadOutcome::Loaded { payload, .. } => saved_sim_inputs(payload),
        _ => None,
    }
}

/// Saves (debounced) after every change of the scenario, but not for the initial load, which
/// is already what is stored.
fn save_on_change(state: AppState, storage: StorageContext) {
    Effect::new(move |previous: Option<()>| {
        // Subscribes to both on every run (the payload itself is read untracked).
        state.scenario.track();
        state.sim_inputs.track();
        if previous.is_none() {
            // The first run only subscribes: building the payload of what was just loaded
            // would cost a long history a tenth of a second at start-up for nothing.
            return;
        }
        if state.is_long_history() {
            // A long history's payload (about 50 ms to build at 10,000 contracts) is built when
            // the save happens, after the pages have drawn the change; the edit is pending at
            // once, so a page hidden in between still saves it.
            storage.schedule_built(move || payload_now(state));
        } else {
            storage.schedule(payload_now(state));
        }
    });
}

fn payload_now(state: AppState) -> serde_json::Value {
    state.scenario.with_untracked(|s| {
        state
            .sim_inputs
            .with_untracked(|i| payload_of(s.as_ref(), i.as_ref()))
    })
}

/// Moves "today" forward when the date changes while the tab stays open, so every derived
/// view (scores, deadlines, alerts) catches up without a reload.
fn keep_today_current(state: AppState) {
    let tick = move || {
        let today = crate::clock::today();
        if state.today.get_untracked() != today {
            state.today.set(today);
        }
    };
    // A failed timer only means the date refreshes on the next reload.
    let _ = set_interval_with_handle(tick, std::time::Duration::from_secs(60));
}
