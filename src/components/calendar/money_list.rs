use chrono::NaiveDate;
use jss_engine::money::Money;
use jss_engine::timeline::{MoneyMove, TimelineEvent};
use leptos::prelude::*;

use crate::components::common::data_table::DataTable;
use crate::components::common::pager::{page_of, Pager};
use crate::components::common::table_head::Column;
use crate::format::{date, money};
use crate::state::AppState;

/// Whose money a calendar shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whose {
    /// Invoices, payments, releases and availability.
    Freelancer,
    /// Escrow funding, refunds and the day a refund reaches the client's payment method.
    Client,
}

impl Whose {
    pub fn parse(s: &str) -> Whose {
        if s == "client" {
            Whose::Client
        } else {
            Whose::Freelancer
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Whose::Freelancer => "the freelancer",
            Whose::Client => "the client",
        }
    }

    /// The side a money move belongs to.
    pub fn of(kind: MoneyMove) -> Whose {
        if kind.to_client() {
            Whose::Client
        } else {
            Whose::Freelancer
        }
    }
}

/// What the calendar calls a money move.
pub fn kind_label(kind: MoneyMove) -> &'static str {
    match kind {
        MoneyMove::Invoiced => "invoiced",
        MoneyMove::Funded => "funded",
        MoneyMove::Released => "released",
        MoneyMove::Paid => "received",
        MoneyMove::Available => "available",
        MoneyMove::Refunded => "refunded",
        MoneyMove::RefundCredited => "refund credited",
    }
}

/// A CSS class per kind, for the colour bar in front of an event.
pub fn kind_class(kind: MoneyMove) -> &'static str {
    match kind {
        MoneyMove::Invoiced => "mk-invoiced",
        MoneyMove::Funded => "mk-funded",
        MoneyMove::Released | MoneyMove::Paid => "mk-released",
        MoneyMove::Available => "mk-available",
        MoneyMove::Refunded => "mk-refunded",
        MoneyMove::RefundCredited => "mk-credited",
    }
}

/// One money event of the calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct MoneyEvent {
    pub date: NaiveDate,
    pub contract: String,
    pub kind: MoneyMove,
    pub amount: Money,
    pub detail: String,
    /// Money the scenario's facts record as moved ("paid"), not a scheduled event.
    pub past: bool,
}

/// The money events of one side, in the order given: the engine says which way each amount
/// moves, so nothing here reads the detail text.
pub fn money_events(events: &[TimelineEvent], whose: Whose, past: bool) -> Vec<MoneyEvent> {
    events
        .iter()
        .filter_map(|e| {
            let amount = e.amount?;
            let kind = e.money.filter(|k| Whose::of(*k) == whose)?;
            Some(MoneyEvent {
                date: e.date,
                contract: e.contract.clone(),
                kind,
                amount,
                detail: e.detail.clone(),
                past,
            })
        })
        .collect()
}

/// Money events as a table by date. Paid and scheduled money go in separate tables, each named
/// by its caption and heading, so the rows need no status column.
#[component]
pub fn MoneyList(
    #[prop(into)] events: Signal<Vec<MoneyEvent>>,
    #[prop(into)] caption: Signal<String>,
    /// The table's test id; the caption's id is derived from it, so it must be unique.
    testid: &'static str,
    /// What the table says when it has no rows.
    empty: &'static str,
) -> impl IntoView {
    let state = AppState::get();
    let caption_id = format!("{testid}-caption");
    // A long history has tens of thousands of payments: the table shows them a page at a time,
    // starting again at the first page when the list changes (the other side's money).
    let page = RwSignal::new(0_usize);
    Effect::new(move |_| {
        events.track();
        page.set(0);
    });
    let total = Signal::derive(move || events.with(Vec::len));
    let shown = Memo::new(move |_| events.with(|evs| page_of(evs, page.get())));
    view! {
        <DataTable
            class="cards money-list"
            testid=testid
            caption=move || caption.get()
            caption_id=caption_id
            caption_shown=true
            columns=[
                Column::new("Date"),
                Column::new("Contract"),
                Column::new("What"),
                Column::amount("Amount"),
                Column::new("Detail"),
            ]
        >
            {move || {
                let evs = shown.get();
                if evs.is_empty() {
                    view! {
                        <tr class="empty-row">
                            <td colspan="5">{empty}</td>
                        </tr>
                    }
                        .into_any()
                } else {
                    let titles = state.contract_titles(evs.iter().map(|e| e.contract.as_str()));
                    evs.into_iter()
                        .zip(titles)
                        .map(|(e, title)| {
                            view! {
                                <tr>
                                    <th scope="row" class="m-date">
                                        <time datetime=e.date.to_string()>{date(e.date)}</time>
                                    </th>
                                    <td class="m-contract">{title}</td>
                                    <td class="m-kind">
                                        <span class=format!(
                                            "money-kind {}",
                                            kind_class(e.kind),
                                        )>{kind_label(e.kind)}</span>
                                    </td>
                                    <td class="amount m-amount">{money(e.amount)}</td>
                                    <td class="m-detail">{e.detail.clone()}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
        </DataTable>
        <Pager total=total page=page what="money events" />
    }
}
