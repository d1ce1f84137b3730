//! ISO 8601 text for times, written digit by digit. chrono's `format` parses its pattern on
//! every call, and every timex prints its value and interval, so this is on the hot path of
//! `sitrep timex`. The text is exactly what chrono writes for the same pattern; years outside
//! 0..=9999 (which chrono writes with a sign) are left to chrono.

use chrono::{Datelike, NaiveDateTime, Timelike};
use serde::{Serialize, Serializer};
use std::fmt::{self, Write};

/// How much of a time to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fields {
    /// `%Y-%m`
    Month,
    /// `%Y-%m-%d`
    Day,
    /// `%Y-%m-%dT%H:00`
    Hour,
    /// `%Y-%m-%dT%H:%M`
    Minute,
    /// `%Y-%m-%dT%H:%M:%S`
    Second,
}

impl Fields {
    fn chrono_pattern(self) -> &'static str {
        match self {
            Fields::Month => "%Y-%m",
            Fields::Day => "%Y-%m-%d",
            Fields::Hour => "%Y-%m-%dT%H:00",
            Fields::Minute => "%Y-%m-%dT%H:%M",
            Fields::Second => "%Y-%m-%dT%H:%M:%S",
        }
    }
}

/// Writes `t` as chrono's pattern for `fields` would.
pub(super) fn write_iso(out: &mut impl Write, t: NaiveDateTime, fields: Fields) -> fmt::Result {
    let year = t.year();
    if !(0..=9999).contains(&year) {
        return write!(out, "{}", t.format(fields.chrono_pattern()));
    }
    // At most "YYYY-MM-DDTHH:MM:SS": 19 ASCII bytes.
    let mut buf = [0u8; 19];
    let mut len = 0;
    let mut put = |value: u32, width: usize, sep: Option<u8>| {
        if let Some(sep) = sep {
            if let Some(slot) = buf.get_mut(len) {
                *slot = sep;
            }
            len += 1;
        }
        let mut v = value;
        for k in (0..width).rev() {
            if let Some(slot) = buf.get_mut(len + k) {
                *slot = b'0' + (v % 10) as u8;
            }
            v /= 10;
        }
        len += width;
    };
    put(year.unsigned_abs(), 4, None);
    put(t.month(), 2, Some(b'-'));
    if fields != Fields::Month {
        put(t.day(), 2, Some(b'-'));
    }
    match fields {
        Fields::Month | Fields::Day => {}
        Fields::Hour => {
            put(t.hour(), 2, Some(b'T'));
            put(0, 2, Some(b':'));
        }
        Fields::Minute => {
            put(t.hour(), 2, Some(b'T'));
            put(t.minute(), 2, Some(b':'));
        }
        Fields::Second => {
            put(t.hour(), 2, Some(b'T'));
            put(t.minute(), 2, Some(b':'));
            put(t.second(), 2, Some(b':'));
        }
    }
    out.write_str(std::str::from_utf8(buf.get(..len).unwrap_or(&[])).map_err(|_| fmt::Error)?)
}

/// `t` as text for `fields`.
pub(super) fn iso(t: NaiveDateTime, fields: Fields) -> String {
    let mut out = String::with_capacity(19);
    // Writing to a String cannot fail.
    let _ = write_iso(&mut out, t, fields);
    out
}

/// A time written `YYYY-MM-DDTHH:MM:SS` (chrono's `%Y-%m-%dT%H:%M:%S`), as the `sitrep timex`
/// contract prints interval bounds; serialises as that string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoSeconds(pub NaiveDateTime);

impl fmt::Display for IsoSeconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_iso(f, self.0, Fields::Second)
    }
}

impl Serialize for IsoSeconds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn matches_chrono_for_every_pattern() {
        let times = [
            (2022, 1, 14, 0, 0, 0),
            (2013, 2, 12, 4, 30, 59),
            (1, 12, 31, 23, 59, 59),
            (0, 1, 1, 0, 0, 0),
            (9999, 12, 31, 23, 59, 59),
            (10000, 1, 1, 7, 8, 9),
            (-44, 3, 15, 12, 0, 0),
            (262_000, 6, 6, 6, 6, 6),
        ];
        for (y, mo, d, h, mi, s) in times {
            let t = NaiveDate::from_ymd_opt(y, mo, d)
                .and_then(|d| d.and_hms_opt(h, mi, s))
                .unwrap();
            for fields in [
                Fields::Month,
                Fields::Day,
                Fields::Hour,
                Fields::Minute,
                Fields::Second,
            ] {
                assert_eq!(
                    iso(t, fields),
                    t.format(fields.chrono_pattern()).to_string(),
                    "{t:?} {fields:?}"
                );
            }
            assert_eq!(
                IsoSeconds(t).to_string(),
                t.format("%Y-%m-%dT%H:%M:%S").to_string()
            );
            assert_eq!(
                serde_json::to_string(&IsoSeconds(t)).unwrap(),
                format!("\"{}\"", t.format("%Y-%m-%dT%H:%M:%S"))
            );
        }
    }
}
