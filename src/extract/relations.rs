//! Relations between actors, read from claims: verbs and nouns of a lexicon ("support",
//! "request", "clash", "threaten", "contradiction between") give a kind and a polarity; titles
//! ("Kremlin spokesman", "President of") give affiliations. Every relation is tied to the claim
//! it was read from.

use super::Span;
use super::claims::{ActorRef, ClaimSketch, LOOKBACK_BYTES};
use crate::domain::Polarity;
use crate::lexicon::{PhraseTable, is_word_char, tables};
use std::sync::LazyLock;

/// An office held by an actor, as this stage sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRef {
    /// The words that state it ("Kremlin spokesman Dmitry Peskov").
    pub span: Span,
    /// Who holds the office (actor index).
    pub holder: usize,
    /// Where the office is held (actor index).
    pub of: usize,
    /// The title, as written.
    pub title: String,
}

/// A relation found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationSketch {
    /// The acting actor.
    pub source: usize,
    /// The actor acted upon.
    pub target: usize,
    /// The lexicon's name for the relation.
    pub kind: String,
    /// Its sign.
    pub polarity: Polarity,
    /// Index of the claim it was read from.
    pub claim: usize,
    /// The words that express it.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    /// The clause's subject acts on the first actor after the trigger.
    Verb,
    /// The two actors after "between ... and", or the subject and the actor after "with".
    Between,
    /// The actor before the trigger asked the subject ("at his request").
    Request,
}

#[derive(Debug, Clone)]
struct Trigger {
    kind: String,
    polarity: Polarity,
    pattern: Pattern,
}

static TRIGGERS: LazyLock<PhraseTable<Trigger>> = LazyLock::new(|| {
    PhraseTable::new(tables::RELATIONS.rows().filter_map(|row| {
        let form = row.first()?.trim().to_lowercase();
        let kind = row.get(1)?.trim().to_string();
        let polarity = row.get(2)?.trim().parse().ok()?;
        let pattern = match row.get(3).map(|p| p.trim()) {
            Some("between") => Pattern::Between,
            Some("request") => Pattern::Request,
            _ => Pattern::Verb,
        };
        Some((
            form,
            Trigger {
                kind,
                polarity,
                pattern,
            },
        ))
    }))
});

/// Words that open a new clause inside a sentence: a subject is looked for after the last one.
const CLAUSE_OPENERS: &[&str] = &["that", "who", "which", "whom", "because", "while", "when"];

/// The most words between two coordinated actors ("X al-Burhan and RSF commander Y").
const MAX_COORDINATION_WORDS: usize = 5;

/// The furthest an object may stand from its trigger, in bytes.
const MAX_OBJECT_DISTANCE: usize = 80;

/// Finds the relations in the claims of a text.
pub fn find(
    text: &str,
    claims: &[ClaimSketch],
    actors: &[ActorRef],
    roles: &[RoleRef],
) -> Vec<RelationSketch> {
    let mut found = Vec::new();
    for (index, claim) in claims.iter().enumerate() {
        let first = actors.partition_point(|m| m.span.start < claim.span.start);
        let in_claim: Vec<&ActorRef> = actors
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(|m| m.span.start < claim.span.end)
            .filter(|m| claim.span.contains(m.span))
            .collect();
        for trigger in TRIGGERS.find_in(text, claim.span.start, claim.span.end) {
            let at = Span::new(trigger.start, trigger.end);
            if trigger.value.pattern == Pattern::Verb && used_as_noun(text, claim.span, at) {
                continue;
            }
            let started_before = in_claim.partition_point(|m| m.span.start < at.end);
            if in_claim[..started_before]
                .iter()
                .rev()
                .take(8)
                .any(|m| m.span.overlaps(at))
            {
                continue; // "Support" inside "Rapid Support Forces"
            }
            let reciprocal = text
                .get(at.end..claim.span.end)
                .map(str::trim_start)
                .is_some_and(|rest| {
                    rest.starts_with("each other") || rest.starts_with("one another")
                });
            let pair = match trigger.value.pattern {
                Pattern::Verb if reciprocal => {
                    coordinated_subjects(text, claim.span, at, &in_claim)
                }
                Pattern::Verb => subject_before(text, claim.span, at, &in_claim)
                    .zip(object_after(text, at, claim.span, &in_claim)),
                Pattern::Between => between(text, claim.span, at, &in_claim),
                Pattern::Request => object_before(text, claim.span, at, &in_claim)
                    .zip(subject_before(text, claim.span, at, &in_claim)),
            };
            if let Some((source, target)) = pair
                && source != target
            {
                found.push(RelationSketch {
                    source,
                    target,
                    kind: trigger.value.kind.clone(),
                    polarity: trigger.value.polarity,
                    claim: index,
                    span: at,
                });
            }
        }
    }
    for role in roles {
        if role.holder == role.of {
            continue;
        }
        let candidate = claims.partition_point(|c| c.span.end <= role.span.start);
        if let Some(index) = claims
            .get(candidate)
            .filter(|c| c.span.overlaps(role.span))
            .map(|_| candidate)
        {
            found.push(RelationSketch {
                source: role.holder,
                target: role.of,
                kind: role_kind(&role.title),
                polarity: Polarity::Affiliation,
                claim: index,
                span: role.span,
            });
        }
    }
    found.sort_by(|a, b| {
        (a.claim, a.span, a.source, a.target).cmp(&(b.claim, b.span, b.source, b.target))
    });
    found.dedup_by(|a, b| {
        a.source == b.source && a.target == b.target && a.kind == b.kind && a.claim == b.claim
    });
    found
}

/// Words after which a verb trigger is a noun ("appealed for help", "the attack").
const NOUN_DETERMINERS: &[&str] = &[
    "for",
    "the",
    "a",
    "an",
    "of",
    "with",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "this",
    "that",
    "any",
    "no",
    "some",
    "such",
    "further",
    "more",
    "military",
    "financial",
];

/// Whether a verb trigger stands as a noun after a determiner or preposition.
fn used_as_noun(text: &str, claim: Span, at: Span) -> bool {
    text.get(claim.start..at.start)
        .and_then(|before| {
            before
                .split(|c: char| !is_word_char(c))
                .rfind(|w| !w.is_empty())
        })
        .is_some_and(|word| NOUN_DETERMINERS.contains(&word.to_ascii_lowercase().as_str()))
}

/// "Defense Minister" -> "defense_minister_of".
fn role_kind(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("{}_of", words.join("_"))
}

/// The subject of the clause holding `at`: the first actor after the last clause opener
/// before it, preferring a head noun over a modifying adjective.
fn subject_before(text: &str, claim: Span, at: Span, mentions: &[&ActorRef]) -> Option<usize> {
    let opener = last_opener(text, Span::new(claim.start, at.start));
    let candidates: Vec<&&ActorRef> = between_offsets(mentions, opener, at.start)
        .iter()
        .filter(|m| m.span.end <= at.start)
        .collect();
    candidates
        .iter()
        .find(|m| !m.modifier)
        .or_else(|| candidates.first())
        .map(|m| m.actor)
}

/// The last actor before `at` that is not the clause's subject: who made a request.
fn object_before(text: &str, claim: Span, at: Span, mentions: &[&ActorRef]) -> Option<usize> {
    let subject = subject_before(text, claim, at, mentions);
    let window = at.start.saturating_sub(LOOKBACK_BYTES).max(claim.start);
    let before: Vec<&&ActorRef> = between_offsets(mentions, window, at.start)
        .iter()
        .rev()
        .filter(|m| m.span.end <= at.start && Some(m.actor) != subject)
        .collect();
    before
        .iter()
        .find(|m| !m.modifier)
        .or_else(|| before.first())
        .map(|m| m.actor)
}

/// The first actor after `at`, within reach; a modifier gives way to a head noun right after it.
fn object_after(text: &str, at: Span, claim: Span, mentions: &[&ActorRef]) -> Option<usize> {
    // An object stays in the trigger's clause: it does not reach past a comma or semicolon.
    let reach = (at.end + MAX_OBJECT_DISTANCE).min(claim.end);
    let reach = text
        .as_bytes()
        .get(at.end..reach)
        .and_then(|rest| rest.iter().position(|&b| b == b',' || b == b';'))
        .map_or(reach, |at_comma| at.end + at_comma);
    let after: Vec<&&ActorRef> = between_offsets(mentions, at.end, reach).iter().collect();
    let first = after.first()?;
    if first.modifier
        && let Some(head) = after
            .iter()
            .skip(1)
            .find(|m| !m.modifier && m.span.start <= first.span.end + 30)
    {
        return Some(head.actor);
    }
    Some(first.actor)
}

/// The two sides of a "between X and Y" or "X ... with Y" relation.
fn between(text: &str, claim: Span, at: Span, mentions: &[&ActorRef]) -> Option<(usize, usize)> {
    let trigger = at.of(text).to_ascii_lowercase();
    if trigger.ends_with("with") {
        return subject_before(text, claim, at, mentions)
            .zip(object_after(text, at, claim, mentions));
    }
    if !trigger.ends_with("between") {
        return coordinated_subjects(text, claim, at, mentions).or_else(|| {
            subject_before(text, claim, at, mentions).zip(object_after(text, at, claim, mentions))
        });
    }
    let reach = (at.end + MAX_OBJECT_DISTANCE).min(claim.end);
    let sides: Vec<&&ActorRef> = between_offsets(mentions, at.end, reach)
        .iter()
        .filter(|m| !m.modifier)
        .collect();
    let first = sides.first()?;
    let second = sides.iter().skip(1).find(|m| {
        text.get(first.span.end..m.span.start)
            .is_some_and(|gap| gap.split_whitespace().any(|w| w == "and" || w == "&"))
    })?;
    Some((first.actor, second.actor))
}

/// The mentions (sorted by start) that start in `[from, to)`.
fn between_offsets<'m, 'a>(
    mentions: &'m [&'a ActorRef],
    from: usize,
    to: usize,
) -> &'m [&'a ActorRef] {
    let first = mentions.partition_point(|m| m.span.start < from);
    let last = mentions.partition_point(|m| m.span.start < to).max(first);
    mentions.get(first..last).unwrap_or(&[])
}

/// "X and Y clashed": the two actors joined by "and" just before a bare reciprocal verb.
fn coordinated_subjects(
    text: &str,
    claim: Span,
    at: Span,
    mentions: &[&ActorRef],
) -> Option<(usize, usize)> {
    let opener = last_opener(text, Span::new(claim.start, at.start));
    let in_clause: Vec<&&ActorRef> = between_offsets(mentions, opener, at.start)
        .iter()
        .filter(|m| m.span.end <= at.start)
        .collect();
    let heads: Vec<&&ActorRef> = in_clause.iter().copied().filter(|m| !m.modifier).collect();
    let all = in_clause;
    joined_pair(text, &heads).or_else(|| joined_pair(text, &all))
}

/// The last two mentions of a list joined by "and" with only a few words between them.
fn joined_pair(text: &str, mentions: &[&&ActorRef]) -> Option<(usize, usize)> {
    mentions.windows(2).rev().find_map(|pair| {
        let gap = text.get(pair[0].span.end..pair[1].span.start)?;
        let joined = gap.split_whitespace().any(|w| w == "and" || w == "&")
            && gap.split_whitespace().count() <= MAX_COORDINATION_WORDS
            && !gap.contains([',', ';']);
        (joined && pair[0].actor != pair[1].actor).then_some((pair[0].actor, pair[1].actor))
    })
}

fn last_opener(text: &str, span: Span) -> usize {
    // Look back a bounded stretch only; an opener further away does not matter.
    let mut from = span.end.saturating_sub(LOOKBACK_BYTES).max(span.start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let span = Span::new(from, span.end);
    let slice = span.of(text);
    let mut last = span.start;
    let mut offset = 0;
    for word in slice.split_inclusive(|c: char| !is_word_char(c)) {
        let bare = word.trim_end_matches(|c: char| !is_word_char(c));
        if CLAUSE_OPENERS.contains(&bare.to_ascii_lowercase().as_str()) || word.ends_with(';') {
            last = span.start + offset + word.len();
        }
        offset += word.len();
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActorKind, ClaimKind, Modality};

    fn claim(text: &str) -> ClaimSketch {
        ClaimSketch {
            span: Span::new(0, text.len()),
            section: 0,
            kind: ClaimKind::Event,
            modality: Modality::Asserted,
            when: None,
            when_span: None,
            speaker: None,
            participants: Vec::new(),
            prediction: None,
        }
    }

    fn mention(text: &str, word: &str, actor: usize, modifier: bool) -> ActorRef {
        let start = text.find(word).unwrap();
        ActorRef {
            span: Span::new(start, start + word.len()),
            actor,
            kind: ActorKind::State,
            modifier,
        }
    }

    #[test]
    fn a_verb_links_the_clause_subject_to_its_object() {
        let text = "Observers noted that Freedonia crossed into Sylvania to support the Sylvanian leader at his request.";
        let mentions = vec![
            mention(text, "Freedonia", 0, false),
            mention(text, "Sylvania", 1, false),
            mention(text, "Sylvanian", 1, true),
        ];
        let found = find(text, &[claim(text)], &mentions, &[]);
        let support = found.iter().find(|r| r.kind == "support").unwrap();
        assert_eq!((support.source, support.target), (0, 1));
        assert_eq!(support.polarity, Polarity::Cooperative);
        let request = found.iter().find(|r| r.kind == "request").unwrap();
        assert_eq!((request.source, request.target), (1, 0));
    }

    #[test]
    fn between_links_both_sides() {
        let text = "There is a growing rift between Freedonia and Sylvania.";
        let mentions = vec![
            mention(text, "Freedonia", 0, false),
            mention(text, "Sylvania", 1, false),
        ];
        let found = find(text, &[claim(text)], &mentions, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].source, found[0].target, found[0].polarity),
            (0, 1, Polarity::Hostile)
        );
    }

    #[test]
    fn coordinated_subjects_of_a_reciprocal_verb() {
        let text = "Freedonian and Sylvanian patrols clashed near the river.";
        let mentions = vec![
            mention(text, "Freedonian", 0, true),
            mention(text, "Sylvanian", 1, true),
        ];
        let found = find(text, &[claim(text)], &mentions, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].source, found[0].target), (0, 1));
        assert_eq!(found[0].kind, "clash");
    }

    #[test]
    fn roles_become_affiliations() {
        let text = "Sylvanian Foreign Minister Ana Lutz arrived.";
        let role = RoleRef {
            span: Span::new(0, 35),
            holder: 4,
            of: 1,
            title: "Foreign Minister".to_string(),
        };
        let found = find(text, &[claim(text)], &[], &[role]);
        assert_eq!(found[0].kind, "foreign_minister_of");
        assert_eq!(found[0].polarity, Polarity::Affiliation);
    }

    #[test]
    fn a_verb_used_as_a_noun_relates_nobody() {
        let text = "Freedonia appealed for help as unrest spread through Sylvania.";
        let mentions = vec![
            mention(text, "Freedonia", 0, false),
            mention(text, "Sylvania", 1, false),
        ];
        assert!(
            find(text, &[claim(text)], &mentions, &[])
                .iter()
                .all(|r| r.kind != "support")
        );
    }

    #[test]
    fn no_relation_without_two_actors() {
        let text = "The rebels threatened to attack.";
        assert!(find(text, &[claim(text)], &[], &[]).is_empty());
    }
}
