//! Share links: the scenario's inputs only (the engine's compact text of it, never results),
//! deflated and base64url-encoded into the URL fragment `#share=…`. The fragment never reaches
//! a server, so sharing needs no network; opening a link shows the same validated preview as a
//! file import and replaces nothing until the user confirms. This module only carries text:
//! what the text says is the engine's (`jss_engine::scenario::compact`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jss_engine::scenario::compact::{from_compact, to_compact};
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
    /// The text is not a valid scenario: the problems, one line each, as a file import lists
    /// them.
    NotScenario { problems: Vec<String> },
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
            ShareError::NotScenario { problems } => write!(
                f,
                "This share link does not hold a valid scenario: {}",
                problems.join("; ")
            ),
        }
    }
}

/// The text a link carries for `scenario`: the engine's compact text of it as of `today`
/// (`jss_engine::scenario::compact`: no nulls or empty lists, dates as day deltas).
pub fn share_text(scenario: &Scenario, today: chrono::NaiveDate) -> String {
    let mut scenario = scenario.clone();
    scenario.as_of = Some(today);
    to_compact(&scenario)
}

/// Deflates and base64url-encodes `text`.
pub fn encode(text: &str) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9))
}

/// The inverse of [`encode`]; any damage gives an error, never a panic.
pub fn decode(payload: &str) -> Result<String, ShareError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim())
        .map_err(|_| ShareError::NotBase64)?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_INFLATED_BYTES)
        .map_err(|_| ShareError::NotCompressed)?;
    String::from_utf8(inflated).map_err(|_| ShareError::NotText)
}

/// The scenario a link's payload holds, validated as a file import is.
pub fn open(payload: &str) -> Result<Scenario, ShareError> {
    from_compact(&decode(payload)?).map_err(|problems| ShareError::NotScenario {
        problems: problems.iter().map(ToString::to_string).collect(),
    })
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
