//! The saver's occasional code, kept out of the first screen's module.
//!
//! Three parts of storage are needed only now and then: merging this tab's edit with another
//! tab's newer save (the scenario and the simulator's inputs read into their types, and the
//! engine's merge), deflating a large payload, and inflating one that was stored deflated.
//! Together they were about a tenth of the first screen's code. The release build (the `split` feature, scripts/build-app.mjs) makes
//! them a module of their own, `split_saver.wasm`, fetched when this tab first has an edit to
//! save or first sees another tab's save ([`fetch`]), which is well before the save itself
//! (the debounce is 300 ms). Saving stays synchronous, as a page being hidden needs: once the
//! module is here [`merge_now`] and [`deflate_now`] run at once, and a save that needs one of
//! them before then keeps its edit pending and saves again when the module has arrived (see
//! `Saver::flush`). Reading a deflated save needs it too: the start fetches it before it reads
//! one (`storage::load_in_steps`), a tab fetches it before it adopts another tab's save, and a
//! reader that still finds it missing says so ([`super::envelope::ReadError::CodeNotLoaded`])
//! rather than calling the data unreadable. Without the split (tests, clippy) the module is
//! always here.

use std::cell::Cell;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use leptos::wasm_split::SplitLoaderError;
use serde_json::Value;

use super::merge::{merge, MergeConflict};

thread_local! {
    /// Whether the module has arrived.
    static READY: Cell<bool> = const { Cell::new(!cfg!(feature = "split")) };
}

/// Level 4 of 10: on a 10,000-contract history's text (2.5 MB) it packs within 2 % of level 6
/// in a third of the time (133 against 130 KB; 11 against 30 ms natively).
const DEFLATE_LEVEL: u8 = 4;

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(saver, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_merge))]
fn merge_in_module(
    base: Option<&Value>,
    ours: &Value,
    theirs: &Value,
) -> Result<Result<Value, MergeConflict>, SplitLoaderError> {
    Ok(merge(base, ours, theirs))
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(saver, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_deflate))]
fn deflate_in_module(bytes: &[u8]) -> Result<String, SplitLoaderError> {
    Ok(deflate(bytes))
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(saver, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_inflate))]
fn inflate_in_module(
    packed: &str,
    limit_bytes: usize,
) -> Result<Result<Vec<u8>, InflateError>, SplitLoaderError> {
    Ok(inflate(packed, limit_bytes))
}

#[cfg(not(feature = "split"))]
async fn merge_in_module(
    base: Option<&Value>,
    ours: &Value,
    theirs: &Value,
) -> Result<Result<Value, MergeConflict>, SplitLoaderError> {
    Ok(merge(base, ours, theirs))
}

#[cfg(not(feature = "split"))]
async fn deflate_in_module(bytes: &[u8]) -> Result<String, SplitLoaderError> {
    Ok(deflate(bytes))
}

/// `bytes` deflated and written in base64url, as the envelope stores them.
fn deflate(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(miniz_oxide::deflate::compress_to_vec(bytes, DEFLATE_LEVEL))
}

#[cfg(not(feature = "split"))]
async fn preload_merge() -> Result<(), SplitLoaderError> {
    Ok(())
}

#[cfg(not(feature = "split"))]
async fn inflate_in_module(
    packed: &str,
    limit_bytes: usize,
) -> Result<Result<Vec<u8>, InflateError>, SplitLoaderError> {
    Ok(inflate(packed, limit_bytes))
}

#[cfg(not(feature = "split"))]
async fn preload_deflate() -> Result<(), SplitLoaderError> {
    Ok(())
}

#[cfg(not(feature = "split"))]
async fn preload_inflate() -> Result<(), SplitLoaderError> {
    Ok(())
}

/// Why a stored deflated payload could not be read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// The text is not base64url: the decoder's words.
    NotBase64(String),
    /// The bytes do not inflate (cut short or altered), or inflate past the limit.
    Damaged,
}

/// `packed` (base64url of deflated bytes, as the envelope stores it) inflated, up to
/// `limit_bytes`.
fn inflate(packed: &str, limit_bytes: usize) -> Result<Vec<u8>, InflateError> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(packed.as_bytes())
        .map_err(|e| InflateError::NotBase64(e.to_string()))?;
    miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, limit_bytes)
        .map_err(|_| InflateError::Damaged)
}

/// Whether the module has arrived.
pub fn ready() -> bool {
    READY.get()
}

/// Marks the module as not arrived, as it is when a release build starts. Tests use it to check
/// that a save waits for it; the next [`fetch`] brings it back.
pub fn unload() {
    READY.set(false);
}

/// Fetches the module, once; `Err` when it did not arrive (the next call tries again).
pub async fn fetch() -> Result<(), SplitLoaderError> {
    if !READY.get() {
        // Each split function has a loader of its own, which must know the module is here for
        // its first call to be ready at once; the module itself is fetched only once.
        preload_merge().await?;
        preload_deflate().await?;
        preload_inflate().await?;
        READY.set(true);
    }
    Ok(())
}

/// Starts [`fetch`] without waiting for it.
pub fn fetch_soon() {
    if !READY.get() {
        wasm_bindgen_futures::spawn_local(async {
            let _ = fetch().await;
        });
    }
}

/// `super::merge::merge` now, or `None` while the module has not arrived.
pub fn merge_now(
    base: Option<&Value>,
    ours: &Value,
    theirs: &Value,
) -> Option<Result<Value, MergeConflict>> {
    now(merge_in_module(base, ours, theirs))
}

/// `bytes` deflated and in base64url now, or `None` while the module has not arrived.
pub fn deflate_now(bytes: &[u8]) -> Option<String> {
    now(deflate_in_module(bytes))
}

/// `packed` inflated now, or `None` while the module has not arrived.
pub fn inflate_now(packed: &str, limit_bytes: usize) -> Option<Result<Vec<u8>, InflateError>> {
    now(inflate_in_module(packed, limit_bytes))
}

/// A split function's result if its module is here. Once it is, the call's future is ready at
/// its first poll: the loader only checks that the module is loaded, and the functions are
/// synchronous. Before that it is not polled at all, so no load starts without [`fetch`].
fn now<T>(call: impl Future<Output = Result<T, SplitLoaderError>>) -> Option<T> {
    if !READY.get() {
        return None;
    }
    let call = std::pin::pin!(call);
    match call.poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(Ok(value)) => Some(value),
        _ => None,
    }
}
