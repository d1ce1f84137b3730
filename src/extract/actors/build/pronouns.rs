//! Rule 5, pronouns: the one place a he/she is linked to a person.

use super::Builder;
use crate::domain::ActorKind;
use crate::extract::Span;
use crate::extract::actors::tokens::Gap;
use crate::extract::actors::{Mention, MentionVia};
use crate::extract::gazetteer::Gender;

impl<'t> Builder<'t> {
    /// Links each he/she that is the subject of a verb to a person; the claim stage reads a
    /// pronoun speaker from the mention made here. A pronoun before a reporting verb is a
    /// fitting subject of its own sentence, else the latest fitting person who was the subject
    /// of a reporting verb, however far back: reported speech goes on with its speaker even
    /// when other names come between. Any other pronoun, or one with no speaker before it, is
    /// the latest fitting subject of its own sentence or of the two before, else the latest
    /// fitting person there. A person fits when their gender is unknown or the pronoun's.
    pub(super) fn pronoun_pass(&mut self) {
        let mut resolved: Vec<PersonMention> = Vec::new();
        let mut people: Vec<PersonMention> = Vec::new();
        let mut sorted: Vec<Mention> = self
            .mentions
            .iter()
            .filter(|m| !m.nested && self.kind_of(m.actor) == Some(ActorKind::Person))
            .copied()
            .collect();
        sorted.sort_by_key(|m| m.span.start);
        // The mentions are in text order, so each token search starts where the last ended.
        let mut cursor = 0;
        for m in &sorted {
            cursor = self.first_token_from(cursor, m.span.start);
            let first = cursor;
            if self.tok(first).is_none_or(|t| t.start != m.span.start) {
                continue;
            }
            let after =
                Some(self.first_token_from(first, m.span.end)).filter(|&k| self.tok(k).is_some());
            let possessive =
                after.is_some_and(|k| self.tok(k).is_some_and(|t| t.gap == Gap::None && !t.word));
            let subject = !possessive && after.is_some_and(|k| self.verb_follows(k));
            people.push(PersonMention {
                start: m.span.start,
                sentence: self.tok(first).map_or(0, |t| t.sentence),
                actor: m.actor,
                subject,
                speaker: subject && after.is_some_and(|k| self.reporting_verb_follows(k)),
            });
        }
        let mut found: Vec<(Span, usize)> = Vec::new();
        for (i, t) in self.toks.iter().enumerate() {
            let w = t.text(self.text);
            let gender = match w {
                "he" | "He" => Gender::Male,
                "she" | "She" => Gender::Female,
                _ => continue,
            };
            let span = Span::new(t.start, t.end);
            if !t.word || t.excluded || !self.is_free(span) || !self.verb_follows(i + 1) {
                continue;
            }
            let fits = |p: &PersonMention| {
                p.start < t.start
                    && self
                        .gender
                        .get(p.actor)
                        .copied()
                        .flatten()
                        .is_none_or(|g| g == gender)
            };
            let speaking = self.reporting_verb_follows(i + 1);
            let mut chosen = None;
            if speaking {
                chosen = people_of_sentence(&people, &resolved, t.sentence, t.start)
                    .find(|p| p.subject && fits(p))
                    .map(|p| p.actor)
                    .or_else(|| latest_speaker(&people, &resolved, t.start, fits));
            }
            for back in 0..3 {
                if chosen.is_some() {
                    break;
                }
                let Some(s) = t.sentence.checked_sub(back) else {
                    break;
                };
                // The latest fitting subject of sentence `s`, else its latest fitting person.
                let mut latest = None;
                for p in people_of_sentence(&people, &resolved, s, t.start) {
                    if !fits(p) {
                        continue;
                    }
                    latest = latest.or(Some(p.actor));
                    if p.subject {
                        latest = Some(p.actor);
                        break;
                    }
                }
                chosen = latest;
            }
            let Some(actor) = chosen else {
                continue;
            };
            found.push((span, actor));
            resolved.push(PersonMention {
                start: t.start,
                sentence: t.sentence,
                actor,
                subject: true,
                speaker: speaking,
            });
        }
        for (span, actor) in found {
            self.mention(span, actor, MentionVia::Pronoun, false);
            self.claim(span);
        }
    }
}

/// A person mention the pronoun rule can link a he/she to.
pub(super) struct PersonMention {
    start: usize,
    sentence: usize,
    actor: usize,
    /// A verb follows it: it is the subject of its clause.
    subject: bool,
    /// The verb that follows is a reporting verb: it is a speaker.
    speaker: bool,
}

/// The actor of the latest speaker (named or a pronoun resolved so far) starting before byte
/// `before` that `fits`.
pub(super) fn latest_speaker(
    named: &[PersonMention],
    resolved: &[PersonMention],
    before: usize,
    fits: impl Fn(&PersonMention) -> bool,
) -> Option<usize> {
    let latest = |list: &[PersonMention]| {
        list.get(..list.partition_point(|p| p.start < before))
            .unwrap_or(&[])
            .iter()
            .rev()
            .find(|p| p.speaker && fits(p))
            .map(|p| (p.start, p.actor))
    };
    match (latest(named), latest(resolved)) {
        (Some(n), Some(r)) => Some(if n.0 >= r.0 { n.1 } else { r.1 }),
        (n, r) => n.or(r).map(|(_, actor)| actor),
    }
}

/// The person mentions of sentence `sentence` starting before byte `before`, latest first,
/// from two lists in text order: the mentions the text names and the pronouns resolved so
/// far. A pronoun counts as earlier than a name starting at the same byte.
pub(super) fn people_of_sentence<'a>(
    named: &'a [PersonMention],
    resolved: &'a [PersonMention],
    sentence: usize,
    before: usize,
) -> impl Iterator<Item = &'a PersonMention> {
    let part = |list: &'a [PersonMention]| {
        let from = list.partition_point(|p| p.sentence < sentence);
        let to = list.partition_point(|p| p.sentence <= sentence);
        let same = list.get(from..to).unwrap_or(&[]);
        same.get(..same.partition_point(|p| p.start < before))
            .unwrap_or(&[])
    };
    let mut named = part(named);
    let mut resolved = part(resolved);
    std::iter::from_fn(move || {
        let take_named = match (named.last(), resolved.last()) {
            (Some(n), Some(r)) => n.start >= r.start,
            (Some(_), None) => true,
            (None, _) => false,
        };
        let list = if take_named {
            &mut named
        } else {
            &mut resolved
        };
        let (last, rest) = list.split_last()?;
        *list = rest;
        Some(last)
    })
}
