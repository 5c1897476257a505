//! Ordered schema migrations of the saved payload.
//!
//! `MIGRATIONS[n]` turns a payload of schema version `n` into one of version `n + 1`, so the
//! current version is simply the length of the list. A build that changes the payload's shape
//! appends one function here and one golden file under `tests/fixtures/storage/`; it never edits
//! an earlier step, because saved data of every past version must keep loading.

use std::fmt;

use serde_json::{json, Value};

/// One step from schema version `n` to `n + 1`.
pub type Migration = fn(Value) -> Result<Value, MigrationError>;

/// Every migration, oldest first.
pub const MIGRATIONS: &[Migration] = &[v0_to_v1, v1_to_v2];

/// The schema version this build writes: one more than the last version with a migration.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The `format` tag of a v1 scenario (see `SCENARIO_FORMAT.md`).
const SCENARIO_FORMAT_TAG: &str = "jss-lab.scenario";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MigrationError {
    /// The data claims a version this build has no migration from.
    UnknownVersion { version: u32 },
    /// A step expected a JSON object.
    NotAnObject { from_version: u32 },
    /// A v0 blob was an object, but not a scenario.
    NotAScenario { found: String },
}

impl fmt::Display for MigrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MigrationError::UnknownVersion { version } => {
                write!(f, "there is no migration from schema version {version}")
            }
            MigrationError::NotAnObject { from_version } => write!(
                f,
                "data of schema version {from_version} should be a JSON object, and is not"
            ),
            MigrationError::NotAScenario { found } => write!(
                f,
                "old unversioned data should be a scenario (format \"{SCENARIO_FORMAT_TAG}\"), \
                 and its format is {found}"
            ),
        }
    }
}

impl std::error::Error for MigrationError {}

/// Brings a payload of schema version `from` up to [`SCHEMA_VERSION`] by running every step in
/// order. A payload that is already current passes through unchanged.
pub fn migrate(payload: Value, from: u32) -> Result<Value, MigrationError> {
    if from > SCHEMA_VERSION {
        return Err(MigrationError::UnknownVersion { version: from });
    }
    MIGRATIONS
        .iter()
        .skip(from as usize)
        .try_fold(payload, |value, step| step(value))
}

/// Whether an unversioned JSON value looks like what older builds saved (schema v0): a bare
/// scenario, recognised by its `format` tag.
pub fn is_v0_blob(value: &Value) -> bool {
    value.get("schema_version").is_none()
        && value.get("format").and_then(Value::as_str) == Some(SCENARIO_FORMAT_TAG)
}

/// v0 → v1: older builds saved the scenario alone; v1 wraps it with room for the simulator's
/// inputs and the user's preferences, which start empty.
fn v0_to_v1(blob: Value) -> Result<Value, MigrationError> {
    if !blob.is_object() {
        return Err(MigrationError::NotAnObject { from_version: 0 });
    }
    let format = blob.get("format").and_then(Value::as_str);
    if format != Some(SCENARIO_FORMAT_TAG) {
        let found = blob
            .get("format")
            .map_or_else(|| "missing".to_string(), Value::to_string);
        return Err(MigrationError::NotAScenario { found });
    }
    Ok(json!({ "scenario": blob, "simulator": {}, "prefs": {} }))
}

/// v1 → v2: the payload is unchanged. From v2 the envelope may carry a large payload deflated
/// (`payload_deflate`, see `envelope.rs`); the version moves so that an older build, which
/// cannot read that form, opens such a save read-only (a newer schema) instead of failing on it.
fn v1_to_v2(payload: Value) -> Result<Value, MigrationError> {
    if !payload.is_object() {
        return Err(MigrationError::NotAnObject { from_version: 1 });
    }
    Ok(payload)
}
