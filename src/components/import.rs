//! Bringing data in: scenario files, share links, Upwork CSV exports.

pub mod csv_report;
pub mod csv_review;
pub mod import_file;
pub mod share_preview;
