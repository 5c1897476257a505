use jss_engine::scenario::ops::read::{read_new, MilestoneText, NewContractText, PaidHow};
use jss_engine::scenario::ops::{Cadence, Field, FieldProblem, MilestonePart, Op};
use jss_engine::scenario::Scenario;
use leptos::prelude::*;

use crate::components::common::checkbox_field::CheckboxField;
use crate::components::common::choice_field::{end_reason_of, options, ChoiceField, END_REASONS};
use crate::components::common::form_problems::{error_at, focus_first_invalid, FormProblems};
use crate::components::common::text_field::TextField;
use crate::components::contracts::contract_warnings::ContractWarnings;
use crate::state::{AppState, UndoStep};

/// One milestone row of the form: a stable key for the list, and its fields as typed.
#[derive(Clone, Copy)]
struct MilestoneRow {
    key: usize,
    amount: RwSignal<String>,
    funded: RwSignal<String>,
    paid: RwSignal<String>,
}

impl MilestoneRow {
    fn new(key: usize) -> MilestoneRow {
        MilestoneRow {
            key,
            amount: RwSignal::new(String::new()),
            funded: RwSignal::new(String::new()),
            paid: RwSignal::new(String::new()),
        }
    }
}

/// The select's values for how an hourly client paid.
const PAID_HOW: [(&str, &str); 5] = [
    ("weekly", "Every week"),
    ("fortnightly", "Every two weeks"),
    ("monthly", "Every month"),
    ("dates", "On the dates I list"),
    ("none", "Not paid yet"),
];

fn paid_how_of(value: &str) -> PaidHow {
    match value {
        "fortnightly" => PaidHow::Regularly(Cadence::EveryTwoWeeks),
        "monthly" => PaidHow::Regularly(Cadence::Monthly),
        "dates" => PaidHow::OnDates,
        "none" => PaidHow::NotYet,
        _ => PaidHow::Regularly(Cadence::Weekly),
    }
}

/// The fields this form shows, so problems elsewhere are listed under it.
fn shown(field: Field) -> bool {
    matches!(
        field,
        Field::Client
            | Field::Title
            | Field::HourlyRate
            | Field::Start
            | Field::Total
            | Field::LastPaid
            | Field::PaymentList
            | Field::Milestone(..)
            | Field::EndDate
            | Field::Stars
    )
}

/// The clients' names, for the client field's suggestions.
fn client_names(scenario: Option<&Scenario>) -> Vec<String> {
    let mut names: Vec<String> = scenario
        .map(|s| {
            s.clients
                .iter()
                .filter(|c| !c.name.is_empty())
                .map(|c| c.name.clone())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names.dedup();
    names
}

/// The quick form for one contract, asking what the JSS depends on: for hourly work how
/// often the client paid and when last (or each payment), for fixed-price work its
/// milestones. The engine reads every field, turns the answers into payments, and refuses
/// anything wrong at its field; nothing is stored until all is right. After each add the
/// form starts clean, and "Same as last" brings back the client and the kind of contract.
#[component]
pub fn AddContractForm(undo: RwSignal<Option<UndoStep>>) -> impl IntoView {
    let state = AppState::get();
    let client = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let kind = RwSignal::new("fixed".to_string());
    let rate = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let paid_how = RwSignal::new("weekly".to_string());
    let total = RwSignal::new(String::new());
    let last_paid = RwSignal::new(String::new());
    let payment_list = RwSignal::new(String::new());
    let next_key = StoredValue::new(1usize);
    let milestones = RwSignal::new(vec![MilestoneRow::new(0)]);
    let ended = RwSignal::new(false);
    let end = RwSignal::new(String::new());
    let reason = RwSignal::new("completed".to_string());
    let stars = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let added = RwSignal::new(None::<(String, String)>);
    let last = StoredValue::new(None::<NewContractText>);
    let err = move |field| error_at(problems, field);

    let text = move || NewContractText {
        client: client.get_untracked(),
        title: title.get_untracked(),
        hourly: kind.get_untracked() == "hourly",
        rate: rate.get_untracked(),
        start: start.get_untracked(),
        paid_how: paid_how_of(&paid_how.get_untracked()),
        total: total.get_untracked(),
        last_paid: last_paid.get_untracked(),
        payment_list: payment_list.get_untracked(),
        milestones: milestones.with_untracked(|rows| {
            rows.iter()
                .map(|m| MilestoneText {
                    amount: m.amount.get_untracked(),
                    funded: m.funded.get_untracked(),
                    paid: m.paid.get_untracked(),
                })
                .collect()
        }),
        ended: ended.get_untracked(),
        end: end.get_untracked(),
        reason: end_reason_of(&reason.get_untracked()),
        stars: stars.get_untracked(),
    };
    // Every field back to its first value: the next contract starts from a clean form.
    let clear = move || {
        for field in [
            client,
            title,
            rate,
            start,
            total,
            last_paid,
            payment_list,
            end,
            stars,
        ] {
            field.set(String::new());
        }
        kind.set("fixed".into());
        paid_how.set("weekly".into());
        reason.set("completed".into());
        ended.set(false);
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        milestones.set(vec![MilestoneRow::new(key)]);
    };
    let same_as_last = move |_| {
        let Some(t) = last.get_value() else { return };
        client.set(t.client);
        kind.set(if t.hourly { "hourly" } else { "fixed" }.into());
        rate.set(t.rate);
        let how = PAID_HOW
            .iter()
            .find(|(v, _)| paid_how_of(v) == t.paid_how)
            .map_or("weekly", |(v, _)| *v);
        paid_how.set(how.into());
        ended.set(t.ended);
        reason.set(t.reason.as_str().into());
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        added.set(None);
        let typed = text();
        let today = state.today.get_untracked();
        let result = read_new(&typed, today, &state.params()).and_then(|new| {
            let label = format!("Added {}.", describe(&typed));
            state.apply(undo, label, Op::AddContracts(vec![new]))
        });
        match result {
            Ok(done) => {
                problems.set(Vec::new());
                let id = done.contracts.first().cloned().unwrap_or_default();
                let saved = format!(
                    "Saved {}. The form is clear for the next one.",
                    describe(&typed)
                );
                added.set(Some((id, saved)));
                last.set_value(Some(typed));
                clear();
            }
            Err(found) => {
                problems.set(found);
                focus_first_invalid("add-form");
            }
        }
    };

    let add_milestone = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        milestones.update(|rows| rows.push(MilestoneRow::new(key)));
    };

    view! {
        <form
            class="card add-contract"
            on:submit=submit
            aria-labelledby="add-title"
            data-testid="add-form"
            novalidate
        >
            <h2 id="add-title">"Add a contract"</h2>
            <datalist id="client-names">
                {move || {
                    state
                        .scenario
                        .with(|s| client_names(s.as_ref()))
                        .into_iter()
                        .map(|n| view! { <option value=n></option> })
                        .collect_view()
                }}
            </datalist>
            <div class="form-grid">
                <TextField
                    label="Client"
                    value=client
                    testid="add-client"
                    list="client-names"
                    error=err(Field::Client)
                />
                <TextField
                    label="Title (optional)"
                    value=title
                    testid="add-title"
                    error=err(Field::Title)
                />
                <ChoiceField
                    label="Type"
                    value=kind
                    options=options(&[("fixed", "Fixed price"), ("hourly", "Hourly")])
                    testid="add-type"
                />
                <TextField
                    label="Start date"
                    value=start
                    input_type="date"
                    testid="add-start"
                    error=err(Field::Start)
                />
            </div>
            {move || {
                if kind.get() == "hourly" {
                    view! {
                        <HourlyPay
                            rate=rate
                            paid_how=paid_how
                            total=total
                            last_paid=last_paid
                            payment_list=payment_list
                            problems=problems
                        />
                    }
                        .into_any()
                } else {
                    view! {
                        <fieldset class="form-section" data-testid="add-milestones">
                            <legend>"Milestones"</legend>
                            <p class="field-hint">
                                "Each is funded on the start date and paid on the end date (or still in escrow while the contract is open), unless you enter other dates."
                            </p>
                            <ol class="milestone-rows">
                                <For each=move || milestones.get() key=|m| m.key let:m>
                                    <MilestoneFields
                                        row=m
                                        milestones=milestones
                                        problems=problems
                                    />
                                </For>
                            </ol>
                            <button
                                type="button"
                                class="secondary"
                                data-testid="add-milestone-row"
                                on:click=add_milestone
                            >
                                "Add a milestone"
                            </button>
                        </fieldset>
                    }
                        .into_any()
                }
            }}
            <CheckboxField label="It has ended" value=ended testid="add-ended" />
            {move || {
                (ended.get())
                    .then(|| {
                        view! {
                            <div class="form-grid">
                                <TextField
                                    label="End date"
                                    value=end
                                    input_type="date"
                                    testid="add-end"
                                    error=err(Field::EndDate)
                                />
                                <ChoiceField
                                    label="How it ended"
                                    value=reason
                                    options=options(&END_REASONS)
                                    testid="add-reason"
                                />
                                <TextField
                                    label="Client's stars"
                                    hint="1 to 5; empty if no feedback"
                                    value=stars
                                    inputmode="decimal"
                                    testid="add-stars"
                                    error=err(Field::Stars)
                                />
                            </div>
                        }
                    })
            }}
            <FormProblems problems=problems shown=shown testid="add-problems" />
            <p class="toolbar">
                <button type="submit" data-testid="add-submit">
                    "Add contract"
                </button>
                {move || {
                    added
                        .get()
                        .map(|_| {
                            view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    data-testid="add-same"
                                    on:click=same_as_last
                                >
                                    "Same client and kind as last"
                                </button>
                            }
                        })
                }}
            </p>
            {move || {
                added
                    .get()
                    .map(|(id, text)| {
                        view! {
                            <div role="status" data-testid="add-saved">
                                <p>{text}</p>
                                <ContractWarnings id=id undo=undo />
                            </div>
                        }
                    })
            }}
        </form>
    }
}

/// "“Title” for Client", in the words of the undo bar and the status line.
fn describe(t: &NewContractText) -> String {
    let client = t.client.trim();
    match t.title.trim() {
        "" => format!("a contract for {client}"),
        title => format!("\u{201c}{title}\u{201d} for {client}"),
    }
}

/// How an hourly client paid: the rate, and either the cadence with the total and the last
/// payment, or the payments one per line.
#[component]
fn HourlyPay(
    rate: RwSignal<String>,
    paid_how: RwSignal<String>,
    total: RwSignal<String>,
    last_paid: RwSignal<String>,
    payment_list: RwSignal<String>,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    let err = move |field| error_at(problems, field);
    view! {
        <fieldset class="form-section" data-testid="add-hourly">
            <legend>"Hourly pay"</legend>
            <div class="form-grid">
                <TextField
                    label="Hourly rate (USD)"
                    hint="Optional; used to log hours later"
                    value=rate
                    inputmode="decimal"
                    testid="add-rate"
                    error=err(Field::HourlyRate)
                />
                <ChoiceField
                    label="How often the client paid"
                    value=paid_how
                    options=options(&PAID_HOW)
                    testid="add-paid-how"
                />
                {move || match paid_how_of(&paid_how.get()) {
                    PaidHow::Regularly(_) => {
                        view! {
                            <TextField
                                label="Total paid so far (USD)"
                                hint="Split evenly over the payments"
                                value=total
                                inputmode="decimal"
                                testid="add-total"
                                error=err(Field::Total)
                            />
                            <TextField
                                label="Last payment on"
                                hint="Payments run back from here to the start; empty on an ended contract: its end date"
                                value=last_paid
                                input_type="date"
                                testid="add-last-paid"
                                error=err(Field::LastPaid)
                            />
                        }
                            .into_any()
                    }
                    PaidHow::OnDates => {
                        view! {
                            <TextField
                                label="Payments, one per line"
                                hint="A date and an amount, such as 2026-03-04 400"
                                value=payment_list
                                rows=5
                                testid="add-payment-list"
                                error=err(Field::PaymentList)
                            />
                        }
                            .into_any()
                    }
                    PaidHow::NotYet => ().into_any(),
                }}
            </div>
        </fieldset>
    }
}

/// One milestone row: amount, funding date and payment date, and a button to remove it.
#[component]
fn MilestoneFields(
    row: MilestoneRow,
    milestones: RwSignal<Vec<MilestoneRow>>,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    let n = move || milestones.with(|rows| rows.iter().position(|m| m.key == row.key).unwrap_or(0));
    let field_error =
        move |part| Signal::derive(move || error_at(problems, Field::Milestone(n(), part)).get());
    let label =
        move |what: &'static str| Signal::derive(move || format!("Milestone {} {what}", n() + 1));
    view! {
        <li class="form-grid">
            <TextField
                label=label("amount (USD)")
                value=row.amount
                inputmode="decimal"
                testid="add-milestone-amount"
                error=field_error(MilestonePart::Amount)
            />
            <TextField
                label=label("funded on")
                value=row.funded
                input_type="date"
                testid="add-milestone-funded"
                error=field_error(MilestonePart::Funded)
            />
            <TextField
                label=label("paid on")
                value=row.paid
                input_type="date"
                testid="add-milestone-paid"
                error=field_error(MilestonePart::Paid)
            />
            <button
                type="button"
                class="secondary"
                on:click=move |_| milestones.update(|rows| rows.retain(|m| m.key != row.key))
            >
                {move || format!("Remove milestone {}", n() + 1)}
            </button>
        </li>
    }
}
