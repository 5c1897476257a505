//! Rule sets (eras) and the named parameters of the model.
//!
//! `MODEL.md` §1 and §3.7: a scenario picks an era and may override any parameter by name.
//! Every parameter carries its default, type and range, the eras it applies to, its source ids
//! and a provenance label, so the UI can show where each number comes from.
//!
//! Two layers:
//! - [`PARAMS`] is the static catalog. [`check_param`] validates one `rules` entry against it
//!   (the scenario parser calls it for every key other than `era`).
//! - [`Params`] is the resolved, typed parameter set: era defaults with the overrides applied.
//!   The scorer reads its fields directly, so no hot code looks a parameter up by name.
//!
//! Era differences are expressed as per-era defaults (for example `tier_2_weight` is 1.25 in
//! `current` and `y2020` but 1.0 in `legacy`), so a user can also switch a legacy rule on in a
//! current scenario by overriding it.

use std::collections::BTreeMap;
use std::fmt;

use crate::money::Money;

pub mod sources;

/// The era whose rules apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Era {
    /// September 2024 on.
    #[default]
    Current,
    /// November 2020 – August 2024.
    Y2020,
    /// 2015 – October 2020.
    Legacy,
}

impl Era {
    pub const ALL: [Era; 3] = [Era::Current, Era::Y2020, Era::Legacy];

    pub fn as_str(self) -> &'static str {
        match self {
            Era::Current => "current",
            Era::Y2020 => "y2020",
            Era::Legacy => "legacy",
        }
    }

    pub fn parse(text: &str) -> Option<Era> {
        Era::ALL.into_iter().find(|e| e.as_str() == text)
    }

    fn index(self) -> usize {
        match self {
            Era::Current => 0,
            Era::Y2020 => 1,
            Era::Legacy => 2,
        }
    }
}

/// A parameter value as given in a scenario's `rules`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamValue {
    Bool(bool),
    Number(f64),
}

impl ParamValue {
    pub fn as_bool(self) -> Option<bool> {
        match self {
            ParamValue::Bool(b) => Some(b),
            ParamValue::Number(_) => None,
        }
    }

    pub fn as_f64(self) -> Option<f64> {
        match self {
            ParamValue::Number(x) => Some(x),
            ParamValue::Bool(_) => None,
        }
    }
}

impl fmt::Display for ParamValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamValue::Bool(b) => write!(f, "{b}"),
            ParamValue::Number(x) => write!(f, "{x}"),
        }
    }
}

/// The era plus the user's overrides, validated against the parameter catalog.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rules {
    pub era: Era,
    /// Parameter name → value. Only known names with values of the right type and range.
    pub overrides: BTreeMap<String, ParamValue>,
}

/// Where a parameter's default comes from (`upwork-rules.md` source types, grouped).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provenance {
    /// An Upwork Help Center article or staff announcement (OFF, ANN).
    Official,
    /// An Upwork moderator or community manager in a forum thread (MOD), or internal pages.
    Moderator,
    /// A community member or third party (COM, 3P).
    Community,
    /// No source gives the number: the model's own choice, open to calibration.
    Assumption,
}

impl Provenance {
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::Official => "official",
            Provenance::Moderator => "moderator",
            Provenance::Community => "community",
            Provenance::Assumption => "assumption",
        }
    }
}

/// The type and range of a parameter. Ranges are inclusive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamKind {
    Bool,
    /// Any finite number.
    Number {
        min: f64,
        max: f64,
    },
    /// A whole number (days, counts).
    Integer {
        min: i64,
        max: i64,
    },
    /// A star rating with at most two decimals.
    Stars {
        min: f64,
        max: f64,
    },
    /// A USD amount with at most two decimals.
    Usd {
        min: f64,
        max: f64,
    },
}

impl ParamKind {
    pub fn type_name(self) -> &'static str {
        match self {
            ParamKind::Bool => "boolean",
            ParamKind::Number { .. } => "number",
            ParamKind::Integer { .. } => "whole number",
            ParamKind::Stars { .. } => "star rating",
            ParamKind::Usd { .. } => "USD amount",
        }
    }
}

/// One entry of the parameter catalog.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    pub name: &'static str,
    pub kind: ParamKind,
    /// The default in each era, in [`Era::ALL`] order (`current`, `y2020`, `legacy`).
    pub defaults: [ParamValue; 3],
    /// The eras in which the parameter changes anything (informational: an override is accepted
    /// in every era).
    pub eras: &'static [Era],
    /// Source ids from `reference/upwork-rules.md` §5.
    pub sources: &'static [&'static str],
    pub provenance: Provenance,
}

impl ParamSpec {
    pub fn default_for(&self, era: Era) -> ParamValue {
        self.defaults[era.index()]
    }

    /// What the parameter does, in a sentence. The sentences are kept out of the catalog: the
    /// catalog ships wherever a scenario is validated (the app's first screen), the sentences
    /// only where the settings page shows them.
    pub fn description(&self) -> &'static str {
        match self.name {
            "positive_min_stars" => "Client feedback at or above this many stars is a positive outcome.",
            "negative_below_stars" => "Client feedback below this many stars is a negative outcome.",
            "end_reason_override" => "A client ending with reason not_completed makes a non-negative rating neutral.",
            "long_term_counts_positive" => "A long-term relationship without feedback (payments at most 90 days apart) is positive.",
            "long_term_max_gap_days" => "Longest gap between payments (and, while open, since the last one) of a long-term contract.",
            "long_term_min_span_days" => "Shortest span from the first to the last payment of a long-term contract.",
            "inactive_open_counts" => "An open contract without payments for inactive_open_days counts as ended without feedback.",
            "inactive_open_days" => "Days without a payment after which a legacy open contract becomes an outcome.",
            "no_feedback_pattern_rule" => "Contracts ended without feedback beyond a share of a window count neutral or negative.",
            "no_feedback_pattern_share" => "Share of a window's contracts that may end without feedback before the excess counts.",
            "tier_1_max_usd" => "Earnings up to this amount weigh tier_1_weight.",
            "tier_2_max_usd" => "Earnings above tier_1_max_usd and up to this amount weigh tier_2_weight.",
            "tier_1_weight" => "Weight of a contract earning $0 to tier_1_max_usd.",
            "tier_2_weight" => "Weight of a contract earning up to tier_2_max_usd (legacy: no earnings tiers).",
            "tier_3_weight" => "Weight of a contract earning more than tier_2_max_usd (legacy: no earnings tiers).",
            "length_bonus_period_days" => "Each complete period of this length with a payment adds one to the weight.",
            "max_weight" => "Cap on a contract's weight (tier plus length bonus).",
            "min_outcomes" => "Outcomes a window needs before it has a score.",
            "min_clients" => "Distinct clients a window's outcomes need before it has a score.",
            "eligibility_min_outcomes" => "Outcomes in the 24-month window needed to have any JSS.",
            "eligibility_min_clients" => "Distinct clients in the 24-month window needed to have any JSS.",
            "update_interval_days" => "Days between JSS recalculations, anchored on Sunday 2015-03-01.",
            "top_rated_min_jss" => "Top Rated needs at least this JSS now and in most weekly checks.",
            "top_rated_weeks_required" => "Weekly checks (of top_rated_weeks_window) that must meet top_rated_min_jss.",
            "top_rated_weeks_window" => "Number of recent Saturday checks looked at for Top Rated.",
            "top_rated_min_earnings_usd" => "Earnings in the last 12 months needed for Top Rated.",
            "top_rated_first_contract_days" => "The first contract must have started more than this many days ago.",
            "top_rated_plus_min_earnings_usd" => "Earnings in the last 12 months needed for Top Rated Plus.",
            "large_contract" => "Earnings in the last 12 months on one contract that make it large (Top Rated Plus).",
            "compliance_warning_below" => "A JSS below this may trigger a Terms of Service compliance review.",
            "feedback_window_days" => "Days after the end during which either party may leave feedback.",
            "fp_review_days" => "Days the client has to review a submission before funds release automatically.",
            "security_hold_days" => "Days released fixed-price funds are held before they are available.",
            "hourly_funds_available_days" => "Days after the billing week ends until hourly funds are available (a Wednesday).",
            "escrow_refund_response_days" => "Days the freelancer has to accept or dispute a client's escrow refund; silence accepts.",
            "refund_credit_business_days" => "Business days until a refunded escrow reaches the client's payment method.",
            "freelancer_dispute_days" => "Days after the end within which the freelancer may dispute an escrow refund.",
            "client_dispute_response_business_days" => "Business days the client has to answer a dispute before funds go to the freelancer.",
            "mediation_proposal_days" => "Days until the mediator's proposal.",
            "mediation_accept_days" => "Days both parties have to accept the mediation proposal.",
            "arbitration_opt_in_days" => "Days to opt into arbitration after mediation fails.",
            "hourly_dispute_response_days" => "Calendar days the freelancer has to answer a client's dispute of hours.",
            "hourly_inactivity_warning_days" => "Days without logged time before the client is warned about an idle hourly contract.",
            "client_silent_days" => "Days without a payment after which an open contract's client counts as silent and the dashboard asks what to do; Upwork warns the client of an idle hourly contract at the same mark.",
            "hourly_inactivity_pause_days" => "Days without logged time before an hourly contract pauses; 0 means never.",
            "dormant_days" => "Days without activity after the last milestone's due date until a funded contract is dormant.",
            "dormant_first_notice_days" => "Day of the first dormancy notice.",
            "dormant_second_notice_days" => "Day of the second dormancy notice.",
            "dormant_client_action_days" => "Days the client has to act on a dormant contract.",
            "dormant_freelancer_request_days" => "Days the freelancer then has to request release of a dormant contract's escrow.",
            "dormant_client_review_days" => "Days the client has to approve or dispute that request; silence releases.",
            "min_milestone_usd" => "Smallest milestone amount.",
            _ => "",
        }
    }
}

/// Names that were once in the catalog and left it because no input could reach their rule.
/// A scenario that still sets one is read as if it did not (the value never changed a result),
/// so files written before the name left keep loading.
///
/// - `mid_contract_feedback_counts`: the format carries end-of-contract feedback only (the
///   parser refuses feedback on an open contract and feedback dated before the end), so no
///   scenario holds the mid-contract feedback the switch would count; MODEL §2 says it does not
///   count [S67][S68], which is what the engine does.
pub const RETIRED_PARAMS: &[&str] = &["mid_contract_feedback_counts"];

/// Looks a parameter up in the catalog.
pub fn param_spec(name: &str) -> Option<&'static ParamSpec> {
    PARAMS.iter().find(|p| p.name == name)
}

/// Checks one `rules` entry: the name must be a known parameter and the value of its type and
/// within its range. The error is a sentence fragment for the problem list (the caller adds
/// the path).
pub fn check_param(name: &str, value: &serde_json::Value) -> Result<ParamValue, String> {
    let Some(spec) = param_spec(name) else {
        return Err(format!("`{name}` is not a known parameter"));
    };
    let wrong_type = || {
        format!(
            "`{name}` must be a {}, got {}",
            spec.kind.type_name(),
            json_type_name(value)
        )
    };
    match spec.kind {
        ParamKind::Bool => value.as_bool().map(ParamValue::Bool).ok_or_else(wrong_type),
        ParamKind::Number { min, max } => {
            let x = value.as_f64().ok_or_else(wrong_type)?;
            check_range(name, x, min, max)
        }
        ParamKind::Integer { min, max } => {
            let x = value.as_f64().ok_or_else(wrong_type)?;
            if x.fract() != 0.0 {
                return Err(format!("`{name}` must be a whole number, got {x}"));
            }
            check_range(name, x, min as f64, max as f64)
        }
        ParamKind::Stars { min, max } | ParamKind::Usd { min, max } => {
            let x = value.as_f64().ok_or_else(wrong_type)?;
            if !has_at_most_two_decimals(x) {
                return Err(format!("`{name}` must have at most two decimals, got {x}"));
            }
            check_range(name, x, min, max)
        }
    }
}

fn check_range(name: &str, x: f64, min: f64, max: f64) -> Result<ParamValue, String> {
    if !(x.is_finite() && min <= x && x <= max) {
        return Err(format!("`{name}` must be between {min} and {max}, got {x}"));
    }
    Ok(ParamValue::Number(x))
}

fn has_at_most_two_decimals(x: f64) -> bool {
    let hundredths = x * 100.0;
    x.is_finite() && (hundredths - hundredths.round()).abs() <= 1e-6 * hundredths.abs().max(1.0)
}

fn json_type_name(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

const ALL_ERAS: &[Era] = &Era::ALL;
const LEGACY_ONLY: &[Era] = &[Era::Legacy];

const fn b(x: bool) -> [ParamValue; 3] {
    [ParamValue::Bool(x); 3]
}

const fn n(x: f64) -> [ParamValue; 3] {
    [ParamValue::Number(x); 3]
}

/// Per-era numbers in [`Era::ALL`] order.
const fn per_era(current: f64, y2020: f64, legacy: f64) -> [ParamValue; 3] {
    [
        ParamValue::Number(current),
        ParamValue::Number(y2020),
        ParamValue::Number(legacy),
    ]
}

/// Per-era booleans in [`Era::ALL`] order.
const fn per_era_bool(current: bool, y2020: bool, legacy: bool) -> [ParamValue; 3] {
    [
        ParamValue::Bool(current),
        ParamValue::Bool(y2020),
        ParamValue::Bool(legacy),
    ]
}

const fn days(min: i64, max: i64) -> ParamKind {
    ParamKind::Integer { min, max }
}

const fn usd(min: f64, max: f64) -> ParamKind {
    ParamKind::Usd { min, max }
}

const STARS: ParamKind = ParamKind::Stars { min: 1.0, max: 5.0 };
const WEIGHT: ParamKind = ParamKind::Number {
    min: 0.0,
    max: 100.0,
};
const PERCENT: ParamKind = ParamKind::Integer { min: 0, max: 100 };
/// Counts of outcomes or clients: at most [`MAX_TRACKED_CLIENTS`] for client minimums so the
/// scorer can track distinct clients in a fixed-size array.
const CLIENTS: ParamKind = ParamKind::Integer {
    min: 1,
    max: MAX_TRACKED_CLIENTS as i64,
};
const OUTCOMES: ParamKind = ParamKind::Integer { min: 1, max: 1000 };

/// The largest `min_clients` / `eligibility_min_clients` the catalog accepts.
pub const MAX_TRACKED_CLIENTS: usize = 8;

/// The parameter catalog. Names are stable: scenarios refer to them.
pub static PARAMS: &[ParamSpec] = &[
    // ---- Outcome classes (MODEL §3.1) ----
    ParamSpec {
        name: "positive_min_stars",
        kind: STARS,
        defaults: n(4.8),
        eras: ALL_ERAS,
        sources: &["S6", "S44"],
        provenance: Provenance::Assumption,
    },
    ParamSpec {
        name: "negative_below_stars",
        kind: STARS,
        defaults: n(4.0),
        eras: ALL_ERAS,
        sources: &["S44"],
        provenance: Provenance::Assumption,
    },
    ParamSpec {
        name: "end_reason_override",
        kind: ParamKind::Bool,
        defaults: b(true),
        eras: ALL_ERAS,
        sources: &["S7"],
        provenance: Provenance::Assumption,
    },
    ParamSpec {
        name: "long_term_counts_positive",
        kind: ParamKind::Bool,
        defaults: b(true),
        eras: ALL_ERAS,
        sources: &["S7", "S8"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "long_term_max_gap_days",
        kind: days(1, 365),
        defaults: n(90.0),
        eras: ALL_ERAS,
        sources: &["S7"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "long_term_min_span_days",
        kind: days(1, 3650),
        defaults: n(90.0),
        eras: ALL_ERAS,
        sources: &["S7", "S8"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "inactive_open_counts",
        kind: ParamKind::Bool,
        defaults: per_era_bool(false, false, true),
        eras: LEGACY_ONLY,
        sources: &["S9", "S78", "S81"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "inactive_open_days",
        kind: days(30, 365),
        defaults: n(90.0),
        eras: LEGACY_ONLY,
        sources: &["S9", "S79", "S80"],
        provenance: Provenance::Assumption,
    },
    ParamSpec {
        name: "no_feedback_pattern_rule",
        kind: ParamKind::Bool,
        defaults: per_era_bool(false, false, true),
        eras: LEGACY_ONLY,
        sources: &["S1", "S64", "S74", "S75"],
        provenance: Provenance::Moderator,
    },
    ParamSpec {
        name: "no_feedback_pattern_share",
        kind: ParamKind::Number { min: 0.0, max: 1.0 },
        defaults: n(0.30),
        eras: LEGACY_ONLY,
        sources: &["S1", "S75", "S76"],
        provenance: Provenance::Assumption,
    },
    // ---- Weights (MODEL §3.3) ----
    ParamSpec {
        name: "tier_1_max_usd",
        kind: usd(0.0, 1_000_000.0),
        defaults: n(250.0),
        eras: ALL_ERAS,
        sources: &["S7"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "tier_2_max_usd",
        kind: usd(0.0, 1_000_000.0),
        defaults: n(1000.0),
        eras: ALL_ERAS,
        sources: &["S7"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "tier_1_weight",
        kind: WEIGHT,
        defaults: n(1.0),
        eras: ALL_ERAS,
        sources: &["S7"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "tier_2_weight",
        kind: WEIGHT,
        defaults: per_era(1.25, 1.25, 1.0),
        eras: ALL_ERAS,
        sources: &["S3", "S7"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "tier_3_weight",
        kind: WEIGHT,
        defaults: per_era(1.5, 1.5, 1.0),
        eras: ALL_ERAS,
        sources: &["S3", "S7"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "length_bonus_period_days",
        kind: days(1, 365),
        defaults: n(90.0),
        eras: ALL_ERAS,
        sources: &["S7"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "max_weight",
        kind: WEIGHT,
        defaults: n(8.0),
        eras: ALL_ERAS,
        sources: &["S7"],
        provenance: Provenance::Official,
    },
    // ---- Windows, minimums and cadence (MODEL §3.4, §3.6) ----
    ParamSpec {
        name: "min_outcomes",
        kind: OUTCOMES,
        defaults: n(2.0),
        eras: ALL_ERAS,
        sources: &["S5", "S6", "S7"],
        provenance: Provenance::Assumption,
    },
    ParamSpec {
        name: "min_clients",
        kind: CLIENTS,
        defaults: n(2.0),
        eras: ALL_ERAS,
        sources: &["S5", "S6", "S7"],
        provenance: Provenance::Assumption,
    },
    ParamSpec {
        name: "eligibility_min_outcomes",
        kind: OUTCOMES,
        defaults: per_era(2.0, 2.0, 4.0),
        eras: ALL_ERAS,
        sources: &["S6", "S7", "S39", "S89", "S91"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "eligibility_min_clients",
        kind: CLIENTS,
        defaults: per_era(2.0, 2.0, 3.0),
        eras: ALL_ERAS,
        sources: &["S4", "S6", "S7", "S89"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "update_interval_days",
        kind: days(1, 28),
        defaults: per_era(1.0, 14.0, 14.0),
        eras: ALL_ERAS,
        sources: &["S5", "S7", "S28c"],
        provenance: Provenance::Official,
    },
    // ---- Badges and bands (MODEL §4) ----
    ParamSpec {
        name: "top_rated_min_jss",
        kind: PERCENT,
        defaults: n(90.0),
        eras: ALL_ERAS,
        sources: &["S100"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "top_rated_weeks_required",
        kind: days(1, 52),
        defaults: n(13.0),
        eras: ALL_ERAS,
        sources: &["S100", "S101"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "top_rated_weeks_window",
        kind: days(1, 52),
        defaults: n(16.0),
        eras: ALL_ERAS,
        sources: &["S100", "S101"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "top_rated_min_earnings_usd",
        kind: usd(0.0, 1_000_000.0),
        defaults: n(1000.0),
        eras: ALL_ERAS,
        sources: &["S100"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "top_rated_first_contract_days",
        kind: days(0, 3650),
        defaults: n(90.0),
        eras: ALL_ERAS,
        sources: &["S100"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "top_rated_plus_min_earnings_usd",
        kind: usd(0.0, 10_000_000.0),
        defaults: n(10_000.0),
        eras: ALL_ERAS,
        sources: &["S36", "S102"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "large_contract",
        kind: usd(0.0, 10_000_000.0),
        defaults: n(10_000.0),
        eras: ALL_ERAS,
        sources: &["S102", "S103"],
        provenance: Provenance::Moderator,
    },
    ParamSpec {
        name: "compliance_warning_below",
        kind: PERCENT,
        defaults: n(70.0),
        eras: ALL_ERAS,
        sources: &["S92"],
        provenance: Provenance::Official,
    },
    // ---- Timers (MODEL §2, upwork-rules.md §4) ----
    ParamSpec {
        name: "feedback_window_days",
        kind: days(1, 60),
        defaults: n(14.0),
        eras: ALL_ERAS,
        sources: &["S22", "S28b"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "fp_review_days",
        kind: days(1, 60),
        defaults: n(14.0),
        eras: ALL_ERAS,
        sources: &["S32"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "security_hold_days",
        kind: days(0, 30),
        defaults: n(5.0),
        eras: ALL_ERAS,
        sources: &["S10", "S33"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "hourly_funds_available_days",
        kind: days(0, 30),
        defaults: n(10.0),
        eras: ALL_ERAS,
        sources: &["S10", "S26"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "escrow_refund_response_days",
        kind: days(1, 30),
        defaults: n(7.0),
        eras: ALL_ERAS,
        sources: &["S52", "S53"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "refund_credit_business_days",
        kind: days(0, 30),
        defaults: n(5.0),
        eras: ALL_ERAS,
        sources: &["S52"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "freelancer_dispute_days",
        kind: days(1, 30),
        defaults: n(7.0),
        eras: ALL_ERAS,
        sources: &["S27"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "client_dispute_response_business_days",
        kind: days(1, 30),
        defaults: n(5.0),
        eras: ALL_ERAS,
        sources: &["S27", "S34"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "mediation_proposal_days",
        kind: days(1, 30),
        defaults: n(2.0),
        eras: ALL_ERAS,
        sources: &["S27"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "mediation_accept_days",
        kind: days(1, 30),
        defaults: n(2.0),
        eras: ALL_ERAS,
        sources: &["S27"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "arbitration_opt_in_days",
        kind: days(1, 30),
        defaults: n(7.0),
        eras: ALL_ERAS,
        sources: &["S56"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "hourly_dispute_response_days",
        kind: days(1, 30),
        defaults: n(3.0),
        eras: ALL_ERAS,
        sources: &["S21"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "hourly_inactivity_warning_days",
        kind: days(1, 365),
        defaults: n(30.0),
        eras: ALL_ERAS,
        sources: &["S20"],
        provenance: Provenance::Moderator,
    },
    ParamSpec {
        name: "client_silent_days",
        kind: days(7, 365),
        defaults: n(30.0),
        eras: ALL_ERAS,
        sources: &["S20", "S2"],
        provenance: Provenance::Moderator,
    },
    ParamSpec {
        name: "hourly_inactivity_pause_days",
        kind: days(0, 365),
        defaults: per_era(0.0, 0.0, 30.0),
        eras: LEGACY_ONLY,
        sources: &["S2", "S20"],
        provenance: Provenance::Moderator,
    },
    ParamSpec {
        name: "dormant_days",
        kind: days(1, 365),
        defaults: n(90.0),
        eras: ALL_ERAS,
        sources: &["S24"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "dormant_first_notice_days",
        kind: days(1, 365),
        defaults: n(76.0),
        eras: ALL_ERAS,
        sources: &["S24"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "dormant_second_notice_days",
        kind: days(1, 365),
        defaults: n(83.0),
        eras: ALL_ERAS,
        sources: &["S24"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "dormant_client_action_days",
        kind: days(1, 60),
        defaults: n(7.0),
        eras: ALL_ERAS,
        sources: &["S24"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "dormant_freelancer_request_days",
        kind: days(1, 60),
        defaults: n(7.0),
        eras: ALL_ERAS,
        sources: &["S24"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "dormant_client_review_days",
        kind: days(1, 60),
        defaults: n(14.0),
        eras: ALL_ERAS,
        sources: &["S24"],
        provenance: Provenance::Official,
    },
    ParamSpec {
        name: "min_milestone_usd",
        kind: usd(0.0, 1000.0),
        defaults: n(5.0),
        eras: ALL_ERAS,
        sources: &["S12", "S13"],
        provenance: Provenance::Official,
    },
];

/// The resolved, typed parameters the engine reads. Built by [`Params::resolve`]; the fields are
/// public so simulations and calibration can vary them directly.
///
/// Star thresholds are held in hundredths of a star (like [`crate::scenario::Stars`]) so that
/// comparisons are exact; amounts are [`Money`]; day counts are `i64` so date arithmetic needs
/// no conversions.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub era: Era,
    pub positive_min_stars_hundredths: u16,
    pub negative_below_stars_hundredths: u16,
    pub end_reason_override: bool,
    pub long_term_counts_positive: bool,
    pub long_term_max_gap_days: i64,
    pub long_term_min_span_days: i64,
    pub inactive_open_counts: bool,
    pub inactive_open_days: i64,
    pub no_feedback_pattern_rule: bool,
    pub no_feedback_pattern_share: f64,
    pub tier_1_max: Money,
    pub tier_2_max: Money,
    pub tier_1_weight: f64,
    pub tier_2_weight: f64,
    pub tier_3_weight: f64,
    pub length_bonus_period_days: i64,
    pub max_weight: f64,
    pub min_outcomes: u32,
    pub min_clients: u32,
    pub eligibility_min_outcomes: u32,
    pub eligibility_min_clients: u32,
    pub update_interval_days: i64,
    pub top_rated_min_jss: u8,
    pub top_rated_weeks_required: u32,
    pub top_rated_weeks_window: u32,
    pub top_rated_min_earnings: Money,
    pub top_rated_first_contract_days: i64,
    pub top_rated_plus_min_earnings: Money,
    pub large_contract: Money,
    pub compliance_warning_below: u8,
    pub feedback_window_days: i64,
    pub fp_review_days: i64,
    pub security_hold_days: i64,
    pub hourly_funds_available_days: i64,
    pub escrow_refund_response_days: i64,
    pub refund_credit_business_days: i64,
    pub freelancer_dispute_days: i64,
    pub client_dispute_response_business_days: i64,
    pub mediation_proposal_days: i64,
    pub mediation_accept_days: i64,
    pub arbitration_opt_in_days: i64,
    pub hourly_dispute_response_days: i64,
    pub hourly_inactivity_warning_days: i64,
    pub client_silent_days: i64,
    pub hourly_inactivity_pause_days: i64,
    pub dormant_days: i64,
    pub dormant_first_notice_days: i64,
    pub dormant_second_notice_days: i64,
    pub dormant_client_action_days: i64,
    pub dormant_freelancer_request_days: i64,
    pub dormant_client_review_days: i64,
    pub min_milestone: Money,
}

impl Params {
    /// The defaults of an era.
    pub fn for_era(era: Era) -> Params {
        Params::resolve(&Rules {
            era,
            overrides: BTreeMap::new(),
        })
    }

    /// The era's defaults with the rule set's overrides applied.
    ///
    /// `Rules` has public fields, so it may hold values the parser would have rejected. Such an
    /// override (unknown name, wrong type, out of range) is ignored and the default stays: this
    /// function never fails and never panics.
    pub fn resolve(rules: &Rules) -> Params {
        let mut params = Params::zeroed(rules.era);
        for spec in PARAMS {
            let default = spec.default_for(rules.era);
            let value = rules
                .overrides
                .get(spec.name)
                .copied()
                .filter(|v| value_fits(spec.kind, *v))
                .unwrap_or(default);
            params.set(spec.name, value);
        }
        params
    }

    /// The value of a parameter by name, for display (not for hot code).
    pub fn get(&self, name: &str) -> Option<ParamValue> {
        let number = |x: f64| Some(ParamValue::Number(x));
        let money = |m: Money| number(m.to_usd());
        let stars = |h: u16| number(f64::from(h) / 100.0);
        let int = |x: i64| number(x as f64);
        let flag = |b: bool| Some(ParamValue::Bool(b));
        match name {
            "positive_min_stars" => stars(self.positive_min_stars_hundredths),
            "negative_below_stars" => stars(self.negative_below_stars_hundredths),
            "end_reason_override" => flag(self.end_reason_override),
            "long_term_counts_positive" => flag(self.long_term_counts_positive),
            "long_term_max_gap_days" => int(self.long_term_max_gap_days),
            "long_term_min_span_days" => int(self.long_term_min_span_days),
            "inactive_open_counts" => flag(self.inactive_open_counts),
            "inactive_open_days" => int(self.inactive_open_days),
            "no_feedback_pattern_rule" => flag(self.no_feedback_pattern_rule),
            "no_feedback_pattern_share" => number(self.no_feedback_pattern_share),
            "tier_1_max_usd" => money(self.tier_1_max),
            "tier_2_max_usd" => money(self.tier_2_max),
            "tier_1_weight" => number(self.tier_1_weight),
            "tier_2_weight" => number(self.tier_2_weight),
            "tier_3_weight" => number(self.tier_3_weight),
            "length_bonus_period_days" => int(self.length_bonus_period_days),
            "max_weight" => number(self.max_weight),
            "min_outcomes" => int(i64::from(self.min_outcomes)),
            "min_clients" => int(i64::from(self.min_clients)),
            "eligibility_min_outcomes" => int(i64::from(self.eligibility_min_outcomes)),
            "eligibility_min_clients" => int(i64::from(self.eligibility_min_clients)),
            "update_interval_days" => int(self.update_interval_days),
            "top_rated_min_jss" => int(i64::from(self.top_rated_min_jss)),
            "top_rated_weeks_required" => int(i64::from(self.top_rated_weeks_required)),
            "top_rated_weeks_window" => int(i64::from(self.top_rated_weeks_window)),
            "top_rated_min_earnings_usd" => money(self.top_rated_min_earnings),
            "top_rated_first_contract_days" => int(self.top_rated_first_contract_days),
            "top_rated_plus_min_earnings_usd" => money(self.top_rated_plus_min_earnings),
            "large_contract" => money(self.large_contract),
            "compliance_warning_below" => int(i64::from(self.compliance_warning_below)),
            "feedback_window_days" => int(self.feedback_window_days),
            "fp_review_days" => int(self.fp_review_days),
            "security_hold_days" => int(self.security_hold_days),
            "hourly_funds_available_days" => int(self.hourly_funds_available_days),
            "escrow_refund_response_days" => int(self.escrow_refund_response_days),
            "refund_credit_business_days" => int(self.refund_credit_business_days),
            "freelancer_dispute_days" => int(self.freelancer_dispute_days),
            "client_dispute_response_business_days" => {
                int(self.client_dispute_response_business_days)
            }
            "mediation_proposal_days" => int(self.mediation_proposal_days),
            "mediation_accept_days" => int(self.mediation_accept_days),
            "arbitration_opt_in_days" => int(self.arbitration_opt_in_days),
            "hourly_dispute_response_days" => int(self.hourly_dispute_response_days),
            "hourly_inactivity_warning_days" => int(self.hourly_inactivity_warning_days),
            "client_silent_days" => int(self.client_silent_days),
            "hourly_inactivity_pause_days" => int(self.hourly_inactivity_pause_days),
            "dormant_days" => int(self.dormant_days),
            "dormant_first_notice_days" => int(self.dormant_first_notice_days),
            "dormant_second_notice_days" => int(self.dormant_second_notice_days),
            "dormant_client_action_days" => int(self.dormant_client_action_days),
            "dormant_freelancer_request_days" => int(self.dormant_freelancer_request_days),
            "dormant_client_review_days" => int(self.dormant_client_review_days),
            "min_milestone_usd" => money(self.min_milestone),
            _ => None,
        }
    }

    /// Sets one field from a value already checked against the catalog. Returns false for an
    /// unknown name or a value of the wrong type (a test checks every catalog name is handled).
    fn set(&mut self, name: &str, value: ParamValue) -> bool {
        match value {
            ParamValue::Bool(flag) => self.set_bool(name, flag),
            ParamValue::Number(x) => self.set_number(name, x),
        }
    }

    fn set_bool(&mut self, name: &str, flag: bool) -> bool {
        let field = match name {
            "end_reason_override" => &mut self.end_reason_override,
            "long_term_counts_positive" => &mut self.long_term_counts_positive,
            "inactive_open_counts" => &mut self.inactive_open_counts,
            "no_feedback_pattern_rule" => &mut self.no_feedback_pattern_rule,
            _ => return false,
        };
        *field = flag;
        true
    }

    fn set_number(&mut self, name: &str, x: f64) -> bool {
        // Values reaching here passed `value_fits`, so they are finite and in range; the casts
        // below therefore cannot saturate in practice, and `as` never panics anyway.
        let stars = (x * 100.0).round() as u16;
        let money = Money::from_usd(x).unwrap_or(Money::ZERO);
        let int = x as i64;
        let count = x as u32;
        let percent = x as u8;
        match name {
            "positive_min_stars" => self.positive_min_stars_hundredths = stars,
            "negative_below_stars" => self.negative_below_stars_hundredths = stars,
            "long_term_max_gap_days" => self.long_term_max_gap_days = int,
            "long_term_min_span_days" => self.long_term_min_span_days = int,
            "inactive_open_days" => self.inactive_open_days = int,
            "no_feedback_pattern_share" => self.no_feedback_pattern_share = x,
            "tier_1_max_usd" => self.tier_1_max = money,
            "tier_2_max_usd" => self.tier_2_max = money,
            "tier_1_weight" => self.tier_1_weight = x,
            "tier_2_weight" => self.tier_2_weight = x,
            "tier_3_weight" => self.tier_3_weight = x,
            "length_bonus_period_days" => self.length_bonus_period_days = int,
            "max_weight" => self.max_weight = x,
            "min_outcomes" => self.min_outcomes = count,
            "min_clients" => self.min_clients = count,
            "eligibility_min_outcomes" => self.eligibility_min_outcomes = count,
            "eligibility_min_clients" => self.eligibility_min_clients = count,
            "update_interval_days" => self.update_interval_days = int,
            "top_rated_min_jss" => self.top_rated_min_jss = percent,
            "top_rated_weeks_required" => self.top_rated_weeks_required = count,
            "top_rated_weeks_window" => self.top_rated_weeks_window = count,
            "top_rated_min_earnings_usd" => self.top_rated_min_earnings = money,
            "top_rated_first_contract_days" => self.top_rated_first_contract_days = int,
            "top_rated_plus_min_earnings_usd" => self.top_rated_plus_min_earnings = money,
            "large_contract" => self.large_contract = money,
            "compliance_warning_below" => self.compliance_warning_below = percent,
            "feedback_window_days" => self.feedback_window_days = int,
            "fp_review_days" => self.fp_review_days = int,
            "security_hold_days" => self.security_hold_days = int,
            "hourly_funds_available_days" => self.hourly_funds_available_days = int,
            "escrow_refund_response_days" => self.escrow_refund_response_days = int,
            "refund_credit_business_days" => self.refund_credit_business_days = int,
            "freelancer_dispute_days" => self.freelancer_dispute_days = int,
            "client_dispute_response_business_days" => {
                self.client_dispute_response_business_days = int
            }
            "mediation_proposal_days" => self.mediation_proposal_days = int,
            "mediation_accept_days" => self.mediation_accept_days = int,
            "arbitration_opt_in_days" => self.arbitration_opt_in_days = int,
            "hourly_dispute_response_days" => self.hourly_dispute_response_days = int,
            "hourly_inactivity_warning_days" => self.hourly_inactivity_warning_days = int,
            "client_silent_days" => self.client_silent_days = int,
            "hourly_inactivity_pause_days" => self.hourly_inactivity_pause_days = int,
            "dormant_days" => self.dormant_days = int,
            "dormant_first_notice_days" => self.dormant_first_notice_days = int,
            "dormant_second_notice_days" => self.dormant_second_notice_days = int,
            "dormant_client_action_days" => self.dormant_client_action_days = int,
            "dormant_freelancer_request_days" => self.dormant_freelancer_request_days = int,
            "dormant_client_review_days" => self.dormant_client_review_days = int,
            "min_milestone_usd" => self.min_milestone = money,
            _ => return false,
        }
        true
    }

    /// A placeholder every field of which `resolve` overwrites from the catalog.
    fn zeroed(era: Era) -> Params {
        Params {
            era,
            positive_min_stars_hundredths: 0,
            negative_below_stars_hundredths: 0,
            end_reason_override: false,
            long_term_counts_positive: false,
            long_term_max_gap_days: 0,
            long_term_min_span_days: 0,
            inactive_open_counts: false,
            inactive_open_days: 0,
            no_feedback_pattern_rule: false,
            no_feedback_pattern_share: 0.0,
            tier_1_max: Money::ZERO,
            tier_2_max: Money::ZERO,
            tier_1_weight: 0.0,
            tier_2_weight: 0.0,
            tier_3_weight: 0.0,
            length_bonus_period_days: 0,
            max_weight: 0.0,
            min_outcomes: 0,
            min_clients: 0,
            eligibility_min_outcomes: 0,
            eligibility_min_clients: 0,
            update_interval_days: 0,
            top_rated_min_jss: 0,
            top_rated_weeks_required: 0,
            top_rated_weeks_window: 0,
            top_rated_min_earnings: Money::ZERO,
            top_rated_first_contract_days: 0,
            top_rated_plus_min_earnings: Money::ZERO,
            large_contract: Money::ZERO,
            compliance_warning_below: 0,
            feedback_window_days: 0,
            fp_review_days: 0,
            security_hold_days: 0,
            hourly_funds_available_days: 0,
            escrow_refund_response_days: 0,
            refund_credit_business_days: 0,
            freelancer_dispute_days: 0,
            client_dispute_response_business_days: 0,
            mediation_proposal_days: 0,
            mediation_accept_days: 0,
            arbitration_opt_in_days: 0,
            hourly_dispute_response_days: 0,
            hourly_inactivity_warning_days: 0,
            client_silent_days: 0,
            hourly_inactivity_pause_days: 0,
            dormant_days: 0,
            dormant_first_notice_days: 0,
            dormant_second_notice_days: 0,
            dormant_client_action_days: 0,
            dormant_freelancer_request_days: 0,
            dormant_client_review_days: 0,
            min_milestone: Money::ZERO,
        }
    }
}

/// Whether a value has the kind's type and lies in its range (the same test as
/// [`check_param`], on an already-typed value).
fn value_fits(kind: ParamKind, value: ParamValue) -> bool {
    match (kind, value) {
        (ParamKind::Bool, ParamValue::Bool(_)) => true,
        (ParamKind::Number { min, max }, ParamValue::Number(x)) => in_range(x, min, max),
        (ParamKind::Integer { min, max }, ParamValue::Number(x)) => {
            x.fract() == 0.0 && in_range(x, min as f64, max as f64)
        }
        (ParamKind::Stars { min, max } | ParamKind::Usd { min, max }, ParamValue::Number(x)) => {
            has_at_most_two_decimals(x) && in_range(x, min, max)
        }
        _ => false,
    }
}

fn in_range(x: f64, min: f64, max: f64) -> bool {
    x.is_finite() && min <= x && x <= max
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_catalog_parameter_resolves_and_reads_back_its_default() {
        for era in Era::ALL {
            let params = Params::for_era(era);
            for spec in PARAMS {
                let mut probe = params.clone();
                assert!(probe.set(spec.name, spec.default_for(era)), "{}", spec.name);
                assert_eq!(
                    params.get(spec.name),
                    Some(spec.default_for(era)),
                    "{}",
                    spec.name
                );
                assert!(
                    value_fits(spec.kind, spec.default_for(era)),
                    "{}",
                    spec.name
                );
            }
        }
    }

    #[test]
    fn catalog_names_are_unique_and_sourced() {
        for (i, spec) in PARAMS.iter().enumerate() {
            assert!(
                PARAMS[..i].iter().all(|p| p.name != spec.name),
                "{}",
                spec.name
            );
            assert!(!spec.sources.is_empty(), "{}", spec.name);
            assert!(!spec.description().is_empty(), "{}", spec.name);
        }
    }

    #[test]
    fn check_param_validates_name_type_and_range() {
        let cases: &[(&str, serde_json::Value, Result<ParamValue, &str>)] = &[
            (
                "positive_min_stars",
                json!(4.5),
                Ok(ParamValue::Number(4.5)),
            ),
            (
                "positive_min_stars",
                json!(5.5),
                Err("`positive_min_stars` must be between 1 and 5, got 5.5"),
            ),
            (
                "positive_min_stars",
                json!(4.555),
                Err("`positive_min_stars` must have at most two decimals, got 4.555"),
            ),
            (
                "positive_min_stars",
                json!("4.8"),
                Err("`positive_min_stars` must be a star rating, got a string"),
            ),
            (
                "end_reason_override",
                json!(false),
                Ok(ParamValue::Bool(false)),
            ),
            (
                "end_reason_override",
                json!(1),
                Err("`end_reason_override` must be a boolean, got a number"),
            ),
            (
                "min_outcomes",
                json!(2.5),
                Err("`min_outcomes` must be a whole number, got 2.5"),
            ),
            (
                "min_clients",
                json!(9),
                Err("`min_clients` must be between 1 and 8, got 9"),
            ),
            (
                "large_contract",
                json!(5000),
                Ok(ParamValue::Number(5000.0)),
            ),
            (
                "no_feedback_pattern_share",
                json!(0.25),
                Ok(ParamValue::Number(0.25)),
            ),
            (
                "ruleset",
                json!(1),
                Err("`ruleset` is not a known parameter"),
            ),
        ];
        for (name, value, expected) in cases {
            let got = check_param(name, value);
            assert_eq!(got, (*expected).map_err(str::to_owned), "{name} = {value}");
        }
    }

    #[test]
    fn resolve_applies_overrides_and_ignores_invalid_ones() {
        let mut overrides = BTreeMap::new();
        overrides.insert("positive_min_stars".to_owned(), ParamValue::Number(4.5));
        overrides.insert("large_contract".to_owned(), ParamValue::Number(5000.0));
        overrides.insert("min_clients".to_owned(), ParamValue::Number(99.0));
        overrides.insert("end_reason_override".to_owned(), ParamValue::Number(1.0));
        let params = Params::resolve(&Rules {
            era: Era::Legacy,
            overrides,
        });
        assert_eq!(params.positive_min_stars_hundredths, 450);
        assert_eq!(params.large_contract, Money::from_cents(500_000));
        assert_eq!(params.min_clients, 2);
        assert!(params.end_reason_override);
        assert_eq!(params.eligibility_min_outcomes, 4);
        assert_eq!(params.eligibility_min_clients, 3);
        assert_eq!(params.tier_3_weight, 1.0);
        assert!(params.no_feedback_pattern_rule);
        assert_eq!(Params::for_era(Era::Current).tier_3_weight, 1.5);
        assert_eq!(Params::for_era(Era::Y2020).update_interval_days, 14);
    }
}
