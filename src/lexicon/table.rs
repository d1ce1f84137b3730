//! The one reader of the compiled-in TSV data files. Every file opens (after any `#` comment
//! lines) with a header row naming its columns; the reader checks that row against the columns
//! the code expects, so a file and the code that reads it cannot drift apart unnoticed.

use rustc_hash::FxHashSet as HashSet;

/// A TSV data file compiled into the program, with the columns its header row must name.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    path: &'static str,
    data: &'static str,
    columns: &'static [&'static str],
}

impl Table {
    /// A table read from `data`, the text of the file at `path` (used in messages), whose
    /// header row must be exactly `columns`.
    pub const fn new(
        path: &'static str,
        data: &'static str,
        columns: &'static [&'static str],
    ) -> Self {
        Table {
            path,
            data,
            columns,
        }
    }

    /// Where the file lives in the source tree.
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// The column names the header row must give.
    pub fn columns(&self) -> &'static [&'static str] {
        self.columns
    }

    /// The data rows, in file order: `#` comment lines and blank lines skipped, each row split
    /// on tabs into trimmed cells and padded with empty cells to the header's width.
    ///
    /// # Panics
    ///
    /// When the first non-comment line is not the expected header, or a row has a non-empty
    /// cell beyond the header's columns. The files are compiled in, so either is a mistake in
    /// the program; the test that loads every table catches it.
    pub fn rows(&self) -> impl Iterator<Item = Vec<&'static str>> + use<> {
        let Table {
            path,
            data,
            columns,
        } = *self;
        let mut lines = data
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty());
        match lines.next() {
            Some((_, header)) if cells(header).eq(columns.iter().copied()) => {}
            Some((number, header)) => panic!(
                "{path}:{}: the header row is {header:?}, expected {:?}",
                number + 1,
                columns.join("\t")
            ),
            None => panic!("{path}: no header row, expected {:?}", columns.join("\t")),
        }
        let width = columns.len();
        lines.map(move |(number, line)| {
            let mut row: Vec<&'static str> = cells(line).collect();
            if row.len() > width {
                assert!(
                    row[width..].iter().all(|cell| cell.is_empty()),
                    "{path}:{}: more cells than the {width} columns {columns:?}",
                    number + 1,
                );
            }
            row.resize(width, "");
            row
        })
    }

    /// The cells of one column, in file order.
    ///
    /// # Panics
    ///
    /// As [`Table::rows`] does, and when the header has no such column.
    pub fn column(&self, column: &str) -> impl Iterator<Item = &'static str> + use<> {
        let index = self.column_index(column);
        self.rows().map(move |row| row[index])
    }

    /// The words of a `word`/`class` table that belong to `class`.
    ///
    /// # Panics
    ///
    /// As [`Table::rows`] does, when the table has no `word` and `class` columns, and when no
    /// row has that class (a misspelt class would otherwise read as an empty list).
    pub fn words_of_class(&self, class: &str) -> WordSet {
        let (word, class_column) = (self.column_index("word"), self.column_index("class"));
        let words: HashSet<&'static str> = self
            .rows()
            .filter(|row| row[class_column] == class)
            .map(|row| row[word])
            .collect();
        assert!(
            !words.is_empty(),
            "{}: no word of class {class:?}",
            self.path
        );
        WordSet(words)
    }

    fn column_index(&self, column: &str) -> usize {
        self.columns
            .iter()
            .position(|c| *c == column)
            .unwrap_or_else(|| panic!("{}: no column {column:?}", self.path))
    }
}

fn cells(line: &'static str) -> impl Iterator<Item = &'static str> {
    line.split('\t').map(str::trim)
}

/// A set of words read from a table, looked up exactly (the tables hold lower-case words, so
/// callers look up lower-cased words).
#[derive(Debug, Clone, Default)]
pub struct WordSet(HashSet<&'static str>);

impl WordSet {
    /// Whether `word` is in the set.
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }

    /// How many words the set holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The words, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().copied()
    }

    /// Whether the set holds no word.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Extend<&'static str> for WordSet {
    fn extend<I: IntoIterator<Item = &'static str>>(&mut self, words: I) {
        self.0.extend(words);
    }
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(words: I) -> Self {
        WordSet(words.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLOURS: Table = Table::new(
        "colours.tsv",
        "# A made-up table of paint colours.\n\nshade\tfamily\tcode\n  teal \tblue\t1\n\n# warm ones\number\tbrown\nochre\tyellow\t3\t\n",
        &["shade", "family", "code"],
    );

    #[test]
    fn rows_skip_comments_blank_lines_and_the_header() {
        let shades: Vec<&str> = COLOURS.rows().map(|row| row[0]).collect();
        assert_eq!(shades, ["teal", "umber", "ochre"]);
    }

    #[test]
    fn cells_are_trimmed_and_short_rows_padded() {
        let rows: Vec<Vec<&str>> = COLOURS.rows().collect();
        assert_eq!(rows[0], ["teal", "blue", "1"]);
        assert_eq!(rows[1], ["umber", "brown", ""]);
        assert_eq!(
            rows[2],
            ["ochre", "yellow", "3"],
            "a trailing empty cell is dropped"
        );
    }

    #[test]
    fn a_column_is_read_by_its_name() {
        let families: Vec<&str> = COLOURS.column("family").collect();
        assert_eq!(families, ["blue", "brown", "yellow"]);
    }

    #[test]
    #[should_panic(expected = "colours.tsv:1: the header row is \"shade\\tcode\"")]
    fn a_wrong_header_names_the_file_and_line() {
        let table = Table::new(
            "colours.tsv",
            "shade\tcode\nteal\t1\n",
            &["shade", "family"],
        );
        table.rows().for_each(drop);
    }

    #[test]
    #[should_panic(expected = "colours.tsv: no header row")]
    fn a_file_of_comments_only_has_no_header() {
        Table::new("colours.tsv", "# nothing here\n", &["shade"])
            .rows()
            .for_each(drop);
    }

    #[test]
    #[should_panic(expected = "colours.tsv:2: the header row")]
    fn a_file_without_a_header_reads_its_first_row_as_a_wrong_one() {
        Table::new(
            "colours.tsv",
            "# shades\nteal\tblue\n",
            &["shade", "family"],
        )
        .rows()
        .for_each(drop);
    }

    #[test]
    #[should_panic(expected = "colours.tsv:2: more cells than the 1 columns")]
    fn a_cell_beyond_the_header_is_refused() {
        Table::new("colours.tsv", "shade\nteal\tblue\n", &["shade"])
            .rows()
            .for_each(drop);
    }

    #[test]
    fn words_of_a_class_form_a_set() {
        let table = Table::new(
            "words.tsv",
            "word\tclass\nred\twarm\nblue\tcool\norange\twarm\n",
            &["word", "class"],
        );
        let warm = table.words_of_class("warm");
        assert_eq!(warm.len(), 2);
        assert!(warm.contains("red") && warm.contains("orange"));
        assert!(!warm.contains("blue"));
    }

    #[test]
    #[should_panic(expected = "words.tsv: no word of class \"hot\"")]
    fn a_class_no_row_has_is_refused() {
        Table::new("words.tsv", "word\tclass\nred\twarm\n", &["word", "class"])
            .words_of_class("hot");
    }
}
