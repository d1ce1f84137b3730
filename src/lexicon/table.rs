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

    /// Whether the set holds no word.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(words: I) -> Self {
        WordSet(words.into_iter().collect())
    }
}
