//! The only module that knows localStorage keys.
//!
//! Every access goes through `web_sys::Storage` and handles each failure (storage blocked,
//! private mode, quota) as a value, so no path can panic.
//!
//! The app's state is one JSON payload saved in a versioned envelope (see [`envelope`]) under
//! [`keys::STATE`]. The rules that keep it safe:
//!
//! - Data this build cannot read (bad JSON, checksum mismatch, unknown shape, newer schema) is
//!   never overwritten: [`load`] copies it under a timestamped quarantine key and the
//!   [`Saver`] opens read-only until the user restores the backup or starts fresh.
//! - A save writes a staging key, reads it back and verifies it, copies the previous good value
//!   to [`keys::BACKUP`], and only then replaces the main key (see [`Saver`]).
//! - Each save carries a revision and runs under a Web Lock. A tab whose revision is older than
//!   the stored one never writes over it: it merges its edit with the newer save contract by
//!   contract ([`merge`]), or, when both tabs changed the same contract, refuses
//!   ([`SaveError::StaleTab`]) and lets the user choose.

mod context;
pub mod envelope;
mod error;
mod lock;
pub mod merge;
pub mod migrate;
pub mod on_demand;
mod persist;
mod saver;
mod store;

use chrono::{DateTime, Utc};
use serde_json::Value;

pub use context::{BannerAction, StorageContext};
pub use envelope::{ReadError, Stored};
pub use error::{ReadOnlyReason, RecoveryError, SaveError, StorageStatus, Unmerged};
pub use lock::{with_save_lock, LockUse, SAVE_LOCK};
pub use merge::{merge, MergeConflict};
pub use migrate::SCHEMA_VERSION;
pub use persist::{
    download_text, last_export_days, mark_exported, request_persistence, PersistOutcome,
};
pub use saver::{MergeCheck, SaveReport, Saver, SaverEvent, DEBOUNCE_MS, QUOTA_CHARS, WARN_CHARS};
#[doc(hidden)]
pub use store::{set_fault, Fault};

use store::Store;

/// Every localStorage key the app uses. Public so tests and diagnostics can inspect them;
/// application code goes through the functions of this module instead.
pub mod keys {
    pub const THEME: &str = "jss-lab.theme";
    /// The current envelope.
    pub const STATE: &str = "jss-lab.state";
    /// A new envelope while it is being verified; absent between saves.
    pub const STAGING: &str = "jss-lab.state.staging";
    /// The previous good envelope, kept by every save.
    pub const BACKUP: &str = "jss-lab.state.backup";
    /// Prefix of copies of data that could not be used, followed by an RFC 3339 time.
    pub const QUARANTINE_PREFIX: &str = "jss-lab.quarantine.";
    /// When the user last exported their data (RFC 3339).
    pub const LAST_EXPORT: &str = "jss-lab.last-export";
    /// Written and removed once at load, to learn whether the browser accepts writes.
    pub const PROBE: &str = "jss-lab.probe";
    /// The dashboard's last answer (`advice.rs`): a cache, outside the envelope.
    pub const ADVICE: &str = "jss-lab.advice";
    /// The top of the dashboard as last drawn, shown by the static shell on the next visit: a
    /// cache of markup, written and read only by the shell's scripts (`public/boot.js`).
    pub const GLIMPSE: &str = "jss-lab.glimpse";
}

/// How many characters of unreadable data the banner may show as a preview.
const PREVIEW_CHARS: usize = 120;

/// The saved theme choice as it was written (`theme.rs` reads it), if there is one.
pub fn load_theme_choice() -> Option<String> {
    read_aside(keys::THEME)
}

/// Saves the theme choice. A theme is a preference, not data: if storage is unavailable the
/// choice lasts for this visit only, which is the honest fallback.
pub fn save_theme_choice(choice: &str) {
    write_aside(keys::THEME, choice);
}

/// The dashboard's last answer as it was written (`advice.rs` reads it), if there is one.
pub fn load_advice_text() -> Option<String> {
    read_aside(keys::ADVICE)
}

/// Keeps the dashboard's last answer. It is a cache: when storage refuses it, the next visit
/// runs the simulation again.
pub fn save_advice_text(text: &str) {
    write_aside(keys::ADVICE, text);
}

/// Reads a value kept outside the envelope (a preference or a cache), if it can be read.
fn read_aside(key: &str) -> Option<String> {
    Store::open().ok().and_then(|s| s.get(key).ok().flatten())
}

/// Writes a value kept outside the envelope; losing it costs nothing, so a failure is ignored.
fn write_aside(key: &str, text: &str) {
    if let Ok(store) = Store::open() {
        let _ = store.set(key, text);
    }
}

/// How many characters the whole origin's localStorage holds now, if it can be read.
pub fn used_chars() -> Option<usize> {
    Store::open().ok().map(|s| s.used_chars())
}

/// What [`load`] found.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadOutcome {
    /// Nothing is saved yet.
    Fresh,
    /// Saved data, migrated to the current schema when it was older.
    Loaded {
        payload: Value,
        saved_at: Option<DateTime<Utc>>,
        size_chars: usize,
        migrated_from: Option<u32>,
        revision: u64,
    },
    /// Saved data that cannot be used. It stays in place; `quarantined_as` names its copy.
    Unreadable {
        raw: String,
        reason: String,
        quarantined_as: Option<String>,
    },
    /// Saved data from a newer build. It stays in place; `quarantined_as` names its copy.
    NewerSchema {
        raw: String,
        version: u32,
        quarantined_as: Option<String>,
    },
    /// localStorage cannot be used at all (blocked, absent, or refusing every write).
    Unavailable { reason: String },
}

impl LoadOutcome {
    /// The status a tab has after this outcome.
    pub fn status(&self) -> StorageStatus {
        match self {
            LoadOutcome::Fresh | LoadOutcome::Loaded { .. } => StorageStatus::Writable,
            LoadOutcome::Unreadable { raw, reason, .. } => StorageStatus::ReadOnly {
                why: ReadOnlyReason::Unreadable {
                    reason: reason.clone(),
                    preview: preview(raw),
                },
            },
            LoadOutcome::NewerSchema { version, .. } => StorageStatus::ReadOnly {
                why: ReadOnlyReason::NewerSchema { version: *version },
            },
            LoadOutcome::Unavailable { reason } => StorageStatus::MemoryOnly {
                why: reason.clone(),
            },
        }
    }

    /// The revision a tab has after this outcome (0 when nothing readable was saved).
    pub fn revision(&self) -> u64 {
        match self {
            LoadOutcome::Loaded { revision, .. } => *revision,
            _ => 0,
        }
    }
}

/// Reads the saved state. `now` names the quarantine copy if the data cannot be used.
pub fn load(now: DateTime<Utc>) -> LoadOutcome {
    match saved_text() {
        Ok((store, raw)) => {
            let read = envelope::read(&raw);
            classify(&store, raw, read, now)
        }
        Err(outcome) => outcome,
    }
}

/// [`load`] in two tasks: parsing the saved text, then checking its checksum and migrating it.
/// On a phone each is a step of the start long enough to count as blocking if they were one.
pub async fn load_in_steps(now: DateTime<Utc>) -> LoadOutcome {
    match saved_text() {
        Ok((store, raw)) => {
            let read = match envelope::parse(&raw) {
                Ok(parsed) => {
                    crate::clock::next_task().await;
                    if parsed.needs_inflater() {
                        // A large history is stored deflated; the code that inflates it is
                        // fetched first (if it does not arrive, `classify` says so).
                        let _ = on_demand::fetch().await;
                    }
                    parsed.check()
                }
                Err(e) => Err(e),
            };
            classify(&store, raw, read, now)
        }
        Err(outcome) => outcome,
    }
}

/// The store and the saved text, or what the load comes to without any (nothing saved, or no
/// storage).
fn saved_text() -> Result<(Store, String), LoadOutcome> {
    let store = match Store::open() {
        Ok(store) => store,
        Err(reason) => return Err(LoadOutcome::Unavailable { reason }),
    };
    match store.get(keys::STATE) {
        Ok(Some(raw)) => Ok((store, raw)),
        Ok(None) => Err(fresh(&store)),
        Err(e) => Err(LoadOutcome::Unavailable {
            reason: format!("reading failed ({e})"),
        }),
    }
}

fn fresh(store: &Store) -> LoadOutcome {
    // Old Safari private windows have a localStorage whose every write throws; finding that out
    // now lets the app say so before the user types anything.
    match store.set(keys::PROBE, "1") {
        Ok(()) => {
            let _ = store.remove(keys::PROBE);
            LoadOutcome::Fresh
        }
        Err(e) => LoadOutcome::Unavailable {
            reason: format!("the browser refuses to store anything ({e})"),
        },
    }
}

fn classify(
    store: &Store,
    raw: String,
    read: Result<envelope::Stored, ReadError>,
    now: DateTime<Utc>,
) -> LoadOutcome {
    match read {
        Ok(stored) => {
            // A staging value left by an interrupted save is never newer than a verified main
            // value worth keeping, so it is only clutter.
            let _ = store.remove(keys::STAGING);
            LoadOutcome::Loaded {
                size_chars: store::utf16_len(&raw),
                payload: stored.payload,
                saved_at: stored.saved_at,
                migrated_from: stored.migrated_from,
                revision: stored.revision,
            }
        }
        // Not a verdict on the data: it stays as it is, unquarantined, and this tab saves
        // nothing over it (memory only) until a reload can read it.
        Err(e @ ReadError::CodeNotLoaded) => LoadOutcome::Unavailable {
            reason: e.to_string(),
        },
        Err(ReadError::NewerSchema { version }) => LoadOutcome::NewerSchema {
            quarantined_as: quarantine(store, &raw, now).ok(),
            raw,
            version,
        },
        Err(e) => LoadOutcome::Unreadable {
            quarantined_as: quarantine(store, &raw, now).ok(),
            reason: e.to_string(),
            raw,
        },
    }
}

/// Copies `raw` under a timestamped quarantine key, unless an identical copy already exists,
/// and returns the key. Reloading the page thus keeps one copy, not one per visit.
fn quarantine(store: &Store, raw: &str, now: DateTime<Utc>) -> Result<String, String> {
    let existing = quarantine_keys_in(store)
        .into_iter()
        .find(|key| store.get(key).ok().flatten().as_deref() == Some(raw));
    if let Some(key) = existing {
        return Ok(key);
    }
    let base = format!("{}{}", keys::QUARANTINE_PREFIX, envelope::format_time(now));
    let key = (0..100)
        .map(|n| match n {
            0 => base.clone(),
            n => format!("{base}-{n}"),
        })
        .find(|key| matches!(store.get(key), Ok(None)))
        .ok_or_else(|| "too many copies at the same moment".to_string())?;
    store.set(&key, raw).map_err(|e| e.to_string())?;
    Ok(key)
}

fn quarantine_keys_in(store: &Store) -> Vec<String> {
    let mut found: Vec<String> = store
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(keys::QUARANTINE_PREFIX))
        .collect();
    found.sort();
    found
}

/// The quarantine keys present, oldest first.
pub fn quarantined_keys() -> Vec<String> {
    Store::open()
        .map(|s| quarantine_keys_in(&s))
        .unwrap_or_default()
}

/// The text to offer as "Download raw data": the main value as stored, or else the newest
/// quarantined copy. `None` when neither exists or storage cannot be read.
pub fn raw_for_download() -> Option<String> {
    let store = Store::open().ok()?;
    if let Ok(Some(raw)) = store.get(keys::STATE) {
        return Some(raw);
    }
    let newest = quarantine_keys_in(&store).pop()?;
    store.get(&newest).ok().flatten()
}

fn preview(raw: &str) -> String {
    let mut text: String = raw.chars().take(PREVIEW_CHARS).collect();
    if raw.chars().nth(PREVIEW_CHARS).is_some() {
        text.push('…');
    }
    text
}
