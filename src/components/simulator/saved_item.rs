use leptos::prelude::*;

/// One saved simulator input (a composed strategy, a line of planned work) in its list: its
/// name, what it does, and Edit and Remove buttons. The buttons' accessible names carry the
/// item's name, so a screen reader hears "Edit Mine" rather than a row of identical "Edit"s.
#[component]
pub fn SimSavedItem(
    name: String,
    text: String,
    remove_testid: String,
    on_edit: Callback<()>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let hidden = format!(" {name}");
    view! {
        <li>
            <strong>{name}</strong>
            " "
            <span class="muted">{text}</span>
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
        </li>
    }
}

/// Saves `item` over the one being edited (`editing`), or adds it at the end.
pub fn save_item<T>(list: &mut Vec<T>, editing: Option<usize>, item: T) {
    match editing {
        Some(i) if i < list.len() => list[i] = item,
        _ => list.push(item),
    }
}

/// Removes item `i` if there is one.
pub fn remove_item<T>(list: &mut Vec<T>, i: usize) {
    if i < list.len() {
        list.remove(i);
    }
}
