use jss_engine::jss::outcome::days_between;
use jss_engine::jss::ScoreReport;
use jss_engine::rules::{Params, Rules};
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
                        let params = state
                            .scenario
                            .with(|s| s.as_ref().map(|s| s.rules.clone()))
                            .map_or_else(
                                || Params::resolve(&Rules::default()),
                                |rules| { Params::resolve(&rules) },
                            );
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
                            <ul class="conditions" data-testid="top-rated-conditions">
                                {conditions(&r, &params)
                                    .into_iter()
                                    .map(|(met, text)| {
                                        view! {
                                            <li class:met=met>
                                                <span aria-hidden="true">
                                                    {if met { "✓ " } else { "✗ " }}
                                                </span>
                                                <span class="visually-hidden">
                                                    {if met { "Met: " } else { "Not met: " }}
                                                </span>
                                                {text}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
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

/// Each Top Rated condition (MODEL §4) with whether it holds today, in the order a user checks
/// them: the JSS now first, since it alone can keep the badge away when the rest are met.
fn conditions(r: &ScoreReport, params: &Params) -> Vec<(bool, String)> {
    let b = &r.badges;
    let min_jss = params.top_rated_min_jss;
    let jss_now = match b.jss_now {
        Some(j) => (
            j >= min_jss,
            format!("JSS now {j}% ({min_jss}% or more needed)"),
        ),
        None => (false, format!("No JSS yet ({min_jss}% or more needed)")),
    };
    let weeks = (
        b.weeks_at_min >= params.top_rated_weeks_required,
        format!(
            "{} of the last {} weekly checks at {min_jss}% or more ({} needed)",
            b.weeks_at_min, params.top_rated_weeks_window, params.top_rated_weeks_required
        ),
    );
    let earnings = (
        b.earnings_12m >= params.top_rated_min_earnings,
        format!(
            "{} earned in the last 12 months ({} needed)",
            money(b.earnings_12m),
            money(params.top_rated_min_earnings)
        ),
    );
    let days = params.top_rated_first_contract_days;
    let first = match b.first_contract_start {
        Some(d) => (
            days_between(d, b.at) > days,
            format!(
                "First contract started {} (more than {days} days ago needed)",
                date(d)
            ),
        ),
        None => (false, "No contract yet".to_string()),
    };
    vec![jss_now, weeks, earnings, first]
}
