//! Conversions between domain values and columns: a [`When`] as its five columns, vocabularies
//! as their snake_case words, byte offsets as 64-bit integers, and the clock every write uses.

use super::StorageError;
use crate::domain::{Precision, When};
use chrono::{DateTime, NaiveDateTime, Utc};
use std::str::FromStr;

/// How many ids one `IN (...)` list holds at most: well under SQLite's 32,766 and
/// PostgreSQL's 65,535 parameters, so long lists are read in chunks.
pub(crate) const IN_CHUNK: usize = 1000;

/// Now, to the microsecond: both backends keep microseconds, so a value read back (or
/// exported and imported) is exactly the value written.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now)
}

/// The five columns of an optional [`When`]. No time at all is a NULL precision.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct WhenColumns {
    pub earliest: Option<NaiveDateTime>,
    pub latest: Option<NaiveDateTime>,
    pub precision: Option<String>,
    pub words: Option<String>,
    pub approximate: bool,
    /// The rule that inferred the time; only claims' occurred times keep it.
    pub basis: Option<String>,
}

impl From<Option<&When>> for WhenColumns {
    fn from(when: Option<&When>) -> Self {
        match when {
            None => WhenColumns::default(),
            Some(when) => WhenColumns {
                earliest: when.earliest(),
                latest: when.latest(),
                precision: Some(when.precision().as_str().to_string()),
                words: when.words().map(str::to_string),
                approximate: when.is_approximate(),
                basis: when.basis().map(str::to_string),
            },
        }
    }
}

/// Reads a [`When`] back from its columns; `what` names the column group in errors.
pub(crate) fn when_from_columns(
    what: &str,
    earliest: Option<NaiveDateTime>,
    latest: Option<NaiveDateTime>,
    precision: Option<&str>,
    words: Option<&str>,
    approximate: bool,
) -> Result<Option<When>, StorageError> {
    let Some(precision) = precision else {
        return Ok(None);
    };
    let precision = Precision::from_str(precision)
        .map_err(|e| StorageError::invalid(format!("{what}: {e}")))?;
    let mut when = When::new(earliest, latest, precision)
        .map_err(|e| StorageError::invalid(format!("{what}: {e}")))?;
    if approximate {
        when = when.approximately();
    }
    if let Some(words) = words {
        when = when.with_words(words);
    }
    Ok(Some(when))
}

/// A time read back from its columns, marked inferred by `basis` when it has one.
pub(crate) fn inferred(when: Option<When>, basis: Option<&str>) -> Option<When> {
    match (when, basis) {
        (Some(when), Some(basis)) => Some(when.inferred_by(basis)),
        (when, _) => when,
    }
}

/// Reads a vocabulary word stored as text.
pub(crate) fn word<T>(what: &str, text: &str) -> Result<T, StorageError>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    text.parse::<T>()
        .map_err(|e| StorageError::invalid(format!("{what}: {e}")))
}

/// A byte offset as stored.
pub(crate) fn offset_to_column(offset: usize) -> i64 {
    i64::try_from(offset).unwrap_or(i64::MAX)
}

/// A stored byte offset; a negative value (which Sitrep never writes) reads as 0.
pub(crate) fn offset_from_column(offset: i64) -> usize {
    usize::try_from(offset).unwrap_or(0)
}

/// Checks that `start..end` is a span of `text`: ordered, inside it, and on char boundaries.
pub(crate) fn check_span(
    text: &str,
    start: usize,
    end: usize,
    what: &str,
) -> Result<(), StorageError> {
    if start > end || end > text.len() {
        return Err(StorageError::invalid(format!(
            "{what}: span {start}..{end} lies outside the {}-byte source",
            text.len()
        )));
    }
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err(StorageError::invalid(format!(
            "{what}: span {start}..{end} cuts a character in two"
        )));
    }
    Ok(())
}

/// The lowercase hex SHA-256 of a text: a source's identity within its situation.
pub fn content_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_when_survives_its_columns() {
        let when = When::day(NaiveDate::from_ymd_opt(2022, 1, 13).unwrap())
            .approximately()
            .with_words("around January 13");
        let columns = WhenColumns::from(Some(&when));
        assert_eq!(columns.precision.as_deref(), Some("day"));
        let back = when_from_columns(
            "test",
            columns.earliest,
            columns.latest,
            columns.precision.as_deref(),
            columns.words.as_deref(),
            columns.approximate,
        )
        .unwrap();
        assert_eq!(back, Some(when));
        assert_eq!(WhenColumns::from(None), WhenColumns::default());
    }

    #[test]
    fn spans_must_fit_the_text() {
        assert!(check_span("Shoygu said.", 0, 6, "claim").is_ok());
        assert!(check_span("abc", 2, 9, "claim").is_err());
        assert!(check_span("abc", 2, 1, "claim").is_err());
        assert!(check_span("é", 1, 2, "claim").is_err());
    }

    #[test]
    fn the_hash_is_hex_sha256() {
        assert_eq!(
            content_hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn now_has_whole_microseconds() {
        assert_eq!(now().timestamp_subsec_nanos() % 1000, 0);
    }
}
