//! One file per page.

pub mod contracts_page;
pub mod dashboard_page;
pub mod not_found_page;
pub mod settings_page;
pub mod simulator_page;
