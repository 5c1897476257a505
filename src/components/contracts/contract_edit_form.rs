use jss_engine::scenario::ops::read::{read_edit, EditText, EndText, FeedbackText};
use jss_engine::scenario::ops::{Field, FieldProblem, Op, PaymentPart};
use jss_engine::scenario::Contract;
use leptos::prelude::*;

use crate::components::common::checkbox_field::CheckboxField;
use crate::components::common::choice_field::{
    end_reason_of, options, party_of, ChoiceField, END_REASONS, PARTIES,
};
use crate::components::common::form_problems::{
    error_at, focus_first_invalid, reveal_on_mount, FormProblems,
};
use crate::components::common::text_field::TextField;
use crate::components::contracts::contract_detail::contract_name;
use crate::state::{AppState, UndoStep};

/// One payment row of the form: a stable key for the list, and the two fields as typed.
#[derive(Clone, Copy)]
struct PaymentRow {
    key: usize,
    date: RwSignal<String>,
    amount: RwSignal<String>,
}

/// The fields this form shows, so problems elsewhere are listed under it.
fn shown(field: Field) -> bool {
    matches!(
        field,
        Field::Title
            | Field::Client
            | Field::HourlyRate
            | Field::WeeklyLimit
            | Field::Start
            | Field::Payment(..)
            | Field::EndDate
            | Field::FeedbackDate
            | Field::Stars
    )
}

/// Edits every fact of a contract at once: title, client, rate and weekly limit, start,
/// payments, end and feedback. The engine reads what was typed and checks the facts; each
/// problem is shown at its field, and nothing is saved until there are none.
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
    let hourly = contract.is_hourly();
    let initial = EditText::of(&contract);
    let before = StoredValue::new(contract);
    let title = RwSignal::new(initial.title);
    let client = RwSignal::new(initial.client);
    let rate = RwSignal::new(initial.rate);
    let limit = RwSignal::new(initial.limit);
    let start = RwSignal::new(initial.start);
    let next_key = StoredValue::new(initial.payments.len());
    let payments = RwSignal::new(
        initial
            .payments
            .into_iter()
            .enumerate()
            .map(|(key, (date, amount))| PaymentRow {
                key,
                date: RwSignal::new(date),
                amount: RwSignal::new(amount),
            })
            .collect::<Vec<_>>(),
    );
    let today = state.today.get_untracked().to_string();
    let ended = RwSignal::new(initial.end.is_some());
    let end = initial.end.as_ref();
    let end_date = RwSignal::new(end.map_or(today.clone(), |e| e.date.clone()));
    let end_by = RwSignal::new(end.map_or("client", |e| e.by.as_str()).to_string());
    let end_reason = RwSignal::new(end.map_or("completed", |e| e.reason.as_str()).to_string());
    let has_feedback = RwSignal::new(initial.feedback.is_some());
    let feedback_date = RwSignal::new(
        initial
            .feedback
            .as_ref()
            .map(|f| f.date.clone())
            .or_else(|| end.map(|e| e.date.clone()))
            .unwrap_or_default(),
    );
    let stars = RwSignal::new(
        initial
            .feedback
            .as_ref()
            .map_or(String::new(), |f| f.stars.clone()),
    );
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let err = move |field| error_at(problems, field);
    let heading = NodeRef::<leptos::html::H3>::new();
    reveal_on_mount(heading);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let is_ended = ended.get_untracked();
        let text = EditText {
            title: title.get_untracked(),
            client: client.get_untracked(),
            rate: rate.get_untracked(),
            limit: limit.get_untracked(),
            start: start.get_untracked(),
            payments: payments.with_untracked(|ps| {
                ps.iter()
                    .map(|p| (p.date.get_untracked(), p.amount.get_untracked()))
                    .collect()
            }),
            end: is_ended.then(|| EndText {
                date: end_date.get_untracked(),
                by: party_of(&end_by.get_untracked()),
                reason: end_reason_of(&end_reason.get_untracked()),
            }),
            feedback: (is_ended && has_feedback.get_untracked()).then(|| FeedbackText {
                date: feedback_date.get_untracked(),
                stars: stars.get_untracked(),
            }),
        };
        let result = before.with_value(|c| {
            let name = state
                .scenario
                .with_untracked(|s| s.as_ref().map(|s| contract_name(s, c)))
                .unwrap_or_default();
            let label = format!("Edited {name}.");
            read_edit(c, &text, &state.params())
                .and_then(|edited| state.apply(undo, label, Op::ReplaceContract(edited)))
        });
        match result {
            Ok(_) => {
                problems.set(Vec::new());
                on_done.run(());
            }
            Err(found) => {
                problems.set(found);
                focus_first_invalid("edit-form");
            }
        }
    };

    view! {
        <form class="card contract-edit" on:submit=save data-testid="edit-form" novalidate>
            <h3 tabindex="-1" node_ref=heading>
                "Edit the contract"
            </h3>
            <div class="form-grid">
                <TextField label="Title" value=title testid="edit-title" error=err(Field::Title) />
                <ChoiceField
                    label="Client"
                    value=client
                    options=clients
                    testid="edit-client"
                    error=err(Field::Client)
                />
                {hourly
                    .then(|| {
                        view! {
                            <TextField
                                label="Hourly rate (USD)"
                                hint="Empty if unknown"
                                value=rate
                                inputmode="decimal"
                                testid="edit-rate"
                                error=err(Field::HourlyRate)
                            />
                            <TextField
                                label="Weekly limit (hours)"
                                hint="Empty if none"
                                value=limit
                                inputmode="numeric"
                                testid="edit-limit"
                                error=err(Field::WeeklyLimit)
                            />
                        }
                    })}
                <TextField
                    label="Start date"
                    value=start
                    input_type="date"
                    testid="edit-start"
                    error=err(Field::Start)
                />
            </div>
            <fieldset class="form-section">
                <legend>"Payments received"</legend>
                <ul class="payment-rows">
                    <For each=move || payments.get() key=|p| p.key let:p>
                        {
                            let n = move || {
                                payments
                                    .with(|ps| ps.iter().position(|q| q.key == p.key).unwrap_or(0))
                            };
                            let field_error = move |part| {
                                Signal::derive(move || {
                                    error_at(problems, Field::Payment(n(), part)).get()
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
                                        error=field_error(PaymentPart::Date)
                                    />
                                    <TextField
                                        label=Signal::derive(move || {
                                            format!("Payment {} amount (USD)", n() + 1)
                                        })
                                        value=p.amount
                                        inputmode="decimal"
                                        error=field_error(PaymentPart::Amount)
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
            <fieldset class="form-section">
                <legend>"End and feedback"</legend>
                <CheckboxField label="It has ended" value=ended testid="edit-ended" />
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
                                        error=err(Field::EndDate)
                                    />
                                    <ChoiceField
                                        label="Ended by"
                                        value=end_by
                                        options=options(&PARTIES)
                                    />
                                    <ChoiceField
                                        label="Reason"
                                        value=end_reason
                                        options=options(&END_REASONS)
                                    />
                                    <CheckboxField
                                        label="Client left feedback"
                                        value=has_feedback
                                        testid="edit-has-feedback"
                                    />
                                    {move || {
                                        (has_feedback.get())
                                            .then(|| {
                                                view! {
                                                    <TextField
                                                        label="Feedback date"
                                                        value=feedback_date
                                                        input_type="date"
                                                        testid="edit-feedback-date"
                                                        error=err(Field::FeedbackDate)
                                                    />
                                                    <TextField
                                                        label="Stars"
                                                        value=stars
                                                        inputmode="decimal"
                                                        testid="edit-stars"
                                                        error=err(Field::Stars)
                                                    />
                                                }
                                            })
                                    }}
                                </div>
                            }
                        })
                }}
            </fieldset>
            <FormProblems problems=problems shown=shown testid="edit-problems" />
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
