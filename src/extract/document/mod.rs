//! Reading a document: detecting its format (plain text, HTML, Markdown), turning it into clean
//! text with a map back to the input's bytes, finding its metadata (title, byline, publisher,
//! date, canonical URL, language) and marking the lines that are metadata or page furniture
//! and must never become claims.
//!
//! Markup metadata (HTML `<meta>`, JSON-LD, a Markdown `#` heading) is trusted first; what it
//! does not give is read from the lines of the clean text (see [`meta`]), which is the whole
//! story for plain text.

mod dates;
mod html;
mod lexicon;
mod map;
mod markdown;
mod meta;

use super::{DocumentFormat, DocumentMeta, Span};
use lexicon::Lexicon;
use map::OffsetMap;

/// A document ready for the later stages.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The clean text the later stages read. For plain text it is the input itself.
    pub text: String,
    /// Metadata found.
    pub meta: DocumentMeta,
    /// Spans of `text` that are metadata or furniture (title, date line, byline, breadcrumbs,
    /// navigation words, copyright and sign-off lines, lists of other stories), never claims.
    /// Whole lines, sorted, not overlapping.
    pub excluded: Vec<Span>,
    /// The paragraphs or lines of body text in `text`, in order, headings included; in
    /// hard-wrapped text a block is a paragraph. None overlaps `excluded`.
    pub blocks: Vec<Span>,
    map: OffsetMap,
}

impl Document {
    /// Maps a span of the clean text to the bytes of the original input it came from. A span
    /// that touches a decoded entity or collapsed whitespace covers all of it. Offsets beyond
    /// the text are clamped; the result always lies on char boundaries of the input.
    pub fn to_source(&self, span: Span) -> Span {
        let start = floor_boundary(&self.text, span.start);
        let end = ceil_boundary(&self.text, span.end.max(span.start));
        let source_start = self.map.start(start);
        let source_end = self.map.end(end);
        Span::new(source_start, source_end.max(source_start))
    }
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// Detects the format of `source`.
pub fn detect_format(source: &str) -> DocumentFormat {
    if html::looks_like_html(source) {
        DocumentFormat::Html
    } else if markdown::looks_like_markdown(source) {
        DocumentFormat::Markdown
    } else {
        DocumentFormat::Text
    }
}

/// Reads a document: plain text, HTML or Markdown, detected from its content.
pub fn read(source: &str) -> Document {
    let lexicon = Lexicon::builtin();
    let format = detect_format(source);
    let (text, map, markup) = match format {
        DocumentFormat::Html => {
            let doc = html::read(source, lexicon);
            (doc.text, doc.map, doc.meta)
        }
        DocumentFormat::Markdown => {
            let doc = markdown::read(source);
            let front = |keys: &[&str]| {
                doc.front_matter
                    .iter()
                    .find(|(key, _)| keys.contains(&key.as_str()))
                    .map(|(_, value)| value.clone())
            };
            let markup = html::HtmlMeta {
                title: doc.title.clone().or_else(|| front(&["title"])),
                author: front(&["author", "authors", "byline"]),
                publisher: front(&["publisher", "site", "source"]),
                published: front(&["date", "published", "pubdate", "publishdate"])
                    .and_then(|d| dates::parse_iso_date(&d)),
                url: front(&["url", "canonical", "link"]),
                language: front(&["lang", "language"]),
                copyright: None,
            };
            (doc.text, doc.map, markup)
        }
        DocumentFormat::Text => (
            source.to_string(),
            OffsetMap::identity(source.len()),
            html::HtmlMeta::default(),
        ),
    };
    let known = meta::Known {
        title: markup.title.as_deref(),
        publisher: markup.publisher.as_deref(),
    };
    let lines = meta::analyze(&text, known, lexicon);
    let publisher = markup.publisher.or(lines.publisher).or_else(|| {
        markup
            .copyright
            .as_deref()
            .and_then(meta::copyright_holder_of)
    });
    let meta = DocumentMeta {
        title: markup.title.or(lines.title),
        published: markup.published.or(lines.published),
        author: markup.author.or(lines.author),
        publisher,
        url: markup.url.or(lines.url),
        language: markup.language.unwrap_or_else(|| "en".to_string()),
        format,
    };
    Document {
        text,
        meta,
        excluded: lines.excluded,
        blocks: lines.blocks,
        map,
    }
}

#[cfg(test)]
mod tests;
