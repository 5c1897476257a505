//! The contracts page: adding, the fast table, a contract's detail, its actions and edits.

pub mod add_contract_form;
pub mod contract_actions;
pub mod contract_detail;
pub mod contract_edit_form;
pub mod contract_warnings;
pub mod fast_table;
