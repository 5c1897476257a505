//! Import from Upwork CSV files (issue 9.3): read several exports at once, show what was read,
//! review the draft contracts and answer what the files cannot say, watch the JSS these
//! answers give, correct the grouping (merge, split), be warned when one contract came in
//! through two formats, and replace the data only when the user confirms.

use jss_engine::csv_import::{find_overlaps, import_files, ImportReport, Overlap};
use jss_engine::jss::report::score_report;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen_futures::JsFuture;

use crate::components::common::problem_list::ProblemList;
use crate::components::import::csv_report::CsvReport;
use crate::components::import::csv_review::{preview, CsvReview, ReviewState};
use crate::components::import::import_file::{chosen_files, too_large};
use crate::format;
use crate::state::AppState;

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = AppState::get();
    // The inputs' signals are created here so that they outlive every redraw of the table.
    let owner = Owner::current().unwrap_or_default();
    let report = RwSignal::new(None::<ImportReport>);
    let review = RwSignal::new(None::<ReviewState>);
    let read_problems = RwSignal::new(Vec::<String>::new());
    let reading = RwSignal::new(false);
    let done = RwSignal::new(None::<usize>);
    let on_change = move |ev: leptos::ev::Event| {
        read_problems.set(Vec::new());
        done.set(None);
        let files = chosen_files(&ev);
        if files.is_empty() {
            return;
        }
        let too_big: Vec<String> = files.iter().filter_map(|f| too_large(f, "CSV")).collect();
        if !too_big.is_empty() {
            read_problems.set(too_big);
            return;
        }
        reading.set(true);
        let owner = owner.clone();
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
            review.set(Some(owner.with(|| ReviewState::new(result.draft))));
            report.set(Some(result.report));
        });
    };
    let outcome = Memo::new(move |_| {
        review.with(|r| r.as_ref().map(|r| preview(r).map_err(|ps| ps.join("\n"))))
    });
    let has_review = Memo::new(move |_| review.with(Option::is_some));
    let has_contracts = Memo::new(move |_| {
        review.with(|r| r.as_ref().is_some_and(|r| !r.draft.contracts.is_empty()))
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
        review.set(None);
        report.set(None);
        done.set(Some(count));
    };
    let cancel = move |_| {
        review.set(None);
        report.set(None);
    };
    view! {
        <h1>"Import from Upwork CSV"</h1>
        <section class="card csv-pick" aria-labelledby="csv-pick-title">
            <h2 id="csv-pick-title">"Choose your exports"</h2>
            <p class="muted">
                "Upwork's transaction history (before or after 2025) and the weekly summary are understood. Pick several files at once; rows that appear in two files are counted once. The files are read in this browser and never sent anywhere."
            </p>
            <DownloadSteps />
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
            <ProblemList
                problems=read_problems
                intro="Nothing was imported:"
                testid="csv-read-problems"
            />
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
        {move || report.get().map(|report| view! { <CsvReport report=report /> })}
        {move || {
            has_review
                .get()
                .then(|| {
                    let replaces = state
                        .scenario
                        .with_untracked(|s| s.as_ref().map(|s| s.contracts.len()));
                    view! {
                        {move || {
                            (!has_contracts.get())
                                .then(|| {
                                    view! {
                                        <p
                                            class="error"
                                            role="alert"
                                            data-testid="csv-no-contracts"
                                        >
                                            "No contract earnings were found in these files, so there is nothing to import."
                                        </p>
                                    }
                                })
                        }}
                        <section
                            class="card csv-review-card"
                            aria-labelledby="csv-review-title"
                            hidden=move || !has_contracts.get()
                        >
                            <h2 id="csv-review-title">"Review the contracts"</h2>
                            {overlap_warnings(review)}
                            <CsvReview review=review />
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
                })
        }}
    }
}

/// A link to one of Upwork's help pages, opened in a new tab.
fn help_link(href: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <a class="action-link" href=href target="_blank" rel="noopener noreferrer">
            {text}
            <span class="visually-hidden">" (opens in a new tab)"</span>
        </a>
    }
}

/// Where each export is downloaded on Upwork, with Upwork's own help page for it (the paths
/// are those in reference/upwork-csv-exports.md §0). The links are navigation the user
/// chooses, opened in a new tab; the app itself requests nothing.
#[component]
fn DownloadSteps() -> impl IntoView {
    view! {
        <h3 id="csv-steps-title" class="csv-steps-title">
            "How to download them"
        </h3>
        <ol class="csv-steps" aria-labelledby="csv-steps-title" data-testid="csv-steps">
            <li>
                <p>
                    <strong>"Transaction history."</strong>
                    " On Upwork, open Reports › Transaction History (called Transactions or Transaction Report since 2025). Set the statement period to cover all your contracts, then choose “Download CSV”."
                </p>
                {help_link(
                    "https://support.upwork.com/hc/en-us/articles/218680988-View-Invoices",
                    "Upwork Help: View invoices and transaction history",
                )}
            </li>
            <li>
                <p>
                    <strong>"Weekly summary"</strong>
                    " (optional; it carries each contract's id, so split contracts are easier to spot). Open Manage finances › Your reports › Weekly summary, then download it as a CSV file."
                </p>
                {help_link(
                    "https://support.upwork.com/hc/en-us/articles/51481326960275-View-your-weekly-summary-report",
                    "Upwork Help: View your weekly summary report",
                )}
            </li>
            <li>
                <p>
                    "Choose the files below. No export holds feedback or how a contract ended, so the review asks you for those."
                </p>
            </li>
        </ol>
    }
}

/// The overlaps among the contracts still kept, as the engine finds them in the live draft.
fn live_overlaps(review: RwSignal<Option<ReviewState>>) -> Vec<Overlap> {
    review.with(|r| {
        let Some(r) = r else {
            return Vec::new();
        };
        let kept = |id: &str| r.rows.get(id).is_none_or(|row| !row.skip.get());
        find_overlaps(&r.draft)
            .into_iter()
            .filter(|o| o.contracts.iter().all(|id| kept(id)))
            .collect()
    })
}

/// One overlap in plain words.
fn overlap_words(overlap: &Overlap) -> String {
    let [a, b] = &overlap.contracts;
    let [source_a, source_b] = overlap.sources;
    let payments = overlap.payments_words();
    format!(
        "Contract {a} (from the {}) and contract {b} (from the {}) hold the same {payments}, {} in all, between {} and {}. They are probably one contract exported in two formats: keeping both would count this money twice in your score. Leave one copy out. Merging them would not help, because the merged contract would still hold both copies of each payment.",
        source_a.describe(),
        source_b.describe(),
        format::money(overlap.amount),
        format::date(overlap.from),
        format::date(overlap.to),
    )
}

/// The warnings about the same work imported twice, each with buttons that leave one copy out
/// (the weekly-summary copy first: it names no client and no fees).
fn overlap_warnings(review: RwSignal<Option<ReviewState>>) -> impl IntoView {
    let overlaps = Memo::new(move |_| live_overlaps(review));
    let leave_out = move |id: String| {
        review.with_untracked(|r| {
            if let Some(row) = r.as_ref().and_then(|r| r.rows.get(&id)) {
                row.skip.set(true);
            }
        });
    };
    move || {
        let list = overlaps.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|overlap| {
                    let mut ids: Vec<(String, &'static str)> = overlap
                        .contracts
                        .iter()
                        .cloned()
                        .zip(overlap.sources.iter().map(|s| s.describe()))
                        .collect();
                    if overlap.weekly_copy() == ids.get(1).map(|(id, _)| id.as_str()) {
                        ids.reverse();
                    }
                    let buttons = ids
                        .into_iter()
                        .map(|(id, source)| {
                            let target = id.clone();
                            view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    data-testid=format!("csv-overlap-skip-{id}")
                                    on:click=move |_| leave_out(target.clone())
                                >
                                    {format!("Leave out {id} (the {source} copy)")}
                                </button>
                            }
                        })
                        .collect_view();
                    view! {
                        <li data-testid="csv-overlap">
                            <p>{overlap_words(&overlap)}</p>
                            <div class="csv-actions">{buttons}</div>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div
                    class="warning csv-overlaps"
                    role="region"
                    aria-labelledby="csv-overlaps-title"
                    data-testid="csv-overlaps"
                >
                    <h3 id="csv-overlaps-title">"The same work in two files"</h3>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}
