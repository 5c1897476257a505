use chrono::{Datelike, NaiveDate};
use jss_engine::jss::cliff::cliff_forecast;
use jss_engine::jss::{CliffCalendar, Window};
use jss_engine::rules::Params;
use jss_engine::scenario::Scenario;
use leptos::prelude::*;

use crate::components::common::data_table::DataTable;
use crate::format::{date, short_date, window_score};
use crate::state::AppState;

/// The width the chart is drawn at before it is measured.
const DEFAULT_W: f64 = 720.0;
const PAD_L: f64 = 44.0;
const PAD_R: f64 = 10.0;
const PAD_T: f64 = 16.0;
const PAD_B: f64 = 42.0;
/// The least room a quarter's label ("Jan 2027" at 12 px) needs.
const LABEL_PX: f64 = 72.0;

/// Each window's unrounded score on one day.
#[derive(Clone, Copy, Debug, PartialEq)]
struct WindowDay {
    m24: Option<f64>,
    m12: Option<f64>,
    m6: Option<f64>,
    trending: Option<f64>,
}

/// The cliff calendar plus each window on the same days.
#[derive(Clone, Debug, PartialEq)]
struct Forecast {
    calendar: CliffCalendar,
    windows: Vec<WindowDay>,
}

fn forecast(scenario: &Scenario, today: NaiveDate) -> Forecast {
    let params = Params::resolve(&scenario.rules);
    let (calendar, scores) = cliff_forecast(scenario, &params, today);
    let windows = scores
        .iter()
        .map(|s| WindowDay {
            m24: s.window(Window::M24),
            m12: s.window(Window::M12),
            m6: s.window(Window::M6),
            trending: s.trending,
        })
        .collect();
    Forecast { calendar, windows }
}

/// The drawing's size in CSS pixels: the chart is drawn at the width it is shown at, so one
/// unit of the drawing is one pixel and its 12 px text is 12 px on a phone as on a desktop.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Size {
    w: f64,
    h: f64,
}

impl Size {
    fn of_width(w: f64) -> Size {
        let w = w.max(240.0);
        Size {
            w,
            h: (w * 0.36).clamp(240.0, 340.0),
        }
    }

    fn x_of(self, i: usize, n: usize) -> f64 {
        let span = (n.max(2) - 1) as f64;
        PAD_L + (self.w - PAD_L - PAD_R) * i as f64 / span
    }

    fn y_of(self, v: f64, lo: f64) -> f64 {
        let v = v.clamp(lo, 100.0);
        PAD_T + (self.h - PAD_T - PAD_B) * (1.0 - (v - lo) / (100.0 - lo))
    }

    /// Every how many quarter ticks a label fits.
    fn label_step(self, n: usize) -> usize {
        let quarter_px = (self.w - PAD_L - PAD_R) * 91.0 / (n.max(2) - 1) as f64;
        [1, 2, 4]
            .into_iter()
            .find(|k| quarter_px * *k as f64 >= LABEL_PX)
            .unwrap_or(8)
    }
}

/// Polyline point lists, one per run of days with a value (a window without enough outcomes
/// leaves a gap).
fn segments(size: Size, values: &[Option<f64>], lo: f64) -> Vec<String> {
    let n = values.len();
    let mut res = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => current.push(format!("{:.1},{:.1}", size.x_of(i, n), size.y_of(*v, lo))),
            None if !current.is_empty() => res.push(std::mem::take(&mut current).join(" ")),
            None => {}
        }
    }
    if !current.is_empty() {
        res.push(current.join(" "));
    }
    res
}

/// The first day of each quarter after the first day, for axis labels.
fn quarter_ticks(days: &[NaiveDate]) -> Vec<(usize, String)> {
    days.iter()
        .enumerate()
        .skip(1)
        .filter(|(i, d)| d.day() == 1 && d.month0().is_multiple_of(3) && *i + 45 < days.len())
        .map(|(i, d)| (i, jss_engine::format::short_month_year(*d)))
        .collect()
}

/// The 24-month forward chart of the displayed score and each window if nothing new happens,
/// today at the left edge, with the dates the score changes as a table.
#[component]
pub fn CliffChart() -> impl IntoView {
    let state = AppState::get();
    let data = Memo::new(move |_| {
        let today = state.today.get();
        state
            .scenario
            .with(|s| s.as_ref().map(|s| forecast(s, today)))
    });
    view! {
        <section class="card" aria-labelledby="cliff-title">
            <h2 id="cliff-title">"The next 24 months if nothing new happens"</h2>
            {move || data.get().map(|f| view! { <ChartBody forecast=f /> })}
        </section>
    }
}

/// What the chart draws, in days and scores; [`Drawing::svg`] lays it out at a size.
struct Drawing {
    n: usize,
    displayed: Vec<Option<f64>>,
    series: [(&'static str, Vec<Option<f64>>); 4],
    lo: f64,
    grid: Vec<f64>,
    /// The day index of each change of the displayed score, and its words.
    change_marks: Vec<(usize, String)>,
    ticks: Vec<(usize, String)>,
    today_label: String,
    last_label: String,
    title: String,
}

impl Drawing {
    fn svg(&self, size: Size) -> impl IntoView {
        let Size { w, h } = size;
        let (n, lo) = (self.n, self.lo);
        let step = size.label_step(n);
        view! {
            <svg
                viewBox=format!("0 0 {w} {h}")
                width=w
                height=h
                role="img"
                aria-label=self.title.clone()
            >
                <title>{self.title.clone()}</title>
                {self
                    .grid
                    .iter()
                    .map(|v| {
                        let y = size.y_of(*v, lo);
                        view! {
                            <line
                                class=if *v == 90.0 { "line-90" } else { "grid" }
                                x1=PAD_L
                                x2=w - PAD_R
                                y1=y
                                y2=y
                            />
                            <text class="axis" x=PAD_L - 4.0 y=y + 4.0 text-anchor="end">
                                {format!("{v:.0}")}
                            </text>
                        }
                    })
                    .collect_view()}
                {self
                    .ticks
                    .iter()
                    .enumerate()
                    .map(|(k, (i, label))| {
                        let x = size.x_of(*i, n);
                        view! {
                            <line class="grid" x1=x x2=x y1=h - PAD_B y2=h - PAD_B + 4.0 />
                            {k
                                .is_multiple_of(step)
                                .then(|| {
                                    view! {
                                        <text
                                            class="axis"
                                            x=x
                                            y=h - PAD_B + 18.0
                                            text-anchor="middle"
                                        >
                                            {label.clone()}
                                        </text>
                                    }
                                })}
                        }
                    })
                    .collect_view()}
                {segments(size, &self.displayed, lo)
                    .into_iter()
                    .map(|points| view! { <polyline class="series s-displayed" points=points /> })
                    .collect_view()}
                {self
                    .series
                    .iter()
                    .map(|(class, values)| {
                        segments(size, values, lo)
                            .into_iter()
                            .map(|points| {
                                view! { <polyline class=format!("series {class}") points=points /> }
                            })
                            .collect_view()
                    })
                    .collect_view()}
                {self
                    .change_marks
                    .iter()
                    .map(|(i, label)| {
                        let x = size.x_of(*i, n);
                        view! {
                            <line class="change" x1=x x2=x y1=PAD_T y2=h - PAD_B>
                                <title>{label.clone()}</title>
                            </line>
                        }
                    })
                    .collect_view()}
                <line class="today" x1=PAD_L x2=PAD_L y1=PAD_T y2=h - PAD_B />
                <text class="axis today-label" x=PAD_L + 3.0 y=PAD_T + 14.0>
                    {self.today_label.clone()}
                </text>
                <text class="axis" x=w - PAD_R y=h - 2.0 text-anchor="end">
                    {self.last_label.clone()}
                </text>
            </svg>
        }
    }
}

#[component]
fn ChartBody(forecast: Forecast) -> impl IntoView {
    let Forecast { calendar, windows } = forecast;
    let days: Vec<NaiveDate> = calendar.days.iter().map(|d| d.date).collect();
    let n = days.len();
    let displayed: Vec<Option<f64>> = calendar
        .days
        .iter()
        .map(|d| d.score.map(f64::from))
        .collect();
    let series: [(&'static str, &'static str, Vec<Option<f64>>); 4] = [
        (
            "24 months",
            "s-m24",
            windows.iter().map(|w| w.m24).collect(),
        ),
        (
            "12 months",
            "s-m12",
            windows.iter().map(|w| w.m12).collect(),
        ),
        ("6 months", "s-m6", windows.iter().map(|w| w.m6).collect()),
        (
            "Trending",
            "s-trending",
            windows.iter().map(|w| w.trending).collect(),
        ),
    ];
    let min_value = displayed
        .iter()
        .chain(series.iter().flat_map(|(_, _, v)| v.iter()))
        .flatten()
        .fold(100.0_f64, |a, b| a.min(*b));
    let lo = ((min_value.max(0.0) / 10.0).floor() * 10.0).min(50.0);
    let grid: Vec<f64> = (0..=10)
        .map(|k| f64::from(k) * 10.0)
        .filter(|v| *v >= lo)
        .collect();
    let from = calendar.from;
    let last = days.last().copied().unwrap_or(from);
    let now = calendar.days.first().and_then(|d| d.score);
    let end = calendar.days.last().and_then(|d| d.score);
    let pct = |s: Option<u8>| s.map_or("no score".to_string(), |s| format!("{s}%"));
    let title = format!(
        "Displayed JSS and each window from {} to {} if nothing new happens: {} today, {} at the end, {} change(s) of the displayed score",
        date(from),
        date(last),
        pct(now),
        pct(end),
        calendar.changes.len(),
    );
    let index_of = |d: NaiveDate| days.iter().position(|x| *x == d);
    let change_marks: Vec<(usize, String)> = calendar
        .changes
        .iter()
        .filter_map(|c| {
            let i = index_of(c.date)?;
            Some((
                i,
                format!("{}: {} → {}", date(c.date), pct(c.before), pct(c.after)),
            ))
        })
        .collect();
    let rows: Vec<(NaiveDate, Option<u8>, Option<u8>, WindowDay)> = calendar
        .changes
        .iter()
        .filter_map(|c| {
            let w = index_of(c.date).and_then(|i| windows.get(i).copied())?;
            Some((c.date, c.before, c.after, w))
        })
        .collect();
    let legend: Vec<(&'static str, &'static str)> = series
        .iter()
        .map(|(label, class, _)| (*label, *class))
        .collect();
    let drawing = StoredValue::new(Drawing {
        n,
        displayed,
        series: series.map(|(_, class, values)| (class, values)),
        lo,
        grid,
        change_marks,
        ticks: quarter_ticks(&days),
        today_label: format!("today ({})", short_date(from)),
        last_label: date(last),
        title: title.clone(),
    });
    // The drawing follows the figure's width: measured once it is in the page, and again
    // when the window is resized (a phone turned sideways).
    let figure = NodeRef::<leptos::html::Figure>::new();
    let width = RwSignal::new(DEFAULT_W);
    let measure = move || {
        if let Some(el) = figure.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if figure.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    view! {
        <figure class="cliff-chart" data-testid="cliff-chart" node_ref=figure>
            {move || drawing.with_value(|d| d.svg(Size::of_width(width.get())))}
            <figcaption>
                <ul class="legend">
                    <li>
                        <span class="swatch s-displayed" aria-hidden="true"></span>
                        "Displayed JSS (whole %)"
                    </li>
                    {legend
                        .into_iter()
                        .map(|(label, class)| {
                            view! {
                                <li>
                                    <span class=format!("swatch {class}") aria-hidden="true"></span>
                                    {label}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                "Vertical lines: days the displayed score changes. A window line stops when it holds too few outcomes."
            </figcaption>
            <details>
                <summary>"The dates the score changes, as a table"</summary>
                <DataTable
                    class="cards cliff-table"
                    testid="cliff-table"
                    caption=format!(
                        "Days the displayed JSS changes between {} and {}, and each window that day",
                        date(from),
                        date(last),
                    )
                    caption_id="cliff-table-caption"
                    caption_shown=true
                    columns=[
                        "Date",
                        "JSS before",
                        "JSS after",
                        "24 months",
                        "12 months",
                        "6 months",
                        "Trending",
                    ]
                >
                    {if rows.is_empty() {
                        view! {
                            <tr>
                                <td colspan="7">
                                    "The displayed score does not change in these 24 months."
                                </td>
                            </tr>
                        }
                            .into_any()
                    } else {
                        rows.into_iter()
                            .map(|(d, before, after, w)| {
                                view! {
                                    <tr>
                                        <th scope="row" class="full">
                                            <time datetime=d.to_string()>{date(d)}</time>
                                        </th>
                                        <td data-label="JSS before">{pct(before)}</td>
                                        <td data-label="JSS after">{pct(after)}</td>
                                        <td data-label="24 months">{window_score(w.m24)}</td>
                                        <td data-label="12 months">{window_score(w.m12)}</td>
                                        <td data-label="6 months">{window_score(w.m6)}</td>
                                        <td data-label="Trending">{window_score(w.trending)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }}
                </DataTable>
            </details>
        </figure>
    }
}
