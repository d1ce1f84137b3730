//! The tokenizer under the time-expression grammar: one linear pass that cuts the text into
//! words, digit runs and single punctuation marks, each with its byte span, its ASCII-lowercased
//! spelling and the kind of gap before it. Letters and digits glued together ("3pm", "15th",
//! "16h00", "2018Q4") become separate tokens with no gap, so the grammar reads them like spaced
//! words but can still insist on glue where it matters.

use super::lexicon::{self, Lex, WordFacts};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// ASCII letters (a word with a non-ASCII letter is [`Kind::Other`]).
    Word,
    /// ASCII digits.
    Num,
    /// One punctuation or symbol character.
    Punct,
    /// A word with letters outside ASCII: never part of a time expression.
    Other,
}

/// The space before a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gap {
    /// Glued to the previous token.
    None,
    /// Spaces or tabs, or one line break.
    Space,
    /// A blank line: a time expression never spans it.
    Break,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub gap: Gap,
    /// For numbers: the value, saturating at `u32::MAX`.
    pub value: u32,
    /// For numbers: how many digits.
    pub digits: u32,
    /// Whether the first character is an uppercase letter.
    pub capital: bool,
    /// For punctuation: the character, with typographic apostrophes and dashes mapped to
    /// their ASCII forms (see [`normalize_punct`]); `'\0'` otherwise.
    pub punct: char,
}

/// A tokenized text: the tokens plus the lowercased copy their spellings point into.
pub(super) struct Tokens<'a> {
    pub toks: Vec<Token>,
    /// What the grammar knows about each token's lowercased spelling, looked up once here
    /// because the grammar asks many times.
    facts: Vec<WordFacts>,
    /// The text with ASCII letters lowercased (same byte offsets as the original).
    pub lower: String,
    /// The original text.
    pub text: &'a str,
    /// Whether the text has any lowercase letter (all-caps headlines are read leniently).
    pub has_lower: bool,
    /// Whether the text has any uppercase letter (all-lowercase input is read leniently).
    pub has_upper: bool,
}

impl<'a> Tokens<'a> {
    /// Cuts `text` into tokens.
    pub fn new(text: &'a str) -> Self {
        let lower = text.to_ascii_lowercase();
        let bytes = text.as_bytes();
        let mut toks = Vec::with_capacity(text.len() / 4 + 1);
        let mut i = 0;
        let mut newlines = 0u32;
        let mut spaced = false;
        let mut has_lower = false;
        let mut has_upper = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b' ' || b == b'\t' || b == b'\r' || b == 0x0c {
                spaced = true;
                i += 1;
                continue;
            }
            if b == b'\n' {
                spaced = true;
                newlines += 1;
                i += 1;
                continue;
            }
            let gap = if newlines >= 2 {
                Gap::Break
            } else if spaced {
                Gap::Space
            } else {
                Gap::None
            };
            newlines = 0;
            spaced = false;
            let start = i;
            if b.is_ascii_digit() {
                let mut value: u64 = 0;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    value = (value * 10 + u64::from(bytes[i] - b'0')).min(u64::from(u32::MAX));
                    i += 1;
                }
                toks.push(Token {
                    kind: Kind::Num,
                    start,
                    end: i,
                    gap,
                    value: u32::try_from(value).unwrap_or(u32::MAX),
                    digits: u32::try_from(i - start).unwrap_or(u32::MAX),
                    capital: false,
                    punct: '\0',
                });
            } else if b.is_ascii_alphabetic() || b >= 0x80 {
                // A word: ASCII letters, possibly mixed with non-ASCII alphanumerics.
                let mut ascii = true;
                let mut j = i;
                while j < bytes.len() {
                    let c = bytes[j];
                    if c.is_ascii_alphabetic() {
                        if c.is_ascii_lowercase() {
                            has_lower = true;
                        } else {
                            has_upper = true;
                        }
                        j += 1;
                    } else if c >= 0x80 {
                        let ch = text[j..].chars().next().unwrap_or(' ');
                        if ch.is_alphanumeric() {
                            ascii = false;
                            j += ch.len_utf8();
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                if j == i {
                    // A non-ASCII symbol or space-like character: one punctuation token.
                    let ch = text[i..].chars().next().unwrap_or(' ');
                    let len = ch.len_utf8();
                    if ch.is_whitespace() {
                        spaced = true;
                        i += len;
                        continue;
                    }
                    toks.push(Token {
                        kind: Kind::Punct,
                        start,
                        end: i + len,
                        gap,
                        value: 0,
                        digits: 0,
                        capital: false,
                        punct: normalize_punct(ch),
                    });
                    i += len;
                    continue;
                }
                toks.push(Token {
                    kind: if ascii { Kind::Word } else { Kind::Other },
                    start,
                    end: j,
                    gap,
                    value: 0,
                    digits: 0,
                    capital: b.is_ascii_uppercase(),
                    punct: '\0',
                });
                i = j;
            } else {
                toks.push(Token {
                    kind: Kind::Punct,
                    start,
                    end: i + 1,
                    gap,
                    value: 0,
                    digits: 0,
                    capital: false,
                    punct: normalize_punct(char::from(b)),
                });
                i += 1;
            }
        }
        // Only ASCII words are in the vocabulary.
        let facts = toks
            .iter()
            .map(|t| match t.kind {
                Kind::Word => lexicon::facts(lower.get(t.start..t.end).unwrap_or("")),
                _ => WordFacts::default(),
            })
            .collect();
        Tokens {
            toks,
            facts,
            lower,
            text,
            has_lower,
            has_upper,
        }
    }

    /// The lowercased spelling of token `i` ("" past the end).
    pub fn s(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => self.lower.get(t.start..t.end).unwrap_or(""),
            None => "",
        }
    }

    /// The lexicon meanings of token `i` (none past the end).
    pub fn lex(&self, i: usize) -> &'static [Lex] {
        self.facts(i).lex
    }

    /// What the grammar knows about token `i`'s spelling (nothing past the end).
    pub fn facts(&self, i: usize) -> WordFacts {
        self.facts.get(i).copied().unwrap_or_default()
    }

    /// Whether some rule may read token `i`: any number, punctuation or non-ASCII word, and a
    /// word the grammar knows ([`WordFacts::carries`]); not a token past the end.
    pub fn carries(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind != Kind::Word)
            || self.facts.get(i).is_some_and(WordFacts::carries)
    }

    /// The token at `i`, if any.
    pub fn get(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Whether token `i` is the word `w` (lowercase).
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && self.s(i) == w)
    }

    /// Whether token `i` is punctuation `p` (apostrophes and dashes of every kind compare
    /// equal to their ASCII forms).
    pub fn punct(&self, i: usize, p: char) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.punct == p)
    }

    /// Whether token `i` is a word, digit run or punctuation glued to the token before it.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.gap == Gap::None)
    }

    /// Whether token `i` follows a blank line (nothing may join across it).
    pub fn broken(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.gap == Gap::Break)
    }

    /// The number at `i`, if token `i` is a digit run.
    pub fn num(&self, i: usize) -> Option<u32> {
        self.toks
            .get(i)
            .filter(|t| t.kind == Kind::Num)
            .map(|t| t.value)
    }

    /// The digit count at `i` (0 when not a number).
    pub fn digits(&self, i: usize) -> u32 {
        self.toks
            .get(i)
            .filter(|t| t.kind == Kind::Num)
            .map_or(0, |t| t.digits)
    }

    /// Whether token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }
}

/// Maps typographic variants of apostrophes and dashes to their ASCII forms.
pub(super) fn normalize_punct(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        '\u{201c}' | '\u{201d}' => '"',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_letters_and_digits_split_without_gap() {
        let t = Tokens::new("at 3pm, 15th Jan");
        let spell: Vec<&str> = (0..t.len()).map(|i| t.s(i)).collect();
        assert_eq!(spell, ["at", "3", "pm", ",", "15", "th", "jan"]);
        assert!(t.glued(2));
        assert!(!t.glued(1));
        assert_eq!(t.num(4), Some(15));
    }

    #[test]
    fn unicode_words_are_not_words() {
        let t = Tokens::new("Mayé – May");
        assert_eq!(t.toks[0].kind, Kind::Other);
        assert!(t.punct(1, '-'));
        assert!(t.is(2, "may"));
        assert!(t.toks[2].capital);
    }

    #[test]
    fn huge_numbers_saturate() {
        let t = Tokens::new("99999999999999999999");
        assert_eq!(t.num(0), Some(u32::MAX));
    }
}
