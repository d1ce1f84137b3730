//! Sentence splitting for news prose: robust to abbreviations ("U.S.", "Gen.", "Jan. 9",
//! "a.m."), initials, decimals and money, quotes and parentheses (a sentence quoted inside
//! another stays inside its host), ellipses, URLs and e-mail addresses, inline lists and line
//! structure (a heading or title on its own line is its own sentence).
//!
//! The text is cut into whitespace-separated tokens in one pass; each gap between two tokens is
//! then judged from the token before it, the token after it and a little state (where the
//! current sentence began, the last list marker). Abbreviations and sentence-opening words are
//! data files, so the rules stay general.

use super::Span;
use crate::lexicon::tables;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// How an abbreviation behaves before the next word (see `data/abbreviations.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AbbreviationClass {
    /// Never ends a sentence ("Gen.", "Mt.", "e.g.").
    Title,
    /// "a.m." and "p.m.".
    Time,
    /// Ends a sentence only before a sentence-opening word.
    General,
    /// Usually ends its sentence ("etc."): ends it before any word that can open one.
    Final,
}

/// How a capitalised word behaves after an abbreviation (see `data/sentence_starters.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StarterClass {
    /// Often opens a sentence.
    Starter,
    /// A preposition that opens a short introductory phrase.
    Intro,
}

static ABBREVIATIONS: LazyLock<HashMap<&'static str, AbbreviationClass>> = LazyLock::new(|| {
    tables::ABBREVIATIONS
        .rows()
        .filter_map(|row| {
            let (word, class) = (row[0], row[1]);
            let class = match class {
                "title" => AbbreviationClass::Title,
                "time" => AbbreviationClass::Time,
                "general" => AbbreviationClass::General,
                "final" => AbbreviationClass::Final,
                _ => return None,
            };
            Some((word, class))
        })
        .collect()
});

static STARTERS: LazyLock<HashMap<&'static str, StarterClass>> = LazyLock::new(|| {
    tables::SENTENCE_STARTERS
        .rows()
        .filter_map(|row| {
            let (word, class) = (row[0], row[1]);
            let class = match class {
                "starter" => StarterClass::Starter,
                "intro" => StarterClass::Intro,
                _ => return None,
            };
            Some((word, class))
        })
        .collect()
});

/// A sentence opened by an introductory phrase of at most this many tokens ("At 5 a.m.") is not
/// ended by the abbreviation that closes the phrase.
const INTRO_PHRASE_TOKENS: usize = 4;
/// A quoted or bracketed stretch longer than this is not protected from splitting: the pairing
/// is probably wrong, and one giant sentence would be worse than a split quotation.
const MAX_PAIR_BYTES: usize = 1000;
/// Nesting deeper than this is garbage; further openers are ignored.
const MAX_PAIR_DEPTH: usize = 64;
/// Lines longer than this are paragraphs, not hard-wrapped lines.
const MAX_WRAPPED_LINE: usize = 130;

/// Splits `text` into sentences. Spans are trimmed of surrounding whitespace, in order, non
/// overlapping, and on char boundaries.
pub fn split(text: &str) -> Vec<Span> {
    let tokens = tokenize(text);
    if tokens.is_empty() {
        return Vec::new();
    }
    let pairs = protected_ranges(text, &tokens);
    Splitter {
        text,
        tokens: &tokens,
        pairs: &pairs,
        pair_cursor: 0,
        sentence_start: 0,
        last_marker: None,
        dot_run: 0,
    }
    .run()
}

/// Whether a text is hard-wrapped prose (lines broken at a fixed width inside paragraphs), and
/// if so the width. In such a text a single line break inside a paragraph is only a space.
pub fn wrap_width(text: &str) -> Option<usize> {
    let mut lengths = Vec::new();
    let mut pairs = 0usize;
    let mut lowercase_continuations = 0usize;
    let mut previous_blank = true;
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            previous_blank = true;
            continue;
        }
        if !previous_blank {
            pairs += 1;
            if line
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
            {
                lowercase_continuations += 1;
            }
        }
        previous_blank = false;
        lengths.push(line.chars().count());
    }
    if lengths.len() < 3 || pairs == 0 {
        return None;
    }
    let long = lengths.iter().filter(|&&n| n > MAX_WRAPPED_LINE).count();
    if long * 10 > lengths.len() {
        return None;
    }
    let width = lengths
        .iter()
        .copied()
        .filter(|&n| n <= MAX_WRAPPED_LINE)
        .max()
        .unwrap_or(0);
    if width < 30 {
        return None;
    }
    let near_width = lengths.iter().filter(|&&n| n * 4 >= width * 3).count();
    // Wrapped prose: most lines run close to the width, and a fair share of line breaks fall
    // inside a sentence (the next line goes on in lower case). A list of headlines has the
    // first but not the second.
    (near_width * 2 >= lengths.len() && lowercase_continuations * 4 >= pairs).then_some(width)
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Spaces, or a line break inside a hard-wrapped paragraph.
    Space,
    /// One line break.
    Line,
    /// A blank line or more.
    Paragraph,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    gap: Gap,
}

/// Cuts the text at whitespace, and after the full-width stops of CJK text, which are not
/// followed by a space.
fn tokenize(text: &str) -> Vec<Token> {
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    let mut after_cjk_stop = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                raw.push((s, i));
            }
            after_cjk_stop = false;
            continue;
        }
        if after_cjk_stop && !is_closer(c) {
            if let Some(s) = start.take() {
                raw.push((s, i));
            }
            after_cjk_stop = false;
        }
        if start.is_none() {
            start = Some(i);
        }
        if matches!(c, '。' | '！' | '？') {
            after_cjk_stop = true;
        }
    }
    if let Some(s) = start {
        raw.push((s, text.len()));
    }

    let wrap = if text.contains('\n') {
        wrap_width(text)
    } else {
        None
    };
    let mut tokens = Vec::with_capacity(raw.len());
    let mut line_start = 0usize;
    let mut previous: Option<(usize, usize)> = None;
    for (start, end) in raw {
        let gap = match previous {
            None => Gap::Paragraph,
            Some((prev_start, prev_end)) => {
                let between = text.get(prev_end..start).unwrap_or("");
                let newlines = between.bytes().filter(|&b| b == b'\n').count();
                let gap = match newlines {
                    0 => Gap::Space,
                    1 => {
                        let line = text.get(line_start..prev_end).unwrap_or("");
                        let previous_token = text.get(prev_start..prev_end).unwrap_or("");
                        let next_token = text.get(start..end).unwrap_or("");
                        let soft = wrap.is_some_and(|width| {
                            line.chars().count() * 4 >= width * 3
                                && !previous_token.ends_with(':')
                                && !starts_with_bullet(next_token)
                                && list_marker(next_token).is_none()
                                && !is_headline_cased(line)
                        });
                        if soft { Gap::Space } else { Gap::Line }
                    }
                    _ => Gap::Paragraph,
                };
                if let Some(last_newline) = between.rfind('\n') {
                    line_start = prev_end + last_newline + 1;
                }
                gap
            }
        };
        tokens.push(Token { start, end, gap });
        previous = Some((start, end));
    }
    tokens
}

/// Whether a line is cased like a headline ("Troops Begin to Leave Almaty"): nearly all of
/// its longer words (four letters or more; title case leaves "to", "the", "and" small)
/// capitalised. Wrapped prose seldom is, so a line break after one is kept.
pub(crate) fn is_headline_cased(line: &str) -> bool {
    let mut words = 0;
    let mut capitalised = 0;
    for word in line.split_whitespace() {
        let word = word.trim_start_matches(is_opener);
        if word.chars().take_while(|c| c.is_alphabetic()).count() < 4 {
            continue;
        }
        words += 1;
        if word.chars().next().is_some_and(char::is_uppercase) {
            capitalised += 1;
        }
    }
    words >= 2 && capitalised * 4 >= words * 3
}

/// The byte ranges `(open, close)` of matched brackets and quotation marks, merged into
/// disjoint ranges sorted by start. A gap inside one never ends a sentence. Pairs do not run
/// across line breaks.
fn protected_ranges(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for token in tokens {
        if token.gap != Gap::Space {
            stack.clear();
        }
        let word = text.get(token.start..token.end).unwrap_or("");
        let mut previous: Option<char> = None;
        let mut chars = word.char_indices().peekable();
        while let Some((j, c)) = chars.next() {
            let position = token.start + j;
            let next = chars.peek().map(|&(_, n)| n);
            let opener = match c {
                '(' | '[' | '{' | '“' | '«' => Some(c),
                '"' if previous.is_none_or(is_opener) && next.is_some_and(|n| !is_closer(n)) => {
                    Some(c)
                }
                _ => None,
            };
            if let Some(open) = opener {
                if stack.len() < MAX_PAIR_DEPTH {
                    stack.push((open, position));
                }
            } else if let Some(open) = closing_partner(c, previous, next) {
                // Pop back to the matching opener, dropping unmatched ones above it.
                if let Some(depth) = stack.iter().rposition(|&(o, _)| o == open) {
                    let (_, open_at) = stack[depth];
                    stack.truncate(depth);
                    if position - open_at <= MAX_PAIR_BYTES {
                        ranges.push((open_at, position));
                    }
                }
            }
            previous = Some(c);
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (open, close) in ranges {
        match merged.last_mut() {
            Some(last) if open <= last.1 => last.1 = last.1.max(close),
            _ => merged.push((open, close)),
        }
    }
    merged
}

/// The opener a closing character pairs with, if it closes anything here.
fn closing_partner(c: char, previous: Option<char>, next: Option<char>) -> Option<char> {
    match c {
        ')' => Some('('),
        ']' => Some('['),
        '}' => Some('{'),
        '”' => Some('“'),
        '»' => Some('«'),
        // A straight quote closes when it ends a word: `great."` or `said",`.
        '"' if previous.is_some() && next.is_none_or(|n| !n.is_alphanumeric()) => Some('"'),
        _ => None,
    }
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '‘' | '\'' | '(' | '[' | '{' | '«' | '‹' | '¿' | '¡' | '„' | '「' | '『'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '”' | '’' | '\'' | ')' | ']' | '}' | '»' | '›' | '」' | '』' | '）'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '‣'
            | '⁃'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▸'
            | '➢'
            | '➤'
            | '✓'
            | '✔'
    )
}

fn starts_with_bullet(token: &str) -> bool {
    token.chars().next().is_some_and(is_bullet)
}

/// The style of an inline list marker ("1.", "1.)", "2)", "(3)", "a.", "b)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerStyle {
    NumberDot,
    NumberDotParen,
    NumberParen,
    ParenNumber,
    LetterDot,
    LetterParen,
}

/// A list marker and its ordinal.
fn list_marker(token: &str) -> Option<(MarkerStyle, u32)> {
    let body = token.trim_start_matches(is_bullet);
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        return small_number(inner).map(|n| (MarkerStyle::ParenNumber, n));
    }
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let (number, rest) = body.split_at(digits);
        let style = match rest {
            "." => MarkerStyle::NumberDot,
            ".)" => MarkerStyle::NumberDotParen,
            ")" => MarkerStyle::NumberParen,
            _ => return None,
        };
        return small_number(number).map(|n| (style, n));
    }
    let mut chars = body.chars();
    let letter = chars.next()?;
    if !letter.is_ascii_lowercase() {
        return None;
    }
    let style = match chars.as_str() {
        "." => MarkerStyle::LetterDot,
        ")" => MarkerStyle::LetterParen,
        _ => return None,
    };
    Some((style, u32::from(letter)))
}

fn small_number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// How a token ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending<'a> {
    /// "!", "?", their doubles, or a period after an ellipsis ("that....").
    Strong,
    /// One period; the word before it.
    Period(&'a str),
    /// An ellipsis, which marks an omission, not an end.
    Ellipsis,
}

fn ending(token: &str) -> Option<Ending<'_>> {
    let stripped = token.trim_end_matches(is_closer);
    let last = stripped.chars().next_back()?;
    match last {
        '!' | '?' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' => Some(Ending::Strong),
        '…' => Some(Ending::Ellipsis),
        '.' => {
            let core = stripped.trim_end_matches('.');
            let dots = stripped.len() - core.len();
            if core.ends_with('…') || dots >= 4 {
                Some(Ending::Strong)
            } else if dots == 3 {
                Some(Ending::Ellipsis)
            } else {
                Some(Ending::Period(core))
            }
        }
        _ => None,
    }
}

/// A token made only of periods (one dot of a spaced ". . ." ellipsis), maybe with a closing
/// quote.
fn is_dots(token: &str) -> bool {
    let stripped = token.trim_end_matches(is_closer);
    !stripped.is_empty() && stripped.bytes().all(|b| b == b'.')
}

/// Whether a token can open a sentence: a capital, a digit, a letter of a script without case,
/// a currency sign or a bullet, after any opening quotes and brackets.
fn can_open(token: &str) -> bool {
    let body = token.trim_start_matches(is_opener);
    body.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_numeric()
            || (c.is_alphabetic() && !c.is_lowercase())
            || matches!(c, '$' | '€' | '£' | '¥' | '₹')
            || is_bullet(c)
    })
}

/// The leading word of a token, lower-cased, when it is short enough to be in a word list.
fn leading_word(token: &str) -> Option<String> {
    let body = token.trim_start_matches(is_opener);
    let word_len = body
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(body.len(), |(i, _)| i);
    let word = body.get(..word_len)?;
    (!word.is_empty() && word.len() <= 16).then(|| word.to_lowercase())
}

/// A capitalised word that usually opens a sentence ("The", "He", "How").
fn is_starter(token: &str) -> bool {
    let body = token.trim_start_matches(is_opener);
    if !body.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    leading_word(body).is_some_and(|w| STARTERS.contains_key(w.as_str()))
}

fn abbreviation(core: &str) -> Option<AbbreviationClass> {
    if core.is_empty() || core.len() > 16 {
        return None;
    }
    ABBREVIATIONS.get(core.to_lowercase().as_str()).copied()
}

/// "U.S", "U.S.A", "Ph.D": short letter groups joined by periods.
fn is_dotted_abbreviation(core: &str) -> bool {
    let mut groups = 0;
    for group in core.split('.') {
        let letters = group.chars().count();
        if letters == 0 || letters > 3 || !group.chars().all(char::is_alphabetic) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

fn is_single_letter(core: &str) -> bool {
    let mut chars = core.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// A token that is a title abbreviation such as "Mr." or "Gen.".
fn is_title_abbreviation(token: &str) -> bool {
    let body = token.trim_start_matches(is_opener);
    body.strip_suffix('.')
        .is_some_and(|core| abbreviation(core) == Some(AbbreviationClass::Title))
}

struct Splitter<'a> {
    text: &'a str,
    tokens: &'a [Token],
    pairs: &'a [(usize, usize)],
    pair_cursor: usize,
    /// Index of the first token of the current sentence.
    sentence_start: usize,
    /// The last list marker seen at the start of a sentence.
    last_marker: Option<(MarkerStyle, u32)>,
    /// How many dot-only tokens in a row end at the current token.
    dot_run: usize,
}

impl Splitter<'_> {
    fn word(&self, index: usize) -> &str {
        self.tokens
            .get(index)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    fn run(mut self) -> Vec<Span> {
        let mut sentences = Vec::new();
        let count = self.tokens.len();
        for i in 0..count {
            let is_marker = self.note_marker(i);
            self.dot_run = if is_dots(self.word(i)) {
                let continues = i > 0
                    && self.tokens[i].gap == Gap::Space
                    && is_dots(self.word(i - 1))
                    && i > self.sentence_start;
                if continues { self.dot_run + 1 } else { 1 }
            } else {
                0
            };
            if i + 1 < count && self.ends_after(i, is_marker) {
                sentences.push(Span::new(
                    self.tokens[self.sentence_start].start,
                    self.tokens[i].end,
                ));
                self.sentence_start = i + 1;
            }
        }
        if let (Some(first), Some(last)) =
            (self.tokens.get(self.sentence_start), self.tokens.last())
        {
            sentences.push(Span::new(first.start, last.end));
        }
        sentences
    }

    /// Whether token `i` opens the current sentence (a lone bullet before it does not count).
    fn at_sentence_start(&self, i: usize) -> bool {
        i == self.sentence_start
            || (i == self.sentence_start + 1
                && self
                    .word(self.sentence_start)
                    .chars()
                    .all(|c| is_bullet(c) || c == '-' || c == '*'))
    }

    /// Records a list marker that opens a sentence; returns whether token `i` is one.
    fn note_marker(&mut self, i: usize) -> bool {
        if !self.at_sentence_start(i) {
            return false;
        }
        match list_marker(self.word(i)) {
            Some(marker) => {
                self.last_marker = Some(marker);
                true
            }
            None => false,
        }
    }

    fn protected(&mut self, position: usize) -> bool {
        while self
            .pairs
            .get(self.pair_cursor)
            .is_some_and(|&(_, close)| close <= position)
        {
            self.pair_cursor += 1;
        }
        self.pairs
            .get(self.pair_cursor)
            .is_some_and(|&(open, close)| open < position && position < close)
    }

    /// Whether the sentence ends after token `i`.
    fn ends_after(&mut self, i: usize, is_marker: bool) -> bool {
        let (Some(token), Some(next)) = (self.tokens.get(i), self.tokens.get(i + 1)) else {
            return false;
        };
        if next.gap != Gap::Space {
            return true;
        }
        if self.protected(token.end) {
            return false;
        }
        let word = self.word(i);
        let next_word = self.word(i + 1);
        if word.chars().all(is_bullet) {
            return false;
        }
        if starts_with_bullet(next_word) {
            return true;
        }
        if let (Some((style, value)), Some((last_style, last_value))) =
            (list_marker(next_word), self.last_marker)
            && style == last_style
            && value == last_value + 1
        {
            return true;
        }
        if is_marker {
            return false;
        }
        if is_dots(word) {
            // The end of a spaced ellipsis: three dots mark an omission inside the sentence,
            // four are an ellipsis and a full stop.
            return !is_dots(next_word) && self.dot_run != 3 && can_open(next_word);
        }
        if is_dots(next_word) {
            // "compounds. . . . The": the sentence ends at the word's own period and the
            // three-dot ellipsis opens the next one.
            return matches!(ending(word), Some(Ending::Period(_))) && self.ellipsis_opens(i + 1);
        }
        match ending(word) {
            None | Some(Ending::Ellipsis) => false,
            Some(Ending::Strong) => can_open(next_word),
            Some(Ending::Period(core)) => self.period_ends(i, core, next_word),
        }
    }

    /// Whether the spaced ellipsis starting at token `first` has exactly three dots and is
    /// followed by a word that opens a sentence.
    fn ellipsis_opens(&self, first: usize) -> bool {
        let mut index = first;
        while index < self.tokens.len()
            && is_dots(self.word(index))
            && (index == first || self.tokens[index].gap == Gap::Space)
            && index - first < 4
        {
            index += 1;
        }
        index - first == 3
            && self
                .tokens
                .get(index)
                .is_some_and(|t| t.gap == Gap::Space && can_open(self.word(index)))
    }

    /// Whether a period after `core` (token `i`) ends the sentence before `next_word`.
    fn period_ends(&self, i: usize, core: &str, next_word: &str) -> bool {
        if !can_open(next_word) {
            return false;
        }
        let core = core.trim_start_matches(is_opener);
        if core.is_empty() || core.contains('@') || core.contains("://") {
            return true;
        }
        match abbreviation(core) {
            Some(AbbreviationClass::Title) => false,
            Some(AbbreviationClass::General) => is_starter(next_word),
            Some(AbbreviationClass::Final) => true,
            Some(AbbreviationClass::Time) => {
                (is_starter(next_word) || is_title_abbreviation(next_word))
                    && !self.in_intro_phrase(i)
            }
            None if is_dotted_abbreviation(core) || is_single_letter(core) => is_starter(next_word),
            None => true,
        }
    }

    /// Whether the sentence so far, up to token `i`, is only a short introductory phrase such
    /// as "At 5 a.m." or "By 9 p.m.".
    fn in_intro_phrase(&self, i: usize) -> bool {
        i + 1 - self.sentence_start <= INTRO_PHRASE_TOKENS
            && leading_word(self.word(self.sentence_start))
                .is_some_and(|w| STARTERS.get(w.as_str()) == Some(&StarterClass::Intro))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn data_files_have_no_malformed_rows() {
        for table in [tables::ABBREVIATIONS, tables::SENTENCE_STARTERS] {
            for row in table.rows() {
                let (word, class) = (row[0], row[1]);
                let name = table.path();
                assert_eq!(word, word.to_lowercase(), "{name}: {row:?}");
                assert!(
                    matches!(
                        class,
                        "title" | "time" | "general" | "final" | "starter" | "intro"
                    ),
                    "{name}: unknown class in {row:?}"
                );
            }
        }
        assert!(ABBREVIATIONS.len() > 100);
        assert!(STARTERS.len() > 100);
    }

    #[test]
    fn plain_sentences_split_at_stops() {
        assert_eq!(
            sentences("Troops arrived on Monday. They left on Friday! Why? Nobody knows."),
            vec![
                "Troops arrived on Monday.",
                "They left on Friday!",
                "Why?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn titles_and_ranks_do_not_end_sentences() {
        assert_eq!(
            sentences("Gen. Valery Gerasimov met Sen. Ann Roe and Dr. Li in St. Petersburg."),
            vec!["Gen. Valery Gerasimov met Sen. Ann Roe and Dr. Li in St. Petersburg."]
        );
    }

    #[test]
    fn dotted_abbreviations_end_only_before_an_opening_word() {
        assert_eq!(
            sentences("The U.S. Senate voted. Aid went to the U.K. It arrived in the E.U. late."),
            vec![
                "The U.S. Senate voted.",
                "Aid went to the U.K.",
                "It arrived in the E.U. late."
            ]
        );
    }

    #[test]
    fn months_and_numbers_run_on() {
        assert_eq!(
            sentences("On Jan. 9 the talks opened in Room No. 5 and ran to p. 12 of the text."),
            vec!["On Jan. 9 the talks opened in Room No. 5 and ran to p. 12 of the text."]
        );
    }

    #[test]
    fn times_of_day() {
        assert_eq!(
            sentences(
                "By 9 p.m. Gen. Roe had left. The convoy moved at 6 a.m. The border closed at 5 p.m. Thursday."
            ),
            vec![
                "By 9 p.m. Gen. Roe had left.",
                "The convoy moved at 6 a.m.",
                "The border closed at 5 p.m. Thursday."
            ]
        );
    }

    #[test]
    fn initials_and_company_suffixes() {
        assert_eq!(
            sentences(
                "Analyst Mary K. Olsen of Halden & Co. said so. She works for Halden & Co. It is small."
            ),
            vec![
                "Analyst Mary K. Olsen of Halden & Co. said so.",
                "She works for Halden & Co.",
                "It is small."
            ]
        );
    }

    #[test]
    fn etc_usually_ends_its_sentence() {
        assert_eq!(
            sentences("They seized tanks, trucks, etc. Officials said so. Guns etc. were found."),
            vec![
                "They seized tanks, trucks, etc.",
                "Officials said so.",
                "Guns etc. were found."
            ]
        );
    }

    #[test]
    fn money_decimals_urls_and_addresses() {
        assert_eq!(
            sentences(
                "The fund paid $2.5 million. Details are at https://example.org/a.b/c.html. Write to desk.news@example.org. Thanks."
            ),
            vec![
                "The fund paid $2.5 million.",
                "Details are at https://example.org/a.b/c.html.",
                "Write to desk.news@example.org.",
                "Thanks."
            ]
        );
    }

    #[test]
    fn quotations_stay_in_their_host() {
        assert_eq!(
            sentences(
                "The minister said: \"We will stay. We will not leave.\" Then he left. \u{201c}Calm is back. Shops open,\u{201d} a resident said."
            ),
            vec![
                "The minister said: \"We will stay. We will not leave.\"",
                "Then he left.",
                "\u{201c}Calm is back. Shops open,\u{201d} a resident said."
            ]
        );
        assert_eq!(
            sentences("\"Is it over?\" she asked. It was."),
            vec!["\"Is it over?\" she asked.", "It was."]
        );
    }

    #[test]
    fn parentheses_stay_in_their_host() {
        assert_eq!(
            sentences(
                "The bloc (It was founded in 2002. It has six members.) sent troops. They came."
            ),
            vec![
                "The bloc (It was founded in 2002. It has six members.) sent troops.",
                "They came."
            ]
        );
    }

    #[test]
    fn unbalanced_brackets_do_not_swallow_the_text() {
        assert_eq!(
            sentences("A (stray bracket. Another sentence.\nA third one."),
            vec!["A (stray bracket.", "Another sentence.", "A third one."]
        );
    }

    #[test]
    fn headings_and_lines_are_their_own_sentences() {
        let text = "Talks Stall in Geneva\nBy Ann Roe\n\nUpdate on March 3, 2021:\n\nThe talks stalled. Both sides left.";
        assert_eq!(
            sentences(text),
            vec![
                "Talks Stall in Geneva",
                "By Ann Roe",
                "Update on March 3, 2021:",
                "The talks stalled.",
                "Both sides left."
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_join_their_lines() {
        let text = "The delegation arrived in the capital on Tuesday and met the\n\
                    foreign minister, who said the border would reopen soon. Officials\n\
                    did not say when the first trucks would cross into the country.\n\
                    \n\
                    A second round of talks is planned for next month in the city of\n\
                    Geneva, according to two diplomats who asked not to be named.";
        assert_eq!(sentences(text).len(), 3, "{:?}", sentences(text));
    }

    #[test]
    fn a_long_headline_in_wrapped_text_stays_apart() {
        let text = "Delegations From Both Countries Agree to Reopen the Northern Border\n\
                    By Ann Lee\n\
                    \n\
                    The delegation arrived in the capital on Tuesday and met the foreign\n\
                    minister, who said the border would reopen soon, according to two\n\
                    officials who asked not to be named because talks were not over.";
        assert_eq!(
            sentences(text),
            vec![
                "Delegations From Both Countries Agree to Reopen the Northern Border",
                "By Ann Lee",
                "The delegation arrived in the capital on Tuesday and met the foreign\nminister, who said the border would reopen soon, according to two\nofficials who asked not to be named because talks were not over."
            ]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sentences("He paused ... then he spoke. It ended.... They left."),
            vec!["He paused ... then he spoke.", "It ended....", "They left."]
        );
    }

    #[test]
    fn inline_lists() {
        assert_eq!(
            sentences("Demands: 1) a ceasefire 2) talks. 1. Ceasefire now 2. Talks later"),
            vec![
                "Demands: 1) a ceasefire 2) talks.",
                "1. Ceasefire now",
                "2. Talks later"
            ]
        );
        assert_eq!(
            sentences("\u{2022} Troops left \u{2022} Talks began"),
            vec!["\u{2022} Troops left", "\u{2022} Talks began"]
        );
    }

    #[test]
    fn cjk_stops_split_without_spaces() {
        assert_eq!(
            sentences("部队撤离了。谈判开始了。"),
            vec!["部队撤离了。", "谈判开始了。"]
        );
    }

    #[test]
    fn news_prose() {
        let text = "MOSCOW (Reuters) - Russia's Defence Ministry said on Thursday that its troops \
                    would leave Kazakhstan by Jan. 19. Defence Minister Sergei Shoigu told Mr. \
                    Tokayev the mission was over. \"The task is done,\" he said. The U.S. State \
                    Department welcomed the move (a spokesman called it \"a good sign.\") and \
                    urged restraint.";
        assert_eq!(
            sentences(text),
            vec![
                "MOSCOW (Reuters) - Russia's Defence Ministry said on Thursday that its troops would leave Kazakhstan by Jan. 19.",
                "Defence Minister Sergei Shoigu told Mr. Tokayev the mission was over.",
                "\"The task is done,\" he said.",
                "The U.S. State Department welcomed the move (a spokesman called it \"a good sign.\") and urged restraint."
            ]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// Punctuation soup: sentences are trimmed, ordered, disjoint, on char boundaries,
        /// cover every non-space character, and come out the same twice.
        #[test]
        fn any_punctuation_soup_splits_cleanly(
            text in "[a-zA-Z0-9 .!?\"'()\u{201c}\u{201d}\u{2019}\u{2026}\u{2022}\u{3002}:;,\n-]{0,200}"
        ) {
            let spans = split(&text);
            let mut previous_end = 0;
            let mut covered = 0;
            for span in &spans {
                proptest::prop_assert!(span.start >= previous_end && span.start < span.end);
                proptest::prop_assert!(span.end <= text.len());
                proptest::prop_assert!(
                    text.is_char_boundary(span.start) && text.is_char_boundary(span.end)
                );
                let sentence = span.of(&text);
                proptest::prop_assert_eq!(sentence, sentence.trim());
                covered += sentence.chars().filter(|c| !c.is_whitespace()).count();
                previous_end = span.end;
            }
            proptest::prop_assert_eq!(
                covered,
                text.chars().filter(|c| !c.is_whitespace()).count()
            );
            proptest::prop_assert_eq!(split(&text), spans);
        }
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(split("").is_empty());
        assert!(split(" \n\t ").is_empty());
        assert_eq!(sentences("  word  "), vec!["word"]);
    }
}
