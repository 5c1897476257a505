//! The storage layer's statuses and errors, each with a plain-words message.

use std::fmt;

use super::merge::Place;
use super::migrate::SCHEMA_VERSION;

/// Whether this tab may write its state to the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageStatus {
    /// Saving works.
    Writable,
    /// Saved data exists that this build cannot use; it stays untouched until the user chooses.
    ReadOnly { why: ReadOnlyReason },
    /// The browser offers no usable storage; work lasts as long as the tab.
    MemoryOnly { why: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Bad JSON, a checksum mismatch or an unknown shape. `preview` is the start of the raw text.
    Unreadable { reason: String, preview: String },
    /// Saved by a newer build, in schema `version`.
    NewerSchema { version: u32 },
}

impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnlyReason::Unreadable { reason, .. } => {
                write!(f, "the saved data could not be read: {reason}")
            }
            ReadOnlyReason::NewerSchema { version } => write!(
                f,
                "the saved data is in format {version}, from a newer JSS Lab; this version reads \
                 up to format {SCHEMA_VERSION}"
            ),
        }
    }
}

/// Why this tab's edit and another tab's newer save could not be combined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unmerged {
    /// Both tabs changed these places in different ways.
    Conflicts(Vec<Place>),
    /// Each tab's changes were fine alone, but together they are not valid data (a contract
    /// one tab added for a client the other removed); the app's check says why.
    Invalid(String),
}

impl fmt::Display for Unmerged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unmerged::Conflicts(places) => {
                let paths: Vec<String> = places.iter().map(ToString::to_string).collect();
                write!(f, "both changed {}", paths.join(", "))
            }
            Unmerged::Invalid(why) => write!(f, "the combined data would not be valid: {why}"),
        }
    }
}

/// Why a save did not happen. In every case the caller's state is still in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    ReadOnly {
        why: ReadOnlyReason,
    },
    MemoryOnly {
        why: String,
    },
    QuotaExceeded {
        size_chars: usize,
        used_chars: usize,
    },
    /// Another tab saved since this tab loaded, and the two versions could not be merged.
    StaleTab {
        stored_revision: u64,
        loaded_revision: u64,
        why: Unmerged,
    },
    VerifyFailed,
    WriteFailed {
        detail: String,
    },
    /// A save was asked for while another storage call of this tab was still running.
    Busy,
    /// The save needs code that is fetched when first needed (a merge with another tab's save,
    /// or deflating a large payload: `storage::on_demand`), and it has not arrived: the edit
    /// waits in memory for it.
    CodeNotLoaded,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::ReadOnly { why } => {
                write!(f, "saving is paused because {why}")
            }
            SaveError::MemoryOnly { why } => {
                write!(f, "this browser does not let JSS Lab save: {why}")
            }
            SaveError::QuotaExceeded {
                size_chars,
                used_chars,
            } => write!(
                f,
                "browser storage is full: this save needs {size_chars} characters and this site \
                 already uses {used_chars}"
            ),
            SaveError::StaleTab {
                stored_revision,
                loaded_revision,
                why,
            } => write!(
                f,
                "another tab saved newer data (save {stored_revision}; this tab has save \
                 {loaded_revision}) and {why}"
            ),
            SaveError::VerifyFailed => write!(
                f,
                "the browser did not store the data exactly as written, so the previous save was \
                 kept"
            ),
            SaveError::WriteFailed { detail } => {
                write!(f, "the browser refused to save ({detail})")
            }
            SaveError::Busy => write!(f, "another save was still running; try again"),
            SaveError::CodeNotLoaded => write!(
                f,
                "the part of JSS Lab that this save needs did not arrive (the connection may be \
                 down, or a new version was deployed); the next change tries again"
            ),
        }
    }
}

impl std::error::Error for SaveError {}

/// Why a recovery choice (restore the backup, start fresh) did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecoveryError {
    Unavailable {
        why: String,
    },
    NoBackup,
    BackupUnreadable {
        reason: String,
    },
    /// The current data could not be copied aside, so it was left where it was.
    CannotSetAside {
        detail: String,
    },
    WriteFailed {
        detail: String,
    },
    Busy,
}

impl fmt::Display for RecoveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecoveryError::Unavailable { why } => write!(f, "storage cannot be used: {why}"),
            RecoveryError::NoBackup => write!(f, "there is no backup in this browser"),
            RecoveryError::BackupUnreadable { reason } => {
                write!(f, "the backup could not be read either: {reason}")
            }
            RecoveryError::CannotSetAside { detail } => write!(
                f,
                "the current data could not be set aside ({detail}), so nothing was changed; \
                 download it first"
            ),
            RecoveryError::WriteFailed { detail } => {
                write!(f, "the browser refused to write ({detail})")
            }
            RecoveryError::Busy => write!(f, "another storage action was still running; try again"),
        }
    }
}

impl std::error::Error for RecoveryError {}
