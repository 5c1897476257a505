//! The only module that knows localStorage keys.
//!
//! Every access goes through `web_sys::Storage` and handles each failure (storage blocked,
//! private mode, quota) as a value, so no path can panic.

use crate::theme::Theme;

const THEME_KEY: &str = "jss-lab.theme";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load_theme() -> Theme {
    local_storage()
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .and_then(|text| Theme::parse(&text))
        .unwrap_or_default()
}

/// Saves the theme choice. A theme is a preference, not data: if storage is unavailable the
/// choice lasts for this visit only, which is the honest fallback.
pub fn save_theme(theme: Theme) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(THEME_KEY, theme.as_str());
    }
}
