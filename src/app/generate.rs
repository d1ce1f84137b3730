//! Synthetic situations for load tests and demos of scale (`sitrep gen`): invented actors
//! (states, people, organisations), daily reports as sources, and claims of every kind read
//! from those reports with their exact spans, speakers, actors and mentions, dated at several
//! precisions (days, evenings, months, approximate weeks, none). Everything is written through
//! storage's insert functions and its bulk path for claims, in one transaction, accepted and
//! published. The same arguments give the same situation: a seeded generator, no clock in the
//! content.

use super::UseCaseError;
use crate::domain::{
    ActorId, ActorKind, ClaimKind, DocumentFormat, MentionRole, Modality, Precision, ReviewState,
    SourceKind, Span, When,
};
use crate::storage::bulk::{BulkClaim, insert_claims_bulk};
use crate::storage::insert::{
    NewActorRow, NewClaim, NewClaimActor, NewObservation, NewSource, insert_actor,
    insert_observation, insert_source,
};
use crate::storage::{self, Database};
use chrono::{Datelike, Duration, NaiveDate};

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenerateRequest<'a> {
    /// The situation's slug (created when missing).
    pub slug: &'a str,
    /// How many claims.
    pub claims: usize,
    /// How many actors (at least 2).
    pub actors: usize,
    /// How many sources (at least 1; the claims are shared out evenly).
    pub sources: usize,
}

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    /// Claims written.
    pub claims: usize,
    /// Actors written.
    pub actors: usize,
    /// Sources written.
    pub sources: usize,
}

/// A small deterministic generator (SplitMix64).
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "nor", "va", "lis", "tan", "mar", "ko", "bel", "dra", "sul", "ren", "tov", "ia", "ost", "qua",
    "mir", "zel", "hal", "dun",
];
const GIVEN: &[&str] = &[
    "Ilse", "Tomas", "Aru", "Mira", "Jonas", "Leyla", "Piet", "Sana", "Oren", "Katya", "Davit",
    "Nour",
];
const BODIES: &[&str] = &[
    "Council",
    "Ministry of Defence",
    "Border Guard",
    "Assembly",
    "Union",
    "Observer Mission",
];
const EVENTS: &[&str] = &[
    "moved troops toward",
    "closed two crossings on the border with",
    "reopened the port for ships from",
    "sent observers to",
    "announced new sanctions against",
    "withdrew a battalion from the frontier with",
];
const SAYINGS: &[&str] = &[
    "talks would resume within days",
    "the withdrawal had begun",
    "no troops had crossed the river",
    "a ceasefire would hold",
    "the convoy carried only aid",
];
const JUDGEMENTS: &[&str] = &["stronger", "weaker", "more isolated", "better prepared"];
const FORECASTS: &[&str] = &[
    "might increase its forces",
    "is likely to seek new talks",
    "could close the remaining crossings",
];

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Invented actor names, unique: states, then people, then organisations.
fn actor_names(count: usize, dice: &mut Dice) -> Vec<(String, ActorKind)> {
    let mut names: Vec<(String, ActorKind)> = Vec::with_capacity(count);
    let mut taken = std::collections::HashSet::new();
    let mut attempt = 0;
    while names.len() < count {
        attempt += 1;
        let slot = names.len() * 10 / count.max(1);
        let (name, kind) = match slot {
            0..=3 => (
                capitalised(&format!(
                    "{}{}{}",
                    dice.pick(SYLLABLES),
                    dice.pick(SYLLABLES),
                    dice.pick(&["ia", "a", "and", "istan"])
                )),
                ActorKind::State,
            ),
            4..=7 => (
                format!(
                    "{} {}",
                    dice.pick(GIVEN),
                    capitalised(&format!("{}{}", dice.pick(SYLLABLES), dice.pick(SYLLABLES)))
                ),
                ActorKind::Person,
            ),
            _ => (
                format!(
                    "{} {}",
                    capitalised(&format!("{}{}", dice.pick(SYLLABLES), dice.pick(SYLLABLES))),
                    dice.pick(BODIES)
                ),
                ActorKind::Organisation,
            ),
        };
        let name = if attempt > count * 20 {
            format!("{name} {attempt}")
        } else {
            name
        };
        if taken.insert(name.clone()) {
            names.push((name, kind));
        }
    }
    names
}

/// One invented sentence with its actors' parts (byte offsets within the sentence).
struct Sentence {
    text: String,
    kind: ClaimKind,
    modality: Modality,
    speaker: Option<usize>,
    parts: Vec<(usize, MentionRole, usize, usize)>,
}

fn sentence(
    dice: &mut Dice,
    names: &[(String, ActorKind)],
    people: &[usize],
    states: &[usize],
) -> Sentence {
    let state = |dice: &mut Dice| states[dice.below(states.len())];
    let roll = dice.below(100);
    let mut text = String::new();
    let mut parts = Vec::new();
    let name = |text: &mut String, index: usize, role: MentionRole, parts: &mut Vec<_>| {
        let start = text.len();
        text.push_str(&names[index].0);
        parts.push((index, role, start, text.len()));
    };
    if roll < 35 && !people.is_empty() {
        let speaker = people[dice.below(people.len())];
        name(&mut text, speaker, MentionRole::Speaker, &mut parts);
        text.push_str(" said that ");
        let subject = state(dice);
        name(&mut text, subject, MentionRole::Subject, &mut parts);
        text.push_str(&format!(
            " {}.",
            dice.pick(&["agreed", "believed", "warned"])
        ));
        text.push_str(&format!(" It was reported that {}.", dice.pick(SAYINGS)));
        Sentence {
            text,
            kind: ClaimKind::Statement,
            modality: Modality::Reported,
            speaker: Some(speaker),
            parts,
        }
    } else if roll < 80 {
        let subject = state(dice);
        let mut object = state(dice);
        if object == subject {
            object = (object + 1) % names.len();
        }
        name(&mut text, subject, MentionRole::Subject, &mut parts);
        text.push_str(&format!(" {} ", dice.pick(EVENTS)));
        name(&mut text, object, MentionRole::Object, &mut parts);
        text.push('.');
        Sentence {
            text,
            kind: ClaimKind::Event,
            modality: Modality::Asserted,
            speaker: None,
            parts,
        }
    } else if roll < 92 {
        text.push_str("Analysts judged that ");
        let subject = state(dice);
        name(&mut text, subject, MentionRole::Subject, &mut parts);
        text.push_str(&format!(
            " was {} than a month before.",
            dice.pick(JUDGEMENTS)
        ));
        Sentence {
            text,
            kind: ClaimKind::Assessment,
            modality: Modality::Asserted,
            speaker: None,
            parts,
        }
    } else {
        let subject = state(dice);
        name(&mut text, subject, MentionRole::Subject, &mut parts);
        text.push_str(&format!(" {} in the coming weeks.", dice.pick(FORECASTS)));
        Sentence {
            text,
            kind: ClaimKind::Prediction,
            modality: Modality::Hypothetical,
            speaker: None,
            parts,
        }
    }
}

/// The time of a claim reported on `day`: mostly that day, some evenings, months, approximate
/// weeks, a few undated.
fn occurred(dice: &mut Dice, day: NaiveDate) -> Option<When> {
    let roll = dice.below(100);
    let earlier = day - Duration::days(dice.below(3) as i64);
    match roll {
        0..=74 => Some(When::day(earlier).with_words(earlier.format("%B %-d").to_string())),
        75..=84 => When::new(
            earlier.and_hms_opt(18, 0, 0),
            (earlier + Duration::days(1)).and_hms_opt(0, 0, 0),
            Precision::PartOfDay,
        )
        .ok()
        .map(|w| w.with_words(format!("the evening of {}", earlier.format("%B %-d")))),
        85..=89 => When::month(earlier.year(), earlier.month())
            .ok()
            .map(|w| w.with_words(earlier.format("%B %Y").to_string())),
        90..=96 => When::new(
            (earlier - Duration::days(3)).and_hms_opt(0, 0, 0),
            (earlier + Duration::days(4)).and_hms_opt(0, 0, 0),
            Precision::Week,
        )
        .ok()
        .map(|w| w.approximately().with_words("about a week")),
        _ => None,
    }
}

/// Generates the situation (see the module documentation). Refuses a slug that already holds
/// claims, so that a second run does not double the data.
pub async fn generate(
    db: &Database,
    request: &GenerateRequest<'_>,
) -> Result<Generated, UseCaseError> {
    let actor_count = request.actors.max(2);
    let source_count = request.sources.max(1);
    let mut dice = Dice(0x5EED ^ request.claims as u64 ^ ((actor_count as u64) << 32));
    let names = actor_names(actor_count, &mut dice);
    let states: Vec<usize> = (0..names.len())
        .filter(|&i| names[i].1 == ActorKind::State)
        .collect();
    let people: Vec<usize> = (0..names.len())
        .filter(|&i| names[i].1 == ActorKind::Person)
        .collect();
    let states = if states.is_empty() {
        (0..names.len()).collect()
    } else {
        states
    };
    let start_day = NaiveDate::from_ymd_opt(2031, 1, 1).unwrap_or_default();
    // About a year and a half of reports, however many sources.
    let days_span = 540.max(source_count.min(3650)) as i64;

    db.transaction(async |tx| {
        let title = format!("Synthetic situation ({} claims)", request.claims);
        let (situation, _) = storage::find_or_create_situation(
            tx,
            request.slug,
            Some(&title),
            "Invented actors and reports, generated for load tests.",
        )
        .await?;
        let existing = storage::get_situation(tx, request.slug).await?;
        if existing.claim_count > 0 {
            return Err(UseCaseError::invalid(format!(
                "situation {} already holds {} claims; generate into a new slug",
                request.slug, existing.claim_count
            )));
        }
        let now = storage::now();
        let mut actor_ids: Vec<ActorId> = Vec::with_capacity(names.len());
        for (name, kind) in &names {
            actor_ids.push(
                insert_actor(
                    tx,
                    &NewActorRow {
                        situation,
                        kind: *kind,
                        name,
                        parent: None,
                        external_id: None,
                        candidate: false,
                        created_at: now,
                        review_state: ReviewState::Accepted,
                        proposed_by: None,
                    },
                )
                .await?,
            );
        }
        let per_source = request.claims.div_ceil(source_count).max(1);
        let mut written = 0;
        let mut sources = 0;
        while written < request.claims {
            let count = per_source.min(request.claims - written);
            let day = start_day + Duration::days(sources as i64 * days_span / source_count as i64);
            let heading = format!("Daily report {}: {}", sources + 1, day.format("%-d %B %Y"));
            let mut text = format!("{heading}\n");
            let mut placed: Vec<(usize, Sentence)> = Vec::with_capacity(count);
            for _ in 0..count {
                let s = sentence(&mut dice, &names, &people, &states);
                let at = text.len();
                text.push_str(&s.text);
                text.push(' ');
                placed.push((at, s));
            }
            let reported = When::day(day);
            let source = insert_source(
                tx,
                &NewSource {
                    situation,
                    file_name: None,
                    title: Some(&heading),
                    publisher: Some("Synthetic Desk"),
                    author: None,
                    url: None,
                    published: Some(day),
                    language: "en",
                    format: DocumentFormat::default(),
                    text: &text,
                    content_hash: &storage::content_hash(&text),
                    recorded_at: now,
                    kind: SourceKind::Article,
                    author_user: None,
                },
            )
            .await?;
            let observation = insert_observation(
                tx,
                &NewObservation {
                    situation,
                    source,
                    ordinal: 0,
                    heading: &heading,
                    span: Span::new(0, text.len()),
                    date: Some(&reported),
                },
            )
            .await?;
            let times: Vec<Option<When>> =
                placed.iter().map(|_| occurred(&mut dice, day)).collect();
            let claims: Vec<BulkClaim<'_>> = placed
                .iter()
                .zip(&times)
                .enumerate()
                .map(|(ordinal, ((at, s), when))| BulkClaim {
                    claim: NewClaim {
                        situation,
                        source,
                        observation: Some(observation),
                        ordinal: ordinal as i64,
                        text: &s.text,
                        span: Span::new(*at, at + s.text.len()),
                        kind: s.kind,
                        modality: s.modality,
                        occurred: when.as_ref(),
                        reported: Some(&reported),
                        recorded_at: now,
                        speaker: s.speaker.map(|i| actor_ids[i]),
                        review_state: ReviewState::Accepted,
                        deleted_at: None,
                        published_at: Some(now),
                        version: 1,
                    },
                    actors: s
                        .parts
                        .iter()
                        .map(|&(index, role, start, end)| NewClaimActor {
                            claim: crate::domain::ClaimId::new(0),
                            actor: actor_ids[index],
                            role,
                            span: Some(Span::new(at + start, at + end)),
                        })
                        .collect(),
                })
                .collect();
            insert_claims_bulk(tx, &claims).await?;
            written += count;
            sources += 1;
        }
        storage::touch_situation(tx, situation).await?;
        Ok(Generated {
            claims: written,
            actors: actor_ids.len(),
            sources,
        })
    })
    .await
}
