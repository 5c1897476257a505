use leptos::prelude::*;

use crate::components::common::table_head::{Columns, TableHead};

/// A data table in its scrolling box: the `data-table` classes, a caption, the header row and
/// the body rows the children draw. The app's data tables share this one component, so their
/// markup stays alike (and the wasm holds one copy of it).
///
/// A table with a `caption_id` is a focusable region named by its caption, so a keyboard user
/// can scroll a table wider than the screen; one without stays a plain scrolling box.
#[component]
pub fn DataTable(
    /// Classes after `data-table`, such as `"cards jss-table"` (`cards` lays each row out as a
    /// card on a phone); none by default.
    #[prop(optional)]
    class: &'static str,
    #[prop(optional)] testid: Option<&'static str>,
    /// What the table holds, for screen readers (and for everyone when `caption_shown`).
    #[prop(into)]
    caption: TextProp,
    /// The caption's id, which makes the scrolling box a region it names.
    #[prop(optional, into)]
    caption_id: Option<String>,
    /// Show the caption on screen; by default it is read by screen readers only.
    #[prop(optional)]
    caption_shown: bool,
    #[prop(into)] columns: Columns,
    /// The body rows.
    children: Children,
    /// Rows under the body, such as a total.
    #[prop(optional, into)]
    foot: Option<ViewFn>,
) -> impl IntoView {
    let class = if class.is_empty() {
        "data-table".to_string()
    } else {
        format!("data-table {class}")
    };
    let region = caption_id.is_some();
    let labelled_by = caption_id.clone();
    view! {
        <div
            class="table-scroll"
            tabindex=region.then_some("0")
            role=region.then_some("region")
            aria-labelledby=labelled_by
        >
            <table class=class data-testid=testid>
                <caption id=caption_id class=(!caption_shown).then_some("visually-hidden")>
                    {move || caption.get()}
                </caption>
                <TableHead columns=columns />
                <tbody>{children()}</tbody>
                {foot.map(|foot| view! { <tfoot>{foot.run()}</tfoot> })}
            </table>
        </div>
    }
}
