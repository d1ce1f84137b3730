//! Runs the extraction stages in order and assembles an [`Extraction`]: document, sections,
//! sentences, times (resolved against each section's date), actors, claims, relations and
//! warnings. Stages work on the document's clean text; spans are mapped back to the input's
//! bytes only here, at the end.

use super::claims::{self, ActorRef, ClaimInput, ClaimSketch, TimeRef};
use super::observations::{self, Section};
use super::relations::{self, RelationSketch, RoleRef};
use super::{
    ActorDraft, ClaimDraft, ExtractError, Extraction, MentionDraft, ObservationDraft,
    ParticipantDraft, PredictionDraft, RelationDraft, RoleDraft, Span, WarningDraft, WarningKind,
    actors, document, sentences, timex, validate_text,
};
use crate::domain::covered_by;
use crate::domain::{ActorKind, Precision, When};
use crate::forecast::LEXICON_VERSION;
use chrono::{NaiveDate, NaiveTime};

/// An actor the situation already knows, with its aliases, so that the extractor links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownActor {
    /// Canonical name.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Other names.
    pub aliases: Vec<String>,
    /// Canonical name of the parent actor.
    pub parent: Option<String>,
    /// Wikidata QID.
    pub external_id: Option<String>,
}

/// Settings for one extraction.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// The date to resolve relative times against when the document gives none.
    pub fallback_date: Option<NaiveDate>,
    /// The situation's own actors.
    pub known_actors: Vec<KnownActor>,
}

/// Extracts drafts from raw bytes, refusing invalid UTF-8, binary data and oversized input.
pub fn extract_bytes(bytes: &[u8], options: &ExtractOptions) -> Result<Extraction, ExtractError> {
    let text = validate_text(bytes)?;
    Ok(extract(text, options))
}

/// An actor as the pipeline holds it before assembly.
#[derive(Debug, Clone, PartialEq)]
struct FoundActor {
    name: String,
    kind: ActorKind,
    aliases: Vec<String>,
    parent: Option<usize>,
    external_id: Option<String>,
    roles: Vec<(String, Option<usize>)>,
    candidate: bool,
}

/// The actor stage's results, in the pipeline's terms.
#[derive(Debug, Clone, Default)]
struct Actors {
    actors: Vec<FoundActor>,
    mentions: Vec<ActorRef>,
    roles: Vec<RoleRef>,
    ambiguous: Vec<(Span, String)>,
    /// Phrases that describe a person by a title, written out as more mentions of that
    /// person: the title ("Apple CEO") and the title with the name ("Apple CEO Steve Jobs",
    /// "Steve Jobs, founder of Apple"). Not read by the claim stage.
    descriptors: Vec<(usize, Span)>,
    /// "I", "me" and "my" inside a person's quoted statements, written out as mentions of that
    /// person. Found after the claim stage, which does not read them.
    quoted_first_person: Vec<(usize, Span)>,
}

/// Extracts drafts from a text.
pub fn extract(source: &str, options: &ExtractOptions) -> Extraction {
    let document = document::read(source);
    let text = document.text.as_str();
    let published = document.meta.published.or(options.fallback_date);

    let sections = observations::find_sections(text, &document.excluded, published, |line, at| {
        resolve_times(line, at)
            .into_iter()
            .map(|t| (t.span, t.when))
            .collect()
    });
    let sentence_spans = sentences::split(text);
    let times = section_times(text, &sections);
    // The headline is metadata for the claims but names actors like any sentence.
    let headline = document.meta.title.as_deref().and_then(|title| {
        document
            .excluded
            .iter()
            .copied()
            .find(|s| s.of(text).trim() == title.trim())
            .map(|s| s.trimmed(text))
    });
    let actor_excluded: Vec<Span> = document
        .excluded
        .iter()
        .copied()
        .filter(|s| headline.is_none_or(|h| !s.contains(h)))
        .collect();
    let mut actors = find_actors(text, &sentence_spans, &actor_excluded, options);
    if let Some(publisher) = &document.meta.publisher {
        add_named_organisation(text, &document.excluded, publisher, &mut actors);
    }
    add_unnamed_speakers(text, &sentence_spans, &mut actors);
    let section_refs: Vec<_> = sections.iter().map(Section::as_ref).collect();
    let resolve = |piece: &str, day: NaiveDate| resolve_times(piece, Some(day));
    let claims = claims::build(&ClaimInput {
        text,
        sentences: &sentence_spans,
        sections: &section_refs,
        excluded: &document.excluded,
        headline,
        times: &times,
        actors: &actors.mentions,
        resolve: &resolve,
    });
    actors.quoted_first_person = claims::first_person_in_quotes(text, &claims, |actor| {
        actors
            .actors
            .get(actor)
            .is_some_and(|a| a.kind == ActorKind::Person)
    });
    let relations = relations::find(text, &claims, &actors.mentions, &actors.roles);
    Assembly {
        source,
        document: &document,
        sections: &sections,
        actors: &actors,
        claims: &claims,
        relations: &relations,
        times: &times,
    }
    .build()
}

/// The times of each section, resolved against the section's own date.
fn section_times(text: &str, sections: &[Section]) -> Vec<TimeRef> {
    let mut times = Vec::new();
    for section in sections {
        let slice = section.span.of(text);
        for time in resolve_times(slice, section.date()) {
            times.push(TimeRef {
                span: time.span.shifted(section.span.start),
                ..time
            });
        }
    }
    times.sort_by_key(|t| t.span.start);
    times
}

/// Finds the times of a text, resolved against the start of a day.
fn resolve_times(text: &str, day: Option<NaiveDate>) -> Vec<TimeRef> {
    let Some(day) = day else {
        return Vec::new();
    };
    let reference = day.and_time(NaiveTime::MIN);
    timex::find(text, reference)
        .into_iter()
        .map(|t| TimeRef {
            span: t.span,
            when: t.to_when(text).map(|when| {
                // The reference is only a day: "now" means that day, not its noon.
                if when.precision() > Precision::Day && when.earliest() == Some(reference) {
                    When::day(day).with_words(t.span.of(text))
                } else {
                    when
                }
            }),
            duration: t
                .duration
                .and_then(|d| d.seconds())
                .filter(|seconds| seconds.is_finite() && seconds.abs() < 1.0e10)
                .map(|seconds| chrono::Duration::seconds(seconds as i64)),
            unresolved: matches!(t.kind, timex::TimexType::Date | timex::TimexType::Time)
                && t.interval.is_none(),
        })
        .collect()
}

/// Runs the actor stage and turns its table into the pipeline's terms: nested mentions
/// ("Kazakh" in "Kazakh army") become modifiers, and roles and held titles become the offices
/// that relations read affiliations from.
fn find_actors(
    text: &str,
    sentences: &[Span],
    excluded: &[Span],
    options: &ExtractOptions,
) -> Actors {
    let table = actors::find_actors(text, sentences, excluded, &options.known_actors);
    let kind_of = |index: usize| table.actors.get(index).map_or(ActorKind::Group, |a| a.kind);
    let ambiguous = table
        .ambiguous
        .iter()
        .map(|a| {
            let names: Vec<&str> = a
                .actors
                .iter()
                .filter_map(|&i| table.actors.get(i))
                .map(|r| r.name.as_str())
                .collect();
            let message = format!(
                "\"{}\" could be {}; read as {}",
                a.span.of(text),
                names.join(" or "),
                names.first().copied().unwrap_or("")
            );
            (a.span, message)
        })
        .collect();
    let mentions = table
        .mentions
        .iter()
        .map(|m| ActorRef {
            span: m.span,
            actor: m.actor,
            kind: kind_of(m.actor),
            modifier: m.nested,
        })
        .collect();
    let mut roles: Vec<RoleRef> = Vec::new();
    for (holder, record) in table.actors.iter().enumerate() {
        for role in &record.roles {
            if let Some(of) = role.of {
                roles.push(RoleRef {
                    span: role.span,
                    holder,
                    of,
                    title: role.title.clone(),
                });
            }
        }
    }
    let mut held: std::collections::HashSet<(usize, usize)> =
        roles.iter().map(|r| (r.holder, r.of)).collect();
    for title in &table.titles {
        if let (Some(holder), Some(of)) = (title.holder, title.of)
            && held.insert((holder, of))
        {
            roles.push(RoleRef {
                span: title.span,
                holder,
                of,
                title: title.title.clone(),
            });
        }
    }
    let descriptors = descriptors(text, &table);
    Actors {
        descriptors,
        actors: table
            .actors
            .into_iter()
            .map(|record| FoundActor {
                name: record.name,
                kind: record.kind,
                aliases: record.aliases,
                parent: record.parent,
                external_id: record.external_id,
                roles: record.roles.into_iter().map(|r| (r.title, r.of)).collect(),
                candidate: record.candidate,
            })
            .collect(),
        mentions,
        roles,
        ambiguous,
        quoted_first_person: Vec::new(),
    }
}

/// The most bytes between a title and its holder's name for the two to make one phrase
/// (", the " in "Steve Jobs, the founder of Apple").
const DESCRIPTOR_GAP_BYTES: usize = 6;

/// The title phrases of the actor table's persons, alone and joined to the name they stand
/// beside (see [`Actors::descriptors`]).
fn descriptors(text: &str, table: &actors::ActorTable) -> Vec<(usize, Span)> {
    let mut out = table.descriptors.clone();
    // A person's age in apposition: "Papermaster, 49,", "Jobs, aged 55".
    for m in table.mentions.iter().filter(|m| {
        !m.nested
            && table
                .actors
                .get(m.actor)
                .is_some_and(|a| a.kind == ActorKind::Person)
    }) {
        let rest = text.get(m.span.end..).unwrap_or("");
        let Some(after) = rest.strip_prefix(", ") else {
            continue;
        };
        let aged = after.strip_prefix("aged ").unwrap_or(after);
        let digits = aged.bytes().take_while(u8::is_ascii_digit).count();
        let closes = aged
            .as_bytes()
            .get(digits)
            .is_none_or(|b| matches!(b, b',' | b'.' | b' ' | b';' | b')'));
        if (1..=3).contains(&digits) && closes {
            let end = m.span.end + (rest.len() - aged.len()) + digits;
            out.push((m.actor, Span::new(m.span.start, end)));
        }
    }
    for title in &table.titles {
        let Some(holder) = title.holder else {
            continue;
        };
        out.push((holder, title.span));
        let near = |gap: &str| {
            gap.len() <= DESCRIPTOR_GAP_BYTES
                && gap
                    .trim_start_matches([',', ' '])
                    .trim_start_matches("the ")
                    .trim()
                    .is_empty()
                && !gap.contains('\n')
        };
        let from = table
            .mentions
            .partition_point(|m| m.span.start + 2 * DESCRIPTOR_GAP_BYTES < title.span.start);
        for m in table.mentions.get(from..).unwrap_or(&[]) {
            if m.span.start > title.span.end + DESCRIPTOR_GAP_BYTES {
                break;
            }
            if m.actor != holder || m.nested || m.via == actors::MentionVia::Title {
                continue;
            }
            if m.span.start >= title.span.end
                && text
                    .get(title.span.end..m.span.start)
                    .is_some_and(|g| near(g) && !g.contains(','))
            {
                out.push((holder, Span::new(title.span.start, m.span.end)));
            } else if m.span.end <= title.span.start
                && text
                    .get(m.span.end..title.span.start)
                    .is_some_and(|g| near(g) && g.starts_with(','))
            {
                out.push((holder, Span::new(m.span.start, title.span.end)));
            }
        }
    }
    out
}

/// Adds a group actor for each unnamed speaker ("diplomats said", "according to officials"),
/// one per distinct phrase, as candidates for the analyst to name or merge.
fn add_unnamed_speakers(text: &str, sentences: &[Span], actors: &mut Actors) {
    let phrases = claims::unnamed_speakers(text, sentences, &actors.mentions);
    if phrases.is_empty() {
        return;
    }
    for phrase in phrases {
        let name = phrase.of(text).to_lowercase();
        let index = match actors
            .actors
            .iter()
            .position(|a| a.candidate && a.name == name)
        {
            Some(index) => index,
            None => {
                actors.actors.push(FoundActor {
                    name: name.clone(),
                    kind: ActorKind::Group,
                    aliases: Vec::new(),
                    parent: None,
                    external_id: None,
                    roles: Vec::new(),
                    candidate: true,
                });
                actors.actors.len() - 1
            }
        };
        actors.mentions.push(ActorRef {
            span: phrase,
            actor: index,
            kind: ActorKind::Group,
            modifier: false,
        });
    }
    actors
        .mentions
        .sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
}

/// Adds an organisation named in the metadata (the publisher) with its mentions in the body,
/// unless the actor stage already found it.
fn add_named_organisation(text: &str, excluded: &[Span], name: &str, actors: &mut Actors) {
    let name = name.trim();
    if name.is_empty()
        || actors
            .actors
            .iter()
            .any(|a| a.name.eq_ignore_ascii_case(name) || a.aliases.iter().any(|x| x == name))
    {
        return;
    }
    let spans: Vec<Span> = text
        .match_indices(name)
        .map(|(at, m)| Span::new(at, at + m.len()))
        .filter(|s| {
            let before = text[..s.start].chars().next_back();
            let after = text[s.end..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .filter(|s| !covered_by(excluded, *s))
        .filter(|s| {
            let started = actors.mentions.partition_point(|m| m.span.start < s.end);
            !actors.mentions[..started]
                .iter()
                .rev()
                .take(8)
                .any(|m| m.span.overlaps(*s))
        })
        .collect();
    if spans.is_empty() {
        return;
    }
    let index = actors.actors.len();
    actors.actors.push(FoundActor {
        name: name.to_string(),
        kind: ActorKind::Organisation,
        aliases: vec![name.to_string()],
        parent: None,
        external_id: None,
        roles: Vec::new(),
        candidate: false,
    });
    actors
        .mentions
        .extend(spans.into_iter().map(|span| ActorRef {
            span,
            actor: index,
            kind: ActorKind::Organisation,
            modifier: false,
        }));
    actors.mentions.sort_by_key(|m| m.span.start);
}

/// Turns the stages' results into the output contract: draft ids, source spans, texts.
struct Assembly<'a> {
    source: &'a str,
    document: &'a document::Document,
    sections: &'a [Section],
    actors: &'a Actors,
    claims: &'a [ClaimSketch],
    relations: &'a [RelationSketch],
    times: &'a [TimeRef],
}

impl Assembly<'_> {
    fn build(&self) -> Extraction {
        let actor_ids = self.actor_ids();
        let claim_ids: Vec<String> = (1..=self.claims.len()).map(|i| format!("c{i}")).collect();
        let id_of = |index: usize| actor_ids.get(index).cloned().flatten();
        let mut warnings = self.warnings(&claim_ids);
        warnings.sort_by_key(|w| (w.start, w.end));
        Extraction {
            document: self.document.meta.clone(),
            observations: self.observations(),
            actors: self.actor_drafts(&actor_ids),
            claims: self
                .claims
                .iter()
                .zip(&claim_ids)
                .map(|(claim, id)| self.claim_draft(claim, id, &id_of))
                .collect(),
            relations: self
                .relations
                .iter()
                .filter_map(|r| {
                    Some(RelationDraft {
                        source: id_of(r.source)?,
                        target: id_of(r.target)?,
                        kind: r.kind.clone(),
                        polarity: r.polarity,
                        claim: claim_ids.get(r.claim)?.clone(),
                        when: self.claims.get(r.claim).and_then(|c| c.when.clone()),
                        start: self.source_span(r.span).start,
                        end: self.source_span(r.span).end,
                        text: self.source_text(r.span).to_string(),
                    })
                })
                .collect(),
            warnings,
        }
    }

    fn slice(&self, span: Span) -> &str {
        span.of(self.source)
    }

    fn source_span(&self, span: Span) -> Span {
        self.document.to_source(span)
    }

    fn source_text(&self, span: Span) -> &str {
        self.slice(self.source_span(span))
    }

    fn mention(&self, span: Span) -> MentionDraft {
        let source = self.source_span(span);
        MentionDraft {
            start: source.start,
            end: source.end,
            text: self.slice(source).to_string(),
        }
    }

    /// Draft ids for actors that are mentioned, numbered in order of first mention; parents of
    /// mentioned actors are kept too, after them.
    fn actor_ids(&self) -> Vec<Option<String>> {
        let count = self.actors.actors.len();
        let mut seen = vec![false; count];
        let mut ordered: Vec<usize> = Vec::new();
        for mention in &self.actors.mentions {
            if let Some(flag) = seen.get_mut(mention.actor)
                && !*flag
            {
                *flag = true;
                ordered.push(mention.actor);
            }
        }
        let mut i = 0;
        while let Some(&actor) = ordered.get(i) {
            if let Some(parent) = self.actors.actors.get(actor).and_then(|a| a.parent)
                && let Some(flag) = seen.get_mut(parent)
                && !*flag
            {
                *flag = true;
                ordered.push(parent);
            }
            i += 1;
        }
        let mut ids = vec![None; count];
        for (n, actor) in ordered.into_iter().enumerate() {
            if let Some(slot) = ids.get_mut(actor) {
                *slot = Some(format!("a{}", n + 1));
            }
        }
        ids
    }

    fn actor_drafts(&self, ids: &[Option<String>]) -> Vec<ActorDraft> {
        let mut mentions_by_actor: Vec<Vec<Span>> = vec![Vec::new(); self.actors.actors.len()];
        for mention in &self.actors.mentions {
            if let Some(list) = mentions_by_actor.get_mut(mention.actor) {
                list.push(mention.span);
            }
        }
        for &(actor, span) in self
            .actors
            .descriptors
            .iter()
            .chain(&self.actors.quoted_first_person)
        {
            if let Some(list) = mentions_by_actor.get_mut(actor) {
                list.push(span);
            }
        }
        for list in &mut mentions_by_actor {
            list.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
            list.dedup();
        }
        let mut drafts: Vec<ActorDraft> = self
            .actors
            .actors
            .iter()
            .enumerate()
            .filter_map(|(index, actor)| {
                let id = ids.get(index)?.clone()?;
                let id_of = |i: usize| ids.get(i).cloned().flatten();
                Some(ActorDraft {
                    id,
                    name: actor.name.clone(),
                    kind: actor.kind,
                    aliases: actor.aliases.clone(),
                    parent: actor.parent.and_then(id_of),
                    external_id: actor.external_id.clone(),
                    roles: actor
                        .roles
                        .iter()
                        .map(|(title, of)| RoleDraft {
                            title: title.clone(),
                            of: of.and_then(id_of),
                        })
                        .collect(),
                    mentions: mentions_by_actor
                        .get(index)
                        .map(|spans| spans.iter().map(|&span| self.mention(span)).collect())
                        .unwrap_or_default(),
                    candidate: actor.candidate,
                })
            })
            .collect();
        drafts.sort_by_key(|d| d.id[1..].parse::<usize>().unwrap_or(usize::MAX));
        drafts
    }

    fn observations(&self) -> Vec<ObservationDraft> {
        self.sections
            .iter()
            .map(|section| {
                let span = self.source_span(section.span);
                ObservationDraft {
                    date: section.date(),
                    when: section.when.clone(),
                    heading: section
                        .heading
                        .map(|h| self.source_text(h).to_string())
                        .unwrap_or_default(),
                    start: span.start,
                    end: span.end,
                }
            })
            .collect()
    }

    fn claim_draft(
        &self,
        claim: &ClaimSketch,
        id: &str,
        id_of: &impl Fn(usize) -> Option<String>,
    ) -> ClaimDraft {
        let span = self.source_span(claim.span);
        let mut actors: Vec<String> = Vec::new();
        for (actor, _, _) in &claim.participants {
            if let Some(actor_id) = id_of(*actor)
                && !actors.contains(&actor_id)
            {
                actors.push(actor_id);
            }
        }
        let prediction = claim.prediction.as_ref().map(|p| PredictionDraft {
            proposition: self.source_text(p.proposition).to_string(),
            hedge: p.hedge.map(|h| self.source_text(h).to_string()),
            probability: p.probability,
            negated: p.negated,
            lexicon_version: LEXICON_VERSION.to_string(),
            due: p.due.clone(),
            due_inferred: p.due_inferred,
            made_on: p.made_on,
            forecaster: p.forecaster.and_then(id_of),
        });
        ClaimDraft {
            id: id.to_string(),
            text: self.slice(span).to_string(),
            start: span.start,
            end: span.end,
            observation: claim.section,
            kind: claim.kind,
            modality: claim.modality,
            when: claim.when.clone(),
            reported: self
                .sections
                .get(claim.section)
                .and_then(|s| s.date())
                .or(self.document.meta.published)
                .map(When::day),
            speaker: claim.speaker.and_then(id_of),
            actors,
            participants: claim
                .participants
                .iter()
                .filter_map(|&(actor, role, at)| {
                    let at = self.source_span(at);
                    Some(ParticipantDraft {
                        actor: id_of(actor)?,
                        role,
                        start: at.start,
                        end: at.end,
                    })
                })
                .collect(),
            probability: match claim.kind {
                crate::domain::ClaimKind::Prediction => prediction
                    .as_ref()
                    .and_then(|p| p.probability)
                    .map(|p| p.point),
                _ => None,
            },
            prediction,
        }
    }

    /// The id of the claim holding `span` (claims are in text order and do not overlap).
    fn claim_containing(&self, span: Span, claim_ids: &[String]) -> Option<String> {
        let index = self.claims.partition_point(|c| c.span.end <= span.start);
        self.claims
            .get(index)
            .filter(|c| c.span.contains(span))
            .and_then(|_| claim_ids.get(index).cloned())
    }

    fn warnings(&self, claim_ids: &[String]) -> Vec<WarningDraft> {
        let mut warnings = Vec::new();
        for (claim, id) in self.claims.iter().zip(claim_ids) {
            if claim.kind == crate::domain::ClaimKind::Prediction {
                continue;
            }
            let section_date = self.sections.get(claim.section).and_then(|s| s.date());
            if let (Some(when), Some(date)) = (&claim.when, section_date)
                && !when.is_inferred()
                && when.starts_after_day(date)
            {
                let at = self.source_span(claim.when_span.unwrap_or(claim.span));
                warnings.push(WarningDraft {
                    kind: WarningKind::ClaimAfterObservation,
                    message: format!(
                        "this claim is dated {} but its observation is dated {date}: check the date or the section",
                        when.anchor_date()
                    ),
                    claim: Some(id.clone()),
                    start: at.start,
                    end: at.end,
                });
            }
        }
        for time in self.times {
            if time.unresolved {
                let at = self.source_span(time.span);
                warnings.push(WarningDraft {
                    kind: WarningKind::UnresolvedDate,
                    message: format!(
                        "the time \"{}\" could not be resolved to a date",
                        self.slice(at)
                    ),
                    claim: self.claim_containing(time.span, claim_ids),
                    start: at.start,
                    end: at.end,
                });
            }
        }
        for (span, message) in &self.actors.ambiguous {
            let at = self.source_span(*span);
            warnings.push(WarningDraft {
                kind: WarningKind::AmbiguousActor,
                message: message.clone(),
                claim: self.claim_containing(*span, claim_ids),
                start: at.start,
                end: at.end,
            });
        }
        warnings
    }
}
