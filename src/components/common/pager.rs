use leptos::prelude::*;

use jss_engine::format::thousands;

/// How many rows a long list shows at once. Drawing every row of a 10,000-contract history
/// froze the page for seconds; a hundred rows draw in a few milliseconds and fill a screen
/// several times over.
pub const PAGE_ROWS: usize = 100;

/// The rows of `page` (counted from 0) out of `rows`.
pub fn page_of<T: Clone>(rows: &[T], page: usize) -> Vec<T> {
    rows.iter()
        .skip(page * PAGE_ROWS)
        .take(PAGE_ROWS)
        .cloned()
        .collect()
}

/// "Showing 101–200 of 9,876 contracts" with the previous and next pages, for a list longer
/// than [`PAGE_ROWS`]; nothing for a shorter one. `page` counts from 0.
#[component]
pub fn Pager(
    #[prop(into)] total: Signal<usize>,
    page: RwSignal<usize>,
    /// What the rows are, plural ("contracts").
    what: &'static str,
) -> impl IntoView {
    let pages = move || total.get().div_ceil(PAGE_ROWS);
    // A list that shrank (a filter, a deletion) keeps the page in range.
    Effect::new(move |_| {
        let last = pages().saturating_sub(1);
        if page.get() > last {
            page.set(last);
        }
    });
    let at_last = move || page.get() + 1 >= pages();
    move || {
        (pages() > 1).then(|| {
            let first = page.get() * PAGE_ROWS + 1;
            let last = (first + PAGE_ROWS - 1).min(total.get());
            view! {
                <nav class="pager" aria-label=format!("Pages of {what}") data-testid="pager">
                    <button
                        class="secondary"
                        disabled=move || page.get() == 0
                        on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                    >
                        "Previous"
                    </button>
                    <span role="status">
                        {format!(
                            "Showing {}–{} of {} {what}",
                            thousands(first as u64),
                            thousands(last as u64),
                            thousands(total.get() as u64),
                        )}
                    </span>
                    <button
                        class="secondary"
                        disabled=at_last
                        on:click=move |_| page.update(|p| *p += 1)
                    >
                        "Next"
                    </button>
                </nav>
            }
        })
    }
}
