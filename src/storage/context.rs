//! The reactive face of the storage layer: one [`StorageContext`] per app, provided through
//! Leptos context, holding the signals the banner reads and the saver the pages write through.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde_json::Value;

use super::error::{RecoveryError, SaveError, StorageStatus};
use super::persist::download_text;
use super::saver::{SaveReport, Saver, SaverEvent};
use super::{envelope, raw_for_download, LoadOutcome};

/// A choice the user made in the banner. The app performs it (the banner only asks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerAction {
    /// Download the stored text exactly as it is ([`crate::storage::raw_for_download`]).
    DownloadRaw,
    RestoreBackup,
    /// Only sent after the user confirmed.
    StartFresh,
    /// Export the state this tab holds in memory.
    Export,
    /// After a conflict: load the other tab's newer save ([`crate::storage::Saver::reload`]).
    UseOtherTab,
    /// After a conflict: save this tab's state over it ([`crate::storage::Saver::overwrite_other_tab`]).
    KeepThisTab,
}

impl BannerAction {
    pub fn label(self) -> &'static str {
        match self {
            BannerAction::DownloadRaw => "Download raw data",
            BannerAction::RestoreBackup => "Restore backup",
            BannerAction::StartFresh => "Start fresh",
            BannerAction::Export => "Export",
            BannerAction::UseOtherTab => "Use the other tab's version",
            BannerAction::KeepThisTab => "Keep this tab's version",
        }
    }
}

/// The storage state of the app. `Copy`, so closures and components can hold it freely.
#[derive(Clone, Copy)]
pub struct StorageContext {
    pub status: RwSignal<StorageStatus>,
    /// The last save failure; cleared by the next successful save.
    pub problem: RwSignal<Option<SaveError>>,
    /// The last successful save (its size feeds the "almost full" notice).
    pub report: RwSignal<Option<SaveReport>>,
    /// The last failed recovery choice (restore backup, start fresh).
    pub recovery_error: RwSignal<Option<RecoveryError>>,
    /// Set whenever the saved state was replaced under the app: another tab saved, the user
    /// restored the backup or started fresh. The app applies it to its in-memory state.
    pub replaced: RwSignal<Option<LoadOutcome>>,
    saver: StoredValue<Saver, LocalStorage>,
    clock: fn() -> DateTime<Utc>,
}

impl StorageContext {
    /// Starts the saver (debounce, flush on hide, other tabs) for a state already read with
    /// [`crate::storage::load`], whose payload becomes its merge base, and provides the
    /// context. `clock` is the shell's clock (`chrono::Utc::now`); storage never reads the time
    /// itself.
    pub fn provide_loaded(clock: fn() -> DateTime<Utc>, outcome: LoadOutcome) -> StorageContext {
        let saver = Saver::from_outcome(outcome);
        // A merge of two tabs' edits is saved only if the app could load it back.
        saver.set_merge_check(|payload| crate::state::scenario_of(payload).map(|_| ()));
        // Without listeners a hidden tab would lose at most the last debounce window; saving
        // still works, so a failure here is not worth stopping for.
        let _ = saver.listen();
        let ctx = StorageContext {
            status: RwSignal::new(saver.status()),
            problem: RwSignal::new(None),
            report: RwSignal::new(None),
            recovery_error: RwSignal::new(None),
            replaced: RwSignal::new(None),
            saver: StoredValue::new_local(saver.clone()),
            clock,
        };
        saver.on_event(move |event| ctx.on_event(event));
        provide_context(ctx);
        ctx
    }

    pub fn use_context() -> Option<StorageContext> {
        use_context::<StorageContext>()
    }

    /// Saves `payload` after the debounce. Call it on every change of the app's state.
    pub fn schedule(self, payload: Value) {
        if let Some(saver) = self.saver() {
            saver.schedule(payload, (self.clock)());
        }
    }

    /// [`StorageContext::schedule`] for a payload that is costly to build (a long history's):
    /// the edit is pending at once and `build` runs when it is saved.
    pub fn schedule_built(self, build: impl Fn() -> Value + 'static) {
        if let Some(saver) = self.saver() {
            saver.schedule_built(std::rc::Rc::new(build), (self.clock)());
        }
    }

    /// Saves a pending change now, without waiting for the save lock (for an explicit "Save"
    /// or before navigation away).
    pub fn flush(self) {
        if let Some(saver) = self.saver() {
            saver.flush();
        }
    }

    /// The state to export when saving is impossible: the edit still pending, if any.
    pub fn pending_payload(self) -> Option<Value> {
        self.saver().and_then(|s| s.pending_payload())
    }

    /// Performs a banner choice. `Export` belongs to the app (it knows what to export), so it
    /// is ignored here.
    pub fn act(self, action: BannerAction) {
        let Some(saver) = self.saver() else { return };
        let now = (self.clock)();
        self.recovery_error.set(None);
        match action {
            BannerAction::DownloadRaw => self.download_raw(now),
            BannerAction::RestoreBackup if super::on_demand::ready() => {
                let result = saver.restore_backup(now);
                self.finish_recovery(result);
            }
            BannerAction::RestoreBackup => {
                // A large backup is deflated again as it is restored, by code fetched when first
                // needed (`super::on_demand`).
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = super::on_demand::fetch().await;
                    let result = saver.restore_backup(now);
                    self.finish_recovery(result);
                });
            }
            BannerAction::StartFresh => {
                let result = saver.start_fresh(now).map(|()| LoadOutcome::Fresh);
                self.finish_recovery(result);
            }
            BannerAction::UseOtherTab => {
                self.problem.set(None);
                self.replaced.set(Some(saver.reload(now)));
            }
            BannerAction::KeepThisTab => {
                // With the edit gone (undone back to what this tab loaded), there is nothing of
                // this tab's to keep: show the other tab's version instead of a stuck banner.
                if saver.overwrite_other_tab().is_none() {
                    self.problem.set(None);
                    self.replaced.set(Some(saver.reload(now)));
                }
            }
            BannerAction::Export => {}
        }
    }

    fn download_raw(self, now: DateTime<Utc>) {
        let Some(raw) = raw_for_download() else {
            self.recovery_error.set(Some(RecoveryError::Unavailable {
                why: "there is no saved data to download".into(),
            }));
            return;
        };
        let name = format!(
            "jss-lab-raw-{}.json",
            envelope::format_time(now).replace(':', "-")
        );
        if let Err(why) = download_text(&name, "application/json", &raw) {
            self.recovery_error
                .set(Some(RecoveryError::Unavailable { why }));
        }
    }

    fn finish_recovery(self, result: Result<LoadOutcome, RecoveryError>) {
        match result {
            Ok(outcome) => {
                self.problem.set(None);
                self.replaced.set(Some(outcome));
            }
            Err(e) => self.recovery_error.set(Some(e)),
        }
    }

    fn on_event(self, event: SaverEvent) {
        match event {
            SaverEvent::Saved(report) => {
                self.problem.set(None);
                self.report.set(Some(report));
            }
            SaverEvent::SaveFailed(error) => self.problem.set(Some(error)),
            SaverEvent::StatusChanged(status) => self.status.set(status),
            SaverEvent::Merged(outcome) => self.replaced.set(Some(outcome)),
            SaverEvent::OtherTabSaved { has_pending: false } => {
                if let Some(saver) = self.saver() {
                    self.replaced.set(Some(saver.reload((self.clock)())));
                }
            }
            // With an edit pending, saving now meets the other tab's newer revision and merges
            // with it; only a conflict shows the choice in the banner.
            SaverEvent::OtherTabSaved { has_pending: true } => {
                if let Some(saver) = self.saver() {
                    saver.flush_locked();
                }
            }
        }
    }

    fn saver(self) -> Option<Saver> {
        self.saver.try_get_value()
    }
}
