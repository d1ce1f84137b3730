//! The `claim` table: one clause that says something, with its three clocks.

use sea_orm::entity::prelude::*;

/// One row of `claim`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "claim")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The situation.
    pub situation_id: i64,
    /// The source it was read from.
    pub source_id: i64,
    /// The observation (dated section) it belongs to.
    pub observation_id: Option<i64>,
    /// Position within the source, from 0.
    pub ordinal: i64,
    /// The clause, as written.
    pub text: String,
    /// First byte in the source.
    pub span_start: i64,
    /// One past the last byte.
    pub span_end: i64,
    /// Statement, event, assessment or prediction.
    pub kind: String,
    /// Asserted, reported, denied or hypothetical.
    pub modality: String,
    /// Start of the time the claim is about.
    pub occurred_earliest: Option<DateTime>,
    /// End of the time the claim is about.
    pub occurred_latest: Option<DateTime>,
    /// Precision of the occurred time; NULL when undated.
    pub occurred_precision: Option<String>,
    /// Words of the occurred time.
    pub occurred_words: Option<String>,
    /// Whether the occurred time is approximate.
    pub occurred_approximate: bool,
    /// Start of the time it was reported.
    pub reported_earliest: Option<DateTime>,
    /// End of the time it was reported.
    pub reported_latest: Option<DateTime>,
    /// Precision of the reported time; NULL when unknown.
    pub reported_precision: Option<String>,
    /// Words of the reported time.
    pub reported_words: Option<String>,
    /// Whether the reported time is approximate.
    pub reported_approximate: bool,
    /// When Sitrep recorded it.
    pub recorded_at: DateTimeUtc,
    /// Who said it.
    pub speaker_actor_id: Option<i64>,
    /// Draft, accepted or rejected.
    pub review_state: String,
    /// When it was soft-deleted.
    pub deleted_at: Option<DateTimeUtc>,
    /// The rule that inferred the occurred time; `None` when the text states it.
    pub occurred_basis: Option<String>,
    /// Edit version, from 1.
    pub version: i64,
    /// When it was published to readers (accepted and committed); `None` until then.
    pub published_at: Option<DateTimeUtc>,
    /// When it last changed in any way a reader could see: recorded, edited or published.
    pub touched_at: Option<DateTimeUtc>,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
