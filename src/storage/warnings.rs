//! Extraction warnings on the read side: what the extractor found odd in a source, for the
//! analyst reviewing it.

use super::entity::warning;
use super::values::{offset_from_column, word};
use super::{Conn, StorageError};
use crate::domain::{ClaimId, SourceId, Span, WarningId, WarningKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// A stored warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningRow {
    /// Its id.
    pub id: WarningId,
    /// The source it concerns.
    pub source: SourceId,
    /// The claim it concerns.
    pub claim: Option<ClaimId>,
    /// What sort.
    pub kind: WarningKind,
    /// A sentence for the analyst.
    pub message: String,
    /// The words concerned.
    pub span: Span,
}

/// A source's warnings, in text order.
pub async fn warnings_of_source(
    conn: &impl Conn,
    source: SourceId,
) -> Result<Vec<WarningRow>, StorageError> {
    warning::Entity::find()
        .filter(warning::Column::SourceId.eq(source.get()))
        .order_by_asc(warning::Column::SpanStart)
        .order_by_asc(warning::Column::Id)
        .all(&conn.executor())
        .await?
        .into_iter()
        .map(|w| {
            Ok(WarningRow {
                id: WarningId::new(w.id),
                source: SourceId::new(w.source_id),
                claim: w.claim_id.map(ClaimId::new),
                kind: word("warning kind", &w.kind)?,
                span: Span::new(
                    offset_from_column(w.span_start),
                    offset_from_column(w.span_end),
                ),
                message: w.message,
            })
        })
        .collect()
}
