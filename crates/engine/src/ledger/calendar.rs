//! Calendar arithmetic for the timers, all in UTC.
//!
//! A window of "N days" after a date ends at the end of the N-th day (23:59:59), the way Upwork
//! words its deadlines ("the deadline on the 14th day will be at midnight UTC"). Business days
//! are Monday to Friday; public holidays are not modelled. Every helper returns `None` instead
//! of overflowing at the far end of the calendar, so a deadline that cannot be represented is
//! simply never reached.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Weekday};

/// The last second of a day.
pub fn end_of_day(date: NaiveDate) -> NaiveDateTime {
    let last_second = NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN);
    date.and_time(last_second)
}

/// The first second of a day.
pub fn start_of_day(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN)
}

/// `date + days` (`days` may be negative), `None` outside chrono's range.
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(TimeDelta::try_days(days)?)
}

/// `date - days`.
pub fn sub_days(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(days))
}

/// The end of the `days`-th day after `date`.
pub fn end_of_day_after(date: NaiveDate, days: i64) -> Option<NaiveDateTime> {
    add_days(date, days).map(end_of_day)
}

/// The end of the `days`-th day after the day of `at`, for a timer: a date past the end of the
/// calendar means the timer never runs out.
pub fn later(at: NaiveDateTime, days: i64) -> NaiveDateTime {
    end_of_day_after(at.date(), days).unwrap_or(NaiveDateTime::MAX)
}

/// The end of the `business_days`-th business day after `date` (the day itself when
/// `business_days` is 0 or less).
pub fn end_of_business_day_after(date: NaiveDate, business_days: i64) -> Option<NaiveDateTime> {
    let mut day = date;
    let mut counted = 0;
    while counted < business_days {
        day = day.succ_opt()?;
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            counted += 1;
        }
    }
    Some(end_of_day(day))
}

/// The Monday that starts the billing week holding `date`.
pub fn week_start(date: NaiveDate) -> Option<NaiveDate> {
    sub_days(date, u64::from(date.weekday().num_days_from_monday()))
}

/// Monday 12:00 after the billing week: the client is invoiced.
pub fn invoice_at(week_start: NaiveDate) -> Option<NaiveDateTime> {
    add_days(week_start, 7).and_then(|monday| monday.and_hms_opt(12, 0, 0))
}

/// Friday 23:59:59 after the billing week: the client's review and dispute window closes.
pub fn review_ends_at(week_start: NaiveDate) -> Option<NaiveDateTime> {
    end_of_day_after(week_start, 11)
}

/// The Sunday that ends the billing week starting on `week_start`.
pub fn week_end(week_start: NaiveDate) -> Option<NaiveDate> {
    add_days(week_start, 6)
}

/// When a week's hourly pay becomes available: `funds_available_days` after the week ends
/// (by default Sunday + 10, a Wednesday), or for Top Rated freelancers the Friday the review
/// window closes.
pub fn hourly_available_at(
    week_start: NaiveDate,
    top_rated: bool,
    funds_available_days: i64,
) -> Option<NaiveDateTime> {
    if top_rated {
        return review_ends_at(week_start);
    }
    end_of_day_after(week_end(week_start)?, funds_available_days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn business_days_skip_weekends() {
        // Monday + 5 business days is the next Monday; Friday + 1 is Monday.
        let monday = date("2026-03-09");
        assert_eq!(
            end_of_business_day_after(monday, 5).map(|t| t.date()),
            Some(date("2026-03-16"))
        );
        let friday = date("2026-03-13");
        assert_eq!(
            end_of_business_day_after(friday, 1).map(|t| t.date()),
            Some(date("2026-03-16"))
        );
    }

    #[test]
    fn hourly_week_dates() {
        let sunday = date("2026-03-08");
        let monday = date("2026-03-02");
        assert_eq!(week_start(sunday), Some(monday));
        assert_eq!(
            invoice_at(monday).map(|t| t.to_string()),
            Some("2026-03-09 12:00:00".into())
        );
        assert_eq!(
            review_ends_at(monday).map(|t| t.date()),
            Some(date("2026-03-13"))
        );
        assert_eq!(
            hourly_available_at(monday, false, 10).map(|t| t.date()),
            Some(date("2026-03-18"))
        );
        assert_eq!(
            hourly_available_at(monday, true, 10).map(|t| t.date()),
            Some(date("2026-03-13"))
        );
    }
}
