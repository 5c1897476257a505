use jss_engine::rules::sources::source;
use leptos::prelude::*;

/// The words a link to a source is named by: its id first (the visible text, so speech input
/// can use it), then the title and type of the source.
pub fn source_name(id: &str) -> Option<String> {
    source(id).map(|s| {
        format!(
            "{id}: {} ({}, opens in a new tab)",
            s.title,
            s.kind.as_str()
        )
    })
}

/// Source ids as links to their pages, separated by commas. The links open in a new tab and
/// are navigation the user chooses; the app itself requests nothing. An id missing from the
/// register (a test keeps the catalog's ids in it) is shown as plain text.
#[component]
pub fn SourceLinks(ids: &'static [&'static str]) -> impl IntoView {
    if ids.is_empty() {
        return view! { <span class="muted">"no source"</span> }.into_any();
    }
    view! {
        <span class="source-links">
            {ids
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    let link = match (source(id), source_name(id)) {
                        (Some(s), Some(name)) => {
                            view! {
                                <a
                                    href=s.url
                                    target="_blank"
                                    rel="noopener noreferrer"
                                    title=name.clone()
                                    aria-label=name
                                    data-source=*id
                                >
                                    {*id}
                                </a>
                            }
                                .into_any()
                        }
                        _ => view! { <span>{*id}</span> }.into_any(),
                    };
                    view! {
                        {(i > 0).then_some(", ")}
                        {link}
                    }
                })
                .collect_view()}
        </span>
    }
    .into_any()
}
