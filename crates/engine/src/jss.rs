//! The Job Success Score (MODEL.md §3–4).
