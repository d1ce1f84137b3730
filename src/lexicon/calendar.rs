//! Month and weekday names, as the time-expression lexicon (`extract/timex/data/lexicon.tsv`)
//! spells them: the one list every stage that needs to recognise them reads.

use super::tables;
use std::sync::LazyLock;

/// Whether a name is a month's or a weekday's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarKind {
    /// January to December.
    Month,
    /// Monday to Sunday.
    Weekday,
}

/// How a name is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameForm {
    /// The whole name ("january", "monday").
    Full,
    /// An abbreviation ("jan", "sept", "thurs").
    Short,
    /// A weekday in the plural ("mondays").
    Plural,
}

/// One spelling of a month or weekday name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarName {
    /// The name in lower case.
    pub word: &'static str,
    /// The name with its first letter in upper case, as prose writes it ("January").
    pub capitalised: String,
    /// Month or weekday.
    pub kind: CalendarKind,
    /// Whole, short or plural.
    pub form: NameForm,
    /// The month (1 = January) or the weekday (0 = Monday).
    pub number: u32,
}

static NAMES: LazyLock<Vec<CalendarName>> = LazyLock::new(|| {
    tables::TIME_WORDS
        .rows()
        .filter_map(|row| {
            let kind = match row[1] {
                "month" => CalendarKind::Month,
                "weekday" => CalendarKind::Weekday,
                _ => return None,
            };
            let form = match row[3] {
                "full" => NameForm::Full,
                "short" => NameForm::Short,
                "plural" => NameForm::Plural,
                _ => return None,
            };
            let word = row[0];
            let mut chars = word.chars();
            let capitalised = chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            Some(CalendarName {
                word,
                capitalised,
                kind,
                form,
                number: row[2].parse().ok()?,
            })
        })
        .collect()
});

/// Every spelling of every month and weekday name, in the lexicon's order.
pub fn calendar_names() -> &'static [CalendarName] {
    &NAMES
}

/// The whole names of the months or of the weekdays, in calendar order.
pub fn full_names(kind: CalendarKind) -> impl Iterator<Item = &'static CalendarName> {
    calendar_names()
        .iter()
        .filter(move |name| name.kind == kind && name.form == NameForm::Full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_months_and_seven_weekdays_in_calendar_order() {
        let months: Vec<u32> = full_names(CalendarKind::Month).map(|n| n.number).collect();
        assert_eq!(months, (1..=12).collect::<Vec<_>>());
        let weekdays: Vec<&str> = full_names(CalendarKind::Weekday)
            .map(|n| n.capitalised.as_str())
            .collect();
        assert_eq!(
            weekdays,
            [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday"
            ]
        );
    }

    #[test]
    fn short_and_plural_forms_keep_their_number() {
        let find = |word: &str| calendar_names().iter().find(|n| n.word == word);
        let sept = find("sept").unwrap();
        assert_eq!(
            (sept.kind, sept.form, sept.number),
            (CalendarKind::Month, NameForm::Short, 9)
        );
        let fridays = find("fridays").unwrap();
        assert_eq!((fridays.form, fridays.number), (NameForm::Plural, 4));
        assert!(find("fortnight").is_none(), "a unit is not a calendar name");
    }
}
