//! The API's shape of a time with its precision (the `When` schema).

use crate::domain::{Precision, When};
use serde::Serialize;
use utoipa::ToSchema;

/// A time with its precision: the half-open interval `[start, end)` (either side may be open),
/// how finely it is known, whether the text hedged it, the words it came from, and whether it
/// was inferred from context rather than stated.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = When)]
pub struct WhenBody {
    /// Inclusive start (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`), `null` when open.
    pub start: Option<String>,
    /// Exclusive end, `null` when open.
    pub end: Option<String>,
    /// How finely the time is known.
    pub precision: Precision,
    /// Whether the text hedged the time ("about", "around").
    pub approximate: bool,
    /// The words the time was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
    /// Whether the time was inferred from context (the paragraph, the report date) rather than
    /// stated in the clause.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// The rule that inferred it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

impl From<&When> for WhenBody {
    fn from(when: &When) -> Self {
        WhenBody {
            start: when.earliest().map(|b| when.format_bound(b)),
            end: when.latest().map(|b| when.format_bound(b)),
            precision: when.precision(),
            approximate: when.is_approximate(),
            words: when.words().map(str::to_string),
            inferred: when.is_inferred(),
            basis: when.basis().map(str::to_string),
        }
    }
}

/// A calendar day in a request body, written strictly as `YYYY-MM-DD`: four-digit years from
/// 1000 to 9999, zero-padded months and days, a day that exists. Anything else is refused when
/// the body is read (422), rather than guessed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToSchema)]
#[schema(value_type = String, format = Date, example = "2022-01-14")]
pub struct IsoDate(pub chrono::NaiveDate);

impl IsoDate {
    /// Reads a strict `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<IsoDate, String> {
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        let refuse = || {
            format!(
                "{text:?} is not a date written YYYY-MM-DD with a year from 1000 to 9999 \
                 (for example 2022-01-14)"
            )
        };
        if !shaped || bytes[0] == b'0' {
            return Err(refuse());
        }
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(IsoDate)
            .map_err(|_| refuse())
    }
}

impl<'de> serde::Deserialize<'de> for IsoDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        IsoDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_four_digit_dates_are_read() {
        assert_eq!(
            IsoDate::parse("2022-01-14").unwrap().0.to_string(),
            "2022-01-14"
        );
        for bad in [
            "0999-01-01",
            "999-01-01",
            "10000-01-01",
            "2022-1-14",
            "2022-01-4",
            "2022-02-30",
            "14/01/2022",
            "+2022-01-14",
            "2022-01-14T00:00",
            "",
        ] {
            assert!(IsoDate::parse(bad).is_err(), "{bad:?}");
        }
    }
}
