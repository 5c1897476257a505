use jss_engine::scenario::ops::{Field, FieldProblem};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The messages at one field (of the first or only row), for that field's `error`.
pub fn error_at(problems: RwSignal<Vec<FieldProblem>>, field: Field) -> Signal<String> {
    Signal::derive(move || {
        problems.with(|ps| {
            ps.iter()
                .filter(|p| p.field == field)
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })
    })
}

/// Under a form that was not saved: how many problems there are (each is shown at its field),
/// and the words of those no field shows. Every message appears once on the page.
#[component]
pub fn FormProblems(
    problems: RwSignal<Vec<FieldProblem>>,
    /// Whether the form shows a field; problems elsewhere are listed here.
    shown: fn(Field) -> bool,
    testid: &'static str,
) -> impl IntoView {
    move || {
        let (count, general): (usize, Vec<String>) = problems.with(|ps| {
            let general = ps
                .iter()
                .filter(|p| !shown(p.field))
                .map(ToString::to_string)
                .collect();
            (ps.len(), general)
        });
        (count > 0).then(|| {
            let at_fields = count - general.len();
            let summary = match at_fields {
                0 => "Not saved:".to_string(),
                1 => "Not saved: one problem, shown at its field.".to_string(),
                n => format!("Not saved: {n} problems, each shown at its field."),
            };
            view! {
                <div class="form-problems" role="alert" data-testid=testid>
                    <p>{summary}</p>
                    {(!general.is_empty())
                        .then(|| {
                            view! {
                                <ul>
                                    {general
                                        .into_iter()
                                        .map(|p| view! { <li>{p}</li> })
                                        .collect_view()}
                                </ul>
                            }
                        })}
                </div>
            }
        })
    }
}

/// Moves focus to the first field marked invalid inside the element with this test id, once
/// the problems are drawn, so a keyboard or screen-reader user lands on what to fix.
pub fn focus_first_invalid(testid: &'static str) {
    request_animation_frame(move || {
        let field = document()
            .query_selector(&format!(
                "[data-testid=\"{testid}\"] [aria-invalid=\"true\"]"
            ))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            let _ = field.focus();
        }
    });
}

/// Once the element is drawn, scrolls it to the top of the view and gives it the focus (it
/// needs `tabindex="-1"`), so what just opened is seen and announced. Unless the focus moved in
/// the meantime: on a slow phone the frame can come after the user has already tapped a field
/// of what opened and started typing, and taking the focus then would drop what they type.
pub fn reveal_on_mount<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        let Some(element) = node.get() else { return };
        let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() else {
            return;
        };
        let focused_then = active_element();
        request_animation_frame(move || {
            if active_element() != focused_then {
                return;
            }
            element.scroll_into_view_with_bool(true);
            let _ = element.focus();
        });
    });
}

/// The element that has the focus, if any.
fn active_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.active_element()
}
