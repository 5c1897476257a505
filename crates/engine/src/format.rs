//! How the engine writes dates in sentences people read (refusals, recommendations). The shell
//! writes dates the same way, so a date reads alike wherever it appears.
//!
//! The dates are written by hand rather than with chrono's `format("%…")`: its pattern
//! interpreter, locale tables and the Unicode case tables it needs for `%P` would otherwise ship
//! with the app's first screen (about 30 KB of wasm before compression). The tests check every
//! function against the chrono pattern it replaces.

use chrono::{Datelike, NaiveDate};

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `Mon 2 Mar 2026`: unambiguous in every locale, unlike `3/2/2026` (`%a %-d %b %Y`).
pub fn date(d: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        WEEKDAYS[d.weekday().num_days_from_sunday() as usize],
        d.day(),
        short_month(d),
        year(d)
    )
}

/// `2 Mar`: for compact lists where the year is clear (`%-d %b`).
pub fn short_date(d: NaiveDate) -> String {
    format!("{} {}", d.day(), short_month(d))
}

/// `Mar 2026` (`%b %Y`).
pub fn short_month_year(d: NaiveDate) -> String {
    format!("{} {}", short_month(d), year(d))
}

/// `March 2026` (`%B %Y`).
pub fn month_year(d: NaiveDate) -> String {
    format!("{} {}", MONTHS[d.month0() as usize], year(d))
}

/// `Mar` (`%b`).
pub fn short_month(d: NaiveDate) -> &'static str {
    &MONTHS[d.month0() as usize][..3]
}

/// The year as `%Y` writes it: four digits, and a sign outside 0 to 9999.
fn year(d: NaiveDate) -> String {
    let y = d.year();
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        format!("{y:+05}")
    }
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

    /// `write` reads exactly as chrono's `pattern` over years that need padding or a sign, every
    /// month and every weekday.
    fn check(pattern: &str, write: fn(NaiveDate) -> String) {
        let starts = [
            (-10_000, 1, 1),
            (-1, 12, 25),
            (0, 1, 1),
            (7, 3, 9),
            (999, 12, 31),
            (2024, 1, 1),
            (2026, 3, 2),
            (9999, 12, 1),
            (10_000, 1, 1),
        ];
        for (y, m, d) in starts {
            let start = NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
            for day in start.iter_days().take(400) {
                assert_eq!(
                    write(day),
                    day.format(pattern).to_string(),
                    "{pattern} of {day}"
                );
            }
        }
    }

    #[test]
    fn dates_read_as_the_chrono_patterns() {
        check("%a %-d %b %Y", date);
        check("%-d %b", short_date);
        check("%b %Y", short_month_year);
        check("%B %Y", month_year);
        check("%b", |d| short_month(d).to_string());
        // `Display`, which the compact text restores dates with, is `%Y-%m-%d`.
        check("%Y-%m-%d", |d| d.to_string());
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(10_000_000), "10,000,000");
    }
}
