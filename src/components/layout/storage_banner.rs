//! The storage banner: tells the user, in plain words, when their data is not being saved and
//! offers the ways out (download, restore the backup, start fresh, export).
//!
//! Every piece of text, including reasons and previews that come from stored data, is rendered
//! as a Leptos text node, never as HTML.

use leptos::prelude::*;

use crate::components::layout::lazy_page::{lazy_page, LazyPage};
use crate::storage::merge::Place;
use crate::storage::{
    BannerAction, ReadOnlyReason, RecoveryError, SaveError, SaveReport, StorageStatus, Unmerged,
    QUOTA_CHARS,
};

/// How urgent a notice is: an alert interrupts a screen reader, a status waits its turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    Alert,
    Status,
}

/// What the banner shows, decided from the storage state alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub urgency: Urgency,
    pub title: String,
    pub body: String,
    /// The start of unreadable data, shown so the user can recognise it.
    pub preview: Option<String>,
    pub actions: Vec<BannerAction>,
}

/// The notice for a status, the last save failure and the last successful save, or `None` when
/// all is well. The status wins: a read-only or memory-only tab says so before anything else.
pub fn notice_for(
    status: &StorageStatus,
    problem: Option<&SaveError>,
    report: Option<&SaveReport>,
) -> Option<Notice> {
    match status {
        StorageStatus::ReadOnly { why } => Some(read_only_notice(why)),
        StorageStatus::MemoryOnly { why } => Some(memory_only_notice(why)),
        StorageStatus::Writable => problem.map(problem_notice).or_else(|| {
            let report = report?;
            if report.near_budget {
                Some(near_budget_notice(report))
            } else {
                report.merged_with.map(|_| merged_notice())
            }
        }),
    }
}

fn read_only_notice(why: &ReadOnlyReason) -> Notice {
    let actions = vec![
        BannerAction::DownloadRaw,
        BannerAction::RestoreBackup,
        BannerAction::StartFresh,
    ];
    match why {
        ReadOnlyReason::Unreadable { reason, preview } => Notice {
            urgency: Urgency::Alert,
            title: "Your saved data could not be read.".into(),
            body: format!(
                "JSS Lab opened read-only so nothing overwrites it, and kept a copy in this \
                 browser. The problem: {reason}. Download the raw data to keep it safe, then \
                 restore the last backup or start fresh."
            ),
            preview: Some(preview.clone()),
            actions,
        },
        ReadOnlyReason::NewerSchema { version } => Notice {
            urgency: Urgency::Alert,
            title: "Your data was saved by a newer version of JSS Lab.".into(),
            body: format!(
                "It is in format {version}, which this version cannot read. Reload the page to \
                 get the newer version. Until then JSS Lab is read-only, so your data is not \
                 overwritten."
            ),
            preview: None,
            actions,
        },
    }
}

fn memory_only_notice(why: &str) -> Notice {
    Notice {
        urgency: Urgency::Alert,
        title: "This browser does not let JSS Lab save.".into(),
        body: format!(
            "Your work lasts only until you close this tab ({why}). Export it to keep a copy."
        ),
        preview: None,
        actions: vec![BannerAction::Export],
    }
}

fn problem_notice(problem: &SaveError) -> Notice {
    match problem {
        SaveError::QuotaExceeded { .. } => Notice {
            urgency: Urgency::Alert,
            title: "Browser storage is full, so your latest changes are not saved.".into(),
            body: "They are still here in this tab. Export your data to keep a copy, then remove \
                   data you no longer need."
                .into(),
            preview: None,
            actions: vec![BannerAction::Export],
        },
        SaveError::StaleTab { why, .. } => Notice {
            urgency: Urgency::Alert,
            title: "JSS Lab was changed in another tab.".into(),
            body: format!(
                "Your latest changes here are not saved yet, because {}. Choose which version to \
                 keep: the other one stays as the backup, and you can export this tab's version \
                 first.",
                unmerged_words(why)
            ),
            preview: None,
            actions: vec![
                BannerAction::UseOtherTab,
                BannerAction::KeepThisTab,
                BannerAction::Export,
            ],
        },
        other => Notice {
            urgency: Urgency::Alert,
            title: "Your latest changes could not be saved.".into(),
            body: format!(
                "The reason: {other}. They are still here in this tab; export them to keep a copy."
            ),
            preview: None,
            actions: vec![BannerAction::Export],
        },
    }
}

/// Why the two tabs' versions could not be combined, as the end of "because …".
fn unmerged_words(why: &Unmerged) -> String {
    match why {
        Unmerged::Conflicts(places) => format!("both tabs changed {}", describe_conflicts(places)),
        Unmerged::Invalid(why) => {
            format!("together with the other tab's changes the data would not be valid: {why}")
        }
    }
}

/// The places both tabs changed, in words joined as a list: "contract k18, client c03 and the
/// preference note".
pub fn describe_conflicts(places: &[Place]) -> String {
    let described: Vec<String> = places.iter().map(Place::words).collect();
    match described.as_slice() {
        [] => "the same data".into(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn merged_notice() -> Notice {
    Notice {
        urgency: Urgency::Status,
        title: "Changes from another tab were combined with yours.".into(),
        body: "Another JSS Lab tab saved while you were editing here. Both sets of changes are \
               kept, and this page shows them together."
            .into(),
        preview: None,
        actions: Vec::new(),
    }
}

fn near_budget_notice(report: &SaveReport) -> Notice {
    let percent = report.used_chars.saturating_mul(100) / QUOTA_CHARS;
    Notice {
        urgency: Urgency::Status,
        title: "Browser storage is almost full.".into(),
        body: format!(
            "JSS Lab uses about {percent}% of the space this browser usually allows. Export your \
             data to keep a copy before it runs out."
        ),
        preview: None,
        actions: vec![BannerAction::Export],
    }
}

/// Whether [`notice_for`] has a notice, decided without building it: the notice's words and
/// views are a module of their own (`split_banner.wasm`), fetched the first time there is one,
/// so the first screen does not carry them (22 KB of its module raw, 6 KB brotli, at stop 29).
pub fn has_notice(
    status: &StorageStatus,
    problem: Option<&SaveError>,
    report: Option<&SaveReport>,
) -> bool {
    match status {
        StorageStatus::ReadOnly { .. } | StorageStatus::MemoryOnly { .. } => true,
        StorageStatus::Writable => {
            problem.is_some() || report.is_some_and(|r| r.near_budget || r.merged_with.is_some())
        }
    }
}

/// What the banner shows from, handed to its module's view as context.
#[derive(Clone, Copy)]
struct BannerInputs {
    status: Signal<StorageStatus>,
    problem: Signal<Option<SaveError>>,
    report: Signal<Option<SaveReport>>,
    on_action: Callback<BannerAction>,
    recovery_error: MaybeProp<RecoveryError>,
}

/// Shows the current storage notice, if any. `on_action` receives the user's choice; "Start
/// fresh" asks for confirmation inside the banner first. `recovery_error` reports a choice that
/// failed (for example "there is no backup in this browser").
#[component]
pub fn StorageBanner(
    #[prop(into)] status: Signal<StorageStatus>,
    #[prop(into)] problem: Signal<Option<SaveError>>,
    #[prop(into)] report: Signal<Option<SaveReport>>,
    #[prop(into)] on_action: Callback<BannerAction>,
    #[prop(into, optional)] recovery_error: MaybeProp<RecoveryError>,
) -> impl IntoView {
    provide_context(BannerInputs {
        status,
        problem,
        report,
        on_action,
        recovery_error,
    });
    let shown = Memo::new(move |_| {
        recovery_error.with(Option::is_some)
            || has_notice(&status.get(), problem.get().as_ref(), report.get().as_ref())
    });
    move || {
        shown.get().then(|| {
            view! { <LazyPage load=|| Box::pin(banner_view()) what="the storage notice" /> }
        })
    }
}

lazy_page!(banner_view, banner, BannerView);

/// The banner itself: the notice and a failed recovery's message.
#[component]
fn BannerView() -> impl IntoView {
    let BannerInputs {
        status,
        problem,
        report,
        on_action,
        recovery_error,
    } = expect_context::<BannerInputs>();
    let confirming = RwSignal::new(false);
    let notice = Memo::new(move |_| {
        notice_for(&status.get(), problem.get().as_ref(), report.get().as_ref())
    });
    let failed = move || {
        recovery_error.get().map(|e| {
            view! {
                <p class="storage-banner-error" role="alert" data-testid="storage-recovery-error">
                    {format!("That did not work: {e}.")}
                </p>
            }
        })
    };
    view! {
        {move || {
            notice
                .get()
                .map(|notice| {
                    view! { <NoticeView notice=notice confirming=confirming on_action=on_action /> }
                })
        }}
        {failed}
    }
}

#[component]
fn NoticeView(
    notice: Notice,
    confirming: RwSignal<bool>,
    on_action: Callback<BannerAction>,
) -> impl IntoView {
    let role = match notice.urgency {
        Urgency::Alert => "alert",
        Urgency::Status => "status",
    };
    let preview = notice.preview.map(|text| {
        view! { <p class="storage-banner-preview">"The saved data begins with: " <code>{text}</code></p> }
    });
    let buttons = notice
        .actions
        .into_iter()
        .map(|action| view! { <ActionButton action=action confirming=confirming on_action=on_action /> })
        .collect_view();
    view! {
        <div class="storage-banner" role=role data-testid="storage-banner">
            <p class="storage-banner-title">
                <strong>{notice.title}</strong>
            </p>
            <p>{notice.body}</p>
            {preview}
            <div class="storage-banner-actions">{buttons}</div>
            <Show when=move || confirming.get()>
                <ConfirmFresh confirming=confirming on_action=on_action />
            </Show>
        </div>
    }
}

#[component]
fn ActionButton(
    action: BannerAction,
    confirming: RwSignal<bool>,
    on_action: Callback<BannerAction>,
) -> impl IntoView {
    let on_click = move |_| {
        // Starting fresh sets the data aside, so it takes a second, explicit click.
        if action == BannerAction::StartFresh {
            confirming.set(true);
        } else {
            on_action.run(action);
        }
    };
    view! {
        <button type="button" data-action=format!("{action:?}") on:click=on_click>
            {action.label()}
        </button>
    }
}

#[component]
fn ConfirmFresh(confirming: RwSignal<bool>, on_action: Callback<BannerAction>) -> impl IntoView {
    view! {
        <div class="storage-banner-confirm" role="group" aria-label="Confirm start fresh">
            <p>
                "Start fresh? Your current saved data is set aside in this browser, not deleted, and JSS Lab opens empty."
            </p>
            <button
                type="button"
                data-action="ConfirmStartFresh"
                on:click=move |_| {
                    confirming.set(false);
                    on_action.run(BannerAction::StartFresh);
                }
            >
                "Yes, start fresh"
            </button>
            <button
                type="button"
                data-action="CancelStartFresh"
                on:click=move |_| confirming.set(false)
            >
                "Cancel"
            </button>
        </div>
    }
}
