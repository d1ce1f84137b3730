//! Properties of the extractor over random and adversarial text: it never panics, every span
//! lies in the input on char boundaries and its text equals the input's bytes, output is in text
//! order, and the same input always gives the same output.

use proptest::prelude::*;
use sitrep::extract::{self, ExtractOptions, Extraction};

/// Pieces that exercise every stage: dates, reporting verbs, hedges, actors, abbreviations,
/// markup, entities and multi-byte characters.
const PIECES: &[&str] = &[
    "January",
    "Jan.",
    "9",
    "2022",
    "the evening of",
    "yesterday",
    "said",
    "denied",
    "might",
    "would not be surprising if",
    "hard to come true",
    "Russia",
    "Kazakh",
    "President",
    "he",
    "Sergey Shoygu",
    "Collective Security Treaty Organization (CSTO)",
    "U.S.",
    "Gen.",
    "a.m.",
    ".",
    ",",
    ":",
    "\n",
    "\n\n",
    "Observation on January 6, 2022:",
    "<p>",
    "</p>",
    "<script>",
    "&amp;",
    "&#x1F600;",
    "é",
    "日本",
    "🙂",
    "\u{200b}",
    "\"",
    "(",
    ")",
    "  ",
    "#",
    "*",
    "[x](y)",
    "By Jane Roe",
    "Copyright © 2020",
    "between",
    "and",
    "support",
    "clash",
    "will",
    "not",
];

fn adversarial_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|pieces| pieces.join(" "))
}

fn check_spans(input: &str, out: &Extraction) -> Result<(), TestCaseError> {
    let check = |start: usize, end: usize, text: &str| -> Result<(), TestCaseError> {
        prop_assert!(
            start <= end && end <= input.len(),
            "span {start}..{end} out of bounds"
        );
        prop_assert!(input.is_char_boundary(start) && input.is_char_boundary(end));
        prop_assert_eq!(&input[start..end], text);
        Ok(())
    };
    for actor in &out.actors {
        for mention in &actor.mentions {
            check(mention.start, mention.end, &mention.text)?;
        }
    }
    for claim in &out.claims {
        check(claim.start, claim.end, &claim.text)?;
        prop_assert!(claim.observation < out.observations.len().max(1));
    }
    for relation in &out.relations {
        check(relation.start, relation.end, &relation.text)?;
    }
    for observation in &out.observations {
        prop_assert!(observation.start <= observation.end && observation.end <= input.len());
    }
    for warning in &out.warnings {
        prop_assert!(warning.start <= warning.end && warning.end <= input.len());
    }
    let starts: Vec<usize> = out.claims.iter().map(|c| c.start).collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    sorted.dedup();
    prop_assert_eq!(
        starts,
        sorted,
        "claims are in text order without duplicates"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_string_extracts_without_panic(input in any::<String>()) {
        let out = extract::extract(&input, &ExtractOptions::default());
        check_spans(&input, &out)?;
    }

    #[test]
    fn adversarial_text_keeps_every_span_exact(input in adversarial_text()) {
        let first = extract::extract(&input, &ExtractOptions::default());
        check_spans(&input, &first)?;
        let second = extract::extract(&input, &ExtractOptions::default());
        prop_assert_eq!(first, second, "the same input gives the same output");
    }

    #[test]
    fn any_bytes_are_text_or_a_clear_error(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        match extract::extract_bytes(&bytes, &ExtractOptions::default()) {
            Ok(out) => {
                let input = std::str::from_utf8(&bytes).expect("accepted input is UTF-8");
                check_spans(input, &out)?;
            }
            Err(error) => prop_assert!(error.to_string().contains("byte offset")),
        }
    }
}
