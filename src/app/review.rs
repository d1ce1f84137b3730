//! The analyst's desk: adding material (an article pasted or uploaded, with the details the
//! extractor could not find; or an analyst's own dated note), reviewing a source's drafts
//! (accept or reject all that remain), and committing a review, which publishes the accepted
//! drafts of a source to readers in one transaction.

use super::UseCaseError;
use super::claims::{ClaimEdit, analyst, apply_edit, reason_given};
use super::import::{ImportArticle, ImportOutcome, SourceDetails, import_article_with};
use super::revisions::{Change, record};
use crate::domain::{
    ActorId, Author, ClaimKind, DocumentFormat, MentionRole, Modality, ReviewState, RevisedEntity,
    RevisionAction, SourceId, SourceKind, Span, User, When,
};
use crate::storage::insert::{
    NewClaim, NewClaimActor, NewObservation, NewSource, insert_claim, insert_claim_actor,
    insert_observation, insert_source,
};
use crate::storage::{self, Database, StorageError, Tx};
use chrono::NaiveDate;
use serde::Serialize;

/// An article an analyst adds to a situation.
#[derive(Debug, Clone, Copy)]
pub struct NewArticle<'a> {
    /// The situation's slug (it must exist).
    pub situation: &'a str,
    /// The text: plain, HTML or Markdown, stored verbatim.
    pub text: &'a str,
    /// The file it was uploaded from.
    pub file_name: Option<&'a str>,
    /// Details the analyst gives (they win over what the extractor reads).
    pub title: Option<&'a str>,
    /// The original address.
    pub url: Option<&'a str>,
    /// Who published it.
    pub publisher: Option<&'a str>,
    /// When it was published.
    pub published: Option<NaiveDate>,
}

/// What adding an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Added {
    /// The source holding the article.
    pub source_id: SourceId,
    /// Whether it was stored now (`false`: the same text was there already, and its review is
    /// the one to open).
    pub created: bool,
}

/// A source's fields, as its revisions record them.
#[derive(Debug, Clone, Serialize)]
struct SourceFields<'a> {
    kind: SourceKind,
    title: Option<&'a str>,
    file_name: Option<&'a str>,
    content_hash: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    committed_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl<'a> SourceFields<'a> {
    fn of(
        source: &'a storage::SourceRow,
        committed_at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Self {
        SourceFields {
            kind: source.kind,
            title: source.title.as_deref(),
            file_name: source.file_name.as_deref(),
            content_hash: &source.content_hash,
            committed_at,
        }
    }
}

/// Adds an article to a situation for review: extracted and stored as drafts in one
/// transaction, with a revision naming the analyst. The same text added again opens the review
/// stored before instead of making a copy.
pub async fn add_article(
    db: &Database,
    user: &User,
    article: NewArticle<'_>,
) -> Result<Added, UseCaseError> {
    let author = analyst(user, "add articles")?;
    let text = crate::extract::validate_text(article.text.as_bytes())?;
    // The situation must exist: adding material never creates one by accident.
    storage::situation_id(db, article.situation).await?;
    let outcome = import_article_with(
        db,
        ImportArticle {
            situation: article.situation,
            create_title: None,
            file_name: article.file_name,
            text,
            published: article.published,
            accept: false,
        },
        SourceDetails {
            title: article.title,
            url: article.url,
            publisher: article.publisher,
            published: article.published,
            kind: SourceKind::Article,
            author: None,
        },
    )
    .await?;
    let source_id = outcome.source_id();
    let created = matches!(outcome, ImportOutcome::Created { .. });
    if created {
        db.transaction(async |tx| {
            let source = storage::get_source(tx, source_id).await?;
            record::<(), _>(
                tx,
                Change {
                    situation: Some(source.situation_id),
                    entity: RevisedEntity::Source,
                    entity_id: source_id.get(),
                    action: RevisionAction::Created,
                    before: None,
                    after: Some(&SourceFields::of(&source, None)),
                    author: &author,
                    reason: "added for review",
                },
            )
            .await?;
            Ok::<_, UseCaseError>(())
        })
        .await?;
    }
    Ok(Added { source_id, created })
}

/// An analyst's own dated observation.
#[derive(Debug, Clone)]
pub struct NewNote<'a> {
    /// The situation's slug.
    pub situation: &'a str,
    /// What was observed, in the analyst's words.
    pub text: &'a str,
    /// When it happened, with its precision.
    pub occurred: When,
    /// What sort of claim it is.
    pub kind: ClaimKind,
    /// The actors it concerns.
    pub actors: Vec<ActorId>,
}

/// Adds an analyst's note: a source of kind "analyst note" with the analyst as author, one
/// observation dated as given, and one claim that is its text, accepted and published at once
/// (its author is the analyst who reviews). The same text again opens the stored note.
pub async fn add_note(
    db: &Database,
    user: &User,
    note: &NewNote<'_>,
) -> Result<Added, UseCaseError> {
    let author = analyst(user, "write notes")?;
    let text = note.text.trim();
    if text.is_empty() {
        return Err(UseCaseError::invalid("the note is empty"));
    }
    let stored = db
        .transaction(async |tx| store_note(tx, &author, note, text).await)
        .await;
    match stored {
        Err(UseCaseError::Storage(StorageError::Conflict { message })) => {
            let situation = storage::situation_id(db, note.situation).await?;
            match storage::source_with_hash(db, situation, &storage::content_hash(text)).await? {
                Some(source_id) => Ok(Added {
                    source_id,
                    created: false,
                }),
                None => Err(StorageError::Conflict { message }.into()),
            }
        }
        other => other,
    }
}

async fn store_note(
    tx: &Tx,
    author: &Author,
    note: &NewNote<'_>,
    text: &str,
) -> Result<Added, UseCaseError> {
    let situation = storage::situation_id(tx, note.situation).await?;
    let hash = storage::content_hash(text);
    if let Some(source_id) = storage::source_with_hash(tx, situation, &hash).await? {
        return Ok(Added {
            source_id,
            created: false,
        });
    }
    let actors = storage::actors_of(tx, situation).await?;
    for actor in &note.actors {
        if !actors.iter().any(|a| a.id == *actor) {
            return Err(UseCaseError::invalid(format!(
                "actor {actor} is not one of this situation's actors"
            )));
        }
    }
    let now = storage::now();
    let today = When::day(now.date_naive());
    let (user_id, name) = (author.user, author.name.as_str());
    let source = insert_source(
        tx,
        &NewSource {
            situation,
            file_name: None,
            title: Some(&note_title(text)),
            publisher: None,
            author: Some(name),
            url: None,
            published: Some(now.date_naive()),
            language: "und",
            format: DocumentFormat::Text,
            text,
            content_hash: &hash,
            recorded_at: now,
            kind: SourceKind::AnalystNote,
            author_user: user_id,
        },
    )
    .await?;
    let span = Span::new(0, text.len());
    let observation = insert_observation(
        tx,
        &NewObservation {
            situation,
            source,
            ordinal: 0,
            heading: "",
            span,
            date: Some(&note.occurred),
        },
    )
    .await?;
    let claim = insert_claim(
        tx,
        &NewClaim {
            situation,
            source,
            observation: Some(observation),
            ordinal: 0,
            text,
            span,
            kind: note.kind,
            modality: Modality::Asserted,
            occurred: Some(&note.occurred),
            reported: Some(&today),
            recorded_at: now,
            speaker: None,
            review_state: ReviewState::Accepted,
            deleted_at: None,
            published_at: Some(now),
            version: 1,
        },
    )
    .await?;
    let mut seen = std::collections::HashSet::new();
    for actor in note.actors.iter().filter(|a| seen.insert(**a)) {
        insert_claim_actor(
            tx,
            &NewClaimActor {
                claim,
                actor: *actor,
                role: MentionRole::Subject,
                span: None,
            },
        )
        .await?;
    }
    storage::mark_source_committed(tx, source, now).await?;
    let row = storage::get_source(tx, source).await?;
    record::<(), _>(
        tx,
        Change {
            situation: Some(situation),
            entity: RevisedEntity::Source,
            entity_id: source.get(),
            action: RevisionAction::Created,
            before: None,
            after: Some(&SourceFields::of(&row, row.committed_at)),
            author,
            reason: "wrote an analyst's note",
        },
    )
    .await?;
    let claim_row = storage::get_claim(tx, claim).await?;
    record::<(), _>(
        tx,
        Change {
            situation: Some(situation),
            entity: RevisedEntity::Claim,
            entity_id: claim.get(),
            action: RevisionAction::Created,
            before: None,
            after: Some(&super::claims::ClaimFields::from(&claim_row)),
            author,
            reason: "wrote an analyst's note",
        },
    )
    .await?;
    storage::touch_situation(tx, situation).await?;
    Ok(Added {
        source_id: source,
        created: true,
    })
}

/// A note's title: its first line, cut to a readable length at a word.
fn note_title(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= 80 {
        return line.to_string();
    }
    let mut title = String::new();
    for word in line.split_whitespace() {
        if title.chars().count() + word.chars().count() > 78 {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    format!("{title}…")
}

/// Sets every claim of a source still waiting for review to `state` (accepted or rejected),
/// each with its revision; returns how many changed.
pub async fn review_remaining(
    db: &Database,
    user: &User,
    source_id: SourceId,
    state: ReviewState,
    reason: &str,
) -> Result<usize, UseCaseError> {
    let author = analyst(user, "review drafts")?;
    let reason = reason_given(reason)?;
    if state == ReviewState::Draft {
        return Err(UseCaseError::invalid(
            "a review accepts or rejects; drafts are what it starts from",
        ));
    }
    db.transaction(async |tx| {
        let mut changed = 0;
        for claim in storage::claims_of_source(tx, source_id).await? {
            if claim.review_state != ReviewState::Draft {
                continue;
            }
            let edit = ClaimEdit {
                review_state: Some(state),
                ..ClaimEdit::default()
            };
            apply_edit(
                tx,
                &author,
                claim.id,
                None,
                &edit,
                reason,
                RevisionAction::Reviewed,
            )
            .await?;
            changed += 1;
        }
        Ok(changed)
    })
    .await
}

/// What a commit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitOutcome {
    /// Drafts accepted by the commit (with `accept_pending`).
    pub accepted: usize,
    /// Claims published now.
    pub published: usize,
    /// Relations that followed their claims.
    pub relations: usize,
    /// Proposed actors accepted because accepted claims name them.
    pub actors: usize,
    /// Drafts still waiting (without `accept_pending`).
    pub still_drafts: usize,
}

/// Commits a source's review in one transaction: with `accept_pending` the drafts still
/// waiting are accepted first; every accepted claim not yet public is published; the
/// relations read from its claims follow them (unless reviewed on their own); the actors it
/// proposed that accepted claims name are accepted. Each change has its revision.
pub async fn commit_review(
    db: &Database,
    user: &User,
    source_id: SourceId,
    accept_pending: bool,
    reason: &str,
) -> Result<CommitOutcome, UseCaseError> {
    let author = analyst(user, "commit reviews")?;
    let reason = reason_given(reason)?;
    db.transaction(async |tx| {
        let source = storage::get_source(tx, source_id).await?;
        let at = storage::now();
        let mut outcome = CommitOutcome::default();
        let mut named = std::collections::HashSet::new();
        for claim in storage::claims_of_source(tx, source_id).await? {
            let mut edit = ClaimEdit::default();
            let mut state = claim.review_state;
            if state == ReviewState::Draft && accept_pending {
                edit.review_state = Some(ReviewState::Accepted);
                state = ReviewState::Accepted;
                outcome.accepted += 1;
            }
            if state == ReviewState::Draft {
                outcome.still_drafts += 1;
            }
            if state == ReviewState::Accepted {
                named.extend(claim.actors.iter().map(|a| a.id));
                if claim.published_at.is_none() {
                    edit.published_at = Some(Some(at));
                    outcome.published += 1;
                }
            }
            if edit != ClaimEdit::default() {
                apply_edit(
                    tx,
                    &author,
                    claim.id,
                    None,
                    &edit,
                    reason,
                    RevisionAction::Reviewed,
                )
                .await?;
            }
        }
        for followed in storage::relations_follow_claims(tx, source_id, at).await? {
            record(
                tx,
                Change {
                    situation: Some(followed.situation),
                    entity: RevisedEntity::Relation,
                    entity_id: followed.id.get(),
                    action: RevisionAction::Reviewed,
                    before: Some(&followed.before),
                    after: Some(&followed.after),
                    author: &author,
                    reason,
                },
            )
            .await?;
            outcome.relations += 1;
        }
        for actor in storage::actors_proposed_by(tx, source_id).await? {
            if actor.review_state == ReviewState::Draft
                && actor.merged_into.is_none()
                && named.contains(&actor.id)
            {
                super::actors::apply_actor_edit(
                    tx,
                    &author,
                    actor.id,
                    None,
                    &super::actors::ActorEdit {
                        review_state: Some(ReviewState::Accepted),
                        ..Default::default()
                    },
                    reason,
                    RevisionAction::Reviewed,
                )
                .await?;
                outcome.actors += 1;
            }
        }
        storage::mark_source_committed(tx, source_id, at).await?;
        record(
            tx,
            Change {
                situation: Some(source.situation_id),
                entity: RevisedEntity::Source,
                entity_id: source_id.get(),
                action: RevisionAction::Reviewed,
                before: Some(&SourceFields::of(&source, source.committed_at)),
                after: Some(&SourceFields::of(&source, Some(at))),
                author: &author,
                reason,
            },
        )
        .await?;
        storage::touch_situation(tx, source.situation_id).await?;
        Ok(outcome)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notes_title_is_its_first_line_cut_at_a_word() {
        assert_eq!(
            note_title("Troops seen at the airport.\nMore."),
            "Troops seen at the airport."
        );
        let long = "word ".repeat(40);
        let title = note_title(&long);
        assert!(
            title.ends_with('…') && title.chars().count() <= 80,
            "{title}"
        );
    }
}
