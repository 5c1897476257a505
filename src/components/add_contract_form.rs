use leptos::prelude::*;

use crate::components::choice_field::{options, ChoiceField, END_REASONS};
use crate::components::text_field::TextField;
use crate::entry::{add_contract, NewContract};
use crate::state::{AppState, UndoStep};

/// A compact form for one past or current contract, with sensible defaults: the client is
/// created if new, the amount earned becomes one payment on the end date (or the start date
/// while open), and feedback is dated on the end date.
#[component]
pub fn AddContractForm(undo: RwSignal<Option<UndoStep>>) -> impl IntoView {
    let state = AppState::get();
    let today = state.today.get_untracked().to_string();
    let client = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let kind = RwSignal::new("fixed".to_string());
    let start = RwSignal::new(today.clone());
    let earned = RwSignal::new(String::new());
    let rate = RwSignal::new("40".to_string());
    let ended = RwSignal::new(true);
    let end = RwSignal::new(today);
    let reason = RwSignal::new("completed".to_string());
    let stars = RwSignal::new("5.0".to_string());
    let problems = RwSignal::new(Vec::<String>::new());
    let saved = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let mut local = Vec::new();
        let client_name = client.get_untracked().trim().to_string();
        if client_name.is_empty() {
            local.push("Client: enter the client's name.".to_string());
        }
        let earned_usd = match earned.get_untracked().trim() {
            "" => Some(0.0),
            t => t
                .trim_start_matches('$')
                .replace(',', "")
                .parse::<f64>()
                .ok(),
        };
        if earned_usd.is_none() {
            local.push("Amount earned: enter a number of dollars, such as 1200 or 99.50.".into());
        }
        let stars_value = match stars.get_untracked().trim() {
            "" => None,
            t => match t.parse::<f64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    local.push("Stars: enter a rating from 1.0 to 5.0, or leave it empty.".into());
                    None
                }
            },
        };
        if !local.is_empty() {
            problems.set(local);
            return;
        }
        let fields = NewContract {
            client_name,
            title: title.get_untracked().trim().to_string(),
            hourly: kind.get_untracked() == "hourly",
            rate: rate.get_untracked(),
            start: start.get_untracked(),
            earned_usd: earned_usd.unwrap_or(0.0),
            end: ended.get_untracked().then(|| end.get_untracked()),
            reason: reason.get_untracked(),
            stars: stars_value,
        };
        let mut new_id = String::new();
        let res = state.edit(undo, "Added a contract".into(), |doc| {
            new_id = add_contract(doc, &fields);
        });
        match res {
            Ok(()) => {
                problems.set(Vec::new());
                saved.set(Some(format!("Added contract {new_id}.")));
                client.set(String::new());
                title.set(String::new());
                earned.set(String::new());
            }
            Err(ps) => problems.set(ps.iter().map(|p| explain_problem(&p.to_string())).collect()),
        }
    };

    view! {
        <form class="card add-contract" on:submit=submit aria-labelledby="add-title">
            <h2 id="add-title">"Add a contract"</h2>
            <div class="form-grid">
                <TextField label="Client" value=client testid="add-client" />
                <TextField label="Title" value=title testid="add-title" />
                <ChoiceField
                    label="Type"
                    value=kind
                    options=options(&[("fixed", "Fixed price"), ("hourly", "Hourly")])
                    testid="add-type"
                />
                {move || {
                    (kind.get() == "hourly")
                        .then(|| {
                            view! {
                                <TextField
                                    label="Hourly rate (USD)"
                                    value=rate
                                    inputmode="decimal"
                                />
                            }
                        })
                }}
                <TextField label="Start date" value=start input_type="date" testid="add-start" />
                <TextField
                    label="Amount earned (USD)"
                    value=earned
                    inputmode="decimal"
                    testid="add-earned"
                />
                <label class="checkbox">
                    <span>"Ended"</span>
                    <input type="checkbox" data-testid="add-ended" bind:checked=ended />
                </label>
                {move || {
                    (ended.get())
                        .then(|| {
                            view! {
                                <TextField
                                    label="End date"
                                    value=end
                                    input_type="date"
                                    testid="add-end"
                                />
                                <ChoiceField
                                    label="How it ended"
                                    value=reason
                                    options=options(&END_REASONS)
                                    testid="add-reason"
                                />
                                <TextField
                                    label="Client's stars (empty = no feedback)"
                                    value=stars
                                    inputmode="decimal"
                                    testid="add-stars"
                                />
                            }
                        })
                }}
            </div>
            <p>
                <button type="submit" data-testid="add-submit">
                    "Add contract"
                </button>
            </p>
            {move || {
                let ps = problems.get();
                (!ps.is_empty())
                    .then(|| {
                        view! {
                            <div class="field-error" role="alert" data-testid="add-problems">
                                <ul>
                                    {ps.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            {move || saved.get().map(|s| view! { <p role="status">{s}</p> })}
        </form>
    }
}

/// Turns a parser problem about the new contract into words about the form's fields.
fn explain_problem(problem: &str) -> String {
    let field = [
        ("hourly_rate", "Hourly rate"),
        ("payments", "Amount earned"),
        ("end.date", "End date"),
        ("feedback.stars", "Client's stars"),
        ("feedback", "Client's stars"),
        ("start", "Start date"),
    ]
    .into_iter()
    .find(|(path, _)| problem.contains(path))
    .map(|(_, name)| name);
    match field {
        Some(name) => format!("{name}: {}", problem.split(": ").last().unwrap_or(problem)),
        None => problem.to_string(),
    }
}
