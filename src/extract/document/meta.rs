//! Metadata and furniture read from the lines of a document's clean text: the title, date
//! line, byline, publisher (copyright line, possessive headline, dateline, sign-off), and the
//! lines that are not the story (breadcrumbs, navigation words, copyright, lists of other
//! stories). Works the same on plain text and on the clean text of HTML and Markdown.
//!
//! The rules look at where a line stands (the head before the first paragraph of prose, the
//! tail after the last one) and what it is made of, using the document lexicon; none is tied
//! to a site.

use super::dates::{date_line, dates_in};
use super::lexicon::{Lexicon, WordKind};
use crate::extract::{Span, sentences};
use chrono::NaiveDate;

/// Lines after this many in the head are not searched for a title or byline.
const MAX_HEAD_LINES: usize = 15;
/// Lines after the last paragraph of prose that still count as its tail.
const MAX_TAIL_LINES: usize = 12;
/// A byline, breadcrumb or sign-off is short.
const MAX_SHORT_LINE: usize = 150;

/// What the lines of a document say about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TextMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<NaiveDate>,
    /// A web address standing alone on a line near the top.
    pub url: Option<String>,
    /// Lines of the text that are metadata or furniture, sorted.
    pub excluded: Vec<Span>,
    /// Non-blank lines or paragraphs that are not excluded, in order.
    pub blocks: Vec<Span>,
}

/// A non-blank line of the text, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    span: Span,
    text: &'a str,
    words: usize,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let span = Span::new(start, start + piece.len()).trimmed(text);
        start += piece.len();
        if !span.is_empty() {
            let line = span.of(text);
            out.push(Line {
                span,
                text: line,
                words: line.split_whitespace().count(),
            });
        }
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(is_closer)
        .ends_with(['.', '!', '?', '…'])
}

/// Lower-cased words of a short line, split at separators and stripped of edge punctuation.
fn plain_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "|·•/»«›‹<>←→".contains(c))
        .map(|w| {
            w.trim_matches(|c: char| matches!(c, ':' | '.' | ',' | '!' | '(' | ')' | '[' | ']'))
        })
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Which role a line plays.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    Story,
    Furniture,
    Title,
    Date(NaiveDate, bool),
    Byline(Byline),
    Copyright(Option<String>),
}

/// What markup already says about a document.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Known<'a> {
    /// The headline: the line that repeats it is excluded and no other title is looked for.
    pub title: Option<&'a str>,
    /// The publisher: lines that only name it, above the title or after the story, are
    /// excluded.
    pub publisher: Option<&'a str>,
}

/// Reads the metadata and furniture of `text`, given what markup already says about it.
pub(crate) fn analyze(text: &str, known: Known, lexicon: &Lexicon) -> TextMeta {
    let known_title = known.title;
    let lines = lines(text);
    let wrap = sentences::wrap_width(text);
    let is_body = |line: &Line| {
        (line.words >= 10 && ends_sentence(line.text))
            || line.words >= 25
            || wrap.is_some_and(|w| {
                line.words >= 8
                    && line.text.chars().count() * 4 >= w * 3
                    && !sentences::is_headline_cased(line.text)
            })
    };
    let first_body = lines.iter().position(is_body);
    let last_body = lines.iter().rposition(is_body);
    let head_end = first_body.unwrap_or(lines.len()).min(MAX_HEAD_LINES);
    let tail_start = last_body.map_or(lines.len(), |b| b + 1);

    let mut roles = vec![Role::Story; lines.len()];
    let mut title: Option<String> = None;
    let mut bare_author: Option<String> = None;
    let mut issuer: Option<String> = None;

    // The head: furniture, date lines and bylines first.
    for (index, line) in lines.iter().enumerate().take(head_end) {
        roles[index] = head_role(line, lexicon);
    }
    // Then the title: the line that repeats a known title; else the headline-like line a
    // byline or a date line follows; else the first headline-like line. Headline-like lines
    // above the title are kickers and series names.
    let candidates: Vec<usize> = (0..head_end)
        .filter(|&i| {
            roles[i] == Role::Story
                && match known_title {
                    Some(known) => same_title(known, lines[i].text),
                    None => is_title_like(&lines[i]),
                }
        })
        .collect();
    let next_role = |i: usize| roles.get(i + 1).zip(lines.get(i + 1));
    let chosen = if known_title.is_some() {
        candidates.first().copied()
    } else {
        let above_byline = candidates
            .iter()
            .copied()
            .find(|&i| {
                next_role(i).is_some_and(|(role, next)| {
                    matches!(role, Role::Byline(_))
                        || (*role == Role::Story && is_bare_name(next, lexicon))
                })
            })
            .or_else(|| {
                candidates
                    .iter()
                    .copied()
                    .find(|&i| next_role(i).is_some_and(|(role, _)| matches!(role, Role::Date(..))))
            });
        match above_byline {
            // A much longer line under an earlier headline is its standfirst.
            Some(found) => candidates
                .iter()
                .copied()
                .filter(|&c| c < found)
                .find(|&c| {
                    let earlier = &lines[c];
                    earlier.words >= 6
                        && earlier.text.chars().any(char::is_lowercase)
                        && lines[found].words > earlier.words + 2
                })
                .or(Some(found)),
            None => candidates.first().copied(),
        }
    };
    if let Some(t) = chosen {
        roles[t] = Role::Title;
        title = Some(lines[t].text.to_string());
        for &kicker in candidates.iter().filter(|&&k| k < t) {
            roles[kicker] = Role::Furniture;
            // An organisation's name above the headline is who issued it.
            if plain_words(lines[kicker].text)
                .iter()
                .any(|w| lexicon.is(w, WordKind::Org))
            {
                issuer = Some(lines[kicker].text.to_string());
            }
        }
        // A bare name under the title (date lines may stand between).
        let mut k = t + 1;
        while k < head_end && roles[k] != Role::Story {
            k += 1;
        }
        // Or names with an outlet: "Jane Doe | Example Wire", "Jane Doe and John Roe".
        let loose_byline = (k < head_end && lines[k].words <= 10)
            .then(|| name_list(lines[k].text, lexicon))
            .flatten()
            .filter(|b| !b.authors.is_empty());
        if let Some(byline) = loose_byline
            && !is_bare_name(&lines[k], lexicon)
        {
            roles[k] = Role::Byline(byline);
        } else if k < head_end && is_bare_name(&lines[k], lexicon) {
            bare_author = Some(lines[k].text.to_string());
            roles[k] = Role::Furniture;
            // The author's job title under the name.
            if k + 1 < head_end
                && roles[k + 1] == Role::Story
                && is_role_line(lines[k + 1].text, lexicon)
            {
                roles[k + 1] = Role::Furniture;
            }
        }
    }
    // A job title under a byline.
    for k in 1..head_end {
        if matches!(roles[k - 1], Role::Byline(_))
            && roles[k] == Role::Story
            && is_role_line(lines[k].text, lexicon)
        {
            roles[k] = Role::Furniture;
        }
    }

    // Date lines and bylines a little below a standfirst.
    for index in head_end..lines.len().min(MAX_HEAD_LINES + 5).min(tail_start) {
        if roles[index] != Role::Story || lines[index].words > 16 {
            continue;
        }
        if let Some(found) = byline(lines[index].text, lexicon) {
            roles[index] = Role::Byline(found);
        } else if let Some(date) = date_line(lines[index].text, lexicon) {
            roles[index] = Role::Date(date.date, date.updated);
        }
    }

    // Anywhere: navigation words, copyright notices, separators.
    for (index, line) in lines.iter().enumerate() {
        if roles[index] != Role::Story {
            continue;
        }
        if !line.text.chars().any(char::is_alphanumeric) || is_lone_url(line.text) {
            roles[index] = Role::Furniture;
        } else if let Some(holder) = copyright_holder(line.text) {
            roles[index] = Role::Copyright(holder);
        } else if is_nav(line.text, lexicon) {
            roles[index] = Role::Furniture;
        }
    }

    // The tail: lists of other stories, credits, date lines, breadcrumbs.
    let mut reporter: Option<String> = None;
    let mut in_list_of_stories = false;
    for (index, line) in lines
        .iter()
        .enumerate()
        .skip(tail_start)
        .take(MAX_TAIL_LINES)
    {
        if roles[index] != Role::Story {
            continue;
        }
        if in_list_of_stories {
            roles[index] = Role::Furniture;
            continue;
        }
        let words = plain_words(line.text);
        let labelled_list = line
            .text
            .split_once(':')
            .is_some_and(|(label, _)| lexicon.covers(&plain_words(label), WordKind::Tail, None));
        if labelled_list {
            // "Tags: a, b, c": furniture, but not necessarily the start of other stories.
            roles[index] = Role::Furniture;
        } else if line.words <= 6 && lexicon.covers(&words, WordKind::Tail, Some(WordKind::Nav)) {
            in_list_of_stories = true;
            roles[index] = Role::Furniture;
        } else if line.words <= 15 && has_email_address(line.text) {
            roles[index] = Role::Furniture;
        } else if let Some(name) = credit_line(line.text) {
            reporter = reporter.or(name);
            roles[index] = Role::Furniture;
        } else if is_breadcrumb(line.text) {
            roles[index] = Role::Furniture;
        } else if let Some(date) = date_line(line.text, lexicon) {
            roles[index] = Role::Date(date.date, date.updated);
        }
    }

    // Publisher candidates, strongest first.
    let byline_org = roles.iter().find_map(|r| match r {
        Role::Byline(b) => b.organisation.clone(),
        _ => None,
    });
    let dateline = first_body
        .and_then(|b| lines.get(b))
        .and_then(|line| dateline_agency(line.text));
    let possessive = known_title
        .or(title.as_deref())
        .and_then(|t| possessive_owner(t, lexicon));
    let copyright = roles.iter().find_map(|r| match r {
        Role::Copyright(Some(holder)) => Some(holder.clone()),
        _ => None,
    });
    let mut publisher = byline_org
        .or(dateline)
        .or(possessive)
        .or(copyright)
        .or(issuer);

    // Sign-off lines in the tail that only name the publisher.
    for index in tail_start..lines.len().min(tail_start + MAX_TAIL_LINES) {
        if roles[index] != Role::Story {
            continue;
        }
        let Some(name) = signoff_name(lines[index].text) else {
            continue;
        };
        let next_is_copyright = matches!(roles.get(index + 1), Some(Role::Copyright(_)));
        let names_publisher = known
            .publisher
            .or(publisher.as_deref())
            .is_some_and(|p| p.eq_ignore_ascii_case(name));
        let lone_name = publisher.is_none()
            && (next_is_copyright || index + 1 == lines.len())
            && (name.chars().all(|c| !c.is_lowercase()) || next_is_copyright);
        if names_publisher || lone_name {
            publisher = publisher.or_else(|| Some(name.to_string()));
            roles[index] = Role::Furniture;
        }
    }

    // The site's name above the headline.
    if let Some(name) = known.publisher.or(publisher.as_deref()) {
        for index in 0..head_end {
            if roles[index] == Role::Story && lines[index].text.eq_ignore_ascii_case(name.trim()) {
                roles[index] = Role::Furniture;
            }
        }
    }

    let byline_authors = roles.iter().find_map(|r| match r {
        Role::Byline(b) if !b.authors.is_empty() => Some(join_names(&b.authors)),
        _ => None,
    });
    let byline_date = roles.iter().find_map(|r| match r {
        Role::Byline(b) => b.date,
        _ => None,
    });
    let published = roles
        .iter()
        .find_map(|r| match r {
            Role::Date(date, false) => Some(*date),
            _ => None,
        })
        .or(byline_date)
        .or_else(|| {
            roles.iter().find_map(|r| match r {
                Role::Date(date, true) => Some(*date),
                _ => None,
            })
        });

    let mut excluded = Vec::new();
    let mut blocks = Vec::new();
    for (line, role) in lines.iter().zip(&roles) {
        if *role == Role::Story {
            blocks.push(line.span);
        } else {
            excluded.push(line.span);
        }
    }
    if wrap.is_some() {
        blocks = join_paragraphs(text, &blocks);
    }
    let url = lines
        .iter()
        .take(head_end.max(MAX_HEAD_LINES).min(lines.len()))
        .find(|line| is_lone_url(line.text))
        .map(|line| line.text.to_string());
    TextMeta {
        title,
        url,
        author: byline_authors
            .or(bare_author.map(|a| name_case(&a)))
            .or(reporter),
        publisher,
        published,
        excluded,
        blocks,
    }
}

/// In hard-wrapped text a block is a paragraph: lines with no blank line between them. A
/// heading (a line cased like a headline, or ending in a colon) stays its own block.
fn join_paragraphs(text: &str, lines: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut previous_line = "";
    for &span in lines {
        let heading_before =
            previous_line.ends_with(':') || sentences::is_headline_cased(previous_line);
        previous_line = span.of(text);
        match out.last_mut() {
            Some(last)
                if !heading_before
                    && text
                        .get(last.end..span.start)
                        .is_some_and(|gap| gap.matches('\n').count() == 1) =>
            {
                last.end = span.end;
            }
            _ => out.push(span),
        }
    }
    out
}

/// The role of a line in the head of a document, before the title is considered.
fn head_role(line: &Line, lexicon: &Lexicon) -> Role {
    if line.text.chars().count() > MAX_SHORT_LINE {
        return Role::Story;
    }
    let words = without_counts(line.text);
    if lexicon.covers(&words, WordKind::Nav, Some(WordKind::Section)) || is_breadcrumb(line.text) {
        return Role::Furniture;
    }
    if let Some(holder) = copyright_holder(line.text) {
        return Role::Copyright(holder);
    }
    // Before date lines: "By Jane Doe — March 9, 2021" is a byline with a date.
    if let Some(byline) = byline(line.text, lexicon) {
        return Role::Byline(byline);
    }
    if let Some(date) = date_line(line.text, lexicon) {
        return Role::Date(date.date, date.updated);
    }
    // "Posted on January 10, 2022 by Jane Doe".
    if let Some(at) = find_ascii_ci(line.text, " by ")
        && let (Some(when), Some(who)) = (line.text.get(..at), line.text.get(at + 4..))
        && let Some(date) = date_line(when, lexicon)
    {
        let who = who.trim();
        return if is_person_name(who, lexicon) {
            Role::Byline(Byline {
                authors: vec![who.to_string()],
                organisation: None,
                date: Some(date.date),
            })
        } else {
            Role::Date(date.date, date.updated)
        };
    }
    Role::Story
}

/// A short line that is only a personal name.
fn is_bare_name(line: &Line, lexicon: &Lexicon) -> bool {
    line.words <= 4 && !ends_sentence(line.text) && is_person_name(line.text, lexicon)
}

/// A short line naming a job ("Senior Fellow, Central Asia Programme").
fn is_role_line(text: &str, lexicon: &Lexicon) -> bool {
    let words = plain_words(text);
    if words.len() > 8 || ends_sentence(text) {
        return false;
    }
    (0..words.len()).any(|start| {
        (start + 1..=words.len().min(start + 3))
            .any(|end| lexicon.is(&words[start..end].join(" "), WordKind::Role))
    })
}

/// A line that is only a web address.
fn is_lone_url(text: &str) -> bool {
    let text = text.trim();
    (strip_prefix_ci(text, "https://").is_some() || strip_prefix_ci(text, "http://").is_some())
        && !text.contains(char::is_whitespace)
        && text.len() > 10
}

/// Whether a line holds an e-mail address ("Write to jane@example.com").
fn has_email_address(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        word.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.')
        })
    })
}

/// Whether a line is made only of navigation words ("Back", "Share | Print", "3 min read").
fn is_nav(text: &str, lexicon: &Lexicon) -> bool {
    text.chars().count() <= 80 && lexicon.covers(&without_counts(text), WordKind::Nav, None)
}

/// The plain words of a line without counts ("12 comments" -> "comments").
fn without_counts(text: &str) -> Vec<String> {
    plain_words(text)
        .into_iter()
        .filter(|w| {
            !w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | ',' | '.' | 'k'))
        })
        .collect()
}

/// "Home > News > World", "Index > 100+": short parts joined by arrows.
fn is_breadcrumb(text: &str) -> bool {
    if text.chars().count() > 120 {
        return false;
    }
    let parts: Vec<&str> = text.split(['>', '»', '›']).map(str::trim).collect();
    parts.len() >= 2
        && parts.iter().filter(|p| !p.is_empty()).count() >= 2
        && parts
            .iter()
            .all(|p| p.split_whitespace().count() <= 6 && !ends_sentence(p))
}

/// The holder named in a copyright notice, if `text` is one and names one.
pub(crate) fn copyright_holder_of(text: &str) -> Option<String> {
    copyright_holder(text).flatten()
}

/// Byte offset of the ASCII `needle` in `hay`, ignoring ASCII case. Offsets found this way
/// are offsets of `hay` itself (lower-casing can change the length of other characters).
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let first = *needle.first()?;
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| {
        hay[i].eq_ignore_ascii_case(&first)
            && hay
                .get(i..i + needle.len())
                .is_some_and(|window| window.eq_ignore_ascii_case(needle))
    })
}

/// `text` without the ASCII `prefix`, ignoring ASCII case.
fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// A copyright notice; with its holder when it names one.
fn copyright_holder(text: &str) -> Option<Option<String>> {
    if text.chars().count() > 300 {
        return None;
    }
    let is_notice = text.contains('©')
        || strip_prefix_ci(text, "(c)").is_some()
        || strip_prefix_ci(text, "copyright").is_some()
        || find_ascii_ci(text, "all rights reserved").is_some();
    if !is_notice {
        return None;
    }
    // Cut at the first mark, then peel marks, years and separators off the front.
    let mark = [
        text.find('©').map(|at| (at, '©'.len_utf8())),
        find_ascii_ci(text, "(c)").map(|at| (at, 3)),
        find_ascii_ci(text, "copyright").map(|at| (at, 9)),
    ]
    .into_iter()
    .flatten()
    .min();
    let mut rest = match mark {
        Some((at, len)) => text.get(at + len..).unwrap_or(""),
        None => "",
    };
    loop {
        let trimmed = rest.trim_start_matches(|c: char| {
            c.is_whitespace()
                || c.is_ascii_digit()
                || matches!(c, '-' | '–' | '—' | ',' | '©' | ':')
        });
        match strip_prefix_ci(trimmed, "copyright").or_else(|| strip_prefix_ci(trimmed, "(c)")) {
            Some(next) => rest = next,
            None => {
                rest = trimmed;
                break;
            }
        }
    }
    if let Some(at) = find_ascii_ci(rest, "all rights reserved") {
        rest = rest.get(..at).unwrap_or("");
    }
    // Cut at the first sentence end ("Foo Ltd. This material may not be ..."), but not in
    // "U.S. News".
    if let Some(at) = rest.find(". ")
        && rest
            .get(..at)
            .and_then(|before| before.chars().next_back())
            .is_some_and(char::is_lowercase)
    {
        rest = rest.get(..at).unwrap_or("");
    }
    // Trailing years go too ("© Foo Forum 2022").
    let holder = rest.trim().trim_end_matches(|c: char| {
        matches!(c, '.' | ',' | ';' | '|' | '-' | '–') || c.is_whitespace() || c.is_ascii_digit()
    });
    let usable = !holder.is_empty()
        && holder.split_whitespace().count() <= 6
        && holder
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    Some(usable.then(|| holder.to_string()))
}

/// A byline: names, maybe an organisation and a date.
#[derive(Debug, Clone, PartialEq)]
struct Byline {
    authors: Vec<String>,
    organisation: Option<String>,
    date: Option<NaiveDate>,
}

/// Reads "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Author: Jane Doe | Jan 3, 2021".
fn byline(text: &str, lexicon: &Lexicon) -> Option<Byline> {
    if text.split_whitespace().count() > 16 {
        return None;
    }
    let rest = [
        "by:",
        "by ",
        "written by ",
        "words by ",
        "story by ",
        "reported by ",
        "reporting by ",
        "analysis by ",
        "commentary by ",
        "opinion by ",
        "report by ",
        "text by ",
        "authors:",
        "author:",
    ]
    .iter()
    .find_map(|p| strip_prefix_ci(text, p))?;
    name_list(rest, lexicon)
}

/// Reads the names, organisation and date of a byline without its "By".
fn name_list(rest: &str, lexicon: &Lexicon) -> Option<Byline> {
    let (dates, covered) = dates_in(rest);
    let date = dates.first().map(|d| d.date);
    // Blank out the dates so their commas do not split names.
    let mut cleaned = rest.to_string();
    for span in covered.iter().rev() {
        if cleaned.is_char_boundary(span.start) && cleaned.is_char_boundary(span.end) {
            cleaned.replace_range(span.start..span.end, "|");
        }
    }
    let mut authors = Vec::new();
    let mut organisation = None;
    for part in split_name_list(&cleaned) {
        let part = part.trim().trim_end_matches(['.', ',']).trim();
        if part.is_empty()
            || plain_words(part)
                .iter()
                .all(|w| lexicon.is(w, WordKind::Date))
        {
            continue;
        }
        let part = strip_role(part, lexicon);
        if part.is_empty() {
            continue;
        }
        if is_person_name(part, lexicon) {
            authors.push(part.to_string());
        } else if looks_like_organisation(part) {
            organisation = organisation.or_else(|| Some(part.to_string()));
        } else {
            return None;
        }
    }
    (!authors.is_empty() || organisation.is_some()).then_some(Byline {
        authors,
        organisation,
        date,
    })
}

/// Splits "A, B and C | Reuters" into its parts.
fn split_name_list(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for piece in text.split([',', ';', '|', '•', '·']) {
        let mut rest = piece;
        loop {
            let cut = [" and ", " & ", " – ", " — ", " - "]
                .iter()
                .filter_map(|sep| rest.find(sep).map(|at| (at, sep.len())))
                .min();
            match cut {
                Some((at, len)) => {
                    parts.push(&rest[..at]);
                    rest = &rest[at + len..];
                }
                None => {
                    parts.push(rest);
                    break;
                }
            }
        }
    }
    parts
}

/// "Jane Doe, Staff Writer" -> the role part is dropped; "Reuters Staff" -> "Reuters".
fn strip_role<'a>(part: &'a str, lexicon: &Lexicon) -> &'a str {
    let words: Vec<&str> = part.split_whitespace().collect();
    for keep in 0..words.len() {
        let tail = words[keep..].join(" ").to_lowercase();
        if lexicon.is(&tail, WordKind::Role) {
            let cut = words[..keep].iter().map(|w| w.len() + 1).sum::<usize>();
            return part.get(..cut).unwrap_or("").trim();
        }
    }
    part
}

/// Whether `text` reads as a personal name: two to five capitalised words (initials and
/// particles such as "van" allowed), no digits, no organisation words.
fn is_person_name(text: &str, lexicon: &Lexicon) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || text.chars().any(|c| c.is_numeric()) {
        return false;
    }
    let mut capitalised = 0;
    for word in &words {
        let lower = word.to_lowercase();
        let bare = lower.trim_end_matches('.');
        if lexicon.is(bare, WordKind::Org)
            || matches!(
                bare,
                "the" | "of" | "and" | "for" | "in" | "on" | "at" | "to" | "a"
            )
        {
            return false;
        }
        if lexicon.is(&lower, WordKind::Particle) {
            continue;
        }
        let mut chars = word.chars();
        let first_ok = chars.next().is_some_and(char::is_uppercase);
        let rest_ok = chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
        if !first_ok || !rest_ok {
            return false;
        }
        capitalised += 1;
    }
    capitalised >= 2
}

/// A short capitalised phrase that can be an organisation's name.
fn looks_like_organisation(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=6).contains(&words)
        && text.chars().next().is_some_and(|c| c.is_uppercase())
        && !ends_sentence(text)
}

fn join_names(names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| name_case(n)).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// A name written in capitals ("ANNA K. LEE") in the usual case ("Anna K. Lee").
fn name_case(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split(' ')
        .map(|word| {
            let mut out = String::with_capacity(word.len());
            let mut start_of_part = true;
            for c in word.chars() {
                if start_of_part {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start_of_part = matches!(c, '-' | '\'' | '’' | '.');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `known` (from markup) and a line are the same headline.
fn same_title(known: &str, line: &str) -> bool {
    let normalise = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (known_text, line_text) = (normalise(known), normalise(line));
    let (shorter, longer) = if line_text.len() <= known_text.len() {
        (&line_text, &known_text)
    } else {
        (&known_text, &line_text)
    };
    if !shorter.is_empty()
        && shorter.len() * 10 >= longer.len() * 6
        && longer.contains(shorter.as_str())
    {
        return true;
    }
    // The same headline punctuated or trimmed differently ("Live: Border crisis" and "Border
    // crisis: latest updates"): two thirds of the shorter's words in the longer, in order.
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(known), words(line));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut rest = long.iter();
    let mut shared = 0;
    for word in &short {
        let mut ahead = rest.clone();
        if ahead.any(|l| l == word) {
            shared += 1;
            rest = ahead;
        }
    }
    short.len() >= 2 && short.len() * 2 >= long.len() && shared * 3 >= short.len() * 2
}

/// Whether a head line can be the headline: a few words with capitals, one sentence at most,
/// no full stop or colon at the end.
fn is_title_like(line: &Line) -> bool {
    let text = line.text;
    if !(2..=30).contains(&line.words) || (line.words == 2 && text.chars().count() < 15) {
        return false;
    }
    let end = text.trim_end_matches(is_closer);
    if end.ends_with(['.', ',', ';', ':', '…']) {
        return false;
    }
    if end.ends_with(['?', '!']) && line.words > 20 {
        return false;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    letters * 2 >= visible
        && text.chars().any(char::is_uppercase)
        && sentences::split(text).len() == 1
}

/// The agency in a dateline: "MOSCOW (Reuters) -" -> "Reuters".
fn dateline_agency(text: &str) -> Option<String> {
    let head: String = text.chars().take(100).collect();
    let open = head.find('(')?;
    let close = open + head.get(open..)?.find(')')?;
    let place = head.get(..open)?.trim();
    let agency = head.get(open + 1..close)?.trim();
    let after = head.get(close + 1..)?.trim_start();
    let place_in_capitals = place.split_whitespace().next().is_some_and(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    });
    let agency_ok = (1..=4).contains(&agency.split_whitespace().count())
        && agency.chars().next().is_some_and(char::is_uppercase)
        && !agency.chars().any(|c| c.is_ascii_digit());
    (place_in_capitals
        && place.chars().count() <= 60
        && agency_ok
        && after.starts_with(['-', '–', '—']))
    .then(|| agency.to_string())
}

/// The owner in a possessive column name: "Foo's Observation: ..." -> "Foo".
fn possessive_owner(title: &str, lexicon: &Lexicon) -> Option<String> {
    let head = title.get(..title.find(':')?)?;
    let words: Vec<&str> = head.split_whitespace().collect();
    let owner_end = words.iter().position(|w| {
        ["'s", "’s", "s'", "s’"]
            .iter()
            .any(|suffix| w.len() > suffix.len() && w.ends_with(suffix))
    })?;
    let column = &words[owner_end + 1..];
    let genre = column.last()?.to_lowercase();
    if column.len() > 2 || !lexicon.is(&genre, WordKind::Genre) || owner_end > 3 {
        return None;
    }
    let last = words[owner_end];
    let last = last
        .strip_suffix("'s")
        .or_else(|| last.strip_suffix("’s"))
        .or_else(|| last.strip_suffix('\''))
        .or_else(|| last.strip_suffix('’'))
        .unwrap_or(last);
    let mut owner: Vec<&str> = words[..owner_end].to_vec();
    owner.push(last);
    let owner = owner.join(" ");
    owner
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then_some(owner)
}

/// A short line that can only be a name: a sign-off such as "ANBOUND" or "— Example Press".
fn signoff_name(text: &str) -> Option<&str> {
    let name = text
        .trim_start_matches(['—', '–', '-', '(', ' '])
        .trim_end_matches([')', ' ']);
    let words = name.split_whitespace().count();
    ((1..=4).contains(&words)
        && name.chars().count() <= 40
        && name.chars().next().is_some_and(char::is_uppercase)
        && !ends_sentence(name)
        && !name.contains(':'))
    .then_some(name)
}

/// A credit line after the story ("Reporting by Jane Doe; Editing by John Roe"), with the
/// reporter's name.
fn credit_line(text: &str) -> Option<Option<String>> {
    let body = text.trim_start_matches(['(', '[']);
    let (prefix, rest) = [
        "source:",
        "sources:",
        "reporting by ",
        "additional reporting by ",
        "editing by ",
        "writing by ",
        "compiled by ",
        "produced by ",
    ]
    .iter()
    .find_map(|p| strip_prefix_ci(body, p).map(|rest| (*p, rest)))?;
    let name = prefix.starts_with("reporting").then(|| {
        let end = rest
            .find([';', ',', ')', ']'])
            .or_else(|| rest.find(" in "))
            .or_else(|| rest.find(" and "))
            .unwrap_or(rest.len());
        rest.get(..end).unwrap_or("").trim().to_string()
    });
    Some(name.filter(|n| !n.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyze_text(text: &str) -> TextMeta {
        analyze(text, Known::default(), Lexicon::builtin())
    }

    fn excluded<'a>(text: &'a str, meta: &TextMeta) -> Vec<&'a str> {
        meta.excluded.iter().map(|s| s.of(text)).collect()
    }

    const STORY: &str = "Officials in the capital said on Monday that the convoy had crossed the border before dawn.\n\n\
                         The ministry gave no figure for the number of vehicles, and the talks were adjourned until the following week.";

    #[test]
    fn breadcrumb_nav_title_bare_author_copyright_and_signoff() {
        let text = format!(
            "Home > Research > Notes\nBack\nTalks Stall as Convoy Crosses Border\nMira Okafor\n\n{STORY}\n\nHalden Institute\nCopyright © 2015-2023 Halden Institute"
        );
        let meta = analyze_text(&text);
        assert_eq!(
            meta.title.as_deref(),
            Some("Talks Stall as Convoy Crosses Border")
        );
        assert_eq!(meta.author.as_deref(), Some("Mira Okafor"));
        assert_eq!(meta.publisher.as_deref(), Some("Halden Institute"));
        assert_eq!(
            excluded(&text, &meta),
            vec![
                "Home > Research > Notes",
                "Back",
                "Talks Stall as Convoy Crosses Border",
                "Mira Okafor",
                "Halden Institute",
                "Copyright © 2015-2023 Halden Institute"
            ]
        );
        assert_eq!(meta.blocks.len(), 2);
        assert!(meta.blocks[0].of(&text).starts_with("Officials"));
    }

    #[test]
    fn byline_with_agency_and_several_names() {
        let text = format!(
            "Convoy Crosses Border Before Dawn\nBy Jane Doe and John Roe, Reuters\n\n{STORY}"
        );
        let meta = analyze_text(&text);
        assert_eq!(meta.author.as_deref(), Some("Jane Doe and John Roe"));
        assert_eq!(meta.publisher.as_deref(), Some("Reuters"));
        assert!(excluded(&text, &meta).contains(&"By Jane Doe and John Roe, Reuters"));
    }

    #[test]
    fn bylines() {
        let lexicon = Lexicon::builtin();
        let b = byline("By ANNA K. LEE, Staff Writer", lexicon).unwrap();
        assert_eq!(join_names(&b.authors), "Anna K. Lee");
        assert_eq!(b.organisation, None);
        let b = byline("Analysis by Tomas Weber", lexicon).unwrap();
        assert_eq!(b.authors, vec!["Tomas Weber".to_string()]);
        let b = byline("By Example News Staff", lexicon).unwrap();
        assert!(b.authors.is_empty());
        assert_eq!(b.organisation.as_deref(), Some("Example News"));
        let b = byline("Author: Ines van der Berg | 2021-05-04", lexicon).unwrap();
        assert_eq!(b.authors, vec!["Ines van der Berg".to_string()]);
        assert_eq!(b.date, NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_eq!(
            byline("By the end of the week the troops had gone.", lexicon),
            None
        );
        assert_eq!(byline("Bystanders fled", lexicon), None);
    }

    #[test]
    fn numeric_date_line_gives_the_publication_date() {
        let text = format!("Published: 2021-03-09\nConvoy Crosses Border Before Dawn\n\n{STORY}");
        let meta = analyze_text(&text);
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2021, 3, 9));
        assert_eq!(
            meta.title.as_deref(),
            Some("Convoy Crosses Border Before Dawn")
        );
        assert!(excluded(&text, &meta).contains(&"Published: 2021-03-09"));
    }

    #[test]
    fn a_published_date_beats_an_updated_one() {
        let text = format!(
            "Updated 2021-03-10 09:15 GMT\nPosted 2021-03-09\nConvoy Crosses Border Before Dawn\n\n{STORY}"
        );
        assert_eq!(
            analyze_text(&text).published,
            NaiveDate::from_ymd_opt(2021, 3, 9)
        );
    }

    #[test]
    fn dateline_agency_is_the_publisher() {
        let text = "Convoy Crosses Border\n\nKABUL (Example Wire) - Officials said on Monday that the convoy had crossed the border before dawn.";
        assert_eq!(
            analyze_text(text).publisher.as_deref(),
            Some("Example Wire")
        );
        assert_eq!(dateline_agency("The talks (held in Doha) - ended"), None);
    }

    #[test]
    fn possessive_column_names_the_publisher() {
        let lexicon = Lexicon::builtin();
        assert_eq!(
            possessive_owner("Halden's Weekly Briefing: Border Talks Stall", lexicon).as_deref(),
            Some("Halden")
        );
        assert_eq!(
            possessive_owner("Putin's Gamble: What Comes Next", lexicon),
            None
        );
    }

    #[test]
    fn case_folding_never_shifts_offsets() {
        // Characters whose lower case is longer than themselves before the mark.
        assert_eq!(
            copyright_holder("İİİ © 2020 Example Media"),
            Some(Some("Example Media".to_string()))
        );
        assert_eq!(find_ascii_ci("ÀB by C", " BY "), Some(3));
        assert_eq!(strip_prefix_ci("ÉTÉ", "by "), None);
    }

    #[test]
    fn copyright_holders() {
        assert_eq!(
            copyright_holder("Copyright © 2012-2024 Example Media Group"),
            Some(Some("Example Media Group".to_string()))
        );
        assert_eq!(
            copyright_holder("(c) 2020 The Example Post. All rights reserved."),
            Some(Some("The Example Post".to_string()))
        );
        assert_eq!(copyright_holder("All rights reserved."), Some(None));
        assert_eq!(
            copyright_holder("The copyright dispute went to court."),
            None
        );
    }

    #[test]
    fn list_of_other_stories_after_the_story_is_furniture() {
        let text = format!(
            "Convoy Crosses Border Before Dawn\n\n{STORY}\n\nReporting by Lena Park; Editing by Tom Fay\nRelated articles\nBorder Reopens After Talks\nShare\n"
        );
        let meta = analyze_text(&text);
        let gone = excluded(&text, &meta);
        assert!(gone.contains(&"Related articles"));
        assert!(gone.contains(&"Border Reopens After Talks"));
        assert!(gone.contains(&"Reporting by Lena Park; Editing by Tom Fay"));
        assert_eq!(meta.author.as_deref(), Some("Lena Park"));
    }

    #[test]
    fn headings_inside_the_story_are_kept() {
        let text = format!(
            "Convoy Crosses Border Before Dawn\n\nWhat happened next:\n\n{STORY}\n\nWhat comes next\n\n{STORY}"
        );
        let meta = analyze_text(&text);
        let gone = excluded(&text, &meta);
        assert_eq!(gone, vec!["Convoy Crosses Border Before Dawn"]);
        assert!(meta.blocks.iter().any(|b| b.of(&text) == "What comes next"));
    }

    #[test]
    fn kicker_above_the_headline_and_job_title_under_the_name() {
        let text = format!(
            "THE WEEKLY DISPATCH\nUpdated Mar. 9, 2021 10:31 a.m. ET\nConvoy Crosses Border Before Dawn\nBy OLGA PETROVA\nSenior Correspondent, Eastern Desk\n\n{STORY}"
        );
        let meta = analyze_text(&text);
        assert_eq!(
            meta.title.as_deref(),
            Some("Convoy Crosses Border Before Dawn")
        );
        assert_eq!(meta.author.as_deref(), Some("Olga Petrova"));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2021, 3, 9));
        let gone = excluded(&text, &meta);
        assert!(gone.contains(&"THE WEEKLY DISPATCH"));
        assert!(gone.contains(&"Senior Correspondent, Eastern Desk"));
    }

    #[test]
    fn names_with_an_outlet_under_the_headline() {
        let text = format!(
            "Convoy Crosses Border Before Dawn\nLena Park and Omar Haddad | Example Wire\n\n{STORY}"
        );
        let meta = analyze_text(&text);
        assert_eq!(meta.author.as_deref(), Some("Lena Park and Omar Haddad"));
        assert_eq!(meta.publisher.as_deref(), Some("Example Wire"));
        assert!(excluded(&text, &meta).contains(&"Lena Park and Omar Haddad | Example Wire"));
    }

    #[test]
    fn a_standfirst_between_headline_and_byline_is_not_the_headline() {
        let text = format!(
            "Convoy Crosses Border Before Dawn as Talks Stall\nThe ministry says the crossing went smoothly and that talks will resume in the capital next week\nBy Jana Novak\n\n{STORY}"
        );
        let meta = analyze_text(&text);
        assert_eq!(
            meta.title.as_deref(),
            Some("Convoy Crosses Border Before Dawn as Talks Stall")
        );
        assert_eq!(meta.author.as_deref(), Some("Jana Novak"));
        assert!(
            !excluded(&text, &meta)
                .iter()
                .any(|l| l.starts_with("The ministry says"))
        );
    }

    #[test]
    fn a_byline_with_a_date_after_a_dash() {
        let text =
            format!("Convoy Crosses Border Before Dawn\nBy Jana Novak — March 9, 2021\n\n{STORY}");
        let meta = analyze_text(&text);
        assert_eq!(meta.author.as_deref(), Some("Jana Novak"));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2021, 3, 9));
    }

    #[test]
    fn posted_on_a_date_by_someone() {
        let text = format!(
            "Posted on March 9, 2021 by Jana Novak\nConvoy Crosses Border Before Dawn\n\n{STORY}"
        );
        let meta = analyze_text(&text);
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2021, 3, 9));
        assert_eq!(meta.author.as_deref(), Some("Jana Novak"));
        assert_eq!(
            meta.title.as_deref(),
            Some("Convoy Crosses Border Before Dawn")
        );
    }

    #[test]
    fn reading_time_tags_and_contact_lines_are_furniture() {
        let text = format!(
            "Convoy Crosses Border Before Dawn\n4 min read\n\n{STORY}\n\nWrite to the desk at desk@example.org\nTags: border, convoy\n© Halden Forum 2021"
        );
        let meta = analyze_text(&text);
        let gone = excluded(&text, &meta);
        assert!(gone.contains(&"4 min read"));
        assert!(gone.contains(&"Write to the desk at desk@example.org"));
        assert!(gone.contains(&"Tags: border, convoy"));
        assert_eq!(meta.publisher.as_deref(), Some("Halden Forum"));
    }

    #[test]
    fn date_line_under_a_standfirst_and_a_place_dateline() {
        let text = format!(
            "Convoy Crosses Border Before Dawn\nThe convoy crossed before dawn as talks stalled in the capital.\n\nPublished On 9 Mar 2021\n\n{STORY}\n\n* * *\nSource: News agencies"
        );
        let meta = analyze_text(&text);
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2021, 3, 9));
        let gone = excluded(&text, &meta);
        assert!(gone.contains(&"Published On 9 Mar 2021"));
        assert!(gone.contains(&"* * *"));
        assert!(gone.contains(&"Source: News agencies"));

        let release = format!(
            "PRESS RELEASE\nMinistry of Transport of Ruritania\nStatement on the Border Crossing\nGeneva, 9 March 2021\n\n{STORY}"
        );
        let meta = analyze_text(&release);
        assert_eq!(
            meta.publisher.as_deref(),
            Some("Ministry of Transport of Ruritania")
        );
        assert_eq!(
            meta.title.as_deref(),
            Some("Statement on the Border Crossing")
        );
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2021, 3, 9));
        assert!(excluded(&release, &meta).contains(&"PRESS RELEASE"));
    }

    #[test]
    fn hard_wrapped_paragraphs_are_one_block_each() {
        let text = "Convoy Crosses the Northern Border Before Dawn as Talks Stall Again\n\
                    \n\
                    The convoy crossed the northern border before dawn on Monday, and the\n\
                    ministry said that the talks would resume in the capital next week.\n\
                    \n\
                    What the Two Delegations Said About the Talks and the Border Posts\n\
                    Officials of both delegations said they had agreed on the main points\n\
                    but that several technical questions were still open for discussion.";
        let meta = analyze_text(text);
        let blocks: Vec<&str> = meta.blocks.iter().map(|b| b.of(text)).collect();
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert!(blocks[0].starts_with("The convoy") && blocks[0].ends_with("next week."));
        assert_eq!(
            meta.title.as_deref(),
            Some("Convoy Crosses the Northern Border Before Dawn as Talks Stall Again")
        );
        assert_eq!(
            blocks[1],
            "What the Two Delegations Said About the Talks and the Border Posts"
        );
    }

    #[test]
    fn a_lone_address_is_the_url() {
        let text = format!(
            "Convoy Crosses Border Before Dawn\nhttps://news.example.org/2021/03/convoy\n\n{STORY}"
        );
        let meta = analyze_text(&text);
        assert_eq!(
            meta.url.as_deref(),
            Some("https://news.example.org/2021/03/convoy")
        );
        assert!(excluded(&text, &meta).contains(&"https://news.example.org/2021/03/convoy"));
    }

    #[test]
    fn a_headline_repeated_with_other_punctuation_is_the_title() {
        assert!(same_title(
            "Live: Border crisis",
            "Border crisis: latest updates"
        ));
        assert!(same_title(
            "Truce holds in the north",
            "Truce holds in the north"
        ));
        assert!(!same_title(
            "Truce holds in the north",
            "Fighting resumes in the south"
        ));
        assert!(!same_title(
            "Border crisis",
            "Ministers meet to discuss the border crisis today"
        ));
    }

    #[test]
    fn prose_alone_has_no_title() {
        let meta = analyze_text(STORY);
        assert_eq!(meta.title, None);
        assert!(meta.excluded.is_empty());
    }

    #[test]
    fn a_known_title_and_publisher_are_excluded_where_they_appear() {
        let text = format!("Halden Post\nConvoy crosses border before dawn\n\n{STORY}");
        let known = Known {
            title: Some("Convoy Crosses Border Before Dawn"),
            publisher: Some("Halden Post"),
        };
        let meta = analyze(&text, known, Lexicon::builtin());
        assert_eq!(
            excluded(&text, &meta),
            vec!["Halden Post", "Convoy crosses border before dawn"]
        );
    }
}
