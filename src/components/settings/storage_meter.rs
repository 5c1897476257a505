use jss_engine::format::thousands;
use leptos::prelude::*;

use crate::storage::{self, StorageContext, QUOTA_CHARS, WARN_CHARS};

/// How full this browser's storage for the app is, read again after every save, with what to
/// do well before it runs out (the banner says so too once a save crosses the warning line).
#[component]
pub fn StorageMeter() -> impl IntoView {
    let ctx = StorageContext::use_context();
    // Each save reports the origin's usage; before the first save of this visit it is read once.
    let used = move || {
        ctx.and_then(|c| c.report.get())
            .map(|r| r.used_chars)
            .or_else(storage::used_chars)
    };
    view! {
        <div class="storage-meter" data-testid="storage-meter">
            {move || match used() {
                None => {
                    view! {
                        <p class="muted">
                            "This browser does not let JSS Lab read its storage, so nothing is saved between visits."
                        </p>
                    }
                        .into_any()
                }
                Some(used) => {
                    let percent = used.saturating_mul(100).div_ceil(QUOTA_CHARS).min(100);
                    view! {
                        <label for="storage-use">
                            {format!(
                                "Storage used: {} of about {} characters ({percent}%)",
                                thousands(used as u64),
                                thousands(QUOTA_CHARS as u64),
                            )}
                        </label>
                        <meter
                            id="storage-use"
                            min="0"
                            max=QUOTA_CHARS.to_string()
                            high=WARN_CHARS.to_string()
                            value=used.to_string()
                        ></meter>
                        <p class="muted">
                            {if used >= WARN_CHARS {
                                "Nearly full: export a copy now, then delete contracts you no longer need; a save that does not fit is refused and your data stays as it was."
                            } else {
                                "Large histories are stored compressed, so tens of thousands of contracts fit."
                            }}
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
