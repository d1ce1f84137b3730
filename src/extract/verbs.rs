//! Verb forms that several stages read tense from: whether a clause reports the past.

/// Irregular past-tense forms (and the past auxiliaries), sorted for binary search.
const IRREGULAR_PAST: &[&str] = &[
    "arrived",
    "became",
    "began",
    "bought",
    "broke",
    "brought",
    "built",
    "came",
    "caught",
    "chose",
    "did",
    "drove",
    "fell",
    "fled",
    "flew",
    "fought",
    "found",
    "gave",
    "got",
    "had",
    "held",
    "hit",
    "kept",
    "knew",
    "laid",
    "led",
    "left",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "put",
    "ran",
    "rode",
    "rose",
    "said",
    "sat",
    "saw",
    "seized",
    "sent",
    "set",
    "shot",
    "shut",
    "sold",
    "sought",
    "spoke",
    "stole",
    "stood",
    "struck",
    "swore",
    "threw",
    "told",
    "took",
    "understood",
    "was",
    "went",
    "were",
    "withdrew",
    "woke",
    "won",
    "wrote",
];

/// Whether the lowercase `word` is an irregular past-tense form or a past auxiliary
/// ("broke", "fled", "was").
pub fn is_irregular_past(word: &str) -> bool {
    IRREGULAR_PAST.binary_search(&word).is_ok()
}

/// Whether the lowercase `word` looks like a past-tense verb: an irregular form, or a regular
/// one ending in "-ed" ("announced", "killed").
pub fn is_past_form(word: &str) -> bool {
    (word.len() > 4 && word.ends_with("ed")) || is_irregular_past(word)
}

/// Past forms spelled like their present ("shut", "set", "put"): "shops stay shut until
/// March" is no past tense, so these alone do not decide a clause's tense.
const SAME_AS_PRESENT: &[&str] = &[
    "cost", "cut", "hit", "hurt", "let", "put", "quit", "read", "set", "shut", "spread",
];

/// Whether `word` can only be a past-tense form: [`is_past_form`] without the forms spelled
/// like their present.
pub fn is_clearly_past(word: &str) -> bool {
    is_past_form(word) && !SAME_AS_PRESENT.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_irregular_list_is_sorted_and_unique() {
        assert!(IRREGULAR_PAST.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn past_forms() {
        assert!(is_past_form("broke"));
        assert!(is_past_form("announced"));
        assert!(!is_past_form("red"));
        assert!(!is_past_form("break"));
        assert!(is_past_form("shut") && !is_clearly_past("shut"));
        assert!(is_clearly_past("fled"));
    }
}
