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

/// Source ids as links to their pages, each a bordered 44 px target, separated by commas (for
/// copied and read text). The links open in a new tab and are navigation the user chooses; the app itself requests nothing. Every id the catalog cites
/// is in the register (an engine test checks it), so an unknown id is simply left out.
#[component]
pub fn SourceLinks(ids: &'static [&'static str]) -> impl IntoView {
    view! {
        <span class="source-links">
            {ids
                .iter()
                .filter_map(|id| Some((id, source(id)?, source_name(id)?)))
                .enumerate()
                .map(|(i, (id, s, name))| {
                    view! {
                        {(i > 0).then_some(", ")}
                        <a
                            href=s.url
                            target="_blank"
                            rel="noopener noreferrer"
                            aria-label=name
                            data-source=*id
                        >
                            {*id}
                        </a>
                    }
                })
                .collect_view()}
        </span>
    }
}
