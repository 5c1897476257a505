use chrono::NaiveDate;
use jss_engine::scenario::edit::{allowed_actions, apply, Action, ActionKind, EditError};
use jss_engine::scenario::input;
use jss_engine::scenario::ops::Field;
use jss_engine::scenario::{Milestone, Terms};
use leptos::prelude::*;

use crate::components::common::choice_field::{
    end_reason_of, options, party_of, ChoiceField, END_REASONS,
};
use crate::components::common::form_problems::focus_first_invalid;
use crate::components::common::text_field::TextField;
use crate::components::contracts::contract_detail::contract_name;
use crate::format::{date, money};
use crate::state::{AppState, UndoStep};

/// The lifecycle actions the engine allows on one contract today, each written into the
/// scenario as the facts it leaves (`jss_engine::scenario::edit`). Only allowed actions are
/// shown; a refused value says why in plain words and changes nothing.
#[component]
pub fn ContractActions(id: String, undo: RwSignal<Option<UndoStep>>) -> impl IntoView {
    let state = AppState::get();
    let contract_id = StoredValue::new(id);
    let allowed = Memo::new(move |_| {
        let today = state.today.get();
        state.scenario.with(|s| {
            s.as_ref()
                .map(|s| allowed_actions(s, &contract_id.get_value(), today))
                .unwrap_or_default()
        })
    });
    let milestones = Memo::new(move |_| {
        state.scenario.with(|s| {
            s.as_ref()
                .and_then(|s| s.contracts.iter().find(|c| c.id == contract_id.get_value()))
                .map(|c| match &c.terms {
                    Terms::Fixed { milestones } => milestones.clone(),
                    Terms::Hourly { .. } => Vec::new(),
                })
                .unwrap_or_default()
        })
    });
    // The contract in the undo bar's words: its title, or its kind and client.
    let name = move || {
        state.scenario.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| {
                    let c = s
                        .contracts
                        .iter()
                        .find(|c| c.id == contract_id.get_value())?;
                    Some(contract_name(s, c))
                })
                .unwrap_or_default()
        })
    };
    let is_open = Memo::new(move |_| allowed.with(|a| a.contains(&ActionKind::End)));
    let has = move |kind: ActionKind| allowed.with(|a| a.contains(&kind));

    // A refusal about a value is shown at that value's field (marked invalid and described
    // by the message); a refusal of the action as a whole goes under the panel.
    let refusals = RwSignal::new(Vec::<(Field, String)>::new());
    let problem = RwSignal::new(None::<String>);
    let at = move |field: Field| {
        Signal::derive(move || {
            refusals.with(|rs| {
                rs.iter()
                    .filter(|(f, _)| *f == field)
                    .map(|(_, m)| m.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        })
    };
    let today = state.today.get_untracked();
    let week = RwSignal::new(today.to_string());
    let hours = RwSignal::new(String::new());
    let by = RwSignal::new("freelancer".to_string());
    let reason = RwSignal::new("not_completed".to_string());
    let stars = RwSignal::new(String::new());
    let milestone_amount = RwSignal::new(String::new());
    let milestone_due = RwSignal::new(String::new());
    let part_amount = RwSignal::new(String::new());

    // Runs one action: `what` names it in a refusal of the whole action; `done` is the undo
    // bar's sentence. A value that could not be read is refused at its field.
    let run = move |what: &str, done: String, action: Result<Action, Vec<(Field, String)>>| {
        let id = contract_id.get_value();
        let today = state.today.get_untracked();
        problem.set(None);
        let action = match action {
            Ok(action) => action,
            Err(found) => {
                refusals.set(found);
                focus_first_invalid("contract-actions");
                return;
            }
        };
        let result = state.scenario.with_untracked(|s| match s {
            Some(s) => apply(s, &id, action, today),
            None => Err(EditError::ContractNotFound(id.clone())),
        });
        refusals.set(Vec::new());
        match result {
            Ok(next) => state.commit(undo, done, next),
            Err(error) => match error.field() {
                Some(field) => {
                    refusals.set(vec![(field, error.to_string())]);
                    focus_first_invalid("contract-actions");
                }
                None => problem.set(Some(format!("{what}: {error}"))),
            },
        }
    };

    let log_hours = move |_| {
        let mut bad = Vec::new();
        let week_of = read(&mut bad, Field::Week, input::date(&week.get_untracked()));
        let hours_read = read(
            &mut bad,
            Field::Hours,
            input::hours_hundredths(&hours.get_untracked()),
        );
        let action = match (week_of, hours_read) {
            (Some(week_of), Some(hours_hundredths)) if bad.is_empty() => Ok(Action::LogHours {
                week_of,
                hours_hundredths,
            }),
            _ => Err(bad),
        };
        let done = format!("Logged {} hours on {}.", hours.get_untracked(), name());
        run("Log hours", done, action);
    };
    let end_now = move |_| {
        let action = Ok(Action::End {
            by: party_of(&by.get_untracked()),
            reason: end_reason_of(&reason.get_untracked()),
        });
        run("End", format!("Ended {}.", name()), action);
    };
    let leave_feedback = move |_| {
        let mut bad = Vec::new();
        let action = read(&mut bad, Field::Stars, input::stars(&stars.get_untracked()))
            .map(|stars| Action::LeaveFeedback { stars })
            .ok_or(bad);
        let done = format!("Recorded the client's feedback on {}.", name());
        run("Record feedback", done, action);
    };
    let add_milestone = move |_| {
        let mut bad = Vec::new();
        let amount = read(
            &mut bad,
            Field::MilestoneAmount,
            input::positive_money(&milestone_amount.get_untracked()),
        );
        let due = read(
            &mut bad,
            Field::MilestoneDue,
            input::optional(&milestone_due.get_untracked(), input::date),
        );
        let action = match (amount, due) {
            (Some(amount), Some(due)) if bad.is_empty() => Ok(Action::AddMilestone { amount, due }),
            _ => Err(bad),
        };
        let done = format!("Added a milestone to {}.", name());
        run("Add milestone", done, action);
    };

    view! {
        <div class="contract-actions" data-testid="contract-actions">
            {move || {
                (has(ActionKind::LogHours))
                    .then(|| {
                        view! {
                            <fieldset class="action-group">
                                <legend>"Log hours"</legend>
                                <TextField
                                    label="A day in the week"
                                    value=week
                                    input_type="date"
                                    testid="log-week"
                                    error=at(Field::Week)
                                />
                                <TextField
                                    label="Hours"
                                    value=hours
                                    inputmode="decimal"
                                    testid="log-hours"
                                    error=at(Field::Hours)
                                />
                                <button data-testid="log-hours-submit" on:click=log_hours>
                                    "Log hours"
                                </button>
                                <p class="muted">
                                    "Paid hours × rate on the Wednesday the week's money becomes available."
                                </p>
                            </fieldset>
                        }
                    })
            }}
            {move || {
                (has(ActionKind::AddMilestone) || !milestones.with(Vec::is_empty))
                    .then(|| {
                        view! {
                            <fieldset class="action-group">
                                <legend>"Milestones"</legend>
                                <MilestoneList
                                    milestones=milestones
                                    allowed=allowed
                                    part_amount=part_amount
                                    part_error=at(Field::PartAmount)
                                    run=Callback::new(move |(what, done, action): RunArgs| {
                                        run(&what, done, action)
                                    })
                                />
                                {move || {
                                    (has(ActionKind::AddMilestone))
                                        .then(|| {
                                            view! {
                                                <TextField
                                                    label="New milestone amount (USD)"
                                                    value=milestone_amount
                                                    inputmode="decimal"
                                                    testid="milestone-amount"
                                                    error=at(Field::MilestoneAmount)
                                                />
                                                <TextField
                                                    label="Due date (optional)"
                                                    value=milestone_due
                                                    input_type="date"
                                                    testid="milestone-due"
                                                    error=at(Field::MilestoneDue)
                                                />
                                                <button data-testid="add-milestone" on:click=add_milestone>
                                                    "Add milestone"
                                                </button>
                                            }
                                        })
                                }}
                            </fieldset>
                        }
                    })
            }}
            {move || {
                (is_open.get())
                    .then(|| {
                        view! {
                            <fieldset class="action-group">
                                <legend>"End the contract today"</legend>
                                <ChoiceField
                                    label="Ended by"
                                    value=by
                                    options=options(
                                        &[
                                            ("freelancer", "Me (freelancer)"),
                                            ("client", "The client"),
                                        ],
                                    )
                                    testid="end-by"
                                />
                                <ChoiceField
                                    label="Reason"
                                    value=reason
                                    options=options(&END_REASONS)
                                    testid="end-reason"
                                />
                                <button data-testid="end-now" on:click=end_now>
                                    "End today"
                                </button>
                            </fieldset>
                            <fieldset class="action-group" data-testid="not-stored">
                                <legend>"Dispute, pause, resume"</legend>
                                <button disabled>"Dispute"</button>
                                <button disabled>"Pause"</button>
                                <button disabled>"Resume"</button>
                                <p class="muted">
                                    "Not stored: a scenario records facts (money, milestone dates, the end, feedback), and these change none of them."
                                </p>
                            </fieldset>
                        }
                    })
            }}
            {move || {
                (has(ActionKind::LeaveFeedback))
                    .then(|| {
                        view! {
                            <fieldset class="action-group">
                                <legend>"Client feedback"</legend>
                                <TextField
                                    label="Client's stars"
                                    value=stars
                                    inputmode="decimal"
                                    testid="feedback-stars"
                                    error=at(Field::Stars)
                                />
                                <button data-testid="leave-feedback" on:click=leave_feedback>
                                    "Record feedback today"
                                </button>
                            </fieldset>
                        }
                    })
            }}
            {move || {
                problem
                    .get()
                    .map(|p| {
                        view! {
                            <p class="field-error" role="alert" data-testid="action-problems">
                                {p}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// What a milestone button hands to the panel: the action's name, the undo sentence, and the
/// action or why its values could not be read.
type RunArgs = (String, String, Result<Action, Vec<(Field, String)>>);

/// Each milestone with its state and the buttons the engine allows for it today.
#[component]
fn MilestoneList(
    milestones: Memo<Vec<Milestone>>,
    allowed: Memo<Vec<ActionKind>>,
    part_amount: RwSignal<String>,
    part_error: Signal<String>,
    run: Callback<RunArgs>,
) -> impl IntoView {
    let any_part =
        move || allowed.with(|a| a.iter().any(|k| matches!(k, ActionKind::ReleasePart(_))));
    // Milestones are numbered as listed: their ids are the engine's, not words the user chose.
    let number = move |id: &str| {
        milestones.with(|ms| ms.iter().position(|m| m.id == id).map_or(0, |i| i + 1))
    };
    view! {
        <ul class="milestone-list" data-testid="milestones">
            <For
                each=move || milestones.get()
                key=|m| (m.id.clone(), m.amount, m.funded, m.submitted, m.released, m.refunded)
                let:m
            >
                {
                    let mid = m.id.clone();
                    let label_id = m.id.clone();
                    let line = format!("{} — {}", money(m.amount), status_of(&m));
                    let kinds = move || {
                        let mid = mid.clone();
                        allowed
                            .with(|a| {
                                a.iter()
                                    .filter(|k| k.milestone() == Some(mid.as_str()))
                                    .cloned()
                                    .collect::<Vec<_>>()
                            })
                    };
                    view! {
                        <li>
                            <span>{move || format!("Milestone {} {line}", number(&label_id))}</span>
                            " "
                            {move || {
                                kinds()
                                    .into_iter()
                                    .map(|kind| {
                                        let m = kind.milestone().unwrap_or_default();
                                        let (label, testid) = button_of(&kind, number(m));
                                        let kind_for_click = kind.clone();
                                        view! {
                                            <button
                                                class="secondary"
                                                data-testid=testid
                                                on:click=move |_| {
                                                    run.run(
                                                        milestone_action(
                                                            &kind_for_click,
                                                            number(kind_for_click.milestone().unwrap_or_default()),
                                                            &part_amount.get_untracked(),
                                                        ),
                                                    )
                                                }
                                            >
                                                {label}
                                            </button>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </li>
                    }
                }
            </For>
        </ul>
        {move || {
            (any_part())
                .then(|| {
                    view! {
                        <TextField
                            label="Part to release (USD)"
                            value=part_amount
                            inputmode="decimal"
                            testid="part-amount"
                            error=part_error
                        />
                    }
                })
        }}
    }
}

/// A milestone's state in words.
pub fn status_of(m: &Milestone) -> String {
    let on = |what: &str, d: NaiveDate| format!("{what} {}", date(d));
    if let Some(d) = m.released {
        return on("released", d);
    }
    if let Some(d) = m.refunded {
        return on("refunded", d);
    }
    match (m.funded, m.submitted) {
        (None, _) => "not funded".to_string(),
        (Some(_), Some(s)) => on("submitted", s),
        (Some(f), None) => on("funded", f),
    }
}

/// A milestone button's label (with the milestone's number, 1 for the first) and test id.
fn button_of(kind: &ActionKind, number: usize) -> (String, String) {
    let m = kind.milestone().unwrap_or_default();
    let (label, slug) = match kind {
        ActionKind::Fund(_) => ("Fund", "fund"),
        ActionKind::Submit(_) => ("Submit", "submit"),
        ActionKind::Release(_) => ("Approve and release", "release"),
        ActionKind::ReleasePart(_) => ("Release part of", "release-part"),
        ActionKind::RequestChanges(_) => ("Request changes on", "request-changes"),
        ActionKind::Refund(_) => ("Refund", "refund"),
        _ => ("", ""),
    };
    (format!("{label} milestone {number}"), format!("{slug}-{m}"))
}

fn milestone_action(kind: &ActionKind, number: usize, part_text: &str) -> RunArgs {
    let milestone = kind.milestone().unwrap_or_default().to_string();
    let (label, _) = button_of(kind, number);
    let done = format!("{label}: done.");
    let action = match kind {
        ActionKind::Fund(_) => Ok(Action::Fund { milestone }),
        ActionKind::Submit(_) => Ok(Action::Submit { milestone }),
        ActionKind::Release(_) => Ok(Action::Release { milestone }),
        ActionKind::RequestChanges(_) => Ok(Action::RequestChanges { milestone }),
        ActionKind::Refund(_) => Ok(Action::Refund { milestone }),
        ActionKind::ReleasePart(_) => input::positive_money(part_text)
            .map(|amount| Action::ReleasePart { milestone, amount })
            .map_err(|e| vec![(Field::PartAmount, e.to_string())]),
        _ => Err(Vec::new()),
    };
    (label, done, action)
}

/// Notes why a typed value could not be read, at its field.
fn read<T>(
    bad: &mut Vec<(Field, String)>,
    field: Field,
    value: Result<T, input::InputError>,
) -> Option<T> {
    value.map_err(|e| bad.push((field, e.to_string()))).ok()
}
