//! Mounts the app. Everything else lives in the library so tests can mount components too.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(jss_lab::App);
}
