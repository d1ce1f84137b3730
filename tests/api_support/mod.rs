//! A small situation for the web tests, written for them (a fictional border dispute), stored
//! through storage's normal import path: two dated sections, claims of every kind with times
//! at several precisions (a day, an evening, a month, an approximate week, none), a speaker,
//! actors, and one claim whose text is hostile HTML.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use sitrep::app::import::{ImportArticle, ImportOutcome, import_extracted};
use sitrep::domain::SourceId;
use sitrep::domain::{ActorKind, ClaimKind, MentionRole, Modality, Precision, When};
use sitrep::extract::{
    ActorDraft, ClaimDraft, DocumentMeta, Extraction, MentionDraft, ObservationDraft,
    ParticipantDraft,
};
use sitrep::storage::Database;

/// The fixture situation's slug.
pub const SLUG: &str = "ruritania-2031";
/// Its title.
pub const TITLE: &str = "Ruritania & Borduria, March 2031";

/// The hostile sentence: a script tag that must come out escaped.
pub const HOSTILE: &str =
    "Posters reading <script>alert(\"owned\")</script> & <b>more</b> appeared.";

/// The fixture article, in its own words.
pub fn article() -> String {
    format!(
        "Border note\n\
         Observation on March 3, 2031:\n\
         Foreign Minister Anna Vesk said on March 2 that the border would reopen. \
         Borduria closed two crossings on the evening of March 1. \
         In March 2031 the quarrel over the river flared again. \
         {HOSTILE}\n\
         Observation on March 5, 2031:\n\
         Borduria might reopen the crossings in about a week.\n"
    )
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn span_of(text: &str, needle: &str) -> (usize, usize) {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the article"));
    (start, start + needle.len())
}

fn mention(text: &str, needle: &str) -> MentionDraft {
    let (start, end) = span_of(text, needle);
    MentionDraft {
        start,
        end,
        text: needle.to_string(),
    }
}

fn actor(id: &str, name: &str, kind: ActorKind, mentions: Vec<MentionDraft>) -> ActorDraft {
    ActorDraft {
        id: id.to_string(),
        name: name.to_string(),
        kind,
        aliases: vec![],
        parent: None,
        external_id: None,
        roles: vec![],
        mentions,
        candidate: false,
    }
}

struct ClaimSpec<'a> {
    id: &'a str,
    sentence: &'a str,
    observation: usize,
    kind: ClaimKind,
    modality: Modality,
    when: Option<When>,
    speaker: Option<&'a str>,
    participants: Vec<(&'a str, MentionRole, &'a str)>,
}

fn claim(text: &str, spec: ClaimSpec<'_>, reported: &When) -> ClaimDraft {
    let (start, end) = span_of(text, spec.sentence);
    let participants: Vec<ParticipantDraft> = spec
        .participants
        .iter()
        .map(|(actor, role, context)| {
            // The mention is the context's first words up to the actor's name's end; the
            // context only makes the place unique.
            let (s, _) = span_of(text, context);
            let name_len = context.split(' ').next().map_or(0, str::len);
            let len = if *role == MentionRole::Speaker {
                context.len()
            } else {
                name_len
            };
            ParticipantDraft {
                actor: actor.to_string(),
                role: *role,
                start: s,
                end: s + len,
            }
        })
        .collect();
    ClaimDraft {
        id: spec.id.to_string(),
        text: spec.sentence.to_string(),
        start,
        end,
        observation: spec.observation,
        kind: spec.kind,
        modality: spec.modality,
        when: spec.when,
        reported: Some(reported.clone()),
        speaker: spec.speaker.map(str::to_string),
        actors: participants.iter().map(|p| p.actor.clone()).collect(),
        participants,
        probability: None,
        prediction: None,
    }
}

/// The extraction of [`article`], by hand.
pub fn extraction(text: &str) -> Extraction {
    let first = text.find("Observation on March 3").unwrap();
    let second = text.find("Observation on March 5").unwrap();
    let march_3 = When::day(day(2031, 3, 3));
    let march_5 = When::day(day(2031, 3, 5));
    let evening = When::new(
        Some(day(2031, 3, 1).and_hms_opt(18, 0, 0).unwrap()),
        Some(day(2031, 3, 2).and_hms_opt(0, 0, 0).unwrap()),
        Precision::PartOfDay,
    )
    .unwrap()
    .with_words("the evening of March 1");
    let about_a_week = When::new(
        Some(day(2031, 3, 5).and_hms_opt(0, 0, 0).unwrap()),
        Some(day(2031, 3, 13).and_hms_opt(0, 0, 0).unwrap()),
        Precision::Day,
    )
    .unwrap()
    .approximately()
    .with_words("in about a week");

    let claims = vec![
        claim(
            text,
            ClaimSpec {
                id: "c1",
                sentence: "Foreign Minister Anna Vesk said on March 2 that the border would reopen.",
                observation: 0,
                kind: ClaimKind::Statement,
                modality: Modality::Reported,
                when: Some(When::day(day(2031, 3, 2)).with_words("March 2")),
                speaker: Some("a1"),
                participants: vec![("a1", MentionRole::Speaker, "Anna Vesk")],
            },
            &march_3,
        ),
        claim(
            text,
            ClaimSpec {
                id: "c2",
                sentence: "Borduria closed two crossings on the evening of March 1.",
                observation: 0,
                kind: ClaimKind::Event,
                modality: Modality::Asserted,
                when: Some(evening),
                speaker: None,
                participants: vec![("a2", MentionRole::Subject, "Borduria closed")],
            },
            &march_3,
        ),
        claim(
            text,
            ClaimSpec {
                id: "c3",
                sentence: "In March 2031 the quarrel over the river flared again.",
                observation: 0,
                kind: ClaimKind::Assessment,
                modality: Modality::Asserted,
                when: Some(When::month(2031, 3).unwrap().with_words("March 2031")),
                speaker: None,
                participants: vec![],
            },
            &march_3,
        ),
        claim(
            text,
            ClaimSpec {
                id: "c4",
                sentence: HOSTILE,
                observation: 0,
                kind: ClaimKind::Event,
                modality: Modality::Asserted,
                when: None,
                speaker: None,
                participants: vec![],
            },
            &march_3,
        ),
        claim(
            text,
            ClaimSpec {
                id: "c5",
                sentence: "Borduria might reopen the crossings in about a week.",
                observation: 1,
                kind: ClaimKind::Prediction,
                modality: Modality::Hypothetical,
                when: Some(about_a_week),
                speaker: None,
                participants: vec![("a2", MentionRole::Subject, "Borduria might")],
            },
            &march_5,
        ),
    ];
    let borduria_mentions = vec![
        {
            let (s, _) = span_of(text, "Borduria closed");
            MentionDraft {
                start: s,
                end: s + "Borduria".len(),
                text: "Borduria".to_string(),
            }
        },
        {
            let (s, _) = span_of(text, "Borduria might");
            MentionDraft {
                start: s,
                end: s + "Borduria".len(),
                text: "Borduria".to_string(),
            }
        },
    ];
    Extraction {
        document: DocumentMeta {
            title: Some("Border note".to_string()),
            published: Some(day(2031, 3, 6)),
            author: None,
            publisher: Some("The <i>Riverside</i> Desk".to_string()),
            url: Some("javascript:alert(1)".to_string()),
            language: "en".to_string(),
            format: Default::default(),
        },
        observations: vec![
            ObservationDraft {
                date: Some(day(2031, 3, 3)),
                when: Some(march_3.clone()),
                heading: "Observation on March 3, 2031:".to_string(),
                start: first,
                end: second,
            },
            ObservationDraft {
                date: Some(day(2031, 3, 5)),
                when: Some(march_5.clone()),
                heading: "Observation on March 5, 2031:".to_string(),
                start: second,
                end: text.len(),
            },
        ],
        actors: vec![
            actor(
                "a1",
                "Anna Vesk",
                ActorKind::Person,
                vec![mention(text, "Anna Vesk")],
            ),
            actor("a2", "Borduria", ActorKind::State, borduria_mentions),
        ],
        claims,
        relations: vec![],
        warnings: vec![],
    }
}

/// Stores the fixture situation and returns its source's id.
pub async fn load_fixture(db: &Database) -> SourceId {
    let text = article();
    let extraction = extraction(&text);
    let outcome = import_extracted(
        db,
        ImportArticle {
            situation: SLUG,
            create_title: Some(TITLE),
            file_name: Some("border-note.txt"),
            text: &text,
            published: None,
            accept: true,
        },
        &extraction,
    )
    .await
    .unwrap();
    match outcome {
        ImportOutcome::Created { source_id, .. } => source_id,
        ImportOutcome::AlreadyImported { source_id } => source_id,
    }
}

/// Stores a situation `slug` of `count` plain dated events, five a day from 1 January 2040;
/// for paging.
pub async fn load_many(db: &Database, slug: &str, count: usize) {
    let mut text = String::from("Chronicle\n");
    let mut claims = Vec::new();
    for i in 0..count {
        let date = day(2040, 1, 1) + chrono::Duration::days((i / 5) as i64);
        let sentence = format!("Event number {i} took place.");
        let start = text.len();
        text.push_str(&sentence);
        text.push(' ');
        claims.push(ClaimDraft {
            id: format!("c{i}"),
            text: sentence.clone(),
            start,
            end: start + sentence.len(),
            observation: 0,
            kind: ClaimKind::Event,
            modality: Modality::Asserted,
            when: Some(When::day(date)),
            reported: None,
            speaker: None,
            actors: vec![],
            participants: vec![],
            probability: None,
            prediction: None,
        });
    }
    let extraction = Extraction {
        document: DocumentMeta {
            title: Some("Chronicle".to_string()),
            language: "en".to_string(),
            ..DocumentMeta::default()
        },
        observations: vec![ObservationDraft {
            date: None,
            when: None,
            heading: String::new(),
            start: 0,
            end: text.len(),
        }],
        claims,
        ..Extraction::default()
    };
    import_extracted(
        db,
        ImportArticle {
            situation: slug,
            create_title: Some("Chronicle"),
            file_name: None,
            text: &text,
            published: None,
            accept: true,
        },
        &extraction,
    )
    .await
    .unwrap();
}
