//! Times as readers see them, at their own precision: "12 Jan 2022", "12 Jan 2022, evening",
//! "January 2022", "13–19 Jan 2022", "about 6–13 Jan 2022", "since 2014". Nothing is shown more
//! precisely than it is known: a month is never "1 January", a day is never "00:00".

use crate::domain::{Precision, When};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};
use sitrep_templates::view::WhenView;

/// "12 Jan 2022".
pub fn day_label(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// "Wednesday 12 January 2022", for the heading of a day.
pub fn day_heading(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// "14 Jan 2022, 09:30 UTC", for the moment something was recorded.
pub fn timestamp_label(moment: DateTime<Utc>) -> String {
    moment.format("%-d %b %Y, %H:%M UTC").to_string()
}

/// The part of the day a start hour falls in.
fn part_of_day(hour: u32) -> &'static str {
    match hour {
        5..=11 => "morning",
        12..=16 => "afternoon",
        17..=20 => "evening",
        _ => "night",
    }
}

/// The last instant inside an exclusive end.
fn last_inside(end: NaiveDateTime) -> NaiveDateTime {
    end - Duration::seconds(1)
}

fn quarter_of(date: NaiveDate) -> u32 {
    date.month0() / 3 + 1
}

/// One bound alone at a precision, as in "since January 2022" or "before 12 Jan 2022, 14:00".
fn point_label(moment: NaiveDateTime, precision: Precision) -> String {
    let date = moment.date();
    match precision {
        Precision::Year => date.year().to_string(),
        Precision::Quarter => format!("Q{} {}", quarter_of(date), date.year()),
        Precision::Month => date.format("%B %Y").to_string(),
        Precision::Week => format!("the week of {}", day_label(date)),
        Precision::Day => day_label(date),
        Precision::PartOfDay => format!("{}, {}", day_label(date), part_of_day(moment.hour())),
        Precision::Hour | Precision::Minute => {
            format!("{}, {}", day_label(date), moment.format("%H:%M"))
        }
        Precision::Second => format!("{}, {}", day_label(date), moment.format("%H:%M:%S")),
    }
}

/// A closed span of whole days: "12 Jan 2022", "13–19 Jan 2022", "30 Jan – 2 Feb 2022",
/// "30 Dec 2021 – 2 Jan 2022".
fn day_range_label(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        day_label(first)
    } else if first.year() != last.year() {
        format!("{} – {}", day_label(first), day_label(last))
    } else if first.month() != last.month() {
        format!("{} – {}", first.format("%-d %b"), last.format("%-d %b %Y"))
    } else {
        format!("{}–{}", first.day(), day_label(last))
    }
}

/// A closed interval at its precision.
fn closed_label(start: NaiveDateTime, end: NaiveDateTime, precision: Precision) -> String {
    let last = last_inside(end);
    let (first_day, last_day) = (start.date(), last.date());
    match precision {
        Precision::Year if first_day.year() == last_day.year() => first_day.year().to_string(),
        Precision::Year => format!("{}–{}", first_day.year(), last_day.year()),
        Precision::Quarter => {
            let (q1, q2) = (quarter_of(first_day), quarter_of(last_day));
            if first_day.year() != last_day.year() {
                format!("Q{q1} {} – Q{q2} {}", first_day.year(), last_day.year())
            } else if q1 == q2 {
                format!("Q{q1} {}", first_day.year())
            } else {
                format!("Q{q1}–Q{q2} {}", first_day.year())
            }
        }
        Precision::Month => {
            if first_day.year() != last_day.year() {
                format!(
                    "{} – {}",
                    first_day.format("%B %Y"),
                    last_day.format("%B %Y")
                )
            } else if first_day.month() == last_day.month() {
                first_day.format("%B %Y").to_string()
            } else {
                format!("{}–{}", first_day.format("%B"), last_day.format("%B %Y"))
            }
        }
        Precision::Week => {
            let is_one_week =
                first_day.weekday() == chrono::Weekday::Mon && end - start == Duration::days(7);
            if is_one_week {
                format!("the week of {}", day_label(first_day))
            } else {
                day_range_label(first_day, last_day)
            }
        }
        Precision::Day => day_range_label(first_day, last_day),
        Precision::PartOfDay => {
            format!("{}, {}", day_label(first_day), part_of_day(start.hour()))
        }
        Precision::Hour | Precision::Minute | Precision::Second => {
            let clock = if precision == Precision::Second {
                "%H:%M:%S"
            } else {
                "%H:%M"
            };
            let whole_unit = match precision {
                Precision::Hour => Duration::hours(1),
                Precision::Minute => Duration::minutes(1),
                _ => Duration::seconds(1),
            };
            if end - start <= whole_unit {
                format!("{}, {}", day_label(first_day), start.format(clock))
            } else if first_day == end.date() || first_day == last_day {
                format!(
                    "{}, {}–{}",
                    day_label(first_day),
                    start.format(clock),
                    end.format(clock)
                )
            } else {
                format!(
                    "{}, {} – {}, {}",
                    day_label(first_day),
                    start.format(clock),
                    day_label(end.date()),
                    end.format(clock)
                )
            }
        }
    }
}

/// The readable label of a time: bounds at its precision, "about" when hedged, "since" or
/// "before" for an open side.
pub fn when_label(when: &When) -> String {
    let label = match (when.earliest(), when.latest()) {
        (Some(start), Some(end)) => closed_label(start, end, when.precision()),
        (Some(start), None) => format!("since {}", point_label(start, when.precision())),
        (None, Some(end)) => format!("before {}", point_label(end, when.precision())),
        (None, None) => "undated".to_string(),
    };
    if when.is_approximate() {
        format!("about {label}")
    } else {
        label
    }
}

/// The start of a time as an HTML `datetime` value at the time's precision: `2022` for a
/// year, `2022-01` for a month, `2022-W02` for a week, `2022-01-12` for a day, a local
/// date-time below that. A quarter has no HTML form and gives its year.
pub fn machine_datetime(when: &When) -> Option<String> {
    let start = when.earliest()?;
    let date = start.date();
    Some(match when.precision() {
        Precision::Year | Precision::Quarter => date.year().to_string(),
        Precision::Month => date.format("%Y-%m").to_string(),
        Precision::Week => {
            let week = date.iso_week();
            format!("{}-W{:02}", week.year(), week.week())
        }
        Precision::Day => date.format("%Y-%m-%d").to_string(),
        Precision::PartOfDay | Precision::Hour | Precision::Minute => {
            start.format("%Y-%m-%dT%H:%M").to_string()
        }
        Precision::Second => start.format("%Y-%m-%dT%H:%M:%S").to_string(),
    })
}

/// The view of a time: label, machine-readable start, original words, precision.
pub fn when_view(when: &When) -> WhenView {
    WhenView {
        label: when_label(when),
        datetime: machine_datetime(when),
        words: when.words().map(str::to_string),
        approximate: when.is_approximate(),
        precision: when.precision().as_str().replace('_', " "),
    }
}

/// Where a claim is filed on a chronological list: its heading and machine-readable date.
/// Times that fit inside one day are filed under that day; coarser or longer ones under their
/// own label ("January 2022", "13–19 Jan 2022"), never under an invented first day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupKey {
    /// The heading shown.
    pub heading: String,
    /// The start, for `<time datetime>`; `None` for undated claims.
    pub datetime: Option<String>,
}

impl GroupKey {
    /// The group of claims without a date.
    pub fn undated() -> Self {
        GroupKey {
            heading: "Undated".to_string(),
            datetime: None,
        }
    }

    /// The group a time is filed under.
    pub fn of(when: &When) -> Self {
        let within_one_day = match (when.earliest(), when.latest()) {
            (Some(start), Some(end)) => {
                when.precision() >= Precision::Day && last_inside(end).date() == start.date()
            }
            _ => false,
        };
        match when.earliest() {
            Some(start) if within_one_day && !when.is_approximate() => GroupKey {
                heading: day_heading(start.date()),
                datetime: Some(start.date().format("%Y-%m-%d").to_string()),
            },
            start => GroupKey {
                heading: when_label(when),
                datetime: start.and_then(|_| machine_datetime(when)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn span(start: NaiveDateTime, end: NaiveDateTime, precision: Precision) -> When {
        When::new(Some(start), Some(end), precision).unwrap()
    }

    #[test]
    fn a_day_and_an_evening() {
        let day = When::day(NaiveDate::from_ymd_opt(2022, 1, 12).unwrap());
        assert_eq!(when_label(&day), "12 Jan 2022");
        let evening = span(
            at(2022, 1, 12, 18),
            at(2022, 1, 13, 0),
            Precision::PartOfDay,
        );
        assert_eq!(when_label(&evening), "12 Jan 2022, evening");
        let view = when_view(&evening);
        assert_eq!(view.datetime.as_deref(), Some("2022-01-12T18:00"));
        assert_eq!(view.precision, "part of day");
    }

    #[test]
    fn coarse_times_never_gain_a_day() {
        assert_eq!(when_label(&When::month(2022, 1).unwrap()), "January 2022");
        assert_eq!(when_label(&When::year(2022).unwrap()), "2022");
        let q = span(at(2022, 1, 1, 0), at(2022, 4, 1, 0), Precision::Quarter);
        assert_eq!(when_label(&q), "Q1 2022");
        let months = span(at(2021, 12, 1, 0), at(2022, 2, 1, 0), Precision::Month);
        assert_eq!(when_label(&months), "December 2021 – January 2022");
    }

    #[test]
    fn an_approximate_week_says_about() {
        let week = span(at(2022, 1, 6, 0), at(2022, 1, 14, 0), Precision::Day)
            .approximately()
            .with_words("about a week");
        assert_eq!(when_label(&week), "about 6–13 Jan 2022");
        let view = when_view(&week);
        assert!(view.approximate);
        assert_eq!(view.words.as_deref(), Some("about a week"));
        let monday_week = span(at(2022, 1, 10, 0), at(2022, 1, 17, 0), Precision::Week);
        assert_eq!(when_label(&monday_week), "the week of 10 Jan 2022");
    }

    #[test]
    fn ranges_across_months_and_years() {
        let a = span(at(2022, 1, 30, 0), at(2022, 2, 3, 0), Precision::Day);
        assert_eq!(when_label(&a), "30 Jan – 2 Feb 2022");
        let b = span(at(2021, 12, 30, 0), at(2022, 1, 3, 0), Precision::Day);
        assert_eq!(when_label(&b), "30 Dec 2021 – 2 Jan 2022");
    }

    #[test]
    fn clock_times_and_open_sides() {
        let minute = NaiveDate::from_ymd_opt(2022, 1, 12)
            .unwrap()
            .and_time(NaiveTime::from_hms_opt(14, 30, 0).unwrap());
        let m = span(minute, minute + Duration::minutes(1), Precision::Minute);
        assert_eq!(when_label(&m), "12 Jan 2022, 14:30");
        let before = When::new(None, Some(at(2022, 1, 12, 14)), Precision::Hour).unwrap();
        assert_eq!(when_label(&before), "before 12 Jan 2022, 14:00");
        let since = When::new(Some(at(2014, 1, 1, 0)), None, Precision::Year).unwrap();
        assert_eq!(when_label(&since), "since 2014");
        let hours = span(at(2022, 1, 12, 9), at(2022, 1, 12, 17), Precision::Hour);
        assert_eq!(when_label(&hours), "12 Jan 2022, 09:00–17:00");
    }

    #[test]
    fn groups_are_days_or_honest_periods() {
        let evening = span(
            at(2022, 1, 12, 18),
            at(2022, 1, 13, 0),
            Precision::PartOfDay,
        );
        let key = GroupKey::of(&evening);
        assert_eq!(key.heading, "Wednesday 12 January 2022");
        assert_eq!(key.datetime.as_deref(), Some("2022-01-12"));
        let month = GroupKey::of(&When::month(2022, 1).unwrap());
        assert_eq!(month.heading, "January 2022");
        assert_eq!(month.datetime.as_deref(), Some("2022-01"));
        assert_eq!(GroupKey::undated().heading, "Undated");
    }
}
