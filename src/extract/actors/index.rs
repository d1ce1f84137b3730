//! An index of spans that may overlap, kept by start, so that the rules can ask which spans
//! touch a stretch of text without scanning every mention found so far (which made the actor
//! stage quadratic in the length of the article).

use crate::extract::Span;
use std::collections::BTreeSet;

/// Items (indices into a list the caller owns) keyed by the start of their span.
#[derive(Debug, Default)]
pub(super) struct SpanIndex {
    by_start: BTreeSet<(usize, usize)>,
    longest: usize,
}

impl SpanIndex {
    /// Records that item `item` covers `span`. Spans never change once recorded.
    pub fn insert(&mut self, span: Span, item: usize) {
        self.by_start.insert((span.start, item));
        self.longest = self.longest.max(span.len());
    }

    /// Every item whose span could overlap `span`, lie inside it, or end inside it: those
    /// starting between `span.start - longest` and `span.end` inclusive, in order of start. A
    /// superset: callers test the relation they need on each item.
    pub fn near(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let from = span.start.saturating_sub(self.longest);
        self.by_start
            .range((from, 0)..=(span.end, usize::MAX))
            .map(|&(_, item)| item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_finds_every_overlapping_and_ending_span() {
        let spans = [
            Span::new(0, 10),
            Span::new(12, 14),
            Span::new(20, 21),
            Span::new(30, 40),
        ];
        let mut index = SpanIndex::default();
        for (i, s) in spans.iter().enumerate() {
            index.insert(*s, i);
        }
        for probe in [
            Span::new(5, 6),
            Span::new(13, 20),
            Span::new(14, 14),
            Span::new(21, 30),
            Span::new(0, 50),
        ] {
            let found: Vec<usize> = index.near(probe).collect();
            for (i, s) in spans.iter().enumerate() {
                let related = s.overlaps(probe)
                    || probe.contains(*s)
                    || (probe.start..=probe.end).contains(&s.end);
                if related {
                    assert!(found.contains(&i), "{probe:?} misses {s:?}");
                }
            }
        }
        // Far-away spans are not returned.
        assert_eq!(index.near(Span::new(31, 32)).collect::<Vec<_>>(), vec![3]);
    }
}
