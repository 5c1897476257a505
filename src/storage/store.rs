//! A thin, panic-free wrapper over `window.localStorage`: every call returns a `Result`, and a
//! thrown exception is classified (quota or other) instead of unwrapped.

use std::cell::Cell;
use std::fmt;

use wasm_bindgen::JsValue;

/// A failure injected by tests to reach paths a real browser rarely takes.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// `open` fails, as when storage is blocked.
    Unavailable,
    /// The staging write stores a truncated text, as a torn write would.
    CorruptStaging,
}

thread_local! {
    static FAULT: Cell<Option<Fault>> = const { Cell::new(None) };
}

#[doc(hidden)]
pub fn set_fault(fault: Option<Fault>) {
    FAULT.with(|f| f.set(fault));
}

pub(super) fn fault() -> Option<Fault> {
    FAULT.with(Cell::get)
}

/// What a storage call threw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// `QuotaExceededError` (code 22) or Firefox's `NS_ERROR_DOM_QUOTA_REACHED` (code 1014).
    Quota,
    Other {
        name: String,
        message: String,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Quota => write!(f, "browser storage is full"),
            StoreError::Other { name, message } => write!(f, "{name}: {message}"),
        }
    }
}

impl StoreError {
    fn from_js(err: &JsValue) -> StoreError {
        let name = js_string(err, "name").unwrap_or_else(|| "Error".into());
        let code = js_sys::Reflect::get(err, &JsValue::from_str("code"))
            .ok()
            .and_then(|v| v.as_f64());
        if name == "QuotaExceededError"
            || name == "NS_ERROR_DOM_QUOTA_REACHED"
            || code == Some(22.0)
            || code == Some(1014.0)
        {
            return StoreError::Quota;
        }
        let message = js_string(err, "message")
            .or_else(|| err.as_string())
            .unwrap_or_default();
        StoreError::Other { name, message }
    }
}

fn js_string(value: &JsValue, field: &str) -> Option<String> {
    js_sys::Reflect::get(value, &JsValue::from_str(field))
        .ok()
        .and_then(|v| v.as_string())
}

/// An open localStorage.
pub struct Store(web_sys::Storage);

impl Store {
    /// Opens localStorage, or says in plain words why it cannot be used.
    pub fn open() -> Result<Store, String> {
        if fault() == Some(Fault::Unavailable) {
            return Err("storage is blocked (simulated by a test)".into());
        }
        let Some(window) = web_sys::window() else {
            return Err("there is no browser window".into());
        };
        match window.local_storage() {
            Ok(Some(storage)) => Ok(Store(storage)),
            Ok(None) => Err("this browser offers no local storage".into()),
            Err(e) => Err(format!(
                "the browser blocked local storage ({})",
                StoreError::from_js(&e)
            )),
        }
    }

    pub fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get_item(key).map_err(|e| StoreError::from_js(&e))
    }

    pub fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0
            .set_item(key, value)
            .map_err(|e| StoreError::from_js(&e))
    }

    pub fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.0.remove_item(key).map_err(|e| StoreError::from_js(&e))
    }

    /// Every key, in the browser's order. Keys that vanish while listing are skipped.
    pub fn keys(&self) -> Vec<String> {
        let count = self.0.length().unwrap_or(0);
        (0..count)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect()
    }

    /// The origin's usage in UTF-16 code units of keys and values, which is what browsers
    /// count against their ~5 million character quota.
    pub fn used_chars(&self) -> usize {
        self.keys()
            .iter()
            .map(|key| {
                let value = self.get(key).ok().flatten().unwrap_or_default();
                utf16_len(key) + utf16_len(&value)
            })
            .sum()
    }
}

pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}
