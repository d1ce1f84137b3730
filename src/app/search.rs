//! Searching claims and sources for a reader: the ranked hits from
//! [`storage::search`](crate::storage::search), each text cut into [`Marked`] runs so that a
//! page or the API can show which words matched, and sources shortened to an excerpt around
//! their first match.
//!
//! Marking is done here rather than by either database, so both engines mark the same words:
//! a word of the text is marked when it is a query word, starts with a starred one, or shares
//! its stem (a light English suffix strip: "troops" and "troop", "withdrawal" and "withdraw").

use crate::storage::{self, Conn, SearchQuery, SearchRequest, SearchTerm, StorageError};

/// How many characters of a source's text an excerpt shows.
const EXCERPT_CHARS: usize = 280;
/// How many characters of context an excerpt keeps before its first match.
const EXCERPT_LEAD: usize = 80;

/// A run of text, matching the query or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// The text, verbatim.
    pub text: String,
    /// Whether it is a word that matches the query.
    pub matched: bool,
}

/// A claim found.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundClaim {
    /// The claim.
    pub claim: storage::ClaimRow,
    /// Its situation's slug.
    pub situation_slug: String,
    /// Its text with the matching words marked.
    pub marked: Vec<Marked>,
    /// The rank score (higher is better).
    pub score: f64,
}

/// A source found.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundSource {
    /// The source, its text left out.
    pub hit: storage::SourceHit,
    /// Its title with matching words marked.
    pub title: Vec<Marked>,
    /// An excerpt of its text around the first match, matching words marked.
    pub excerpt: Vec<Marked>,
    /// The rank score (higher is better).
    pub score: f64,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Claims, best first.
    pub claims: Vec<FoundClaim>,
    /// How many claims match in all.
    pub claim_total: u64,
    /// Sources, best first.
    pub sources: Vec<FoundSource>,
    /// How many sources match in all.
    pub source_total: u64,
}

/// Searches and marks (see the module documentation).
pub async fn search(conn: &impl Conn, request: &SearchRequest<'_>) -> Result<Found, StorageError> {
    let hits = storage::search(conn, request).await?;
    let terms = request.query.terms();
    let claims = hits
        .claims
        .into_iter()
        .map(|hit| FoundClaim {
            marked: mark(&hit.claim.text, terms),
            situation_slug: hit.situation_slug,
            score: hit.score,
            claim: hit.claim,
        })
        .collect();
    let sources = hits
        .sources
        .into_iter()
        .map(|mut hit| {
            let title = mark(hit.title.as_deref().unwrap_or_default(), terms);
            let excerpt = mark(&excerpt(&hit.text, terms), terms);
            // The whole text is not needed past this point.
            hit.text = String::new();
            FoundSource {
                title,
                excerpt,
                score: hit.score,
                hit,
            }
        })
        .collect();
    Ok(Found {
        claims,
        claim_total: hits.claim_total,
        sources,
        source_total: hits.source_total,
    })
}

/// Parses a reader's query (see [`SearchQuery::parse`]).
pub fn parse_query(text: &str) -> Result<SearchQuery, StorageError> {
    SearchQuery::parse(text)
}

/// The word runs of `text`: (byte start, byte end) of each run of letters and digits.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start: Option<usize> = None;
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out.into_iter()
}

/// Strips one common English ending so that inflections of a word compare equal.
fn stem(word: &str) -> &str {
    const ENDINGS: &[&str] = &[
        "ations", "ation", "ments", "ment", "ings", "ing", "als", "al", "ies", "ied", "es", "ed",
        "s", "ly",
    ];
    for ending in ENDINGS {
        if let Some(root) = word.strip_suffix(ending)
            && root.chars().count() >= 3
        {
            return root;
        }
    }
    word
}

fn matches(word: &str, terms: &[SearchTerm]) -> bool {
    let lower = word.to_lowercase();
    terms.iter().any(|term| {
        lower == term.word
            || (term.prefix && lower.starts_with(&term.word))
            || stem(&lower) == stem(&term.word)
    })
}

/// `text` cut into runs, the words that match `terms` marked.
pub fn mark(text: &str, terms: &[SearchTerm]) -> Vec<Marked> {
    let mut out: Vec<Marked> = Vec::new();
    let mut position = 0;
    let push = |out: &mut Vec<Marked>, piece: &str, matched: bool| {
        if piece.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if !last.matched && !matched => last.text.push_str(piece),
            _ => out.push(Marked {
                text: piece.to_string(),
                matched,
            }),
        }
    };
    for (start, end) in words(text) {
        let word = &text[start..end];
        if matches(word, terms) {
            push(&mut out, &text[position..start], false);
            push(&mut out, word, true);
            position = end;
        }
    }
    push(&mut out, &text[position..], false);
    out
}

/// A short stretch of `text` around its first matching word (its start when none matches),
/// cut at word boundaries, with an ellipsis where it was cut.
fn excerpt(text: &str, terms: &[SearchTerm]) -> String {
    let first = words(text)
        .find(|&(s, e)| matches(&text[s..e], terms))
        .map_or(0, |(s, _)| s);
    // Back up to EXCERPT_LEAD characters before the match, then forward to a word start.
    let mut start = text[..first]
        .char_indices()
        .rev()
        .nth(EXCERPT_LEAD.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if start > 0 {
        start = text[start..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(start, |(i, c)| start + i + c.len_utf8())
            .min(first);
    }
    let mut end = text[start..]
        .char_indices()
        .nth(EXCERPT_CHARS)
        .map_or(text.len(), |(i, _)| start + i);
    if end < text.len() {
        end = text[..end]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(end, |(i, _)| i)
            .max(first + 1)
            .min(end);
        while !text.is_char_boundary(end) {
            end += 1;
        }
    }
    let body = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let lead = if start > 0 { "… " } else { "" };
    let tail = if end < text.len() { " …" } else { "" };
    format!("{lead}{body}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(query: &str) -> Vec<SearchTerm> {
        SearchQuery::parse(query).unwrap().terms().to_vec()
    }

    fn marked_words(text: &str, query: &str) -> Vec<String> {
        mark(text, &terms(query))
            .into_iter()
            .filter(|m| m.matched)
            .map(|m| m.text)
            .collect()
    }

    #[test]
    fn words_and_their_inflections_are_marked() {
        assert_eq!(
            marked_words(
                "Troops began the withdrawal; the troop withdrew.",
                "troop withdraw"
            ),
            vec!["Troops", "withdrawal", "troop"]
        );
        assert_eq!(
            marked_words("Peskov and Peskova", "pesk*"),
            vec!["Peskov", "Peskova"]
        );
    }

    #[test]
    fn marking_keeps_every_byte() {
        let text = "<b>Almaty</b> & «Алматы» — almaty!";
        let pieces = mark(text, &terms("almaty алматы"));
        let joined: String = pieces.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(joined, text);
        assert_eq!(pieces.iter().filter(|m| m.matched).count(), 3);
    }

    #[test]
    fn an_excerpt_surrounds_the_first_match() {
        let text = format!(
            "{} the needle is here {}",
            "hay ".repeat(200),
            "straw ".repeat(200)
        );
        let cut = excerpt(&text, &terms("needle"));
        assert!(cut.starts_with("… ") && cut.ends_with(" …"), "{cut}");
        assert!(cut.contains("needle"));
        assert!(cut.chars().count() <= EXCERPT_CHARS + 4, "{}", cut.len());
        assert_eq!(excerpt("short text", &terms("none")), "short text");
        // Multi-byte text is cut on character boundaries.
        let wide = "é".repeat(1000) + " needle";
        assert!(excerpt(&wide, &terms("needle")).contains("needle"));
    }
}
