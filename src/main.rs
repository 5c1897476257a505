//! Mounts the app. Everything else lives in the library so tests can mount components too.

fn main() {
    console_error_panic_hook::set_once();
    // The saved state is read before mounting, in steps (see `Start`).
    wasm_bindgen_futures::spawn_local(async {
        let start = jss_lab::Start::read().await;
        leptos::mount::mount_to_body(move || leptos::view! { <jss_lab::App start /> });
    });
}
