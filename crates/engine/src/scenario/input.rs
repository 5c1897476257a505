//! What people type into the app's forms, read into the engine's values.
//!
//! Every form field of the app (the quick add form, the edit form, the fast table, the contract
//! actions) is read here, so an amount, a date, a number of hours or a star rating means the
//! same thing wherever it is typed. Numbers are read as exact decimals, digit by digit: an
//! amount becomes whole cents without passing through a float, so `0.07` is 7 cents and
//! `12.345` is refused, not rounded.
//!
//! Each reader says what is wrong in words that follow the field's label ("Amount: enter a
//! number of dollars, such as 1200 or 99.50").

use chrono::NaiveDate;

use crate::money::{Money, MAX_AMOUNT_CENTS};
use crate::scenario::{EndReason, Payment, Stars};

/// Why a typed value could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("this is required")]
    Required,
    #[error("enter a number of dollars, such as 1200 or 99.50")]
    NotMoney,
    #[error("must not be negative")]
    Negative,
    #[error("must be more than $0")]
    NotPositive,
    #[error("has more than two decimals (cents are the smallest unit)")]
    MoreThanTwoDecimals,
    #[error("must be below $1,000,000,000")]
    TooLarge,
    #[error("enter a date written YYYY-MM-DD")]
    NotDate,
    #[error("enter a number of hours, such as 12 or 7.5")]
    NotHours,
    #[error("enter a rating from 1.0 to 5.0 with at most two decimals")]
    NotStars,
    #[error("enter a whole number from {min} to {max}")]
    NotWhole { min: u32, max: u32 },
    #[error("enter hourly or fixed")]
    NotKind,
    #[error("enter completed, not completed, client unresponsive or other")]
    NotReason,
    #[error("line {line}: {error} (write one payment per line: date, then amount)")]
    PaymentLine { line: usize, error: Box<InputError> },
}

/// A typed value that may be left empty: `Ok(None)` for blank text.
pub fn optional<T>(
    text: &str,
    read: impl FnOnce(&str) -> Result<T, InputError>,
) -> Result<Option<T>, InputError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        read(text).map(Some)
    }
}

/// A USD amount as typed: `1200`, `$1,200.50`, ` 99.5 `. Zero is allowed (use
/// [`positive_money`] where it is not).
pub fn money(text: &str) -> Result<Money, InputError> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return Err(InputError::Required);
    }
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start_matches('$')),
        None => (false, cleaned.as_str()),
    };
    let cents = decimal_hundredths(digits, InputError::NotMoney)?;
    if cents > MAX_AMOUNT_CENTS as u128 {
        return Err(InputError::TooLarge);
    }
    if negative && cents > 0 {
        return Err(InputError::Negative);
    }
    Ok(Money::from_cents(cents as i64))
}

/// An amount that must be more than zero: payments, milestones, totals.
pub fn positive_money(text: &str) -> Result<Money, InputError> {
    let amount = money(text)?;
    if amount.cents() == 0 {
        return Err(InputError::NotPositive);
    }
    Ok(amount)
}

/// Digits with at most two decimals (`12`, `12.5`, `.07`), in hundredths. `wrong` is the
/// error for text that is not such a number; three decimals or more are their own error.
fn decimal_hundredths(text: &str, wrong: InputError) -> Result<u128, InputError> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return Err(wrong);
    }
    if fraction.len() > 2 {
        return Err(InputError::MoreThanTwoDecimals);
    }
    // More than 20 digits cannot be a real amount; refusing them keeps the sum below overflow.
    if whole.len() > 20 {
        return Err(InputError::TooLarge);
    }
    let whole: u128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| wrong.clone())?
    };
    let fraction: u128 = format!("{fraction:0<2}").parse().map_err(|_| wrong)?;
    Ok(whole * 100 + fraction)
}

/// A date written YYYY-MM-DD (what date inputs produce).
pub fn date(text: &str) -> Result<NaiveDate, InputError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(InputError::Required);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| InputError::NotDate)
}

/// A date written exactly YYYY-MM-DD, as files store dates. Read by hand because a file of a
/// long history holds hundreds of thousands of dates, and chrono's format-driven parser reads
/// its format string again for each one (a third of the parse time at 10,000 contracts).
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..10])?)
}

/// Hours as typed (`12`, `7.5`, `7,25`), in hundredths of an hour.
pub fn hours_hundredths(text: &str) -> Result<u32, InputError> {
    let text = text.trim().replace(',', ".");
    if text.is_empty() {
        return Err(InputError::Required);
    }
    if text.starts_with('-') {
        return Err(InputError::Negative);
    }
    let hundredths = decimal_hundredths(&text, InputError::NotHours)?;
    u32::try_from(hundredths).map_err(|_| InputError::NotHours)
}

/// Stars as typed (`5`, `4.85`, `4,9`, `5★`), from 1.00 to 5.00.
pub fn stars(text: &str) -> Result<Stars, InputError> {
    let text = text.trim().trim_end_matches('★').trim().replace(',', ".");
    if text.is_empty() {
        return Err(InputError::Required);
    }
    let hundredths = decimal_hundredths(&text, InputError::NotStars).map_err(|e| match e {
        InputError::MoreThanTwoDecimals => InputError::NotStars,
        other => other,
    })?;
    u16::try_from(hundredths)
        .ok()
        .and_then(Stars::from_hundredths)
        .ok_or(InputError::NotStars)
}

/// A whole number from `min` to `max`.
pub fn whole(text: &str, min: u32, max: u32) -> Result<u32, InputError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(InputError::Required);
    }
    text.parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or(InputError::NotWhole { min, max })
}

/// A contract type as typed in the fast table: `true` for hourly. Blank is fixed price.
pub fn hourly(text: &str) -> Result<bool, InputError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "hourly" | "h" | "hour" => Ok(true),
        "fixed" | "f" | "fixed price" | "fixed-price" | "" => Ok(false),
        _ => Err(InputError::NotKind),
    }
}

/// An end reason as typed in the fast table. Blank is completed.
pub fn end_reason(text: &str) -> Result<EndReason, InputError> {
    match text
        .trim()
        .to_ascii_lowercase()
        .replace(['_', '-'], " ")
        .as_str()
    {
        "" | "completed" | "complete" => Ok(EndReason::Completed),
        "not completed" | "unsuccessful" => Ok(EndReason::NotCompleted),
        "client unresponsive" | "unresponsive" => Ok(EndReason::ClientUnresponsive),
        "other" => Ok(EndReason::Other),
        _ => Err(InputError::NotReason),
    }
}

/// Payments written one per line, a date and an amount (`2026-03-04 400`, `2026-03-04,
/// $1,200.50`, or tab-separated as copied from a spreadsheet). Blank lines are skipped.
pub fn payment_lines(text: &str) -> Result<Vec<Payment>, InputError> {
    let mut payments = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at_line = |error: InputError| InputError::PaymentLine {
            line: index + 1,
            error: Box::new(error),
        };
        let (day, amount) = line
            .split_once(['\t', ' ', ';', ','])
            .ok_or_else(|| at_line(InputError::NotMoney))?;
        let amount = amount.trim_start_matches([',', ';', '\t', ' ']);
        payments.push(Payment {
            date: date(day).map_err(at_line)?,
            amount: positive_money(amount).map_err(at_line)?,
        });
    }
    Ok(payments)
}

/// An amount as a form shows it for editing: `1200`, `99.5`, `0.07`; empty for zero when
/// `zero_is_blank` (an unknown hourly rate is stored as $0).
pub fn money_text(amount: Money, zero_is_blank: bool) -> String {
    if zero_is_blank && amount.cents() == 0 {
        return String::new();
    }
    let cents = amount.cents();
    let sign = if cents < 0 { "-" } else { "" };
    let (whole, fraction) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
    match fraction {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// Stars as a form shows them: `5`, `4.8`, `4.85`.
pub fn stars_text(stars: Stars) -> String {
    money_text(Money::from_cents(i64::from(stars.hundredths())), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_read_digit_by_digit() {
        let cases: &[(&str, Result<i64, InputError>)] = &[
            ("1200", Ok(120_000)),
            (" $1,200.50 ", Ok(120_050)),
            ("0.07", Ok(7)),
            (".5", Ok(50)),
            ("12.", Ok(1200)),
            ("0", Ok(0)),
            ("-0", Ok(0)),
            ("-5", Err(InputError::Negative)),
            ("-$5", Err(InputError::Negative)),
            ("12.345", Err(InputError::MoreThanTwoDecimals)),
            ("1e3", Err(InputError::NotMoney)),
            ("12a", Err(InputError::NotMoney)),
            ("lots", Err(InputError::NotMoney)),
            (".", Err(InputError::NotMoney)),
            ("", Err(InputError::Required)),
            ("999999999.99", Ok(99_999_999_999)),
            ("1000000000", Err(InputError::TooLarge)),
            ("99999999999999999999999999", Err(InputError::TooLarge)),
        ];
        for (text, expected) in cases {
            assert_eq!(money(text).map(Money::cents), *expected, "{text:?}");
        }
        assert_eq!(positive_money("0"), Err(InputError::NotPositive));
    }

    #[test]
    fn hours_stars_and_whole_numbers() {
        assert_eq!(hours_hundredths("7.5"), Ok(750));
        assert_eq!(hours_hundredths("7,25"), Ok(725));
        assert_eq!(hours_hundredths("-1"), Err(InputError::Negative));
        assert_eq!(hours_hundredths("many"), Err(InputError::NotHours));
        assert_eq!(stars("4.85").map(Stars::hundredths), Ok(485));
        assert_eq!(stars("5★").map(Stars::hundredths), Ok(500));
        assert_eq!(stars("4,9").map(Stars::hundredths), Ok(490));
        assert_eq!(stars("5.5"), Err(InputError::NotStars));
        assert_eq!(stars("4.855"), Err(InputError::NotStars));
        assert_eq!(stars("0.5"), Err(InputError::NotStars));
        assert_eq!(whole("20", 0, 168), Ok(20));
        assert_eq!(
            whole("200", 0, 168),
            Err(InputError::NotWhole { min: 0, max: 168 })
        );
        assert_eq!(optional(" ", money), Ok(None));
    }

    #[test]
    fn payment_lines_name_the_line() {
        let read = payment_lines("2026-03-04 400\n\n2026-03-11, $1,200.50\n2026-03-18\t7");
        assert_eq!(
            read.map(|ps| ps.iter().map(|p| p.amount.cents()).collect::<Vec<_>>()),
            Ok(vec![40_000, 120_050, 700])
        );
        assert_eq!(
            payment_lines("2026-03-04 400\n2026-03-11 -5")
                .map_err(|e| e.to_string())
                .unwrap_err(),
            "line 2: must not be negative (write one payment per line: date, then amount)"
        );
    }

    #[test]
    fn file_dates_are_exactly_year_month_day() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let cases: &[(&str, Option<NaiveDate>)] = &[
            ("2026-03-04", day(2026, 3, 4)),
            ("0001-01-01", day(1, 1, 1)),
            ("2024-02-29", day(2024, 2, 29)),
            ("2026-02-29", None),
            ("2026-13-01", None),
            ("2026-00-10", None),
            ("2026-3-4", None),
            ("2026-03-4 ", None),
            (" 2026-03-04", None),
            ("2026/03/04", None),
            ("+202-03-04", None),
            ("2026-0a-04", None),
            ("2026-03-04T00", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(iso_date(text), *expected, "{text:?}");
            // Wherever both read a date, it is chrono's reading of the same text.
            if let Some(date) = expected {
                assert_eq!(
                    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                    Some(*date)
                );
            }
        }
    }

    #[test]
    fn amounts_show_as_typed() {
        assert_eq!(money_text(Money::from_cents(120_000), false), "1200");
        assert_eq!(money_text(Money::from_cents(9_950), false), "99.5");
        assert_eq!(money_text(Money::from_cents(7), false), "0.07");
        assert_eq!(money_text(Money::ZERO, true), "");
        assert_eq!(stars_text(Stars::from_hundredths(480).unwrap()), "4.8");
    }
}
