//! Writing to the clipboard where the browser allows it.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Puts `text` on the clipboard and says whether the browser took it. There is no Clipboard
/// API in pages that are not a secure context or in Safari before 13.1 (calling it there would
/// throw out of the click handler), and a browser may refuse (no permission, page not focused):
/// each is `false`, so the caller can offer the text to select instead.
pub async fn write_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")) else {
        return false;
    };
    let Ok(clipboard) = clipboard.dyn_into::<web_sys::Clipboard>() else {
        return false;
    };
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}
