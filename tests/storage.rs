//! Storage tests, run on a fresh SQLite database and, when `TEST_DATABASE_URL` is set, on a
//! fresh PostgreSQL database each.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{NaiveDate, Utc};
use common::TestDatabase;
use sitrep::app::UseCaseError;
use sitrep::app::import::{ImportArticle, ImportCounts, ImportOutcome, import_extracted};
use sitrep::app::seed::{SeedOutcome, seed_demo};
use sitrep::domain::{
    ActorKind, ClaimKind, MentionRole, Modality, Outcome, Polarity, Precision, Probability,
    ReviewState, RevisedEntity, RevisionAction, SourceId, UserRole, When,
};
use sitrep::extract::{
    ActorDraft, ClaimDraft, DocumentFormat, DocumentMeta, Extraction, ObservationDraft,
    ParticipantDraft, PredictionDraft, RelationDraft, RoleDraft, Span, WarningDraft, WarningKind,
};
use sitrep::storage::{
    self, ClaimPageRequest, ImportJsonOutcome, ResolutionExport, RevisionExport, SituationExport,
    StorageError,
};

/// An article with the extraction to store it with.
#[derive(Debug, Clone, Copy)]
struct ImportRequest<'a> {
    situation: &'a str,
    create_title: Option<&'a str>,
    file_name: Option<&'a str>,
    text: &'a str,
    extraction: &'a Extraction,
    accept: bool,
}

/// Stores a hand-built extraction through the app's import path.
async fn store_import(
    db: &storage::Database,
    request: ImportRequest<'_>,
) -> Result<ImportOutcome, UseCaseError> {
    import_extracted(
        db,
        ImportArticle {
            situation: request.situation,
            create_title: request.create_title,
            file_name: request.file_name,
            text: request.text,
            published: None,
            accept: request.accept,
        },
        request.extraction,
    )
    .await
}

/// Whether an import was refused for its input (not for the database).
fn is_invalid(error: &UseCaseError) -> bool {
    matches!(
        error,
        UseCaseError::Invalid(_) | UseCaseError::Storage(StorageError::Invalid { .. })
    )
}

const ALL_TABLES: &[&str] = &[
    "actor",
    "actor_alias",
    "actor_role",
    "claim",
    "claim_actor",
    "dispute",
    "observation",
    "prediction",
    "relation",
    "resolution",
    "resolution_evidence",
    "revision",
    "seed_applied",
    "situation",
    "source",
    "user_account",
    "warning",
];

// ---------------------------------------------------------------- fixtures

const BORDER_TEXT: &str = "Border talks resume in the north
January 12, 2022
By Test Writer, Example Wire

Observation on January 11, 2022:

Ministers from Arland and Beloria met in the evening of January 11. Arland's foreign minister Petra Holm said the border would reopen.

Observation on January 12, 2022:

Beloria might close the border again within a month. The Grey Coast militia was not mentioned by either side.
";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The byte span of the first occurrence of `needle` in `text`.
fn find(text: &str, needle: &str) -> (usize, usize) {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    (start, start + needle.len())
}

fn evening_of_january_11() -> When {
    When::new(
        Some(date(2022, 1, 11).and_hms_opt(18, 0, 0).unwrap()),
        Some(date(2022, 1, 12).and_hms_opt(0, 0, 0).unwrap()),
        Precision::PartOfDay,
    )
    .unwrap()
    .with_words("the evening of January 11")
}

fn actor(id: &str, name: &str, kind: ActorKind) -> ActorDraft {
    ActorDraft {
        id: id.to_string(),
        name: name.to_string(),
        kind,
        aliases: Vec::new(),
        parent: None,
        external_id: None,
        roles: Vec::new(),
        mentions: Vec::new(),
        candidate: false,
    }
}

fn part(text: &str, actor: &str, role: MentionRole, needle: &str) -> ParticipantDraft {
    let (start, end) = find(text, needle);
    ParticipantDraft {
        actor: actor.to_string(),
        role,
        start,
        end,
    }
}

fn claim(text: &str, id: &str, sentence: &str, observation: usize, kind: ClaimKind) -> ClaimDraft {
    let (start, end) = find(text, sentence);
    ClaimDraft {
        id: id.to_string(),
        text: sentence.to_string(),
        start,
        end,
        observation,
        kind,
        modality: Modality::Asserted,
        when: None,
        reported: None,
        speaker: None,
        actors: Vec::new(),
        participants: Vec::new(),
        probability: None,
        prediction: None,
    }
}

/// An extraction of [`BORDER_TEXT`] with every field filled.
fn border_extraction() -> Extraction {
    let text = BORDER_TEXT;
    let first = find(text, "Observation on January 11, 2022:").0;
    let second = find(text, "Observation on January 12, 2022:").0;

    let mut arland = actor("a1", "Arland", ActorKind::State);
    arland.aliases = vec!["Arlandic".to_string()];
    arland.external_id = Some("Q90000001".to_string());
    let beloria = actor("a2", "Beloria", ActorKind::State);
    let mut holm = actor("a3", "Petra Holm", ActorKind::Person);
    holm.aliases = vec!["Holm".to_string()];
    holm.roles = vec![RoleDraft {
        title: "Foreign Minister".to_string(),
        of: Some("a1".to_string()),
    }];
    let mut ministry = actor("a4", "Arland Foreign Ministry", ActorKind::Organisation);
    ministry.parent = Some("a1".to_string());
    let mut militia = actor("a5", "Grey Coast militia", ActorKind::Group);
    militia.candidate = true;

    let mut met = claim(
        text,
        "c1",
        "Ministers from Arland and Beloria met in the evening of January 11.",
        0,
        ClaimKind::Event,
    );
    met.when = Some(evening_of_january_11());
    met.actors = vec!["a1".to_string(), "a2".to_string()];
    met.participants = vec![
        part(text, "a1", MentionRole::Subject, "Arland"),
        part(text, "a2", MentionRole::Object, "Beloria"),
    ];

    let mut said = claim(
        text,
        "c2",
        "Arland's foreign minister Petra Holm said the border would reopen.",
        0,
        ClaimKind::Statement,
    );
    said.modality = Modality::Reported;
    said.speaker = Some("a3".to_string());
    said.reported = Some(When::day(date(2022, 1, 11)).with_words("January 11, 2022"));
    said.actors = vec!["a3".to_string(), "a1".to_string(), "a4".to_string()];
    said.participants = vec![
        part(text, "a3", MentionRole::Speaker, "Petra Holm"),
        part(text, "a1", MentionRole::Mentioned, "Arland's"),
    ];

    let mut might = claim(
        text,
        "c3",
        "Beloria might close the border again within a month.",
        1,
        ClaimKind::Prediction,
    );
    might.modality = Modality::Hypothetical;
    might.actors = vec!["a2".to_string()];
    might.participants = vec![ParticipantDraft {
        actor: "a2".to_string(),
        role: MentionRole::Subject,
        start: might.start,
        end: might.start + "Beloria".len(),
    }];
    might.probability = Some(0.4);
    might.prediction = Some(PredictionDraft {
        proposition: "Beloria closes the border again".to_string(),
        hedge: Some("might".to_string()),
        probability: Some(Probability::new(0.4, 0.25, 0.5).unwrap()),
        negated: false,
        lexicon_version: "capphrase-2026.1".to_string(),
        due: Some(
            When::new(
                Some(date(2022, 1, 12).and_hms_opt(0, 0, 0).unwrap()),
                Some(date(2022, 2, 12).and_hms_opt(0, 0, 0).unwrap()),
                Precision::Day,
            )
            .unwrap()
            .approximately()
            .with_words("within a month"),
        ),
        due_inferred: false,
        made_on: Some(date(2022, 1, 12)),
        forecaster: None,
    });

    let (met_start, met_end) = find(text, "met");
    let (warn_start, warn_end) = find(text, "within a month");
    Extraction {
        document: DocumentMeta {
            title: Some("Border talks resume in the north".to_string()),
            published: Some(date(2022, 1, 12)),
            author: Some("Test Writer".to_string()),
            publisher: Some("Example Wire".to_string()),
            url: Some("https://example.org/border".to_string()),
            language: "en".to_string(),
            format: DocumentFormat::Text,
        },
        observations: vec![
            ObservationDraft {
                date: Some(date(2022, 1, 11)),
                when: Some(When::day(date(2022, 1, 11)).with_words("January 11, 2022")),
                heading: "Observation on January 11, 2022:".to_string(),
                start: first,
                end: second,
            },
            ObservationDraft {
                date: Some(date(2022, 1, 12)),
                when: None,
                heading: "Observation on January 12, 2022:".to_string(),
                start: second,
                end: text.len(),
            },
        ],
        actors: vec![arland, beloria, holm, ministry, militia],
        claims: vec![met, said, might],
        relations: vec![RelationDraft {
            source: "a1".to_string(),
            target: "a2".to_string(),
            kind: "meet".to_string(),
            polarity: Polarity::Neutral,
            claim: "c1".to_string(),
            when: Some(evening_of_january_11()),
            start: met_start,
            end: met_end,
            text: "met".to_string(),
        }],
        warnings: vec![WarningDraft {
            kind: WarningKind::GuessedYear,
            message: "the year of the due date was taken from the observation".to_string(),
            claim: Some("c3".to_string()),
            start: warn_start,
            end: warn_end,
        }],
    }
}

const FOLLOW_UP_TEXT: &str = "Holm repeated on January 14 that the border would reopen.\n";

/// A second article that names an actor of the first by its alias, in another case.
fn follow_up_extraction() -> Extraction {
    let text = FOLLOW_UP_TEXT;
    let mut holm = actor("x1", "holm", ActorKind::Person);
    holm.aliases = vec!["HOLM".to_string()];
    let mut repeated = claim(
        text,
        "k1",
        "Holm repeated on January 14 that the border would reopen.",
        0,
        ClaimKind::Statement,
    );
    repeated.when = Some(When::day(date(2022, 1, 14)).with_words("January 14"));
    repeated.speaker = Some("x1".to_string());
    repeated.actors = vec!["x1".to_string()];
    repeated.participants = vec![part(text, "x1", MentionRole::Speaker, "Holm")];
    Extraction {
        document: DocumentMeta {
            language: "en".to_string(),
            ..DocumentMeta::default()
        },
        claims: vec![repeated],
        actors: vec![holm],
        ..Extraction::default()
    }
}

fn request<'a>(slug: &'a str, text: &'a str, extraction: &'a Extraction) -> ImportRequest<'a> {
    ImportRequest {
        situation: slug,
        create_title: Some("Border talks"),
        file_name: Some("border.txt"),
        text,
        extraction,
        accept: false,
    }
}

async fn all_claims(db: &storage::Database, slug: &str, limit: u64) -> Vec<storage::ClaimRow> {
    let mut claims = Vec::new();
    let mut page_request = ClaimPageRequest {
        limit,
        ..ClaimPageRequest::default()
    };
    loop {
        let page = storage::claims_page(db, slug, &page_request).await.unwrap();
        assert!(page.claims.len() as u64 <= limit);
        claims.extend(page.claims);
        match page.next_cursor {
            Some(cursor) => page_request.after = Some(cursor),
            None => return claims,
        }
    }
}

async fn export_json(db: &storage::Database, slug: &str) -> String {
    storage::export_situation(db, slug)
        .await
        .unwrap()
        .to_json()
        .unwrap()
}

// ---------------------------------------------------------------- tests

async fn migrations_go_up_down_and_up_again(database: &TestDatabase) {
    let db = &database.db;
    let tables = db.table_names().await.unwrap();
    for table in ALL_TABLES {
        assert!(
            tables.iter().any(|t| t == table),
            "{table} missing: {tables:?}"
        );
    }
    db.revert_all_migrations().await.unwrap();
    let tables = db.table_names().await.unwrap();
    for table in ALL_TABLES {
        assert!(
            !tables.iter().any(|t| t == table),
            "{table} left behind: {tables:?}"
        );
    }
    let report = db.migrate().await.unwrap();
    assert_eq!(report.applied_now.len(), report.applied_total);
    assert!(report.applied_total >= 7);
    let tables = db.table_names().await.unwrap();
    for table in ALL_TABLES {
        assert!(
            tables.iter().any(|t| t == table),
            "{table} missing: {tables:?}"
        );
    }
    assert!(db.migrate().await.unwrap().applied_now.is_empty());
    // The schema works after the round trip.
    let extraction = border_extraction();
    store_import(db, request("border", BORDER_TEXT, &extraction))
        .await
        .unwrap();
}
both_engines!(migrations, migrations_go_up_down_and_up_again);

async fn an_import_keeps_every_field(database: &TestDatabase) {
    let db = &database.db;
    let extraction = border_extraction();
    let before = Utc::now() - chrono::Duration::seconds(1);
    let outcome = store_import(db, request("border", BORDER_TEXT, &extraction))
        .await
        .unwrap();
    let ImportOutcome::Created {
        source_id,
        situation_created,
        counts,
    } = outcome
    else {
        panic!("expected a new source, got {outcome:?}");
    };
    assert!(situation_created);
    assert_eq!(
        counts,
        ImportCounts {
            observations: 2,
            actors_created: 5,
            actors_linked: 0,
            claims: 3,
            claim_actors: 6,
            relations: 1,
            predictions: 1,
            warnings: 1,
        }
    );

    let situation = storage::get_situation(db, "border").await.unwrap();
    assert_eq!(situation.title, "Border talks");
    assert_eq!((situation.claim_count, situation.source_count), (3, 1));
    let listed = storage::list_situations(db).await.unwrap();
    assert_eq!(listed, vec![situation.clone()]);

    // The source, verbatim, with its metadata and observations.
    let source = storage::get_source(db, source_id).await.unwrap();
    assert_eq!(source.text, BORDER_TEXT);
    assert_eq!(source.content_hash, storage::content_hash(BORDER_TEXT));
    assert_eq!(
        source.title.as_deref(),
        Some("Border talks resume in the north")
    );
    assert_eq!(source.author.as_deref(), Some("Test Writer"));
    assert_eq!(source.publisher.as_deref(), Some("Example Wire"));
    assert_eq!(source.url.as_deref(), Some("https://example.org/border"));
    assert_eq!(source.published, Some(date(2022, 1, 12)));
    assert_eq!(source.file_name.as_deref(), Some("border.txt"));
    assert_eq!(
        (source.language.as_str(), source.format.as_str()),
        ("en", "text")
    );
    assert_eq!(source.situation_id, situation.id);
    assert_eq!(source.observations.len(), 2);
    let first = &source.observations[0];
    assert_eq!(first.heading, "Observation on January 11, 2022:");
    assert_eq!(
        first.date,
        Some(When::day(date(2022, 1, 11)).with_words("January 11, 2022"))
    );
    assert_eq!(
        first.span.of(&source.text).lines().next(),
        Some("Observation on January 11, 2022:")
    );
    // An observation with only a day gets the whole day, never a fake time.
    assert_eq!(
        source.observations[1].date,
        Some(When::day(date(2022, 1, 12)))
    );

    // Claims with their three clocks, speaker, actors and spans.
    let claims = all_claims(db, "border", 50).await;
    assert_eq!(claims.len(), 3);
    let met = &claims[0];
    assert_eq!(met.kind, ClaimKind::Event);
    assert_eq!(met.modality, Modality::Asserted);
    assert_eq!(met.occurred, Some(evening_of_january_11()));
    assert_eq!(
        met.occurred
            .as_ref()
            .unwrap()
            .earliest()
            .unwrap()
            .to_string(),
        "2022-01-11 18:00:00"
    );
    assert_eq!(
        met.reported, first.date,
        "reported falls back to the observation date"
    );
    assert!(met.recorded_at >= before && met.recorded_at <= Utc::now());
    assert_eq!(met.review_state, ReviewState::Draft);
    assert_eq!(met.speaker, None);
    assert_eq!(met.source.id, source_id);
    assert_eq!(
        met.source.title.as_deref(),
        Some("Border talks resume in the north")
    );
    assert_eq!(met.span.of(BORDER_TEXT), met.text);
    assert_eq!(met.observation_id, Some(first.id));
    let parts: Vec<(&str, MentionRole, &str)> = met
        .actors
        .iter()
        .map(|a| {
            (
                a.name.as_str(),
                a.role,
                a.span.map_or("", |s| s.of(BORDER_TEXT)),
            )
        })
        .collect();
    assert_eq!(
        parts,
        vec![
            ("Arland", MentionRole::Subject, "Arland"),
            ("Beloria", MentionRole::Object, "Beloria"),
        ]
    );

    let said = &claims[1];
    assert_eq!(said.kind, ClaimKind::Statement);
    assert_eq!(said.modality, Modality::Reported);
    assert_eq!(said.occurred, None);
    assert_eq!(
        said.reported,
        Some(When::day(date(2022, 1, 11)).with_words("January 11, 2022"))
    );
    assert_eq!(
        said.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Petra Holm")
    );
    let parts: Vec<(&str, ActorKind, MentionRole, Option<Span>)> = said
        .actors
        .iter()
        .map(|a| (a.name.as_str(), a.kind, a.role, a.span))
        .collect();
    let (holm_start, holm_end) = find(BORDER_TEXT, "Petra Holm");
    let (arland_start, arland_end) = find(BORDER_TEXT, "Arland's");
    assert_eq!(
        parts,
        vec![
            (
                "Petra Holm",
                ActorKind::Person,
                MentionRole::Speaker,
                Some(Span::new(holm_start, holm_end))
            ),
            (
                "Arland",
                ActorKind::State,
                MentionRole::Mentioned,
                Some(Span::new(arland_start, arland_end))
            ),
            (
                "Arland Foreign Ministry",
                ActorKind::Organisation,
                MentionRole::Mentioned,
                None
            ),
        ]
    );

    let might = &claims[2];
    assert_eq!(might.kind, ClaimKind::Prediction);
    assert_eq!(might.observation_id, Some(source.observations[1].id));
    assert_eq!(might.reported, Some(When::day(date(2022, 1, 12))));
    let single = storage::get_claim(db, might.id).await.unwrap();
    assert_eq!(&single, might);

    // Actors with aliases, parents, external ids, roles and the candidate flag.
    let actors = storage::list_actors(db, "border").await.unwrap();
    let by_name = |name: &str| actors.iter().find(|a| a.name == name).unwrap();
    let arland = by_name("Arland");
    assert_eq!(arland.kind, ActorKind::State);
    assert_eq!(arland.external_id.as_deref(), Some("Q90000001"));
    assert!(arland.aliases.contains(&"Arlandic".to_string()));
    let holm = by_name("Petra Holm");
    assert!(holm.aliases.contains(&"Holm".to_string()));
    assert_eq!(holm.roles.len(), 1);
    assert_eq!(holm.roles[0].title, "Foreign Minister");
    assert_eq!(holm.roles[0].of.as_ref().map(|a| a.id), Some(arland.id));
    assert_eq!(
        by_name("Arland Foreign Ministry")
            .parent
            .as_ref()
            .map(|p| p.id),
        Some(arland.id)
    );
    assert!(by_name("Grey Coast militia").candidate);
    assert!(!arland.candidate);
    let known = sitrep::app::import::known_actors(db, "border")
        .await
        .unwrap();
    let ministry = known
        .iter()
        .find(|k| k.name == "Arland Foreign Ministry")
        .unwrap();
    assert_eq!(ministry.parent.as_deref(), Some("Arland"));
    assert!(
        sitrep::app::import::known_actors(db, "no-such-situation")
            .await
            .unwrap()
            .is_empty()
    );

    // Relations, predictions and warnings, as the export shows them.
    let export = storage::export_situation(db, "border").await.unwrap();
    assert_eq!(export.relations.len(), 1);
    let relation = &export.relations[0];
    assert_eq!(
        (
            relation.source_actor.as_str(),
            relation.target_actor.as_str()
        ),
        ("a1", "a2")
    );
    assert_eq!(relation.polarity, Polarity::Neutral);
    assert_eq!(relation.kind, "meet");
    assert_eq!(relation.valid, Some(evening_of_january_11()));
    assert_eq!(relation.claim.as_deref(), Some("c1"));
    assert_eq!(
        &BORDER_TEXT[relation.start.unwrap()..relation.end.unwrap()],
        "met"
    );
    let prediction = &export.predictions[0];
    assert_eq!(prediction.claim, "c3");
    assert_eq!(prediction.proposition, "Beloria closes the border again");
    assert_eq!(prediction.hedge.as_deref(), Some("might"));
    assert_eq!(
        (
            prediction.probability_point,
            prediction.probability_low,
            prediction.probability_high
        ),
        (Some(0.4), Some(0.25), Some(0.5))
    );
    assert_eq!(prediction.lexicon_version, "capphrase-2026.1");
    let due = prediction.due.as_ref().unwrap();
    assert!(due.is_approximate());
    assert_eq!(due.words(), Some("within a month"));
    assert!(!prediction.due_inferred);
    assert_eq!(prediction.made_on, Some(date(2022, 1, 12)));
    assert_eq!(prediction.status, sitrep::domain::PredictionStatus::Open);
    let warning = &export.warnings[0];
    assert_eq!(warning.kind, WarningKind::GuessedYear);
    assert_eq!(warning.claim.as_deref(), Some("c3"));
    assert_eq!(&BORDER_TEXT[warning.start..warning.end], "within a month");

    // A later article links to the same actor by alias, whatever the case.
    let follow_up = follow_up_extraction();
    let outcome = store_import(
        db,
        ImportRequest {
            accept: true,
            ..request("border", FOLLOW_UP_TEXT, &follow_up)
        },
    )
    .await
    .unwrap();
    let ImportOutcome::Created {
        situation_created,
        counts,
        ..
    } = outcome
    else {
        panic!("expected a new source");
    };
    assert!(!situation_created);
    assert_eq!((counts.actors_created, counts.actors_linked), (0, 1));
    assert_eq!(
        counts.observations, 1,
        "an undivided document is one observation"
    );
    let claims = all_claims(db, "border", 50).await;
    let repeated = claims
        .iter()
        .find(|c| c.text.starts_with("Holm repeated"))
        .unwrap();
    assert_eq!(repeated.speaker.as_ref().map(|s| s.id), Some(holm.id));
    assert_eq!(repeated.review_state, ReviewState::Accepted);
    let holm_after = storage::list_actors(db, "border").await.unwrap();
    let holm_after = holm_after.iter().find(|a| a.id == holm.id).unwrap();
    assert_eq!(holm_after.aliases, holm.aliases, "no duplicate aliases");
}
both_engines!(import_round_trip, an_import_keeps_every_field);

async fn the_same_text_twice_is_stored_once(database: &TestDatabase) {
    let db = &database.db;
    let extraction = border_extraction();
    let first = store_import(db, request("border", BORDER_TEXT, &extraction))
        .await
        .unwrap();
    let ImportOutcome::Created { source_id, .. } = first else {
        panic!("expected a new source");
    };
    let before = export_json(db, "border").await;
    let second = store_import(db, request("border", BORDER_TEXT, &extraction))
        .await
        .unwrap();
    assert_eq!(second, ImportOutcome::AlreadyImported { source_id });
    assert_eq!(
        export_json(db, "border").await,
        before,
        "nothing was written"
    );
    // The same text in another situation is another source.
    let elsewhere = store_import(db, request("elsewhere", BORDER_TEXT, &extraction))
        .await
        .unwrap();
    assert!(matches!(elsewhere, ImportOutcome::Created { .. }));
}
both_engines!(duplicate_import, the_same_text_twice_is_stored_once);

async fn a_failed_import_writes_nothing(database: &TestDatabase) {
    let db = &database.db;
    // Fails after the source, observations, actors and claims were written: the relation names
    // an actor the extraction does not have.
    let mut broken = border_extraction();
    broken.relations[0].target = "a99".to_string();
    let error = store_import(db, request("border", BORDER_TEXT, &broken))
        .await
        .unwrap_err();
    assert!(is_invalid(&error), "{error}");
    assert!(error.to_string().contains("a99"), "{error}");
    assert!(matches!(
        storage::get_situation(db, "border").await,
        Err(StorageError::NotFound { .. })
    ));
    assert!(storage::list_situations(db).await.unwrap().is_empty());

    // Into an existing situation: it is left exactly as it was.
    let good = follow_up_extraction();
    store_import(db, request("border", FOLLOW_UP_TEXT, &good))
        .await
        .unwrap();
    let before = export_json(db, "border").await;
    let error = store_import(db, request("border", BORDER_TEXT, &broken))
        .await
        .unwrap_err();
    assert!(is_invalid(&error));
    assert_eq!(export_json(db, "border").await, before);

    // A span outside the text is refused before anything is written.
    let mut outside = border_extraction();
    outside.claims[1].end = BORDER_TEXT.len() + 10;
    let error = store_import(db, request("border", BORDER_TEXT, &outside))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("claim c2"), "{error}");
    assert_eq!(export_json(db, "border").await, before);

    // So is a claim filed under an observation that does not exist.
    let mut misfiled = border_extraction();
    misfiled.claims[0].observation = 7;
    let error = store_import(db, request("border", BORDER_TEXT, &misfiled))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("observation 7"), "{error}");
    assert_eq!(export_json(db, "border").await, before);

    // A bad slug is refused.
    let error = store_import(db, request("Not A Slug", BORDER_TEXT, &good))
        .await
        .unwrap_err();
    assert!(is_invalid(&error));
}
both_engines!(transactional_import, a_failed_import_writes_nothing);

/// A text of `n` numbered sentences and an extraction with one claim each, dated with ties,
/// open ends and no date at all.
fn many_claims(n: usize) -> (String, Extraction) {
    let mut text = String::new();
    let mut claims = Vec::new();
    for i in 0..n {
        let sentence = format!("Sentence number {i} says something.");
        let start = text.len();
        text.push_str(&sentence);
        text.push('\n');
        let when = match i % 5 {
            0 => None,
            1 => Some(When::day(date(2022, 1, 1 + (i % 7) as u32))),
            2 => Some(When::day(date(2022, 1, 3))),
            3 => Some(
                When::new(
                    None,
                    Some(date(2022, 1, 2).and_hms_opt(0, 0, 0).unwrap()),
                    Precision::Day,
                )
                .unwrap(),
            ),
            _ => Some(
                When::new(
                    Some(date(2021, 12, 31).and_hms_opt(23, 30, 0).unwrap()),
                    None,
                    Precision::Minute,
                )
                .unwrap(),
            ),
        };
        claims.push(ClaimDraft {
            id: format!("c{i}"),
            text: sentence.clone(),
            start,
            end: start + sentence.len(),
            observation: 0,
            kind: ClaimKind::Event,
            modality: Modality::Asserted,
            when,
            reported: None,
            speaker: None,
            actors: Vec::new(),
            participants: Vec::new(),
            probability: None,
            prediction: None,
        });
    }
    let extraction = Extraction {
        claims,
        ..Extraction::default()
    };
    (text, extraction)
}

async fn pages_cover_every_claim_once_in_order(database: &TestDatabase) {
    let db = &database.db;
    let (text, extraction) = many_claims(23);
    store_import(db, request("paged", &text, &extraction))
        .await
        .unwrap();
    let everything = all_claims(db, "paged", 500).await;
    assert_eq!(everything.len(), 23);
    for limit in [1, 3, 4, 22, 23, 24] {
        let paged = all_claims(db, "paged", limit).await;
        let ids: Vec<i64> = paged.iter().map(|c| c.id.get()).collect();
        let expected: Vec<i64> = everything.iter().map(|c| c.id.get()).collect();
        assert_eq!(ids, expected, "limit {limit}");
    }
    // Chronological by earliest bound, ties by id, undated (or open-start) last by id.
    let key = |c: &storage::ClaimRow| {
        let start = c.occurred.as_ref().and_then(When::earliest);
        (start.is_none(), start, c.id)
    };
    let mut sorted = everything.clone();
    sorted.sort_by_key(key);
    assert_eq!(everything, sorted);
    assert!(everything.first().unwrap().occurred.is_some());
    assert!(everything.last().unwrap().occurred.is_none());

    let error = storage::claims_page(
        db,
        "paged",
        &ClaimPageRequest {
            after: Some("not-a-cursor".to_string()),
            ..ClaimPageRequest::default()
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(error, StorageError::Invalid { .. }));
    assert!(matches!(
        storage::claims_page(db, "missing", &ClaimPageRequest::default()).await,
        Err(StorageError::NotFound { .. })
    ));
}
both_engines!(keyset_pagination, pages_cover_every_claim_once_in_order);

/// Adds what the import path cannot write yet: a rejected and a soft-deleted claim, a
/// resolution with evidence, and revisions.
fn with_review_history(mut export: SituationExport) -> SituationExport {
    let decided_at = "2022-01-20T09:15:00.123456Z".parse().unwrap();
    export.claims[0].review_state = ReviewState::Rejected;
    export.claims[1].deleted_at = Some("2022-01-21T10:00:00Z".parse().unwrap());
    let prediction = export.predictions[0].key.clone();
    export.resolutions.push(ResolutionExport {
        key: "res1".to_string(),
        prediction,
        outcome: Outcome::No,
        occurred_on: Some(date(2022, 2, 12)),
        decided_at,
        decided_by: "analyst1".to_string(),
        rationale: "The border stayed open.".to_string(),
        evidence: vec![export.claims[0].key.clone(), export.claims[1].key.clone()],
    });
    export.revisions.push(RevisionExport {
        entity: RevisedEntity::Claim,
        action: RevisionAction::Reviewed,
        entity_key: Some(export.claims[0].key.clone()),
        before: Some(r#"{"review_state":"draft"}"#.to_string()),
        after: Some(r#"{"review_state":"rejected"}"#.to_string()),
        author: "analyst1".to_string(),
        reason: "Not in the article.".to_string(),
        created_at: decided_at,
    });
    export.revisions.push(RevisionExport {
        entity: RevisedEntity::Situation,
        action: RevisionAction::Edited,
        entity_key: Some("situation".to_string()),
        before: None,
        after: Some(r#"{"title":"Border talks"}"#.to_string()),
        author: "analyst1".to_string(),
        reason: "Renamed.".to_string(),
        created_at: decided_at,
    });
    export
}

async fn export_import_export_is_byte_identical(database: &TestDatabase) {
    let db = &database.db;
    let extraction = border_extraction();
    store_import(db, request("border", BORDER_TEXT, &extraction))
        .await
        .unwrap();
    let follow_up = follow_up_extraction();
    store_import(db, request("border", FOLLOW_UP_TEXT, &follow_up))
        .await
        .unwrap();
    seed_demo(db).await.unwrap();
    let exported = storage::export_situation(db, "border").await.unwrap();
    let first = exported.to_json().unwrap();
    assert!(first.contains("\"format\": \"sitrep-export/1\""));

    let other = database.sibling().await;
    // An unrelated situation first, so ids in the new database differ from the old ones.
    seed_demo(&other.db).await.unwrap();
    let parsed = SituationExport::from_json(&first).unwrap();
    assert!(matches!(
        storage::import_situation(&other.db, &parsed).await.unwrap(),
        ImportJsonOutcome::Created { .. }
    ));
    assert_eq!(export_json(&other.db, "border").await, first);

    // Rejected, soft-deleted, resolved and revised rows survive the trip too.
    let history = with_review_history(exported).to_json().unwrap();
    let third = other.sibling().await;
    let parsed = SituationExport::from_json(&history).unwrap();
    storage::import_situation(&third.db, &parsed).await.unwrap();
    assert_eq!(export_json(&third.db, "border").await, history);
    let visible = all_claims(&third.db, "border", 50).await;
    assert_eq!(
        visible.len(),
        parsed.claims.len() - 2,
        "rejected and deleted are hidden"
    );
    let with_rejected = storage::claims_page(
        &third.db,
        "border",
        &ClaimPageRequest {
            visibility: storage::Visibility::All,
            ..ClaimPageRequest::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(with_rejected.claims.len(), parsed.claims.len() - 1);

    // The demo situation round-trips as well.
    let demo = export_json(db, "kazakhstan-2022").await;
    let fourth = third.sibling().await;
    storage::import_situation(&fourth.db, &SituationExport::from_json(&demo).unwrap())
        .await
        .unwrap();
    assert_eq!(export_json(&fourth.db, "kazakhstan-2022").await, demo);
}
both_engines!(export_round_trip, export_import_export_is_byte_identical);

async fn importing_an_export_twice_is_harmless(database: &TestDatabase) {
    let db = &database.db;
    let extraction = border_extraction();
    store_import(db, request("border", BORDER_TEXT, &extraction))
        .await
        .unwrap();
    let export = storage::export_situation(db, "border").await.unwrap();
    let other = database.sibling().await;
    storage::import_situation(&other.db, &export).await.unwrap();
    let again = storage::import_situation(&other.db, &export).await.unwrap();
    assert_eq!(
        again,
        ImportJsonOutcome::AlreadyPresent {
            slug: "border".to_string()
        }
    );
    assert_eq!(storage::list_situations(&other.db).await.unwrap().len(), 1);
    assert_eq!(
        export_json(&other.db, "border").await,
        export.to_json().unwrap()
    );

    let mut changed = export.clone();
    changed.situation.title = "Another title".to_string();
    let error = storage::import_situation(&other.db, &changed)
        .await
        .unwrap_err();
    assert!(matches!(error, StorageError::Conflict { .. }), "{error}");

    // A broken export is refused whole.
    let mut broken = export.clone();
    broken.situation.slug = "broken".to_string();
    broken.claims[0].speaker = Some("a404".to_string());
    let error = storage::import_situation(&other.db, &broken)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("a404"), "{error}");
    assert!(matches!(
        storage::get_situation(&other.db, "broken").await,
        Err(StorageError::NotFound { .. })
    ));
    let mut tampered = export.clone();
    tampered.situation.slug = "tampered".to_string();
    tampered.sources[0].text.push('!');
    assert!(
        storage::import_situation(&other.db, &tampered)
            .await
            .is_err()
    );

    let error = SituationExport::from_json(r#"{"format":"sitrep-export/9"}"#).unwrap_err();
    assert!(error.to_string().contains("sitrep-export/9"), "{error}");
    assert!(SituationExport::from_json("[1, 2").is_err());
}
both_engines!(
    import_json_idempotent,
    importing_an_export_twice_is_harmless
);

/// Stores `text` with `extraction` and returns the new source's id.
async fn import_source(
    db: &storage::Database,
    slug: &str,
    text: &str,
    extraction: &Extraction,
) -> SourceId {
    match store_import(db, request(slug, text, extraction))
        .await
        .unwrap()
    {
        ImportOutcome::Created { source_id, .. } => source_id,
        other => panic!("expected a new source, got {other:?}"),
    }
}

async fn sources_list_their_claims_and_situations_count_theirs(database: &TestDatabase) {
    let db = &database.db;
    assert!(storage::list_situations(db).await.unwrap().is_empty());
    import_source(db, "border", BORDER_TEXT, &border_extraction()).await;
    import_source(db, "border", FOLLOW_UP_TEXT, &follow_up_extraction()).await;
    // Moved to a second database with one claim rejected and one soft-deleted, which only the
    // JSON import can write.
    let export = with_review_history(storage::export_situation(db, "border").await.unwrap());
    let rejected_text = export.claims[0].text.clone();
    let deleted_text = export.claims[1].text.clone();
    let other = database.sibling().await;
    let db = &other.db;
    storage::import_situation(db, &export).await.unwrap();
    // A second situation with a source of one claim and a source of none.
    let follow_up = import_source(db, "elsewhere", FOLLOW_UP_TEXT, &follow_up_extraction()).await;
    let quiet_text = "Nothing happened at the border today.\n";
    let quiet = Extraction {
        document: follow_up_extraction().document,
        ..Extraction::default()
    };
    let quiet = import_source(db, "elsewhere", quiet_text, &quiet).await;

    // Counts: soft-deleted claims are not counted, rejected ones are; each situation counts
    // only its own rows, in the list and alone alike.
    let situations = storage::list_situations(db).await.unwrap();
    let counts: Vec<(&str, u64, u64, u64)> = situations
        .iter()
        .map(|s| {
            (
                s.slug.as_str(),
                s.claim_count,
                s.source_count,
                s.actor_count,
            )
        })
        .collect();
    let border_claims = export.claims.len() as u64 - 1;
    let border_actors = export.actors.len() as u64;
    assert!(border_actors >= 3, "{border_actors}");
    assert_eq!(
        counts,
        vec![
            ("border", border_claims, 2, border_actors),
            ("elsewhere", 1, 2, 1),
        ]
    );
    for situation in &situations {
        assert_eq!(
            &storage::get_situation(db, &situation.slug).await.unwrap(),
            situation
        );
    }

    // Every non-deleted claim of the situation belongs to exactly one source's list, rejected
    // ones included; each list is in text order and names its source.
    let everything = storage::claims_page(
        db,
        "border",
        &ClaimPageRequest {
            visibility: storage::Visibility::All,
            limit: storage::MAX_PAGE_SIZE,
            ..ClaimPageRequest::default()
        },
    )
    .await
    .unwrap()
    .claims;
    let mut source_ids: Vec<SourceId> = everything.iter().map(|c| c.source.id).collect();
    source_ids.sort_unstable();
    source_ids.dedup();
    assert_eq!(source_ids.len(), 2);
    let mut listed = Vec::new();
    for &source_id in &source_ids {
        let claims = storage::claims_of_source(db, source_id).await.unwrap();
        assert!(!claims.is_empty());
        assert!(claims.iter().all(|c| c.source.id == source_id));
        assert!(
            claims
                .windows(2)
                .all(|w| w[0].span.start <= w[1].span.start),
            "text order"
        );
        let source = storage::get_source(db, source_id).await.unwrap();
        assert_eq!(source.situation_slug, "border");
        assert_eq!(source.situation_title, "Border talks");
        for claim in &claims {
            assert_eq!(&source.text[claim.span.start..claim.span.end], claim.text);
        }
        listed.extend(claims);
    }
    listed.sort_by_key(|c| c.id);
    let mut expected = everything.clone();
    expected.sort_by_key(|c| c.id);
    assert_eq!(listed, expected, "the same rows as the situation's claims");
    assert!(
        listed
            .iter()
            .any(|c| c.text == rejected_text && c.review_state == ReviewState::Rejected)
    );
    assert!(listed.iter().all(|c| c.text != deleted_text));

    let elsewhere = storage::claims_of_source(db, follow_up).await.unwrap();
    assert_eq!(elsewhere.len(), 1);
    assert!(elsewhere[0].text.starts_with("Holm repeated"));
    assert_eq!(
        storage::get_source(db, follow_up)
            .await
            .unwrap()
            .situation_slug,
        "elsewhere"
    );
    assert!(
        storage::claims_of_source(db, quiet)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        storage::claims_of_source(db, SourceId::new(987_654)).await,
        Err(StorageError::NotFound { .. })
    ));
}
both_engines!(
    reads_by_source,
    sources_list_their_claims_and_situations_count_theirs
);

async fn the_demo_is_seeded_once(database: &TestDatabase) {
    let db = &database.db;
    let outcome = seed_demo(db).await.unwrap();
    let SeedOutcome::Applied { slug, sources, .. } = outcome else {
        panic!("expected the seed to apply, got {outcome:?}");
    };
    assert_eq!(slug, "kazakhstan-2022");
    assert_eq!(sources, 5);
    let before = export_json(db, "kazakhstan-2022").await;
    assert_eq!(
        seed_demo(db).await.unwrap(),
        SeedOutcome::AlreadyApplied {
            slug: "kazakhstan-2022".to_string()
        }
    );
    assert_eq!(
        export_json(db, "kazakhstan-2022").await,
        before,
        "no duplicate rows"
    );

    let situation = storage::get_situation(db, "kazakhstan-2022").await.unwrap();
    assert_eq!(situation.title, "Kazakhstan, January 2022");
    assert_eq!(situation.source_count, 5);
    // Four sources are reviewed and published; the one of 21 January waits on the desk.
    let waiting: Vec<_> = storage::sources_for_review(db, situation.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.waiting())
        .collect();
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert!(waiting[0].drafts > 0 && waiting[0].accepted == 0);
    let export = storage::export_situation(db, "kazakhstan-2022")
        .await
        .unwrap();
    assert!(
        export.observations.len() >= 3,
        "every source has its sections"
    );

    let actors = storage::list_actors(db, "kazakhstan-2022").await.unwrap();
    let by_name = |name: &str| {
        actors
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    let russia = by_name("Russia");
    assert_eq!(russia.external_id.as_deref(), Some("Q159"));
    assert_eq!(by_name("Kazakhstan").external_id.as_deref(), Some("Q232"));
    assert_eq!(
        by_name("Kremlin").parent.as_ref().map(|p| p.id),
        Some(russia.id)
    );
    let tokayev = by_name("Kassym-Jomart Tokayev");
    assert!(tokayev.aliases.contains(&"Tokayev".to_string()));
    let president = &tokayev.roles[0];
    assert_eq!(president.title, "President");
    assert_eq!(
        president.of.as_ref().map(|a| a.name.as_str()),
        Some("Kazakhstan")
    );
    assert_eq!(president.valid_from, Some(When::day(date(2019, 6, 12))));
    assert_eq!(president.valid_to, None);
    let shoygu = &by_name("Sergey Shoygu").roles[0];
    assert_eq!(shoygu.valid_from, Some(When::day(date(2012, 11, 6))));
    assert_eq!(shoygu.valid_to, Some(When::day(date(2024, 5, 12))));
    let peskov = &by_name("Dmitry Peskov").roles[0];
    assert_eq!(peskov.of.as_ref().map(|a| a.name.as_str()), Some("Kremlin"));
    let known = sitrep::app::import::known_actors(db, "kazakhstan-2022")
        .await
        .unwrap();
    assert!(
        known
            .iter()
            .any(|k| k.name == "Collective Security Treaty Organization"
                && k.aliases.contains(&"CSTO".to_string()))
    );
}
both_engines!(seed_once, the_demo_is_seeded_once);

async fn accounts_check_their_passwords(database: &TestDatabase) {
    use sitrep::app::accounts;
    let db = &database.db;
    let user = accounts::add_user(db, "analyst1", UserRole::Analyst, "correct horse")
        .await
        .unwrap();
    assert_eq!(user.role, UserRole::Analyst);
    let signed_in = accounts::sign_in(db, "analyst1", "correct horse")
        .await
        .unwrap();
    assert_eq!(signed_in.user, user.user());
    assert_eq!(
        accounts::session_user(db, &signed_in.secret).await.unwrap(),
        Some(user.user())
    );
    assert!(matches!(
        accounts::sign_in(db, "analyst1", "wrong").await,
        Err(UseCaseError::Unauthorized(_))
    ));
    assert!(matches!(
        accounts::sign_in(db, "nobody", "correct horse").await,
        Err(UseCaseError::Unauthorized(_))
    ));
    let error = accounts::add_user(db, "analyst1", UserRole::Reader, "x")
        .await
        .unwrap_err();
    assert!(
        matches!(error, UseCaseError::Storage(StorageError::Conflict { .. })),
        "{error}"
    );
    assert!(matches!(
        accounts::add_user(db, "reader1", UserRole::Reader, "").await,
        Err(UseCaseError::Invalid(_))
    ));
    assert!(is_invalid(
        &accounts::add_user(db, "two words", UserRole::Reader, "pw")
            .await
            .unwrap_err()
    ));
    accounts::add_user(db, "reader1", UserRole::Reader, "pw")
        .await
        .unwrap();
    let names: Vec<String> = storage::list_users(db)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(names, vec!["analyst1", "reader1"]);

    // Signing out ends the session.
    accounts::sign_out(db, &signed_in.secret).await.unwrap();
    assert_eq!(
        accounts::session_user(db, &signed_in.secret).await.unwrap(),
        None
    );
}
both_engines!(users, accounts_check_their_passwords);

#[tokio::test]
async fn an_unreachable_postgres_is_a_clear_error_soon() {
    let started = std::time::Instant::now();
    let error = storage::connect("postgres://postgres@127.0.0.1:1/x")
        .await
        .unwrap_err();
    assert!(matches!(error, StorageError::Unavailable { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("127.0.0.1:1"), "{message}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[tokio::test]
async fn sqlite_creates_its_directory_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("deeper").join("sitrep.db");
    let url = format!("sqlite://{}", path.display());
    let db = storage::connect(&url).await.unwrap();
    assert!(path.exists());
    assert_eq!(db.backend(), storage::Backend::Sqlite);
    db.close().await.unwrap();
    // Reopening finds the schema in place.
    let db = storage::connect(&url).await.unwrap();
    assert!(db.migrate().await.unwrap().applied_now.is_empty());
    let error = storage::connect("mysql://nope").await.unwrap_err();
    assert!(matches!(error, StorageError::Unavailable { .. }));
}
