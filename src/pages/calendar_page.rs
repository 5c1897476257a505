use chrono::Days;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::money_list::{money_events, MoneyList, Whose};
use crate::components::month_grid::{month_of, MonthGrid};
use crate::format::date;
use crate::state::{AppState, HORIZON_DAYS};

/// "Money calendar": every automatic money event of the next days, for the freelancer
/// (invoices, releases, availability) or the client (refunds and when they are credited), as a
/// month grid or a list.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let state = AppState::get();
    let whose = RwSignal::new(Whose::Freelancer);
    let list_view = RwSignal::new(false);
    let month = RwSignal::new(month_of(state.today.get_untracked()));
    let today = Signal::derive(move || state.today.get());
    let last_day = Signal::derive(move || {
        let t = state.today.get();
        t.checked_add_days(Days::new(u64::from(HORIZON_DAYS) - 1))
            .unwrap_or(t)
    });
    let events = Memo::new(move |_| {
        let w = whose.get();
        state.upcoming.with(|u| match u {
            Ok(evs) => Ok(money_events(evs, w)),
            Err(e) => Err(e.clone()),
        })
    });
    let shown = Signal::derive(move || events.get().unwrap_or_default());
    let whose_signal = Signal::derive(move || whose.get());
    view! {
        <h1>"Money calendar"</h1>
        <Show
            when=move || state.has_data()
            fallback=|| {
                view! {
                    <p class="empty-page" data-testid="calendar-empty">
                        "This page shows when escrow is released, becomes available or goes back to the client, day by day; open the demo or add contracts on "
                        <A href="/">"the dashboard"</A>
                        " first."
                    </p>
                }
            }
        >
            <section class="card" aria-labelledby="calendar-controls-title">
                <h2 id="calendar-controls-title" class="visually-hidden">
                    "What to show"
                </h2>
                <div class="toolbar calendar-toolbar">
                    <label>
                        "Whose money"
                        <select
                            data-testid="whose"
                            on:change=move |ev| whose.set(Whose::parse(&event_target_value(&ev)))
                        >
                            <option
                                value="freelancer"
                                selected=move || whose.get() == Whose::Freelancer
                            >
                                "Freelancer"
                            </option>
                            <option value="client" selected=move || whose.get() == Whose::Client>
                                "Client"
                            </option>
                        </select>
                    </label>
                    <div class="view-toggle" role="group" aria-label="View">
                        <button
                            class:secondary=move || list_view.get()
                            aria-pressed=move || (!list_view.get()).to_string()
                            data-testid="view-month"
                            on:click=move |_| list_view.set(false)
                        >
                            "Month"
                        </button>
                        <button
                            class:secondary=move || !list_view.get()
                            aria-pressed=move || list_view.get().to_string()
                            data-testid="view-list"
                            on:click=move |_| list_view.set(true)
                        >
                            "List"
                        </button>
                    </div>
                </div>
                <p class="muted">
                    {move || {
                        let what = match whose.get() {
                            Whose::Freelancer => {
                                "invoices, escrow releases and money becoming available"
                            }
                            Whose::Client => {
                                "escrow refunds and the day each refund reaches the client's payment method"
                            }
                        };
                        format!(
                            "Showing {what}: the automatic events if nobody acts, from today through {}.",
                            date(last_day.get()),
                        )
                    }}
                </p>
                {move || {
                    events
                        .get()
                        .err()
                        .map(|e| {
                            view! {
                                <p class="error" role="alert">
                                    {e}
                                </p>
                            }
                        })
                }}
            </section>
            <section class="card calendar-body" aria-label="Money events">
                {move || {
                    if list_view.get() {
                        view! { <MoneyList events=shown whose=whose_signal last_day=last_day /> }
                            .into_any()
                    } else {
                        view! {
                            <MonthGrid
                                events=shown
                                whose=whose_signal
                                month=month
                                today=today
                                first=today
                                last=last_day
                            />
                        }
                            .into_any()
                    }
                }}
            </section>
        </Show>
    }
}
