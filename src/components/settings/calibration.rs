use jss_engine::jss::{calibrate, Reading};
use jss_engine::rules::ParamValue;
use jss_engine::scenario::ops::Op;
use leptos::prelude::*;

use crate::state::{AppState, UndoStep};

/// Parses "YYYY-MM-DD, 87" lines; every bad line is named by its number.
fn parse_readings(text: &str) -> Result<Vec<Reading>, Vec<String>> {
    let mut readings = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split([',', ';', '\t', ' ']).filter(|p| !p.is_empty());
        let date = parts
            .next()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let jss = parts
            .next()
            .and_then(|j| j.trim_end_matches('%').parse::<u8>().ok())
            .filter(|j| *j <= 100);
        match (date, jss) {
            (Some(date), Some(jss)) => readings.push(Reading { date, jss }),
            _ => problems.push(format!(
                "Line {}: write a date and the JSS you saw, like 2026-06-01, 92.",
                i + 1
            )),
        }
    }
    if problems.is_empty() {
        Ok(readings)
    } else {
        Err(problems)
    }
}

/// Fits the assumption parameters (star thresholds, end-reason override, long-term rule) to the
/// scores the user saw on Upwork, shows the fit and its error, and applies it on request.
#[component]
pub fn Calibration(undo: RwSignal<Option<UndoStep>>) -> impl IntoView {
    let state = AppState::get();
    let text = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Result<jss_engine::jss::Fit, Vec<String>>>);
    let fit = move |_| {
        let Some(scenario) = state.scenario.get_untracked() else {
            return;
        };
        let res = parse_readings(&text.get_untracked())
            .and_then(|readings| calibrate(&scenario, &readings).map_err(|e| vec![e.to_string()]));
        result.set(Some(res));
    };
    let apply = move |_| {
        let Some(Ok(f)) = result.get_untracked() else {
            return;
        };
        let values = vec![
            (
                "positive_min_stars".into(),
                ParamValue::Number(f.positive_min_stars),
            ),
            (
                "negative_below_stars".into(),
                ParamValue::Number(f.negative_below_stars),
            ),
            (
                "end_reason_override".into(),
                ParamValue::Bool(f.end_reason_override),
            ),
            (
                "long_term_counts_positive".into(),
                ParamValue::Bool(f.long_term_counts_positive),
            ),
        ];
        let label = "Applied the calibrated parameters.".to_string();
        let _ = state.apply(undo, label, Op::SetParams(values));
    };
    view! {
        <section class="card" aria-labelledby="calibration-title">
            <h2 id="calibration-title">"Calibrate to the scores you saw"</h2>
            <p class="muted">
                "Enter JSS readings from your Upwork profile, one per line (date, score). The model tries the unofficial parameters on a fixed grid and keeps the best fit."
            </p>
            <label>
                "Readings"
                <textarea
                    rows="4"
                    data-testid="readings"
                    bind:value=text
                    placeholder="2026-06-01, 92"
                ></textarea>
            </label>
            <p>
                <button data-testid="calibrate" on:click=fit disabled=move || !state.has_data()>
                    "Find the best fit"
                </button>
            </p>
            {move || {
                result
                    .get()
                    .map(|r| match r {
                        Ok(f) => {
                            view! {
                                <div role="status" data-testid="calibration-result">
                                    <p>
                                        {format!(
                                            "Best fit: positive from {:.2}★, negative below {:.2}★, end-reason override {}, long-term contracts {}. Mean error {:.1} points, largest {:.1} ({} combinations tried).",
                                            f.positive_min_stars,
                                            f.negative_below_stars,
                                            if f.end_reason_override { "on" } else { "off" },
                                            if f.long_term_counts_positive {
                                                "count positive"
                                            } else {
                                                "do not count"
                                            },
                                            f.mean_abs_error,
                                            f.max_abs_error,
                                            f.candidates_tried,
                                        )}
                                    </p>
                                    <button
                                        class="secondary"
                                        data-testid="apply-calibration"
                                        on:click=apply
                                    >
                                        "Use these parameters"
                                    </button>
                                </div>
                            }
                                .into_any()
                        }
                        Err(ps) => {
                            view! {
                                <div class="field-error" role="alert">
                                    <ul>
                                        {ps
                                            .into_iter()
                                            .map(|p| view! { <li>{p}</li> })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}
