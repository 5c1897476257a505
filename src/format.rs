//! How the shell writes dates, money and scores for people.

use chrono::NaiveDate;
use jss_engine::money::Money;

/// `Mon 2 Mar 2026`: unambiguous in every locale, unlike `3/2/2026`.
pub fn date(d: NaiveDate) -> String {
    jss_engine::format::date(d)
}

/// `2 Mar`: for compact lists where the year is clear.
pub fn short_date(d: NaiveDate) -> String {
    jss_engine::format::short_date(d)
}

pub fn money(m: Money) -> String {
    m.to_string()
}

/// An unrounded window score such as `93.8%`, or an em dash when the window has no score.
pub fn window_score(value: Option<f64>) -> String {
    match value {
        Some(v) => format!("{v:.1}%"),
        None => "—".to_string(),
    }
}

/// Whole days from `from` to `to`, in words: "today", "tomorrow", "in 5 days", "3 days ago".
pub fn relative_days(from: NaiveDate, to: NaiveDate) -> String {
    match (to - from).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        n if n > 0 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}
