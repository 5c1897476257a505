use leptos::prelude::*;

use crate::format::{date, money, short_date};
use crate::state::AppState;

/// Top Rated status: the conditions, and the last 16 Saturday checks as a strip.
#[component]
pub fn TopRatedStrip() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="card" aria-labelledby="top-rated-title">
            <h2 id="top-rated-title">"Top Rated"</h2>
            {move || {
                state
                    .report
                    .get()
                    .map(|r| {
                        let b = r.badges.clone();
                        let status = if b.top_rated_plus {
                            "Top Rated Plus"
                        } else if b.top_rated {
                            "Top Rated"
                        } else {
                            "Not Top Rated"
                        };
                        let mut checks = b.weekly_checks.clone();
                        checks.reverse();
                        view! {
                            <p class="badge-status" data-testid="top-rated-status">
                                {status}
                            </p>
                            <ol class="week-strip" aria-label="Weekly checks, oldest first">
                                {checks
                                    .into_iter()
                                    .map(|(day, jss)| {
                                        let ok = jss.is_some_and(|j| j >= 90);
                                        let label = format!(
                                            "{}: {}",
                                            short_date(day),
                                            jss.map_or("no score".to_string(), |j| format!("{j}%")),
                                        );
                                        let title = label.clone();
                                        view! {
                                            <li class:ok=ok title=title>
                                                <span class="visually-hidden">{label}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                            <ul class="conditions">
                                <li>
                                    {format!(
                                        "{} of the last 16 weekly checks at 90% or more (13 needed)",
                                        b.weeks_at_min,
                                    )}
                                </li>
                                <li>
                                    {format!(
                                        "{} earned in the last 12 months ($1,000 needed)",
                                        money(b.earnings_12m),
                                    )}
                                </li>
                                <li>
                                    {match b.first_contract_start {
                                        Some(d) => format!("First contract started {}", date(d)),
                                        None => "No contract yet".to_string(),
                                    }}
                                </li>
                            </ul>
                            {r
                                .top_rated_change
                                .map(|c| {
                                    view! {
                                        <p class="muted">
                                            {format!(
                                                "If nothing changes, Top Rated is {} on {}.",
                                                if c.top_rated { "reached" } else { "lost" },
                                                date(c.date),
                                            )}
                                        </p>
                                    }
                                })}
                            {b
                                .compliance_warning
                                .then(|| {
                                    view! {
                                        <p class="warning" role="status">
                                            "A JSS below 70% for a long time can trigger an account review."
                                        </p>
                                    }
                                })}
                        }
                    })
            }}
        </section>
    }
}
