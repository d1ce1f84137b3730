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

/// Every table above, for the test that loads them all.
pub const ALL: &[Table] = &[CLAIM_WORDS];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_the_header_its_reader_expects() {
        for table in ALL {
            let rows = table.rows().count();
            assert!(rows > 0, "{}: no data rows", table.path());
        }
    }
}
