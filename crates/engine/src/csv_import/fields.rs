//! Parsing the text of single cells: dates, amounts, hours and rates, contract labels.
//!
//! Every function is total: bad text gives `Err(reason)` or `None`, never a panic.

use chrono::NaiveDate;

use crate::money::{Money, MAX_AMOUNT_CENTS};

/// `Oct 3, 2021` (A and B), `October 3, 2021`, or ISO `2024-04-15` (C). Whitespace is collapsed
/// first (the exports carry NBSPs).
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let collapsed = text
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if collapsed.is_empty() {
        return Err("is empty; a date is required".to_string());
    }
    for pattern in ["%Y-%m-%d", "%b %d, %Y", "%B %d, %Y", "%b %d %Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(&collapsed, pattern) {
            return Ok(date);
        }
    }
    Err(format!(
        "`{}` is not a date like `Oct 3, 2021` or `2021-10-03`",
        shorten(text)
    ))
}

/// A signed USD amount: `258.00`, `-0.99`, and defensively `$1,234.50`, `($17.50)`, `-$0.99`.
/// At most two decimals and below 10^9 dollars; computed on the digits, never through `f64`.
pub(crate) fn parse_amount(text: &str) -> Result<Money, String> {
    let bad = || {
        format!(
            "`{}` is not an amount like `258.00` or `-0.99`",
            shorten(text)
        )
    };
    let mut rest: &str = text.trim();
    if rest.is_empty() {
        return Err("is empty; an amount is required".to_string());
    }
    let mut negative = false;
    if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        rest = inner.trim();
    }
    if let Some(r) = rest.strip_prefix('-') {
        negative = !negative;
        rest = r.trim_start();
    } else if let Some(r) = rest.strip_prefix('+') {
        rest = r.trim_start();
    }
    if let Some(r) = rest.strip_prefix("US$").or_else(|| rest.strip_prefix('$')) {
        rest = r.trim_start();
    }
    if let Some(r) = rest.strip_prefix('-') {
        // `$-5.00`
        negative = !negative;
        rest = r;
    }
    let digits: String = rest.chars().filter(|c| *c != ',').collect();
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (digits.as_str(), ""),
    };
    if whole.is_empty() && fraction.is_empty() {
        return Err(bad());
    }
    if !whole.chars().all(|c| c.is_ascii_digit()) || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    // Trailing zeros beyond the cents are harmless (`16.500`).
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > 2 {
        return Err(format!("`{}` has more than two decimals", shorten(text)));
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 12 {
        return Err(format!("`{}` is not below 1,000,000,000", shorten(text)));
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let cents_part: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().map_err(|_| bad())? * 10,
        _ => fraction.parse().map_err(|_| bad())?,
    };
    let cents = whole
        .checked_mul(100)
        .and_then(|c| c.checked_add(cents_part))
        .filter(|c| *c <= MAX_AMOUNT_CENTS)
        .ok_or_else(|| format!("`{}` is not below 1,000,000,000", shorten(text)))?;
    Ok(Money::from_cents(if negative { -cents } else { cents }))
}

/// Hours and rate from an hourly invoice text, `... - 14:20 hrs @ $18.00/hr`: (minutes, rate).
/// Decimal hours (`14.5 hrs`) are read too. `None` when the text has no such part.
pub(crate) fn parse_hours_rate(text: &str) -> Option<(Option<i64>, Option<Money>)> {
    let lower = text.to_lowercase();
    let at = lower.find("hrs @")?;
    let before = lower.get(..at)?.trim_end();
    let after = lower.get(at + "hrs @".len()..)?.trim_start();
    let hours_text = before.rsplit(' ').next().unwrap_or("");
    let minutes = parse_clock_hours(hours_text);
    let rate_text = after.split("/hr").next().unwrap_or("");
    let rate = parse_amount(rate_text)
        .ok()
        .filter(|rate| !rate.is_negative());
    if minutes.is_none() && rate.is_none() {
        return None;
    }
    Some((minutes, rate))
}

/// `14:20` → 860 minutes; `14.5` → 870.
fn parse_clock_hours(text: &str) -> Option<i64> {
    if let Some((hours, minutes)) = text.split_once(':') {
        if hours.is_empty()
            || hours.len() > 6
            || minutes.len() != 2
            || !hours.chars().all(|c| c.is_ascii_digit())
            || !minutes.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let hours: i64 = hours.parse().ok()?;
        let minutes: i64 = minutes.parse().ok()?;
        if minutes >= 60 {
            return None;
        }
        return hours.checked_mul(60)?.checked_add(minutes);
    }
    decimal_hours_to_minutes(text)
}

/// Decimal hours (`0.33333`) → whole minutes, rounded. `None` for anything else, or negative,
/// or more than ten thousand hours.
pub(crate) fn decimal_hours_to_minutes(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty()
        || text.len() > 20
        || !text.chars().all(|c| c.is_ascii_digit() || c == '.')
        || text.chars().filter(|c| *c == '.').count() > 1
        || text == "."
    {
        return None;
    }
    let hours: f64 = text.parse().ok()?;
    if !hours.is_finite() || !(0.0..=10_000.0).contains(&hours) {
        return None;
    }
    Some((hours * 60.0).round() as i64)
}

/// `HTML Front End Dev (35695275)` → (`HTML Front End Dev`, Some(`35695275`)).
pub(crate) fn split_contract_label(text: &str) -> (String, Option<String>) {
    let trimmed = text.trim();
    if let Some((title, rest)) = trimmed.rsplit_once('(') {
        if let Some(id) = rest.strip_suffix(')') {
            let id = id.trim();
            if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
                return (title.trim().to_string(), Some(id.to_string()));
            }
        }
    }
    (trimmed.to_string(), None)
}

/// The Ref ID a fee or tax row points at: `Service Fee for Hourly - Ref ID 701123340`.
pub(crate) fn linked_ref_id(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let at = lower.rfind("ref id")?;
    let after = lower.get(at + "ref id".len()..)?;
    let digits: String = after
        .trim_start_matches([' ', ':', '#'])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then_some(digits)
}

/// The contract hint of a legacy fixed-price description: `Invoice for Landing page redesign:
/// Milestone 1 - Northgate site` → `Landing page redesign`. `None` without the `X: ...` shape.
pub(crate) fn fixed_price_title(description: &str) -> Option<String> {
    let text = description.trim();
    let text = text
        .strip_prefix("Invoice for ")
        .or_else(|| text.strip_prefix("invoice for "))
        .unwrap_or(text);
    let (title, _) = text.split_once(':')?;
    let title = title.trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// A lower-case id made of letters, digits and dashes; `fallback` when nothing is left.
pub(crate) fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            out.push(c);
            dash = false;
        } else {
            dash = true;
        }
        if out.len() >= 40 {
            break;
        }
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// Cell text quoted in messages, cut to 40 characters.
pub(crate) fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        let cents = |t: &str| parse_amount(t).map(Money::cents);
        assert_eq!(cents("258.00"), Ok(25_800));
        assert_eq!(cents("-0.99"), Ok(-99));
        assert_eq!(cents("($17.50)"), Ok(-1750));
        assert_eq!(cents("-$0.99"), Ok(-99));
        assert_eq!(cents("$1,234.5"), Ok(123_450));
        assert_eq!(cents("16.500"), Ok(1650));
        assert!(cents("12.345").is_err());
        assert!(cents("abc").is_err());
        assert!(cents("-").is_err());
        assert!(cents("1e5").is_err());
        assert!(cents("9999999999999999999999").is_err());
    }

    #[test]
    fn hours_and_rates() {
        let text = "Invoice for 05/27/2024-06/02/2024 - 14:20 hrs @ $18.00/hr";
        assert_eq!(
            parse_hours_rate(text),
            Some((Some(860), Some(Money::from_cents(1800))))
        );
        assert_eq!(parse_hours_rate("Invoice for Milestone 1"), None);
        assert_eq!(decimal_hours_to_minutes("0.33333"), Some(20));
        assert_eq!(decimal_hours_to_minutes("-1"), None);
    }

    #[test]
    fn labels_and_links() {
        assert_eq!(
            split_contract_label("HTML Front End Dev (35695275)"),
            (
                "HTML Front End Dev".to_string(),
                Some("35695275".to_string())
            )
        );
        assert_eq!(
            linked_ref_id("VAT (KE) - Service Fee - Ref ID 800000156"),
            Some("800000156".to_string())
        );
        assert_eq!(
            fixed_price_title("Invoice for Landing page redesign: Milestone 1 - x"),
            Some("Landing page redesign".to_string())
        );
        assert_eq!(slug("Bluepine Labs Ltd.", "client"), "bluepine-labs-ltd");
        assert_eq!(slug("…", "client"), "client");
    }
}
