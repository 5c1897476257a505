use leptos::prelude::*;

use crate::state::AppState;

/// The displayed JSS now, or "no score yet" with exactly what is missing.
#[component]
pub fn JssCard() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="card jss-card" aria-labelledby="jss-now-title">
            <h2 id="jss-now-title">"Job Success Score"</h2>
            {move || {
                state
                    .report
                    .get()
                    .map(|r| match r.score {
                        Some(score) => {
                            view! {
                                <p class="jss-score" data-testid="jss-score">
                                    {format!("{score}%")}
                                </p>
                                <p class="muted">
                                    {format!(
                                        "Calculated on {} under the {} rules.",
                                        crate::format::date(r.calculated_on),
                                        r.era,
                                    )}
                                </p>
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <p class="jss-score none" data-testid="jss-score">
                                    "No score yet"
                                </p>
                                <p class="muted">
                                    {r
                                        .missing
                                        .unwrap_or_else(|| "Not enough outcomes yet.".to_string())}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}
