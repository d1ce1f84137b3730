//! Probabilities written as numbers ("a 30% chance", "70 percent likely", "odds of one in
//! four" is left to an analyst): when the text states its own number, that number is the
//! forecast's probability, marked as explicit rather than read from the hedge lexicon.

use crate::domain::Probability;

/// Words that make a nearby percentage a probability rather than a quantity ("30% of troops").
const CHANCE_WORDS: &[&str] = &[
    "chance",
    "chances",
    "probability",
    "likelihood",
    "likely",
    "odds",
    "risk",
    "probable",
    "certain",
];

/// How far (in words) a chance word may stand from the percentage.
const NEAR_WORDS: usize = 5;

/// The first percentage in `text` that states a probability: "a 30% chance", "30 percent
/// likely", "a probability of 30 per cent". The range is the point itself (the writer gave no
/// range). `None` when the text has none, or only percentages of quantities.
pub fn explicit_probability(text: &str) -> Option<Probability> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '.')
                .trim_end_matches('.')
                .to_lowercase()
        })
        .collect();
    for (i, word) in words.iter().enumerate() {
        let (number, unit_words) = if let Some(n) = word.strip_suffix('%') {
            (n, 0)
        } else if words.get(i + 1).is_some_and(|w| w == "percent") {
            (word.as_str(), 1)
        } else if words.get(i + 1).is_some_and(|w| w == "per")
            && words.get(i + 2).is_some_and(|w| w == "cent")
        {
            (word.as_str(), 2)
        } else {
            continue;
        };
        let Ok(value) = number.parse::<f64>() else {
            continue;
        };
        if !(0.0..=100.0).contains(&value) {
            continue;
        }
        let from = i.saturating_sub(NEAR_WORDS);
        let to = (i + unit_words + 1 + NEAR_WORDS).min(words.len());
        let near_chance = words[from..to]
            .iter()
            .any(|w| CHANCE_WORDS.contains(&w.as_str()));
        if near_chance {
            let p = value / 100.0;
            return Probability::new(p, p, p).ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(text: &str) -> Option<f64> {
        explicit_probability(text).map(|p| p.point)
    }

    #[test]
    fn stated_chances_are_read() {
        assert_eq!(point("There is a 30% chance that talks resume."), Some(0.3));
        assert_eq!(point("A deal is 70 percent likely by May."), Some(0.7));
        assert_eq!(
            point("The probability of a ceasefire is 15 per cent."),
            Some(0.15)
        );
    }

    #[test]
    fn quantities_are_not_chances() {
        assert_eq!(point("Prices rose 30% in January."), None);
        assert_eq!(point("About 60 percent of the troops are Russian."), None);
        assert_eq!(point("A 130% chance is not a chance."), None);
        assert_eq!(point("No numbers here."), None);
    }
}
