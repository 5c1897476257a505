//! Helpers shared by the browser (wasm-bindgen-test) test files.
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Mounts a view into a fresh `<section>` at the end of the page and returns the section. The
/// view stays mounted for the rest of the test.
pub fn mount<V: IntoView + 'static>(f: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let section: web_sys::HtmlElement = document()
        .create_element("section")
        .expect("create section")
        .unchecked_into();
    document()
        .body()
        .expect("body")
        .append_child(&section)
        .expect("append section");
    std::mem::forget(leptos::mount::mount_to(section.clone(), f));
    section
}

/// `date("2026-11-27")`; panics only on a typo in a test literal.
pub fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date literal")
}
