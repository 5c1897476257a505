//! Reusable components, one per file.

pub mod action_plan;
pub mod add_contract_form;
pub mod calibration;
pub mod change_explainer;
pub mod cliff_chart;
pub mod contract_detail;
pub mod csv_report;
pub mod csv_review;
pub mod export_reminder;
pub mod fan_chart;
pub mod import_file;
pub mod jss_card;
pub mod jss_table;
pub mod money_list;
pub mod money_totals;
pub mod month_grid;
pub mod onboarding;
pub mod share_preview;
pub mod sim_table;
pub mod site_header;
pub mod storage_banner;
pub mod target_solver;
pub mod theme_picker;
pub mod top_rated_strip;
pub mod upcoming_events;
pub mod window_table;
