//! Time with honest precision. A [`When`] is an interval `[earliest, latest)` of local,
//! zone-less time plus the precision it was given with and, when it came from text, the words.
//! "January 2022" is a month, "the evening of January 12" is a part of a day, "since 2014" has no
//! end. Nothing here ever invents a midnight or a 1 January: a day-precise value simply spans
//! the whole day.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How finely a time is known. Ordered from coarsest to finest.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// A quarter of a year.
    Quarter,
    /// A calendar month.
    Month,
    /// A week (Monday to Sunday).
    Week,
    /// A calendar day.
    Day,
    /// A part of a day: morning, afternoon, evening, night.
    PartOfDay,
    /// An hour.
    Hour,
    /// A minute.
    Minute,
    /// A second.
    Second,
}

impl Precision {
    /// Every precision, coarsest first.
    pub const ALL: &'static [Precision] = &[
        Precision::Year,
        Precision::Quarter,
        Precision::Month,
        Precision::Week,
        Precision::Day,
        Precision::PartOfDay,
        Precision::Hour,
        Precision::Minute,
        Precision::Second,
    ];

    /// The canonical spelling, as in JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Quarter => "quarter",
            Precision::Month => "month",
            Precision::Week => "week",
            Precision::Day => "day",
            Precision::PartOfDay => "part_of_day",
            Precision::Hour => "hour",
            Precision::Minute => "minute",
            Precision::Second => "second",
        }
    }

    /// Whether a value of this precision needs a time of day to be written down.
    pub fn has_time_of_day(self) -> bool {
        self >= Precision::PartOfDay
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Precision {
    type Err = WhenError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Precision::ALL
            .iter()
            .copied()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| WhenError::UnknownPrecision(s.to_string()))
    }
}

/// Why a [`When`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    /// Both bounds are open: that says nothing.
    #[error("a time needs at least one bound")]
    Unbounded,
    /// The end is not after the start.
    #[error("the end {end} is not after the start {start}")]
    Inverted {
        /// The start given.
        start: NaiveDateTime,
        /// The end given.
        end: NaiveDateTime,
    },
    /// A date or time that does not exist (30 February, hour 25).
    #[error("no such date or time: {0}")]
    NoSuchDate(String),
    /// A precision word that is not one of ours.
    #[error("unknown precision {0:?}")]
    UnknownPrecision(String),
    /// A bound that is not `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`.
    #[error(
        "cannot read {0:?} as a date or date-time (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)"
    )]
    BadBound(String),
}

/// A time with its precision: the half-open interval `[earliest, latest)`, either side of which
/// may be open ("since 2014", "before 2pm"), whether it is approximate ("about a week"), and the
/// words it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct When {
    earliest: Option<NaiveDateTime>,
    latest: Option<NaiveDateTime>,
    precision: Precision,
    approximate: bool,
    words: Option<String>,
    basis: Option<String>,
}

impl When {
    /// An interval with explicit bounds. At least one bound must be given, and the end must be
    /// after the start.
    pub fn new(
        earliest: Option<NaiveDateTime>,
        latest: Option<NaiveDateTime>,
        precision: Precision,
    ) -> Result<Self, WhenError> {
        match (earliest, latest) {
            (None, None) => Err(WhenError::Unbounded),
            (Some(start), Some(end)) if end <= start => Err(WhenError::Inverted { start, end }),
            _ => Ok(When {
                earliest,
                latest,
                precision,
                approximate: false,
                words: None,
                basis: None,
            }),
        }
    }

    /// A whole calendar day.
    pub fn day(date: NaiveDate) -> Self {
        let start = date.and_time(NaiveTime::MIN);
        When::closed(start, start + Duration::days(1), Precision::Day)
    }

    /// A whole calendar month.
    pub fn month(year: i32, month: u32) -> Result<Self, WhenError> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or_else(|| WhenError::NoSuchDate(format!("{year}-{month:02}")))?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        }
        .ok_or_else(|| WhenError::NoSuchDate(format!("{year}-{month:02}")))?;
        Ok(When::closed(
            first.and_time(NaiveTime::MIN),
            next.and_time(NaiveTime::MIN),
            Precision::Month,
        ))
    }

    /// A whole calendar year.
    pub fn year(year: i32) -> Result<Self, WhenError> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1)
            .ok_or_else(|| WhenError::NoSuchDate(year.to_string()))?;
        let next = NaiveDate::from_ymd_opt(year + 1, 1, 1)
            .ok_or_else(|| WhenError::NoSuchDate(year.to_string()))?;
        Ok(When::closed(
            first.and_time(NaiveTime::MIN),
            next.and_time(NaiveTime::MIN),
            Precision::Year,
        ))
    }

    /// Both bounds known; callers guarantee `start < end` (private so the invariant holds).
    fn closed(start: NaiveDateTime, end: NaiveDateTime, precision: Precision) -> Self {
        When {
            earliest: Some(start),
            latest: Some(end),
            precision,
            approximate: false,
            words: None,
            basis: None,
        }
    }

    /// The same time, marked approximate ("about", "around").
    pub fn approximately(mut self) -> Self {
        self.approximate = true;
        self
    }

    /// The same time, remembering the words it came from.
    pub fn with_words(mut self, words: impl Into<String>) -> Self {
        let words = words.into();
        self.words = if words.is_empty() { None } else { Some(words) };
        self
    }

    /// The same time, marked as inferred from context rather than stated, by the rule named
    /// `basis` (for example `report_date`: a past event in a news report, dated by its
    /// publication). An empty basis leaves the time as stated.
    pub fn inferred_by(mut self, basis: impl Into<String>) -> Self {
        let basis = basis.into();
        self.basis = if basis.is_empty() { None } else { Some(basis) };
        self
    }

    /// Whether the time was inferred from context ("the same day", the report date) rather
    /// than stated in the clause.
    pub fn is_inferred(&self) -> bool {
        self.basis.is_some()
    }

    /// The rule that inferred this time, when it was inferred.
    pub fn basis(&self) -> Option<&str> {
        self.basis.as_deref()
    }

    /// The inclusive start, if bounded below.
    pub fn earliest(&self) -> Option<NaiveDateTime> {
        self.earliest
    }

    /// The exclusive end, if bounded above.
    pub fn latest(&self) -> Option<NaiveDateTime> {
        self.latest
    }

    /// How finely the time is known.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// Whether the text hedged the time ("about", "around", "some").
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }

    /// The words the time was read from.
    pub fn words(&self) -> Option<&str> {
        self.words.as_deref()
    }

    /// The day a timeline files this time under: the start, or for an open start the last
    /// moment before the end.
    pub fn anchor_date(&self) -> NaiveDate {
        match (self.earliest, self.latest) {
            (Some(start), _) => start.date(),
            (None, Some(end)) => (end - Duration::seconds(1)).date(),
            (None, None) => NaiveDate::MIN,
        }
    }

    /// Whether this time begins on or after the end of the given day.
    pub fn starts_after_day(&self, day: NaiveDate) -> bool {
        let next = day.and_time(NaiveTime::MIN) + Duration::days(1);
        self.earliest.is_some_and(|start| start >= next)
    }

    /// A bound written at this time's precision: `2022-01-12` for a day-or-coarser precision on
    /// a midnight, `2022-01-12T18:00:00` otherwise.
    pub fn format_bound(&self, bound: NaiveDateTime) -> String {
        format_bound(bound, self.precision)
    }
}

/// Writes a bound as `YYYY-MM-DD` when nothing finer than the day is known and it falls on a
/// midnight, else as `YYYY-MM-DDTHH:MM:SS`.
pub fn format_bound(bound: NaiveDateTime, precision: Precision) -> String {
    let date_only = !precision.has_time_of_day() && bound.time() == NaiveTime::MIN;
    if !(0..=9999).contains(&bound.year()) {
        // Signed or five-digit years: chrono's own notation.
        return if date_only {
            bound.format("%Y-%m-%d").to_string()
        } else {
            bound.format("%Y-%m-%dT%H:%M:%S").to_string()
        };
    }
    // Written by hand: this runs for every bound of every exported item.
    let (year, month, day) = (bound.year(), bound.month(), bound.day());
    if date_only {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        let (hour, minute, second) = (bound.hour(), bound.minute(), bound.second());
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
    }
}

/// Reads a bound written by [`format_bound`] (or with minutes only).
pub fn parse_bound(text: &str) -> Result<NaiveDateTime, WhenError> {
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(date.and_time(NaiveTime::MIN));
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(moment) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(moment);
        }
    }
    Err(WhenError::BadBound(text.to_string()))
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("about ")?;
        }
        let start = self.earliest.map(|b| self.format_bound(b));
        let end = self.latest.map(|b| self.format_bound(b));
        match (start, end) {
            (Some(s), Some(e)) => write!(f, "{s}..{e}")?,
            (Some(s), None) => write!(f, "from {s}")?,
            (None, Some(e)) => write!(f, "before {e}")?,
            (None, None) => f.write_str("undated")?,
        }
        write!(f, " ({})", self.precision)
    }
}

/// The JSON shape of a [`When`] in exports and the extraction contract: `{"start", "end",
/// "precision", "approximate", "words", "inferred", "basis"}` (the API documents the same shape
/// as its `When` schema).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct WhenJson {
    /// Inclusive start (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`), `null` when open.
    pub start: Option<String>,
    /// Exclusive end, `null` when open.
    pub end: Option<String>,
    /// How finely the time is known.
    pub precision: Precision,
    /// Whether the text hedged the time.
    #[serde(default)]
    pub approximate: bool,
    /// The words the time was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
    /// Whether the time was inferred from context rather than stated in the clause.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// The rule that inferred it (`report_date`, `paragraph_time`, `same_day`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

impl From<&When> for WhenJson {
    fn from(when: &When) -> Self {
        WhenJson {
            start: when.earliest.map(|b| when.format_bound(b)),
            end: when.latest.map(|b| when.format_bound(b)),
            precision: when.precision,
            approximate: when.approximate,
            words: when.words.clone(),
            inferred: when.basis.is_some(),
            basis: when.basis.clone(),
        }
    }
}

impl TryFrom<WhenJson> for When {
    type Error = WhenError;

    fn try_from(body: WhenJson) -> Result<Self, Self::Error> {
        let start = body.start.as_deref().map(parse_bound).transpose()?;
        let end = body.end.as_deref().map(parse_bound).transpose()?;
        let mut when = When::new(start, end, body.precision)?;
        when.approximate = body.approximate;
        when.words = body.words;
        when.basis = match (body.inferred, body.basis) {
            (_, Some(basis)) if !basis.is_empty() => Some(basis),
            (true, _) => Some("unspecified".to_string()),
            _ => None,
        };
        Ok(when)
    }
}

impl Serialize for When {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WhenJson::from(self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let body = WhenJson::deserialize(deserializer)?;
        When::try_from(body).map_err(serde::de::Error::custom)
    }
}

/// The first day of the ISO week (Monday) containing `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_day_spans_the_whole_day_and_prints_as_a_date() {
        let when = When::day(date(2022, 1, 12));
        let body = WhenJson::from(&when);
        assert_eq!(body.start.as_deref(), Some("2022-01-12"));
        assert_eq!(body.end.as_deref(), Some("2022-01-13"));
        assert_eq!(body.precision, Precision::Day);
    }

    #[test]
    fn bounds_print_like_chrono_in_and_out_of_four_digit_years() {
        for (y, m, d, h, min, sec) in [
            (7, 3, 4, 5, 6, 7),
            (2022, 12, 31, 23, 59, 59),
            (-44, 3, 15, 0, 0, 0),
            (10_000, 1, 1, 12, 0, 0),
        ] {
            let bound = date(y, m, d).and_hms_opt(h, min, sec).unwrap();
            for precision in [Precision::Day, Precision::Minute] {
                let chrono_style = if !precision.has_time_of_day() && bound.time() == NaiveTime::MIN
                {
                    bound.format("%Y-%m-%d").to_string()
                } else {
                    bound.format("%Y-%m-%dT%H:%M:%S").to_string()
                };
                assert_eq!(format_bound(bound, precision), chrono_style);
            }
        }
    }

    #[test]
    fn an_evening_keeps_its_hours() {
        let start = date(2022, 1, 12).and_hms_opt(18, 0, 0).unwrap();
        let end = date(2022, 1, 13).and_hms_opt(0, 0, 0).unwrap();
        let when = When::new(Some(start), Some(end), Precision::PartOfDay).unwrap();
        let json = serde_json::to_value(&when).unwrap();
        assert_eq!(json["start"], "2022-01-12T18:00:00");
        assert_eq!(json["end"], "2022-01-13T00:00:00");
    }

    #[test]
    fn open_intervals_and_round_trip() {
        let since = When::new(
            Some(date(2014, 1, 1).and_time(NaiveTime::MIN)),
            None,
            Precision::Year,
        )
        .unwrap()
        .with_words("since 2014");
        let json = serde_json::to_string(&since).unwrap();
        let back: When = serde_json::from_str(&json).unwrap();
        assert_eq!(back, since);
    }

    #[test]
    fn inverted_and_unbounded_are_refused() {
        let a = date(2022, 1, 2).and_time(NaiveTime::MIN);
        let b = date(2022, 1, 1).and_time(NaiveTime::MIN);
        assert!(matches!(
            When::new(Some(a), Some(b), Precision::Day),
            Err(WhenError::Inverted { .. })
        ));
        assert_eq!(
            When::new(None, None, Precision::Day),
            Err(WhenError::Unbounded)
        );
        assert!(When::month(2022, 13).is_err());
    }

    #[test]
    fn a_bad_bound_is_a_clear_error() {
        let err =
            serde_json::from_str::<When>(r#"{"start":"12/01/2022","end":null,"precision":"day"}"#)
                .unwrap_err();
        assert!(err.to_string().contains("12/01/2022"));
    }
}
