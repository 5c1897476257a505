//! The only place the app reads the clock. The engine never does: it is always given a date.

use chrono::{NaiveDate, NaiveDateTime, Utc};

pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

pub fn today() -> NaiveDate {
    now().date()
}

/// Resolves in a later task of the browser's event loop, so that work split around it lets the
/// page paint and answer input in between (a long history's import or load would otherwise be
/// one task of several hundred milliseconds). Resolves at once where there is no window.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0));
        if !matches!(scheduled, Some(Ok(_))) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
