//! Pieces several features share: form fields, their problems, glossary terms, source links.

pub mod checkbox_field;
pub mod choice_field;
pub mod form_problems;
pub mod glossed;
pub mod source_links;
pub mod text_field;
