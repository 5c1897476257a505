//! Reusable components, one per file.

pub mod site_header;
pub mod theme_picker;
