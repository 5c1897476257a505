//! Keeping the data around: persistent-storage requests, the export reminder and file
//! downloads.
//!
//! Browsers may evict localStorage (Safari deletes script-written storage after seven days
//! without a visit), so the app asks for persistent storage once the user has real data and
//! reminds them how long ago they last exported.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::set_timeout_with_handle;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::envelope::format_time;
use super::error::SaveError;
use super::keys;
use super::store::{Store, StoreError};

/// The answer to [`request_persistence`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersistOutcome {
    /// The browser will not evict this site's storage under pressure.
    Granted,
    /// The browser said no (Chromium decides from engagement; Firefox may ask the user).
    Denied,
    /// This browser has no `navigator.storage.persist`.
    Unsupported,
    /// The call threw or its promise rejected.
    Failed,
}

type Callback = Rc<RefCell<Option<Box<dyn FnOnce(PersistOutcome)>>>>;

/// Asks `navigator.storage.persist()` and calls `on_done` once with the answer. Call it once
/// the user has real data: asking on an empty first visit teaches browsers nothing.
pub fn request_persistence(on_done: impl FnOnce(PersistOutcome) + 'static) {
    let Some(manager) = storage_manager() else {
        on_done(PersistOutcome::Unsupported);
        return;
    };
    let promise = match manager.persist() {
        Ok(promise) => promise,
        Err(_) => {
            on_done(PersistOutcome::Failed);
            return;
        }
    };
    let slot: Callback = Rc::new(RefCell::new(Some(Box::new(on_done))));
    let resolved = {
        let slot = slot.clone();
        Closure::once(move |granted: JsValue| {
            let outcome = if granted.as_bool() == Some(true) {
                PersistOutcome::Granted
            } else {
                PersistOutcome::Denied
            };
            call_once(&slot, outcome);
        })
    };
    let rejected = Closure::once(move |_: JsValue| call_once(&slot, PersistOutcome::Failed));
    let _ = promise.then2(&resolved, &rejected);
    // The promise settles later and calls one of the two; they must outlive this function.
    // Two small closures per call are leaked, and the app calls this once.
    resolved.forget();
    rejected.forget();
}

fn call_once(slot: &Callback, outcome: PersistOutcome) {
    let callback = slot.try_borrow_mut().ok().and_then(|mut s| s.take());
    if let Some(callback) = callback {
        callback(outcome);
    }
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let manager = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    if manager.is_undefined() || manager.is_null() {
        return None;
    }
    let persist = js_sys::Reflect::get(&manager, &JsValue::from_str("persist")).ok()?;
    if !persist.is_function() {
        return None;
    }
    manager.dyn_into::<web_sys::StorageManager>().ok()
}

/// Whole days since the last [`mark_exported`], or `None` if the user never exported in this
/// browser (or the record is unreadable, which the reminder treats the same way).
pub fn last_export_days(now: DateTime<Utc>) -> Option<i64> {
    let text = Store::open().ok()?.get(keys::LAST_EXPORT).ok()??;
    let at = DateTime::parse_from_rfc3339(&text)
        .ok()?
        .with_timezone(&Utc);
    Some((now - at).num_days().max(0))
}

/// Records that the user exported their data at `now`.
pub fn mark_exported(now: DateTime<Utc>) -> Result<(), SaveError> {
    let store = Store::open().map_err(|why| SaveError::MemoryOnly { why })?;
    let text = format_time(now);
    store.set(keys::LAST_EXPORT, &text).map_err(|e| match e {
        StoreError::Quota => SaveError::QuotaExceeded {
            size_chars: text.len(),
            used_chars: store.used_chars(),
        },
        other => SaveError::WriteFailed {
            detail: other.to_string(),
        },
    })
}

/// Offers `text` as a file download named `filename` (a Blob URL and a clicked `<a download>`).
/// It needs no network and no CSP exception beyond the page's own origin.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("there is no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not create the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not create a download link")?;
    let anchor = document
        .create_element("a")
        .map_err(|_| "the browser could not create a download link")?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "the browser could not create a download link")?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    // Revoking at once can cancel the download in some browsers; a minute later is safe.
    let _ = set_timeout_with_handle(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(60),
    );
    Ok(())
}
