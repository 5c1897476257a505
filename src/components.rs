//! The app's components, one per file, grouped by the feature that shows them.

pub mod calendar;
pub mod common;
pub mod contracts;
pub mod dashboard;
pub mod import;
pub mod jss;
pub mod layout;
pub mod settings;
pub mod simulator;
