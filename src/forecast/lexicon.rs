//! The hedge lexicon: phrases ("might", "highly unlikely", "would not be surprising") with the
//! probability readers take them to mean. The table is a data file compiled in; its version is
//! stored with every prediction so scores can be recomputed when the table changes.

use crate::domain::Probability;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

/// The version of the compiled-in lexicon, stored with every prediction.
pub const LEXICON_VERSION: &str = "capphrase-v1";

/// When a forecast states no due date, it falls due this many days after it was made. The
/// default is declared here, and every due date derived from it is marked as inferred.
pub const DEFAULT_HORIZON_DAYS: i64 = 90;

const TABLE: &str = include_str!("data/hedges-v1.tsv");

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

struct Lexicon {
    hedges: Vec<Hedge>,
    matcher: Option<AhoCorasick>,
}

const MODALS: &[&str] = &["will", "shall", "would", "might", "may", "could"];

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let hedges: Vec<Hedge> = TABLE
        .lines()
        .filter(|line| !line.starts_with('#') && !line.starts_with("phrase\t"))
        .filter_map(parse_row)
        .collect();
    let matcher = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(hedges.iter().map(|h| h.phrase.as_str()))
        .ok();
    Lexicon { hedges, matcher }
});

fn parse_row(line: &str) -> Option<Hedge> {
    let mut fields = line.split('\t');
    let phrase = fields.next()?.trim().to_lowercase();
    if phrase.is_empty() {
        return None;
    }
    let number = |field: Option<&str>| field.and_then(|f| f.trim().parse::<f64>().ok());
    let point = number(fields.next());
    let low = number(fields.next());
    let high = number(fields.next());
    let note = fields.next().unwrap_or("");
    let probability = match (point, low, high) {
        (Some(point), Some(low), Some(high)) => Probability::new(point, low, high).ok(),
        _ => None,
    };
    Some(Hedge {
        is_modal: MODALS.contains(&phrase.as_str()),
        inverts: note.trim() == "inverts",
        phrase,
        probability,
    })
}

/// Every phrase of the lexicon, in table order.
pub fn entries() -> &'static [Hedge] {
    &LEXICON.hedges
}

/// Finds the hedges in `text`: whole words only, longest phrase first, in text order.
pub fn find_hedges(text: &str) -> Vec<HedgeMatch> {
    let lexicon = &*LEXICON;
    let Some(matcher) = &lexicon.matcher else {
        return Vec::new();
    };
    let bytes = text.as_bytes();
    matcher
        .find_iter(text)
        .filter(|m| {
            let before_ok = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
            let after_ok = m.end() == bytes.len() || !is_word_byte(bytes[m.end()]);
            before_ok && after_ok
        })
        .filter_map(|m| {
            lexicon
                .hedges
                .get(m.pattern().as_usize())
                .map(|hedge| HedgeMatch {
                    start: m.start(),
                    end: m.end(),
                    hedge,
                })
        })
        .collect()
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\'' || b == b'-' || b >= 0x80
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
    fn inverting_phrases_are_marked() {
        let found = find_hedges("The promise is hard to keep.");
        assert!(found[0].hedge.inverts);
        assert_eq!(found[0].hedge.probability.map(|p| p.point), Some(0.2));
    }
}
