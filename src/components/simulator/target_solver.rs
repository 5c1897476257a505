use jss_engine::simulate::{fewest_contracts, TargetQuery};
use leptos::prelude::*;

use crate::format::date;
use crate::state::{with_as_of, AppState};

/// "What does it take to reach 90% by <date>?", answered in contracts of a size and rating the
/// user chooses, exactly under the model.
#[component]
pub fn TargetSolver() -> impl IntoView {
    let state = AppState::get();
    let default_by = state
        .today
        .get_untracked()
        .checked_add_months(chrono::Months::new(6))
        .unwrap_or(state.today.get_untracked());
    let target = RwSignal::new("90".to_string());
    let by = RwSignal::new(default_by.to_string());
    let size = RwSignal::new("500".to_string());
    let stars = RwSignal::new("5.0".to_string());
    let answer = RwSignal::new(None::<Result<String, String>>);
    let solve = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(scenario) = state.scenario.get_untracked() else {
            return;
        };
        let today = state.today.get_untracked();
        let parsed = (|| -> Result<TargetQuery, String> {
            Ok(TargetQuery {
                at: today,
                target_jss: target
                    .get_untracked()
                    .trim()
                    .parse()
                    .ok()
                    .filter(|t| *t <= 100)
                    .ok_or("Target: enter a whole percentage from 0 to 100.")?,
                by: chrono::NaiveDate::parse_from_str(&by.get_untracked(), "%Y-%m-%d")
                    .map_err(|_| "By: pick a date.")?,
                size_cents: size
                    .get_untracked()
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| *v >= 1.0 && *v < 1e9)
                    .map(|v| (v * 100.0).round() as i64)
                    .ok_or("Size: enter the dollars each contract pays, at least 1.")?,
                stars_hundredths: stars
                    .get_untracked()
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| (1.0..=5.0).contains(v))
                    .map(|v| (v * 100.0).round() as u16)
                    .ok_or("Rating: enter stars from 1.0 to 5.0.")?,
                duration_days: 28,
                max_contracts: 50,
            })
        })();
        let res = parsed.and_then(|q| {
            fewest_contracts(&with_as_of(&scenario, today), &q)
                .map(|a| describe(&a, &q))
                .map_err(|e| e.to_string())
        });
        answer.set(Some(res));
    };
    view! {
        <section class="card" aria-labelledby="target-title">
            <h2 id="target-title">"What does it take to reach a target?"</h2>
            <form class="form-grid" on:submit=solve>
                <label>"Target JSS (%)" <input inputmode="numeric" bind:value=target /></label>
                <label>"By" <input type="date" bind:value=by /></label>
                <label>
                    "Each new contract pays (USD)" <input inputmode="decimal" bind:value=size />
                </label>
                <label>"And is rated (stars)" <input inputmode="decimal" bind:value=stars /></label>
                <button type="submit" data-testid="solve">
                    "Work it out"
                </button>
            </form>
            {move || {
                answer
                    .get()
                    .map(|a| match a {
                        Ok(text) => {
                            view! {
                                <p data-testid="target-answer" role="status">
                                    {text}
                                </p>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! {
                                <p class="error" role="alert">
                                    {e}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}

fn describe(a: &jss_engine::simulate::TargetAnswer, q: &TargetQuery) -> String {
    let now = a
        .jss_without
        .map_or("no score".to_string(), |s| format!("{s}%"));
    match a.contracts {
        Some(0) => format!("Nothing to do: with no new work your JSS on {} is {now}.", date(q.by)),
        Some(n) => format!(
            "{n} new contract{} of ${:.2} rated {:.1}★, ending by {}, bring your JSS to {} (without them: {now}). Assumes: {}",
            if n == 1 { "" } else { "s" },
            q.size_cents as f64 / 100.0,
            f64::from(q.stars_hundredths) / 100.0,
            date(q.by),
            a.jss_at_by.map_or("no score".to_string(), |s| format!("{s}%")),
            a.assumptions.join("; "),
        ),
        None => format!(
            "Not reachable by {} with up to {} such contracts: the best is {} (without them: {now}).",
            date(q.by),
            q.max_contracts,
            a.jss_at_by.map_or("no score".to_string(), |s| format!("{s}%")),
        ),
    }
}
