//! Calibration of the assumption parameters against observed JSS readings (MODEL.md §3.7).
//!
//! A deterministic grid search over `positive_min_stars`, `negative_below_stars`,
//! `end_reason_override` and `long_term_counts_positive`, starting from the scenario's resolved
//! parameters. Candidates are ranked by mean absolute error, then maximum error, then distance
//! from the defaults (so the search moves a parameter only when the readings demand it), then
//! grid order.

use chrono::NaiveDate;
use serde::Serialize;

use crate::jss::cliff::Frozen;
use crate::rules::Params;
use crate::scenario::Scenario;

/// One observed reading: the JSS shown on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Reading {
    pub date: NaiveDate,
    pub jss: u8,
}

/// The error charged when the model predicts no score where a score was observed.
pub const MISSING_SCORE_ERROR: f64 = 100.0;

/// Positive thresholds tried, in hundredths of a star.
pub const POSITIVE_GRID: [u16; 6] = [450, 460, 470, 480, 490, 500];
/// Negative thresholds tried, in hundredths of a star (only those ≤ the positive one).
pub const NEGATIVE_GRID: [u16; 5] = [300, 350, 400, 450, 480];

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fit {
    pub positive_min_stars: f64,
    pub negative_below_stars: f64,
    pub end_reason_override: bool,
    pub long_term_counts_positive: bool,
    pub mean_abs_error: f64,
    pub max_abs_error: f64,
    /// Per reading: (date, observed, predicted).
    pub predictions: Vec<(NaiveDate, u8, Option<u8>)>,
    pub candidates_tried: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalibrationError {
    #[error("calibration needs at least one reading")]
    NoReadings,
}

/// Fits the assumption parameters to the readings. The scenario's own rule set gives every
/// other parameter.
pub fn calibrate(scenario: &Scenario, readings: &[Reading]) -> Result<Fit, CalibrationError> {
    if readings.is_empty() {
        return Err(CalibrationError::NoReadings);
    }
    let base = Params::resolve(&scenario.rules);
    let last = readings
        .iter()
        .map(|r| r.date)
        .max()
        .unwrap_or(NaiveDate::MIN);
    let mut best: Option<(Fit, (f64, f64, u32))> = None;
    let mut tried = 0;
    for candidate in grid(&base) {
        tried += 1;
        let fit = evaluate_candidate(scenario, &candidate, readings, last);
        let key = (
            fit.mean_abs_error,
            fit.max_abs_error,
            distance(&candidate, &base),
        );
        let better = match &best {
            None => true,
            Some((_, k)) => {
                key.0 < k.0 || (key.0 == k.0 && (key.1 < k.1 || (key.1 == k.1 && key.2 < k.2)))
            }
        };
        if better {
            best = Some((fit, key));
        }
    }
    let mut fit = best.map(|(f, _)| f).ok_or(CalibrationError::NoReadings)?;
    fit.candidates_tried = tried;
    Ok(fit)
}

fn grid(base: &Params) -> Vec<Params> {
    let mut res = Vec::new();
    for positive in POSITIVE_GRID {
        for negative in NEGATIVE_GRID.into_iter().filter(|n| *n <= positive) {
            for end_reason_override in [true, false] {
                for long_term in [true, false] {
                    let mut p = base.clone();
                    p.positive_min_stars_hundredths = positive;
                    p.negative_below_stars_hundredths = negative;
                    p.end_reason_override = end_reason_override;
                    p.long_term_counts_positive = long_term;
                    res.push(p);
                }
            }
        }
    }
    res
}

/// How far a candidate is from the base parameters, in grid steps and flag flips.
fn distance(candidate: &Params, base: &Params) -> u32 {
    let steps = |a: u16, b: u16| u32::from(a.abs_diff(b)) / 10;
    steps(
        candidate.positive_min_stars_hundredths,
        base.positive_min_stars_hundredths,
    ) + steps(
        candidate.negative_below_stars_hundredths,
        base.negative_below_stars_hundredths,
    ) + u32::from(candidate.end_reason_override != base.end_reason_override)
        + u32::from(candidate.long_term_counts_positive != base.long_term_counts_positive)
}

fn evaluate_candidate(
    scenario: &Scenario,
    params: &Params,
    readings: &[Reading],
    last: NaiveDate,
) -> Fit {
    // Every reading lies on or before `last`, where the frozen scenario equals the original.
    let mut frozen = Frozen::new(scenario, params, last);
    let predictions: Vec<(NaiveDate, u8, Option<u8>)> = readings
        .iter()
        .map(|r| (r.date, r.jss, frozen.displayed_at(r.date)))
        .collect();
    let errors: Vec<f64> = predictions
        .iter()
        .map(|(_, observed, predicted)| match predicted {
            Some(p) => f64::from(p.abs_diff(*observed)),
            None => MISSING_SCORE_ERROR,
        })
        .collect();
    let max_abs_error = errors.iter().copied().fold(0.0, f64::max);
    Fit {
        positive_min_stars: f64::from(params.positive_min_stars_hundredths) / 100.0,
        negative_below_stars: f64::from(params.negative_below_stars_hundredths) / 100.0,
        end_reason_override: params.end_reason_override,
        long_term_counts_positive: params.long_term_counts_positive,
        mean_abs_error: errors.iter().sum::<f64>() / errors.len() as f64,
        max_abs_error,
        predictions,
        candidates_tried: 0,
    }
}
