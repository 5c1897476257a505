//! The versioned envelope around the saved payload: pure functions, no browser access.
//!
//! A saved value is one JSON object:
//! `{ "schema_version", "app_version", "saved_at", "revision", "checksum", "payload" }`.
//! The checksum covers a canonical text of the payload (object keys sorted, no spaces), so it
//! does not depend on how serde_json orders maps in a given build.
//!
//! From schema 2, a large payload is stored deflated instead: `"payload_deflate"` holds the
//! canonical text, deflated and base64url-encoded, in place of `"payload"`. JSON of contracts
//! deflates about tenfold, so a long history fits in localStorage's quota (a few million
//! characters) with room for its backup copy. Small payloads stay plain JSON, readable in the
//! browser's developer tools.

use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};

use super::migrate::{self, MigrationError, SCHEMA_VERSION};
use super::on_demand::{self, InflateError};

/// A payload read back from storage, already migrated to the current schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub payload: Value,
    /// When it was saved; `None` for schema v0, which carried no envelope.
    pub saved_at: Option<DateTime<Utc>>,
    /// The save counter that lets a tab notice another tab's newer save (0 for v0).
    pub revision: u64,
    /// The schema version it was read from, when that was older than the current one.
    pub migrated_from: Option<u32>,
}

/// Why stored text could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    NotJson {
        detail: String,
    },
    UnknownShape {
        detail: String,
    },
    BadField {
        field: &'static str,
        detail: String,
    },
    ChecksumMismatch {
        expected: String,
        found: String,
    },
    NewerSchema {
        version: u32,
    },
    Migration(MigrationError),
    /// The payload is stored deflated and the code that inflates it has not arrived
    /// (`super::on_demand`): the data may be fine, and must not be treated as unreadable.
    CodeNotLoaded,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotJson { detail } => write!(f, "it is not valid JSON ({detail})"),
            ReadError::UnknownShape { detail } => {
                write!(f, "it is not in a shape JSS Lab knows ({detail})")
            }
            ReadError::BadField { field, detail } => {
                write!(f, "its field \"{field}\" is invalid ({detail})")
            }
            ReadError::ChecksumMismatch { expected, found } => write!(
                f,
                "its checksum does not match its content (stored {expected}, computed {found}), \
                 so it was changed or cut short after it was saved"
            ),
            ReadError::NewerSchema { version } => write!(
                f,
                "it was saved in format {version} by a newer JSS Lab; this version reads up to \
                 format {SCHEMA_VERSION}"
            ),
            ReadError::Migration(e) => write!(f, "it could not be upgraded: {e}"),
            ReadError::CodeNotLoaded => write!(
                f,
                "the part of JSS Lab that opens a large saved history did not arrive (the \
                 connection may be down, or a new version was deployed); reload the page to open \
                 it"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// FNV-1a, 64 bits: tiny, dependency-free and plenty to detect truncation or tampering. It is
/// not a cryptographic hash and does not need to be; nobody gains from forging a local save.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
    })
}

/// The checksum of a payload: 16 lowercase hex digits of FNV-1a-64 over its canonical text.
pub fn checksum(payload: &Value) -> String {
    format!("{:016x}", fnv1a64(canonical_text(payload).as_bytes()))
}

/// JSON text with object keys sorted and no whitespace, identical for equal values.
pub fn canonical_text(value: &Value) -> String {
    let mut out = Vec::new();
    write_canonical(value, &mut out);
    // Only serde_json's own escaping and ASCII punctuation were written, so the bytes are UTF-8;
    // the lossy conversion never replaces anything and keeps the function total.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes straight into one buffer: a long history has hundreds of thousands of keys and
/// scalars, and formatting each through its own `String` made saving a 10,000-contract history
/// take a tenth of a second longer.
fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    // Writing JSON into a `Vec` cannot fail; a failure could only leave the text short, and the
    // checksum and the read-back after every save would catch that.
    fn put<T: serde::Serialize + ?Sized>(item: &T, out: &mut Vec<u8>) {
        let _ = serde_json::to_writer(&mut *out, item);
    }
    match value {
        Value::Object(map) => {
            out.push(b'{');
            // serde_json's map is sorted already unless a dependency turns on its
            // `preserve_order` feature; sorting then keeps the text canonical.
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if !entries.is_sorted_by(|a, b| a.0 <= b.0) {
                entries.sort_by(|a, b| a.0.cmp(b.0));
            }
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                put(key.as_str(), out);
                out.push(b':');
                write_canonical(item, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => put(scalar, out),
    }
}

/// The stored spelling of a save time: RFC 3339 in UTC with milliseconds.
pub fn format_time(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Payloads whose canonical text is at least this long are stored deflated. Below it the
/// saving in characters is small and plain JSON is easier to inspect.
pub const DEFLATE_FROM_BYTES: usize = 64 * 1024;

/// The most a stored payload may inflate to, so damaged data cannot exhaust memory: far above
/// what fits in localStorage even at tenfold compression.
const MAX_INFLATED_BYTES: usize = 512 * 1024 * 1024;

/// Wraps a payload in a current-version envelope and returns its text, deflated when the
/// payload is large (see [`DEFLATE_FROM_BYTES`]). `None` when it needs deflating and the
/// deflater's module has not arrived yet (`super::on_demand`): a large payload is never written
/// plain instead, since it might not fit beside its backup.
pub fn encode(payload: &Value, saved_at: DateTime<Utc>, revision: u64) -> Option<String> {
    encode_as(payload, saved_at, revision, None)
}

/// [`encode`], with the choice made by the caller: `Some(true)` always deflates, `Some(false)`
/// never does, `None` decides by size. Tests use it to write both forms.
pub fn encode_as(
    payload: &Value,
    saved_at: DateTime<Utc>,
    revision: u64,
    deflate: Option<bool>,
) -> Option<String> {
    let text = canonical_text(payload);
    let mut map = Map::new();
    map.insert("schema_version".into(), SCHEMA_VERSION.into());
    map.insert("app_version".into(), env!("CARGO_PKG_VERSION").into());
    map.insert("saved_at".into(), format_time(saved_at).into());
    map.insert("revision".into(), revision.into());
    map.insert(
        "checksum".into(),
        format!("{:016x}", fnv1a64(text.as_bytes())).into(),
    );
    if deflate.unwrap_or(text.len() >= DEFLATE_FROM_BYTES) {
        let packed = on_demand::deflate_now(text.as_bytes())?;
        map.insert("payload_deflate".into(), packed.into());
    } else {
        map.insert("payload".into(), payload.clone());
    }
    Some(canonical_text(&Value::Object(map)))
}

/// The payload of an envelope: plain, or deflated (schema 2 on). A deflated payload comes with
/// the checksum of its inflated text, which is the canonical text when this app wrote it, so
/// the checksum can be checked without writing the payload out again.
fn take_payload(map: &mut Map<String, Value>) -> Result<(Value, Option<String>), ReadError> {
    match (map.remove("payload"), map.remove("payload_deflate")) {
        (Some(payload), None) => Ok((payload, None)),
        (None, Some(Value::String(packed))) => {
            let text = match on_demand::inflate_now(&packed, MAX_INFLATED_BYTES) {
                None => return Err(ReadError::CodeNotLoaded),
                Some(Ok(text)) => text,
                Some(Err(InflateError::NotBase64(e))) => {
                    return Err(ReadError::BadField {
                        field: "payload_deflate",
                        detail: format!("it is not base64url ({e})"),
                    })
                }
                Some(Err(InflateError::Damaged)) => {
                    return Err(ReadError::BadField {
                        field: "payload_deflate",
                        detail: "it does not inflate: it was cut short or altered".into(),
                    })
                }
            };
            let payload = serde_json::from_slice(&text).map_err(|e| ReadError::NotJson {
                detail: format!("the inflated payload: {e}"),
            })?;
            Ok((payload, Some(format!("{:016x}", fnv1a64(&text)))))
        }
        (None, Some(other)) => Err(ReadError::BadField {
            field: "payload_deflate",
            detail: format!("expected a string, found {other}"),
        }),
        (None, None) => Err(ReadError::BadField {
            field: "payload",
            detail: "missing".into(),
        }),
        (Some(_), Some(_)) => Err(ReadError::BadField {
            field: "payload",
            detail: "both \"payload\" and \"payload_deflate\" are present".into(),
        }),
    }
}

/// Reads stored text of any supported version: checks the envelope and its checksum, then
/// migrates the payload to the current schema.
pub fn read(raw: &str) -> Result<Stored, ReadError> {
    parse(raw)?.check()
}

/// Stored text parsed as JSON and its version known, not yet checked: [`read`]'s first half,
/// so that the start can let the browser run between the two (on a phone each half is a task
/// of its own).
pub struct Parsed(Shape);

enum Shape {
    V0(Value),
    Envelope(Map<String, Value>, u32),
}

/// Parses stored text and reads its version; [`Parsed::check`] does the rest of [`read`].
pub fn parse(raw: &str) -> Result<Parsed, ReadError> {
    let value: Value = serde_json::from_str(raw).map_err(|e| ReadError::NotJson {
        detail: e.to_string(),
    })?;
    if migrate::is_v0_blob(&value) {
        return Ok(Parsed(Shape::V0(value)));
    }
    let Value::Object(map) = value else {
        return Err(ReadError::UnknownShape {
            detail: "the top level is not a JSON object".into(),
        });
    };
    let version = schema_version(&map)?;
    if version > SCHEMA_VERSION {
        return Err(ReadError::NewerSchema { version });
    }
    Ok(Parsed(Shape::Envelope(map, version)))
}

impl Parsed {
    /// Whether reading it needs the inflater (`super::on_demand`) and that has not arrived.
    pub fn needs_inflater(&self) -> bool {
        matches!(&self.0, Shape::Envelope(map, _) if map.contains_key("payload_deflate"))
            && !on_demand::ready()
    }

    /// Checks the envelope and its checksum, and migrates the payload to the current schema.
    pub fn check(self) -> Result<Stored, ReadError> {
        match self.0 {
            Shape::V0(blob) => read_v0(blob),
            Shape::Envelope(map, version) => read_envelope(map, version),
        }
    }
}

fn read_v0(blob: Value) -> Result<Stored, ReadError> {
    let payload = migrate::migrate(blob, 0).map_err(ReadError::Migration)?;
    Ok(Stored {
        payload,
        saved_at: None,
        revision: 0,
        migrated_from: Some(0),
    })
}

fn schema_version(map: &Map<String, Value>) -> Result<u32, ReadError> {
    let Some(field) = map.get("schema_version") else {
        return Err(ReadError::UnknownShape {
            detail: "it has no \"schema_version\" and is not a scenario".into(),
        });
    };
    field
        .as_u64()
        .and_then(|v| u32::try_from(v).ok())
        .filter(|v| *v >= 1)
        .ok_or_else(|| ReadError::BadField {
            field: "schema_version",
            detail: format!("expected a whole number from 1, found {field}"),
        })
}

fn read_envelope(mut map: Map<String, Value>, version: u32) -> Result<Stored, ReadError> {
    let (payload, text_checksum) = take_payload(&mut map)?;
    let expected = text_field(&map, "checksum")?;
    // Text that is not canonical (written by hand, say) still passes when its content is right.
    let found = match text_checksum {
        Some(found) if found == expected => found,
        _ => checksum(&payload),
    };
    if expected != found {
        return Err(ReadError::ChecksumMismatch { expected, found });
    }
    let saved_at = parse_time(&text_field(&map, "saved_at")?)?;
    let revision = map
        .get("revision")
        .and_then(Value::as_u64)
        .ok_or(ReadError::BadField {
            field: "revision",
            detail: "expected a whole number".into(),
        })?;
    let payload = migrate::migrate(payload, version).map_err(ReadError::Migration)?;
    if !payload.is_object() {
        return Err(ReadError::BadField {
            field: "payload",
            detail: "expected a JSON object".into(),
        });
    }
    Ok(Stored {
        payload,
        saved_at: Some(saved_at),
        revision,
        migrated_from: (version < SCHEMA_VERSION).then_some(version),
    })
}

fn text_field(map: &Map<String, Value>, field: &'static str) -> Result<String, ReadError> {
    map.get(field)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or(ReadError::BadField {
            field,
            detail: "expected a string".into(),
        })
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, ReadError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| ReadError::BadField {
            field: "saved_at",
            detail: e.to_string(),
        })
}
