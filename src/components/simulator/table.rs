use jss_engine::simulate::words::in_100;
use jss_engine::simulate::SimReport;
use leptos::prelude::*;

use crate::components::common::data_table::DataTable;
use crate::components::common::table_head::Columns;
use crate::format::{date, money};

/// The strategies side by side, best first, in plain words: the chance of a JSS of 90 or more
/// and of Top Rated on the ranking date, the typical score then and at the end, and the money.
/// On a phone each row becomes a card whose cells carry their own labels.
#[component]
pub fn SimTable(report: SimReport) -> impl IntoView {
    let Some(rec) = report.recommendation.clone() else {
        return ().into_any();
    };
    let week = (jss_engine::simulate::DEFAULT_RANK_WEEK as usize)
        .min(report.dates.len().saturating_sub(1));
    let on = report.dates.get(week).map(|d| date(*d)).unwrap_or_default();
    let end = report.dates.last().map(|d| date(*d)).unwrap_or_default();
    let labels = [
        format!("JSS 90% or more on {on}"),
        format!("Top Rated on {on}"),
        format!("Typical JSS on {on}"),
        format!("Typical JSS on {end}"),
        "Funded work back to clients".to_owned(),
        "Released to you (average)".to_owned(),
    ];
    let rows = rec
        .ranking
        .iter()
        .map(|r| {
            let released = report
                .strategies
                .iter()
                .find(|s| s.name == r.name)
                .map(|s| money(s.money.mean_released))
                .unwrap_or_default();
            let refunds = if r.p_refund == 0.0 {
                "none".to_owned()
            } else {
                format!(
                    "${:.2} on average ({})",
                    r.mean_refunded_usd,
                    in_100(r.p_refund)
                )
            };
            let score =
                |v: Option<u8>| v.map_or_else(|| "no score".to_owned(), |v| format!("{v}%"));
            (
                r.clone(),
                [
                    (
                        in_100(r.p_at_least_90),
                        format!("{:.1}%", r.p_at_least_90 * 100.0),
                    ),
                    (
                        in_100(r.p_top_rated),
                        format!("{:.1}%", r.p_top_rated * 100.0),
                    ),
                    (score(r.p50), String::new()),
                    (score(r.p50_horizon), String::new()),
                    (refunds, String::new()),
                    (released, String::new()),
                ],
            )
        })
        .collect::<Vec<_>>();
    let columns = std::iter::once("Strategy".to_string())
        .chain(labels.iter().cloned())
        .collect::<Columns>();
    view! {
        <DataTable
            class="sim-table"
            testid="sim-table"
            caption="Strategies compared, best first"
            columns=columns
        >
            {rows
                .into_iter()
                .map(|(r, cells)| {
                    let tag = if r.equally_good && rec.equally_good.len() > 1 {
                        Some("equally good")
                    } else if r.equally_good {
                        Some("recommended")
                    } else {
                        None
                    };
                    view! {
                        <tr class:best=r.equally_good>
                            <th scope="row">
                                <span class="strategy-name">{r.name.clone()}</span>
                                {tag.map(|t| view! { <span class="tag">{t}</span> })}
                                <span class="muted strategy-instruction">
                                    {r.instruction.clone()}
                                </span>
                            </th>
                            {cells
                                .into_iter()
                                .zip(labels.clone())
                                .map(|((text, exact), label)| {
                                    view! {
                                        <td
                                            data-label=label
                                            title=(!exact.is_empty()).then_some(exact)
                                        >
                                            {text}
                                        </td>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
    .into_any()
}
