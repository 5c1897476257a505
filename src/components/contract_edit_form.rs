use jss_engine::scenario::{Contract, Terms};
use leptos::prelude::*;
use serde_json::{json, Value};

use crate::components::choice_field::{options, ChoiceField, END_REASONS};
use crate::components::text_field::TextField;
use crate::entry::number_or_text;
use crate::state::{AppState, UndoStep};

/// One payment row of the form: a stable key for the list, and the two fields as typed.
#[derive(Clone, Copy)]
struct PaymentRow {
    key: usize,
    date: RwSignal<String>,
    amount: RwSignal<String>,
}

/// Edits every fact of a contract at once: title, client, rate and weekly limit, start,
/// payments, end and feedback. The form writes what was typed into the scenario document and
/// the engine's parser decides; each problem is shown next to the field it names.
#[component]
pub fn ContractEditForm(
    contract: Contract,
    undo: RwSignal<Option<UndoStep>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let state = AppState::get();
    let clients = state.scenario.with_untracked(|s| {
        s.as_ref()
            .map(|s| {
                s.clients
                    .iter()
                    .map(|c| {
                        let name = if c.name.is_empty() {
                            c.id.clone()
                        } else {
                            c.name.clone()
                        };
                        (c.id.clone(), name)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let id = StoredValue::new(contract.id.clone());
    let c = &contract;
    let title = RwSignal::new(c.title.clone().unwrap_or_default());
    let client = RwSignal::new(c.client.clone());
    let (hourly, rate_text, limit_text) = match &c.terms {
        Terms::Hourly {
            hourly_rate,
            weekly_limit_hours,
        } => (
            true,
            hourly_rate.to_usd().to_string(),
            weekly_limit_hours
                .map(|h| h.to_string())
                .unwrap_or_default(),
        ),
        Terms::Fixed { .. } => (false, String::new(), String::new()),
    };
    let rate = RwSignal::new(rate_text);
    let limit = RwSignal::new(limit_text);
    let start = RwSignal::new(c.start.to_string());
    let next_key = StoredValue::new(c.payments.len());
    let payments = RwSignal::new(
        c.payments
            .iter()
            .enumerate()
            .map(|(key, p)| PaymentRow {
                key,
                date: RwSignal::new(p.date.to_string()),
                amount: RwSignal::new(p.amount.to_usd().to_string()),
            })
            .collect::<Vec<_>>(),
    );
    let ended = RwSignal::new(c.end.is_some());
    let end_date = RwSignal::new(c.end.map_or(state.today.get_untracked().to_string(), |e| {
        e.date.to_string()
    }));
    let end_by = RwSignal::new(c.end.map_or("client", |e| e.by.as_str()).to_string());
    let end_reason = RwSignal::new(c.end.map_or("completed", |e| e.reason.as_str()).to_string());
    let has_feedback = RwSignal::new(c.feedback.is_some());
    let feedback_date = RwSignal::new(
        c.feedback
            .map(|f| f.date.to_string())
            .or_else(|| c.end.map(|e| e.date.to_string()))
            .unwrap_or_default(),
    );
    let stars = RwSignal::new(
        c.feedback
            .map_or("5.0".to_string(), |f| f.stars.as_f64().to_string()),
    );
    // Problems by field path within the contract (`start`, `payments[1].amount`).
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let error_for = move |field: &'static str| {
        move || {
            errors.with(|es| {
                es.iter()
                    .filter(|(path, _)| path == field || path.starts_with(&format!("{field}.")))
                    .map(|(_, m)| m.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        }
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = id.get_value();
        let mut index = None;
        let fields = EditedFields {
            title: title.get_untracked().trim().to_string(),
            client: client.get_untracked(),
            hourly,
            rate: rate.get_untracked(),
            limit: limit.get_untracked(),
            start: start.get_untracked(),
            payments: payments.with_untracked(|ps| {
                ps.iter()
                    .map(|p| (p.date.get_untracked(), p.amount.get_untracked()))
                    .collect()
            }),
            end: ended.get_untracked().then(|| {
                (
                    end_date.get_untracked(),
                    end_by.get_untracked(),
                    end_reason.get_untracked(),
                )
            }),
            feedback: (ended.get_untracked() && has_feedback.get_untracked())
                .then(|| (feedback_date.get_untracked(), stars.get_untracked())),
        };
        let result = state.edit(undo, format!("Edited {id}."), |doc| {
            index = write_fields(doc, &id, &fields);
        });
        match result {
            Ok(()) => {
                errors.set(Vec::new());
                on_done.run(());
            }
            Err(problems) => {
                let prefix = index.map(|i| format!("contracts[{i}]."));
                errors.set(
                    problems
                        .iter()
                        .map(
                            |p| match prefix.as_deref().and_then(|pre| p.path.strip_prefix(pre)) {
                                Some(field) => (field.to_string(), p.message.clone()),
                                None => (String::new(), p.to_string()),
                            },
                        )
                        .collect(),
                );
            }
        }
    };

    let err = move |field: &'static str| Signal::derive(error_for(field));
    view! {
        <form class="card contract-edit" on:submit=save data-testid="edit-form">
            <h3>"Edit the contract"</h3>
            <div class="form-grid">
                <TextField label="Title" value=title testid="edit-title" error=err("title") />
                <ChoiceField label="Client" value=client options=clients testid="edit-client" />
                {move || {
                    (hourly)
                        .then(|| {
                            view! {
                                <TextField
                                    label="Hourly rate (USD)"
                                    value=rate
                                    inputmode="decimal"
                                    testid="edit-rate"
                                    error=err("hourly_rate")
                                />
                                <TextField
                                    label="Weekly limit (hours, empty = none)"
                                    value=limit
                                    inputmode="numeric"
                                    testid="edit-limit"
                                    error=err("weekly_limit_hours")
                                />
                            }
                        })
                }}
                <TextField
                    label="Start date"
                    value=start
                    input_type="date"
                    testid="edit-start"
                    error=err("start")
                />
            </div>
            <fieldset>
                <legend>"Payments received"</legend>
                <ul class="payment-rows">
                    <For each=move || payments.get() key=|p| p.key let:p>
                        {
                            let n = move || {
                                payments
                                    .with(|ps| ps.iter().position(|q| q.key == p.key).unwrap_or(0))
                            };
                            let field_error = move |key: &'static str| {
                                Signal::derive(move || {
                                    let path = format!("payments[{}].{key}", n());
                                    errors
                                        .with(|es| {
                                            es.iter()
                                                .filter(|(p, _)| *p == path)
                                                .map(|(_, m)| m.clone())
                                                .collect::<Vec<_>>()
                                                .join("; ")
                                        })
                                })
                            };
                            view! {
                                <li>
                                    <TextField
                                        label=Signal::derive(move || {
                                            format!("Payment {} date", n() + 1)
                                        })
                                        value=p.date
                                        input_type="date"
                                        error=field_error("date")
                                    />
                                    <TextField
                                        label=Signal::derive(move || {
                                            format!("Payment {} amount (USD)", n() + 1)
                                        })
                                        value=p.amount
                                        inputmode="decimal"
                                        error=field_error("amount")
                                    />
                                    <button
                                        type="button"
                                        class="secondary"
                                        on:click=move |_| {
                                            payments.update(|ps| ps.retain(|q| q.key != p.key))
                                        }
                                    >
                                        {move || format!("Remove payment {}", n() + 1)}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <button
                    type="button"
                    class="secondary"
                    data-testid="edit-add-payment"
                    on:click=move |_| {
                        let key = next_key.get_value();
                        next_key.set_value(key + 1);
                        let today = state.today.get_untracked().to_string();
                        payments
                            .update(|ps| {
                                ps.push(PaymentRow {
                                    key,
                                    date: RwSignal::new(today),
                                    amount: RwSignal::new(String::new()),
                                })
                            });
                    }
                >
                    "Add a payment"
                </button>
            </fieldset>
            <fieldset>
                <legend>"End and feedback"</legend>
                <label class="checkbox">
                    <span>"Ended"</span>
                    <input type="checkbox" data-testid="edit-ended" bind:checked=ended />
                </label>
                {move || {
                    (ended.get())
                        .then(|| {
                            view! {
                                <div class="form-grid">
                                    <TextField
                                        label="End date"
                                        value=end_date
                                        input_type="date"
                                        testid="edit-end"
                                        error=err("end")
                                    />
                                    <ChoiceField
                                        label="Ended by"
                                        value=end_by
                                        options=options(
                                            &[
                                                ("client", "The client"),
                                                ("freelancer", "Me (freelancer)"),
                                                ("platform", "Upwork"),
                                            ],
                                        )
                                    />
                                    <ChoiceField
                                        label="Reason"
                                        value=end_reason
                                        options=options(&END_REASONS)
                                    />
                                    <label class="checkbox">
                                        <span>"Client left feedback"</span>
                                        <input
                                            type="checkbox"
                                            data-testid="edit-has-feedback"
                                            bind:checked=has_feedback
                                        />
                                    </label>
                                    {move || {
                                        (has_feedback.get())
                                            .then(|| {
                                                view! {
                                                    <TextField
                                                        label="Feedback date"
                                                        value=feedback_date
                                                        input_type="date"
                                                    />
                                                    <TextField
                                                        label="Stars"
                                                        value=stars
                                                        inputmode="decimal"
                                                        testid="edit-stars"
                                                        error=err("feedback")
                                                    />
                                                }
                                            })
                                    }}
                                </div>
                            }
                        })
                }}
            </fieldset>
            {move || {
                let general: Vec<String> = errors
                    .with(|es| {
                        es.iter()
                            .filter(|(path, _)| !shown_by_a_field(path))
                            .map(|(path, m)| {
                                if path.is_empty() { m.clone() } else { format!("{path}: {m}") }
                            })
                            .collect()
                    });
                let count = errors.with(Vec::len);
                (count > 0)
                    .then(|| {
                        view! {
                            <div class="field-error" role="alert" data-testid="edit-problems">
                                <p>
                                    {format!(
                                        "Not saved: {count} problem{} (shown by each field).",
                                        if count == 1 { "" } else { "s" },
                                    )}
                                </p>
                                <ul>
                                    {general
                                        .into_iter()
                                        .map(|p| view! { <li>{p}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            <p class="toolbar">
                <button type="submit" data-testid="edit-save">
                    "Save changes"
                </button>
                <button type="button" class="secondary" on:click=move |_| on_done.run(())>
                    "Cancel"
                </button>
            </p>
        </form>
    }
}

/// Whether a problem's path is shown next to one of the form's fields; the rest (milestone
/// dates, for instance) are listed under the form.
fn shown_by_a_field(path: &str) -> bool {
    [
        "title",
        "client",
        "hourly_rate",
        "weekly_limit_hours",
        "start",
        "payments[",
        "end",
        "feedback",
    ]
    .iter()
    .any(|field| path.starts_with(field))
}

/// The form's values as typed.
struct EditedFields {
    title: String,
    client: String,
    hourly: bool,
    rate: String,
    limit: String,
    start: String,
    payments: Vec<(String, String)>,
    end: Option<(String, String, String)>,
    feedback: Option<(String, String)>,
}

/// Writes the fields into the contract's document; returns the contract's index, so problems
/// can be matched to fields.
fn write_fields(doc: &mut Value, id: &str, f: &EditedFields) -> Option<usize> {
    let list = doc["contracts"].as_array_mut()?;
    let index = list.iter().position(|c| c["id"].as_str() == Some(id))?;
    let c = &mut list[index];
    c["title"] = if f.title.is_empty() {
        Value::Null
    } else {
        json!(f.title)
    };
    c["client"] = json!(f.client);
    if f.hourly {
        c["hourly_rate"] = number_or_text(&f.rate);
        c["weekly_limit_hours"] = match f.limit.trim() {
            "" => Value::Null,
            text => text.parse::<u64>().map_or(json!(text), |n| json!(n)),
        };
    }
    c["start"] = json!(f.start);
    c["payments"] = Value::Array(
        f.payments
            .iter()
            .map(|(date, amount)| json!({ "date": date, "amount": number_or_text(amount) }))
            .collect(),
    );
    c["end"] = f.end.as_ref().map_or(
        Value::Null,
        |(date, by, reason)| json!({ "date": date, "by": by, "reason": reason }),
    );
    // The legacy private score has no field here; it is kept as it was.
    let private_score = c["feedback"]["private_score"].clone();
    c["feedback"] = f.feedback.as_ref().map_or(Value::Null, |(date, stars)| {
        let mut feedback = json!({ "date": date, "stars": number_or_text(stars) });
        if !private_score.is_null() {
            feedback["private_score"] = private_score;
        }
        feedback
    });
    Some(index)
}
