//! Pieces several features share: form fields, their problems, data tables, glossary terms,
//! source links.

pub mod checkbox_field;
pub mod choice_field;
pub mod data_table;
pub mod form_problems;
pub mod glossed;
pub mod source_links;
pub mod table_head;
pub mod text_field;
