//! The page for the address: the dashboard, a page whose code loads when it first opens, or
//! "not found".
//!
//! The router has one route that takes every address, and this component picks the page. A
//! `<Route>` per page made the router's matching and rendering code a copy per page (an
//! `EitherOf9` of routes); one route and a `match` on the address behave the same, and with one
//! `LazyPage` type for every page the main module fell from 760.0 to 752.4 KB raw (246.4 to
//! 245.6 KB brotli, measured at stop 29).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::layout::lazy_page::{lazy_page, LazyPage, Load};
use crate::pages::dashboard_page::DashboardPage;
use crate::pages::not_found_page::NotFoundPage;

/// The app's pages, by the address each is at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Dashboard,
    Contracts,
    Jss,
    Calendar,
    Import,
    Simulator,
    Settings,
    Glossary,
    Refund,
    NotFound,
}

impl Page {
    /// The page at `path` (the address without its query), with or without a final slash.
    pub fn at(path: &str) -> Page {
        let path = match path.strip_suffix('/') {
            Some(trimmed) if !trimmed.is_empty() => trimmed,
            _ => path,
        };
        match path {
            "/" | "" => Page::Dashboard,
            "/contracts" => Page::Contracts,
            "/jss" => Page::Jss,
            "/calendar" => Page::Calendar,
            "/import" => Page::Import,
            "/simulator" => Page::Simulator,
            "/settings" => Page::Settings,
            "/glossary" => Page::Glossary,
            "/refund" => Page::Refund,
            _ => Page::NotFound,
        }
    }

    /// How to fetch the page's module, for every page but the first screen's and "not found".
    fn load(self) -> Option<Load> {
        let load: Load = match self {
            Page::Dashboard | Page::NotFound => return None,
            Page::Contracts => || Box::pin(contracts_page()),
            Page::Jss => || Box::pin(jss_page()),
            Page::Calendar => || Box::pin(calendar_page()),
            Page::Import => || Box::pin(import_page()),
            Page::Simulator => || Box::pin(simulator_page()),
            Page::Settings => || Box::pin(settings_page()),
            Page::Glossary => || Box::pin(glossary_page()),
            Page::Refund => || Box::pin(refund_page()),
        };
        Some(load)
    }
}

/// The page for the current address. A new query on the same page (`/contracts?new=1`) keeps
/// the page; only a different page replaces it.
#[component]
pub fn CurrentPage() -> impl IntoView {
    let location = use_location();
    let page = Memo::new(move |_| location.pathname.with(|path| Page::at(path)));
    move || {
        let page = page.get();
        match page.load() {
            Some(load) => view! { <LazyPage load=load /> }.into_any(),
            None if page == Page::Dashboard => DashboardPage().into_any(),
            None => NotFoundPage().into_any(),
        }
    }
}

// One wasm module per page (the split's names are the modules' file names, `split_<name>.wasm`).
lazy_page!(
    contracts_page,
    contracts,
    crate::pages::contracts_page::ContractsPage
);
lazy_page!(jss_page, jss, crate::pages::jss_page::JssPage);
lazy_page!(
    calendar_page,
    calendar,
    crate::pages::calendar_page::CalendarPage
);
lazy_page!(import_page, import, crate::pages::import_page::ImportPage);
lazy_page!(
    simulator_page,
    simulator,
    crate::pages::simulator_page::SimulatorPage
);
lazy_page!(
    settings_page,
    settings,
    crate::pages::settings_page::SettingsPage
);
lazy_page!(
    glossary_page,
    glossary,
    crate::pages::glossary_page::GlossaryPage
);
lazy_page!(refund_page, refund, crate::pages::refund_page::RefundPage);
