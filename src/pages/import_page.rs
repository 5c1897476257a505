//! Import from Upwork CSV files (issue 9.3): read several exports at once, show what was read,
//! review the draft contracts and answer what the files cannot say, watch the JSS these
//! answers give, and replace the data only when the user confirms.

use jss_engine::csv_import::{import_files, ImportResult};
use jss_engine::jss::report::score_report;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::csv_report::CsvReport;
use crate::components::csv_review::{preview, CsvReview, RowInputs};
use crate::state::AppState;

/// The largest CSV file accepted, so a wrong file cannot freeze the page.
const MAX_FILE_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// One import: the engine's result and the inputs of each draft contract, in draft order.
#[derive(Clone)]
struct Imported {
    result: ImportResult,
    rows: Vec<RowInputs>,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = AppState::get();
    let imported = RwSignal::new(None::<Imported>);
    let read_problems = RwSignal::new(Vec::<String>::new());
    let reading = RwSignal::new(false);
    let done = RwSignal::new(None::<usize>);
    let on_change = move |ev: leptos::ev::Event| {
        read_problems.set(Vec::new());
        done.set(None);
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else {
            return;
        };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        if files.is_empty() {
            return;
        }
        let too_big: Vec<String> = files
            .iter()
            .filter(|f| f.size() > MAX_FILE_BYTES)
            .map(|f| {
                format!(
                    "{} is {:.1} MB; CSV files are read up to 5 MB each.",
                    f.name(),
                    f.size() / 1_048_576.0
                )
            })
            .collect();
        if !too_big.is_empty() {
            read_problems.set(too_big);
            return;
        }
        reading.set(true);
        leptos::task::spawn_local(async move {
            let mut texts = Vec::with_capacity(files.len());
            let mut problems = Vec::new();
            for file in &files {
                match JsFuture::from(file.text()).await {
                    Ok(v) => texts.push((file.name(), v.as_string().unwrap_or_default())),
                    Err(_) => problems.push(format!("{} could not be read.", file.name())),
                }
            }
            reading.set(false);
            if !problems.is_empty() {
                read_problems.set(problems);
                return;
            }
            let result = import_files(&texts);
            let rows = result.draft.contracts.iter().map(RowInputs::new).collect();
            imported.set(Some(Imported { result, rows }));
        });
    };
    let outcome = Memo::new(move |_| {
        imported.with(|i| {
            i.as_ref()
                .map(|i| preview(&i.result.draft, &i.rows).map_err(|ps| ps.join("\n")))
        })
    });
    let score = move || {
        let today = state.today.get();
        outcome.with(|o| match o {
            Some(Ok(s)) => match score_report(s, today).score {
                Some(score) => format!("JSS with these answers: {score}%"),
                None => "JSS with these answers: no score yet".to_string(),
            },
            _ => "JSS with these answers: no score yet (answer the questions above)".to_string(),
        })
    };
    let confirm = move |_| {
        let Some(Ok(scenario)) = outcome.get_untracked() else {
            return;
        };
        let count = scenario.contracts.len();
        state.replace(scenario);
        imported.set(None);
        done.set(Some(count));
    };
    let cancel = move |_| imported.set(None);
    view! {
        <h1>"Import from Upwork CSV"</h1>
        <section class="card csv-pick" aria-labelledby="csv-pick-title">
            <h2 id="csv-pick-title">"Choose your exports"</h2>
            <p class="muted">
                "Upwork's transaction history (before or after 2025) and the weekly summary are understood. Pick several files at once; rows that appear in two files are counted once. The files are read in this browser and never sent anywhere."
            </p>
            <label class="csv-input">
                <span>"Upwork CSV files"</span>
                <input
                    type="file"
                    accept=".csv,text/csv"
                    multiple
                    data-testid="csv-input"
                    on:change=on_change
                />
            </label>
            {move || reading.get().then(|| view! { <p role="status">"Reading the files…"</p> })}
            {move || {
                let ps = read_problems.get();
                (!ps.is_empty())
                    .then(|| {
                        view! {
                            <div class="error" role="alert" data-testid="csv-read-problems">
                                <p>"Nothing was imported:"</p>
                                <ul>
                                    {ps.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
        </section>
        {move || {
            done.get()
                .map(|count| {
                    view! {
                        <section class="card" data-testid="csv-done" role="status">
                            <p>
                                {format!(
                                    "Your data now holds the {count} imported contract{}.",
                                    if count == 1 { "" } else { "s" },
                                )}
                            </p>
                            <A href="/" attr:class="button-link">
                                "Open the dashboard"
                            </A>
                        </section>
                    }
                })
        }}
        {move || {
            imported
                .get()
                .map(|i| {
                    let has_contracts = !i.result.draft.contracts.is_empty();
                    let replaces = state
                        .scenario
                        .with_untracked(|s| s.as_ref().map(|s| s.contracts.len()));
                    view! {
                        <CsvReport report=i.result.report.clone() />
                        {if has_contracts {
                            view! {
                                <section
                                    class="card csv-review-card"
                                    aria-labelledby="csv-review-title"
                                >
                                    <h2 id="csv-review-title">"Review the contracts"</h2>
                                    <CsvReview draft=i.result.draft.clone() rows=i.rows.clone() />
                                    <p class="csv-score" data-testid="csv-score" aria-live="polite">
                                        {score}
                                    </p>
                                    {move || {
                                        outcome
                                            .with(|o| match o {
                                                Some(Err(ps)) => Some(ps.clone()),
                                                _ => None,
                                            })
                                            .map(|ps| {
                                                view! {
                                                    <div class="csv-problems" data-testid="csv-problems">
                                                        <p>"Still to answer before importing:"</p>
                                                        <ul>
                                                            {ps
                                                                .lines()
                                                                .map(|p| view! { <li>{p.to_string()}</li> })
                                                                .collect_view()}
                                                        </ul>
                                                    </div>
                                                }
                                            })
                                    }}
                                    {replaces
                                        .map(|n| {
                                            view! {
                                                <p class="warning">
                                                    {format!(
                                                        "Importing replaces the {n} contract{} you have now.",
                                                        if n == 1 { "" } else { "s" },
                                                    )}
                                                </p>
                                            }
                                        })}
                                    <div class="csv-actions">
                                        <button
                                            data-testid="csv-confirm"
                                            prop:disabled=move || {
                                                !outcome.with(|o| matches!(o, Some(Ok(_))))
                                            }
                                            on:click=confirm
                                        >
                                            "Replace my data with these contracts"
                                        </button>
                                        <button class="secondary" on:click=cancel>
                                            "Cancel"
                                        </button>
                                    </div>
                                </section>
                            }
                                .into_any()
                        } else {
                            view! {
                                <p class="error" role="alert" data-testid="csv-no-contracts">
                                    "No contract earnings were found in these files, so there is nothing to import."
                                </p>
                            }
                                .into_any()
                        }}
                    }
                })
        }}
    }
}
