//! Mounts the app. Everything else lives in the library so tests can mount components too.

fn main() {
    console_error_panic_hook::set_once();
    // The saved state is read before mounting, in steps (see `Start`).
    wasm_bindgen_futures::spawn_local(async {
        let start = jss_lab::Start::read().await;
        leptos::mount::mount_to_body(move || leptos::view! { <jss_lab::App start /> });
        remove_shell();
    });
}

fn remove_shell() {
    // The static loading shell of index.html has done its job once the app is in the page, so it
    // leaves the document. Hiding it with `body:has(> .app) #shell` is not enough: WebKit does
    // not re-apply that rule when the app is appended, which left an empty band above the header.
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shell"))
    {
        shell.remove();
    }
}
