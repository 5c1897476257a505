use chrono::{Months, NaiveDate};
use jss_engine::jss::explain::{AttributionStep, ChangeKind, WindowChange, MICRO};
use jss_engine::jss::{attribute, Attribution, Window, Winner};
use leptos::prelude::*;

use crate::components::common::data_table::DataTable;
use crate::components::common::pager::{page_of, Pager};
use crate::components::common::table_head::Column;
use crate::format::date;
use crate::state::AppState;

/// Micro-points per tenth of a point.
const TENTH: i64 = MICRO / 10;

fn window_words(w: Window) -> &'static str {
    match w {
        Window::M3 => "3-month window",
        Window::M6 => "6-month window",
        Window::M12 => "12-month window",
        Window::M24 => "24-month window",
    }
}

fn winner_words(w: Option<Winner>) -> &'static str {
    match w {
        Some(Winner::M24) => "24 months",
        Some(Winner::M12) => "12 months",
        Some(Winner::M6) => "6 months",
        Some(Winner::Trending) => "trending",
        None => "no score",
    }
}

fn change_words(c: &WindowChange) -> String {
    let w = window_words(c.window);
    match c.kind {
        ChangeKind::Added => format!("entered the {w}"),
        ChangeKind::AgedOut => format!("aged out of the {w}"),
        ChangeKind::Dropped => format!("stopped counting in the {w}"),
        ChangeKind::ClassChanged { from, to } => {
            format!(
                "became {} instead of {} in the {w}",
                to.as_str(),
                from.as_str()
            )
        }
        ChangeKind::WeightChanged { from, to } => format!("weight {from} → {to} in the {w}"),
    }
}

fn step_words(step: &AttributionStep) -> String {
    let mut words: Vec<String> = step.changes.iter().map(change_words).collect();
    if step.winner_switched() {
        words.push(format!(
            "the shown score moves from {} to {}",
            winner_words(step.winner_before),
            winner_words(step.winner_after)
        ));
    }
    words.join("; ")
}

/// Rounds parts given in micro-points to tenths of a point so that the rounded parts still sum
/// to the rounded total (largest remainders get the extra tenth). The total of the parts is a
/// whole number of points, so it is exact in tenths.
fn apportion(parts: &[i64]) -> Vec<i64> {
    let floors: Vec<i64> = parts.iter().map(|p| p.div_euclid(TENTH)).collect();
    let total_tenths = parts.iter().sum::<i64>().div_euclid(TENTH);
    let missing = (total_tenths - floors.iter().sum::<i64>()).max(0) as usize;
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(parts[i].rem_euclid(TENTH)));
    let mut res = floors;
    for &i in order.iter().take(missing) {
        res[i] += 1;
    }
    res
}

fn tenths(t: i64) -> String {
    let sign = if t < 0 { "−" } else { "+" };
    format!("{sign}{}.{}", t.abs() / 10, t.abs() % 10)
}

fn score_words(s: Option<u8>) -> String {
    s.map_or("no score yet (counted as 0 here)".to_string(), |s| {
        format!("{s}%")
    })
}

fn parse(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// "Why did it change": the displayed score at two dates and the change split into one step per
/// contract plus rounding, each share in points, summing to the change.
#[component]
pub fn ChangeExplainer() -> impl IntoView {
    let state = AppState::get();
    let today = state.today.get_untracked();
    let from = RwSignal::new(today.to_string());
    let to = RwSignal::new(
        today
            .checked_add_months(Months::new(3))
            .unwrap_or(today)
            .to_string(),
    );
    let result = Memo::new(move |_| -> Result<Attribution, String> {
        let (Some(a), Some(b)) = (parse(&from.get()), parse(&to.get())) else {
            return Err("Enter two dates.".to_string());
        };
        state.scenario.with(|s| match s {
            Some(s) => Ok(attribute(s, a, b)),
            None => Err("No contracts yet.".to_string()),
        })
    });
    view! {
        <section class="card" aria-labelledby="change-title">
            <h2 id="change-title">"Why did it change?"</h2>
            <p class="muted">
                "Pick two dates (the second may be earlier). Dates after today assume nothing new happens."
            </p>
            <div class="toolbar">
                <label>
                    "From" <input type="date" bind:value=from data-testid="change-from" />
                </label>
                <label>"To" <input type="date" bind:value=to data-testid="change-to" /></label>
            </div>
            <div aria-live="polite" data-testid="change-explanation">
                {move || match result.get() {
                    Err(e) => view! { <p class="error">{e}</p> }.into_any(),
                    Ok(a) => view! { <AttributionView attribution=a /> }.into_any(),
                }}
            </div>
        </section>
    }
}

#[component]
fn AttributionView(attribution: Attribution) -> impl IntoView {
    let state = AppState::get();
    let a = attribution;
    let change = a.change_micro() / MICRO;
    let direction = match change {
        0 => "no change".to_string(),
        c if c > 0 => format!("up {c} point{}", if c == 1 { "" } else { "s" }),
        c => format!("down {} point{}", -c, if c == -1 { "" } else { "s" }),
    };
    let summary = format!(
        "From {} on {} to {} on {}: {direction}.",
        score_words(a.from_score),
        date(a.from),
        score_words(a.to_score),
        date(a.to),
    );
    let mut parts: Vec<i64> = a.steps.iter().map(|s| s.delta_micro).collect();
    parts.push(a.rounding_micro);
    let shares = apportion(&parts);
    let total: i64 = shares.iter().sum();
    let rounding_share = shares.last().copied().unwrap_or(0);
    let steps: Vec<(AttributionStep, i64)> = a.steps.iter().cloned().zip(shares).collect();
    // Many contracts can leave a window between two dates in a long history: the table shows
    // them a page at a time, and its total stays the sum over all of them.
    let n_steps = steps.len();
    let steps = StoredValue::new(steps);
    let page = RwSignal::new(0_usize);
    let total_steps = Signal::derive(move || n_steps);
    let shown = Memo::new(move |_| steps.with_value(|steps| page_of(steps, page.get())));
    let caption = format!(
        "How the change of {} points from {} to {} splits",
        tenths(total),
        date(a.from),
        date(a.to)
    );
    view! {
        <p class="change-summary" data-testid="change-summary">
            <strong>{summary}</strong>
        </p>
        {if n_steps == 0 && rounding_share == 0 {
            view! { <p>"No contract changed its part of any window between these dates."</p> }
                .into_any()
        } else {
            view! {
                <DataTable
                    class="change-table"
                    testid="change-table"
                    caption=caption
                    caption_id="change-table-caption"
                    columns=[
                        Column::new("Date"),
                        Column::new("Contract"),
                        Column::new("What changed"),
                        Column::amount("Points"),
                    ]
                    foot=move || {
                        view! {
                            <tr>
                                <td></td>
                                <th scope="row">"Total"</th>
                                <td>{direction.clone()}</td>
                                <td class="amount" data-testid="change-total">
                                    {tenths(total)}
                                </td>
                            </tr>
                        }
                    }
                >
                    {move || {
                        let steps = shown.get();
                        let titles = state
                            .contract_titles(steps.iter().map(|(step, _)| step.contract.as_str()));
                        steps
                            .into_iter()
                            .zip(titles)
                            .map(|((step, share), title)| {
                                let when = if step.date == NaiveDate::MIN {
                                    view! { <span>"—"</span> }.into_any()
                                } else {
                                    view! {
                                        <time datetime=step
                                            .date
                                            .to_string()>{date(step.date)}</time>
                                    }
                                        .into_any()
                                };
                                view! {
                                    <tr>
                                        <td>{when}</td>
                                        <th scope="row">{title}</th>
                                        <td>{step_words(&step)}</td>
                                        <td class="amount">{tenths(share)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                    <tr>
                        <td></td>
                        <th scope="row">"Rounding"</th>
                        <td>"rounding to a whole percent at both dates"</td>
                        <td class="amount">{tenths(rounding_share)}</td>
                    </tr>
                </DataTable>
                <Pager total=total_steps page=page what="contracts" />
            }
                .into_any()
        }}
    }
}
