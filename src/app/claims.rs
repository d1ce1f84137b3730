//! Editing a claim: an analyst corrects its span, kind, modality, date, speaker, actors or review
//! state, from the version they saw; deletes it (softly) or restores it. Each change and its
//! revision are one transaction, and a save from a stale version is refused rather than
//! overwriting a newer one. [`apply_edit`] is the one path every claim change takes (the review
//! desk's accept, reject and commit, reverts, deletes), so each is recorded the same way.

use super::UseCaseError;
use super::revisions::{Change, record};
use crate::domain::{
    ActorId, ActorKind, Author, ClaimId, ClaimKind, MentionRole, Modality, ReviewState,
    RevisedEntity, RevisionAction, Span, User, When,
};
use crate::storage::insert::NewClaimActor;
use crate::storage::{self, ActorBook, ClaimChanges, ClaimRow, Database, NewActor, Tx};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// One actor's part in a claim, as revisions record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimActorFields {
    /// The actor.
    pub actor: ActorId,
    /// Its part.
    pub role: MentionRole,
    /// Where the claim names it.
    pub span: Option<Span>,
}

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
    /// The actors it involves, with their parts.
    #[serde(default)]
    pub actors: Vec<ClaimActorFields>,
    /// Draft, accepted or rejected.
    pub review_state: ReviewState,
    /// When it was published to readers.
    #[serde(default)]
    pub published_at: Option<DateTime<Utc>>,
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
            actors: claim
                .actors
                .iter()
                .map(|a| ClaimActorFields {
                    actor: a.id,
                    role: a.role,
                    span: a.span,
                })
                .collect(),
            review_state: claim.review_state,
            published_at: claim.published_at,
            deleted_at: claim.deleted_at,
            version: claim.version,
        }
    }
}

/// An actor chosen for a claim: one the situation has, or a new one to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorPick {
    /// An existing actor of the claim's situation.
    Existing(ActorId),
    /// A new actor, created with the edit.
    New {
        /// Its name.
        name: String,
        /// What sort of actor.
        kind: ActorKind,
    },
}

/// One actor part chosen in an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorPart {
    /// Which actor.
    pub actor: ActorPick,
    /// Its part.
    pub role: MentionRole,
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
    /// The claim's actors, replacing the ones it has (speaker parts are kept from `speaker`).
    pub actors: Option<Vec<ActorPart>>,
    /// A new review state.
    pub review_state: Option<ReviewState>,
    /// Publish (`Some(Some(t))`) or withdraw from readers (`Some(None)`).
    pub published_at: Option<Option<DateTime<Utc>>>,
    /// Soft-delete (`Some(Some(t))`) or restore (`Some(None)`).
    pub deleted_at: Option<Option<DateTime<Utc>>>,
}

/// Refuses accounts that may not change the record.
pub(crate) fn analyst(user: &User, what: &str) -> Result<Author, UseCaseError> {
    if !user.is_analyst() {
        return Err(UseCaseError::Forbidden(format!("only analysts can {what}")));
    }
    Ok(Author::user(user.id, &user.name))
}

/// The reason given, trimmed; refused when blank.
pub(crate) fn reason_given(reason: &str) -> Result<&str, UseCaseError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(UseCaseError::invalid(
            "say why (a reason is kept with every revision)",
        ));
    }
    Ok(reason)
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
    let author = analyst(author, "edit claims")?;
    let reason = reason_given(reason)?;
    db.transaction(async |tx| {
        let action = if changes_only_review(edit) {
            RevisionAction::Reviewed
        } else {
            RevisionAction::Edited
        };
        apply_edit(tx, &author, id, Some(version), edit, reason, action).await
    })
    .await
}

/// Soft-deletes a claim (it leaves every view and the "deleted" list can restore it).
pub async fn delete_claim(
    db: &Database,
    author: &User,
    id: ClaimId,
    version: Option<i64>,
    reason: &str,
) -> Result<ClaimRow, UseCaseError> {
    set_deleted(db, author, id, version, reason, true).await
}

/// Restores a soft-deleted claim.
pub async fn restore_claim(
    db: &Database,
    author: &User,
    id: ClaimId,
    version: Option<i64>,
    reason: &str,
) -> Result<ClaimRow, UseCaseError> {
    set_deleted(db, author, id, version, reason, false).await
}

async fn set_deleted(
    db: &Database,
    author: &User,
    id: ClaimId,
    version: Option<i64>,
    reason: &str,
    delete: bool,
) -> Result<ClaimRow, UseCaseError> {
    let author = analyst(author, "delete or restore claims")?;
    let reason = reason_given(reason)?;
    db.transaction(async |tx| {
        let current = storage::get_claim(tx, id).await?;
        if current.deleted_at.is_some() == delete {
            return Err(UseCaseError::invalid(if delete {
                format!("claim {id} is already deleted")
            } else {
                format!("claim {id} is not deleted")
            }));
        }
        let edit = ClaimEdit {
            deleted_at: Some(delete.then(storage::now)),
            ..ClaimEdit::default()
        };
        let action = if delete {
            RevisionAction::Deleted
        } else {
            RevisionAction::Restored
        };
        apply_edit(tx, &author, id, version, &edit, reason, action).await
    })
    .await
}

fn changes_only_review(edit: &ClaimEdit) -> bool {
    edit.review_state.is_some()
        && ClaimEdit {
            review_state: None,
            ..edit.clone()
        } == ClaimEdit::default()
}

/// Applies an edit inside `tx` and records its revision with `action`: the one path of every
/// claim change. `version` is the version the edit was made from (`None`: whatever is stored,
/// for changes that cannot go stale, such as a commit). Returns the claim as it now is.
pub async fn apply_edit(
    tx: &Tx,
    author: &Author,
    id: ClaimId,
    version: Option<i64>,
    edit: &ClaimEdit,
    reason: &str,
    action: RevisionAction,
) -> Result<ClaimRow, UseCaseError> {
    let before = storage::get_claim(tx, id).await?;
    let version = version.unwrap_or(before.version);
    if version != before.version {
        return Err(storage::StorageError::Conflict {
            message: format!(
                "claim {id} was changed by someone else (it is at version {}, the edit was made \
                 from version {version}); reload it and make the change again",
                before.version
            ),
        }
        .into());
    }
    let (changes, parts) = changes_for(tx, author, &before, edit).await?;
    if changes.is_empty() && parts.is_none() {
        return Err(UseCaseError::invalid("the edit changes nothing"));
    }
    storage::update_claim(tx, id, version, &changes).await?;
    if let Some(parts) = parts {
        storage::replace_claim_actors(tx, id, &parts).await?;
    }
    let after = storage::get_claim(tx, id).await?;
    record(
        tx,
        Change {
            situation: Some(after.situation_id),
            entity: RevisedEntity::Claim,
            entity_id: id.get(),
            action,
            before: Some(&ClaimFields::from(&before)),
            after: Some(&ClaimFields::from(&after)),
            author,
            reason,
        },
    )
    .await?;
    storage::touch_situation(tx, after.situation_id).await?;
    Ok(after)
}

/// The storage changes for an edit: the span checked against the source text (so the claim's
/// text stays equal to the source's bytes), actors checked to be of the same situation (new
/// ones created), and fields equal to what is stored left out. The actor parts are returned
/// when they change.
async fn changes_for(
    tx: &Tx,
    author: &Author,
    before: &ClaimRow,
    edit: &ClaimEdit,
) -> Result<(ClaimChanges, Option<Vec<NewClaimActor>>), UseCaseError> {
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
    let situation_actors = storage::actors_of(tx, before.situation_id).await?;
    let known = |actor: ActorId| -> Result<(), UseCaseError> {
        if situation_actors.iter().any(|a| a.id == actor) {
            Ok(())
        } else {
            Err(UseCaseError::invalid(format!(
                "actor {actor} is not one of this situation's actors"
            )))
        }
    };
    let speaker_before = before.speaker.as_ref().map(|s| s.id);
    if let Some(speaker) = edit.speaker
        && speaker != speaker_before
    {
        if let Some(actor) = speaker {
            known(actor)?;
        }
        changes.speaker = Some(speaker);
    }
    changes.review_state = edit.review_state.filter(|s| *s != before.review_state);
    if let Some(published_at) = edit.published_at
        && published_at != before.published_at
    {
        changes.published_at = Some(published_at);
    }
    if let Some(deleted_at) = edit.deleted_at
        && deleted_at.is_some() != before.deleted_at.is_some()
    {
        changes.deleted_at = Some(deleted_at);
    }

    // Actor parts: the edit's list (or the stored one), with the speaker's part following the
    // speaker; a part kept from before keeps the span of its mention.
    let speaker_after = changes.speaker.unwrap_or(speaker_before);
    let mut wanted: Vec<(ActorId, MentionRole)> = match &edit.actors {
        None => before.actors.iter().map(|a| (a.id, a.role)).collect(),
        Some(parts) => {
            let mut book = None;
            let mut chosen = Vec::new();
            for part in parts {
                let id = match &part.actor {
                    ActorPick::Existing(id) => {
                        known(*id)?;
                        *id
                    }
                    ActorPick::New { name, kind } => {
                        if book.is_none() {
                            book = Some(ActorBook::load(tx, before.situation_id).await?);
                        }
                        let Some(book) = book.as_mut() else {
                            continue;
                        };
                        new_actor(tx, author, book, before, name, *kind).await?
                    }
                };
                chosen.push((id, part.role));
            }
            chosen
        }
    };
    wanted.retain(|(_, role)| *role != MentionRole::Speaker);
    if let Some(speaker) = speaker_after {
        wanted.insert(0, (speaker, MentionRole::Speaker));
    }
    let mut seen = std::collections::HashSet::new();
    wanted.retain(|part| seen.insert(*part));
    let stored: Vec<(ActorId, MentionRole)> = {
        let mut seen = std::collections::HashSet::new();
        before
            .actors
            .iter()
            .map(|a| (a.id, a.role))
            .filter(|part| seen.insert(*part))
            .collect()
    };
    let parts = if wanted == stored {
        None
    } else {
        Some(
            wanted
                .into_iter()
                .map(|(actor, role)| NewClaimActor {
                    claim: before.id,
                    actor,
                    role,
                    span: before
                        .actors
                        .iter()
                        .find(|a| a.id == actor && a.role == role)
                        .and_then(|a| a.span),
                })
                .collect(),
        )
    };
    Ok((changes, parts))
}

/// Creates (or finds, by name or alias) an actor named in a claim edit, recording its creation.
async fn new_actor(
    tx: &Tx,
    author: &Author,
    book: &mut ActorBook,
    claim: &ClaimRow,
    name: &str,
    kind: ActorKind,
) -> Result<ActorId, UseCaseError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(UseCaseError::invalid("a new actor needs a name"));
    }
    let (id, created) = book
        .link_or_create(
            tx,
            NewActor {
                name: &name,
                kind,
                aliases: &[],
                external_id: None,
                candidate: false,
                review_state: ReviewState::Accepted,
                proposed_by: None,
            },
        )
        .await?;
    if created {
        let row = storage::get_actor(tx, id).await?;
        record::<(), _>(
            tx,
            Change {
                situation: Some(claim.situation_id),
                entity: RevisedEntity::Actor,
                entity_id: id.get(),
                action: RevisionAction::Created,
                before: None,
                after: Some(&super::actors::ActorFields::from(&row)),
                author,
                reason: &format!("named in claim {}", claim.id),
            },
        )
        .await?;
    }
    Ok(id)
}

/// Reads a date typed by an analyst ("12 Jan 2022", "January 2022", "evening of 12 Jan",
/// "2022-01-12"), keeping the precision it was typed with; a partial date takes the year
/// nearest `reference` (the claim's report date). The typed words are kept with it.
pub fn read_typed_date(typed: &str, reference: NaiveDate) -> Result<When, UseCaseError> {
    let typed = typed.trim();
    let refuse = || {
        UseCaseError::invalid(format!(
            "cannot read {typed:?} as a date; write it like 12 Jan 2022, January 2022 or \
             evening of 12 Jan 2022"
        ))
    };
    if typed.is_empty() {
        return Err(refuse());
    }
    let found = crate::extract::timex::find(typed, reference.and_time(NaiveTime::MIN));
    // The date must be the whole of what was typed (give or take punctuation), not a date
    // somewhere inside other words.
    let timex = found.into_iter().find(|t| {
        let rest: String = format!("{}{}", &typed[..t.span.start], &typed[t.span.end..]);
        rest.chars().all(|c| !c.is_alphanumeric())
    });
    let when = timex.and_then(|t| t.to_when(typed)).ok_or_else(refuse)?;
    Ok(when.with_words(typed))
}

/// Where `words` stand in `text`: the occurrence nearest `near` (the span being corrected), so
/// an analyst corrects a span by editing its words rather than counting bytes.
pub fn locate_words(text: &str, words: &str, near: Span) -> Result<Span, UseCaseError> {
    let words = words.trim();
    if words.is_empty() {
        return Err(UseCaseError::invalid(
            "a claim's span must cover some words",
        ));
    }
    text.match_indices(words)
        .map(|(start, _)| Span::new(start, start + words.len()))
        .min_by_key(|span| span.start.abs_diff(near.start))
        .ok_or_else(|| {
            UseCaseError::invalid(format!(
                "the words {words:?} are not in the source text; a claim's span is always                  words of its source"
            ))
        })
}

/// The day a claim's typed dates are read against: its report date, else today.
pub fn reference_day(claim: &ClaimRow) -> NaiveDate {
    claim
        .reported
        .as_ref()
        .and_then(When::earliest)
        .map(|t| t.date())
        .unwrap_or_else(|| storage::now().date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Precision;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn typed_dates_keep_their_precision() {
        let reference = day(2022, 1, 14);
        let cases = [
            ("12 Jan 2022", Precision::Day, "2022-01-12"),
            ("January 2022", Precision::Month, "2022-01-01"),
            ("evening of 12 Jan", Precision::PartOfDay, "2022-01-12"),
            ("2022-01-19", Precision::Day, "2022-01-19"),
        ];
        for (typed, precision, start) in cases {
            let when = read_typed_date(typed, reference).unwrap();
            assert_eq!(when.precision(), precision, "{typed}");
            assert_eq!(
                when.earliest().unwrap().date().to_string(),
                start,
                "{typed}"
            );
            assert_eq!(when.words(), Some(typed));
        }
    }

    #[test]
    fn words_are_found_nearest_the_span_they_correct() {
        let text = "Troops left. Then troops left again.";
        let near = Span::new(18, 35);
        assert_eq!(
            locate_words(text, "troops left", near).unwrap(),
            Span::new(18, 29)
        );
        assert!(locate_words(text, "tanks", near).is_err());
    }

    #[test]
    fn words_that_are_no_date_are_refused() {
        for typed in [
            "",
            "soon-ish",
            "the day Shoygu spoke",
            "12 Jan 2022 and later talks",
        ] {
            assert!(read_typed_date(typed, day(2022, 1, 14)).is_err(), "{typed}");
        }
    }
}
