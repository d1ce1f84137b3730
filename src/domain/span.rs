//! Byte spans into a text: every extracted item, stored claim and highlighted mention points at
//! its source with one.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a text. Both ends lie on char boundaries of the
/// text it was made for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; an inverted pair is turned round.
    pub fn new(start: usize, end: usize) -> Self {
        if end < start {
            Span {
                start: end,
                end: start,
            }
        } else {
            Span { start, end }
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The text the span covers, or `""` when it does not fit the text.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `other` lies wholly inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The same span moved right by `offset` bytes.
    pub fn shifted(&self, offset: usize) -> Self {
        Span {
            start: self.start + offset,
            end: self.end + offset,
        }
    }

    /// This span with leading and trailing whitespace of `text` removed.
    pub fn trimmed(&self, text: &str) -> Self {
        let inner = self.of(text);
        let start = self.start + (inner.len() - inner.trim_start().len());
        let end = self.end - (inner.len() - inner.trim_end().len());
        Span::new(start, end.max(start))
    }
}

/// Whether one of `sorted` (sorted and non-overlapping) holds the whole of `span`.
pub fn covered_by(sorted: &[Span], span: Span) -> bool {
    let index = sorted.partition_point(|e| e.end < span.end);
    sorted.get(index).is_some_and(|e| e.contains(span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covered_by_finds_the_holding_span() {
        let sorted = [Span::new(0, 5), Span::new(10, 20)];
        assert!(covered_by(&sorted, Span::new(12, 20)));
        assert!(covered_by(&sorted, Span::new(0, 5)));
        assert!(!covered_by(&sorted, Span::new(4, 11)));
        assert!(!covered_by(&sorted, Span::new(21, 22)));
        assert!(!covered_by(&[], Span::new(0, 1)));
    }
}
