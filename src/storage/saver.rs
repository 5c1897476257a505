//! The saver: debounced, verified, backed-up writes of the app's payload, and the multi-tab
//! policy.
//!
//! # How a save cannot tear
//!
//! localStorage has no transaction across keys, but each `setItem` replaces one key whole. A
//! save therefore (1) refuses if the main value is unreadable or newer than this tab's, (2)
//! writes the new envelope to a staging key, reads it back and checks it byte for byte (the
//! encoder's output is checked by the tests, which read every form it writes), (3) removes the staging key to free room, (4) copies the previous main value to
//! the backup key, (5) replaces the main value and reads it back. An interruption at any step
//! leaves the previous main value or the new one, both verified, never a mix.
//!
//! # Several tabs
//!
//! Every envelope carries a `revision` that each save increments. A tab remembers the revision
//! it loaded or last wrote, and the payload of that revision (its merge base). Every save runs
//! under the Web Locks API's save lock (see [`super::lock`]), so two tabs never interleave the
//! steps above, and first reads the stored revision:
//!
//! - Not newer than this tab's: the save goes ahead.
//! - Newer (another tab saved since): this tab's pending state is merged with the stored one
//!   relative to the base, contract by contract (see [`super::merge`]). A clean merge is saved
//!   and handed to the app ([`SaverEvent::Merged`]), so both tabs' edits survive. A conflict
//!   (both tabs changed one contract differently) refuses the save with
//!   [`SaveError::StaleTab`], keeps the edit pending in memory, and the app asks the user: "use
//!   the other tab's version" ([`Saver::reload`]; this tab's edit can be exported first) or
//!   "keep this tab's version" ([`Saver::overwrite_other_tab`]; the other tab's save becomes
//!   the backup). Either way no edit is lost silently.
//!
//! The `storage` event tells a tab at once when another tab saved: with nothing pending the app
//! adopts the newer state ([`SaverEvent::OtherTabSaved`] with `has_pending: false`); with an
//! edit pending it saves now, which merges. A state equal to the base is never written, so
//! adopting another tab's save does not echo back as a save of its own.

use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::envelope::{self, Stored};
use super::error::{ReadOnlyReason, RecoveryError, SaveError, StorageStatus, Unmerged};
use super::lock::{with_save_lock, LockUse};
use super::on_demand::{self, merge_now};
use super::store::{self, Fault, Store, StoreError};
use super::{keys, load, preview, quarantine, LoadOutcome};

/// How long edits are gathered before one save, as Excalidraw does.
pub const DEBOUNCE_MS: u64 = 300;
/// The quota most browsers give an origin, in UTF-16 characters.
pub const QUOTA_CHARS: usize = 5_000_000;
/// Above this usage a save reports `near_budget`, so the app can suggest an export in time.
pub const WARN_CHARS: usize = 4_000_000;

/// A successful save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveReport {
    pub revision: u64,
    /// The envelope's length in UTF-16 characters.
    pub size_chars: usize,
    /// The whole origin's localStorage usage after the save.
    pub used_chars: usize,
    pub near_budget: bool,
    /// Whether the previous value was copied to the backup key (false on a first save, or if
    /// the backup did not fit; the older backup then stays).
    pub backup_written: bool,
    /// The other tab's revision this save merged with, when another tab had saved in between.
    pub merged_with: Option<u64>,
}

/// What the saver tells the app.
#[derive(Clone, Debug, PartialEq)]
pub enum SaverEvent {
    Saved(SaveReport),
    SaveFailed(SaveError),
    StatusChanged(StorageStatus),
    /// Another tab changed the saved state. `has_pending` says whether this tab holds an edit
    /// that is not saved yet (then save it now, which merges; otherwise reload).
    OtherTabSaved {
        has_pending: bool,
    },
    /// A save merged this tab's edit with another tab's newer save and wrote the result (always
    /// a [`LoadOutcome::Loaded`]): the app shows it in place of its own state. Sent before the
    /// matching `Saved`.
    Merged(LoadOutcome),
}

/// Checks that a merged payload is a valid state before it is saved (the storage layer does not
/// know the scenario's rules; the app does). `Err` carries the problem in words.
pub type MergeCheck = fn(&Value) -> Result<(), String>;

/// Payloads are shared, not copied: a long history's payload is a large tree, and copying it
/// for the base after every save cost as much as deflating it.
struct Pending {
    payload: Rc<Value>,
    saved_at: DateTime<Utc>,
}

/// An edit waiting to be saved: its payload, or how to build it. A long history's payload takes
/// tens of milliseconds to build; holding the builder lets the change return at once while a page
/// hidden right after it still finds the edit and saves it.
enum Edit {
    Built(Pending),
    Later {
        build: Rc<dyn Fn() -> Value>,
        saved_at: DateTime<Utc>,
    },
}

/// An event listener that removes itself when dropped.
struct Listener {
    target: web_sys::EventTarget,
    name: &'static str,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.name, self.closure.as_ref().unchecked_ref());
    }
}

struct Inner {
    status: StorageStatus,
    revision: u64,
    /// The payload of `revision` as this tab knows it: what it loaded or last wrote. `None` when
    /// nothing readable was stored then.
    base: Option<Rc<Value>>,
    merge_check: Option<MergeCheck>,
    /// The length and FNV-1a-64 of the text this tab last wrote. A stored value with the same
    /// fingerprint is that save (same revision, readable), so the next save need not read and
    /// check it again, which costs a long history a tenth of a second.
    last_written: Option<(usize, u64)>,
    pending: Option<Edit>,
    timer: Option<TimeoutHandle>,
    notify: Option<Rc<dyn Fn(SaverEvent)>>,
    listeners: Vec<Listener>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }
}

/// Saves the app's payload. Cheap to clone; clones share one state.
#[derive(Clone)]
pub struct Saver {
    inner: Rc<RefCell<Inner>>,
}

impl Saver {
    /// A saver for the state [`load`] found. It starts read-only or memory-only when the load
    /// said so, and with the loaded revision.
    pub fn new(outcome: &LoadOutcome) -> Saver {
        Saver::from_outcome(outcome.clone())
    }

    /// [`Saver::new`], keeping the loaded payload as the merge base without copying it.
    pub fn from_outcome(outcome: LoadOutcome) -> Saver {
        let (status, revision) = (outcome.status(), outcome.revision());
        let base = match outcome {
            LoadOutcome::Loaded { payload, .. } => Some(payload),
            _ => None,
        };
        Saver {
            inner: Rc::new(RefCell::new(Inner {
                status,
                revision,
                base: base.map(Rc::new),
                merge_check: None,
                last_written: None,
                pending: None,
                timer: None,
                notify: None,
                listeners: Vec::new(),
            })),
        }
    }

    /// Sets the function that receives every [`SaverEvent`]. It runs after the saver's own
    /// state is updated, so it may call the saver again.
    pub fn on_event(&self, notify: impl Fn(SaverEvent) + 'static) {
        self.with(|inner| inner.notify = Some(Rc::new(notify)));
    }

    /// Sets the check a merged payload must pass before it is saved; without one, any merge
    /// without conflicts is saved.
    pub fn set_merge_check(&self, check: MergeCheck) {
        self.with(|inner| inner.merge_check = Some(check));
    }

    /// Flushes on `visibilitychange` to hidden (under the save lock) and on `pagehide` (at once:
    /// the page may be gone before a lock is granted, and the revision check still guards that
    /// last save), and reports other tabs' saves from the `storage` event.
    pub fn listen(&self) -> Result<(), String> {
        let window = web_sys::window().ok_or("there is no browser window")?;
        let document = window.document().ok_or("there is no document")?;
        let weak = Rc::downgrade(&self.inner);
        let flush_if_hidden = {
            let weak = weak.clone();
            let document = document.clone();
            move |_: web_sys::Event| {
                if document.hidden() {
                    flush_weak_locked(&weak);
                }
            }
        };
        let flush_now = {
            let weak = weak.clone();
            move |_: web_sys::Event| flush_weak(&weak)
        };
        let other_tab = move |event: web_sys::Event| on_storage_event(&weak, &event);
        let listeners = vec![
            add_listener(document.into(), "visibilitychange", flush_if_hidden)?,
            add_listener(window.clone().into(), "pagehide", flush_now)?,
            add_listener(window.into(), "storage", other_tab)?,
        ];
        self.with(|inner| inner.listeners.extend(listeners))
            .ok_or_else(|| SaveError::Busy.to_string())
    }

    pub fn status(&self) -> StorageStatus {
        self.with(|inner| inner.status.clone())
            .unwrap_or(StorageStatus::Writable)
    }

    /// The revision this tab loaded or last wrote.
    pub fn revision(&self) -> u64 {
        self.with(|inner| inner.revision).unwrap_or(0)
    }

    /// Whether an edit is waiting to be saved (debouncing, or refused and kept in memory).
    pub fn has_pending(&self) -> bool {
        self.with(|inner| inner.pending.is_some()).unwrap_or(false)
    }

    /// The edit waiting to be saved, for an export when saving is impossible.
    pub fn pending_payload(&self) -> Option<Value> {
        self.with(|inner| match inner.pending.as_ref()? {
            Edit::Built(pending) => Some(Value::clone(&pending.payload)),
            Edit::Later { build, .. } => Some(build()),
        })
        .flatten()
    }

    /// The payload of the revision this tab loaded or last wrote.
    pub fn base(&self) -> Option<Value> {
        self.with(|inner| inner.base.as_deref().cloned()).flatten()
    }

    /// Records the latest state and saves it [`DEBOUNCE_MS`] after the last call, under the
    /// save lock. `now` becomes its `saved_at`. A state equal to the base (the app showing what
    /// it just loaded or saved, or an edit undone) is not an edit: it cancels any pending one.
    pub fn schedule(&self, payload: Value, now: DateTime<Utc>) {
        let unchanged = self.with(|inner| {
            let unchanged = inner.base.as_deref() == Some(&payload);
            if unchanged {
                if let Some(old) = inner.timer.take() {
                    old.clear();
                }
                inner.pending = None;
            }
            unchanged
        });
        if unchanged == Some(true) {
            return;
        }
        self.arm(Edit::Built(Pending {
            payload: Rc::new(payload),
            saved_at: now,
        }));
    }

    /// [`Saver::schedule`] for a payload that is costly to build: the edit counts as pending at
    /// once (a flush on a hidden page saves it), and `build` runs when the save happens, on the
    /// state as it is then. A built payload equal to the base is not written.
    pub fn schedule_built(&self, build: Rc<dyn Fn() -> Value>, now: DateTime<Utc>) {
        self.arm(Edit::Later {
            build,
            saved_at: now,
        });
    }

    /// Records `edit` in place of any older one and (re)starts the debounce timer.
    fn arm(&self, edit: Edit) {
        // The save may need the occasional code (a merge, or deflating a large payload): it
        // arrives during the debounce.
        on_demand::fetch_soon();
        let weak = Rc::downgrade(&self.inner);
        let timer = set_timeout_with_handle(
            move || flush_weak_locked(&weak),
            Duration::from_millis(DEBOUNCE_MS),
        );
        let scheduled = self.with(|inner| {
            if let Some(old) = inner.timer.take() {
                old.clear();
            }
            inner.pending = Some(edit);
            inner.timer = timer.as_ref().ok().copied();
        });
        // Without a timer the edit would wait for the next flush; saving now is the safe side.
        if timer.is_err() || scheduled.is_none() {
            self.flush();
        }
    }

    /// Saves `payload` at once (no debounce).
    pub fn save_now(&self, payload: Value, now: DateTime<Utc>) -> Result<SaveReport, SaveError> {
        let stored = self.with(|inner| {
            inner.pending = Some(Edit::Built(Pending {
                payload: Rc::new(payload),
                saved_at: now,
            }));
        });
        if stored.is_none() {
            return Err(SaveError::Busy);
        }
        self.flush().unwrap_or(Err(SaveError::Busy))
    }

    /// Writes the pending edit, if any, once this tab holds the save lock (at once where the
    /// browser has no Web Locks). This is how the debounce, a hidden page and another tab's save
    /// flush; [`Saver::flush`] is for the moments that cannot wait.
    pub fn flush_locked(&self) -> LockUse {
        let weak = Rc::downgrade(&self.inner);
        with_save_lock(move || flush_weak(&weak))
    }

    /// Writes the pending edit, if any, now, without waiting for the save lock. On failure the
    /// edit stays pending, so nothing typed is lost and the next flush retries.
    pub fn flush(&self) -> Option<Result<SaveReport, SaveError>> {
        let (result, status_change) = self.with(|inner| {
            if let Some(timer) = inner.timer.take() {
                timer.clear();
            }
            let pending = take_pending(inner)?;
            let before = inner.status.clone();
            let result = write(inner, pending);
            let changed = (inner.status != before).then(|| inner.status.clone());
            Some((result, changed))
        })??;
        if let Some(status) = status_change {
            self.emit(SaverEvent::StatusChanged(status));
        }
        let result = result.map(|written| {
            if let Some(outcome) = written.merged {
                self.emit(SaverEvent::Merged(outcome));
            }
            written.report
        });
        if result == Err(SaveError::CodeNotLoaded) {
            // The edit is pending again; it is saved once the module is here, and only a module
            // that does not arrive is reported.
            self.fetch_then_flush();
            return Some(result);
        }
        self.emit(match &result {
            Ok(report) => SaverEvent::Saved(report.clone()),
            Err(e) => SaverEvent::SaveFailed(e.clone()),
        });
        Some(result)
    }

    /// Reports another tab's save to the app, with whether this tab has an edit pending.
    fn tell_other_tab_saved(&self) {
        let has_pending = self.has_pending();
        self.emit(SaverEvent::OtherTabSaved { has_pending });
    }

    /// Fetches the saver's occasional code ([`on_demand`]) and saves the pending edit when it
    /// has arrived; reports [`SaveError::CodeNotLoaded`] if it did not.
    fn fetch_then_flush(&self) {
        if on_demand::ready() {
            // The code is here and the save still could not use it: reported, never retried in
            // a loop.
            self.emit(SaverEvent::SaveFailed(SaveError::CodeNotLoaded));
            return;
        }
        let weak = Rc::downgrade(&self.inner);
        wasm_bindgen_futures::spawn_local(async move {
            let arrived = on_demand::fetch().await.is_ok();
            let Some(inner) = weak.upgrade() else { return };
            let saver = Saver { inner };
            if arrived {
                saver.flush_locked();
            } else {
                saver.emit(SaverEvent::SaveFailed(SaveError::CodeNotLoaded));
            }
        });
    }

    /// Reads the saved state again and adopts it: its status and revision. This tab's pending
    /// edit is dropped, so call it when [`Saver::has_pending`] is false or the user chose the
    /// other tab's version.
    pub fn reload(&self, now: DateTime<Utc>) -> LoadOutcome {
        let outcome = load(now);
        self.adopt(
            outcome.status(),
            outcome.revision(),
            loaded_payload(&outcome),
        );
        outcome
    }

    /// After a [`SaveError::StaleTab`], the user chose this tab's version: it is saved over the
    /// other tab's, which becomes the backup.
    pub fn overwrite_other_tab(&self) -> Option<Result<SaveReport, SaveError>> {
        let stored = Store::open()
            .ok()
            .and_then(|s| s.get(keys::STATE).ok().flatten())
            .and_then(|raw| envelope::read(&raw).ok());
        if let Some(stored) = stored {
            self.with(|inner| inner.revision = inner.revision.max(stored.revision));
        }
        self.flush()
    }

    /// Replaces unusable saved data with the backup. The current main value is copied aside
    /// first; if that copy fails nothing changes.
    pub fn restore_backup(&self, now: DateTime<Utc>) -> Result<LoadOutcome, RecoveryError> {
        let store = Store::open().map_err(|why| RecoveryError::Unavailable { why })?;
        let raw = store
            .get(keys::BACKUP)
            .map_err(|e| RecoveryError::WriteFailed {
                detail: e.to_string(),
            })?
            .ok_or(RecoveryError::NoBackup)?;
        let backup = envelope::read(&raw).map_err(|e| match e {
            envelope::ReadError::CodeNotLoaded => RecoveryError::Unavailable { why: e.to_string() },
            e => RecoveryError::BackupUnreadable {
                reason: e.to_string(),
            },
        })?;
        set_main_aside(&store, now)?;
        let revision = self.revision().max(backup.revision) + 1;
        let text = envelope::encode(&backup.payload, now, revision).ok_or_else(|| {
            RecoveryError::Unavailable {
                why: "part of JSS Lab's code did not arrive; try again".into(),
            }
        })?;
        store
            .set(keys::STATE, &text)
            .map_err(|e| RecoveryError::WriteFailed {
                detail: e.to_string(),
            })?;
        self.adopt(
            StorageStatus::Writable,
            revision,
            Some(backup.payload.clone()),
        );
        Ok(LoadOutcome::Loaded {
            payload: backup.payload,
            saved_at: backup.saved_at,
            size_chars: store::utf16_len(&text),
            migrated_from: backup.migrated_from,
            revision,
        })
    }

    /// Sets the unusable saved data aside under a timestamped quarantine key (never deletes it)
    /// and opens an empty, writable state.
    pub fn start_fresh(&self, now: DateTime<Utc>) -> Result<(), RecoveryError> {
        let store = Store::open().map_err(|why| RecoveryError::Unavailable { why })?;
        set_main_aside(&store, now)?;
        store
            .remove(keys::STATE)
            .map_err(|e| RecoveryError::WriteFailed {
                detail: e.to_string(),
            })?;
        // The revision is kept so that a tab still holding the old data sees this tab as newer.
        self.adopt(StorageStatus::Writable, self.revision(), None);
        Ok(())
    }

    /// Takes a new status, revision and base after a reload or a recovery; any pending edit
    /// belongs to the state that was replaced, so it is dropped.
    fn adopt(&self, status: StorageStatus, revision: u64, base: Option<Value>) {
        let changed = self
            .with(|inner| {
                if let Some(timer) = inner.timer.take() {
                    timer.clear();
                }
                inner.pending = None;
                inner.revision = revision;
                inner.base = base.map(Rc::new);
                inner.last_written = None;
                let changed = inner.status != status;
                inner.status = status.clone();
                changed
            })
            .unwrap_or(false);
        if changed {
            self.emit(SaverEvent::StatusChanged(status));
        }
    }

    fn emit(&self, event: SaverEvent) {
        // The callback is cloned out first so it runs with no borrow held.
        if let Some(notify) = self.with(|inner| inner.notify.clone()).flatten() {
            notify(event);
        }
    }

    /// Runs `f` on the state; `None` if the state is already borrowed (a re-entrant call),
    /// which is reported instead of panicking.
    fn with<R>(&self, f: impl FnOnce(&mut Inner) -> R) -> Option<R> {
        self.inner
            .try_borrow_mut()
            .ok()
            .map(|mut inner| f(&mut inner))
    }
}

fn flush_weak(weak: &Weak<RefCell<Inner>>) {
    if let Some(inner) = weak.upgrade() {
        Saver { inner }.flush();
    }
}

fn flush_weak_locked(weak: &Weak<RefCell<Inner>>) {
    if let Some(inner) = weak.upgrade() {
        Saver { inner }.flush_locked();
    }
}

/// The payload a load outcome found, which becomes the merge base.
fn loaded_payload(outcome: &LoadOutcome) -> Option<Value> {
    match outcome {
        LoadOutcome::Loaded { payload, .. } => Some(payload.clone()),
        _ => None,
    }
}

fn on_storage_event(weak: &Weak<RefCell<Inner>>, event: &web_sys::Event) {
    let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
        return;
    };
    // A `None` key means another tab cleared the whole storage.
    let ours = event.key().is_none_or(|key| key == keys::STATE);
    if let (true, Some(inner)) = (ours, weak.upgrade()) {
        // This tab's next save may need to merge with that one, and adopting it to inflate it:
        // the code is fetched first, so that neither waits for it.
        let saver = Saver { inner };
        if on_demand::ready() {
            saver.tell_other_tab_saved();
        } else {
            let weak = Rc::downgrade(&saver.inner);
            wasm_bindgen_futures::spawn_local(async move {
                let _ = on_demand::fetch().await;
                if let Some(inner) = weak.upgrade() {
                    Saver { inner }.tell_other_tab_saved();
                }
            });
        }
    }
}

fn add_listener(
    target: web_sys::EventTarget,
    name: &'static str,
    handler: impl FnMut(web_sys::Event) + 'static,
) -> Result<Listener, String> {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    target
        .add_event_listener_with_callback(name, closure.as_ref().unchecked_ref())
        .map_err(|_| format!("could not listen to {name}"))?;
    Ok(Listener {
        target,
        name,
        closure,
    })
}

/// Copies the main value, if any, under a quarantine key.
fn set_main_aside(store: &Store, now: DateTime<Utc>) -> Result<(), RecoveryError> {
    match store.get(keys::STATE) {
        Ok(None) => Ok(()),
        Ok(Some(raw)) => quarantine(store, &raw, now)
            .map(|_| ())
            .map_err(|detail| RecoveryError::CannotSetAside { detail }),
        Err(e) => Err(RecoveryError::CannotSetAside {
            detail: e.to_string(),
        }),
    }
}

/// What one save wrote.
struct Written {
    report: SaveReport,
    /// What was saved, when another tab's newer save was merged in.
    merged: Option<LoadOutcome>,
}

/// The edit to save, built if it was not yet; one that builds back to the base (an edit undone)
/// is dropped, and there is nothing to save. (A payload given ready was compared with the base
/// when it was scheduled.)
fn take_pending(inner: &mut Inner) -> Option<Pending> {
    match inner.pending.take()? {
        Edit::Built(pending) => Some(pending),
        Edit::Later { build, saved_at } => {
            let payload = build();
            (inner.base.as_deref() != Some(&payload)).then(|| Pending {
                payload: Rc::new(payload),
                saved_at,
            })
        }
    }
}

/// One save, following the steps in the module comment. Updates the status, revision and base;
/// on failure `pending` goes back into the state, so the edit stays in memory.
fn write(inner: &mut Inner, pending: Pending) -> Result<Written, SaveError> {
    let result = try_write(inner, &pending);
    if result.is_err() {
        inner.pending = Some(Edit::Built(pending));
    }
    result
}

fn try_write(inner: &mut Inner, pending: &Pending) -> Result<Written, SaveError> {
    match &inner.status {
        StorageStatus::Writable => {}
        StorageStatus::ReadOnly { why } => return Err(SaveError::ReadOnly { why: why.clone() }),
        StorageStatus::MemoryOnly { why } => {
            return Err(SaveError::MemoryOnly { why: why.clone() })
        }
    }
    let store = match Store::open() {
        Ok(store) => store,
        Err(why) => {
            inner.status = StorageStatus::MemoryOnly { why: why.clone() };
            return Err(SaveError::MemoryOnly { why });
        }
    };
    let previous = check_stored(inner, &store, pending.saved_at)?;
    let (payload, merged_with) = match &previous {
        Some(Previous {
            stored: Some(stored),
            ..
        }) if stored.revision > inner.revision => (
            Rc::new(merge_with(inner, pending, stored)?),
            Some(stored.revision),
        ),
        _ => (Rc::clone(&pending.payload), None),
    };
    let stored_revision = previous.as_ref().map_or(0, |p| p.revision);
    let revision = inner.revision.max(stored_revision) + 1;
    let text =
        envelope::encode(&payload, pending.saved_at, revision).ok_or(SaveError::CodeNotLoaded)?;
    let size_chars = store::utf16_len(&text);
    stage(&store, &text, size_chars)?;
    let backup_written = match &previous {
        Some(Previous { raw, .. }) => store.set(keys::BACKUP, raw).is_ok(),
        None => false,
    };
    store
        .set(keys::STATE, &text)
        .map_err(|e| store_error(&store, e, size_chars))?;
    if store.get(keys::STATE).ok().flatten().as_deref() != Some(text.as_str()) {
        if let Some(Previous { raw, .. }) = &previous {
            let _ = store.set(keys::STATE, raw);
        }
        return Err(SaveError::VerifyFailed);
    }
    inner.revision = revision;
    inner.last_written = Some(fingerprint(&text));
    inner.base = Some(Rc::clone(&payload));
    let used_chars = store.used_chars();
    Ok(Written {
        report: SaveReport {
            revision,
            size_chars,
            used_chars,
            near_budget: used_chars >= WARN_CHARS,
            backup_written,
            merged_with,
        },
        merged: merged_with.map(|_| LoadOutcome::Loaded {
            payload: Value::clone(&payload),
            saved_at: Some(pending.saved_at),
            size_chars,
            migrated_from: None,
            revision,
        }),
    })
}

/// Merges this tab's pending state with another tab's newer save, relative to this tab's base.
/// A conflict, or a merge the app's check rejects, refuses the save as [`SaveError::StaleTab`].
fn merge_with(inner: &Inner, pending: &Pending, stored: &Stored) -> Result<Value, SaveError> {
    let stale = |why| SaveError::StaleTab {
        stored_revision: stored.revision,
        loaded_revision: inner.revision,
        why,
    };
    let merged = merge_now(inner.base.as_deref(), &pending.payload, &stored.payload)
        .ok_or(SaveError::CodeNotLoaded)?
        .map_err(|conflict| stale(Unmerged::Conflicts(conflict.places)))?;
    if let Some(check) = inner.merge_check {
        check(&merged).map_err(|why| stale(Unmerged::Invalid(why)))?;
    }
    Ok(merged)
}

/// The stored main value a save replaces.
struct Previous {
    raw: String,
    revision: u64,
    /// Its content; `None` when it is this tab's own last save, which has nothing to merge.
    stored: Option<Stored>,
}

fn fingerprint(text: &str) -> (usize, u64) {
    (text.len(), envelope::fnv1a64(text.as_bytes()))
}

/// Reads the stored main value and decides whether this tab may replace it. Returns it when it
/// is readable, `None` if nothing is stored.
fn check_stored(
    inner: &mut Inner,
    store: &Store,
    now: DateTime<Utc>,
) -> Result<Option<Previous>, SaveError> {
    let raw = match store.get(keys::STATE) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Ok(None),
        Err(e) => {
            return Err(SaveError::WriteFailed {
                detail: e.to_string(),
            })
        }
    };
    if inner.last_written == Some(fingerprint(&raw)) {
        return Ok(Some(Previous {
            raw,
            revision: inner.revision,
            stored: None,
        }));
    }
    match envelope::read(&raw) {
        Ok(stored) => Ok(Some(Previous {
            raw,
            revision: stored.revision,
            stored: Some(stored),
        })),
        // Stored deflated, and the inflater has not arrived: the save waits for it.
        Err(envelope::ReadError::CodeNotLoaded) => Err(SaveError::CodeNotLoaded),
        Err(e) => {
            // Something (another tab, an extension, a newer build) left data this build cannot
            // read: keep it, copy it aside, and stop writing.
            let _ = quarantine(store, &raw, now);
            let why = match e {
                envelope::ReadError::NewerSchema { version } => {
                    ReadOnlyReason::NewerSchema { version }
                }
                other => ReadOnlyReason::Unreadable {
                    reason: other.to_string(),
                    preview: preview(&raw),
                },
            };
            inner.status = StorageStatus::ReadOnly { why: why.clone() };
            Err(SaveError::ReadOnly { why })
        }
    }
}

/// Writes the staging key, reads it back and verifies it, then removes it.
fn stage(store: &Store, text: &str, size_chars: usize) -> Result<(), SaveError> {
    let written: String = match store::fault() {
        Some(Fault::CorruptStaging) => text.chars().take(size_chars / 2).collect(),
        _ => text.to_owned(),
    };
    store
        .set(keys::STAGING, &written)
        .map_err(|e| store_error(store, e, size_chars))?;
    let back = store.get(keys::STAGING).ok().flatten();
    let verified = back.as_deref() == Some(text);
    let _ = store.remove(keys::STAGING);
    if verified {
        Ok(())
    } else {
        Err(SaveError::VerifyFailed)
    }
}

fn store_error(store: &Store, error: StoreError, size_chars: usize) -> SaveError {
    match error {
        StoreError::Quota => SaveError::QuotaExceeded {
            size_chars,
            used_chars: store.used_chars(),
        },
        other => SaveError::WriteFailed {
            detail: other.to_string(),
        },
    }
}
