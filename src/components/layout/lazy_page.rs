//! Pages whose code loads when they first open.
//!
//! `lazy_page!` marks a page's view as a split point (`wasm_split`): the release build
//! (scripts/build-app.mjs) moves the page's code into its own wasm module, and calling the
//! function fetches that module first. It is `fallible`, so a failed fetch (offline, a deploy
//! that removed the old files) is an `Err` the page can show, and the next call tries again,
//! where Leptos's own `#[lazy]` would abort the whole app. Without the `split` feature (tests,
//! clippy, native builds) the function is called directly.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;

pub use leptos::wasm_split::SplitLoaderError;

/// Defines `async fn $name() -> Result<ViewFn, SplitLoaderError>`, whose code and the page's
/// are the module `split_$module.wasm`; with `preload = $preload`, also
/// `async fn $preload() -> Result<(), SplitLoaderError>`, which fetches the module without
/// drawing anything.
macro_rules! lazy_page {
    ($name:ident, $module:ident, $page:path $(, preload = $preload:ident)?) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible
            $(, preload($preload))?
        )]
        fn $name() -> Result<
            ::leptos::prelude::ViewFn,
            $crate::components::layout::lazy_page::SplitLoaderError,
        > {
            Ok(::leptos::prelude::ViewFn::from($page))
        }

        // Without the split (tests, clippy) there is no module to fetch, and a split point's
        // import would keep a test's wasm from loading at all.
        #[cfg(not(feature = "split"))]
        async fn $name() -> Result<
            ::leptos::prelude::ViewFn,
            $crate::components::layout::lazy_page::SplitLoaderError,
        > {
            Ok(::leptos::prelude::ViewFn::from($page))
        }

        $(
            #[cfg(not(feature = "split"))]
            async fn $preload() -> Result<(), $crate::components::layout::lazy_page::SplitLoaderError> {
                Ok(())
            }
        )?
    };
}
pub(crate) use lazy_page;

/// A module's load, boxed so that every lazily loaded part shares one `LazyPage` (each
/// distinct type of it was another copy of its loading and retry views in the first screen's
/// module). Write it as `|| Box::pin(contracts_page())`.
pub type Load = fn() -> Pin<Box<dyn Future<Output = Result<ViewFn, SplitLoaderError>>>>;

#[derive(Clone)]
enum Chunk {
    Loading,
    Ready(ViewFn),
    Failed,
}

/// Shows the page `load` fetches: "Loading…" while its module is on the way, and a retry when
/// the fetch failed. A module already loaded shows at once (the load resolves without a fetch).
#[component]
pub fn LazyPage(
    load: Load,
    /// What is loading, for the messages: a page (the default) or a part of one.
    #[prop(optional)]
    what: Option<&'static str>,
) -> impl IntoView {
    let chunk = RwSignal::new(Chunk::Loading);
    let fetch = move || {
        chunk.set(Chunk::Loading);
        spawn_local(async move {
            let next = match load().await {
                Ok(view) => Chunk::Ready(view),
                Err(_) => Chunk::Failed,
            };
            // The user may have left the page before its module arrived.
            let _ = chunk.try_set(next);
        });
    };
    fetch();
    move || {
        match chunk.get() {
        Chunk::Loading => view! {
            <p class="page-loading" role="status">
                {format!("Loading {}…", what.unwrap_or("this page"))}
            </p>
        }
        .into_any(),
        Chunk::Ready(view) => view.run(),
        Chunk::Failed => view! {
            <div class="error-panel" role="alert" data-testid="page-load-failed">
                {match what {
                    None => view! { <h1>"This page could not be loaded"</h1> }.into_any(),
                    Some(part) => {
                        view! {
                            <p>
                                <strong>
                                    {format!("{} could not be loaded", capitalise_ascii(part))}
                                </strong>
                            </p>
                        }
                            .into_any()
                    }
                }}
                <p>
                    "Its code did not arrive: the connection may be down, or a new version was deployed. Your saved data is untouched."
                </p>
                <button type="button" on:click=move |_| fetch()>
                    "Retry"
                </button>
            </div>
        }
        .into_any(),
    }
    }
}

/// `part` with its first letter in capitals. The parts are the app's own English phrases, so
/// ASCII is enough, and the Unicode case tables (about 12 KB) stay out of the first screen.
fn capitalise_ascii(part: &str) -> String {
    let mut text = part.to_string();
    if let Some(first) = text.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    text
}
