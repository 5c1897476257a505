use leptos::prelude::*;

use crate::components::common::problem_list::ProblemList;
use crate::components::simulator::form_toolbar::SimFormToolbar;
use crate::components::simulator::saved_item::{remove_item, save_item, SimSavedItem};

/// The item a form describes, or the problems that keep it from being saved (the form's
/// result for [`SimListEditor`]'s `read`).
pub fn unless_problems<T>(item: T, problems: Vec<String>) -> Result<T, Vec<String>> {
    if problems.is_empty() {
        Ok(item)
    } else {
        Err(problems)
    }
}

/// A card that keeps a list of simulator inputs (composed strategies, lines of planned work)
/// and the form that adds one or edits one of them: the saved lines with Edit and Remove, the
/// form's fields (the children), why the last save failed, and Add, Save and Cancel. Both of
/// the simulator's input forms are this one component; each brings its fields and how its
/// form turns into an item and back.
///
/// `key` names the test ids: `{key}-list`, `remove-{key}`, `{key}-problems`, `add-{key}`, and
/// the heading's id `{key}-title`.
#[component]
pub fn SimListEditor<T>(
    list: RwSignal<Vec<T>>,
    /// Each saved item's name and what it does, in the list's order.
    #[prop(into)]
    lines: Signal<Vec<(String, String)>>,
    /// Fills the form with an item, for editing.
    load: Callback<T>,
    /// The item the form describes, given the index of the item being edited (if any), or
    /// every problem in words.
    read: Callback<Option<usize>, Result<T, Vec<String>>>,
    /// Empties the form.
    clear: Callback<()>,
    /// Runs after the list changed, so the page can save its inputs.
    on_change: Callback<()>,
    key: &'static str,
    testid: &'static str,
    title: &'static str,
    intro: &'static str,
    /// What did not happen when a save fails, e.g. "This strategy was not saved:".
    not_saved: &'static str,
    /// The submit button's words for a new item and for an edited one.
    add_label: &'static str,
    save_label: &'static str,
    children: Children,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let editing = RwSignal::new(None::<usize>);
    let problems = RwSignal::new(Vec::<String>::new());
    let reset = move || {
        clear.run(());
        editing.set(None);
        problems.set(Vec::new());
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let editing_at = editing.get_untracked();
        match read.run(editing_at) {
            Ok(item) => {
                list.update(|items| save_item(items, editing_at, item));
                reset();
                on_change.run(());
            }
            Err(ps) => problems.set(ps),
        }
    };
    let edit = move |i: usize| {
        if let Some(item) = list.with_untracked(|items| items.get(i).cloned()) {
            load.run(item);
            problems.set(Vec::new());
            editing.set(Some(i));
        }
    };
    let remove = move |i: usize| {
        list.update(|items| remove_item(items, i));
        if editing.get_untracked().is_some() {
            reset();
        }
        on_change.run(());
    };
    let title_id = format!("{key}-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by data-testid=testid>
            <h2 id=title_id>{title}</h2>
            <p class="muted">{intro}</p>
            <ul class="custom-list" data-testid=format!("{key}-list")>
                {move || {
                    lines
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, (name, text))| {
                            view! {
                                <SimSavedItem
                                    name=name
                                    text=text
                                    remove_testid=format!("remove-{key}")
                                    on_edit=Callback::new(move |()| edit(i))
                                    on_remove=Callback::new(move |()| remove(i))
                                />
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <form on:submit=save novalidate=true>
                {children()}
                <ProblemList problems=problems intro=not_saved testid=format!("{key}-problems") />
                <SimFormToolbar
                    editing=editing
                    add_label=add_label
                    save_label=save_label
                    submit_testid=format!("add-{key}")
                    on_cancel=Callback::new(move |()| reset())
                />
            </form>
        </section>
    }
}
