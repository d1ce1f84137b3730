//! Sources: one stored article or note with its verbatim text, and its observations.

use super::entity::{observation, situation, source};
use super::values::{offset_from_column, when_from_columns, word};
use super::{Conn, StorageError};
use crate::domain::{
    DocumentFormat, ObservationId, SituationId, SourceId, SourceKind, Span, UserId, When,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// A source with its text and observations.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    /// Its id.
    pub id: SourceId,
    /// The situation it is filed under.
    pub situation_id: SituationId,
    /// That situation's slug, for links and API paths.
    pub situation_slug: String,
    /// That situation's title, for breadcrumbs.
    pub situation_title: String,
    /// The file it was imported from.
    pub file_name: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Canonical address.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// ISO 639-1 language code.
    pub language: String,
    /// How it was read.
    pub format: DocumentFormat,
    /// The verbatim text every span points into.
    pub text: String,
    /// SHA-256 of the text, lowercase hex.
    pub content_hash: String,
    /// When it was stored.
    pub recorded_at: DateTime<Utc>,
    /// Its dated sections, in text order.
    pub observations: Vec<ObservationRow>,
    /// An article or an analyst's note.
    pub kind: SourceKind,
    /// The account that wrote it, for an analyst's note.
    pub author_user: Option<UserId>,
    /// When an analyst committed its review; `None` while it waits.
    pub committed_at: Option<DateTime<Utc>>,
}

/// A dated section of a source.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservationRow {
    /// Its id.
    pub id: ObservationId,
    /// Position within the source, from 0.
    pub ordinal: i64,
    /// Heading text; empty for a whole-document observation.
    pub heading: String,
    /// The section's bytes in the source text.
    pub span: Span,
    /// The section's date with its precision.
    pub date: Option<When>,
}

/// The source with this id, the situation it is filed under and its observations, or
/// [`StorageError::NotFound`].
pub async fn get_source(conn: &impl Conn, id: SourceId) -> Result<SourceRow, StorageError> {
    let exec = conn.executor();
    let row = source::Entity::find_by_id(id.get())
        .one(&exec)
        .await?
        .ok_or_else(|| StorageError::not_found("source", id))?;
    let (situation_slug, situation_title) = situation::Entity::find_by_id(row.situation_id)
        .select_only()
        .column(situation::Column::Slug)
        .column(situation::Column::Title)
        .into_tuple::<(String, String)>()
        .one(&exec)
        .await?
        // The foreign key makes this unreachable short of a corrupt database.
        .ok_or_else(|| StorageError::not_found("situation", row.situation_id))?;
    let observations = observations_of(conn, id).await?;
    Ok(SourceRow {
        id,
        situation_id: SituationId::new(row.situation_id),
        situation_slug,
        situation_title,
        file_name: row.file_name,
        title: row.title,
        publisher: row.publisher,
        author: row.author,
        url: row.url,
        published: row.published,
        language: row.language,
        format: word("document format", &row.format)?,
        text: row.text,
        content_hash: row.content_hash,
        recorded_at: row.recorded_at,
        observations,
        kind: word("source kind", &row.kind)?,
        author_user: row.author_user_id.map(UserId::new),
        committed_at: row.committed_at,
    })
}

/// The source of this situation whose text has this content hash, if one was stored.
pub async fn source_with_hash(
    conn: &impl Conn,
    situation: SituationId,
    content_hash: &str,
) -> Result<Option<SourceId>, StorageError> {
    Ok(source::Entity::find()
        .select_only()
        .column(source::Column::Id)
        .filter(source::Column::SituationId.eq(situation.get()))
        .filter(source::Column::ContentHash.eq(content_hash))
        .into_tuple::<i64>()
        .one(&conn.executor())
        .await?
        .map(SourceId::new))
}

/// A source's observations, in text order.
pub async fn observations_of(
    conn: &impl Conn,
    source: SourceId,
) -> Result<Vec<ObservationRow>, StorageError> {
    observation::Entity::find()
        .filter(observation::Column::SourceId.eq(source.get()))
        .order_by_asc(observation::Column::Ordinal)
        .all(&conn.executor())
        .await?
        .into_iter()
        .map(|o| {
            Ok(ObservationRow {
                date: observation_date(&o)?,
                id: ObservationId::new(o.id),
                ordinal: o.ordinal,
                heading: o.heading,
                span: Span::new(
                    offset_from_column(o.span_start),
                    offset_from_column(o.span_end),
                ),
            })
        })
        .collect()
}

/// An observation's date, read from its columns.
pub(crate) fn observation_date(o: &observation::Model) -> Result<Option<When>, StorageError> {
    when_from_columns(
        "observation date",
        o.date_earliest,
        o.date_latest,
        o.date_precision.as_deref(),
        o.date_words.as_deref(),
        o.date_approximate,
    )
}
