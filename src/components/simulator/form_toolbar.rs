use leptos::prelude::*;

/// The submit and cancel buttons under a simulator input form (a composed strategy, a line of
/// planned work): "Add …" for a new item, "Save …" while one is being edited, and a way out of
/// editing.
#[component]
pub fn SimFormToolbar(
    editing: RwSignal<Option<usize>>,
    add_label: &'static str,
    save_label: &'static str,
    submit_testid: String,
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="toolbar">
            <button type="submit" data-testid=submit_testid>
                {move || if editing.get().is_some() { save_label } else { add_label }}
            </button>
            <Show when=move || editing.get().is_some()>
                <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>
                    "Cancel editing"
                </button>
            </Show>
        </div>
    }
}
