//! The pure core of JSS Lab.
//!
//! Deterministic and sans-IO: no Leptos, no web-sys, no clock reads, no unseeded randomness.
//! Time and random seeds are always parameters; money is integer cents; every operation on
//! user input returns a `Result` and never panics.

pub mod client_refund;
pub mod csv_import;
pub mod demo;
pub mod format;
pub mod glossary;
pub mod jss;
pub mod ledger;
pub mod merge;
pub mod money;
pub mod rules;
pub mod scenario;
pub mod simulate;
pub mod timeline;
