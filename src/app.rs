//! The root component: the header, the routes and the error boundary.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::site_header::SiteHeader;
use crate::pages::contracts_page::ContractsPage;
use crate::pages::dashboard_page::DashboardPage;
use crate::pages::not_found_page::NotFoundPage;
use crate::pages::settings_page::SettingsPage;
use crate::pages::simulator_page::SimulatorPage;
use crate::theme::ThemeContext;

#[component]
pub fn App() -> impl IntoView {
    ThemeContext::provide();
    view! {
        <Router>
            <div class="app">
                <a class="skip-link" href="#main">
                    "Skip to content"
                </a>
                <SiteHeader />
                <main id="main" class="page" tabindex="-1">
                    <ErrorBoundary fallback=|errors| {
                        view! {
                            <div class="error-panel" role="alert">
                                <h1>"Something went wrong"</h1>
                                <p>
                                    "This page hit an error. Your saved data is untouched; reload to try again."
                                </p>
                                <ul>
                                    {move || {
                                        errors
                                            .get()
                                            .into_iter()
                                            .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                                            .collect_view()
                                    }}
                                </ul>
                            </div>
                        }
                    }>
                        <Routes fallback=NotFoundPage>
                            <Route path=path!("/") view=DashboardPage />
                            <Route path=path!("/contracts") view=ContractsPage />
                            <Route path=path!("/simulator") view=SimulatorPage />
                            <Route path=path!("/settings") view=SettingsPage />
                        </Routes>
                    </ErrorBoundary>
                </main>
                <footer class="site-footer">
                    <p>
                        "JSS Lab estimates your Job Success Score from Upwork's documented rules. It is not Upwork's own algorithm, and nothing you enter leaves this browser."
                    </p>
                </footer>
            </div>
        </Router>
    }
}
