//! Share links: the scenario's inputs only (its v1 export, never results), deflated and
//! base64url-encoded into the URL fragment `#share=…`. The fragment never reaches a server,
//! so sharing needs no network; opening a link shows the same validated preview as a file
//! import and replaces nothing until the user confirms.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jss_engine::scenario::export::to_json_string;
use jss_engine::scenario::Scenario;

/// Links longer than this are refused: some chat apps and browsers cut long URLs.
pub const MAX_LINK_CHARS: usize = 2000;
/// The fragment's key, without the `#`.
pub const FRAGMENT_KEY: &str = "share=";
/// The most text a link may inflate to, so a crafted link cannot exhaust memory.
pub const MAX_INFLATED_BYTES: usize = 5 * 1024 * 1024;

/// Why a link could not be made or read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The link would be `chars` long, over [`MAX_LINK_CHARS`].
    TooLong { chars: usize },
    /// The fragment is not base64url.
    NotBase64,
    /// The bytes do not inflate (cut or altered link), or inflate to too much.
    NotCompressed,
    /// The inflated bytes are not UTF-8 text.
    NotText,
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::TooLong { chars } => write!(
                f,
                "A link to this scenario would be {chars} characters, over the {MAX_LINK_CHARS} that links can safely carry. Export the file instead."
            ),
            ShareError::NotBase64 => {
                write!(f, "This share link is damaged: it holds characters a link never has.")
            }
            ShareError::NotCompressed => write!(
                f,
                "This share link is damaged or incomplete (was it cut when copied?)."
            ),
            ShareError::NotText => write!(f, "This share link does not hold a scenario."),
        }
    }
}

/// The text a link carries for `scenario`: its v1 export, as of `today`, without whitespace
/// and without the fields the format lets a file leave out (`null`s, empty lists, `"flagged":
/// false`), so that it parses to the same scenario in fewer characters.
pub fn share_text(scenario: &Scenario, today: chrono::NaiveDate) -> String {
    let mut scenario = scenario.clone();
    scenario.as_of = Some(today);
    let text = to_json_string(&scenario);
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(mut value) => {
            prune(&mut value);
            value.to_string()
        }
        Err(_) => text,
    }
}

fn prune(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            map.retain(|key, v| match v {
                Value::Null => false,
                Value::Array(items) => !items.is_empty(),
                Value::Bool(false) => key != "flagged",
                _ => true,
            });
            map.values_mut().for_each(prune);
        }
        Value::Array(items) => items.iter_mut().for_each(prune),
        _ => {}
    }
}

/// Packs, deflates and base64url-encodes `text`. When `text` is JSON, its dates (the values of
/// the format's date fields) are written as whole days since the previous date, in document
/// order: dates are most of a scenario's information, and deltas compress about 30% better, so
/// the demo's link fits within [`MAX_LINK_CHARS`]. [`decode`] restores the text exactly.
pub fn encode(text: &str) -> String {
    let packed = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(mut value) if is_compact(&value, text) => {
            dates_to_deltas(&mut value, &mut 0);
            value.to_string()
        }
        _ => text.to_string(),
    };
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(packed.as_bytes(), 9))
}

/// The inverse of [`encode`]; any damage gives an error, never a panic.
pub fn decode(payload: &str) -> Result<String, ShareError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim())
        .map_err(|_| ShareError::NotBase64)?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_INFLATED_BYTES)
        .map_err(|_| ShareError::NotCompressed)?;
    let text = String::from_utf8(inflated).map_err(|_| ShareError::NotText)?;
    Ok(match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(mut value) if is_compact(&value, &text) => {
            deltas_to_dates(&mut value, &mut 0);
            value.to_string()
        }
        _ => text,
    })
}

/// Whether `text` is exactly `value`'s compact serialisation, so packing can restore it.
fn is_compact(value: &serde_json::Value, text: &str) -> bool {
    let compact = value.to_string();
    compact == text
}

/// The fields of the scenario format whose values are `YYYY-MM-DD` dates.
const DATE_KEYS: [&str; 8] = [
    "as_of",
    "date",
    "start",
    "funded",
    "due",
    "submitted",
    "released",
    "refunded",
];

fn epoch_days(date: chrono::NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date))
}

fn date_of(value: &serde_json::Value) -> Option<chrono::NaiveDate> {
    let text = value.as_str()?;
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    (date.format("%Y-%m-%d").to_string() == text).then_some(date)
}

fn dates_to_deltas(value: &mut serde_json::Value, previous: &mut i64) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match date_of(v) {
                    Some(date) if DATE_KEYS.contains(&key.as_str()) => {
                        let days = epoch_days(date);
                        *v = Value::from(days - *previous);
                        *previous = days;
                    }
                    _ => dates_to_deltas(v, previous),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| dates_to_deltas(v, previous)),
        _ => {}
    }
}

fn deltas_to_dates(value: &mut serde_json::Value, previous: &mut i64) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                let date = v
                    .as_i64()
                    .filter(|_| DATE_KEYS.contains(&key.as_str()))
                    .and_then(|delta| previous.checked_add(delta))
                    .and_then(|days| {
                        let days = i32::try_from(days).ok()?;
                        Some((days, chrono::NaiveDate::from_num_days_from_ce_opt(days)?))
                    });
                match date {
                    Some((days, date)) => {
                        *v = Value::from(date.format("%Y-%m-%d").to_string());
                        *previous = i64::from(days);
                    }
                    None => deltas_to_dates(v, previous),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| deltas_to_dates(v, previous)),
        _ => {}
    }
}

/// `base` (the app's address, without fragment) plus `#share=` and the encoded `text`, or
/// [`ShareError::TooLong`].
pub fn link(base: &str, text: &str) -> Result<String, ShareError> {
    let link = format!("{base}#{FRAGMENT_KEY}{}", encode(text));
    let chars = link.chars().count();
    if chars > MAX_LINK_CHARS {
        Err(ShareError::TooLong { chars })
    } else {
        Ok(link)
    }
}

/// The encoded payload of a `location.hash` (`#share=…`), if it holds one.
pub fn payload_of_fragment(hash: &str) -> Option<&str> {
    hash.strip_prefix('#')
        .unwrap_or(hash)
        .strip_prefix(FRAGMENT_KEY)
}
