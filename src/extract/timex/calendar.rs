//! Calendar arithmetic for resolution: intervals of a grain, truncation, shifting by units,
//! weekdays, seasons and the Gregorian computus. Every function is total: a date out of
//! chrono's range gives `None`, never a panic.

use super::Grain;
use super::lexicon::{Season, Unit};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// A resolved time: `[start, end)` at a grain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Iv {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub grain: Grain,
}

impl Iv {
    /// The interval of one unit of `grain` starting at `start`.
    pub fn of(start: NaiveDateTime, grain: Grain) -> Option<Iv> {
        let end = add(start, grain, 1)?;
        Some(Iv { start, end, grain })
    }

    /// The whole day `date`.
    pub fn day(date: NaiveDate) -> Option<Iv> {
        Iv::of(date.and_time(NaiveTime::MIN), Grain::Day)
    }

    /// Whether `t` lies inside.
    pub fn contains(&self, t: NaiveDateTime) -> bool {
        self.start <= t && t < self.end
    }

    /// How far `t` is from this interval (zero inside).
    pub fn distance(&self, t: NaiveDateTime) -> Duration {
        if t < self.start {
            self.start - t
        } else if t >= self.end {
            t - self.end + Duration::seconds(1)
        } else {
            Duration::zero()
        }
    }
}

/// `y-m-d` at midnight.
pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDateTime> {
    NaiveDate::from_ymd_opt(y, m, d).map(|d| d.and_time(NaiveTime::MIN))
}

/// The number of days in a month.
pub(super) fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y.saturating_add(1), 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    match (next, NaiveDate::from_ymd_opt(y, m, 1)) {
        (Some(n), Some(f)) => u32::try_from((n - f).num_days()).unwrap_or(30),
        _ => 30,
    }
}

/// Adds whole months, clamping the day to the month's length.
pub(super) fn add_months(t: NaiveDateTime, months: i64) -> Option<NaiveDateTime> {
    let total = i64::from(t.year()) * 12 + i64::from(t.month0()) + months;
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    let m = u32::try_from(total.rem_euclid(12)).ok()? + 1;
    let d = t.day().min(days_in_month(y, m));
    Some(NaiveDate::from_ymd_opt(y, m, d)?.and_time(t.time()))
}

/// Adds `n` units of `grain`.
pub(super) fn add(t: NaiveDateTime, grain: Grain, n: i64) -> Option<NaiveDateTime> {
    match grain {
        Grain::Second => t.checked_add_signed(Duration::try_seconds(n)?),
        Grain::Minute => t.checked_add_signed(Duration::try_minutes(n)?),
        Grain::Hour => t.checked_add_signed(Duration::try_hours(n)?),
        Grain::Day => t.checked_add_signed(Duration::try_days(n)?),
        Grain::Week => t.checked_add_signed(Duration::try_weeks(n)?),
        Grain::Month => add_months(t, n),
        Grain::Quarter => add_months(t, n.checked_mul(3)?),
        Grain::Year => add_months(t, n.checked_mul(12)?),
    }
}

/// Adds `n` of a written unit.
pub(super) fn add_unit(t: NaiveDateTime, unit: Unit, n: i64) -> Option<NaiveDateTime> {
    match unit {
        Unit::Fortnight => add(t, Grain::Week, n.checked_mul(2)?),
        Unit::Decade => add(t, Grain::Year, n.checked_mul(10)?),
        other => add(t, unit_grain(other), n),
    }
}

/// The grain a unit counts in.
pub(super) fn unit_grain(unit: Unit) -> Grain {
    match unit {
        Unit::Second => Grain::Second,
        Unit::Minute => Grain::Minute,
        Unit::Hour => Grain::Hour,
        Unit::Day => Grain::Day,
        Unit::Week | Unit::Fortnight => Grain::Week,
        Unit::Month => Grain::Month,
        Unit::Quarter => Grain::Quarter,
        Unit::Year | Unit::Decade => Grain::Year,
    }
}

/// The next finer grain (a day's is the hour).
pub(super) fn finer(grain: Grain) -> Grain {
    match grain {
        Grain::Second | Grain::Minute => Grain::Second,
        Grain::Hour => Grain::Minute,
        Grain::Day => Grain::Hour,
        Grain::Week | Grain::Month | Grain::Quarter => Grain::Day,
        Grain::Year => Grain::Month,
    }
}

/// The start of the `grain` unit containing `t` (weeks start on Monday).
pub(super) fn truncate(t: NaiveDateTime, grain: Grain) -> Option<NaiveDateTime> {
    let date = t.date();
    Some(match grain {
        Grain::Second => t.with_nanosecond(0)?,
        Grain::Minute => date.and_hms_opt(t.hour(), t.minute(), 0)?,
        Grain::Hour => date.and_hms_opt(t.hour(), 0, 0)?,
        Grain::Day => date.and_time(NaiveTime::MIN),
        Grain::Week => (date - Duration::days(i64::from(date.weekday().num_days_from_monday())))
            .and_time(NaiveTime::MIN),
        Grain::Month => ymd(date.year(), date.month(), 1)?,
        Grain::Quarter => ymd(date.year(), (date.month0() / 3) * 3 + 1, 1)?,
        Grain::Year => ymd(date.year(), 1, 1)?,
    })
}

/// The `grain` unit containing `t`, shifted by `n` units.
pub(super) fn unit_iv(t: NaiveDateTime, grain: Grain, n: i64) -> Option<Iv> {
    let start = add(truncate(t, grain)?, grain, n)?;
    Iv::of(start, grain)
}

/// The date of the `n`-th (1-based) `weekday` (0 = Monday) of a month; `n` = -1 for the last.
pub(super) fn nth_weekday(y: i32, m: u32, weekday: u32, n: i32) -> Option<NaiveDate> {
    if n > 0 {
        let first = NaiveDate::from_ymd_opt(y, m, 1)?;
        let offset = (weekday + 7 - first.weekday().num_days_from_monday()) % 7;
        let day = 1 + offset + 7 * (u32::try_from(n).ok()? - 1);
        (day <= days_in_month(y, m)).then(|| NaiveDate::from_ymd_opt(y, m, day))?
    } else {
        let last_day = days_in_month(y, m);
        let last = NaiveDate::from_ymd_opt(y, m, last_day)?;
        let offset = (last.weekday().num_days_from_monday() + 7 - weekday) % 7;
        let back = offset + 7 * (u32::try_from(-n).ok()? - 1);
        last_day
            .checked_sub(back)
            .filter(|d| *d >= 1)
            .and_then(|d| NaiveDate::from_ymd_opt(y, m, d))
    }
}

/// Easter Sunday (Gregorian) by the anonymous computus.
pub(super) fn easter(y: i32) -> Option<NaiveDate> {
    if !(1583..=9999).contains(&y) {
        return None;
    }
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Orthodox Easter Sunday (Julian computus, given as a Gregorian date).
pub(super) fn orthodox_easter(y: i32) -> Option<NaiveDate> {
    if !(1900..=2099).contains(&y) {
        return None;
    }
    let a = y % 4;
    let b = y % 7;
    let c = y % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    // Julian to Gregorian: 13 days in 1900-2099.
    let julian = NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)?;
    julian.checked_add_signed(Duration::days(13))
}

/// A season of year `y`: the one that starts in `y` (winter runs into `y + 1`).
pub(super) fn season_iv(y: i32, season: Season) -> Option<Iv> {
    // Astronomical seasons, rounded to the days most years use.
    let (start, end) = match season {
        Season::Spring => (ymd(y, 3, 20)?, ymd(y, 6, 21)?),
        Season::Summer => (ymd(y, 6, 21)?, ymd(y, 9, 24)?),
        Season::Fall => (ymd(y, 9, 23)?, ymd(y, 12, 21)?),
        Season::Winter => (ymd(y, 12, 21)?, ymd(y.checked_add(1)?, 3, 21)?),
    };
    Some(Iv {
        start,
        end,
        grain: Grain::Day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computus_matches_known_easters() {
        assert_eq!(easter(2013), NaiveDate::from_ymd_opt(2013, 3, 31));
        assert_eq!(easter(2010), NaiveDate::from_ymd_opt(2010, 4, 4));
        assert_eq!(easter(2022), NaiveDate::from_ymd_opt(2022, 4, 17));
        assert_eq!(orthodox_easter(2018), NaiveDate::from_ymd_opt(2018, 4, 8));
        assert_eq!(orthodox_easter(2022), NaiveDate::from_ymd_opt(2022, 4, 24));
    }

    #[test]
    fn nth_weekdays() {
        // Thanksgiving 2013: fourth Thursday of November.
        assert_eq!(
            nth_weekday(2013, 11, 3, 4),
            NaiveDate::from_ymd_opt(2013, 11, 28)
        );
        assert_eq!(
            nth_weekday(2013, 3, 0, -1),
            NaiveDate::from_ymd_opt(2013, 3, 25)
        );
        assert_eq!(nth_weekday(2013, 2, 0, 5), None);
    }

    #[test]
    fn month_shifts_clamp() {
        let t = ymd(2013, 1, 31).unwrap();
        assert_eq!(add_months(t, 1), ymd(2013, 2, 28));
        assert_eq!(add_months(t, -13), ymd(2011, 12, 31));
        assert_eq!(add(t, Grain::Year, i64::MAX), None);
    }
}
