//! Holidays: their names (`data/holidays.tsv`), the rules that date the ones a formula can
//! (fixed dates, n-th weekdays, the Gregorian and Julian computus), and compiled-in tables of
//! dates per year (`data/lunar.tsv`) for the lunar and lunisolar ones (Islamic, Hebrew, Chinese
//! and Hindu calendars).

use super::Grain;
use super::calendar::{Iv, easter, nth_weekday, orthodox_easter, ymd};
use crate::lexicon::tables;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

#[derive(Debug, Clone)]
enum Rule {
    Fixed(u32, u32),
    Nth(u32, u32, i32, i64),
    Drift365(i32, u32, u32),
    Easter(i64, i64),
    Orthodox(i64, i64),
    After(String, i64),
    NearWeekday(u32, u32),
    NotSunday(u32, u32),
    EarthHour,
    Table,
}

struct Holiday {
    #[cfg_attr(not(test), allow(dead_code))]
    key: &'static str,
    rule: Rule,
}

struct Book {
    holidays: Vec<Holiday>,
    by_key: HashMap<&'static str, usize>,
    names: HashMap<String, usize>,
    /// Names that are also common words ("lent"): only capitalized in mixed-case text.
    capital_names: HashSet<String>,
    first_words: HashSet<&'static str>,
    /// Every leading part of every name ("new", "new y", ...), so that reading a name can
    /// stop as soon as no name starts with what has been read.
    prefixes: HashSet<&'static str>,
    max_words: usize,
    /// (holiday, year) -> (first day, days long).
    table: HashMap<(usize, i32), (NaiveDate, i64)>,
}

static BOOK: LazyLock<Book> = LazyLock::new(|| {
    let mut book = Book {
        holidays: Vec::new(),
        by_key: HashMap::default(),
        names: HashMap::default(),
        capital_names: HashSet::default(),
        first_words: HashSet::default(),
        prefixes: HashSet::default(),
        max_words: 1,
        table: HashMap::default(),
    };
    for row in tables::HOLIDAYS.rows() {
        let (key, rule, names) = (row[0], row[1], row[2]);
        let Some(rule) = parse_rule(rule) else {
            continue;
        };
        let id = book.holidays.len();
        book.holidays.push(Holiday { key, rule });
        book.by_key.insert(key, id);
        for name in names.split('|') {
            let mut name = name.trim();
            if name.is_empty() {
                continue;
            }
            if let Some(stripped) = name.strip_prefix('!') {
                name = stripped;
                book.capital_names.insert(name.to_string());
            }
            book.max_words = book.max_words.max(name.split(' ').count());
            if let Some(first) = name.split(' ').next() {
                book.first_words.insert(first);
            }
            for (at, _) in name.char_indices().skip(1) {
                book.prefixes.insert(name.get(..at).unwrap_or(""));
            }
            book.prefixes.insert(name);
            book.names.insert(name.to_string(), id);
        }
    }
    for row in tables::LUNAR_DATES.rows() {
        let (key, year, start, days) = (row[0], row[1], row[2], row[3]);
        let days = days.parse::<i64>().unwrap_or(1);
        let (Some(&id), Ok(year), Ok(start)) = (
            book.by_key.get(key),
            year.parse::<i32>(),
            iso_date(start).ok_or(()),
        ) else {
            continue;
        };
        book.table.insert((id, year), (start, days));
    }
    book
});

/// A `YYYY-MM-DD` date of the data file, read without a format parser: start-up reads
/// thousands of them.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

fn parse_rule(text: &str) -> Option<Rule> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let n = |i: usize| parts.get(i).and_then(|p| p.parse::<i64>().ok());
    let u = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    Some(match *parts.first()? {
        "fixed" => Rule::Fixed(u(1)?, u(2)?),
        "nth" => Rule::Nth(u(1)?, u(2)?, i32::try_from(n(3)?).ok()?, n(4).unwrap_or(1)),
        "drift365" => Rule::Drift365(i32::try_from(n(1)?).ok()?, u(2)?, u(3)?),
        "easter" => Rule::Easter(n(1)?, n(2).unwrap_or(1)),
        "orthodox" => Rule::Orthodox(n(1)?, n(2).unwrap_or(1)),
        "after" => Rule::After((*parts.get(1)?).to_string(), n(2)?),
        "nearweekday" => Rule::NearWeekday(u(1)?, u(2)?),
        "notsunday" => Rule::NotSunday(u(1)?, u(2)?),
        "earthhour" => Rule::EarthHour,
        "table" => Rule::Table,
        _ => return None,
    })
}

/// The holiday a normalized name (lowercase words joined by single spaces) names.
pub(super) fn by_name(name: &str) -> Option<usize> {
    BOOK.names.get(name).copied()
}

/// Whether some holiday's name starts with `text` (a normalized name being read).
pub(super) fn is_name_prefix(text: &str) -> bool {
    BOOK.prefixes.contains(text)
}

/// Every word that can start a holiday's name.
pub(super) fn first_words() -> impl Iterator<Item = &'static str> {
    BOOK.first_words.iter().copied()
}

/// Every name of every holiday (normalized: lowercase words joined by single spaces).
pub(super) fn names() -> impl Iterator<Item = &'static str> {
    BOOK.names.keys().map(String::as_str)
}

/// Whether a holiday name is also a common word and needs a capital in mixed-case text.
pub(super) fn needs_capital(name: &str) -> bool {
    BOOK.capital_names.contains(name)
}

/// The most words a holiday's name has.
pub(super) fn max_words() -> usize {
    BOOK.max_words
}

/// The holiday's key, as in the data files.
#[cfg(test)]
pub(super) fn key(id: usize) -> &'static str {
    BOOK.holidays.get(id).map_or("", |h| h.key)
}

/// The occurrence of holiday `id` in year `y`, if known.
pub(super) fn occurrences(id: usize, y: i32) -> Option<Iv> {
    occurrence(id, y, 0)
}

fn days(start: NaiveDate, len: i64) -> Option<Iv> {
    let s = start.and_time(NaiveTime::MIN);
    let e = s.checked_add_signed(Duration::try_days(len.max(1))?)?;
    Some(Iv {
        start: s,
        end: e,
        grain: Grain::Day,
    })
}

fn occurrence(id: usize, y: i32, depth: u8) -> Option<Iv> {
    let holiday = BOOK.holidays.get(id)?;
    match &holiday.rule {
        Rule::Fixed(m, d) => days(NaiveDate::from_ymd_opt(y, *m, *d)?, 1),
        Rule::Nth(m, wd, n, len) => days(nth_weekday(y, *m, *wd, *n)?, *len),
        Rule::Drift365(base_year, m, d) => {
            // A calendar of 365-day years: one day earlier every Gregorian leap year.
            let base = NaiveDate::from_ymd_opt(*base_year, *m, *d)?;
            let years = i64::from(y.checked_sub(*base_year)?);
            let date = base.checked_add_signed(Duration::try_days(years.checked_mul(365)?)?)?;
            (date.year() == y).then_some(())?;
            days(date, 1)
        }
        Rule::Easter(off, len) => days(easter(y)? + Duration::try_days(*off)?, *len),
        Rule::Orthodox(off, len) => days(orthodox_easter(y)? + Duration::try_days(*off)?, *len),
        Rule::After(other, off) => {
            if depth > 3 {
                return None;
            }
            let base = occurrence(*BOOK.by_key.get(other.as_str())?, y, depth + 1)?;
            days(base.start.date() + Duration::try_days(*off)?, 1)
        }
        Rule::NearWeekday(m, d) => {
            let date = NaiveDate::from_ymd_opt(y, *m, *d)?;
            let shift = match date.weekday().num_days_from_monday() {
                5 => -1,
                6 => 1,
                _ => 0,
            };
            days(date + Duration::days(shift), 1)
        }
        Rule::NotSunday(m, d) => {
            let date = NaiveDate::from_ymd_opt(y, *m, *d)?;
            let shift = if date.weekday().num_days_from_monday() == 6 {
                -1
            } else {
                0
            };
            days(date + Duration::days(shift), 1)
        }
        Rule::EarthHour => {
            let sat = match BOOK.table.get(&(id, y)) {
                Some((date, _)) => *date,
                None => super::calendar::nth_weekday(y, 3, 5, -1)?,
            };
            let start = ymd(sat.year(), sat.month(), sat.day())? + Duration::minutes(20 * 60 + 30);
            Some(Iv {
                start,
                // Clock intervals end one minute after their last minute, as ranges do.
                end: start + Duration::minutes(61),
                grain: Grain::Minute,
            })
        }
        Rule::Table => {
            let (start, len) = BOOK.table.get(&(id, y))?;
            days(*start, *len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dated_row_of_the_lunar_table_is_read() {
        assert_eq!(iso_date("2031-01-23"), NaiveDate::from_ymd_opt(2031, 1, 23));
        assert_eq!(iso_date("2031-02-30"), None);
        assert_eq!(iso_date("23 January"), None);
        assert_eq!(BOOK.table.len(), tables::LUNAR_DATES.rows().count());
    }

    #[test]
    fn names_lead_to_keys() {
        assert_eq!(by_name("xmas").map(key), Some("christmas"));
    }

    fn on(name: &str, y: i32) -> Option<NaiveDate> {
        occurrences(by_name(name)?, y).map(|iv| iv.start.date())
    }

    #[test]
    fn rule_based_holidays() {
        assert_eq!(
            on("thanksgiving", 2013),
            NaiveDate::from_ymd_opt(2013, 11, 28)
        );
        assert_eq!(
            on("black friday", 2017),
            NaiveDate::from_ymd_opt(2017, 11, 24)
        );
        assert_eq!(on("boss day", 2016), NaiveDate::from_ymd_opt(2016, 10, 17));
        assert_eq!(on("koningsdag", 2014), NaiveDate::from_ymd_opt(2014, 4, 26));
        assert_eq!(
            on("palm sunday", 2013),
            NaiveDate::from_ymd_opt(2013, 3, 24)
        );
        assert_eq!(
            on("clean monday", 2018),
            NaiveDate::from_ymd_opt(2018, 2, 19)
        );
    }
}
