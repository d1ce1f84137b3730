//! Reading HTML: a forgiving tokenizer (unclosed tags, stray `<`, scripts without an end, huge
//! attributes), the choice of the article's own content (`<article>`, `<main>`, else `<body>`),
//! dropping navigation, scripts and page furniture, and the metadata in `<head>`, `<meta>`,
//! `<link>`, `<time>` and JSON-LD. Every step is linear in the input.

use super::dates::parse_iso_date;
use super::lexicon::{Lexicon, WordKind};
use super::map::{CleanTextBuilder, OffsetMap, decode_entity};
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements whose content is not markup: it runs to the matching end tag.
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed", "noframes",
];
/// Raw-text elements whose missing end tag is forgiven: the rest is read as markup.
const ESCAPABLE_RAW: &[&str] = &["title", "textarea"];
/// Elements dropped with their content: page furniture, forms, graphics.
const DROPPED: &[&str] = &[
    "nav", "footer", "aside", "form", "svg", "math", "template", "button", "select", "dialog",
    "menu", "figure", "canvas", "audio", "video", "object", "picture", "map",
];
/// Elements that end a paragraph.
const PARAGRAPH: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "caption",
    "legend",
];
/// Elements that end a line.
const LINE: &[&str] = &[
    "br", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead", "tfoot",
];
/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "menu",
    "menubar",
    "toolbar",
    "alert",
];
/// The largest JSON-LD block worth parsing.
const MAX_JSON_LD: usize = 512 * 1024;
/// An `<article>` with less text than this is a teaser, not the story.
const MIN_ARTICLE_TEXT: usize = 200;

fn one_of(name: &str, set: &[&str]) -> bool {
    set.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// An attribute: byte ranges of its name and raw value.
#[derive(Debug, Clone, Copy)]
struct Attribute {
    name: (usize, usize),
    value: (usize, usize),
}

#[derive(Debug, Clone)]
enum Token<'a> {
    /// Character data between tags.
    Text {
        start: usize,
        end: usize,
    },
    /// The content of a raw-text element (script, style, title, ...).
    Raw {
        start: usize,
        end: usize,
    },
    Start {
        name: &'a str,
        attributes: Vec<Attribute>,
        start: usize,
        end: usize,
        self_closing: bool,
    },
    End {
        name: &'a str,
        end: usize,
    },
}

/// HTML metadata found in the head and in structured data.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct HtmlMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// A copyright notice found in dropped page furniture (the footer), for the publisher.
    pub copyright: Option<String>,
}

/// An HTML page read into clean text.
#[derive(Debug)]
pub(crate) struct HtmlDocument {
    pub text: String,
    pub map: OffsetMap,
    pub meta: HtmlMeta,
}

/// Whether `source` looks like HTML: a doctype or `<html>` at the start, or several common
/// tags early on.
pub(crate) fn looks_like_html(source: &str) -> bool {
    let head = source
        .trim_start_matches('\u{feff}')
        .trim_start()
        .as_bytes();
    let starts_with = |tag: &str| {
        head.get(..tag.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(tag.as_bytes()))
    };
    if starts_with("<!doctype html") || starts_with("<html") {
        return true;
    }
    // One pass over the sample's '<' characters, comparing each tag there ignoring ASCII
    // case: every tag starts with '<' and holds no other, so this counts what a search for
    // each tag in a lowercased copy would.
    const TAGS: [&str; 18] = [
        "<p>", "<p ", "<div", "<article", "<br", "<span", "<a href", "<h1", "<h2", "<li>", "<ul",
        "<body", "<head", "<meta", "<section", "<strong>", "<em>", "<table",
    ];
    let sample = prefix(source, 65536).as_bytes();
    let mut counts = [0usize; TAGS.len()];
    for (at, _) in sample.iter().enumerate().filter(|(_, b)| **b == b'<') {
        let rest = sample.get(at..).unwrap_or(&[]);
        for (tag, count) in TAGS.iter().zip(counts.iter_mut()) {
            if rest
                .get(..tag.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(tag.as_bytes()))
            {
                *count += 1;
            }
        }
    }
    let kinds = counts.iter().filter(|&&c| c > 0).count();
    let total: usize = counts.iter().sum();
    kinds >= 2 && total >= 3
}

/// The longest prefix of `text` of at most `max` bytes that ends on a char boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Reads an HTML page.
pub(crate) fn read(source: &str, lexicon: &Lexicon) -> HtmlDocument {
    let tokens = tokenize(source);
    let matching = match_elements(&tokens);
    let text_before = text_prefix_sums(&tokens);
    let text_in = |start: usize, end: usize| text_before[end] - text_before[start];

    let root = choose_root(&tokens, &matching, &text_in);
    let root_is_content = root.content;
    let root_text = text_in(root.start, root.end).max(1);

    let mut meta = head_metadata(source, &tokens, &matching);
    let mut builder = CleanTextBuilder::new(source);
    let mut index = root.start;
    while index < root.end {
        let Some(token) = tokens.get(index) else {
            break;
        };
        match token {
            Token::Text { start, end } => builder.push_collapsed(*start, *end, true),
            Token::Raw { .. } => {}
            Token::Start {
                name,
                attributes,
                start,
                end,
                ..
            } => {
                let drop = one_of(name, DROPPED)
                    || (!root_is_content && name.eq_ignore_ascii_case("header"))
                    || is_hidden(source, attributes)
                    || (has_furniture_hint(source, attributes, lexicon)
                        && matching[index].is_some_and(|close| {
                            // A hint on a wrapper of most of the text is a false alarm.
                            text_in(index, close) * 2 < root_text
                        }));
                if drop && let Some(close) = matching[index] {
                    if meta.copyright.is_none() {
                        meta.copyright = copyright_in(source, &tokens[index..close]);
                    }
                    builder.push_break(true, *start);
                    index = close + 1;
                    continue;
                }
                if name.eq_ignore_ascii_case("br") {
                    builder.push_break(false, *start);
                } else if one_of(name, PARAGRAPH) {
                    builder.push_break(true, *start);
                } else if one_of(name, LINE) {
                    builder.push_break(false, *start);
                } else if name.eq_ignore_ascii_case("img") {
                    // Images take no text, but words on either side stay apart.
                    builder.push_break(false, *end);
                }
            }
            Token::End { name, end, .. } => {
                if one_of(name, PARAGRAPH) {
                    builder.push_break(true, *end);
                } else if one_of(name, LINE) {
                    builder.push_break(false, *end);
                }
            }
        }
        index += 1;
    }
    if meta.published.is_none() {
        meta.published = first_time_element(source, &tokens[root.start..root.end])
            .or_else(|| first_time_element(source, &tokens));
    }
    let (text, map) = builder.finish();
    HtmlDocument { text, map, meta }
}

/// Cuts the page into text, tags and raw-text contents.
fn tokenize(source: &str) -> Vec<Token<'_>> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut pos = 0;
    let mut unclosed_quote = QuoteMemo::default();
    // Per raw-text element name, an offset after which its end tag does not occur.
    let mut unclosed_raw: HashMap<String, usize> = HashMap::default();
    while let Some(offset) = source.get(pos..).and_then(|rest| rest.find('<')) {
        let lt = pos + offset;
        let next = bytes.get(lt + 1).copied();
        let markup_end = match next {
            Some(b'!') if bytes[lt..].starts_with(b"<!--") => {
                Some(find(source, lt + 4, "-->").map_or(source.len(), |e| e + 3))
            }
            Some(b'!' | b'?') => Some(find(source, lt + 2, ">").map_or(source.len(), |e| e + 1)),
            Some(b'/') if bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => {
                let name_end = name_end(bytes, lt + 2);
                let end = find(source, name_end, ">").map_or(source.len(), |e| e + 1);
                flush_text(&mut tokens, text_start, lt);
                tokens.push(Token::End {
                    name: &source[lt + 2..name_end],
                    end,
                });
                text_start = end;
                pos = end;
                continue;
            }
            Some(b) if b.is_ascii_alphabetic() => {
                flush_text(&mut tokens, text_start, lt);
                let (tag, end) = start_tag(source, lt, &mut unclosed_quote);
                let raw_name = match &tag {
                    Token::Start {
                        name, self_closing, ..
                    } if one_of(name, RAW) && !self_closing => Some(*name),
                    _ => None,
                };
                tokens.push(tag);
                let mut resume = end;
                if let Some(name) = raw_name {
                    let lower = name.to_ascii_lowercase();
                    let (content_end, close) = match unclosed_raw.get(&lower) {
                        Some(&absent_from) if end >= absent_from => (source.len(), None),
                        _ => raw_text_end(source, end, name),
                    };
                    if close.is_none() {
                        unclosed_raw.insert(lower.clone(), end);
                        if one_of(&lower, ESCAPABLE_RAW) {
                            // An unclosed <title> or <textarea> holds no text; what follows is
                            // read as markup rather than lost.
                            text_start = end;
                            pos = end;
                            continue;
                        }
                    }
                    if content_end > end {
                        tokens.push(Token::Raw {
                            start: end,
                            end: content_end,
                        });
                    }
                    if let Some((close_start, close_end)) = close {
                        tokens.push(Token::End {
                            name: source
                                .get(close_start + 2..close_start + 2 + name.len())
                                .unwrap_or(name),
                            end: close_end,
                        });
                    }
                    resume = close.map_or(source.len(), |(_, e)| e);
                }
                text_start = resume;
                pos = resume;
                continue;
            }
            _ => None,
        };
        match markup_end {
            Some(end) => {
                flush_text(&mut tokens, text_start, lt);
                text_start = end;
                pos = end;
            }
            // A `<` that opens nothing is text.
            None => pos = lt + 1,
        }
    }
    flush_text(&mut tokens, text_start, source.len());
    tokens
}

fn flush_text(tokens: &mut Vec<Token<'_>>, start: usize, end: usize) {
    if start < end {
        tokens.push(Token::Text { start, end });
    }
}

fn find(source: &str, from: usize, needle: &str) -> Option<usize> {
    source.get(from..)?.find(needle).map(|i| from + i)
}

fn name_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b':' | b'_'))
    {
        i += 1;
    }
    i
}

/// Remembers, per quote character, an offset from which no closing quote exists, so that many
/// unclosed quotes do not each scan to the end of the page.
#[derive(Debug, Default)]
struct QuoteMemo {
    double_absent_from: Option<usize>,
    single_absent_from: Option<usize>,
}

impl QuoteMemo {
    fn find(&mut self, source: &str, from: usize, quote: u8) -> Option<usize> {
        let memo = if quote == b'"' {
            &mut self.double_absent_from
        } else {
            &mut self.single_absent_from
        };
        if memo.is_some_and(|absent| from >= absent) {
            return None;
        }
        let found = source
            .as_bytes()
            .get(from..)?
            .iter()
            .position(|&b| b == quote)
            .map(|i| from + i);
        if found.is_none() {
            *memo = Some(from);
        }
        found
    }
}

/// Parses a start tag at `lt`; returns it and the offset after it.
fn start_tag<'a>(source: &'a str, lt: usize, quotes: &mut QuoteMemo) -> (Token<'a>, usize) {
    let bytes = source.as_bytes();
    let name_end = name_end(bytes, lt + 1);
    let name = &source[lt + 1..name_end];
    let mut attributes = Vec::new();
    let mut i = name_end;
    let mut self_closing = false;
    let end = loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            self_closing = bytes[i] == b'/';
            i += 1;
        }
        if i >= bytes.len() {
            break bytes.len();
        }
        if bytes[i] == b'>' {
            break i + 1;
        }
        self_closing = false;
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        if i == name_start {
            // A lone '=' or similar: step over it.
            i += 1;
            continue;
        }
        let attribute_name = (name_start, i);
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            attributes.push(Attribute {
                name: attribute_name,
                value: (i, i),
            });
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => match quotes.find(source, i + 1, quote) {
                Some(close) => {
                    let value = (i + 1, close);
                    i = close + 1;
                    value
                }
                None => {
                    // No closing quote anywhere: the value runs to the next '>'.
                    let close = find(source, i + 1, ">").unwrap_or(bytes.len());
                    let value = (i + 1, close);
                    i = close;
                    value
                }
            },
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                (start, i)
            }
        };
        attributes.push(Attribute {
            name: attribute_name,
            value,
        });
    };
    let token = Token::Start {
        name,
        attributes,
        start: lt,
        end,
        self_closing,
    };
    (token, end)
}

/// Where the content of a raw-text element that starts at `from` ends, and its end tag.
fn raw_text_end(source: &str, from: usize, name: &str) -> (usize, Option<(usize, usize)>) {
    let bytes = source.as_bytes();
    let mut pos = from;
    while let Some(close) = find(source, pos, "</") {
        let name_start = close + 2;
        let candidate = bytes.get(name_start..name_start + name.len());
        let after = bytes.get(name_start + name.len()).copied();
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes()))
            && after.is_none_or(|b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
        {
            let end = find(source, name_start, ">").map_or(source.len(), |e| e + 1);
            return (close, Some((close, end)));
        }
        pos = name_start;
    }
    (source.len(), None)
}

/// For each start tag, the index of its end tag, paired by name; unclosed elements get `None`.
fn match_elements(tokens: &[Token<'_>]) -> Vec<Option<usize>> {
    let mut matching = vec![None; tokens.len()];
    let mut open: HashMap<String, Vec<usize>> = HashMap::default();
    for (index, token) in tokens.iter().enumerate() {
        match token {
            Token::Start {
                name, self_closing, ..
            } if !self_closing && !one_of(name, VOID) => {
                open.entry(name.to_ascii_lowercase())
                    .or_default()
                    .push(index);
            }
            Token::End { name, .. } => {
                if let Some(start) = open
                    .get_mut(name.to_ascii_lowercase().as_str())
                    .and_then(Vec::pop)
                {
                    matching[start] = Some(index);
                }
            }
            _ => {}
        }
    }
    matching
}

/// `sums[i]` is the number of text bytes in tokens before index `i`.
fn text_prefix_sums(tokens: &[Token<'_>]) -> Vec<usize> {
    let mut sums = Vec::with_capacity(tokens.len() + 1);
    let mut total = 0;
    sums.push(0);
    for token in tokens {
        if let Token::Text { start, end } = token {
            total += end - start;
        }
        sums.push(total);
    }
    sums
}

/// The token range to read, and whether it is the article's own content.
struct Root {
    start: usize,
    end: usize,
    content: bool,
}

fn choose_root(
    tokens: &[Token<'_>],
    matching: &[Option<usize>],
    text_in: &dyn Fn(usize, usize) -> usize,
) -> Root {
    let mut best_article: Option<(usize, usize, usize)> = None;
    let mut main: Option<(usize, usize)> = None;
    let mut body: Option<(usize, usize)> = None;
    for (index, token) in tokens.iter().enumerate() {
        let Token::Start { name, .. } = token else {
            continue;
        };
        let end = matching[index].unwrap_or(tokens.len().saturating_sub(1));
        if name.eq_ignore_ascii_case("article") && matching[index].is_some() {
            let size = text_in(index, end);
            if best_article.is_none_or(|(_, _, best)| size > best) {
                best_article = Some((index, end, size));
            }
        } else if name.eq_ignore_ascii_case("main") && main.is_none() && matching[index].is_some() {
            main = Some((index, end));
        } else if name.eq_ignore_ascii_case("body") && body.is_none() {
            body = Some((index, end));
        }
    }
    if let Some((start, end, size)) = best_article
        && size >= MIN_ARTICLE_TEXT
    {
        return Root {
            start,
            end: end + 1,
            content: true,
        };
    }
    if let Some((start, end)) = main {
        return Root {
            start,
            end: end + 1,
            content: true,
        };
    }
    match body {
        Some((start, end)) => Root {
            start,
            end: (end + 1).min(tokens.len()),
            content: false,
        },
        None => Root {
            start: 0,
            end: tokens.len(),
            content: false,
        },
    }
}

/// The raw value of attribute `wanted` of a tag, entity-decoded and trimmed.
fn attribute(source: &str, attributes: &[Attribute], wanted: &str) -> Option<String> {
    attributes.iter().find_map(|a| {
        let name = source.get(a.name.0..a.name.1)?;
        if !name.eq_ignore_ascii_case(wanted) {
            return None;
        }
        let raw = source.get(a.value.0..a.value.1)?;
        Some(decode_text(raw))
    })
}

/// Decodes entities and collapses whitespace in a piece of markup-free text.
pub(crate) fn decode_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        match decode_entity(&rest[amp..]) {
            Some((len, decoded)) => {
                out.push_str(&decoded);
                rest = &rest[amp + len..];
            }
            None => {
                out.push('&');
                rest = &rest[amp + 1..];
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_hidden(source: &str, attributes: &[Attribute]) -> bool {
    attributes.iter().any(|a| {
        source
            .get(a.name.0..a.name.1)
            .is_some_and(|n| n.eq_ignore_ascii_case("hidden"))
    }) || attribute(source, attributes, "aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || attribute(source, attributes, "role").is_some_and(|role| one_of(&role, FURNITURE_ROLES))
}

/// Whether a class or id names page furniture ("share-bar", "related_links", "comments").
fn has_furniture_hint(source: &str, attributes: &[Attribute], lexicon: &Lexicon) -> bool {
    ["class", "id"].iter().any(|wanted| {
        attribute(source, attributes, wanted).is_some_and(|value| {
            value
                .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|part| lexicon.is(&part.to_ascii_lowercase(), WordKind::HtmlHint))
        })
    })
}

/// A copyright line in dropped furniture.
fn copyright_in(source: &str, tokens: &[Token<'_>]) -> Option<String> {
    tokens.iter().find_map(|token| match token {
        Token::Text { start, end } => {
            let text = decode_text(source.get(*start..*end)?);
            let lower = text.to_lowercase();
            (text.len() <= 200
                && (text.contains('©') || lower.contains("copyright") || lower.starts_with("(c)")))
            .then_some(text)
        }
        _ => None,
    })
}

/// The `datetime` of the first `<time>` element, as a date.
fn first_time_element(source: &str, tokens: &[Token<'_>]) -> Option<NaiveDate> {
    tokens.iter().find_map(|token| match token {
        Token::Start {
            name, attributes, ..
        } if name.eq_ignore_ascii_case("time") => {
            attribute(source, attributes, "datetime").and_then(|v| parse_iso_date(&v))
        }
        _ => None,
    })
}

/// Metadata from `<html lang>`, `<title>`, `<meta>`, `<link rel=canonical>` and JSON-LD.
fn head_metadata(source: &str, tokens: &[Token<'_>], matching: &[Option<usize>]) -> HtmlMeta {
    let mut meta = HtmlMeta::default();
    let mut properties: HashMap<String, String> = HashMap::default();
    let mut page_title: Option<String> = None;
    let mut json_ld = JsonLd::default();
    for (index, token) in tokens.iter().enumerate() {
        let Token::Start {
            name, attributes, ..
        } = token
        else {
            continue;
        };
        let raw_content = || match tokens.get(index + 1) {
            Some(Token::Raw { start, end }) => source.get(*start..*end),
            _ => None,
        };
        match name.to_ascii_lowercase().as_str() {
            "html" if meta.language.is_none() => {
                meta.language = attribute(source, attributes, "lang").and_then(|lang| {
                    let code = lang.split(['-', '_']).next()?.to_ascii_lowercase();
                    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase()))
                        .then_some(code)
                });
            }
            "title" if page_title.is_none() && matching[index].is_some() => {
                page_title = raw_content().map(decode_text).filter(|t| !t.is_empty());
            }
            "meta" => {
                let key = ["property", "name", "itemprop"]
                    .iter()
                    .find_map(|k| attribute(source, attributes, k));
                let value = attribute(source, attributes, "content")
                    .or_else(|| attribute(source, attributes, "datetime"));
                if let (Some(key), Some(value)) = (key, value)
                    && !value.is_empty()
                {
                    properties.entry(key.to_ascii_lowercase()).or_insert(value);
                }
            }
            "link" => {
                let rel = attribute(source, attributes, "rel").unwrap_or_default();
                if rel
                    .split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    properties
                        .entry("canonical".to_string())
                        .or_insert_with(|| {
                            attribute(source, attributes, "href").unwrap_or_default()
                        });
                }
            }
            "script" => {
                let is_json_ld = attribute(source, attributes, "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                if is_json_ld
                    && let Some(raw) = raw_content()
                    && raw.len() <= MAX_JSON_LD
                    && let Ok(value) = serde_json::from_str::<serde_json::Value>(raw)
                {
                    json_ld.absorb(&value, 0);
                }
            }
            _ => {}
        }
    }
    let property = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| properties.get(*k).filter(|v| !v.trim().is_empty()).cloned())
    };
    meta.title = property(&["og:title"])
        .or(json_ld.headline.clone())
        .or_else(|| property(&["twitter:title", "title", "dc.title"]));
    meta.publisher = property(&["og:site_name"])
        .or(json_ld.publisher.clone())
        .or_else(|| property(&["publisher", "dc.publisher", "application-name"]));
    meta.author = property(&[
        "author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "byl",
    ])
    .or(json_ld.author.clone())
    .or_else(|| property(&["article:author"]).filter(|a| !a.contains("://")))
    .map(|a| strip_by(&a));
    meta.published = property(&["article:published_time"])
        .and_then(|v| parse_iso_date(&v))
        .or(json_ld.published)
        .or_else(|| {
            [
                "datepublished",
                "pubdate",
                "publish-date",
                "publishdate",
                "parsely-pub-date",
                "sailthru.date",
                "dc.date",
                "dcterms.created",
                "date",
                "og:published_time",
            ]
            .iter()
            .find_map(|k| properties.get(*k).and_then(|v| parse_iso_date(v)))
        });
    meta.url = property(&["canonical", "og:url"]);
    if meta.title.is_none() {
        meta.title = page_title.map(|t| strip_site_suffix(&t, meta.publisher.as_deref()));
    }
    meta
}

/// "By Jane Doe" -> "Jane Doe".
fn strip_by(author: &str) -> String {
    let trimmed = author.trim();
    match trimmed.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => trimmed[3..].trim().to_string(),
        _ => trimmed.to_string(),
    }
}

/// "Troops leave - The Daily Example" -> "Troops leave", when the tail is the site's name or
/// short enough to be one.
fn strip_site_suffix(title: &str, publisher: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(at) = title.rfind(separator) {
            let (head, tail) = (&title[..at], &title[at + separator.len()..]);
            let is_site = publisher.is_some_and(|p| p.eq_ignore_ascii_case(tail.trim()))
                || tail.split_whitespace().count() <= 4;
            if is_site && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

/// What JSON-LD says about the article.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    published: Option<NaiveDate>,
}

impl JsonLd {
    fn absorb(&mut self, value: &serde_json::Value, depth: usize) {
        if depth > 6 {
            return;
        }
        match value {
            serde_json::Value::Array(items) => {
                for item in items {
                    self.absorb(item, depth + 1);
                }
            }
            serde_json::Value::Object(object) => {
                if let Some(graph) = object.get("@graph") {
                    self.absorb(graph, depth + 1);
                }
                let is_article = object.get("@type").is_some_and(|t| {
                    let names: Vec<&str> = match t {
                        serde_json::Value::String(s) => vec![s.as_str()],
                        serde_json::Value::Array(a) => {
                            a.iter().filter_map(|v| v.as_str()).collect()
                        }
                        _ => Vec::new(),
                    };
                    names
                        .iter()
                        .any(|n| n.ends_with("Article") || *n == "BlogPosting" || *n == "Report")
                });
                if !is_article {
                    return;
                }
                if self.headline.is_none() {
                    self.headline = object
                        .get("headline")
                        .and_then(|h| h.as_str())
                        .map(decode_text)
                        .filter(|h| !h.is_empty());
                }
                if self.published.is_none() {
                    self.published = object
                        .get("datePublished")
                        .and_then(|d| d.as_str())
                        .and_then(parse_iso_date);
                }
                if self.author.is_none() {
                    self.author = object.get("author").and_then(names_of);
                }
                if self.publisher.is_none() {
                    self.publisher = object.get("publisher").and_then(names_of);
                }
            }
            _ => {}
        }
    }
}

/// The name or names in a JSON-LD person or organisation value.
fn names_of(value: &serde_json::Value) -> Option<String> {
    let names: Vec<String> = match value {
        serde_json::Value::String(s) => vec![decode_text(s)],
        serde_json::Value::Object(o) => o
            .get("name")
            .and_then(|n| n.as_str())
            .map(decode_text)
            .into_iter()
            .collect(),
        serde_json::Value::Array(items) => items.iter().filter_map(names_of).collect(),
        _ => Vec::new(),
    };
    let names: Vec<String> = names
        .into_iter()
        .filter(|n| !n.is_empty() && !n.contains("://"))
        .collect();
    match names.len() {
        0 => None,
        1 => names.into_iter().next(),
        n => Some(format!(
            "{} and {}",
            names[..n - 1].join(", "),
            names[n - 1]
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_html(source: &str) -> HtmlDocument {
        read(source, Lexicon::builtin())
    }

    #[test]
    fn detects_html() {
        assert!(looks_like_html(
            "<!DOCTYPE html><html><body>x</body></html>"
        ));
        assert!(looks_like_html("  <html lang=en>"));
        assert!(looks_like_html("<div><p>One</p><p>Two</p></div>"));
        assert!(!looks_like_html(
            "Use the <p> tag for paragraphs, says the guide."
        ));
        assert!(!looks_like_html("Troops left on Monday."));
    }

    #[test]
    fn tags_become_breaks_and_text_maps_back() {
        let source =
            "<html><body><p>Troops &amp; tanks left.</p><p>Talks  began.</p></body></html>";
        let doc = read_html(source);
        assert_eq!(doc.text, "Troops & tanks left.\n\nTalks began.");
        let talks = doc.text.find("Talks").unwrap();
        let start = doc.map.start(talks);
        let end = doc.map.end(doc.text.len());
        assert_eq!(&source[start..end], "Talks  began.");
        let amp = doc.text.find('&').unwrap();
        assert_eq!(&source[doc.map.start(amp)..doc.map.end(amp + 1)], "&amp;");
    }

    #[test]
    fn scripts_styles_navigation_and_comments_are_dropped() {
        let source = "<body><nav>Home News</nav><script>var x = '<p>no</p>';</script>\
                      <style>p{}</style><!-- hidden --><p>Kept.</p><footer>Copyright 2024 Example Media</footer>\
                      <form><input value=x>Search</form><svg><text>chart</text></svg></body>";
        let doc = read_html(source);
        assert_eq!(doc.text, "Kept.");
        assert_eq!(
            doc.meta.copyright.as_deref(),
            Some("Copyright 2024 Example Media")
        );
    }

    #[test]
    fn the_article_is_preferred_over_the_page() {
        let body = "The ministry said troops would leave within ten days. ".repeat(5);
        let source = format!(
            "<body><div>Site menu text</div><article><h1>Headline here</h1><p>{body}</p></article>\
             <article><p>Teaser.</p></article><div>Footer junk</div></body>"
        );
        let doc = read_html(&source);
        assert!(doc.text.starts_with("Headline here\n\nThe ministry said"));
        assert!(!doc.text.contains("menu"));
        assert!(!doc.text.contains("Teaser"));
    }

    #[test]
    fn furniture_classes_are_dropped_unless_they_wrap_the_story() {
        let body = "Officials confirmed the talks would resume next week in Geneva. ".repeat(4);
        let source = format!(
            "<main><div class=\"story related-wrapper\"><p>{body}</p>\
             <div class=\"share-tools\">Share Tweet</div><ul id=\"related_links\"><li>Other story</li></ul></div></main>"
        );
        let doc = read_html(&source);
        assert!(doc.text.contains("Officials confirmed"));
        assert!(!doc.text.contains("Tweet"));
        assert!(!doc.text.contains("Other story"));
    }

    #[test]
    fn head_metadata_is_read() {
        let source = r#"<!doctype html><html lang="en-GB"><head>
            <title>Troops Begin to Leave | Example News</title>
            <meta property="og:site_name" content="Example News">
            <meta name="author" content="Jane Roe">
            <meta property="article:published_time" content="2022-01-13T18:05:00+06:00">
            <link rel="canonical" href="https://news.example.com/troops">
            </head><body><p>Text.</p></body></html>"#;
        let meta = read_html(source).meta;
        assert_eq!(meta.title.as_deref(), Some("Troops Begin to Leave"));
        assert_eq!(meta.publisher.as_deref(), Some("Example News"));
        assert_eq!(meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2022, 1, 13));
        assert_eq!(meta.url.as_deref(), Some("https://news.example.com/troops"));
        assert_eq!(meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn json_ld_and_time_elements() {
        let source = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
             {"@type":"NewsArticle","headline":"Pact Signed &amp; Sealed","datePublished":"2021-03-04",
              "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Kim"}],
              "publisher":{"@type":"Organization","name":"The Example Post"}}]}
            </script></head><body><article><time datetime="2020-01-01">old</time><p>Body.</p></article></body></html>"#;
        let meta = read_html(source).meta;
        assert_eq!(meta.title.as_deref(), Some("Pact Signed & Sealed"));
        assert_eq!(meta.author.as_deref(), Some("Ann Lee and Bo Kim"));
        assert_eq!(meta.publisher.as_deref(), Some("The Example Post"));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2021, 3, 4));

        let only_time = "<body><article><p>x</p><time datetime=\"2019-05-06T10:00\">May 6</time></article></body>";
        assert_eq!(
            read_html(only_time).meta.published,
            NaiveDate::from_ymd_opt(2019, 5, 6)
        );
    }

    #[test]
    fn hostile_markup_does_not_break_reading() {
        let unclosed_script = "<p>Before.</p><script>for (;;) {} <p>never shown";
        assert_eq!(read_html(unclosed_script).text, "Before.");

        let unclosed_title = "<title>Page<p>Body stays.</p>";
        assert_eq!(read_html(unclosed_title).text, "Page\n\nBody stays.");

        let many_titles = "<title>x".repeat(20_000);
        let _ = read_html(&many_titles);

        let unclosed_quote = "<p>One.</p><a href=\"x>Two.</a><p>Three.</p>";
        let doc = read_html(unclosed_quote);
        assert!(doc.text.contains("One."));
        assert!(doc.text.contains("Three."));

        let big = format!("<div title=\"{}\"><p>After.</p></div>", "x".repeat(1 << 20));
        assert_eq!(read_html(&big).text, "After.");

        let stray = "<p>a < b and c <3 d</p><p>e</p>";
        assert_eq!(read_html(stray).text, "a < b and c <3 d\n\ne");

        let garbage = "<div><<<>>><p<p<p></div></span></p><!-- x";
        let _ = read_html(garbage);
    }
}
