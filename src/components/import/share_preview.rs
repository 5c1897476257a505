//! Share links in the app: [`ShareLink`] makes one on the Settings page, and [`SharePreview`]
//! reads one when the app opens on `#share=…`, showing the same validated preview as a file
//! import and replacing nothing until the user confirms.
//!
//! Reading a link (the compact text, the preview) is a module of its own, [`SharedScenario`],
//! fetched only when the app opens on a link: most visits have none, and the first screen does
//! not carry it.

use jss_engine::scenario::Scenario;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::components::layout::lazy_page::{lazy_page, LazyPage};
use crate::share::{self, ShareError};
use crate::state::AppState;

/// What a share link turned out to hold.
#[derive(Clone, Debug, PartialEq)]
pub enum Opened {
    Scenario(Scenario),
    /// Why the link cannot be used, one line per problem.
    Broken(Vec<String>),
}

/// Decodes and validates the payload of a `#share=` fragment.
pub fn open_payload(payload: &str) -> Opened {
    match share::open(payload) {
        Ok(s) => Opened::Scenario(s),
        Err(ShareError::NotScenario { problems }) => Opened::Broken(problems),
        Err(e) => Opened::Broken(vec![e.to_string()]),
    }
}

/// Removes the fragment from the address bar without a navigation or a history entry.
fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = format!(
        "{}{}",
        location.pathname().unwrap_or_else(|_| "/".into()),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
}

/// The payload of the link the app was opened with, for [`SharedScenario`].
#[derive(Clone)]
struct SharedPayload(String);

/// Shown at the top of the app when it was opened with a share link.
#[component]
pub fn SharePreview() -> impl IntoView {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let payload = share::payload_of_fragment(&hash)?.to_string();
    clear_fragment();
    provide_context(SharedPayload(payload));
    Some(view! { <LazyPage load=|| Box::pin(shared_scenario()) what="the shared scenario" /> })
}

lazy_page!(
    shared_scenario,
    share,
    crate::components::import::share_preview::SharedScenario
);

/// The preview of the link's scenario, or why it cannot be opened.
#[component]
pub fn SharedScenario() -> impl IntoView {
    let state = AppState::get();
    let opened = RwSignal::new(
        use_context::<SharedPayload>().map(|SharedPayload(payload)| open_payload(&payload)),
    );
    let confirm = move |_| {
        if let Some(Opened::Scenario(s)) = opened.get_untracked() {
            state.replace(s);
            opened.set(None);
        }
    };
    move || {
        opened
            .get()
            .map(|o| match o {
                Opened::Broken(ps) => {
                    view! {
                        <div class="card error" role="alert" data-testid="share-problems">
                            <p>"This share link could not be opened. Nothing was changed."</p>
                            <ul>{ps.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                            <button class="secondary" on:click=move |_| opened.set(None)>
                                "Dismiss"
                            </button>
                        </div>
                    }
                        .into_any()
                }
                Opened::Scenario(s) => {
                    let open = s.contracts.iter().filter(|c| c.end.is_none()).count();
                    let replaces = if state.has_data() {
                        " Opening it replaces the contracts you have now."
                    } else {
                        ""
                    };
                    view! {
                        <div
                            class="card preview"
                            role="region"
                            aria-label="Shared scenario"
                            data-testid="share-preview"
                        >
                            <p>
                                {format!(
                                    "This link holds a scenario: {} contracts ({} open) with {} clients.{}",
                                    s.contracts.len(),
                                    open,
                                    s.clients.len(),
                                    replaces,
                                )}
                            </p>
                            <button data-testid="share-confirm" on:click=confirm>
                                "Open this scenario"
                            </button>
                            <button class="secondary" on:click=move |_| opened.set(None)>
                                "Cancel"
                            </button>
                        </div>
                    }
                        .into_any()
                }
            })
    }
}

/// "Copy a share link": the scenario's inputs in the URL fragment, or why it cannot be.
#[component]
pub fn ShareLink() -> impl IntoView {
    let state = AppState::get();
    let made = RwSignal::new(None::<Result<String, ShareError>>);
    let make = move |_| {
        let Some(scenario) = state.scenario.get_untracked() else {
            return;
        };
        let base = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .map(|origin| format!("{origin}/"))
            .unwrap_or_default();
        let text = share::share_text(&scenario, state.today.get_untracked());
        let result = share::link(&base, &text);
        if let Ok(link) = &result {
            // The link stays visible whether or not the browser takes it.
            let link = link.clone();
            leptos::task::spawn_local(async move {
                crate::clipboard::write_text(&link).await;
            });
        }
        made.set(Some(result));
    };
    view! {
        <button
            class="secondary"
            data-testid="share-create"
            on:click=make
            disabled=move || !state.has_data()
        >
            "Copy a share link"
        </button>
        {move || {
            made.get()
                .map(|result| match result {
                    Ok(link) => {
                        view! {
                            <p role="status">
                                <label>
                                    "Share link (copied if the browser allowed it; holds your contracts, never results) "
                                    <input
                                        type="text"
                                        readonly=true
                                        data-testid="share-link"
                                        prop:value=link
                                        on:focus=move |ev| {
                                            if let Some(input) = ev
                                                .target()
                                                .and_then(|t| {
                                                    t.dyn_into::<web_sys::HtmlInputElement>().ok()
                                                })
                                            {
                                                input.select();
                                            }
                                        }
                                    />
                                </label>
                            </p>
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <p role="alert" data-testid="share-too-long">
                                {e.to_string()}
                                " "
                                <button
                                    class="secondary"
                                    on:click=move |_| crate::export::download_scenario(state)
                                >
                                    "Export scenario (.json)"
                                </button>
                            </p>
                        }
                            .into_any()
                    }
                })
        }}
    }
}
