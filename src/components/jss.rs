//! JSS explained: the score's table, the change dates, what changed.

pub mod change_explainer;
pub mod cliff_chart;
pub mod jss_table;
