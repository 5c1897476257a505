//! The Web Locks API (`navigator.locks`) around a save, so two tabs of the app cannot run the
//! steps of a save (read the revision, stage, verify, switch) interleaved.
//!
//! web-sys has a binding for `LockManager`, but only behind the `web_sys_unstable_apis` cfg flag,
//! which every build of the app would have to set; the one method the app needs is declared here
//! instead.
//!
//! Where `navigator.locks` is missing (browsers before 2022, pages that are not a secure
//! context) or refuses the request, the save runs at once without the lock. It is still safe
//! against stale tabs, because every save re-reads the stored revision first and merges or
//! refuses when another tab saved in between; only the window of a few microseconds between that
//! read and the switch is then unguarded.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The name of the lock every tab of the app takes to save.
pub const SAVE_LOCK: &str = "jss-lab.save";

#[wasm_bindgen]
extern "C" {
    type LockManager;

    #[wasm_bindgen(method, catch)]
    fn request(
        this: &LockManager,
        name: &str,
        callback: &js_sys::Function,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// How a task given to [`with_save_lock`] ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockUse {
    /// The lock was requested; the task runs once it is granted (always later, never now).
    Requested,
    /// The browser has no usable Web Locks: the task already ran, unlocked.
    Unavailable,
}

fn lock_manager() -> Option<LockManager> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (locks.is_object()).then(|| locks.unchecked_into())
}

/// Runs `task` while this tab holds [`SAVE_LOCK`]. The task is synchronous, so the lock is
/// released as soon as it returns. If the request fails, the task runs unlocked rather than
/// never: an unsaved edit is worse than the small window the lock closes.
pub fn with_save_lock(task: impl FnOnce() + 'static) -> LockUse {
    let slot = Rc::new(RefCell::new(Some(task)));
    // Whichever path comes first runs the task; the other finds the slot empty.
    let run = move || {
        let task = slot.borrow_mut().take();
        if let Some(task) = task {
            task();
        }
    };
    let Some(locks) = lock_manager() else {
        run();
        return LockUse::Unavailable;
    };
    let granted = {
        let run = run.clone();
        Closure::once_into_js(move |_lock: JsValue| run())
    };
    match locks.request(SAVE_LOCK, granted.unchecked_ref()) {
        Ok(promise) => {
            wasm_bindgen_futures::spawn_local(async move {
                if JsFuture::from(promise).await.is_err() {
                    run();
                }
            });
            LockUse::Requested
        }
        Err(_) => {
            run();
            LockUse::Unavailable
        }
    }
}
