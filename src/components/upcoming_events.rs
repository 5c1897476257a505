use jss_engine::timeline::{TimelineEvent, TimelineKind};
use leptos::prelude::*;

use crate::format::{date, money, relative_days};
use crate::state::AppState;

/// The kinds that deserve an alert when they are close.
fn is_alert(kind: TimelineKind) -> bool {
    matches!(
        kind,
        TimelineKind::AutoRelease
            | TimelineKind::EscrowRefund
            | TimelineKind::DormantNotice
            | TimelineKind::Dormant
            | TimelineKind::FeedbackWindowCloses
            | TimelineKind::DisputeDeadline
    )
}

/// Routine weekly billing is left out of the dashboard list; the money calendar shows it.
fn is_routine(kind: TimelineKind) -> bool {
    matches!(
        kind,
        TimelineKind::HourlyInvoice | TimelineKind::HourlyReviewEnds
    )
}

/// A score change carries the new score in `amount` (as the format asks); everything else is
/// money.
fn amount_text(e: &TimelineEvent) -> Option<String> {
    match e.kind {
        TimelineKind::JssChange => None,
        _ => e.amount.map(money),
    }
}

/// Alerts for the next 7 days, then the next dated events.
#[component]
pub fn UpcomingEvents(#[prop(default = 8)] limit: usize) -> impl IntoView {
    let state = AppState::get();
    let events = move || -> Result<Vec<TimelineEvent>, String> {
        state.upcoming.get().map(|evs| {
            evs.into_iter()
                .filter(|e| !is_routine(e.kind))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card wide" aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">"Coming up"</h2>
            {move || match events() {
                Err(e) => view! { <p class="error">{e}</p> }.into_any(),
                Ok(evs) => {
                    let today = state.today.get();
                    let alerts: Vec<_> = evs
                        .iter()
                        .filter(|e| is_alert(e.kind) && (e.date - today).num_days() <= 7)
                        .cloned()
                        .collect();
                    view! {
                        <div role="status">
                            <ul class="alerts" data-testid="alerts">
                                {alerts
                                    .into_iter()
                                    .map(|e| {
                                        view! {
                                            <li class="alert">
                                                <strong>{relative_days(today, e.date)}</strong>
                                                {format!(" · {} · {}", e.contract, e.detail)}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                        <ol class="event-list" data-testid="upcoming">
                            {evs
                                .into_iter()
                                .take(limit)
                                .map(|e| {
                                    view! {
                                        <li>
                                            <time datetime=e.date.to_string()>{date(e.date)}</time>
                                            <span class="event-contract">{e.contract.clone()}</span>
                                            <span>{e.detail.clone()}</span>
                                            <span class="amount">{amount_text(&e)}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
