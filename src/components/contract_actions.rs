use chrono::NaiveDate;
use jss_engine::scenario::edit::{allowed_actions, apply, Action, ActionKind};
use jss_engine::scenario::{EndReason, Milestone, Party, Terms};
use leptos::prelude::*;

use crate::components::choice_field::{options, ChoiceField, END_REASONS};
use crate::components::text_field::TextField;
use crate::entry::{parse_date, parse_hours_hundredths, parse_stars, parse_usd};
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
    let is_open = Memo::new(move |_| allowed.with(|a| a.contains(&ActionKind::End)));
    let has = move |kind: ActionKind| allowed.with(|a| a.contains(&kind));

    // A refusal is shown next to the control that asked: logging hours has its own place,
    // inside its group; every other action's refusal goes under the panel.
    let problem = RwSignal::new(None::<String>);
    let log_problem = RwSignal::new(None::<String>);
    let today = state.today.get_untracked();
    let week = RwSignal::new(today.to_string());
    let hours = RwSignal::new(String::new());
    let by = RwSignal::new("freelancer".to_string());
    let reason = RwSignal::new("not_completed".to_string());
    let stars = RwSignal::new("5.0".to_string());
    let milestone_amount = RwSignal::new(String::new());
    let milestone_due = RwSignal::new(String::new());
    let part_amount = RwSignal::new(String::new());

    // Runs one action: `what` names it in a refusal, which goes to `shown_in`; `done` is the
    // undo bar's sentence.
    let run = move |shown_in: RwSignal<Option<String>>,
                    what: &str,
                    done: String,
                    action: Result<Action, String>| {
        let id = contract_id.get_value();
        let today = state.today.get_untracked();
        let result = action.and_then(|action| {
            state.scenario.with_untracked(|s| match s {
                Some(s) => apply(s, &id, action, today).map_err(|e| e.to_string()),
                None => Err("there is no scenario yet".to_string()),
            })
        });
        problem.set(None);
        log_problem.set(None);
        match result {
            Ok(next) => state.commit(undo, done, next),
            Err(message) => shown_in.set(Some(format!("{what}: {message}"))),
        }
    };

    let log_hours = move |_| {
        let action = (|| {
            Ok(Action::LogHours {
                week_of: parse_date(&week.get_untracked()).map_err(|e| format!("week: {e}"))?,
                hours_hundredths: parse_hours_hundredths(&hours.get_untracked())
                    .map_err(|e| format!("hours: {e}"))?,
            })
        })();
        run(
            log_problem,
            "Log hours",
            format!(
                "Logged {} hours on {}.",
                hours.get_untracked(),
                contract_id.get_value()
            ),
            action,
        );
    };
    let end_now = move |_| {
        let action = Ok(Action::End {
            by: party_of(&by.get_untracked()),
            reason: reason_of(&reason.get_untracked()),
        });
        run(
            problem,
            "End",
            format!("Ended {}.", contract_id.get_value()),
            action,
        );
    };
    let leave_feedback = move |_| {
        let action = parse_stars(&stars.get_untracked())
            .and_then(|s| s.ok_or_else(|| "enter a rating from 1.0 to 5.0".to_string()))
            .map(|stars| Action::LeaveFeedback { stars })
            .map_err(|e| format!("stars: {e}"));
        run(
            problem,
            "Record feedback",
            format!(
                "Recorded the client's feedback on {}.",
                contract_id.get_value()
            ),
            action,
        );
    };
    let add_milestone = move |_| {
        let action = (|| {
            let amount =
                parse_usd(&milestone_amount.get_untracked()).map_err(|e| format!("amount: {e}"))?;
            let due = match milestone_due.get_untracked().trim() {
                "" => None,
                text => Some(parse_date(text).map_err(|e| format!("due date: {e}"))?),
            };
            Ok(Action::AddMilestone { amount, due })
        })();
        run(
            problem,
            "Add milestone",
            format!("Added a milestone to {}.", contract_id.get_value()),
            action,
        );
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
                                />
                                <TextField
                                    label="Hours"
                                    value=hours
                                    inputmode="decimal"
                                    testid="log-hours"
                                />
                                <button data-testid="log-hours-submit" on:click=log_hours>
                                    "Log hours"
                                </button>
                                <p class="muted">
                                    "Paid hours × rate on the Wednesday the week's money becomes available."
                                </p>
                                {move || {
                                    log_problem
                                        .get()
                                        .map(|p| {
                                            view! {
                                                <p
                                                    class="field-error"
                                                    role="alert"
                                                    data-testid="log-hours-problem"
                                                >
                                                    {p}
                                                </p>
                                            }
                                        })
                                }}
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
                                    run=Callback::new(move |(what, done, action): RunArgs| {
                                        run(problem, &what, done, action)
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
                                                />
                                                <TextField
                                                    label="Due date (optional)"
                                                    value=milestone_due
                                                    input_type="date"
                                                    testid="milestone-due"
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
type RunArgs = (String, String, Result<Action, String>);

/// Each milestone with its state and the buttons the engine allows for it today.
#[component]
fn MilestoneList(
    milestones: Memo<Vec<Milestone>>,
    allowed: Memo<Vec<ActionKind>>,
    part_amount: RwSignal<String>,
    run: Callback<RunArgs>,
) -> impl IntoView {
    let any_part =
        move || allowed.with(|a| a.iter().any(|k| matches!(k, ActionKind::ReleasePart(_))));
    view! {
        <ul class="milestone-list" data-testid="milestones">
            <For
                each=move || milestones.get()
                key=|m| (m.id.clone(), m.amount, m.funded, m.submitted, m.released, m.refunded)
                let:m
            >
                {
                    let mid = m.id.clone();
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
                            <span>
                                {format!("{} {} — {}", m.id, money(m.amount), status_of(&m))}
                            </span>
                            " "
                            {move || {
                                kinds()
                                    .into_iter()
                                    .map(|kind| {
                                        let (label, testid) = button_of(&kind);
                                        let kind_for_click = kind.clone();
                                        view! {
                                            <button
                                                class="secondary"
                                                data-testid=testid
                                                on:click=move |_| {
                                                    run.run(
                                                        milestone_action(
                                                            &kind_for_click,
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

/// A milestone button's label and test id.
fn button_of(kind: &ActionKind) -> (String, String) {
    let m = kind.milestone().unwrap_or_default();
    let (label, slug) = match kind {
        ActionKind::Fund(_) => ("Fund", "fund"),
        ActionKind::Submit(_) => ("Submit", "submit"),
        ActionKind::Release(_) => ("Approve and release", "release"),
        ActionKind::ReleasePart(_) => ("Release part", "release-part"),
        ActionKind::RequestChanges(_) => ("Request changes", "request-changes"),
        ActionKind::Refund(_) => ("Refund", "refund"),
        _ => ("", ""),
    };
    (format!("{label} {m}"), format!("{slug}-{m}"))
}

fn milestone_action(kind: &ActionKind, part_text: &str) -> RunArgs {
    let milestone = kind.milestone().unwrap_or_default().to_string();
    let (label, _) = button_of(kind);
    let done = format!("{label}: done.");
    let action = match kind {
        ActionKind::Fund(_) => Ok(Action::Fund { milestone }),
        ActionKind::Submit(_) => Ok(Action::Submit { milestone }),
        ActionKind::Release(_) => Ok(Action::Release { milestone }),
        ActionKind::RequestChanges(_) => Ok(Action::RequestChanges { milestone }),
        ActionKind::Refund(_) => Ok(Action::Refund { milestone }),
        ActionKind::ReleasePart(_) => parse_usd(part_text)
            .map(|amount| Action::ReleasePart { milestone, amount })
            .map_err(|e| format!("part to release: {e}")),
        _ => Err("not a milestone action".to_string()),
    };
    (label, done, action)
}

fn party_of(text: &str) -> Party {
    match text {
        "client" => Party::Client,
        "platform" => Party::Platform,
        _ => Party::Freelancer,
    }
}

fn reason_of(text: &str) -> EndReason {
    match text {
        "completed" => EndReason::Completed,
        "client_unresponsive" => EndReason::ClientUnresponsive,
        "other" => EndReason::Other,
        _ => EndReason::NotCompleted,
    }
}
