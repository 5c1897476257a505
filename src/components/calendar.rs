//! The money calendar: the month grid and the lists.

pub mod money_list;
pub mod month_grid;
