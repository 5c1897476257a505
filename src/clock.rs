//! The only place the app reads the clock. The engine never does: it is always given a date.

use chrono::{NaiveDate, NaiveDateTime, Utc};

pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

pub fn today() -> NaiveDate {
    now().date()
}
