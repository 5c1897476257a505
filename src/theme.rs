//! The colour theme: follow the system by default, or keep the user's choice across reloads.

use leptos::prelude::*;

use crate::storage;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    pub fn parse(text: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// The saved choice, or "system" when there is none (or it cannot be read).
pub fn load_theme() -> Theme {
    storage::load_theme_choice()
        .and_then(|text| Theme::parse(&text))
        .unwrap_or_default()
}

/// Saves the choice; see [`storage::save_theme_choice`] for what happens without storage.
pub fn save_theme(theme: Theme) {
    storage::save_theme_choice(theme.as_str());
}

/// The theme signal shared through context. Setting it saves the choice and applies it to
/// `<html data-theme>`, which the stylesheet reads; "system" removes the attribute so the
/// `prefers-color-scheme` media query decides.
#[derive(Clone, Copy)]
pub struct ThemeContext(RwSignal<Theme>);

impl ThemeContext {
    pub fn provide() -> ThemeContext {
        let theme = load_theme();
        apply(theme);
        let ctx = ThemeContext(RwSignal::new(theme));
        provide_context(ctx);
        ctx
    }

    pub fn use_context() -> ThemeContext {
        use_context::<ThemeContext>().unwrap_or_else(ThemeContext::provide)
    }

    pub fn get(self) -> Theme {
        self.0.get()
    }

    pub fn set(self, theme: Theme) {
        self.0.set(theme);
        apply(theme);
        save_theme(theme);
    }
}

fn apply(theme: Theme) {
    let Some(root) = document().document_element() else {
        return;
    };
    // Setting an attribute cannot fail for a valid name; the result is ignored on purpose.
    let _ = match theme {
        Theme::System => root.remove_attribute("data-theme"),
        other => root.set_attribute("data-theme", other.as_str()),
    };
}
