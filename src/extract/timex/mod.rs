//! Time expressions: finding them in text and resolving them against a reference time, in the
//! TimeML TIMEX3 vocabulary (DATE, TIME, DURATION, SET).

use super::Span;
use chrono::NaiveDateTime;
use serde::Serialize;

/// The TIMEX3 type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or a coarser period.
    Date,
    /// A time of day.
    Time,
    /// A length of time.
    Duration,
    /// A recurring time.
    Set,
}

/// The grain of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Quarters.
    Quarter,
    /// Years.
    Year,
}

/// A time expression found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    /// Where it is.
    pub span: Span,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexType,
    /// The TIMEX3 value ("2013-02-05", "2013-W06", "P1W").
    pub value: String,
    /// The grain.
    pub grain: Grain,
    /// The time meant, `[start, end)`; either side may be open; `None` for a bare duration.
    pub interval: Option<(Option<NaiveDateTime>, Option<NaiveDateTime>)>,
}

/// Finds and resolves the time expressions in `text`, against `reference`.
pub fn find(_text: &str, _reference: NaiveDateTime) -> Vec<Timex> {
    Vec::new()
}
