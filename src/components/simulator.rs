//! The simulator page: the answer, the strategies' chart and table, the forms that shape a run.

pub mod action_plan;
pub mod behaviours;
pub mod decision_view;
pub mod form_toolbar;
pub mod list_editor;
pub mod planned_work;
pub mod priorities;
pub mod saved_item;
pub mod sim_field;
pub mod strategy_builder;
pub mod strategy_chart;
pub mod table;
pub mod target_solver;
