//! The hedge lexicon: phrases ("might", "highly unlikely", "would not be surprising") with the
//! probability readers take them to mean. The table is a data file compiled in; its version is
//! stored with every prediction so scores can be recomputed when the table changes.

use crate::domain::Probability;
use crate::lexicon::{PhraseTable, tables};
use std::sync::LazyLock;

/// The version of the compiled-in lexicon, stored with every prediction.
pub const LEXICON_VERSION: &str = "capphrase-v2";

/// When a forecast states no due date, it falls due this many days after it was made. The
/// default is declared here, and every due date derived from it is marked as inferred.
pub const DEFAULT_HORIZON_DAYS: i64 = 90;

/// One phrase of the lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct Hedge {
    /// The phrase, lower case.
    pub phrase: String,
    /// Its probability, or `None` for a bare "possible" that needs an analyst's judgement.
    pub probability: Option<Probability>,
    /// Whether the phrase speaks of the proposition failing ("hard to come true"): the
    /// probability is still the proposition's own.
    pub inverts: bool,
    /// Whether the phrase is a plain modal verb ("will", "may"): weaker evidence of a forecast
    /// than an explicit hedge.
    pub is_modal: bool,
    /// Whether the phrase itself negates the modal ("won't"): the clause states a negative.
    pub negative: bool,
}

/// A hedge found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct HedgeMatch {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The lexicon entry.
    pub hedge: &'static Hedge,
}

const MODALS: &[&str] = &[
    "will", "shall", "would", "might", "may", "could", "won't", "wouldn't", "couldn't", "mightn't",
];

static LEXICON: LazyLock<PhraseTable<Hedge>> = LazyLock::new(|| {
    PhraseTable::new(
        tables::HEDGES
            .rows()
            .filter_map(|row| parse_row(&row))
            .map(|hedge| (hedge.phrase.clone(), hedge)),
    )
});

fn parse_row(fields: &[&str]) -> Option<Hedge> {
    let phrase = fields.first()?.trim().to_lowercase();
    if phrase.is_empty() {
        return None;
    }
    let number = |i: usize| fields.get(i).and_then(|f| f.trim().parse::<f64>().ok());
    let probability = match (number(1), number(2), number(3)) {
        (Some(point), Some(low), Some(high)) => Probability::new(point, low, high).ok(),
        _ => None,
    };
    let note = fields.get(4).map_or("", |n| n.trim());
    Some(Hedge {
        is_modal: MODALS.contains(&phrase.as_str()),
        inverts: note == "inverts",
        negative: note == "negative",
        phrase,
        probability,
    })
}

/// Every phrase of the lexicon, in table order.
pub fn entries() -> &'static [Hedge] {
    LEXICON.values()
}

/// Finds the hedges in `text`: whole words only, longest phrase first, in text order.
pub fn find_hedges(text: &str) -> Vec<HedgeMatch> {
    find_hedges_in(text, 0, text.len())
}

/// Finds the hedges in `text[start..end]`, with offsets into `text`.
pub fn find_hedges_in(text: &str, start: usize, end: usize) -> Vec<HedgeMatch> {
    LEXICON
        .find_in(text, start, end)
        .into_iter()
        .map(|m| HedgeMatch {
            start: m.start,
            end: m.end,
            hedge: m.value,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point_of(text: &str) -> Option<f64> {
        find_hedges(text)
            .first()
            .and_then(|m| m.hedge.probability)
            .map(|p| p.point)
    }

    #[test]
    fn the_table_loads_every_row() {
        assert!(entries().len() > 60);
        assert!(
            entries()
                .iter()
                .all(|h| h.phrase == h.phrase.to_lowercase())
        );
    }

    #[test]
    fn longest_phrase_wins() {
        assert_eq!(point_of("Talks are highly unlikely to resume."), Some(0.05));
        assert_eq!(point_of("Talks are unlikely to resume."), Some(0.2));
        assert_eq!(
            point_of("It would not be surprising if the border closed."),
            Some(0.4)
        );
    }

    #[test]
    fn whole_words_only() {
        assert!(find_hedges("The mayor willingly resigned.").is_empty());
        assert_eq!(point_of("Prices MIGHT rise."), Some(0.4));
    }

    #[test]
    fn bare_possible_has_no_number() {
        let found = find_hedges("A ceasefire is possible.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].hedge.probability, None);
    }

    #[test]
    fn inverting_and_negative_phrases_are_marked() {
        let found = find_hedges("The promise is hard to keep.");
        assert!(found[0].hedge.inverts);
        assert_eq!(found[0].hedge.probability.map(|p| p.point), Some(0.2));
        let found = find_hedges("They won't leave.");
        assert!(found[0].hedge.negative && found[0].hedge.is_modal);
    }
}
