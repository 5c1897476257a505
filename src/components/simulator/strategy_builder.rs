use std::collections::BTreeMap;

use chrono::NaiveDate;
use jss_engine::simulate::custom::{
    parse_whole, CustomContext, CustomStep, CustomStrategy, FormProblem, StepWhen, MAX_WEEKS,
};
use jss_engine::simulate::CloseReason;
use leptos::prelude::*;

use crate::components::simulator::list_editor::{unless_problems, SimListEditor};
use crate::components::simulator::sim_field::{Part, SimField};

/// One contract's row of the form, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct StepForm {
    /// `open`, `now`, `date`, `weeks`, `after` or `ask`.
    pub kind: String,
    pub date: String,
    pub weeks: String,
    /// The contract or planned job to pair with.
    pub after: String,
    /// `client_unresponsive`, `completed`, `not_completed` or `other`.
    pub reason: String,
}

impl Default for StepForm {
    fn default() -> StepForm {
        StepForm {
            kind: "open".into(),
            date: String::new(),
            weeks: "4".into(),
            after: String::new(),
            reason: "client_unresponsive".into(),
        }
    }
}

const REASONS: [(&str, &str, CloseReason); 4] = [
    (
        "client_unresponsive",
        "Client unresponsive",
        CloseReason::ClientUnresponsive,
    ),
    ("completed", "Completed", CloseReason::Completed),
    ("not_completed", "Not completed", CloseReason::NotCompleted),
    ("other", "Other", CloseReason::Other),
];

fn reason_of(text: &str) -> CloseReason {
    REASONS
        .iter()
        .find(|(key, _, _)| *key == text)
        .map_or(CloseReason::ClientUnresponsive, |(_, _, r)| *r)
}

fn reason_key(reason: CloseReason) -> &'static str {
    REASONS
        .iter()
        .find(|(_, _, r)| *r == reason)
        .map_or("client_unresponsive", |(key, _, _)| key)
}

/// The step a row describes, or what to fix in it.
pub fn step_of(contract: &str, form: &StepForm) -> Result<CustomStep, FormProblem> {
    let when = match form.kind.as_str() {
        "now" => StepWhen::Now,
        "date" => StepWhen::OnDate {
            date: NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d").map_err(|_| {
                FormProblem::Number {
                    field: "End on",
                    expected: "a date",
                }
            })?,
        },
        "weeks" => StepWhen::AfterWeeks {
            weeks: parse_whole(
                &form.weeks,
                0..=MAX_WEEKS,
                "Weeks from today",
                "a whole number of weeks from 0 to 104",
            )?,
        },
        "after" if form.after.is_empty() => {
            return Err(FormProblem::Number {
                field: "After the feedback of",
                expected: "the contract or planned job to wait for",
            })
        }
        "after" => StepWhen::AfterFeedback {
            after: form.after.clone(),
        },
        "ask" => StepWhen::AskClient,
        _ => StepWhen::LeaveOpen,
    };
    Ok(CustomStep {
        contract: contract.to_owned(),
        when,
        reason: reason_of(&form.reason),
    })
}

/// A saved step back in the form, for editing.
pub fn form_of(step: &CustomStep) -> StepForm {
    let mut form = StepForm {
        reason: reason_key(step.reason).into(),
        ..StepForm::default()
    };
    form.kind = match &step.when {
        StepWhen::Now => "now",
        StepWhen::OnDate { date } => {
            form.date = date.to_string();
            "date"
        }
        StepWhen::AfterWeeks { weeks } => {
            form.weeks = weeks.to_string();
            "weeks"
        }
        StepWhen::AfterFeedback { after } => {
            form.after = after.clone();
            "after"
        }
        StepWhen::LeaveOpen => "open",
        StepWhen::AskClient => "ask",
    }
    .into();
    form
}

/// The strategy the form describes (one step per contract in question), or every problem in
/// words, the contract named first when the problem is in its row.
pub fn strategy_of(
    name: &str,
    rows: &[(String, StepForm)],
    ctx: &CustomContext,
) -> Result<CustomStrategy, Vec<String>> {
    let mut problems = Vec::new();
    let mut steps = Vec::new();
    for (contract, form) in rows {
        match step_of(contract, form) {
            Ok(step) => steps.push(step),
            Err(p) => problems.push(format!("{contract}: {p}")),
        }
    }
    let strategy = CustomStrategy {
        name: name.trim().to_owned(),
        steps,
    };
    // A row that did not parse is not "no steps": say only what to fix in it.
    let row_failed = !problems.is_empty();
    problems.extend(
        strategy
            .problems(ctx)
            .iter()
            .filter(|p| !(row_failed && **p == FormProblem::NoSteps))
            .map(ToString::to_string),
    );
    unless_problems(strategy, problems)
}

// The typed parts of a step's row.
const DATE: Part<StepForm> = (|r| r.date.clone(), |r, v| r.date = v);
const WEEKS: Part<StepForm> = (|r| r.weeks.clone(), |r, v| r.weeks = v);

fn set_row(rows: RwSignal<BTreeMap<String, StepForm>>, id: String, f: impl FnOnce(&mut StepForm)) {
    rows.update(|m| f(m.entry(id).or_default()));
}

/// Compose a strategy from the steps the engine supports, one per contract in question, and
/// keep the list of composed strategies (edit, remove). Problems show under the form in words.
#[component]
pub fn SimStrategyBuilder(
    /// The contracts in question: id and label.
    #[prop(into)]
    contracts: Signal<Vec<(String, String)>>,
    /// Every contract open today.
    #[prop(into)]
    open: Signal<Vec<String>>,
    /// The planned jobs a step may pair with: id and label.
    #[prop(into)]
    pair_jobs: Signal<Vec<(String, String)>>,
    /// Names a composed strategy may not take (the presets').
    #[prop(into)]
    reserved_names: Signal<Vec<String>>,
    #[prop(into)] today: Signal<NaiveDate>,
    custom: RwSignal<Vec<CustomStrategy>>,
    /// Runs after the list changed, so the page can save its inputs.
    on_change: Callback<()>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let rows = RwSignal::new(BTreeMap::<String, StepForm>::new());
    let read = move |editing_at: Option<usize>| {
        let mut taken = reserved_names.get_untracked();
        custom.with_untracked(|list| {
            taken.extend(
                list.iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != editing_at)
                    .map(|(_, s)| s.name.clone()),
            );
        });
        let ctx = CustomContext {
            at: today.get_untracked(),
            open: open.get_untracked(),
            taken_names: taken,
            planned_ids: pair_jobs.get_untracked().into_iter().map(|j| j.0).collect(),
            names: contracts.get_untracked().into_iter().collect(),
        };
        let forms = rows.get_untracked();
        let filled: Vec<(String, StepForm)> = contracts
            .get_untracked()
            .into_iter()
            .map(|(id, _)| {
                let form = forms.get(&id).cloned().unwrap_or_default();
                (id, form)
            })
            .collect();
        strategy_of(&name.get_untracked(), &filled, &ctx)
    };
    let load = move |s: CustomStrategy| {
        name.set(s.name.clone());
        rows.set(
            s.steps
                .iter()
                .map(|step| (step.contract.clone(), form_of(step)))
                .collect(),
        );
    };
    let clear = move || {
        name.set(String::new());
        rows.set(BTreeMap::new());
    };
    let lines = move || {
        let ctx = CustomContext {
            at: today.get(),
            names: contracts.get().into_iter().collect(),
            ..CustomContext::default()
        };
        custom.with(|list| {
            list.iter()
                .map(|s| (s.name.clone(), s.describe(&ctx)))
                .collect()
        })
    };

    view! {
        <SimListEditor
            list=custom
            lines=Signal::derive(lines)
            load=Callback::new(load)
            read=Callback::new(read)
            clear=Callback::new(move |()| clear())
            on_change=on_change
            key="custom"
            testid="strategy-builder"
            title="Your own strategies"
            intro="Compose a strategy step by step; it is compared next to the presets on the next run."
            not_saved="This strategy was not saved:"
            add_label="Add the strategy"
            save_label="Save the strategy"
        >
            <label class="strategy-name">
                "Strategy name" <input data-testid="custom-name" bind:value=name />
            </label>
            <For each=move || contracts.get() key=|c| c.0.clone() let:c>
                {
                    let id = StoredValue::new(c.0.clone());
                    let row = move || {
                        rows.with(|m| m.get(&id.get_value()).cloned().unwrap_or_default())
                    };
                    let kind = move || row().kind;
                    let ends = move || {
                        matches!(kind().as_str(), "now" | "date" | "weeks" | "after")
                    };
                    let field = move |
                        label,
                        input_type,
                        testid: &'static str,
                        (get, put): Part<StepForm>|
                    {
                        // One typed field of the row: its label, input type, test id prefix and
                        // the part of the row it edits.
                        view! {
                            <SimField
                                label=label
                                input_type=input_type
                                keypad="numeric"
                                testid=move || format!("{testid}-{}", id.get_value())
                                value=Signal::derive(move || get(&row()))
                                on_input=Callback::new(move |v| {
                                    set_row(rows, id.get_value(), |r| put(r, v))
                                })
                            />
                        }
                    };
                    view! {
                        <fieldset class="strategy-step" data-testid=format!("step-{}", c.0)>
                            <legend>{c.1.clone()}</legend>
                            <label>
                                "What to do"
                                <select
                                    data-testid=format!("step-kind-{}", c.0)
                                    prop:value=kind
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        set_row(rows, id.get_value(), |r| r.kind = v);
                                    }
                                >
                                    <option value="open">"Leave open"</option>
                                    <option value="now">"End now"</option>
                                    <option value="date">"End on a date"</option>
                                    <option value="weeks">"End after some weeks"</option>
                                    <option value="after">
                                        "End alongside another's good review"
                                    </option>
                                    <option value="ask">"Ask the client to close"</option>
                                </select>
                            </label>
                            <Show when=move || {
                                kind() == "date"
                            }>{field("End on", "date", "step-date", DATE)}</Show>
                            <Show when=move || {
                                kind() == "weeks"
                            }>{field("Weeks from today", "text", "step-weeks", WEEKS)}</Show>
                            <Show when=move || kind() == "after">
                                <label>
                                    "After the feedback of"
                                    <select
                                        data-testid=move || format!("step-after-{}", id.get_value())
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            set_row(rows, id.get_value(), |r| r.after = v);
                                        }
                                    >
                                        <option value="" selected=move || row().after.is_empty()>
                                            "Choose…"
                                        </option>
                                        {move || {
                                            let me = id.get_value();
                                            let chosen = row().after;
                                            contracts
                                                .get()
                                                .into_iter()
                                                .filter(|(other, _)| *other != me)
                                                .chain(pair_jobs.get())
                                                .map(|(value, label)| {
                                                    let selected = value == chosen;
                                                    view! {
                                                        <option value=value selected=selected>
                                                            {label}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()
                                        }}
                                    </select>
                                </label>
                            </Show>
                            <Show when=ends>
                                <label>
                                    "Reason you give"
                                    <select
                                        prop:value=move || row().reason
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            set_row(rows, id.get_value(), |r| r.reason = v);
                                        }
                                    >
                                        {REASONS
                                            .iter()
                                            .map(|(key, label, _)| {
                                                view! { <option value=*key>{*label}</option> }
                                            })
                                            .collect_view()}
                                    </select>
                                </label>
                            </Show>
                        </fieldset>
                    }
                }
            </For>
        </SimListEditor>
    }
}
