//! Observations: dated section headings ("Observation on January 6, 2022:", "Update, 12 Jan",
//! "January 13 (evening)") split a document into sections, each filed under its heading's date.
//! Text before the first heading, and a document without headings, form one section dated by
//! the publication date.

use super::Span;
use super::claims::SectionRef;
use crate::domain::covered_by;
use crate::domain::{Precision, When};
use crate::lexicon::{PhraseTable, tables};
use chrono::NaiveDate;
use std::sync::LazyLock;

/// A section of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The whole section, heading included.
    pub span: Span,
    /// The heading line, when the section has one.
    pub heading: Option<Span>,
    /// The heading's time, or the publication date for an implicit section.
    pub when: Option<When>,
}

impl Section {
    /// The day the section is filed under.
    pub fn date(&self) -> Option<NaiveDate> {
        self.when.as_ref().map(When::anchor_date)
    }

    /// The section as the claim stage sees it.
    pub fn as_ref(&self) -> SectionRef {
        SectionRef {
            span: self.span,
            heading: self.heading,
            date: self.date(),
        }
    }
}

/// Words that open a dated heading ("Observation on ...", "Update, ...").
static HEADING_WORDS: LazyLock<PhraseTable<()>> = LazyLock::new(|| {
    PhraseTable::new(
        tables::HEADING_WORDS
            .rows()
            .filter_map(|row| row.first().map(|w| (w.trim().to_lowercase(), ()))),
    )
});

/// The longest line that can be a heading, in bytes.
const MAX_HEADING_BYTES: usize = 100;
/// The most words a heading can have.
const MAX_HEADING_WORDS: usize = 12;

/// Splits `text` into dated sections. `find_time` resolves the time expressions of a line
/// against a reference date and returns their spans (relative to the line) and times.
pub fn find_sections(
    text: &str,
    excluded: &[Span],
    published: Option<NaiveDate>,
    find_time: impl Fn(&str, Option<NaiveDate>) -> Vec<(Span, Option<When>)>,
) -> Vec<Section> {
    let mut headings: Vec<(Span, When)> = Vec::new();
    for line in lines(text) {
        if covered_by(excluded, line) {
            continue;
        }
        if let Some(found) = heading_in_line(text, line, published, &find_time) {
            headings.push(found);
        }
    }
    // A heading with no body text before the next heading (a run of date lines) is not one.
    let body_between = |from: usize, to: usize| {
        lines(text)
            .filter(|l| l.start >= from && l.end <= to)
            .any(|l| !covered_by(excluded, l))
    };
    let mut sections = Vec::new();
    let first_start = headings.first().map_or(text.len(), |(h, _)| h.start);
    if headings.is_empty() || body_between(0, first_start) {
        sections.push(Section {
            span: Span::new(0, first_start),
            heading: None,
            when: published.map(When::day),
        });
    }
    for (i, (heading, when)) in headings.iter().enumerate() {
        let end = headings
            .get(i + 1)
            .map_or(text.len(), |(next, _)| next.start);
        sections.push(Section {
            span: Span::new(heading.start, end),
            heading: Some(*heading),
            when: Some(when.clone()),
        });
    }
    sections
}

/// The non-empty lines of `text`, trimmed.
fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut offset = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let span = Span::new(offset, offset + line.len()).trimmed(text);
        offset += line.len();
        (!span.is_empty()).then_some(span)
    })
}

/// The heading a line holds, with its time: a short line without sentence-final punctuation
/// whose date makes most of it, or that opens with a heading word; or the part of a line before
/// a colon that opens with a heading word and holds a date.
fn heading_in_line(
    text: &str,
    line: Span,
    published: Option<NaiveDate>,
    find_time: &impl Fn(&str, Option<NaiveDate>) -> Vec<(Span, Option<When>)>,
) -> Option<(Span, When)> {
    let line_text = line.of(text);
    let opens_with_word = HEADING_WORDS.find(line_text).first().is_some_and(|m| {
        m.start == 0
            || line_text[..m.start]
                .trim_matches(['#', '*', ' '])
                .is_empty()
    });
    let candidate = if line.len() <= MAX_HEADING_BYTES
        && !line_text.ends_with(['.', '?', '!', ','])
        && line_text.split_whitespace().count() <= MAX_HEADING_WORDS
    {
        line
    } else if opens_with_word {
        let colon = line_text.find(':').filter(|&c| c <= MAX_HEADING_BYTES)?;
        Span::new(line.start, line.start + colon + 1)
    } else {
        return None;
    };
    let candidate_text = candidate.of(text);
    let times = find_time(candidate_text, published);
    let (span, when) = times
        .into_iter()
        .filter_map(|(span, when)| when.map(|w| (span, w)))
        .filter(|(_, when)| {
            when.earliest().is_some()
                && when.latest().is_some()
                && when.precision() >= Precision::Day
        })
        .max_by_key(|(span, _)| span.len())?;
    let content = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    let date_share = content(span.of(candidate_text)) * 2 >= content(candidate_text);
    let when = part_of_day_outside(candidate_text, span, &when, find_time).unwrap_or(when);
    (date_share || opens_with_word).then_some((candidate, when))
}

/// Parts of a day a heading may add beside its date ("January 13 (evening)").
const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night", "overnight"];

/// A day narrowed by a part-of-day word written outside its date: "12 March (evening)" is the
/// evening of 12 March, resolved by the same time reader against that day.
fn part_of_day_outside(
    heading: &str,
    date: Span,
    when: &When,
    find_time: &impl Fn(&str, Option<NaiveDate>) -> Vec<(Span, Option<When>)>,
) -> Option<When> {
    if when.precision() != Precision::Day {
        return None;
    }
    let outside = format!(
        "{} {}",
        heading.get(..date.start).unwrap_or(""),
        heading.get(date.end..).unwrap_or("")
    )
    .to_lowercase();
    let part = PARTS_OF_DAY.iter().find(|p| {
        outside
            .split(|c: char| !c.is_alphabetic())
            .any(|word| word == **p)
    })?;
    let day = when.anchor_date();
    let narrowed = find_time(part, Some(day))
        .into_iter()
        .find_map(|(_, w)| w)?;
    let inside = |bound: Option<chrono::NaiveDateTime>| {
        bound.is_some_and(|b| when.earliest() <= Some(b) && Some(b) <= when.latest())
    };
    (inside(narrowed.earliest()) && inside(narrowed.latest()))
        .then(|| narrowed.with_words(heading.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in resolver for these tests: finds "January N" and "N Jan" in 2022.
    fn january(line: &str, _published: Option<NaiveDate>) -> Vec<(Span, Option<When>)> {
        let words: Vec<(usize, &str)> = line
            .split_inclusive([' ', ','])
            .scan(0, |offset, w| {
                let at = *offset;
                *offset += w.len();
                Some((at, w))
            })
            .collect();
        let mut found = Vec::new();
        for pair in words.windows(2) {
            let (a_at, a) = pair[0];
            let (b_at, b) = pair[1];
            let a_word = a.trim_matches([' ', ',']);
            let b_word = b.trim_matches([' ', ',', ':']);
            let day = if a_word == "January" || a_word == "Jan" {
                b_word.parse::<u32>().ok().map(|d| (d, b_at + b_word.len()))
            } else if b_word == "Jan" || b_word == "January" {
                a_word.parse::<u32>().ok().map(|d| (d, b_at + b_word.len()))
            } else {
                None
            };
            if let Some((d, end)) = day {
                let date = NaiveDate::from_ymd_opt(2022, 1, d).unwrap();
                found.push((Span::new(a_at, end), Some(When::day(date))));
            }
        }
        found
    }

    fn dates(sections: &[Section]) -> Vec<Option<NaiveDate>> {
        sections.iter().map(Section::date).collect()
    }

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2022, 1, d)
    }

    #[test]
    fn dated_headings_split_sections() {
        let text =
            "Observation on January 3, 2022:\n\nTroops moved.\n\nUpdate, 12 Jan\nTalks began.\n";
        let sections = find_sections(text, &[], day(14), january);
        assert_eq!(dates(&sections), vec![day(3), day(12)]);
        assert_eq!(
            sections[0].heading.unwrap().of(text),
            "Observation on January 3, 2022:"
        );
        assert_eq!(sections[1].span.of(text), "Update, 12 Jan\nTalks began.\n");
    }

    #[test]
    fn a_part_of_day_beside_the_date_narrows_the_section() {
        let evening = |line: &str, day: Option<NaiveDate>| {
            if line == "evening" {
                let start = day.unwrap().and_hms_opt(18, 0, 0).unwrap();
                let end = day
                    .unwrap()
                    .succ_opt()
                    .unwrap()
                    .and_hms_opt(0, 0, 0)
                    .unwrap();
                let when = When::new(Some(start), Some(end), Precision::PartOfDay).unwrap();
                vec![(Span::new(0, 7), Some(when))]
            } else {
                january(line, day)
            }
        };
        let text = "Update, 13 Jan (evening)\nThe convoy left.\n";
        let sections = find_sections(text, &[], day(14), evening);
        let when = sections[0].when.as_ref().unwrap();
        assert_eq!(when.precision(), Precision::PartOfDay);
        assert_eq!(
            when.earliest(),
            NaiveDate::from_ymd_opt(2022, 1, 13)
                .unwrap()
                .and_hms_opt(18, 0, 0)
        );
    }

    #[test]
    fn sentences_with_dates_are_not_headings() {
        let text = "On January 9, the ministry said the talks would resume within a week.\n";
        let sections = find_sections(text, &[], day(14), january);
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].heading, None);
        assert_eq!(dates(&sections), vec![day(14)]);
    }

    #[test]
    fn an_inline_heading_ends_at_its_colon() {
        let text =
            "Update on January 5: the border reopened after a long night of talks between them.\n";
        let sections = find_sections(text, &[], day(14), january);
        assert_eq!(
            sections[0].heading.unwrap().of(text),
            "Update on January 5:"
        );
    }

    #[test]
    fn body_before_the_first_heading_is_its_own_section() {
        let text = "A short preface.\n\n5 January\nEvents.\n";
        let sections = find_sections(text, &[], day(14), january);
        assert_eq!(dates(&sections), vec![day(14), day(5)]);
        let excluded = [Span::new(0, 16)];
        let sections = find_sections(text, &excluded, day(14), january);
        assert_eq!(dates(&sections), vec![day(5)]);
    }
}
