//! Editing a claim: an analyst corrects its span, kind, modality, date, speaker or review
//! state, from the version they saw; the change and its revision are one transaction, and a
//! save from a stale version is refused rather than overwriting a newer one.

use super::UseCaseError;
use super::revisions::{Change, record};
use crate::domain::{
    ActorId, Author, ClaimId, ClaimKind, Modality, ReviewState, RevisedEntity, RevisionAction,
    Span, User, When,
};
use crate::storage::{self, ClaimChanges, ClaimRow, Database};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A claim's editable fields, as its revisions record them (and as a revert restores them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimFields {
    /// The clause, as written.
    pub text: String,
    /// First byte in the source.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Statement, event, assessment or prediction.
    pub kind: ClaimKind,
    /// Asserted, reported, denied or hypothetical.
    pub modality: Modality,
    /// The time it is about.
    pub occurred: Option<When>,
    /// Who said it.
    pub speaker: Option<ActorId>,
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// When it was soft-deleted.
    pub deleted_at: Option<DateTime<Utc>>,
    /// Its edit version.
    pub version: i64,
}

impl From<&ClaimRow> for ClaimFields {
    fn from(claim: &ClaimRow) -> Self {
        ClaimFields {
            text: claim.text.clone(),
            start: claim.span.start,
            end: claim.span.end,
            kind: claim.kind,
            modality: claim.modality,
            occurred: claim.occurred.clone(),
            speaker: claim.speaker.as_ref().map(|s| s.id),
            review_state: claim.review_state,
            deleted_at: claim.deleted_at,
            version: claim.version,
        }
    }
}

/// One edit of a claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimEdit {
    /// The claim's new span in its source (its text follows).
    pub span: Option<Span>,
    /// A new kind.
    pub kind: Option<ClaimKind>,
    /// A new modality.
    pub modality: Option<Modality>,
    /// A new occurred time (`Some(None)` clears it).
    pub occurred: Option<Option<When>>,
    /// A new speaker (`Some(None)` for the author's own voice).
    pub speaker: Option<Option<ActorId>>,
    /// A new review state.
    pub review_state: Option<ReviewState>,
}

/// Applies `edit` to the claim `id` for an analyst, if the claim is still at `version`, and
/// records the revision with `reason`. Returns the claim as it now is.
pub async fn edit_claim(
    db: &Database,
    author: &User,
    id: ClaimId,
    version: i64,
    edit: &ClaimEdit,
    reason: &str,
) -> Result<ClaimRow, UseCaseError> {
    if !author.is_analyst() {
        return Err(UseCaseError::Forbidden(
            "only analysts can edit claims".to_string(),
        ));
    }
    if reason.trim().is_empty() {
        return Err(UseCaseError::invalid(
            "say why the claim is changed (a reason is kept with every revision)",
        ));
    }
    let author = Author::user(author.id, &author.name);
    db.transaction(async |tx| {
        let before = storage::get_claim(tx, id).await?;
        let changes = changes_for(tx, &before, edit).await?;
        if changes.is_empty() {
            return Err(UseCaseError::invalid("the edit changes nothing"));
        }
        storage::update_claim(tx, id, version, &changes).await?;
        let after = storage::get_claim(tx, id).await?;
        record(
            tx,
            Change {
                situation: Some(after.situation_id),
                entity: RevisedEntity::Claim,
                entity_id: id.get(),
                action: if edit.review_state.is_some() && changes_only_review(edit) {
                    RevisionAction::Reviewed
                } else {
                    RevisionAction::Edited
                },
                before: Some(&ClaimFields::from(&before)),
                after: Some(&ClaimFields::from(&after)),
                author: &author,
                reason: reason.trim(),
            },
        )
        .await?;
        storage::touch_situation(tx, after.situation_id).await?;
        Ok(after)
    })
    .await
}

fn changes_only_review(edit: &ClaimEdit) -> bool {
    ClaimEdit {
        review_state: None,
        ..edit.clone()
    } == ClaimEdit::default()
}

/// The storage changes for an edit: the span checked against the source text (so the claim's
/// text stays equal to the source's bytes), the speaker checked to be of the same situation,
/// and fields equal to what is stored left out.
async fn changes_for(
    tx: &storage::Tx,
    before: &ClaimRow,
    edit: &ClaimEdit,
) -> Result<ClaimChanges, UseCaseError> {
    let mut changes = ClaimChanges::default();
    if let Some(span) = edit.span
        && span != before.span
    {
        let source = storage::get_source(tx, before.source.id).await?;
        let text = source.text.get(span.start..span.end).ok_or_else(|| {
            UseCaseError::invalid(format!(
                "the span {}..{} does not fit the {}-byte source (or cuts a character)",
                span.start,
                span.end,
                source.text.len()
            ))
        })?;
        if text.trim().is_empty() {
            return Err(UseCaseError::invalid(
                "a claim's span must cover some words",
            ));
        }
        changes.span = Some((span, text.to_string()));
    }
    changes.kind = edit.kind.filter(|k| *k != before.kind);
    changes.modality = edit.modality.filter(|m| *m != before.modality);
    if let Some(occurred) = &edit.occurred
        && *occurred != before.occurred
    {
        changes.occurred = Some(occurred.clone());
    }
    if let Some(speaker) = edit.speaker
        && speaker != before.speaker.as_ref().map(|s| s.id)
    {
        if let Some(actor) = speaker {
            let actors = storage::actors_of(tx, before.situation_id).await?;
            if !actors.iter().any(|a| a.id == actor) {
                return Err(UseCaseError::invalid(format!(
                    "actor {actor} is not one of this situation's actors"
                )));
            }
        }
        changes.speaker = Some(speaker);
    }
    changes.review_state = edit.review_state.filter(|s| *s != before.review_state);
    Ok(changes)
}
