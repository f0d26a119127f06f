//! Time in Japan. Storage is UTC; what people read (screens, mail, the
//! operator's command line) and the calendar days that rules speak of (a
//! birth date's plausibility, a medicine's day, the day a consent takes
//! effect) are in Japan's time. One home for the conversions, so that every
//! place agrees on where a day begins. No I/O.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Asia::Tokyo;

/// The calendar day in Japan at `t`.
pub fn day(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Tokyo).date_naive()
}

/// The start of `day` in Japan, in UTC. Japan has no daylight saving time;
/// should a local midnight ever be ambiguous or missing, the UTC midnight of
/// that date stands in.
pub fn midnight(day: NaiveDate) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::MIN);
    Tokyo.from_local_datetime(&local).single().map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc))
}

/// `2026-12-06 09:30`, Japan's time: how mail and the command line show a moment.
pub fn minutes(t: DateTime<Utc>) -> String {
    t.with_timezone(&Tokyo).format("%Y-%m-%d %H:%M").to_string()
}

/// `2026-12`, the month in Japan at `t`.
pub fn month(t: DateTime<Utc>) -> String {
    t.with_timezone(&Tokyo).format("%Y-%m").to_string()
}

/// RFC 3339 with Japan's offset (`2026-12-06T09:30:00+09:00`).
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.with_timezone(&Tokyo).to_rfc3339()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_in_japan_begins_at_fifteen_utc() {
        let before = Utc.with_ymd_and_hms(2026, 12, 5, 14, 59, 59).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 12, 5, 15, 0, 0).unwrap();
        assert_eq!(day(before), NaiveDate::from_ymd_opt(2026, 12, 5).unwrap());
        assert_eq!(day(after), NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
        assert_eq!(midnight(NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()), after);
        assert_eq!(minutes(after), "2026-12-06 00:00");
        assert_eq!(month(before), "2026-12");
        assert_eq!(rfc3339(after), "2026-12-06T00:00:00+09:00");
    }
}
