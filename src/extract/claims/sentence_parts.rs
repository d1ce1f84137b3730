//! The parts of the body that can be claims: a sentence without its wire dateline or an inline
//! heading, split at semicolons into parts long enough to stand alone.

use super::quotes::quoted_spans;
use super::words::word_spans;
use super::{ClaimInput, section_of};
use crate::extract::Span;

/// The longest dateline prefix, in bytes ("KHARTOUM, April 24 (Reuters) - ").
const MAX_DATELINE_BYTES: usize = 80;

/// A sentence without its wire-story dateline ("KHARTOUM, April 24 (Reuters) - "): a place in
/// capitals, maybe a date and an agency in brackets, then a dash.
pub(super) fn without_dateline(text: &str, sentence: Span) -> Span {
    let slice = sentence.of(text);
    let window = slice
        .get(..MAX_DATELINE_BYTES.min(slice.len()))
        .unwrap_or(slice);
    let Some((dash, dash_len)) = [" - ", " \u{2013} ", " \u{2014} ", " -- "]
        .iter()
        .filter_map(|d| window.find(d).map(|at| (at, d.len())))
        .min()
    else {
        return sentence;
    };
    let prefix = &slice[..dash];
    let place = prefix.split([',', '(']).next().unwrap_or("").trim();
    let place_in_capitals = place.len() >= 3
        && place.chars().any(char::is_alphabetic)
        && place
            .chars()
            .all(|c| c.is_uppercase() || c.is_whitespace() || matches!(c, '.' | '-' | '\''));
    if !place_in_capitals {
        return sentence;
    }
    Span::new(sentence.start + dash + dash_len, sentence.end).trimmed(text)
}

/// The parts of a sentence joined by semicolons ("The ministry blamed the rebels; the rebels
/// said they had been fired upon"), each with a verb-sized share of words, so that each part
/// gets its own speaker; a semicolon inside a quotation or before a short part splits nothing.
pub(super) fn semicolon_parts(text: &str, sentence: Span) -> Vec<Span> {
    let slice = sentence.of(text);
    if !slice.contains(';') {
        return vec![sentence];
    }
    let quotes = quoted_spans(text, sentence);
    let mut parts = Vec::new();
    let mut start = sentence.start;
    for (offset, _) in slice.match_indices(';') {
        let at = sentence.start + offset;
        if quotes.iter().any(|q| q.start <= at && at < q.end) {
            continue;
        }
        let left = Span::new(start, at + 1).trimmed(text);
        let right = Span::new(at + 1, sentence.end).trimmed(text);
        if word_spans(text, left).len() >= MIN_PART_WORDS
            && word_spans(text, right).len() >= MIN_PART_WORDS
        {
            parts.push(left);
            start = at + 1;
        }
    }
    parts.push(Span::new(start, sentence.end).trimmed(text));
    parts
}

/// The fewest words on each side of a semicolon for it to split a sentence into two.
const MIN_PART_WORDS: usize = 5;

/// A sentence that begins with its section's heading on the same line ("**Update, 12 March:**
/// Fighting resumed ..."), without that heading; any other sentence as it is.
pub(super) fn without_inline_heading(input: &ClaimInput, sentence: Span) -> Span {
    let Some(heading) = input
        .sections
        .get(section_of(input.sections, sentence.start))
        .and_then(|s| s.heading)
        .filter(|h| h.overlaps(sentence) && h.end < sentence.end)
    else {
        return sentence;
    };
    let rest = input.text.get(heading.end..sentence.end).unwrap_or("");
    let body = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | ':' | '-' | '\u{2013}' | '\u{2014}')
    });
    if body.bytes().any(|b| b.is_ascii_alphabetic()) {
        Span::new(sentence.end - body.len(), sentence.end)
    } else {
        sentence
    }
}

/// Whether a sentence is body text: not a heading, not mostly boilerplate, and has words.
pub(super) fn is_body(input: &ClaimInput, sentence: Span) -> bool {
    let in_heading = input
        .sections
        .get(section_of(input.sections, sentence.start))
        .and_then(|s| s.heading)
        .is_some_and(|heading| heading.overlaps(sentence));
    let excluded_bytes: usize = overlapping(input.excluded, sentence)
        .iter()
        .map(|e| e.end.min(sentence.end) - e.start.max(sentence.start))
        .sum();
    !in_heading
        && excluded_bytes * 2 < sentence.len()
        && sentence
            .of(input.text)
            .bytes()
            .any(|b| b.is_ascii_alphabetic())
}

/// The spans of a sorted, non-overlapping list that overlap `span`.
fn overlapping(spans: &[Span], span: Span) -> &[Span] {
    let first = spans.partition_point(|s| s.end <= span.start);
    let last = spans.partition_point(|s| s.start < span.end);
    spans.get(first..last.max(first)).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use crate::domain::ActorKind;
    use crate::extract::claims::test_support::{Case, find};

    #[test]
    fn a_wire_dateline_is_not_part_of_the_claim() {
        let case = Case::new("TIRANA, March 3 (Wire) - Sylvania closed the border on Friday.")
            .actor("Sylvania", 1, ActorKind::State);
        let claims = case.claims();
        assert_eq!(
            claims[0].span.of(&case.text),
            "Sylvania closed the border on Friday."
        );
    }

    #[test]
    fn a_heading_on_the_first_line_of_a_paragraph_is_not_part_of_its_claim() {
        let text = "Update, 12 March: Fighting resumed near the bridge on Sunday.";
        let mut case = Case::new(text);
        case.sections[0].heading = Some(find(text, "Update, 12 March:"));
        let claims = case.claims();
        assert_eq!(claims.len(), 1);
        assert_eq!(
            claims[0].span.of(text),
            "Fighting resumed near the bridge on Sunday."
        );
    }

    #[test]
    fn each_side_of_a_semicolon_has_its_own_speaker() {
        let case = Case::new(
            "The Sylvanian army blamed rebel units for the attack; the rebel council said it \
             had been fired upon first.",
        )
        .actor("Sylvanian army", 0, ActorKind::Organisation)
        .actor("rebel council", 1, ActorKind::Group);
        let claims = case.claims();
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].speaker, Some(0));
        assert_eq!(claims[1].speaker, Some(1));
        let short = Case::new("Talks failed; the army, which blamed the rebels, withdrew.");
        assert_eq!(short.claims().len(), 1);
    }
}
