//! The compiled-in vocabulary of time expressions (`data/lexicon.tsv`): month and weekday names,
//! number and ordinal words, units, parts of day, seasons, day words and hedges. Loaded once.

use crate::lexicon::tables;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// A unit of time as written ("days", "fortnight").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
}

/// A part of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pod {
    Morning,
    Afternoon,
    Evening,
    Night,
    Lunch,
    Dawn,
    Dusk,
}

/// A season (northern hemisphere, astronomical).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

/// The fuzzy references: now, recently, soon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fuzzy {
    Present,
    Past,
    Future,
}

/// What one word can mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lex {
    Month(u32),
    Weekday(u32),
    Cardinal(u32),
    Ordinal(u32),
    Unit(Unit),
    Pod(Pod),
    Season(Season),
    RelDays(i64),
    Fuzzy(Fuzzy),
    Approx,
}

/// The meanings of each word of `data/lexicon.tsv`.
static MEANINGS: LazyLock<HashMap<&'static str, Vec<Lex>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<Lex>> = HashMap::default();
    for row in tables::TIME_WORDS.rows() {
        let (word, category, value) = (row[0], row[1], row[2]);
        let number = value.parse::<i64>().ok();
        let small = number.and_then(|n| u32::try_from(n).ok());
        let lex = match category {
            "month" => small.map(Lex::Month),
            "weekday" => small.map(Lex::Weekday),
            "cardinal" => small.map(Lex::Cardinal),
            "ordinal" => small.map(Lex::Ordinal),
            "reldays" => number.map(Lex::RelDays),
            "approx" => Some(Lex::Approx),
            "unit" => match value {
                "second" => Some(Unit::Second),
                "minute" => Some(Unit::Minute),
                "hour" => Some(Unit::Hour),
                "day" => Some(Unit::Day),
                "week" => Some(Unit::Week),
                "fortnight" => Some(Unit::Fortnight),
                "month" => Some(Unit::Month),
                "quarter" => Some(Unit::Quarter),
                "year" => Some(Unit::Year),
                "decade" => Some(Unit::Decade),
                _ => None,
            }
            .map(Lex::Unit),
            "pod" => match value {
                "morning" => Some(Pod::Morning),
                "afternoon" => Some(Pod::Afternoon),
                "evening" => Some(Pod::Evening),
                "night" => Some(Pod::Night),
                "lunch" => Some(Pod::Lunch),
                "dawn" => Some(Pod::Dawn),
                "dusk" => Some(Pod::Dusk),
                _ => None,
            }
            .map(Lex::Pod),
            "season" => match value {
                "spring" => Some(Season::Spring),
                "summer" => Some(Season::Summer),
                "fall" => Some(Season::Fall),
                "winter" => Some(Season::Winter),
                _ => None,
            }
            .map(Lex::Season),
            "fuzzy" => match value {
                "present" => Some(Fuzzy::Present),
                "past" => Some(Fuzzy::Past),
                "future" => Some(Fuzzy::Future),
                _ => None,
            }
            .map(Lex::Fuzzy),
            _ => None,
        };
        if let Some(lex) = lex {
            map.entry(word).or_default().push(lex);
        }
    }
    map
});

/// What the grammar needs to know about one word: its meanings and the word lists it is on.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct WordFacts {
    /// Every meaning it has in the lexicon.
    pub lex: &'static [Lex],
    /// It can start a holiday's name.
    pub holiday_start: bool,
    /// It can start an expression although it has no meaning of its own ("the", "in"): class
    /// `starter` of `data/grammar_words.tsv`.
    pub starter: bool,
    /// Before a partial date, it makes it a date ("in May"): class `date_cue` of
    /// `data/grammar_words.tsv`.
    pub date_cue: bool,
    /// The grammar names it (class `grammar_word` of `data/grammar_words.tsv`).
    pub grammar_word: bool,
    /// It is a holiday's whole name ("christmas").
    pub holiday_name: bool,
    /// It can be read inside a holiday's name after its first word: the start of one of the
    /// later words ("patrick" of "saint patricks day", its apostrophe dropped).
    pub holiday_word: bool,
}

impl WordFacts {
    /// Whether a rule may read this word: it has a meaning, starts a holiday's name, or the
    /// grammar names it.
    pub fn carries(&self) -> bool {
        !self.lex.is_empty()
            || self.holiday_start
            || self.holiday_word
            || self.starter
            || self.grammar_word
    }
}

/// Every word the grammar knows something about, so that a token needs one look-up.
static VOCABULARY: LazyLock<HashMap<&'static str, WordFacts>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, WordFacts> = HashMap::default();
    let meanings: &'static HashMap<&'static str, Vec<Lex>> = &MEANINGS;
    for (word, lex) in meanings {
        map.entry(word).or_default().lex = lex.as_slice();
    }
    for word in super::holidays::first_words() {
        map.entry(word).or_default().holiday_start = true;
    }
    for word in tables::GRAMMAR_WORDS.words_of_class("starter_word").iter() {
        map.entry(word).or_default().starter = true;
    }
    for word in tables::GRAMMAR_WORDS.words_of_class("date_cue").iter() {
        map.entry(word).or_default().date_cue = true;
    }
    for word in tables::GRAMMAR_WORDS.words_of_class("grammar_word").iter() {
        map.entry(word).or_default().grammar_word = true;
    }
    for name in super::holidays::names() {
        if !name.contains(' ') {
            map.entry(name).or_default().holiday_name = true;
        }
        for word in name.split(' ').skip(1) {
            for (at, _) in word.char_indices().skip(1) {
                map.entry(word.get(..at).unwrap_or(word))
                    .or_default()
                    .holiday_word = true;
            }
            map.entry(word).or_default().holiday_word = true;
        }
    }
    map
});

/// What the grammar knows about a lowercase word.
pub(super) fn facts(word: &str) -> WordFacts {
    VOCABULARY.get(word).copied().unwrap_or_default()
}

// The functions below read one meaning out of a word's list of meanings; the tokenizer looks
// each token up once and the grammar asks the token's list.

/// The month a word names.
pub(super) fn month(lex: &[Lex]) -> Option<u32> {
    lex.iter().find_map(|l| match l {
        Lex::Month(m) => Some(*m),
        _ => None,
    })
}

/// The weekday a word names (0 = Monday).
pub(super) fn weekday(lex: &[Lex]) -> Option<u32> {
    lex.iter().find_map(|l| match l {
        Lex::Weekday(d) => Some(*d),
        _ => None,
    })
}

/// The number a cardinal word names.
pub(super) fn cardinal(lex: &[Lex]) -> Option<u32> {
    lex.iter().find_map(|l| match l {
        Lex::Cardinal(n) => Some(*n),
        _ => None,
    })
}

/// The number an ordinal word names.
pub(super) fn ordinal(lex: &[Lex]) -> Option<u32> {
    lex.iter().find_map(|l| match l {
        Lex::Ordinal(n) => Some(*n),
        _ => None,
    })
}

/// The unit a word names.
pub(super) fn unit(lex: &[Lex]) -> Option<Unit> {
    lex.iter().find_map(|l| match l {
        Lex::Unit(u) => Some(*u),
        _ => None,
    })
}

/// The part of day a word names.
pub(super) fn pod(lex: &[Lex]) -> Option<Pod> {
    lex.iter().find_map(|l| match l {
        Lex::Pod(p) => Some(*p),
        _ => None,
    })
}

/// The season a word names.
pub(super) fn season(lex: &[Lex]) -> Option<Season> {
    lex.iter().find_map(|l| match l {
        Lex::Season(s) => Some(*s),
        _ => None,
    })
}

/// The day offset a day word names (today 0, tomorrow 1, yesterday -1).
pub(super) fn reldays(lex: &[Lex]) -> Option<i64> {
    lex.iter().find_map(|l| match l {
        Lex::RelDays(n) => Some(*n),
        _ => None,
    })
}

/// The fuzzy reference a word names.
pub(super) fn fuzzy(lex: &[Lex]) -> Option<Fuzzy> {
    lex.iter().find_map(|l| match l {
        Lex::Fuzzy(f) => Some(*f),
        _ => None,
    })
}

/// Whether a word hedges the time that follows ("about", "around").
pub(super) fn is_approx(lex: &[Lex]) -> bool {
    lex.contains(&Lex::Approx)
}

/// Whether the word has any meaning in the lexicon (used to skip most words quickly).
pub(super) fn is_known(lex: &[Lex]) -> bool {
    !lex.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// The lowercase words quoted in a Rust source, outside comments and its test module.
    fn quoted_words(source: &str) -> Vec<&str> {
        let code = source.split("#[cfg(test)]").next().unwrap_or("");
        let mut words = Vec::new();
        for line in code.lines() {
            let line = line.split("//").next().unwrap_or("");
            for (k, piece) in line.split('"').enumerate() {
                if k % 2 == 1 && !piece.is_empty() && piece.bytes().all(|b| b.is_ascii_lowercase())
                {
                    words.push(piece);
                }
            }
        }
        words
    }

    /// The sources of the grammar and of the code that feeds it, read from the source tree:
    /// `timex/<name>.rs` and, should a module be split up, every file of `timex/<name>/`.
    fn grammar_sources() -> Vec<(PathBuf, String)> {
        let timex = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract/timex");
        let mut sources = Vec::new();
        for name in ["grammar", "lexicon", "holidays", "mod", "resolve"] {
            let mut paths = vec![timex.join(format!("{name}.rs"))];
            if let Ok(dir) = std::fs::read_dir(timex.join(name)) {
                paths.extend(dir.map(|entry| entry.unwrap().path()));
            }
            for path in paths.into_iter().filter(|p| p.is_file()) {
                let source = std::fs::read_to_string(&path).unwrap();
                sources.push((path, source));
            }
        }
        assert!(sources.len() >= 5, "the grammar's sources were not found");
        sources
    }

    #[test]
    fn every_word_the_grammar_names_is_a_grammar_word() {
        let grammar = tables::GRAMMAR_WORDS.words_of_class("grammar_word");
        for (path, source) in grammar_sources() {
            for word in quoted_words(&source) {
                assert!(
                    grammar.contains(word),
                    "{word:?}, quoted in {}, is missing from class grammar_word of {}",
                    path.display(),
                    tables::GRAMMAR_WORDS.path()
                );
            }
        }
        let classes = ["starter_word", "date_cue", "grammar_word"];
        let read: usize = classes
            .iter()
            .map(|class| tables::GRAMMAR_WORDS.words_of_class(class).len())
            .sum();
        assert_eq!(
            read,
            tables::GRAMMAR_WORDS.rows().count(),
            "a class no code reads"
        );
        // The words of the lists the grammar reads are named by it too (as the lists were
        // once quoted in this file's code).
        for class in ["starter_word", "date_cue"] {
            let words = tables::GRAMMAR_WORDS.words_of_class(class);
            for word in words
                .iter()
                .filter(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
            {
                assert!(
                    grammar.contains(word),
                    "{class} {word:?} is not a grammar word"
                );
            }
        }
    }

    #[test]
    fn words_without_a_rule_carry_nothing() {
        assert!(!facts("ministry").carries());
        assert!(facts("day").carries());
        assert!(facts("march").carries());
        assert!(facts("the").carries());
        assert!(facts("patrick").holiday_word);
        assert!(facts("christmas").holiday_name);
    }

    fn lookup(word: &str) -> &'static [Lex] {
        facts(word).lex
    }

    #[test]
    fn words_have_their_meanings() {
        assert_eq!(month(lookup("sept")), Some(9));
        assert_eq!(weekday(lookup("thurs")), Some(3));
        assert_eq!(ordinal(lookup("second")), Some(2));
        assert_eq!(unit(lookup("second")), Some(Unit::Second));
        assert_eq!(reldays(lookup("yesterday")), Some(-1));
        assert!(is_approx(lookup("around")));
        assert_eq!(month(lookup("maybe")), None);
        assert!(!is_known(lookup("maybe")));
    }

    #[test]
    fn words_carry_their_lists() {
        assert!(facts("the").starter && !is_known(facts("the").lex));
        assert!(facts("since").date_cue);
        assert!(facts("christmas").holiday_start);
        assert!(!facts("said").starter && !facts("said").date_cue);
    }
}
