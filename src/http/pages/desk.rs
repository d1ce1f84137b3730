//! The analyst's desk as pages: the desk (`/desk`, every situation's sources waiting), one
//! situation's desk with the forms that add material (`/situations/{slug}/review`), the review
//! screen (`/situations/{slug}/review/{source_id}`), a claim's page (`/claims/{id}`), histories
//! (`/history/{entity}/{id}`), the deleted list, and the form posts behind them. Reads go to
//! storage; every write goes through an `app` use case. A stale save answers 409 with a page
//! that shows both versions.

use super::format::{timestamp_label, when_label, when_view};
use super::situations::situation_href;
use super::source_text::{ClaimSpan, text_pieces};
use crate::app::{
    self,
    actors::{ActorEdit, Split},
    claims::{ActorPart, ActorPick, ClaimEdit},
    review::{NewArticle, NewNote},
};
use crate::domain::{
    ActorId, ActorKind, ClaimId, ClaimKind, DisputeId, MentionRole, Modality, ReviewState,
    RevisedEntity, RevisionAction, RevisionId, SourceId, SourceKind, User,
};
use crate::http::api::time::IsoDate;
use crate::http::auth::{Analyst, CsrfForm, CsrfToken, PageVisit};
use crate::http::{AppError, AppState, PageError, PagePath};
use crate::storage::{self, ActorRow, ClaimRow, SourceReviewRow};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use maud::Markup;
use sitrep_templates::desk::{
    AddMaterialView, ArticleFormView, ClaimFormView, ClaimPageView, ConflictView, DeletedView,
    DraftView, HistoryView, NoteFormView, OptionView, PredictionLineView, ProposedActorView,
    QueueItemView, QueueView, RelationLineView, ReviewView, RevisionView,
};
use sitrep_templates::view::{ActorChipView, LinkView};
use std::collections::HashMap;
use std::str::FromStr;

/// A form's fields, in order (repeated names kept, as checkboxes send them).
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn all<'a>(fields: &'a Fields, name: &str) -> impl Iterator<Item = &'a str> {
    fields
        .iter()
        .filter(move |(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn word<T: FromStr>(fields: &Fields, name: &str) -> Result<Option<T>, AppError>
where
    T::Err: std::fmt::Display,
{
    match field(fields, name).map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse::<T>()
            .map(Some)
            .map_err(|e| AppError::Unprocessable(format!("{name}: {e}"))),
    }
}

/// A place on this site to come back to; anything else (another site) is refused.
fn local_back(fields: &Fields, fallback: &str) -> String {
    match field(fields, "back") {
        Some(back) if back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') => {
            back.to_string()
        }
        _ => fallback.to_string(),
    }
}

fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

fn choices<T: Copy + PartialEq + std::fmt::Display>(all: &[T], chosen: T) -> Vec<OptionView> {
    all.iter()
        .map(|v| OptionView {
            value: v.to_string(),
            label: v.to_string().replace('_', " "),
            selected: *v == chosen,
        })
        .collect()
}

fn review_href(slug: &str, source: SourceId) -> String {
    format!("/situations/{slug}/review/{source}")
}

fn desk_href(slug: &str) -> String {
    format!("/situations/{slug}/review")
}

fn source_title(title: Option<&str>, file: Option<&str>, id: SourceId) -> String {
    title
        .filter(|t| !t.trim().is_empty())
        .or(file)
        .map(str::to_string)
        .unwrap_or_else(|| format!("Source {id}"))
}

fn kind_label(kind: SourceKind) -> String {
    kind.as_str().replace('_', " ")
}

fn queue_item(slug: &str, row: &SourceReviewRow, situation: Option<LinkView>) -> QueueItemView {
    QueueItemView {
        link: LinkView {
            label: source_title(row.title.as_deref(), row.file_name.as_deref(), row.id),
            href: review_href(slug, row.id),
        },
        situation,
        kind: kind_label(row.kind),
        recorded: timestamp_label(row.recorded_at),
        drafts: row.drafts,
        accepted: row.accepted,
        rejected: row.rejected,
        unpublished: row.unpublished,
        committed: row.committed_at.map(timestamp_label),
    }
}

/// `GET /desk`: every situation's sources waiting for review.
pub async fn show_desk(
    State(state): State<AppState>,
    Analyst(_user): Analyst,
    visit: PageVisit,
) -> Result<Markup, PageError> {
    let mut waiting = Vec::new();
    for situation in storage::list_situations(&state.db).await? {
        let link = LinkView {
            label: situation.title.clone(),
            href: desk_href(&situation.slug),
        };
        for row in storage::sources_for_review(&state.db, situation.id).await? {
            if row.waiting() {
                waiting.push(queue_item(&situation.slug, &row, Some(link.clone())));
            }
        }
    }
    let view = QueueView {
        title: "The desk".to_string(),
        situation: None,
        waiting,
        done: Vec::new(),
        add: None,
        deleted: None,
    };
    Ok(sitrep_templates::desk::queue_page(&visit.context(), &view))
}

async fn situation_desk(
    state: &AppState,
    visit: &PageVisit,
    slug: &str,
    article: ArticleFormView,
    note: NoteFormView,
) -> Result<Markup, PageError> {
    let situation = storage::get_situation(&state.db, slug).await?;
    let rows = storage::sources_for_review(&state.db, situation.id).await?;
    let (waiting, done): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r.waiting());
    let actors = storage::actors_of(&state.db, situation.id).await?;
    let note = NoteFormView {
        kinds: if note.kinds.is_empty() {
            choices(ClaimKind::ALL, ClaimKind::Event)
        } else {
            note.kinds
        },
        ..note
    };
    let view = QueueView {
        title: format!("Desk: {}", situation.title),
        situation: Some(LinkView {
            label: situation.title.clone(),
            href: situation_href(slug),
        }),
        waiting: waiting
            .into_iter()
            .map(|r| queue_item(slug, r, None))
            .collect(),
        done: done
            .into_iter()
            .map(|r| queue_item(slug, r, None))
            .collect(),
        add: Some(AddMaterialView {
            slug: slug.to_string(),
            article,
            note,
            actors: actors
                .iter()
                .filter(|a| a.review_state != ReviewState::Rejected)
                .map(|a| OptionView {
                    value: a.id.to_string(),
                    label: a.name.clone(),
                    selected: false,
                })
                .collect(),
        }),
        deleted: Some(LinkView {
            label: "Deleted claims".to_string(),
            href: format!("/situations/{slug}/deleted"),
        }),
    };
    Ok(sitrep_templates::desk::queue_page(&visit.context(), &view))
}

/// `GET /situations/{slug}/review`: one situation's desk.
pub async fn show_situation_desk(
    State(state): State<AppState>,
    Analyst(_user): Analyst,
    visit: PageVisit,
    PagePath(slug): PagePath<String>,
) -> Result<Markup, PageError> {
    situation_desk(
        &state,
        &visit,
        &slug,
        ArticleFormView::default(),
        NoteFormView::default(),
    )
    .await
}

/// A refused form comes back with what was typed and why, with the error's status.
fn refused(error: AppError, page: Markup) -> Response {
    let status = error.status();
    let mut response = (status, page).into_response();
    response
        .extensions_mut()
        .insert(crate::http::error::AppShaped);
    response
}

fn is_form_mistake(error: &AppError) -> bool {
    matches!(
        error.status(),
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::CONFLICT | StatusCode::BAD_REQUEST
    )
}

async fn add_article_from(
    state: &AppState,
    user: &User,
    visit: &PageVisit,
    slug: &str,
    fields: Fields,
    file: Option<(Option<String>, Vec<u8>)>,
) -> Result<Response, PageError> {
    let optional = |name: &str| {
        field(&fields, name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let form = ArticleFormView {
        text: field(&fields, "text").unwrap_or("").to_string(),
        title: optional("title").unwrap_or("").to_string(),
        url: optional("url").unwrap_or("").to_string(),
        publisher: optional("publisher").unwrap_or("").to_string(),
        published: optional("published").unwrap_or("").to_string(),
        error: None,
    };
    let attempt = async {
        let published = optional("published")
            .map(IsoDate::parse)
            .transpose()
            .map_err(AppError::Unprocessable)?;
        let (file_name, text) = match &file {
            Some((name, bytes)) => (
                name.clone(),
                crate::extract::validate_text(bytes)
                    .map_err(|e| AppError::Unprocessable(e.to_string()))?
                    .to_string(),
            ),
            None => (None, form.text.clone()),
        };
        let added = app::review::add_article(
            &state.db,
            user,
            NewArticle {
                situation: slug,
                text: &text,
                file_name: file_name.as_deref(),
                title: optional("title"),
                url: optional("url"),
                publisher: optional("publisher"),
                published: published.map(|d| d.0),
            },
        )
        .await?;
        Ok::<_, AppError>(added)
    };
    match attempt.await {
        Ok(added) => Ok(see_other(&review_href(slug, added.source_id))),
        Err(error) if is_form_mistake(&error) => {
            let form = ArticleFormView {
                error: Some(error.to_string()),
                ..form
            };
            let page = situation_desk(state, visit, slug, form, NoteFormView::default()).await?;
            Ok(refused(error, page))
        }
        Err(error) => Err(error.into()),
    }
}

/// `POST /situations/{slug}/sources`: a pasted article.
pub async fn add_article(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    visit: PageVisit,
    PagePath(slug): PagePath<String>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    add_article_from(&state, &user, &visit, &slug, fields, None).await
}

/// `POST /situations/{slug}/sources/upload`: an uploaded article file (multipart, with the
/// anti-forgery token as a field, checked against the cookie like every form).
pub async fn upload_article(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    visit: PageVisit,
    PagePath(slug): PagePath<String>,
    request: Request,
) -> Result<Response, PageError> {
    let expected = request
        .extensions()
        .get::<CsrfToken>()
        .map(|t| t.0.clone())
        .unwrap_or_default();
    let has_cookie = CookieJar::from_headers(request.headers())
        .get(crate::http::auth::CSRF_COOKIE)
        .is_some();
    let mut multipart = Multipart::from_request(request, &state)
        .await
        .map_err(|e| AppError::from_rejection(e.status(), e.body_text()))?;
    let mut fields: Fields = Vec::new();
    let mut file = None;
    while let Some(part) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::from_rejection(e.status(), e.body_text()))?
    {
        let name = part.name().unwrap_or("").to_string();
        let file_name = part.file_name().map(str::to_string);
        let bytes = part
            .bytes()
            .await
            .map_err(|e| AppError::from_rejection(e.status(), e.body_text()))?;
        if name == "file" {
            file = Some((file_name, bytes.to_vec()));
        } else {
            fields.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    let given = field(&fields, crate::http::auth::CSRF_FIELD).unwrap_or("");
    if !has_cookie || expected.is_empty() || !crate::http::auth::same_token(given, &expected) {
        return Err(AppError::Forbidden(
            "this form has expired or did not come from this site; reload the page and try again"
                .to_string(),
        )
        .into());
    }
    let file = file.filter(|(_, bytes)| !bytes.is_empty());
    if file.is_none() {
        return Err(AppError::Unprocessable("choose a file to upload".to_string()).into());
    }
    add_article_from(&state, &user, &visit, &slug, fields, file).await
}

/// `POST /situations/{slug}/notes`: an analyst's note.
pub async fn add_note(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    visit: PageVisit,
    PagePath(slug): PagePath<String>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let text = field(&fields, "text").unwrap_or("").to_string();
    let typed = field(&fields, "occurred").unwrap_or("").to_string();
    let kind = word::<ClaimKind>(&fields, "kind")?.unwrap_or(ClaimKind::Event);
    let attempt = async {
        let occurred = app::claims::read_typed_date(&typed, storage::now().date_naive())?;
        let mut actors = Vec::new();
        for value in all(&fields, "actor") {
            actors.push(
                value
                    .parse::<ActorId>()
                    .map_err(|_| AppError::Unprocessable(format!("no actor {value:?}")))?,
            );
        }
        let added = app::review::add_note(
            &state.db,
            &user,
            &NewNote {
                situation: &slug,
                text: &text,
                occurred,
                kind,
                actors,
            },
        )
        .await?;
        Ok::<_, AppError>(added)
    };
    match attempt.await {
        Ok(added) => Ok(see_other(&review_href(&slug, added.source_id))),
        Err(error) if is_form_mistake(&error) => {
            let note = NoteFormView {
                text,
                occurred: typed,
                kinds: choices(ClaimKind::ALL, kind),
                error: Some(error.to_string()),
            };
            let page =
                situation_desk(&state, &visit, &slug, ArticleFormView::default(), note).await?;
            Ok(refused(error, page))
        }
        Err(error) => Err(error.into()),
    }
}

/// The edit form of a claim, filled with what is stored.
fn claim_form_view(
    claim: &ClaimRow,
    actors: &[ActorRow],
    back: &str,
    prefix: &str,
) -> ClaimFormView {
    let speaker = claim.speaker.as_ref().map(|s| s.id);
    let standing: Vec<&ActorRow> = actors
        .iter()
        .filter(|a| a.review_state != ReviewState::Rejected)
        .collect();
    let mut speakers = vec![OptionView {
        value: String::new(),
        label: "no speaker (the author's own voice)".to_string(),
        selected: speaker.is_none(),
    }];
    speakers.extend(standing.iter().map(|a| OptionView {
        value: a.id.to_string(),
        label: a.name.clone(),
        selected: Some(a.id) == speaker,
    }));
    let mut seen = std::collections::HashSet::new();
    let parts: Vec<OptionView> = claim
        .actors
        .iter()
        .filter(|a| a.role != MentionRole::Speaker)
        .filter(|a| seen.insert((a.id, a.role)))
        .map(|a| OptionView {
            value: format!("{}:{}", a.id, a.role),
            label: format!("{} ({})", a.name, a.role),
            selected: true,
        })
        .collect();
    let mut states = vec![OptionView {
        value: String::new(),
        label: format!("keep ({})", claim.review_state),
        selected: true,
    }];
    states.extend(ReviewState::ALL.iter().map(|s| OptionView {
        value: s.to_string(),
        label: s.to_string(),
        selected: false,
    }));
    ClaimFormView {
        action: format!("/claims/{}/edit", claim.id),
        back: back.to_string(),
        version: claim.version,
        text: claim.text.clone(),
        kinds: choices(ClaimKind::ALL, claim.kind),
        modalities: choices(Modality::ALL, claim.modality),
        speakers,
        occurred: claim
            .occurred
            .as_ref()
            .map(|w| {
                w.words()
                    .map(str::to_string)
                    .unwrap_or_else(|| when_label(w))
            })
            .unwrap_or_default(),
        occurred_now: claim.occurred.as_ref().map(|w| {
            format!(
                "{} ({})",
                when_label(w),
                w.precision().as_str().replace('_', " ")
            )
        }),
        actors: parts,
        addable: standing
            .iter()
            .map(|a| OptionView {
                value: a.id.to_string(),
                label: a.name.clone(),
                selected: false,
            })
            .collect(),
        roles: choices(
            &[
                MentionRole::Subject,
                MentionRole::Object,
                MentionRole::Mentioned,
            ],
            MentionRole::Mentioned,
        ),
        actor_kinds: choices(ActorKind::ALL, ActorKind::Organisation),
        states,
        reason: String::new(),
        id_prefix: prefix.to_string(),
    }
}

fn draft_view(
    claim: &ClaimRow,
    actors: &[ActorRow],
    back: &str,
    warnings: &[storage::WarningRow],
    predictions: &[crate::domain::PredictionRecord],
    disputes: &[storage::DisputeRow],
) -> DraftView {
    let speaker_id = claim.speaker.as_ref().map(|s| s.id);
    let mut shown = std::collections::HashSet::new();
    DraftView {
        id: claim.id.to_string(),
        text: claim.text.clone(),
        kind: claim.kind.to_string(),
        modality: claim.modality.to_string(),
        state: claim.review_state.to_string(),
        published: claim.published_at.is_some(),
        occurred: claim.occurred.as_ref().map(when_view),
        speaker: claim.speaker.as_ref().map(|s| s.name.clone()),
        actors: claim
            .actors
            .iter()
            .filter(|a| a.role != MentionRole::Speaker && Some(a.id) != speaker_id)
            .filter(|a| shown.insert(a.id))
            .map(|a| ActorChipView {
                name: a.name.clone(),
                kind: a.kind.to_string(),
                role: a.role.to_string(),
            })
            .collect(),
        warnings: warnings
            .iter()
            .filter(|w| w.claim == Some(claim.id))
            .map(|w| w.message.clone())
            .collect(),
        prediction: predictions
            .iter()
            .find(|p| p.prediction.claim == claim.id)
            .map(|p| PredictionLineView {
                hedge: p
                    .prediction
                    .hedge
                    .clone()
                    .map(|h| format!("\u{201c}{h}\u{201d}"))
                    .unwrap_or_else(|| "no hedge".to_string()),
                probability: p
                    .prediction
                    .probability
                    .map(|p| p.describe())
                    .unwrap_or_else(|| "no probability".to_string()),
                due: p
                    .prediction
                    .due
                    .as_ref()
                    .map(|d| {
                        let label = when_label(d);
                        if p.prediction.due_inferred {
                            format!("{label} (inferred)")
                        } else {
                            label
                        }
                    })
                    .unwrap_or_else(|| "not given".to_string()),
                href: format!("/predictions/{}", p.prediction.id),
            }),
        disputed_by: disputes
            .iter()
            .filter(|d| d.claim == claim.id || d.other_claim == claim.id)
            .map(|d| {
                let other = d.counterpart(claim.id);
                LinkView {
                    label: format!("claim {other}"),
                    href: format!("/claims/{other}"),
                }
            })
            .collect(),
        version: claim.version,
        form: claim_form_view(claim, actors, back, &format!("c{}", claim.id)),
        href: format!("/claims/{}", claim.id),
    }
}

/// `GET /situations/{slug}/review/{source_id}`: the review screen.
pub async fn show_review(
    State(state): State<AppState>,
    Analyst(_user): Analyst,
    visit: PageVisit,
    PagePath((slug, source_id)): PagePath<(String, SourceId)>,
) -> Result<Response, PageError> {
    let db = &state.db;
    let source = storage::get_source(db, source_id).await?;
    if source.situation_slug != slug {
        return Ok(see_other(&review_href(&source.situation_slug, source_id)));
    }
    let claims = storage::claims_of_source(db, source_id).await?;
    let actors = storage::actors_of(db, source.situation_id).await?;
    let warnings = storage::warnings_of_source(db, source_id).await?;
    let predictions = storage::predictions_of_source(db, source_id).await?;
    let disputes = storage::disputes_of(db, source.situation_id).await?;
    let proposed = storage::actors_proposed_by(db, source_id).await?;
    let relations = storage::relations_of_source(db, source_id).await?;
    let back = review_href(&slug, source_id);
    let name_of = |id: ActorId| {
        actors
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| format!("actor {id}"))
    };
    let spans: Vec<ClaimSpan> = claims
        .iter()
        .filter(|c| c.review_state != ReviewState::Rejected)
        .map(|c| ClaimSpan {
            id: c.id,
            start: c.span.start,
            end: c.span.end,
        })
        .collect();
    let view = ReviewView {
        title: source_title(
            source.title.as_deref(),
            source.file_name.as_deref(),
            source.id,
        ),
        desk: LinkView {
            label: format!("Desk: {}", source.situation_title),
            href: desk_href(&slug),
        },
        source: LinkView {
            label: "the source as readers see it".to_string(),
            href: format!("/sources/{source_id}"),
        },
        kind: kind_label(source.kind),
        committed: source.committed_at.map(timestamp_label),
        pieces: text_pieces(&source.text, &spans, None),
        waiting: claims
            .iter()
            .filter(|c| c.review_state == ReviewState::Draft)
            .count(),
        drafts: claims
            .iter()
            .map(|c| draft_view(c, &actors, &back, &warnings, &predictions, &disputes))
            .collect(),
        actors: proposed
            .iter()
            .map(|a| proposed_actor_view(a, &actors))
            .collect(),
        relations: relations
            .iter()
            .map(|r| {
                let rel = &r.relation;
                RelationLineView {
                    label: format!(
                        "{} \u{2192} {}: {} ({})",
                        name_of(rel.source),
                        name_of(rel.target),
                        rel.kind.replace('_', " "),
                        rel.polarity
                    ),
                    state: rel.review_state.to_string(),
                }
            })
            .collect(),
        source_id: source_id.to_string(),
        notice: None,
    };
    Ok(sitrep_templates::desk::review_page(&visit.context(), &view).into_response())
}

fn proposed_actor_view(actor: &ActorRow, everyone: &[ActorRow]) -> ProposedActorView {
    let suggestions = app::actors::link_suggestions(actor, everyone);
    let mut link_to: Vec<OptionView> = suggestions
        .iter()
        .map(|a| OptionView {
            value: a.id.to_string(),
            label: format!("{} (suggested)", a.name),
            selected: false,
        })
        .collect();
    link_to.extend(
        everyone
            .iter()
            .filter(|a| a.id != actor.id && !suggestions.iter().any(|s| s.id == a.id))
            .map(|a| OptionView {
                value: a.id.to_string(),
                label: a.name.clone(),
                selected: false,
            }),
    );
    let parent = actor.parent.as_ref().map(|p| p.id);
    let mut parents = vec![OptionView {
        value: String::new(),
        label: "none".to_string(),
        selected: parent.is_none(),
    }];
    parents.extend(
        everyone
            .iter()
            .filter(|a| a.id != actor.id)
            .map(|a| OptionView {
                value: a.id.to_string(),
                label: a.name.clone(),
                selected: Some(a.id) == parent,
            }),
    );
    ProposedActorView {
        id: actor.id.to_string(),
        name: actor.name.clone(),
        kinds: choices(ActorKind::ALL, actor.kind),
        aliases: actor.aliases.join(", "),
        parents,
        state: match actor.merged_into {
            Some(into) => format!(
                "merged into {}",
                everyone
                    .iter()
                    .find(|a| a.id == into)
                    .map(|a| a.name.as_str())
                    .unwrap_or("another actor")
            ),
            None => actor.review_state.to_string(),
        },
        merged: actor.merged_into.is_some(),
        version: actor.version,
        link_to,
        history: format!("/history/actor/{}", actor.id),
    }
}

/// What the edit form asked for, as the use case's edit.
fn edit_from_form(
    claim: &ClaimRow,
    source_text: &str,
    fields: &Fields,
) -> Result<ClaimEdit, AppError> {
    let mut edit = ClaimEdit {
        kind: word(fields, "kind")?,
        modality: word(fields, "modality")?,
        review_state: word(fields, "review_state")?,
        ..ClaimEdit::default()
    };
    if let Some(text) = field(fields, "text")
        && text.trim() != claim.text.trim()
    {
        edit.span = Some(app::claims::locate_words(source_text, text, claim.span)?);
    }
    if let Some(speaker) = field(fields, "speaker") {
        let speaker = speaker.trim();
        edit.speaker = Some(if speaker.is_empty() {
            None
        } else {
            Some(
                speaker
                    .parse::<ActorId>()
                    .map_err(|_| AppError::Unprocessable(format!("no actor {speaker:?}")))?,
            )
        });
    }
    if let Some(typed) = field(fields, "occurred") {
        let typed = typed.trim();
        let stored = claim
            .occurred
            .as_ref()
            .map(|w| {
                w.words()
                    .map(str::to_string)
                    .unwrap_or_else(|| when_label(w))
            })
            .unwrap_or_default();
        if typed != stored {
            edit.occurred = Some(if typed.is_empty() {
                None
            } else {
                Some(app::claims::read_typed_date(
                    typed,
                    app::claims::reference_day(claim),
                )?)
            });
        }
    }
    // The actors: the boxes left ticked, an added one, a new one.
    if field(fields, "version").is_some() && fields.iter().any(|(n, _)| n == "text") {
        let mut parts = Vec::new();
        for value in all(fields, "actor") {
            let (id, role) = value.split_once(':').unwrap_or((value, "mentioned"));
            let id = id
                .parse::<ActorId>()
                .map_err(|_| AppError::Unprocessable(format!("no actor {value:?}")))?;
            let role = role
                .parse::<MentionRole>()
                .map_err(|e| AppError::Unprocessable(e.to_string()))?;
            parts.push(ActorPart {
                actor: ActorPick::Existing(id),
                role,
            });
        }
        let role = word(fields, "add_role")?.unwrap_or(MentionRole::Mentioned);
        if let Some(added) = word::<ActorId>(fields, "add_actor")? {
            parts.push(ActorPart {
                actor: ActorPick::Existing(added),
                role,
            });
        }
        if let Some(name) = field(fields, "new_actor")
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            parts.push(ActorPart {
                actor: ActorPick::New {
                    name: name.to_string(),
                    kind: word(fields, "new_actor_kind")?.unwrap_or(ActorKind::Organisation),
                },
                role,
            });
        }
        let current: Vec<(ActorId, MentionRole)> = claim
            .actors
            .iter()
            .filter(|a| a.role != MentionRole::Speaker)
            .map(|a| (a.id, a.role))
            .collect();
        let same = parts.len() == current.len()
            && parts.iter().all(|p| match p.actor {
                ActorPick::Existing(id) => current.contains(&(id, p.role)),
                ActorPick::New { .. } => false,
            });
        if !same {
            edit.actors = Some(parts);
        }
    }
    Ok(edit)
}

fn claim_rows(claim: &ClaimRow) -> Vec<(String, String)> {
    vec![
        ("words".to_string(), claim.text.clone()),
        ("kind".to_string(), claim.kind.to_string()),
        ("modality".to_string(), claim.modality.to_string()),
        (
            "speaker".to_string(),
            claim
                .speaker
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_else(|| "none".to_string()),
        ),
        (
            "occurred".to_string(),
            claim.occurred.as_ref().map(when_label).unwrap_or_default(),
        ),
        ("review".to_string(), claim.review_state.to_string()),
        ("version".to_string(), claim.version.to_string()),
    ]
}

/// `POST /claims/{id}/edit`: saves the edit form; a stale save shows both versions (409).
pub async fn edit_claim(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    visit: PageVisit,
    PagePath(id): PagePath<ClaimId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let claim = storage::get_claim(&state.db, id).await?;
    let back = local_back(&fields, &format!("/claims/{id}"));
    let version: i64 = word(&fields, "version")?
        .ok_or_else(|| AppError::Unprocessable("the form has no version".to_string()))?;
    let reason = field(&fields, "reason").unwrap_or("").to_string();
    let outcome = async {
        let source = storage::get_source(&state.db, claim.source.id).await?;
        let edit = edit_from_form(&claim, &source.text, &fields)?;
        Ok::<_, AppError>(
            app::claims::edit_claim(&state.db, &user, id, version, &edit, &reason).await?,
        )
    }
    .await;
    match outcome {
        Ok(_) => Ok(see_other(&format!("{back}#draft-{id}"))),
        Err(AppError::Conflict(message)) => {
            let actors = storage::actors_of(&state.db, claim.situation_id).await?;
            let mut form = claim_form_view(&claim, &actors, &back, "again");
            form.text = field(&fields, "text").unwrap_or(&claim.text).to_string();
            form.occurred = field(&fields, "occurred").unwrap_or("").to_string();
            form.reason = reason.clone();
            let yours: Vec<(String, String)> = [
                "text",
                "kind",
                "modality",
                "speaker",
                "occurred",
                "review_state",
                "version",
            ]
            .iter()
            .map(|name| {
                let value = field(&fields, name).unwrap_or("").to_string();
                let value = if *name == "speaker" {
                    value
                        .parse::<ActorId>()
                        .ok()
                        .and_then(|id| actors.iter().find(|a| a.id == id))
                        .map(|a| a.name.clone())
                        .unwrap_or_else(|| "none".to_string())
                } else {
                    value
                };
                (name.replace("text", "words").replace('_', " "), value)
            })
            .collect();
            let view = ConflictView {
                what: format!("claim {id}"),
                message,
                yours,
                theirs: claim_rows(&claim),
                form,
                back,
            };
            let page = sitrep_templates::desk::conflict_page(&visit.context(), &view);
            Ok(refused(AppError::Conflict(String::new()), page))
        }
        Err(error) => Err(error.into()),
    }
}

/// `POST /claims/{id}/review`: the accept and reject buttons.
pub async fn review_claim(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<ClaimId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let state_wanted: ReviewState = word(&fields, "review_state")?
        .ok_or_else(|| AppError::Unprocessable("accept or reject".to_string()))?;
    let version: i64 = word(&fields, "version")?
        .ok_or_else(|| AppError::Unprocessable("the form has no version".to_string()))?;
    let reason = match state_wanted {
        ReviewState::Accepted => "accepted in review",
        ReviewState::Rejected => "rejected in review",
        ReviewState::Draft => "reopened for review",
    };
    let edit = ClaimEdit {
        review_state: Some(state_wanted),
        ..ClaimEdit::default()
    };
    app::claims::edit_claim(&state.db, &user, id, version, &edit, reason).await?;
    let back = local_back(&fields, &format!("/claims/{id}"));
    Ok(see_other(&format!("{back}#draft-{id}")))
}

async fn source_back(state: &AppState, id: SourceId) -> Result<String, AppError> {
    let source = storage::get_source(&state.db, id).await?;
    Ok(review_href(&source.situation_slug, id))
}

/// `POST /sources/{id}/review-remaining`.
pub async fn review_remaining(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<SourceId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let wanted: ReviewState = word(&fields, "review_state")?
        .ok_or_else(|| AppError::Unprocessable("accept or reject".to_string()))?;
    let reason = field(&fields, "reason")
        .filter(|r| !r.trim().is_empty())
        .unwrap_or(match wanted {
            ReviewState::Rejected => "rejected the remaining drafts",
            _ => "accepted the remaining drafts",
        })
        .to_string();
    app::review::review_remaining(&state.db, &user, id, wanted, &reason).await?;
    Ok(see_other(&source_back(&state, id).await?))
}

/// `POST /sources/{id}/commit`.
pub async fn commit_review(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<SourceId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let accept_pending = field(&fields, "accept_pending").is_some();
    let reason = field(&fields, "reason")
        .filter(|r| !r.trim().is_empty())
        .unwrap_or("committed the review")
        .to_string();
    app::review::commit_review(&state.db, &user, id, accept_pending, &reason).await?;
    Ok(see_other(&source_back(&state, id).await?))
}

async fn actor_back(state: &AppState, id: ActorId) -> Result<String, AppError> {
    let actor = storage::get_actor(&state.db, id).await?;
    Ok(match actor.proposed_by {
        Some(source) => format!("{}#actor-{id}", source_back(state, source).await?),
        None => format!("/history/actor/{id}"),
    })
}

/// `POST /actors/{id}/edit`: accept, reject, or edit kind, name, aliases and parent.
pub async fn edit_actor(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<ActorId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let version: i64 = word(&fields, "version")?
        .ok_or_else(|| AppError::Unprocessable("the form has no version".to_string()))?;
    let parent = match field(&fields, "parent") {
        None => None,
        Some(p) if p.trim().is_empty() => Some(None),
        Some(p) => {
            Some(Some(p.trim().parse::<ActorId>().map_err(|_| {
                AppError::Unprocessable(format!("no actor {p:?}"))
            })?))
        }
    };
    let edit = ActorEdit {
        name: field(&fields, "name").map(str::to_string),
        kind: word(&fields, "kind")?,
        aliases: field(&fields, "aliases").map(|a| {
            a.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        }),
        parent,
        review_state: word(&fields, "review_state")?,
    };
    let reason = field(&fields, "reason").unwrap_or("");
    app::actors::edit_actor(&state.db, &user, id, version, &edit, reason).await?;
    Ok(see_other(&actor_back(&state, id).await?))
}

/// `POST /actors/{id}/merge`: link a proposed actor to an existing one.
pub async fn merge_actor(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<ActorId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let into: ActorId = word(&fields, "into")?
        .ok_or_else(|| AppError::Unprocessable("choose the actor to link to".to_string()))?;
    let reason = field(&fields, "reason")
        .filter(|r| !r.trim().is_empty())
        .unwrap_or("the same actor");
    app::actors::merge_actors(&state.db, &user, id, into, reason).await?;
    Ok(see_other(&actor_back(&state, id).await?))
}

/// `POST /actors/{id}/split`: undo a merge.
pub async fn split_actor(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<ActorId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let reason = field(&fields, "reason")
        .filter(|r| !r.trim().is_empty())
        .unwrap_or("not the same actor after all");
    app::actors::split_actor(&state.db, &user, id, &Split::UndoMerge, reason).await?;
    Ok(see_other(&actor_back(&state, id).await?))
}

/// `GET /claims/{id}`: a claim with its edit form, disputes and delete button.
pub async fn show_claim(
    State(state): State<AppState>,
    Analyst(_user): Analyst,
    visit: PageVisit,
    PagePath(id): PagePath<ClaimId>,
) -> Result<Markup, PageError> {
    let db = &state.db;
    let claim = storage::get_claim(db, id).await?;
    let source = storage::get_source(db, claim.source.id).await?;
    let actors = storage::actors_of(db, claim.situation_id).await?;
    let disputes: Vec<_> = storage::disputes_of_claim(db, id)
        .await?
        .into_iter()
        .filter(|d| d.withdrawn_at.is_none())
        .collect();
    let others = storage::claims_of_source(db, claim.source.id).await?;
    let page = storage::claims_page(
        db,
        &source.situation_slug,
        &storage::ClaimPageRequest {
            after: None,
            limit: storage::MAX_PAGE_SIZE,
            visibility: storage::Visibility::Unrejected,
        },
    )
    .await?;
    let mut candidates: Vec<ClaimRow> = page.claims;
    candidates.extend(others);
    let mut seen = std::collections::HashSet::new();
    let dispute_candidates = candidates
        .iter()
        .filter(|c| c.id != id && seen.insert(c.id))
        .filter(|c| !disputes.iter().any(|d| d.counterpart(id) == c.id))
        .map(|c| OptionView {
            value: c.id.to_string(),
            label: format!("{}: {}", c.id, c.text.chars().take(90).collect::<String>()),
            selected: false,
        })
        .collect();
    let mut tags = vec![
        ("kind".to_string(), claim.kind.to_string()),
        ("review".to_string(), claim.review_state.to_string()),
    ];
    if claim.deleted_at.is_some() {
        tags.push(("review".to_string(), "deleted".to_string()));
    }
    if !disputes.is_empty() {
        tags.push(("modality".to_string(), "disputed".to_string()));
    }
    let view = ClaimPageView {
        id: id.to_string(),
        text: claim.text.clone(),
        tags,
        occurred: claim.occurred.as_ref().map(when_view),
        speaker: claim.speaker.as_ref().map(|s| s.name.clone()),
        links: vec![
            LinkView {
                label: "in its source".to_string(),
                href: super::claims::claim_source_href(claim.source.id, id),
            },
            LinkView {
                label: "its review".to_string(),
                href: review_href(&source.situation_slug, claim.source.id),
            },
            LinkView {
                label: "history".to_string(),
                href: format!("/history/claim/{id}"),
            },
            LinkView {
                label: source.situation_title.clone(),
                href: situation_href(&source.situation_slug),
            },
        ],
        form: claim_form_view(&claim, &actors, &format!("/claims/{id}"), "claim"),
        disputes: disputes
            .iter()
            .map(|d| {
                let other = d.counterpart(id);
                (
                    LinkView {
                        label: format!("claim {other}"),
                        href: format!("/claims/{other}"),
                    },
                    d.id.to_string(),
                    d.reason.clone(),
                )
            })
            .collect(),
        dispute_candidates,
        deleted: claim.deleted_at.is_some(),
        version: claim.version,
    };
    Ok(sitrep_templates::desk::claim_page(&visit.context(), &view))
}

/// `POST /claims/{id}/delete`.
pub async fn delete_claim(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<ClaimId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let version = word(&fields, "version")?;
    let reason = field(&fields, "reason").unwrap_or("");
    app::claims::delete_claim(&state.db, &user, id, version, reason).await?;
    Ok(see_other(&local_back(&fields, &format!("/claims/{id}"))))
}

/// `POST /claims/{id}/restore`.
pub async fn restore_claim(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<ClaimId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let version = word(&fields, "version")?;
    let reason = field(&fields, "reason").unwrap_or("");
    app::claims::restore_claim(&state.db, &user, id, version, reason).await?;
    Ok(see_other(&local_back(&fields, &format!("/claims/{id}"))))
}

/// `POST /claims/{id}/disputes`.
pub async fn mark_dispute(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<ClaimId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let with: ClaimId = word(&fields, "with")?
        .ok_or_else(|| AppError::Unprocessable("choose the disputing claim".to_string()))?;
    let reason = field(&fields, "reason").unwrap_or("");
    app::disputes::mark_dispute(&state.db, &user, id, with, reason).await?;
    Ok(see_other(&format!("/claims/{id}#disputes")))
}

/// `POST /disputes/{id}/withdraw`.
pub async fn withdraw_dispute(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<DisputeId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let reason = field(&fields, "reason")
        .filter(|r| !r.trim().is_empty())
        .unwrap_or("withdrawn");
    app::disputes::withdraw_dispute(&state.db, &user, id, reason).await?;
    Ok(see_other(&local_back(&fields, "/desk")))
}

/// A JSON value as a history shows it: actors by name, times with their precision, moments as
/// dates, plain words unquoted.
fn shown(field: &str, value: &serde_json::Value, names: &HashMap<i64, String>) -> String {
    use serde_json::Value;
    let actor = |id: i64| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("actor {id}"))
    };
    if let Ok(when) = serde_json::from_value::<crate::domain::When>(value.clone()) {
        return format!(
            "{} ({})",
            when_label(&when),
            when.precision().as_str().replace('_', " ")
        );
    }
    match (field, value) {
        (_, Value::Null) => "—".to_string(),
        ("speaker" | "parent" | "merged_into", Value::Number(n)) => {
            n.as_i64().map(actor).unwrap_or_else(|| n.to_string())
        }
        ("actors", Value::Array(parts)) => parts
            .iter()
            .map(|part| {
                let id = part["actor"].as_i64().map(actor).unwrap_or_default();
                format!("{id} ({})", part["role"].as_str().unwrap_or("mentioned"))
            })
            .collect::<Vec<_>>()
            .join(", "),
        ("moved", moved) => {
            let count: usize = moved["moved"]
                .as_object()
                .map(|rows| {
                    rows.values()
                        .filter_map(Value::as_array)
                        .map(Vec::len)
                        .sum()
                })
                .unwrap_or(0);
            let from = moved["from"].as_i64().map(actor).unwrap_or_default();
            let to = moved["to"].as_i64().map(actor).unwrap_or_default();
            format!("{count} references from {from} to {to}")
        }
        (name, Value::String(text)) if name.ends_with("_at") => {
            chrono::DateTime::parse_from_rfc3339(text)
                .map(|t| timestamp_label(t.with_timezone(&chrono::Utc)))
                .unwrap_or_else(|_| text.clone())
        }
        (_, Value::String(text)) => text.clone(),
        (_, other) => other.to_string(),
    }
}

fn revertible(entity: RevisedEntity, action: RevisionAction) -> bool {
    match entity {
        RevisedEntity::Claim | RevisedEntity::Dispute => true,
        RevisedEntity::Actor => matches!(
            action,
            RevisionAction::Edited
                | RevisionAction::Reviewed
                | RevisionAction::Reverted
                | RevisionAction::Merged
                | RevisionAction::Split
        ),
        _ => false,
    }
}

/// `GET /history/{entity}/{id}`: the history of a claim, an actor or a dispute, newest first,
/// each revision with its diff and a revert button.
pub async fn show_history(
    State(state): State<AppState>,
    Analyst(_user): Analyst,
    visit: PageVisit,
    PagePath((entity, id)): PagePath<(String, i64)>,
) -> Result<Markup, PageError> {
    let entity: RevisedEntity = entity
        .parse()
        .map_err(|e: crate::domain::UnknownWord| AppError::NotFound(e.to_string()))?;
    let (title, back, situation) = match entity {
        RevisedEntity::Claim => {
            let claim = storage::get_claim(&state.db, ClaimId::new(id)).await?;
            (
                format!("claim {id}"),
                format!("/claims/{id}"),
                Some(claim.situation_id),
            )
        }
        RevisedEntity::Actor => {
            let actor = storage::get_actor(&state.db, ActorId::new(id)).await?;
            let situation = storage::actor_situation(&state.db, actor.id).await?;
            (actor.name, format!("/actors/{id}"), Some(situation))
        }
        other => (format!("{other} {id}"), "/desk".to_string(), None),
    };
    let names: HashMap<i64, String> = match situation {
        Some(situation) => storage::actors_of(&state.db, situation)
            .await?
            .into_iter()
            .map(|a| (a.id.get(), a.name))
            .collect(),
        None => HashMap::new(),
    };
    let mut revisions = storage::revisions_of(&state.db, entity, id).await?;
    revisions.reverse();
    let view = HistoryView {
        title: title.clone(),
        back: LinkView {
            label: title,
            href: back,
        },
        revisions: revisions
            .into_iter()
            .map(|r| RevisionView {
                id: r.id.to_string(),
                action: r.action.to_string(),
                author: r.author.name.clone(),
                at: timestamp_label(r.created_at),
                reason: r.reason.clone(),
                changes: app::revisions::changed_fields(r.before.as_ref(), r.after.as_ref())
                    .into_iter()
                    .map(|c| {
                        (
                            c.field.replace('_', " "),
                            shown(&c.field, &c.before, &names),
                            shown(&c.field, &c.after, &names),
                        )
                    })
                    .collect(),
                revertible: revertible(r.entity, r.action),
            })
            .collect(),
    };
    Ok(sitrep_templates::desk::history_page(
        &visit.context(),
        &view,
    ))
}

/// `POST /revisions/{id}/revert`.
pub async fn revert_revision(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    PagePath(id): PagePath<RevisionId>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Result<Response, PageError> {
    let reverted =
        app::revert::revert_revision(&state.db, &user, id, field(&fields, "reason").unwrap_or(""))
            .await?;
    Ok(see_other(&format!(
        "/history/{}/{}",
        reverted.entity, reverted.entity_id
    )))
}

/// `GET /situations/{slug}/deleted`.
pub async fn show_deleted(
    State(state): State<AppState>,
    Analyst(_user): Analyst,
    visit: PageVisit,
    PagePath(slug): PagePath<String>,
) -> Result<Markup, PageError> {
    let situation = storage::get_situation(&state.db, &slug).await?;
    let claims = storage::deleted_claims(&state.db, situation.id).await?;
    let view = DeletedView {
        desk: LinkView {
            label: format!("Desk: {}", situation.title),
            href: desk_href(&slug),
        },
        claims: claims
            .into_iter()
            .map(|c| {
                (
                    c.text.clone(),
                    c.deleted_at.map(timestamp_label).unwrap_or_default(),
                    format!("/claims/{}", c.id),
                    c.id.to_string(),
                    c.version,
                )
            })
            .collect(),
    };
    Ok(sitrep_templates::desk::deleted_page(
        &visit.context(),
        &view,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_places_are_gone_back_to() {
        let form = |back: &str| vec![("back".to_string(), back.to_string())];
        assert_eq!(local_back(&form("/claims/3"), "/x"), "/claims/3");
        assert_eq!(local_back(&form("//evil.example"), "/x"), "/x");
        assert_eq!(local_back(&form("https://evil.example"), "/x"), "/x");
        assert_eq!(local_back(&Vec::new(), "/x"), "/x");
    }
}
