//! When a statement was made: its own date, the date of the statement it continues, else the
//! date of what it reports; and the times of what it says, read against that day.

use super::attribution::{content_first, subject_end};
use super::continued_speech::PreviousStatement;
use super::words::{lower_word, word_spans, words_ahead};
use super::{ClaimInput, TimeRef, times_in};
use crate::domain::When;
use crate::extract::Span;
use chrono::NaiveDate;

/// The times of `span`, read against `day` when that is not the section's own day (a
/// statement's "in two days" counts from when it was said, not from when it was reported).
pub(super) fn times_as_of(
    input: &ClaimInput,
    span: Span,
    day: Option<NaiveDate>,
    section_day: Option<NaiveDate>,
) -> Vec<TimeRef> {
    match day {
        Some(day) if Some(day) != section_day => (input.resolve)(span.of(input.text), day)
            .into_iter()
            .map(|t| TimeRef {
                span: t.span.shifted(span.start),
                ..t
            })
            .collect(),
        _ => times_in(input.times, span).cloned().collect(),
    }
}

/// A statement's time: its own date (before the verb, or right after it: "said on Monday"),
/// else the date of the previous statement it continues ("He also announced"), else the first
/// date of what it reports.
pub(super) fn statement_time(
    input: &ClaimInput,
    sentence: Span,
    verb: Span,
    speaker: usize,
    index: usize,
    previous: Option<&PreviousStatement>,
) -> (Option<When>, Option<Span>) {
    let dated = |t: &&TimeRef| t.when.is_some();
    // "X happened, the minister said": what is reported comes first, and its times are not the
    // statement's own.
    let content_end = content_first(input.text, sentence, verb).unwrap_or(sentence.start);
    // A relative clause between subject and verb ("X, who arrived on Monday, said") dates
    // something else; a participle ("X, speaking on Monday, said") dates the statement.
    let parenthetical_end = subject_end(input.text, sentence, verb.start);
    let relative_clause = words_ahead(input.text, parenthetical_end, verb.start)
        .first()
        .is_some_and(|w| {
            matches!(
                lower_word(input.text, *w).as_str(),
                "who" | "which" | "whose" | "whom"
            )
        });
    let own_end = if relative_clause {
        parenthetical_end
    } else {
        verb.start
    };
    let own_before = times_in(input.times, Span::new(content_end, own_end))
        .filter(dated)
        .last();
    let own_after = times_in(input.times, Span::new(verb.end, sentence.end))
        .filter(dated)
        .find(|t| {
            let gap = input.text.get(verb.end..t.span.start).unwrap_or("");
            gap.split_whitespace().count() <= 1 && !gap.contains(',')
        });
    if let Some(own) = own_before.or(own_after) {
        return (own.when.clone(), Some(own.span));
    }
    // The same speaker in the next sentence of the same paragraph speaks on the same occasion,
    // unless the text moves on in time ("Later, he said").
    let same_paragraph = input
        .sentences
        .get(index.wrapping_sub(1))
        .and_then(|before| input.text.get(before.end..sentence.start))
        .is_some_and(|gap| gap.matches('\n').count() <= 1);
    let continues = previous.is_some_and(|p| p.speaker == speaker && p.sentence + 1 == index)
        && same_paragraph
        && !word_spans(input.text, sentence).iter().any(|w| {
            matches!(
                lower_word(input.text, *w).as_str(),
                "later" | "afterwards" | "subsequently" | "since" | "then"
            )
        });
    if continues && let Some(p) = previous.filter(|p| p.when.is_some()) {
        return (p.when.clone(), p.when_span);
    }
    times_in(input.times, Span::new(sentence.start, content_end))
        .chain(times_in(input.times, Span::new(verb.end, sentence.end)))
        .find(dated)
        .map_or((None, None), |t| (t.when.clone(), Some(t.span)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ActorKind;
    use crate::extract::claims::test_support::{Case, day};
    use crate::extract::claims::unnamed_speakers::unnamed_speakers;

    #[test]
    fn content_before_its_speaker_gives_the_date_of_what_is_reported() {
        let case =
            Case::new("The convoy crossed on March 2, the minister Anna Berg said on March 9.")
                .actor("Anna Berg", 0, ActorKind::Person)
                .day("March 2", day(2023, 3, 2))
                .day("March 9", day(2023, 3, 9));
        let claims = case.claims();
        assert_eq!(claims[0].speaker, Some(0));
        assert_eq!(claims[0].when, Some(When::day(day(2023, 3, 9))));
        let case = Case::new("Talks could resume on March 20, analysts warned.");
        let speakers = unnamed_speakers(&case.text, &case.sentences, &[]);
        assert_eq!(speakers.len(), 1);
        assert_eq!(speakers[0].of(&case.text), "analysts");
    }

    #[test]
    fn the_same_speaker_next_in_the_paragraph_keeps_the_date() {
        let case = Case::new(
            "On March 8, Anna Berg said the port would reopen. She said talks would follow.",
        )
        .actor("Anna Berg", 0, ActorKind::Person)
        .day("March 8", day(2023, 3, 8));
        let claims = case.claims();
        assert_eq!(claims[1].speaker, Some(0));
        assert_eq!(claims[1].when, Some(When::day(day(2023, 3, 8))));
        assert_eq!(
            claims[1].prediction.as_ref().unwrap().made_on,
            Some(day(2023, 3, 8))
        );
    }
}
