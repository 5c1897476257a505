use jss_engine::simulate::Goal;
use leptos::prelude::*;

/// What matters most, in order: the recommendation ranks strategies goal by goal in this order.
/// Each goal can be moved up; a goal taken out of the list no longer counts.
#[component]
pub fn SimPriorities(
    priorities: RwSignal<Vec<Goal>>,
    /// Runs after a change, so the page can save its inputs and run again.
    on_change: Callback<()>,
) -> impl IntoView {
    let move_up = move |i: usize| {
        priorities.update(|list| {
            if i > 0 && i < list.len() {
                list.swap(i - 1, i);
            }
        });
        on_change.run(());
    };
    let toggle = move |goal: Goal| {
        priorities.update(|list| match list.iter().position(|g| *g == goal) {
            Some(i) if list.len() > 1 => {
                list.remove(i);
            }
            Some(_) => {}
            None => list.push(goal),
        });
        on_change.run(());
    };
    view! {
        <fieldset class="priorities" data-testid="priorities">
            <legend>"What matters most, first"</legend>
            <ol>
                {move || {
                    let list = priorities.get();
                    list.iter()
                        .enumerate()
                        .map(|(i, goal)| {
                            let goal = *goal;
                            view! {
                                <li>
                                    <span>{goal.label()}</span>
                                    <button
                                        class="secondary small"
                                        disabled=i == 0
                                        on:click=move |_| move_up(i)
                                    >
                                        "Move up"
                                        <span class="visually-hidden">
                                            {format!(": {}", goal.label())}
                                        </span>
                                    </button>
                                    <button
                                        class="secondary small"
                                        disabled=list.len() == 1
                                        on:click=move |_| toggle(goal)
                                    >
                                        "Remove"
                                        <span class="visually-hidden">
                                            {format!(": {}", goal.label())}
                                        </span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            {move || {
                let missing: Vec<Goal> = Goal::ALL
                    .into_iter()
                    .filter(|g| !priorities.with(|l| l.contains(g)))
                    .collect();
                missing
                    .into_iter()
                    .map(|goal| {
                        view! {
                            <button class="secondary small" on:click=move |_| toggle(goal)>
                                {format!("Count “{}” again", goal.label())}
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
    }
}
