//! Pieces several features share: form fields, their problems, glossary terms, source links,
//! the pager of long lists.

pub mod checkbox_field;
pub mod choice_field;
pub mod form_problems;
pub mod glossed;
pub mod pager;
pub mod source_links;
pub mod text_field;
