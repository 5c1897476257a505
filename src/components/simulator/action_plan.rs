use chrono::NaiveDate;
use jss_engine::simulate::plan::{plan_steps, plan_text, to_ics};
use jss_engine::simulate::Strategy;
use leptos::prelude::*;

use crate::format::date;
use crate::state::{with_as_of, AppState};

/// The chosen strategy as dated steps with messages for the client, to copy or to download as
/// calendar reminders.
#[component]
pub fn ActionPlan(strategies: Vec<Strategy>, best: Option<String>, at: NaiveDate) -> impl IntoView {
    let state = AppState::get();
    let strategies = StoredValue::new(strategies);
    // Steps name contracts by title, so the plan reads the scenario as of the run's date.
    let steps_of = move |s: &Strategy| {
        state.scenario.with(|scenario| {
            scenario
                .as_ref()
                .map(|sc| plan_steps(s, &with_as_of(sc, at), at))
                .unwrap_or_default()
        })
    };
    let first = strategies.with_value(|s| s.first().map(|s| s.name.clone()));
    let chosen = RwSignal::new(best.or(first).unwrap_or_default());
    let status = RwSignal::new(None::<String>);
    let current =
        move || strategies.with_value(|list| list.iter().find(|s| s.name == chosen.get()).cloned());
    let copy = move |_| {
        let Some(s) = current() else { return };
        let text = plan_text(&s.name, &steps_of(&s));
        leptos::task::spawn_local(async move {
            let copied = crate::clipboard::write_text(&text).await;
            status.set(Some(if copied {
                "Plan copied to the clipboard.".to_string()
            } else {
                "Copying is not available here; select the text instead.".to_string()
            }));
        });
    };
    let download = move |_| {
        let Some(s) = current() else { return };
        let ics = to_ics(&s.name, &steps_of(&s), at);
        let res = crate::storage::download_text("jss-lab-plan.ics", "text/calendar", &ics);
        status.set(Some(match res {
            Ok(()) => "Reminders downloaded (jss-lab-plan.ics).".to_string(),
            Err(e) => format!("The download failed: {e}"),
        }));
    };
    view! {
        <section class="card" aria-labelledby="plan-title" data-testid="action-plan">
            <h2 id="plan-title">"Your plan"</h2>
            <label>
                "Strategy " <select data-testid="plan-strategy" bind:value=chosen>
                    {strategies
                        .with_value(|list| {
                            list.iter()
                                .map(|s| {
                                    let name = s.name.clone();
                                    view! { <option value=name.clone()>{name.clone()}</option> }
                                })
                                .collect_view()
                        })}
                </select>
            </label>
            <ol class="plan-steps" data-testid="plan-steps">
                {move || {
                    current()
                        .map(|s| {
                            steps_of(&s)
                                .into_iter()
                                .map(|step| {
                                    view! {
                                        <li>
                                            <strong>
                                                {step.date.map_or("Later".to_string(), date)}
                                            </strong>
                                            {format!(": {}", step.what)}
                                            {step
                                                .message
                                                .map(|m| {
                                                    view! {
                                                        <p class="muted">{format!("Tell the client: “{m}”")}</p>
                                                    }
                                                })}
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </ol>
            <div class="toolbar">
                <button data-testid="copy-plan" on:click=copy>
                    "Copy the plan"
                </button>
                <button class="secondary" data-testid="download-ics" on:click=download>
                    "Download reminders (.ics)"
                </button>
            </div>
            {move || status.get().map(|s| view! { <p role="status">{s}</p> })}
        </section>
    }
}
