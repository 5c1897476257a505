use jss_engine::jss::top_rated::{ConditionKind, TopRatedCondition};
use leptos::prelude::*;

use crate::format::{date, money, short_date};
use crate::state::AppState;

/// Top Rated status: the conditions, and the recent Saturday checks as a strip, all as the
/// engine answered them (thresholds included), so no rule is applied here.
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
                                    .map(|check| {
                                        let ok = check.at_min;
                                        let label = format!(
                                            "{}: {}",
                                            short_date(check.saturday),
                                            check
                                                .jss
                                                .map_or("no score".to_string(), |j| format!("{j}%")),
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
                                {b
                                    .conditions
                                    .iter()
                                    .map(|c| {
                                        let (met, text) = (c.holds, condition_text(c));
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
                                            {format!(
                                                "A JSS below {}% for a long time can trigger an account review.",
                                                b.compliance_warning_below,
                                            )}
                                        </p>
                                    }
                                })}
                        }
                    })
            }}
        </section>
    }
}

/// One condition in words, from the engine's value and threshold.
fn condition_text(c: &TopRatedCondition) -> String {
    match &c.kind {
        ConditionKind::JssNow {
            jss: Some(j),
            min_jss,
        } => format!("JSS now {j}% ({min_jss}% or more needed)"),
        ConditionKind::JssNow { jss: None, min_jss } => {
            format!("No JSS yet ({min_jss}% or more needed)")
        }
        ConditionKind::WeeklyChecks {
            at_min,
            window,
            required,
            min_jss,
        } => format!(
            "{at_min} of the last {window} weekly checks at {min_jss}% or more ({required} needed)"
        ),
        ConditionKind::Earnings {
            earned,
            minimum,
            months,
        } => format!(
            "{} earned in the last {months} months ({} needed)",
            money(*earned),
            money(*minimum)
        ),
        ConditionKind::FirstContract {
            started: Some(d),
            min_days,
        } => format!(
            "First contract started {} (more than {min_days} days ago needed)",
            date(*d)
        ),
        ConditionKind::FirstContract { started: None, .. } => "No contract yet".to_string(),
    }
}
