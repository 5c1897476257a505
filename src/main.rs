//! Mounts the app. Everything else lives in the library so tests can mount components too.

fn main() {
    // The release build stops at a panic without formatting anything (scripts/build-app.mjs:
    // `-Cpanic=immediate-abort`), so only the debug build has a message for the hook to show.
    if cfg!(debug_assertions) {
        console_error_panic_hook::set_once();
    }
    // The saved state is read before mounting, in steps (see `Start`).
    wasm_bindgen_futures::spawn_local(async {
        let start = jss_lab::Start::read().await;
        leptos::mount::mount_to_body(move || leptos::view! { <jss_lab::App start /> });
    });
}
