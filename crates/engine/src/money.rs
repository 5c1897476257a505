//! Money as integer cents.
//!
//! Every amount in the engine is a `Money`: a count of US cents in an `i64`. Arithmetic is
//! checked (it returns `None` on overflow instead of wrapping), and conversions from the
//! interchange format's decimal USD numbers say how they round.

use std::fmt;

/// An amount of US dollars held as whole cents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// The largest amount the interchange format accepts: below 10^9 dollars.
pub const MAX_AMOUNT_CENTS: i64 = 100_000_000_000 - 1;

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// Sums amounts; `None` if the total overflows.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |acc, m| acc.checked_add(m))
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Parses a USD number from the interchange format (`12.5`, `400`, `0.07`).
    ///
    /// The number must have at most two decimals: `12.345` is an error, not a rounding. The
    /// check tolerates the binary representation error of an `f64` that was written with two
    /// decimals (`0.07` is stored as 0.07000000000000000666).
    pub fn from_usd(usd: f64) -> Result<Money, MoneyError> {
        if !usd.is_finite() {
            return Err(MoneyError::NotANumber);
        }
        let cents_f = usd * 100.0;
        let cents_rounded = cents_f.round();
        if (cents_f - cents_rounded).abs() > 1e-6 * cents_f.abs().max(1.0) {
            return Err(MoneyError::MoreThanTwoDecimals);
        }
        if cents_rounded.abs() > MAX_AMOUNT_CENTS as f64 {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money(cents_rounded as i64))
    }

    /// The amount as a USD number for JSON output. Exact for every amount below 10^9 dollars,
    /// because such cent counts are exactly representable and `/ 100.0` rounds to the nearest
    /// double, which prints back as the two-decimal value.
    pub fn to_usd(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// `amount × numerator / denominator`, rounded half away from zero. Used for hours × rate
    /// where hours are held in hundredths.
    pub fn mul_ratio_round_half_up(self, numerator: i64, denominator: i64) -> Option<Money> {
        if denominator == 0 {
            return None;
        }
        let product = (self.0 as i128).checked_mul(numerator as i128)?;
        let d = denominator as i128;
        let q = product / d;
        let r = product % d;
        let rounded = if 2 * r.abs() >= d.abs() {
            q + product.signum() * d.signum()
        } else {
            q
        };
        i64::try_from(rounded).ok().map(Money)
    }
}

/// Why a number could not become money.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("is not a finite number")]
    NotANumber,
    #[error("has more than two decimals")]
    MoreThanTwoDecimals,
    #[error("is not below 1,000,000,000")]
    TooLarge,
}

impl fmt::Display for Money {
    /// `$1,234.56`, `-$5.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let dollars = abs / 100;
        let cents = abs % 100;
        let digits = dollars.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        write!(f, "{sign}${grouped}.{cents:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_usd_accepts_two_decimals_and_rejects_three() {
        let cases: &[(f64, Result<i64, MoneyError>)] = &[
            (0.0, Ok(0)),
            (0.07, Ok(7)),
            (12.5, Ok(1250)),
            (400.0, Ok(40_000)),
            (999_999_999.99, Ok(99_999_999_999)),
            (12.345, Err(MoneyError::MoreThanTwoDecimals)),
            (1e9, Err(MoneyError::TooLarge)),
            (f64::NAN, Err(MoneyError::NotANumber)),
        ];
        for (usd, expected) in cases {
            assert_eq!(Money::from_usd(*usd).map(Money::cents), *expected, "{usd}");
        }
    }

    #[test]
    fn display_groups_thousands() {
        assert_eq!(Money::from_cents(123_456).to_string(), "$1,234.56");
        assert_eq!(Money::from_cents(-500).to_string(), "-$5.00");
        assert_eq!(Money::from_cents(7).to_string(), "$0.07");
        assert_eq!(Money::from_cents(100_000_000).to_string(), "$1,000,000.00");
    }

    #[test]
    fn mul_ratio_rounds_half_up() {
        // 7.5 hours at $33.33 = $249.975 → $249.98.
        assert_eq!(
            Money::from_cents(3333).mul_ratio_round_half_up(750, 100),
            Some(Money::from_cents(24_998))
        );
        assert_eq!(Money::from_cents(1).mul_ratio_round_half_up(1, 0), None);
    }

    #[test]
    fn usd_round_trips_for_two_decimal_amounts() {
        for cents in [0, 1, 7, 10, 99, 12_345, 99_999_999_999] {
            let m = Money::from_cents(cents);
            assert_eq!(Money::from_usd(m.to_usd()), Ok(m));
        }
    }
}
