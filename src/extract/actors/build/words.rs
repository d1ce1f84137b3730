//! Word shapes the rules test: capitals, possessives, calendar words, joined name particles.

use crate::extract::gazetteer::{Gazetteer, WordClass, is_whole_word};
use crate::lexicon::{NameForm, calendar_names};

/// A month or weekday name, written in full or short.
pub(super) fn is_calendar_word(word: &str) -> bool {
    calendar_names()
        .iter()
        .filter(|name| name.form == NameForm::Full)
        .any(|name| {
            let w = &name.capitalised;
            w.get(..3).is_some_and(|short| word.starts_with(short))
                && w.starts_with(word.trim_end_matches('.'))
        })
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

pub(super) fn strip_possessive(s: &str) -> Option<&str> {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("\u{2019}s"))
        .or_else(|| s.strip_suffix("'S"))
}

pub(super) fn trim_spaces_end(s: &str) -> &str {
    s.trim_end_matches([' ', '\t'])
}

/// Strips a trailing whole word `word` (ignoring case) and the spaces before it.
pub(super) fn strip_word_end<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let start = s.len().checked_sub(word.len())?;
    let tail = s.get(start..)?;
    (tail.eq_ignore_ascii_case(word) && is_whole_word(s, start, s.len()))
        .then(|| trim_spaces_end(s.get(..start).unwrap_or("")))
}

/// A word written as a lower-case name particle joined to a capitalised name ("al-Sisi",
/// "el-Din", "bin-Laden").
pub(super) fn is_particle_joined(g: &Gazetteer, word: &str) -> bool {
    word.split_once('-').is_some_and(|(particle, rest)| {
        !particle.is_empty()
            && !particle.chars().any(char::is_uppercase)
            && g.is(particle, WordClass::Particle)
            && is_capitalised(rest)
    })
}
