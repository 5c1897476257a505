use leptos::prelude::*;

/// The Edit and Remove buttons of one saved simulator input (a composed strategy, a line of
/// planned work). Their accessible names carry the item's name, so a screen reader hears
/// "Edit Mine" rather than a row of identical "Edit" buttons.
#[component]
pub fn SimItemButtons(
    name: String,
    remove_testid: &'static str,
    on_edit: Callback<()>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let hidden = format!(" {name}");
    view! {
        " "
        <button type="button" class="secondary" on:click=move |_| on_edit.run(())>
            "Edit"
            <span class="visually-hidden">{hidden.clone()}</span>
        </button>
        " "
        <button
            type="button"
            class="secondary"
            data-testid=remove_testid
            on:click=move |_| on_remove.run(())
        >
            "Remove"
            <span class="visually-hidden">{hidden}</span>
        </button>
    }
}
