//! JSS Lab's Leptos shell: pages, components, storage, the clock and the glue around the pure
//! `jss-engine` crate. Nothing here decides a business rule; the engine does.

pub mod advice;
mod app;
pub mod clipboard;
pub mod clock;
pub mod components;
pub mod entry;
pub mod export;
pub mod format;
pub mod pages;
pub mod persistence;
pub mod share;
pub mod sim_runner;
pub mod state;
pub mod storage;
pub mod theme;

pub use app::{App, Start};
