use chrono::{Datelike, NaiveDate};
use jss_engine::simulate::SimReport;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::components::common::data_table::DataTable;
use crate::components::common::table_head::Columns;
use crate::format::short_date;

const H: f64 = 260.0;
const PAD_L: f64 = 36.0;
const PAD_R: f64 = 12.0;
const PAD_T: f64 = 12.0;
const PAD_B: f64 = 40.0;
/// Until the container has been measured (and where it cannot be), draw at this width.
const FALLBACK_W: f64 = 640.0;

/// One strategy on the chart.
#[derive(Clone, Debug, PartialEq)]
struct Series {
    name: String,
    /// `s0`…`s5`: colour and dash pattern from the stylesheet, so lines differ without colour too.
    class: String,
    median: Vec<(usize, u8)>,
    band: Option<Vec<(usize, u8, u8)>>,
}

/// The strategies' weekly JSS in one chart: a median line each, with the 10th–90th percentile
/// band for the recommended (equally good) ones, the 90% line, today at the left edge and the
/// days contracts leave a window marked on the axis. The chart is drawn at the width it is
/// shown, one unit a pixel, so its labels keep their size on a phone and on a desktop.
#[component]
pub fn StrategyChart(
    report: SimReport,
    /// The strategies whose bands are drawn.
    highlight: Vec<String>,
    exits: Vec<(NaiveDate, String)>,
) -> impl IntoView {
    let holder = NodeRef::<Div>::new();
    let width = RwSignal::new(FALLBACK_W);
    observe_width(holder, width);
    let today = report.at;
    let dates = report.dates.clone();
    let last = dates.last().copied().unwrap_or(today);
    let series: Vec<Series> = report
        .strategies
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let median = (0..dates.len())
                .filter_map(|k| Some((k, s.p50.get(k).copied().flatten()?)))
                .collect();
            let band = highlight.contains(&s.name).then(|| {
                (0..dates.len())
                    .filter_map(|k| {
                        let lo = s.p10.get(k).copied().flatten()?;
                        let hi = s.p90.get(k).copied().flatten()?;
                        Some((k, lo, hi))
                    })
                    .collect()
            });
            Series {
                name: s.name.clone(),
                class: format!("s{}", i % 6),
                median,
                band,
            }
        })
        .collect();
    // The lowest score drawn sets the bottom, rounded down to ten, so a chart of scores in
    // the eighties and nineties is not squeezed into the top tenth.
    let lowest = report
        .strategies
        .iter()
        .flat_map(|s| s.p10.iter().chain(&s.p50))
        .filter_map(|v| *v)
        .min()
        .unwrap_or(0);
    let y_min = f64::from((lowest / 10) * 10).min(80.0);
    let rows = table_rows(&report);
    // The table's columns: the week, then each strategy's typical JSS.
    let columns = std::iter::once("Week of".to_string())
        .chain(series.iter().map(|s| format!("{}: typical JSS", s.name)))
        .collect::<Columns>();
    let legend = series.clone();
    let title = "Weekly JSS for each strategy: median lines, with the 10th–90th percentile band of the recommended ones";
    view! {
        <figure class="strategy-chart" data-testid="strategy-chart">
            <div class="chart-holder" node_ref=holder>
                {move || {
                    let w = width.get().max(280.0);
                    let x_at = |d: NaiveDate| {
                        let span = (last - today).num_days().max(1) as f64;
                        PAD_L + (w - PAD_L - PAD_R) * (d - today).num_days() as f64 / span
                    };
                    let x_of = |k: usize| dates.get(k).map_or(PAD_L, |d| x_at(*d));
                    let y_of = |v: f64| {
                        PAD_T + (H - PAD_T - PAD_B) * (1.0 - (v - y_min) / (100.0 - y_min))
                    };
                    let ticks: Vec<f64> = (0..=10)
                        .map(|t| f64::from(t) * 10.0)
                        .filter(|v| *v >= y_min)
                        .collect();
                    let months = month_ticks(today, last, w);
                    view! {
                        <svg
                            width=w
                            height=H
                            viewBox=format!("0 0 {w} {H}")
                            role="img"
                            aria-label=title
                        >
                            {ticks
                                .into_iter()
                                .map(|v| {
                                    view! {
                                        <line
                                            class=if v == 90.0 { "line-90" } else { "grid" }
                                            x1=PAD_L
                                            x2=w - PAD_R
                                            y1=y_of(v)
                                            y2=y_of(v)
                                        />
                                        <text
                                            class="axis"
                                            x=PAD_L - 6.0
                                            y=y_of(v) + 4.0
                                            text-anchor="end"
                                        >
                                            {format!("{v:.0}")}
                                        </text>
                                    }
                                })
                                .collect_view()}
                            {series
                                .iter()
                                .filter_map(|s| {
                                    let band = s.band.as_ref()?;
                                    let mut points: Vec<String> = band
                                        .iter()
                                        .map(|(k, _, hi)| {
                                            format!("{:.1},{:.1}", x_of(*k), y_of(f64::from(*hi)))
                                        })
                                        .collect();
                                    points
                                        .extend(
                                            band
                                                .iter()
                                                .rev()
                                                .map(|(k, lo, _)| {
                                                    format!("{:.1},{:.1}", x_of(*k), y_of(f64::from(*lo)))
                                                }),
                                        );
                                    Some(
                                        view! {
                                            <polygon
                                                class=format!("band {}", s.class)
                                                points=points.join(" ")
                                            />
                                        },
                                    )
                                })
                                .collect_view()}
                            {series
                                .iter()
                                .map(|s| {
                                    let points: Vec<String> = s
                                        .median
                                        .iter()
                                        .map(|(k, v)| {
                                            format!("{:.1},{:.1}", x_of(*k), y_of(f64::from(*v)))
                                        })
                                        .collect();
                                    view! {
                                        <polyline
                                            class=format!("median {}", s.class)
                                            points=points.join(" ")
                                        >
                                            <title>{s.name.clone()}</title>
                                        </polyline>
                                    }
                                })
                                .collect_view()}
                            <line class="today" x1=PAD_L x2=PAD_L y1=PAD_T y2=H - PAD_B />
                            {exits
                                .iter()
                                .filter(|(d, _)| *d >= today && *d <= last)
                                .map(|(d, what)| {
                                    let x = x_at(*d);
                                    view! {
                                        <line
                                            class="exit"
                                            x1=x
                                            x2=x
                                            y1=H - PAD_B
                                            y2=H - PAD_B + 8.0
                                        >
                                            <title>{format!("{}: {what}", short_date(*d))}</title>
                                        </line>
                                    }
                                })
                                .collect_view()}
                            {months
                                .into_iter()
                                .map(|(d, label)| {
                                    view! {
                                        <text
                                            class="axis"
                                            x=x_at(d)
                                            y=H - PAD_B + 24.0
                                            text-anchor="middle"
                                        >
                                            {label}
                                        </text>
                                    }
                                })
                                .collect_view()}
                            <text class="axis" x=PAD_L y=H - 2.0>
                                "today"
                            </text>
                        </svg>
                    }
                }}
            </div>
            <figcaption>
                <ul class="chart-legend">
                    {legend
                        .into_iter()
                        .map(|s| {
                            let banded = s.band.is_some();
                            view! {
                                <li>
                                    <svg class="line-key" width="28" height="12" aria-hidden="true">
                                        <line
                                            class=format!("median {}", s.class)
                                            x1="0"
                                            x2="28"
                                            y1="6"
                                            y2="6"
                                        />
                                    </svg>
                                    {s.name}
                                    {banded.then_some(" (band: 8 in 10 futures)")}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p class="muted">
                    "Dashed red line: a JSS of 90. Ticks under the axis: a contract leaves a window."
                </p>
            </figcaption>
            <details>
                <summary>"The numbers as a table"</summary>
                <DataTable caption=title columns=columns>
                    {rows
                        .into_iter()
                        .map(|(d, cells)| {
                            view! {
                                <tr>
                                    <th scope="row">{short_date(d)}</th>
                                    {cells
                                        .into_iter()
                                        .map(|c| view! { <td>{c}</td> })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </DataTable>
            </details>
        </figure>
    }
}

/// Every week's median per strategy, as text.
fn table_rows(report: &SimReport) -> Vec<(NaiveDate, Vec<String>)> {
    report
        .dates
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let cells = report
                .strategies
                .iter()
                .map(|s| {
                    s.p50
                        .get(k)
                        .copied()
                        .flatten()
                        .map_or_else(|| "no score".to_owned(), |v| format!("{v}%"))
                })
                .collect();
            (*d, cells)
        })
        .collect()
}

/// Month labels on the first of each month, thinned so they stay at least 56 px apart; a
/// month in another year than today's names its year.
fn month_ticks(today: NaiveDate, last: NaiveDate, width: f64) -> Vec<(NaiveDate, String)> {
    let mut firsts = Vec::new();
    let mut d = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    while d <= last {
        if d > today {
            firsts.push(d);
        }
        d = d
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(last + chrono::Days::new(1));
    }
    let span_days = (last - today).num_days().max(1) as f64;
    let px_per_month = (width - PAD_L - PAD_R) * 30.4 / span_days;
    let step = (56.0 / px_per_month).ceil().max(1.0) as usize;
    // A month starting within a label's width of today would sit on the "today" label.
    let px_of = |d: NaiveDate| (width - PAD_L - PAD_R) * (d - today).num_days() as f64 / span_days;
    firsts
        .into_iter()
        .filter(|d| px_of(*d) >= 40.0)
        .enumerate()
        .filter(|(i, _)| i % step == 0)
        .map(|(_, d)| {
            let label = if d.year() == today.year() || d.month() != 1 {
                jss_engine::format::short_month(d).to_string()
            } else {
                jss_engine::format::short_month_year(d)
            };
            (d, label)
        })
        .collect()
}

/// Keeps `width` at the element's content width, following resizes.
fn observe_width(holder: NodeRef<Div>, width: RwSignal<f64>) {
    Effect::new(move |_| {
        let Some(el) = holder.get() else { return };
        let measured = f64::from(el.client_width());
        if measured > 0.0 {
            width.set(measured);
        }
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Some(entry) = entries
                .get(0)
                .dyn_into::<web_sys::ResizeObserverEntry>()
                .ok()
            else {
                return;
            };
            let w = entry.content_rect().width();
            if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
                width.try_set(w);
            }
        });
        // Browsers without ResizeObserver keep the first measurement.
        let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&el);
        // The observer and its callback live until the chart goes, then both are dropped.
        let kept = StoredValue::new_local(Some((observer, callback)));
        on_cleanup(move || {
            kept.try_update_value(|held| {
                if let Some((observer, _callback)) = held.take() {
                    observer.disconnect();
                }
            });
        });
    });
}
