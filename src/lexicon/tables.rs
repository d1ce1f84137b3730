//! Every TSV data file compiled into the program, each with the header its reader expects.
//! Code reads a file through its constant here, and the test below loads them all, so a file
//! whose header does not match its reader fails `cargo test`.

use super::Table;

/// A [`Table`] for the file at `$path` (under `src/`) with the header `$column`s.
macro_rules! table {
    ($path:literal, [$($column:literal),+ $(,)?]) => {
        Table::new(
            concat!("src/", $path),
            include_str!(concat!("../", $path)),
            &[$($column),+],
        )
    };
}

/// Words the claim stage looks up by class (reporting-verb adverbs, modal contexts, copulas, ...).
pub const CLAIM_WORDS: Table = table!("extract/data/claim_words.tsv", ["word", "class"]);

/// Reporting verbs and whether they report or deny.
pub const REPORTING_VERBS: Table = table!("extract/data/reporting_verbs.tsv", ["form", "modality"]);

/// Words that mark the author's assessment rather than a report.
pub const ASSESSMENT_MARKERS: Table = table!("extract/data/assessment_markers.tsv", ["marker"]);

/// Where a sentence splits into clauses.
pub const CLAUSE_BREAKS: Table = table!("extract/data/clause_breaks.tsv", ["break"]);

/// Nouns that name a speaker without naming who ("officials").
pub const UNNAMED_SPEAKERS: Table = table!("extract/data/unnamed_speakers.tsv", ["noun"]);

/// Phrases that date a sentence from the narrative around it ("the same day").
pub const NARRATIVE_MARKERS: Table =
    table!("extract/data/narrative_markers.tsv", ["phrase", "rule"]);

/// Words that state a relation between two actors.
pub const RELATIONS: Table = table!(
    "extract/data/relations.tsv",
    ["form", "kind", "polarity", "pattern"]
);

/// Words that make a heading a dated observation's.
pub const HEADING_WORDS: Table = table!("extract/data/heading_words.tsv", ["word"]);

/// Abbreviations whose period may not end a sentence.
pub const ABBREVIATIONS: Table =
    table!("extract/data/abbreviations.tsv", ["abbreviation", "class"]);

/// Words that often open a sentence.
pub const SENTENCE_STARTERS: Table =
    table!("extract/data/sentence_starters.tsv", ["word", "class"]);

/// Phrases that tell a document's furniture from its story.
pub const DOCUMENT_LEXICON: Table = table!("extract/data/document_lexicon.tsv", ["phrase", "kind"]);

/// Nouns that describe an organisation ("company").
pub const ORGANISATION_DESCRIPTIONS: Table =
    table!("extract/data/organisation_descriptions.tsv", ["noun"]);

/// States of the gazetteer.
pub const STATES: Table = table!(
    "extract/data/states.tsv",
    [
        "name",
        "long_name",
        "variants",
        "adjectives",
        "demonyms",
        "iso3",
        "wikidata"
    ]
);

/// Places of the gazetteer.
pub const PLACES: Table = table!(
    "extract/data/places.tsv",
    [
        "name",
        "parent",
        "variants",
        "adjectives",
        "kind",
        "stands_for"
    ]
);

/// Organisations of the gazetteer.
pub const ORGANISATIONS: Table = table!(
    "extract/data/organisations.tsv",
    ["name", "acronyms", "variants", "kind", "parent", "wikidata"]
);

/// Bodies of states and organisations ("Kremlin").
pub const BODIES: Table = table!(
    "extract/data/bodies.tsv",
    ["name", "parent", "key", "variants", "kind"]
);

/// Nouns that name a body of any state ("armed forces").
pub const BODY_NOUNS: Table = table!(
    "extract/data/body_nouns.tsv",
    ["scope", "key", "canonical", "after", "before"]
);

/// Titles of people ("President").
pub const TITLES: Table = table!(
    "extract/data/titles.tsv",
    ["forms", "canonical", "case", "unique", "gender"]
);

/// Common words by class, for telling names from words.
pub const WORDS: Table = table!("extract/data/words.tsv", ["word", "class"]);

/// Given names and their gender.
pub const GIVEN_NAMES: Table = table!("extract/data/given_names.tsv", ["name", "class", "gender"]);

/// The vocabulary of time expressions: month and weekday names, numbers, units, ...
pub const TIME_WORDS: Table = table!(
    "extract/timex/data/lexicon.tsv",
    ["word", "category", "value", "form"]
);

/// Words the time-expression grammar treats specially: starters, date cues, grammar words.
pub const GRAMMAR_WORDS: Table = table!("extract/timex/data/grammar_words.tsv", ["word", "class"]);

/// Holidays: the rule that dates each one and its names.
pub const HOLIDAYS: Table = table!("extract/timex/data/holidays.tsv", ["key", "rule", "names"]);

/// Dates of lunar and lunisolar holidays, year by year.
pub const LUNAR_DATES: Table = table!(
    "extract/timex/data/lunar.tsv",
    ["key", "year", "start", "days"]
);

/// Hedge phrases and the probabilities they state.
pub const HEDGES: Table = table!(
    "forecast/data/hedges-v2.tsv",
    ["phrase", "point", "low", "high", "note"]
);

/// Every table above, for the test that loads them all.
pub const ALL: &[Table] = &[
    CLAIM_WORDS,
    REPORTING_VERBS,
    ASSESSMENT_MARKERS,
    CLAUSE_BREAKS,
    UNNAMED_SPEAKERS,
    NARRATIVE_MARKERS,
    RELATIONS,
    HEADING_WORDS,
    ABBREVIATIONS,
    SENTENCE_STARTERS,
    DOCUMENT_LEXICON,
    ORGANISATION_DESCRIPTIONS,
    STATES,
    PLACES,
    ORGANISATIONS,
    BODIES,
    BODY_NOUNS,
    TITLES,
    WORDS,
    GIVEN_NAMES,
    TIME_WORDS,
    GRAMMAR_WORDS,
    HOLIDAYS,
    LUNAR_DATES,
    HEDGES,
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn tsv_files(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                tsv_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "tsv") {
                found.push(path);
            }
        }
    }

    #[test]
    fn every_table_has_the_header_its_reader_expects() {
        for table in ALL {
            let rows = table.rows().count();
            assert!(rows > 0, "{}: no data rows", table.path());
        }
    }

    #[test]
    fn every_data_file_is_a_listed_table() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        tsv_files(&root.join("src"), &mut files);
        let listed: Vec<&str> = ALL.iter().map(Table::path).collect();
        for file in files {
            let relative = file
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            assert!(
                listed.contains(&relative.as_str()),
                "{relative} is not listed in src/lexicon/tables.rs"
            );
        }
    }
}
