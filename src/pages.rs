//! One file per page.

pub mod calendar_page;
pub mod contracts_page;
pub mod dashboard_page;
pub mod glossary_page;
pub mod import_page;
pub mod jss_page;
pub mod not_found_page;
pub mod refund_page;
pub mod settings_page;
pub mod simulator_page;
