use jss_engine::timeline::{TimelineEvent, TimelineKind};
use leptos::prelude::*;
use leptos_router::components::A;

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

/// Where the app helps with an overdue item.
#[derive(Clone, Copy)]
enum Remedy {
    /// The simulator compares the ways to close a silent contract.
    Simulator,
    /// The contract's detail records what happened.
    Contract,
    /// Nothing to do.
    Nothing,
}

/// What to do about a transition that fell due before today without the facts recording it,
/// and where to do it.
fn what_to_do(kind: TimelineKind) -> (&'static str, Remedy) {
    match kind {
        TimelineKind::InactivityWarning => (
            "Upwork warns the client after 30 days without logged time. Log the hours you worked, or decide how to close the contract.",
            Remedy::Simulator,
        ),
        TimelineKind::AutoPause => (
            "The contract is paused for inactivity. Log hours to resume it, or end it.",
            Remedy::Contract,
        ),
        TimelineKind::AutoRelease => (
            "Upwork releases submitted work after 14 days without review. Check the payment in your Upwork transactions, then record the release.",
            Remedy::Contract,
        ),
        TimelineKind::EscrowRefund => (
            "The escrow should have gone back to the client. Check the contract on Upwork, then record the refund.",
            Remedy::Contract,
        ),
        TimelineKind::DisputeDeadline | TimelineKind::MediationDeadline => (
            "The dispute's deadline has passed. Record how it ended.",
            Remedy::Contract,
        ),
        TimelineKind::FeedbackWindowCloses => (
            "The feedback window has closed. Record the client's feedback, or that none came.",
            Remedy::Contract,
        ),
        TimelineKind::DormantNotice | TimelineKind::Dormant | TimelineKind::ContractClosed => (
            "Upwork's steps for a dormant contract are due. Check its status on Upwork, then record any release, refund or end.",
            Remedy::Contract,
        ),
        TimelineKind::FundsAvailable => (
            "Nothing to do: the money is past its 5-day security period.",
            Remedy::Nothing,
        ),
        TimelineKind::RefundCredited => (
            "Nothing to do: the refund has reached the client's payment method.",
            Remedy::Nothing,
        ),
        _ => ("Record what happened on the contract.", Remedy::Contract),
    }
}

/// The contract as the dashboard names it: its title (or its kind when it has none), the words
/// the user recognises, where the contracts list adds the id in small print. A scan, not
/// [`AppState::contract_titles`]: the dashboard names a dozen contracts at most, and the hash
/// map the calendars use would be in the first screen's module.
fn contract_words(state: AppState, id: &str) -> String {
    state
        .scenario
        .with_untracked(|s| {
            s.as_ref()
                .and_then(|s| s.contracts.iter().find(|c| c.id == id))
                .map(|c| c.title_or_kind())
        })
        .unwrap_or_else(|| id.to_string())
}

/// One overdue item: the contract, what fell due and since when, and what to do about it.
fn overdue_item(state: AppState, e: TimelineEvent) -> impl IntoView {
    let (advice, remedy) = what_to_do(e.kind);
    let link = match remedy {
        Remedy::Simulator => Some(
            view! {
                <A href="/simulator" attr:class="action-link">
                    "Compare the ways to close it"
                </A>
            }
            .into_any(),
        ),
        Remedy::Contract => Some(
            view! {
                <A href=format!("/contracts?contract={}", e.contract) attr:class="action-link">
                    {format!("Open {}", contract_words(state, &e.contract))}
                </A>
            }
            .into_any(),
        ),
        Remedy::Nothing => None,
    };
    view! {
        <li class="alert overdue" data-kind=e.kind.as_str()>
            <p>
                <strong>{contract_words(state, &e.contract)}</strong>
                {format!(": {}", e.detail)}
            </p>
            <p class="overdue-advice">{advice}</p>
            {link}
        </li>
    }
}

/// Overdue items first (each with what to do), then alerts for the next 7 days, then the next
/// dated events.
#[component]
pub fn UpcomingEvents(#[prop(default = 8)] limit: usize) -> impl IntoView {
    let state = AppState::get();
    // The events are read in place, never copied whole: a long history has thousands of
    // window exits in the horizon, and only a few events are shown.
    // Overdue transitions are listed on today's date by the engine; they are not "coming up".
    let overdue = move || {
        state.upcoming.with(|u| {
            u.as_ref()
                .map(|evs| {
                    evs.iter()
                        .filter(|e| !is_routine(e.kind) && e.overdue_since.is_some())
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    // Whether overdue items come first, the alerts of the next 7 days, and the next events.
    type Listed = (bool, Vec<TimelineEvent>, Vec<TimelineEvent>);
    let listed = move || -> Result<Listed, String> {
        let today = state.today.get();
        state.upcoming.with(|u| {
            let evs = u.as_ref().map_err(Clone::clone)?;
            let relevant = evs.iter().filter(|e| !is_routine(e.kind));
            let after_overdue = relevant.clone().any(|e| e.overdue_since.is_some());
            let rest = relevant.filter(|e| e.overdue_since.is_none());
            let alerts = rest
                .clone()
                .filter(|e| is_alert(e.kind) && (e.date - today).num_days() <= 7)
                .cloned()
                .collect();
            Ok((after_overdue, alerts, rest.take(limit).cloned().collect()))
        })
    };
    view! {
        <section class="card wide" aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">"Coming up"</h2>
            {move || {
                let items = overdue();
                (!items.is_empty())
                    .then(|| {
                        view! {
                            <h3 class="overdue-title">"Overdue"</h3>
                            <ul class="alerts" data-testid="overdue">
                                {items.into_iter().map(|e| overdue_item(state, e)).collect_view()}
                            </ul>
                        }
                    })
            }}
            {move || match listed() {
                Err(e) => view! { <p class="error">{e}</p> }.into_any(),
                Ok((after_overdue, alerts, evs)) => {
                    let today = state.today.get();
                    // After an overdue list, the rest needs a visible heading of its own.
                    view! {
                        <h3 class:visually-hidden=!after_overdue class="next-title">
                            "Next"
                        </h3>
                        <div role="status">
                            <ul class="alerts" data-testid="alerts">
                                {alerts
                                    .into_iter()
                                    .map(|e| {
                                        view! {
                                            <li class="alert">
                                                <strong>{relative_days(today, e.date)}</strong>
                                                {format!(
                                                    " · {} · {}",
                                                    contract_words(state, &e.contract),
                                                    e.detail,
                                                )}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                        <ol class="event-list upcoming-list" data-testid="upcoming">
                            {evs
                                .into_iter()
                                .map(|e| {
                                    view! {
                                        <li>
                                            <time datetime=e.date.to_string()>{date(e.date)}</time>
                                            <span class="event-name">
                                                {contract_words(state, &e.contract)}
                                            </span>
                                            <span class="event-detail">{e.detail.clone()}</span>
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
