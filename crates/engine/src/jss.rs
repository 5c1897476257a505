//! The Job Success Score (MODEL.md §3–4).
//!
//! Layers, lowest first:
//! - [`outcome`]: one contract's class, weight and outcome date at a date (`classify`).
//! - [`window`]: windows, per-window tallies and the displayed score over precomputed outcomes.
//! - [`evaluate`]: a whole scenario at a date, and the update cadence.
//! - [`top_rated`], [`cliff`], [`explain`], [`calibrate`], [`report`]: features built on those.

pub mod outcome;

pub use outcome::{classify, Class, Outcome, Reason};
pub mod evaluate;
pub mod window;

pub use window::{Bounds, Scored, Tallies, Window, WindowScores, Winner};
pub mod cliff;

pub use cliff::{cliff_calendar, score_changes, window_exits, CliffCalendar, WindowExit};
pub mod top_rated;

pub use top_rated::{next_top_rated_change, top_rated_at, top_rated_status, TopRatedStatus};
pub mod report;
pub mod running;

pub use report::{score_report, ScoreReport};
pub mod explain;

pub use explain::{attribute, explain, Attribution, Explanation};
pub mod calibrate;

pub use calibrate::{calibrate, CalibrationError, Fit, Reading};
