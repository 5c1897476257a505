//! How the engine writes dates in sentences people read (refusals, recommendations). The shell
//! writes dates the same way, so a date reads alike wherever it appears.

use chrono::NaiveDate;

/// `Mon 2 Mar 2026`: unambiguous in every locale, unlike `3/2/2026`.
pub fn date(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// A whole number with thousands separated: `10,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_reads_with_its_weekday_and_without_leading_zeros() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a valid date");
        assert_eq!(date(d), "Mon 2 Mar 2026");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(10_000_000), "10,000,000");
    }
}
