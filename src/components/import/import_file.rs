use jss_engine::scenario::parse::{parse_value, read_json};
use jss_engine::scenario::Scenario;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::common::problem_list::ProblemList;
use crate::state::AppState;

/// The largest file accepted (a scenario, or each CSV export), so a wrong file cannot freeze the
/// page. 50,000 contracts with their payments take about 14 MB as a scenario file; saved, they
/// are deflated to well under the storage quota.
pub const MAX_FILE_MB: f64 = 32.0;
const MAX_FILE_BYTES: f64 = MAX_FILE_MB * 1024.0 * 1024.0;

/// Whether `file` is over [`MAX_FILE_MB`], with the message that says so.
pub fn too_large(file: &web_sys::File, kind: &str) -> Option<String> {
    (file.size() > MAX_FILE_BYTES).then(|| {
        format!(
            "{} is {:.1} MB; {kind} files are read up to {MAX_FILE_MB:.0} MB each.",
            file.name(),
            file.size() / 1_048_576.0
        )
    })
}

/// The files chosen in the file input an event came from (none when it came from elsewhere).
pub fn chosen_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    input
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default()
}

/// Picks a scenario file, validates all of it, shows a preview, and replaces the current data
/// only when the user confirms. Problems are listed by their path in the file.
#[component]
pub fn ImportFile() -> impl IntoView {
    let state = AppState::get();
    let problems = RwSignal::new(Vec::<String>::new());
    let preview = RwSignal::new(None::<Scenario>);
    let on_change = move |ev: leptos::ev::Event| {
        problems.set(Vec::new());
        preview.set(None);
        let Some(file) = chosen_files(&ev).into_iter().next() else {
            return;
        };
        if let Some(problem) = too_large(&file, "scenario") {
            problems.set(vec![problem]);
            return;
        }
        leptos::task::spawn_local(async move {
            let text = match JsFuture::from(file.text()).await {
                Ok(v) => v.as_string().unwrap_or_default(),
                Err(_) => {
                    problems.set(vec![format!("{} could not be read.", file.name())]);
                    return;
                }
            };
            // Reading the JSON and checking the scenario are each a long task for a file of
            // thousands of contracts, so the page gets a turn between them.
            let parsed = match read_json(&text) {
                Ok(value) => {
                    drop(text);
                    crate::clock::next_task().await;
                    parse_value(&value)
                }
                Err(ps) => Err(ps),
            };
            match parsed {
                Ok(s) => preview.set(Some(s)),
                Err(ps) => problems.set(ps.iter().map(ToString::to_string).collect()),
            }
        });
    };
    let confirm = move |_| {
        // Taken, not cloned: the preview is gone once its scenario is the user's data.
        let mut taken = None;
        preview.update(|p| taken = p.take());
        if let Some(s) = taken {
            state.replace(s);
        }
    };
    view! {
        <div class="import-file">
            <label>
                <span>"Scenario file"</span>
                <input
                    type="file"
                    accept=".json,application/json"
                    data-testid="import-input"
                    on:change=on_change
                />
            </label>
            <ProblemList
                problems=problems
                intro=Signal::derive(move || {
                    let n = problems.with(Vec::len);
                    format!(
                        "This file was not imported: {n} problem{}. Nothing was changed.",
                        if n == 1 { "" } else { "s" },
                    )
                })
                testid="import-problems"
            />
            {move || {
                preview
                    .with(|p| {
                        p.as_ref()
                            .map(|s| {
                                let open = s.contracts.iter().filter(|c| c.end.is_none()).count();
                                (s.contracts.len(), open, s.clients.len())
                            })
                    })
                    .map(|(contracts, open, clients)| {
                        // Counted in place: cloning a long history's scenario for three numbers
                        // cost as much as reading it.
                        view! {
                            <div class="preview" data-testid="import-preview">
                                <p>
                                    {format!(
                                        "{} contracts ({} open) with {} clients. Importing replaces the contracts you have now.",
                                        contracts,
                                        open,
                                        clients,
                                    )}
                                </p>
                                <button data-testid="import-confirm" on:click=confirm>
                                    "Replace my data with this file"
                                </button>
                                <button class="secondary" on:click=move |_| preview.set(None)>
                                    "Cancel"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
