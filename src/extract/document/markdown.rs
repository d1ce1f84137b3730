//! Reading Markdown: the markup is stripped with pulldown-cmark, whose offset iterator gives
//! each piece of text its range in the input, so the clean text maps back byte for byte.
//! Headings, paragraphs and list items become lines; code blocks, images and raw HTML are
//! dropped. The title is the first level-one heading (else the first heading).

use super::map::{CleanTextBuilder, OffsetMap};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A Markdown document read into clean text.
#[derive(Debug)]
pub(crate) struct MarkdownDocument {
    pub text: String,
    pub map: OffsetMap,
    pub title: Option<String>,
    /// `key: value` lines of a YAML front-matter block, keys lower-cased.
    pub front_matter: Vec<(String, String)>,
}

/// Whether `source` looks like Markdown: ATX headings, links, emphasis, lists or fences, enough
/// of them that plain prose with one stray asterisk does not qualify.
pub(crate) fn looks_like_markdown(source: &str) -> bool {
    let mut score = 0;
    let mut emphasis = 0;
    let mut lists = 0;
    for line in source.lines().take(400) {
        let trimmed = line.trim_start();
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && trimmed.as_bytes().get(hashes) == Some(&b' ') {
            score += 2;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            score += 2;
        }
        if !trimmed.is_empty() && trimmed.bytes().all(|b| b == b'=') && trimmed.len() >= 3 {
            score += 2;
        }
        if trimmed.starts_with("- ") || trimmed.starts_with("* ") || trimmed.starts_with("+ ") {
            lists = 1;
        }
        if trimmed.starts_with("> ") {
            score += 1;
        }
        if let Some(at) = line.find("](")
            && line[..at].contains('[')
            && line[at..].contains(')')
        {
            score += 2;
        }
        if emphasis < 2 && (line.contains("**") || line.contains("__")) {
            emphasis += 1;
        }
        if score >= 4 {
            break;
        }
    }
    score + emphasis + lists >= 2
}

/// Reads a Markdown document.
pub(crate) fn read(source: &str) -> MarkdownDocument {
    let options = Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut front_matter = Vec::new();
    let mut in_metadata = false;
    let mut builder = CleanTextBuilder::new(source);
    let mut first_heading: Option<(HeadingLevel, String)> = None;
    let mut heading: Option<(HeadingLevel, usize)> = None;
    // Depth inside content that is dropped (code blocks, images, metadata).
    let mut hidden = 0usize;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::MetadataBlock(_) => {
                    in_metadata = true;
                    hidden += 1;
                }
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock => {
                    hidden += 1;
                }
                Tag::Heading { level, .. } => {
                    builder.push_break(true, range.start);
                    heading = Some((level, builder.text().len()));
                }
                Tag::Paragraph | Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) => {
                    builder.push_break(true, range.start);
                }
                Tag::Item | Tag::TableRow | Tag::TableHead => {
                    builder.push_break(false, range.start)
                }
                Tag::TableCell => builder.push_replacement(" ", range.start, range.start),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock
                | TagEnd::Image
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock => {
                    in_metadata = false;
                    hidden = hidden.saturating_sub(1);
                }
                TagEnd::Heading(_) => {
                    if let Some((level, start)) = heading.take() {
                        let text = builder.text().get(start..).unwrap_or("").trim().to_string();
                        let better = match &first_heading {
                            None => true,
                            Some((first_level, _)) => {
                                *first_level != HeadingLevel::H1 && level == HeadingLevel::H1
                            }
                        };
                        if better && !text.is_empty() {
                            first_heading = Some((level, text));
                        }
                    }
                    builder.push_break(true, range.end);
                }
                TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table => {
                    builder.push_break(true, range.end);
                }
                TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead => {
                    builder.push_break(false, range.end);
                }
                _ => {}
            },
            Event::Text(text) if in_metadata => {
                for line in text.lines() {
                    if let Some((key, value)) = line.split_once(':') {
                        let value = value.trim().trim_matches(['"', '\'']).trim();
                        if !value.is_empty() {
                            front_matter.push((key.trim().to_lowercase(), value.to_string()));
                        }
                    }
                }
            }
            Event::Text(text) if hidden == 0 => push_text(&mut builder, source, &text, range),
            Event::Code(code) if hidden == 0 => {
                // The range includes the backticks; map to the code itself when it is there.
                match source
                    .get(range.clone())
                    .and_then(|raw| raw.find(code.as_ref()))
                {
                    Some(at) => {
                        builder.push_verbatim(range.start + at, range.start + at + code.len());
                    }
                    None => builder.push_replacement(&code, range.start, range.end),
                }
            }
            Event::SoftBreak if hidden == 0 => {
                builder.push_replacement(" ", range.start, range.end);
            }
            Event::HardBreak if hidden == 0 => builder.push_break(false, range.start),
            Event::Rule => builder.push_break(true, range.start),
            _ => {}
        }
    }
    let (text, map) = builder.finish();
    MarkdownDocument {
        text,
        map,
        title: first_heading.map(|(_, t)| t),
        front_matter,
    }
}

/// Adds a text event: verbatim when it is the input's own bytes, else (an escape or entity)
/// as a replacement for its whole range.
fn push_text(
    builder: &mut CleanTextBuilder,
    source: &str,
    text: &str,
    range: std::ops::Range<usize>,
) {
    match source.get(range.clone()) {
        Some(raw) if raw == text => builder.push_verbatim(range.start, range.end),
        // The same text with spaces around it in the input: map it exactly.
        Some(raw) if !text.is_empty() && raw.trim() == text => {
            let at = raw.len() - raw.trim_start().len();
            builder.push_verbatim(range.start + at, range.start + at + text.len());
        }
        // An escape or an entity: the text stands for the whole range.
        Some(_) => builder.push_replacement(text, range.start, range.end),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_markdown() {
        assert!(looks_like_markdown("# Title\n\nSome text."));
        assert!(looks_like_markdown(
            "Intro with a [link](https://x.org).\n\n- item\n"
        ));
        assert!(!looks_like_markdown(
            "Troops left on Monday. Talks began on Tuesday."
        ));
        assert!(!looks_like_markdown(
            "He said 5 * 3 is fifteen.\n- a dash line"
        ));
    }

    #[test]
    fn markup_is_stripped_and_text_maps_back() {
        let source = "# Border Talks Resume\n\nDelegates from **both sides** met in [Geneva](https://example.org).\n\n\
                      * First point\n* Second &amp; last point\n\n```\ncode here\n```\n";
        let doc = read(source);
        assert_eq!(doc.title.as_deref(), Some("Border Talks Resume"));
        assert_eq!(
            doc.text,
            "Border Talks Resume\n\nDelegates from both sides met in Geneva.\n\nFirst point\nSecond & last point"
        );
        let geneva = doc.text.find("Geneva").unwrap();
        let start = doc.map.start(geneva);
        let end = doc.map.end(geneva + "Geneva".len());
        assert_eq!(&source[start..end], "Geneva");
        let amp = doc.text.find('&').unwrap();
        assert_eq!(&source[doc.map.start(amp)..doc.map.end(amp + 1)], "&amp;");
        let both = doc.text.find("both sides").unwrap();
        assert_eq!(
            &source[doc.map.start(both)..doc.map.end(both + 10)],
            "both sides"
        );
    }

    #[test]
    fn front_matter_is_read_not_shown() {
        let doc = read("---\ntitle: \"Talks Resume\"\nauthor: Lea Kim\n---\n\nBody text here.\n");
        assert_eq!(doc.text, "Body text here.");
        assert!(
            doc.front_matter
                .contains(&("title".to_string(), "Talks Resume".to_string()))
        );
        assert!(
            doc.front_matter
                .contains(&("author".to_string(), "Lea Kim".to_string()))
        );
    }

    #[test]
    fn a_level_one_heading_wins_the_title() {
        let doc = read("## Kicker\n\n# The Real Headline\n\nText.");
        assert_eq!(doc.title.as_deref(), Some("The Real Headline"));
    }
}
