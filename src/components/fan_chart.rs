use chrono::{Datelike, NaiveDate};
use jss_engine::simulate::StrategyReport;
use leptos::prelude::*;

use crate::format::short_date;

/// One week of the data table: date, p10, median, p90, P(JSS ≥ 90).
type WeekRow = (NaiveDate, Option<u8>, Option<u8>, Option<u8>, f64);

const W: f64 = 640.0;
const H: f64 = 220.0;
const PAD_L: f64 = 34.0;
const PAD_R: f64 = 8.0;
const PAD_T: f64 = 10.0;
const PAD_B: f64 = 24.0;

/// The x of `date` on an axis from `today` (the left edge) to `last` (the right edge). The
/// weekly points are Saturdays (the Top Rated check days), so the first one usually sits a few
/// days right of today.
fn x_at(date: NaiveDate, today: NaiveDate, last: NaiveDate) -> f64 {
    let span_days = (last - today).num_days().max(1) as f64;
    PAD_L + (W - PAD_L - PAD_R) * (date - today).num_days() as f64 / span_days
}

fn y_of(score: f64) -> f64 {
    PAD_T + (H - PAD_T - PAD_B) * (1.0 - score / 100.0)
}

/// A fan chart of one strategy's weekly JSS: the p10–p90 band, the median line, the 90% line,
/// today at the left edge, and the dates contracts leave a window marked on the axis. A table
/// with the same numbers follows for screen readers and for copying.
#[component]
pub fn FanChart(
    strategy: StrategyReport,
    /// The simulation's start: the chart's left edge.
    today: NaiveDate,
    dates: Vec<NaiveDate>,
    exits: Vec<(NaiveDate, String)>,
) -> impl IntoView {
    let n = dates.len();
    let last = dates.last().copied().unwrap_or(today);
    let x_of = |i: usize| dates.get(i).map_or(PAD_L, |d| x_at(*d, today, last));
    let band: Vec<(usize, u8, u8)> = (0..n)
        .filter_map(|i| {
            let lo = strategy.p10.get(i).copied().flatten()?;
            let hi = strategy.p90.get(i).copied().flatten()?;
            Some((i, lo, hi))
        })
        .collect();
    let mut band_points: Vec<String> = band
        .iter()
        .map(|(i, _, hi)| format!("{:.1},{:.1}", x_of(*i), y_of(f64::from(*hi))))
        .collect();
    band_points.extend(
        band.iter()
            .rev()
            .map(|(i, lo, _)| format!("{:.1},{:.1}", x_of(*i), y_of(f64::from(*lo)))),
    );
    let median: Vec<String> = (0..n)
        .filter_map(|i| {
            let m = strategy.p50.get(i).copied().flatten()?;
            Some(format!("{:.1},{:.1}", x_of(i), y_of(f64::from(m))))
        })
        .collect();
    let exit_marks: Vec<(f64, String)> = exits
        .iter()
        .filter(|(d, _)| *d >= today && *d <= last)
        .map(|(d, what)| (x_at(*d, today, last), format!("{}: {what}", short_date(*d))))
        .collect();
    let title = format!(
        "Weekly JSS for «{}»: 10th–90th percentile band and median",
        strategy.name
    );
    let rows: Vec<WeekRow> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            (
                *d,
                strategy.p10.get(i).copied().flatten(),
                strategy.p50.get(i).copied().flatten(),
                strategy.p90.get(i).copied().flatten(),
                strategy.p_at_least_90.get(i).copied().unwrap_or(0.0),
            )
        })
        .collect();
    let pct = |v: Option<u8>| v.map_or("—".to_string(), |v| format!("{v}%"));
    view! {
        <figure class="fan-chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=title.clone()>
                <title>{title.clone()}</title>
                {[0.0, 50.0, 90.0, 100.0]
                    .into_iter()
                    .map(|v| {
                        view! {
                            <line
                                class=if v == 90.0 { "line-90" } else { "grid" }
                                x1=PAD_L
                                x2=W - PAD_R
                                y1=y_of(v)
                                y2=y_of(v)
                            />
                            <text class="axis" x=PAD_L - 4.0 y=y_of(v) + 4.0 text-anchor="end">
                                {format!("{v:.0}")}
                            </text>
                        }
                    })
                    .collect_view()}
                <polygon class="band" points=band_points.join(" ") />
                <polyline class="median" points=median.join(" ") />
                <line class="today" x1=PAD_L x2=PAD_L y1=PAD_T y2=H - PAD_B />
                {exit_marks
                    .into_iter()
                    .map(|(x, label)| {
                        view! {
                            <line class="exit" x1=x x2=x y1=H - PAD_B y2=H - PAD_B + 6.0>
                                <title>{label}</title>
                            </line>
                        }
                    })
                    .collect_view()}
                <text class="axis" x=PAD_L y=H - 4.0>
                    {format!("today ({})", short_date(today))}
                </text>
                <text class="axis" x=W - PAD_R y=H - 4.0 text-anchor="end">
                    // A horizon in another year says which year.
                    {if last.year() == today.year() {
                        short_date(last)
                    } else {
                        format!("{} {}", short_date(last), last.year())
                    }}
                </text>
            </svg>
            <figcaption>
                {format!(
                    "{}: shaded band = 80% of trials, line = median, dashed = 90%; ticks on the axis = a contract leaves a window.",
                    strategy.name,
                )}
            </figcaption>
            <details>
                <summary>"The numbers as a table"</summary>
                <table class="data-table">
                    <caption class="visually-hidden">{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Week of"</th>
                            <th scope="col">"p10"</th>
                            <th scope="col">"Median"</th>
                            <th scope="col">"p90"</th>
                            <th scope="col">"P(JSS ≥ 90)"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|(d, a, b, c, p)| {
                                view! {
                                    <tr>
                                        <th scope="row">{short_date(d)}</th>
                                        <td>{pct(a)}</td>
                                        <td>{pct(b)}</td>
                                        <td>{pct(c)}</td>
                                        <td>{format!("{:.0}%", p * 100.0)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
