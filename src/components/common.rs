//! Pieces several features share: form fields, their problems, data tables and the pager of
//! long lists, glossary terms, source links, a page's content that needs data, and content
//! drawn a task later.

pub mod checkbox_field;
pub mod choice_field;
pub mod data_table;
pub mod deferred;
pub mod error_alert;
pub mod form_problems;
pub mod glossed;
pub mod needs_data;
pub mod pager;
pub mod problem_list;
pub mod source_links;
pub mod table_head;
pub mod text_field;
