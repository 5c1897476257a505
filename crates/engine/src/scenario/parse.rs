//! Parse the interchange format v1.
