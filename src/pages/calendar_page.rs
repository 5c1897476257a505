use chrono::Days;
use jss_engine::timeline::past_money;
use leptos::prelude::*;

use crate::components::calendar::money_list::{money_events, MoneyList, Whose};
use crate::components::calendar::month_grid::{month_of, MonthGrid};
use crate::components::common::error_alert::ErrorAlert;
use crate::components::common::needs_data::NeedsData;
use crate::format::date;
use crate::state::{AppState, HORIZON_DAYS};

/// "Money calendar": the money that already moved (from the scenario's facts, marked "paid") and
/// every automatic money event of the next days (scheduled), for the freelancer (invoices,
/// payments, releases, availability) or the client (escrow funding, refunds and when they are
/// credited), as a month grid or as two lists.
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
            Ok(evs) => Ok(money_events(evs, w, false)),
            Err(e) => Err(e.clone()),
        })
    });
    // The facts up to today, most recent first for the list: worked out once per change of the
    // scenario, the side or the day, since a long history holds tens of thousands of them.
    let paid = Memo::new(move |_| {
        let w = whose.get();
        let t = state.today.get();
        let mut evs = state.scenario.with(|s| {
            s.as_ref()
                .map(|s| money_events(&past_money(s, t), w, true))
                .unwrap_or_default()
        });
        evs.reverse();
        evs
    });
    let scheduled = Memo::new(move |_| events.get().unwrap_or_default());
    // The grid shows both, so a month can hold paid and scheduled money side by side.
    let shown = Memo::new(move |_| {
        let mut all = paid.get();
        all.reverse();
        all.extend(scheduled.get());
        all
    });
    // Month navigation reaches back to the earliest money that moved on this side.
    let first = Signal::derive(move || {
        let t = state.today.get();
        paid.with(|p| p.last().map_or(t, |e| e.date.min(t)))
    });
    let scheduled_caption = Signal::derive(move || {
        format!(
            "Scheduled money for {} through {}",
            whose.get().words(),
            date(last_day.get()),
        )
    });
    let paid_caption = Signal::derive(move || {
        format!(
            "Money already moved for {}, most recent first",
            whose.get().words()
        )
    });
    let whose_signal = Signal::derive(move || whose.get());
    view! {
        <h1>"Money calendar"</h1>
        <NeedsData
            testid="calendar-empty"
            text="This page shows when escrow is released, becomes available or goes back to the client, day by day; open the demo or add contracts on the dashboard first."
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
                                "payments, invoices, escrow releases and money becoming available"
                            }
                            Whose::Client => {
                                "escrow funding, refunds and the day each refund reaches the client's payment method"
                            }
                        };
                        format!(
                            "Showing {what}: paid money from your facts, and what happens if nobody acts through {}.",
                            date(last_day.get()),
                        )
                    }}
                </p>
                <ErrorAlert error=Signal::derive(move || events.get().err()) />
            </section>
            <section class="card calendar-body" aria-label="Money events">
                {move || {
                    if list_view.get() {
                        view! {
                            <h2 class="list-title">"Scheduled"</h2>
                            <MoneyList
                                events=scheduled
                                caption=scheduled_caption
                                testid="money-list"
                                empty="No money moves for this side in this period."
                            />
                            <h2 class="list-title">"Paid"</h2>
                            <MoneyList
                                events=paid
                                caption=paid_caption
                                testid="money-list-past"
                                empty="No money has moved for this side yet."
                            />
                        }
                            .into_any()
                    } else {
                        view! {
                            <MonthGrid
                                events=shown
                                whose=whose_signal
                                month=month
                                today=today
                                first=first
                                last=last_day
                            />
                        }
                            .into_any()
                    }
                }}
            </section>
        </NeedsData>
    }
}
