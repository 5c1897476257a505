use jss_engine::simulate::SimReport;
use leptos::prelude::*;

use crate::format::money;

/// The strategies side by side: P(JSS ≥ 90) at 4, 12 and 26 weeks, the median at the horizon,
/// P(Top Rated) at the horizon, and the money released and refunded on average.
#[component]
pub fn SimTable(report: SimReport) -> impl IntoView {
    let weeks = [4_usize, 12, 26];
    let last = report.dates.len().saturating_sub(1);
    let header = weeks
        .iter()
        .map(|w| format!("P(JSS ≥ 90) at {} weeks", (*w).min(last)))
        .collect::<Vec<_>>();
    view! {
        <div class="table-scroll">
            <table class="data-table" data-testid="sim-table">
                <caption class="visually-hidden">"Strategies compared"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Strategy"</th>
                        {header
                            .into_iter()
                            .map(|h| view! { <th scope="col">{h}</th> })
                            .collect_view()}
                        <th scope="col">"Median JSS at the horizon"</th>
                        <th scope="col">"P(Top Rated) at the horizon"</th>
                        <th scope="col">"Released (mean)"</th>
                        <th scope="col">"Refunded (mean)"</th>
                    </tr>
                </thead>
                <tbody>
                    {report
                        .strategies
                        .iter()
                        .map(|s| {
                            let cells = weeks
                                .iter()
                                .map(|w| {
                                    let p = s
                                        .p_at_least_90
                                        .get((*w).min(last))
                                        .copied()
                                        .unwrap_or(0.0);
                                    view! { <td>{format!("{:.1}%", p * 100.0)}</td> }
                                })
                                .collect_view();
                            view! {
                                <tr>
                                    <th scope="row" title=s.description.clone()>
                                        {s.name.clone()}
                                    </th>
                                    {cells}
                                    <td>
                                        {s
                                            .horizon
                                            .p50
                                            .map_or("no score".to_string(), |m| format!("{m}%"))}
                                    </td>
                                    <td>{format!("{:.1}%", s.horizon.p_top_rated * 100.0)}</td>
                                    <td class="amount">{money(s.money.mean_released)}</td>
                                    <td class="amount">{money(s.money.mean_refunded)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
