//! A source's text cut into plain runs and claim spans for display. Spans that nest are
//! wrapped (so `#c42` highlights claim 42 with CSS alone); a span that crosses another cannot
//! be wrapped in HTML and becomes an anchor at its start. The selected claim is always wrapped.
//! Spans out of bounds or off character boundaries are ignored, never trusted.

use crate::domain::ClaimId;
use sitrep_templates::view::TextPiece;
use std::collections::VecDeque;

/// Where one claim sits in its source text: UTF-8 byte offsets, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimSpan {
    /// The claim's id.
    pub id: ClaimId,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The fragment id of a claim: `c42`.
pub fn claim_anchor(id: ClaimId) -> String {
    format!("c{id}")
}

fn crosses(a: &ClaimSpan, b: &ClaimSpan) -> bool {
    (a.start < b.start && b.start < a.end && a.end < b.end)
        || (b.start < a.start && a.start < b.end && b.end < a.end)
}

/// A name or a date to mark inside the text: UTF-8 byte offsets, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineMark {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `actor` or `date`.
    pub kind: &'static str,
    /// The tooltip.
    pub title: String,
    /// Where it links, if anywhere.
    pub href: Option<String>,
}

/// Cuts `text` into pieces around the claims' spans; `selected` is the claim the reader came
/// for.
pub fn text_pieces(text: &str, spans: &[ClaimSpan], selected: Option<ClaimId>) -> Vec<TextPiece> {
    text_pieces_with_marks(text, spans, selected, &[])
}

/// As [`text_pieces`], with names and dates marked inside the plain runs. Marks out of bounds
/// or off character boundaries are ignored; of two that overlap, the first is kept; a mark
/// that crosses a claim's edge is marked on both sides of it.
pub fn text_pieces_with_marks(
    text: &str,
    spans: &[ClaimSpan],
    selected: Option<ClaimId>,
    marks: &[InlineMark],
) -> Vec<TextPiece> {
    let mut usable_marks: Vec<InlineMark> = marks
        .iter()
        .filter(|m| {
            m.start < m.end
                && m.end <= text.len()
                && text.is_char_boundary(m.start)
                && text.is_char_boundary(m.end)
        })
        .cloned()
        .collect();
    usable_marks.sort_by_key(|m| (m.start, m.end));
    let mut kept: Vec<InlineMark> = Vec::with_capacity(usable_marks.len());
    for mark in usable_marks {
        if kept.last().is_none_or(|last| last.end <= mark.start) {
            kept.push(mark);
        }
    }
    let mut usable: Vec<ClaimSpan> = spans
        .iter()
        .copied()
        .filter(|s| {
            s.start < s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        })
        .collect();
    usable.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.id));
    // The selected claim is always wrapped; a span crossing it becomes an anchor.
    let selected_span = usable.iter().find(|s| Some(s.id) == selected).copied();

    // In start order, the wrapped spans still open at a span's start are nested one inside
    // the next, so the innermost (the top of `open`) is the only one it could cross: linear
    // time however many claims a source has.
    let mut wrapped: Vec<ClaimSpan> = Vec::with_capacity(usable.len());
    let mut anchors: Vec<ClaimSpan> = Vec::new();
    let mut open: Vec<ClaimSpan> = Vec::new();
    for span in usable {
        let is_selected = Some(span.id) == selected;
        if !is_selected && selected_span.is_some_and(|chosen| crosses(&chosen, &span)) {
            anchors.push(span);
            continue;
        }
        while open.last().is_some_and(|w| w.end <= span.start) {
            open.pop();
        }
        if !is_selected && open.last().is_some_and(|w| crosses(w, &span)) {
            anchors.push(span);
        } else {
            wrapped.push(span);
            open.push(span);
        }
    }
    wrapped.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.id));
    anchors.sort_by_key(|s| (s.start, s.id));

    let mut builder = Builder {
        text,
        selected,
        anchors: anchors.into_iter().collect(),
        marks: kept,
        next_mark: 0,
    };
    let mut pieces = builder.build(0, text.len(), &wrapped);
    // Every anchor lies before the end of the text, so none is left; this keeps it total.
    builder.plain(&mut pieces, text.len(), text.len());
    pieces
}

struct Builder<'a> {
    text: &'a str,
    selected: Option<ClaimId>,
    anchors: VecDeque<ClaimSpan>,
    /// Names and dates, sorted, none overlapping.
    marks: Vec<InlineMark>,
    /// The first mark that may still lie ahead.
    next_mark: usize,
}

impl Builder<'_> {
    /// Pieces for `lo..hi`, given the wrapped spans inside it, sorted and properly nested.
    fn build(&mut self, lo: usize, hi: usize, spans: &[ClaimSpan]) -> Vec<TextPiece> {
        let mut out = Vec::new();
        let mut position = lo;
        let mut index = 0;
        while let Some(span) = spans.get(index).copied() {
            let inner_count = spans
                .get(index + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|s| s.start < span.end)
                .count();
            let inner = spans
                .get(index + 1..index + 1 + inner_count)
                .unwrap_or_default();
            self.plain(&mut out, position, span.start);
            out.push(TextPiece::Claim {
                anchor: claim_anchor(span.id),
                selected: Some(span.id) == self.selected,
                pieces: self.build(span.start, span.end, inner),
            });
            position = span.end;
            index += 1 + inner_count;
        }
        self.plain(&mut out, position, hi);
        out
    }

    /// Plain text `from..to`, with the anchors that fall before `to` placed where they start.
    fn plain(&mut self, out: &mut Vec<TextPiece>, from: usize, to: usize) {
        let mut position = from;
        while let Some(anchor) = self.anchors.front().copied() {
            if anchor.start >= to && to != self.text.len() {
                break;
            }
            self.anchors.pop_front();
            let at = anchor.start.max(position).min(to);
            self.push_text(out, position, at);
            out.push(TextPiece::Anchor(claim_anchor(anchor.id)));
            position = at;
        }
        self.push_text(out, position, to);
    }

    /// Plain text `from..to`, the marks inside it cut out as mentions. Runs come in text
    /// order, so the marks are walked once.
    fn push_text(&mut self, out: &mut Vec<TextPiece>, from: usize, to: usize) {
        while self
            .marks
            .get(self.next_mark)
            .is_some_and(|m| m.end <= from)
        {
            self.next_mark += 1;
        }
        let mut position = from;
        let mut index = self.next_mark;
        while let Some(mark) = self.marks.get(index).filter(|m| m.start < to) {
            let start = mark.start.max(position);
            let end = mark.end.min(to);
            if start < end {
                self.push_plain(out, position, start);
                if let Some(words) = self.text.get(start..end) {
                    out.push(TextPiece::Mention {
                        text: words.to_string(),
                        kind: mark.kind.to_string(),
                        title: mark.title.clone(),
                        href: mark.href.clone(),
                    });
                }
                position = end;
            }
            if mark.end > to {
                break;
            }
            index += 1;
        }
        self.push_plain(out, position, to);
    }

    fn push_plain(&self, out: &mut Vec<TextPiece>, from: usize, to: usize) {
        if let Some(run) = self.text.get(from..to).filter(|run| !run.is_empty()) {
            out.push(TextPiece::Plain(run.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(id: i64, start: usize, end: usize) -> ClaimSpan {
        ClaimSpan {
            id: ClaimId::new(id),
            start,
            end,
        }
    }

    fn claim(id: i64) -> Option<ClaimId> {
        Some(ClaimId::new(id))
    }

    fn plain(s: &str) -> TextPiece {
        TextPiece::Plain(s.to_string())
    }

    /// All the text of the pieces, in order, so nothing is lost or repeated.
    fn flatten(pieces: &[TextPiece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                TextPiece::Plain(t) => t.clone(),
                TextPiece::Claim { pieces, .. } => flatten(pieces),
                TextPiece::Anchor(_) => String::new(),
                TextPiece::Mention { text, .. } => text.clone(),
            })
            .collect()
    }

    #[test]
    fn a_claim_in_the_middle_is_wrapped_and_selected() {
        let text = "One. Two said so. Three.";
        let pieces = text_pieces(text, &[span(9, 5, 17)], claim(9));
        assert_eq!(
            pieces,
            vec![
                plain("One. "),
                TextPiece::Claim {
                    anchor: "c9".to_string(),
                    selected: true,
                    pieces: vec![plain("Two said so.")],
                },
                plain(" Three."),
            ]
        );
    }

    #[test]
    fn nested_claims_nest_and_crossing_ones_become_anchors() {
        let text = "abcdefghijklmnop";
        let spans = [span(1, 0, 10), span(2, 2, 5), span(3, 8, 14)];
        let pieces = text_pieces(text, &spans, None);
        assert_eq!(flatten(&pieces), text);
        let TextPiece::Claim {
            anchor,
            pieces: inner,
            ..
        } = &pieces[0]
        else {
            panic!("{pieces:?}")
        };
        assert_eq!(anchor, "c1");
        assert!(
            inner.contains(&TextPiece::Anchor("c3".to_string())),
            "{inner:?}"
        );
        assert!(
            inner
                .iter()
                .any(|p| matches!(p, TextPiece::Claim { anchor, .. } if anchor == "c2"))
        );
    }

    #[test]
    fn the_selected_claim_wins_a_crossing() {
        let text = "abcdefghijklmnop";
        let spans = [span(1, 0, 10), span(3, 8, 14)];
        let pieces = text_pieces(text, &spans, claim(3));
        assert_eq!(flatten(&pieces), text);
        assert!(pieces.iter().any(
            |p| matches!(p, TextPiece::Claim { anchor, selected: true, .. } if anchor == "c3")
        ));
        assert!(pieces.contains(&TextPiece::Anchor("c1".to_string())));
    }

    #[test]
    fn bad_spans_are_ignored() {
        let text = "Almaty é";
        let spans = [span(1, 0, 99), span(2, 8, 9), span(3, 4, 4), span(4, 5, 2)];
        let pieces = text_pieces(text, &spans, claim(1));
        assert_eq!(pieces, vec![plain(text)]);
    }

    fn ids_in(pieces: &[TextPiece], out: &mut Vec<String>) {
        for piece in pieces {
            match piece {
                TextPiece::Plain(_) | TextPiece::Mention { .. } => {}
                TextPiece::Claim { anchor, pieces, .. } => {
                    out.push(anchor.clone());
                    ids_in(pieces, out);
                }
                TextPiece::Anchor(anchor) => out.push(anchor.clone()),
            }
        }
    }

    proptest::proptest! {
        /// Whatever the spans (out of bounds, inside a character, crossing, repeated), the text
        /// comes back whole and in order, and every usable span shows up exactly once.
        #[test]
        fn the_text_survives_any_spans(
            text in "[a-zé€ .]{0,40}",
            raw in proptest::collection::vec((0usize..50, 0usize..50), 0..8),
            selected in proptest::option::of(0i64..8),
        ) {
            let spans: Vec<ClaimSpan> = raw
                .iter()
                .enumerate()
                .map(|(i, &(start, end))| span(i as i64, start, end))
                .collect();
            let pieces = text_pieces(&text, &spans, selected.map(ClaimId::new));
            proptest::prop_assert_eq!(flatten(&pieces), text.clone());
            let mut shown = Vec::new();
            ids_in(&pieces, &mut shown);
            let usable = spans
                .iter()
                .filter(|s| s.start < s.end && s.end <= text.len()
                    && text.is_char_boundary(s.start) && text.is_char_boundary(s.end))
                .count();
            proptest::prop_assert_eq!(shown.len(), usable);
            shown.sort();
            shown.dedup();
            proptest::prop_assert_eq!(shown.len(), usable);
        }
    }

    fn mark(start: usize, end: usize, kind: &'static str) -> InlineMark {
        InlineMark {
            start,
            end,
            kind,
            title: kind.to_string(),
            href: None,
        }
    }

    #[test]
    fn names_and_dates_are_marked_inside_and_across_claims() {
        let text = "Borduria closed it on March 1. Vesk spoke.";
        let spans = [span(1, 0, 30)];
        // An actor inside the claim, a date inside it, one crossing its end, one overlapping.
        let marks = [
            mark(0, 8, "actor"),
            mark(22, 29, "date"),
            mark(25, 27, "date"),
            mark(28, 35, "actor"),
        ];
        let pieces = text_pieces_with_marks(text, &spans, None, &marks);
        assert_eq!(flatten(&pieces), text);
        let TextPiece::Claim { pieces: inner, .. } = &pieces[0] else {
            panic!("{pieces:?}")
        };
        let mentions: Vec<&str> = inner
            .iter()
            .filter_map(|p| match p {
                TextPiece::Mention { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(mentions, vec!["Borduria", "March 1"]);
        assert!(
            matches!(&pieces[1], TextPiece::Plain(t) if t == " Vesk spoke."),
            "{pieces:?}"
        );
    }

    #[test]
    fn identical_spans_both_survive() {
        let text = "Same words.";
        let pieces = text_pieces(text, &[span(1, 0, 11), span(2, 0, 11)], None);
        assert_eq!(flatten(&pieces), text);
        let html = format!("{pieces:?}");
        assert!(html.contains("c1") && html.contains("c2"));
    }
}
