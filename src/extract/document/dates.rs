//! Dates in document metadata: machine dates in HTML attributes ("2022-01-14T09:00:00Z"), and
//! date lines near the top of an article ("Friday, January 14, 2022", "Published: 2022-01-14",
//! "Updated Jan. 9, 2022 10:31 a.m. ET"). Dates written in words are found by the
//! time-expression engine; only dates that name their year count, since a page header gives
//! no reference to infer one from.

use super::lexicon::{Lexicon, WordKind};
use crate::extract::Span;
use crate::extract::timex::{self, Grain};
use crate::lexicon::is_word_boundary;
use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// A date line is short; a longer line is prose that happens to hold a date.
const MAX_DATE_LINE: usize = 100;

/// Parses a machine-readable date: ISO 8601 / RFC 3339 (the calendar date as written, not
/// shifted to UTC), `YYYY/MM/DD`, `YYYYMMDD`, or RFC 2822.
pub(crate) fn parse_iso_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Some(head) = value.get(..10) {
        for format in ["%Y-%m-%d", "%Y/%m/%d"] {
            if let Ok(date) = NaiveDate::parse_from_str(head, format) {
                return Some(date);
            }
        }
    }
    if let Some(head) = value.get(..8)
        && head.bytes().all(|b| b.is_ascii_digit())
        && value.as_bytes().get(8).is_none_or(|b| !b.is_ascii_digit())
        && let Ok(date) = NaiveDate::parse_from_str(head, "%Y%m%d")
    {
        return Some(date);
    }
    DateTime::parse_from_rfc2822(value)
        .ok()
        .map(|d| d.date_naive())
}

/// A date found in a line, with where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FoundDate {
    pub span: Span,
    pub date: NaiveDate,
}

/// The day-precise dates with a written year in `line`, and the spans of every time
/// expression (dates, times of day) found in it.
pub(crate) fn dates_in(line: &str) -> (Vec<FoundDate>, Vec<Span>) {
    let mut dates = iso_dates(line);
    let mut covered: Vec<Span> = dates.iter().map(|d| d.span).collect();
    // Resolution needs a reference; a fixed one keeps the result deterministic, and dates
    // without a written year are not used.
    let reference = NaiveDate::from_ymd_opt(2000, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or(NaiveDateTime::MIN);
    for found in timex::find(line, reference) {
        if covered.iter().any(|c| c.overlaps(found.span)) {
            continue;
        }
        covered.push(found.span);
        let day_or_finer = matches!(
            found.grain,
            Grain::Day | Grain::Hour | Grain::Minute | Grain::Second
        );
        if let (true, Some((Some(start), _))) = (day_or_finer, found.interval)
            && !found.year_inferred
            && !found.relative
            && names_a_year(found.span.of(line))
        {
            dates.push(FoundDate {
                span: found.span,
                date: start.date(),
            });
        }
    }
    dates.sort_by_key(|d| d.span);
    covered.sort();
    (dates, covered)
}

/// `YYYY-MM-DD` or `YYYY/MM/DD` standing alone or followed by a time ("2022-01-14T09:00").
fn iso_dates(line: &str) -> Vec<FoundDate> {
    let bytes = line.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 10 <= bytes.len() {
        let window = &bytes[i..i + 10];
        let shape = window.iter().enumerate().all(|(k, &b)| match k {
            4 | 7 => b == b'-' || b == b'/',
            _ => b.is_ascii_digit(),
        }) && window[4] == window[7];
        let free_before = is_word_boundary(line, i);
        let free_after = bytes
            .get(i + 10)
            .is_none_or(|&b| !b.is_ascii_digit() && b != b'-' && b != b'/');
        if shape
            && free_before
            && free_after
            && let Some(date) = line.get(i..i + 10).and_then(parse_iso_date)
        {
            let mut end = i + 10;
            // Swallow a time written straight after: "T09:30:00Z", "T09:30+06:00".
            if bytes.get(end) == Some(&b'T') {
                end += 1;
                while end < bytes.len()
                    && (bytes[end].is_ascii_digit()
                        || matches!(bytes[end], b':' | b'.' | b'+' | b'-' | b'Z'))
                {
                    end += 1;
                }
            }
            found.push(FoundDate {
                span: Span::new(i, end),
                date,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    found
}

/// Whether the words of a time expression include a four-digit year.
fn names_a_year(words: &str) -> bool {
    words.split(|c: char| !c.is_ascii_digit()).any(|digits| {
        digits.len() == 4
            && digits
                .parse::<u32>()
                .is_ok_and(|y| (1800..=2200).contains(&y))
    })
}

/// A line that only gives a date (and words that go with one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateLine {
    pub date: NaiveDate,
    /// "Updated ...", "Last modified ...": not the first publication.
    pub updated: bool,
}

/// Reads `line` as a date line: one day-precise date with its year, and nothing else but
/// date-line words ("Published", "Updated", weekdays, times, time zones) and punctuation.
pub(crate) fn date_line(line: &str, lexicon: &Lexicon) -> Option<DateLine> {
    if line.chars().count() > MAX_DATE_LINE {
        return None;
    }
    bare_date_line(line, lexicon).or_else(|| {
        // A place before the date: "Geneva, 9 March 2021", "NEW YORK - March 9, 2021".
        let (place, rest) = split_place(line)?;
        let words: Vec<&str> = place.split_whitespace().collect();
        let is_place = (1..=3).contains(&words.len())
            && !words.first().is_some_and(|w| w.eq_ignore_ascii_case("by"))
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !place.chars().any(|c| c.is_ascii_digit());
        if is_place {
            bare_date_line(rest, lexicon)
        } else {
            None
        }
    })
}

/// Splits "Place, rest" or "Place - rest" at the first such separator.
fn split_place(line: &str) -> Option<(&str, &str)> {
    [", ", " - ", " – ", " — ", " -- "]
        .iter()
        .filter_map(|sep| line.find(sep).map(|at| (at, sep.len())))
        .min()
        .and_then(|(at, len)| Some((line.get(..at)?, line.get(at + len..)?)))
}

fn bare_date_line(line: &str, lexicon: &Lexicon) -> Option<DateLine> {
    let (dates, covered) = dates_in(line);
    let first = dates.first()?;
    let mut rest = String::with_capacity(line.len());
    let mut at = 0;
    for span in &covered {
        if span.start >= at {
            rest.push_str(line.get(at..span.start).unwrap_or(""));
            rest.push(' ');
            at = span.end;
        }
    }
    rest.push_str(line.get(at..).unwrap_or(""));
    let mut updated = false;
    for piece in rest.split(|c: char| c.is_whitespace() || ",|·•–—;()[]/".contains(c)) {
        let piece = piece.trim_matches(['-', ':']);
        if piece.is_empty() || piece == "." || is_clock_time(piece) {
            continue;
        }
        let lower = piece.to_lowercase();
        // Date words, and page controls that share the line ("| Share", "4 min read").
        let fits = |word: &str| lexicon.is(word, WordKind::Date) || lexicon.is(word, WordKind::Nav);
        if !fits(&lower) && !fits(lower.trim_end_matches('.')) {
            return None;
        }
        updated |= matches!(lower.as_str(), "updated" | "modified");
    }
    Some(DateLine {
        date: first.date,
        updated,
    })
}

/// "10:31", "9.45", "10am", "10:31pm".
fn is_clock_time(piece: &str) -> bool {
    let lower = piece.to_ascii_lowercase();
    let digits_part = lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("pm"))
        .unwrap_or(&lower);
    let has_suffix = digits_part.len() < lower.len();
    let mut parts = digits_part.split([':', '.']);
    let hours = parts.next().unwrap_or("");
    let hours_ok = (1..=2).contains(&hours.len()) && hours.bytes().all(|b| b.is_ascii_digit());
    let rest: Vec<&str> = parts.collect();
    let rest_ok = rest
        .iter()
        .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()));
    hours_ok && rest_ok && (rest.len() <= 2) && (!rest.is_empty() || has_suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn machine_dates() {
        assert_eq!(
            parse_iso_date("2022-01-14T23:30:00-05:00"),
            day(2022, 1, 14)
        );
        assert_eq!(parse_iso_date(" 2022/01/14 "), day(2022, 1, 14));
        assert_eq!(parse_iso_date("20220114"), day(2022, 1, 14));
        assert_eq!(
            parse_iso_date("Fri, 14 Jan 2022 10:00:00 +0000"),
            day(2022, 1, 14)
        );
        assert_eq!(parse_iso_date("2022-13-40"), None);
        assert_eq!(parse_iso_date("soon"), None);
    }

    #[test]
    fn numeric_date_lines() {
        let lexicon = Lexicon::builtin();
        assert_eq!(
            date_line("Published: 2021-06-30", lexicon),
            Some(DateLine {
                date: NaiveDate::from_ymd_opt(2021, 6, 30).unwrap(),
                updated: false
            })
        );
        assert_eq!(
            date_line("Updated 2021-07-01 10:31 GMT", lexicon).map(|d| d.updated),
            Some(true)
        );
        assert_eq!(
            date_line("The 2021-06-30 summit was cancelled", lexicon),
            None
        );
        assert_eq!(date_line("Version 2021-06-30-b", lexicon), None);
    }

    #[test]
    fn date_lines_in_words() {
        let lexicon = Lexicon::builtin();
        let read = |line: &str| date_line(line, lexicon);
        let on = |y, m, d, updated| {
            Some(DateLine {
                date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
                updated,
            })
        };
        assert_eq!(read("Tuesday, March 9, 2021"), on(2021, 3, 9, false));
        assert_eq!(read("9 March 2021"), on(2021, 3, 9, false));
        assert_eq!(
            read("Updated Mar. 9, 2021 10:31 a.m. ET"),
            on(2021, 3, 9, true)
        );
        assert_eq!(
            read("Posted: Tue 9 Mar 2021 14.20 GMT"),
            on(2021, 3, 9, false)
        );
        assert_eq!(read("March 9, 2021 | 14:20 GMT"), on(2021, 3, 9, false));
        assert_eq!(read("9 March 2021 · 4 min read"), on(2021, 3, 9, false));
        assert_eq!(read("19.03.2021 | Share | Print"), on(2021, 3, 19, false));
        // No year written: the header gives nothing to infer it from.
        assert_eq!(read("Tuesday, March 9"), None);
        // A month is not a publication day.
        assert_eq!(read("March 2021"), None);
        // Prose with a date is not a date line.
        assert_eq!(read("Talks resumed on March 9, 2021"), None);
        assert_eq!(read("Observation on March 9, 2021:"), None);
        assert_eq!(read("Geneva, 9 March 2021"), on(2021, 3, 9, false));
        assert_eq!(read("NEW YORK - March 9, 2021"), on(2021, 3, 9, false));
        assert_eq!(read("Talks in Geneva, 9 March 2021"), None);
    }

    #[test]
    fn clock_times() {
        assert!(is_clock_time("10:31"));
        assert!(is_clock_time("10am"));
        assert!(is_clock_time("9.45"));
        assert!(!is_clock_time("2022"));
        assert!(!is_clock_time("am"));
    }
}
