//! Words and punctuation of a text with what the actor rules need to know about each: the
//! sentence it is in, whether it starts that sentence or a line, whether its line looks like a
//! headline, and whether it lies in an excluded (boilerplate) span.

use crate::extract::Span;

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gap {
    /// Nothing: the tokens touch ("Tokayev" + "'").
    None,
    /// Spaces or tabs on one line.
    Space,
    /// A line break (or the start of the text).
    Break,
}

/// One word or punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// A word (letters and digits, with inner hyphens and apostrophes) rather than punctuation.
    pub word: bool,
    /// What separates it from the previous token.
    pub gap: Gap,
    /// Index of the sentence it lies in.
    pub sentence: usize,
    /// The first word of its sentence or of its line.
    pub at_start: bool,
    /// Its line reads like a headline or a byline (mostly capitalised words, no final stop).
    pub headline: bool,
    /// It overlaps an excluded span.
    pub excluded: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits `text` into tokens. A possessive "'s" is never part of the word before it, so the
/// word's span is the name alone.
pub(super) fn tokenize(text: &str, sentences: &[Span], excluded: &[Span]) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    let mut gap = Gap::Break;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                gap = Gap::Break;
            } else if gap == Gap::None {
                gap = Gap::Space;
            }
            continue;
        }
        let mut end = i + c.len_utf8();
        let word = c.is_alphanumeric();
        if word {
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
                let joiner = d == '-' || is_apostrophe(d);
                if !joiner {
                    break;
                }
                let rest = text.get(j + d.len_utf8()..).unwrap_or("");
                let mut after = rest.chars();
                let next = after.next();
                if !next.is_some_and(char::is_alphanumeric) {
                    break;
                }
                if is_apostrophe(d)
                    && matches!(next, Some('s' | 'S'))
                    && !after.next().is_some_and(char::is_alphanumeric)
                {
                    break;
                }
                chars.next();
                end = j + d.len_utf8();
            }
        }
        tokens.push(Token {
            start: i,
            end,
            word,
            gap,
            sentence: 0,
            at_start: false,
            headline: false,
            excluded: false,
        });
        gap = Gap::None;
    }
    annotate(text, &mut tokens, sentences, excluded);
    tokens
}

fn annotate(text: &str, tokens: &mut [Token], sentences: &[Span], excluded: &[Span]) {
    let mut sentence = 0usize;
    let mut excl = 0usize;
    let mut seen_word = false;
    let mut current = usize::MAX;
    for t in tokens.iter_mut() {
        while sentences
            .get(sentence + 1)
            .is_some_and(|next| next.start <= t.start)
        {
            sentence += 1;
        }
        if sentence != current || t.gap == Gap::Break {
            current = sentence;
            seen_word = false;
        }
        t.sentence = sentence;
        if t.word {
            t.at_start = !seen_word;
            seen_word = true;
        }
        while excluded.get(excl).is_some_and(|e| e.end <= t.start) {
            excl += 1;
        }
        t.excluded = excluded
            .iter()
            .skip(excl)
            .take_while(|e| e.start < t.end)
            .any(|e| e.overlaps(Span::new(t.start, t.end)));
    }
    mark_headlines(text, tokens);
}

/// Marks the tokens of lines that read like headlines or bylines: at least two long words,
/// seven in ten of them capitalised, and no full stop at the end.
fn mark_headlines(text: &str, tokens: &mut [Token]) {
    let mut line_start = 0;
    for i in 0..=tokens.len() {
        let ends_line = tokens.get(i).is_none_or(|t| t.gap == Gap::Break);
        if !ends_line || i == line_start {
            continue;
        }
        let line = tokens.get(line_start..i).unwrap_or(&[]);
        let long: Vec<&str> = line
            .iter()
            .filter(|t| t.word)
            .map(|t| t.text(text))
            .filter(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_alphabetic))
            .collect();
        let capitalised = long
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        let stops = line.last().is_some_and(|t| t.text(text) == ".");
        let headline = long.len() >= 2 && capitalised * 10 >= long.len() * 7 && !stops;
        if headline && let Some(line) = tokens.get_mut(line_start..i) {
            for t in line {
                t.headline = true;
            }
        }
        line_start = i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, &[Span::new(0, text.len())], &[])
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn possessives_split_but_inner_marks_stay() {
        assert_eq!(
            words("Tokayev's aide Kassym-Jomart O'Neill’s"),
            vec![
                "Tokayev",
                "'",
                "s",
                "aide",
                "Kassym-Jomart",
                "O'Neill",
                "’",
                "s"
            ]
        );
    }

    #[test]
    fn sentence_and_line_starts() {
        let text = "Chan Kung\nHe said. Then Lukashenko left.";
        let sentences = [Span::new(0, 9), Span::new(10, 18), Span::new(19, 38)];
        let toks = tokenize(text, &sentences, &[]);
        let starts: Vec<&str> = toks
            .iter()
            .filter(|t| t.at_start)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(starts, vec!["Chan", "He", "Then"]);
        assert!(toks[0].headline && toks[1].headline);
        assert!(!toks[2].headline);
    }
}
