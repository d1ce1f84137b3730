//! Quotations: which parts of a sentence are inside quotation marks, and whether a quotation
//! opened earlier in the paragraph is still open where a sentence starts, so that a quotation
//! running over several sentences is read as one speaker's words and a reporting verb inside
//! it is not taken for the report; and the first person inside a quotation, which names the
//! one quoted.

use super::words::word_spans;
use super::{ClaimSketch, Span};

/// How far back, in bytes, the opening of a paragraph is looked for: real paragraphs are
/// shorter, and the bound keeps the work per sentence constant on text without breaks.
const PARAGRAPH_LOOKBACK: usize = 2_000;

/// Whether a quotation is open at byte `at`: an odd number of straight quotes, or more curly
/// openings than closings, between the start of its paragraph and `at`. A paragraph with no
/// quotation mark before `at` goes on with a quotation the paragraph before it left open (a
/// quotation running over paragraphs).
pub(super) fn quote_open_at(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(PARAGRAPH_LOOKBACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..at).unwrap_or("");
    let (earlier, paragraph) = match before.rfind("\n\n") {
        Some(i) => (Some(&before[..i]), &before[i + 2..]),
        None => (None, before),
    };
    // A quotation the paragraph before left open runs on into this one, unless this paragraph
    // opens it again with a mark of its own (the usual way of continuing a quote).
    let carried = earlier
        .map(|e| e.rfind("\n\n").map_or(e, |i| &e[i + 2..]))
        .and_then(|e| quote_balance(e, false))
        .unwrap_or(false)
        && !paragraph.trim_start().starts_with(['"', '\u{201c}']);
    quote_balance(paragraph, carried).unwrap_or(carried)
}

/// Whether `text` leaves a quotation open, `open_before` saying whether one was open where it
/// starts; `None` when it has no quotation mark at all.
fn quote_balance(text: &str, open_before: bool) -> Option<bool> {
    let mut depth = usize::from(open_before);
    let mut marks = 0;
    for c in text.chars() {
        match c {
            // A straight mark closes what is open, else opens.
            '"' => depth = if depth > 0 { depth - 1 } else { 1 },
            '\u{201c}' => depth += 1,
            '\u{201d}' => depth = depth.saturating_sub(1),
            _ => continue,
        }
        marks += 1;
    }
    (marks > 0).then_some(depth > 0)
}

/// The quoted parts of a sentence. Curly quotes pair by direction, straight quotes in turn; a
/// sentence that starts inside a quotation opened earlier in its paragraph has its first quote
/// close it.
pub(super) fn quoted_spans(text: &str, sentence: Span) -> Vec<Span> {
    let slice = sentence.of(text);
    let mut spans = Vec::new();
    let straight: Vec<usize> = slice
        .match_indices('"')
        .map(|(i, _)| sentence.start + i)
        .collect();
    let mut pairs = straight.as_slice();
    let open_before = quote_open_at(text, sentence.start);
    if open_before {
        match straight.split_first() {
            Some((&first, rest)) => {
                spans.push(Span::new(sentence.start, first + 1));
                pairs = rest;
            }
            None if !slice.contains(['\u{201c}', '\u{201d}']) => spans.push(sentence),
            None => {}
        }
    }
    for pair in pairs.chunks(2) {
        match pair {
            [open, close] => spans.push(Span::new(*open, close + 1)),
            [open] => spans.push(Span::new(*open, sentence.end)),
            _ => {}
        }
    }
    let mut open: Option<usize> = None;
    for (i, c) in slice.char_indices() {
        match c {
            '\u{201c}' => open = Some(sentence.start + i),
            '\u{201d}' => {
                let close = sentence.start + i + c.len_utf8();
                spans.push(Span::new(open.take().unwrap_or(sentence.start), close));
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        spans.push(Span::new(start, sentence.end));
    }
    spans
}

/// Words by which a speaker names themself.
const FIRST_PERSON: [&str; 4] = ["I", "me", "my", "myself"];

/// Where quoted people speak of themselves: "I", "me", "my" and "myself" inside the quoted
/// parts of statements whose speaker `is_person`, each with that speaker. Inside a quotation,
/// the first person is the one quoted.
pub fn first_person_in_quotes(
    text: &str,
    claims: &[ClaimSketch],
    is_person: impl Fn(usize) -> bool,
) -> Vec<(usize, Span)> {
    let mut found = Vec::new();
    for claim in claims {
        let Some(speaker) = claim.speaker.filter(|&s| is_person(s)) else {
            continue;
        };
        for quote in quoted_spans(text, claim.span) {
            for word in word_spans(text, quote) {
                // An apostrophe ends the pronoun too ("I'm", "I'd").
                let spelled = word.of(text);
                let mut piece_start = 0;
                let ends = spelled.char_indices().chain([(spelled.len(), '\'')]);
                for (i, c) in ends.filter(|&(_, c)| matches!(c, '\'' | '\u{2019}')) {
                    if spelled
                        .get(piece_start..i)
                        .is_some_and(|piece| FIRST_PERSON.contains(&piece))
                    {
                        found.push((speaker, Span::new(word.start + piece_start, word.start + i)));
                    }
                    piece_start = i + c.len_utf8();
                }
            }
        }
    }
    found.sort_by_key(|&(actor, span)| (span.start, actor));
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Span {
        Span::new(0, text.len())
    }

    fn statement(span: Span, speaker: usize) -> ClaimSketch {
        ClaimSketch {
            span,
            section: 0,
            kind: crate::domain::ClaimKind::Statement,
            modality: crate::domain::Modality::Reported,
            when: None,
            when_span: None,
            speaker: Some(speaker),
            participants: Vec::new(),
            prediction: None,
        }
    }

    #[test]
    fn the_first_person_in_a_quote_is_the_one_quoted() {
        let text = "The mayor said: \"I'm staying, and my deputy stays with me.\" I doubt it.";
        let claims = [statement(whole(text), 4), statement(whole(text), 7)];
        // Actor 4 is a person; 7 is an organisation, whose quotes name no one.
        let found = first_person_in_quotes(text, &claims, |actor| actor == 4);
        let words: Vec<&str> = found.iter().map(|(_, span)| span.of(text)).collect();
        assert_eq!(words, ["I", "my", "me"]);
        assert!(found.iter().all(|&(actor, _)| actor == 4));
    }

    #[test]
    fn an_unclosed_quote_runs_into_the_next_sentence() {
        let text = "She wrote: \"We will stay. We will not leave.\" Then she left.";
        let second = text.find("We will not").unwrap_or(0);
        assert!(quote_open_at(text, second));
        let after = text.find("Then").unwrap_or(0);
        assert!(!quote_open_at(text, after));
    }

    #[test]
    fn a_quote_left_open_runs_into_the_next_paragraph_until_closed() {
        let text = "He wrote: \"We stay.\n\nWe hold the line.\" The market fell.";
        let at = text.find("We hold").unwrap_or(0);
        assert!(quote_open_at(text, at));
        let after = text.find("The market").unwrap_or(0);
        assert!(!quote_open_at(text, after));
    }

    #[test]
    fn a_sentence_inside_a_running_quote_is_quoted_to_its_closing_mark() {
        let text = "\"First part. Second part,\" the envoy said.";
        let second = Span::new(text.find("Second").unwrap_or(0), text.len());
        let spans = quoted_spans(text, second);
        assert_eq!(spans.first().map(|s| s.start), Some(second.start));
        let said = text.find("said").unwrap_or(0);
        assert!(spans.iter().all(|s| s.end <= said));
        assert!(quoted_spans(text, whole(text)).len() == 1);
    }
}
