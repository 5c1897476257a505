use chrono::NaiveDate;
use jss_engine::money::Money;
use jss_engine::timeline::{TimelineEvent, TimelineKind};
use leptos::prelude::*;

use crate::format::{date, money};

/// Whose money a calendar shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whose {
    /// Invoices, releases and availability.
    Freelancer,
    /// Escrow refunds and the day a refund reaches the client's payment method.
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
}

/// What happens to the money.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyKind {
    Invoiced,
    Released,
    Available,
    Refunded,
    RefundCredited,
}

impl MoneyKind {
    pub fn label(self) -> &'static str {
        match self {
            MoneyKind::Invoiced => "invoiced",
            MoneyKind::Released => "released",
            MoneyKind::Available => "available",
            MoneyKind::Refunded => "refunded",
            MoneyKind::RefundCredited => "refund credited",
        }
    }

    /// A CSS class per kind, for the colour bar in front of an event.
    pub fn class(self) -> &'static str {
        match self {
            MoneyKind::Invoiced => "mk-invoiced",
            MoneyKind::Released => "mk-released",
            MoneyKind::Available => "mk-available",
            MoneyKind::Refunded => "mk-refunded",
            MoneyKind::RefundCredited => "mk-credited",
        }
    }

    pub fn whose(self) -> Whose {
        match self {
            MoneyKind::Invoiced | MoneyKind::Released | MoneyKind::Available => Whose::Freelancer,
            MoneyKind::Refunded | MoneyKind::RefundCredited => Whose::Client,
        }
    }
}

/// One money event of the calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct MoneyEvent {
    pub date: NaiveDate,
    pub contract: String,
    pub kind: MoneyKind,
    pub amount: Money,
    pub detail: String,
}

/// The money kind of a timeline event with an amount. Hourly review ends and dispute deadlines
/// either release or refund escrow; the timeline's detail says which.
fn money_kind(e: &TimelineEvent) -> Option<MoneyKind> {
    let refunded = e.detail.contains(" refunded");
    match e.kind {
        TimelineKind::HourlyInvoice => Some(MoneyKind::Invoiced),
        TimelineKind::AutoRelease => Some(MoneyKind::Released),
        TimelineKind::FundsAvailable => Some(MoneyKind::Available),
        TimelineKind::EscrowRefund => Some(MoneyKind::Refunded),
        TimelineKind::RefundCredited => Some(MoneyKind::RefundCredited),
        TimelineKind::HourlyReviewEnds | TimelineKind::DisputeDeadline if refunded => {
            Some(MoneyKind::Refunded)
        }
        TimelineKind::HourlyReviewEnds | TimelineKind::DisputeDeadline => Some(MoneyKind::Released),
        _ => None,
    }
}

/// The timeline's money events for one side, in date order.
pub fn money_events(events: &[TimelineEvent], whose: Whose) -> Vec<MoneyEvent> {
    events
        .iter()
        .filter_map(|e| {
            let amount = e.amount?;
            let kind = money_kind(e).filter(|k| k.whose() == whose)?;
            Some(MoneyEvent {
                date: e.date,
                contract: e.contract.clone(),
                kind,
                amount,
                detail: e.detail.clone(),
            })
        })
        .collect()
}

/// The money events as a table by date.
#[component]
pub fn MoneyList(
    #[prop(into)] events: Signal<Vec<MoneyEvent>>,
    #[prop(into)] whose: Signal<Whose>,
    #[prop(into)] last_day: Signal<NaiveDate>,
) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="money-list-caption">
            <table class="data-table money-list" data-testid="money-list">
                <caption id="money-list-caption">
                    {move || {
                        format!(
                            "Money events for {} through {}",
                            whose.get().words(),
                            date(last_day.get()),
                        )
                    }}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Contract"</th>
                        <th scope="col">"What"</th>
                        <th scope="col" class="amount">
                            "Amount"
                        </th>
                        <th scope="col">"Detail"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let evs = events.get();
                        if evs.is_empty() {
                            view! {
                                <tr>
                                    <td colspan="5">
                                        "No money moves for this side in this period."
                                    </td>
                                </tr>
                            }
                                .into_any()
                        } else {
                            evs.into_iter()
                                .map(|e| {
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <time datetime=e.date.to_string()>{date(e.date)}</time>
                                            </th>
                                            <td class="event-contract">{e.contract.clone()}</td>
                                            <td>
                                                <span class=format!(
                                                    "money-kind {}",
                                                    e.kind.class(),
                                                )>{e.kind.label()}</span>
                                            </td>
                                            <td class="amount">{money(e.amount)}</td>
                                            <td>{e.detail.clone()}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }
                    }}
                </tbody>
            </table>
        </div>
    }
}
