//! The dashboard: what needs deciding, the score, Top Rated, money, what comes next.

pub mod cards;
pub mod decision_card;
pub mod jss_card;
pub mod money_totals;
pub mod onboarding;
pub mod top_rated_strip;
pub mod upcoming_events;
pub mod window_table;
