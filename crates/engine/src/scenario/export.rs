//! Export the interchange format v1.
