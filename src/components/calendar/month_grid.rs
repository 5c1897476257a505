use chrono::{Datelike, Months, NaiveDate};
use leptos::prelude::*;

use crate::components::calendar::money_list::{kind_class, kind_label, MoneyEvent, Whose};
use crate::format::money;
use crate::state::AppState;

const WEEKDAYS: [(&str, &str); 7] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

/// The first day of `d`'s month.
pub fn month_of(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The weeks of a month, Monday first; `None` pads the days of the neighbouring months.
fn weeks_of(month: NaiveDate) -> Vec<[Option<NaiveDate>; 7]> {
    let first = month_of(month);
    let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
    let lead = first.weekday().num_days_from_monday() as usize;
    let mut cells: Vec<Option<NaiveDate>> = vec![None; lead];
    cells.extend(first.iter_days().take_while(|d| *d < next).map(Some));
    while !cells.len().is_multiple_of(7) {
        cells.push(None);
    }
    cells
        .chunks(7)
        .map(|w| {
            let mut week = [None; 7];
            week.copy_from_slice(w);
            week
        })
        .collect()
}

/// A month as a calendar table, with buttons for the previous and next month (limited to the
/// months between `first` and `last`). Each day lists its money events with amounts; money
/// that already moved is marked "paid".
#[component]
pub fn MonthGrid(
    #[prop(into)] events: Signal<Vec<MoneyEvent>>,
    #[prop(into)] whose: Signal<Whose>,
    month: RwSignal<NaiveDate>,
    #[prop(into)] today: Signal<NaiveDate>,
    #[prop(into)] first: Signal<NaiveDate>,
    #[prop(into)] last: Signal<NaiveDate>,
) -> impl IntoView {
    let state = AppState::get();
    let label = move || jss_engine::format::month_year(month.get());
    let can_prev = move || month.get() > month_of(first.get());
    let can_next = move || month.get() < month_of(last.get());
    let shift = move |forward: bool| {
        month.update(|m| {
            let moved = if forward {
                m.checked_add_months(Months::new(1))
            } else {
                m.checked_sub_months(Months::new(1))
            };
            if let Some(moved) = moved {
                *m = moved;
            }
        });
    };
    view! {
        <div class="month-nav">
            <button
                class="secondary"
                data-testid="month-prev"
                disabled=move || !can_prev()
                on:click=move |_| shift(false)
            >
                "← Previous"
                <span class="nav-word">" month"</span>
            </button>
            <h2 class="month-label" aria-live="polite" data-testid="month-label">
                {label}
            </h2>
            <button
                class="secondary"
                data-testid="month-next"
                disabled=move || !can_next()
                on:click=move |_| shift(true)
            >
                "Next"
                <span class="nav-word">" month"</span>
                " →"
            </button>
        </div>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Month calendar">
            <table class="month-grid" data-testid="month-grid">
                <caption class="visually-hidden">
                    {move || format!("{}: money events for {}", label(), whose.get().words())}
                </caption>
                <thead>
                    <tr>
                        {WEEKDAYS
                            .iter()
                            .map(|(short, long)| {
                                view! {
                                    <th scope="col">
                                        <abbr title=*long>{*short}</abbr>
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let today = today.get();
                        let shown_month = month.get();
                        let evs: Vec<MoneyEvent> = events
                            .with(|all| {
                                all.iter()
                                    .filter(|e| month_of(e.date) == month_of(shown_month))
                                    .cloned()
                                    .collect()
                            });
                        let titles = state.contract_titles(evs.iter().map(|e| e.contract.as_str()));
                        let evs: Vec<(MoneyEvent, String)> = evs.into_iter().zip(titles).collect();
                        weeks_of(shown_month)
                            .into_iter()
                            .map(|week| {
                                // Only this month's events, so each day looks through a month's worth
                                // rather than a whole long history's.
                                view! {
                                    <tr>
                                        {week
                                            .into_iter()
                                            .map(|day| day_cell(day, &evs, today))
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// `$800.00` as `$800` for the narrow cells of a phone; other amounts stay as they are.
fn short_money(full: &str) -> String {
    full.strip_suffix(".00").unwrap_or(full).to_string()
}

/// One day of the month: its number and its money events, each with its contract's title.
fn day_cell(day: Option<NaiveDate>, events: &[(MoneyEvent, String)], today: NaiveDate) -> AnyView {
    let Some(d) = day else {
        return view! { <td class="pad"></td> }.into_any();
    };
    let todays: Vec<(MoneyEvent, String)> = events
        .iter()
        .filter(|(e, _)| e.date == d)
        .cloned()
        .collect();
    let is_today = d == today;
    let has_events = !todays.is_empty();
    view! {
        <td
            class:today=is_today
            class:has-events=has_events
            aria-current=is_today.then_some("date")
            data-date=d.to_string()
        >
            <time class="day-number" datetime=d.to_string()>
                {d.day()}
            </time>
            {has_events
                .then(|| {
                    view! {
                        <ul class="day-events">
                            {todays
                                .into_iter()
                                .map(|(e, title)| {
                                    view! {
                                        <li
                                            class=format!("money-kind {}", kind_class(e.kind))
                                            class:past=e.past
                                            title=e.detail.clone()
                                        >
                                            <span class="event-name">{title}</span>
                                            " "
                                            <span class="what">{kind_label(e.kind)}</span>
                                            " "
                                            <span class="amount amount-full">{money(e.amount)}</span>
                                            <span class="amount amount-short" aria-hidden="true">
                                                {short_money(&money(e.amount))}
                                            </span>
                                            {e.past.then_some(" paid")}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </td>
    }
    .into_any()
}
