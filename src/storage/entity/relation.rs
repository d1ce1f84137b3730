//! The `relation` table: a relation between two actors read from a claim.

use sea_orm::entity::prelude::*;

/// One row of `relation`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "relation")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The situation.
    pub situation_id: i64,
    /// The acting actor.
    pub source_actor_id: i64,
    /// The actor acted upon.
    pub target_actor_id: i64,
    /// The lexicon name of the relation.
    pub kind: String,
    /// Cooperative, hostile, affiliation or neutral.
    pub polarity: String,
    /// Start of the validity.
    pub valid_earliest: Option<DateTime>,
    /// End of the validity.
    pub valid_latest: Option<DateTime>,
    /// Precision of the validity; NULL when unknown.
    pub valid_precision: Option<String>,
    /// Words of the validity.
    pub valid_words: Option<String>,
    /// Whether the validity is approximate.
    pub valid_approximate: bool,
    /// The claim behind it.
    pub claim_id: Option<i64>,
    /// First byte of the words that express it, in the claim's source.
    pub span_start: Option<i64>,
    /// One past the last byte.
    pub span_end: Option<i64>,
    /// Draft, accepted or rejected.
    pub review_state: String,
    /// When Sitrep recorded it.
    pub recorded_at: DateTimeUtc,
    /// Edit version, from 1.
    pub version: i64,
    /// When it was published to readers (accepted and committed); `None` until then.
    pub published_at: Option<DateTimeUtc>,
}

/// Joins are written out in the repository functions, so no relations are declared here.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
