//! The mention store and the taken spans: where each rule records what it found, and how a
//! later rule asks whether words are still free.

use super::Builder;
use crate::extract::Span;
use crate::extract::actors::{Mention, MentionVia};

impl<'t> Builder<'t> {
    pub(super) fn is_excluded(&self, span: Span) -> bool {
        let from = self.excluded.partition_point(|e| e.end <= span.start);
        self.excluded
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|e| e.start < span.end)
            .any(|e| e.overlaps(span))
    }

    pub(super) fn is_free(&self, span: Span) -> bool {
        self.claimed
            .range(..span.end)
            .next_back()
            .is_none_or(|(_, &end)| end <= span.start)
    }

    /// Marks a span as taken, merging it with any taken span it touches, so that taken spans
    /// never overlap and one look-up answers [`Self::is_free`].
    pub(super) fn claim(&mut self, span: Span) {
        let mut start = span.start;
        let mut end = span.end;
        let overlapping: Vec<(usize, usize)> = self
            .claimed
            .range(..span.end)
            .rev()
            .take_while(|(_, e)| **e > span.start)
            .map(|(&s, &e)| (s, e))
            .collect();
        for (s, e) in overlapping {
            self.claimed.remove(&s);
            start = start.min(s);
            end = end.max(e);
        }
        self.claimed.insert(start, end);
    }

    pub(super) fn mention(&mut self, span: Span, actor: usize, via: MentionVia, nested: bool) {
        if span.is_empty() || self.text.get(span.start..span.end).is_none() {
            return;
        }
        self.mention_index.insert(span, self.mentions.len());
        self.mentions.push(Mention {
            span,
            actor,
            via,
            nested,
        });
    }

    /// The first recorded mention (in the order found) with `span` that satisfies `test`.
    pub(super) fn first_mention_at(
        &self,
        span: Span,
        test: impl Fn(&Mention) -> bool,
    ) -> Option<&Mention> {
        self.mention_index
            .near(span)
            .filter(|&i| {
                self.mentions
                    .get(i)
                    .is_some_and(|m| m.span == span && test(m))
            })
            .min()
            .and_then(|i| self.mentions.get(i))
    }

    /// Records a name the text itself defined, for the document-forms pass.
    pub(super) fn doc_form(&mut self, form: String, actor: usize, via: MentionVia) {
        self.doc_form_names.insert(form.clone());
        self.doc_forms.push((form, actor, via));
    }
}
